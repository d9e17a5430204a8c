package org.torch4j.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.torch4j.DType;
import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.nn.BatchNorm1d;
import org.torch4j.nn.Linear;
import org.torch4j.nn.Module;
import org.torch4j.nn.ReLU;
import org.torch4j.nn.Sequential;
import org.torch4j.optim.AveragedModel;
import org.torch4j.optim.SwaUtils;

/**
 * torch.optim.swa_utils against PyTorch 1.13 ({@code tools/gen_swa_reference.py}): AveragedModel's state after
 * each update_parameters with the default average and with an EMA over parameters and buffers, update_bn over a
 * loader of bare tensors and (input, target) pairs, and the averaged model's output after it.
 */
class SwaTest {
    @SuppressWarnings("unchecked")
    private static final Map<String, Object> FILE = (Map<String, Object>) Reference.load("swa.json");

    private static Sequential model() {
        Sequential m = Sequential.of(new Linear(4, 8), new BatchNorm1d(8), new ReLU(), new Linear(8, 3));
        m.to(DType.FLOAT64);
        return m;
    }

    private static void assertState(Object expected, Module actual, String context) {
        @SuppressWarnings("unchecked")
        Map<String, Object> e = (Map<String, Object>) expected;
        Map<String, Tensor> a = actual.stateDict();
        assertEquals(e.keySet(), a.keySet(), context + ": state dict keys");
        e.forEach((k, v) -> Reference.assertTensor(v, a.get(k), 1e-12, 1e-12, context + " " + k));
    }

    @SuppressWarnings("unchecked")
    private AveragedModel<Sequential> averaged(String variant, Sequential net) {
        net.loadStateDict(FuncTest.state(FILE.get("initial")));
        return variant.equals("equal") ? new AveragedModel<>(net)
                : new AveragedModel<>(net, null, (a, m, n) -> a.mul(0.1).add(m.mul(0.9)), true);
    }

    @SuppressWarnings("unchecked")
    private AveragedModel<Sequential> runRounds(String variant) {
        Sequential net = model();
        AveragedModel<Sequential> swa = averaged(variant, net);
        List<Object> rounds = (List<Object>) FILE.get("rounds"), after = (List<Object>) FILE.get(variant);
        for (int i = 0; i < rounds.size(); i++) {
            net.loadStateDict(FuncTest.state(rounds.get(i)));
            swa.updateParameters(net);
            assertState(after.get(i), swa, variant + " after update " + (i + 1));
        }
        assertEquals(rounds.size(), swa.nAveraged().itemLong());
        return swa;
    }

    @Test
    void equalWeightAverageOfParameters() {
        runRounds("equal");
    }

    @Test
    void movingAverageOfParametersAndBuffers() {
        runRounds("ema");
    }

    @Test
    @SuppressWarnings("unchecked")
    void updateBnRecomputesTheStatistics() {
        AveragedModel<Sequential> swa = runRounds("equal");
        swa.eval();
        Map<String, Object> c = (Map<String, Object>) FILE.get("update_bn");
        List<Object> loader = new ArrayList<>();
        for (Object b : (List<Object>) c.get("loader")) {
            if (b instanceof Map) loader.add(Reference.tensor(b));
            else loader.add(((List<Object>) b).stream().map(Reference::tensor).toList());   // (input, target)
        }
        SwaUtils.updateBn(loader, swa);
        assertState(c.get("state"), swa, "after update_bn");
        assertEquals(c.get("training_after"), swa.isTraining());
        assertEquals(((Number) c.get("momentum_after")).doubleValue(), ((BatchNorm1d) swa.module.get(1)).momentum);
        Reference.assertTensor(c.get("output"), swa.forward(Reference.tensor(c.get("x"))), 1e-12, 1e-12, "output after update_bn");
    }

