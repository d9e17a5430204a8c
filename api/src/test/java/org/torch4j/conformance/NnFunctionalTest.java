package org.torch4j.conformance;

import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.TestFactory;

/**
 * {@code torch.nn.functional} through the kit's op table (convolutions, pooling, softmax, losses; values and, through
 * the {@code grad} op, gradients) on inputs the PyTorch fuzz found mishandled: non-finite values, windows that never
 * fit, output padding beside dilation. Reference: {@code tensor_nn.json}.
 */
class NnFunctionalTest {

    @TestFactory
    Stream<DynamicNode> pytorchReference() {
        return Conformance.cases("nn");
    }
}
