package org.torch4j.onnx.importer;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.LongBinaryOperator;
import org.torch4j.DType;
import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.onnx.OnnxException;
import org.torch4j.onnx.importer.ops.Util;
import org.torch4j.onnx.proto.OnnxProto.AttributeProto;
import org.torch4j.onnx.proto.OnnxProto.AttributeProto.AttributeType;

/**
 * Nodes that read or make uint16, uint32 or uint64 values ({@link UnsignedTensor}s). torch4j holds
 * uint16 in INT32 and uint32 in INT64 with their own values, and uint64 in INT64 with the same 64
 * bits; each operator below computes on those tensors so that the result is the unsigned one, and
 * every other operator refuses such values with an {@link OnnxException} naming the node, rather
 * than compute a signed result.
 *
 * <ul>
 * <li>Moving values (Reshape, Concat, Gather, Slice, Where, Pad...; Identity, If, Loop, the sequence
 *     and optional operators): the values are untouched and keep their type.
 * <li>Add, Sub, Mul, ReduceSum, ReduceProd, ReduceSumSquare, CumSum wrap modulo 2^16, 2^32 or 2^64,
 *     as numpy (ONNX's reference) does.
 * <li>Comparisons, Max, Min, Clip, ArgMax, ArgMin, ReduceMax, ReduceMin, TopK order unsigned: uint64
 *     values have their sign bit flipped around the signed operation, which maps unsigned order to
 *     signed order.
 * <li>Div and Mod divide unsigned ({@link Long#divideUnsigned}, {@link Long#remainderUnsigned} for
 *     uint64; the held values of uint16 and uint32 are their own). BitShift shifts logically, and a
 *     shift by the width or more gives 0 (numpy's rule). BitwiseAnd/Or/Xor/Not keep the width.
 * <li>Cast and CastLike from and to the unsigned types wrap as numpy's {@code astype} (to a narrower
 *     integer type: the low bits); to a float type they round the exact unsigned value to nearest even
 *     (uint64 values from 2^63 on included); from a float type they truncate toward zero and wrap,
 *     NaN and values outside (-2^63, 2^64) giving 0 (ONNX leaves these undefined).
 * <li>Abs is the identity and Sign 0 or 1. Pow takes an unsigned exponent (a uint64 one from 2^63 on
 *     only with a float base). Constant, ConstantOfShape and EyeLike make unsigned values.
 * </ul>
 */
final class UnsignedOps {
    private UnsignedOps() {}

    /** Operators that pass values through whole (elements of sequences, optionals, subgraph values). */
    private static final Set<String> OPAQUE = Set.of("Identity", "If", "Loop", "SequenceConstruct", "SequenceEmpty", "SequenceInsert",
            "SequenceAt", "SequenceErase", "SequenceLength", "Optional", "OptionalHasElement", "OptionalGetElement", "SequenceMap");

    /** Input positions: every input, none, the first. */
    private static final int[] EVERY = new int[0], NONE = {-1}, FIRST = {0};

    /** Operators that move values: the inputs that carry them (null: all); their outputs have the same type. */
    private static final Map<String, int[]> LAYOUT = Map.ofEntries(
            Map.entry("Concat", EVERY), Map.entry("ConcatFromSequence", FIRST),
            Map.entry("Reshape", FIRST), Map.entry("Flatten", FIRST), Map.entry("Squeeze", FIRST), Map.entry("Unsqueeze", FIRST),
            Map.entry("Transpose", FIRST), Map.entry("Split", FIRST), Map.entry("Slice", FIRST), Map.entry("Gather", FIRST),
            Map.entry("GatherElements", FIRST), Map.entry("GatherND", FIRST), Map.entry("Expand", FIRST), Map.entry("Tile", FIRST),
            Map.entry("Compress", FIRST), Map.entry("DepthToSpace", FIRST), Map.entry("SpaceToDepth", FIRST),
            Map.entry("ReverseSequence", FIRST), Map.entry("Trilu", FIRST), Map.entry("SplitToSequence", FIRST),
            Map.entry("Where", new int[] {1, 2}), Map.entry("ScatterElements", new int[] {0, 2}), Map.entry("Scatter", new int[] {0, 2}),
            Map.entry("ScatterND", new int[] {0, 2}), Map.entry("Pad", new int[] {0, 2}),
            // these read the values but give int64 or bool results that do not depend on signedness
            Map.entry("Shape", FIRST), Map.entry("Size", FIRST), Map.entry("NonZero", FIRST));

