package org.torch4j.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.torch4j.DType;
import org.torch4j.GradCheck;
import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.func.Func;
import org.torch4j.func.JacobiansWithAux;
import org.torch4j.func.JvpWithAux;
import org.torch4j.func.VjpWithAux;
import org.torch4j.func.WithAux;

/**
 * The second round of {@link Func} against functorch 1.13 ({@code reference/func.json}, section "more"):
 * {@code has_aux} for vjp, jvp, jacrev and jacfwd; Jacobians of functions with several outputs, indexed
 * {@code [output][argnum]}; vmap's {@code out_dims=None} (PyTorch 2's rule: 1.13 refuses it); randomness
 * "different" refusing in-place draws into unmapped tensors; functorch's messages; gradcheck and gradgradcheck
 * through the new results.
 */
class FuncExtraTest {

    @SuppressWarnings("unchecked")
    private static Map<String, Object> more() {
        return (Map<String, Object>) FuncTest.section("more");
    }

    @SuppressWarnings("unchecked")
    private static List<Tensor> inputs(String name) {
        List<Tensor> r = new ArrayList<>();
        for (Object o : (List<Object>) ((Map<String, Object>) more().get(name)).get("inputs")) r.add(Reference.tensor(o));
        return r;
    }

    @SuppressWarnings("unchecked")
    private static void check(String name, List<Tensor> actual) {
        List<Object> out = (List<Object>) ((Map<String, Object>) more().get(name)).get("out");
        assertEquals(out.size(), actual.size(), name + ": outputs");
        for (int i = 0; i < out.size(); i++) Reference.assertTensor(out.get(i), actual.get(i), 1e-10, 1e-10, name + "[" + i + "]");
    }

    @SuppressWarnings("unchecked")
    private static String message(String name) {
        return (String) ((Map<String, Object>) more().get("errors")).get(name);
    }

    private static void error(String name, Class<? extends Throwable> type, org.junit.jupiter.api.function.Executable call) {
        assertEquals(message(name), assertThrows(type, call, name).getMessage(), name);
    }

    private static List<Tensor> flat(List<List<Tensor>> nested) {
        List<Tensor> r = new ArrayList<>();
        nested.forEach(r::addAll);
        return r;
    }

    // ---- the generator's MORE_FUNCS ----

    /** {@code ((a.sin() * b, (a * b).sum()), a.cos())}. */
    static WithAux<Tensor> vjpAux(List<Tensor> in) {
        Tensor a = in.get(0), b = in.get(1);
        return new WithAux<>(List.of(a.sin().mul(b), a.mul(b).sum()), a.cos());
    }

    /** {@code (a.sin() * b.cumsum(0), (a * b).sum())}: one output and a tensor aux. */
    static WithAux<Tensor> jacAux(List<Tensor> in) {
        Tensor a = in.get(0), b = in.get(1);
        return new WithAux<>(a.sin().mul(b.cumsum(0)), a.mul(b).sum());
    }

    /** {@code (m @ a.tanh(), (a * a).sum() * m.sum())}: two outputs. */
    static List<Tensor> jacMulti(List<Tensor> in) {
        Tensor a = in.get(0), m = in.get(1);
        return List.of(m.matmul(a.tanh()), a.mul(a).sum().mul(m.sum()));
    }

    /** {@code ((a.exp() * a[0], a.sum()), a * 3)}: two outputs and a tensor aux. */
    static WithAux<Tensor> jacMultiAux(List<Tensor> in) {
        Tensor a = in.get(0);
        return new WithAux<>(List.of(a.exp().mul(a.select(0, 0)), a.sum()), a.mul(3));
    }

    // ---- has_aux ----

    @Test
    void vjpWithAux() {
        List<Tensor> in = inputs("vjp_aux");
        VjpWithAux<Tensor> r = Func.vjpWithAux(FuncExtraTest::vjpAux, in.subList(0, 2));
        List<Tensor> got = new ArrayList<>(r.outputs());
        got.addAll(r.vjpFn().apply(in.subList(2, 4)));
        got.add(r.aux());
        check("vjp_aux", got);
        assertFalse(r.aux().requiresGrad(), "aux leaves the transform detached at the top level");
    }

    @Test
    void jvpWithAux() {
        List<Tensor> in = inputs("jvp_aux");
        JvpWithAux<Tensor> r = Func.jvpWithAux(FuncExtraTest::vjpAux, in.subList(0, 2), in.subList(2, 4));
        List<Tensor> got = new ArrayList<>(r.outputs());
        got.addAll(r.products());
        got.add(r.aux());
        check("jvp_aux", got);
        Tensor a = in.get(0).requiresGrad_(), ta = in.get(2).requiresGrad_();
        Function<Tensor[], Tensor> f = t -> {
            JvpWithAux<Tensor> j = Func.jvpWithAux(FuncExtraTest::vjpAux, List.of(t[0], in.get(1)), List.of(t[1], in.get(3)));
            List<Tensor> parts = new ArrayList<>(j.products());
            parts.add(j.aux());
            return cat(parts);
        };
        assertTrue(GradCheck.gradcheck(f, a, ta));
        assertTrue(GradCheck.gradgradcheck(f, a, ta));
    }

