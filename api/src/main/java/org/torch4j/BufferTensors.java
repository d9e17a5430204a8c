package org.torch4j;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * {@code torch.frombuffer}: a 1-d tensor from raw bytes. Python shares the buffer's memory; a Java
 * {@code byte[]} or {@link ByteBuffer} cannot back a tensor of another element type, so the tensor
 * holds a copy: later writes to the buffer do not show in the tensor, nor the other way. Bytes are
 * read little-endian (as PyTorch reads them on x86 and ARM), whatever the buffer's {@link ByteOrder};
 * the buffer's position is not moved. Bool bytes other than 0 are read as true.
 */
final class BufferTensors {
    private BufferTensors() {}

    /**
     * {@code count} elements of {@code dtype} ({@code -1}: all that follow) from byte {@code offset}
     * of the buffer's remaining bytes, with PyTorch's checks and messages.
     */
    static Tensor frombuffer(ByteBuffer buffer, DType dtype, long count, long offset) {
        long length = buffer.remaining();
        int item = dtype.itemSize();
        if (length <= 0 || count == 0) {
            throw new IllegalArgumentException("both buffer length (" + length + ") and count (" + count + ") must not be 0");
        }
        if (offset < 0 || offset >= length) {
            throw new IllegalArgumentException("offset (" + offset + " bytes) must be non-negative and no greater than buffer length ("
                    + length + " bytes) minus 1");
        }
        if (count < 0) {
            if ((length - offset) % item != 0) {
                throw new IllegalArgumentException("buffer length (" + (length - offset) + " bytes) after offset (" + offset
                        + " bytes) must be a multiple of element size (" + item + ")");
            }
            count = (length - offset) / item;
        } else if (offset + count * item > length) {
            throw new IllegalArgumentException("requested buffer length (" + count + " * " + item + " bytes) after offset ("
                    + offset + " bytes) must not be greater than actual buffer length (" + length + " bytes)");
        }
        ByteBuffer bytes = buffer.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        bytes.position(bytes.position() + (int) offset);
        int n = Math.toIntExact(count);
        if (dtype.isComplex()) {
            Tensor pairs = read(bytes, dtype.toReal(), 2 * n).reshape(n, 2);
            return Torch.viewAsComplex(pairs);
        }
        return read(bytes, dtype, n);
    }

    private static Tensor read(ByteBuffer b, DType dtype, int n) {
        Object array = switch (dtype) {
            case FLOAT32 -> get(new float[n], a -> b.asFloatBuffer().get(a));
            case FLOAT64 -> get(new double[n], a -> b.asDoubleBuffer().get(a));
            case INT64 -> get(new long[n], a -> b.asLongBuffer().get(a));
            case INT32 -> get(new int[n], a -> b.asIntBuffer().get(a));
            case INT16, FLOAT16, BFLOAT16 -> get(new short[n], a -> b.asShortBuffer().get(a));
            case BOOL -> {
                byte[] a = new byte[n];
                b.get(a);
                for (int i = 0; i < n; i++) a[i] = (byte) (a[i] != 0 ? 1 : 0);
                yield a;
            }
            default -> get(new byte[n], a -> b.get(a));
        };
        return new Tensor(org.torch4j.spi.HostStorage.wrap(dtype, array), new long[] {n}, new long[] {1}, 0);
    }

    private static <A> A get(A array, java.util.function.Consumer<A> fill) {
        fill.accept(array);
        return array;
    }
}
