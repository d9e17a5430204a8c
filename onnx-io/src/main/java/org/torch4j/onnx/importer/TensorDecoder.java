package org.torch4j.onnx.importer;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.torch4j.DType;
import org.torch4j.Device;
import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.onnx.OnnxException;
import org.torch4j.onnx.StringTensor;
import org.torch4j.onnx.proto.OnnxProto.StringStringEntryProto;
import org.torch4j.onnx.proto.OnnxProto.TensorProto;
import org.torch4j.spi.HostStorage;

/**
 * Turns a {@code TensorProto} into a CPU tensor. Every size is checked against the data actually
 * present (raw bytes, typed values or the external file) before anything is allocated, so a hostile
 * file cannot make us allocate more than it holds.
 */
public final class TensorDecoder {
    private TensorDecoder() {}

    /**
     * Decodes {@code t}; external data is looked up relative to {@code baseDir} (null: not allowed).
     * Tensors of uint16, uint32 and uint64, which need their type kept, are refused: see
     * {@link #decodeValue}.
     */
    public static Tensor decode(TensorProto t, Path baseDir) {
        if (ElemType.isWideUnsigned(t.getDataType())) {
            throw new OnnxException("tensor '" + t.getName() + "' has element type " + ElemType.name(t.getDataType())
                    + ", which is not supported here");
        }
        return decodeData(t, baseDir, 0);
    }

    /**
     * Decodes {@code t} as a graph value: an {@link UnsignedTensor} for uint16, uint32 and uint64
     * tensors, else the tensor. {@code asType} is the element type the graph declares for it, when that
     * is a 16-bit reinterpretation of the stored type (the conformance data stores bfloat16 tensors
     * tagged as uint16); 0 keeps the stored type.
     */
    public static Object decodeValue(TensorProto t, Path baseDir, int asType) {
        Tensor data = decodeData(t, baseDir, asType);
        int code = t.getDataType();
        return ElemType.isWideUnsigned(code) && !(asType == ElemType.BFLOAT16 && code == ElemType.UINT16)
                ? new UnsignedTensor(data, code) : data;
    }

    /**
     * {@link #decodeValue} for graph inputs and outputs (test data), which may also be string tensors:
     * those become {@link StringTensor}s.
     */
    public static Object decodeIoValue(TensorProto t, Path baseDir, int asType) {
        if (t.getDataType() != ElemType.STRING) return decodeValue(t, baseDir, asType);
        String what = "tensor '" + t.getName() + "'";
        long[] shape = new long[t.getDimsCount()];
        long numel = 1;
        for (int i = 0; i < shape.length; i++) {
            shape[i] = t.getDims(i);
            if (shape[i] < 0) throw new OnnxException(what + " has a negative dimension " + shape[i]);
            numel = Math.multiplyExact(numel, shape[i]);
        }
        if (t.getDataLocation() == TensorProto.DataLocation.EXTERNAL || t.hasRawData()) {
            throw new OnnxException(what + " is a string tensor with raw or external data, which ONNX does not allow");
        }
        if (t.getStringDataCount() != numel) {
            throw new OnnxException(what + " of shape " + java.util.Arrays.toString(shape) + " needs " + numel + " strings, but holds "
                    + t.getStringDataCount());
        }
        java.util.List<String> values = new java.util.ArrayList<>(t.getStringDataCount());
        for (var b : t.getStringDataList()) values.add(b.toStringUtf8());
        return StringTensor.of(shape, values);
    }