    @Test
    void jacobiansWithAux() {
        List<Tensor> in = inputs("jacrev_aux");
        JacobiansWithAux<Tensor> rev = Func.jacrevWithAux(FuncExtraTest::jacAux, new int[] {0, 1}).apply(in);
        List<Tensor> got = new ArrayList<>(rev.jacobians().get(0));
        got.add(rev.aux());
        check("jacrev_aux", got);
        JacobiansWithAux<Tensor> fwd = Func.jacfwdWithAux(FuncExtraTest::jacAux, new int[] {0, 1}).apply(in);
        got = new ArrayList<>(fwd.jacobians().get(0));
        got.add(fwd.aux());
        check("jacfwd_aux", got);
        assertSame(rev.jacobians().get(0).get(0), rev.jacobian());
    }

    // ---- several outputs ----

    @Test
    void jacobiansOfSeveralOutputs() {
        List<Tensor> in = inputs("jacrev_multi");
        List<List<Tensor>> rev = Func.jacrevOutputs(FuncExtraTest::jacMulti, new int[] {0, 1}).apply(in);
        assertEquals(2, rev.size(), "one entry per output");
        assertEquals(2, rev.get(0).size(), "one Jacobian per argnum");
        check("jacrev_multi", flat(rev));
        check("jacfwd_multi", flat(Func.jacfwdOutputs(FuncExtraTest::jacMulti, new int[] {0, 1}).apply(in)));
        // output.shape + input.shape: [4] + [4, 3] and [] + [3]
        assertTrue(Arrays.equals(new long[] {4, 4, 3}, rev.get(0).get(1).shape()));
        assertTrue(Arrays.equals(new long[] {3}, rev.get(1).get(0).shape()));
    }

    @Test
    void severalOutputsWithAux() {
        List<Tensor> in = inputs("jacrev_multi_aux");
        for (boolean forward : new boolean[] {false, true}) {
            JacobiansWithAux<Tensor> r = forward ? Func.jacfwdWithAux(FuncExtraTest::jacMultiAux, new int[] {0}).apply(in)
                    : Func.jacrevWithAux(FuncExtraTest::jacMultiAux, new int[] {0}).apply(in);
            List<Tensor> got = new ArrayList<>(flat(r.jacobians()));
            got.add(r.aux());
            check(forward ? "jacfwd_multi_aux" : "jacrev_multi_aux", got);
        }
    }

    /** gradcheck and gradgradcheck in float64 through the new transforms' results (all outputs, flattened together). */
    @Test
    void gradcheckThroughTheNewResults() {
        List<Tensor> in = inputs("jacrev_multi");
        Tensor a = in.get(0).requiresGrad_(), m = in.get(1).requiresGrad_();
        Function<Tensor[], Tensor> rev = t -> cat(flat(Func.jacrevOutputs(FuncExtraTest::jacMulti, new int[] {0, 1}).apply(List.of(t))));
        Function<Tensor[], Tensor> fwd = t -> cat(flat(Func.jacfwdOutputs(FuncExtraTest::jacMulti, new int[] {0, 1}).apply(List.of(t))));
        assertTrue(GradCheck.gradcheck(rev, a, m));
        assertTrue(GradCheck.gradgradcheck(rev, a, m));
        assertTrue(GradCheck.gradcheck(fwd, a, m));
        assertTrue(GradCheck.gradgradcheck(fwd, a, m));
        List<Tensor> ab = inputs("jacrev_aux");
        Tensor x = ab.get(0).requiresGrad_(), y = ab.get(1).requiresGrad_();
        Function<Tensor[], Tensor> revAux = t -> {
            JacobiansWithAux<Tensor> r = Func.jacrevWithAux(FuncExtraTest::jacAux, new int[] {0, 1}).apply(List.of(t));
            return cat(List.of(r.jacobians().get(0).get(0), r.jacobians().get(0).get(1), r.aux()));
        };
        Function<Tensor[], Tensor> fwdAux = t -> {
            JacobiansWithAux<Tensor> r = Func.jacfwdWithAux(FuncExtraTest::jacAux, new int[] {0, 1}).apply(List.of(t));
            return cat(List.of(r.jacobians().get(0).get(0), r.jacobians().get(0).get(1), r.aux()));
        };
        assertTrue(GradCheck.gradcheck(revAux, x, y));
        assertTrue(GradCheck.gradgradcheck(revAux, x, y));
        assertTrue(GradCheck.gradcheck(fwdAux, x, y));
        assertTrue(GradCheck.gradgradcheck(fwdAux, x, y));
        List<Tensor> v = inputs("vjp_aux");
        Tensor ct = v.get(2).requiresGrad_();
        Function<Tensor[], Tensor> pull = t -> {
            VjpWithAux<Tensor> r = Func.vjpWithAux(FuncExtraTest::vjpAux, List.of(t[0], t[1]));
            List<Tensor> parts = new ArrayList<>(r.vjpFn().apply(List.of(t[2], v.get(3))));
            parts.add(r.aux());
            return cat(parts);
        };
        assertTrue(GradCheck.gradcheck(pull, x, y, ct));
        assertTrue(GradCheck.gradgradcheck(pull, x, y, ct));
    }

