package org.torch4j.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.nn.AlphaDropout;
import org.torch4j.nn.CELU;
import org.torch4j.nn.Dropout;
import org.torch4j.nn.Dropout1d;
import org.torch4j.nn.Dropout2d;
import org.torch4j.nn.Dropout3d;
import org.torch4j.nn.ELU;
import org.torch4j.nn.F;
import org.torch4j.nn.FeatureAlphaDropout;
import org.torch4j.nn.Hardsigmoid;
import org.torch4j.nn.Hardswish;
import org.torch4j.nn.Hardtanh;
import org.torch4j.nn.LeakyReLU;
import org.torch4j.nn.Mish;
import org.torch4j.nn.Module;
import org.torch4j.nn.RReLU;
import org.torch4j.nn.ReLU;
import org.torch4j.nn.ReLU6;
import org.torch4j.nn.SELU;
import org.torch4j.nn.SiLU;
import org.torch4j.nn.Threshold;

/**
 * {@code inplace=True} on activation and dropout modules against PyTorch 1.13 ({@code tools/gen_inplace_reference.py}):
 * the repr, the input overwritten and returned, and the gradient through the overwritten tensor.
 */
class NnInplaceTest {
    private static final Map<String, Supplier<Module>> MODULES = new LinkedHashMap<>();

    static {
        MODULES.put("ReLU", () -> new ReLU(true));
        MODULES.put("ReLU6", () -> new ReLU6(true));
        MODULES.put("Hardtanh", () -> new Hardtanh(-0.5, 0.75, true));
        MODULES.put("SiLU", () -> new SiLU(true));
        MODULES.put("Mish", () -> new Mish(true));
        MODULES.put("Hardswish", () -> new Hardswish(true));
        MODULES.put("Hardsigmoid", () -> new Hardsigmoid(true));
        MODULES.put("SELU", () -> new SELU(true));
        MODULES.put("CELU", () -> new CELU(0.7, true));
        MODULES.put("ELU", () -> new ELU(1.3, true));
        MODULES.put("LeakyReLU", () -> new LeakyReLU(0.2, true));
        MODULES.put("Threshold", () -> new Threshold(0.1, 20.0, true));
        MODULES.put("RReLU", () -> new RReLU(0.1, 0.3, true));
        MODULES.put("Dropout", () -> new Dropout(0.25, true));
        MODULES.put("Dropout1d", () -> new Dropout1d(0.25, true));
        MODULES.put("Dropout2d", () -> new Dropout2d(0.25, true));
        MODULES.put("Dropout3d", () -> new Dropout3d(0.25, true));
        MODULES.put("AlphaDropout", () -> new AlphaDropout(0.25, true));
        MODULES.put("FeatureAlphaDropout", () -> new FeatureAlphaDropout(0.25, true));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> reference() {
        return (Map<String, Object>) Reference.load("nn/inplace.json");
    }

    @Test
    @SuppressWarnings("unchecked")
    void reprsOutputsAndGradientsMatchPyTorch() {
        Map<String, Object> ref = reference();
        Map<String, Object> cases = (Map<String, Object>) ref.get("cases");
        assertEquals(MODULES.keySet(), cases.keySet());
        for (Map.Entry<String, Supplier<Module>> e : MODULES.entrySet()) {
            String name = e.getKey();
            Map<String, Object> c = (Map<String, Object>) cases.get(name);
            Module m = e.getValue().get();
            assertEquals(c.get("repr"), m.toString(), name);
            if (!c.containsKey("output")) continue;
            m.eval();
            Tensor leaf = Reference.tensor(ref.get("x")).requiresGrad_(true);
            Tensor y = leaf.mul(2);
            Tensor out = m.call(y);
            assertSame(y, out, name + " returns its input");
            Reference.assertTensor(c.get("output"), y, name + " output");
            out.mul(Reference.tensor(ref.get("w"))).sum().backward();
            Reference.assertTensor(c.get("grad"), leaf.grad(), name + " gradient");
        }
    }

    @Test
    void withoutInplaceTheInputIsLeftAsItWas() {
        Tensor x = Torch.tensor(new double[] {-1, 2});
        Tensor y = new ReLU().call(x);
        assertNotSame(x, y);
        assertEquals(-1.0, x.toDoubleArray()[0]);
        assertEquals("ReLU()", new ReLU().toString());
        assertEquals("Dropout(p=0.5, inplace=False)", new Dropout().toString());
        assertFalse(new ELU().inplace);
    }

    @Test
    void inTrainingModeDropoutOverwritesItsInput() {
        Torch.manualSeed(0);
        Tensor x = Torch.ones(1000);
        Tensor out = new Dropout(0.5, true).call(x);
        assertSame(x, out);
        double[] v = x.toDoubleArray();
        int zeros = 0;
        for (double d : v) {
            assertTrue(d == 0 || d == 2, "kept elements are scaled by 1 / (1 - p): " + d);
            if (d == 0) zeros++;
        }
        assertTrue(zeros > 400 && zeros < 600, zeros + " of 1000 dropped");
    }

    @Test
    void aLeafThatRequiresGradCannotBeOverwritten() {
        Tensor leaf = Torch.tensor(new double[] {-1, 2}).requiresGrad_(true);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> new ELU(1.0, true).call(leaf));
        assertEquals("a leaf Variable that requires grad is being used in an in-place operation.", e.getMessage());
        assertThrows(IllegalStateException.class, () -> new ReLU(true).call(leaf));
        assertEquals(-1.0, leaf.toDoubleArray()[0], "the leaf is unchanged");
    }

    @Test
    void functionalInPlaceVariantsReturnTheirInput() {
        Tensor x = Torch.tensor(new double[] {-2, 0.5, 3});
        assertSame(x, F.hardtanh_(x, -1, 1));
        assertEquals(-1.0, x.toDoubleArray()[0]);
        assertSame(x, F.leakyRelu_(x, 0.5));
        assertEquals(-0.5, x.toDoubleArray()[0]);
        assertSame(x, F.threshold_(x, 0.6, 9));
        assertEquals(java.util.List.of(9.0, 9.0, 1.0), java.util.Arrays.stream(x.toDoubleArray()).boxed().toList());
        Tensor r = Torch.tensor(new double[] {-3, 4});
        assertSame(r, F.relu_(r));
        assertEquals(0.0, r.toDoubleArray()[0]);
        Tensor z = Torch.tensor(new double[] {-1});
        F.elu_(z, 1.0);
        assertEquals(Math.expm1(-1), z.toDoubleArray()[0], 1e-15);
        Tensor s = Torch.tensor(new double[] {1, -1});
        F.selu_(s);
        assertEquals(1.0507009873554805, s.toDoubleArray()[0], 1e-15);
        Tensor c = Torch.tensor(new double[] {-1});
        F.celu_(c, 2.0);
        assertEquals(2 * Math.expm1(-0.5), c.toDoubleArray()[0], 1e-15);
    }
}
