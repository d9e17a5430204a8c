package org.torch4j.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.torch4j.DType;
import org.torch4j.GradCheck;
import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.nn.Module;
import org.torch4j.nn.Parameter;

/**
 * Runs the layer and loss cases of {@code reference/nn/} (see {@code tools/gen_nn_reference.py}):
 * for each case, the forward outputs, the gradients of {@code sum(out * g)} with respect to the
 * inputs and every parameter, and the buffers afterwards, in float32 (contiguous and transposed
 * inputs) and float64; PyTorch's state_dict keys and repr; and gradcheck in float64.
 */
final class NnReference {
    private NnReference() {}

    /**
     * float32: 1e-5 relative, with an absolute floor of 1e-6 of the tensor's largest magnitude (at least 1e-6).
     * An element outside that still passes when it is at least as close to the float64 answer as PyTorch's
     * float32 one (within twice PyTorch's own error): sums that cancel (a gradient of a few units adding up to
     * 0.3) carry float32 rounding of order 1e-5 in any summation order, PyTorch's included.
     */
    static final double F32_RTOL = 1e-5, F32_ATOL = 1e-6;
    /** float64: 1e-10 relative, absolute floor 1e-12 (scaled the same way). */
    static final double F64_RTOL = 1e-10, F64_ATOL = 1e-12;

    /** How a file's cases are built from their kind and args ({@link NnCases#build} for the nn files). */
    interface Builder {
        NnCases.Built build(String kind, Map<String, Object> args);
    }

    static Stream<DynamicNode> cases(String file) {
        return cases(file, NnCases::build);
    }

    /** The cases of {@code reference/nn/file}, their modules built by {@code builder}. */
    static Stream<DynamicNode> cases(String file, Builder builder) {
        return Reference.cases("nn/" + file).stream().map(c -> container(c, builder));
    }

    @SuppressWarnings("unchecked")
    private static DynamicNode container(Map<String, Object> c, Builder builder) {
        String name = (String) c.get("name");
        Map<String, Object> results = (Map<String, Object>) c.get("results");
        List<DynamicNode> tests = new ArrayList<>();
        if (results.containsKey("float32")) {
            tests.add(DynamicTest.dynamicTest(name + " [float32]", () -> check(c, builder, DType.FLOAT32, "contiguous")));
            if (hasMatrixInput(c)) {
                tests.add(DynamicTest.dynamicTest(name + " [float32, transposed]", () -> check(c, builder, DType.FLOAT32, "transposed")));
            }
        }
        if (results.containsKey("float64")) {
            tests.add(DynamicTest.dynamicTest(name + " [float64]", () -> check(c, builder, DType.FLOAT64, "contiguous")));
        }
        tests.add(DynamicTest.dynamicTest(name + " [state_dict keys, repr]", () -> checkKeysAndRepr(c, builder)));
        if (Boolean.TRUE.equals(c.get("gradcheck"))) {
            tests.add(DynamicTest.dynamicTest(name + " [gradcheck]", () -> gradcheck(c, builder, false)));
        }
        if (Boolean.TRUE.equals(c.get("gradgradcheck"))) {
            tests.add(DynamicTest.dynamicTest(name + " [gradgradcheck]", () -> gradcheck(c, builder, true)));
        }
        return DynamicContainer.dynamicContainer(name, tests);
    }

    @SuppressWarnings("unchecked")
    private static boolean hasMatrixInput(Map<String, Object> c) {
        for (Object spec : (List<Object>) c.get("inputs")) {
            if (spec instanceof Map<?, ?> m && ((List<Object>) m.get("shape")).size() >= 2) return true;
        }
        return false;
    }

