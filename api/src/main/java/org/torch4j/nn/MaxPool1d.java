package org.torch4j.nn;

import org.torch4j.Tensor;

/** Max pooling over [N, C, L] ({@code torch.nn.MaxPool1d}). */
public class MaxPool1d extends Module {
    private final long kernel, stride, padding, dilation;
    private final boolean ceilMode;

    /** With stride equal to the kernel and PyTorch's defaults {@code padding = 0, dilation = 1, ceil_mode = false}. */
    public MaxPool1d(long kernelSize) {
        this(kernelSize, kernelSize, 0, 1, false);
    }

    /**
     * Max pooling of {@code (N, C, L)} or {@code (C, L)} to
     * {@code L_out = floor((L + 2 padding - dilation (kernelSize - 1) - 1) / stride) + 1} (rounded up with {@code ceilMode}).
     * {@code return_indices} is not an option here (see {@link F#maxPool1dWithIndices}).
     *
     * @param kernelSize the window length
     * @param stride the step; 0 or less means the kernel size (PyTorch's default {@code None})
     * @param padding negative-infinity padding on both sides (default 0)
     * @param dilation the spacing between window elements (default 1)
     * @param ceilMode round the output length up (default false)
     */
    public MaxPool1d(long kernelSize, long stride, long padding, long dilation, boolean ceilMode) {
        this.kernel = kernelSize;
        this.stride = stride <= 0 ? kernelSize : stride;
        this.padding = padding;
        this.dilation = dilation;
        this.ceilMode = ceilMode;
    }

    @Override
    public Tensor forward(Tensor input) {
        return F.maxPool1d(input, kernel, stride, padding, dilation, ceilMode);
    }

    @Override
    protected String extraRepr() {
        return "kernel_size=" + kernel + ", stride=" + stride + ", padding=" + padding + ", dilation=" + dilation
                + ", ceil_mode=" + (ceilMode ? "True" : "False");
    }
}
