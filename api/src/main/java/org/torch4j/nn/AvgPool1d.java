package org.torch4j.nn;

import org.torch4j.Tensor;

/** Average pooling over [N, C, L] ({@code torch.nn.AvgPool1d}). */
public class AvgPool1d extends Module {
    private final long kernel, stride, padding;
    private final boolean ceilMode, countIncludePad;

    public AvgPool1d(long kernelSize) {
        this(kernelSize, kernelSize, 0, false, true);
    }

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
