package org.torch4j.onnx.export;

import com.google.protobuf.ByteString;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import org.torch4j.DType;
import org.torch4j.Tensor;
import org.torch4j.onnx.OnnxException;
import org.torch4j.onnx.importer.ElemType;
import org.torch4j.onnx.proto.OnnxProto.ModelProto;
import org.torch4j.onnx.proto.OnnxProto.StringStringEntryProto;
import org.torch4j.onnx.proto.OnnxProto.TensorProto;

/**
 * Writes the model file: initializers inline as raw little-endian data, or, when asked or when they
 * would pass protobuf's 2 GB limit, into {@code <file>.data} with ONNX's external-data fields
 * ({@code location}, {@code offset}, {@code length}), each tensor aligned to 4 KiB as onnx does.
 */
public final class ModelWriter {
    private ModelWriter() {}

    /** Above this many bytes of weights, they go to an external file (protobuf caps a message at 2 GiB). */
    static final long INLINE_LIMIT = 1_800_000_000L;
    private static final long CHUNK_ELEMENTS = 1 << 24;

    /** Adds the initializers to {@code model}'s graph and writes it to {@code file}. */
    public static void write(ModelProto.Builder model, Map<String, Tensor> initializers, Path file, boolean external) throws IOException {
        long total = 0;
        for (Tensor t : initializers.values()) total += t.numel() * t.dtype().itemSize();
        boolean ext = external || total > INLINE_LIMIT;
        Path dir = file.toAbsolutePath().getParent();
        if (dir != null) Files.createDirectories(dir);
        String location = file.getFileName() + ".data";
        try (FileChannel data = ext ? FileChannel.open(file.resolveSibling(location), StandardOpenOption.CREATE,
                StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE) : null) {
            long offset = 0;
            for (Map.Entry<String, Tensor> e : initializers.entrySet()) {
                Tensor t = e.getValue().contiguous();
                TensorProto.Builder tp = TensorProto.newBuilder().setName(e.getKey()).setDataType(ElemType.fromDType(t.dtype()));
                for (long s : t.shape()) tp.addDims(s);
                checkWritable(e.getKey(), t.dtype());
                if (ext) {
                    offset = (offset + 4095) / 4096 * 4096;
                    long length = writeChunks(t, data, offset);
                    tp.setDataLocation(TensorProto.DataLocation.EXTERNAL)
                            .addExternalData(kv("location", location)).addExternalData(kv("offset", Long.toString(offset)))
                            .addExternalData(kv("length", Long.toString(length)));
                    offset += length;
                } else {
                    tp.setRawData(ByteString.copyFrom(bytes(t.reshape(-1))));
                }
                model.getGraphBuilder().addInitializer(tp);
            }
        }
        try (OutputStream out = Files.newOutputStream(file)) {
            model.build().writeTo(out);
        }
    }

    private static StringStringEntryProto kv(String k, String v) {
        return StringStringEntryProto.newBuilder().setKey(k).setValue(v).build();
    }

    private static void checkWritable(String name, DType d) {
        switch (d) {
            case FLOAT32, FLOAT64, INT64, INT32, INT16, INT8, UINT8, BOOL -> { }
            default -> throw new OnnxException("initializer '" + name + "' has dtype " + d + ", which the exporter does not write; "
                    + "convert the model to float32 first");
        }
    }

    private static long writeChunks(Tensor t, FileChannel out, long offset) throws IOException {
        Tensor flat = t.reshape(-1);
        long n = flat.numel(), written = 0;
        for (long start = 0; start < n; start += CHUNK_ELEMENTS) {
            ByteBuffer b = ByteBuffer.wrap(bytes(flat.narrow(0, start, Math.min(CHUNK_ELEMENTS, n - start))));
            while (b.hasRemaining()) written += out.write(b, offset + written);
        }
        return written;
    }

    /** The elements of a 1-d tensor as little-endian bytes. */
    static byte[] bytes(Tensor t) {
        int n = Math.toIntExact(t.numel());
        ByteBuffer b = ByteBuffer.allocate(Math.toIntExact((long) n * t.dtype().itemSize())).order(ByteOrder.LITTLE_ENDIAN);
        switch (t.dtype()) {
            case FLOAT32 -> b.asFloatBuffer().put(t.toFloatArray());
            case FLOAT64 -> b.asDoubleBuffer().put(t.toDoubleArray());
            case INT64 -> b.asLongBuffer().put(t.toLongArray());
            case INT32 -> b.asIntBuffer().put(t.toIntArray());
            case INT16 -> {
                for (int v : t.toIntArray()) b.putShort((short) v);
            }
            case INT8, UINT8, BOOL -> {
                for (int v : t.toIntArray()) b.put((byte) v);
            }
            default -> throw new OnnxException("cannot write dtype " + t.dtype());
        }
        return b.array();
    }
}
