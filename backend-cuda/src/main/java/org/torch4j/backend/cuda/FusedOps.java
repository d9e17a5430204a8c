package org.torch4j.backend.cuda;

import static org.torch4j.backend.cuda.KernelOperands.FLOATING;
import static org.torch4j.backend.cuda.KernelOperands.REAL;
import static org.torch4j.backend.cuda.KernelOperands.at;
import static org.torch4j.backend.cuda.KernelOperands.device;

import java.util.Arrays;
import org.torch4j.DType;
import org.torch4j.spi.BinaryOp;
import org.torch4j.spi.Strided;

/**
 * The CUDA backend's optional fused kernels (the SPI's softmax, softmaxBackward, thresholdBackward,
 * geluBackward, layerNorm, layerNormBackward, groupNorm, groupNormBackward, batchNorm, batchNormBackward, im2col, col2im,
 * maxPool, conv2d, conv2dWeightGrad, conv2dInputGrad) over {@code fused.cu}, and attention and attentionBackward over {@code attention.cu}. Each
 * declines, returning false so that the api composes primitives, unless its operands are contiguous CUDA tensors
 * of one device and one floating dtype (float32, float64, float16, bfloat16; the norms' statistics and parameters
 * float32 for the 16-bit dtypes), as the hook states them.
 */
final class FusedOps {
    private FusedOps() {}

    /** Bytes of im2col columns a convolution holds at once; larger batches run in chunks of samples. */
    private static final long COLUMNS_BUDGET = 256L << 20;

    // ---- softmax --------------------------------------------------------------------------------

    static boolean softmax(Strided out, Strided in, boolean log) {
        CudaDevice d = device(FLOATING, out, in);
        if (d == null || !sameShape(out, in)) return false;
        lines(d, "softmax_", log, out, in);
        return true;
    }

    static boolean softmaxBackward(Strided gradIn, Strided grad, Strided out, boolean log) {
        CudaDevice d = device(FLOATING, gradIn, grad, out);
        if (d == null || !sameShape(gradIn, grad, out)) return false;
        lines(d, "softmax_backward_", log, gradIn, grad, out);
        return true;
    }

    private static void lines(CudaDevice d, String kernel, boolean log, Strided... operands) {
        Strided first = operands[0];
        long numel = first.numel(), n = first.rank() == 0 ? 1 : first.shape()[first.rank() - 1];
        if (numel == 0) return;
        Object[] tail = new Object[1 + operands.length];
        tail[0] = log ? 1 : 0;
        for (int i = 0; i < operands.length; i++) tail[1 + i] = at(operands[i], 0);
        launchLines(d, kernel + CudaDType.suffix(first.dtype()), numel / n, n, tail);
    }

    /**
     * A kernel over {@code rows} contiguous lines of {@code n} elements, given (rows, n, group, tail...): a warp per
     * line up to 1024 elements (eight lines per block), else a block of 512 per line.
     */
    private static void launchLines(CudaDevice d, String kernel, long rows, long n, Object... tail) {
        if (rows == 0) return;
        int threads = n <= 1024 ? 256 : 512, group = n <= 1024 ? 32 : threads, perBlock = threads / group;
        long blocks = Math.min((rows + perBlock - 1) / perBlock, 1 << 20);
        Object[] args = new Object[3 + tail.length];
        args[0] = rows;
        args[1] = n;
        args[2] = group;
        System.arraycopy(tail, 0, args, 3, tail.length);
        d.launchGrid(kernel, (int) blocks, 1, 1, threads, 0, args);
    }

    // ---- activation derivatives -----------------------------------------------------------------

    static boolean thresholdBackward(Strided out, Strided grad, Strided input, double threshold) {
        CudaDevice d = device(FLOATING, out, grad, input);
        if (d == null || !sameShape(out, grad, input)) return false;
        d.launch("threshold_backward_" + CudaDType.suffix(out.dtype()), out.numel(), out.numel(), threshold,
                at(out, 0), at(grad, 0), at(input, 0));
        return true;
    }

    static boolean geluBackward(Strided gradIn, Strided grad, Strided input) {
        CudaDevice d = device(FLOATING, gradIn, grad, input);
        if (d == null || !sameShape(gradIn, grad, input)) return false;
        d.launch("gelu_backward_" + CudaDType.suffix(gradIn.dtype()), gradIn.numel(), gradIn.numel(),
                at(gradIn, 0), at(grad, 0), at(input, 0));
        return true;
    }

    // ---- layer norm and batch norm --------------------------------------------------------------

