package org.torch4j.backend.cpu.kernels;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;
import org.torch4j.backend.cpu.LaneSums;

/**
 * softmax and log-softmax of contiguous float lines, and their backward, with the Vector API: the
 * maximum, then exp and the sum in one pass, then the scaling. Sums are vector accumulators read out in
 * a fixed order (LaneSums) and exp is VectorMath's, so results do not depend on the JIT tier. Loaded only
 * where the Vector API is enabled.
 */
public final class FloatSoftmax {
    private FloatSoftmax() {}

    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();

    /**
     * The softmax (or log-softmax) of {@code rows} rows of {@code n} from x into y, each row n on from the last in
     * both. Four rows at a time, each step (maxima, exps with their vectors of partial sums, the sums of lanes, the
     * scaling) for the four before the next, so that their dependent chains overlap: a short row is mostly latency
     * (a row of 16 took about 60 ns, now 32). The same bits as one row at a time.
     */
    public static void forwardRows(float[] x, int xo, float[] y, int yo, int n, int rows, boolean log) {
        float[] lanes = new float[4 * L], shifts = new float[4], sums = new float[4];
        for (int r = 0; r < rows; r += 4) {
            int count = Math.min(4, rows - r), x0 = xo + r * n, y0 = yo + r * n;
            for (int k = 0; k < count; k++) shifts[k] = shift(x, x0 + k * n, n);
            for (int k = 0; k < count; k++) {
                expSums(x, x0 + k * n, y, y0 + k * n, n, shifts[k], !log, lanes, k * L);
            }
            LaneSums.sums4(lanes, 0, L, L, sums, 0);
            for (int k = 0; k < count; k++) scale(x, x0 + k * n, y, y0 + k * n, n, shifts[k], sums[k], log);
        }
    }

