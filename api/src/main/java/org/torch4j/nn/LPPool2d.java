package org.torch4j.nn;

import org.torch4j.Tensor;

/** Power-average pooling of [N, C, H, W]: the p-norm of each window ({@code torch.nn.LPPool2d}). */
public class LPPool2d extends Module {
    /** p. */
    public final double normType;
    private final long[] kernelSize, stride;
    private final boolean ceilMode;

    /** Square windows of {@code kernelSize} with that stride. */
    public LPPool2d(double normType, long kernelSize) {
        this(normType, new long[] {kernelSize}, null, false);
    }

    /** LPPool2d with every option; sizes are one or two, stride null for the kernel size. */
    public LPPool2d(double normType, long[] kernelSize, long[] stride, boolean ceilMode) {
        this.normType = normType;
        this.kernelSize = kernelSize.clone();
        this.stride = stride == null ? null : stride.clone();
        this.ceilMode = ceilMode;
    }

    @Override
    public Tensor forward(Tensor input) {
        return F.lpPool2d(input, normType, kernelSize, stride, ceilMode);
    }

    @Override
    protected String extraRepr() {
        return "norm_type=" + Py.number(normType) + ", kernel_size=" + Py.intOrTuple(kernelSize) + ", stride="
                + (stride == null ? "None" : Py.intOrTuple(stride)) + ", ceil_mode=" + (ceilMode ? "True" : "False");
    }
}
