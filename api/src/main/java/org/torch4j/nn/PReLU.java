package org.torch4j.nn;

import org.torch4j.DType;
import org.torch4j.Tensor;
import org.torch4j.Torch;

/**
 * x where x > 0, else a * x with a learnable slope a, one shared or one per channel
 * ({@code torch.nn.PReLU}); the parameter is {@code weight}.
 */
public class PReLU extends Module {
    /** 1, or the number of channels. */
    public final long numParameters;
    /** The slopes, initialised to {@code init}. */
    public final Parameter weight;

    /** One slope starting at 0.25. */
    public PReLU() {
        this(1, 0.25);
    }

    /** {@code numParameters} slopes, each starting at {@code init}. */
    public PReLU(long numParameters, double init) {
        this.numParameters = numParameters;
        this.weight = registerParameter("weight", new Parameter(Torch.full(new long[] {numParameters}, init, DType.FLOAT32)));
    }

    @Override
    public Tensor forward(Tensor input) {
        return F.prelu(input, weight);
    }

    @Override
    protected String extraRepr() {
        return "num_parameters=" + numParameters;
    }
}