    private static Tensor decodeData(TensorProto t, Path baseDir, int asType) {
        String what = "tensor '" + t.getName() + "'";
        int code = t.getDataType();
        if (asType == ElemType.BFLOAT16 && code == ElemType.UINT16) code = ElemType.BFLOAT16;
        if (!ElemType.holdable(code)) {
            throw new OnnxException(what + " has element type " + ElemType.name(code) + ", which torch4j cannot hold");
        }
        if (t.hasSegment()) throw new OnnxException(what + " is segmented, which is not supported");
        DType dtype = ElemType.storage(code);
        long[] shape = new long[t.getDimsCount()];
        long numel = 1;
        for (int i = 0; i < shape.length; i++) {
            shape[i] = t.getDims(i);
            if (shape[i] < 0) throw new OnnxException(what + " has a negative dimension " + shape[i]);
            try {
                numel = Math.multiplyExact(numel, shape[i]);
            } catch (ArithmeticException e) {
                throw new OnnxException(what + " has dimensions " + java.util.Arrays.toString(shape) + " whose product overflows");
            }
        }
        long bytes;
        try {
            bytes = Math.multiplyExact(numel, (long) fileItemSize(code, dtype));
        } catch (ArithmeticException e) {
            throw new OnnxException(what + " is too large: " + numel + " elements");
        }
        if (t.getDataLocation() == TensorProto.DataLocation.EXTERNAL) {
            return external(t, what, code, dtype, shape, numel, bytes, baseDir);
        }
        if (t.hasRawData()) {
            long have = t.getRawData().size();
            if (have != bytes) {
                throw new OnnxException(what + " of shape " + java.util.Arrays.toString(shape) + " and type "
                        + (ElemType.isWideUnsigned(code) ? ElemType.name(code) : dtype.torchName()) + " needs " + bytes + " bytes of raw data, but holds " + have);
            }
            Tensor out = allocate(what, dtype, shape, numel);
            copyIn(MemorySegment.ofBuffer(t.getRawData().asReadOnlyByteBuffer()), out, numel, code);
            return out;
        }
        return typed(t, what, code, dtype, shape, numel);
    }

    /** Bytes per element in raw or external data: the ONNX type's own width (uint16 is 2 bytes, held in 4). */
    private static int fileItemSize(int code, DType storage) {
        return switch (code) {
            case ElemType.UINT16 -> 2;
            case ElemType.UINT32 -> 4;
            default -> storage.itemSize();
        };
    }

    private static Tensor allocate(String what, DType dtype, long[] shape, long numel) {
        if (numel > HostStorage.MAX_SIZE) {
            throw new OnnxException(what + " has " + numel + " elements, more than a CPU tensor holds (" + HostStorage.MAX_SIZE + ")");
        }
        return Torch.zeros(shape, dtype, Device.CPU);
    }

    private static Object array(Tensor t) {
        return ((HostStorage) t.strided().storage()).array();
    }

    /** Copies little-endian elements of ONNX type {@code code} from {@code src} into the fresh tensor {@code out}. */
    private static void copyIn(MemorySegment src, Tensor out, long numel, int code) {
        if (numel == 0) return;
        Object arr = array(out);
        if (code == ElemType.UINT16) { // zero-extended into int32
            int[] a = (int[]) arr;
            ValueLayout.OfShort le = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
            for (int i = 0; i < a.length; i++) a[i] = src.getAtIndex(le, i) & 0xFFFF;
            return;
        }
        if (code == ElemType.UINT32) { // zero-extended into int64
            long[] a = (long[]) arr;
            ValueLayout.OfInt le = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
            for (int i = 0; i < a.length; i++) a[i] = src.getAtIndex(le, i) & 0xFFFFFFFFL;
            return;
        }
        ValueLayout layout = switch (out.dtype()) {
            case FLOAT32 -> ValueLayout.JAVA_FLOAT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
            case FLOAT64 -> ValueLayout.JAVA_DOUBLE_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
            case INT64 -> ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
            case INT32 -> ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
            case INT16, FLOAT16, BFLOAT16 -> ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
            case INT8, UINT8, BOOL -> ValueLayout.JAVA_BYTE;
            // ElemType maps no ONNX type to a complex dtype, so no decoded tensor is complex
            case COMPLEX64, COMPLEX128 -> throw new UnsupportedOperationException("ONNX import does not support " + out.dtype());
        };
        MemorySegment.copy(src, layout, 0, arr, 0, (int) numel);
        if (out.dtype() == DType.BOOL) {
            byte[] b = (byte[]) arr;
            for (int i = 0; i < b.length; i++) if (b[i] != 0) b[i] = 1;
        }
    }

