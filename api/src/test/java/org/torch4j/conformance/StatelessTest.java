package org.torch4j.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.torch4j.Autograd;
import org.torch4j.DType;
import org.torch4j.GradCheck;
import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.nn.BatchNorm1d;
import org.torch4j.nn.Conv2d;
import org.torch4j.nn.Linear;
import org.torch4j.nn.Module;
import org.torch4j.nn.Parametrize;
import org.torch4j.nn.Sequential;
import org.torch4j.nn.Stateless;
import org.torch4j.nn.Tanh;

/**
 * {@link Stateless#functionalCall} ({@code torch.nn.utils.stateless.functional_call}) against PyTorch 1.13
 * ({@code reference/func.json}, "stateless"): outputs and gradients with respect to the given tensors, the
 * arguments and the module's other parameters (also through two convolutions, whose backward reads the weights
 * after the call); in-place buffer updates landing in the given buffers; parametrized modules; PyTorch's error for
 * a missing submodule; the module left exactly as it was (also when the forward throws); tied weights; gradcheck
 * and gradgradcheck through the call.
 */
class StatelessTest {

    @SuppressWarnings("unchecked")
    private static Map<String, Object> c(String name) {
        return (Map<String, Object>) FuncTest.section("stateless").get(name);
    }

    private static Tensor t(Map<String, Object> c, String key) {
        return Reference.tensor(c.get(key));
    }

    @SuppressWarnings("unchecked")
    private static void assertAll(Object expected, List<Tensor> actual, String what) {
        List<Object> e = (List<Object>) expected;
        for (int i = 0; i < e.size(); i++) Reference.assertTensor(e.get(i), actual.get(i), 1e-10, 1e-10, what + " " + i);
    }

    @Test
    void linearWithGivenWeightAndBias() {
        Map<String, Object> c = c("linear");
        Linear lin = (Linear) new Linear(3, 2).to(DType.FLOAT64);
        lin.loadStateDict(FuncTest.state(c.get("state")));
        Tensor w = t(c, "weight").requiresGrad_(), b = t(c, "bias").requiresGrad_(), x = t(c, "x").requiresGrad_();
        Map<String, Tensor> own = snapshot(lin);
        Tensor y = Stateless.functionalCall(lin, Map.of("weight", w, "bias", b), x);
        Reference.assertTensor(c.get("out"), y, 1e-12, 1e-12, "out");
        assertSameState(own, lin);
        assertAll(c.get("grads"), Autograd.grad(List.of(y.pow(2).sum()), List.of(w, b, x), null, false, false, false), "grad");
    }

    @Test
    void aSubsetOfNamesLeavesTheOthersAndTheirGradients() {
        Map<String, Object> c = c("subset");
        Module seq = Sequential.of(new Linear(3, 4), new Tanh(), new Linear(4, 2)).to(DType.FLOAT64);
        seq.loadStateDict(FuncTest.state(c.get("state")));
        Tensor w = t(c, "weight").requiresGrad_();
        Tensor y = Stateless.functionalCall(seq, Map.of("2.weight", w), t(c, "x"));
        Reference.assertTensor(c.get("out"), y, 1e-12, 1e-12, "out");
        Map<String, ? extends Tensor> p = seq.namedParameters();
        assertAll(c.get("grads"), Autograd.grad(List.of(y.sin().sum()), List.of(w, p.get("0.weight"), p.get("2.bias")), null, false,
                false, false), "grad");
    }

