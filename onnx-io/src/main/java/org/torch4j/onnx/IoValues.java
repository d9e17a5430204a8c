package org.torch4j.onnx;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.torch4j.DType;
import org.torch4j.Tensor;
import org.torch4j.onnx.importer.ElemType;
import org.torch4j.onnx.importer.UnsignedTensor;
import org.torch4j.onnx.proto.OnnxProto.TypeProto;

/**
 * Graph inputs and outputs between the Java values of {@link OnnxModule#run} (see {@link OnnxType})
 * and the executor's values (where uint16/32/64 tensors are {@link UnsignedTensor}s).
 */
final class IoValues {
    private IoValues() {}

    /** The declared type of a value. */
    static OnnxType type(TypeProto t) {
        return switch (t.getValueCase()) {
            case TENSOR_TYPE -> new OnnxType.TensorType(t.getTensorType().getElemType());
            case SEQUENCE_TYPE -> new OnnxType.SequenceType(type(t.getSequenceType().getElemType()));
            case OPTIONAL_TYPE -> new OnnxType.OptionalType(type(t.getOptionalType().getElemType()));
            case MAP_TYPE -> new OnnxType.Unsupported("map(" + ElemType.name(t.getMapType().getKeyType()) + ", "
                    + type(t.getMapType().getValueType()) + ")");
            case SPARSE_TENSOR_TYPE -> new OnnxType.Unsupported("sparse_tensor(" + ElemType.name(t.getSparseTensorType().getElemType()) + ")");
            case VALUE_NOT_SET -> new OnnxType.Undeclared();
        };
    }

    /** Why torch4j cannot feed or return values of this type, or null when it can. */
    static String unsupported(OnnxType type) {
        return switch (type) {
            case OnnxType.TensorType t -> t.dtype() == null && t.elementType() != ElemType.STRING ? t.toString() : null;
            case OnnxType.SequenceType s -> unsupported(s.element());
            case OnnxType.OptionalType o -> unsupported(o.element());
            case OnnxType.Unsupported u -> u.description();
            case OnnxType.Undeclared u -> null;
        };
    }

    /**
     * A Java value given for input {@code what} (e.g. {@code input 'x'}) of {@code type}, checked and
     * made an executor value.
     *
     * @throws OnnxException naming the input and the expected type when the value does not fit it
     */
    static Object toGraph(String what, OnnxType type, Object v) {
        switch (type) {
            case OnnxType.Undeclared u -> {
                if (v instanceof Tensor || v instanceof StringTensor || v instanceof List<?> || v instanceof Optional<?>) return v;
                throw wrong(what, type, v);
            }
            case OnnxType.Unsupported u -> throw new OnnxException(what + " is " + type + ", which torch4j does not support");
            case OnnxType.TensorType t -> {
                if (t.elementType() == ElemType.STRING) {
                    if (v instanceof StringTensor) return v;
                    throw wrong(what, type, v);
                }
                if (!(v instanceof Tensor x)) throw wrong(what, type, v);
                if (t.elementType() == 0) return x; // no element type declared
                if (t.dtype() == null) throw new OnnxException(what + " is " + type + ", which torch4j has no tensors for");
                if (!t.heldInSignedDType()) return x;
                return unsigned(what, t, x);
            }
            case OnnxType.SequenceType s -> {
                if (!(v instanceof List<?> l)) throw wrong(what, type, v);
                List<Object> out = new ArrayList<>(l.size());
                for (int i = 0; i < l.size(); i++) out.add(toGraph("element " + i + " of " + what, s.element(), l.get(i)));
                return List.copyOf(out);
            }
            case OnnxType.OptionalType o -> {
                if (!(v instanceof Optional<?> opt)) throw wrong(what, type, v);
                return opt.map(x -> toGraph("the value of " + what, o.element(), x));
            }
        }
    }

    private static OnnxException wrong(String what, OnnxType type, Object v) {
        return new OnnxException(what + " is " + type + ": give " + article(type.javaType()) + ", not " + javaDescription(v));
    }

    private static String article(String javaType) {
        return (javaType.startsWith("Optional") ? "an " : "a ") + javaType;
    }

    private static String javaDescription(Object v) {
        if (v == null) return "null";
        if (v instanceof Tensor t) return "a Tensor (" + t.dtype().name() + ")";
        if (v instanceof StringTensor) return "a StringTensor";
        if (v instanceof List<?> l) return "a List of " + l.size();
        if (v instanceof Optional<?> o) return o.isPresent() ? "an Optional holding " + javaDescription(o.get()) : "an empty Optional";
        return "a " + v.getClass().getName();
    }

    /** An INT32/INT64 tensor given for a uint16/32/64 input: its dtype and (for uint16 and uint32) range checked. */
    private static UnsignedTensor unsigned(String what, OnnxType.TensorType t, Tensor x) {
        DType d = t.dtype();
        int code = t.elementType();
        String range = code == ElemType.UINT16 ? "values 0 to 65535" : code == ElemType.UINT32 ? "values 0 to 4294967295"
                : "the values' 64 bits (from 2^63 on: negative longs)";
        if (x.dtype() != d) {
            throw new OnnxException(what + " is " + t + ": give an " + d.name() + " tensor of " + range + ", not " + x.dtype().name());
        }
        if (code != ElemType.UINT64 && x.numel() > 0) {
            long max = code == ElemType.UINT16 ? 0xFFFFL : 0xFFFFFFFFL;
            if (x.lt(0).any().itemBool() || x.gt(max).any().itemBool()) {
                throw new OnnxException(what + " is " + t + ": give an " + d.name() + " tensor of " + range + "; it holds others");
            }
        }
        return new UnsignedTensor(x, code);
    }

    /** An executor value as run() returns it: unsigned tensors as the tensors that hold them. */
    static Object toJava(Object v) {
        if (v instanceof UnsignedTensor u) return u.data();
        if (v instanceof List<?> l) {
            List<Object> out = new ArrayList<>(l.size());
            for (Object o : l) out.add(toJava(o));
            return List.copyOf(out);
        }
        if (v instanceof Optional<?> o) return o.map(IoValues::toJava);
        return v;
    }
}
