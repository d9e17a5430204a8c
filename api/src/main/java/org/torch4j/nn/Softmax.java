package org.torch4j.nn;

import org.torch4j.Tensor;

/** softmax along {@code dim} ({@code torch.nn.Softmax}). */
public class Softmax extends Module {
    public final int dim;

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
