package org.torch4j.backend.cpu;

import org.torch4j.DType;
import org.torch4j.backend.cpu.kernels.FloatSoftmax;
import org.torch4j.spi.HostStorage;
import org.torch4j.spi.Strided;

/**
 * The backend's fused softmax / log-softmax and their backward along the last dimension of contiguous
 * float32/float64 tensors: each line in two or three passes (instead of the composition's seven forward
 * and four backward passes over the whole tensor), lines split across threads.
 */
final class SoftmaxLines {
    private SoftmaxLines() {}

    static boolean forward(Strided out, Strided in, boolean log) {
        if (!usable(out, in, in)) return false;
        int n = lineLength(in);
        HostStorage o = (HostStorage) out.storage(), x = (HostStorage) in.storage();
        int oo = (int) out.offset(), xo = (int) in.offset();
        if (out.dtype() == DType.FLOAT32) {
            float[] of = o.floats(), xf = x.floats();
            if (Simd.ENABLED) {
                forLineRuns(in, n, (r, count) -> FloatSoftmax.forwardRows(xf, xo + r * n, of, oo + r * n, n, count, log));
            } else {
                forLines(in, n, r -> scalarForward(i -> xf[xo + r * n + i], (i, v) -> of[oo + r * n + i] = (float) v, n, log));
            }
        } else {
            double[] od = o.doubles(), xd = x.doubles();
            forLines(in, n, r -> scalarForward(i -> xd[xo + r * n + i], (i, v) -> od[oo + r * n + i] = v, n, log));
        }
        return true;
    }

    static boolean backward(Strided gradIn, Strided grad, Strided out, boolean log) {
        if (!usable(gradIn, grad, out)) return false;
        int n = lineLength(out);
        HostStorage gi = (HostStorage) gradIn.storage(), g = (HostStorage) grad.storage(), y = (HostStorage) out.storage();
        int gio = (int) gradIn.offset(), go = (int) grad.offset(), yo = (int) out.offset();
        if (out.dtype() == DType.FLOAT32) {
            float[] gif = gi.floats(), gf = g.floats(), yf = y.floats();
            if (Simd.ENABLED) {
                forLineRuns(out, n, (r, count) -> FloatSoftmax.backwardRows(gf, go + r * n, yf, yo + r * n, gif, gio + r * n, n, count, log));
            } else {
                forLines(out, n, r -> {
                    int k = r * n;
                    scalarBackward(i -> gf[go + k + i], i -> yf[yo + k + i], (i, v) -> gif[gio + k + i] = (float) v, n, log);
                });
            }
        } else {
            double[] gid = gi.doubles(), gd = g.doubles(), yd = y.doubles();
            forLines(out, n, r -> {
                int k = r * n;
                scalarBackward(i -> gd[go + k + i], i -> yd[yo + k + i], (i, v) -> gid[gio + k + i] = v, n, log);
            });
        }
        return true;
    }

    private interface Read {
        double at(int i);
    }

    private interface Write {
        void at(int i, double v);
    }

    private interface Line {
        void run(int row);
    }

    /** The scalar line kernel, in double: max, sum of exp(x - max) in order, then the scaling. */
    private static void scalarForward(Read x, Write y, int n, boolean log) {
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < n; i++) max = Math.max(max, x.at(i));
        double m = max == Double.NEGATIVE_INFINITY ? 0 : max, sum = 0; // (+inf stays: its row is NaN, as PyTorch's)
        for (int i = 0; i < n; i++) sum += Math.exp(x.at(i) - m);
        double logSum = Math.log(sum);
        for (int i = 0; i < n; i++) y.at(i, log ? x.at(i) - m - logSum : Math.exp(x.at(i) - m) / sum);
    }

    private static void scalarBackward(Read g, Read y, Write gi, int n, boolean log) {
        double s = 0;
        for (int i = 0; i < n; i++) s += log ? g.at(i) : g.at(i) * y.at(i);
        for (int i = 0; i < n; i++) gi.at(i, log ? g.at(i) - Math.exp(y.at(i)) * s : y.at(i) * (g.at(i) - s));
    }

    private interface LineRun {
        void run(int firstRow, int count);
    }

    private static void forLines(Strided t, int n, Line line) {
        forLineRuns(t, n, (first, count) -> {
            for (int r = first; r < first + count; r++) line.run(r);
        });
    }

    /** The lines split across threads, each thread's share in one call. */
    private static void forLineRuns(Strided t, int n, LineRun run) {
        int rows = (int) (t.numel() / n);
        Parallel.forRange(rows, Math.max(1, Elementwise.COSTLY_GRAIN / n), (a, b) -> run.run(a, b - a));
    }

    private static int lineLength(Strided t) {
        long[] shape = t.shape();
        return shape.length == 0 ? 1 : (int) shape[shape.length - 1];
    }

    /** Contiguous float32/float64 host operands of one shape and dtype, with non-empty lines. */
    private static boolean usable(Strided a, Strided b, Strided c) {
        return FusedBackward.usable(a, b, c) && a.numel() > 0 && lineLength(a) > 0;
    }
}