    /** The case's module in {@code dtype} with the case's state loaded, in the case's mode. */
    @SuppressWarnings("unchecked")
    static NnCases.Built load(Map<String, Object> c, Builder builder, DType dtype) {
        NnCases.Built b = builder.build((String) c.get("kind"), (Map<String, Object>) c.get("args"));
        Module m = b.module();
        if (dtype != DType.FLOAT32) m.to(dtype);
        Map<String, Tensor> state = new LinkedHashMap<>();
        ((Map<String, Object>) c.get("state")).forEach((k, v) -> state.put(k, NnCases.tensor(v, dtype, "contiguous")));
        m.loadStateDict(state);
        m.train(Boolean.TRUE.equals(c.get("train")));
        return b;
    }

    @SuppressWarnings("unchecked")
    static List<Tensor> inputs(Map<String, Object> c, DType dtype, String layout) {
        List<Object> specs = (List<Object>) c.get("inputs");
        List<Object> diff = (List<Object>) c.get("diff");
        List<Tensor> in = new ArrayList<>();
        for (int k = 0; k < specs.size(); k++) {
            Tensor t = NnCases.tensor(specs.get(k), dtype, layout);
            if (t.isFloatingPoint() && Boolean.TRUE.equals(diff.get(k))) t.requiresGrad_();
            in.add(t);
        }
        return in;
    }

    @SuppressWarnings("unchecked")
    static void check(Map<String, Object> c, Builder builder, DType dtype, String layout) {
        Map<String, Object> expected = (Map<String, Object>) ((Map<String, Object>) c.get("results")).get(dtype.toString().substring("torch.".length()));
        // the float64 answer, against which float32 results are judged where float32 rounding dominates
        Map<String, Object> truth = dtype == DType.FLOAT32
                ? (Map<String, Object>) ((Map<String, Object>) c.get("results")).get("float64") : null;
        NnCases.Built b = load(c, builder, dtype);
        Module m = b.module();
        List<Tensor> in = inputs(c, dtype, layout);
        if (c.get("seed") != null) Torch.manualSeed(((Number) c.get("seed")).longValue());
        List<Tensor> outs = b.runner().run(m, in);
        List<Object> expOuts = (List<Object>) expected.get("outputs");
        assertEquals(expOuts.size(), outs.size(), "number of outputs");
        double rtol = dtype == DType.FLOAT64 ? F64_RTOL : F32_RTOL, atol = dtype == DType.FLOAT64 ? F64_ATOL : F32_ATOL;
        Map<String, Object> tol = (Map<String, Object>) c.get("tol");
        if (tol != null && tol.get(dtype.toString().substring("torch.".length())) instanceof List<?> t) {
            rtol = ((Number) t.get(0)).doubleValue();
            atol = ((Number) t.get(1)).doubleValue();
        }
        for (int k = 0; k < outs.size(); k++) {
            assertClose(expOuts.get(k), outs.get(k), rtol, atol, truthOf(truth, "outputs", k), "output " + k);
        }
        // backward of sum(out * g) over the floating outputs
        List<Object> gs = (List<Object>) c.get("g");
        Tensor total = null;
        int gi = 0;
        for (Tensor o : outs) {
            if (!o.isFloatingPoint()) continue;
            Tensor g = NnCases.tensor(gs.get(gi++), dtype, "contiguous");
            if (!o.requiresGrad()) continue;
            Tensor term = o.mul(g).sum();
            total = total == null ? term : total.add(term);
        }
        if (total != null) total.backward();
        List<Object> grads = (List<Object>) expected.get("grads");
        for (int k = 0; k < in.size(); k++) {
            if (grads.get(k) == null) continue;
            Tensor got = in.get(k).grad();
            assertClose(grads.get(k), got == null ? Torch.zerosLike(in.get(k)) : got, rtol, atol, truthOf(truth, "grads", k),
                    "grad of input " + k);
        }
        Map<String, Object> pgrads = (Map<String, Object>) expected.get("param_grads");
        for (Map.Entry<String, Parameter> p : m.namedParameters().entrySet()) {
            Object exp = pgrads.get(p.getKey());
            Tensor got = p.getValue().grad();
            if (exp == null) {
                if (got != null) assertEquals(0.0, got.abs().sum().item(), 0.0, "grad of " + p.getKey() + " should be None");
                continue;
            }
            assertNotNull(got, "grad of parameter " + p.getKey());
            assertClose(exp, got, rtol, atol, truthOf(truth, "param_grads", p.getKey()), "grad of " + p.getKey());
        }
        for (String k : pgrads.keySet()) assertTrue(m.namedParameters().containsKey(k), "parameter " + k);
        Map<String, Object> buffers = (Map<String, Object>) expected.get("buffers");
        if (buffers != null) {
            Map<String, Tensor> got = m.namedBuffers();
            for (Map.Entry<String, Object> e : buffers.entrySet()) {
                assertNotNull(got.get(e.getKey()), "buffer " + e.getKey());
                assertClose(e.getValue(), got.get(e.getKey()), rtol, atol, truthOf(truth, "buffers", e.getKey()),
                        "buffer " + e.getKey());
            }
        }
    }

