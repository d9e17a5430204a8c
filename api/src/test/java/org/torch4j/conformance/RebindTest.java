package org.torch4j.conformance;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.torch4j.Autograd;
import org.torch4j.DType;
import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.nn.BatchNorm1d;
import org.torch4j.nn.Conv1d;
import org.torch4j.nn.Conv2d;
import org.torch4j.nn.Conv3d;
import org.torch4j.nn.ConvTranspose2d;
import org.torch4j.nn.F;
import org.torch4j.nn.GroupNorm;
import org.torch4j.nn.LayerNorm;
import org.torch4j.nn.Linear;
import org.torch4j.nn.Module;
import org.torch4j.nn.Parametrizations;
import org.torch4j.nn.Parametrize;

/**
 * A module whose weight is rebound before each forward (a parametrization, weight or spectral norm) and called
 * twice before one backward: each call's backward must read the weight its own forward used, as in PyTorch, where
 * each forward computes a new weight tensor. The modules' own ops keep the weight object for their backward, so
 * without {@code Rebinds} the first call's gradients read the second call's weight.
 */
class RebindTest {

    /** Scales the weight by the number of forwards so far: a different weight for each call. */
    private static final class CountingScale extends Module {
        int calls;

        @Override
        public Tensor forward(Tensor w) {
            calls++;
            return w.mul(calls);
        }

        @Override
        protected String typeName() {
            return "CountingScale";
        }
    }

    private record Case(String name, Supplier<Module> module, long[] input, BiFunction<Module, Tensor, Tensor> sameWithWeight) {}

    private static List<Case> cases() {
        return List.of(
                new Case("Linear", () -> new Linear(4, 3), new long[] {2, 4},
                        (m, w) -> F.linear(input(m), w, ((Linear) m).bias)),
                new Case("Conv1d", () -> new Conv1d(2, 3, 3), new long[] {1, 2, 7},
                        (m, w) -> F.conv1d(input(m), w, ((Conv1d) m).bias)),
                new Case("Conv2d", () -> new Conv2d(2, 3, 3), new long[] {2, 2, 5, 5},
                        (m, w) -> F.conv2d(input(m), w, ((Conv2d) m).bias)),
                new Case("Conv3d", () -> new Conv3d(2, 3, 2), new long[] {1, 2, 3, 3, 3}, null),
                new Case("ConvTranspose2d", () -> new ConvTranspose2d(2, 3, 3, 1), new long[] {1, 2, 4, 4}, null),
                new Case("LayerNorm", () -> new LayerNorm(new long[] {4}), new long[] {3, 4},
                        (m, w) -> F.layerNorm(input(m), new long[] {4}, w, ((LayerNorm) m).bias, 1e-5)),
                new Case("GroupNorm", () -> new GroupNorm(2, 4), new long[] {2, 4, 3}, null),
                new Case("BatchNorm1d", () -> new BatchNorm1d(4), new long[] {3, 4}, null));
    }

    private static final ThreadLocal<Tensor> INPUT = new ThreadLocal<>();

    private static Tensor input(Module m) {
        return INPUT.get();
    }