    /** Rows of {@code in} [rows, cols]: a warp per row up to 1024 columns (eight rows per block), else a block of 512 per row. */
    static boolean layerNorm(Strided out, Strided mean, Strided rstd, Strided in, Strided weight, Strided bias, double eps) {
        CudaDevice d = normDevice(new Strided[] {out, in}, mean, rstd, weight, bias);
        if (d == null || !perRow(in, mean, rstd, weight, bias) || !sameShape(out, in)) return false;
        launchLines(d, "layer_norm_" + CudaDType.suffix(in.dtype()), in.shape()[0], in.shape()[1], eps, at(out, 0), at(mean, 0),
                at(rstd, 0), at(in, 0), at(weight, 0), at(bias, 0));
        return true;
    }

    /**
     * Group norm as layer norm over rows [N * G, C/G * P] (a sample's group of channels is contiguous) with per-channel
     * weight and bias: layer_norm's kernels instantiated with the channel index (fused.cu's weightAt).
     */
    static boolean groupNorm(Strided out, Strided mean, Strided rstd, Strided in, Strided weight, Strided bias, long groups, double eps) {
        CudaDevice d = normDevice(new Strided[] {out, in}, mean, rstd, weight, bias);
        if (d == null || !groupRows(in, groups, mean, rstd) || !perChannel(in, weight, bias) || !sameShape(out, in)) return false;
        long rows = in.shape()[0] * groups, n = in.numel() / rows, p = in.shape()[2];
        launchLines(d, "group_norm_" + CudaDType.suffix(in.dtype()), rows, n, eps, at(out, 0), at(mean, 0), at(rstd, 0), at(in, 0),
                at(weight, 0), at(bias, 0), p, groups);
        return true;
    }

    /** The input gradient as {@link #groupNorm} runs rows; the weight and bias gradients by a block per channel. */
    static boolean groupNormBackward(Strided gradIn, Strided gradWeight, Strided gradBias, Strided grad, Strided in, Strided mean,
                                     Strided rstd, Strided weight, long groups) {
        CudaDevice d = normDevice(new Strided[] {grad, in, gradIn}, mean, rstd, weight, gradWeight, gradBias);
        if (d == null || !groupRows(in, groups, mean, rstd) || !perChannel(in, weight, gradWeight, gradBias) || !sameShape(grad, in)
                || (gradIn != null && !sameShape(gradIn, in))) {
            return false;
        }
        long c = in.shape()[1], p = in.shape()[2], rows = in.shape()[0] * groups, n = in.numel() / rows;
        String sfx = CudaDType.suffix(in.dtype());
        if (gradIn != null) {
            launchLines(d, "group_norm_backward_" + sfx, rows, n, at(gradIn, 0), at(grad, 0), at(in, 0), at(mean, 0), at(rstd, 0),
                    at(weight, 0), p, groups);
        }
        if (gradWeight != null || gradBias != null) {
            d.launchGrid("group_norm_param_grad_" + sfx, (int) Math.min(c, 1 << 20), 1, 1, 256, 0, in.shape()[0], c, p, groups,
                    at(gradWeight, 0), at(gradBias, 0), at(grad, 0), at(in, 0), at(mean, 0), at(rstd, 0));
        }
        return true;
    }

    /** A non-empty [N, C, P] input in groups dividing C, with [N * G] statistics. */
    private static boolean groupRows(Strided in, long groups, Strided mean, Strided rstd) {
        if (in.rank() != 3 || in.numel() == 0 || groups <= 0 || in.shape()[1] % groups != 0) return false;
        return mean.numel() == in.shape()[0] * groups && rstd.numel() == in.shape()[0] * groups;
    }

    /** The input gradient as {@link #layerNorm} runs rows; the weight and bias gradients (column sums) by a second kernel. */
    static boolean layerNormBackward(Strided gradIn, Strided gradWeight, Strided gradBias, Strided grad, Strided in, Strided mean,
                                     Strided rstd, Strided weight) {
        CudaDevice d = normDevice(new Strided[] {grad, in, gradIn}, mean, rstd, weight, gradWeight, gradBias);
        if (d == null || !perRow(in, mean, rstd, weight, gradWeight) || !perRow(in, mean, rstd, gradBias, null) || !sameShape(grad, in)
                || (gradIn != null && !sameShape(gradIn, in))) {
            return false;
        }
        long rows = in.shape()[0], n = in.shape()[1];
        String sfx = CudaDType.suffix(in.dtype());
        if (gradIn != null) {
            launchLines(d, "layer_norm_backward_" + sfx, rows, n, at(gradIn, 0), at(grad, 0), at(in, 0), at(mean, 0), at(rstd, 0),
                    at(weight, 0));
        }
        if (gradWeight != null || gradBias != null) {
            // 32 columns per block of 512 threads
            long blocks = Math.min((n + 31) / 32, 1 << 20);
            d.launchGrid("layer_norm_param_grad_" + sfx, (int) blocks, 1, 1, 512, 0, rows, n, at(gradWeight, 0), at(gradBias, 0),
                    at(grad, 0), at(in, 0), at(mean, 0), at(rstd, 0));
        }
        return true;
    }

