package org.torch4j.nn;

/** Batch normalisation of [N, C, H, W] ({@code torch.nn.BatchNorm2d}). */
public class BatchNorm2d extends BatchNorm {
    /** With PyTorch's defaults {@code eps = 1e-5, momentum = 0.1, affine = true, track_running_stats = true}. */
    public BatchNorm2d(long numFeatures) {
        this(numFeatures, 1e-5, 0.1, true, true);
    }

    /**
     * Normalises {@code (N, C, H, W)} per channel; the output has the input's shape.
     *
     * @param numFeatures C
     * @param eps the value added to the variance (default 1e-5)
     * @param momentum the running-statistics weight (default 0.1), or null for a cumulative average
     * @param affine whether to learn a per-channel scale and shift (default true)
     * @param trackRunningStats whether to keep running statistics for eval mode (default true)
     */
    public BatchNorm2d(long numFeatures, double eps, Double momentum, boolean affine, boolean trackRunningStats) {
        super(numFeatures, eps, momentum, affine, trackRunningStats, 4);
    }
}
