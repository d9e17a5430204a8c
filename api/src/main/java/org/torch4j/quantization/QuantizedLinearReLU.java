package org.torch4j.quantization;

import org.torch4j.Tensor;

/**
 * A {@link QuantizedLinear} with a fused ReLU ({@code torch.ao.nn.intrinsic.quantized.LinearReLU}, printed
 * {@code QuantizedLinearReLU}): the requantized output is clamped below at the output zero point.
 */
public class QuantizedLinearReLU extends QuantizedLinear {
    /**
     * A layer over a quantized weight.
     *
     * @param weight the qint8 weight {@code (out_features, in_features)}
     * @param bias the float bias, or null
     * @param scale the output scale
     * @param zeroPoint the output zero point
     */
    public QuantizedLinearReLU(QuantizedTensor weight, Tensor bias, double scale, long zeroPoint) {
        super(weight, bias, scale, zeroPoint);
    }

    @Override
    boolean relu() {
        return true;
    }
}
