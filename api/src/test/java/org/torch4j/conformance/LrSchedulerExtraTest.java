package org.torch4j.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.torch4j.conformance.OptimFixtures.assertClose;
import static org.torch4j.conformance.OptimFixtures.dummyStep;
import static org.torch4j.conformance.OptimFixtures.num;
import static org.torch4j.conformance.OptimFixtures.schedulerOptimizer;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.DoubleUnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.optim.CosineAnnealingWarmRestarts;
import org.torch4j.optim.CyclicLR;
import org.torch4j.optim.LRScheduler;
import org.torch4j.optim.Optimizer;
import org.torch4j.optim.ParamGroup;
import org.torch4j.optim.SGD;
import org.torch4j.optim.SWALR;
import org.torch4j.optim.SequentialLR;

/**
 * CyclicLR, CosineAnnealingWarmRestarts and SWALR against PyTorch 1.13 ({@code optim_extra.json}, written by
 * {@code tools/gen_optim_extra_reference.py}): {@code get_last_lr()} and the groups' momentum after
 * construction and after each step (or fractional {@code step(epoch)}, with {@code T_cur}, {@code T_i}
 * and {@code last_epoch}), resuming with {@code last_epoch}, the state dict against PyTorch's, state-dict
 * round trips half way, and PyTorch's argument errors.
 */
class LrSchedulerExtraTest {

    private static final double RTOL = 1e-12, ATOL = 1e-15;

    /** The generator's SCALE_FNS, as Java lambdas. */
    private static final Map<String, DoubleUnaryOperator> SCALE_FNS = Map.of(
            "inverse", x -> 1 / (1 + 0.1 * x),
            "third", x -> 1 / Math.pow(3, x));

    private static Stream<Map<String, Object>> cases() {
        return OptimExtraTest.section("schedulers").stream();
    }

    private static void assertValues(Object expected, List<Double> actual, String context) {
        List<?> e = (List<?>) expected;
        assertEquals(e.size(), actual.size(), context + ": groups");
        for (int i = 0; i < e.size(); i++) {
            if (e.get(i) == null) assertEquals(null, actual.get(i), context + " group " + i);
            else assertClose(Reference.number(e.get(i)), actual.get(i), RTOL, ATOL, context + " group " + i);
        }
    }

    private static double[] doubles(Object v) {
        return OptimFixtures.dblArray(v);
    }

    private static double[] perGroup(Object v, int groups) {
        if (v instanceof List<?> l) return OptimFixtures.doubles(l);
        double[] r = new double[groups];
        java.util.Arrays.fill(r, num(v));
        return r;
    }

    /** Each group's {@code momentum} option, null where it has none (as the generator records it). */
    private static List<Double> momentums(Optimizer opt) {
        List<Double> out = new java.util.ArrayList<>();
        for (ParamGroup g : opt.paramGroups()) out.add(g.get("momentum") == null ? null : g.getDouble("momentum"));
        return out;
    }

    /** Builds {@code lr_scheduler.<kind>(optimizer, last_epoch=lastEpoch, **options)}. */
    static LRScheduler scheduler(String kind, Optimizer opt, Map<String, Object> o, int lastEpoch) {
        return switch (kind) {
            case "CyclicLR" -> {
                Object base = o.get("base_lr"), max = o.get("max_lr");
                int n = opt.paramGroups().size();
                // a Python list is one value per group (its length checked); a number is for all groups
                CyclicLR.Options x = (base instanceof List || max instanceof List
                        ? CyclicLR.options(perGroup(base, n), perGroup(max, n)) : CyclicLR.options(num(base), num(max)))
                        .lastEpoch(lastEpoch);
                o.forEach((k, v) -> {
                    switch (k) {
                        case "base_lr", "max_lr" -> { }
                        case "step_size_up" -> x.stepSizeUp(num(v));
                        case "step_size_down" -> x.stepSizeDown(num(v));
                        case "mode" -> x.mode((String) v);
                        case "gamma" -> x.gamma(num(v));
                        case "scale_fn" -> x.scaleFn(SCALE_FNS.get((String) v));
                        case "scale_mode" -> x.scaleMode((String) v);
                        case "cycle_momentum" -> x.cycleMomentum((Boolean) v);
                        case "base_momentum" -> x.baseMomentum(doubles(v));
                        case "max_momentum" -> x.maxMomentum(doubles(v));
                        default -> throw new IllegalArgumentException("CyclicLR option " + k);
                    }
                });
                yield new CyclicLR(opt, x);
            }
            case "CosineAnnealingWarmRestarts" -> new CosineAnnealingWarmRestarts(opt, OptimFixtures.integer(o, "T_0", 0),
                    OptimFixtures.integer(o, "T_mult", 1), OptimFixtures.dbl(o, "eta_min", 0), lastEpoch);
            case "SWALR" -> new SWALR(opt, perGroup(o.get("swa_lr"), opt.paramGroups().size()),
                    OptimFixtures.integer(o, "anneal_epochs", 10), (String) o.getOrDefault("anneal_strategy", "cos"), lastEpoch);
            default -> throw new IllegalArgumentException("scheduler " + kind);
        };
    }

