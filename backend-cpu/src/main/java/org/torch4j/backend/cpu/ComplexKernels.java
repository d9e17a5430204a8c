package org.torch4j.backend.cpu;

import org.torch4j.DType;
import org.torch4j.backend.cpu.kernels.ScalarMath;
import org.torch4j.spi.HostStorage;
import org.torch4j.spi.Strided;

/**
 * The CPU backend's {@code Backend.complexMul} and {@code complexAbs}: products, quotients and magnitudes of
 * interleaved (re, im) pairs in one pass, where the api's composites of real ops take five to seven strided
 * passes. Each pair's arithmetic is the
 * composite's, in the same order and precision, so results are identical. Host float32/float64 operands;
 * the output contiguous, the inputs any strides with unit stride inside a pair.
 */
final class ComplexKernels {
    private ComplexKernels() {}

    /** Below this many pairs the work stays on the calling thread. */
    private static final int GRAIN = 1 << 15;

    static boolean mul(Strided out, Strided a, Strided b, boolean divide) {
        DType t = out.dtype();
        int rank = out.rank();
        if ((t != DType.FLOAT32 && t != DType.FLOAT64) || a.dtype() != t || b.dtype() != t || rank < 1
                || !(out.storage() instanceof HostStorage o) || !(a.storage() instanceof HostStorage x)
                || !(b.storage() instanceof HostStorage y) || !out.isContiguous()
                || out.shape()[rank - 1] != 2 || a.strides()[rank - 1] != 1 || b.strides()[rank - 1] != 1) {
            return false;
        }
        long pairs = out.numel() / 2;
        if (pairs == 0) return true;
        Pairs ai = new Pairs(a), bi = new Pairs(b);
        Parallel.forRange((int) pairs, GRAIN, (start, end) -> {
            int oo = (int) out.offset() + 2 * start;
            if (t == DType.FLOAT32) {
                floats(o.floats(), oo, x.floats(), y.floats(), ai, bi, start, end, divide);
            } else {
                doubles(o.doubles(), oo, x.doubles(), y.doubles(), ai, bi, start, end, divide);
            }
        });
        return true;
    }

    /** Magnitudes with the HYPOT kernels' arithmetic (float: {@link ScalarMath#hypot(float, float)}; double: Math.hypot). */
    static boolean abs(Strided out, Strided in) {
        DType t = out.dtype();
        int rank = in.rank();
        if ((t != DType.FLOAT32 && t != DType.FLOAT64) || in.dtype() != t || rank < 1 || out.rank() != rank - 1
                || !(out.storage() instanceof HostStorage o) || !(in.storage() instanceof HostStorage x)
                || !out.isContiguous() || in.shape()[rank - 1] != 2 || in.strides()[rank - 1] != 1) {
            return false;
        }
        long pairs = out.numel();
        if (pairs == 0) return true;
        Pairs xi = new Pairs(in);
        Parallel.forRange((int) pairs, GRAIN, (start, end) -> {
            int oo = (int) out.offset();
            if (t == DType.FLOAT32) {
                float[] ov = o.floats(), xv = x.floats();
                for (int p = start; p < end; p++) {
                    int i = xi.offset(p);
                    ov[oo + p] = ScalarMath.hypot(xv[i], xv[i + 1]);
                }
            } else {
                double[] ov = o.doubles(), xv = x.doubles();
                for (int p = start; p < end; p++) {
                    int i = xi.offset(p);
                    ov[oo + p] = Math.hypot(xv[i], xv[i + 1]);
                }
            }
        });
        return true;
    }

    private static void floats(float[] o, int oo, float[] x, float[] y, Pairs ai, Pairs bi, int start, int end, boolean divide) {
        for (int p = start; p < end; p++, oo += 2) {
            int i = ai.offset(p), j = bi.offset(p);
            float a = x[i], b = x[i + 1], c = y[j], d = y[j + 1];
            if (divide) {
                float norm = c * c + d * d;
                o[oo] = (a * c + b * d) / norm;
                o[oo + 1] = (b * c - a * d) / norm;
            } else {
                o[oo] = a * c - b * d;
                o[oo + 1] = a * d + b * c;
            }
        }
    }

    private static void doubles(double[] o, int oo, double[] x, double[] y, Pairs ai, Pairs bi, int start, int end, boolean divide) {
        for (int p = start; p < end; p++, oo += 2) {
            int i = ai.offset(p), j = bi.offset(p);
            double a = x[i], b = x[i + 1], c = y[j], d = y[j + 1];
            if (divide) {
                double norm = c * c + d * d;
                o[oo] = (a * c + b * d) / norm;
                o[oo + 1] = (b * c - a * d) / norm;
            } else {
                o[oo] = a * c - b * d;
                o[oo + 1] = a * d + b * c;
            }
        }
    }

    /** Where pair {@code p} (in row-major order of the dims before the last) starts in an operand's storage. */
    private static final class Pairs {
        private final long[] shape, strides;
        private final int offset;
        private final boolean dense;

        Pairs(Strided s) {
            int outer = s.rank() - 1;
            shape = java.util.Arrays.copyOf(s.shape(), outer);
            strides = java.util.Arrays.copyOf(s.strides(), outer);
            offset = (int) s.offset();
            dense = s.isContiguous();
        }

        int offset(int p) {
            if (dense) return offset + 2 * p;
            long at = offset, rest = p;
            for (int d = shape.length - 1; d >= 0; d--) {
                at += (rest % shape[d]) * strides[d];
                rest /= shape[d];
            }
            return (int) at;
        }
    }
}