    /**
     * Two kernels over [N, C, P]: the slabs' sums (a block of 256 threads per slab of a channel), then the channel
     * statistics and the output. See {@link Slabs}.
     */
    static boolean batchNorm(Strided out, Strided mean, Strided var, Strided in, Strided weight, Strided bias, double eps) {
        CudaDevice d = normDevice(new Strided[] {out, in}, mean, var, weight, bias);
        if (d == null || !perChannel(in, mean, var, weight, bias) || !sameShape(out, in)) return false;
        Slabs slabs = new Slabs(d, in.shape());
        String sfx = CudaDType.suffix(in.dtype());
        try {
            slabs.launch("batch_norm_stats_" + sfx, slabs.partial(), at(in, 0));
            slabs.launch("batch_norm_apply_" + sfx, eps, at(out, 0), at(mean, 0), at(var, 0), slabs.partial(), at(in, 0), at(weight, 0),
                    at(bias, 0));
        } finally {
            slabs.release();
        }
        return true;
    }

    static boolean batchNormBackward(Strided gradIn, Strided gradWeight, Strided gradBias, Strided grad, Strided in, Strided mean,
                                     Strided invstd, Strided weight) {
        CudaDevice d = normDevice(new Strided[] {grad, in, gradIn}, mean, invstd, weight, gradWeight, gradBias);
        if (d == null || !perChannel(in, mean, invstd, weight, gradWeight, gradBias)
                || !sameShape(grad, in) || (gradIn != null && !sameShape(gradIn, in))) {
            return false;
        }
        Slabs slabs = new Slabs(d, in.shape());
        String sfx = CudaDType.suffix(in.dtype());
        try {
            slabs.launch("batch_norm_backward_sums_" + sfx, slabs.partial(), at(grad, 0), at(in, 0), at(mean, 0));
            slabs.launch("batch_norm_backward_apply_" + sfx, at(gradIn, 0), at(gradWeight, 0), at(gradBias, 0), slabs.partial(),
                    at(grad, 0), at(in, 0), at(mean, 0), at(invstd, 0), at(weight, 0));
        } finally {
            slabs.release();
        }
        return true;
    }

    /**
     * The batch-norm kernels' split of each channel's N * P values into slabs, a block of 256 threads per (channel,
     * slab): as many slabs as fill the GPU (about 16 blocks per multiprocessor) while each keeps at least 2048
     * values (8 per thread), so that 64 channels (ResNet's first layers) still occupy every multiprocessor, where a
     * block per channel left half of an H100 idle. Each kernel gets (n, c, p, slabs, len) first; the sums of each
     * slab meet in a scratch block of two doubles per slab, released (stream-ordered) after the second kernel.
     */
    private static final class Slabs {
        private static final int THREADS = 256;
        private static final long MIN_VALUES = 2048;
        private final CudaDevice d;
        private final long n, c, p, slabs, len;
        private final CudaStorage partial;

        Slabs(CudaDevice d, long[] shape) {
            this.d = d;
            n = shape[0];
            c = shape[1];
            p = shape[2];
            long count = n * p, wanted = Math.max(1, 16L * d.multiprocessors / c);
            long s = Math.max(1, Math.min(wanted, count / MIN_VALUES));
            len = (count + s - 1) / s;
            slabs = (count + len - 1) / len;  // no empty slab
            partial = new CudaStorage(d, DType.FLOAT64, 2 * c * slabs);
        }

        Object partial() {
            return at(new Strided(partial, new long[] {2 * c * slabs}, new long[] {1}, 0), 0);
        }

        void launch(String kernel, Object... tail) {
            Object[] args = new Object[5 + tail.length];
            args[0] = n;
            args[1] = c;
            args[2] = p;
            args[3] = slabs;
            args[4] = len;
            System.arraycopy(tail, 0, args, 5, tail.length);
            d.launchGrid(kernel, (int) Math.min(c * slabs, 1 << 20), 1, 1, THREADS, 0, args);
        }

        void release() {
            partial.release();
        }
    }

    // ---- attention (attention.cu) ----------------------------------------------------------------

    /** Features per row a warp holds in registers: 32 lanes times attention.cu's MAXF. */
    static final long ATTENTION_MAX_FEATURES = 256;

    /** Rows a block of attention.cu's tiled kernels takes, a thread (or a pair) each (its TILE_ROWS). */
    private static final long ATTENTION_TILE_ROWS = 64;

