package org.torch4j.nn;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.torch4j.Function;
import org.torch4j.FunctionContext;
import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.ValuesIndices;
import org.torch4j.internal.Internals;
import org.torch4j.trace.Trace;

/** Max, average and adaptive pooling over any number of spatial dims, through window columns. */
final class Pooling {
    private Pooling() {}

    /**
     * Output size with PyTorch's ceil_mode rule (a last window must start inside the input or left padding); fails as
     * PyTorch's pool shape check when a size is not positive, showing the channels and every spatial size.
     */
    static long[] outputSize(long channels, long[] in, long[] k, long[] s, long[] p, long[] dil, boolean ceil) {
        long[] out = new long[k.length];
        boolean tooSmall = false;
        for (int i = 0; i < k.length; i++) {
            out[i] = outputLength(in[i], k[i], s[i], p[i], dil[i], ceil);
            tooSmall |= out[i] <= 0;
        }
        if (tooSmall) {
            throw new IllegalArgumentException("Given input size: " + planes(channels, in) + ". Calculated output size: " + planes(channels, out)
                    + ". Output size is too small");
        }
        return out;
    }

    /** One dim's output length, with PyTorch's ceil_mode rule; may be 0 or negative where the window does not fit. */
    static long outputLength(long in, long k, long s, long p, long dil, boolean ceil) {
        long num = in + 2 * p - dil * (k - 1) - 1;
        long o = (ceil ? Math.floorDiv(num + s - 1, s) : Math.floorDiv(num, s)) + 1;
        if (ceil && (o - 1) * s >= in + p) o--;
        return o;
    }

    /**
     * PyTorch's checks of a pooling window, in its order and words: a zero stride first, then kernel, stride and
     * dilation (null for average pooling) positive, each naming its sizes as {@code kH: 2 kW: 0}. A 1-d average
     * pool reports through the 2-d check, as PyTorch's does; a 1-d max pool has its own {@code max_pool1d()} words.
     */
    static void checkWindow(boolean max, long[] kernel, long[] stride, long[] dilation) {
        if (max && kernel.length == 1) {
            positive1d("kernel_size", kernel[0]);
            positive1d("stride", stride[0]);
            positive1d("dilation", dilation[0]);
            return;
        }
        for (long s : stride) if (s == 0) throw new IllegalArgumentException("stride should not be zero");
        positive("kernel size", "k", kernel);
        positive("stride", "d", stride);
        if (dilation != null) positive("dilation", "dilation", dilation);
    }

    /** PyTorch's rank check of max and average pooling over {@code d} dims, worded per op as PyTorch's. */
    private static void checkRank(boolean max, int d, Tensor input) {
        if (input.dim() == d + 1 || input.dim() == d + 2) return;
        if (d == 1 && max) {
            throw new IllegalArgumentException("max_pool1d: Expected 2D or 3D (batch mode) tensor with optional 0 dim batch size for "
                    + "input, but got:" + Arrays.toString(input.shape()));
        }
        if (d == 1) {
            throw new IllegalArgumentException("Expected 2 to 3 dimensions, but got " + input.dim() + "-dimensional tensor for argument "
                    + "#1 'self' (while checking arguments for avg_pool1d)");
        }
        throw new IllegalArgumentException("non-empty " + (d + 1) + "D or " + (d + 2) + "D (batch mode) tensor expected for input");
    }

    private static void positive1d(String what, long value) {
        if (value <= 0) {
            throw new IllegalArgumentException("max_pool1d() " + what + " must be greater than zero, but got " + value);
        }
    }

    private static void positive(String what, String prefix, long[] sizes) {
        if (Arrays.stream(sizes).allMatch(v -> v > 0)) return;
        long[] dims = sizes.length == 1 ? new long[] {1, sizes[0]} : sizes;   // 1-d pools run as 2-d with height 1
        String[] axes = dims.length == 3 ? new String[] {"T", "H", "W"} : new String[] {"H", "W"};
        StringBuilder got = new StringBuilder();
        for (int i = 0; i < dims.length; i++) got.append(i == 0 ? "" : " ").append(prefix).append(axes[i]).append(": ").append(dims[i]);
        throw new IllegalArgumentException(what + " should be greater than zero, but got " + got);
    }

