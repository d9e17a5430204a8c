package org.torch4j.nn;

import java.util.Arrays;
import org.torch4j.Tensor;
import org.torch4j.internal.Internals;
import org.torch4j.Torch;
import org.torch4j.trace.Trace;

/**
 * Convolutions of any spatial rank as im2col + batched GEMM (and transposed convolutions as GEMM +
 * col2im), with groups, stride, padding (numbers or "same"/"valid") and dilation; single-group 1-d and
 * 2-d convolutions go to the backend's direct kernels where it has them ({@link DirectConvolution}).
 */
final class Convolution {
    private Convolution() {}

    /** Padding given as a string: "valid" (none) or "same" (output size = input size, stride 1). */
    static long[] stringPadding(String padding, int d, long[] kernel, long[] dilation, long[] stride) {
        return switch (padding) {
            case "valid" -> new long[d];
            case "same" -> {
                for (long s : stride) {
                    if (s != 1) throw new IllegalArgumentException("padding='same' is not supported for strided convolutions");
                }
                yield null; // resolved per call: may be asymmetric
            }
            default -> throw new IllegalArgumentException("Invalid padding string '" + padding + "', should be one of {'valid', 'same'}");
        };
    }

    /** For padding "same": pads the input (asymmetrically when the total is odd) and returns it. */
    static Tensor padSame(Tensor x, long[] kernel, long[] dilation) {
        int d = kernel.length;
        long[] pads = new long[2 * d];
        for (int i = 0; i < d; i++) {
            long total = dilation[i] * (kernel[i] - 1);
            long left = total / 2;
            pads[2 * (d - 1 - i)] = left;
            pads[2 * (d - 1 - i) + 1] = total - left;
        }
        return allZero(pads) ? x : Torch.pad(x, pads); // (a pad by 0 is a copy, as PyTorch's)
    }

    static boolean allZero(long[] pads) {
        for (long p : pads) if (p != 0) return false;
        return true;
    }

    static Tensor conv(Tensor input, Tensor weight, Tensor bias, long[] stride, long[] padding, long[] dilation, long groups) {
        if (Trace.recording()) return Trace.op("aten::_convolution", () -> conv(input, weight, bias, stride, padding, dilation, groups), input, weight, bias, stride, padding, dilation, false, null, groups);
        int d = weight.dim() - 2;
        boolean unbatched = input.dim() == d + 1;
        Tensor x = unbatched ? input.unsqueeze(0) : input;
        if (x.dim() != d + 2) {
            throw new IllegalArgumentException("Expected " + (d + 1) + "D (unbatched) or " + (d + 2) + "D (batched) input to conv"
                    + d + "d, but got input of size: " + Arrays.toString(input.shape()));
        }
        long n = x.size(0), c = x.size(1), o = weight.size(0);
        long[] kernel = Arrays.copyOfRange(weight.shape(), 2, 2 + d);
        Windows w = Windows.of(d, kernel, stride, padding, dilation);
        checkParams(w, null, groups);
        if (c != weight.size(1) * groups) {
            throw new IllegalArgumentException("Given groups=" + groups + ", weight of size " + Arrays.toString(weight.shape())
                    + ", expected input" + Arrays.toString(x.shape()) + " to have " + weight.size(1) * groups
                    + " channels, but got " + c + " channels instead");
        }
        if (o % groups != 0) throw new IllegalArgumentException("out_channels must be divisible by groups");
        checkBias(bias, o, weight, "");
        checkKernelFits(x, w);
        long[] out = w.outputSize(x.shape());
        if (groups == 1) {
            Tensor direct = DirectConvolution.tryConv(x, weight, bias, w.stride(), w.padding(), w.dilation());
            if (direct != null) return unbatched ? direct.squeeze(0) : Internals.get().followChannelsLast(direct, x, weight);
        }
        Tensor cols = Im2Col.apply(x, w);                                    // [N, C*k, L]
        Tensor y;
        if (groups == 1) {
            y = weight.reshape(o, -1).matmul(cols);                         // [N, O, L]
        } else {
            long k = cols.size(1) / groups;
            Tensor g = cols.reshape(n, groups, k, -1);                       // [N, G, Cg*k, L]
            y = weight.reshape(groups, o / groups, k).matmul(g).reshape(n, o, -1);
        }
        long[] shape = new long[d + 2];
        shape[0] = n;
        shape[1] = o;
        System.arraycopy(out, 0, shape, 2, d);
        y = y.reshape(shape);
        if (!unbatched) y = Internals.get().followChannelsLast(y, x, weight);  // the bias add keeps the layout
        if (bias != null) y = y.add(bias.reshape(biasShape(o, d)));
        return unbatched ? y.squeeze(0) : y;
    }