    /**
     * Heads of at most 64 features computing in float (float32, float16, bfloat16): the tiled kernel, a thread per
     * query row and 64 rows per block sharing tiles of keys and values (attention_tiled32/64 by the wider of E and
     * Ev). Otherwise a warp per query row, eight rows per block of 256 threads.
     */
    static boolean attention(Strided out, Strided lse, Strided q, Strided k, Strided v, Strided mask, double scale, boolean causal) {
        CudaDevice d = device(FLOATING, out, q, k, v);
        if (d == null || !attentionOperands(d, q, k, v, out, mask, lse)) return false;
        long b = q.shape()[0], l = q.shape()[1];
        int tile = tileFeatures(q, v);
        String sfx = CudaDType.suffix(q.dtype());
        Object[] args = attentionHead(q, k, v, mask, scale, causal, at(out, 0), at(lse, 0), at(q, 0), at(k, 0), at(v, 0));
        if (tile > 0) {
            d.launchGrid("attention_tiled" + tile + "_" + sfx, tileBlocks(b, l), 1, 1, (int) ATTENTION_TILE_ROWS, 0, args);
        } else {
            d.launchGrid("attention_" + sfx, warpBlocks(b * l), 1, 1, 256, 0, args);
        }
        return true;
    }

    /**
     * Two kernels: one for dq (which also leaves each row's {@code grad . out} in a scratch buffer), then one for dk
     * and dv. Heads of at most 64 features computing in float take the tiled kernels (attention_dq_tiled32/64 and
     * attention_dkv_tiled32/64 by the wider of E and Ev): 64 query (or key) rows per block, a thread per row for 32
     * features and a pair for 64, sharing tiles of the other side's rows. Otherwise a warp per query row, then a warp
     * per key row.
     */
    static boolean attentionBackward(Strided gradQ, Strided gradK, Strided gradV, Strided grad, Strided q, Strided k, Strided v,
                                     Strided out, Strided lse, Strided mask, double scale, boolean causal) {
        CudaDevice d = device(FLOATING, gradQ, gradK, gradV, grad, q, k, v, out);
        if (d == null || !attentionOperands(d, q, k, v, out, mask, lse) || !sameShape(gradQ, q) || !sameShape(gradK, k)
                || !sameShape(gradV, v) || !sameShape(grad, out)) {
            return false;
        }
        long b = q.shape()[0], l = q.shape()[1], s = k.shape()[1];
        String sfx = CudaDType.suffix(q.dtype());
        CudaStorage rowDots = new CudaStorage(d, lse.dtype(), b * l);
        try {
            Strided dots = new Strided(rowDots, new long[] {b * l}, new long[] {1}, 0);
            Object[] dq = attentionHead(q, k, v, mask, scale, causal, at(gradQ, 0), at(dots, 0), at(grad, 0), at(q, 0), at(k, 0),
                    at(v, 0), at(out, 0), at(lse, 0));
            Object[] dkv = attentionHead(q, k, v, mask, scale, causal, at(gradK, 0), at(gradV, 0), at(grad, 0), at(q, 0), at(k, 0),
                    at(v, 0), at(lse, 0), at(dots, 0));
            int tile = tileFeatures(q, v);
            if (tile > 0) {
                String tiled = "_tiled" + tile + "_" + sfx;
                int threads = (int) ATTENTION_TILE_ROWS * tile / 32;  // a thread per row at 32 features, a pair at 64
                d.launchGrid("attention_dq" + tiled, tileBlocks(b, l), 1, 1, threads, 0, dq);
                d.launchGrid("attention_dkv" + tiled, tileBlocks(b, s), 1, 1, threads, 0, dkv);
            } else {
                d.launchGrid("attention_dq_" + sfx, warpBlocks(b * l), 1, 1, 256, 0, dq);
                d.launchGrid("attention_dkv_" + sfx, warpBlocks(b * s), 1, 1, 256, 0, dkv);
            }
        } finally {
            // the kernels queued on the stream run before any later use of the block
            rowDots.release();
        }
        return true;
    }

    /**
     * q [B, L, E], k [B, S, E], v [B, S, Ev], out [B, L, Ev] (contiguous, checked by the caller's device()), E and Ev
     * within a warp's registers, lse [B, L] of the kernels' accumulator type, and a mask of q's dtype on the same
     * device, [B, L, S] with any strides, or none.
     */
    private static boolean attentionOperands(CudaDevice d, Strided q, Strided k, Strided v, Strided out, Strided mask, Strided lse) {
        if (q.rank() != 3 || k.rank() != 3 || v.rank() != 3 || q.numel() == 0 || k.numel() == 0 || v.numel() == 0) return false;
        long b = q.shape()[0], l = q.shape()[1], s = k.shape()[1], e = q.shape()[2];
        if (k.shape()[0] != b || v.shape()[0] != b || k.shape()[2] != e || v.shape()[1] != s) return false;
        if (!Arrays.equals(out.shape(), new long[] {b, l, v.shape()[2]})) return false;
        if (e > ATTENTION_MAX_FEATURES || v.shape()[2] > ATTENTION_MAX_FEATURES) return false;
        DType stats = q.dtype() == DType.FLOAT64 ? DType.FLOAT64 : DType.FLOAT32;
        if (!(lse.storage() instanceof CudaStorage ls) || ls.cudaDevice() != d || lse.dtype() != stats || !lse.isContiguous()
                || lse.numel() != b * l) {
            return false;
        }
        return mask == null || (mask.storage() instanceof CudaStorage ms && ms.cudaDevice() == d && mask.dtype() == q.dtype()
                && Arrays.equals(mask.shape(), new long[] {b, l, s}));
    }

