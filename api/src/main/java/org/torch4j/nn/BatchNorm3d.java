package org.torch4j.nn;

/** Batch normalisation of [N, C, D, H, W] ({@code torch.nn.BatchNorm3d}). */
public class BatchNorm3d extends BatchNorm {
    /** eps 1e-5, momentum 0.1, affine, tracking running statistics. */
    public BatchNorm3d(long numFeatures) {
        this(numFeatures, 1e-5, 0.1, true, true);
    }

    /** BatchNorm3d with every option (momentum null: a cumulative average). */
    public BatchNorm3d(long numFeatures, double eps, Double momentum, boolean affine, boolean trackRunningStats) {
        super(numFeatures, eps, momentum, affine, trackRunningStats, 5);
    }
}
