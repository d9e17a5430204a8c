package org.torch4j.vision.models;

import org.torch4j.Tensor;
import org.torch4j.nn.F;
import org.torch4j.nn.LayerNorm;

/**
 * Layer norm over the channels of [N, C, H, W] images ({@code torchvision.models.convnext.LayerNorm2d}):
 * each pixel's C values normalised, with a per-channel weight and bias, as {@code LayerNorm(C)} applied
 * channels-last.
 */
public class LayerNorm2d extends LayerNorm {
    private final long channels;

    /** A norm over {@code channels} channels with epsilon {@code eps} and an affine transform. */
    public LayerNorm2d(long channels, double eps) {
        super(new long[] {channels}, eps, true);
        this.channels = channels;
    }

    /** The input normalised over its channels (dimension 1). */
    @Override
    public Tensor forward(Tensor x) {
        Tensor last = F.layerNorm(x.permute(0, 2, 3, 1), new long[] {channels}, weight, bias, eps);
        return last.permute(0, 3, 1, 2);
    }
}