    private static Tensor cat(List<Tensor> ts) {
        List<Tensor> flat = new ArrayList<>();
        for (Tensor t : ts) flat.add(t.reshape(-1));
        return Torch.cat(flat, 0);
    }

    // ---- vmap: out_dims=None and in-place randomness ----

    @Test
    void outDimsNoneReturnsWhatDoesNotVary() {
        List<Tensor> in = inputs("vmap_out_dims_none");
        Tensor b = in.get(1);
        Function<List<Tensor>, List<Tensor>> f = a -> List.of(a.get(0).mul(a.get(1)), a.get(1).exp());
        check("vmap_out_dims_none", Func.vmap(f, Arrays.asList(0, null), Arrays.asList(0, null), "error").apply(in));
        // an unmapped tensor returned as it is comes back as that very tensor
        assertSame(b, Func.vmap((List<Tensor> a) -> List.of(a.get(1)), Arrays.asList(0, null), Collections.singletonList(null), "error")
                .apply(in).get(0));
        UnaryOperator<Tensor> constant = Func.vmap(t -> b.mul(2), 0, null, "error");
        Reference.assertTensor(Reference.spec(b.mul(2)), constant.apply(in.get(0)), 0, 0, "single form");
    }

    @Test
    void outDimsNoneRefusesAnOutputThatVaries() {
        // PyTorch 2's message (torch._functorch.vmap._maybe_remove_batch_dim); functorch 1.13 refuses out_dims=None altogether
        String expected = "vmap(f, ...): `f` can not return a BatchedTensor when out_dim is None";
        Tensor x = Torch.tensor(new double[] {1, 2, 3, 4, 5, 6}, new long[] {3, 2});
        assertEquals(expected, assertThrows(IllegalArgumentException.class, () -> Func.vmap(t -> t.mul(2), 0, null, "error").apply(x))
                .getMessage());
        Function<List<Tensor>, List<Tensor>> two = a -> List.of(a.get(0).sum(), a.get(0).mul(3));
        assertEquals(expected, assertThrows(IllegalArgumentException.class,
                () -> Func.vmap(two, List.of(0), Arrays.asList(0, null), "error").apply(List.of(x))).getMessage());
    }

    @Test
    void differentRandomnessRefusesInPlaceDrawsIntoUnmappedTensors() {
        Tensor m = Torch.ones(new long[] {3, 2}, DType.FLOAT64), y = Torch.ones(new long[] {2}, DType.FLOAT64);
        byte[] generator = Torch.defaultGenerator().getState();
        error("vmap_different_inplace_captured", IllegalStateException.class,
                () -> Func.vmap(a -> y.normal_(0, 1).add(a.select(0, 0)), 0, 0, "different").apply(m));
        error("vmap_different_inplace_unmapped", IllegalStateException.class,
                () -> Func.vmap((List<Tensor> a) -> List.of(a.get(1).normal_(0, 1).add(a.get(0).select(0, 0))), Arrays.asList(0, null),
                        null, "different").apply(List.of(m, y)));
        error("vmap_error_inplace", IllegalStateException.class,
                () -> Func.vmap(a -> y.normal_(0, 1).add(a.select(0, 0)), 0, 0, "error").apply(m));
        // refused before any draw: the tensor and the generator are as they were
        assertTrue(Arrays.equals(new double[] {1, 1}, y.toDoubleArray()));
        assertTrue(Arrays.equals(generator, Torch.defaultGenerator().getState()));
        // in place into a slice, or into a tensor the call made (dropout's mask), each slice draws its own numbers
        Tensor drawn = Func.vmap(a -> a.normal_(0, 1), 0, 0, "different").apply(m.clone());
        assertFalse(drawn.select(0, 0).equal(drawn.select(0, 1)));
        Tensor masks = Func.vmap(a -> Torch.emptyLike(a).bernoulli_(0.5).add(a), 0, 0, "different").apply(m);
        assertEquals(3, masks.size(0));
        Tensor dropped = Func.vmap(a -> org.torch4j.nn.F.dropout(a, 0.5, true), 0, 0, "different").apply(Torch.ones(new long[] {3, 50}));
        assertFalse(dropped.select(0, 0).equal(dropped.select(0, 1)));
        // "same" may draw into an unmapped tensor: every slice sees the same numbers
        Tensor same = Func.vmap(a -> y.clone().normal_(0, 1).add(a.select(0, 0)), 0, 0, "same").apply(m);
        assertTrue(same.select(0, 0).equal(same.select(0, 2)));
    }