    /** The convolutions keep their weight objects for backward, which runs after the call restored them. */
    @Test
    @SuppressWarnings("unchecked")
    void gradientsThroughConvolutionsAfterTheCall() {
        Map<String, Object> c = c("convs");
        Module convs = Sequential.of(new Conv2d(1, 2, 3), new Tanh(), new Conv2d(2, 3, 2)).to(DType.FLOAT64);
        convs.loadStateDict(FuncTest.state(c.get("state")));
        List<String> names = (List<String>) (List<?>) c.get("names");
        List<Object> given = (List<Object>) c.get("given");
        Map<String, Tensor> values = new LinkedHashMap<>();
        for (int i = 0; i < names.size(); i++) values.put(names.get(i), Reference.tensor(given.get(i)).requiresGrad_());
        Tensor y = Stateless.functionalCall(convs, values, t(c, "x"));
        Reference.assertTensor(c.get("out"), y, 1e-12, 1e-12, "out");
        assertAll(c.get("grads"), Autograd.grad(List.of(y.pow(2).sum()), new ArrayList<>(values.values()), null, false, false, false),
                "grad");
        // and at second order, through the same call
        List<Tensor> vs = new ArrayList<>(values.values());
        Tensor x = t(c, "x");
        assertTrue(GradCheck.gradgradcheck(in -> {
            Map<String, Tensor> m = new LinkedHashMap<>();
            for (int i = 0; i < names.size(); i++) m.put(names.get(i), in[i]);
            return Stateless.functionalCall(convs, m, x).tanh();
        }, vs.toArray(new Tensor[0])));
    }

    /** Second derivatives through the call (its sealed backward differentiated again), against PyTorch's hessian. */
    @Test
    void hessianThroughTheCall() {
        Map<String, Object> c = c("hessian");
        Module small = Sequential.of(new Linear(2, 3), new Tanh(), new Linear(3, 1)).to(DType.FLOAT64);
        small.loadStateDict(FuncTest.state(c.get("state")));
        Tensor x = t(c, "x");
        Tensor h = org.torch4j.func.Func.hessian((Tensor w) -> Stateless.functionalCall(small, Map.of("0.weight", w), x).pow(2).sum())
                .apply(t(c, "weight"));
        Reference.assertTensor(c.get("hessian"), h, 1e-10, 1e-10, "hessian");
    }

    @Test
    void inPlaceBufferUpdatesLandInTheGivenBuffers() {
        Map<String, Object> c = c("batchnorm");
        BatchNorm1d bn = (BatchNorm1d) new BatchNorm1d(3).to(DType.FLOAT64);
        Tensor mean = t(c, "mean"), var = t(c, "var");
        Tensor y = Stateless.functionalCall(bn, Map.of("running_mean", mean, "running_var", var), t(c, "x"));
        Reference.assertTensor(c.get("out"), y, 1e-12, 1e-12, "out");
        Reference.assertTensor(c.get("mean_after"), mean, 1e-12, 1e-12, "given running_mean");
        Reference.assertTensor(c.get("var_after"), var, 1e-12, 1e-12, "given running_var");
        Reference.assertTensor(c.get("module_mean"), bn.runningMean(), "module's running_mean");
        Reference.assertTensor(c.get("module_var"), bn.runningVar(), "module's running_var");
    }

    /** The generator's Symmetric parametrization. */
    static final class Symmetric extends Module {
        @Override
        public Tensor forward(Tensor x) {
            return x.triu().add(x.triu(1).transpose(0, 1));
        }
    }

    @Test
    void parametrizedModules() {
        Map<String, Object> c = c("parametrized");
        Linear lin = (Linear) new Linear(3, 3).to(DType.FLOAT64);
        Parametrize.registerParametrization(lin, "weight", new Symmetric());
        lin.loadStateDict(FuncTest.state(c.get("state")));
        Tensor x = t(c, "x");
        Reference.assertTensor(c.get("via_original"),
                Stateless.functionalCall(lin, Map.of("parametrizations.weight.original", t(c, "original")), x), 1e-12, 1e-12, "original");
        Reference.assertTensor(c.get("via_weight"), Stateless.functionalCall(lin, Map.of("weight", t(c, "direct")), x), 1e-12, 1e-12,
                "weight given: parametrization off");
        Reference.assertTensor(c.get("plain"), lin.call(x), 1e-12, 1e-12, "afterwards the parametrization is back");
    }

