package org.torch4j.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.torch4j.DType;
import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.nn.Linear;
import org.torch4j.nn.Module;
import org.torch4j.nn.Parameter;
import org.torch4j.nn.Parametrize;
import org.torch4j.nn.RightInverse;

/**
 * {@code torch.nn.utils.parametrize} against PyTorch 1.13 ({@code parametrize} of
 * {@code reference/nn/nn3_modules.json}, written by {@code tools/gen_nn3_reference.py}): two parametrizations
 * chained on a Linear's weight (state-dict layout, print form, values, gradients), assignment through the
 * right inverses, removal, two parametrized tensors, caching. Its error cases run in {@link Nn3ModuleTest}.
 */
class Nn3ParametrizeTest {

    /** A symmetric matrix from its upper triangle. */
    static final class Symmetric extends Module implements RightInverse {
        @Override
        public Tensor forward(Tensor x) {
            return x.triu().add(x.triu(1).transpose(-1, -2));
        }

        @Override
        public Tensor rightInverse(Tensor a) {
            return a.triu();
        }
    }

    /** A fixed scale. */
    static final class Scale extends Module implements RightInverse {
        private final double s;

        Scale(double s) {
            this.s = s;
        }

        @Override
        public Tensor forward(Tensor x) {
            return x.mul(s);
        }

        @Override
        public Tensor rightInverse(Tensor a) {
            return a.div(s);
        }
    }

    /** A positive tensor, without a right inverse. */
    static final class Exp extends Module {
        @Override
        public Tensor forward(Tensor x) {
            return x.exp();
        }
    }

    /** Counts its evaluations. */
    static final class Counting extends Module {
        int calls;

        @Override
        public Tensor forward(Tensor x) {
            calls++;
            return x.mul(1.0);
        }
    }

    /** The first row: changes the shape. */
    static final class Row extends Module {
        @Override
        public Tensor forward(Tensor x) {
            return x.select(0, 0);
        }
    }

    /** Casts to float64. */
    static final class ToDouble extends Module {
        @Override
        public Tensor forward(Tensor x) {
            return x.to(DType.FLOAT64);
        }
    }

    /** The identity whose right inverse changes the shape. */
    static final class RowInverse extends Module implements RightInverse {
        @Override
        public Tensor forward(Tensor x) {
            return x;
        }

        @Override
        public Tensor rightInverse(Tensor a) {
            return a.select(0, 0);
        }
    }

    /** The identity whose right inverse changes the dtype. */
    static final class DoubleInverse extends Module implements RightInverse {
        @Override
        public Tensor forward(Tensor x) {
            return x;
        }

