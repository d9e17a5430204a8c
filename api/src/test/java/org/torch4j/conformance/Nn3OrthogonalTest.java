package org.torch4j.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.torch4j.DType;
import org.torch4j.GradCheck;
import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.nn.Linear;
import org.torch4j.nn.Parametrizations;
import org.torch4j.nn.Parametrize;

/**
 * {@code torch.nn.utils.parametrizations.orthogonal} against PyTorch 1.13 ({@code orthogonal} of
 * {@code reference/nn/nn3_modules.json}, written by {@code tools/gen_nn3_reference.py}), in float64: square, tall
 * and wide weights with each map, with and without the trivialization (its base completed with PyTorch's seeded
 * normal columns); the state after registering, the orthogonal weight, an output and the original's gradient;
 * gradcheck and gradgradcheck of each map.
 */
class Nn3OrthogonalTest {

    @SuppressWarnings("unchecked")
    private static Map<String, Object> section() {
        return (Map<String, Object>) Nn3ModuleTest.file().get("orthogonal");
    }

    private static void close(Object expected, Tensor got, String what) {
        NnReference.assertClose(expected, got.detach(), 1e-9, 1e-10, what);
    }

    @TestFactory
    @SuppressWarnings("unchecked")
    Stream<DynamicTest> againstPyTorch() {
        return section().entrySet().stream().map(e -> DynamicTest.dynamicTest(e.getKey(), () -> {
            Map<String, Object> c = (Map<String, Object>) e.getValue();
            Linear m = new Linear(((Number) c.get("in")).longValue(), ((Number) c.get("out")).longValue());
            m.to(DType.FLOAT64);
            Map<String, Tensor> init = new LinkedHashMap<>();
            ((Map<String, Object>) c.get("initial")).forEach((k, v) -> init.put(k, Reference.tensor(v)));
            m.loadStateDict(init);
            Torch.manualSeed(71 + new ArrayList<>(section().keySet()).indexOf(e.getKey()));
            Parametrizations.orthogonal(m, "weight", (String) c.get("map"), (Boolean) c.get("trivialization"));
            assertEquals(c.get("repr"), m.toString());
            Map<String, Object> state = (Map<String, Object>) c.get("state");
            assertEquals(new ArrayList<>(state.keySet()), new ArrayList<>(m.stateDict().keySet()));
            state.forEach((k, v) -> close(v, m.stateDict().get(k), k));
            Tensor y = m.call(Reference.tensor(c.get("input")));
            y.pow(2).sum().backward();
            close(c.get("output"), y, "output");
            close(c.get("weight"), Parametrize.get(m, "weight"), "weight");
            close(c.get("grad"), Parametrize.list(m, "weight").original().grad(), "grad of the original");
        }));
    }

    /** Each map is differentiable twice in the original (and the input) at a generic point. */
    @Test
    void gradcheck() {
        for (String map : List.of("matrix_exp", "cayley", "householder")) {
            Linear m = new Linear(3, 4);
            m.to(DType.FLOAT64);
            Parametrizations.orthogonal(m, "weight", map, true);
            // a generic point; the Householder map reads the original's diagonal through an int cast, whose jumps at
            // the integers (its starting point -1 is one) gradcheck would see, so the diagonal sits at -1.5
            Tensor original = Parametrize.list(m, "weight").original();
            try (var g = Torch.noGrad()) {
                original.copy_(Torch.randn(4, 3).to(DType.FLOAT64).mul(0.3));
                original.diagonal(0, -2, -1).fill_(-1.5);
            }
            Tensor x = Torch.randn(2, 3).to(DType.FLOAT64).requiresGrad_();
            List<Tensor> all = new ArrayList<>(List.of(x));
            all.addAll(m.parameters());
            GradCheck.Fn f = xs -> List.of(m.call(xs.get(0)));
            org.junit.jupiter.api.Assertions.assertDoesNotThrow(() -> GradCheck.gradcheck(f, all, GradCheck.EPS, GradCheck.ATOL,
                    GradCheck.RTOL), map);
            org.junit.jupiter.api.Assertions.assertDoesNotThrow(() -> GradCheck.gradgradcheck(f, all, GradCheck.EPS, GradCheck.ATOL,
                    GradCheck.RTOL), map);
        }
    }
}