    private static final Set<String> UNTYPED_RESULT = Set.of("Shape", "Size", "NonZero");

    /** Operators whose results wrap modulo 2^bits: the inputs that are values of the type. */
    private static final Map<String, int[]> MODULAR = Map.of("Add", EVERY, "Sub", EVERY, "Mul", EVERY,
            "ReduceSum", FIRST, "ReduceProd", FIRST, "ReduceSumSquare", FIRST, "CumSum", FIRST,
            "BitwiseAnd", EVERY, "BitwiseOr", EVERY, "BitwiseXor", EVERY);

    /** Operators that order values; those in TYPED_ORDER return values of the type in output 0. */
    private static final Map<String, int[]> ORDER = Map.ofEntries(Map.entry("Max", EVERY), Map.entry("Min", EVERY),
            Map.entry("Clip", EVERY), Map.entry("ReduceMax", FIRST), Map.entry("ReduceMin", FIRST), Map.entry("TopK", FIRST),
            Map.entry("ArgMax", FIRST), Map.entry("ArgMin", FIRST), Map.entry("Less", EVERY), Map.entry("Greater", EVERY),
            Map.entry("LessOrEqual", EVERY), Map.entry("GreaterOrEqual", EVERY), Map.entry("Equal", EVERY));

    private static final Set<String> TYPED_ORDER = Set.of("Max", "Min", "Clip", "ReduceMax", "ReduceMin", "TopK");

    /** True when node {@code n} reads or makes unsigned 16/32/64-bit values, and so must run here. */
    static boolean involved(NodeSpec n, Object[] in) {
        for (Object o : in) if (Values.containsUnsigned(o)) return true;
        if (!n.unsignedTensors().isEmpty()) return true;
        int to = targetAttribute(n);
        return to > 0 && ElemType.isWideUnsigned(to);
    }

    private static final List<String> TYPE_ATTRIBUTES = List.of("to", "dtype");

    /** The element type a {@code to} (Cast; a type name before opset 6) or {@code dtype} attribute asks for, or 0. */
    private static int targetAttribute(NodeSpec n) {
        for (String name : TYPE_ATTRIBUTES) {
            AttributeProto a = n.attributes().get(name);
            if (a == null) continue;
            if (a.getType() == AttributeType.STRING) {
                String s = a.getS().toStringUtf8();
                for (int code = 1; code <= 16; code++) if (ElemType.name(code).equalsIgnoreCase(s)) return code;
                return 0;
            }
            return (int) a.getI();
        }
        return 0;
    }

