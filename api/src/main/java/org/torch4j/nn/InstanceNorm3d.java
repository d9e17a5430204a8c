package org.torch4j.nn;

/** Instance normalisation of [N, C, D, H, W] or unbatched input ({@code torch.nn.InstanceNorm3d}); see {@link InstanceNorm}. */
public class InstanceNorm3d extends InstanceNorm {
    /** eps 1e-5, momentum 0.1, no affine parameters, no running statistics. */
    public InstanceNorm3d(long numFeatures) {
        this(numFeatures, 1e-5, 0.1, false, false);
    }

    /** InstanceNorm3d with every option. */
    public InstanceNorm3d(long numFeatures, double eps, double momentum, boolean affine, boolean trackRunningStats) {
        super(3, numFeatures, eps, momentum, affine, trackRunningStats);
    }
}
