package org.torch4j.conformance;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.torch4j.Autograd;
import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.distributed.ProcessGroup;
import org.torch4j.nn.BatchNorm1d;
import org.torch4j.nn.F;
import org.torch4j.nn.Identity;
import org.torch4j.nn.Linear;
import org.torch4j.nn.Module;
import org.torch4j.nn.ReLU;
import org.torch4j.nn.parallel.DistributedDataParallel;
import org.torch4j.optim.SGD;

/** DistributedDataParallel against PyTorch 1.13's DDP (gloo, 2 ranks as threads), and against single-process training. */
class DistributedDataParallelTest {

    /** Linear-ReLU-BatchNorm1d-Linear, named as the generator's {@code Net}. */
    static final class Net extends Module {
        private final Linear fc1, fc2;
        private final Module act, bn;

        Net(boolean batchNorm) {
            fc1 = registerModule("fc1", new Linear(4, 8));
            act = registerModule("act", new ReLU());
            bn = registerModule("bn", batchNorm ? new BatchNorm1d(8) : new Identity());
            fc2 = registerModule("fc2", new Linear(8, 2));
        }

        @Override
        public Tensor forward(Tensor x) {
            return fc2.call(bn.call(act.call(fc1.call(x))));
        }
    }

    /** Two linear layers of which forward uses one, as the generator's {@code Branchy}. */
    static final class Branchy extends Module {
        private final Linear used;

        Branchy() {
            used = registerModule("used", new Linear(3, 2));
            registerModule("unused", new Linear(3, 2));
        }

