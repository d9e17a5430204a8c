package org.torch4j.conformance;

import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.TestFactory;

/** matmul in every broadcasting case, mm, bmm, mv, dot, outer, addmm, baddbmm and einsum. Reference: {@code tensor_linalg.json}. */
class LinalgTest {

    @TestFactory
    Stream<DynamicNode> pytorchReference() {
        return Conformance.cases("linalg");
    }
}
