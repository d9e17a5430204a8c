package org.torch4j.conformance;

import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.TestFactory;

/** Tensor.toString() compared character by character with PyTorch's str(tensor). Reference: {@code tensor_print.json}. */
class PrintTest {

    @TestFactory
    Stream<DynamicNode> pytorchReference() {
        return Conformance.cases("print");
    }
}
