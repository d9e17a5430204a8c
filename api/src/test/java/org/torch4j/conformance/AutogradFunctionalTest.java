package org.torch4j.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.torch4j.AutogradFunctional;
import org.torch4j.DType;
import org.torch4j.GradCheck;
import org.torch4j.OutputAndProduct;
import org.torch4j.OutputsAndProducts;
import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.nn.F;

/**
 * {@link AutogradFunctional} ({@code torch.autograd.functional}) against PyTorch 1.13
 * ({@code reference/autofunc.json}, "functional", from {@code tools/gen_autofunc_reference.py}): jacobian,
 * hessian, vjp, jvp, vhp and hvp of elementwise, matmul, softmax and small-MLP functions with one or several
 * inputs and outputs, zeros or PyTorch's strict-mode errors for an input a function ignores, and the
 * messages for a bad {@code v}; then the Hessian's symmetry, create_graph (results differentiable again,
 * gradcheck and gradgradcheck through jacobian and vhp) and that the caller's tensors are left alone.
 */
class AutogradFunctionalTest {

    private static final String FILE = "autofunc.json";

    @SuppressWarnings("unchecked")
    private static final Map<String, Object> CONSTS = (Map<String, Object>) ((Map<String, Object>) Reference.load(FILE)).get("consts");

    private static Tensor constant(String name) {
        return Reference.tensor(CONSTS.get(name));
    }

    /** The functions of the generator's FUNCS, over lists (the single-tensor ones read element 0). */
    static List<Tensor> apply(String fn, List<Tensor> in) {
        Tensor x = in.get(0), w = constant("W"), q = constant("Q");
        return switch (fn) {
            case "sin_sq" -> List.of(x.sin().mul(x).mul(x));
            case "matmul" -> List.of(w.matmul(x.tanh()));
            case "softmax" -> List.of(F.softmax(x, -1));
            case "linear" -> List.of(x.mul(2));
            case "const" -> List.of(w.sum(0));
            case "cubic" -> List.of(x.pow(3).sum().add(x.reshape(-1).select(0, 0).mul(x.reshape(-1).select(0, 1))));
            case "quad" -> List.of(x.matmul(q).matmul(x));
            case "linear_sum" -> List.of(x.mul(3).sum());
            case "mlp" -> List.of(mlp(in));
            case "multi" -> List.of(x.mul(in.get(1)), x.exp().sum(), in.get(1).sin().matmul(q));
            case "unused" -> List.of(x.exp());
            case "mlp_loss" -> List.of(mlp(in).pow(2).sum());
            case "pair" -> List.of(x.mul(in.get(1).sin()).sum().add(x.pow(2).sum()));
            case "pair_unused" -> List.of(x.pow(3).sum());
            case "none" -> null;
            case "with_none" -> java.util.Arrays.asList(x.exp(), null);
            default -> throw new IllegalArgumentException("unknown function " + fn);
        };
    }

    private static Tensor mlp(List<Tensor> in) {
        return in.get(0).matmul(in.get(1)).add(in.get(2)).tanh().matmul(in.get(3));
    }

    @TestFactory
    Stream<DynamicTest> pytorchReference() {
        List<DynamicTest> tests = new ArrayList<>();
        for (Map<String, Object> c : cases()) {
            tests.add(DynamicTest.dynamicTest((String) c.get("name"), () -> check(c)));
        }
        return tests.stream();
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> cases() {
        return (List<Map<String, Object>>) ((Map<String, Object>) Reference.load(FILE)).get("functional");
    }

    @SuppressWarnings("unchecked")
    private static List<Tensor> tensors(Object specs) {
        if (specs == null) return null;
        List<Tensor> r = new ArrayList<>();
        for (Object s : (List<Object>) specs) r.add(Reference.tensor(s));
        return r;
    }

    @SuppressWarnings("unchecked")
    private static void check(Map<String, Object> c) {
        if (c.containsKey("error")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> run(c));
            assertEquals(c.get("error"), e.getMessage());
            return;
        }
        Object result = run(c);
        String name = (String) c.get("name");
        boolean createGraph = (Boolean) c.get("create_graph");
        List<Tensor> got = new ArrayList<>();
        if (result instanceof OutputsAndProducts r) {
            assertAll(c.get("outputs"), r.outputs(), name + " outputs", createGraph);
            assertAll(c.get("products"), r.products(), name + " products", createGraph);
            return;
        }
        for (Object row : (List<?>) result) got.addAll((List<Tensor>) row);
        assertEquals(((Number) c.get("rows")).intValue(), ((List<?>) result).size(), name + ": rows");
        assertAll(c.get("out"), got, name, createGraph);
    }

