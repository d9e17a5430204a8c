package org.torch4j.nn;

import org.torch4j.DType;
import org.torch4j.Tensor;
import org.torch4j.Torch;

/** {@code y = x1^T A x2 + b} ({@code torch.nn.Bilinear}), initialised uniform in +-1/sqrt(in1). */
public class Bilinear extends Module {
    /** The sizes of the last dims of the first input, the second input and the output. */
    public final long in1Features, in2Features, outFeatures;
    /** The weight {@code (out, in1, in2)} and the bias {@code (out)} (null without bias), float32. */
    public final Parameter weight, bias;

    /** With PyTorch's default {@code bias = true}. */
    public Bilinear(long in1Features, long in2Features, long outFeatures) {
        this(in1Features, in2Features, outFeatures, true);
    }

    /**
     * Maps {@code (*, in1)} and {@code (*, in2)} to {@code (*, out)}; weight and bias start uniform in
     * {@code [-1/sqrt(in1), 1/sqrt(in1)]}.
     *
     * @param in1Features the size of the first input's last dim
     * @param in2Features the size of the second input's last dim
     * @param outFeatures the size of the output's last dim
     * @param bias whether to learn an additive bias (default true)
     */
    public Bilinear(long in1Features, long in2Features, long outFeatures, boolean bias) {
        this.in1Features = in1Features;
        this.in2Features = in2Features;
        this.outFeatures = outFeatures;
        this.weight = registerParameter("weight", new Parameter(Torch.empty(new long[] {outFeatures, in1Features, in2Features}, DType.FLOAT32)));
        this.bias = registerParameter("bias", bias ? new Parameter(Torch.empty(new long[] {outFeatures}, DType.FLOAT32)) : null);
        double bound = 1 / Math.sqrt(in1Features);
        Init.uniform_(weight, -bound, bound);
        if (bias) Init.uniform_(this.bias, -bound, bound);
    }

    /** Bilinear takes two inputs: use {@link #forward(Tensor, Tensor)}. */
    @Override
    public Tensor forward(Tensor input) {
        throw new UnsupportedOperationException("Bilinear takes two inputs: forward(input1, input2)");
    }

    /**
     * {@code y[..., o] = input1[..., i] weight[o, i, j] input2[..., j] + bias[o]} ({@link F#bilinear}).
     *
     * @param input1 {@code (*, in1)}
     * @param input2 {@code (*, in2)}, with the same leading dims
     * @return {@code (*, out)}
     */
    public Tensor forward(Tensor input1, Tensor input2) {
        return F.bilinear(input1, input2, weight, bias);
    }

    /** {@code bilinear(input1, input2)}: {@link #forward(Tensor, Tensor)} with the hooks around it; they see both inputs. */
    public final Tensor call(Tensor input1, Tensor input2) {
        return callWithHooks(args -> forward((Tensor) args.get(0), (Tensor) args.get(1)), input1, input2);
    }

    @Override
    protected String extraRepr() {
        return "in1_features=" + in1Features + ", in2_features=" + in2Features + ", out_features=" + outFeatures + ", bias="
                + (bias != null ? "True" : "False");
    }
}
