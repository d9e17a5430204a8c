package org.torch4j.conformance;

import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.TestFactory;

/**
 * Every layer of {@code org.torch4j.nn} (and the functional forms without a module) against PyTorch
 * 1.13: outputs, input and parameter gradients, buffers, state_dict keys, repr, and float64 gradcheck
 * ({@code reference/nn/layers.json}, written by {@code tools/gen_nn_reference.py}).
 */
class NnLayerTest {
    @TestFactory
    Stream<DynamicNode> layers() {
        return NnReference.cases("layers.json");
    }
}
