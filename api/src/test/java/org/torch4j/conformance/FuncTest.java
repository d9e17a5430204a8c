package org.torch4j.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.torch4j.DType;
import org.torch4j.GradCheck;
import org.torch4j.OutputAndProduct;
import org.torch4j.OutputsAndProducts;
import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.func.Func;
import org.torch4j.func.FunctionalModule;
import org.torch4j.func.FunctionalState;
import org.torch4j.func.GradAndValue;
import org.torch4j.func.VjpResult;
import org.torch4j.func.WithAux;
import org.torch4j.nn.BatchNorm1d;
import org.torch4j.nn.Conv2d;
import org.torch4j.nn.F;
import org.torch4j.nn.Flatten;
import org.torch4j.nn.Linear;
import org.torch4j.nn.Module;
import org.torch4j.nn.ReLU;
import org.torch4j.nn.Sequential;
import org.torch4j.nn.Stateless;
import org.torch4j.nn.Tanh;

/**
 * {@link Func} (functorch 1.13 / torch.func) against PyTorch ({@code reference/func.json} from
 * {@code tools/gen_func_reference.py}): grad, grad_and_value, vjp, jvp, jacrev, jacfwd, hessian and vmap of the
 * generator's functions and their compositions; per-sample gradients of an MLP and a CNN by vmap(grad(...)) over
 * functional_call; ensembles from combine_state_for_ensemble (with and without buffers) and their gradients;
 * functorch's messages; vmap's randomness modes; when results keep a graph; gradcheck and gradgradcheck through
 * the transforms.
 */
class FuncTest {

    @SuppressWarnings("unchecked")
    private static final Map<String, Object> FILE = (Map<String, Object>) Reference.load("func.json");

    @SuppressWarnings("unchecked")
    static Map<String, Object> section(String name) {
        return (Map<String, Object>) FILE.get(name);
    }

    @SuppressWarnings("unchecked")
    private static List<Tensor> inputs(String name) {
        List<Tensor> r = new ArrayList<>();
        for (Object o : (List<Object>) ((Map<String, Object>) section("transforms").get(name)).get("inputs")) r.add(Reference.tensor(o));
        return r;
    }

    @SuppressWarnings("unchecked")
    private static void check(String name, List<Tensor> actual) {
        List<Object> out = (List<Object>) ((Map<String, Object>) section("transforms").get(name)).get("out");
        assertEquals(out.size(), actual.size(), name + ": outputs");
        for (int i = 0; i < out.size(); i++) Reference.assertTensor(out.get(i), actual.get(i), 1e-10, 1e-10, name + "[" + i + "]");
    }

    private static Tensor scalar(double v) {
        return Torch.tensor(new double[] {v}).reshape(new long[0]);
    }

    // ---- the generator's FUNCS ----

    static Tensor sinX(Tensor x) {
        return x.sin().mul(x).sum();
    }

    static Tensor pair(List<Tensor> in) {
        Tensor a = in.get(0), b = in.get(1);
        return a.mul(b.exp()).sum().add(a.pow(2).mul(b).sum());
    }

    static Tensor cumProd(Tensor x) {
        return x.sin().cumsum(0).mul(x.prod());
    }

    // ---- transforms against PyTorch ----

    @Test
    void gradAndItsForms() {
        List<Tensor> in = inputs("grad");
        check("grad", List.of(Func.grad(FuncTest::sinX).apply(in.get(0))));
        List<Tensor> ab = inputs("grad_argnums");
        check("grad_argnums", Func.grad(FuncTest::pair, new int[] {0, 1}).apply(ab));
        check("grad_argnum_last", List.of(Func.grad(FuncTest::pair, -1).apply(ab)));
        GradAndValue<Void> gv = Func.gradAndValue(FuncTest::sinX).apply(in.get(0));
        check("grad_and_value", List.of(gv.grad(), gv.value()));
        GradAndValue<Tensor> aux = Func.gradWithAux((List<Tensor> a) -> new WithAux<>(a.get(0).pow(2).sum(), a.get(0).mul(2)),
                new int[] {0}).apply(inputs("grad_and_value_aux"));
        check("grad_and_value_aux", List.of(aux.grad(), aux.value(), aux.aux()));
        Tensor s = inputs("grad_grad").get(0);
        check("grad_grad", List.of(Func.grad(Func.grad(x -> x.sin().mul(x.pow(2)))).apply(s)));
    }

