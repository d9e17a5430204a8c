package org.torch4j.nn;

import org.torch4j.DType;
import org.torch4j.Tensor;
import org.torch4j.Torch;

/** {@code y = x W^T + b} ({@code torch.nn.Linear}), with PyTorch's default initialisation. */
public class Linear extends Module {

    /** The input size: set by the constructor, or by a lazy module's first forward ({@link LazyLinear}). */
    public long inFeatures;
    /** The output size. */
    public final long outFeatures;
    /** The weight {@code (outFeatures, inFeatures)}, float32. */
    public final Parameter weight;
    /** The bias {@code (outFeatures)}, float32, or null without bias. */
    public final Parameter bias;

    /** With PyTorch's default {@code bias = true}. */
    public Linear(long inFeatures, long outFeatures) {
        this(inFeatures, outFeatures, true);
    }

    /**
     * Maps {@code (*, inFeatures)} to {@code (*, outFeatures)}; the parameters start as {@link #resetParameters()} sets them.
     *
     * @param inFeatures the size of the input's last dim
     * @param outFeatures the size of the output's last dim
     * @param bias whether to learn an additive bias (default true)
     */
    public Linear(long inFeatures, long outFeatures, boolean bias) {
        this.inFeatures = inFeatures;
        this.outFeatures = outFeatures;
        this.weight = registerParameter("weight", new Parameter(Torch.empty(new long[] {outFeatures, inFeatures}, DType.FLOAT32)));
        this.bias = registerParameter("bias", bias ? new Parameter(Torch.empty(new long[] {outFeatures}, DType.FLOAT32)) : null);
        resetParameters();
    }

    /** kaiming_uniform_(weight, a=sqrt(5)), then bias uniform in +-1/sqrt(fan_in), as PyTorch. */
    public void resetParameters() {
        Init.kaimingUniform_(weight, Math.sqrt(5), "fan_in", "leaky_relu");
        if (bias != null) {
            double bound = inFeatures > 0 ? 1 / Math.sqrt(inFeatures) : 0;
            Init.uniform_(bias, -bound, bound);
        }
    }

    @Override
    public Tensor forward(Tensor input) {
        return F.linear(input, weight, bias);
    }

    @Override
    protected String extraRepr() {
        return "in_features=" + inFeatures + ", out_features=" + outFeatures + ", bias=" + (bias != null ? "True" : "False");
    }
}
