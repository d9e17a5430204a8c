package org.torch4j.nn;

import org.torch4j.Tensor;

/** log-softmax along {@code dim} ({@code torch.nn.LogSoftmax}). */
public class LogSoftmax extends Module {
    /** The dim the log-softmax runs along. */
    public final int dim;

    /**
     * {@code log(softmax(x))} along {@code dim}, computed stably; the output has the input's shape. PyTorch's
     * {@code dim=None} (an implicit, deprecated choice) is not supported.
     *
     * @param dim the dim to normalise (negative counts from the end)
     */
    public LogSoftmax(int dim) {
        this.dim = dim;
    }

    @Override
    public Tensor forward(Tensor input) {
        return F.logSoftmax(input, dim);
    }

    @Override
    protected String extraRepr() {
        return "dim=" + dim;
    }
}