    /** Runs node {@code n} with unsigned semantics, or refuses it. */
    static Object[] apply(NodeSpec n, Object[] in, Env env) {
        String op = n.opType();
        if (!OpRegistry.isOperator(n)) return run(n, in, env); // a model-local function: its nodes come back here one by one
        if (!n.domain().isEmpty()) throw refuse(n, in);
        if (OPAQUE.contains(op)) return run(n, in, env);
        if (!n.unsignedTensors().isEmpty() && !op.equals("Constant") && !op.equals("ConstantOfShape")) {
            throw error(n, "its tensor attribute " + n.unsignedTensors().keySet() + " is " + typeName(n.unsignedTensors().values().iterator().next())
                    + ", which torch4j supports only in Constant and ConstantOfShape");
        }
        switch (op) {
            case "Cast", "CastLike" -> {
                onlyIn(n, in, op.equals("Cast") ? FIRST : new int[] {0, 1});
                int to = op.equals("Cast") ? targetAttribute(n) : elemTypeOf(in[1]);
                return new Object[] {cast(n, in[0], to)};
            }
            case "Constant", "ConstantOfShape" -> {
                onlyIn(n, in, NONE);
                Object[] out = run(n, in, env);
                Integer type = n.unsignedTensors().get("value");
                if (type == null) return out;
                return new Object[] {new UnsignedTensor(Values.tensorOf(out[0]).to(ElemType.storage(type)), type)};
            }
            case "EyeLike" -> {
                return new Object[] {eyeLike(n, in)};
            }
            case "Pow" -> {
                return pow(n, in, env);
            }
            case "Div", "Mod" -> {
                int type = commonType(n, in, EVERY);
                if (type != ElemType.UINT64) return tag(run(n, unwrap(in), env), type, true);
                LongBinaryOperator f = op.equals("Div") ? Long::divideUnsigned : Long::remainderUnsigned;
                return new Object[] {new UnsignedTensor(binaryLongs(data(in[0]), data(in[1]), f), type)};
            }
            case "BitShift" -> {
                int type = commonType(n, in, EVERY);
                int bits = ElemType.bits(type);
                long mask = bits == 64 ? -1L : (1L << bits) - 1;
                boolean left = stringAttr(n, "direction").equals("LEFT");
                LongBinaryOperator f = (x, s) -> Long.compareUnsigned(s, bits) >= 0 ? 0 : left ? (x << s) & mask : x >>> s;
                Tensor r = binaryLongs(data(in[0]), data(in[1]), f);
                return new Object[] {new UnsignedTensor(r.to(ElemType.storage(type)), type)};
            }
            case "Abs" -> { // an unsigned value is its own absolute value (a held uint64 from 2^63 on is not)
                int type = commonType(n, in, FIRST);
                return new Object[] {new UnsignedTensor(data(in[0]).clone(), type)};
            }
            case "Sign" -> {
                int type = commonType(n, in, FIRST);
                return new Object[] {new UnsignedTensor(data(in[0]).ne(0).to(ElemType.storage(type)), type)};
            }
            case "BitwiseNot" -> {
                int type = commonType(n, in, FIRST);
                return new Object[] {new UnsignedTensor(wrap(data(in[0]).bitwiseNot(), type), type)};
            }
            default -> { }
        }
        if (LAYOUT.containsKey(op)) {
            if ((op.equals("ScatterElements") || op.equals("ScatterND")) && !stringAttr(n, "reduction").equals("none")
                    && !stringAttr(n, "reduction").isEmpty()) {
                throw error(n, "reduction '" + stringAttr(n, "reduction") + "' on " + typeName(anyType(in)) + " values is not supported");
            }
            int type = commonType(n, in, LAYOUT.get(op));
            return tag(run(n, unwrap(in), env), type, !UNTYPED_RESULT.contains(op));
        }
        if (MODULAR.containsKey(op)) {
            int type = commonType(n, in, MODULAR.get(op));
            Object[] out = run(n, unwrap(in), env);
            out[0] = new UnsignedTensor(wrap(Values.tensorOf(out[0]), type), type);
            return out;
        }
        if (ORDER.containsKey(op)) {
            if (op.equals("Clip") && n.opset() < 12) throw refuse(n, in);
            int[] slots = ORDER.get(op);
            int type = commonType(n, in, slots);
            boolean typed = TYPED_ORDER.contains(op);
            if (type != ElemType.UINT64) return tag(run(n, unwrap(in), env), type, typed, 1);
            Object[] flipped = new Object[in.length];
            for (int i = 0; i < in.length; i++) flipped[i] = in[i] instanceof UnsignedTensor u ? flip(u.data()) : in[i];
            Object[] out = run(n, flipped, env);
            if (typed) out[0] = new UnsignedTensor(flip(Values.tensorOf(out[0])), type);
            return out;
        }
        throw refuse(n, in);
    }

    // ---- checks ---------------------------------------------------------------------------------

