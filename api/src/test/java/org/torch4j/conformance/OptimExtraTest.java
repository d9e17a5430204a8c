package org.torch4j.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.torch4j.conformance.OptimFixtures.Problem;
import static org.torch4j.conformance.OptimFixtures.assertValues;
import static org.torch4j.conformance.OptimFixtures.groups;
import static org.torch4j.conformance.OptimFixtures.num;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import org.torch4j.DType;
import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.io.PyTorchCheckpoint;
import org.torch4j.optim.ASGD;
import org.torch4j.optim.Adamax;
import org.torch4j.optim.NAdam;
import org.torch4j.optim.Optimizer;
import org.torch4j.optim.ParamGroup;
import org.torch4j.optim.RAdam;
import org.torch4j.optim.Rprop;

/**
 * Adamax, NAdam, RAdam, ASGD and Rprop (and, for their state dicts, a few cases of the first
 * optimizers) against PyTorch 1.13 ({@code optim_extra.json} and {@code optim_extra.pt}, written by
 * {@code tools/gen_optim_extra_reference.py}): the parameters after
 * each of eight steps on the fixed problem of {@link OptimFixtures} (float64 within 1e-9, float32
 * within 1e-6), the state dict's layout and values against PyTorch's own, resuming from a torch4j
 * state dict and from PyTorch's (both as PyTorch's {@code load_state_dict} resumes), complex
 * parameters, and PyTorch's argument errors.
 */
class OptimExtraTest {

    @SuppressWarnings("unchecked")
    static final Map<String, Object> REF = (Map<String, Object>) Reference.load("optim_extra.json");

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> section(String name) {
        return (List<Map<String, Object>>) REF.get(name);
    }

    @TempDir
    Path dir;

    /** Absolute tolerance of the trajectories: 1e-9 in float64, 1e-6 in float32. */
    private static double tolerance(DType dtype) {
        return dtype == DType.FLOAT64 ? 1e-9 : 1e-6;
    }

    @SuppressWarnings("unchecked")
    private static void assertParams(Object expected, Problem pb, DType dtype, String context) {
        List<Object> exp = (List<Object>) expected;
        double tol = tolerance(dtype);
        assertValues((List<Object>) exp.get(0), pb.p1.toDoubleArray(), 0, tol, context + " p1");
        assertValues((List<Object>) exp.get(1), pb.p2.toDoubleArray(), 0, tol, context + " p2");
    }

    private static double[] pair(Object v) {
        List<?> l = (List<?>) v;
        return new double[] {num(l.get(0)), num(l.get(1))};
    }

