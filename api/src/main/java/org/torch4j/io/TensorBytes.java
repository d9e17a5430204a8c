package org.torch4j.io;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.WritableByteChannel;
import org.torch4j.DType;
import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.internal.RawLayouts;
import org.torch4j.spi.HostStorage;
import org.torch4j.spi.Strided;

/** Moves tensor elements between host arrays and raw bytes in a given byte order. */
final class TensorBytes {
    private TensorBytes() {}

    /** The layout of one element of {@code dtype} in raw bytes (unaligned: file data need not be). */
    static ValueLayout layout(DType dtype, ByteOrder order) {
        return RawLayouts.of(dtype, order);
    }

    /** A new contiguous CPU tensor and its backing array (the caller fills it). */
    static Tensor allocate(DType dtype, long[] shape) {
        return Torch.zeros(shape, dtype);
    }

    /** The host array under a tensor made by {@link #allocate}. */
    static Object array(Tensor fresh) {
        Strided s = fresh.strided();
        if (!(s.storage() instanceof HostStorage hs) || s.offset() != 0) {
            throw new IllegalStateException("expected a fresh CPU tensor in host memory, got storage "
                    + s.storage().getClass().getName());
        }
        return hs.array();
    }

    /** Copies {@code count} elements from {@code src} at byte {@code srcOffset} into {@code t} (fresh). */
    static void copyIn(MemorySegment src, long srcOffset, ByteOrder order, Tensor t, long count) {
        if (count == 0) return;
        Object arr = array(t);
        MemorySegment.copy(src, layout(t.dtype(), order), srcOffset, arr, 0, Math.toIntExact(count));
        if (t.dtype() == DType.BOOL) normalizeBool((byte[]) arr, 0, (int) count);
    }

    /** Bool storage holds 0 or 1; files may hold any nonzero byte for true. */
    static void normalizeBool(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) if (b[i] != 0) b[i] = 1;
    }

    /**
     * Writes a tensor's elements in row-major order, little-endian (a non-contiguous view is written
     * as its contiguous copy would be; a device tensor is copied to the host first).
     */
    static void write(Tensor tensor, ChunkWriter out) throws IOException {
        Tensor t = tensor.device().isCpu() ? tensor : tensor.cpu();
        try {
            Strided s = t.strided();
            if (!(s.storage() instanceof HostStorage hs)) {
                throw new IllegalStateException("CPU tensor without host storage: " + s.storage().getClass().getName());
            }
            Object arr = hs.array();
            ValueLayout layout = layout(s.dtype(), ByteOrder.LITTLE_ENDIAN);
            long[] shape = s.shape(), strides = s.strides();
            long numel = s.numel();
            if (numel == 0) return;
            if (s.isContiguous()) {
                out.put(arr, s.offset(), layout, numel);
                return;
            }
            int rank = shape.length;
            long len = shape[rank - 1], stride = strides[rank - 1];
            long[] idx = new long[rank - 1];
            long base = s.offset();
            while (true) {
                if (stride == 1) {
                    out.put(arr, base, layout, len);
                } else {
                    for (long i = 0; i < len; i++) out.put(arr, base + i * stride, layout, 1);
                }
                int d = rank - 2;
                for (; d >= 0; d--) {
                    idx[d]++;
                    base += strides[d];
                    if (idx[d] < shape[d]) break;
                    base -= strides[d] * shape[d];
                    idx[d] = 0;
                }
                if (d < 0) break;
            }
        } finally {
            if (t != tensor) t.close();
        }
    }

    /** Buffers element copies into a byte array and writes it to a channel in large blocks. */
    static final class ChunkWriter {
        private final WritableByteChannel channel;
        private final byte[] buf;
        private final MemorySegment seg;
        private int pos;
        private long written;

        ChunkWriter(WritableByteChannel channel, int size) {
            this.channel = channel;
            this.buf = new byte[size];
            this.seg = MemorySegment.ofArray(buf);
        }

        /** Copies {@code count} elements of a Java array, from {@code index}, in {@code layout}. */
        void put(Object array, long index, ValueLayout layout, long count) throws IOException {
            int size = (int) layout.byteSize();
            while (count > 0) {
                int room = (buf.length - pos) / size;
                if (room == 0) {
                    flush();
                    continue;
                }
                int n = (int) Math.min(room, count);
                MemorySegment.copy(array, (int) index, seg, layout, pos, n);
                pos += n * size;
                index += n;
                count -= n;
            }
        }

        void put(byte[] bytes) throws IOException {
            put(bytes, 0, ValueLayout.JAVA_BYTE, bytes.length);
        }

        void flush() throws IOException {
            ByteBuffer bb = ByteBuffer.wrap(buf, 0, pos);
            while (bb.hasRemaining()) channel.write(bb);
            written += pos;
            pos = 0;
        }

        long written() {
            return written + pos;
        }
    }
}
