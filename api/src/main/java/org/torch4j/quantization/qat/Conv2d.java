package org.torch4j.quantization.qat;

import org.torch4j.Tensor;
import org.torch4j.nn.Module;
import org.torch4j.quantization.QConfig;

/**
 * A 2-d convolution for quantization-aware training ({@code torch.ao.nn.qat.Conv2d}): the convolution of the input
 * with {@code fq(weight)}, {@code fq} being the {@code weight_fake_quant} module made by the qconfig's weight factory.
 */
public class Conv2d extends ConvBase {
    /**
     * A convolution initialised as {@link org.torch4j.nn.Conv2d} initialises one (the same random draws).
     *
     * @param inChannels the input channels
     * @param outChannels the output channels
     * @param kernelSize the kernel size (one or two values)
     * @param stride the stride
     * @param padding the padding
     * @param dilation the dilation
     * @param groups the number of groups
     * @param bias whether to learn a bias
     * @param paddingMode "zeros", "reflect", "replicate" or "circular"
     * @param qconfig makes the weight's fake quantizer
     */
    public Conv2d(long inChannels, long outChannels, long[] kernelSize, long[] stride, long[] padding, long[] dilation, long groups,
                  boolean bias, String paddingMode, QConfig qconfig) {
        this(new org.torch4j.nn.Conv2d(inChannels, outChannels, kernelSize, stride, padding, dilation, groups, bias, paddingMode), qconfig);
    }

    /** A layer over {@code conv}'s parameters (shared, as PyTorch's {@code from_float} shares them). */
    Conv2d(org.torch4j.nn.Conv2d conv, QConfig qconfig) {
        super(conv, conv.weight, conv.bias, qconfig);
        setWeightFakeQuant();
    }

    /**
     * {@code from_float}: a QAT convolution sharing the float one's weight and bias; it first builds a convolution of
     * those options, drawing from the global generator as PyTorch's {@code cls(...)} does.
     *
     * @param mod an {@link org.torch4j.nn.Conv2d} (exactly that class)
     * @param qconfig the qconfig PyTorch reads from {@code mod.qconfig}
     * @return the QAT convolution
     * @throws IllegalArgumentException for another module type, or without a qconfig
     */
    public static Conv2d fromFloat(Module mod, QConfig qconfig) {
        if (mod == null || mod.getClass() != org.torch4j.nn.Conv2d.class) {
            throw new IllegalArgumentException("qat.Conv2d.from_float only works for Conv2d");
        }
        return new Conv2d(drawn((org.torch4j.nn.Conv2d) mod, qconfig), qconfig);
    }

    /** The float convolution, after the random draws of a convolution with its options. */
    static org.torch4j.nn.Conv2d drawn(org.torch4j.nn.Conv2d c, QConfig qconfig) {
        if (qconfig == null) throw new IllegalArgumentException("Input float module must have qconfig defined");
        new org.torch4j.nn.Conv2d(c.inChannels, c.outChannels, c.kernelSize(), c.stride(), c.padding(), c.dilation(), c.groups,
                c.bias != null, c.paddingMode());
        return c;
    }

    /**
     * {@code to_float}: a float {@link org.torch4j.nn.Conv2d} with copies of the weight and bias.
     *
     * @return the float convolution
     */
    public Module toFloat() {
        org.torch4j.nn.Conv2d conv = floatConv(bias != null);
        QatSupport.copy(conv.weight, weight);
        if (bias != null) QatSupport.copy(conv.bias, bias);
        return conv;
    }

    @Override
    public Tensor forward(Tensor input) {
        return convForward(input, weightFakeQuant().call(weight), bias);
    }
}