    @SuppressWarnings("unchecked")
    static void checkKeysAndRepr(Map<String, Object> c, Builder builder) {
        Module m = builder.build((String) c.get("kind"), (Map<String, Object>) c.get("args")).module();
        assertEquals(c.get("keys"), new ArrayList<>(m.stateDict().keySet()), "state_dict keys");
        assertEquals(c.get("repr"), m.toString(), "repr");
    }

    /**
     * gradcheck (or, with {@code second}, gradgradcheck) in float64 with respect to the differentiable
     * inputs and every parameter; cases drawing random numbers (dropout in training) reseed before each
     * evaluation, so the function is fixed.
     */
    static void gradcheck(Map<String, Object> c, Builder builder, boolean second) {
        NnCases.Built b = load(c, builder, DType.FLOAT64);
        Module m = b.module();
        List<Tensor> in = inputs(c, DType.FLOAT64, "contiguous");
        int n = in.size();
        List<Tensor> all = new ArrayList<>(in);
        all.addAll(m.parameters());
        Long seed = c.get("seed") == null ? null : ((Number) c.get("seed")).longValue();
        GradCheck.Fn f = xs -> {
            if (seed != null) Torch.manualSeed(seed);   // the same dropout masks in every evaluation
            List<Tensor> outs = new ArrayList<>();
            for (Tensor o : b.runner().run(m, xs.subList(0, n))) if (o.isFloatingPoint()) outs.add(o);
            return outs;
        };
        if (second) {
            GradCheck.gradgradcheck(f, all, GradCheck.EPS, GradCheck.ATOL, GradCheck.RTOL);
        } else {
            GradCheck.gradcheck(f, all, GradCheck.EPS, GradCheck.ATOL, GradCheck.RTOL);
        }
    }

    @SuppressWarnings("unchecked")
    private static Object truthOf(Map<String, Object> truth, String what, Object key) {
        if (truth == null) return null;
        Object v = truth.get(what);
        return v instanceof List<?> l ? l.get((Integer) key) : v instanceof Map<?, ?> m ? m.get(key) : null;
    }

    static void assertClose(Object expectedSpec, Tensor actual, double rtol, double atol, String context) {
        assertClose(expectedSpec, actual, rtol, atol, null, context);
    }

