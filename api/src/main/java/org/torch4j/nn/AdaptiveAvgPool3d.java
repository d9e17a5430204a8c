package org.torch4j.nn;

import org.torch4j.Tensor;

/** Average pooling of [N, C, D, H, W] to a fixed output size ({@code torch.nn.AdaptiveAvgPool3d}); -1 (None) keeps a size. */
public class AdaptiveAvgPool3d extends Module {
    private final long[] outputSize;
    private final String repr;

    /** One size for all three dims, or three (each -1 for the input's). */
    public AdaptiveAvgPool3d(long... outputSize) {
        this.outputSize = Windows.expand(outputSize, 3, "output_size");
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < outputSize.length; i++) {
            sb.append(i > 0 ? ", " : "").append(outputSize[i] < 0 ? "None" : Long.toString(outputSize[i]));
        }
        this.repr = "output_size=" + (outputSize.length == 1 ? sb : "(" + sb + ")");
    }

    @Override
    public Tensor forward(Tensor input) {
        return F.adaptiveAvgPool3d(input, outputSize);
    }

    @Override
    protected String extraRepr() {
        return repr;
    }
}
