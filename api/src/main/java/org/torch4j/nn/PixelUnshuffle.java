package org.torch4j.nn;

import org.torch4j.Tensor;

/** [*, C, H r, W r] to [*, C r^2, H, W] ({@code torch.nn.PixelUnshuffle}). */
public class PixelUnshuffle extends Module {
    /** r. */
    public final long downscaleFactor;

    /** PixelUnshuffle by {@code downscaleFactor}. */
    public PixelUnshuffle(long downscaleFactor) {
        this.downscaleFactor = downscaleFactor;
    }

    @Override
    public Tensor forward(Tensor input) {
        return F.pixelUnshuffle(input, downscaleFactor);
    }

    @Override
    protected String extraRepr() {
        return "downscale_factor=" + downscaleFactor;
    }
}
