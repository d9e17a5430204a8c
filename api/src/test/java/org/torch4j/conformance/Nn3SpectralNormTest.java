package org.torch4j.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.torch4j.DType;
import org.torch4j.GradCheck;
import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.nn.ConvTranspose2d;
import org.torch4j.nn.Linear;
import org.torch4j.nn.Module;
import org.torch4j.nn.Parametrizations;

/**
 * {@code torch.nn.utils.parametrizations.spectral_norm} against PyTorch 1.13 ({@code spectral_norm} of
 * {@code reference/nn/nn3_modules.json}, written by {@code tools/gen_nn3_reference.py}): the buffers drawn after
 * seeding, the state-dict layout, two training forwards with their power iterations and the gradients, an eval
 * forward; a transposed convolution (dim 1) with a 1-d parameter too; gradcheck and gradgradcheck in float64.
 */
class Nn3SpectralNormTest {

    @SuppressWarnings("unchecked")
    private static Map<String, Object> section() {
        return (Map<String, Object>) Nn3ModuleTest.file().get("spectral_norm");
    }

    @SuppressWarnings("unchecked")
    private static <M extends Module> M loaded(M m, Object state) {
        Map<String, Tensor> s = new LinkedHashMap<>();
        ((Map<String, Object>) state).forEach((k, v) -> s.put(k, Reference.tensor(v)));
        m.loadStateDict(s);
        return m;
    }

    private static void close(Object expected, Tensor got, String what) {
        NnReference.assertClose(expected, got.detach(), 1e-5, 1e-6, what);
    }

    @Test
    @SuppressWarnings("unchecked")
    void linear() {
        Map<String, Object> r = section();
        Linear m = loaded(new Linear(5, 4), r.get("initial"));
        Torch.manualSeed(42);
        Parametrizations.spectralNorm(m);
        Map<String, Object> reg = (Map<String, Object>) r.get("registered");
        assertEquals(reg.get("repr"), m.toString());
        Nn3LazyTest.assertState((Map<String, Object>) reg.get("state"), m, "registered");
        Map<String, Object> f = (Map<String, Object>) r.get("forward");
        Tensor x = Reference.tensor(f.get("input"));
        Tensor y0 = m.call(x), y1 = m.call(x);
        y0.pow(2).sum().add(y1.sum()).backward();
        m.eval();
        List<Object> outs = (List<Object>) f.get("outputs");
        close(outs.get(0), y0, "first output");
        close(outs.get(1), y1, "second output");
        Nn3LazyTest.assertState((Map<String, Object>) f.get("state"), m, "after two forwards");
        Map<String, Object> grads = (Map<String, Object>) f.get("grads");
        assertEquals(new ArrayList<>(grads.keySet()), new ArrayList<>(m.namedParameters().keySet()));
        m.namedParameters().forEach((k, p) -> close(grads.get(k), p.grad(), "grad of " + k));
        close(f.get("eval_output"), m.call(x), "eval output");
    }

    @Test
    @SuppressWarnings("unchecked")
    void transposedConvolutionAndAVector() {
        Map<String, Object> r = section();
        ConvTranspose2d c = loaded(new ConvTranspose2d(3, 2, 2, 1), r.get("conv_initial"));
        Torch.manualSeed(44);
        Parametrizations.spectralNorm(c, "weight", 2, 1e-12, null);
        Parametrizations.spectralNorm(c, "bias", 1, 1e-12, 0);
        Map<String, Object> conv = (Map<String, Object>) r.get("conv");
        assertEquals(conv.get("repr"), c.toString());
        Nn3LazyTest.assertState((Map<String, Object>) conv.get("state_before"), c, "registered");
        close(conv.get("output"), c.call(Reference.tensor(conv.get("input"))), "output");
        Nn3LazyTest.assertState((Map<String, Object>) conv.get("state"), c, "after a forward");
    }

    /** In eval mode (u and v fixed) the normalised weight is differentiable twice in the original and the input. */
    @Test
    void gradcheck() {
        Linear m = new Linear(4, 3);
        m.to(DType.FLOAT64);
        Parametrizations.spectralNorm(m);
        m.eval();
        Tensor x = Torch.randn(2, 4).to(DType.FLOAT64).requiresGrad_();
        List<Tensor> all = new ArrayList<>(List.of(x));
        all.addAll(m.parameters());
        GradCheck.Fn f = xs -> List.of(m.call(xs.get(0)));
        GradCheck.gradcheck(f, all, GradCheck.EPS, GradCheck.ATOL, GradCheck.RTOL);
        GradCheck.gradgradcheck(f, all, GradCheck.EPS, GradCheck.ATOL, GradCheck.RTOL);
    }
}