    private static OnnxException error(NodeSpec n, String message) {
        return new OnnxException(n.name(), n.opType(), n.opset(), message, null);
    }

    private static OnnxException refuse(NodeSpec n, Object[] in) {
        int type = anyType(in);
        String what = type != 0 ? typeName(type) + " values" : "uint16, uint32 or uint64 values";
        return error(n, "torch4j does not run " + n.opType() + " on " + what + " (it holds them in wider signed dtypes, and only "
                + "operators known to give the unsigned result take them)");
    }

    private static String typeName(int code) {
        return "tensor(" + ElemType.name(code) + ")";
    }

    /** The type of the first unsigned value among the inputs (or in their sequences and optionals), or 0. */
    private static int anyType(Object[] in) {
        for (Object o : in) {
            int t = unsignedType(o);
            if (t != 0) return t;
        }
        return 0;
    }

    private static int unsignedType(Object v) {
        if (v instanceof UnsignedTensor u) return u.elemType();
        if (v instanceof List<?> l) {
            for (Object o : l) {
                int t = unsignedType(o);
                if (t != 0) return t;
            }
        }
        if (v instanceof Optional<?> o && o.isPresent()) return unsignedType(o.get());
        return 0;
    }

    /** The ONNX element type of a tensor value. */
    private static int elemTypeOf(Object v) {
        if (v instanceof UnsignedTensor u) return u.elemType();
        if (v instanceof Tensor t) return ElemType.fromDType(t.dtype());
        throw new IllegalArgumentException("expected a tensor, got " + Values.describe(v));
    }

    private static boolean isSlot(int[] slots, int i) {
        if (slots.length == 0) return true;
        for (int s : slots) if (s == i) return true;
        return false;
    }

    /** Unsigned values may only be in inputs {@code slots} ({@link #EVERY}, {@link #NONE} or positions). */
    private static void onlyIn(NodeSpec n, Object[] in, int[] slots) {
        for (int i = 0; i < in.length; i++) {
            if (unsignedType(in[i]) != 0 && !isSlot(slots, i)) {
                throw error(n, "input " + i + " ('" + n.inputs().get(i) + "') is " + typeName(unsignedType(in[i]))
                        + ", which " + n.opType() + " does not take there");
            }
        }
    }

    /**
     * The one unsigned type of the value inputs {@code slots} (empty: all): each present one must be an
     * unsigned tensor of it (or a sequence of such), and no other input may be unsigned.
     */
    private static int commonType(NodeSpec n, Object[] in, int[] slots) {
        onlyIn(n, in, slots);
        int type = anyType(in);
        if (type == 0) throw refuse(n, in);
        for (int i = 0; i < in.length; i++) {
            if (!isSlot(slots, i) || in[i] == null) continue;
            List<Object> parts = in[i] instanceof List<?> l ? new ArrayList<>(l) : List.of(in[i]);
            for (Object p : parts) {
                int t = p instanceof UnsignedTensor u ? u.elemType() : p instanceof Tensor x ? ElemType.fromDType(x.dtype()) : -1;
                if (t != type) {
                    throw error(n, "input " + i + " ('" + n.inputs().get(i) + "') is " + (t < 0 ? Values.describe(p) : typeName(t))
                            + " where " + typeName(type) + " is expected (ONNX asks the same type of these inputs)");
                }
            }
        }
        return type;
    }

    // ---- running the ordinary operator on held values -------------------------------------------

    private static Object[] run(NodeSpec n, Object[] in, Env env) {
        return n.op().apply(new OpCall(n, in, env));
    }

    /** The inputs with every unsigned tensor (also in sequences) replaced by the tensor that holds it. */
    private static Object[] unwrap(Object[] in) {
        Object[] out = new Object[in.length];
        for (int i = 0; i < in.length; i++) out[i] = unwrap(in[i]);
        return out;
    }

    private static Object unwrap(Object v) {
        if (v instanceof UnsignedTensor u) return u.data();
        if (v instanceof List<?> l) {
            List<Object> out = new ArrayList<>(l.size());
            for (Object o : l) out.add(unwrap(o));
            return List.copyOf(out);
        }
        return v;
    }