    /** {@code (CxHxW)}, as PyTorch's pool shape checks print sizes. */
    private static String planes(long channels, long[] sizes) {
        StringBuilder sb = new StringBuilder("(").append(channels);
        for (long v : sizes) sb.append('x').append(v);
        return sb.append(')').toString();
    }

    /** [N, C, spatial...] padded with {@code value} so that every window lies inside. */
    private static Tensor padFor(Tensor x, long[] out, long[] k, long[] s, long[] p, long[] dil, double value) {
        int d = k.length;
        long[] pads = new long[2 * d];
        boolean any = false;
        for (int i = 0; i < d; i++) {
            long in = x.size(x.dim() - d + i);
            long needed = (out[i] - 1) * s[i] + dil[i] * (k[i] - 1) + 1;
            long right = Math.max(0, needed - in - p[i]);
            pads[2 * (d - 1 - i)] = p[i];
            pads[2 * (d - 1 - i) + 1] = right;
            any |= p[i] != 0 || right != 0;
        }
        return any ? Torch.pad(x, pads, "constant", value) : x;
    }

    /** A padding below 0 read outside the input (found by fuzzing); PyTorch's message, max_pool1d's own where it has one. */
    private static void checkPad(long pad, String message) {
        if (pad < 0) throw new IllegalArgumentException((message == null ? "pad must be non-negative, but got pad: " : message) + pad);
    }

    /** Windows of a padded [N, C, spatial...] as [N, C, L, K]. */
    private static Tensor windows(Tensor padded, Windows w) {
        int d = w.dims();
        long n = padded.size(0), c = padded.size(1);
        Tensor cols = Im2Col.apply(padded, w);                // [N, C*K, L]
        return cols.reshape(n, c, w.kernelVolume(), -1).transpose(2, 3);
    }

    static Tensor[] maxPool(Tensor input, long[] kernel, long[] stride, long[] padding, long[] dilation, boolean ceil) {
        return maxPool(input, kernel, stride, padding, dilation, ceil, true);
    }

