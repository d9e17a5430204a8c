package org.torch4j.quantization.qat;

import org.torch4j.Tensor;
import org.torch4j.nn.Module;
import org.torch4j.nn.ReLU;
import org.torch4j.quantization.QConfig;

/**
 * A fused linear layer and ReLU for quantization-aware training ({@code torch.nn.intrinsic.qat.LinearReLU}):
 * {@code relu(x fq(W)^T + b)}.
 */
public class LinearReLU extends Linear {
    /**
     * A layer initialised as {@link org.torch4j.nn.Linear} initialises one.
     *
     * @param inFeatures the input size
     * @param outFeatures the output size
     * @param bias whether to learn a bias
     * @param qconfig makes the weight's fake quantizer
     */
    public LinearReLU(long inFeatures, long outFeatures, boolean bias, QConfig qconfig) {
        super(inFeatures, outFeatures, bias, qconfig);
    }

    private LinearReLU(org.torch4j.nn.Linear linear, QConfig qconfig) {
        super(linear, qconfig);
    }

    /**
     * {@code from_float}: from a fused {@link org.torch4j.quantization.LinearReLU}, sharing its linear layer's parameters.
     *
     * @param mod the fused float pair
     * @param qconfig the qconfig
     * @return the QAT layer
     * @throws IllegalArgumentException for another module type
     */
    public static LinearReLU fromFloat(Module mod, QConfig qconfig) {
        if (!(mod instanceof org.torch4j.quantization.LinearReLU f)) {
            throw new IllegalArgumentException(" qat.LinearReLU.from_float only works for LinearReLU");
        }
        return new LinearReLU(drawn((org.torch4j.nn.Linear) f.get(0), qconfig), qconfig);
    }

    /** {@code to_float}: a float {@link org.torch4j.quantization.LinearReLU} with copies of the parameters. */
    @Override
    public Module toFloat() {
        return new org.torch4j.quantization.LinearReLU(floatLinear(), new ReLU());
    }

    @Override
    public Tensor forward(Tensor input) {
        return super.forward(input).relu();
    }
}
