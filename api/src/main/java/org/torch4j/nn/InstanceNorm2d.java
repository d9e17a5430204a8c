package org.torch4j.nn;

import org.torch4j.trace.Trace;

import org.torch4j.DType;
import org.torch4j.Tensor;
import org.torch4j.Torch;

/**
 * Normalises each channel of each sample over its spatial dims ({@code torch.nn.InstanceNorm2d});
 * by default without affine parameters or running statistics.
 */
public class InstanceNorm2d extends Module {
    public final long numFeatures;
    public final double eps, momentum;
    public final boolean affine, trackRunningStats;
    public final Parameter weight, bias;

    public InstanceNorm2d(long numFeatures) {
        this(numFeatures, 1e-5, 0.1, false, false);
    }

    public InstanceNorm2d(long numFeatures, double eps, double momentum, boolean affine, boolean trackRunningStats) {
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
        if (Trace.recording()) return Trace.op("aten::instance_norm", () -> forward(input), input, weight, bias, trackRunningStats ? buffer("running_mean") : null, trackRunningStats ? buffer("running_var") : null, training || !trackRunningStats, momentum, eps);
        if (input.dim() != 3 && input.dim() != 4) {
            throw new IllegalArgumentException("expected 3D or 4D input (got " + input.dim() + "D input)");
        }
        boolean unbatched = input.dim() == 3;
        Tensor x = unbatched ? input.unsqueeze(0) : input;
        long n = x.size(0), c = x.size(1);
        // instance norm = batch norm of [1, N*C, H, W]; running stats average over the batch (and, as in
        // PyTorch, num_batches_tracked is not counted)
        Tensor flat = x.reshape(1, n * c, x.size(2), x.size(3));
        boolean useBatch = training || !trackRunningStats;
        Tensor rm = null, rv = null;
        if (trackRunningStats) {
            rm = buffer("running_mean").repeat(n);
            rv = buffer("running_var").repeat(n);
        }
        Tensor y = F.batchNorm(flat, rm, rv, null, null, useBatch, momentum, eps).reshape(x.shape());
        if (trackRunningStats && training) {
            try (var g = Torch.noGrad()) {
                buffer("running_mean").copy_(rm.reshape(n, c).mean(0));
                buffer("running_var").copy_(rv.reshape(n, c).mean(0));
            }
        }
        if (affine) y = y.mul(weight.reshape(1, c, 1, 1)).add(bias.reshape(1, c, 1, 1));
        return unbatched ? y.squeeze(0) : y;
    }

    @Override
    protected String extraRepr() {
        return numFeatures + ", eps=" + Py.repr(eps) + ", momentum=" + Py.repr(momentum) + ", affine=" + (affine ? "True" : "False")
                + ", track_running_stats=" + (trackRunningStats ? "True" : "False");
    }
}
