package org.torch4j.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.torch4j.DType;
import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.amp.Autocast;
import org.torch4j.nn.F;

/**
 * {@code Torch.autocast("cpu", bfloat16)} against PyTorch 1.13 ({@code tools/gen_amp_reference.py}):
 * which ops run in bfloat16, which in float32, which are left alone, nesting, and gradients.
 */
class AutocastTest {

    private static final Map<String, Function<List<Tensor>, Tensor>> OPS = Map.of(
            "matmul", a -> a.get(0).matmul(a.get(1)),
            "mm", a -> a.get(0).mm(a.get(1)),
            "linear", a -> F.linear(a.get(0), a.get(1), a.get(2)),
            "conv2d", a -> F.conv2d(a.get(0), a.get(1), a.get(2), 1, 1),
            "mm_float64", a -> a.get(0).mm(a.get(1)),
            "mse_loss", a -> F.mseLoss(a.get(0), a.get(1)));

    @SuppressWarnings("unchecked")
    private static List<Tensor> args(Map<String, Object> c) {
        return ((List<Object>) c.get("args")).stream().map(Reference::tensor).toList();
    }

    @TestFactory
    Stream<DynamicTest> opsUnderCpuAutocastMatchPyTorch() {
        return Reference.cases("amp/autocast.json").stream().filter(c -> OPS.containsKey((String) c.get("name")))
                .map(c -> DynamicTest.dynamicTest((String) c.get("name"), () -> {
                    List<Tensor> a = args(c);
                    if (c.get("name").equals("mse_loss")) a = List.of(a.get(0).to(DType.BFLOAT16), a.get(1)); // a bfloat16 activation
                    Tensor out;
                    try (var ac = Torch.autocast("cpu", DType.BFLOAT16)) {
                        out = OPS.get((String) c.get("name")).apply(a);
                    }
                    assertBfloat16Close(c.get("out"), out, (String) c.get("name"));
                }));
    }

    /**
     * dtype and shape exactly; values to bfloat16 precision at the result's scale (2^-6 of its largest
     * magnitude): where a sum cancels, the point at which each library rounds its products and the bias
     * to bfloat16 moves the result by a fraction of the terms' ulp, not of the result's.
     */
    @SuppressWarnings("unchecked")
    private static void assertBfloat16Close(Object spec, Tensor got, String ctx) {
        Map<String, Object> m = (Map<String, Object>) spec;
        assertEquals(DType.of((String) m.get("dtype")), got.dtype(), ctx + ": dtype");
        org.junit.jupiter.api.Assertions.assertArrayEquals(Reference.longs((List<Object>) m.get("shape")), got.shape(), ctx + ": shape");
        List<Object> data = Reference.data(m);
        double[] g = got.toDoubleArray();
        double scale = 0;
        for (Object o : data) scale = Math.max(scale, Math.abs(Reference.number(o)));
        for (int i = 0; i < g.length; i++) {
            double e = Reference.number(data.get(i));
            assertTrue(Math.abs(g[i] - e) <= 0x1p-6 * scale, ctx + ": element " + i + " expected " + e + " but got " + g[i] + " (scale " + scale + ")");
        }
    }

    private static Map<String, Object> reference(String name) {
        return Reference.cases("amp/autocast.json").stream().filter(c -> c.get("name").equals(name)).findFirst().orElseThrow();
    }

    @Test
    void disabledInsideAndOutsideTheScopeOpsKeepFloat32() {
        List<Tensor> a = args(reference("matmul_disabled"));
        try (var on = Torch.autocast("cpu")) {
            assertTrue(Autocast.isEnabled("cpu"));
            try (var off = Torch.autocast("cpu", DType.BFLOAT16, false)) {
                assertFalse(Autocast.isEnabled("cpu"));
                Reference.assertTensor(reference("matmul_disabled").get("out"), a.get(0).matmul(a.get(1)), "disabled inside");
            }
            assertEquals(DType.BFLOAT16, a.get(0).matmul(a.get(1)).dtype(), "re-enabled when the inner scope closes");
        }
        assertFalse(Autocast.isEnabled("cpu"));
        Reference.assertTensor(reference("matmul_outside").get("out"), a.get(0).matmul(a.get(1)), "after the scope");
    }

    @Test
    void gradientsReachTheFloat32LeavesInFloat32() {
        Map<String, Object> c = reference("matmul_backward");
        List<Tensor> in = args(c);
        Tensor a = in.get(0).requiresGrad_(), b = in.get(1).requiresGrad_();
        Tensor y;
        try (var ac = Torch.autocast("cpu", DType.BFLOAT16)) {
            y = a.matmul(b);
        }
        assertBfloat16Close(c.get("out"), y, "forward");
        y.toFloat().pow(2).sum().backward();
        // float32 gradients of a bfloat16 product: PyTorch computes them in bfloat16, then casts
        assertBfloat16Close(c.get("grad_a"), a.grad(), "grad a");
        assertBfloat16Close(c.get("grad_b"), b.grad(), "grad b");
    }

    @Test
    void rejectsDtypesPyTorchRejects() {
        assertEquals("In CPU autocast, but the target dtype is not supported. CPU Autocast only supports dtype of torch.bfloat16 currently.",
                assertThrows(IllegalArgumentException.class, () -> Torch.autocast("cpu", DType.FLOAT16)).getMessage());
        assertThrows(IllegalArgumentException.class, () -> Torch.autocast("cuda", DType.FLOAT32));
        assertFalse(Autocast.isEnabled("cpu"));
    }
}