    @Test
    void vjpAndJvp() {
        List<Tensor> in = inputs("vjp");
        Function<List<Tensor>, List<Tensor>> twoOut = a -> List.of(a.get(0).sin().mul(a.get(1).cumsum(0)), a.get(0).mul(a.get(1)).sum());
        VjpResult r = Func.vjp(twoOut, in.subList(0, 2));
        List<Tensor> got = new ArrayList<>(r.outputs());
        got.addAll(r.vjpFn().apply(in.subList(2, 4)));
        check("vjp", got);
        // the pullback can be called again
        check("vjp", concat(r.outputs(), r.vjpFn().apply(in.subList(2, 4))));

        List<Tensor> j = inputs("jvp");
        Function<List<Tensor>, List<Tensor>> expFlip = a -> List.of(a.get(0).exp().mul(a.get(1).flip(0)), a.get(0).mul(a.get(1)).sum());
        OutputsAndProducts p = Func.jvp(expFlip, j.subList(0, 2), j.subList(2, 4));
        check("jvp", concat(p.outputs(), p.products()));
    }

    @Test
    void jacobiansAndHessian() {
        Tensor x = inputs("jacrev").get(0);
        check("jacrev", List.of(Func.jacrev(FuncTest::cumProd).apply(x)));
        check("jacfwd", List.of(Func.jacfwd(FuncTest::cumProd).apply(x)));
        Function<List<Tensor>, Tensor> matTanh = in -> in.get(1).matmul(in.get(0).tanh());
        check("jacrev_argnums", Func.jacrev(matTanh, new int[] {0, 1}).apply(inputs("jacrev_argnums")));
        check("jacfwd_argnums", Func.jacfwd(matTanh, new int[] {0, 1}).apply(inputs("jacfwd_argnums")));
        UnaryOperator<Tensor> cubicCos = t -> t.pow(3).mul(t.cos()).sum().add(t.select(0, 0).mul(t.select(0, 1)));
        check("hessian", List.of(Func.hessian(cubicCos).apply(inputs("hessian").get(0))));
        check("jacrev_jacrev", List.of(Func.jacrev(Func.jacrev(t -> t.sin().mul(t.sum()))).apply(inputs("jacrev_jacrev").get(0))));
    }

    @Test
    void vmapDimsNestingAndComposition() {
        List<Tensor> in = inputs("vmap_dims");
        Function<List<Tensor>, List<Tensor>> mulSum = a -> List.of(a.get(0).mul(a.get(1)).add(a.get(0).sum()));
        check("vmap_dims", Func.vmap(mulSum, Arrays.asList(1, null), List.of(1), "error").apply(in));
        check("vmap_neg", List.of(Func.vmap(t -> F.softmax(t, -1), -2, -1, "error").apply(inputs("vmap_neg").get(0))));
        Function<List<Tensor>, List<Tensor>> dot = a -> List.of(a.get(0).mul(a.get(1)).sum());
        check("vmap_nested", Func.vmap(Func.vmap(dot, Arrays.asList(0, null)), Arrays.asList(null, 0)).apply(inputs("vmap_nested")));
        Function<List<Tensor>, Tensor> tanhLoss = a -> a.get(1).matmul(a.get(0)).tanh().sum();
        check("vmap_grad", Func.vmap(Func.grad(tanhLoss, new int[] {0}), Arrays.asList(null, 0)).apply(inputs("vmap_grad")));
        check("vmap_multi_out", Func.vmap(a -> List.of(a.get(0).sum(), a.get(0).mul(2)), List.of(0), List.of(0, 1), "error")
                .apply(inputs("vmap_multi_out")));
    }

    @Test
    void vmapOverAnEmptyDimensionKeepsTheShapes() {
        Tensor r = Func.vmap((Tensor t) -> t.sum(0)).apply(Torch.zeros(new long[] {0, 3, 2}, DType.FLOAT64));
        assertTrue(Arrays.equals(new long[] {0, 2}, r.shape()));
    }

