package org.torch4j.quantization;

import org.torch4j.Tensor;

/**
 * A {@link QuantizedConv2d} with a fused ReLU ({@code torch.ao.nn.intrinsic.quantized.ConvReLU2d}, printed
 * {@code QuantizedConvReLU2d}): the requantized output is clamped below at the output zero point.
 */
public class QuantizedConvReLU2d extends QuantizedConv2d {
    /**
     * A convolution over a quantized weight.
     *
     * @param weight the qint8 weight {@code (out, in / groups, kh, kw)}
     * @param bias the float bias, or null
     * @param stride the stride
     * @param padding the zero padding
     * @param dilation the dilation
     * @param groups the number of groups
     * @param scale the output scale
     * @param zeroPoint the output zero point
     */
    public QuantizedConvReLU2d(QuantizedTensor weight, Tensor bias, long[] stride, long[] padding, long[] dilation, int groups, double scale,
                               long zeroPoint) {
        super(weight, bias, stride, padding, dilation, groups, scale, zeroPoint);
    }

    @Override
    boolean relu() {
        return true;
    }
}
