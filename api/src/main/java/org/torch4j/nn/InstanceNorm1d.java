package org.torch4j.nn;

/** Instance normalisation of [N, C, L] or unbatched input ({@code torch.nn.InstanceNorm1d}); see {@link InstanceNorm}. */
public class InstanceNorm1d extends InstanceNorm {
    /** eps 1e-5, momentum 0.1, no affine parameters, no running statistics. */
    public InstanceNorm1d(long numFeatures) {
        this(numFeatures, 1e-5, 0.1, false, false);
    }

    /** InstanceNorm1d with every option. */
    public InstanceNorm1d(long numFeatures, double eps, double momentum, boolean affine, boolean trackRunningStats) {
        super(1, numFeatures, eps, momentum, affine, trackRunningStats);
    }
}