    /** A call inside a call of a parametrized module: the outer call's weight stays in force after the inner one. */
    @Test
    void nestedCallsOfAParametrizedModule() {
        Map<String, Object> c = c("parametrized");
        Linear lin = (Linear) new Linear(3, 3).to(DType.FLOAT64);
        Parametrize.registerParametrization(lin, "weight", new Symmetric());
        lin.loadStateDict(FuncTest.state(c.get("state")));
        Tensor x = t(c, "x"), direct = t(c, "direct");
        // the inner call gives the weight too: when it ends, the outer call's weight (parametrization off) is back
        Tensor y = Stateless.functionalCall(lin, Map.of("weight", direct), List.of(x),
                (m, in) -> Stateless.functionalCall(m, Map.of("weight", direct.mul(2)), in.get(0)).add(m.call(in.get(0))));
        Tensor viaWeight = Reference.tensor(c.get("via_weight")), bias = lin.namedParameters().get("bias");
        Tensor expected = viaWeight.sub(bias).mul(2).add(bias).add(viaWeight);
        assertTrue(y.sub(expected).abs().max().item() < 1e-12);
        Reference.assertTensor(c.get("plain"), lin.call(x), 1e-12, 1e-12, "afterwards the parametrization is back");
    }

    @Test
    @SuppressWarnings("unchecked")
    void missingSubmoduleIsPyTorchsErrorAndUnknownLeafIsIgnored() {
        String expected = (String) ((Map<String, Object>) FuncTest.section("errors")).get("stateless_submodule");
        Module seq = Sequential.of(new Linear(2, 2));
        Map<String, Tensor> own = snapshot(seq);
        Tensor ones = Torch.ones(2, 2);
        assertEquals(expected, assertThrows(IllegalArgumentException.class,
                () -> Stateless.functionalCall(seq, Map.of("0.weight", ones, "1.weight", ones), Torch.ones(1, 2))).getMessage());
        assertSameState(own, seq);
        Tensor y = Stateless.functionalCall(seq, Map.of("0.foo", ones), Torch.ones(1, 2));
        assertTrue(Arrays.equals(seq.call(Torch.ones(1, 2)).toDoubleArray(), y.toDoubleArray()));
    }

    @Test
    void theModuleIsRestoredWhenTheForwardThrows() {
        Torch.manualSeed(0);
        Linear lin = new Linear(3, 2);
        lin.call(Torch.ones(1, 3)).sum().backward();
        Map<String, Tensor> own = snapshot(lin);
        Tensor gradBefore = lin.weight.grad();
        assertThrows(IllegalArgumentException.class,
                () -> Stateless.functionalCall(lin, Map.of("weight", Torch.ones(2, 4)), Torch.ones(1, 3)));
        assertSameState(own, lin);
        assertSame(gradBefore, lin.weight.grad());
        assertTrue(lin.weight.isLeaf() && lin.weight.requiresGrad());
        // a value that cannot be bound (closed) after another was: the first goes back as well
        Tensor closed = Torch.ones(2);
        closed.close();
        Map<String, Tensor> values = new LinkedHashMap<>();
        values.put("weight", Torch.ones(2, 3));
        values.put("bias", closed);
        assertThrows(IllegalStateException.class, () -> Stateless.functionalCall(lin, values, Torch.ones(1, 3)));
        assertSameState(own, lin);
        assertSame(gradBefore, lin.weight.grad());
    }

    @Test
    void tiedWeightsAreOneTensor() {
        Linear a = new Linear(2, 2, false);
        Module tied = Sequential.of(a, new TiedTo(a));
        assertEquals(List.of("0.weight"), new ArrayList<>(tied.namedParameters().keySet()));
        Tensor w = Torch.eye(2).mul(3), x = Torch.ones(1, 2);
        // one name given: every use of the tied tensor sees the value
        Tensor y = Stateless.functionalCall(tied, Map.of("0.weight", w), x);
        assertTrue(Arrays.equals(new double[] {9, 9}, y.toDoubleArray()));
        Tensor y2 = Stateless.functionalCall(tied, Map.of("0.weight", w, "1.weight", w), x);
        assertTrue(Arrays.equals(new double[] {9, 9}, y2.toDoubleArray()));
        assertThrows(IllegalArgumentException.class, () -> Stateless.functionalCall(tied, Map.of("0.weight", w, "1.weight", w.mul(2)), x));
    }

    /** A module that reuses another Linear's weight (weight tying). */
    static final class TiedTo extends Module {
        private final Linear source;

        TiedTo(Linear source) {
            this.source = source;
            registerParameter("weight", source.weight);
        }

        @Override
        public Tensor forward(Tensor x) {
            return x.matmul(source.weight.t());
        }
    }

