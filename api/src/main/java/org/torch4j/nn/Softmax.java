package org.torch4j.nn;

import org.torch4j.Tensor;

/** softmax along {@code dim} ({@code torch.nn.Softmax}). */
public class Softmax extends Module {
    /** The dim the softmax runs along. */
    public final int dim;

    /**
     * {@code exp(x) / sum(exp(x))} along {@code dim}; the output has the input's shape. PyTorch's {@code dim=None} (an
     * implicit, deprecated choice) is not supported.
     *
     * @param dim the dim to normalise (negative counts from the end)
     */
    public Softmax(int dim) {
        this.dim = dim;
    }

    @Override
    public Tensor forward(Tensor input) {
        return F.softmax(input, dim);
    }

    @Override
    protected String extraRepr() {
        return "dim=" + dim;
    }
}