    /**
     * jacfwd runs under vmap in functorch, so its randomness applies: "error" (the default, also hessian's) refuses
     * random ops; "same" uses one call's numbers for every column; "different" each column's own call.
     */
    @Test
    void jacfwdRandomness() {
        Tensor x = Torch.tensor(new double[] {0.5, -1.0, 2.0}, new long[] {3});
        UnaryOperator<Tensor> noisy = t -> t.mul(Torch.rand(new long[] {3}, DType.FLOAT64));
        error("jacfwd_random", IllegalStateException.class, () -> Func.jacfwd(noisy).apply(x));
        error("hessian_random", IllegalStateException.class, () -> Func.hessian((Tensor t) -> noisy.apply(t).sum()).apply(x));
        error("jacfwd_randomness", IllegalArgumentException.class, () -> Func.jacfwdWithAux(a -> null, new int[] {0}, "sometimes"));
        Function<List<Tensor>, WithAux<Void>> f = a -> new WithAux<>(noisy.apply(a.get(0)), null);
        Torch.manualSeed(3);
        Tensor same = Func.jacfwdWithAux(f, new int[] {0}, "same").apply(List.of(x)).jacobian();
        Torch.manualSeed(3);
        Tensor r = Torch.rand(new long[] {3}, DType.FLOAT64);
        Reference.assertTensor(Reference.spec(Torch.diag(r)), same, 0, 0, "same: one call's numbers in every column");
        Torch.manualSeed(3);
        Tensor different = Func.jacfwdWithAux(f, new int[] {0}, "different").apply(List.of(x)).jacobian();
        Torch.manualSeed(3);
        double[] expected = new double[9];
        for (int j = 0; j < 3; j++) expected[j * 3 + j] = Torch.rand(new long[] {3}, DType.FLOAT64).toDoubleArray()[j];
        Reference.assertTensor(Reference.spec(Torch.tensor(expected, new long[] {3, 3})), different, 0, 0, "different: column j from call j");
    }

    // ---- messages ----

    @Test
    void messages() {
        Tensor x = Torch.ones(new long[] {3}, DType.FLOAT64);
        List<Tensor> xs = List.of(x);
        error("vjp_aux_not_pair", IllegalArgumentException.class, () -> Func.vjpWithAux(a -> null, xs));
        error("jacrev_aux_not_pair", IllegalArgumentException.class, () -> Func.jacrevWithAux(a -> null, new int[] {0}).apply(xs));
        error("jacfwd_aux_not_pair", IllegalArgumentException.class, () -> Func.jacfwdWithAux(a -> null, new int[] {0}).apply(xs));
        error("jvp_aux_not_pair", IllegalArgumentException.class, () -> Func.jvpWithAux(a -> null, xs, xs));
        error("vjp_none", IllegalArgumentException.class, () -> Func.vjp((Tensor t) -> null, x));
        error("vjp_empty", IllegalArgumentException.class, () -> Func.vjp(a -> List.of(), xs));
        error("vjp_none_second", IllegalArgumentException.class, () -> Func.vjp(a -> Arrays.asList(a.get(0), null), xs));
        error("jacrev_none", IllegalArgumentException.class, () -> Func.jacrev((Tensor t) -> null).apply(x));
        error("jacfwd_empty", IllegalArgumentException.class, () -> Func.jacfwdOutputs(a -> List.of(), new int[] {0}).apply(xs));
        error("jvp_none_second", IllegalArgumentException.class, () -> Func.jvp(a -> Arrays.asList(a.get(0), null), xs, xs));
        error("jacrev_integer_output", IllegalArgumentException.class,
                () -> Func.jacrev((Tensor t) -> t.mul(2).to(DType.INT64)).apply(x));
        error("vjp_integer_output", IllegalArgumentException.class, () -> Func.vjp((Tensor t) -> t.mul(2).to(DType.INT64), x));
        error("grad_tuple", IllegalArgumentException.class,
                () -> Func.gradWithAux(a -> new WithAux<>(List.of(a.get(0).sum(), a.get(0).sum()), null), new int[] {0}).apply(xs));
    }
}
