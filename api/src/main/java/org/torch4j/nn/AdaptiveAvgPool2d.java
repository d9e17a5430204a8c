package org.torch4j.nn;

import org.torch4j.Tensor;

/** Average pooling to a fixed output size ({@code torch.nn.AdaptiveAvgPool2d}). */
public class AdaptiveAvgPool2d extends Module {
    private final long[] outputSize;
    private final String repr;

    /**
     * Pools {@code (N, C, H, W)} or {@code (C, H, W)} to {@code (N, C, outH, outW)} (or {@code (C, outH, outW)}).
     *
     * @param outputSize one size for both dims or {@code (outH, outW)}; -1 keeps that dim's input size (PyTorch's
     *        {@code None})
     * @throws IllegalArgumentException if {@code outputSize} has neither one nor two entries
     */
    public AdaptiveAvgPool2d(long... outputSize) {
        this.outputSize = Windows.expand(outputSize, 2, "output_size");
        this.repr = "output_size=" + Py.intOrTuple(outputSize);
    }

    @Override
    public Tensor forward(Tensor input) {
        return F.adaptiveAvgPool2d(input, outputSize);
    }

    @Override
    protected String extraRepr() {
        return repr;
    }
}
