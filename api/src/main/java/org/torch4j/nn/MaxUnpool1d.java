package org.torch4j.nn;

import org.torch4j.Tensor;

/** The inverse of {@link MaxPool1d} from its values and indices ({@code torch.nn.MaxUnpool1d}). */
public class MaxUnpool1d extends Module {
    /** The pooling's window, step and padding. */
    public final long kernelSize, stride, padding;

    /** Windows of {@code kernelSize} with that stride, no padding. */
    public MaxUnpool1d(long kernelSize) {
        this(kernelSize, kernelSize, 0);
    }

    /**
     * Scatters pooled values {@code (N, C, L_in)} (or {@code (C, L_in)}) back to their indices in a zero tensor of
     * length {@code (L_in - 1) stride - 2 padding + kernelSize}.
     *
     * @param kernelSize the pooling's window
     * @param stride the pooling's step (PyTorch's default {@code None}: the kernel size, as the one-argument constructor)
     * @param padding the pooling's padding (default 0)
     */
    public MaxUnpool1d(long kernelSize, long stride, long padding) {
        this.kernelSize = kernelSize;
        this.stride = stride;
        this.padding = padding;
    }

    /** Unpooling needs the indices: use {@link #forward(Tensor, Tensor)}. */
    @Override
    public Tensor forward(Tensor input) {
        throw new UnsupportedOperationException("MaxUnpool1d takes the pooled values and their indices: forward(input, indices)");
    }

    /** The unpooled [N, C, L] of the default length. */
    public Tensor forward(Tensor input, Tensor indices) {
        return F.maxUnpool1d(input, indices, kernelSize, stride, padding, null);
    }

    /** {@link #forward(Tensor, Tensor)} with the hooks around it; they see (input, indices). */
    public final Tensor call(Tensor input, Tensor indices) {
        return callWithHooks(args -> forward((Tensor) args.get(0), (Tensor) args.get(1)), input, indices);
    }

    @Override
    protected String extraRepr() {
        return "kernel_size=(" + kernelSize + ",), stride=(" + stride + ",), padding=(" + padding + ",)";
    }
}