    @SuppressWarnings("unchecked")
    private static LRScheduler build(Map<String, Object> c, Optimizer opt, int lastEpoch) {
        return scheduler((String) c.get("scheduler"), opt, (Map<String, Object>) c.get("options"), lastEpoch);
    }

    /** Python's step(epoch) argument: an int stays an int (it prints so in messages), a float is fractional. */
    private static void stepTo(LRScheduler s, Object epoch) {
        if (epoch instanceof Double d) ((CosineAnnealingWarmRestarts) s).step(d.doubleValue());
        else s.step(((Number) epoch).intValue());
    }

    @TestFactory
    @SuppressWarnings("unchecked")
    Stream<DynamicTest> sequences() {
        return cases().map(c -> DynamicTest.dynamicTest((String) c.get("name"), () -> {
            Optimizer opt = schedulerOptimizer(c);
            LRScheduler s = build(c, opt, -1);
            List<Object> lrs = (List<Object>) c.get("lrs"), moms = (List<Object>) c.get("momentums");
            List<Object> epochs = (List<Object>) c.get("epochs");
            Integer resume = c.get("resume") == null ? null : ((Number) c.get("resume")).intValue();
            assertValues(lrs.get(0), s.getLastLr(), c.get("name") + " at construction");
            assertValues(moms.get(0), momentums(opt), c.get("name") + " momentum at construction");
            for (int i = 1; i < lrs.size(); i++) {
                dummyStep(opt);
                if (epochs != null) stepTo(s, epochs.get(i - 1));
                else if (resume != null && i == resume) s = build(c, opt, s.lastEpoch());
                else s.step();
                String at = c.get("name") + " step " + i;
                assertValues(lrs.get(i), s.getLastLr(), at);
                assertValues(moms.get(i), momentums(opt), at + " momentum");
                if (epochs != null) {
                    CosineAnnealingWarmRestarts w = (CosineAnnealingWarmRestarts) s;
                    assertClose(num(((List<Object>) c.get("t_cur")).get(i)), w.tCur(), RTOL, ATOL, at + " T_cur");
                    assertEquals(((Number) ((List<Object>) c.get("t_i")).get(i)).longValue(), w.tI(), at + " T_i");
                    assertEquals(((Number) ((List<Object>) c.get("last_epoch")).get(i)).intValue(), s.lastEpoch(), at + " last_epoch");
                }
            }
            assertStateMatches((Map<String, Object>) c.get("state"), s.stateDict(), (String) c.get("name"));
        }));
    }

    /** Every entry of PyTorch's state dict is in torch4j's, with the same value. */
    private static void assertStateMatches(Map<String, Object> theirs, Map<String, Object> ours, String context) {
        theirs.forEach((k, v) -> {
            assertTrue(ours.containsKey(k), context + ": state dict lacks " + k);
            Object o = ours.get(k);
            if (v instanceof Number n) assertClose(n.doubleValue(), ((Number) o).doubleValue(), RTOL, ATOL, context + " " + k);
            else if (v instanceof List<?> l && !l.isEmpty() && l.get(0) instanceof Number) assertValues(l, OptimFixtures.doubleList(o), context + " " + k);
            else assertEquals(v, o, context + " " + k);
        });
    }

    /** Half way: save optimizer and scheduler, build both anew, load both, continue as without the interruption. */
    @TestFactory
    @SuppressWarnings("unchecked")
    Stream<DynamicTest> stateDictRoundTrip() {
        return cases().filter(c -> c.get("resume") == null && c.get("epochs") == null)
                .map(c -> DynamicTest.dynamicTest((String) c.get("name"), () -> {
                    Optimizer opt = schedulerOptimizer(c);
                    LRScheduler s = build(c, opt, -1);
                    List<Object> lrs = (List<Object>) c.get("lrs"), moms = (List<Object>) c.get("momentums");
                    int half = lrs.size() / 2;
                    for (int i = 1; i <= half; i++) {
                        dummyStep(opt);
                        s.step();
                    }
                    Map<String, Object> optState = opt.stateDict(), schedState = s.stateDict();
                    Optimizer opt2 = schedulerOptimizer(c);
                    LRScheduler s2 = build(c, opt2, -1);
                    opt2.loadStateDict(optState);
                    s2.loadStateDict(schedState);
                    assertValues(lrs.get(half), s2.getLastLr(), c.get("name") + " restored");
                    for (int i = half + 1; i < lrs.size(); i++) {
                        dummyStep(opt2);
                        s2.step();
                        assertValues(lrs.get(i), s2.getLastLr(), c.get("name") + " resumed step " + i);
                        assertValues(moms.get(i), momentums(opt2), c.get("name") + " momentum step " + i);
                    }
                }));
    }

