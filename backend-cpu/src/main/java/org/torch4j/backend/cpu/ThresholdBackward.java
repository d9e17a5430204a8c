package org.torch4j.backend.cpu;

import org.torch4j.DType;
import org.torch4j.backend.cpu.kernels.FloatKernels;
import org.torch4j.spi.HostStorage;
import org.torch4j.spi.Strided;

/**
 * The backend's fused {@code thresholdBackward} (ReLU's derivative) over contiguous float32/float64
 * operands of one shape: one pass instead of a comparison to a bool mask, its conversion and a product.
 */
final class ThresholdBackward {
    private ThresholdBackward() {}

    static boolean run(Strided out, Strided grad, Strided input, double threshold) {
        DType t = out.dtype();
        if ((t != DType.FLOAT32 && t != DType.FLOAT64) || !dense(out, t) || !dense(grad, t) || !dense(input, t)
                || !java.util.Arrays.equals(out.shape(), grad.shape()) || !java.util.Arrays.equals(out.shape(), input.shape())) {
            return false;
        }
        int n = (int) out.numel(), oo = (int) out.offset(), go = (int) grad.offset(), yo = (int) input.offset();
        HostStorage o = (HostStorage) out.storage(), g = (HostStorage) grad.storage(), y = (HostStorage) input.storage();
        if (t == DType.FLOAT32) {
            float thr = (float) threshold;
            float[] of = o.floats(), gf = g.floats(), yf = y.floats();
            Parallel.forRange(n, Elementwise.CHEAP_GRAIN, (a, b) -> FloatKernels.thresholdBackward(b - a, of, oo + a, gf, go + a, yf, yo + a, thr));
        } else {
            double[] od = o.doubles(), gd = g.doubles(), yd = y.doubles();
            Parallel.forRange(n, Elementwise.CHEAP_GRAIN, (a, b) -> {
                for (int i = a; i < b; i++) od[oo + i] = yd[yo + i] <= threshold ? 0.0 : gd[go + i];
            });
        }
        return true;
    }

    private static boolean dense(Strided s, DType t) {
        return s.dtype() == t && s.storage() instanceof HostStorage && WindowKernels.contiguous(s);
    }
}
