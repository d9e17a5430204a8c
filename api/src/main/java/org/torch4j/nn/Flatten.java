package org.torch4j.nn;

import org.torch4j.Tensor;

/** Flattens dims {@code startDim..endDim} (default 1..-1) ({@code torch.nn.Flatten}). */
public class Flatten extends Module {
    /** The first and last dims flattened into one (negative counts from the end). */
    public final int startDim, endDim;

    /** With PyTorch's defaults {@code start_dim = 1, end_dim = -1}: {@code (N, *)} to {@code (N, prod(*))}. */
    public Flatten() {
        this(1, -1);
    }

    /**
     * Flattens dims {@code startDim..endDim} of the input into one ({@link Tensor#flatten(int, int)}): a view where the
     * strides allow.
     *
     * @param startDim the first dim to flatten (default 1)
     * @param endDim the last dim to flatten (default -1)
     */
    public Flatten(int startDim, int endDim) {
        this.startDim = startDim;
        this.endDim = endDim;
    }

    @Override
    public Tensor forward(Tensor input) {
        return input.flatten(startDim, endDim);
    }

    @Override
    protected String extraRepr() {
        return "start_dim=" + startDim + ", end_dim=" + endDim;
    }
}