    private static Optimizer twoGroups(String kind) {
        List<ParamGroup> groups = List.of(new ParamGroup(List.of(Torch.zeros(2).requiresGrad_())),
                new ParamGroup(List.of(Torch.zeros(2).requiresGrad_())));
        return OptimFixtures.optimizer(kind, new LinkedHashMap<>(Map.of("lr", 0.1)), null, groups);
    }

    @TestFactory
    @SuppressWarnings("unchecked")
    Stream<DynamicTest> pytorchMessages() {
        return OptimExtraTest.section("errors").stream().filter(c -> !"optimizer".equals(c.get("kind"))).map(c -> {
            String kind = (String) c.get("kind");
            Map<String, Object> options = new LinkedHashMap<>((Map<String, Object>) c.get("options"));
            return DynamicTest.dynamicTest(kind + " " + c.get("optimizer") + " " + options, () -> {
                Optimizer opt = twoGroups((String) c.get("optimizer"));
                List<Double> lrsBefore = List.of(opt.paramGroups().get(0).lr(), opt.paramGroups().get(1).lr());
                IllegalArgumentException e;
                if (kind.equals("CosineAnnealingWarmRestarts_epoch")) {
                    Object epoch = options.remove("epoch");
                    LRScheduler s = scheduler("CosineAnnealingWarmRestarts", opt, options, -1);
                    e = assertThrows(IllegalArgumentException.class, () -> stepTo(s, epoch));
                } else if (kind.equals("CyclicLR_resume")) {
                    int lastEpoch = ((Number) options.remove("last_epoch")).intValue();
                    e = assertThrows(IllegalArgumentException.class, () -> scheduler("CyclicLR", opt, options, lastEpoch));
                } else {
                    e = assertThrows(IllegalArgumentException.class, () -> scheduler(kind, opt, options, -1));
                    // torch4j checks everything before it sets a group's lr (PyTorch sets base_lr first)
                    assertEquals(lrsBefore, List.of(opt.paramGroups().get(0).lr(), opt.paramGroups().get(1).lr()), "lrs kept");
                }
                assertEquals(c.get("error"), e.getMessage());
            });
        });
    }

    /** The Javadoc's examples: a custom scale function as a lambda, and fractional epochs. */
    @Test
    void javadocExamples() {
        Tensor p = Torch.zeros(2).requiresGrad_();
        SGD opt = new SGD(List.of(p), SGD.options(0.01).momentum(0.9));
        var sched = new CyclicLR(opt, CyclicLR.options(0.01, 0.1).stepSizeUp(2).scaleFn(x -> 1 / (1 + 0.1 * x)).scaleMode("iterations"));
        assertEquals(0.01, opt.paramGroups().get(0).lr(), 1e-15);
        assertEquals(0.9, opt.paramGroups().get(0).getDouble("momentum"), 1e-15);
        dummyStep(opt);
        sched.step();
        assertEquals(0.01 + 0.09 * 0.5 / 1.1, opt.paramGroups().get(0).lr(), 1e-15);
        assertEquals(0.9 - 0.1 * 0.5 / 1.1, opt.paramGroups().get(0).getDouble("momentum"), 1e-15);

        SGD opt2 = new SGD(List.of(Torch.zeros(2).requiresGrad_()), 0.1);
        var warm = new CosineAnnealingWarmRestarts(opt2, 10, 2, 1e-5);
        dummyStep(opt2);
        warm.step(10 + 0.25); // the second period is 20 epochs long: 0.25 into it
        assertEquals(0.25, warm.tCur(), 1e-15);
        assertEquals(20, warm.tI());
        assertEquals(10, warm.lastEpoch());
        assertEquals(1e-5 + (0.1 - 1e-5) * (1 + Math.cos(Math.PI * 0.25 / 20)) / 2, warm.getLastLr().get(0), 1e-15);
    }

    /** SequentialLR restarts a CosineAnnealingWarmRestarts at its milestone with step(0), as PyTorch. */
    @Test
    void warmRestartsInsideSequentialLR() {
        SGD opt = new SGD(List.of(Torch.zeros(2).requiresGrad_()), 1.0);
        var first = new CosineAnnealingWarmRestarts(opt, 3);
        var second = new CosineAnnealingWarmRestarts(opt, 2);
        var seq = new SequentialLR(opt, List.of(first, second), new int[] {4});
        double[] expected = {1.0, 0.75, 0.25, 1.0, 1.0, 0.5, 1.0};
        assertEquals(expected[0], seq.getLastLr().get(0), 1e-15);
        for (int i = 1; i < expected.length; i++) {
            dummyStep(opt);
            seq.step();
            assertEquals(expected[i], seq.getLastLr().get(0), 1e-12, "step " + i);
        }
    }
}
