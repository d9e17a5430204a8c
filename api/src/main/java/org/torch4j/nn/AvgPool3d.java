package org.torch4j.nn;

import org.torch4j.Tensor;

/** Average pooling over [N, C, D, H, W] ({@code torch.nn.AvgPool3d}); stride defaults to the kernel size. */
public class AvgPool3d extends Module {
    private final long[] kernel, stride, padding;
    private final boolean ceilMode, countIncludePad;
    private final Long divisorOverride;
    /** The options as given (an int or a triple), for the print form. */
    private final String repr;

    /** A cubic kernel with stride equal to it. */
    public AvgPool3d(long kernelSize) {
        this(new long[] {kernelSize}, null, new long[] {0}, false, true, null);
    }

    /**
     * Average pooling of {@code (N, C, D, H, W)} or {@code (C, D, H, W)}; each output size is
     * {@code floor((in + 2 padding - kernel) / stride) + 1} (rounded up with {@code ceilMode}).
     *
     * @param kernelSize the window, one size or three
     * @param stride one or three steps; null for the kernel size (PyTorch's default {@code None})
     * @param padding one or three zero paddings (default 0)
     * @param ceilMode round the output size up (default false)
     * @param countIncludePad whether the padding counts in the divisor (default true)
     * @param divisorOverride a fixed divisor in place of the window size, or null (the default)
     * @throws IllegalArgumentException if a size array has neither one nor three entries
     */
    public AvgPool3d(long[] kernelSize, long[] stride, long[] padding, boolean ceilMode, boolean countIncludePad, Long divisorOverride) {
        this.kernel = Windows.expand(kernelSize, 3, "kernel_size");
        this.stride = stride == null ? this.kernel : Windows.expand(stride, 3, "stride");
        this.padding = Windows.expand(padding, 3, "padding");
        this.ceilMode = ceilMode;
        this.countIncludePad = countIncludePad;
        this.divisorOverride = divisorOverride;
        // PyTorch 1.13 prints only these three
        this.repr = "kernel_size=" + Py.intOrTuple(kernelSize) + ", stride=" + Py.intOrTuple(stride == null ? kernelSize : stride)
                + ", padding=" + Py.intOrTuple(padding);
    }

    @Override
    public Tensor forward(Tensor input) {
        return F.avgPool3d(input, kernel, stride, padding, ceilMode, countIncludePad, divisorOverride);
    }

    @Override
    protected String extraRepr() {
        return repr;
    }
}