    private static Tensor typed(TensorProto t, String what, int code, DType dtype, long[] shape, long numel) {
        int have = switch (code) {
            case ElemType.FLOAT -> t.getFloatDataCount();
            case ElemType.DOUBLE -> t.getDoubleDataCount();
            case ElemType.INT64 -> t.getInt64DataCount();
            case ElemType.UINT32, ElemType.UINT64 -> t.getUint64DataCount();
            default -> t.getInt32DataCount();
        };
        if (have != numel) {
            throw new OnnxException(what + " of shape " + java.util.Arrays.toString(shape) + " needs " + numel
                    + " values, but holds " + have);
        }
        Tensor out = allocate(what, dtype, shape, numel);
        Object arr = array(out);
        int n = (int) numel;
        switch (code) {
            case ElemType.FLOAT -> {
                float[] a = (float[]) arr;
                for (int i = 0; i < n; i++) a[i] = t.getFloatData(i);
            }
            case ElemType.DOUBLE -> {
                double[] a = (double[]) arr;
                for (int i = 0; i < n; i++) a[i] = t.getDoubleData(i);
            }
            case ElemType.INT64 -> {
                long[] a = (long[]) arr;
                for (int i = 0; i < n; i++) a[i] = t.getInt64Data(i);
            }
            case ElemType.INT32 -> {
                int[] a = (int[]) arr;
                for (int i = 0; i < n; i++) a[i] = t.getInt32Data(i);
            }
            case ElemType.UINT16 -> {
                int[] a = (int[]) arr;
                for (int i = 0; i < n; i++) a[i] = t.getInt32Data(i) & 0xFFFF;
            }
            case ElemType.UINT32 -> {
                long[] a = (long[]) arr;
                for (int i = 0; i < n; i++) a[i] = t.getUint64Data(i) & 0xFFFFFFFFL;
            }
            case ElemType.UINT64 -> {
                long[] a = (long[]) arr;
                for (int i = 0; i < n; i++) a[i] = t.getUint64Data(i);
            }
            case ElemType.INT16, ElemType.FLOAT16, ElemType.BFLOAT16 -> {
                short[] a = (short[]) arr;
                for (int i = 0; i < n; i++) a[i] = (short) t.getInt32Data(i);
            }
            case ElemType.BOOL -> {
                byte[] a = (byte[]) arr;
                for (int i = 0; i < n; i++) a[i] = (byte) (t.getInt32Data(i) != 0 ? 1 : 0);
            }
            default -> { // INT8, UINT8
                byte[] a = (byte[]) arr;
                for (int i = 0; i < n; i++) a[i] = (byte) t.getInt32Data(i);
            }
        }
        return out;
    }

    private static Tensor external(TensorProto t, String what, int code, DType dtype, long[] shape, long numel, long bytes, Path baseDir) {
        String location = null;
        long offset = 0, length = -1;
        for (StringStringEntryProto e : t.getExternalDataList()) {
            try {
                switch (e.getKey()) {
                    case "location" -> location = e.getValue();
                    case "offset" -> offset = Long.parseLong(e.getValue());
                    case "length" -> length = Long.parseLong(e.getValue());
                    default -> { } // checksum and unknown keys are ignored
                }
            } catch (NumberFormatException x) {
                throw new OnnxException(what + ": external data " + e.getKey() + " '" + e.getValue() + "' is not a number");
            }
        }
        if (location == null || location.isEmpty()) throw new OnnxException(what + " is stored externally but names no location");
        if (baseDir == null) throw new OnnxException(what + " is stored in external file '" + location + "', but the model was not read from a file");
        Path base = baseDir.toAbsolutePath().normalize();
        Path file = base.resolve(location).normalize();
        if (Path.of(location).isAbsolute() || !file.startsWith(base)) {
            throw new OnnxException(what + ": external data location '" + location + "' lies outside the model's folder");
        }
        if (offset < 0 || (length != -1 && length < 0)) throw new OnnxException(what + ": negative external data offset or length");
        if (length != -1 && length != bytes) {
            throw new OnnxException(what + " of shape " + java.util.Arrays.toString(shape) + " needs " + bytes
                    + " bytes, but its external data length is " + length);
        }
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ); Arena arena = Arena.ofConfined()) {
            long size = ch.size();
            if (offset > size || bytes > size - offset) {
                throw new OnnxException(what + " needs " + bytes + " bytes at offset " + offset + " of '" + location
                        + "', which holds " + size + " bytes");
            }
            Tensor out = allocate(what, dtype, shape, numel);
            if (bytes > 0) copyIn(ch.map(FileChannel.MapMode.READ_ONLY, offset, bytes, arena), out, numel, code);
            return out;
        } catch (java.nio.file.NoSuchFileException e) {
            throw new OnnxException(what + ": external data file '" + location + "' does not exist (looked in " + base + ")");
        } catch (IOException e) {
            throw new OnnxException(what + ": cannot read external data file '" + location + "': " + e.getMessage(), e);
        }
    }
}
