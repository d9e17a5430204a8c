package org.torch4j.nn;

/** Batch normalisation of [N, C, H, W] ({@code torch.nn.BatchNorm2d}). */
public class BatchNorm2d extends BatchNorm {
    public BatchNorm2d(long numFeatures) {
        this(numFeatures, 1e-5, 0.1, true, true);
    }

    public BatchNorm2d(long numFeatures, double eps, Double momentum, boolean affine, boolean trackRunningStats) {
        super(numFeatures, eps, momentum, affine, trackRunningStats, 4);
    }
}