    /**
     * Max pooling: {values, indices}. The flat indices (PyTorch's {@code return_indices}) take several
     * integer ops over the whole output, so they are computed only when {@code withIndices}; otherwise
     * the second element is null.
     */
    static Tensor[] maxPool(Tensor input, long[] kernel, long[] stride, long[] padding, long[] dilation, boolean ceil,
                            boolean withIndices) {
        if (Trace.recording()) return Trace.op("aten::max_pool", () -> maxPool(input, kernel, stride, padding, dilation, ceil, true), input, kernel, stride, padding, dilation, ceil);
        int d = kernel.length;
        checkRank(true, d, input);
        boolean unbatched = input.dim() == d + 1;
        Tensor x = unbatched ? input.unsqueeze(0) : input;
        long[] s = stride == null || stride.length == 0 ? kernel : Windows.expand(stride, d, "stride");
        long[] p = Windows.expand(padding, d, "padding"), dil = Windows.expand(dilation, d, "dilation");
        checkWindow(true, kernel, s, dil);
        for (int i = 0; i < d; i++) {
            checkPad(p[i], d == 1 ? "max_pool1d() padding must be non-negative, but got " : null);
            if (p[i] * 2 > kernel[i]) {
                throw new IllegalArgumentException("pad should be at most half of effective kernel size, but got pad=" + p[i]
                        + ", kernel_size=" + kernel[i] + " and dilation=" + dil[i]);
            }
        }
        long[] in = Arrays.copyOfRange(x.shape(), 2, 2 + d);
        if (d == 1 && !withIndices) {
            // F.max_pool1d has its own kernel in PyTorch: a window that never fits gives an empty result, and only a
            // negative length is refused
            long length = outputLength(in[0], kernel[0], s[0], p[0], dil[0], ceil);
            if (length < 0) throw new IllegalArgumentException("max_pool1d() Invalid computed output size: " + length);
            if (length == 0) {
                Tensor empty = x.narrow(2, 0, 0).clone(); // in the graph when x requires grad, as PyTorch's result
                return new Tensor[] {unbatched ? empty.squeeze(0) : empty, null};
            }
        }
        long[] out = outputSize(x.size(1), in, kernel, s, p, dil, ceil);
        Tensor[] fused = Internals.get().maxPool(x.detach(), kernel, s, p, dil, out);
        if (fused != null) {
            Tensor values = new GradToArgmax(fused[0], fused[1]).apply1(x);
            if (!unbatched) return new Tensor[] {values, withIndices ? fused[1] : null};
            return new Tensor[] {values.squeeze(0), withIndices ? fused[1].squeeze(0) : null};
        }
        Tensor padded = padFor(x, out, kernel, s, p, dil, Double.NEGATIVE_INFINITY);
        Windows w = Windows.of(d, kernel, s, new long[] {0}, dil);
        Tensor[] r = new MaxOverWindows(w).apply(padded);
        long[] shape = new long[d + 2];
        shape[0] = x.size(0);
        shape[1] = x.size(1);
        System.arraycopy(out, 0, shape, 2, d);
        Tensor values = r[0].reshape(shape);
        Tensor indices = withIndices ? flatIndices(r[1], in, kernel, s, p, dil, out).reshape(shape) : null;
        if (!unbatched) return new Tensor[] {values, indices};
        return new Tensor[] {values.squeeze(0), indices == null ? null : indices.squeeze(0)};
    }

    /** PyTorch's return_indices form: the flat position of each maximum within its input plane. */
    private static Tensor flatIndices(Tensor windowIdx, long[] in, long[] k, long[] s, long[] p, long[] dil, long[] out) {
        int d = k.length;
        long l = 1;
        for (long o : out) l *= o;
        Tensor pos = Torch.zeros(windowIdx.shape(), org.torch4j.DType.INT64);
        Tensor cell = Torch.arange(l);
        // row-major unravelling of the window offset and the output position, last dim first
        long kStride = 1, oStride = 1, planeStride = 1;
        for (int i = d - 1; i >= 0; i--) {
            Tensor ki = windowIdx.div(kStride, "floor").remainder((double) k[i]).toLong();
            Tensor oi = cell.div(oStride, "floor").remainder((double) out[i]).toLong();
            Tensor coord = oi.mul(s[i]).sub(p[i]).add(ki.mul(dil[i]));
            pos = pos.add(coord.mul(planeStride));
            kStride *= k[i];
            oStride *= out[i];
            planeStride *= in[i];
        }
        return pos;
    }

    /**
     * The backend's max-pool result as a function of the input: the values come precomputed with their
     * flat argmax positions, and the gradient is added at those positions (a scatter-add, itself
     * differentiable, so double backward works).
     */
    private static final class GradToArgmax extends Function {
        private final Tensor values, indices;

        GradToArgmax(Tensor values, Tensor indices) {
            this.values = values;
            this.indices = indices;
        }

        @Override
        protected Tensor[] forward(FunctionContext ctx, Tensor... in) {
            ctx.put("shape", in[0].shape());
            return new Tensor[] {values};
        }

        @Override
        protected Tensor[] backward(FunctionContext ctx, Tensor... g) {
            long[] shape = ctx.get("shape");
            long n = shape[0], c = shape[1];
            Tensor planes = Torch.zeros(new long[] {n, c, Arrays.stream(shape).skip(2).reduce(1, (a, b) -> a * b)},
                    g[0].dtype(), g[0].device());
            // in place: planes is this node's own zeros, so a copy of them would only cost time
            return new Tensor[] {planes.scatterAdd_(2, indices.reshape(n, c, -1), g[0].reshape(n, c, -1)).reshape(shape)};
        }
    }

