package org.torch4j.backend.cpu;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;

/**
 * Sums of a vector's lanes in one fixed order (lane 0 first). {@code reduceLanes(ADD)} leaves the
 * order to the implementation, and the JIT's intrinsic and the interpreter's fallback do differ, so a
 * result would depend on whether the code was compiled yet, and with several threads, on timing: a
 * seeded training run would not repeat. Loaded only where the Vector API is enabled.
 */
public final class LaneSums {
    private LaneSums() {}

    public static float sum(FloatVector v) {
        float[] lanes = new float[v.length()];
        v.intoArray(lanes, 0);
        return sum(lanes, 0, lanes.length);
    }

    /** The sum of a vector's {@code n} lanes stored at {@code lanes[from..]}, in the same order. */
    public static float sum(float[] lanes, int from, int n) {
        float s = 0;
        for (int i = from; i < from + n; i++) s += lanes[i];
        return s;
    }

    /**
     * Four vectors' sums of {@code n} lanes, stored at {@code lanes[from + k stride ..]} for k = 0..3, into
     * {@code out[at .. at + 4)}: each in this class's order, the four chains side by side (a sum of sixteen lanes is
     * sixteen dependent adds, which kernels over several rows overlap this way).
     */
    public static void sums4(float[] lanes, int from, int stride, int n, float[] out, int at) {
        float s0 = 0, s1 = 0, s2 = 0, s3 = 0;
        for (int j = from; j < from + n; j++) {
            s0 += lanes[j];
            s1 += lanes[stride + j];
            s2 += lanes[2 * stride + j];
            s3 += lanes[3 * stride + j];
        }
        out[at] = s0;
        out[at + 1] = s1;
        out[at + 2] = s2;
        out[at + 3] = s3;
    }

    /** {@link #sums4(float[], int, int, int, float[], int)} for doubles. */
    public static void sums4(double[] lanes, int from, int stride, int n, double[] out, int at) {
        double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
        for (int j = from; j < from + n; j++) {
            s0 += lanes[j];
            s1 += lanes[stride + j];
            s2 += lanes[2 * stride + j];
            s3 += lanes[3 * stride + j];
        }
        out[at] = s0;
        out[at + 1] = s1;
        out[at + 2] = s2;
        out[at + 3] = s3;
    }

    public static double sum(DoubleVector v) {
        double[] lanes = new double[v.length()];
        v.intoArray(lanes, 0);
        double s = 0;
        for (double x : lanes) s += x;
        return s;
    }
}
