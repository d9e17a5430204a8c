package org.torch4j.nn;

import org.torch4j.DType;
import org.torch4j.Tensor;
import org.torch4j.Torch;

/** {@code y = x1^T A x2 + b} ({@code torch.nn.Bilinear}), initialised uniform in +-1/sqrt(in1). */
public class Bilinear extends Module {
    public final long in1Features, in2Features, outFeatures;
    public final Parameter weight, bias;

    public Bilinear(long in1Features, long in2Features, long outFeatures) {
        this(in1Features, in2Features, outFeatures, true);
    }

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