    /** The sizes, scale, causal flag and mask every attention kernel takes first, then {@code tail}. */
    private static Object[] attentionHead(Strided q, Strided k, Strided v, Strided mask, double scale, boolean causal, Object... tail) {
        long[] ms = mask == null ? new long[3] : mask.strides();
        Object[] head = {q.shape()[0], q.shape()[1], k.shape()[1], q.shape()[2], v.shape()[2], scale, causal ? 1 : 0, at(mask, 0),
                ms[0], ms[1], ms[2]};
        Object[] args = Arrays.copyOf(head, head.length + tail.length);
        System.arraycopy(tail, 0, args, head.length, tail.length);
        return args;
    }

    /**
     * The tiled kernels' feature width for these heads, 32 or 64 by the wider of E and Ev, or 0 where the warp kernels
     * run instead (float64, or heads wider than 64).
     */
    private static int tileFeatures(Strided q, Strided v) {
        long width = Math.max(q.shape()[2], v.shape()[2]);
        return q.dtype() == DType.FLOAT64 || width > 64 ? 0 : width <= 32 ? 32 : 64;
    }

    /** Blocks of the tiled kernels for {@code rows} rows in each of b batches (grid-stride past 2^20 blocks). */
    private static int tileBlocks(long b, long rows) {
        return (int) Math.max(1, Math.min(b * ((rows + ATTENTION_TILE_ROWS - 1) / ATTENTION_TILE_ROWS), 1 << 20));
    }

    /** Blocks of eight warps for one warp per row (grid-stride past 2^20 blocks). */
    private static int warpBlocks(long rows) {
        return (int) Math.max(1, Math.min((rows + 7) / 8, 1 << 20));
    }

    // ---- sliding windows ------------------------------------------------------------------------

    static boolean im2col(Strided input, Strided cols, long[] kernel, long[] stride, long[] padding, long[] dilation, long[] outSize) {
        CudaDevice d = device(FLOATING, input, cols);
        long planes = planes(input, kernel.length);
        if (d == null || !windows(input, kernel, stride, padding, dilation, outSize)
                || cols.numel() != planes * product(kernel) * product(outSize)) {
            return false;
        }
        long[] w = win(input.shape(), kernel, stride, padding, dilation, outSize);
        d.launch("im2col_" + CudaDType.suffix(input.dtype()), cols.numel(), planes, w, at(cols, 0), at(input, 0));
        return true;
    }

    static boolean col2im(Strided cols, Strided image, long[] kernel, long[] stride, long[] padding, long[] dilation, long[] outSize) {
        CudaDevice d = device(FLOATING, image, cols);
        long planes = planes(image, kernel.length);
        if (d == null || !windows(image, kernel, stride, padding, dilation, outSize)
                || cols.numel() != planes * product(kernel) * product(outSize)) {
            return false;
        }
        long[] w = win(image.shape(), kernel, stride, padding, dilation, outSize);
        d.launch("col2im_" + CudaDType.suffix(image.dtype()), image.numel(), planes, w, at(image, 0), at(cols, 0));
        return true;
    }

    static boolean maxPool(Strided input, Strided values, Strided indices, long[] kernel, long[] stride, long[] padding,
                           long[] dilation, long[] outSize) {
        CudaDevice d = device(FLOATING, input, values);
        long planes = planes(input, kernel.length);
        if (d == null || !(indices.storage() instanceof CudaStorage cs) || cs.cudaDevice() != d || indices.dtype() != DType.INT64
                || !indices.isContiguous() || !windows(input, kernel, stride, padding, dilation, outSize)
                || values.numel() != planes * product(outSize) || indices.numel() != values.numel()) {
            return false;
        }
        long[] w = win(input.shape(), kernel, stride, padding, dilation, outSize);
        d.launch("max_pool_" + CudaDType.suffix(input.dtype()), values.numel(), planes, w,
                at(values, 0), at(indices, 0), at(input, 0));
        return true;
    }

