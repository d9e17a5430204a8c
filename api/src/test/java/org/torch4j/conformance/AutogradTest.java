package org.torch4j.conformance;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.torch4j.Autograd;
import org.torch4j.Checkpoint;
import org.torch4j.DType;
import org.torch4j.Function;
import org.torch4j.FunctionContext;
import org.torch4j.Hook;
import org.torch4j.Index;
import org.torch4j.Tensor;
import org.torch4j.Torch;

/**
 * PyTorch's autograd behaviour, item by item from its documentation ("Autograd mechanics",
 * torch.autograd): leaves and non-leaves, accumulation, retain_graph, create_graph, allow_unused,
 * hooks, grad modes per thread, in-place checks, views, custom Functions, checkpointing, anomaly
 * detection. Expected values were worked out by hand and checked against PyTorch 1.13.
 */
class AutogradTest {

    private static Tensor vec(double... v) {
        return Torch.tensor(v);
    }

    private static void assertValues(Tensor t, double... expected) {
        assertArrayEquals(expected, t.toDoubleArray(), 1e-12);
    }

    /** A Java number exponent keeps double precision in the float64 derivative (b - 1 is not rounded to float32). */
    @Test
    void powByAJavaNumberHasAFloat64Derivative() {
        Tensor x = Torch.tensor(new double[] {2.0, 3.7}).requiresGrad_();
        x.pow(0.6).sum().backward();
        double[] g = x.grad().toDoubleArray();
        assertEquals(0.6 * Math.pow(2.0, -0.4), g[0], 1e-16);
        assertEquals(0.6 * Math.pow(3.7, -0.4), g[1], 1e-16);
    }

    /**
     * A p-norm's gradient at a zero element, PyTorch's (0) for p below 2 too: x |x|^(p-2) was 0 * inf there (NaN).
     * The values are PyTorch 1.13's.
     */
    @Test
    void pNormGradientsAtZeroAreZero() {
        double[][] expected = {
            {0.0, 0.8651402781442813, -0.7063840791276677},
            {0.0, 1.8164965809277265, -2.224744871391589},
            {0.0, 0.8411313369056374, -0.37383614973583884}};
        double[] ps = {1.5, 0.5, 3};
        for (int k = 0; k < ps.length; k++) {
            Tensor x = vec(0, 3, -2).requiresGrad_();
            x.norm(ps[k], new int[] {0}, false).backward();
            assertArrayEquals(expected[k], x.grad().toDoubleArray(), 1e-15, "p = " + ps[k]);
        }
    }

    @Test
    void leafAndNonLeafGradients() {
        Tensor x = vec(1, 2).requiresGrad_();
        Tensor y = x.mul(3.0);
        Tensor z = y.mul(y).sum();
        z.backward();
        assertTrue(x.isLeaf());
        assertFalse(y.isLeaf());
        assertNull(x.gradFn());
        assertEquals("MulBackward0", y.gradFn().name());
        assertEquals("SumBackward0", z.gradFn().name());
        assertValues(x.grad(), 18, 36); // d/dx (3x)^2 = 18x
        assertNull(y.grad(), "non-leaf tensors do not keep .grad unless retain_grad() was called");
    }

    @Test
    void gradientsAccumulateAcrossBackwardCalls() {
        Tensor x = vec(1, 2).requiresGrad_();
        x.mul(2.0).sum().backward();
        x.mul(2.0).sum().backward();
        assertValues(x.grad(), 4, 4);
        x.setGrad(null);
        x.mul(x).sum().backward();
        assertValues(x.grad(), 2, 4);
    }

    @Test
    void secondBackwardNeedsRetainGraph() {
        Tensor x = vec(1, 2).requiresGrad_();
        Tensor y = x.exp().sum();
        y.backward();
        IllegalStateException e = assertThrows(IllegalStateException.class, y::backward);
        assertTrue(e.getMessage().startsWith("Trying to backward through the graph a second time"), e.getMessage());

        Tensor a = vec(1, 2).requiresGrad_();
        Tensor b = a.exp().sum();
        b.backward(null, true, false);
        b.backward();
        assertArrayEquals(new double[] {2 * Math.E, 2 * Math.exp(2)}, a.grad().toDoubleArray(), 1e-12);
    }

    @Test
    void createGraphGivesDifferentiableGradients() {
        Tensor x = Torch.ones(1).mul(1.5).requiresGrad_();
        Tensor g = Autograd.grad(x.mul(x).mul(x), x, true);
        assertEquals(6.75, g.item(), 1e-6);
        assertTrue(g.requiresGrad());
        Tensor gg = Autograd.grad(g.sum(), x, false);
        assertEquals(9.0, gg.item(), 1e-6);
        assertNull(x.grad(), "autograd.grad does not accumulate into .grad");
    }

