package org.torch4j.backend.cpu.kernels;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorSpecies;
import org.torch4j.backend.cpu.LaneSums;

/**
 * Group normalization of one sample's group of channels (contiguous: {@code cg} channels of {@code p} positions) with
 * the Vector API, in float as PyTorch's CPU kernel: the forward as layer norm's statistics over the group
 * ({@link FloatLayerNorm#stats}) and one pass applying each channel's scale and shift, the backward as one pass for
 * each channel's two sums and one for the gradient. Loaded only where the Vector API is enabled.
 */
public final class FloatGroupNorm {
    private FloatGroupNorm() {}

    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();

    /**
     * The group at {@code x[xo]}: its mean and {@code 1 / sqrt(var + eps)} into {@code stats[0..1]}, and
     * {@code (x - mean) * rstd * w[c] + b[c]} into {@code y[yo]} ({@code w} and {@code b} at the group's first channel,
     * null: 1 and 0).
     */
    public static void forward(float[] x, int xo, int cg, int p, float[] w, int wo, float[] b, int bo, float eps, float[] y, int yo,
                               float[] stats) {
        FloatLayerNorm.stats(x, xo, cg * p, eps, stats);
        float mean = stats[0], rstd = stats[1];
        for (int c = 0; c < cg; c++) {
            float scale = rstd * (w == null ? 1 : w[wo + c]), shift = (b == null ? 0 : b[bo + c]) - mean * scale;
            FloatVector sv = FloatVector.broadcast(S, scale), hv = FloatVector.broadcast(S, shift);
            int o = c * p;
            for (int i = 0; i < p; i += L) {
                VectorMask<Float> m = S.indexInRange(i, p);
                FloatVector.fromArray(S, x, xo + o + i, m).fma(sv, hv).intoArray(y, yo + o + i, m);
            }
        }
    }

    /** Each channel's {@code sum(g x)} and {@code sum(g)} over its p positions into {@code ds[dso + c]} and {@code db[dso + c]}. */
    public static void channelSums(float[] g, int go, float[] x, int xo, int cg, int p, float[] ds, float[] db, int dso) {
        for (int c = 0; c < cg; c++) {
            FloatVector accS = FloatVector.zero(S), accB = FloatVector.zero(S);
            int o = c * p;
            for (int i = 0; i < p; i += L) {
                VectorMask<Float> m = S.indexInRange(i, p);
                FloatVector gv = FloatVector.fromArray(S, g, go + o + i, m);
                accS = gv.fma(FloatVector.fromArray(S, x, xo + o + i, m), accS);
                accB = accB.add(gv);
            }
            ds[dso + c] = LaneSums.sum(accS);
            db[dso + c] = LaneSums.sum(accB);
        }
    }

    /**
     * The group's input gradient (PyTorch's formula) from its channels' sums: with {@code ds = sum_c w[c] ds[c]} and
     * {@code db = sum_c w[c] db[c]}, {@code gx = rstd w[c] g + pc x + q} for {@code pc = (db mean - ds) rstd³ / n} and
     * {@code q = -pc mean - db rstd / n}, n = cg p.
     */
    public static void inputGrad(float[] g, int go, float[] x, int xo, int cg, int p, float[] w, int wo, float mean, float rstd,
                                 float[] dsc, float[] dbc, int dso, float[] gx, int gxo) {
        float ds = 0, db = 0;
        for (int c = 0; c < cg; c++) {
            float wc = w == null ? 1 : w[wo + c];
            ds += wc * dsc[dso + c];
            db += wc * dbc[dso + c];
        }
        float scale = 1f / (cg * p);
        float pc = (db * mean - ds) * rstd * rstd * rstd * scale, q = -pc * mean - db * rstd * scale;
        FloatVector pv = FloatVector.broadcast(S, pc), qv = FloatVector.broadcast(S, q);
        for (int c = 0; c < cg; c++) {
            FloatVector a = FloatVector.broadcast(S, rstd * (w == null ? 1 : w[wo + c]));
            int o = c * p;
            for (int i = 0; i < p; i += L) {
                VectorMask<Float> m = S.indexInRange(i, p);
                FloatVector.fromArray(S, g, go + o + i, m).mul(a).add(pv.fma(FloatVector.fromArray(S, x, xo + o + i, m), qv))
                        .intoArray(gx, gxo + o + i, m);
            }
        }
    }
}