    /** 1 to 3 spatial dims, positive kernel, stride and dilation, padding and output sizes not negative. */
    private static boolean windows(Strided image, long[] kernel, long[] stride, long[] padding, long[] dilation, long[] outSize) {
        int d = kernel.length;
        if (d < 1 || d > 3 || image.rank() < d) return false;
        for (int i = 0; i < d; i++) {
            if (kernel[i] < 1 || stride[i] < 1 || dilation[i] < 1 || padding[i] < 0 || outSize[i] < 0) return false;
        }
        return true;
    }

    /** The product of the dims before the d spatial ones. */
    private static long planes(Strided image, int d) {
        return product(Arrays.copyOf(image.shape(), Math.max(0, image.rank() - d)));
    }

    private static long product(long[] values) {
        long p = 1;
        for (long v : values) p *= v;
        return p;
    }

    /**
     * The {@code Win} struct of fused.cu: per dim the input size, kernel, stride, padding, dilation and output
     * size, over three dims (fewer are padded in front with a size-1 dim and a window of 1).
     */
    static long[] win(long[] imageShape, long[] kernel, long[] stride, long[] padding, long[] dilation, long[] outSize) {
        int d = kernel.length;
        long[] w = new long[18];
        for (int a = 0; a < 3; a++) {
            int i = a - (3 - d);
            boolean pad = i < 0;
            w[a] = pad ? 1 : imageShape[imageShape.length - d + i];
            w[3 + a] = pad ? 1 : kernel[i];
            w[6 + a] = pad ? 1 : stride[i];
            w[9 + a] = pad ? 0 : padding[i];
            w[12 + a] = pad ? 1 : dilation[i];
            w[15 + a] = pad ? 1 : outSize[i];
        }
        return w;
    }

    // ---- convolution as im2col + GEMM -----------------------------------------------------------

    /** out[n] = weight [O, C*KH*KW] @ im2col(input[n]) [C*KH*KW, OH*OW] (+ bias), a batched GEMM per chunk of samples. */
    static boolean conv2d(CudaBackend backend, Strided input, Strided weight, Strided bias, Strided out, long[] stride,
                          long[] padding, long[] dilation) {
        CudaDevice d = device(FLOATING, input, weight, out, bias);
        if (d == null || input.rank() != 4 || weight.rank() != 4 || out.rank() != 4) return false;
        long[] kernel = {weight.shape()[2], weight.shape()[3]}, outSize = {out.shape()[2], out.shape()[3]};
        long o = weight.shape()[0], k = input.shape()[1] * kernel[0] * kernel[1], l = outSize[0] * outSize[1];
        if (!windows(input, kernel, stride, padding, dilation, outSize) || weight.shape()[1] != input.shape()[1]
                || out.shape()[0] != input.shape()[0] || out.shape()[1] != o || (bias != null && bias.numel() != o)) {
            return false;
        }
        if (out.numel() == 0) return true;
        if (k == 0) {
            backend.fill(out, 0);
        } else if (kernel[0] == 1 && kernel[1] == 1 && stride[0] == 1 && stride[1] == 1 && padding[0] == 0 && padding[1] == 0) {
            // a 1x1 convolution with stride 1 and no padding: each sample's input [C, H*W] is its own im2col, so one GEMM
            long n = input.shape()[0];
            Strided a = weight.with(new long[] {n, o, k}, new long[] {0, k, 1}, weight.offset());
            Strided x = input.with(new long[] {n, k, l}, new long[] {k * l, l, 1}, input.offset());
            Strided y = out.with(new long[] {n, o, l}, new long[] {o * l, l, 1}, out.offset());
            backend.gemm(y, a, x, 1, 0, backend.allowConvTf32());
        } else {
            columns(d, input, kernel, stride, padding, dilation, outSize, false, (n0, m, cols) -> {
                // the weight broadcast over the chunk's samples (batch stride 0)
                Strided a = weight.with(new long[] {m, o, k}, new long[] {0, k, 1}, weight.offset());
                Strided y = out.with(new long[] {m, o, l}, new long[] {o * l, l, 1}, out.offset() + n0 * o * l);
                backend.gemm(y, a, cols, 1, 0, backend.allowConvTf32());
            });
        }
        if (bias != null) backend.binary(BinaryOp.ADD, new double[] {1}, out, out, bias.with(out.shape(), new long[] {0, 1, 0, 0}, bias.offset()));
        return true;
    }