    @SuppressWarnings("unchecked")
    private static void assertAll(Object specs, List<Tensor> got, String name, boolean createGraph) {
        List<Object> expected = (List<Object>) specs;
        assertEquals(expected.size(), got.size(), name + ": count");
        for (int i = 0; i < got.size(); i++) {
            Tensor t = got.get(i);
            if (t.dtype() == DType.FLOAT64) Reference.assertTensor(expected.get(i), t, 1e-10, 1e-12, name + " [" + i + "]");
            else Reference.assertTensor(expected.get(i), t, name + " [" + i + "]");
            if (!createGraph) assertFalse(t.requiresGrad(), name + ": detached without create_graph");
        }
    }

    /**
     * Runs a case through the Java form PyTorch's call corresponds to: the single-tensor overloads when
     * the generator passed plain tensors, the list forms when it passed tuples.
     */
    private static Object run(Map<String, Object> c) {
        String kind = (String) c.get("kind"), fn = (String) c.get("fn");
        boolean several = (Boolean) c.get("several"), cg = (Boolean) c.get("create_graph"), strict = (Boolean) c.get("strict");
        List<Tensor> in = tensors(c.get("inputs")), v = tensors(c.get("v"));
        UnaryOperator<List<Tensor>> multi = ins -> apply(fn, ins);
        Function<List<Tensor>, Tensor> scalar = ins -> apply(fn, ins).get(0);
        UnaryOperator<Tensor> one = x -> {
            List<Tensor> out = apply(fn, List.of(x));
            return out == null ? null : out.get(0);
        };
        if (several) {
            return switch (kind) {
                case "jacobian" -> AutogradFunctional.jacobian(multi, in, cg, strict);
                case "hessian" -> AutogradFunctional.hessian(scalar, in, cg, strict);
                case "vjp" -> AutogradFunctional.vjp(multi, in, v, cg, strict);
                case "jvp" -> AutogradFunctional.jvp(multi, in, v, cg, strict);
                case "vhp" -> AutogradFunctional.vhp(scalar, in, v, cg, strict);
                case "hvp" -> AutogradFunctional.hvp(scalar, in, v, cg, strict);
                default -> throw new IllegalArgumentException(kind);
            };
        }
        Tensor x = in.get(0), v0 = v == null ? null : v.get(0);
        OutputAndProduct r = switch (kind) {
            case "jacobian" -> { yield single(AutogradFunctional.jacobian(one, x, cg, strict)); }
            case "hessian" -> { yield single(AutogradFunctional.hessian(one, x, cg, strict)); }
            case "vjp" -> AutogradFunctional.vjp(one, x, v0, cg, strict);
            case "jvp" -> AutogradFunctional.jvp(one, x, v0, cg, strict);
            case "vhp" -> AutogradFunctional.vhp(one, x, v0, cg, strict);
            case "hvp" -> AutogradFunctional.hvp(one, x, v0, cg, strict);
            default -> throw new IllegalArgumentException(kind);
        };
        if (r.output() == null) return List.of(List.of(r.product()));
        return new OutputsAndProducts(List.of(r.output()), List.of(r.product()));
    }

    /** A jacobian or hessian in the shape the checks expect: one row of one. */
    private static OutputAndProduct single(Tensor t) {
        return new OutputAndProduct(null, t);
    }

