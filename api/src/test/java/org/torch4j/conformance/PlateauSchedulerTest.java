package org.torch4j.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.torch4j.conformance.OptimFixtures.assertClose;
import static org.torch4j.conformance.OptimFixtures.doubleList;
import static org.torch4j.conformance.OptimFixtures.plateau;
import static org.torch4j.conformance.OptimFixtures.section;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.torch4j.DType;
import org.torch4j.Torch;
import org.torch4j.optim.ParamGroup;
import org.torch4j.optim.ReduceLROnPlateau;
import org.torch4j.optim.SGD;

/**
 * ReduceLROnPlateau against PyTorch 1.13: the learning rates after each metric of a fixed sequence,
 * for min/max modes, relative/absolute thresholds, patience, cooldown, min_lr and eps; and a state
 * dict round trip half way.
 */
class PlateauSchedulerTest {

    private static SGD optimizer(List<Double> lrs) {
        List<ParamGroup> groups = new ArrayList<>();
        for (double lr : lrs) groups.add(new ParamGroup(List.of(Torch.zeros(2).requiresGrad_()), Map.of("lr", lr)));
        return SGD.withGroups(groups, SGD.options(0.1));
    }

    private static void assertLrs(Object expected, List<Double> actual, String context) {
        List<Double> e = doubleList(expected);
        assertEquals(e.size(), actual.size(), context);
        for (int i = 0; i < e.size(); i++) assertClose(e.get(i), actual.get(i), 1e-12, 1e-15, context + " group " + i);
    }

    @TestFactory
    @SuppressWarnings("unchecked")
    Stream<DynamicTest> sequences() {
        return section("plateau").stream().map(c -> DynamicTest.dynamicTest((String) c.get("name"), () -> {
            SGD opt = optimizer(doubleList(c.get("groups")));
            ReduceLROnPlateau s = new ReduceLROnPlateau(opt, plateau((Map<String, Object>) c.get("options")));
            List<Double> metrics = doubleList(c.get("metrics"));
            List<Object> lrs = (List<Object>) c.get("lrs");
            for (int i = 0; i < metrics.size(); i++) {
                if (i % 2 == 0) s.step(metrics.get(i));
                else s.step(Torch.full(new long[0], metrics.get(i), DType.FLOAT64)); // a 0-dim tensor, as PyTorch accepts
                assertLrs(lrs.get(i), s.getLastLr(), c.get("name") + " step " + (i + 1));
            }
        }));
    }

    @TestFactory
    @SuppressWarnings("unchecked")
    Stream<DynamicTest> stateDictRoundTrip() {
        return section("plateau").stream().map(c -> DynamicTest.dynamicTest((String) c.get("name"), () -> {
            Map<String, Object> options = (Map<String, Object>) c.get("options");
            SGD opt = optimizer(doubleList(c.get("groups")));
            ReduceLROnPlateau s = new ReduceLROnPlateau(opt, plateau(options));
            List<Double> metrics = doubleList(c.get("metrics"));
            List<Object> lrs = (List<Object>) c.get("lrs");
            int half = metrics.size() / 2;
            for (int i = 0; i < half; i++) s.step(metrics.get(i));
            Map<String, Object> optState = opt.stateDict(), state = s.stateDict();
            SGD opt2 = optimizer(doubleList(c.get("groups")));
            ReduceLROnPlateau s2 = new ReduceLROnPlateau(opt2, ReduceLROnPlateau.options());
            opt2.loadStateDict(optState);
            s2.loadStateDict(state);
            for (int i = half; i < metrics.size(); i++) {
                s2.step(metrics.get(i));
                assertLrs(lrs.get(i), s2.getLastLr(), c.get("name") + " resumed step " + (i + 1));
            }
        }));
    }
}
