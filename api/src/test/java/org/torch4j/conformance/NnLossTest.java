package org.torch4j.conformance;

import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.TestFactory;

/**
 * Every loss of {@code org.torch4j.nn} against PyTorch 1.13, each reduction: the loss, its gradients
 * with respect to input (and target where PyTorch has one), and float64 gradcheck
 * ({@code reference/nn/losses.json}, written by {@code tools/gen_nn_reference.py}).
 */
class NnLossTest {
    @TestFactory
    Stream<DynamicNode> losses() {
        return NnReference.cases("losses.json");
    }
}
