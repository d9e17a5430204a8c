package org.torch4j.quantization.qat;

import org.torch4j.Tensor;
import org.torch4j.nn.Module;
import org.torch4j.nn.ReLU;
import org.torch4j.quantization.QConfig;

/**
 * A fused 2-d convolution and ReLU for quantization-aware training ({@code torch.nn.intrinsic.qat.ConvReLU2d}):
 * {@code relu(conv(x, fq(weight), bias))}.
 */
public class ConvReLU2d extends Conv2d {
    /**
     * A convolution initialised as {@link org.torch4j.nn.Conv2d} initialises one.
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
    public ConvReLU2d(long inChannels, long outChannels, long[] kernelSize, long[] stride, long[] padding, long[] dilation, long groups,
                      boolean bias, String paddingMode, QConfig qconfig) {
        super(inChannels, outChannels, kernelSize, stride, padding, dilation, groups, bias, paddingMode, qconfig);
    }

    private ConvReLU2d(org.torch4j.nn.Conv2d conv, QConfig qconfig) {
        super(conv, qconfig);
    }

    /**
     * {@code from_float}: from a fused {@link org.torch4j.quantization.ConvReLU2d}, sharing its convolution's parameters.
     *
     * @param mod the fused float pair
     * @param qconfig the qconfig
     * @return the QAT layer
     * @throws IllegalArgumentException for another module type
     */
    public static ConvReLU2d fromFloat(Module mod, QConfig qconfig) {
        if (!(mod instanceof org.torch4j.quantization.ConvReLU2d f)) {
            throw new IllegalArgumentException("qat.ConvReLU2d.from_float only works for ConvReLU2d");
        }
        return new ConvReLU2d(drawn((org.torch4j.nn.Conv2d) f.get(0), qconfig), qconfig);
    }

    /** {@code to_float}: a float {@link org.torch4j.quantization.ConvReLU2d} with copies of the parameters, in this mode. */
    @Override
    public Module toFloat() {
        Module fused = new org.torch4j.quantization.ConvReLU2d((org.torch4j.nn.Conv2d) super.toFloat(), new ReLU());
        return fused.train(isTraining());
    }

    @Override
    public Tensor forward(Tensor input) {
        return super.forward(input).relu();
    }
}