    /** A row's output from its exps (already in y for softmax) and their sum: y / sum, or (x - m) - log(sum). */
    private static void scale(float[] x, int xo, float[] y, int yo, int n, float m, float sum, boolean log) {
        if (log) {
            // (x - m) - log(sum), the composition's order
            FloatVector vm = FloatVector.broadcast(S, m), logSum = FloatVector.broadcast(S, (float) Math.log(sum));
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
     * x[0..n) replaced by its softmax, as {@link #forwardRows}; returns the line's log-sum-exp (the shift plus the log of
     * the sum: -inf for a line of -inf), which attention's backward recomputes the weights from.
     */
    public static float softmaxInPlace(float[] x, int xo, int n) {
        float m = shift(x, xo, n);
        float[] lanes = new float[L];
        expSums(x, xo, x, xo, n, m, true, lanes, 0);
        float sum = LaneSums.sum(lanes, 0, L);
        scale(x, xo, x, xo, n, m, sum, false);
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
     * exp(x - m) over the line, each term also stored in y where asked, summed into the lanes of one vector, which
     * goes to {@code lanes} at {@code lo} (for the callers to add up in LaneSums' order; a vector returned from a call
     * C2 does not inline is boxed, and this one with exp inside is too big to inline once compiled). One loop with
     * masks for the tail too: one inlined copy of exp (C2's inlining budget, see VectorMath).
     */
    private static void expSums(float[] x, int xo, float[] y, int yo, int n, float m, boolean store, float[] lanes, int lo) {
        FloatVector vm = FloatVector.broadcast(S, m), acc = FloatVector.zero(S);
        for (int i = 0; i < n; i += L) {
            VectorMask<Float> mask = S.indexInRange(i, n);
            FloatVector e = VectorMath.exp(FloatVector.fromArray(S, x, xo + i, mask).sub(vm));
            if (store) e.intoArray(y, yo + i, mask);
            acc = acc.add(e, mask);
        }
        acc.intoArray(lanes, lo);
    }

    /** The line's maximum, or 0 where it is infinite (PyTorch's rule: a line of -inf gives NaN, not exp(inf)). */
    private static float shift(float[] x, int xo, int n) {
        // four accumulators: a Java max is several dependent instructions, one chain of them took 20% of a row of 1000
        FloatVector m0 = FloatVector.broadcast(S, Float.NEGATIVE_INFINITY), m1 = m0, m2 = m0, m3 = m0;
        int i = 0;
        for (int b = n - 4 * L; i <= b; i += 4 * L) {
            m0 = m0.max(FloatVector.fromArray(S, x, xo + i));
            m1 = m1.max(FloatVector.fromArray(S, x, xo + i + L));
            m2 = m2.max(FloatVector.fromArray(S, x, xo + i + 2 * L));
            m3 = m3.max(FloatVector.fromArray(S, x, xo + i + 3 * L));
        }
        for (int b = S.loopBound(n); i < b; i += L) m0 = m0.max(FloatVector.fromArray(S, x, xo + i));
        float max = m0.max(m1).max(m2.max(m3)).reduceLanes(VectorOperators.MAX); // order-free: max is exact
        for (; i < n; i++) max = Math.max(max, x[xo + i]);
        return max == Float.NEGATIVE_INFINITY ? 0f : max; // (+inf stays: its line is NaN, as PyTorch's)
    }

    /**
     * The input gradients gi of {@code rows} rows of {@code n} from the output gradients g and the forward's outputs y:
     * y (g - sum(g y)) for softmax, g - exp(y) sum(g) for log-softmax; each row n on from the last, four at a time as
     * in {@link #forwardRows}.
     */
    public static void backwardRows(float[] g, int go, float[] y, int yo, float[] gi, int gio, int n, int rows, boolean log) {
        float[] lanes = new float[4 * L], sums = new float[4];
        for (int r = 0; r < rows; r += 4) {
            int count = Math.min(4, rows - r), at = r * n;
            for (int k = 0; k < count; k++) gradientSums(g, go + at + k * n, y, yo + at + k * n, n, log, lanes, k * L);
            LaneSums.sums4(lanes, 0, L, L, sums, 0);
            for (int k = 0; k < count; k++) {
                int o = at + k * n;
                if (log) logBackward(g, go + o, y, yo + o, gi, gio + o, n, sums[k]);
                else softmaxBackward(g, go + o, y, yo + o, gi, gio + o, n, sums[k]);
            }
        }
    }

    /** The row's sum(g y) (softmax) or sum(g) (log-softmax) in the lanes of one vector, stored to {@code lanes} at {@code lo}. */
    private static void gradientSums(float[] g, int go, float[] y, int yo, int n, boolean log, float[] lanes, int lo) {
        FloatVector acc = FloatVector.zero(S);
        for (int i = 0; i < n; i += L) {
            VectorMask<Float> mask = S.indexInRange(i, n);
            FloatVector gv = FloatVector.fromArray(S, g, go + i, mask);
            acc = acc.add(log ? gv : gv.mul(FloatVector.fromArray(S, y, yo + i, mask)));
        }
        acc.intoArray(lanes, lo);
    }

    private static void softmaxBackward(float[] g, int go, float[] y, int yo, float[] gi, int gio, int n, float sum) {
        FloatVector s = FloatVector.broadcast(S, sum);
        for (int i = 0; i < n; i += L) {
            VectorMask<Float> mask = S.indexInRange(i, n);
            FloatVector gv = FloatVector.fromArray(S, g, go + i, mask), yv = FloatVector.fromArray(S, y, yo + i, mask);
            yv.mul(gv.sub(s)).intoArray(gi, gio + i, mask);
        }
    }

    private static void logBackward(float[] g, int go, float[] y, int yo, float[] gi, int gio, int n, float sum) {
        FloatVector s = FloatVector.broadcast(S, sum);
        for (int i = 0; i < n; i += L) {
            VectorMask<Float> mask = S.indexInRange(i, n);
            FloatVector gv = FloatVector.fromArray(S, g, go + i, mask);
            gv.sub(VectorMath.exp(FloatVector.fromArray(S, y, yo + i, mask)).mul(s)).intoArray(gi, gio + i, mask);
        }
    }
}
