package org.torch4j.nn;

import java.util.Arrays;

/**
 * The geometry of sliding windows over the last {@code d} dims of [N, C, spatial...]: kernel size,
 * stride, padding and dilation per spatial dim, with PyTorch's output-size formula and checks.
 */
record Windows(long[] kernel, long[] stride, long[] padding, long[] dilation) {

    static Windows of(int dims, long[] kernel, long[] stride, long[] padding, long[] dilation) {
        return new Windows(expand(kernel, dims, "kernel_size"), expand(stride, dims, "stride"),
                expand(padding, dims, "padding"), expand(dilation, dims, "dilation"));
    }

    /** A single value applies to every dim, as PyTorch's _pair/_triple. */
    static long[] expand(long[] v, int dims, String what) {
        if (v.length == dims) return v.clone();
        if (v.length == 1) {
            long[] r = new long[dims];
            Arrays.fill(r, v[0]);
            return r;
        }
        throw new IllegalArgumentException(what + " must be an int or a tuple of " + dims + " ints, got " + Arrays.toString(v));
    }

    /**
     * im2col's checks of 2-d blocks in PyTorch's order and words: {@code F.unfold} checks kernel, dilation, padding,
     * stride; {@code F.fold} kernel, stride, dilation, padding.
     */
    void checkBlocks(boolean fold) {
        positive("kernel size", "kernel", kernel);
        if (fold) positive("stride", "stride", stride);
        positive("dilation", "dilation", dilation);
        if (padding[0] < 0 || padding[1] < 0) {
            throw new IllegalArgumentException("padding should be non-negative, but got pad_height: " + padding[0]
                    + " pad_width: " + padding[1]);
        }
        if (!fold) positive("stride", "stride", stride);
    }

    private static void positive(String what, String name, long[] v) {
        if (v[0] <= 0 || v[1] <= 0) throw new IllegalArgumentException(what + " should be greater than zero, but got " + axes(name, v, 1));
    }

    /**
     * Sizes named per axis as PyTorch's im2col and transposed-convolution messages: {@code stride_height: 2 stride_width: 2};
     * a 1-d convolution runs as 2-d, its height {@code oneDimHeight}; 3-d adds the depth.
     */
    static String axes(String name, long[] v, long oneDimHeight) {
        long[] sizes = v.length == 1 ? new long[] {oneDimHeight, v[0]} : v;
        String[] axes = sizes.length == 3 ? new String[] {"depth", "height", "width"} : new String[] {"height", "width"};
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < sizes.length; i++) b.append(i == 0 ? "" : " ").append(name).append('_').append(axes[i]).append(": ").append(sizes[i]);
        return b.toString();
    }

    int dims() {
        return kernel.length;
    }

    /** floor((in + 2p - d (k - 1) - 1) / s) + 1 per spatial dim; fails when non-positive. */
    /** The number of window positions along each of the spatial sizes given (0 or negative where none fits). */
    long[] windowCounts(long[] spatial) {
        long[] counts = new long[dims()];
        for (int i = 0; i < counts.length; i++) {
            counts[i] = Math.floorDiv(spatial[i] + 2 * padding[i] - dilation[i] * (kernel[i] - 1) - 1, stride[i]) + 1;
        }
        return counts;
    }

    long[] outputSize(long[] input) {
        long[] out = windowCounts(Arrays.copyOfRange(input, input.length - dims(), input.length));
        for (int i = 0; i < out.length; i++) {
            if (out[i] <= 0) {
                throw new IllegalArgumentException("Given input size: " + sizeStr(input) + ". Calculated output size: "
                        + sizeStr(out) + ". Output size is too small");
            }
        }
        return out;
    }

    private static String sizeStr(long[] s) {
        StringBuilder sb = new StringBuilder("(");
        for (int i = 0; i < s.length; i++) sb.append(i > 0 ? "x" : "").append(s[i]);
        return sb.append(")").toString();
    }

    long kernelVolume() {
        long v = 1;
        for (long k : kernel) v *= k;
        return v;
    }
}
