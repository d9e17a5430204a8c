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
     * from its observer, the weight quantized with the parameters of its qconfig's weight observer.
     *
     * @param mod the observed convolution
     * @return a {@link QuantizedConvReLU2d} for a {@link ConvReLU2d}, else a {@code QuantizedConv2d}
     * @throws IllegalArgumentException for a padding mode other than "zeros"
     * @throws IllegalStateException when the convolution has no observer (not prepared)
     */
    public static QuantizedConv2d fromFloat(Module mod) {
        Conv2d conv = mod instanceof ConvReLU2d f ? (Conv2d) f.get(0) : (Conv2d) mod;
        if (!"zeros".equals(conv.paddingMode())) {
            throw new IllegalArgumentException("Only zero-padding is supported in quantized Conv2d");
        }
        QParams qp = StaticQuantization.observer(mod).calculateQparams();
        QuantizedTensor w = StaticQuantization.quantizeWeight(conv.weight, StaticQuantization.qconfig(mod));
        Tensor b = conv.bias == null ? null : conv.bias.detach();
        long[] st = conv.stride(), pad = conv.padding(), dil = conv.dilation();
        double s = qp.scale().item();
        long z = qp.zeroPoint().itemLong();
        return mod instanceof ConvReLU2d
                ? new QuantizedConvReLU2d(w, b, st, pad, dil, (int) conv.groups, s, z)
                : new QuantizedConv2d(w, b, st, pad, dil, (int) conv.groups, s, z);
    }

    @Override
    public Tensor forward(Tensor x) {
        if (Trace.recording()) {
            return Trace.op(relu() ? "quantized::conv2d_relu" : "quantized::conv2d", () -> forward(x), x, weight(), bias(), stride, padding,
                    dilation, groups, scale(), zeroPoint());
        }
        String op = relu() ? "quantized::conv2d_relu.new" : "quantized::conv2d.new";
        return QuantizedKernels.conv2d(QuantizedTensor.of(x, op), packed, weight().shape(), biasValues, stride, padding, dilation, groups,
                scale(), zeroPoint(), relu()).carrier();
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
