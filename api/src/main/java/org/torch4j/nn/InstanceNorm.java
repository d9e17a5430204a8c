package org.torch4j.nn;

import org.torch4j.DType;
import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.trace.Trace;

/**
 * Instance normalisation ({@code torch.nn.InstanceNorm1d/2d/3d}): each channel of each sample
 * normalised over its own spatial dims ({@link F#instanceNorm}); by default without affine parameters
 * or running statistics. Inputs may be unbatched (one dim fewer).
 */
public abstract class InstanceNorm extends Module {
    /** The number of channels: set by the constructor, or by a lazy module's first forward. */
    public long numFeatures;
    /** The variance's epsilon and the running statistics' momentum. */
    public final double eps, momentum;
    /** Whether there are a weight and a bias, and running statistics. */
    public final boolean affine, trackRunningStats;
    /** The affine parameters (null without affine). */
    public final Parameter weight, bias;
    private final int spatialDims;

    /** An instance norm over {@code spatialDims} spatial dims. */
    protected InstanceNorm(int spatialDims, long numFeatures, double eps, double momentum, boolean affine, boolean trackRunningStats) {
        this.spatialDims = spatialDims;
        this.numFeatures = numFeatures;
        this.eps = eps;
        this.momentum = momentum;
        this.affine = affine;
        this.trackRunningStats = trackRunningStats;
        this.weight = registerParameter("weight", affine ? new Parameter(Torch.ones(new long[] {numFeatures}, DType.FLOAT32)) : null);
        this.bias = registerParameter("bias", affine ? new Parameter(Torch.zeros(new long[] {numFeatures}, DType.FLOAT32)) : null);
        if (trackRunningStats) {
            registerBuffer("running_mean", Torch.zeros(new long[] {numFeatures}, DType.FLOAT32));
            registerBuffer("running_var", Torch.ones(new long[] {numFeatures}, DType.FLOAT32));
            registerBuffer("num_batches_tracked", Torch.zeros(new long[0], DType.INT64));
        }
    }

    @Override
    public Tensor forward(Tensor input) {
        if (Trace.recording()) return Trace.op("aten::instance_norm", () -> forward(input), input, weight, bias, trackRunningStats ? buffer("running_mean") : null, trackRunningStats ? buffer("running_var") : null, training || !trackRunningStats, momentum, eps, (long) spatialDims);
        int batched = spatialDims + 2;
        if (input.dim() != batched && input.dim() != batched - 1) {
            throw new IllegalArgumentException("expected " + (batched - 1) + "D or " + batched + "D input (got " + input.dim() + "D input)");
        }
        boolean unbatched = input.dim() == batched - 1;
        Tensor x = unbatched ? input.unsqueeze(0) : input;
        Tensor y = F.instanceNorm(x, trackRunningStats ? buffer("running_mean") : null, trackRunningStats ? buffer("running_var") : null,
                weight, bias, training || !trackRunningStats, momentum, eps);
        return unbatched ? y.squeeze(0) : y;
    }

    @Override
    protected String extraRepr() {
        return numFeatures + ", eps=" + Py.repr(eps) + ", momentum=" + Py.repr(momentum) + ", affine=" + (affine ? "True" : "False")
                + ", track_running_stats=" + (trackRunningStats ? "True" : "False");
    }
}
