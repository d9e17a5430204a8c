package org.torch4j.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.torch4j.DType;
import org.torch4j.Tensor;

/** PyTorch's type promotion (promote_types, result_type, tensor-tensor, 0-dim and scalar operands) and dtype conversions between all dtypes. Reference: {@code tensor_promotion.json}. */
class PromotionTest {

    @TestFactory
    Stream<DynamicNode> pytorchReference() {
        return Conformance.cases("promotion");
    }

    /**
     * linspace bit for bit: the reference cases above allow assert_close's tolerance, which an ulp off
     * passes; values used as phases (audio's phase vocoder) or grid points should be PyTorch's exactly.
     */
    @TestFactory
    Stream<DynamicNode> linspaceIsExact() {
        return Reference.cases("tensor_promotion.json").stream().filter(c -> ((String) c.get("name")).startsWith("linspace"))
                .map(c -> DynamicTest.dynamicTest((String) c.get("name"), () -> {
                    @SuppressWarnings("unchecked")
                    Map<String, Object> expected = ((List<Map<String, Object>>) c.get("out")).get(0);
                    @SuppressWarnings("unchecked")
                    Tensor got = (Tensor) Ops.run((String) c.get("op"), new Ops.Args((List<Object>) c.get("args")));
                    @SuppressWarnings("unchecked")
                    List<Object> data = (List<Object>) expected.get("data");
                    double[] values = got.toDoubleArray();
                    boolean single = got.dtype() == DType.FLOAT32;
                    for (int i = 0; i < values.length; i++) {
                        double e = ((Number) data.get(i)).doubleValue();
                        assertEquals(single ? (float) e : e, values[i], 0.0, c.get("name") + ": element " + i);
                    }
                }));
    }
}
