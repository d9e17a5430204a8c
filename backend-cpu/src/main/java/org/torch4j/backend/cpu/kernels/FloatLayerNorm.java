package org.torch4j.backend.cpu.kernels;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorSpecies;
import org.torch4j.backend.cpu.LaneSums;

/**
 * Layer normalization of contiguous float rows with the Vector API, in float as PyTorch's CPU kernel:
 * the forward in three passes over a row (sum, sum of squared deviations, the affine output), the
 * backward in two (the row's two sums, then the gradient), and the weight and bias gradients as column
 * sums over a column range. Sums are vector accumulators read out in a fixed order ({@link LaneSums}).
 * Loaded only where the Vector API is enabled.
 */
public final class FloatLayerNorm {
    private FloatLayerNorm() {}

    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();

    /**
     * One row of n elements at {@code x[xo]}: its mean and {@code 1 / sqrt(var + eps)} into
     * {@code stats[0..1]}, and {@code (x - mean) * rstd * w + b} into {@code y[yo]} ({@code w} at {@code wo},
     * {@code b} at {@code bo}; null: 1 and 0).
     */
    public static void forward(float[] x, int xo, int n, float[] w, int wo, float[] b, int bo, float eps,
                               float[] y, int yo, float[] stats) {
        stats(x, xo, n, eps, stats);
        FloatVector mu = FloatVector.broadcast(S, stats[0]), r = FloatVector.broadcast(S, stats[1]);
        int i = 0;
        // whole vectors, then the tail under a mask (masked loads in every step cost a third of the kernel on AVX2)
        for (int end = S.loopBound(n); i < end; i += L) {
            FloatVector v = FloatVector.fromArray(S, x, xo + i).sub(mu).mul(r);
            if (w != null) v = v.mul(FloatVector.fromArray(S, w, wo + i));
            if (b != null) v = v.add(FloatVector.fromArray(S, b, bo + i));
            v.intoArray(y, yo + i);
        }
        if (i < n) {
            VectorMask<Float> m = S.indexInRange(i, n);
            FloatVector v = FloatVector.fromArray(S, x, xo + i, m).sub(mu).mul(r);
            if (w != null) v = v.mul(FloatVector.fromArray(S, w, wo + i, m));
            if (b != null) v = v.add(FloatVector.fromArray(S, b, bo + i, m));
            v.intoArray(y, yo + i, m);
        }
    }

    /**
     * The mean of the n elements at {@code x[xo]} and {@code 1 / sqrt(var + eps)} (biased variance) into
     * {@code stats[0..1]}: a pass for the sum, then one for the squared deviations from the mean.
     */
    public static void stats(float[] x, int xo, int n, float eps, float[] stats) {
        FloatVector acc = FloatVector.zero(S);
        int end = S.loopBound(n);
        for (int i = 0; i < end; i += L) acc = acc.add(FloatVector.fromArray(S, x, xo + i));
        if (end < n) {
            VectorMask<Float> m = S.indexInRange(end, n);
            acc = acc.add(FloatVector.fromArray(S, x, xo + end, m), m);
        }
        float mean = LaneSums.sum(acc) / n;
        FloatVector mu = FloatVector.broadcast(S, mean);
        acc = FloatVector.zero(S);
        for (int i = 0; i < end; i += L) {
            FloatVector d = FloatVector.fromArray(S, x, xo + i).sub(mu);
            acc = d.fma(d, acc);
        }
        if (end < n) {
            VectorMask<Float> m = S.indexInRange(end, n);
            FloatVector d = FloatVector.fromArray(S, x, xo + end, m).sub(mu);
            acc = d.fma(d, acc).blend(acc, m.not());
        }
        stats[0] = mean;
        stats[1] = 1f / (float) Math.sqrt(LaneSums.sum(acc) / n + eps);
    }

