package org.torch4j.nn;

import org.torch4j.Tensor;

/** Max pooling over [N, C, L] ({@code torch.nn.MaxPool1d}). */
public class MaxPool1d extends Module {
    private final long kernel, stride, padding, dilation;
    private final boolean ceilMode;

    public MaxPool1d(long kernelSize) {
        this(kernelSize, kernelSize, 0, 1, false);
    }

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
