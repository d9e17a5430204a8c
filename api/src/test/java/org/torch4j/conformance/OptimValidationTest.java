package org.torch4j.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.torch4j.conformance.OptimFixtures.optimizer;
import static org.torch4j.conformance.OptimFixtures.plateau;
import static org.torch4j.conformance.OptimFixtures.scheduler;
import static org.torch4j.conformance.OptimFixtures.section;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.function.Executable;
import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.optim.Adam;
import org.torch4j.optim.ExponentialLR;
import org.torch4j.optim.LRScheduler;
import org.torch4j.optim.Optimizer;
import org.torch4j.optim.ParamGroup;
import org.torch4j.optim.ReduceLROnPlateau;
import org.torch4j.optim.SGD;
import org.torch4j.optim.SequentialLR;
import org.torch4j.optim.StepLR;

/**
 * The argument checks of the optimizers and schedulers, with PyTorch 1.13's messages (recorded by
 * the generator from the real ValueErrors), and the checks of the base class.
 */
class OptimValidationTest {

    private static Optimizer twoGroups(String kind) {
        List<ParamGroup> groups = List.of(new ParamGroup(List.of(Torch.zeros(2).requiresGrad_())),
                new ParamGroup(List.of(Torch.zeros(2).requiresGrad_())));
        Map<String, Object> options = new LinkedHashMap<>(Map.of("lr", 0.1));
        return optimizer(kind, options, null, groups);
    }

    @TestFactory
    @SuppressWarnings("unchecked")
    Stream<DynamicTest> pytorchMessages() {
        return section("errors").stream().map(c -> {
            String kind = (String) c.get("kind");
            Map<String, Object> options = new LinkedHashMap<>((Map<String, Object>) c.get("options"));
            String name = kind + " " + c.get("optimizer") + " " + options;
            return DynamicTest.dynamicTest(name, () -> {
                Executable build;
                switch (kind) {
                    case "optimizer" -> {
                        if (c.get("optimizer").equals("SGD")) options.putIfAbsent("lr", 0.1);
                        List<Tensor> params = List.of(Torch.zeros(2).requiresGrad_());
                        build = () -> optimizer((String) c.get("optimizer"), options, params, null);
                    }
                    case "ReduceLROnPlateau" -> {
                        Optimizer opt = twoGroups((String) c.get("optimizer"));
                        build = () -> new ReduceLROnPlateau(opt, plateau(options));
                    }
                    case "SequentialLR" -> {
                        Optimizer opt = twoGroups((String) c.get("optimizer"));
                        List<LRScheduler> children = List.of(new ExponentialLR(opt, 0.9), new StepLR(opt, 2));
                        int[] milestones = OptimFixtures.ints(options.get("milestones"));
                        build = () -> new SequentialLR(opt, children, milestones);
                    }
                    case "StepLR_resume" -> {
                        Optimizer opt = twoGroups((String) c.get("optimizer"));
                        int lastEpoch = ((Number) options.remove("last_epoch")).intValue();
                        build = () -> scheduler("StepLR", opt, options, lastEpoch);
                    }
                    default -> {
                        Optimizer opt = twoGroups((String) c.get("optimizer"));
                        build = () -> scheduler(kind, opt, options, -1);
                    }
                }
                IllegalArgumentException e = assertThrows(IllegalArgumentException.class, build);
                assertEquals(c.get("error"), e.getMessage());
            });
        });
    }

    @Test
    void baseClassChecks() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new SGD(new ArrayList<Tensor>(), 0.1));
        assertEquals("optimizer got an empty parameter list", e.getMessage());

        Tensor leaf = Torch.ones(2).requiresGrad_();
        Tensor nonLeaf = leaf.mul(2.0);
        e = assertThrows(IllegalArgumentException.class, () -> new SGD(List.of(nonLeaf), 0.1));
        assertEquals("can't optimize a non-leaf Tensor", e.getMessage());

        SGD opt = new SGD(List.of(leaf), 0.1);
        e = assertThrows(IllegalArgumentException.class, () -> opt.addParamGroup(new ParamGroup(List.of(leaf))));
        assertEquals("some parameters appear in more than one parameter group", e.getMessage());

        Map<String, Object> sd = opt.stateDict();
        SGD two = SGD.withGroups(List.of(new ParamGroup(List.of(Torch.ones(1).requiresGrad_())),
                new ParamGroup(List.of(Torch.ones(1).requiresGrad_()))), SGD.options(0.1));
        e = assertThrows(IllegalArgumentException.class, () -> two.loadStateDict(sd));
        assertEquals("loaded state dict has a different number of parameter groups", e.getMessage());
        SGD other = new SGD(List.of(Torch.ones(1).requiresGrad_(), Torch.ones(1).requiresGrad_()), 0.1);
        e = assertThrows(IllegalArgumentException.class, () -> other.loadStateDict(sd));
        assertEquals("loaded state dict contains a parameter group that doesn't match the size of optimizer's group",
                e.getMessage());
    }

    @Test
    void nanIsRejectedWherePythonRejectsIt() {
        List<Tensor> params = List.of(Torch.zeros(2).requiresGrad_());
        // Adam checks `not 0.0 <= lr`, which NaN fails; SGD checks `lr < 0.0`, which NaN passes
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Adam(params, Double.NaN));
        assertEquals("Invalid learning rate: nan", e.getMessage());
        new SGD(params, Double.NaN);
    }

    @Test
    void groupOptionsOverrideDefaultsAndZeroGradKeepsOrDropsGradients() {
        Tensor a = Torch.ones(2).requiresGrad_(), b = Torch.ones(2).requiresGrad_();
        SGD opt = SGD.withGroups(List.of(new ParamGroup(List.of(a)), new ParamGroup(List.of(b), Map.of("lr", 0.5))),
                SGD.options(0.1).momentum(0.9));
        assertEquals(0.1, opt.paramGroups().get(0).lr());
        assertEquals(0.5, opt.paramGroups().get(1).lr());
        assertEquals(0.9, opt.paramGroups().get(1).getDouble("momentum"));
        a.mul(a).sum().backward();
        opt.zeroGrad();
        assertEquals(0.0, a.grad().sum().item());
        opt.zeroGrad(true);
        assertEquals(null, a.grad());
    }
}
