package org.torch4j.nn;

import org.torch4j.Tensor;

/** Max pooling over [N, C, H, W] ({@code torch.nn.MaxPool2d}); stride defaults to the kernel size. */
public class MaxPool2d extends Module {
    private final long[] kernel, stride, padding, dilation;
    private final boolean ceilMode;
    /** The options as given (an int or a pair), for the print form. */
    private final String repr;

    /** A square kernel with stride equal to it and PyTorch's defaults {@code padding = 0, dilation = 1, ceil_mode = false}. */
    public MaxPool2d(long kernelSize) {
        this(new long[] {kernelSize}, null, new long[] {0}, new long[] {1}, false);
    }

    /** A square kernel with the given stride and PyTorch's defaults {@code padding = 0, dilation = 1, ceil_mode = false}. */
    public MaxPool2d(long kernelSize, long stride) {
        this(new long[] {kernelSize}, new long[] {stride}, new long[] {0}, new long[] {1}, false);
    }

    /**
     * Max pooling of {@code (N, C, H, W)} or {@code (C, H, W)}; each output size is
     * {@code floor((in + 2 padding - dilation (kernel - 1) - 1) / stride) + 1} (rounded up with {@code ceilMode}).
     * {@code return_indices} is not an option here (see {@link F#maxPool2dWithIndices}).
     *
     * @param kernelSize the window, one size or {@code (kH, kW)}
     * @param stride one or two steps; null for the kernel size (PyTorch's default {@code None})
     * @param padding one or two negative-infinity paddings (default 0)
     * @param dilation one or two spacings between window elements (default 1)
     * @param ceilMode round the output size up (default false)
     * @throws IllegalArgumentException if a size array has neither one nor two entries
     */
    public MaxPool2d(long[] kernelSize, long[] stride, long[] padding, long[] dilation, boolean ceilMode) {
        this.kernel = Windows.expand(kernelSize, 2, "kernel_size");
        this.stride = stride == null ? this.kernel : Windows.expand(stride, 2, "stride");
        this.padding = Windows.expand(padding, 2, "padding");
        this.dilation = Windows.expand(dilation, 2, "dilation");
        this.ceilMode = ceilMode;
        this.repr = "kernel_size=" + Py.intOrTuple(kernelSize) + ", stride=" + Py.intOrTuple(stride == null ? kernelSize : stride)
                + ", padding=" + Py.intOrTuple(padding) + ", dilation=" + Py.intOrTuple(dilation) + ", ceil_mode="
                + (ceilMode ? "True" : "False");
    }

    @Override
    public Tensor forward(Tensor input) {
        return F.maxPool2d(input, kernel, stride, padding, dilation, ceilMode);
    }

    @Override
    protected String extraRepr() {
        return repr;
    }
}
