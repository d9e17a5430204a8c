package org.torch4j.nn;

import org.torch4j.Tensor;

/** Average pooling over [N, C, L] ({@code torch.nn.AvgPool1d}). */
public class AvgPool1d extends Module {
    private final long kernel, stride, padding;
    private final boolean ceilMode, countIncludePad;

    /** Average pooling with stride equal to the kernel, no padding, {@code ceil_mode = false}, {@code count_include_pad = true}. */
    public AvgPool1d(long kernelSize) {
        this(kernelSize, kernelSize, 0, false, true);
    }

    /**
     * Average pooling of {@code (N, C, L)} or {@code (C, L)} to {@code L_out = floor((L + 2 padding - kernelSize) / stride) + 1}
     * (rounded up with {@code ceilMode}).
     *
     * @param kernelSize the window length
     * @param stride the step; 0 or less means the kernel size (PyTorch's default {@code None})
     * @param padding zero padding on both sides (default 0)
     * @param ceilMode round the output length up (default false)
     * @param countIncludePad whether the padding counts in the divisor (default true)
     */
    public AvgPool1d(long kernelSize, long stride, long padding, boolean ceilMode, boolean countIncludePad) {
        this.kernel = kernelSize;
        this.stride = stride <= 0 ? kernelSize : stride;
        this.padding = padding;
        this.ceilMode = ceilMode;
        this.countIncludePad = countIncludePad;
    }

    @Override
    public Tensor forward(Tensor input) {
        return F.avgPool1d(input, kernel, stride, padding, ceilMode, countIncludePad);
    }

    @Override
    protected String extraRepr() {
        return "kernel_size=(" + kernel + ",), stride=(" + stride + ",), padding=(" + padding + ",)";
    }
}
