package org.torch4j.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.torch4j.conformance.OptimFixtures.Problem;
import static org.torch4j.conformance.OptimFixtures.assertParams;
import static org.torch4j.conformance.OptimFixtures.groups;
import static org.torch4j.conformance.OptimFixtures.optimizer;
import static org.torch4j.conformance.OptimFixtures.section;
import static org.torch4j.conformance.OptimFixtures.tolerance;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.torch4j.DType;
import org.torch4j.optim.Optimizer;
import org.torch4j.optim.ParamGroup;

/**
 * SGD, Adam, AdamW, RMSprop, Adagrad and Adadelta against PyTorch 1.13 ({@code optim.json}): the
 * parameters after each of six steps on the fixed problem, for each option combination; the same
 * trajectory after a state-dict round trip half way; and the state dict's layout (keys as PyTorch's).
 */
class OptimizerReferenceTest {

    @SuppressWarnings("unchecked")
    private static Optimizer build(Map<String, Object> c, Problem pb) {
        Map<String, Object> options = new LinkedHashMap<>((Map<String, Object>) c.get("options"));
        List<ParamGroup> groups = groups(c.get("groups"), pb.params());
        return optimizer((String) c.get("optimizer"), options, pb.params(), groups);
    }

    private static void step(Optimizer opt, Problem pb, double sign) {
        opt.zeroGrad();
        pb.loss(sign).backward();
        opt.step();
    }

    @TestFactory
    @SuppressWarnings("unchecked")
    Stream<DynamicTest> trajectories() {
        return section("optimizers").stream().map(c -> DynamicTest.dynamicTest((String) c.get("name"), () -> {
            DType dtype = DType.of((String) c.get("dtype"));
            double sign = ((Number) c.get("sign")).doubleValue();
            List<Object> steps = (List<Object>) c.get("steps");
            Problem pb = new Problem(dtype);
            Optimizer opt = build(c, pb);
            for (int i = 0; i < steps.size(); i++) {
                try (var scope = org.torch4j.Torch.scope()) {
                    step(opt, pb, sign);
                }
                assertParams(steps.get(i), pb, tolerance(dtype), c.get("name") + " step " + (i + 1));
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

    /** Three steps, state dict, a new optimizer over copies of the parameters, load, three more steps. */
    @TestFactory
    @SuppressWarnings("unchecked")
    Stream<DynamicTest> stateDictRoundTrip() {
        return section("optimizers").stream().map(c -> DynamicTest.dynamicTest((String) c.get("name"), () -> {
            DType dtype = DType.of((String) c.get("dtype"));
            double sign = ((Number) c.get("sign")).doubleValue();
            List<Object> steps = (List<Object>) c.get("steps");
            Problem pb = new Problem(dtype);
            Optimizer opt = build(c, pb);
            int half = steps.size() / 2;
            for (int i = 0; i < half; i++) step(opt, pb, sign);
            Map<String, Object> sd = opt.stateDict();
            // the saved state must not follow later steps of the first optimizer
            step(opt, pb, sign);

            Problem pb2 = new Problem(dtype, List.of(toDoubles(((List<Object>) steps.get(half - 1)).get(0)),
                    toDoubles(((List<Object>) steps.get(half - 1)).get(1))));
            Optimizer opt2 = build(c, pb2);
            opt2.loadStateDict(sd);
            for (int i = half; i < steps.size(); i++) {
                step(opt2, pb2, sign);
                assertParams(steps.get(i), pb2, tolerance(dtype), c.get("name") + " resumed step " + (i + 1));
            }
            assertTrue(opt2.paramGroups().get(0).options().containsKey("lr"));
        }));
    }

    private static double[] toDoubles(Object l) {
        return OptimFixtures.doubles((List<?>) l);
    }
}
