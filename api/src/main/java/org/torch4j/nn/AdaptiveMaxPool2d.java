package org.torch4j.nn;

import org.torch4j.Tensor;

/** Max pooling to a fixed output size ({@code torch.nn.AdaptiveMaxPool2d}). */
public class AdaptiveMaxPool2d extends Module {
    private final long[] outputSize;
    private final String repr;

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