    @Test
    void updateBnTakesAnInputPickerAndRefusesUnknownBatches() {
        Sequential net = model();
        record Pair(String label, Tensor image) {}
        Tensor x = Torch.randn(new long[] {6, 4}, DType.FLOAT64);
        SwaUtils.updateBn(List.of(new Pair("a", x)), net, null, Pair::image);
        BatchNorm1d bn = (BatchNorm1d) net.get(1);
        try (var g = Torch.noGrad()) {
            Tensor h = ((Linear) net.get(0)).forward(x);
            Reference.assertTensor(Reference.spec(h.mean(0)), bn.runningMean(), 1e-12, 1e-12, "running mean of the one batch");
        }
        var e = assertThrows(IllegalArgumentException.class, () -> SwaUtils.updateBn(List.of("not a batch"), net));
        assertTrue(e.getMessage().contains("java.lang.String"), e.getMessage());
        assertEquals(0.1, bn.momentum, "momentum restored after a failing pass");
        assertTrue(net.isTraining());
    }

    @Test
    void averagedCopyIsIndependentOfTheModel() {
        Sequential net = model();
        AveragedModel<Sequential> swa = new AveragedModel<>(net);
        Tensor before = ((Linear) swa.module.get(0)).weight.detach().clone();
        try (var g = Torch.noGrad()) {
            ((Linear) net.get(0)).weight.add_(1.0);
        }
        Reference.assertTensor(Reference.spec(before), ((Linear) swa.module.get(0)).weight, 0, 0, "the copy did not follow the model");
        assertNotSame(((Linear) net.get(0)).weight, ((Linear) swa.module.get(0)).weight);
        var e = assertThrows(IllegalArgumentException.class, () -> swa.updateParameters(new Linear(4, 8)));
        assertEquals("update_parameters: the model has 2 parameters but the averaged model has 6", e.getMessage());
        assertEquals(0, swa.nAveraged().itemLong());
        assertFalse(swa.stateDict().isEmpty());
    }

    /** The README's example, with the averages it should produce checked against the weights seen. */
    @Test
    void readmeExample() {
        Torch.manualSeed(0);
        Sequential model = Sequential.of(new Linear(4, 8), new BatchNorm1d(8), new ReLU(), new Linear(8, 3));
        List<Tensor[]> batches = new ArrayList<>();
        for (int i = 0; i < 3; i++) batches.add(new Tensor[] {Torch.randn(16, 4), Torch.randint(0, 3, 16)});
        Tensor x = Torch.randn(2, 4);
        org.torch4j.optim.SGD opt = new org.torch4j.optim.SGD(model.parameters(), 0.1);
        List<Tensor> seen = new ArrayList<>();
        // ---- README ----
        var swa = new AveragedModel<>(model);
        var ema = new AveragedModel<>(model, null, (avg, w, n) -> avg.mul(0.99).add(w.mul(0.01)), true);
        var swaSchedule = new org.torch4j.optim.SWALR(opt, 0.01);
        for (int epoch = 0; epoch < 20; epoch++) {
            for (Tensor[] b : batches) {
                opt.zeroGrad(); org.torch4j.nn.F.crossEntropy(model.forward(b[0]), b[1]).backward(); opt.step();
                ema.updateParameters(model);
            }
            if (epoch >= 15) { swa.updateParameters(model); swaSchedule.step(); }
            if (epoch >= 15) seen.add(((Linear) model.get(0)).weight.detach().clone());   // (the test's record)
        }
        SwaUtils.updateBn(batches, swa);          // each batch's first element is the input
        Tensor prediction = swa.eval().forward(x);
        // ---- end ----
        assertEquals(5, swa.nAveraged().itemLong());
        assertEquals(60, ema.nAveraged().itemLong());
        Tensor mean = Torch.stack(seen).mean(0);
        Reference.assertTensor(Reference.spec(mean), ((Linear) swa.module.get(0)).weight, 1e-5, 1e-6, "the average of the last 5 epochs' weights");
        assertEquals(List.of(2L, 3L), java.util.Arrays.stream(prediction.shape()).boxed().toList());
        BatchNorm1d bn = (BatchNorm1d) swa.module.get(1);
        assertEquals(3, bn.stateDict().get("num_batches_tracked").itemLong(), "update_bn counted the 3 batches");
    }
}
