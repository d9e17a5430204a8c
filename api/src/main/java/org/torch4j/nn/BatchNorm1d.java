package org.torch4j.nn;

/** Batch normalisation of [N, C] or [N, C, L] ({@code torch.nn.BatchNorm1d}). */
public class BatchNorm1d extends BatchNorm {
    public BatchNorm1d(long numFeatures) {
        this(numFeatures, 1e-5, 0.1, true, true);
    }

    public BatchNorm1d(long numFeatures, double eps, Double momentum, boolean affine, boolean trackRunningStats) {
        super(numFeatures, eps, momentum, affine, trackRunningStats, 2, 3);
    }
}