    /**
     * Asserts dtype, shape and values: |got - expected| <= atol * max(1, max |expected|) + rtol * |expected|
     * (NaN equals NaN, infinities exactly); integer tensors exactly. With {@code truthSpec} (the float64
     * answer), an element outside that passes when |got - truth| <= max(tolerance, 2 |expected - truth|).
     */
    @SuppressWarnings("unchecked")
    static void assertClose(Object expectedSpec, Tensor actual, double rtol, double atol, Object truthSpec, String context) {
        Map<String, Object> m = (Map<String, Object>) expectedSpec;
        DType dtype = DType.of((String) m.get("dtype"));
        if (!dtype.isFloatingPoint()) {
            Reference.assertTensor(expectedSpec, actual, context);
            return;
        }
        assertEquals(dtype, actual.dtype(), context + ": dtype");
        assertEquals(Reference.longs((List<Object>) m.get("shape")).length, actual.dim(), context + ": rank");
        org.junit.jupiter.api.Assertions.assertArrayEquals(Reference.longs((List<Object>) m.get("shape")), actual.shape(),
                context + ": shape");
        List<Object> data = Reference.data(m);
        double scale = 1;
        for (Object o : data) {
            double e = Reference.number(o);
            if (Double.isFinite(e)) scale = Math.max(scale, Math.abs(e));
        }
        double[] got = actual.contiguous().toDoubleArray();
        List<Object> truth = truthSpec == null ? null : Reference.data((Map<String, Object>) truthSpec);
        double worst = 0;
        int worstAt = -1;
        for (int k = 0; k < got.length; k++) {
            double e = Reference.number(data.get(k)), g = got[k];
            double tol = atol * scale + rtol * Math.abs(e);
            boolean ok = Double.isNaN(e) ? Double.isNaN(g) : Double.isInfinite(e) ? e == g : Math.abs(g - e) <= tol;
            if (!ok && truth != null && Double.isFinite(e)) {
                double t = Reference.number(truth.get(k));
                ok = Math.abs(g - t) <= Math.max(tol, 2 * Math.abs(e - t));
            }
            if (!ok) {
                double err = Double.isFinite(e) && Double.isFinite(g) ? Math.abs(g - e) / (atol * scale + rtol * Math.abs(e)) : 1e300;
                if (err > worst) {
                    worst = err;
                    worstAt = k;
                }
            }
        }
        if (worstAt >= 0) {
            fail(context + ": element " + worstAt + " expected " + Reference.number(data.get(worstAt)) + " but got " + got[worstAt]
                    + " (" + String.format("%.3g", worst) + "x the tolerance; rtol " + rtol + ", atol " + atol + " x " + scale + ")");
        }
    }

    /** A module file's "modules" section: each module's repr and state_dict keys against PyTorch's. */
    @SuppressWarnings("unchecked")
    static Stream<DynamicTest> reprsAndKeys(Map<String, Object> file, java.util.function.Function<String, Module> module) {
        Map<String, Object> modules = (Map<String, Object>) file.get("modules");
        return modules.entrySet().stream().map(e -> DynamicTest.dynamicTest(e.getKey(), () -> {
            Map<String, Object> exp = (Map<String, Object>) e.getValue();
            Module m = module.apply(e.getKey());
            assertEquals(exp.get("repr"), m.toString(), "repr");
            assertEquals(exp.get("keys"), new ArrayList<>(m.stateDict().keySet()), "state_dict keys");
        }));
    }

    /**
     * A module file's "errors" section. PyTorch's IndexError is an IndexOutOfBoundsException, its other errors
     * (RuntimeError, ValueError, AssertionError) IllegalArgumentException; the wording is compared with runs of
     * spaces collapsed (local_response_norm's message carries a source line's indentation in PyTorch).
     */
    @SuppressWarnings("unchecked")
    static Stream<DynamicTest> errors(Map<String, Object> file,
                                      java.util.function.Function<String, org.junit.jupiter.api.function.Executable> error) {
        Map<String, Object> errors = (Map<String, Object>) file.get("errors");
        return errors.entrySet().stream().map(e -> DynamicTest.dynamicTest(e.getKey(), () -> {
            Map<String, Object> exp = (Map<String, Object>) e.getValue();
            Class<? extends RuntimeException> type = "IndexError".equals(exp.get("type"))
                    ? IndexOutOfBoundsException.class : IllegalArgumentException.class;
            RuntimeException thrown = org.junit.jupiter.api.Assertions.assertThrows(type, error.apply(e.getKey()));
            assertEquals(collapse((String) exp.get("message")), collapse(thrown.getMessage()), "message");
        }));
    }

    private static String collapse(String s) {
        return s.replaceAll(" +", " ");
    }
}
