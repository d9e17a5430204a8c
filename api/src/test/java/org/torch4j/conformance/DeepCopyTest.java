package org.torch4j.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.torch4j.DType;
import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.nn.BatchNorm1d;
import org.torch4j.nn.Conv2d;
import org.torch4j.nn.ForwardHook;
import org.torch4j.nn.LSTM;
import org.torch4j.nn.LazyLinear;
import org.torch4j.nn.Linear;
import org.torch4j.nn.Module;
import org.torch4j.nn.Parameter;
import org.torch4j.nn.ReLU;
import org.torch4j.nn.Sequential;
import org.torch4j.nn.TransformerEncoderLayer;
import org.torch4j.nn.Utils;

/**
 * {@code Module.deepCopy} ({@code copy.deepcopy}): the copy computes the same, owns new tensors that later changes
 * to either side do not reach, keeps requires_grad, gradients, modes, sharing and hooks, and is refused where
 * PyTorch 1.13 refuses it.
 */
class DeepCopyTest {

    /** A user's model with fields of its own: a parameter and a layer each registered twice, a list, a record, an array. */
    static final class Tied extends Module {
        record Options(String name, Tensor scale) {}

        final Parameter w = registerParameter("w", new Parameter(Torch.randn(4, 4)));
        final Linear block = registerModule("block", new Linear(4, 4));
        final List<Module> blocks = new ArrayList<>(List.of(block));
        final Tensor[] extras = {Torch.ones(2), Torch.zeros(3)};
        final Options options = new Options("tied", Torch.full(new long[0], 2.0, DType.FLOAT32));
        int calls;

        Tied() {
            registerParameter("alias", w);
            registerModule("again", block);
        }

        @Override
        public Tensor forward(Tensor x) {
            calls++;
            return blocks.get(0).call(x.matmul(w)).mul(options.scale());
        }
    }

    private static void assertSameValues(Module a, Module b) {
        Map<String, Tensor> sa = a.stateDict(), sb = b.stateDict();
        assertEquals(sa.keySet(), sb.keySet());
        sa.forEach((k, v) -> Reference.assertTensor(Reference.spec(v), sb.get(k), 0, 0, k));
    }

    private static void assertOwnsNewTensors(Module original, Module copy) {
        Map<Tensor, Boolean> mine = new IdentityHashMap<>();
        for (Tensor t : original.parameters()) mine.put(t, true);
        for (Tensor t : original.buffers()) mine.put(t, true);
        for (Tensor t : copy.parameters()) assertFalse(mine.containsKey(t), "a parameter is shared with the original");
        for (Tensor t : copy.buffers()) assertFalse(mine.containsKey(t), "a buffer is shared with the original");
    }

    @Test
    void copiesComputeTheSameAndStayIndependent() {
        Torch.manualSeed(0);
        Sequential net = Sequential.of(new Conv2d(2, 3, 3), new BatchNorm1d(3).eval(), new ReLU());
        Sequential mlp = Sequential.of(new Linear(5, 4), new BatchNorm1d(4), new ReLU(), new Linear(4, 2));
        for (Module m : List.of(net, mlp, new LSTM(3, 4, 2, true, true, 0.0, false), new TransformerEncoderLayer(8, 2, 16, 0.0, "gelu", 1e-5, true, false))) {
            Module copy = Module.deepCopy(m);
            assertSame(m.getClass(), copy.getClass());
            assertSameValues(m, copy);
            assertOwnsNewTensors(m, copy);
            assertEquals(m.toString(), copy.toString());
            for (Parameter p : copy.parameters()) assertTrue(p.requiresGrad() && p.isLeaf());
        }
        Tensor x = Torch.randn(6, 5);
        Sequential copy = Module.deepCopy(mlp);
        Reference.assertTensor(Reference.spec(mlp.forward(x)), copy.forward(x), 0, 0, "same output");
        // the forward in training mode moved the original's running statistics only once: each side its own
        Reference.assertTensor(Reference.spec(((BatchNorm1d) mlp.get(1)).runningMean()), ((BatchNorm1d) copy.get(1)).runningMean(), 0, 0, "same stats");
        try (var g = Torch.noGrad()) {
            ((Linear) mlp.get(0)).weight.add_(1.0);
        }
        Tensor w = ((Linear) copy.get(0)).weight;
        assertFalse(((Linear) mlp.get(0)).weight.allclose(w), "a change to the original reached the copy");
        assertEquals(null, w.grad());
    }

