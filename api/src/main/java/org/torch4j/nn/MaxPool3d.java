package org.torch4j.nn;

import org.torch4j.Tensor;

/** Max pooling over [N, C, D, H, W] ({@code torch.nn.MaxPool3d}); stride defaults to the kernel size. */
public class MaxPool3d extends Module {
    private final long[] kernel, stride, padding, dilation;
    private final boolean ceilMode;
    /** The options as given (an int or a triple), for the print form. */
    private final String repr;

    /** A cubic kernel with stride equal to it. */
    public MaxPool3d(long kernelSize) {
        this(new long[] {kernelSize}, null, new long[] {0}, new long[] {1}, false);
    }

    /**
     * Max pooling of {@code (N, C, D, H, W)} or {@code (C, D, H, W)}; each output size is
     * {@code floor((in + 2 padding - dilation (kernel - 1) - 1) / stride) + 1} (rounded up with {@code ceilMode}).
     * {@code return_indices} is not an option here (see {@link F#maxPool3dWithIndices}).
     *
     * @param kernelSize the window, one size or three
     * @param stride one or three steps; null for the kernel size (PyTorch's default {@code None})
     * @param padding one or three negative-infinity paddings (default 0)
     * @param dilation one or three spacings between window elements (default 1)
     * @param ceilMode round the output size up (default false)
     * @throws IllegalArgumentException if a size array has neither one nor three entries
     */
    public MaxPool3d(long[] kernelSize, long[] stride, long[] padding, long[] dilation, boolean ceilMode) {
        this.kernel = Windows.expand(kernelSize, 3, "kernel_size");
        this.stride = stride == null ? this.kernel : Windows.expand(stride, 3, "stride");
        this.padding = Windows.expand(padding, 3, "padding");
        this.dilation = Windows.expand(dilation, 3, "dilation");
        this.ceilMode = ceilMode;
        this.repr = "kernel_size=" + Py.intOrTuple(kernelSize) + ", stride=" + Py.intOrTuple(stride == null ? kernelSize : stride)
                + ", padding=" + Py.intOrTuple(padding) + ", dilation=" + Py.intOrTuple(dilation) + ", ceil_mode="
                + (ceilMode ? "True" : "False");
    }

    @Override
    public Tensor forward(Tensor input) {
        return F.maxPool3d(input, kernel, stride, padding, dilation, ceilMode);
    }

    @Override
    protected String extraRepr() {
        return repr;
    }
}
