package org.torch4j.quantization;

import org.torch4j.Tensor;
import org.torch4j.nn.Module;
import org.torch4j.trace.Trace;

/**
 * Dequantizes its input ({@code torch.ao.nn.quantized.DeQuantize}), what {@link StaticQuantization#convert convert}
 * makes of a {@link DeQuantStub}: the float32 values of the quantized tensor the input carries.
 */
public class DeQuantize extends Module {
    /** A dequantizer. */
    public DeQuantize() {}

    @Override
    public Tensor forward(Tensor x) {
        if (Trace.recording()) return Trace.op("aten::dequantize", () -> forward(x), x);
        return QuantizedTensor.of(x, "aten::dequantize.self").dequantize();
    }
}