    @Test
    void keepsSharingGradientsModesAndUserFields() {
        Tied m = new Tied();
        m.forward(Torch.randn(3, 4)).sum().backward();
        m.eval();
        m.calls = 7;
        Tied c = Module.deepCopy(m);
        assertEquals(List.of("w", "block.weight", "block.bias"), List.copyOf(c.namedParameters().keySet()), "shared tensors stay shared");
        assertEquals(m.stateDict().keySet(), c.stateDict().keySet());
        assertNotSame(m.w, c.w);
        assertSame(c.namedChildren().get("again"), c.block);
        assertSame(c.blocks.get(0), c.block, "the list holds the copied block");
        assertNotSame(m.blocks.get(0), c.blocks.get(0));
        assertNotSame(m.extras[0], c.extras[0]);
        assertNotSame(m.options.scale(), c.options.scale());
        assertEquals("tied", c.options.name());
        assertEquals(7, c.calls);
        assertFalse(c.isTraining() || c.block.isTraining());
        assertNotSame(m.w.grad(), c.w.grad());
        Reference.assertTensor(Reference.spec(m.w.grad()), c.w.grad(), 0, 0, "gradient copied");
        Tensor x = Torch.randn(2, 4);
        Reference.assertTensor(Reference.spec(m.forward(x)), c.forward(x), 0, 0, "same output");
    }

    @Test
    void carriesHooksOverWithHandlesOfItsOwn() {
        Linear lin = new Linear(3, 2);
        AtomicInteger seen = new AtomicInteger();
        var handle = lin.registerForwardHook((ForwardHook) (module, in, out) -> {
            seen.incrementAndGet();
            return null;
        });
        Linear copy = Module.deepCopy(lin);
        copy.call(Torch.randn(1, 3));
        assertEquals(1, seen.get(), "the copy runs the hook");
        handle.remove();
        copy.call(Torch.randn(1, 3));
        lin.call(Torch.randn(1, 3));
        assertEquals(2, seen.get(), "removing the original's handle leaves the copy's hook");
    }

    @Test
    void lazyModulesStayLazyOrInitialised() {
        LazyLinear lazy = new LazyLinear(3);
        LazyLinear copy = Module.deepCopy(lazy);
        assertTrue(copy.weight.isUninitialized());
        assertEquals("LazyLinear(in_features=0, out_features=3, bias=True)", copy.toString());
        copy.forward(Torch.randn(2, 5));
        assertTrue(lazy.weight.isUninitialized(), "initialising the copy left the original lazy");
        LazyLinear again = Module.deepCopy(copy);
        assertEquals("Linear(in_features=5, out_features=3, bias=True)", again.toString());
    }

    @Test
    void refusesWhatPyTorchRefuses() {
        Linear normed = Utils.weightNorm(new Linear(3, 2));
        var e = assertThrows(IllegalStateException.class, () -> Module.deepCopy(Sequential.of(normed)));
        assertTrue(e.getMessage().startsWith("deepCopy: '0' is reparametrized"), e.getMessage());
        Linear parametrized = org.torch4j.nn.Parametrize.registerParametrization(new Linear(3, 2), "weight", new org.torch4j.nn.Identity());
        e = assertThrows(IllegalStateException.class, () -> Module.deepCopy(parametrized));
        assertTrue(e.getMessage().startsWith("deepCopy: Linear is reparametrized (parametrize)"), e.getMessage());
        Module holder = new Module() {
            final Object state = new Object() {
                final Tensor hidden = Torch.ones(1);
            };
        };
        e = assertThrows(IllegalStateException.class, () -> Module.deepCopy(holder));
        assertTrue(e.getMessage().contains("its field hidden holds a Tensor"), e.getMessage());
        Module nonLeaf = new Module() {
            final Tensor computed = Torch.ones(2).requiresGrad_().mul(2);
        };
        e = assertThrows(IllegalStateException.class, () -> Module.deepCopy(nonLeaf));
        assertEquals("Only Tensors created explicitly by the user (graph leaves) support the deepcopy protocol at the moment", e.getMessage());
    }
}