    private static Tensor data(Object v) {
        return ((UnsignedTensor) v).data();
    }

    private static Object[] tag(Object[] out, int type, boolean typed) {
        return tag(out, type, typed, out.length);
    }

    /** The first {@code count} outputs as values of {@code type} (sequences: their elements). */
    private static Object[] tag(Object[] out, int type, boolean typed, int count) {
        if (!typed) return out;
        for (int i = 0; i < Math.min(count, out.length); i++) out[i] = tagValue(out[i], type);
        return out;
    }

    private static Object tagValue(Object v, int type) {
        if (v instanceof Tensor t) return new UnsignedTensor(t.to(ElemType.storage(type)), type);
        if (v instanceof List<?> l) {
            List<Object> out = new ArrayList<>(l.size());
            for (Object o : l) out.add(tagValue(o, type));
            return List.copyOf(out);
        }
        return v;
    }

    // ---- arithmetic on held values ----------------------------------------------------------------

    /** An integer tensor's values modulo 2^bits of {@code type}, in the type's holding dtype. */
    static Tensor wrap(Tensor t, int type) {
        Tensor v = t.to(DType.INT64);
        return switch (type) {
            case ElemType.UINT16 -> v.bitwiseAnd(Torch.full(new long[0], 0xFFFFL, DType.INT64, v.device())).to(DType.INT32);
            case ElemType.UINT32 -> v.bitwiseAnd(Torch.full(new long[0], 0xFFFFFFFFL, DType.INT64, v.device()));
            default -> v;
        };
    }

    /** uint64 held values with the sign bit flipped: unsigned order becomes signed order (and back). */
    private static Tensor flip(Tensor t) {
        return t.bitwiseXor(Torch.full(new long[0], Long.MIN_VALUE, DType.INT64, t.device()));
    }

    /** {@code f} on the broadcast held values, element by element (on the CPU); an INT64 tensor on a's device. */
    private static Tensor binaryLongs(Tensor a, Tensor b, LongBinaryOperator f) {
        long[] shape = Util.broadcast(a.shape(), b.shape());
        long[] x = a.to(DType.INT64).expand(shape).contiguous().toLongArray();
        long[] y = b.to(DType.INT64).expand(shape).contiguous().toLongArray();
        long[] r = new long[x.length];
        for (int i = 0; i < r.length; i++) r[i] = f.applyAsLong(x[i], y[i]);
        return Torch.tensor(r, shape).to(a.device());
    }

    /** Pow with an unsigned exponent (ONNX's T1); the base (T) is never unsigned. */
    private static Object[] pow(NodeSpec n, Object[] in, Env env) {
        int type = commonType(n, in, new int[] {1});
        Tensor exponent = data(in[1]);
        Object[] args = unwrap(in);
        if (type == ElemType.UINT64 && exponent.lt(0).any().itemBool()) {
            if (!Values.tensorOf(in[0]).isFloatingPoint()) {
                throw error(n, "an integer base with uint64 exponents of 2^63 or more is not supported");
            }
            args[1] = toFloat(exponent, ElemType.UINT64, DType.FLOAT64);
        }
        return run(n, args, env);
    }

    /** EyeLike whose input or {@code dtype} is unsigned. */
    private static Object eyeLike(NodeSpec n, Object[] in) {
        onlyIn(n, in, FIRST);
        Tensor x = Values.tensorOf(in[0]);
        int to = targetAttribute(n);
        if (to == 0) to = elemTypeOf(in[0]);
        AttributeProto k = n.attributes().get("k");
        Tensor rows = Torch.arange(x.size(0)).unsqueeze(1), cols = Torch.arange(x.size(1)).unsqueeze(0);
        Tensor eye = cols.sub(rows).eq(k == null ? 0 : k.getI()).to(ElemType.storage(to)).to(x.device());
        return ElemType.isWideUnsigned(to) ? new UnsignedTensor(eye, to) : eye;
    }