        @Override
        public Tensor forward(Tensor x) {
            return used.call(x);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> rank(int r) {
        Map<String, Object> file = (Map<String, Object>) Reference.load("distributed/ddp.json");
        return (Map<String, Object>) ((List<Object>) file.get("ranks")).get(r);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Tensor> state(Object spec) {
        Map<String, Tensor> s = new LinkedHashMap<>();
        ((Map<String, Object>) spec).forEach((k, v) -> s.put(k, Reference.tensor(v)));
        return s;
    }

    @SuppressWarnings("unchecked")
    private static void assertState(Object expected, Module m, String ctx) {
        Map<String, Tensor> actual = m.stateDict();
        ((Map<String, Object>) expected).forEach((k, v) -> Reference.assertTensor(v, actual.get(k), 1e-5, 1e-6, ctx + " " + k));
    }

    @Test
    @SuppressWarnings("unchecked")
    void trainsAsPyTorchsDdpWithBatchNormAndNoSync() {
        DistributedRanks.run(2, g -> {
            Map<String, Object> ref = rank(g.rank());
            Net net = new Net(true);
            net.loadStateDict(state(ref.get("initial")));
            DistributedDataParallel ddp = new DistributedDataParallel(net, g, true, 25, false);
            SGD opt = new SGD(ddp.parameters(), 0.1);
            List<Object> data = (List<Object>) ref.get("data");
            List<Double> losses = new ArrayList<>();
            java.util.function.IntConsumer fb = i -> {
                List<Object> xy = (List<Object>) data.get(i);
                Tensor loss = F.mseLoss(ddp.call(Reference.tensor(xy.get(0))), Reference.tensor(xy.get(1)));
                loss.backward();
                losses.add(loss.item());
            };
            fb.accept(0);
            opt.step();
            opt.zeroGrad();
            try (var ignored = ddp.noSync()) {
                fb.accept(1);
            }
            fb.accept(2);
            opt.step();
            opt.zeroGrad();
            fb.accept(3);
            Map<String, Object> grads = (Map<String, Object>) ref.get("last_grads");
            net.namedParameters().forEach((k, p) -> Reference.assertTensor(grads.get(k), p.grad(), 1e-5, 1e-6, "grad " + k));
            opt.step();
            List<Object> expected = (List<Object>) ref.get("losses");
            for (int i = 0; i < 4; i++) assertEquals(((Number) expected.get(i)).doubleValue(), losses.get(i), 1e-5, "loss " + i);
            assertState(ref.get("final"), net, "rank " + g.rank());
            assertEquals(ref.get("keys"), new ArrayList<>(ddp.stateDict().keySet()));
            assertEquals(ref.get("repr"), ddp.toString());
            return null;
        });
    }

    @Test
    void averagedGradientsEqualSingleProcessTrainingOnTheWholeBatch() {
        Torch.manualSeed(5);
        Net reference = new Net(false);
        Map<String, Tensor> init = new LinkedHashMap<>();
        reference.stateDict().forEach((k, v) -> init.put(k, v.clone()));
        Tensor x = Torch.randn(8, 4), y = Torch.randn(8, 2);
        SGD single = new SGD(reference.parameters(), 0.2);
        for (int step = 0; step < 3; step++) {
            single.zeroGrad();
            F.mseLoss(reference.call(x), y).backward();
            single.step();
        }
        List<Map<String, Tensor>> finals = DistributedRanks.run(2, g -> {
            Net net = new Net(false);
            if (g.rank() == 0) net.loadStateDict(init); // rank 1's own initial weights are replaced by the broadcast
            DistributedDataParallel ddp = new DistributedDataParallel(net, g, true, 0.0001, false);
            SGD opt = new SGD(ddp.parameters(), 0.2);
            Tensor mx = x.narrow(0, 4L * g.rank(), 4), my = y.narrow(0, 4L * g.rank(), 4);
            for (int step = 0; step < 3; step++) {
                opt.zeroGrad();
                F.mseLoss(ddp.call(mx), my).backward();
                opt.step();
            }
            return net.stateDict();
        });
        for (Map<String, Tensor> f : finals) {
            reference.stateDict().forEach((k, v) -> assertArrayEquals(v.toDoubleArray(), f.get(k).toDoubleArray(), 1e-6, k));
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void unusedParametersAsPyTorch() {
        DistributedRanks.run(2, g -> {
            Map<String, Object> ref = rank(g.rank());
            Map<String, Object> u = (Map<String, Object>) ref.get("unused");
            Branchy b = new Branchy();
            b.loadStateDict(state(u.get("initial")));
            DistributedDataParallel ddp = new DistributedDataParallel(b, g, true, 25, true);
            SGD opt = new SGD(ddp.parameters(), 0.5);
            Tensor loss = ddp.call(Reference.tensor(u.get("x"))).square().mean();
            loss.backward();
            assertEquals(((Number) u.get("loss")).doubleValue(), loss.item(), 1e-6);
            List<String> none = new ArrayList<>();
            b.namedParameters().forEach((k, p) -> {
                if (p.grad() == null) none.add(k);
            });
            assertEquals(u.get("grad_none"), none);
            opt.step();
            assertState(u.get("final"), b, "unused rank " + g.rank());
            // without findUnusedParameters the next forward fails with PyTorch's message
            Branchy e = new Branchy();
            DistributedDataParallel strict = new DistributedDataParallel(e, g, true, 25, false);
            Tensor x = Reference.tensor(u.get("x"));
            strict.call(x).sum().backward();
            assertEquals(ref.get("unused_error"), assertThrows(IllegalStateException.class, () -> strict.call(x)).getMessage());
            return null;
        });
    }

    @Test
    void queueCallbackRunsAfterAccumulation() {
        assertEquals("Final callbacks can only be installed during backward pass.",
                assertThrows(IllegalStateException.class, () -> Autograd.queueCallback(() -> { })).getMessage());
        Tensor w = Torch.ones(2).requiresGrad_();
        List<Tensor> seen = new ArrayList<>();
        w.registerHook(g -> {
            Autograd.queueCallback(() -> seen.add(w.grad().clone()));
            return null;
        });
        w.mul(3).sum().backward();
        assertNotNull(seen.get(0));
        assertArrayEquals(new double[] {3, 3}, seen.get(0).toDoubleArray());
        Tensor v = Torch.ones(1).requiresGrad_();
        v.mul(2).sum().backward();
        assertNull(seen.size() > 1 ? seen.get(1) : null);
    }

    @Test
    void singleRankGroupIsAPlainModule() {
        DistributedRanks.run(1, (ProcessGroup g) -> {
            Net net = new Net(false);
            DistributedDataParallel ddp = new DistributedDataParallel(net, g, true, 25, false);
            Tensor x = Torch.ones(3, 4);
            ddp.forward(m -> m.call(x)).sum().backward();
            Tensor expected = Autograd.grad(net.call(x).sum(), net.parameters().get(0), false);
            assertArrayEquals(expected.toDoubleArray(), net.parameters().get(0).grad().toDoubleArray(), 1e-6);
            return null;
        });
    }
}
