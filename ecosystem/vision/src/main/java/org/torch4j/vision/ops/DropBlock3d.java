package org.torch4j.vision.ops;

import org.torch4j.Tensor;

/**
 * DropBlock over volumes ({@code torchvision.ops.DropBlock3d}): {@link DropBlock2d}'s cubes over the last three
 * dims of {@code [N, C, D, H, W]}.
 */
public class DropBlock3d extends DropBlock2d {
    /** With torchvision's defaults: not in place, {@code eps = 1e-6}. */
    public DropBlock3d(double p, long blockSize) {
        super(p, blockSize);
    }

    /**
     * A 3-d DropBlock layer.
     *
     * @param p the probability of an element being dropped
     * @param blockSize the side of the dropped cubes
     * @param inplace whether to scale the input itself (default false)
     * @param eps added to the denominator of the rescaling (default 1e-6)
     */
    public DropBlock3d(double p, long blockSize, boolean inplace, double eps) {
        super(p, blockSize, inplace, eps);
    }

    @Override
    public Tensor forward(Tensor input) {
        return dropBlock3d(input, p, blockSize, inplace, eps, training);
    }

    /** {@link #dropBlock3d(Tensor, double, long, boolean, double, boolean)} in training, not in place, {@code eps = 1e-6}. */
    public static Tensor dropBlock3d(Tensor input, double p, long blockSize) {
        return dropBlock3d(input, p, blockSize, false, 1e-6, true);
    }

    /**
     * The functional form ({@code torchvision.ops.drop_block3d}).
     *
     * @param input {@code [N, C, D, H, W]}
     * @param p the probability of an element being dropped, in [0, 1]
     * @param blockSize the side of the cubes (odd, as for {@link DropBlock2d#dropBlock2d})
     * @param inplace whether to scale {@code input} itself
     * @param eps added to the denominator of the rescaling
     * @param training when false, or when {@code p} is 0, the input is returned as is
     * @return the input with cubes zeroed, scaled by {@code numel / (eps + kept)}
     * @throws IllegalArgumentException for {@code p} outside [0, 1] or an input that is not 5-d
     */
    public static Tensor dropBlock3d(Tensor input, double p, long blockSize, boolean inplace, double eps, boolean training) {
        return dropBlock(input, p, blockSize, inplace, eps, training, 3);
    }
}
