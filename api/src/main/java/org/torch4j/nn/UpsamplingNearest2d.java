package org.torch4j.nn;

/**
 * Nearest-neighbour upsampling of [N, C, H, W] ({@code torch.nn.UpsamplingNearest2d}): an
 * {@link Upsample} with mode "nearest".
 */
public class UpsamplingNearest2d extends Upsample {
    /** To {@code size} (one value for both dims, or H and W) or by {@code scaleFactor}; exactly one is non-null. */
    public UpsamplingNearest2d(long[] size, double[] scaleFactor) {
        super(size, scaleFactor, "nearest", null);
    }

    /** Both spatial dims scaled by {@code scaleFactor}. */
    public UpsamplingNearest2d(double scaleFactor) {
        this(null, new double[] {scaleFactor});
    }
}
