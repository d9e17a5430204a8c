package org.torch4j.nn;

import org.torch4j.DType;
import org.torch4j.Tensor;
import org.torch4j.Torch;

/** Normalises groups of channels ({@code torch.nn.GroupNorm}). */
public class GroupNorm extends Module {
    public final long numGroups, numChannels;
    public final double eps;
    public final Parameter weight, bias;

    public GroupNorm(long numGroups, long numChannels) {
        this(numGroups, numChannels, 1e-5, true);
    }

    public GroupNorm(long numGroups, long numChannels, double eps, boolean affine) {
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