    @Test
    void gradcheckThroughTheCall() {
        Torch.manualSeed(3);
        Module seq = Sequential.of(new Linear(3, 4), new Tanh(), new Linear(4, 2)).to(DType.FLOAT64);
        Tensor w = Torch.randn(new long[] {4, 3}, DType.FLOAT64).requiresGrad_();
        Tensor x = Torch.randn(new long[] {2, 3}, DType.FLOAT64).requiresGrad_();
        assertTrue(GradCheck.gradcheck(in -> Stateless.functionalCall(seq, Map.of("0.weight", in[0]), in[1]), w, x));
        assertTrue(GradCheck.gradgradcheck(in -> Stateless.functionalCall(seq, Map.of("0.weight", in[0]), in[1]), w, x));
    }

    /** An argument computed from the module's own parameters: each path to them is counted once. */
    @Test
    void argumentsThatDependOnTheModulesParameters() {
        Torch.manualSeed(4);
        Module seq = Sequential.of(new Linear(3, 3), new Tanh(), new Linear(3, 3)).to(DType.FLOAT64);
        Tensor w = Torch.randn(new long[] {3, 3}, DType.FLOAT64).requiresGrad_();
        Tensor x = Torch.randn(new long[] {2, 3}, DType.FLOAT64);
        List<Tensor> p = new ArrayList<>(seq.parameters());   // 0.weight, 0.bias, 2.weight, 2.bias
        Tensor y = Stateless.functionalCall(seq, Map.of("2.weight", w), seq.call(x));
        List<Tensor> wanted = new ArrayList<>(p);
        wanted.add(w);
        List<Tensor> got = Autograd.grad(List.of(y.pow(2).sum()), wanted, null, false, false, false);
        // the same with a copy of the module (its own leaves) holding w: c(seq(x))
        Module copy = Sequential.of(new Linear(3, 3), new Tanh(), new Linear(3, 3)).to(DType.FLOAT64);
        Map<String, Tensor> sd = new LinkedHashMap<>(seq.stateDict());
        sd.put("2.weight", w.detach());
        copy.loadStateDict(sd);
        List<Tensor> c = new ArrayList<>(copy.parameters());
        List<Tensor> both = new ArrayList<>(p);
        both.addAll(c);
        List<Tensor> g = Autograd.grad(List.of(copy.call(seq.call(x)).pow(2).sum()), both, null, false, false, false);
        for (int i = 0; i < 4; i++) {
            // seq's own tensors: the path through seq.call(x), plus the call's use of them (2.weight is w in the call)
            Tensor expected = i == 2 ? g.get(i) : g.get(i).add(g.get(4 + i));
            assertTrue(got.get(i).sub(expected).abs().max().item() < 1e-12, "parameter " + i);
        }
        assertTrue(got.get(4).sub(g.get(6)).abs().max().item() < 1e-12, "w");
    }

    /** Several tensor arguments call the module's call overload of that arity. */
    @Test
    void severalArgumentsCallTheMatchingOverload() {
        Torch.manualSeed(5);
        org.torch4j.nn.Bilinear bil = (org.torch4j.nn.Bilinear) new org.torch4j.nn.Bilinear(2, 3, 2).to(DType.FLOAT64);
        Tensor w = Torch.randn(new long[] {2, 2, 3}, DType.FLOAT64).requiresGrad_();
        Tensor x1 = Torch.randn(new long[] {4, 2}, DType.FLOAT64), x2 = Torch.randn(new long[] {4, 3}, DType.FLOAT64);
        Tensor y = Stateless.functionalCall(bil, Map.of("weight", w), x1, x2);
        Tensor expected = org.torch4j.nn.F.bilinear(x1, x2, w, bil.namedParameters().get("bias"));
        assertTrue(y.sub(expected).abs().max().item() < 1e-12);
        assertTrue(Autograd.grad(y.sum(), w, false).sub(Autograd.grad(expected.sum(), w, false)).abs().max().item() < 1e-12);
        assertEquals("Linear has no call taking 3 tensors: use functionalCall(module, parametersAndBuffers, args, (m, in) -> ...)",
                assertThrows(IllegalArgumentException.class,
                        () -> Stateless.functionalCall(new Linear(2, 2), Map.of(), x1, x1, x1)).getMessage());
    }