    static Tensor convTranspose(Tensor input, Tensor weight, Tensor bias, long[] stride, long[] padding, long[] outputPadding,
                                long[] dilation, long groups) {
        if (Trace.recording()) return Trace.op("aten::_convolution", () -> convTranspose(input, weight, bias, stride, padding, outputPadding, dilation, groups), input, weight, bias, stride, padding, dilation, true, outputPadding, groups);
        int d = weight.dim() - 2;
        boolean unbatched = input.dim() == d + 1;
        Tensor x = unbatched ? input.unsqueeze(0) : input;
        long n = x.size(0), c = x.size(1);
        if (c != weight.size(0)) {
            throw new IllegalArgumentException("Given transposed=1, weight of size " + Arrays.toString(weight.shape())
                    + ", expected input" + Arrays.toString(x.shape()) + " to have " + weight.size(0) + " channels, but got " + c
                    + " channels instead");
        }
        long o = weight.size(1) * groups;
        checkBias(bias, o, weight, "transposed=1, ");
        long[] kernel = Arrays.copyOfRange(weight.shape(), 2, 2 + d);
        Windows w = Windows.of(d, kernel, stride, padding, dilation);
        long[] op = Windows.expand(outputPadding, d, "output_padding");
        checkParams(w, op, groups);
        long[] outShape = new long[d + 2];
        outShape[0] = n;
        outShape[1] = o;
        for (int i = 0; i < d; i++) {
            if (op[i] >= Math.max(w.stride()[i], w.dilation()[i])) {
                throw new IllegalArgumentException("output padding must be smaller than either stride or dilation, but got "
                        + Windows.axes("output_padding", op, 0) + " " + Windows.axes("stride", w.stride(), 1) + " "
                        + Windows.axes("dilation", w.dilation(), 1));
            }
            outShape[2 + i] = (x.size(2 + i) - 1) * w.stride()[i] - 2 * w.padding()[i] + w.dilation()[i] * (kernel[i] - 1) + op[i] + 1;
        }
        long[] inSpatial = Arrays.copyOfRange(x.shape(), 2, 2 + d), outSpatial = Arrays.copyOfRange(outShape, 2, 2 + d);
        if (Arrays.stream(outSpatial).anyMatch(v -> v <= 0)) {
            throw new IllegalArgumentException("Given input size per channel: (" + joined(inSpatial) + "). Calculated output size "
                    + "per channel: (" + joined(outSpatial) + "). Output size is too small");
        }
        long l = 1;   // the input's spatial size (x.numel() / (n c) divided by zero for an empty batch or no channels)
        for (int i = 0; i < d; i++) l *= x.size(2 + i);
        Tensor xs = x.reshape(n, c, l);
        Tensor cols;
        if (groups == 1) {
            cols = weight.reshape(c, -1).t().matmul(xs);                      // [N, O*k, L]
        } else {
            long cg = c / groups;
            Tensor wg = weight.reshape(groups, cg, -1).transpose(1, 2);       // [G, Og*k, Cg]
            cols = wg.matmul(xs.reshape(n, groups, cg, l)).reshape(n, -1, l);
        }
        // The windows are summed into the whole unpadded image, which a convolution over it would read back
        // exactly (x's size along each dim), then cut to the output: padding off the front, and the output
        // padding at the end, zeros where it reaches past the windows. (Summing into the output shape directly
        // misplaces rows when the output padding changes how many windows that shape holds.)
        long[] whole = outShape.clone();
        for (int i = 0; i < d; i++) whole[2 + i] = (x.size(2 + i) - 1) * w.stride()[i] + w.dilation()[i] * (kernel[i] - 1) + 1;
        Tensor y = Col2Im.apply(cols, whole, Windows.of(d, kernel, w.stride(), new long[d], w.dilation()));
        boolean cut = false;
        for (int i = 0; i < d; i++) {
            long missing = w.padding()[i] + outShape[2 + i] - whole[2 + i];
            if (missing > 0) {
                long[] zeros = y.shape();
                zeros[2 + i] = missing;
                y = Torch.cat(java.util.List.of(y, Torch.zeros(zeros, y.dtype(), y.device())), 2 + i);
            }
            if (w.padding()[i] != 0 || outShape[2 + i] != whole[2 + i]) {
                y = y.narrow(2 + i, w.padding()[i], outShape[2 + i]);
                cut = true;
            }
        }
        if (bias != null) y = y.add(bias.reshape(biasShape(o, d)));
        else if (cut) y = y.contiguous();
        return unbatched ? y.squeeze(0) : y;
    }

