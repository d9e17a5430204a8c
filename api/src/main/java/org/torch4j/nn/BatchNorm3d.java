package org.torch4j.nn;

/** Batch normalisation of [N, C, D, H, W] ({@code torch.nn.BatchNorm3d}). */
public class BatchNorm3d extends BatchNorm {
    /** eps 1e-5, momentum 0.1, affine, tracking running statistics. */
    public BatchNorm3d(long numFeatures) {
        this(numFeatures, 1e-5, 0.1, true, true);
    }

    /**
     * Normalises {@code (N, C, D, H, W)} per channel; the output has the input's shape.
     *
     * @param numFeatures C
     * @param eps the value added to the variance (default 1e-5)
     * @param momentum the running-statistics weight (default 0.1), or null for a cumulative average
     * @param affine whether to learn a per-channel scale and shift (default true)
     * @param trackRunningStats whether to keep running statistics for eval mode (default true)
     */
    public BatchNorm3d(long numFeatures, double eps, Double momentum, boolean affine, boolean trackRunningStats) {
        super(numFeatures, eps, momentum, affine, trackRunningStats, 5);
    }
}
