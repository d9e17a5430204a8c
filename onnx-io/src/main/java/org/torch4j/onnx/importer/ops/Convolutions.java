package org.torch4j.onnx.importer.ops;

import java.util.Arrays;
import org.torch4j.DType;
import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.nn.F;
import org.torch4j.onnx.importer.OpCall;
import org.torch4j.onnx.importer.OpRegistry;

/** Conv, ConvTranspose and ConvInteger, in 1, 2 or 3 spatial dimensions, with ONNX's padding rules. */
public final class Convolutions {
    private Convolutions() {}

    public static void register(OpRegistry.Builder r) {
        r.single("Conv", c -> conv(c, c.in(0), c.in(1), c.opt(2)));
        r.single("ConvTranspose", Convolutions::convTranspose);
        r.single("ConvInteger", c -> {
            Tensor x = Quantization.centered(c.in(0), c.opt(2)), w = Quantization.centered(c.in(1), c.opt(3));
            return conv(c, x, w, null).round().to(DType.INT32);
        });
    }

    /** Begin and end padding per spatial axis, from {@code pads} or {@code auto_pad}. */
    static long[][] pads(OpCall c, long[] in, long[] kernel, long[] strides, long[] dilations) {
        int d = in.length;
        long[] begin = new long[d], end = new long[d];
        String auto = c.s("auto_pad", "NOTSET");
        if (auto.equals("SAME_UPPER") || auto.equals("SAME_LOWER")) {
            for (int i = 0; i < d; i++) {
                long out = Util.ceilDiv(in[i], strides[i]);
                long total = Math.max(0, (out - 1) * strides[i] + (kernel[i] - 1) * dilations[i] + 1 - in[i]);
                begin[i] = auto.equals("SAME_UPPER") ? total / 2 : total - total / 2;
                end[i] = total - begin[i];
            }
        } else if (!auto.equals("VALID")) {
            long[] p = c.ints("pads");
            if (p != null) {
                begin = Arrays.copyOfRange(p, 0, d);
                end = Arrays.copyOfRange(p, d, 2 * d);
            }
        }
        return new long[][] {begin, end};
    }

    /** Zero padding in ONNX's layout (per axis begin/end) applied to the spatial axes of [N, C, ...]. */
    static Tensor padSpatial(Tensor x, long[] begin, long[] end, double value) {
        int d = begin.length;
        long[] p = new long[2 * d];
        for (int i = 0; i < d; i++) {
            p[2 * (d - 1 - i)] = begin[i];
            p[2 * (d - 1 - i) + 1] = end[i];
        }
        return Torch.pad(x, p, "constant", value);
    }

    static Tensor conv(OpCall c, Tensor x, Tensor w, Tensor b) {
        int d = x.dim() - 2;
        long[] in = Arrays.copyOfRange(x.shape(), 2, x.dim()), kernel = Arrays.copyOfRange(w.shape(), 2, w.dim());
        long[] strides = Util.or(c.ints("strides"), Util.fill(d, 1)), dilations = Util.or(c.ints("dilations"), Util.fill(d, 1));
        long[][] pads = pads(c, in, kernel, strides, dilations);
        long[] padding = pads[0];
        if (!Arrays.equals(pads[0], pads[1])) {
            x = padSpatial(x, pads[0], pads[1], 0);
            padding = new long[d];
        }
        long group = c.i("group", 1);
        return switch (d) {
            case 1 -> F.conv1d(x, w, b, strides[0], padding[0], dilations[0], group);
            case 3 -> F.conv3d(x, w, b, strides, padding, dilations, group);
            default -> F.conv2d(x, w, b, strides, padding, dilations, group);
        };
    }

    private static Tensor convTranspose(OpCall c) {
        Tensor x = c.in(0), w = c.in(1), b = c.opt(2);
        int d = x.dim() - 2;
        long group = c.i("group", 1);
        long[] in = Arrays.copyOfRange(x.shape(), 2, x.dim()), kernel = Arrays.copyOfRange(w.shape(), 2, w.dim());
        long[] strides = Util.or(c.ints("strides"), Util.fill(d, 1)), dilations = Util.or(c.ints("dilations"), Util.fill(d, 1));
        long[] outPad = Util.or(c.ints("output_padding"), new long[d]);
        long[] full = new long[d], begin = new long[d], out = new long[d];
        for (int i = 0; i < d; i++) full[i] = (in[i] - 1) * strides[i] + (kernel[i] - 1) * dilations[i] + 1;
        long[] outputShape = c.ints("output_shape");
        String auto = c.s("auto_pad", "NOTSET");
        if (outputShape != null || auto.startsWith("SAME")) {
            for (int i = 0; i < d; i++) {
                out[i] = outputShape != null ? outputShape[outputShape.length - d + i] : in[i] * strides[i];
                long total = Math.max(0, full[i] + outPad[i] - out[i]); // more output than computed: zeros at the end
                begin[i] = auto.equals("SAME_UPPER") ? total / 2 : total - total / 2;
            }
        } else {
            long[] p = auto.equals("VALID") ? null : c.ints("pads");
            for (int i = 0; i < d; i++) {
                begin[i] = p == null ? 0 : p[i];
                long endPad = p == null ? 0 : p[d + i];
                out[i] = full[i] + outPad[i] - begin[i] - endPad;
            }
        }
        Tensor y = switch (d) {
            case 1 -> F.convTranspose1d(x, w, null, strides[0], 0, 0, group, dilations[0]);
            case 3 -> F.convTranspose3d(x, w, null, strides, new long[d], new long[d], group, dilations);
            default -> F.convTranspose2d(x, w, null, strides, new long[d], new long[d], group, dilations);
        };
        // Crop the padding, and extend with zeros where output_padding or output_shape ask for more.
        long[] padBegin = new long[d], padEnd = new long[d];
        for (int i = 0; i < d; i++) {
            padBegin[i] = -begin[i];
            padEnd[i] = out[i] - full[i] + begin[i];
        }
        y = padSpatial(y, padBegin, padEnd, 0);
        if (b != null) {
            long[] bs = Util.fill(d + 1, 1);
            bs[0] = b.size(0);
            y = y.add(b.reshape(bs));
        }
        return y;
    }
}
