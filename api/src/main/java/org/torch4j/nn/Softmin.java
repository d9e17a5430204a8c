package org.torch4j.nn;

import org.torch4j.Tensor;

/** softmax of {@code -x} along a dim ({@code torch.nn.Softmin}). */
public class Softmin extends Module {
    /** The dim, or null for PyTorch's implicit choice (0 for 0-, 1- and 3-d inputs, else 1). */
    public final Integer dim;

    /** The implicit dim, as PyTorch's {@code Softmin()} (which warns that it is deprecated). */
    public Softmin() {
        this.dim = null;
    }

    /** Softmin along {@code dim}. */
    public Softmin(int dim) {
        this.dim = dim;
    }

    @Override
    public Tensor forward(Tensor input) {
        int d = dim != null ? dim : (input.dim() == 0 || input.dim() == 1 || input.dim() == 3) ? 0 : 1;
        return F.softmin(input, d);
    }

    @Override
    protected String extraRepr() {
        return "dim=" + (dim == null ? "None" : dim.toString());
    }
}
