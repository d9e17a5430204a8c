package org.torch4j.nn;

import org.torch4j.Tensor;

/** Max pooling to a fixed output size ({@code torch.nn.AdaptiveMaxPool2d}). */
public class AdaptiveMaxPool2d extends Module {
    private final long[] outputSize;
    private final String repr;

    /**
     * Pools {@code (N, C, H, W)} or {@code (C, H, W)} to {@code (N, C, outH, outW)} (or {@code (C, outH, outW)}),
     * taking each window's maximum; {@code return_indices} is not an option here (see
     * {@link F#adaptiveMaxPool2dWithIndices}).
     *
     * @param outputSize one size for both dims or {@code (outH, outW)}
     * @throws IllegalArgumentException if {@code outputSize} has neither one nor two entries
     */
    public AdaptiveMaxPool2d(long... outputSize) {
        this.outputSize = Windows.expand(outputSize, 2, "output_size");
        this.repr = "output_size=" + Py.intOrTuple(outputSize);
    }

    @Override
    public Tensor forward(Tensor input) {
        return F.adaptiveMaxPool2d(input, outputSize);
    }

    @Override
    protected String extraRepr() {
        return repr;
    }
}
