package org.torch4j.backend.cpu;

import org.torch4j.DType;
import org.torch4j.spi.HostStorage;

/**
 * Where the extreme of a line first occurs (argmax, argmin, and max/min along a dim with indices), read straight
 * from the storage array: dense float32, float64, int32, int8, uint8 and bool lines in SIMD lanes (the extreme,
 * then its first position), the rest in one typed scalar loop. The generic path widened every line into a fresh
 * long or double array first, which cost more than the search (a float32 argmax along rows of 1024 took 1.3 ms
 * for 2^21 elements, PyTorch 2.0).
 */
final class ArgExtremes {
    private ArgExtremes() {}

    /**
     * The first position of the largest (or smallest) of the {@code n > 0} elements of {@code s} from {@code off},
     * {@code stride} apart, a NaN being above all (the first NaN wins); -1 where the storage has no typed loop here
     * (float16, bfloat16).
     */
    static int first(boolean max, HostStorage s, int off, int stride, int n) {
        boolean lanes = Simd.ENABLED && stride == 1;
        switch (s.array()) {
            case float[] a -> {
                if (lanes) return FloatingExtremesVec.firstExtreme(max, a, off, n);
                int best = 0;
                float bv = a[off];
                for (int i = 1; i < n && bv == bv; i++) {
                    float v = a[off + i * stride];
                    if (v != v || (max ? v > bv : v < bv)) {
                        bv = v;
                        best = i;
                    }
                }
                return best;
            }
            case double[] a -> {
                if (lanes) return FloatingExtremesVec.firstExtreme(max, a, off, n);
                int best = 0;
                double bv = a[off];
                for (int i = 1; i < n && bv == bv; i++) {
                    double v = a[off + i * stride];
                    if (v != v || (max ? v > bv : v < bv)) {
                        bv = v;
                        best = i;
                    }
                }
                return best;
            }
            case int[] a -> {
                if (lanes) return IntegerExtremesVec.firstExtreme(max, a, off, n);
                int best = 0;
                for (int i = 1, bv = a[off]; i < n; i++) {
                    int v = a[off + i * stride];
                    if (max ? v > bv : v < bv) {
                        bv = v;
                        best = i;
                    }
                }
                return best;
            }
            case long[] a -> {
                int best = 0;
                long bv = a[off];
                for (int i = 1; i < n; i++) {
                    long v = a[off + i * stride];
                    if (max ? v > bv : v < bv) {
                        bv = v;
                        best = i;
                    }
                }
                return best;
            }
            case byte[] a when s.dtype() == DType.UINT8 || s.dtype() == DType.INT8 || s.dtype() == DType.BOOL -> {
                boolean unsigned = s.dtype() == DType.UINT8;
                if (lanes) return IntegerExtremesVec.firstExtreme(max, unsigned, a, off, n);
                int mask = unsigned ? 0xFF : -1, best = 0;
                for (int i = 1, bv = a[off] & mask; i < n; i++) {
                    int v = a[off + i * stride] & mask;
                    if (max ? v > bv : v < bv) {
                        bv = v;
                        best = i;
                    }
                }
                return best;
            }
            case short[] a when s.dtype() == DType.INT16 -> {
                int best = 0;
                for (int i = 1, bv = a[off]; i < n; i++) {
                    int v = a[off + i * stride];
                    if (max ? v > bv : v < bv) {
                        bv = v;
                        best = i;
                    }
                }
                return best;
            }
            default -> {
                return -1;
            }
        }
    }
}
