package org.torch4j.backend.cpu;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link Resample}'s loops in SIMD lanes: whole rows combined with broadcast weights, or output elements
 * gathered a vector at a time through the tap index arrays. Multiply then add, never fused, as the scalar
 * loops. Each returns how many elements it wrote (the caller finishes the tail). Loaded only where the
 * Vector API is enabled.
 */
final class ResampleVec {
    private ResampleVec() {}

    private static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;
    private static final VectorSpecies<Double> D = DoubleVector.SPECIES_PREFERRED;

    static int rows(float[] x, int base, float[] y, int to, int[][] index, float[][] w, int j, int n) {
        int taps = index.length, end = F.loopBound(n), i = 0;
        int r0 = base + index[0][j] * n;
        float w0 = w[0][j];
        for (; i < end; i += F.length()) {
            FloatVector s = FloatVector.fromArray(F, x, r0 + i).mul(w0);
            for (int k = 1; k < taps; k++) s = s.add(FloatVector.fromArray(F, x, base + index[k][j] * n + i).mul(w[k][j]));
            s.intoArray(y, to + i);
        }
        return i;
    }

    static int rows(double[] x, int base, double[] y, int to, int[][] index, double[][] w, int j, int n) {
        int taps = index.length, end = D.loopBound(n), i = 0;
        int r0 = base + index[0][j] * n;
        double w0 = w[0][j];
        for (; i < end; i += D.length()) {
            DoubleVector s = DoubleVector.fromArray(D, x, r0 + i).mul(w0);
            for (int k = 1; k < taps; k++) s = s.add(DoubleVector.fromArray(D, x, base + index[k][j] * n + i).mul(w[k][j]));
            s.intoArray(y, to + i);
        }
        return i;
    }

    /**
     * How a last-dim resampling reads each block of a vector's worth of outputs: from one vector of the
     * input row loaded at the block's first tap position, its lanes selected (a permute; gathering the
     * taps one by one is three times slower), where every tap of the block lies within that vector; by
     * gathering otherwise (downsampling spreads a block's taps wider).
     */
    static final class Plan {
        /** Per block: the first input position its taps read, or -1 where they spread past one vector. */
        final int[] base;
        /** Per tap: the input position relative to its block's base, as a select index. */
        final float[][] floatLanes;
        final double[][] doubleLanes;

        Plan(int[][] index, boolean isFloat) {
            int lanes = isFloat ? F.length() : D.length(), n = index[0].length, taps = index.length;
            base = new int[n / lanes];
            floatLanes = isFloat ? new float[taps][n] : null;
            doubleLanes = isFloat ? null : new double[taps][n];
            for (int b = 0; b < base.length; b++) {
                int lo = Integer.MAX_VALUE, hi = Integer.MIN_VALUE;
                for (int[] tap : index) {
                    for (int j = b * lanes; j < (b + 1) * lanes; j++) {
                        lo = Math.min(lo, tap[j]);
                        hi = Math.max(hi, tap[j]);
                    }
                }
                base[b] = hi - lo < lanes ? lo : -1;
                for (int k = 0; k < taps; k++) {
                    for (int j = b * lanes; j < (b + 1) * lanes; j++) {
                        if (isFloat) floatLanes[k][j] = index[k][j] - lo;
                        else doubleLanes[k][j] = index[k][j] - lo;
                    }
                }
            }
        }
    }

    static int gather(float[] x, int from, float[] y, int to, int[][] index, float[][] w, int n, Plan plan) {
        int taps = index.length, lanes = F.length();
        float[][] rel = plan.floatLanes;
        int j = 0;
        for (int b = 0; b < plan.base.length; b++, j += lanes) {
            int at = from + plan.base[b];
            FloatVector s;
            if (plan.base[b] >= 0 && at + lanes <= x.length) {
                FloatVector row = FloatVector.fromArray(F, x, at);
                s = FloatVector.fromArray(F, rel[0], j).selectFrom(row).mul(FloatVector.fromArray(F, w[0], j));
                for (int k = 1; k < taps; k++) {
                    s = s.add(FloatVector.fromArray(F, rel[k], j).selectFrom(row).mul(FloatVector.fromArray(F, w[k], j)));
                }
            } else {
                s = FloatVector.fromArray(F, x, from, index[0], j).mul(FloatVector.fromArray(F, w[0], j));
                for (int k = 1; k < taps; k++) {
                    s = s.add(FloatVector.fromArray(F, x, from, index[k], j).mul(FloatVector.fromArray(F, w[k], j)));
                }
            }
            s.intoArray(y, to + j);
        }
        return j;
    }

    static int gather(double[] x, int from, double[] y, int to, int[][] index, double[][] w, int n, Plan plan) {
        int taps = index.length, lanes = D.length();
        double[][] rel = plan.doubleLanes;
        int j = 0;
        for (int b = 0; b < plan.base.length; b++, j += lanes) {
            int at = from + plan.base[b];
            DoubleVector s;
            if (plan.base[b] >= 0 && at + lanes <= x.length) {
                DoubleVector row = DoubleVector.fromArray(D, x, at);
                s = DoubleVector.fromArray(D, rel[0], j).selectFrom(row).mul(DoubleVector.fromArray(D, w[0], j));
                for (int k = 1; k < taps; k++) {
                    s = s.add(DoubleVector.fromArray(D, rel[k], j).selectFrom(row).mul(DoubleVector.fromArray(D, w[k], j)));
                }
            } else {
                s = DoubleVector.fromArray(D, x, from, index[0], j).mul(DoubleVector.fromArray(D, w[0], j));
                for (int k = 1; k < taps; k++) {
                    s = s.add(DoubleVector.fromArray(D, x, from, index[k], j).mul(DoubleVector.fromArray(D, w[k], j)));
                }
            }
            s.intoArray(y, to + j);
        }
        return j;
    }
}
