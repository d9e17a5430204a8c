package org.torch4j.quantization.qat;

import org.torch4j.Tensor;
import org.torch4j.nn.BatchNorm2d;
import org.torch4j.nn.Module;
import org.torch4j.nn.ReLU;
import org.torch4j.quantization.QConfig;

/**
 * A 2-d convolution, batch norm and ReLU fused for quantization-aware training
 * ({@code torch.nn.intrinsic.qat.ConvBnReLU2d}): {@link ConvBn2d}'s simulated folding, then a ReLU.
 */
public class ConvBnReLU2d extends ConvBn2d {
    /**
     * A fused layer initialised as PyTorch's (see {@link ConvBn2d}).
     *
     * @param inChannels the input channels
     * @param outChannels the output channels (and batch-norm features)
     * @param kernelSize the kernel size (one or two values)
     * @param stride the stride
     * @param padding the padding
     * @param dilation the dilation
     * @param groups the number of groups
     * @param bias whether the convolution has a bias (PyTorch's default: none)
     * @param paddingMode "zeros", "reflect", "replicate" or "circular"
     * @param eps the batch norm's eps
     * @param momentum the batch norm's momentum
     * @param freezeBn whether to start with frozen batch-norm statistics
     * @param qconfig makes the weight's fake quantizer
     */
    public ConvBnReLU2d(long inChannels, long outChannels, long[] kernelSize, long[] stride, long[] padding, long[] dilation, long groups,
                        boolean bias, String paddingMode, double eps, double momentum, boolean freezeBn, QConfig qconfig) {
        super(inChannels, outChannels, kernelSize, stride, padding, dilation, groups, bias, paddingMode, eps, momentum, freezeBn, qconfig);
    }

    private ConvBnReLU2d(org.torch4j.nn.Conv2d conv, BatchNorm2d bn, QConfig qconfig) {
        super(conv, conv.weight, conv.bias, bn, qconfig);
    }

    /**
     * {@code from_float}: from a fused {@link org.torch4j.quantization.ConvBnReLU2d} (see {@link ConvBn2d#fromFloat}).
     *
     * @param mod the fused float triple
     * @param qconfig the qconfig
     * @return the QAT layer
     * @throws IllegalArgumentException for another module type, or without a qconfig
     */
    public static ConvBnReLU2d fromFloat(Module mod, QConfig qconfig) {
        if (!(mod instanceof org.torch4j.quantization.ConvBnReLU2d f)) {
            throw new IllegalArgumentException("qat.ConvBnReLU2d.from_float only works for ConvBnReLU2d");
        }
        org.torch4j.nn.Conv2d conv = drawn(f, qconfig);
        return (ConvBnReLU2d) new ConvBnReLU2d(conv, (BatchNorm2d) f.get(1), qconfig).updateBnStats();
    }

    /** {@code to_float}: a float {@link org.torch4j.quantization.ConvReLU2d} with the batch norm folded in, in this mode. */
    @Override
    public Module toFloat() {
        return new org.torch4j.quantization.ConvReLU2d(foldedConv(), new ReLU()).train(isTraining());
    }

    @Override
    public Tensor forward(Tensor input) {
        return super.forward(input).relu();
    }
}
