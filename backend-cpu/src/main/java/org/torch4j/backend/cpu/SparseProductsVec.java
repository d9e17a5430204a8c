package org.torch4j.backend.cpu;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/** The SIMD rows of {@link SparseProducts} (loaded only when {@link Simd#ENABLED}). */
final class SparseProductsVec {
    private SparseProductsVec() {}

    private static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;
    private static final VectorSpecies<Double> D = DoubleVector.SPECIES_PREFERRED;

    /** {@code o[oi, oi + n) += v * d[di, di + n)}: a multiply then an add per element, as the scalar loop rounds. */
    static void axpy(float[] o, int oi, float[] d, int di, float v, int n) {
        int k = 0;
        for (int end = F.loopBound(n); k < end; k += F.length()) {
            FloatVector.fromArray(F, o, oi + k).add(FloatVector.fromArray(F, d, di + k).mul(v)).intoArray(o, oi + k);
        }
        for (; k < n; k++) o[oi + k] += v * d[di + k];
    }

    static void axpy(double[] o, int oi, double[] d, int di, double v, int n) {
        int k = 0;
        for (int end = D.loopBound(n); k < end; k += D.length()) {
            DoubleVector.fromArray(D, o, oi + k).add(DoubleVector.fromArray(D, d, di + k).mul(v)).intoArray(o, oi + k);
        }
        for (; k < n; k++) o[oi + k] += v * d[di + k];
    }

    /** {@code x[xi, xi + n) . y[yi, yi + n)}, summed in lanes, then the lanes and the tail. */
    static float dot(float[] x, int xi, float[] y, int yi, int n) {
        int k = 0;
        FloatVector acc = FloatVector.zero(F);
        for (int end = F.loopBound(n); k < end; k += F.length()) {
            acc = FloatVector.fromArray(F, x, xi + k).fma(FloatVector.fromArray(F, y, yi + k), acc);
        }
        float s = acc.reduceLanes(VectorOperators.ADD);
        for (; k < n; k++) s += x[xi + k] * y[yi + k];
        return s;
    }

    static double dot(double[] x, int xi, double[] y, int yi, int n) {
        int k = 0;
        DoubleVector acc = DoubleVector.zero(D);
        for (int end = D.loopBound(n); k < end; k += D.length()) {
            acc = DoubleVector.fromArray(D, x, xi + k).fma(DoubleVector.fromArray(D, y, yi + k), acc);
        }
        double s = acc.reduceLanes(VectorOperators.ADD);
        for (; k < n; k++) s += x[xi + k] * y[yi + k];
        return s;
    }
}
