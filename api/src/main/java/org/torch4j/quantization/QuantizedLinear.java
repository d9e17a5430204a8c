package org.torch4j.quantization;

import org.torch4j.Tensor;
import org.torch4j.internal.PyFormat;
import org.torch4j.nn.Linear;
import org.torch4j.nn.Module;
import org.torch4j.trace.Trace;

/**
 * A statically quantized linear layer ({@code torch.ao.nn.quantized.Linear}, printed {@code QuantizedLinear}): a
 * qint8 weight, a float bias, and the output's scale and zero point; its input and output are quint8 quantized
 * tensors passed as {@link QuantizedTensor#carrier() carriers}. See {@link QuantizedKernels} for the arithmetic.
 */
public class QuantizedLinear extends QuantizedWeightedLayer {

    /**
     * A layer over a quantized weight.
     *
     * @param weight the qint8 weight {@code (out_features, in_features)}, per tensor or per channel (axis 0)
     * @param bias the float bias {@code (out_features)}, or null
     * @param scale the output scale
     * @param zeroPoint the output zero point
     */
    public QuantizedLinear(QuantizedTensor weight, Tensor bias, double scale, long zeroPoint) {
        super(weight, bias, scale, zeroPoint, 2);
    }

    /**
     * The counterpart of a prepared {@link Linear} or {@link LinearReLU} ({@code from_float}): the output parameters
     * from its observer, the weight quantized with the parameters of its qconfig's weight observer; for a QAT
     * {@link org.torch4j.quantization.qat.Linear} or {@link org.torch4j.quantization.qat.LinearReLU}, the weight is
     * run through its {@code weight_fake_quant} and quantized with that fake quantizer's observer's parameters.
     *
     * @param mod the observed layer
     * @return a {@link QuantizedLinearReLU} for a (QAT) LinearReLU, else a {@code QuantizedLinear}
     * @throws IllegalStateException when the layer has no observer (not prepared)
     */
    public static QuantizedLinear fromFloat(Module mod) {
        QParams qp = StaticQuantization.outputQparams(mod);
        QuantizedTensor w;
        Tensor b;
        if (mod instanceof org.torch4j.quantization.qat.Linear q) {
            w = StaticQuantization.quantizeWeight(q.weight, q.weightFakeQuant());
            b = q.bias == null ? null : q.bias.detach();
        } else {
            Linear lin = mod instanceof LinearReLU f ? (Linear) f.get(0) : (Linear) mod;
            w = StaticQuantization.quantizeWeight(lin.weight, StaticQuantization.qconfig(mod));
            b = lin.bias == null ? null : lin.bias.detach();
        }
        return mod instanceof LinearReLU || mod instanceof org.torch4j.quantization.qat.LinearReLU
                ? new QuantizedLinearReLU(w, b, qp.scale().item(), qp.zeroPoint().itemLong())
                : new QuantizedLinear(w, b, qp.scale().item(), qp.zeroPoint().itemLong());
    }

    @Override
    public Tensor forward(Tensor x) {
        String op = relu() ? "quantized::linear_relu" : "quantized::linear";
        if (Trace.recording()) return Trace.op(op, () -> forward(x), x, weight(), bias(), scale(), zeroPoint());
        return QuantizedKernels.linear(QuantizedTensor.of(x, op), packed, biasValues, scale(), zeroPoint(), relu());
    }

    @Override
    protected String extraRepr() {
        return "in_features=" + weight().shape()[1] + ", out_features=" + weight().shape()[0] + ", scale=" + PyFormat.repr(scale())
                + ", zero_point=" + zeroPoint() + ", qscheme=" + weight().qscheme();
    }
}
