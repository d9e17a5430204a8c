package org.torch4j.nn;

import org.torch4j.Tensor;

/** Average pooling over [N, C, H, W] ({@code torch.nn.AvgPool2d}). */
public class AvgPool2d extends Module {
    private final long[] kernel, stride, padding;
    private final boolean ceilMode, countIncludePad;
    private final Long divisorOverride;
    /** The options as given (an int or a pair), for the print form. */
    private final String repr;

    /** A square kernel with stride equal to it, no padding, {@code ceil_mode = false}, {@code count_include_pad = true}. */
    public AvgPool2d(long kernelSize) {
        this(new long[] {kernelSize}, null, new long[] {0}, false, true, null);
    }

    /** A square kernel with the given stride, no padding, {@code ceil_mode = false}, {@code count_include_pad = true}. */
    public AvgPool2d(long kernelSize, long stride) {
        this(new long[] {kernelSize}, new long[] {stride}, new long[] {0}, false, true, null);
    }

    /**
     * Average pooling of {@code (N, C, H, W)} or {@code (C, H, W)}; each output size is
     * {@code floor((in + 2 padding - kernel) / stride) + 1} (rounded up with {@code ceilMode}).
     *
     * @param kernelSize the window, one size or {@code (kH, kW)}
     * @param stride one or two steps; null for the kernel size (PyTorch's default {@code None})
     * @param padding one or two zero paddings (default 0)
     * @param ceilMode round the output size up (default false)
     * @param countIncludePad whether the padding counts in the divisor (default true)
     * @param divisorOverride a fixed divisor in place of the window size, or null (the default)
     */
    public AvgPool2d(long[] kernelSize, long[] stride, long[] padding, boolean ceilMode, boolean countIncludePad,
                     Long divisorOverride) {
        this.kernel = Windows.expand(kernelSize, 2, "kernel_size");
        this.stride = stride == null ? this.kernel : Windows.expand(stride, 2, "stride");
        this.padding = Windows.expand(padding, 2, "padding");
        this.ceilMode = ceilMode;
        this.countIncludePad = countIncludePad;
        this.divisorOverride = divisorOverride;
        this.repr = "kernel_size=" + Py.intOrTuple(kernelSize) + ", stride=" + Py.intOrTuple(stride == null ? kernelSize : stride)
                + ", padding=" + Py.intOrTuple(padding);
    }

    @Override
    public Tensor forward(Tensor input) {
        return F.avgPool2d(input, kernel, stride, padding, ceilMode, countIncludePad, divisorOverride);
    }

    @Override
    protected String extraRepr() {
        return repr;
    }
}