    /**
     * The input gradient of one row (PyTorch's formula): with {@code ds = sum(g w x)}, {@code db = sum(g w)},
     * {@code gx = rstd g w + p x + q} for {@code p = (db mean - ds) rstd³ / n} and {@code q = -p mean - db rstd / n}.
     */
    public static void backward(float[] g, int go, float[] x, int xo, int n, float[] w, int wo, float mean, float rstd,
                                float[] gx, int gxo) {
        FloatVector accS = FloatVector.zero(S), accB = FloatVector.zero(S);
        int end = S.loopBound(n);
        for (int i = 0; i < end; i += L) {
            FloatVector gw = FloatVector.fromArray(S, g, go + i);
            if (w != null) gw = gw.mul(FloatVector.fromArray(S, w, wo + i));
            accS = gw.fma(FloatVector.fromArray(S, x, xo + i), accS);
            accB = accB.add(gw);
        }
        if (end < n) {
            VectorMask<Float> m = S.indexInRange(end, n);
            FloatVector gw = FloatVector.fromArray(S, g, go + end, m);
            if (w != null) gw = gw.mul(FloatVector.fromArray(S, w, wo + end, m));
            accS = gw.fma(FloatVector.fromArray(S, x, xo + end, m), accS);
            accB = accB.add(gw);
        }
        float ds = LaneSums.sum(accS), db = LaneSums.sum(accB), scale = 1f / n;
        float p = (db * mean - ds) * rstd * rstd * rstd * scale;
        float q = -p * mean - db * rstd * scale;
        FloatVector a = FloatVector.broadcast(S, rstd), pv = FloatVector.broadcast(S, p), qv = FloatVector.broadcast(S, q);
        for (int i = 0; i < end; i += L) {
            FloatVector gw = FloatVector.fromArray(S, g, go + i);
            if (w != null) gw = gw.mul(FloatVector.fromArray(S, w, wo + i));
            gw.mul(a).add(pv.fma(FloatVector.fromArray(S, x, xo + i), qv)).intoArray(gx, gxo + i);
        }
        if (end < n) {
            VectorMask<Float> m = S.indexInRange(end, n);
            FloatVector gw = FloatVector.fromArray(S, g, go + end, m);
            if (w != null) gw = gw.mul(FloatVector.fromArray(S, w, wo + end, m));
            gw.mul(a).add(pv.fma(FloatVector.fromArray(S, x, xo + end, m), qv)).intoArray(gx, gxo + end, m);
        }
    }

    /**
     * Columns {@code [c0, c1)} of the weight and bias gradients (either null when not wanted), summed over
     * rows in order: {@code gw[c] = sum_r g[r][c] (x[r][c] - mean[r]) rstd[r]}, {@code gb[c] = sum_r g[r][c]}.
     * Rows are read one after another (the sums stay in L1 in the outputs), not column by column, which
     * would touch a new cache line at every step.
     */
    public static void columnSums(float[] g, int go, float[] x, int xo, int rows, int n, float[] mean, int mo,
                                  float[] rstd, int ro, float[] gw, int gwo, float[] gb, int gbo, int c0, int c1) {
        for (int c = c0; c < c1; c++) {
            if (gw != null) gw[gwo + c] = 0;
            if (gb != null) gb[gbo + c] = 0;
        }
        for (int r = 0; r < rows; r++) {
            float mu = mean[mo + r], rs = rstd[ro + r];
            int c = c0;
            for (int end = c0 + S.loopBound(c1 - c0); c < end; c += L) {
                int k = r * n + c;
                FloatVector gv = FloatVector.fromArray(S, g, go + k);
                if (gw != null) {
                    FloatVector xhat = FloatVector.fromArray(S, x, xo + k).sub(mu).mul(rs);
                    gv.fma(xhat, FloatVector.fromArray(S, gw, gwo + c)).intoArray(gw, gwo + c);
                }
                if (gb != null) gv.add(FloatVector.fromArray(S, gb, gbo + c)).intoArray(gb, gbo + c);
            }
            if (c < c1) {
                VectorMask<Float> m = S.indexInRange(c, c1);
                int k = r * n + c;
                FloatVector gv = FloatVector.fromArray(S, g, go + k, m);
                if (gw != null) {
                    FloatVector xhat = FloatVector.fromArray(S, x, xo + k, m).sub(mu).mul(rs);
                    gv.fma(xhat, FloatVector.fromArray(S, gw, gwo + c, m)).intoArray(gw, gwo + c, m);
                }
                if (gb != null) gv.add(FloatVector.fromArray(S, gb, gbo + c, m)).intoArray(gb, gbo + c, m);
            }
        }
    }
}
