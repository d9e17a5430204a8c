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

    /**
     * Pools {@code (N, C, H, W)} or {@code (C, H, W)}; each output size is {@code floor((in - kernel) / stride) + 1}
     * (rounded up with {@code ceilMode}), each output {@code (sum of x^p over the window)^(1/p)}.
     *
     * @param normType p
     * @param kernelSize the window, one size or two
     * @param stride one or two steps, or null for the kernel size (PyTorch's default {@code None})
     * @param ceilMode round the output size up (default false)
     */
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
