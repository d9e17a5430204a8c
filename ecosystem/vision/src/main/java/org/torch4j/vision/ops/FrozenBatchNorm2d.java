package org.torch4j.vision.ops;

import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.nn.Module;

/**
 * Batch normalization with fixed statistics and affine parameters
 * ({@code torchvision.ops.FrozenBatchNorm2d}): {@code weight}, {@code bias}, {@code running_mean}
 * and {@code running_var} are buffers, not parameters, so optimizers leave them alone; the same
 * in training and evaluation. Detection backbones use it in place of {@code BatchNorm2d}.
 *
 * <p>torchvision's drops a {@code num_batches_tracked} entry when it loads a state dict (a
 * {@code BatchNorm2d} checkpoint loads as it is); torch4j's {@code Module} has no per-module load hook,
 * so remove those keys first or load with {@code strict} false.
 */
public class FrozenBatchNorm2d extends Module {
    private final long numFeatures;
    private final double eps;

    /** {@code num_features} channels, eps 1e-5. */
    public FrozenBatchNorm2d(long numFeatures) {
        this(numFeatures, 1e-5);
    }

    /**
     * A frozen batch norm with identity statistics and affine transform: weight and running_var 1, bias and
     * running_mean 0 (load a state dict to give them values).
     *
     * @param numFeatures the channels {@code C} of an {@code (N, C, H, W)} input
     * @param eps added to the variance
     */
    public FrozenBatchNorm2d(long numFeatures, double eps) {
        this.numFeatures = numFeatures;
        this.eps = eps;
        registerBuffer("weight", Torch.ones(numFeatures));
        registerBuffer("bias", Torch.zeros(numFeatures));
        registerBuffer("running_mean", Torch.zeros(numFeatures));
        registerBuffer("running_var", Torch.ones(numFeatures));
    }

    @Override
    public Tensor forward(Tensor x) {
        // one scale and shift per channel, folded first as torchvision does (the rounding then matches)
        Tensor w = buffer("weight").reshape(1, -1, 1, 1), b = buffer("bias").reshape(1, -1, 1, 1);
        Tensor rv = buffer("running_var").reshape(1, -1, 1, 1), rm = buffer("running_mean").reshape(1, -1, 1, 1);
        Tensor scale = w.mul(rv.add(eps).rsqrt());
        Tensor bias = b.sub(rm.mul(scale));
        return x.mul(scale).add(bias);
    }

    @Override
    protected String extraRepr() {
        return numFeatures + ", eps=" + PyRepr.of(eps);
    }
}
