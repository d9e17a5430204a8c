package org.torch4j.quantization;

import org.torch4j.Tensor;
import org.torch4j.internal.PyFormat;
import org.torch4j.trace.Trace;

/**
 * The quantized counterpart of {@link FloatFunctional} ({@code torch.ao.nn.quantized.QFunctional}): {@link #add}
 * adds two quantized tensors (as carried by {@link QuantizedTensor#of}) into this module's scale and zero point
 * with QNNPACK's fixed-point arithmetic.
 */
public class QFunctional extends FloatFunctional {
    private final double scale;
    private final long zeroPoint;

    /**
     * An add into the given output parameters.
     *
     * @param scale the output scale
     * @param zeroPoint the output zero point
     */
    public QFunctional(double scale, long zeroPoint) {
        this.scale = scale;
        this.zeroPoint = zeroPoint;
    }

    /**
     * The counterpart of a prepared {@link FloatFunctional} ({@code from_float}): its observer's parameters.
     *
     * @param mod the observed module
     * @return the new module
     */
    public static QFunctional fromFloat(FloatFunctional mod) {
        org.torch4j.nn.Module pp = mod.namedChildren().get("activation_post_process");
        if (!(pp instanceof ObserverBase || pp instanceof FakeQuantize)) {
            throw new IllegalStateException("FloatFunctional has no observer: run StaticQuantization.prepare and calibrate before convert");
        }
        QParams qp = StaticQuantization.qparams(pp);
        return new QFunctional(qp.scale().item(), qp.zeroPoint().itemLong());
    }

    /** Refused, as PyTorch: the operations are methods. */
    @Override
    public Tensor forward(Tensor x) {
        throw new UnsupportedOperationException("Functional is not intended to use the 'forward'. Please use the underlying operation");
    }

    /**
     * {@code add(x, y)} of two quantized tensors of the same shape ({@code quantized::add}).
     *
     * @param x a quantized tensor's carrier (see {@link QuantizedTensor#of})
     * @param y another, of the same shape
     * @return the carrier of the quint8 sum with this module's scale and zero point
     */
    @Override
    public Tensor add(Tensor x, Tensor y) {
        if (Trace.recording()) return Trace.op("quantized::add", () -> add(x, y), x, y, scale, zeroPoint);
        return QuantizedKernels.add(QuantizedTensor.of(x, "quantized::add"), QuantizedTensor.of(y, "quantized::add"), scale, zeroPoint).carrier();
    }

    @Override
    protected String extraRepr() {
        return "scale=" + PyFormat.repr(scale) + ", zero_point=" + zeroPoint;
    }
}
