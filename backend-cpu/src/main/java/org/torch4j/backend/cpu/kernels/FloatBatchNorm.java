package org.torch4j.backend.cpu.kernels;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorSpecies;
import org.torch4j.backend.cpu.LaneSums;

/**
 * The float loops of batch normalization over one contiguous plane of a channel, with the Vector API. Sums are
 * taken in float vectors over blocks of {@link #BLOCK} elements and the block sums added in double, as close to
 * PyTorch's double accumulation as the caller's double totals need. Loaded only where the Vector API is enabled.
 */
public final class FloatBatchNorm {
    private FloatBatchNorm() {}

    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();
    /** Elements summed in float before a block's sum joins the double total. */
    private static final int BLOCK = 256;

    /** The sum of {@code (x[o..o+n) - shift)} ({@code squared}: of its squares). */
    public static double sum(float[] x, int o, int n, float shift, boolean squared) {
        double total = 0;
        for (int b = 0; b < n; b += BLOCK) {
            int end = Math.min(n, b + BLOCK);
            FloatVector acc = FloatVector.zero(S);
            for (int i = b; i < end; i += L) {
                VectorMask<Float> m = S.indexInRange(i, end);
                FloatVector d = FloatVector.fromArray(S, x, o + i, m).sub(shift);
                acc = squared ? d.fma(d, acc).blend(acc, m.not()) : acc.add(d, m);
            }
            total += LaneSums.sum(acc);
        }
        return total;
    }

    /** The sums of {@code g} and of {@code (x - mean) g} over n elements, added to {@code sums[0..1]}. */
    public static void gradientSums(float[] g, int go, float[] x, int xo, int n, float mean, double[] sums) {
        for (int b = 0; b < n; b += BLOCK) {
            int end = Math.min(n, b + BLOCK);
            FloatVector s = FloatVector.zero(S), d = FloatVector.zero(S);
            for (int i = b; i < end; i += L) {
                VectorMask<Float> m = S.indexInRange(i, end);
                FloatVector gv = FloatVector.fromArray(S, g, go + i, m);
                s = s.add(gv);
                d = FloatVector.fromArray(S, x, xo + i, m).sub(mean).fma(gv, d).blend(d, m.not());
            }
            sums[0] += LaneSums.sum(s);
            sums[1] += LaneSums.sum(d);
        }
    }

    /**
     * {@code y = (x - mean) * scale + bias} over n elements: the centred value first, as the composition computes it,
     * not PyTorch's {@code x * alpha + beta}, whose two large terms cancel when the mean is large against the spread.
     */
    public static void affine(float[] x, int xo, int n, float mean, float scale, float bias, float[] y, int yo) {
        FloatVector s = FloatVector.broadcast(S, scale), b = FloatVector.broadcast(S, bias);
        for (int i = 0; i < n; i += L) {
            VectorMask<Float> m = S.indexInRange(i, n);
            FloatVector.fromArray(S, x, xo + i, m).sub(mean).fma(s, b).intoArray(y, yo + i, m);
        }
    }

    /** {@code gx = (g - gradMean - (x - mean) k) * scale} over n elements (PyTorch's order). */
    public static void inputGradient(float[] g, int go, float[] x, int xo, int n, float mean, float gradMean, float k, float scale,
                                     float[] gx, int gxo) {
        for (int i = 0; i < n; i += L) {
            VectorMask<Float> m = S.indexInRange(i, n);
            FloatVector dx = FloatVector.fromArray(S, x, xo + i, m).sub(mean).mul(k);
            FloatVector.fromArray(S, g, go + i, m).sub(gradMean).sub(dx).mul(scale).intoArray(gx, gxo + i, m);
        }
    }
}