    /**
     * backward() after a call: the given tensor gets its gradient in .grad, the module's other tensors accumulate
     * theirs, the replaced one keeps its own .grad, and the module is as before (leaves that require grad) and
     * trains as before.
     */
    @Test
    void theModuleIsAsBeforeAfterBackward() {
        Torch.manualSeed(9);
        Module seq = Sequential.of(new Linear(3, 4), new Tanh(), new Linear(4, 2)).to(DType.FLOAT64);
        Tensor x = Torch.randn(new long[] {5, 3}, DType.FLOAT64);
        seq.call(x).sum().backward();
        List<Tensor> params = new ArrayList<>(seq.parameters());   // 0.weight, 0.bias, 2.weight, 2.bias
        List<Tensor> before = new ArrayList<>();
        for (Tensor p : params) before.add(p.grad().clone());
        Map<String, Tensor> own = snapshot(seq);
        Tensor w = Torch.randn(new long[] {4, 3}, DType.FLOAT64).requiresGrad_();
        Stateless.functionalCall(seq, Map.of("0.weight", w), x).pow(2).sum().backward();
        assertSameState(own, seq);
        // the same loss on a copy of the module holding w, for the expected gradients
        Module copy = Sequential.of(new Linear(3, 4), new Tanh(), new Linear(4, 2)).to(DType.FLOAT64);
        Map<String, Tensor> sd = new LinkedHashMap<>(seq.stateDict());
        sd.put("0.weight", w.detach());
        copy.loadStateDict(sd);
        List<Tensor> g = Autograd.grad(List.of(copy.call(x).pow(2).sum()), new ArrayList<>(copy.parameters()), null, false, false, false);
        assertTrue(w.grad().sub(g.get(0)).abs().max().item() < 1e-12, "the given tensor's .grad");
        assertTrue(Arrays.equals(before.get(0).toDoubleArray(), params.get(0).grad().toDoubleArray()), "the replaced weight's own .grad");
        for (int i = 1; i < 4; i++) {
            assertTrue(params.get(i).grad().sub(before.get(i).add(g.get(i))).abs().max().item() < 1e-12, "accumulated " + i);
        }
        seq.call(x).sum().backward();
        assertTrue(params.get(0).grad().sub(before.get(0).mul(2)).abs().max().item() < 1e-12, "the module's own weight trains again");
    }

    /**
     * A result that is a record (LSTM's output and state) is differentiable too, also when the module runs again
     * with its own weights before the backward: the same gradients as a copy of the module holding the value.
     */
    @Test
    void recordResultsAreDifferentiable() {
        Torch.manualSeed(10);
        org.torch4j.nn.LSTM lstm = (org.torch4j.nn.LSTM) new org.torch4j.nn.LSTM(3, 4).to(DType.FLOAT64);
        Tensor w = Torch.randn(new long[] {16, 3}, DType.FLOAT64).requiresGrad_();
        Tensor x = Torch.randn(new long[] {5, 2, 3}, DType.FLOAT64);
        org.torch4j.nn.LSTM.Output out = Stateless.functionalCall(lstm, Map.of("weight_ih_l0", w), List.of(x),
                (m, in) -> m.call(in.get(0), null));
        lstm.call(x, null); // the module's own weights in between
        Tensor loss = out.output().pow(2).sum().add(out.state().c().sum());
        Tensor got = Autograd.grad(loss, w, false);
        org.torch4j.nn.LSTM copy = (org.torch4j.nn.LSTM) new org.torch4j.nn.LSTM(3, 4).to(DType.FLOAT64);
        Map<String, Tensor> sd = new LinkedHashMap<>(lstm.stateDict());
        Tensor wc = w.detach().clone().requiresGrad_();
        sd.put("weight_ih_l0", wc);
        copy.loadStateDict(sd);
        org.torch4j.nn.LSTM.Output ref = copy.call(x, null);
        Tensor expected = Autograd.grad(ref.output().pow(2).sum().add(ref.state().c().sum()), copy.namedParameters().get("weight_ih_l0"),
                false);
        assertTrue(got.sub(expected).abs().max().item() < 1e-12);
    }