        @Override
        public Tensor rightInverse(Tensor a) {
            return a.to(DType.FLOAT64);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> section(String name) {
        return (Map<String, Object>) ((Map<String, Object>) Nn3ModuleTest.file().get("parametrize")).get(name);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Tensor> tensors(Object spec) {
        Map<String, Tensor> out = new LinkedHashMap<>();
        ((Map<String, Object>) spec).forEach((k, v) -> out.put(k, Reference.tensor(v)));
        return out;
    }

    @SuppressWarnings("unchecked")
    private static void assertState(Map<String, Object> c, Module m) {
        Nn3LazyTest.assertState((Map<String, Object>) c.get("state"), m, "state");
    }

    private static void close(Object expected, Tensor got, String what) {
        NnReference.assertClose(expected, got.detach(), 1e-6, 1e-7, what);
    }

    @Test
    @SuppressWarnings("unchecked")
    void chainedOnOneTensor() {
        Map<String, Object> init = (Map<String, Object>) ((Map<String, Object>) Nn3ModuleTest.file().get("parametrize")).get("initial");
        Linear m = new Linear(3, 3);
        m.loadStateDict(tensors(init));
        Parametrize.registerParametrization(m, "weight", new Symmetric());
        Map<String, Object> first = section("after_first");
        assertEquals(first.get("repr"), m.toString());
        assertState(first, m);
        close(first.get("weight"), Parametrize.get(m, "weight"), "weight");

        Parametrize.registerParametrization(m, "weight", new Scale(2.0));
        Map<String, Object> c = section("chained");
        Tensor y = m.call(Reference.tensor(c.get("input")));
        y.pow(2).sum().backward();
        assertEquals(c.get("repr"), m.toString());
        assertState(c, m);
        close(c.get("weight"), m.weight, "weight");
        close(c.get("output"), y, "output");
        assertEquals(c.get("params"), new ArrayList<>(m.namedParameters().keySet()));
        Map<String, Object> grads = (Map<String, Object>) c.get("grads");
        m.namedParameters().forEach((k, p) -> close(grads.get(k), p.grad(), "grad of " + k));
        assertEquals(c.get("parametrized"), List.of(Parametrize.isParametrized(m), Parametrize.isParametrized(m, "weight"),
                Parametrize.isParametrized(m, "bias")));

        Map<String, Object> a = section("assigned");
        Parametrize.set(m, "weight", Reference.tensor(a.get("value")));
        assertState(a, m);
        close(a.get("weight"), Parametrize.get(m, "weight"), "weight");

        Parameter field = m.weight;
        Parametrize.removeParametrizations(m, "weight");
        Map<String, Object> r = section("removed");
        assertEquals(r.get("repr"), m.toString());
        assertState(r, m);
        assertSame(field, m.namedParameters().get("weight"), "the module's own weight object is its parameter again");
        assertTrue(m.weight.isLeaf() && m.weight.requiresGrad());
    }

    @Test
    void twoTensorsAndRemovalToTheOriginal() {
        Linear m = new Linear(2, 3);
        Map<String, Object> before = section("two_tensors");
        // the initial state of this case is its originals: Exp has no right inverse, Scale's is a division
        m.loadStateDict(Map.of("weight", tensors(before.get("state")).get("parametrizations.weight.original"),
                "bias", tensors(before.get("state")).get("parametrizations.bias.original").mul(-1.5)));
        Parametrize.registerParametrization(m, "weight", new Exp());
        Parametrize.registerParametrization(m, "bias", new Scale(-1.5));
        assertEquals(before.get("repr"), m.toString());
        assertEquals(before.get("keys"), new ArrayList<>(m.stateDict().keySet()));
        assertState(before, m);
        Parametrize.removeParametrizations(m, "weight", false);
        Map<String, Object> after = section("two_tensors_removed_original");
        assertEquals(after.get("repr"), m.toString());
        assertState(after, m);
        assertFalse(Parametrize.isParametrized(m, "weight"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void cachedEvaluatesOnce() {
        List<Object> expected = (List<Object>) ((Map<String, Object>) Nn3ModuleTest.file().get("parametrize")).get("cached_calls");
        Counting c = new Counting();
        Linear m = new Linear(2, 2);
        Parametrize.registerParametrization(m, "weight", c);
        c.calls = 0;
        try (var cache = Parametrize.cached()) {
            m.call(Torch.ones(1, 2));
            m.call(Torch.ones(1, 2));
        }
        int cached = c.calls;
        m.call(Torch.ones(1, 2));
        m.call(Torch.ones(1, 2));
        assertEquals(expected, List.of((long) cached, (long) (c.calls - cached)));
    }

    /** A rejected parametrization leaves the module as it was. */
    @Test
    void failedRegistrationChangesNothing() {
        Linear m = new Linear(3, 4);
        Tensor before = m.weight.detach().clone();
        assertThrows(IllegalArgumentException.class, () -> Parametrize.registerParametrization(m, "weight", new RowInverse()));
        assertEquals("Linear(in_features=3, out_features=4, bias=True)", m.toString());
        assertSame(m.weight, m.namedParameters().get("weight"));
        assertEquals(0.0, m.weight.sub(before).abs().max().item(), 0.0);
    }
}