    /** max over each window with the argmax; the gradient goes to the argmax (the adjoint through col2im). */
    private static final class MaxOverWindows extends Function {
        private final Windows w;

        MaxOverWindows(Windows w) {
            this.w = w;
        }

        @Override
        protected Tensor[] forward(FunctionContext ctx, Tensor... in) {
            Tensor win = windows(in[0], w);                    // [N, C, L, K]
            ValuesIndices m = win.max(3);
            ctx.put("shape", in[0].shape());
            ctx.saveForBackward(m.indices());
            ctx.markNonDifferentiable(m.indices());
            return new Tensor[] {m.values(), m.indices()};
        }

        @Override
        protected Tensor[] backward(FunctionContext ctx, Tensor... g) {
            Tensor idx = ctx.savedTensors()[0];
            long[] shape = ctx.get("shape");
            long n = shape[0], c = shape[1], k = w.kernelVolume();
            long l = idx.size(2);
            Tensor cols = Torch.zeros(new long[] {n, c, l, k}, g[0].dtype(), g[0].device())
                    .scatter(3, idx.unsqueeze(3), g[0].unsqueeze(3));
            return new Tensor[] {Col2Im.apply(cols.transpose(2, 3).reshape(n, c * k, l), shape, w)};
        }
    }

    static Tensor avgPool(Tensor input, long[] kernel, long[] stride, long[] padding, boolean ceil, boolean countIncludePad,
                          Long divisorOverride) {
        if (Trace.recording()) return Trace.op("aten::avg_pool", () -> avgPool(input, kernel, stride, padding, ceil, countIncludePad, divisorOverride), input, kernel, stride, padding, ceil, countIncludePad, divisorOverride);
        int d = kernel.length;
        checkRank(false, d, input);
        boolean unbatched = input.dim() == d + 1;
        Tensor x = unbatched ? input.unsqueeze(0) : input;
        long[] s = stride == null || stride.length == 0 ? kernel : Windows.expand(stride, d, "stride");
        long[] p = Windows.expand(padding, d, "padding");
        checkWindow(false, kernel, s, null);
        long[] dil = new long[d];
        Arrays.fill(dil, 1);
        for (int i = 0; i < d; i++) {
            checkPad(p[i], null);
            if (p[i] * 2 > kernel[i]) {
                throw new IllegalArgumentException("pad should be at most half of kernel size, but got pad=" + p[i]
                        + " and kernel_size=" + kernel[i]);
            }
        }
        long[] in = Arrays.copyOfRange(x.shape(), 2, 2 + d);
        long[] out = outputSize(x.size(1), in, kernel, s, p, dil, ceil);
        Windows w = Windows.of(d, kernel, s, new long[] {0}, dil);
        Tensor sums = windows(padFor(x, out, kernel, s, p, dil, 0), w).sum(3);
        Tensor divisor;
        if (divisorOverride != null) {
            divisor = Torch.scalarTensor((double) divisorOverride).to(x.dtype());
        } else {
            // count the elements of each window: inside the padding when count_include_pad, else only real ones
            long[] one = new long[d + 2];
            Arrays.fill(one, 1);
            System.arraycopy(in, 0, one, 2, d);
            Tensor ones = Torch.ones(one, x.dtype(), x.device());
            // elements beyond the symmetric padding (ceil mode) never count
            Tensor counted = countIncludePad
                    ? padFor(Torch.pad(ones, symmetric(p), "constant", 1), out, kernel, s, new long[d], dil, 0)
                    : padFor(ones, out, kernel, s, p, dil, 0);
            divisor = windows(counted, w).sum(3);
        }
        long[] shape = new long[d + 2];
        shape[0] = x.size(0);
        shape[1] = x.size(1);
        System.arraycopy(out, 0, shape, 2, d);
        Tensor y = sums.div(divisor).reshape(shape);
        return unbatched ? y.squeeze(0) : y;
    }

