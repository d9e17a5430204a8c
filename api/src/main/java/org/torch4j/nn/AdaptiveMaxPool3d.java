package org.torch4j.nn;

import org.torch4j.Tensor;

/**
 * Max pooling of [N, C, D, H, W] (or [C, D, H, W]) to a fixed output size ({@code torch.nn.AdaptiveMaxPool3d});
 * -1 (None) keeps a size. {@link F#adaptiveMaxPool3dWithIndices} gives the indices too.
 */
public class AdaptiveMaxPool3d extends Module {
    private final long[] outputSize;
    private final String repr;

    /** One size for all three dims, or three (each -1 for the input's). */
    public AdaptiveMaxPool3d(long... outputSize) {
        this.outputSize = Windows.expand(outputSize, 3, "output_size");
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < outputSize.length; i++) {
            sb.append(i > 0 ? ", " : "").append(outputSize[i] < 0 ? "None" : Long.toString(outputSize[i]));
        }
        this.repr = "output_size=" + (outputSize.length == 1 ? sb : "(" + sb + ")");
    }

    @Override
    public Tensor forward(Tensor input) {
        return F.adaptiveMaxPool3d(input, outputSize);
    }

    @Override
    protected String extraRepr() {
        return repr;
    }
}
