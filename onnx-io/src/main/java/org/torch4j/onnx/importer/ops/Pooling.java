package org.torch4j.onnx.importer.ops;

import java.util.Arrays;
import org.torch4j.DType;
import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.nn.F;
import org.torch4j.onnx.importer.OpCall;
import org.torch4j.onnx.importer.OpRegistry;

/**
 * Pooling in any number of spatial dimensions: the padded input is cut into windows with
 * {@code unfold} (views), then reduced; asymmetric pads, dilations and ceil mode fall out of that.
 */
public final class Pooling {
    private Pooling() {}

    public static void register(OpRegistry.Builder r) {
        r.op("MaxPool", Pooling::maxPool);
        r.single("AveragePool", Pooling::averagePool);
        r.single("LpPool", c -> {
            double p = c.i("p", 2);
            Window w = Window.of(c, c.in(0));
            return w.cut(w.pad(c.in(0).abs().pow(p), 0)).sum(w.windowDims(), false).pow(1 / p);
        });
        r.single("GlobalAveragePool", c -> c.in(0).mean(spatial(c.in(0)), true));
        r.single("GlobalMaxPool", c -> c.in(0).amax(spatial(c.in(0)), true));
        r.single("GlobalLpPool", c -> {
            double p = c.i("p", 2);
            return c.in(0).abs().pow(p).sum(spatial(c.in(0)), true).pow(1 / p);
        });
        r.single("MaxUnpool", Pooling::maxUnpool);
    }

    private static int[] spatial(Tensor x) {
        int[] d = new int[x.dim() - 2];
        for (int i = 0; i < d.length; i++) d[i] = i + 2;
        return d;
    }

    /** The window geometry of a pooling node applied to one input. */
    record Window(long[] kernel, long[] strides, long[] dilations, long[] begin, long[] end, long[] extra, long[] out, long[] in) {

        static Window of(OpCall c, Tensor x) {
            int d = x.dim() - 2;
            long[] in = Arrays.copyOfRange(x.shape(), 2, x.dim());
            long[] kernel = c.ints("kernel_shape");
            long[] strides = Util.or(c.ints("strides"), Util.fill(d, 1)), dilations = Util.or(c.ints("dilations"), Util.fill(d, 1));
            long[][] pads = Convolutions.pads(c, in, kernel, strides, dilations);
            boolean ceil = c.i("ceil_mode", 0) != 0;
            long[] out = new long[d], extra = new long[d];
            for (int i = 0; i < d; i++) {
                long span = (kernel[i] - 1) * dilations[i] + 1, room = in[i] + pads[0][i] + pads[1][i] - span;
                out[i] = (ceil ? Util.ceilDiv(room, strides[i]) : Math.floorDiv(room, strides[i])) + 1;
                // as PyTorch: the last window must start inside the input or its begin padding
                if (ceil && (out[i] - 1) * strides[i] >= in[i] + pads[0][i]) out[i]--;
                extra[i] = Math.max(0, (out[i] - 1) * strides[i] + span - (in[i] + pads[0][i] + pads[1][i]));
            }
            return new Window(kernel, strides, dilations, pads[0], pads[1], extra, out, in);
        }

        /** Pads the spatial dims with {@code value}, ceil-mode room included. */
        Tensor pad(Tensor x, double value) {
            long[] end2 = end.clone();
            for (int i = 0; i < end2.length; i++) end2[i] += extra[i];
            return Convolutions.padSpatial(x, begin, end2, value);
        }

        /** [N, C, s1..sd] padded to [N, C, o1..od, k1..kd]. */
        Tensor cut(Tensor padded) {
            Tensor y = padded;
            int d = kernel.length;
            for (int i = 0; i < d; i++) {
                long span = (kernel[i] - 1) * dilations[i] + 1;
                y = y.unfold(2 + i, span, strides[i]);
                if (dilations[i] > 1) y = y.slice(y.dim() - 1, 0, span, dilations[i]);
                y = y.narrow(2 + i, 0, out[i]);
            }
            return y;
        }

        int[] windowDims() {
            int d = kernel.length;
            int[] w = new int[d];
            for (int i = 0; i < d; i++) w[i] = 2 + d + i;
            return w;
        }

        /** Windows flattened: [N, C, o1..od, k1*..*kd]. */
        Tensor cutFlat(Tensor padded) {
            Tensor y = cut(padded);
            long[] s = Arrays.copyOf(y.shape(), 3 + kernel.length);
            s[s.length - 1] = -1;
            return y.reshape(s);
        }
    }

    private static double lowest(DType t) {
        return switch (t) {
            case UINT8, BOOL -> 0;
            case INT8 -> Byte.MIN_VALUE;
            case INT16 -> Short.MIN_VALUE;
            case INT32 -> Integer.MIN_VALUE;
            case INT64 -> Long.MIN_VALUE;
            default -> Double.NEGATIVE_INFINITY;
        };
    }

