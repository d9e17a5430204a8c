package org.torch4j.quantization;

import org.torch4j.nn.Conv2d;
import org.torch4j.nn.ReLU;
import org.torch4j.nn.Sequential;

/**
 * A Conv2d followed by a ReLU, fused for quantization ({@code torch.ao.nn.intrinsic.ConvReLU2d}): children
 * {@code 0} and {@code 1}; {@link StaticQuantization#convert convert} makes it one {@link QuantizedConvReLU2d}.
 */
public class ConvReLU2d extends Sequential {
    /**
     * The pair.
     *
     * @param conv the convolution
     * @param relu the activation
     */
    public ConvReLU2d(Conv2d conv, ReLU relu) {
        super(conv, relu);
    }
}
