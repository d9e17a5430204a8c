package org.torch4j.distributed;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import org.torch4j.DType;
import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.internal.RawLayouts;
import org.torch4j.spi.HostStorage;
import org.torch4j.spi.Strided;

/**
 * A tensor's elements as one run of a host array, what the transport reads and writes. A contiguous CPU tensor is
 * used in place; one on another device, or not contiguous, is staged in a contiguous CPU copy that
 * {@link #writeBack()} copies back. Complex tensors travel as their real (re, im) pairs.
 */
final class HostBuffer {
    final Tensor tensor;
    private final Tensor staged;
    final DType dtype;
    final Object array;
    final int offset;
    final int count;
    final ValueLayout layout;

    private HostBuffer(Tensor tensor) {
        this.tensor = tensor;
        Tensor x = tensor;
        if (!x.device().isCpu()) x = x.cpu();
        if (!x.isContiguous()) x = x.contiguous();
        staged = x == tensor ? null : x;
        if (x.isComplex()) x = Torch.viewAsReal(x);
        Strided s = x.strided();
        HostStorage host = (HostStorage) s.storage();
        dtype = s.dtype();
        array = host.array();
        offset = Math.toIntExact(s.offset());
        count = Math.toIntExact(s.numel());
        layout = layout(dtype);
    }

    static HostBuffer of(Tensor t) {
        return new HostBuffer(t);
    }

    /** Copies a staged buffer's values into the tensor it stands for. */
    void writeBack() {
        if (staged == null) return;
        try (Torch.Mode m = Torch.noGrad()) {
            tensor.copy_(staged);
        }
    }

    /** Copies {@code n} elements from {@code payload} (at byte {@code byteOffset}) into this buffer at element {@code at}. */
    void copyIn(MemorySegment payload, long byteOffset, int at, int n) {
        MemorySegment.copy(payload, layout, byteOffset, array, offset + at, n);
    }

    static ValueLayout layout(DType dtype) {
        if (dtype.isComplex()) throw new IllegalArgumentException("complex tensors travel as their real view");
        return RawLayouts.of(dtype, ByteOrder.LITTLE_ENDIAN);
    }
}
