package org.torch4j.quantization.qat;

import java.util.Arrays;
import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.internal.PyFormat;
import org.torch4j.nn.F;
import org.torch4j.nn.Module;
import org.torch4j.nn.Parameter;
import org.torch4j.quantization.QConfig;

/**
 * What the 2-d QAT convolutions share ({@code torch.nn.modules.conv._ConvNd} under PyTorch's QAT classes): the
 * convolution's options, {@code weight} and {@code bias}, the qconfig and the weight's fake quantizer, the
 * convolution of an input with a given weight and bias, and the print form of {@code nn.Conv2d}.
 */
public abstract class ConvBase extends Module {
    /** The input channels. */
    public final long inChannels;
    /** The output channels. */
    public final long outChannels;
    /** The number of groups. */
    public final long groups;
    private final long[] kernelSize, stride, padding, dilation;
    private final String paddingMode;
    /** The weight {@code (out, in / groups, kh, kw)}. */
    public final Parameter weight;
    /** The convolution's own bias {@code (out)}, or null. */
    public final Parameter bias;
    private final QConfig qconfig;
    private Module weightFakeQuant;

    /**
     * For subclasses: the options of {@code conv}, a weight and bias; the subclass registers its children and then
     * calls {@link #setWeightFakeQuant}.
     *
     * @param conv the options (kernel size, stride, padding, dilation, groups, padding mode)
     * @param weight the weight
     * @param bias the bias, or null
     * @param qconfig makes the weight's fake quantizer
     * @throws IllegalArgumentException without a qconfig
     */
    protected ConvBase(org.torch4j.nn.Conv2d conv, Parameter weight, Parameter bias, QConfig qconfig) {
        if (qconfig == null) throw new IllegalArgumentException("qconfig must be provided for QAT module");
        this.inChannels = conv.inChannels;
        this.outChannels = conv.outChannels;
        this.groups = conv.groups;
        this.kernelSize = conv.kernelSize().clone();
        this.stride = conv.stride().clone();
        this.padding = conv.padding().clone();
        this.dilation = conv.dilation().clone();
        this.paddingMode = conv.paddingMode();
        this.weight = registerParameter("weight", weight);
        this.bias = registerParameter("bias", bias);
        this.qconfig = qconfig;
    }

    /**
     * Registers the weight's fake quantizer ({@code weight_fake_quant}), made by the qconfig.
     */
    protected final void setWeightFakeQuant() {
        this.weightFakeQuant = registerModule("weight_fake_quant", qconfig.weight().get());
    }

    /** The qconfig the layer was made with. */
    public QConfig qconfig() {
        return qconfig;
    }

    /** The weight's fake quantizer ({@code weight_fake_quant}). */
    public Module weightFakeQuant() {
        return weightFakeQuant;
    }

    /** The kernel size (two values). */
    public long[] kernelSize() {
        return kernelSize.clone();
    }

    /** The stride (two values). */
    public long[] stride() {
        return stride.clone();
    }

    /** The padding (two values). */
    public long[] padding() {
        return padding.clone();
    }

    /** The dilation (two values). */
    public long[] dilation() {
        return dilation.clone();
    }

    /** The padding mode ("zeros", "reflect", "replicate" or "circular"). */
    public String paddingMode() {
        return paddingMode;
    }

    /**
     * {@code _conv_forward(input, weight, bias)}: the convolution with these options.
     *
     * @param input the input {@code (N, C, H, W)}
     * @param w the weight
     * @param b the bias, or null
     * @return the output
     */
    protected Tensor convForward(Tensor input, Tensor w, Tensor b) {
        if (paddingMode.equals("zeros")) return F.conv2d(input, w, b, stride, padding, dilation, groups);
        long[] pads = {padding[1], padding[1], padding[0], padding[0]};
        return F.conv2d(Torch.pad(input, pads, paddingMode, 0), w, b, stride, new long[2], dilation, groups);
    }

    /** A float {@link org.torch4j.nn.Conv2d} with these options (drawing its initial values, as PyTorch's {@code to_float}). */
    org.torch4j.nn.Conv2d floatConv(boolean withBias) {
        return new org.torch4j.nn.Conv2d(inChannels, outChannels, kernelSize, stride, padding, dilation, groups, withBias, paddingMode);
    }

    @Override
    protected String extraRepr() {
        StringBuilder sb = new StringBuilder().append(inChannels).append(", ").append(outChannels).append(", kernel_size=")
                .append(PyFormat.tuple(kernelSize)).append(", stride=").append(PyFormat.tuple(stride));
        if (Arrays.stream(padding).anyMatch(p -> p != 0)) sb.append(", padding=").append(PyFormat.tuple(padding));
        if (Arrays.stream(dilation).anyMatch(x -> x != 1)) sb.append(", dilation=").append(PyFormat.tuple(dilation));
        if (groups != 1) sb.append(", groups=").append(groups);
        if (bias == null) sb.append(", bias=False");
        if (!paddingMode.equals("zeros")) sb.append(", padding_mode=").append(paddingMode);
        return sb.toString();
    }
}