    private static long[] symmetric(long[] p) {
        int d = p.length;
        long[] pads = new long[2 * d];
        for (int i = 0; i < d; i++) {
            pads[2 * (d - 1 - i)] = p[i];
            pads[2 * (d - 1 - i) + 1] = p[i];
        }
        return pads;
    }

    /** Adaptive average pooling as one averaging matrix per spatial dim (windows floor(i*in/out)..ceil((i+1)*in/out)). */
    static Tensor adaptiveAvgPool(Tensor input, long[] outputSize) {
        if (Trace.recording()) return Trace.op("aten::adaptive_avg_pool", () -> adaptiveAvgPool(input, outputSize), input, outputSize);
        int d = outputSize.length;
        if (input.dim() != d + 1 && input.dim() != d + 2) {
            throw new IllegalArgumentException("adaptive_avg_pool" + d + "d(): Expected " + (d + 1) + "D or " + (d + 2)
                    + "D tensor, but got " + Arrays.toString(input.shape()));
        }
        long[] out = new long[d];
        boolean even = true;
        for (int i = 0; i < d; i++) {
            long in = input.size(input.dim() - d + i);
            out[i] = outputSize[i] < 0 ? in : outputSize[i];
            even &= out[i] > 0 && in % out[i] == 0;
        }
        if (even) return evenWindows(input, out);
        Tensor y = input;
        for (int i = 0; i < d; i++) {
            int dim = input.dim() - d + i;
            y = averageWindows(y, dim, input.size(dim), out[i]);
        }
        return y;
    }

    /**
     * Windows that tile every pooled dim evenly (global pooling included): each dim split into (windows, window
     * length) by one reshape, and one mean over all the window lengths at once. Dim by dim, global pooling of
     * [8, 64, 56, 56] took 0.97 ms (its first mean ran down the columns); now the windows are whole dense runs.
     */
    private static Tensor evenWindows(Tensor y, long[] out) {
        long[] shape = y.shape();
        int d = out.length, lead = shape.length - d;
        long[] split = new long[lead + 2 * d];
        System.arraycopy(shape, 0, split, 0, lead);
        int[] windowDims = new int[d];
        for (int i = 0; i < d; i++) {
            split[lead + 2 * i] = out[i];
            split[lead + 2 * i + 1] = shape[lead + i] / out[i];
            windowDims[i] = lead + 2 * i + 1;
        }
        return y.reshape(split).mean(windowDims, false);
    }

    /**
     * The means of the adaptive windows along one dim, each over its own elements only (a product with an averaging
     * matrix would carry an infinity or NaN into every window through its zeros): one reshape when the windows tile
     * the dim evenly (global pooling included), else a mean per window.
     */
    private static Tensor averageWindows(Tensor y, int dim, long in, long out) {
        if (out == 0) return y.narrow(dim, 0, 0).clone();
        if (in % out == 0) {
            long[] shape = y.shape();
            long[] split = new long[shape.length + 1];
            System.arraycopy(shape, 0, split, 0, dim);
            split[dim] = out;
            split[dim + 1] = in / out;
            System.arraycopy(shape, dim + 1, split, dim + 2, shape.length - dim - 1);
            return y.reshape(split).mean(new int[] {dim + 1}, false);
        }
        java.util.List<Tensor> windows = new java.util.ArrayList<>();
        for (long o = 0; o < out; o++) {
            long start = Math.floorDiv(o * in, out), end = -Math.floorDiv(-(o + 1) * in, out);
            windows.add(y.narrow(dim, start, end - start).mean(new int[] {dim}, true));
        }
        return Torch.cat(windows, dim);
    }