    // ---- per-sample gradients and ensembles ----

    /** The generator's MLP and CNN. */
    static Module model(String kind) {
        Module m = kind.equals("mlp") ? Sequential.of(new Linear(4, 8), new Tanh(), new Linear(8, 3))
                : Sequential.of(new Conv2d(1, 2, 3), new Tanh(), new Conv2d(2, 2, 3), new Flatten(), new Linear(8, 3));
        return m.to(DType.FLOAT64);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Tensor> state(Object spec) {
        Map<String, Tensor> r = new LinkedHashMap<>();
        ((Map<String, Object>) spec).forEach((k, v) -> r.put(k, Reference.tensor(v)));
        return r;
    }

    @SuppressWarnings("unchecked")
    private void perSampleGradients(String kind) {
        Map<String, Object> c = section(kind);
        Module model = model(kind);
        model.loadStateDict(state(c.get("state")));
        List<String> names = (List<String>) (List<?>) c.get("names");
        int n = names.size();
        // loss(params..., x, y) for one sample, through functional_call
        Function<List<Tensor>, Tensor> loss = args -> {
            Map<String, Tensor> params = new LinkedHashMap<>();
            for (int i = 0; i < n; i++) params.put(names.get(i), args.get(i));
            Tensor out = Stateless.functionalCall(model, params, args.get(n).unsqueeze(0));
            return F.crossEntropy(out, args.get(n + 1).unsqueeze(0));
        };
        int[] argnums = new int[n];
        for (int i = 0; i < n; i++) argnums[i] = i;
        List<Integer> inDims = new ArrayList<>(java.util.Collections.nCopies(n, (Integer) null));
        inDims.addAll(List.of(0, 0));
        List<Tensor> args = new ArrayList<>();
        for (String name : names) args.add(model.namedParameters().get(name).detach());
        args.add(Reference.tensor(c.get("x")));
        args.add(Reference.tensor(c.get("y")));
        List<Tensor> grads = Func.vmap(Func.grad(loss, argnums), inDims).apply(args);
        List<Object> expected = (List<Object>) c.get("grads");
        for (int i = 0; i < n; i++) Reference.assertTensor(expected.get(i), grads.get(i), 1e-9, 1e-10, kind + " " + names.get(i));
        for (Tensor g : grads) assertFalse(g.requiresGrad(), "top-level results are detached");
    }

    @Test
    void perSampleGradientsOfAnMlp() {
        perSampleGradients("mlp");
    }

    @Test
    void perSampleGradientsOfACnn() {
        perSampleGradients("cnn");
    }

    @SuppressWarnings("unchecked")
    private void ensemble(String kind, Supplier<Module> build) {
        Map<String, Object> c = section(kind);
        List<Module> models = new ArrayList<>();
        for (Object s : (List<Object>) c.get("states")) {
            Module m = build.get();
            m.loadStateDict(state(s));
            models.add(m);
        }
        FunctionalState st = Func.combineStateForEnsemble(models);
        List<Object> params = (List<Object>) c.get("params"), buffers = (List<Object>) c.get("buffers");
        for (int i = 0; i < params.size(); i++) Reference.assertTensor(params.get(i), st.params().get(i), kind + " param " + i);
        for (int i = 0; i < buffers.size(); i++) Reference.assertTensor(buffers.get(i), st.buffers().get(i), kind + " buffer " + i);
        FunctionalModule fmodel = st.fmodel();
        List<Tensor> args = new ArrayList<>(st.params());
        args.addAll(st.buffers());
        args.add(Reference.tensor(c.get("x")));
        Tensor shared = Func.vmap(fmodel.asFunction(), fmodel.inDims(0, 0, (Integer) null)).apply(args).get(0);
        Reference.assertTensor(c.get("shared"), shared, 1e-10, 1e-10, kind + " shared batch");

        List<Tensor> params2 = new ArrayList<>();
        for (Tensor p : st.params()) params2.add(p.detach().requiresGrad_());
        List<Tensor> args2 = new ArrayList<>(params2);
        args2.addAll(st.buffers());
        args2.add(Reference.tensor(c.get("xs")));
        Tensor each = Func.vmap(fmodel.asFunction(), fmodel.inDims(0, 0, 0)).apply(args2).get(0);
        Reference.assertTensor(c.get("each"), each, 1e-10, 1e-10, kind + " a batch per model");
        List<Tensor> grads = org.torch4j.Autograd.grad(List.of(each.pow(2).sum()), params2, null, false, false, false);
        List<Object> expected = (List<Object>) c.get("grads");
        for (int i = 0; i < grads.size(); i++) Reference.assertTensor(expected.get(i), grads.get(i), 1e-9, 1e-10, kind + " grad " + i);
    }

    @Test
    void ensembleOfThreeModels() {
        ensemble("ensemble", () -> Sequential.of(new Linear(3, 5), new ReLU(), new Linear(5, 2)).to(DType.FLOAT64));
    }

    @Test
    void ensembleWithBatchNormBuffers() {
        ensemble("ensemble_bn", () -> Sequential.of(new Linear(3, 4), new BatchNorm1d(4), new Tanh()).to(DType.FLOAT64).eval());
    }

    @Test
    void makeFunctionalCopiesTheParametersAndLeavesTheModelAlone() {
        Torch.manualSeed(0);
        Module lin = new Linear(3, 2).to(DType.FLOAT64);
        FunctionalState st = Func.makeFunctional(lin);
        assertEquals(List.of("weight", "bias"), st.fmodel().paramNames());
        assertTrue(st.params().get(0).requiresGrad());
        assertFalse(Func.makeFunctional(lin, true).params().get(0).requiresGrad());
        Tensor x = Torch.randn(new long[] {4, 3}, DType.FLOAT64);
        Tensor before = lin.call(x);
        List<Tensor> zeros = List.of(Torch.zeros(new long[] {2, 3}, DType.FLOAT64), Torch.ones(new long[] {2}, DType.FLOAT64));
        Reference.assertTensor(Reference.spec(Torch.ones(new long[] {4, 2}, DType.FLOAT64)), st.fmodel().call(zeros, x), "zero weights, unit bias");
        Reference.assertTensor(Reference.spec(before), lin.call(x), "the module is unchanged");
        st.params().get(0).detach().mul_(0);
        Reference.assertTensor(Reference.spec(before), lin.call(x), "the copies are not the module's tensors");
        assertEquals("FunctionalModule expected 2 parameters, got 1",
                assertThrows(IllegalArgumentException.class, () -> st.fmodel().call(zeros.subList(0, 1), x)).getMessage());
    }

    // ---- functorch's messages ----

    @SuppressWarnings("unchecked")
    private static String message(String name) {
        return (String) section("errors").get(name);
    }

    private static void error(String name, Class<? extends Throwable> type, org.junit.jupiter.api.function.Executable call) {
        assertEquals(message(name), assertThrows(type, call, name).getMessage(), name);
    }

    @Test
    void messages() {
        Tensor x = Torch.ones(new long[] {3}, DType.FLOAT64), m = Torch.ones(new long[] {2, 3}, DType.FLOAT64);
        Function<List<Tensor>, List<Tensor>> f2 = a -> List.of(a.get(0).add(a.get(1)));
        error("grad_non_scalar", IllegalArgumentException.class, () -> Func.grad(t -> t.mul(2)).apply(x));
        error("grad_argnum", IndexOutOfBoundsException.class, () -> Func.grad((List<Tensor> a) -> a.get(0).sum(), 1).apply(List.of(x)));
        error("grad_argnum_negative", IndexOutOfBoundsException.class,
                () -> Func.grad((List<Tensor> a) -> a.get(0).sum(), -2).apply(List.of(x)));
        error("argnums_empty", IllegalArgumentException.class, () -> Func.jacrev((List<Tensor> a) -> a.get(0), new int[0]).apply(List.of(x)));
        error("argnums_unique", IllegalArgumentException.class,
                () -> Func.grad((List<Tensor> a) -> a.get(0).mul(a.get(1)).sum(), new int[] {0, 0}).apply(List.of(x, x)));
        error("grad_integer", IllegalArgumentException.class, () -> Func.grad(Tensor::sum).apply(Torch.arange(3)));
        error("vmap_in_dims_length", IllegalArgumentException.class, () -> Func.vmap(f2, List.of(0)).apply(List.of(x, x)));
        error("vmap_sizes", IllegalArgumentException.class,
                () -> Func.vmap(f2, List.of(0, 0)).apply(List.of(x, Torch.ones(new long[] {4}, DType.FLOAT64))));
        error("vmap_in_dim_range", IllegalArgumentException.class, () -> Func.vmap(t -> t.mul(2), 1, 0, "error").apply(x));
        error("vmap_in_dim_range_tuple", IllegalArgumentException.class, () -> Func.vmap(f2, List.of(0, -3)).apply(List.of(x, m)));
        error("vmap_nothing_mapped", IllegalArgumentException.class, () -> Func.vmap(a -> a, Arrays.asList((Integer) null)).apply(List.of(x)));
        error("vmap_no_inputs", IllegalArgumentException.class, () -> Func.vmap(a -> a, List.of()).apply(List.of()));
        error("vmap_in_dims_none", IllegalArgumentException.class, () -> Func.vmap(t -> t, null, 0, "error").apply(x));
        error("vmap_out_dims_length", IllegalArgumentException.class,
                () -> Func.vmap(a -> List.of(a.get(0)), List.of(0), List.of(0, 0), "error").apply(List.of(x)));
        error("vmap_out_dim_range", IndexOutOfBoundsException.class, () -> Func.vmap(t -> t.mul(2), 0, 1, "error").apply(x));
        error("vmap_none_output", IllegalArgumentException.class, () -> Func.vmap(t -> null).apply(x));
        error("vmap_random", IllegalStateException.class, () -> Func.vmap(t -> t.add(Torch.rand(new long[0], DType.FLOAT64))).apply(x));
        error("vmap_randomness", IllegalArgumentException.class, () -> Func.vmap(t -> t, 0, 0, "sometimes"));
        error("jvp_structure", IllegalArgumentException.class, () -> Func.jvp(a -> a, List.of(x), List.of()));
        error("jvp_size", IllegalArgumentException.class, () -> Func.jvp(t -> t.mul(2), x, Torch.ones(new long[] {4}, DType.FLOAT64)));
        error("jvp_integer", IllegalArgumentException.class, () -> Func.jvp(t -> t.mul(2), Torch.arange(3), Torch.ones(3)));
        error("vjp_structure", IllegalArgumentException.class,
                () -> Func.vjp(a -> List.of(a.get(0), a.get(0).mul(2)), List.of(x)).vjpFn().apply(List.of(x)));
        error("vjp_shape", IllegalArgumentException.class,
                () -> Func.vjp(t -> t.mul(2), x).vjp(Torch.ones(new long[] {4}, DType.FLOAT64)));
        error("ensemble_empty", IllegalArgumentException.class, () -> Func.combineStateForEnsemble(List.of()));
        error("ensemble_mode", IllegalArgumentException.class,
                () -> Func.combineStateForEnsemble(List.of(new Linear(2, 2), new Linear(2, 2).eval())));
        error("ensemble_class", IllegalArgumentException.class,
                () -> Func.combineStateForEnsemble(List.of(new Linear(2, 2), Sequential.of(new Linear(2, 2)))));
        error("make_functional_buffers", IllegalArgumentException.class, () -> Func.makeFunctional(new BatchNorm1d(2)));
    }

    // ---- randomness ----

    @Test
    void randomnessModes() {
        Tensor x = Torch.zeros(new long[] {3, 4}, DType.FLOAT64);
        UnaryOperator<Tensor> noisy = t -> t.add(Torch.rand(new long[] {4}, DType.FLOAT64));
        Torch.manualSeed(7);
        Tensor different = Func.vmap(noisy, 0, 0, "different").apply(x);
        assertNotEquals(different.select(0, 0).toDoubleArray()[0], different.select(0, 1).toDoubleArray()[0]);
        Torch.manualSeed(7);
        Tensor same = Func.vmap(noisy, 0, 0, "same").apply(x);
        Tensor afterSame = Torch.rand(new long[] {4}, DType.FLOAT64);
        Torch.manualSeed(7);
        Tensor once = Torch.rand(new long[] {4}, DType.FLOAT64);
        Tensor afterOnce = Torch.rand(new long[] {4}, DType.FLOAT64);
        for (int b = 0; b < 3; b++) assertTrue(Arrays.equals(once.toDoubleArray(), same.select(0, b).toDoubleArray()), "slice " + b);
        assertTrue(Arrays.equals(afterOnce.toDoubleArray(), afterSame.toDoubleArray()), "the generator moved as for one call");
        // an enclosing "error" wins over an inner "different"
        UnaryOperator<Tensor> inner = Func.vmap(noisy, 0, 0, "different");
        assertThrows(IllegalStateException.class, () -> Func.vmap(inner).apply(Torch.zeros(new long[] {2, 3, 4}, DType.FLOAT64)));
        // and the listener is gone afterwards
        Torch.rand(2);
    }

    // ---- graphs: kept for someone outside, dropped otherwise ----

    @Test
    void resultsKeepAGraphOnlyForSomeoneOutside() {
        Tensor x = Torch.tensor(new double[] {0.3, -1.2, 2.0}, new long[] {3});
        assertFalse(Func.grad(FuncTest::sinX).apply(x).requiresGrad());
        Tensor xr = x.detach().requiresGrad_();
        Tensor g = Func.grad(FuncTest::sinX).apply(xr);
        assertTrue(g.requiresGrad());
        // d/dx sum(grad) = sum of the second derivatives: 2cos(x) - x sin(x)
        Tensor h = org.torch4j.Autograd.grad(g.sum(), xr, false);
        Reference.assertTensor(Reference.spec(x.cos().mul(2).sub(x.mul(x.sin()))), h, 1e-12, 1e-12, "through grad");
        // a captured tensor that requires grad keeps the graph too
        Tensor w = scalar(1.5).requiresGrad_();
        Tensor gw = Func.grad((Tensor t) -> t.mul(w).sin().sum()).apply(x);
        assertTrue(gw.requiresGrad());
        Tensor dw = org.torch4j.Autograd.grad(gw.sum(), w, false);
        // d/dw sum(w cos(w x)) = sum(cos(w x) - w x sin(w x))
        Tensor wx = x.mul(1.5);
        Reference.assertTensor(Reference.spec(wx.cos().sub(wx.mul(wx.sin())).sum()), dw, 1e-12, 1e-12, "through a captured tensor");
        // under noGrad the transform still differentiates, but nobody outside does
        try (Torch.Mode m = Torch.noGrad()) {
            Tensor inside = Func.grad(FuncTest::sinX).apply(xr);
            assertFalse(inside.requiresGrad());
            Reference.assertTensor(Reference.spec(x.sin().add(x.mul(x.cos()))), inside, 1e-12, 1e-12, "grad under noGrad");
        }
    }

    @Test
    void gradcheckThroughTheTransforms() {
        Tensor x = Torch.tensor(new double[] {0.3, -1.2, 2.0}, new long[] {3}).requiresGrad_();
        assertTrue(GradCheck.gradcheck(t -> Func.grad(FuncTest::sinX).apply(t[0]), x));
        assertTrue(GradCheck.gradgradcheck(t -> Func.grad(FuncTest::sinX).apply(t[0]), x));
        Tensor xb = Torch.tensor(new double[] {0.3, -1.2, 2.0, 0.5, 0.1, -0.4}, new long[] {2, 3}).requiresGrad_();
        UnaryOperator<Tensor> perRow = Func.vmap(Func.jacrev(FuncTest::cumProd));
        assertTrue(GradCheck.gradcheck(t -> perRow.apply(t[0]), xb));
        assertTrue(GradCheck.gradgradcheck(t -> perRow.apply(t[0]), xb));
        assertTrue(GradCheck.gradcheck(t -> Func.jvp(FuncTest::cumProd, t[0], t[1]).product(), x, x.detach().mul(0.5).requiresGrad_()));
        assertTrue(GradCheck.gradgradcheck(t -> Func.jvp(FuncTest::cumProd, t[0], t[1]).product(), x, x.detach().mul(0.5).requiresGrad_()));
        assertTrue(GradCheck.gradcheck(t -> Func.vjp(FuncTest::cumProd, t[0]).vjp(t[1]), x, x.detach().mul(0.5).requiresGrad_()));
        assertTrue(GradCheck.gradgradcheck(t -> Func.vjp(FuncTest::cumProd, t[0]).vjp(t[1]), x, x.detach().mul(0.5).requiresGrad_()));
    }

    @Test
    void inputsAreLeftAlone() {
        Tensor x = Torch.tensor(new double[] {0.3, -1.2, 2.0}, new long[] {3});
        Func.hessian((Tensor t) -> t.pow(3).sum()).apply(x);
        assertFalse(x.requiresGrad());
        assertTrue(x.grad() == null);
    }

    /** The per-sample gradients example of docs/func.md: the per-sample gradients average to the batch gradient. */
    @Test
    void docsPerSampleGradients() {
        Torch.manualSeed(0);
        Module model = Sequential.of(new Linear(4, 8), new Tanh(), new Linear(8, 3)).to(DType.FLOAT64);
        FunctionalState st = Func.makeFunctional(model, true);
        int n = st.params().size();
        Function<List<Tensor>, Tensor> loss = a -> F.crossEntropy(
                st.fmodel().call(a.subList(0, n), a.get(n).unsqueeze(0)), a.get(n + 1).unsqueeze(0));
        int[] params = java.util.stream.IntStream.range(0, n).toArray();
        List<Integer> inDims = new ArrayList<>(java.util.Collections.nCopies(n, (Integer) null));
        inDims.addAll(List.of(0, 0));
        List<Tensor> args = new ArrayList<>(st.params());
        args.add(Torch.randn(new long[] {16, 4}, DType.FLOAT64));
        args.add(Torch.randint(0, 3, 16));
        List<Tensor> perSample = Func.vmap(Func.grad(loss, params), inDims).apply(args);
        assertTrue(Arrays.equals(new long[] {16, 8, 4}, perSample.get(0).shape()));
        // the mean of the per-sample gradients is the gradient of the batch's mean loss
        List<Tensor> batch = Func.grad((List<Tensor> a) -> F.crossEntropy(st.fmodel().call(a.subList(0, n), a.get(n)), a.get(n + 1)),
                params).apply(args);
        for (int i = 0; i < n; i++) {
            Tensor diff = perSample.get(i).mean(0).sub(batch.get(i)).abs().max();
            assertTrue(diff.item() < 1e-12, "parameter " + i + ": " + diff.item());
        }
    }

    /** The README's "torch.func" example. */
    @Test
    void readmeExample() {
        UnaryOperator<Tensor> f = x -> x.sin().sum();
        Tensor x = Torch.tensor(new double[] {0, 1, 2});
        Tensor g = Func.grad(f).apply(x);
        assertTrue(Arrays.equals(x.cos().toDoubleArray(), g.toDoubleArray()));
        Tensor h = Func.hessian(f).apply(x);
        Reference.assertTensor(Reference.spec(Torch.diag(x.sin().neg())), h, 1e-15, 1e-15, "hessian");
        Tensor rows = Func.vmap(Func.grad(f)).apply(Torch.tensor(new double[] {0, 1, 2, 3}, 2, 2));
        assertTrue(Arrays.equals(Torch.tensor(new double[] {0, 1, 2, 3}, 2, 2).cos().toDoubleArray(), rows.toDoubleArray()));
        Linear lin = new Linear(2, 1, false);
        Tensor before = lin.weight.detach().clone();
        Tensor y = Stateless.functionalCall(lin, Map.of("weight", Torch.ones(1, 2)), Torch.ones(1, 2));
        assertEquals("tensor([[2.]])", y.toString());
        assertTrue(Arrays.equals(before.toDoubleArray(), lin.weight.toDoubleArray()));
    }

    private static List<Tensor> concat(List<Tensor> a, List<Tensor> b) {
        List<Tensor> r = new ArrayList<>(a);
        r.addAll(b);
        return r;
    }
}
