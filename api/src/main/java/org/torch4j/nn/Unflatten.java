package org.torch4j.nn;

import java.util.Arrays;
import org.torch4j.Tensor;

/** Splits dim {@code dim} into {@code sizes} ({@code torch.nn.Unflatten}). */
public class Unflatten extends Module {
    public final int dim;
    private final long[] sizes;

    public Unflatten(int dim, long... sizes) {
        this.dim = dim;
        this.sizes = sizes.clone();
    }

    @Override
    public Tensor forward(Tensor input) {
        return input.unflatten(dim, sizes);
    }

    @Override
    protected String extraRepr() {
        return "dim=" + dim + ", unflattened_size=" + Arrays.toString(sizes).replace('[', '(').replace(']', ')');
    }
}
