package org.torch4j.backend.cpu;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;
import org.torch4j.spi.ReduceOp;

/**
 * The first position of a dense floating run's extreme in SIMD lanes: the extreme first (exact in any order, NaN if
 * any element is), then the first lane equal to it, or the first NaN. A scalar loop that tracks both cannot be
 * vectorised. -0 equals 0, so whichever of them comes first is taken, as the scalar loop's strict comparison does.
 * Loaded only where the Vector API is enabled.
 */
final class FloatingExtremesVec {
    private FloatingExtremesVec() {}

    private static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;
    private static final VectorSpecies<Double> D = DoubleVector.SPECIES_PREFERRED;
    private static final VectorSpecies<Integer> I = F.withLanes(int.class);
    private static final VectorSpecies<Long> J = D.withLanes(long.class);

    static int firstExtreme(boolean max, float[] a, int off, int n) {
        float m = (float) FloatFold.fold(max ? ReduceOp.MAX : ReduceOp.MIN, a, off, n);
        boolean nan = m != m;
        int i = 0;
        for (int end = F.loopBound(n); i < end; i += F.length()) {
            FloatVector v = FloatVector.fromArray(F, a, off + i);
            VectorMask<Float> hit = nan ? v.test(VectorOperators.IS_NAN) : v.eq(m);
            if (hit.anyTrue()) return i + hit.firstTrue();
        }
        while (nan ? a[off + i] == a[off + i] : a[off + i] != m) i++;
        return i;
    }

    static int firstExtreme(boolean max, double[] a, int off, int n) {
        double m = DoubleFoldVec.fold(max ? ReduceOp.MAX : ReduceOp.MIN, a, off, n);
        boolean nan = m != m;
        int i = 0;
        for (int end = D.loopBound(n); i < end; i += D.length()) {
            DoubleVector v = DoubleVector.fromArray(D, a, off + i);
            VectorMask<Double> hit = nan ? v.test(VectorOperators.IS_NAN) : v.eq(m);
            if (hit.anyTrue()) return i + hit.firstTrue();
        }
        while (nan ? a[off + i] == a[off + i] : a[off + i] != m) i++;
        return i;
    }

    /**
     * {@link ColumnArgExtremes#columns(boolean, float[], int, int, int, int, int, float[], int[])} a vector of columns at
     * a time: a row's slice replaces the best where it is beyond it, or a NaN where the best is not one.
     */
    static void columns(boolean max, float[] a, int b, int step, int n, int len, float[] bv, int[] row) {
        int end = F.loopBound(len);
        System.arraycopy(a, b, bv, 0, end);
        for (int i = 1; i < n; i++) {
            int r = b + i * step;
            IntVector at = IntVector.broadcast(I, i);
            for (int j = 0; j < end; j += F.length()) {
                FloatVector v = FloatVector.fromArray(F, a, r + j), c = FloatVector.fromArray(F, bv, j);
                VectorMask<Float> take = v.compare(max ? VectorOperators.GT : VectorOperators.LT, c)
                        .or(v.test(VectorOperators.IS_NAN).andNot(c.test(VectorOperators.IS_NAN)));
                c.blend(v, take).intoArray(bv, j);
                IntVector.fromArray(I, row, j).blend(at, take.cast(I)).intoArray(row, j);
            }
        }
        ColumnArgExtremes.columns(max, a, b, step, n, end, len, bv, row);   // the columns after the last whole vector
    }

    /** {@link #columns(boolean, float[], int, int, int, int, float[], int[])} in double. */
    static void columns(boolean max, double[] a, int b, int step, int n, int len, double[] bv, long[] row) {
        int end = D.loopBound(len);
        System.arraycopy(a, b, bv, 0, end);
        for (int i = 1; i < n; i++) {
            int r = b + i * step;
            LongVector at = LongVector.broadcast(J, i);
            for (int j = 0; j < end; j += D.length()) {
                DoubleVector v = DoubleVector.fromArray(D, a, r + j), c = DoubleVector.fromArray(D, bv, j);
                VectorMask<Double> take = v.compare(max ? VectorOperators.GT : VectorOperators.LT, c)
                        .or(v.test(VectorOperators.IS_NAN).andNot(c.test(VectorOperators.IS_NAN)));
                c.blend(v, take).intoArray(bv, j);
                LongVector.fromArray(J, row, j).blend(at, take.cast(J)).intoArray(row, j);
            }
        }
        ColumnArgExtremes.columns(max, a, b, step, n, end, len, bv, row);   // the columns after the last whole vector
    }
}
