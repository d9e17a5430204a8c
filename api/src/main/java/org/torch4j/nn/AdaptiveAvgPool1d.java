package org.torch4j.nn;

import org.torch4j.Tensor;

/** Average pooling to a fixed output length ({@code torch.nn.AdaptiveAvgPool1d}). */
public class AdaptiveAvgPool1d extends Module {
    private final long outputSize;

    public AdaptiveAvgPool1d(long outputSize) {
        this.outputSize = outputSize;
    }

    @Override
    public Tensor forward(Tensor input) {
        return F.adaptiveAvgPool1d(input, outputSize);
    }

    @Override
    protected String extraRepr() {
        return "output_size=" + outputSize;
    }
}
