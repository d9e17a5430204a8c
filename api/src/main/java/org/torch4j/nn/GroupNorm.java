package org.torch4j.nn;

import org.torch4j.DType;
import org.torch4j.Tensor;
import org.torch4j.Torch;

/** Normalises groups of channels ({@code torch.nn.GroupNorm}). */
public class GroupNorm extends Module {
    /** The number of channel groups and the number of channels C. */
    public final long numGroups, numChannels;
    /** The value added to the variance for numerical stability. */
    public final double eps;
    /** The learnable per-channel scale (initialised to 1) and shift (0), float32; null unless {@code affine}. */
    public final Parameter weight, bias;

    /** With PyTorch's defaults {@code eps = 1e-5, affine = true}. */
    public GroupNorm(long numGroups, long numChannels) {
        this(numGroups, numChannels, 1e-5, true);
    }

    /**
     * Normalises {@code (N, C, *)} over each group of {@code C / numGroups} channels (and the remaining dims), then
     * applies the per-channel affine transform; the output has the input's shape.
     *
     * @param numGroups the number of groups
     * @param numChannels C
     * @param eps the value added to the variance (default 1e-5)
     * @param affine whether to learn a per-channel scale and shift (default true)
     * @throws IllegalArgumentException if {@code numGroups} does not divide {@code numChannels}
     */
    public GroupNorm(long numGroups, long numChannels, double eps, boolean affine) {
        // PyTorch divides by zero for 0 groups (and fails only in forward for negative ones); torch4j names the argument
        if (numGroups <= 0) throw new IllegalArgumentException("num_groups must be positive, got " + numGroups);
        if (numChannels % numGroups != 0) throw new IllegalArgumentException("num_channels must be divisible by num_groups");
        this.numGroups = numGroups;
        this.numChannels = numChannels;
        this.eps = eps;
        this.weight = registerParameter("weight", affine ? new Parameter(Torch.ones(new long[] {numChannels}, DType.FLOAT32)) : null);
        this.bias = registerParameter("bias", affine ? new Parameter(Torch.zeros(new long[] {numChannels}, DType.FLOAT32)) : null);
    }

    @Override
    public Tensor forward(Tensor input) {
        return F.groupNorm(input, numGroups, weight, bias, eps);
    }

    @Override
    protected String extraRepr() {
        return numGroups + ", " + numChannels + ", eps=" + Py.repr(eps) + ", affine=" + (weight != null ? "True" : "False");
    }
}
