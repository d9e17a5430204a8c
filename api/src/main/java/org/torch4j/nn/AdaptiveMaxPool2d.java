package org.torch4j.nn;

import org.torch4j.Tensor;

/** Max pooling to a fixed output size ({@code torch.nn.AdaptiveMaxPool2d}). */
public class AdaptiveMaxPool2d extends Module {
    private final long[] outputSize;

    public AdaptiveMaxPool2d(long... outputSize) {
        this.outputSize = Windows.expand(outputSize, 2, "output_size");
    }

    @Override
    public Tensor forward(Tensor input) {
        return F.adaptiveMaxPool2d(input, outputSize);
    }

    @Override
    protected String extraRepr() {
        return "output_size=" + (outputSize[0] == outputSize[1] ? Long.toString(outputSize[0]) : ConvNd.tuple(outputSize));
    }
}