    // ---- casts ----------------------------------------------------------------------------------

    /** Cast of a tensor value to element type {@code to}, one of the two being uint16, uint32 or uint64. */
    private static Object cast(NodeSpec n, Object x, int to) {
        if (!ElemType.holdable(to)) throw error(n, "a cast to " + ElemType.name(to) + " is not supported");
        int from = elemTypeOf(x);
        Tensor d = Values.tensorOf(x);
        if (ElemType.isWideUnsigned(to)) {
            Tensor bits = switch (from) {
                case ElemType.FLOAT, ElemType.DOUBLE, ElemType.FLOAT16, ElemType.BFLOAT16 -> floatToLongs(d);
                default -> d.to(DType.INT64); // signed or unsigned integers, bool: the same value, or the same bits
            };
            return new UnsignedTensor(wrap(bits, to), to);
        }
        DType target = ElemType.toDType(to);
        if (target.isFloatingPoint()) return toFloat(d, from, target);
        if (target == DType.BOOL) return d.to(DType.BOOL);
        if (target == DType.INT64) return d.to(DType.INT64);
        int bits = switch (target) {
            case INT32 -> 32;
            case INT16 -> 16;
            default -> 8; // INT8, UINT8
        };
        boolean signed = target != DType.UINT8;
        long[] v = d.to(DType.INT64).contiguous().toLongArray();
        for (int i = 0; i < v.length; i++) {
            long low = v[i] & ((1L << bits) - 1);
            v[i] = signed && low >= 1L << (bits - 1) ? low - (1L << bits) : low; // the low bits read as the target type
        }
        return Torch.tensor(v, d.shape()).to(target).to(d.device());
    }

    /** Floats truncated toward zero to 64 bits: values in [2^63, 2^64) as their two's complement, NaN and others out of range 0. */
    private static Tensor floatToLongs(Tensor d) {
        double[] v = d.to(DType.FLOAT64).contiguous().toDoubleArray();
        long[] r = new long[v.length];
        for (int i = 0; i < v.length; i++) {
            double t = v[i] < 0 ? Math.ceil(v[i]) : Math.floor(v[i]);
            if (t >= 0x1p63 && t < 0x1p64) r[i] = (long) (t - 0x1p64);
            else if (t >= -0x1p63 && t < 0x1p63) r[i] = (long) t;
            else r[i] = 0; // NaN, infinities, out of range: undefined in ONNX
        }
        return Torch.tensor(r, d.shape()).to(d.device());
    }

    /** Held unsigned values of type {@code from} as floats of {@code target}, each rounded once, to nearest even. */
    static Tensor toFloat(Tensor d, int from, DType target) {
        int precision = switch (target) {
            case FLOAT64 -> 53;
            case FLOAT32 -> 24;
            case FLOAT16 -> 11;
            default -> 8; // BFLOAT16
        };
        long[] v = d.to(DType.INT64).contiguous().toLongArray();
        double[] r = new double[v.length];
        for (int i = 0; i < v.length; i++) r[i] = roundUnsigned(v[i], precision);
        // each value now has at most `precision` significant bits: the conversion to target is exact (or overflows to inf)
        return Torch.tensor(r, d.shape()).to(target).to(d.device());
    }

    /** The unsigned 64-bit {@code u} rounded to {@code p} significant bits, nearest even, as a double (exact). */
    static double roundUnsigned(long u, int p) {
        int n = 64 - Long.numberOfLeadingZeros(u);
        if (n <= p) return (double) u; // u < 2^53: exact
        int shift = n - p;
        long keep = u >>> shift, rem = u & ((1L << shift) - 1), half = 1L << (shift - 1);
        if (rem > half || (rem == half && (keep & 1) == 1)) keep++;
        return Math.scalb((double) keep, shift);
    }

    /** A string attribute's value, or "" when absent. */
    private static String stringAttr(NodeSpec n, String name) {
        AttributeProto a = n.attributes().get(name);
        return a == null ? "" : a.getS().toStringUtf8();
    }
}
