package org.torch4j.nn;

import java.util.Arrays;
import org.torch4j.DType;
import org.torch4j.Tensor;
import org.torch4j.Torch;

/**
 * Batch normalisation over the channel dim 1 ({@code torch.nn.BatchNorm*d}): batch statistics in
 * training (biased variance to normalise, unbiased for the running estimate), running statistics in
 * eval, with {@code momentum} (null: cumulative average) and an optional affine transform.
 */
public abstract class BatchNorm extends Module {

    /** The number of channels: set by the constructor, or by a lazy module's first forward. */
    public long numFeatures;
    /** The value added to the variance for numerical stability. */
    public final double eps;
    /**
     * The weight of the newest batch in the running statistics; null for a cumulative (equal-weight) average. It
     * may be changed between forwards, as PyTorch's attribute ({@code SwaUtils.updateBn} does).
     */
    public Double momentum;
    /** Whether the module has a learnable {@code weight} and {@code bias}; whether it keeps running statistics. */
    public final boolean affine, trackRunningStats;
    /** The learnable per-channel scale (initialised to 1) and shift (initialised to 0), float32; null unless {@code affine}. */
    public final Parameter weight, bias;
    private final int[] inputRanks;

    /**
     * Registers the parameters and, with {@code trackRunningStats}, the buffers {@code running_mean} (zeros),
     * {@code running_var} (ones) and {@code num_batches_tracked} (an int64 scalar 0).
     *
     * @param numFeatures the number of channels C
     * @param eps the value added to the variance
     * @param momentum the running-statistics weight, or null for a cumulative average
     * @param affine whether to learn a per-channel scale and shift
     * @param trackRunningStats whether to keep running statistics and use them in eval mode
     * @param inputRanks the input ranks {@link #forward} accepts (others raise PyTorch's "expected 2D or 3D input")
     */
    protected BatchNorm(long numFeatures, double eps, Double momentum, boolean affine, boolean trackRunningStats, int... inputRanks) {
        this.numFeatures = numFeatures;
        this.eps = eps;
        this.momentum = momentum;
        this.affine = affine;
        this.trackRunningStats = trackRunningStats;
        this.inputRanks = inputRanks;
        this.weight = registerParameter("weight", affine ? new Parameter(Torch.ones(new long[] {numFeatures}, DType.FLOAT32)) : null);
        this.bias = registerParameter("bias", affine ? new Parameter(Torch.zeros(new long[] {numFeatures}, DType.FLOAT32)) : null);
        if (trackRunningStats) {
            registerBuffer("running_mean", Torch.zeros(new long[] {numFeatures}, DType.FLOAT32));
            registerBuffer("running_var", Torch.ones(new long[] {numFeatures}, DType.FLOAT32));
            registerBuffer("num_batches_tracked", Torch.zeros(new long[0], DType.INT64));
        }
    }

    /** The running mean buffer ({@code running_mean}), shape {@code (C)}; null unless {@code trackRunningStats}. */
    public Tensor runningMean() {
        return buffer("running_mean");
    }

    /** The running (unbiased) variance buffer ({@code running_var}), shape {@code (C)}; null unless {@code trackRunningStats}. */
    public Tensor runningVar() {
        return buffer("running_var");
    }

    /** Resets running_mean to 0, running_var to 1 and the batch count to 0. */
    public void resetRunningStats() {
        if (!trackRunningStats) return;
        try (var g = Torch.noGrad()) {
            runningMean().zero_();
            runningVar().fill_(1.0);
            buffer("num_batches_tracked").zero_();
        }
    }

    @Override
    public Tensor forward(Tensor input) {
        if (Arrays.stream(inputRanks).noneMatch(r -> r == input.dim())) {
            throw new IllegalArgumentException("expected " + String.join(" or ", Arrays.stream(inputRanks).mapToObj(r -> r + "D").toList())
                    + " input (got " + input.dim() + "D input)");
        }
        double factor = momentum == null ? 0 : momentum;
        if (training && trackRunningStats) {
            Tensor count = buffer("num_batches_tracked");
            try (var g = Torch.noGrad()) {
                count.add_(1L);
            }
            // momentum None: every batch weighs the same in the running average
            if (momentum == null) factor = 1.0 / count.itemLong();
        }
        boolean useBatchStats = training || !trackRunningStats;
        return F.batchNorm(input, trackRunningStats ? runningMean() : null, trackRunningStats ? runningVar() : null, weight, bias,
                useBatchStats, factor, eps);
    }

    @Override
    protected String extraRepr() {
        return numFeatures + ", eps=" + Py.repr(eps) + ", momentum=" + Py.repr(momentum) + ", affine=" + (affine ? "True" : "False")
                + ", track_running_stats=" + (trackRunningStats ? "True" : "False");
    }
}
