package org.torch4j.nn;

import org.torch4j.Tensor;

/** Max pooling of [N, C, L] to a fixed length ({@code torch.nn.AdaptiveMaxPool1d}). */
public class AdaptiveMaxPool1d extends Module {
    /** The output length. */
    public final long outputSize;

    /** AdaptiveMaxPool1d to {@code outputSize}; {@link F#adaptiveMaxPool1dWithIndices} gives the indices too. */
    public AdaptiveMaxPool1d(long outputSize) {
        this.outputSize = outputSize;
    }

    @Override
    public Tensor forward(Tensor input) {
        return F.adaptiveMaxPool1d(input, outputSize);
    }

    @Override
    protected String extraRepr() {
        return "output_size=" + outputSize;
    }
}
