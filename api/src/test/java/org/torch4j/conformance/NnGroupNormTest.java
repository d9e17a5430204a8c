package org.torch4j.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.torch4j.DType;
import org.torch4j.GradCheck;
import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.nn.F;
import org.torch4j.profiler.Profiler;

/**
 * group_norm where the backend's group-norm kernels run (groups of one channel and of all, planes of 1, 37 and 64
 * values, a 5-d input, a transposed input), against {@code tools/gen_group_norm_reference.py}: outputs and first
 * gradients in float32 and float64, the second-order term in float64 (composed from the input again when a graph of
 * the backward is built), plus gradcheck and gradgradcheck.
 */
class NnGroupNormTest {

    @Test
    @SuppressWarnings("unchecked")
    void outputsAndGradientsMatchPyTorch() {
        Map<String, Object> ref = (Map<String, Object>) Reference.load("nn/group_norm.json");
        double eps = ((Number) ref.get("eps")).doubleValue();
        for (Map.Entry<String, Object> e : ((Map<String, Object>) ref.get("cases")).entrySet()) {
            Map<String, Object> c = (Map<String, Object>) e.getValue();
            long groups = ((Number) c.get("groups")).longValue();
            for (DType dtype : new DType[] {DType.FLOAT32, DType.FLOAT64}) {
                String name = e.getKey() + "/" + dtype;
                Map<String, Object> want = (Map<String, Object>) c.get(dtype == DType.FLOAT32 ? "float32" : "float64");
                Tensor x = Reference.tensor(c.get("x")).to(dtype);
                if ((Boolean) c.get("transposed")) x = x.transpose(2, 3).contiguous().transpose(2, 3);
                x.requiresGrad_(true);
                Tensor w = c.containsKey("weight") ? Reference.tensor(c.get("weight")).to(dtype).requiresGrad_(true) : null;
                Tensor b = c.containsKey("bias") ? Reference.tensor(c.get("bias")).to(dtype).requiresGrad_(true) : null;
                Tensor y = F.groupNorm(x, groups, w, b, eps);
                Reference.assertTensor(want.get("y"), y, name + " output");
                NormGradients.assertMatch(c, want, y, x, w, b, dtype, Reference.tolerance(dtype)[0], Reference.tolerance(dtype)[1], name);
            }
        }
    }

    @Test
    void theBackendKernelsRunForwardAndBackward() {
        Tensor x = Torch.randn(3, 4, 37).requiresGrad_(true), w = Torch.randn(4).requiresGrad_(true);
        try (Profiler p = Profiler.builder().start()) {
            Tensor y = F.groupNorm(x, 2, w, null, 1e-5);
            assertEquals("NativeGroupNormBackward0", y.gradFn().name());
            y.sum().backward();
            p.close();
            assertNotNull(p.keyAverages().get("cpu::groupNorm"), "forward kernel");
            assertNotNull(p.keyAverages().get("cpu::groupNormBackward"), "backward kernel");
        }
        assertNotNull(x.grad());
        assertNotNull(w.grad());
    }

    @Test
    void gradientsOnlyWhereWanted() {
        Tensor x = Torch.randn(3, 4, 5).requiresGrad_(true), w = Torch.randn(4), b = Torch.randn(4).requiresGrad_(true);
        F.groupNorm(x, 2, w, b, 1e-5).sum().backward();
        assertNull(w.grad());
        // d/db sum(y) = the number of values per channel: 3 samples of 5 positions
        assertEquals(Torch.full(new long[] {4}, 15.0).toString(), b.grad().toString());
    }

    @Test
    void gradcheckAndGradgradcheckInFloat64() {
        Torch.manualSeed(3);
        Tensor x = Torch.randn(new long[] {2, 6, 3, 5}, DType.FLOAT64).requiresGrad_(true);
        Tensor w = Torch.randn(new long[] {6}, DType.FLOAT64).requiresGrad_(true);
        Tensor b = Torch.randn(new long[] {6}, DType.FLOAT64).requiresGrad_(true);
        assertTrue(GradCheck.gradcheck(in -> F.groupNorm(in[0], 3, in[1], in[2], 1e-5), x, w, b));
        assertTrue(GradCheck.gradgradcheck(in -> F.groupNorm(in[0], 3, in[1], in[2], 1e-5), x, w, b));
    }
}
