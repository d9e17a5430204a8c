package org.torch4j.nn;

import org.torch4j.Tensor;

/** Power-average pooling of [N, C, L]: the p-norm of each window ({@code torch.nn.LPPool1d}). */
public class LPPool1d extends Module {
    /** p. */
    public final double normType;
    /** The window and its step (null: the window). */
    public final long kernelSize;
    private final Long stride;
    private final boolean ceilMode;

    /** Windows of {@code kernelSize} with that stride. */
    public LPPool1d(double normType, long kernelSize) {
        this(normType, kernelSize, null, false);
    }

    /**
     * Pools {@code (N, C, L)} or {@code (C, L)} to {@code L_out = floor((L - kernelSize) / stride) + 1} (rounded up with
     * {@code ceilMode}), each output {@code (sum of x^p over the window)^(1/p)}.
     *
     * @param normType p
     * @param kernelSize the window length
     * @param stride the step, or null for the kernel size (PyTorch's default {@code None})
     * @param ceilMode round the output length up (default false)
     */
    public LPPool1d(double normType, long kernelSize, Long stride, boolean ceilMode) {
        this.normType = normType;
        this.kernelSize = kernelSize;
        this.stride = stride;
        this.ceilMode = ceilMode;
    }

    @Override
    public Tensor forward(Tensor input) {
        return F.lpPool1d(input, normType, kernelSize, stride, ceilMode);
    }

    @Override
    protected String extraRepr() {
        return "norm_type=" + Py.number(normType) + ", kernel_size=" + kernelSize + ", stride=" + (stride == null ? "None" : stride)
                + ", ceil_mode=" + (ceilMode ? "True" : "False");
    }
}
