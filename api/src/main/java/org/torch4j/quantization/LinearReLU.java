package org.torch4j.quantization;

import org.torch4j.nn.Linear;
import org.torch4j.nn.ReLU;
import org.torch4j.nn.Sequential;

/**
 * A Linear followed by a ReLU, fused for quantization ({@code torch.ao.nn.intrinsic.LinearReLU}): children
 * {@code 0} and {@code 1}; {@link StaticQuantization#convert convert} makes it one {@link QuantizedLinearReLU}.
 */
public class LinearReLU extends Sequential {
    /**
     * The pair.
     *
     * @param linear the linear layer
     * @param relu the activation
     */
    public LinearReLU(Linear linear, ReLU relu) {
        super(linear, relu);
    }
}