    /**
     * gradWeight [O, C*KH*KW] = the sum over samples n of gradOut[n] [O, OH*OW] @ im2col(input[n])^T, as one GEMM per
     * chunk of samples: the chunk's columns laid out as [C*KH*KW, samples * OH*OW] (im2col_rows) and its output
     * gradient copied to [O, samples * OH*OW], so that the GEMM's reduction runs over samples and positions at once
     * (one launch where a GEMM per sample took N, each reading and writing all of gradWeight). Chunks after the first
     * accumulate (beta 1), which would round partial sums in 16 bits: float16 and bfloat16 only when one chunk holds
     * the batch (the api composes the rest).
     */
    static boolean conv2dWeightGrad(CudaBackend backend, Strided gradOut, Strided input, Strided gradWeight, long[] stride,
                                    long[] padding, long[] dilation) {
        CudaDevice d = device(FLOATING, gradOut, input, gradWeight);
        if (d == null || gradOut.rank() != 4 || input.rank() != 4 || gradWeight.rank() != 4) return false;
        long[] kernel = {gradWeight.shape()[2], gradWeight.shape()[3]}, outSize = {gradOut.shape()[2], gradOut.shape()[3]};
        long n = input.shape()[0], o = gradWeight.shape()[0], k = input.shape()[1] * kernel[0] * kernel[1], l = outSize[0] * outSize[1];
        if (!windows(input, kernel, stride, padding, dilation, outSize) || gradWeight.shape()[1] != input.shape()[1]
                || gradOut.shape()[0] != n || gradOut.shape()[1] != o) {
            return false;
        }
        DType t = input.dtype();
        long per = samplesPerChunk(n, k * l, t);
        if (per < n && !REAL.contains(t)) return false;
        if (gradWeight.numel() == 0) return true;
        Strided gw = gradWeight.with(new long[] {1, o, k}, new long[] {o * k, k, 1}, gradWeight.offset());
        if (n == 0 || l == 0) {
            backend.fill(gradWeight, 0);
            return true;
        }
        CudaStorage gathered = per > 1 ? new CudaStorage(d, t, per * o * l) : null;
        try {
            columns(d, input, kernel, stride, padding, dilation, outSize, true, (n0, m, cols) -> {
                long ml = m * l;
                Strided g = gradOut.with(new long[] {1, o, l}, new long[] {o * l, l, 1}, gradOut.offset() + n0 * o * l);
                if (m > 1) {
                    // the chunk's [m, O, L] as [O, m, L]
                    Strided dst = new Strided(gathered, new long[] {o, m, l}, new long[] {ml, l, 1}, 0);
                    backend.copy(dst, gradOut.with(new long[] {o, m, l}, new long[] {l, o * l, 1}, gradOut.offset() + n0 * o * l));
                    g = dst.with(new long[] {1, o, ml}, new long[] {o * ml, ml, 1}, 0);
                }
                Strided c = cols.with(new long[] {1, ml, k}, new long[] {k * ml, 1, ml}, cols.offset());
                backend.gemm(gw, g, c, 1, n0 == 0 ? 0 : 1, backend.allowConvTf32());
            });
        } finally {
            if (gathered != null) gathered.release();
        }
        return true;
    }

    /**
     * gradInput[n] = col2im(weight^T [C*KH*KW, O] @ gradOut[n] [O, OH*OW]): a batched GEMM per chunk of samples into
     * columns, then the gather that sums, for each input position, the column entries of the windows covering it.
     */
    static boolean conv2dInputGrad(CudaBackend backend, Strided gradOut, Strided weight, Strided gradInput, long[] stride,
                                   long[] padding, long[] dilation) {
        CudaDevice d = device(FLOATING, gradOut, weight, gradInput);
        if (d == null || gradOut.rank() != 4 || weight.rank() != 4 || gradInput.rank() != 4) return false;
        long[] kernel = {weight.shape()[2], weight.shape()[3]}, outSize = {gradOut.shape()[2], gradOut.shape()[3]};
        long n = gradInput.shape()[0], c = gradInput.shape()[1], o = weight.shape()[0];
        long k = c * kernel[0] * kernel[1], l = outSize[0] * outSize[1], plane = gradInput.shape()[2] * gradInput.shape()[3];
        if (!windows(gradInput, kernel, stride, padding, dilation, outSize) || weight.shape()[1] != c || gradOut.shape()[0] != n
                || gradOut.shape()[1] != o) {
            return false;
        }
        if (gradInput.numel() == 0) return true;
        if (o == 0 || l == 0) {
            backend.fill(gradInput, 0);
            return true;
        }
        DType t = gradInput.dtype();
        long[] w = win(gradInput.shape(), kernel, stride, padding, dilation, outSize);
        inChunks(d, t, n, k * l, (n0, m, buffer) -> {
            Strided cols = new Strided(buffer, new long[] {m, k, l}, new long[] {k * l, l, 1}, 0);
            // the weight transposed, broadcast over the chunk's samples (batch stride 0)
            Strided a = weight.with(new long[] {m, k, o}, new long[] {0, 1, k}, weight.offset());
            Strided g = gradOut.with(new long[] {m, o, l}, new long[] {o * l, l, 1}, gradOut.offset() + n0 * o * l);
            backend.gemm(cols, a, g, 1, 0, backend.allowConvTf32());
            d.launch("col2im_" + CudaDType.suffix(t), m * c * plane, m * c, w, at(gradInput, n0 * c * plane), at(cols, 0));
        });
        return true;
    }