    /** A module whose forward reads a tensor it does not register (the generator's Captures). */
    static final class Captures extends Module {
        final Linear lin = registerModule("lin", (Linear) new Linear(3, 2).to(DType.FLOAT64));
        private final Tensor c;

        Captures(Tensor c) {
            this.c = c;
        }

        @Override
        public Tensor forward(Tensor x) {
            return lin.call(x).tanh().mul(c);
        }
    }

    /**
     * A tensor the call reads without being given it (captured by the module or a lambda) gets its gradient, at
     * first and second order, as in PyTorch; and the module is exactly as before after the call and after both
     * backward passes.
     */
    @Test
    @SuppressWarnings("unchecked")
    void aCapturedTensorThatRequiresGradGetsItsGradient() {
        Map<String, Object> c = (Map<String, Object>) FuncTest.section("more").get("captured");
        Tensor captured = t(c, "c").requiresGrad_();
        Captures m = new Captures(captured);
        m.lin.loadStateDict(FuncTest.state(c.get("state")));
        Tensor w = t(c, "weight").requiresGrad_(), x = t(c, "x").requiresGrad_();
        Map<String, Tensor> own = snapshot(m);
        Tensor y = Stateless.functionalCall(m, Map.of("lin.weight", w), x);
        Reference.assertTensor(c.get("out"), y, 1e-12, 1e-12, "out");
        assertSameState(own, m);
        List<Tensor> g = Autograd.grad(List.of(y.pow(2).sum()), List.of(w, captured, x, m.lin.bias), null, true, true, false);
        assertAll(c.get("grads"), g, "grad");
        List<Tensor> gg = Autograd.grad(List.of(g.get(0).pow(2).sum().add(g.get(1).sum())), List.of(w, captured), null, false, false,
                false);
        assertAll(c.get("gradgrads"), gg, "second order");
        assertSameState(own, m);
        assertTrue(m.lin.weight.grad() == null && m.lin.bias.grad() == null, "autograd.grad leaves .grad alone");
        // the same through a lambda that captures the tensor
        Tensor y2 = Stateless.functionalCall(m.lin, Map.of("weight", w), List.of(x), (lin, in) -> lin.call(in.get(0)).tanh().mul(captured));
        Reference.assertTensor(c.get("out"), y2, 1e-12, 1e-12, "out through a lambda");
        List<Object> expected = ((List<Object>) c.get("grads")).subList(0, 3);
        assertAll(expected, Autograd.grad(List.of(y2.pow(2).sum()), List.of(w, captured, x), null, false, false, false), "lambda's grad");
        assertSameState(own, m);
    }

    /** Each tensor of the module with its values, by name, to compare after a call. */
    private static Map<String, Tensor> snapshot(Module m) {
        Map<String, Tensor> r = new LinkedHashMap<>();
        m.namedParameters().forEach((k, v) -> r.put(k, v));
        m.namedBuffers().forEach((k, v) -> r.put(k, v));
        Map<String, Tensor> copy = new LinkedHashMap<>();
        r.forEach((k, v) -> {
            copy.put(k, v);
            copy.put(k + "#values", v.detach().clone());
            copy.put(k + "#requiresGrad", Torch.tensor(new double[] {v.requiresGrad() ? 1 : 0}, 1));
        });
        return copy;
    }

    private static void assertSameState(Map<String, Tensor> snapshot, Module m) {
        Map<String, Tensor> now = new LinkedHashMap<>();
        m.namedParameters().forEach(now::put);
        m.namedBuffers().forEach(now::put);
        for (Map.Entry<String, Tensor> e : now.entrySet()) {
            String k = e.getKey();
            Tensor t = e.getValue();
            assertSame(snapshot.get(k), t, k + ": same object");
            assertTrue(Arrays.equals(snapshot.get(k + "#values").toDoubleArray(), t.toDoubleArray()), k + ": values");
            assertTrue(Arrays.equals(snapshot.get(k + "#values").shape(), t.shape()), k + ": shape");
            assertEquals(snapshot.get(k + "#requiresGrad").item() == 1, t.requiresGrad(), k + ": requires grad");
            assertTrue(t.isLeaf(), k + ": a leaf again");
        }
    }
}
