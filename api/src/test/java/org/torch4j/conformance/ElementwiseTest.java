package org.torch4j.conformance;

import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.TestFactory;

/** Elementwise ops (arithmetic, transcendental, activation, comparison, logical, bitwise, predicates, where/lerp/addcmul) and in-place ops, including writes through views, for every dtype, against PyTorch. Reference: {@code tensor_elementwise.json}. */
class ElementwiseTest {

    @TestFactory
    Stream<DynamicNode> pytorchReference() {
        return Conformance.cases("elementwise");
    }
}
