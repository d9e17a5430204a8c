package org.torch4j.backend.cpu.qgemm;

import org.torch4j.DType;
import org.torch4j.backend.cpu.Parallel;
import org.torch4j.backend.cpu.Simd;
import org.torch4j.spi.HostStorage;
import org.torch4j.spi.Strided;

/**
 * The integer product of quantized layers ({@code Backend.int8Matmul}): {@code out[r, o] = sum over k of
 * x[r, k] * w[o, k]} in int32, x int32 (activations minus their zero point), w int8 (a weight's raw values), the
 * shape of a quantized linear layer on a few rows. The weight is read as bytes, a quarter of the memory a float32
 * weight takes, which is what a product of a few rows is bound by. Output channels are split over the threads;
 * each sum is exact (int32), so the result does not depend on the split or on the SIMD path.
 */
public final class Int8Matmul {
    /** Below this many multiply-adds a call runs on the calling thread. */
    private static final long GRAIN_MACS = 1L << 16;

    private Int8Matmul() {}

    /**
     * Runs the product when the operands are host arrays of the expected dtypes and shapes, contiguous.
     *
     * @param x int32 [rows, k]
     * @param w int8 [n, k]
     * @param out int32 [rows, n], overwritten
     * @return false (nothing written) for any other operands
     */
    public static boolean run(Strided x, Strided w, Strided out) {
        if (x.dtype() != DType.INT32 || w.dtype() != DType.INT8 || out.dtype() != DType.INT32) return false;
        if (x.rank() != 2 || w.rank() != 2 || out.rank() != 2) return false;
        for (Strided s : new Strided[] {x, w, out}) {
            if (!(s.storage() instanceof HostStorage) || !s.isContiguous() || s.offset() + s.numel() > Integer.MAX_VALUE) return false;
        }
        int rows = (int) x.shape()[0], k = (int) x.shape()[1], n = (int) w.shape()[0];
        if (w.shape()[1] != k || out.shape()[0] != rows || out.shape()[1] != n) return false;
        int[] xa = ((HostStorage) x.storage()).ints(), ya = ((HostStorage) out.storage()).ints();
        byte[] wa = ((HostStorage) w.storage()).bytes();
        int x0 = (int) x.offset(), w0 = (int) w.offset(), y0 = (int) out.offset();
        long perOutput = Math.max(1L, (long) rows * k);
        int grain = (int) Math.max(1, Math.min(n, GRAIN_MACS / perOutput));
        Parallel.forRange(n, grain, (o0, o1) -> {
            if (Simd.ENABLED) {
                Int8MatmulVec.outputs(xa, x0, wa, w0, ya, y0, rows, k, n, o0, o1);
            } else {
                outputs(xa, x0, wa, w0, ya, y0, rows, k, n, o0, o1);
            }
        });
        return true;
    }

    /** Output channels {@code [o0, o1)} of every row, in plain int arithmetic. */
    static void outputs(int[] x, int x0, byte[] w, int w0, int[] y, int y0, int rows, int k, int n, int o0, int o1) {
        for (int o = o0; o < o1; o++) {
            int wo = w0 + o * k;
            for (int r = 0; r < rows; r++) {
                y[y0 + r * n + o] = dot(x, x0 + r * k, w, wo, 0, k);
            }
        }
    }

    /** {@code sum over k in [from, to) of x[xo + k] * w[wo + k]}. */
    static int dot(int[] x, int xo, byte[] w, int wo, int from, int to) {
        int acc = 0;
        for (int i = from; i < to; i++) acc += x[xo + i] * w[wo + i];
        return acc;
    }
}
