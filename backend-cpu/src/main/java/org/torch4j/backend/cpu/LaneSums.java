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

    public static double sum(DoubleVector v) {
        double[] lanes = new double[v.length()];
        v.intoArray(lanes, 0);
        double s = 0;
        for (double x : lanes) s += x;
        return s;
    }
}
