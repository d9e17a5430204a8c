package org.torch4j.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.nn.BatchNorm;
import org.torch4j.nn.BatchNorm1d;
import org.torch4j.nn.BatchNorm2d;
import org.torch4j.nn.Conv2d;
import org.torch4j.nn.ConvTranspose2d;
import org.torch4j.nn.Fusion;
import org.torch4j.nn.Linear;
import org.torch4j.nn.Module;

/**
 * {@code torch.nn.utils.fusion} against PyTorch 1.13 ({@code fusion} of {@code reference/nn/nn3_modules.json}, written
 * by {@code tools/gen_nn3_reference.py}): the fused module's print form, state and output for a convolution without
 * bias, a transposed convolution and a linear layer, each with a batch norm in eval mode.
 */
class Nn3FusionTest {

    @SuppressWarnings("unchecked")
    private static Map<String, Object> section(String name) {
        return (Map<String, Object>) ((Map<String, Object>) Nn3ModuleTest.file().get("fusion")).get(name);
    }

    @SuppressWarnings("unchecked")
    private static <M extends Module> M loaded(M m, Object state) {
        Map<String, Tensor> s = new LinkedHashMap<>();
        ((Map<String, Object>) state).forEach((k, v) -> s.put(k, Reference.tensor(v)));
        m.loadStateDict(s);
        m.eval();
        return m;
    }

    @SuppressWarnings("unchecked")
    private static void check(Map<String, Object> c, Module fused) {
        assertEquals(c.get("repr"), fused.toString());
        Nn3LazyTest.assertState((Map<String, Object>) c.get("state"), fused, "fused state");
        NnReference.assertClose(c.get("output"), fused.call(Reference.tensor(c.get("input"))).detach(), 1e-5, 1e-6, "output");
        assertFalse(fused.isTraining());
    }

    @Test
    void convolutionWithoutBias() {
        Map<String, Object> c = section("conv");
        Conv2d conv = loaded(new Conv2d(2, 3, new long[] {2}, new long[] {1}, new long[] {0}, new long[] {1}, 1, false, "zeros"),
                c.get("layer"));
        BatchNorm bn = loaded(new BatchNorm2d(3), c.get("bn"));
        Torch.manualSeed(3);
        double next = Torch.rand(1).item();
        Torch.manualSeed(3);
        check(c, Fusion.fuseConvBnEval(conv, bn, false));
        assertEquals(next, Torch.rand(1).item(), 0.0, "fusing draws no random numbers");
    }

    @Test
    void transposedConvolution() {
        Map<String, Object> c = section("conv_transpose");
        ConvTranspose2d conv = loaded(new ConvTranspose2d(3, 2, 2, 2), c.get("layer"));
        check(c, Fusion.fuseConvBnEval(conv, loaded(new BatchNorm2d(2), c.get("bn")), true));
    }

    @Test
    void linear() {
        Map<String, Object> c = section("linear");
        check(c, Fusion.fuseLinearBnEval(loaded(new Linear(4, 3), c.get("layer")), loaded(new BatchNorm1d(3), c.get("bn"))));
    }
}
