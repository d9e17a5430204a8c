package org.torch4j.backend.cpu;

import org.torch4j.spi.HostStorage;
import org.torch4j.spi.Strided;

/**
 * One element of a float32 or float64 host operand, read and written as a double at an array index (offset
 * included): the scalar paths of the fused kernels ({@link LayerNormRows}, {@link BatchNormChannels}), which serve
 * both dtypes with one loop.
 */
final class RealElements {
    private RealElements() {}

    static double get(Strided s, int index) {
        Object a = ((HostStorage) s.storage()).array();
        return a instanceof float[] f ? f[index] : ((double[]) a)[index];
    }

    static void set(Strided s, int index, double v) {
        Object a = ((HostStorage) s.storage()).array();
        if (a instanceof float[] f) f[index] = (float) v; else ((double[]) a)[index] = v;
    }
}
