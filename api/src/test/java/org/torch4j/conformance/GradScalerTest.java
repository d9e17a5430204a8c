package org.torch4j.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.amp.GradScaler;
import org.torch4j.optim.SGD;

/**
 * GradScaler against PyTorch 1.13's ({@code tools/gen_amp_reference.py}): scaled losses, unscaled
 * gradients, skipped steps, the scale's growth and backoff, and the state dict, step by step on a
 * small regression trained by SGD with momentum.
 */
class GradScalerTest {

    private static double[] doubles(Object list) {
        List<?> l = (List<?>) list;
        double[] r = new double[l.size()];
        for (int i = 0; i < r.length; i++) {
            r[i] = switch (l.get(i)) {
                case String s when s.equals("nan") -> Double.NaN;
                case String s -> s.startsWith("-") ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
                case Object o -> ((Number) o).doubleValue();
            };
        }
        return r;
    }

    private static Tensor tensor(Object list, long... shape) {
        double[] v = doubles(list);
        float[] f = new float[v.length];
        for (int i = 0; i < v.length; i++) f[i] = (float) v[i];
        return Torch.tensor(f, shape);
    }

    private static void assertClose(double[] expected, double[] got, String ctx) {
        assertEquals(expected.length, got.length, ctx);
        for (int i = 0; i < expected.length; i++) {
            boolean ok = Double.isNaN(expected[i]) ? Double.isNaN(got[i])
                    : Double.isInfinite(expected[i]) ? expected[i] == got[i]
                    : Math.abs(expected[i] - got[i]) <= 1e-5 + 1e-5 * Math.abs(expected[i]);
            assertTrue(ok, ctx + ": element " + i + " expected " + expected[i] + " but got " + got[i]);
        }
    }

    @SuppressWarnings("unchecked")
    @TestFactory
    Stream<DynamicTest> followsPyTorchsGradScalerStepByStep() {
        return Reference.cases("amp/grad_scaler.json").stream().map(c -> DynamicTest.dynamicTest(
                "init_scale=" + c.get("init_scale") + " growth_interval=" + c.get("growth_interval"), () -> {
                    Map<String, Object> start = (Map<String, Object>) c.get("start");
                    Tensor w = tensor(start.get("w"), 3, 4).requiresGrad_();
                    Tensor b = tensor(start.get("b"), 3).requiresGrad_();
                    Tensor x = tensor(start.get("x"), 5, 4), y = tensor(start.get("y"), 5, 3);
                    SGD opt = new SGD(List.of(w, b), SGD.options(0.1).momentum(0.9));
                    GradScaler scaler = new GradScaler(((Number) c.get("init_scale")).doubleValue(),
                            ((Number) c.get("growth_factor")).doubleValue(), ((Number) c.get("backoff_factor")).doubleValue(),
                            ((Number) c.get("growth_interval")).intValue(), true);
                    for (Object o : (List<Object>) c.get("trace")) {
                        Map<String, Object> t = (Map<String, Object>) o;
                        String ctx = "step " + t.get("step");
                        opt.zeroGrad();
                        Tensor loss = x.matmul(w.t()).add(b).sub(y).pow(2).mean();
                        if ((Boolean) t.get("poisoned")) loss = loss.mul(Double.POSITIVE_INFINITY);
                        Tensor scaled = scaler.scale(loss);
                        assertClose(new double[] {((Number) t.get("scaled_loss")).doubleValue()}, new double[] {scaled.item()}, ctx + " scaled loss");
                        scaled.backward();
                        scaler.unscale_(opt);
                        assertClose(doubles(t.get("unscaled_grad_w")), w.grad().toDoubleArray(), ctx + " unscaled gradient");
                        assertEquals(((Number) t.get("scale_before")).doubleValue(), scaler.getScale(), ctx + " scale");
                        boolean ran = scaler.step(opt);
                        assertEquals(!(Boolean) t.get("poisoned"), ran, ctx + ": a step with inf gradients is skipped");
                        scaler.update();
                        assertEquals(((Number) t.get("scale_after")).doubleValue(), scaler.getScale(), ctx + " scale after update");
                        assertClose(doubles(t.get("w")), w.toDoubleArray(), ctx + " w");
                        assertClose(doubles(t.get("b")), b.toDoubleArray(), ctx + " b");
                    }
                    Map<String, Object> sd = (Map<String, Object>) c.get("state_dict");
                    Map<String, Object> got = scaler.stateDict();
                    assertEquals(sd.keySet(), got.keySet());
                    for (String k : sd.keySet()) assertEquals(((Number) sd.get(k)).doubleValue(), ((Number) got.get(k)).doubleValue(), k);
                    GradScaler restored = new GradScaler();
                    restored.loadStateDict(got);
                    assertEquals(got, restored.stateDict());
                }));
    }

    @Test
    void misuseRaisesPyTorchsErrorsAndDisabledScalersPassThrough() {
        Tensor w = Torch.ones(2).requiresGrad_();
        SGD opt = new SGD(List.of(w), 0.1);
        GradScaler scaler = new GradScaler();
        scaler.scale(w.sum()).backward();
        scaler.unscale_(opt);
        IllegalStateException twice = assertThrows(IllegalStateException.class, () -> scaler.unscale_(opt));
        assertEquals("unscale_() has already been called on this optimizer since the last update().", twice.getMessage());
        scaler.step(opt);
        assertThrows(IllegalStateException.class, () -> scaler.step(opt));
        scaler.update();
        assertEquals("The growth factor must be > 1.0.",
                assertThrows(IllegalArgumentException.class, () -> new GradScaler(1, 1.0, 0.5, 10, true)).getMessage());
        GradScaler off = new GradScaler(65536, 2, 0.5, 2000, false);
        Tensor loss = w.sum();
        assertTrue(off.scale(loss) == loss);
        assertEquals(1.0, off.getScale());
        assertEquals(Map.of(), off.stateDict());
    }
}
