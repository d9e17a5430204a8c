package org.torch4j.conformance;

import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.TestFactory;

/** PyTorch's type promotion (promote_types, result_type, tensor-tensor, 0-dim and scalar operands) and dtype conversions between all dtypes. Reference: {@code tensor_promotion.json}. */
class PromotionTest {

    @TestFactory
    Stream<DynamicNode> pytorchReference() {
        return Conformance.cases("promotion");
    }
}
