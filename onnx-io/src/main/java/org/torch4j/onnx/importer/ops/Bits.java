package org.torch4j.onnx.importer.ops;

import org.torch4j.DType;
import org.torch4j.Device;
import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.spi.HostStorage;

/** Conversions that work on bit patterns, which torch4j's dtype casts (rounding) do not offer. */
final class Bits {
    private Bits() {}

    /** Float32 to bfloat16 by dropping the low 16 bits (truncation, not rounding). */
    static Tensor truncateToBFloat16(Tensor x) {
        float[] v = x.contiguous().toFloatArray();
        Tensor out = Torch.zeros(x.shape(), DType.BFLOAT16, Device.CPU);
        short[] bits = (short[]) ((HostStorage) out.strided().storage()).array();
        for (int i = 0; i < v.length; i++) bits[i] = (short) (Float.floatToRawIntBits(v[i]) >>> 16);
        return x.device().isCpu() ? out : out.to(x.device());
    }
}
