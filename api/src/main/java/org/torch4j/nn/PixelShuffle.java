package org.torch4j.nn;

import org.torch4j.Tensor;

/** [*, C r^2, H, W] to [*, C, H r, W r] ({@code torch.nn.PixelShuffle}). */
public class PixelShuffle extends Module {
    /** r. */
    public final long upscaleFactor;

    /** PixelShuffle by {@code upscaleFactor}. */
    public PixelShuffle(long upscaleFactor) {
        this.upscaleFactor = upscaleFactor;
    }

    @Override
    public Tensor forward(Tensor input) {
        return F.pixelShuffle(input, upscaleFactor);
    }

    @Override
    protected String extraRepr() {
        return "upscale_factor=" + upscaleFactor;
    }
}
