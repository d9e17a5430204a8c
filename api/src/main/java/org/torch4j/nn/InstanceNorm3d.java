package org.torch4j.nn;

/** Instance normalisation of [N, C, D, H, W] or unbatched input ({@code torch.nn.InstanceNorm3d}); see {@link InstanceNorm}. */
public class InstanceNorm3d extends InstanceNorm {
    /** eps 1e-5, momentum 0.1, no affine parameters, no running statistics. */
    public InstanceNorm3d(long numFeatures) {
        this(numFeatures, 1e-5, 0.1, false, false);
    }

    /**
     * Normalises each channel of each sample of {@code (N, C, D, H, W)} (or unbatched {@code (C, D, H, W)}) over its spatial dims;
     * the output has the input's shape. With running statistics, eval mode normalises with them instead.
     *
     * @param numFeatures C
     * @param eps the value added to the variance (default 1e-5)
     * @param momentum the running-statistics weight (default 0.1)
     * @param affine whether to learn a per-channel scale and shift (default false)
     * @param trackRunningStats whether to keep running statistics for eval mode (default false)
     */
    public InstanceNorm3d(long numFeatures, double eps, double momentum, boolean affine, boolean trackRunningStats) {
        super(3, numFeatures, eps, momentum, affine, trackRunningStats);
    }
}
