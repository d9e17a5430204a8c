package org.torch4j.nn;

/** Instance normalisation of [N, C, H, W] or unbatched input ({@code torch.nn.InstanceNorm2d}); see {@link InstanceNorm}. */
public class InstanceNorm2d extends InstanceNorm {
    /** eps 1e-5, momentum 0.1, no affine parameters, no running statistics. */
    public InstanceNorm2d(long numFeatures) {
        this(numFeatures, 1e-5, 0.1, false, false);
    }

    /** InstanceNorm2d with every option. */
    public InstanceNorm2d(long numFeatures, double eps, double momentum, boolean affine, boolean trackRunningStats) {
        super(2, numFeatures, eps, momentum, affine, trackRunningStats);
    }
}
