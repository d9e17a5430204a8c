package org.torch4j.conformance;

import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.TestFactory;

/**
 * The third round of nn layers (fractional max pooling, ...) against PyTorch 1.13 as {@link NnExtraTest}
 * checks the earlier ones: outputs and gradients in float32 (contiguous and transposed inputs) and float64,
 * reprs and state_dict keys, gradcheck and gradgradcheck in float64 ({@code reference/nn/nn3_layers.json},
 * written by {@code tools/gen_nn3_reference.py}; the kinds are built by {@link Nn3Cases}).
 */
class Nn3Test {

    @TestFactory
    Stream<DynamicNode> layers() {
        return NnReference.cases("nn3_layers.json", Nn3Cases::build);
    }
}