    @Test
    void gradientPenaltyDoubleBackward() {
        // f(x) = sum(x^3); penalty = |df/dx|^2 = sum(9 x^4); d penalty/dx = 36 x^3
        Tensor x = vec(1, -2).requiresGrad_();
        Tensor f = x.pow(3.0).sum();
        Tensor dfdx = Autograd.grad(List.of(f), List.of(x), null, true, true, false).get(0);
        dfdx.mul(dfdx).sum().backward();
        assertValues(x.grad(), 36, -288);
    }

    @Test
    void hessianVectorProduct() {
        // f = x0^2 x1 + x1^3; H = [[2 x1, 2 x0], [2 x0, 6 x1]]; at (1, 2) H v for v = (1, 1) = (6, 14)
        Tensor x = vec(1, 2).requiresGrad_();
        Tensor f = x.select(0, 0).pow(2.0).mul(x.select(0, 1)).add(x.select(0, 1).pow(3.0));
        Tensor g = Autograd.grad(List.of(f), List.of(x), null, true, true, false).get(0);
        Tensor hv = Autograd.grad(List.of(g), List.of(x), List.of(vec(1, 1)), false, false, false).get(0);
        assertValues(hv, 6, 14);
    }

    @Test
    void allowUnused() {
        Tensor x = vec(1).requiresGrad_(), unused = vec(2).requiresGrad_();
        Tensor y = x.mul(2.0).sum();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Autograd.grad(List.of(y), List.of(x, unused), null, true, false, false));
        assertTrue(e.getMessage().contains("appears to not have been used in the graph"), e.getMessage());
        List<Tensor> g = Autograd.grad(List.of(y), List.of(x, unused), null, false, false, true);
        assertValues(g.get(0), 2);
        assertNull(g.get(1));
    }

    @Test
    void broadcastingSumsGradientsBackToInputShapes() {
        Tensor a = Torch.ones(new long[] {3}, DType.FLOAT64).requiresGrad_();
        Tensor b = Torch.ones(new long[] {2, 3}, DType.FLOAT64).mul(2.0).detach().requiresGrad_();
        a.mul(b).sum().backward();
        assertArrayEquals(new long[] {3}, a.grad().shape());
        assertValues(a.grad(), 4, 4, 4);
        assertValues(b.grad(), 1, 1, 1, 1, 1, 1);
    }

    @Test
    void tensorHooksSeeAndReplaceGradients() {
        Tensor x = vec(1, 2).requiresGrad_();
        double[] seen = new double[2];
        Hook h = x.registerHook(g -> {
            System.arraycopy(g.toDoubleArray(), 0, seen, 0, 2);
            return g.mul(10.0);
        });
        x.mul(3.0).sum().backward();
        assertArrayEquals(new double[] {3, 3}, seen, 0);
        assertValues(x.grad(), 30, 30);
        h.remove();
        x.setGrad(null);
        x.mul(3.0).sum().backward();
        assertValues(x.grad(), 3, 3);

        Tensor y = vec(1, 1).requiresGrad_();
        Tensor mid = y.mul(2.0);
        mid.registerHook(g -> g.mul(0.5));
        mid.sum().backward();
        assertValues(y.grad(), 1, 1);
    }

    @Test
    void retainGradKeepsNonLeafGradients() {
        Tensor x = vec(1, 2).requiresGrad_();
        Tensor y = x.mul(2.0).retainGrad();
        y.mul(y).sum().backward();
        assertTrue(y.retainsGrad());
        assertValues(y.grad(), 4, 8);
        assertValues(x.grad(), 8, 16);
    }

    @Test
    void noGradEnableGradAndSetGradEnabled() {
        Tensor x = vec(1).requiresGrad_();
        try (var m = Torch.noGrad()) {
            Tensor y = x.mul(2.0);
            assertFalse(y.requiresGrad());
            assertNull(y.gradFn());
            try (var e = Torch.enableGrad()) {
                assertTrue(x.mul(2.0).requiresGrad());
            }
            assertFalse(x.mul(2.0).requiresGrad());
        }
        assertTrue(x.mul(2.0).requiresGrad());
        try (var m = Torch.setGradEnabled(false)) {
            assertFalse(Torch.isGradEnabled());
        }
        assertTrue(Torch.isGradEnabled());
    }

    @Test
    void gradModeIsPerThread() throws Exception {
        Tensor x = vec(1).requiresGrad_();
        CountDownLatch inside = new CountDownLatch(1), checked = new CountDownLatch(1);
        AtomicBoolean otherThreadRecords = new AtomicBoolean();
        Thread t = new Thread(() -> {
            try {
                inside.await();
                otherThreadRecords.set(x.mul(2.0).requiresGrad());
                checked.countDown();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        t.start();
        try (var m = Torch.noGrad()) {
            inside.countDown();
            checked.await();
            assertFalse(x.mul(2.0).requiresGrad());
        }
        t.join();
        assertTrue(otherThreadRecords.get(), "no_grad on one thread must not affect another");
    }

    @Test
    void inferenceTensorsCannotBeSavedForBackward() {
        Tensor t;
        try (var m = Torch.inferenceMode()) {
            t = vec(1, 2).mul(2.0);
            assertTrue(Torch.isInferenceModeEnabled());
            assertFalse(t.requiresGrad());
        }
        Tensor w = vec(1, 1).requiresGrad_();
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> w.mul(t));
        assertTrue(e.getMessage().startsWith("Inference tensors cannot be saved for backward"), e.getMessage());
    }

    @Test
    void inPlaceOnLeafRequiringGradIsRefused() {
        Tensor x = vec(1, 2).requiresGrad_();
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> x.add_(1.0));
        assertEquals("a leaf Variable that requires grad is being used in an in-place operation.", e.getMessage());
        assertValues(x, 1, 2);
        try (var m = Torch.noGrad()) {
            x.add_(1.0); // allowed without recording, as optimizers do
        }
        assertValues(x, 2, 3);
    }

    @Test
    void modifyingASavedTensorInPlaceFailsBackward() {
        Tensor x = vec(1, 2).requiresGrad_();
        Tensor y = x.exp();
        Tensor z = y.sum();
        y.add_(1.0);
        IllegalStateException e = assertThrows(IllegalStateException.class, z::backward);
        assertTrue(e.getMessage().startsWith("one of the variables needed for gradient computation has been modified by an "
                + "inplace operation: [torch.DoubleTensor [2]], which is output 0 of ExpBackward0, is at version 1; expected "
                + "version 0 instead."), e.getMessage());
    }

    @Test
    void inPlaceOnNonLeafKeepsGradientsRight() {
        Tensor x = vec(1, 2).requiresGrad_();
        Tensor y = x.mul(2.0);
        y.mul_(y.detach().add(1.0));   // y = 2x * (2x + 1), the factor a constant
        y.exp_();
        y.sum().backward();
        // d/dx exp(2x (2x0 + 1)) with the factor held constant = exp(y) * 2 (2x0 + 1)
        assertArrayEquals(new double[] {Math.exp(6) * 6, Math.exp(20) * 10}, x.grad().toDoubleArray(), 1e-6);
        assertEquals("ExpBackward0", y.gradFn().name());
        assertEquals(2, y.version());
    }

    @Test
    void inPlaceOnATensorItsOwnOpSavedIsRefused() {
        Tensor x = vec(1, 2).requiresGrad_();
        Tensor y = x.mul(2.0);
        y.mul_(y);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> y.sum().backward());
        assertTrue(e.getMessage().startsWith("one of the variables needed for gradient computation has been modified by an "
                + "inplace operation: [torch.DoubleTensor [2]], which is output 0 of MulBackward0, is at version 1; expected "
                + "version 0 instead."), e.getMessage());
    }

    @Test
    void inPlaceThroughAViewRebasesTheBase() {
        Tensor x = vec(1, 2, 3).requiresGrad_();
        Tensor y = x.mul(1.0);
        Tensor head = y.narrow(0, 0, 2);
        head.mul_(10.0);             // y = [10, 20, 3] * x-dependent
        assertValues(y, 10, 20, 3);
        y.mul(vec(1, 2, 3)).sum().backward();
        assertValues(x.grad(), 10, 20, 3);
        assertEquals("CopySlices", y.gradFn().name());
    }

    @Test
    void gradientsFlowThroughViews() {
        Tensor x = Torch.arange(6).toDouble().requiresGrad_();
        Tensor v = x.view(2, 3).t().index(Index.slice(1L, 3L));
        v.mul(v).sum().backward();
        assertValues(x.grad(), 0, 2, 4, 0, 8, 10);
    }

    @Test
    void detachSharesStorageOutsideTheGraph() {
        Tensor x = vec(1, 2).requiresGrad_();
        Tensor y = x.mul(2.0);
        Tensor d = y.detach();
        assertFalse(d.requiresGrad());
        assertTrue(d.sharesStorageWith(y));
        assertNull(d.gradFn());
    }

    @Test
    void backwardOfANonScalarNeedsAGradient() {
        Tensor x = vec(1, 2).requiresGrad_();
        Tensor y = x.mul(2.0);
        IllegalStateException e = assertThrows(IllegalStateException.class, y::backward);
        assertEquals("grad can be implicitly created only for scalar outputs", e.getMessage());
        y.backward(vec(1, 0.5));
        assertValues(x.grad(), 2, 1);
    }

    @Test
    void onlyFloatingTensorsRequireGrad() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Torch.arange(3).requiresGrad_());
        assertEquals("only Tensors of floating point dtype can require gradients", e.getMessage());
    }

    @Test
    void backwardOnATensorWithoutGraph() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> vec(1).sum().backward());
        assertEquals("element 0 of tensors does not require grad and does not have a grad_fn", e.getMessage());
    }

    /** The Exp example from PyTorch's "Extending torch.autograd". */
    static final class Exp extends Function {
        boolean[] needs = new boolean[1];

        @Override
        protected Tensor[] forward(FunctionContext ctx, Tensor... in) {
            Tensor y = in[0].exp();
            ctx.saveForBackward(y);
            return new Tensor[] {y};
        }

        @Override
        protected Tensor[] backward(FunctionContext ctx, Tensor... grad) {
            needs[0] = ctx.needsInputGrad(0);
            return new Tensor[] {grad[0].mul(ctx.savedTensors()[0])};
        }
    }

    @Test
    void customFunctionForwardBackwardAndDoubleBackward() {
        Tensor x = vec(0.5, 1).requiresGrad_();
        Exp exp = new Exp();
        Tensor y = exp.apply1(x);
        assertEquals("ExpBackward", y.gradFn().name());
        Tensor g = Autograd.grad(List.of(y.sum()), List.of(x), null, true, true, false).get(0);
        assertArrayEquals(new double[] {Math.exp(0.5), Math.E}, g.toDoubleArray(), 1e-12);
        assertTrue(exp.needs[0]);
        Tensor gg = Autograd.grad(g.sum(), x, false);
        assertArrayEquals(new double[] {Math.exp(0.5), Math.E}, gg.toDoubleArray(), 1e-12);
    }

    /** Returns its inputs as they are, the second marked non-differentiable, gradients not materialized. */
    static final class PassThrough extends Function {
        Tensor[] grads;

        @Override
        protected Tensor[] forward(FunctionContext ctx, Tensor... in) {
            ctx.markNonDifferentiable(in[1]);
            ctx.setMaterializeGrads(false);
            return new Tensor[] {in[0], in[1]};
        }

        @Override
        protected Tensor[] backward(FunctionContext ctx, Tensor... grad) {
            grads = grad.clone();
            return new Tensor[] {grad[0], null};
        }
    }

    @Test
    void customFunctionMarksInputsReturnedAsTheyAreAndCanLeaveGradientsNull() {
        Tensor a = vec(1, 2).requiresGrad_(), b = vec(3, 4).requiresGrad_();
        PassThrough f = new PassThrough();
        Tensor[] out = f.apply(a, b);
        assertTrue(out[0] != a && out[0].requiresGrad(), "an input returned as is becomes a new tensor in the graph");
        assertFalse(out[1].requiresGrad(), "the mark holds for an input returned as is");
        out[0].mul(3).sum().backward();
        assertNull(f.grads[1], "no zeros for the output that got no gradient");
        assertArrayEquals(new double[] {3, 3}, a.grad().toDoubleArray(), 0);
        assertNull(b.grad());
    }

    @Test
    void checkpointRecomputesAndGivesTheSameGradients() {
        Tensor w = vec(0.5, -1, 2).requiresGrad_();
        Tensor x = vec(1, 2, 3).requiresGrad_();
        int[] calls = {0};
        Checkpoint.Block block = in -> {
            calls[0]++;
            return in[0].mul(in[1]).tanh().mul(in[1]);
        };
        Tensor out = Checkpoint.apply(block, x, w);
        assertEquals(1, calls[0]);
        assertFalse(out.gradFn().nextFunctions().isEmpty());
        out.sum().backward();
        assertEquals(2, calls[0], "backward runs the block again");
        Tensor w2 = vec(0.5, -1, 2).requiresGrad_();
        Tensor x2 = vec(1, 2, 3).requiresGrad_();
        block.apply(x2, w2).sum().backward();
        assertArrayEquals(w2.grad().toDoubleArray(), w.grad().toDoubleArray(), 1e-12);
        assertArrayEquals(x2.grad().toDoubleArray(), x.grad().toDoubleArray(), 1e-12);
    }

    @Test
    void anomalyDetectionNamesTheForwardOpOfANanGradient() {
        Tensor x = Torch.zeros(new long[] {1}, DType.FLOAT64).requiresGrad_();
        try (var m = Autograd.detectAnomaly()) {
            Tensor y = x.sqrt().mul(0.0).sum();
            IllegalStateException e = assertThrows(IllegalStateException.class, y::backward);
            assertEquals("Function 'SqrtBackward0' returned nan values in its 0th output.", e.getMessage());
            assertNotNull(e.getCause(), "the forward call site is attached");
        }
        assertFalse(Autograd.isAnomalyEnabled());
    }

    @Test
    void sameLeafUsedTwiceSharesOneAccumulator() {
        Tensor x = vec(3).requiresGrad_();
        Tensor y = x.mul(x).add(x);
        y.backward();
        assertValues(x.grad(), 7);
        assertSame(y.gradFn().nextFunctions().get(1), y.gradFn().nextFunctions().get(0).nextFunctions().get(0));
    }

    /**
     * add_ and sub_ under autograd read self directly (their backward needs neither operand): the values and
     * gradients of a chain with self as its own operand and an in-place add through a view, worked out by hand.
     */
    @Test
    void inPlaceAddAndSubKeepTheirGradients() {
        Tensor w = Torch.tensor(new double[] {1, 2, 3}).requiresGrad_();
        Tensor x = w.mul(2.0);
        x.add_(x);                                  // 4w
        x.sub_(w);                                  // 3w
        x.narrow(0, 1, 2).add_(w.narrow(0, 0, 2));  // [3w0, 3w1 + w0, 3w2 + w1]
        assertArrayEquals(new double[] {3, 7, 11}, x.detach().toDoubleArray());
        x.mul(x).sum().backward();
        // dL/dw0 = 2 x0 3 + 2 x1, dL/dw1 = 2 x1 3 + 2 x2, dL/dw2 = 2 x2 3
        assertArrayEquals(new double[] {32, 64, 66}, w.grad().toDoubleArray());
    }

    /** In-place unary ops whose derivative reads only their output run on self directly: same values and gradients as out of place. */
    @Test
    void inPlaceUnaryOpsGiveTheOutOfPlaceGradients() {
        double[] start = {-1.5, -0.25, 0.5, 2};
        Tensor a = Torch.tensor(start).requiresGrad_(), b = Torch.tensor(start).requiresGrad_();
        Tensor outOfPlace = a.mul(0.5).sigmoid().tanh().exp().sqrt().reciprocal().neg().add(a).relu();
        // each op saves its output (PyTorch's result), so the next in-place op works on a copy (mul(1)), as in PyTorch
        Tensor inPlace = b.mul(0.5).sigmoid_().mul(1).tanh_().mul(1).exp_().mul(1).sqrt_().mul(1).reciprocal_().mul(1).neg_()
                .add_(b).relu_();
        assertArrayEquals(outOfPlace.detach().toDoubleArray(), inPlace.detach().toDoubleArray(), 0);
        outOfPlace.mul(outOfPlace).sum().backward();
        inPlace.mul(inPlace).sum().backward();
        assertArrayEquals(a.grad().toDoubleArray(), b.grad().toDoubleArray(), 0);
        assertTrue(a.grad().abs().sum().item() > 0);
    }

    @Test
    void anInPlaceOpOnTheSavedOutputOfReluFailsTheBackwardAsInPyTorch() {
        // PyTorch 1.13: x = b.mul(0.5); x.relu_(); x.add_(1); x.sum().backward() raises this
        Tensor b = Torch.tensor(new double[] {-1.5, -0.25, 0.5, 2}).requiresGrad_();
        Tensor x = b.mul(0.5);
        x.relu_();
        x.add_(1);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> x.sum().backward());
        assertEquals("one of the variables needed for gradient computation has been modified by an inplace operation: "
                + "[torch.DoubleTensor [4]], which is output 0 of ReluBackward0, is at version 2; expected version 1 instead. "
                + "Hint: enable anomaly detection to find the operation that failed to compute its gradient, with "
                + "torch.autograd.set_detect_anomaly(True).", e.getMessage());
    }
}