    private static Tensor input(long... shape) {
        Torch.manualSeed(7);
        return Torch.randn(shape).to(DType.FLOAT64);
    }

    @Test
    void hessianIsSymmetric() {
        Tensor x = input(2, 3);
        Tensor h = AutogradFunctional.hessian(t -> t.sin().mul(t.sum()).exp().sum(), x).reshape(6, 6);
        assertTrue(h.sub(h.mT()).abs().max().item() < 1e-12, "H == H^T");
        Tensor y = input(6).flip(0);
        List<List<Tensor>> hs = AutogradFunctional.hessian(in -> in.get(0).mul(in.get(1).exp()).sum().pow(2), List.of(x.reshape(6), y));
        assertTrue(hs.get(0).get(1).sub(hs.get(1).get(0).mT()).abs().max().item() < 1e-12, "H[0][1] == H[1][0]^T");
    }

    @Test
    void hvpEqualsVhpAndHessianTimesV() {
        Tensor x = input(4), v = input(4).flip(0);
        UnaryOperator<Tensor> f = t -> t.pow(3).sum().add(t.select(0, 0).mul(t.select(0, 3)).mul(t.select(0, 1)));
        Tensor h = AutogradFunctional.hessian(f, x);
        Tensor hv = h.matmul(v);
        OutputAndProduct a = AutogradFunctional.hvp(f, x, v), b = AutogradFunctional.vhp(f, x, v);
        assertTrue(a.product().sub(hv).abs().max().item() < 1e-12);
        assertTrue(b.product().sub(v.matmul(h)).abs().max().item() < 1e-12);
        assertEquals(f.apply(x).item(), a.output().item(), 1e-12);
    }

    @Test
    void createGraphResultsAreDifferentiable() {
        Tensor x = input(3).requiresGrad_();
        UnaryOperator<Tensor> f = t -> t.sin().mul(t).mul(t);
        GradCheck.gradcheck(in -> AutogradFunctional.jacobian(f, in[0], true, false), x);
        GradCheck.gradgradcheck(in -> AutogradFunctional.jacobian(f, in[0], true, false), x);
        Tensor v = input(3).flip(0).requiresGrad_();
        GradCheck.gradcheck(in -> AutogradFunctional.vjp(f, in[0], in[1], true, false).product(), x, v);
        GradCheck.gradgradcheck(in -> AutogradFunctional.vjp(f, in[0], in[1], true, false).product(), x, v);
        GradCheck.gradcheck(in -> AutogradFunctional.jvp(f, in[0], in[1], true, false).product(), x, v);
        GradCheck.gradgradcheck(in -> AutogradFunctional.jvp(f, in[0], in[1], true, false).product(), x, v);
        UnaryOperator<Tensor> s = t -> t.pow(3).sum().mul(t.exp().sum());
        GradCheck.gradcheck(in -> AutogradFunctional.vhp(s, in[0], in[1], true, false).product(), x, v);
        GradCheck.gradgradcheck(in -> AutogradFunctional.hvp(s, in[0], in[1], true, false).product(), x, v);
        GradCheck.gradcheck(in -> AutogradFunctional.hessian(s, in[0], true, false), x);
    }

    @Test
    void callersTensorsAreLeftAlone() {
        Tensor x = input(3), w = input(3).requiresGrad_();
        Tensor j = AutogradFunctional.jacobian(t -> t.mul(w).exp(), x);
        assertFalse(x.requiresGrad());
        assertFalse(j.requiresGrad());
        assertNull(w.grad(), "no gradient accumulated into a captured leaf");
        // with create_graph the result stays connected to a captured leaf and to an input that requires grad
        Tensor xg = input(3).requiresGrad_();
        Tensor jg = AutogradFunctional.jacobian(t -> t.mul(w).exp(), xg, true, false);
        assertTrue(jg.requiresGrad());
        jg.sum().backward();
        assertTrue(w.grad() != null && xg.grad() != null);
        assertNull(AutogradFunctional.jacobian(t -> t.mul(2), x).grad());
    }
}
