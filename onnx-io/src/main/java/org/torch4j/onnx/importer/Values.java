package org.torch4j.onnx.importer;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.torch4j.Tensor;
import org.torch4j.onnx.OnnxException;
import org.torch4j.onnx.StringTensor;
import org.torch4j.onnx.proto.OnnxDataProto.OptionalProto;
import org.torch4j.onnx.proto.OnnxDataProto.SequenceProto;
import org.torch4j.onnx.proto.OnnxProto.TypeProto;

/**
 * The values a graph computes with: a {@link Tensor}, an {@link UnsignedTensor} (uint16/32/64), a
 * {@link StringTensor}, a sequence as an immutable {@link List} of values, an optional as a {@link java.util.Optional} of a
 * value ({@code Optional.empty()} for none). Helpers to look inside them and to decode them from
 * the test data's {@code SequenceProto} and {@code OptionalProto} files.
 */
public final class Values {
    private Values() {}

    /** The tensor a tensor value is held in (an unsigned one's storage), or null for sequences and optionals. */
    public static Tensor tensorOf(Object v) {
        if (v instanceof Tensor t) return t;
        if (v instanceof UnsignedTensor u) return u.data();
        return null;
    }

    /** True when {@code v} is or holds (in a sequence or optional) an {@link UnsignedTensor}. */
    public static boolean containsUnsigned(Object v) {
        if (v instanceof UnsignedTensor) return true;
        if (v instanceof List<?> l) {
            for (Object o : l) if (containsUnsigned(o)) return true;
        }
        return v instanceof Optional<?> o && o.isPresent() && containsUnsigned(o.get());
    }

    /** {@code v} with {@code f} applied to every tensor in it; unsigned tensors keep their type. */
    public static Object mapTensors(Object v, UnaryOperator<Tensor> f) {
        if (v instanceof Tensor t) return f.apply(t);
        if (v instanceof UnsignedTensor u) return new UnsignedTensor(f.apply(u.data()), u.elemType());
        if (v instanceof List<?> l) {
            List<Object> out = new ArrayList<>(l.size());
            for (Object o : l) out.add(mapTensors(o, f));
            return List.copyOf(out);
        }
        if (v instanceof Optional<?> o) return o.map(x -> mapTensors(x, f));
        return v;
    }

    /** What a value is, for messages: {@code a tensor(uint32) of shape [3]}, {@code a sequence of 2}, ... */
    public static String describe(Object v) {
        if (v == null) return "nothing";
        if (v instanceof Tensor t) return "a " + t.dtype().torchName() + " tensor of shape " + java.util.Arrays.toString(t.shape());
        if (v instanceof UnsignedTensor u) return "a " + u;
        if (v instanceof StringTensor s) return "a tensor(string) of shape " + java.util.Arrays.toString(s.shape());
        if (v instanceof List<?> l) return "a sequence of " + l.size();
        if (v instanceof Optional<?> o) return o.isPresent() ? "an optional holding " + describe(o.get()) : "an empty optional";
        return "a " + v.getClass().getName();
    }

    /**
     * Decodes a sequence from test data: a list of its elements' values.
     *
     * @param type the declared {@code seq(...)} type, or null (it only helps decode bfloat16 elements stored as uint16)
     */
    public static List<Object> decode(SequenceProto s, Path baseDir, TypeProto type) {
        TypeProto elem = type != null && type.hasSequenceType() ? type.getSequenceType().getElemType() : null;
        String what = "sequence '" + s.getName() + "'";
        List<Object> out = new ArrayList<>();
        switch (s.getElemType()) {
            case SequenceProto.DataType.TENSOR_VALUE -> {
                for (var t : s.getTensorValuesList()) out.add(TensorDecoder.decodeIoValue(t, baseDir, tensorElemType(elem)));
            }
            case SequenceProto.DataType.SEQUENCE_VALUE -> {
                for (var q : s.getSequenceValuesList()) out.add(decode(q, baseDir, elem));
            }
            case SequenceProto.DataType.OPTIONAL_VALUE -> {
                for (var o : s.getOptionalValuesList()) out.add(decode(o, baseDir, elem));
            }
            case SequenceProto.DataType.UNDEFINED_VALUE -> {
                if (s.getTensorValuesCount() + s.getSequenceValuesCount() + s.getOptionalValuesCount() + s.getMapValuesCount()
                        + s.getSparseTensorValuesCount() > 0) {
                    throw new OnnxException(what + " has elements but no element type");
                }
            }
            default -> throw new OnnxException(what + " holds " + SequenceProto.DataType.forNumber(s.getElemType())
                    + " elements, which torch4j does not support");
        }
        return List.copyOf(out);
    }

    /**
     * Decodes an optional from test data: {@code Optional.empty()} when it holds nothing.
     *
     * @param type the declared {@code optional(...)} type, or null
     */
    public static Optional<Object> decode(OptionalProto o, Path baseDir, TypeProto type) {
        TypeProto elem = type != null && type.hasOptionalType() ? type.getOptionalType().getElemType() : null;
        return switch (o.getElemType()) {
            case OptionalProto.DataType.UNDEFINED_VALUE -> Optional.empty();
            case OptionalProto.DataType.TENSOR_VALUE ->
                    o.hasTensorValue() ? Optional.of(TensorDecoder.decodeIoValue(o.getTensorValue(), baseDir, tensorElemType(elem))) : Optional.empty();
            case OptionalProto.DataType.SEQUENCE_VALUE ->
                    o.hasSequenceValue() ? Optional.of(decode(o.getSequenceValue(), baseDir, elem)) : Optional.empty();
            case OptionalProto.DataType.OPTIONAL_VALUE ->
                    o.hasOptionalValue() ? Optional.of(decode(o.getOptionalValue(), baseDir, elem)) : Optional.empty();
            default -> throw new OnnxException("optional '" + o.getName() + "' holds a " + OptionalProto.DataType.forNumber(o.getElemType())
                    + ", which torch4j does not support");
        };
    }

    private static int tensorElemType(TypeProto t) {
        return t != null && t.hasTensorType() ? t.getTensorType().getElemType() : 0;
    }
}
