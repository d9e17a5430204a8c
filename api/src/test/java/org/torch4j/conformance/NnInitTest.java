package org.torch4j.conformance;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.torch4j.DType;
import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.nn.Init;
import org.torch4j.nn.Module;

/**
 * Seeded default initialisation: after {@code Torch.manualSeed(s)}, constructing a layer gives
 * PyTorch's exact initial weights (the generator is bit-exact with PyTorch 1.13's, and layers must
 * draw in PyTorch's order), and leaves the generator where PyTorch leaves it
 * ({@code reference/nn/init.json}).
 */
class NnInitTest {

    @TestFactory
    @SuppressWarnings("unchecked")
    Stream<DynamicTest> seededInitialisation() {
        return Stream.concat(Reference.cases("nn/init.json").stream(), Reference.cases("nn/init_extra.json").stream()).map(c -> DynamicTest.dynamicTest((String) c.get("name"), () -> {
            Torch.manualSeed(((Number) c.get("seed")).longValue());
            Module m = NnCases.build((String) c.get("kind"), (Map<String, Object>) c.get("args")).module();
            Tensor after = Torch.rand(3);
            Map<String, Object> state = (Map<String, Object>) c.get("state");
            Map<String, Tensor> got = m.stateDict();
            assertEquals(new ArrayList<>(state.keySet()), new ArrayList<>(got.keySet()), "state_dict keys");
            for (Map.Entry<String, Object> e : state.entrySet()) {
                Map<String, Object> spec = (Map<String, Object>) e.getValue();
                Tensor t = got.get(e.getKey());
                assertNotNull(t, e.getKey());
                if (spec.containsKey("head")) {
                    assertSummary(spec, t, e.getKey());
                } else {
                    assertExact(spec, t, e.getKey());
                }
            }
            assertExact(c.get("after"), after, "torch.rand(3) after construction (the numbers drawn)");
        }));
    }

    @TestFactory
    @SuppressWarnings("unchecked")
    Stream<DynamicTest> initFunctions() {
        Map<String, Object> file = (Map<String, Object>) Reference.load("nn/init.json");
        return ((List<Object>) file.get("functions")).stream().map(o -> (Map<String, Object>) o).map(c ->
                DynamicTest.dynamicTest((String) c.get("name"), () -> {
                    Map<String, Object> a = (Map<String, Object>) c.get("args");
                    Torch.manualSeed(((Number) c.get("seed")).longValue());
                    Tensor t = Torch.empty(Reference.longs((List<Object>) c.get("shape")), DType.of((String) c.get("dtype")));
                    switch ((String) c.get("fn")) {
                        case "uniform_" -> Init.uniform_(t, NnCases.d(a, "a"), NnCases.d(a, "b"));
                        case "normal_" -> Init.normal_(t, NnCases.d(a, "mean"), NnCases.d(a, "std"));
                        case "constant_" -> Init.constant_(t, NnCases.d(a, "value"));
                        case "zeros_" -> Init.zeros_(t);
                        case "ones_" -> Init.ones_(t);
                        case "eye_" -> Init.eye_(t);
                        case "xavier_uniform_" -> Init.xavierUniform_(t, NnCases.d(a, "gain"));
                        case "xavier_normal_" -> Init.xavierNormal_(t, NnCases.d(a, "gain"));
                        case "kaiming_uniform_" -> Init.kaimingUniform_(t, NnCases.d(a, "a"), NnCases.s(a, "mode"), NnCases.s(a, "nonlinearity"));
                        case "kaiming_normal_" -> Init.kaimingNormal_(t, NnCases.d(a, "a"), NnCases.s(a, "mode"), NnCases.s(a, "nonlinearity"));
                        case "trunc_normal_" -> Init.truncNormal_(t, NnCases.d(a, "mean"), NnCases.d(a, "std"), NnCases.d(a, "a"), NnCases.d(a, "b"));
                        case "orthogonal_" -> Init.orthogonal_(t, NnCases.d(a, "gain"));
                        default -> throw new IllegalArgumentException((String) c.get("fn"));
                    }
                    Tensor after = Torch.rand(3);
                    if (Boolean.TRUE.equals(c.get("exact"))) {
                        assertExact(c.get("out"), t, "values");
                    } else {
                        // erfinv and QR agree with PyTorch's library routines to rounding only
                        NnReference.assertClose(c.get("out"), t, 1e-5, 1e-6, "values");
                    }
                    assertExact(c.get("after"), after, "torch.rand(3) afterwards (the numbers drawn)");
                }));
    }

    @Test
    @SuppressWarnings("unchecked")
    void calculateGain() {
        Map<String, Object> file = (Map<String, Object>) Reference.load("nn/init.json");
        for (Object o : (List<Object>) file.get("gains")) {
            List<Object> g = (List<Object>) o;
            String name = (String) g.get(0);
            double got = g.get(1) == null ? Init.calculateGain(name) : Init.calculateGain(name, Reference.number(g.get(1)));
            assertEquals(Reference.number(g.get(2)), got, 0.0, name + " " + g.get(1));
        }
    }

    /** Bit-exact float32 values (the JSON holds each float32 in its shortest decimal form). */
    @SuppressWarnings("unchecked")
    static void assertExact(Object expected, Tensor t, String name) {
        Map<String, Object> spec = (Map<String, Object>) expected;
        assertArrayEquals(Reference.longs((List<Object>) spec.get("shape")), t.shape(), name + ": shape");
        assertEquals(spec.get("dtype"), t.dtype().toString().substring("torch.".length()), name + ": dtype");
        if (!t.isFloatingPoint()) {
            Reference.assertTensor(spec, t, name);
            return;
        }
        List<Object> data = (List<Object>) spec.get("data");
        if (t.dtype() == DType.FLOAT64) {
            Reference.assertTensor(spec, t, 0, 0, name);
            return;
        }
        float[] v = t.contiguous().toFloatArray();
        for (int i = 0; i < v.length; i++) {
            assertEquals((float) Reference.number(data.get(i)), v[i], 0f, name + ": element " + i);
        }
    }

    /** A large tensor: its first values exactly, and the float64 sum and sum of squares of all of them. */
    @SuppressWarnings("unchecked")
    static void assertSummary(Map<String, Object> spec, Tensor t, String name) {
        assertArrayEquals(Reference.longs((List<Object>) spec.get("shape")), t.shape(), name + ": shape");
        double[] v = t.contiguous().toDoubleArray();
        List<Object> head = (List<Object>) spec.get("head");
        for (int i = 0; i < head.size(); i++) {
            assertEquals((double) (float) Reference.number(head.get(i)), v[i], 0.0, name + ": element " + i);
        }
        double sum = 0, sumsq = 0;
        for (double x : v) {
            sum += x;
            sumsq += x * x;
        }
        double es = Reference.number(spec.get("sum")), eq = Reference.number(spec.get("sumsq"));
        assertEquals(es, sum, 1e-12 * Math.max(1, eq), name + ": sum of values");
        assertEquals(eq, sumsq, 1e-12 * eq, name + ": sum of squares");
    }
}
