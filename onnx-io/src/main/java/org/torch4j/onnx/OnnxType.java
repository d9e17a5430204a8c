package org.torch4j.onnx;

import org.torch4j.DType;
import org.torch4j.onnx.importer.ElemType;

/**
 * The type a model declares for a graph input or output (ONNX's {@code TypeProto}), which fixes the
 * Java value {@link OnnxModule#run} takes and gives for it:
 *
 * <table>
 * <caption>ONNX types and their Java values</caption>
 * <tr><th>ONNX type</th><th>Java value</th></tr>
 * <tr><td>{@code tensor(float)}, {@code tensor(int64)}, ... </td><td>a {@link org.torch4j.Tensor} of the matching {@link DType}</td></tr>
 * <tr><td>{@code tensor(uint16)}</td><td>an INT32 tensor of values 0 to 65535</td></tr>
 * <tr><td>{@code tensor(uint32)}</td><td>an INT64 tensor of values 0 to 2^32 - 1</td></tr>
 * <tr><td>{@code tensor(string)}</td><td>a {@link StringTensor}</td></tr>
 * <tr><td>{@code tensor(uint64)}</td><td>an INT64 tensor holding the same 64 bits: values from 2^63 on read as
 *     negative longs ({@link Long#toUnsignedString(long)} prints them, {@link Long#compareUnsigned} orders them)</td></tr>
 * <tr><td>{@code seq(T)}</td><td>a {@link java.util.List} of T's values ({@code List<Tensor>} for a sequence of tensors)</td></tr>
 * <tr><td>{@code optional(T)}</td><td>a {@link java.util.Optional} of T's value; {@code Optional.empty()} for none</td></tr>
 * </table>
 *
 * <p>{@code toString()} is ONNX's notation, e.g. {@code optional(seq(tensor(float)))}.
 */
public sealed interface OnnxType {

    /** The Java type of the values {@link OnnxModule#run} takes and gives, e.g. {@code List<Tensor>}. */
    String javaType();

    /**
     * A tensor.
     *
     * @param elementType ONNX's element type number ({@code TensorProto.DataType}: 1 float, 7 int64, 12 uint32...)
     */
    record TensorType(int elementType) implements OnnxType {
        /** ONNX's name of the element type: {@code float}, {@code int64}, {@code uint32}, {@code string}... */
        public String elementName() {
            return ElemType.name(elementType);
        }

        /**
         * The dtype of the tensors that hold these values (INT32 for uint16, INT64 for uint32 and
         * uint64), or null for none: strings ({@link StringTensor}s) and complex numbers.
         */
        public DType dtype() {
            return ElemType.holdable(elementType) ? ElemType.storage(elementType) : null;
        }

        /** True for uint16, uint32 and uint64, which are held in a wider (or, for uint64, same-width) signed dtype. */
        public boolean heldInSignedDType() {
            return ElemType.isWideUnsigned(elementType);
        }

        @Override
        public String javaType() {
            DType d = dtype();
            if (elementType == ElemType.STRING) return "StringTensor";
            return d == null ? "none (torch4j has no " + elementName() + " tensors)"
                    : heldInSignedDType() ? "Tensor (" + d.name() + " holding " + elementName() + " values)" : "Tensor";
        }

        @Override
        public String toString() {
            return "tensor(" + elementName() + ")";
        }
    }

    /**
     * A sequence of values of one type.
     *
     * @param element the type of every element
     */
    record SequenceType(OnnxType element) implements OnnxType {
        @Override
        public String javaType() {
            return "List<" + element.javaType() + ">";
        }

        @Override
        public String toString() {
            return "seq(" + element + ")";
        }
    }

    /**
     * A value that may be absent.
     *
     * @param element the type of the value when present
     */
    record OptionalType(OnnxType element) implements OnnxType {
        @Override
        public String javaType() {
            return "Optional<" + element.javaType() + ">";
        }

        @Override
        public String toString() {
            return "optional(" + element + ")";
        }
    }

    /**
     * A type torch4j does not run with (maps, sparse tensors).
     *
     * @param description the type in ONNX's notation
     */
    record Unsupported(String description) implements OnnxType {
        @Override
        public String javaType() {
            return "none (torch4j does not support " + description + ")";
        }

        @Override
        public String toString() {
            return description;
        }
    }

    /** No type declared (allowed for some values of old models): any tensor, string tensor, list or optional is taken as it is. */
    record Undeclared() implements OnnxType {
        @Override
        public String javaType() {
            return "Tensor, StringTensor, List or Optional";
        }

        @Override
        public String toString() {
            return "undeclared";
        }
    }
}