    /**
     * Adaptive max pooling over the last {@code outputSize.length} dims (-1 keeps a size): the maximum of
     * each adaptive window (floor(i * in / out) to ceil((i + 1) * in / out) along each dim; the first of
     * ties), with its flat index in the input plane.
     */
    static Tensor[] adaptiveMaxPool(Tensor input, long[] outputSize) {
        int d = outputSize.length;
        if (Trace.recording()) {
            return Trace.op("aten::adaptive_max_pool" + d + "d", () -> adaptiveMaxPool(input, outputSize), input, outputSize);
        }
        String name = "adaptive_max_pool" + d + "d";
        if (input.dim() != d + 1 && input.dim() != d + 2) {
            throw new IllegalArgumentException(name + "(): Expected " + (d + 1) + "D or " + (d + 2) + "D tensor, but got: "
                    + Arrays.toString(input.shape()));
        }
        for (int i = 1; i < input.dim(); i++) {
            if (input.size(i) == 0) {
                throw new IllegalArgumentException(name + "(): Expected input to have non-zero size for non-batch dimensions, but "
                        + "input has sizes " + Arrays.toString(input.shape()) + " with dimension " + i + " being empty");
            }
        }
        if (!input.isFloatingPoint()) {
            throw new IllegalArgumentException("\"" + name + "_cpu\" not implemented for '" + Internals.get().cppName(input.dtype()) + "'");
        }
        boolean unbatched = input.dim() == d + 1;
        Tensor x = unbatched ? input.unsqueeze(0) : input;
        long[] in = Arrays.copyOfRange(x.shape(), 2, 2 + d), out = new long[d];
        long cells = 1;
        for (int i = 0; i < d; i++) {
            out[i] = outputSize[i] < 0 ? in[i] : outputSize[i];
            cells *= out[i];
        }
        long[] shape = new long[d + 2];
        shape[0] = x.size(0);
        shape[1] = x.size(1);
        System.arraycopy(out, 0, shape, 2, d);
        if (cells == 0) {   // an empty output (a zero output size), still on the input's graph
            Tensor v = x.flatten(2, 1 + d).narrow(2, 0, 0).reshape(shape);
            Tensor ix = Torch.zeros(shape, org.torch4j.DType.INT64, x.device());
            return unbatched ? new Tensor[] {v.squeeze(0), ix.squeeze(0)} : new Tensor[] {v, ix};
        }
        List<Tensor> values = new ArrayList<>(), indices = new ArrayList<>();
        long[] cell = new long[d], start = new long[d], length = new long[d];
        for (long q = 0; q < cells; q++) {
            Tensor region = x;
            for (int i = 0; i < d; i++) {
                start[i] = Math.floorDiv(cell[i] * in[i], out[i]);
                length[i] = -Math.floorDiv(-(cell[i] + 1) * in[i], out[i]) - start[i];
                region = region.narrow(2 + i, start[i], length[i]);
            }
            ValuesIndices m = region.flatten(2, 1 + d).max(2);
            // the window's row-major index unravelled, moved to the window's start, ravelled in the input plane
            Tensor flat = null;
            long inner = 1, plane = 1;
            for (int i = d - 1; i >= 0; i--) {
                Tensor coord = m.indices().div(inner, "floor").remainder((double) length[i]).toLong().add(start[i]);
                flat = flat == null ? coord : flat.add(coord.mul(plane));
                inner *= length[i];
                plane *= in[i];
            }
            values.add(m.values());
            indices.add(flat);
            for (int i = d - 1; i >= 0 && ++cell[i] == out[i]; i--) cell[i] = 0;
        }
        Tensor v = Torch.stack(values, 2).reshape(shape), ix = Torch.stack(indices, 2).reshape(shape);
        return unbatched ? new Tensor[] {v.squeeze(0), ix.squeeze(0)} : new Tensor[] {v, ix};
    }