    /** Builds {@code torch.optim.<name>(params or groups, **options)} for the optimizers of this class. */
    static Optimizer optimizer(String name, Map<String, Object> options, List<Tensor> params, List<ParamGroup> groups) {
        switch (name) {
            case "Adamax" -> {
                Adamax.Options o = Adamax.options();
                options.forEach((k, v) -> {
                    switch (k) {
                        case "lr" -> o.lr(num(v));
                        case "betas" -> o.betas(pair(v)[0], pair(v)[1]);
                        case "eps" -> o.eps(num(v));
                        case "weight_decay" -> o.weightDecay(num(v));
                        case "maximize" -> o.maximize((Boolean) v);
                        default -> throw new IllegalArgumentException("Adamax option " + k);
                    }
                });
                return groups == null ? new Adamax(params, o) : Adamax.withGroups(groups, o);
            }
            case "NAdam" -> {
                NAdam.Options o = NAdam.options();
                options.forEach((k, v) -> {
                    switch (k) {
                        case "lr" -> o.lr(num(v));
                        case "betas" -> o.betas(pair(v)[0], pair(v)[1]);
                        case "eps" -> o.eps(num(v));
                        case "weight_decay" -> o.weightDecay(num(v));
                        case "momentum_decay" -> o.momentumDecay(num(v));
                        default -> throw new IllegalArgumentException("NAdam option " + k);
                    }
                });
                return groups == null ? new NAdam(params, o) : NAdam.withGroups(groups, o);
            }
            case "RAdam" -> {
                RAdam.Options o = RAdam.options();
                options.forEach((k, v) -> {
                    switch (k) {
                        case "lr" -> o.lr(num(v));
                        case "betas" -> o.betas(pair(v)[0], pair(v)[1]);
                        case "eps" -> o.eps(num(v));
                        case "weight_decay" -> o.weightDecay(num(v));
                        default -> throw new IllegalArgumentException("RAdam option " + k);
                    }
                });
                return groups == null ? new RAdam(params, o) : RAdam.withGroups(groups, o);
            }
            case "ASGD" -> {
                ASGD.Options o = ASGD.options();
                options.forEach((k, v) -> {
                    switch (k) {
                        case "lr" -> o.lr(num(v));
                        case "lambd" -> o.lambd(num(v));
                        case "alpha" -> o.alpha(num(v));
                        case "t0" -> o.t0(num(v));
                        case "weight_decay" -> o.weightDecay(num(v));
                        case "maximize" -> o.maximize((Boolean) v);
                        default -> throw new IllegalArgumentException("ASGD option " + k);
                    }
                });
                return groups == null ? new ASGD(params, o) : ASGD.withGroups(groups, o);
            }
            case "Rprop" -> {
                Rprop.Options o = Rprop.options();
                options.forEach((k, v) -> {
                    switch (k) {
                        case "lr" -> o.lr(num(v));
                        case "etas" -> o.etas(pair(v)[0], pair(v)[1]);
                        case "step_sizes" -> o.stepSizes(pair(v)[0], pair(v)[1]);
                        case "maximize" -> o.maximize((Boolean) v);
                        default -> throw new IllegalArgumentException("Rprop option " + k);
                    }
                });
                return groups == null ? new Rprop(params, o) : Rprop.withGroups(groups, o);
            }
            default -> {
                return OptimFixtures.optimizer(name, options, params, groups); // the first optimizers
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static Optimizer build(Map<String, Object> c, Problem pb) {
        Map<String, Object> options = new LinkedHashMap<>((Map<String, Object>) c.get("options"));
        return optimizer((String) c.get("optimizer"), options, pb.params(), groups(c.get("groups"), pb.params()));
    }

    private static void step(Optimizer opt, Problem pb, double sign) {
        try (var scope = Torch.scope()) {
            opt.zeroGrad();
            pb.loss(sign).backward();
            opt.step();
        }
    }

    private static DType dtype(Map<String, Object> c) {
        return DType.of((String) c.get("dtype"));
    }

    private static double sign(Map<String, Object> c) {
        return num(c.get("sign"));
    }

    private static int half(Map<String, Object> c) {
        return ((Number) c.get("half")).intValue();
    }

    /** A new problem whose parameters hold the reference values after step {@code half}. */
    @SuppressWarnings("unchecked")
    private static Problem problemAtHalf(Map<String, Object> c) {
        List<Object> at = (List<Object>) ((List<Object>) c.get("steps")).get(half(c) - 1);
        return new Problem(dtype(c), List.of(OptimFixtures.doubles((List<?>) at.get(0)), OptimFixtures.doubles((List<?>) at.get(1))));
    }

    /** Continues {@code opt} over {@code pb} and compares each step with the case's {@code "resumed"}. */
    @SuppressWarnings("unchecked")
    private static void assertResumes(Map<String, Object> c, Optimizer opt, Problem pb, String context) {
        List<Object> resumed = (List<Object>) c.get("resumed");
        for (int i = 0; i < resumed.size(); i++) {
            step(opt, pb, sign(c));
            assertParams(resumed.get(i), pb, dtype(c), c.get("name") + " " + context + " step " + (half(c) + i + 1));
        }
    }

    @TestFactory
    @SuppressWarnings("unchecked")
    Stream<DynamicTest> trajectoriesMatchPyTorch() {
        return section("optimizers").stream().map(c -> DynamicTest.dynamicTest((String) c.get("name"), () -> {
            List<Object> steps = (List<Object>) c.get("steps");
            Problem pb = new Problem(dtype(c));
            Optimizer opt = build(c, pb);
            for (int i = 0; i < steps.size(); i++) {
                step(opt, pb, sign(c));
                assertParams(steps.get(i), pb, dtype(c), c.get("name") + " step " + (i + 1));
            }
            Map<String, Object> sd = opt.stateDict();
            Map<String, Object> st = (Map<String, Object>) ((Map<?, ?>) sd.get("state")).get(0);
            assertEquals(c.get("state_keys"), new ArrayList<>(st.keySet()), "state keys");
            Map<String, Object> g0 = (Map<String, Object>) ((List<Object>) sd.get("param_groups")).get(0);
            TreeSet<String> keys = new TreeSet<>(g0.keySet());
            keys.remove("params");
            assertEquals(new TreeSet<>((List<String>) c.get("group_keys")), keys, "param group keys");
        }));
    }

    /** Half way: a torch4j state dict loaded by a new optimizer over copies continues as PyTorch's resumed run. */
    @TestFactory
    Stream<DynamicTest> torch4jStateDictRoundTrip() {
        return section("optimizers").stream().map(c -> DynamicTest.dynamicTest((String) c.get("name"), () -> {
            Problem pb = new Problem(dtype(c));
            Optimizer opt = build(c, pb);
            for (int i = 0; i < half(c); i++) step(opt, pb, sign(c));
            Map<String, Object> sd = opt.stateDict();
            step(opt, pb, sign(c)); // the saved dict must not follow the first optimizer
            Problem pb2 = problemAtHalf(c);
            Optimizer opt2 = build(c, pb2);
            opt2.loadStateDict(sd);
            assertResumes(c, opt2, pb2, "resumed");
        }));
    }

    private Map<String, Object> loadPytorchStateDicts() {
        Path p = dir.resolve("optim_extra.pt");
        try (InputStream in = OptimExtraTest.class.getResourceAsStream("/reference/optim_extra.pt")) {
            if (in == null) throw new IllegalStateException("missing test resource /reference/optim_extra.pt");
            Files.copy(in, p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return PyTorchCheckpoint.loadDict(p);
    }

    /**
     * PyTorch's state dicts (torch.save, read by {@link PyTorchCheckpoint}): torch4j's after the same
     * steps (half way and at the end) holds the same entries (tensors of the same dtype and values,
     * counters, group options), and a torch4j optimizer that loads PyTorch's half-way dict continues as
     * PyTorch does.
     */
    @TestFactory
    @SuppressWarnings("unchecked")
    Stream<DynamicTest> pytorchStateDicts() {
        Map<String, Object> saved = loadPytorchStateDicts();
        return section("optimizers").stream().map(c -> DynamicTest.dynamicTest((String) c.get("name"), () -> {
            Map<String, Object> both = (Map<String, Object>) saved.get((String) c.get("name"));
            Map<String, Object> theirs = (Map<String, Object>) both.get("half");
            Problem pb = new Problem(dtype(c));
            Optimizer opt = build(c, pb);
            for (int i = 0; i < half(c); i++) step(opt, pb, sign(c));
            assertStateDict(theirs, opt.stateDict(), dtype(c), "after step " + half(c));
            int steps = ((List<?>) c.get("steps")).size();
            for (int i = half(c); i < steps; i++) step(opt, pb, sign(c));
            assertStateDict((Map<String, Object>) both.get("final"), opt.stateDict(), dtype(c), "after step " + steps);

            Problem pb2 = problemAtHalf(c);
            Optimizer opt2 = build(c, pb2);
            opt2.loadStateDict(theirs);
            assertResumes(c, opt2, pb2, "loaded from PyTorch");
        }));
    }

    /** The same entries as PyTorch's state dict: per-parameter state and group options (less PyTorch's internal ones). */
    @SuppressWarnings("unchecked")
    private static void assertStateDict(Map<String, Object> theirs, Map<String, Object> ours, DType dtype, String context) {
        Map<String, Object> theirState = (Map<String, Object>) theirs.get("state"); // JSON: ints written as strings
        Map<?, ?> ourState = (Map<?, ?>) ours.get("state"); // keyed by Integer, as PyTorch's by int
        assertEquals(theirState.keySet().stream().map(Integer::valueOf).toList(), new ArrayList<>(ourState.keySet()), context + ": state indices");
        for (String index : theirState.keySet()) {
            Map<String, Object> t = (Map<String, Object>) theirState.get(index), o = (Map<String, Object>) ourState.get(Integer.valueOf(index));
            assertEquals(new ArrayList<>(t.keySet()), new ArrayList<>(o.keySet()), context + ": state keys of " + index);
            for (String key : t.keySet()) assertSameValue(t.get(key), o.get(key), dtype, context + ": state " + index + " " + key);
        }
        List<Object> theirGroups = (List<Object>) theirs.get("param_groups"), ourGroups = (List<Object>) ours.get("param_groups");
        assertEquals(theirGroups.size(), ourGroups.size(), context + ": groups");
        for (int i = 0; i < theirGroups.size(); i++) {
            Map<String, Object> t = new LinkedHashMap<>((Map<String, Object>) theirGroups.get(i));
            // PyTorch's implementation choices, which torch4j ignores
            for (String internal : List.of("foreach", "differentiable", "capturable", "fused")) t.remove(internal);
            Map<String, Object> o = (Map<String, Object>) ourGroups.get(i);
            assertEquals(t.keySet(), o.keySet(), context + ": group keys");
            for (String key : t.keySet()) assertSameValue(t.get(key), o.get(key), DType.FLOAT64, context + ": group " + i + " " + key);
        }
    }

    /** Tensors: same dtype and values within the dtype's tolerance (relative and absolute: moments grow large); numbers and booleans equal; lists element by element. */
    private static void assertSameValue(Object theirs, Object ours, DType dtype, String context) {
        if (theirs instanceof Tensor t) {
            assertTrue(ours instanceof Tensor, context + ": a tensor");
            Tensor o = (Tensor) ours;
            assertEquals(t.dtype(), o.dtype(), context + ": dtype");
            assertEquals(List.of(boxed(t.shape())), List.of(boxed(o.shape())), context + ": shape");
            double[] tv = (t.isComplex() ? Torch.viewAsReal(t) : t).toDoubleArray();
            double[] ov = (o.isComplex() ? Torch.viewAsReal(o) : o).toDoubleArray();
            for (int i = 0; i < tv.length; i++) {
                OptimFixtures.assertClose(tv[i], ov[i], tolerance(dtype), tolerance(dtype), context + " [" + i + "]");
            }
        } else if (theirs instanceof List<?> tl) {
            List<?> ol = (List<?>) ours;
            assertEquals(tl.size(), ol.size(), context + ": size");
            for (int i = 0; i < tl.size(); i++) assertSameValue(tl.get(i), ol.get(i), dtype, context + " [" + i + "]");
        } else if (theirs instanceof Number n) {
            assertTrue(ours instanceof Number, context + ": a number, got " + ours);
            assertEquals(n.doubleValue(), ((Number) ours).doubleValue(), 0.0, context);
        } else {
            assertEquals(theirs, ours, context);
        }
    }

    private static Long[] boxed(long[] a) {
        Long[] r = new Long[a.length];
        for (int i = 0; i < a.length; i++) r[i] = a[i];
        return r;
    }

    /** Complex parameters five steps on |z w| + |z - w|^2 (updated through their real views, as PyTorch 1.13). */
    @TestFactory
    @SuppressWarnings("unchecked")
    Stream<DynamicTest> complexParameters() {
        return section("complex").stream().map(c -> DynamicTest.dynamicTest((String) c.get("name"), () -> {
            Tensor z = Reference.tensor(c.get("z0")).requiresGrad_(), w = Reference.tensor(c.get("w0")).requiresGrad_();
            Map<String, Object> options = new LinkedHashMap<>((Map<String, Object>) c.get("options"));
            Optimizer opt = optimizer((String) c.get("optimizer"), options, List.of(z, w), null);
            for (int i = 0; i < 5; i++) {
                opt.zeroGrad();
                z.mul(w).abs().sum().add(z.sub(w).abs().pow(2.0).sum()).backward();
                opt.step();
            }
            double tol = z.dtype() == DType.COMPLEX128 ? 1e-9 : 1e-6;
            Reference.assertTensor(c.get("z"), z.detach(), 0, tol, "z");
            Reference.assertTensor(c.get("w"), w.detach(), 0, tol, "w");
        }));
    }

    /** NAdam and RAdam have no complex support in PyTorch 1.13 (they square the complex gradient): refused. */
    @Test
    void nadamAndRadamRefuseComplexParameters() {
        Tensor z = Torch.viewAsComplex(Torch.tensor(new double[] {1, 2, 3, 4}, 2, 2)).requiresGrad_();
        Tensor x = Torch.zeros(2).requiresGrad_();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new NAdam(List.of(x, z)));
        assertEquals("NAdam does not support complex parameters (PyTorch 1.13's NAdam squares a complex gradient instead of "
                + "taking its modulus)", e.getMessage());
        RAdam r = new RAdam(List.of(x));
        assertThrows(IllegalArgumentException.class, () -> r.addParamGroup(new ParamGroup(List.of(z))));
        assertEquals(1, r.paramGroups().size(), "the refused group is not added");
    }

    @TestFactory
    @SuppressWarnings("unchecked")
    Stream<DynamicTest> pytorchMessages() {
        return section("errors").stream().filter(c -> "optimizer".equals(c.get("kind"))).map(c -> {
            Map<String, Object> options = new LinkedHashMap<>((Map<String, Object>) c.get("options"));
            return DynamicTest.dynamicTest(c.get("optimizer") + " " + options, () -> {
                List<Tensor> params = List.of(Torch.zeros(2).requiresGrad_());
                IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                        () -> optimizer((String) c.get("optimizer"), options, params, null));
                assertEquals(c.get("error"), e.getMessage());
            });
        });
    }

    /** Parameters without a gradient are skipped and get no state; ASGD's average is its state "ax". */
    @Test
    @SuppressWarnings("unchecked")
    void parametersWithoutGradientsAreSkipped() {
        Tensor a = Torch.tensor(new double[] {1, -2}).requiresGrad_(), b = Torch.tensor(new double[] {3, 4}).requiresGrad_();
        for (Optimizer opt : List.of(new Adamax(List.of(a, b)), new NAdam(List.of(a, b)), new RAdam(List.of(a, b)),
                new ASGD(List.of(a, b)), new Rprop(List.of(a, b)))) {
            opt.zeroGrad(true);
            a.mul(a).sum().backward();
            Tensor before = b.detach().clone();
            opt.step();
            assertTrue(b.detach().equal(before), opt.getClass().getSimpleName() + " moved a parameter without gradient");
            Map<?, ?> state = (Map<?, ?>) opt.stateDict().get("state");
            assertEquals(List.of(0), new ArrayList<>(state.keySet()), opt.getClass().getSimpleName());
        }
        a.setGrad(null);
        ASGD asgd = new ASGD(List.of(a), ASGD.options(0.1).t0(0));
        assertNull(asgd.average(a));
        a.mul(a).sum().backward();
        asgd.step();
        assertNotNull(asgd.average(a));
        assertTrue(asgd.average(a).equal(a.detach()), "ax is a copy of the parameter until averaging starts");
    }
}
