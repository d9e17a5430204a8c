package org.torch4j.backend.cpu.kernels;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;
import org.torch4j.backend.cpu.LaneSums;

/**
 * softmax and log-softmax of one contiguous float line, and their backward, with the Vector API: the
 * maximum, then exp and the sum in one pass, then the scaling. Sums are vector accumulators read out in
 * a fixed order (LaneSums) and exp is VectorMath's, so results do not depend on the JIT tier. Loaded only
 * where the Vector API is enabled.
 */
public final class FloatSoftmax {
    private FloatSoftmax() {}

    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();

    /** y[0..n) = softmax (or log-softmax) of x[0..n). */
    public static void forward(float[] x, int xo, float[] y, int yo, int n, boolean log) {
        float m = shift(x, xo, n);
        FloatVector vm = FloatVector.broadcast(S, m);
        float sum = expSum(x, xo, y, yo, n, vm, !log);
        if (log) {
            // (x - m) - log(sum), the composition's order
            FloatVector logSum = FloatVector.broadcast(S, (float) Math.log(sum));
            for (int i = 0; i < n; i += L) {
                VectorMask<Float> mask = S.indexInRange(i, n);
                FloatVector.fromArray(S, x, xo + i, mask).sub(vm).sub(logSum).intoArray(y, yo + i, mask);
            }
        } else {
            FloatVector vs = FloatVector.broadcast(S, sum);
            for (int i = 0; i < n; i += L) {
                VectorMask<Float> mask = S.indexInRange(i, n);
                FloatVector.fromArray(S, y, yo + i, mask).div(vs).intoArray(y, yo + i, mask);
            }
        }
    }

    /**
     * x[0..n) replaced by its softmax, as {@link #forward}; returns the line's log-sum-exp (the shift plus the log of
     * the sum: -inf for a line of -inf), which attention's backward recomputes the weights from.
     */
    public static float softmaxInPlace(float[] x, int xo, int n) {
        float m = shift(x, xo, n);
        float sum = expSum(x, xo, x, xo, n, FloatVector.broadcast(S, m), true);
        FloatVector vs = FloatVector.broadcast(S, sum);
        for (int i = 0; i < n; i += L) {
            VectorMask<Float> mask = S.indexInRange(i, n);
            FloatVector.fromArray(S, x, xo + i, mask).div(vs).intoArray(x, xo + i, mask);
        }
        return m + (float) Math.log(sum);
    }

    /** dp[0..n) = p (dp - d): attention's score gradients from the weights, their gradients and the row's sum of their products. */
    public static void weightedDifference(float[] p, int po, float[] dp, int dpo, int n, float d) {
        FloatVector vd = FloatVector.broadcast(S, d);
        for (int i = 0; i < n; i += L) {
            VectorMask<Float> mask = S.indexInRange(i, n);
            FloatVector pv = FloatVector.fromArray(S, p, po + i, mask);
            pv.mul(FloatVector.fromArray(S, dp, dpo + i, mask).sub(vd)).intoArray(dp, dpo + i, mask);
        }
    }

    /**
     * The sum of exp(x - m) over the line, each term also stored in y where asked. One loop with masks
     * for the tail too: one inlined copy of exp (C2's inlining budget, see VectorMath).
     */
    private static float expSum(float[] x, int xo, float[] y, int yo, int n, FloatVector vm, boolean store) {
        FloatVector acc = FloatVector.zero(S);
        for (int i = 0; i < n; i += L) {
            VectorMask<Float> mask = S.indexInRange(i, n);
            FloatVector e = VectorMath.exp(FloatVector.fromArray(S, x, xo + i, mask).sub(vm));
            if (store) e.intoArray(y, yo + i, mask);
            acc = acc.add(e, mask);
        }
        return LaneSums.sum(acc);
    }

    /** The line's maximum, or 0 where it is infinite (PyTorch's rule: a line of -inf gives NaN, not exp(inf)). */
    private static float shift(float[] x, int xo, int n) {
        FloatVector vmax = FloatVector.broadcast(S, Float.NEGATIVE_INFINITY);
        int i = 0;
        for (int b = S.loopBound(n); i < b; i += L) vmax = vmax.max(FloatVector.fromArray(S, x, xo + i));
        float max = vmax.reduceLanes(VectorOperators.MAX); // order-free: max is exact
        for (; i < n; i++) max = Math.max(max, x[xo + i]);
        return max == Float.NEGATIVE_INFINITY ? 0f : max; // (+inf stays: its line is NaN, as PyTorch's)
    }

    /**
     * gi[0..n) from the output gradient g and the forward's output y: y (g - sum(g y)) for softmax,
     * g - exp(y) sum(g) for log-softmax.
     */
    public static void backward(float[] g, int go, float[] y, int yo, float[] gi, int gio, int n, boolean log) {
        FloatVector acc = FloatVector.zero(S);
        for (int i = 0; i < n; i += L) {
            VectorMask<Float> mask = S.indexInRange(i, n);
            FloatVector gv = FloatVector.fromArray(S, g, go + i, mask);
            acc = acc.add(log ? gv : gv.mul(FloatVector.fromArray(S, y, yo + i, mask)));
        }
        FloatVector s = FloatVector.broadcast(S, LaneSums.sum(acc));
        if (log) logBackward(g, go, y, yo, gi, gio, n, s);
        else {
            for (int i = 0; i < n; i += L) {
                VectorMask<Float> mask = S.indexInRange(i, n);
                FloatVector gv = FloatVector.fromArray(S, g, go + i, mask), yv = FloatVector.fromArray(S, y, yo + i, mask);
                yv.mul(gv.sub(s)).intoArray(gi, gio + i, mask);
            }
        }
    }

    private static void logBackward(float[] g, int go, float[] y, int yo, float[] gi, int gio, int n, FloatVector s) {
        for (int i = 0; i < n; i += L) {
            VectorMask<Float> mask = S.indexInRange(i, n);
            FloatVector gv = FloatVector.fromArray(S, g, go + i, mask);
            gv.sub(VectorMath.exp(FloatVector.fromArray(S, y, yo + i, mask)).mul(s)).intoArray(gi, gio + i, mask);
        }
    }
}
