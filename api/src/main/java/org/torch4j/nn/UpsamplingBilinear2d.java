package org.torch4j.nn;

/**
 * Bilinear upsampling of [N, C, H, W] with the corner pixels aligned ({@code torch.nn.UpsamplingBilinear2d}):
 * an {@link Upsample} with mode "bilinear" and alignCorners true.
 */
public class UpsamplingBilinear2d extends Upsample {
    /** To {@code size} (one value for both dims, or H and W) or by {@code scaleFactor}; exactly one is non-null. */
    public UpsamplingBilinear2d(long[] size, double[] scaleFactor) {
        super(size, scaleFactor, "bilinear", true);
    }

    /** Both spatial dims scaled by {@code scaleFactor}. */
    public UpsamplingBilinear2d(double scaleFactor) {
        this(null, new double[] {scaleFactor});
    }
}