    /** A chunk of samples [n0, n0 + m) and a buffer of columns for it (m * the per-sample size at least). */
    private interface ChunkBody {
        void run(long n0, long m, CudaStorage buffer);
    }

    /**
     * Runs {@code body} over the n samples in chunks whose columns ({@code perSample} elements each) fit in
     * {@link #COLUMNS_BUDGET}, with one buffer released at the end.
     */
    private static void inChunks(CudaDevice d, DType t, long n, long perSample, ChunkBody body) {
        long per = samplesPerChunk(n, perSample, t);
        CudaStorage buffer = new CudaStorage(d, t, per * perSample);
        try {
            for (long n0 = 0; n0 < n; n0 += per) body.run(n0, Math.min(per, n - n0), buffer);
        } finally {
            // later kernels on the stream run after the ones queued here, so the block may be reused at once
            buffer.release();
        }
    }

    private interface Chunk {
        /**
         * Samples [n0, n0 + m) of the input, whose columns are {@code cols}: [m, C*KH*KW, OH*OW], or with
         * {@code rows} [C*KH*KW, m * OH*OW].
         */
        void run(long n0, long m, Strided cols);
    }

    /** Samples whose columns ({@code perSample} elements of t each) fit in {@link #COLUMNS_BUDGET}, at least one. */
    private static long samplesPerChunk(long n, long perSample, DType t) {
        return Math.max(1, Math.min(n, COLUMNS_BUDGET / Math.max(1, perSample * t.itemSize())));
    }

    /** im2col of the input [N, C, H, W], a chunk of samples at a time, into one buffer released at the end. */
    private static void columns(CudaDevice d, Strided input, long[] kernel, long[] stride, long[] padding, long[] dilation,
                                long[] outSize, boolean rows, Chunk chunk) {
        DType t = input.dtype();
        long n = input.shape()[0], c = input.shape()[1], plane = input.shape()[2] * input.shape()[3];
        long k = c * kernel[0] * kernel[1], l = outSize[0] * outSize[1];
        long[] w = win(input.shape(), kernel, stride, padding, dilation, outSize);
        String sfx = CudaDType.suffix(t);
        inChunks(d, t, n, k * l, (n0, m, buffer) -> {
            Strided cols = new Strided(buffer, new long[] {m * k * l}, new long[] {1}, 0);
            if (rows) {
                d.launch("im2col_rows_" + sfx, m * k * l, m * c, c, w, at(cols, 0), at(input, n0 * c * plane));
                chunk.run(n0, m, cols.with(new long[] {k, m * l}, new long[] {m * l, 1}, 0));
            } else {
                d.launch("im2col_" + sfx, m * k * l, m * c, w, at(cols, 0), at(input, n0 * c * plane));
                chunk.run(n0, m, cols.with(new long[] {m, k, l}, new long[] {k * l, l, 1}, 0));
            }
        });
    }

    // ---- operands -------------------------------------------------------------------------------

    /** A non-empty [rows, cols] input, per-column operands (null: none) of cols elements, per-row statistics of rows. */
    private static boolean perRow(Strided in, Strided mean, Strided rstd, Strided a, Strided b) {
        if (in.rank() != 2 || in.numel() == 0) return false;
        long rows = in.shape()[0], n = in.shape()[1];
        return mean.numel() == rows && rstd.numel() == rows && (a == null || a.numel() == n) && (b == null || b.numel() == n);
    }

    /**
     * The device of a norm's data operands (one floating dtype) and of its per-row or per-channel operands (statistics,
     * parameters, their gradients: float32 for float32 and the 16-bit dtypes, float64 for float64, as the SPI states
     * them), or null.
     */
    private static CudaDevice normDevice(Strided[] data, Strided... statistics) {
        CudaDevice d = device(FLOATING, data);
        if (d == null) return null;
        DType stats = data[1].dtype() == DType.FLOAT64 ? DType.FLOAT64 : DType.FLOAT32;
        return device(java.util.EnumSet.of(stats), statistics) == d ? d : null;
    }

    /** A non-empty [N, C, P] input and per-channel operands (null: none) of C elements. */
    private static boolean perChannel(Strided in, Strided... perChannel) {
        if (in.rank() != 3 || in.numel() == 0) return false;
        for (Strided s : perChannel) if (s != null && s.numel() != in.shape()[1]) return false;
        return true;
    }

    private static boolean sameShape(Strided first, Strided... others) {
        for (Strided s : others) if (!Arrays.equals(first.shape(), s.shape())) return false;
        return true;
    }
}
