package org.torch4j.backend.cpu;

import org.torch4j.DType;
import org.torch4j.backend.cpu.kernels.FloatKernels;
import org.torch4j.backend.cpu.kernels.ScalarMath;
import org.torch4j.spi.HostStorage;
import org.torch4j.spi.Strided;

/**
 * The backend's one-pass activation derivatives over contiguous float32/float64 operands of one shape:
 * {@code thresholdBackward} (ReLU's: instead of a comparison to a bool mask, its conversion and a product)
 * and {@code geluBackward} (instead of about ten passes of the composed formula).
 */
final class FusedBackward {
    private FusedBackward() {}

    static boolean threshold(Strided out, Strided grad, Strided input, double threshold) {
        if (!usable(out, grad, input)) return false;
        int n = (int) out.numel(), oo = (int) out.offset(), go = (int) grad.offset(), yo = (int) input.offset();
        HostStorage o = (HostStorage) out.storage(), g = (HostStorage) grad.storage(), y = (HostStorage) input.storage();
        if (out.dtype() == DType.FLOAT32) {
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

    static boolean gelu(Strided out, Strided grad, Strided input) {
        if (!usable(out, grad, input)) return false;
        int n = (int) out.numel(), oo = (int) out.offset(), go = (int) grad.offset(), xo = (int) input.offset();
        HostStorage o = (HostStorage) out.storage(), g = (HostStorage) grad.storage(), x = (HostStorage) input.storage();
        if (out.dtype() == DType.FLOAT32) {
            float[] of = o.floats(), gf = g.floats(), xf = x.floats();
            Parallel.forRange(n, Elementwise.COSTLY_GRAIN, (a, b) -> FloatKernels.geluBackward(b - a, of, oo + a, gf, go + a, xf, xo + a));
        } else {
            double[] od = o.doubles(), gd = g.doubles(), xd = x.doubles();
            Parallel.forRange(n, Elementwise.COSTLY_GRAIN, (a, b) -> {
                for (int i = a; i < b; i++) od[oo + i] = gd[go + i] * ScalarMath.geluDerivative(xd[xo + i]);
            });
        }
        return true;
    }

    /** float32/float64 host operands, contiguous, of one dtype and shape (also SoftmaxLines' condition). */
    static boolean usable(Strided out, Strided grad, Strided input) {
        return dense(out.dtype(), out, grad, input)
                && java.util.Arrays.equals(out.shape(), grad.shape()) && java.util.Arrays.equals(out.shape(), input.shape());
    }

    /** Whether {@code t} is float32 or float64 and every operand (nulls skipped) is a contiguous host tensor of it. */
    static boolean dense(DType t, Strided... operands) {
        if (t != DType.FLOAT32 && t != DType.FLOAT64) return false;
        for (Strided s : operands) {
            if (s != null && (s.dtype() != t || !(s.storage() instanceof HostStorage) || !WindowKernels.contiguous(s))) return false;
        }
        return true;
    }
}
