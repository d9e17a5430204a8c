package org.torch4j.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.torch4j.conformance.OptimFixtures.assertClose;
import static org.torch4j.conformance.OptimFixtures.dummyStep;
import static org.torch4j.conformance.OptimFixtures.momentums;
import static org.torch4j.conformance.OptimFixtures.scheduler;
import static org.torch4j.conformance.OptimFixtures.schedulerOptimizer;
import static org.torch4j.conformance.OptimFixtures.section;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.optim.CosineAnnealingLR;
import org.torch4j.optim.LRScheduler;
import org.torch4j.optim.Optimizer;
import org.torch4j.optim.SGD;
import org.torch4j.optim.StepLR;

/**
 * The learning-rate schedulers against PyTorch 1.13: {@code get_last_lr()} after construction and
 * after each step (and the momentum or beta1 that OneCycleLR cycles), resuming with
 * {@code last_epoch}, stepping OneCycleLR past its end, and state-dict round trips half way.
 */
class LrSchedulerTest {

    private static final double RTOL = 1e-12, ATOL = 1e-15;

    /** Compares per-group values; a null (an optimizer without momentum) must stay null. */
    private static void assertLrs(Object expected, List<Double> actual, String context) {
        List<?> e = (List<?>) expected;
        assertEquals(e.size(), actual.size(), context + ": groups");
        for (int i = 0; i < e.size(); i++) {
            if (e.get(i) == null) assertEquals(null, actual.get(i), context + " group " + i);
            else assertClose(Reference.number(e.get(i)), actual.get(i), RTOL, ATOL, context + " group " + i);
        }
    }

    @SuppressWarnings("unchecked")
    private static LRScheduler build(Map<String, Object> c, Optimizer opt, int lastEpoch) {
        return scheduler((String) c.get("scheduler"), opt, (Map<String, Object>) c.get("options"), lastEpoch);
    }

    @TestFactory
    @SuppressWarnings("unchecked")
    Stream<DynamicTest> sequences() {
        return section("schedulers").stream().map(c -> DynamicTest.dynamicTest((String) c.get("name"), () -> {
            Optimizer opt = schedulerOptimizer(c);
            LRScheduler s = build(c, opt, -1);
            List<Object> lrs = (List<Object>) c.get("lrs");
            List<Object> moms = (List<Object>) c.get("momentums");
            Integer resume = c.get("resume") == null ? null : ((Number) c.get("resume")).intValue();
            assertLrs(lrs.get(0), s.getLastLr(), c.get("name") + " at construction");
            for (int i = 1; i < lrs.size(); i++) {
                dummyStep(opt);
                if (resume != null && i == resume) s = build(c, opt, s.lastEpoch());
                else s.step();
                assertLrs(lrs.get(i), s.getLastLr(), c.get("name") + " step " + i);
                for (int g = 0; g < opt.paramGroups().size(); g++) {
                    assertClose(Reference.number(((List<Object>) lrs.get(i)).get(g)), opt.paramGroups().get(g).lr(), RTOL, ATOL,
                            "group lr");
                }
                if (moms != null) assertLrs(moms.get(i), momentums(opt), c.get("name") + " momentum step " + i);
            }
            if (c.get("error") != null) {
                LRScheduler last = s;
                IllegalStateException e = assertThrows(IllegalStateException.class, last::step);
                assertEquals(c.get("error"), e.getMessage());
            }
        }));
    }

    /**
     * Half way: save optimizer and scheduler; build both anew (the new scheduler's first step moves
     * the rates), load both, continue: the same rates as without the interruption.
     */
    @TestFactory
    @SuppressWarnings("unchecked")
    Stream<DynamicTest> stateDictRoundTrip() {
        return section("schedulers").stream().filter(c -> c.get("resume") == null)
                .map(c -> DynamicTest.dynamicTest((String) c.get("name"), () -> {
                    Optimizer opt = schedulerOptimizer(c);
                    LRScheduler s = build(c, opt, -1);
                    List<Object> lrs = (List<Object>) c.get("lrs");
                    List<Object> moms = (List<Object>) c.get("momentums");
                    int half = lrs.size() / 2;
                    for (int i = 1; i <= half; i++) {
                        dummyStep(opt);
                        s.step();
                    }
                    Map<String, Object> optState = opt.stateDict();
                    Map<String, Object> schedState = s.stateDict();
                    Optimizer opt2 = schedulerOptimizer(c);
                    LRScheduler s2 = build(c, opt2, -1);
                    opt2.loadStateDict(optState);
                    s2.loadStateDict(schedState);
                    assertLrs(lrs.get(half), s2.getLastLr(), c.get("name") + " restored");
                    for (int i = half + 1; i < lrs.size(); i++) {
                        dummyStep(opt2);
                        s2.step();
                        assertLrs(lrs.get(i), s2.getLastLr(), c.get("name") + " resumed step " + i);
                        if (moms != null) assertLrs(moms.get(i), momentums(opt2), c.get("name") + " momentum step " + i);
                    }
                }));
    }

    @Test
    void initialLrIsRecordedOnceAndKeptByLaterSchedulers() {
        Tensor p = Torch.zeros(2).requiresGrad_();
        SGD opt = new SGD(List.of(p), 0.1);
        StepLR first = new StepLR(opt, 2, 0.5);
        assertEquals(0.1, opt.paramGroups().get(0).get("initial_lr"));
        for (int i = 0; i < 3; i++) {
            dummyStep(opt);
            first.step();
        }
        assertEquals(0.05, opt.paramGroups().get(0).lr(), 1e-15);
        // a second scheduler keeps initial_lr and starts from the current rate (chainable form)
        CosineAnnealingLR second = new CosineAnnealingLR(opt, 4);
        assertEquals(List.of(0.1), second.baseLrs());
        assertEquals(0.05, second.getLastLr().get(0), 1e-15);
        assertEquals(0, second.lastEpoch());
    }

    @Test
    void closedFormThroughDeprecatedEpochStep() {
        Tensor p = Torch.zeros(2).requiresGrad_();
        SGD opt = new SGD(List.of(p), 1.0);
        StepLR s = new StepLR(opt, 3, 0.5);
        dummyStep(opt);
        s.step(7);
        assertEquals(0.25, s.getLastLr().get(0), 1e-15); // 0.5 ** (7 // 3)
        assertEquals(7, s.lastEpoch());
    }
}
