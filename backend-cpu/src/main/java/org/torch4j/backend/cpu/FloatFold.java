package org.torch4j.backend.cpu;

import org.torch4j.spi.ReduceOp;

/**
 * Folds a contiguous float run to one double, so long sums stay accurate: SIMD sums in float lanes
 * over short chunks and in double across chunks; the scalar loop sums in double.
 */
final class FloatFold {
    private FloatFold() {}

    static final int CHUNK = 4096;

    /** Whether the short runs' kernels have their vectors of four doubles (256 bits) in hardware. */
    static final boolean SHORT_VECTORS = Simd.ENABLED && VectorShapes.floatLanes() >= 8;

    static double fold(ReduceOp op, float[] a, int off, int n) {
        // an extreme is exact, so the vector lanes' order does not show: from one vector on; a sum's order does, so
        // sums keep their threshold (rows of 16-63 are summed in scalar code, and results stay as they were)
        if (Simd.ENABLED && (n >= 64 && op == ReduceOp.SUM || n >= 16 && (op == ReduceOp.MAX || op == ReduceOp.MIN))) {
            return FloatFoldVec.fold(op, a, off, n);
        }
        if (SHORT_VECTORS) {   // shorter runs: the scalar loop's results, through vectors of four
            if (op == ReduceOp.SUM) return FloatFoldVec.shortSum(a, off, n);
            if (op == ReduceOp.MAX || op == ReduceOp.MIN) return FloatFoldVec.shortExtreme(op == ReduceOp.MAX, a, off, n);
        }
        return scalar(op, a, off, n);
    }

    static double scalar(ReduceOp op, float[] a, int off, int n) {
        double acc = Reduce.doubleIdentity(op);
        switch (op) {
            case SUM -> {
                // without SIMD lanes to spread the error, four float accumulators over a 4096-chunk lose
                // digits (100003 x 0.1f summed to 10000.2); double accumulators cost the same here
                double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
                int i = 0;
                for (; i + 3 < n; i += 4) {
                    s0 += a[off + i];
                    s1 += a[off + i + 1];
                    s2 += a[off + i + 2];
                    s3 += a[off + i + 3];
                }
                for (; i < n; i++) s0 += a[off + i];
                acc = (s0 + s1) + (s2 + s3);
            }
            case PROD -> {
                // four chains of double products: one chain waited a multiply's latency per element (rows of 1024:
                // 1.7 ms for 2^21 floats, PyTorch 0.12)
                double p0 = 1, p1 = 1, p2 = 1, p3 = 1;
                int i = 0;
                for (; i + 3 < n; i += 4) {
                    p0 *= a[off + i];
                    p1 *= a[off + i + 1];
                    p2 *= a[off + i + 2];
                    p3 *= a[off + i + 3];
                }
                for (; i < n; i++) p0 *= a[off + i];
                acc = (p0 * p1) * (p2 * p3);
            }
            case MAX -> { for (int i = 0; i < n; i++) acc = Math.max(acc, a[off + i]); }
            case MIN -> { for (int i = 0; i < n; i++) acc = Math.min(acc, a[off + i]); }
            case ALL -> { for (int i = 0; i < n; i++) if (a[off + i] == 0) return 0; }
            case ANY -> { for (int i = 0; i < n; i++) if (a[off + i] != 0) return 1; }
        }
        return acc;
    }
}