    /**
     * The output size of max unpooling over the last {@code d} dims, as PyTorch's {@code _unpool_output_size}:
     * {@code (in - 1) stride - 2 padding + kernel} per dim, or {@code outputSize} (d sizes, or d + 2 with
     * N and C first) when each lies within a stride of that.
     */
    static long[] unpoolOutputSize(Tensor input, int d, long[] kernelSize, long[] stride, long[] padding, long[] outputSize) {
        long[] k = Windows.expand(kernelSize, d, "kernel_size");
        long[] s = stride == null ? k : Windows.expand(stride, d, "stride");
        long[] p = Windows.expand(padding, d, "padding");
        long[] out = new long[d];
        for (int i = 0; i < d; i++) out[i] = (input.size(input.dim() - d + i) - 1) * s[i] + k[i] - 2 * p[i];
        if (outputSize == null) return out;
        if (outputSize.length != d && outputSize.length != d + 2) {
            throw new IllegalArgumentException("output_size should be a sequence containing " + d + " or " + (d + 2)
                    + " elements, but it has a length of '" + outputSize.length + "'");
        }
        long[] wanted = Arrays.copyOfRange(outputSize, outputSize.length - d, outputSize.length);
        for (int i = 0; i < d; i++) {
            if (wanted[i] <= out[i] - s[i] || wanted[i] >= out[i] + s[i]) {
                throw new IllegalArgumentException("invalid output_size \"" + Arrays.toString(outputSize) + "\" (dim " + i
                        + " must be between " + (out[i] - s[i]) + " and " + (out[i] + s[i]) + ")");
            }
        }
        return wanted;
    }

    /**
     * Max unpooling: zeros of [N, C, outSize...] with each input value written at its flat index in
     * its plane (the indices of max pooling); the gradient of the values is gathered back by scatter.
     */
    static Tensor maxUnpool(Tensor input, Tensor indices, long[] outSize) {
        if (Trace.recording()) return Trace.op("aten::max_unpool", () -> maxUnpool(input, indices, outSize), input, indices, outSize);
        int d = outSize.length;
        if (!Arrays.equals(input.shape(), indices.shape())) {
            throw new IllegalArgumentException("Expected shape of indices to be same as that of the input tensor ("
                    + Arrays.toString(input.shape()) + ") but got indices tensor with shape: " + Arrays.toString(indices.shape()));
        }
        if (indices.dtype() != org.torch4j.DType.INT64) {
            throw new IllegalArgumentException("elements in indices should be type int64 but got: "
                    + org.torch4j.internal.Internals.get().cppName(indices.dtype()));
        }
        boolean unbatched = input.dim() == d + 1;
        Tensor x = unbatched ? input.unsqueeze(0) : input, ix = unbatched ? indices.unsqueeze(0) : indices;
        long n = x.size(0), c = x.size(1), plane = 1;
        for (long o : outSize) plane *= o;
        Tensor flatIx = ix.reshape(n, c, -1);
        if (flatIx.numel() > 0 && (flatIx.min().itemLong() < 0 || flatIx.max().itemLong() >= plane)) {
            long bad = flatIx.min().itemLong() < 0 ? flatIx.min().itemLong() : flatIx.max().itemLong();
            // PyTorch's wording, its parenthesis unclosed; a 1-d output prints as L x 1
            String volume = d == 1 ? outSize[0] + "x1" : outSize[0] + "x" + outSize[1] + (d == 3 ? "x" + outSize[2] : "");
            throw new IllegalArgumentException("Found an invalid max index: " + bad + " (output volumes are of size " + volume);
        }
        long[] shape = new long[d + 2];
        shape[0] = n;
        shape[1] = c;
        System.arraycopy(outSize, 0, shape, 2, d);
        Tensor y = Torch.zeros(new long[] {n, c, plane}, x.dtype(), x.device()).scatter(2, flatIx, x.reshape(n, c, -1)).reshape(shape);
        return unbatched ? y.squeeze(0) : y;
    }
}
