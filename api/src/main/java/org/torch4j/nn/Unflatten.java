package org.torch4j.nn;

import org.torch4j.Tensor;

/** Splits dim {@code dim} into {@code sizes} ({@code torch.nn.Unflatten}). */
public class Unflatten extends Module {
    /** The dim that is split. */
    public final int dim;
    private final long[] sizes;

    /**
     * Splits dim {@code dim} of the input into {@code sizes} ({@link Tensor#unflatten}); one size may be -1 (inferred).
     *
     * @param dim the dim to split (negative counts from the end)
     * @param sizes the new sizes, whose product must equal that dim's size
     */
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
        return "dim=" + dim + ", unflattened_size=" + Py.tuple(sizes);
    }
}
