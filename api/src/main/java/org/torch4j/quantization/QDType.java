package org.torch4j.quantization;

import org.torch4j.DType;

/** PyTorch's quantized dtypes ({@code torch.quint8}, {@code torch.qint8}, {@code torch.qint32}). */
public enum QDType {
    /** Unsigned 8-bit values, 0 to 255, stored as uint8. */
    QUINT8("quint8", DType.UINT8, 0, 255),
    /** Signed 8-bit values, -128 to 127, stored as int8. */
    QINT8("qint8", DType.INT8, -128, 127),
    /** Signed 32-bit values, stored as int32 (used for biases and accumulators). */
    QINT32("qint32", DType.INT32, Integer.MIN_VALUE, Integer.MAX_VALUE);

    private final String name;
    private final DType storage;
    private final long min;
    private final long max;

    QDType(String name, DType storage, long min, long max) {
        this.name = name;
        this.storage = storage;
        this.min = min;
        this.max = max;
    }

    /** The dtype of the integer representation ({@code int_repr()}): uint8, int8 or int32. */
    public DType storage() {
        return storage;
    }

    /** The smallest representable value ({@code torch.iinfo(dtype).min}). */
    public long min() {
        return min;
    }

    /** The largest representable value ({@code torch.iinfo(dtype).max}). */
    public long max() {
        return max;
    }

    /** The number of bits ({@code torch.iinfo(dtype).bits}). */
    public int bits() {
        return this == QINT32 ? 32 : 8;
    }

    /** PyTorch's name: {@code torch.quint8}. */
    @Override
    public String toString() {
        return "torch." + name;
    }
}
