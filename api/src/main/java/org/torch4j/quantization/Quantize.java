package org.torch4j.quantization;

import org.torch4j.DType;
import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.nn.Module;
import org.torch4j.trace.Trace;

/**
 * Quantizes its float input ({@code torch.ao.nn.quantized.Quantize}), what {@link StaticQuantization#convert convert}
 * makes of a {@link QuantStub}: {@code quantize_per_tensor(x, scale, zero_point, dtype)}, returned as the quantized
 * tensor's {@link QuantizedTensor#carrier() carrier}. Buffers {@code scale} (float32, shape [1]) and
 * {@code zero_point} (int64, shape [1]).
 */
public class Quantize extends Module {
    private final QDType dtype;

    /**
     * A quantizer with fixed parameters.
     *
     * @param scale the scale
     * @param zeroPoint the zero point
     * @param dtype the quantized dtype
     */
    public Quantize(double scale, long zeroPoint, QDType dtype) {
        this.dtype = dtype;
        registerBuffer("scale", Torch.tensor(new float[] {(float) scale}, 1));
        registerBuffer("zero_point", Torch.tensor(new long[] {zeroPoint}, 1));
    }

    /**
     * The counterpart of a prepared {@link QuantStub} ({@code from_float}): its observer's parameters and dtype.
     *
     * @param stub the observed stub
     * @return the quantizer
     * @throws IllegalStateException when the stub has no observer (not prepared)
     */
    public static Quantize fromFloat(QuantStub stub) {
        QParams qp = StaticQuantization.outputQparams(stub);
        QDType dtype = StaticQuantization.observerOf(stub.namedChildren().get("activation_post_process")).dtype();
        return new Quantize(qp.scale().item(), qp.zeroPoint().itemLong(), dtype);
    }

    /** The scale. */
    public double scale() {
        return buffer("scale").item();
    }

    /** The zero point. */
    public long zeroPoint() {
        return buffer("zero_point").itemLong();
    }

    @Override
    public Tensor forward(Tensor x) {
        if (Trace.recording()) return Trace.op("aten::quantize_per_tensor", () -> forward(x), x, scale(), zeroPoint(), dtype);
        return Quantization.quantizePerTensor(x.to(DType.FLOAT32), scale(), zeroPoint(), dtype).carrier();
    }

    @Override
    protected String extraRepr() {
        return "scale=" + buffer("scale") + ", zero_point=" + buffer("zero_point") + ", dtype=" + dtype;
    }
}