    /**
     * Every module's input gradient is linear in its weight: with the weight scaled by 1 in the first call and 2 in
     * the second, the second input's gradient is twice the first's. Where the module has a functional twin, the
     * first call's gradients also equal the twin's with the first call's weight.
     */
    @TestFactory
    Stream<DynamicTest> eachCallsBackwardReadsItsOwnWeight() {
        return cases().stream().map(c -> DynamicTest.dynamicTest(c.name(), () -> {
            Torch.manualSeed(3);
            Module m = c.module().get().to(DType.FLOAT64);
            CountingScale scale = new CountingScale();
            Parametrize.registerParametrization(m, "weight", scale);
            scale.calls = 0;
            Tensor x = Torch.randn(c.input()).toDouble();
            Tensor x1 = x.clone().requiresGrad_(), x2 = x.clone().requiresGrad_();
            Tensor y1 = m.call(x1), y2 = m.call(x2);
            Tensor w1 = Parametrize.list(m, "weight").original().detach().mul(1);
            Tensor g = Torch.randn(y1.shape()).toDouble();
            y1.mul(g).sum().add(y2.mul(g).sum()).backward();
            assertTrue(x2.grad().allclose(x1.grad().mul(2), 1e-12, 1e-12),
                    c.name() + ": the second input's gradient is twice the first's");
            if (c.sameWithWeight() != null) {
                Tensor x3 = x.clone().requiresGrad_();
                INPUT.set(x3);
                c.sameWithWeight().apply(m, w1).mul(g).sum().backward();
                assertTrue(x1.grad().allclose(x3.grad(), 1e-12, 1e-12), c.name() + ": the first call's gradient with its own weight");
            }
        }));
    }

    /** The same for gradients of gradients: the double backward of the first call reads the first call's weight. */
    @Test
    void doubleBackwardReadsTheCallsWeight() {
        Torch.manualSeed(4);
        Conv2d conv = new Conv2d(2, 3, 3);
        conv.to(DType.FLOAT64);
        CountingScale scale = new CountingScale();
        Parametrize.registerParametrization(conv, "weight", scale);
        scale.calls = 0;
        Tensor x = Torch.randn(1, 2, 5, 5).toDouble();
        Tensor x1 = x.clone().requiresGrad_(), x2 = x.clone().requiresGrad_();
        Tensor y1 = conv.call(x1), y2 = conv.call(x2);
        Tensor g = Torch.randn(y1.shape()).toDouble().requiresGrad_();
        List<Tensor> gx = Autograd.grad(List.of(y1.mul(g).sum().add(y2.mul(g).sum())), List.of(x1, x2), null, true, true, false);
        gx.get(0).mul(3).add(gx.get(1)).sum().backward();
        // d/dg of sum(3 conv^T(g, W) + conv^T(g, 2W)) = conv(1, 5W), W the original weight (8W if both read 2W)
        Tensor original = Parametrize.list(conv, "weight").original().detach();
        Tensor ones = Torch.ones(1, 2, 5, 5).toDouble();
        Tensor want = F.conv2d(ones, original.mul(5), null);
        assertTrue(g.grad().allclose(want, 1e-12, 1e-12), "second-order gradient with each call's weight");
    }

    /** A spectral-norm discriminator on a real and a fake batch: its power iteration moves the weight between calls. */
    @Test
    void spectralNormCalledTwice() {
        Torch.manualSeed(5);
        Conv2d d = new Conv2d(2, 3, 3);
        d.to(DType.FLOAT64);
        Parametrizations.spectralNorm(d);
        Tensor real = Torch.randn(2, 2, 5, 5).toDouble().requiresGrad_(), fake = Torch.randn(2, 2, 5, 5).toDouble().requiresGrad_();
        // the module's field holds what the last forward computed (Parametrize.get would iterate once more)
        Tensor yReal = d.call(real);
        Tensor wReal = d.weight.detach().clone();
        Tensor yFake = d.call(fake);
        Tensor wFake = d.weight.detach().clone();
        assertTrue(wReal.sub(wFake).abs().max().item() > 0, "the power iteration changed the weight between the calls");
        yReal.mean().sub(yFake.mean()).backward();
        Tensor r = real.detach().clone().requiresGrad_(), f = fake.detach().clone().requiresGrad_();
        F.conv2d(r, wReal, d.bias).mean().sub(F.conv2d(f, wFake, d.bias).mean()).backward();
        assertTrue(real.grad().allclose(r.grad(), 1e-12, 1e-12), "the real batch's gradient uses the real call's weight");
        assertTrue(fake.grad().allclose(f.grad(), 1e-12, 1e-12), "the fake batch's gradient uses the fake call's weight");
    }
}
