package org.torch4j.nn;

import org.torch4j.Tensor;

/** Average pooling to a fixed output size ({@code torch.nn.AdaptiveAvgPool2d}). */
public class AdaptiveAvgPool2d extends Module {
    private final long[] outputSize;
    private final String repr;

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