    private static Object[] maxPool(OpCall c) {
        Tensor x = c.in(0);
        Window w = Window.of(c, x);
        if (!c.wants(1) && x.dim() == 4 && x.dtype().isFloatingPoint()) {
            Tensor pooled = asTorchPool(x, w);
            if (pooled != null) return new Object[] {pooled};
        }
        Tensor windows = w.cutFlat(w.pad(x, lowest(x.dtype())));
        int last = windows.dim() - 1;
        if (!c.wants(1)) return new Object[] {windows.amax(new int[] {last}, false)};
        ValuesIndicesPair p = argmaxWindows(c, x, w, windows);
        return new Object[] {p.values, p.indices};
    }

    /**
     * 2-d max pooling through {@code F.maxPool2d} (one pass in the backend's pooling kernel instead of
     * window views, a copy and a reduction), where the node's geometry is one PyTorch accepts: symmetric
     * pads of at most half the kernel; null otherwise.
     */
    private static Tensor asTorchPool(Tensor x, Window w) {
        for (int i = 0; i < 2; i++) {
            if (w.begin()[i] != w.end()[i] || 2 * w.begin()[i] > w.kernel()[i]) return null;
        }
        boolean ceil = w.extra()[0] > 0 || w.extra()[1] > 0;
        Tensor y = F.maxPool2d(x, w.kernel(), w.strides(), w.begin(), w.dilations(), ceil);
        return y.size(2) == w.out()[0] && y.size(3) == w.out()[1] ? y : null;
    }

    private record ValuesIndicesPair(Tensor values, Tensor indices) {}

    /** Max values and their flat positions in the input (row-major, or column-major over the spatial dims). */
    private static ValuesIndicesPair argmaxWindows(OpCall c, Tensor x, Window w, Tensor windows) {
        int last = windows.dim() - 1;
        long[] s = x.shape();
        int d = s.length - 2;
        long[] strides = new long[s.length];
        long spatial = Util.prod(s, 2, s.length);
        boolean columnMajor = c.i("storage_order", 0) != 0;
        long st = 1;
        for (int i = 0; i < d; i++) {
            int dim = columnMajor ? 2 + i : s.length - 1 - i;
            strides[dim] = st;
            st *= s[dim];
        }
        strides[1] = spatial;
        strides[0] = spatial * s[1];
        Tensor index = Torch.zeros(s, DType.INT64, x.device());
        for (int dim = 0; dim < s.length; dim++) {
            long[] shape = Util.fill(s.length, 1);
            shape[dim] = s[dim];
            index = index.add(Torch.arange(s[dim]).mul(strides[dim]).reshape(shape).to(x.device()));
        }
        Tensor pos = windows.argmax(last, true);
        Tensor values = windows.gather(last, pos).squeeze(last);
        Tensor indices = w.cutFlat(w.pad(index, -1)).gather(last, pos).squeeze(last);
        return new ValuesIndicesPair(values, indices);
    }

    private static Tensor averagePool(OpCall c) {
        Tensor x = c.in(0);
        Window w = Window.of(c, x);
        Tensor sums = w.cut(w.pad(x, 0)).sum(w.windowDims(), false);
        long[] ones = Util.fill(x.dim(), 1);
        System.arraycopy(w.in(), 0, ones, 2, w.in().length);
        Tensor mask = Torch.ones(ones, x.dtype(), x.device());
        if (c.i("count_include_pad", 0) != 0) {
            mask = Convolutions.padSpatial(mask, w.begin(), w.end(), 1);
            mask = Convolutions.padSpatial(mask, new long[w.in().length], w.extra(), 0);
        } else {
            mask = w.pad(mask, 0);
        }
        Tensor counts = w.cut(mask).sum(w.windowDims(), false);
        return sums.div(counts);
    }

    private static Tensor maxUnpool(OpCall c) {
        Tensor x = c.in(0), idx = c.in(1);
        int d = x.dim() - 2;
        long[] kernel = c.ints("kernel_shape"), strides = Util.or(c.ints("strides"), Util.fill(d, 1));
        long[] pads = Util.or(c.ints("pads"), new long[2 * d]);
        long[] shape = x.shape();
        for (int i = 0; i < d; i++) shape[2 + i] = (shape[2 + i] - 1) * strides[i] + kernel[i] - pads[i] - pads[d + i];
        long n = Util.prod(shape, 0, shape.length);
        Tensor y = Torch.zeros(new long[] {n}, x.dtype(), x.device()).scatter(0, idx.reshape(-1).to(DType.INT64), x.reshape(-1)).reshape(shape);
        if (!c.has(2)) return y;
        // The indices address the default shape; a larger output_shape adds zeros at the end.
        long[] out = c.in(2).toLongArray(), extra = new long[d];
        for (int i = 0; i < d; i++) extra[i] = out[out.length - d + i] - shape[2 + i];
        return Convolutions.padSpatial(y, new long[d], extra, 0);
    }
}
