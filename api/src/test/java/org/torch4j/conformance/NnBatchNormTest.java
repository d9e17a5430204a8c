package org.torch4j.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
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
 * Batch norm in training mode where the backend's fused kernels run (planes of 272 values: a float block and a
 * tail; of 40; of one value), against {@code tools/gen_batch_norm_reference.py}: outputs, running statistics and first
 * gradients in float32 and float64, the second-order term in float64 (composed when a graph of the backward is
 * built); plus gradcheck and gradgradcheck, and the same results through the composition for a channels-last input.
 */
class NnBatchNormTest {

    @SuppressWarnings("unchecked")
    private static Map<String, Object> reference() {
        return (Map<String, Object>) Reference.load("nn/batch_norm.json");
    }

    @Test
    @SuppressWarnings("unchecked")
    void outputsStatisticsAndGradientsMatchPyTorch() {
        Map<String, Object> ref = reference();
        double eps = ((Number) ref.get("eps")).doubleValue(), momentum = ((Number) ref.get("momentum")).doubleValue();
        for (Map.Entry<String, Object> e : ((Map<String, Object>) ref.get("cases")).entrySet()) {
            Map<String, Object> c = (Map<String, Object>) e.getValue();
            for (DType dtype : new DType[] {DType.FLOAT32, DType.FLOAT64}) {
                String name = e.getKey() + "/" + dtype;
                Map<String, Object> want = (Map<String, Object>) c.get(dtype == DType.FLOAT32 ? "float32" : "float64");
                Tensor x = Reference.tensor(c.get("x")).to(dtype).requiresGrad_(true);
                long channels = x.size(1);
                Tensor w = c.containsKey("weight") ? Reference.tensor(c.get("weight")).to(dtype).requiresGrad_(true) : null;
                Tensor b = c.containsKey("bias") ? Reference.tensor(c.get("bias")).to(dtype).requiresGrad_(true) : null;
                Tensor rm = Torch.zeros(new long[] {channels}, dtype), rv = Torch.ones(new long[] {channels}, dtype);
                Tensor y = F.batchNorm(x, rm, rv, w, b, true, momentum, eps);
                Reference.assertTensor(want.get("y"), y, name + " output");
                Reference.assertTensor(want.get("running_mean"), rm, name + " running mean");
                Reference.assertTensor(want.get("running_var"), rv, name + " running variance");
                double[] tol = Reference.tolerance(dtype);
                NormGradients.assertMatch(c, want, y, x, w, b, dtype, tol[0], tol[1], name);
            }
        }
    }

    @Test
    void theBackendKernelsRunForwardAndBackward() {
        Tensor x = Torch.randn(4, 3, 9, 9).requiresGrad_(true), w = Torch.randn(3).requiresGrad_(true);
        try (Profiler p = Profiler.builder().start()) {
            F.batchNorm(x, null, null, w, null, true, 0.1, 1e-5).sum().backward();
            p.close();
            assertNotNull(p.keyAverages().get("cpu::batchNorm"), "forward kernel");
            assertNotNull(p.keyAverages().get("cpu::batchNormBackward"), "backward kernel");
        }
        assertNotNull(x.grad());
        assertNotNull(w.grad());
    }

    @Test
    void aChannelsLastInputTakesTheCompositionAndAgrees() {
        Torch.manualSeed(5);
        Tensor x = Torch.randn(2, 3, 5, 6), g = Torch.randn(2, 3, 5, 6), w = Torch.randn(3), b = Torch.randn(3);
        Tensor cl = x.permute(0, 2, 3, 1).contiguous().permute(0, 3, 1, 2).requiresGrad_(true);
        Tensor dense = x.clone().requiresGrad_(true);
        Tensor yc = F.batchNorm(cl, null, null, w, b, true, 0.1, 1e-5), yd = F.batchNorm(dense, null, null, w, b, true, 0.1, 1e-5);
        yc.mul(g).sum().backward();
        yd.mul(g).sum().backward();
        assertTrue(yc.allclose(yd, 1e-5, 1e-5), "outputs");
        assertTrue(cl.grad().allclose(dense.grad(), 1e-4, 1e-5), "input gradients");
        assertEquals(java.util.Arrays.toString(cl.stride()), java.util.Arrays.toString(yc.stride()), "the output keeps the channels-last layout");
    }

    @Test
    void gradcheckAndGradgradcheckInFloat64() {
        Torch.manualSeed(3);
        Tensor x = Torch.randn(new long[] {3, 2, 5}, DType.FLOAT64).requiresGrad_(true);
        Tensor w = Torch.randn(new long[] {2}, DType.FLOAT64).requiresGrad_(true);
        Tensor b = Torch.randn(new long[] {2}, DType.FLOAT64).requiresGrad_(true);
        assertTrue(GradCheck.gradcheck(in -> F.batchNorm(in[0], null, null, in[1], in[2], true, 0.1, 1e-5), x, w, b));
        assertTrue(GradCheck.gradgradcheck(in -> F.batchNorm(in[0], null, null, in[1], in[2], true, 0.1, 1e-5), x, w, b));
    }
}
