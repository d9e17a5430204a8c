package org.torch4j.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.torch4j.DType;
import org.torch4j.GradCheck;
import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.nn.F;
import org.torch4j.profiler.Profiler;

/**
 * layer_norm where the backend's fused kernels run (rows of 37, 64 and 256: whole vectors and tails, two
 * normalized dims, a transposed input, one column), against {@code tools/gen_layer_norm_reference.py}:
 * outputs and first gradients in float32 and float64, the second-order term in float64 (composed from the
 * input again when a graph of the backward is built), plus gradcheck and gradgradcheck.
 */
class NnLayerNormTest {

    @SuppressWarnings("unchecked")
    private static Map<String, Object> reference() {
        return (Map<String, Object>) Reference.load("nn/layer_norm.json");
    }

    @Test
    @SuppressWarnings("unchecked")
    void outputsAndGradientsMatchPyTorch() {
        Map<String, Object> ref = reference();
        double eps = ((Number) ref.get("eps")).doubleValue();
        for (Map.Entry<String, Object> e : ((Map<String, Object>) ref.get("cases")).entrySet()) {
            Map<String, Object> c = (Map<String, Object>) e.getValue();
            long[] normalized = ((List<Object>) c.get("normalized_shape")).stream().mapToLong(v -> ((Number) v).longValue()).toArray();
            for (DType dtype : new DType[] {DType.FLOAT32, DType.FLOAT64}) {
                String name = e.getKey() + "/" + dtype;
                Map<String, Object> want = (Map<String, Object>) c.get(dtype == DType.FLOAT32 ? "float32" : "float64");
                Tensor x = Reference.tensor(c.get("x")).to(dtype);
                if ((Boolean) c.get("transposed")) x = x.transpose(0, 1).contiguous().transpose(0, 1);
                x.requiresGrad_(true);
                Tensor w = c.containsKey("weight") ? Reference.tensor(c.get("weight")).to(dtype).requiresGrad_(true) : null;
                Tensor b = c.containsKey("bias") ? Reference.tensor(c.get("bias")).to(dtype).requiresGrad_(true) : null;
                Tensor y = F.layerNorm(x, normalized, w, b, eps);
                Reference.assertTensor(want.get("y"), y, name + " output");
                // a row of one element is its own mean, so x - mean and the input gradient are exactly 0 here; PyTorch's
                // float32 mean is off by a rounding step, which rstd = 1/sqrt(eps) magnifies to 3e-5
                double atol = e.getKey().equals("one_column") && dtype == DType.FLOAT32 ? 1e-4 : Reference.tolerance(dtype)[1];
                NormGradients.assertMatch(c, want, y, x, w, b, dtype, Reference.tolerance(dtype)[0], atol, name);
            }
        }
    }

    @Test
    void theBackendKernelsRunForwardAndBackward() {
        Tensor x = Torch.randn(4, 37).requiresGrad_(true), w = Torch.randn(37).requiresGrad_(true);
        try (Profiler p = Profiler.builder().start()) {
            Tensor y = F.layerNorm(x, new long[] {37}, w, null, 1e-5);
            assertEquals("NativeLayerNormBackward0", y.gradFn().name());
            y.sum().backward();
            p.close();
            assertNotNull(p.keyAverages().get("cpu::layerNorm"), "forward kernel");
            assertNotNull(p.keyAverages().get("cpu::layerNormBackward"), "backward kernel");
        }
        assertNotNull(x.grad());
        assertNotNull(w.grad());
    }

    @Test
    void gradientsOnlyWhereWanted() {
        Tensor x = Torch.randn(3, 20).requiresGrad_(true), w = Torch.randn(20), b = Torch.randn(20).requiresGrad_(true);
        F.layerNorm(x, new long[] {20}, w, b, 1e-5).sum().backward();
        assertNull(w.grad());
        assertNotNull(b.grad());
        // d/db sum(y) = the number of rows in every column
        assertEquals(Torch.full(new long[] {20}, 3.0).toString(), b.grad().toString());
    }

    @Test
    void gradcheckAndGradgradcheckInFloat64() {
        Torch.manualSeed(3);
        Tensor x = Torch.randn(new long[] {3, 37}, DType.FLOAT64).requiresGrad_(true);
        Tensor w = Torch.randn(new long[] {37}, DType.FLOAT64).requiresGrad_(true);
        Tensor b = Torch.randn(new long[] {37}, DType.FLOAT64).requiresGrad_(true);
        assertTrue(GradCheck.gradcheck(in -> F.layerNorm(in[0], new long[] {37}, in[1], in[2], 1e-5), x, w, b));
        assertTrue(GradCheck.gradgradcheck(in -> F.layerNorm(in[0], new long[] {37}, in[1], in[2], 1e-5), x, w, b));
    }
}