    /** PyTorch's check that the (dilated) kernel fits in the padded input, in its words. */
    private static void checkKernelFits(Tensor x, Windows w) {
        int d = w.dims();
        long[] padded = new long[d], span = new long[d];
        boolean fits = true;
        for (int i = 0; i < d; i++) {
            padded[i] = x.size(2 + i) + 2 * w.padding()[i];
            span[i] = w.dilation()[i] * (w.kernel()[i] - 1) + 1;
            fits &= padded[i] >= span[i];
        }
        if (!fits) {
            throw new IllegalArgumentException("Calculated padded input size per channel: (" + joined(padded) + "). Kernel size: ("
                    + joined(span) + "). Kernel size can't be greater than actual input size");
        }
    }

    private static String joined(long[] v) {
        return Arrays.stream(v).mapToObj(Long::toString).collect(java.util.stream.Collectors.joining(" x "));
    }

    /**
     * PyTorch's convolution parameter checks, in its order and words: groups, padding, output padding (transposed
     * only, else null), stride, dilation. (For a transposed 2-d convolution PyTorch words a zero dilation as
     * slow_conv_transpose2d's shape check does; torch4j keeps the convolution's words.)
     */
    private static void checkParams(Windows w, long[] outputPadding, long groups) {
        if (groups <= 0) throw new IllegalArgumentException("non-positive groups is not supported");
        if (Arrays.stream(w.padding()).anyMatch(v -> v < 0)) throw new IllegalArgumentException("negative padding is not supported");
        if (outputPadding != null && Arrays.stream(outputPadding).anyMatch(v -> v < 0)) {
            throw new IllegalArgumentException("negative output_padding is not supported");
        }
        if (Arrays.stream(w.stride()).anyMatch(v -> v <= 0)) throw new IllegalArgumentException("non-positive stride is not supported");
        if (Arrays.stream(w.dilation()).anyMatch(v -> v <= 0)) throw new IllegalArgumentException("non-positive dilation is not supported");
    }

    /**
     * PyTorch's rank checks of {@code F.conv<d>d} and {@code F.conv_transpose<d>d}, in its order: the input's rank,
     * then the weight's (which PyTorch reports through the stride it would have to match).
     */
    static void checkRanks(String op, int d, Tensor input, Tensor weight, long[] stride) {
        if (input.dim() != d + 1 && input.dim() != d + 2) {
            throw new IllegalArgumentException("Expected " + (d + 1) + "D (unbatched) or " + (d + 2) + "D (batched) input to " + op
                    + ", but got input of size: " + Arrays.toString(input.shape()));
        }
        if (weight.dim() < 3) throw new IllegalArgumentException("weight should have at least three dimensions");
        if (weight.dim() != d + 2) {
            throw new IllegalArgumentException("expected stride to be a single integer value or a list of " + (weight.dim() - 2)
                    + " values to match the convolution dimensions, but got stride=" + Arrays.toString(Windows.expand(stride, d, "stride")));
        }
    }

    private static void checkBias(Tensor bias, long out, Tensor weight, String transposed) {
        if (bias != null && (bias.dim() != 1 || bias.size(0) != out)) {
            throw new IllegalArgumentException("Given " + transposed + "weight of size " + Arrays.toString(weight.shape())
                    + ", expected bias to be 1-dimensional with " + out + " elements, but got bias of size "
                    + Arrays.toString(bias.shape()) + " instead");
        }
    }

    private static long[] biasShape(long o, int d) {
        long[] s = new long[d + 1];
        Arrays.fill(s, 1);
        s[0] = o;
        return s;
    }
}
