package org.torch4j.nn;

import org.torch4j.Tensor;

/** log-softmax along {@code dim} ({@code torch.nn.LogSoftmax}). */
public class LogSoftmax extends Module {
    public final int dim;

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
