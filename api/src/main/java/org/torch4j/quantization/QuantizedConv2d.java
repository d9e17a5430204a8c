package org.torch4j.quantization;

import java.util.Arrays;
import org.torch4j.Tensor;
import org.torch4j.internal.PyFormat;
import org.torch4j.nn.Conv2d;
import org.torch4j.nn.ConvNd;
import org.torch4j.nn.Module;
import org.torch4j.trace.Trace;

/**
 * A statically quantized 2-d convolution ({@code torch.ao.nn.quantized.Conv2d}, printed {@code QuantizedConv2d}):
 * a qint8 weight, a float bias, stride, zero padding, dilation and groups, and the output's scale and zero point;
 * quint8 input and output passed as {@link QuantizedTensor#carrier() carriers}. See {@link QuantizedKernels}.
 */
public class QuantizedConv2d extends QuantizedWeightedLayer {
    private final long[] stride, padding, dilation;
    private final int groups;

    /**
     * A convolution over a quantized weight.
     *
     * @param weight the qint8 weight {@code (out, in / groups, kh, kw)}, per tensor or per channel (axis 0)
     * @param bias the float bias {@code (out)}, or null
     * @param stride the stride (two values)
     * @param padding the zero padding (two values)
     * @param dilation the dilation (two values)
     * @param groups the number of groups
     * @param scale the output scale
     * @param zeroPoint the output zero point
     */
    public QuantizedConv2d(QuantizedTensor weight, Tensor bias, long[] stride, long[] padding, long[] dilation, int groups, double scale,
                           long zeroPoint) {
        super(weight, bias, scale, zeroPoint, 4);
        this.stride = stride.clone();
        this.padding = padding.clone();
        this.dilation = dilation.clone();
        this.groups = groups;
    }

    /**
     * The counterpart of a prepared {@link Conv2d} or {@link ConvReLU2d} ({@code from_float}): the output parameters
     * from its observer, the weight quantized with the parameters of its qconfig's weight observer; or of a QAT
     * convolution ({@link org.torch4j.quantization.qat.Conv2d}, {@code ConvReLU2d}, {@code ConvBn2d} with its batch norm
     * folded, {@code ConvBnReLU2d}), whose weight goes through its {@code weight_fake_quant}.
     *
     * @param mod the observed convolution
     * @return a {@link QuantizedConvReLU2d} for a {@link ConvReLU2d}, else a {@code QuantizedConv2d}
     * @throws IllegalArgumentException for a padding mode other than "zeros"
     * @throws IllegalStateException when the convolution has no observer (not prepared)
     */
    public static QuantizedConv2d fromFloat(Module mod) {
        if (mod instanceof org.torch4j.quantization.qat.ConvBase q) return fromQat(q);
        Conv2d conv = mod instanceof ConvReLU2d f ? (Conv2d) f.get(0) : (Conv2d) mod;
        checkZeros(conv.paddingMode());
        QParams qp = StaticQuantization.outputQparams(mod);
        QuantizedTensor w = StaticQuantization.quantizeWeight(conv.weight, StaticQuantization.qconfig(mod));
        Tensor b = conv.bias == null ? null : conv.bias.detach();
        return make(mod instanceof ConvReLU2d, w, b, conv.stride(), conv.padding(), conv.dilation(), conv.groups, qp);
    }

    /**
     * The QAT case of {@code from_float}: a {@link org.torch4j.quantization.qat.ConvBn2d}'s running statistics are
     * folded into its weight and bias first ({@code fuse_conv_bn_weights}); the weight is run through its
     * {@code weight_fake_quant} and quantized with that fake quantizer's observer's parameters.
     */
    private static QuantizedConv2d fromQat(org.torch4j.quantization.qat.ConvBase q) {
        checkZeros(q.paddingMode());
        QParams qp = StaticQuantization.outputQparams(q);
        Tensor weight = q.weight, bias = q.bias;
        if (q instanceof org.torch4j.quantization.qat.ConvBn2d cb) {
            org.torch4j.nn.Fusion.Fused f = cb.foldedWeights();
            weight = f.weight();
            bias = f.bias();
        }
        QuantizedTensor w = StaticQuantization.quantizeWeight(weight, q.weightFakeQuant());
        boolean relu = q instanceof org.torch4j.quantization.qat.ConvReLU2d || q instanceof org.torch4j.quantization.qat.ConvBnReLU2d;
        return make(relu, w, bias == null ? null : bias.detach(), q.stride(), q.padding(), q.dilation(), q.groups, qp);
    }

    private static void checkZeros(String paddingMode) {
        if (!"zeros".equals(paddingMode)) throw new IllegalArgumentException("Only zero-padding is supported in quantized Conv2d");
    }

    private static QuantizedConv2d make(boolean relu, QuantizedTensor w, Tensor b, long[] st, long[] pad, long[] dil, long groups, QParams qp) {
        double s = qp.scale().item();
        long z = qp.zeroPoint().itemLong();
        return relu ? new QuantizedConvReLU2d(w, b, st, pad, dil, (int) groups, s, z) : new QuantizedConv2d(w, b, st, pad, dil, (int) groups, s, z);
    }

    @Override
    public Tensor forward(Tensor x) {
        if (Trace.recording()) {
            return Trace.op(relu() ? "quantized::conv2d_relu" : "quantized::conv2d", () -> forward(x), x, weight(), bias(), stride, padding,
                    dilation, groups, scale(), zeroPoint());
        }
        String op = relu() ? "quantized::conv2d_relu.new" : "quantized::conv2d.new";
        return QuantizedKernels.conv2d(QuantizedTensor.of(x, op), packed, weight().shape(), biasValues, stride, padding, dilation, groups,
                scale(), zeroPoint(), relu());
    }

    @Override
    protected String extraRepr() {
        long[] w = weight().shape();
        StringBuilder s = new StringBuilder().append(w[1] * groups).append(", ").append(w[0]).append(", kernel_size=")
                .append(PyFormat.tuple(new long[] {w[2], w[3]})).append(", stride=").append(PyFormat.tuple(stride)).append(", scale=")
                .append(PyFormat.repr(scale())).append(", zero_point=").append(zeroPoint());
        if (Arrays.stream(padding).anyMatch(p -> p != 0)) s.append(", padding=").append(PyFormat.tuple(padding));
        if (Arrays.stream(dilation).anyMatch(d -> d != 1)) s.append(", dilation=").append(PyFormat.tuple(dilation));
        if (groups != 1) s.append(", groups=").append(groups);
        // PyTorch 1.13 also checks "bias() is None" for ", bias=False", but its packed weights give a bias of zeros
        // then, so it never prints it; neither do we
        return s.toString();
    }
}
