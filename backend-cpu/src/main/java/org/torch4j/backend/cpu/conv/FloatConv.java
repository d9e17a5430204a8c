package org.torch4j.backend.cpu.conv;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorSpecies;

/**
 * The float32 copies of the direct convolution's geometry ({@link ConvGeometry}: padding images, gathering
 * im2col rows); the float32 forward is {@link BlockedConv}, the weight gradient {@link WeightGradGemm}.
 * {@link DoubleConv} has its own copies over float64 lanes: the loops must stay monomorphic in the element
 * type for the Vector API to compile them to registers.
 */
final class FloatConv implements ConvKernels {
    static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    static final int LANES = S.length();
    static final ConvKernels KERNELS = new FloatConv();

    private FloatConv() {}

    @Override
    public int lanes() {
        return LANES;
    }

    @Override
    public Object allocate(int length) {
        return new float[length];
    }

    @Override
    public void copyRows(Object src, int from, int srcStride, Object dst, int to, int dstStride, int rows, int len) {
        copyRows((float[]) src, from, srcStride, (float[]) dst, to, dstStride, rows, len);
    }

    private static void copyRows(float[] a, int from, int srcStride, float[] b, int to, int dstStride, int rows, int len) {
        if (len < LANES) {
            // one masked vector per row: a System.arraycopy call per short row (14 floats for a 14x14
            // image) cost more than the copy and took most of the weight gradient's time
            VectorMask<Float> m = S.indexInRange(0, len);
            for (int r = 0; r < rows; r++, from += srcStride, to += dstStride) FloatVector.fromArray(S, a, from, m).intoArray(b, to, m);
            return;
        }
        for (int r = 0; r < rows; r++, from += srcStride, to += dstStride) {
            // whole vectors, the last one overlapping the one before where len is not a multiple
            for (int i = 0; ; i += LANES) {
                int at = Math.min(i, len - LANES);
                FloatVector.fromArray(S, a, from + at).intoArray(b, to + at);
                if (at == len - LANES) break;
            }
        }
    }

    @Override
    public void zero(Object a, int from, int n) {
        java.util.Arrays.fill((float[]) a, from, from + n, 0);
    }

    @Override
    public void add(Object src, int from, Object dst, int to, int n) {
        float[] a = (float[]) src, b = (float[]) dst;
        for (int i = 0; i < n; i++) b[to + i] += a[from + i];
    }

    @Override
    public void copyStrided(Object src, int from, int step, Object dst, int to, int n) {
        float[] a = (float[]) src, b = (float[]) dst;
        for (int i = 0; i < n; i++) b[to + i] = a[from + i * step];
    }
}
