package org.torch4j.onnx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.torch4j.DType;
import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.onnx.proto.OnnxProto.AttributeProto;
import org.torch4j.onnx.proto.OnnxProto.GraphProto;

/**
 * uint16, uint32 and uint64 values: held in INT32, INT64 and INT64 tensors, with unsigned results
 * near the edges (2^15, 2^16, 2^31, 2^32, 2^63, 2^64 - 1), and a clear refusal where torch4j has none.
 */
class UnsignedIntegersTest {

    static final int FLOAT = 1, UINT8 = 2, UINT16 = 4, INT16 = 5, INT32 = 6, INT64 = 7, DOUBLE = 11, UINT32 = 12, UINT64 = 13;
    static final long TWO_63 = Long.MIN_VALUE, MAX_U64 = -1L; // 2^63 and 2^64 - 1 as their 64 bits

    /** A model of one node {@code op} reading inputs a, b, ... of type {@code in} and writing y of type {@code out}. */
    static OnnxModule single(String op, int in, int inputs, int out, AttributeProto... attrs) throws Exception {
        return single(17, op, in, inputs, out, attrs);
    }

    static OnnxModule single(long opset, String op, int in, int inputs, int out, AttributeProto... attrs) throws Exception {
        GraphProto.Builder g = GraphProto.newBuilder();
        List<String> names = new ArrayList<>();
        for (int i = 0; i < inputs; i++) {
            String n = String.valueOf((char) ('a' + i));
            names.add(n);
            g.addInput(Models.typed(n, in));
        }
        g.addOutput(Models.typed("y", out)).addNode(Models.node(op, names, List.of("y"), attrs));
        return Onnx.load(Models.model(g, opset).toByteArray());
    }

    static Tensor u16(long... v) {
        int[] a = new int[v.length];
        for (int i = 0; i < v.length; i++) a[i] = (int) v[i];
        return Torch.tensor(a, v.length);
    }

    static Tensor i64(long... v) {
        return Torch.tensor(v, v.length);
    }

    static Tensor run(OnnxModule m, Tensor... xs) {
        Map<String, Object> in = new LinkedHashMap<>();
        for (int i = 0; i < xs.length; i++) in.put(String.valueOf((char) ('a' + i)), xs[i]);
        return (Tensor) m.run(in).get("y");
    }

    static long[] longs(OnnxModule m, Tensor... xs) {
        return run(m, xs).toLongArray();
    }

    @Test
    void uint16WrapsModulo2To16InInt32() throws Exception {
        Tensor a = u16(65535, 32768, 32767, 0, 65535), b = u16(1, 32768, 1, 1, 65535);
        Tensor sum = run(single("Add", UINT16, 2, UINT16), a, b);
        assertEquals(DType.INT32, sum.dtype());
        assertArrayEquals(new long[] {0, 0, 32768, 1, 65534}, sum.toLongArray());
        assertArrayEquals(new long[] {65534, 0, 32766, 65535, 0}, longs(single("Sub", UINT16, 2, UINT16), a, b));
        assertArrayEquals(new long[] {65535, 0, 32767, 0, 1}, longs(single("Mul", UINT16, 2, UINT16), a, b));
        assertArrayEquals(new long[] {65535, 1, 32767, 0, 1}, longs(single("Div", UINT16, 2, UINT16), a, b));
        assertArrayEquals(new long[] {1, 0, 1, 0, 0}, longs(single("Greater", UINT16, 2, 9), a, b));
        assertArrayEquals(new long[] {0, 32767, 32768, 65535, 0}, longs(single(18, "BitwiseNot", UINT16, 1, UINT16), a),
                "BitwiseNot stays within 16 bits");
        // shifts: logical, wrapping at 16 bits, and a shift by 16 or more gives 0
        assertArrayEquals(new long[] {65534, 0, 0, 0}, longs(single("BitShift", UINT16, 2, UINT16, Models.attr("direction", "LEFT")),
                u16(65535, 32768, 1, 5), u16(1, 1, 16, 40000)));
        assertArrayEquals(new long[] {32767, 1, 0}, longs(single("BitShift", UINT16, 2, UINT16, Models.attr("direction", "RIGHT")),
                u16(65535, 32768, 65535), u16(1, 15, 16)));
    }

    @Test
    void uint32WrapsModulo2To32InInt64() throws Exception {
        long max = 4294967295L, two31 = 1L << 31;
        Tensor a = i64(max, two31, two31 - 1, 0, 65536), b = i64(1, two31, 1, 1, 65536);
        Tensor sum = run(single("Add", UINT32, 2, UINT32), a, b);
        assertEquals(DType.INT64, sum.dtype());
        assertArrayEquals(new long[] {0, 0, two31, 1, 131072}, sum.toLongArray());
        assertArrayEquals(new long[] {max - 1, 0, two31 - 2, max, 0}, longs(single("Sub", UINT32, 2, UINT32), a, b));
        assertArrayEquals(new long[] {max, 0, two31 - 1, 0, 0}, longs(single("Mul", UINT32, 2, UINT32), a, b), "65536 * 65536 wraps to 0");
        assertArrayEquals(new long[] {0, 0, 0, 0, 0}, longs(single("Mod", UINT32, 2, UINT32), a, b));
        assertArrayEquals(new long[] {max, two31, two31 - 1, 1, 65536}, longs(single("Max", UINT32, 2, UINT32), a, b));
        assertArrayEquals(new long[] {(max << 4) & max}, longs(single("BitShift", UINT32, 2, UINT32, Models.attr("direction", "LEFT")),
                i64(max), i64(4)));
    }

    @Test
    void uint64OrdersDividesAndShiftsUnsigned() throws Exception {
        Tensor a = i64(TWO_63, MAX_U64, 1, 7), b = i64(1, TWO_63, TWO_63, 7);
        assertArrayEquals(new long[] {0, 0, 1, 0}, longs(single("Less", UINT64, 2, 9), a, b));
        assertArrayEquals(new long[] {1, 1, 0, 0}, longs(single("Greater", UINT64, 2, 9), a, b));
        assertArrayEquals(new long[] {1, 1, 0, 1}, longs(single("GreaterOrEqual", UINT64, 2, 9), a, b));
        assertArrayEquals(new long[] {TWO_63, MAX_U64, TWO_63, 7}, longs(single("Max", UINT64, 2, UINT64), a, b));
        assertArrayEquals(new long[] {1, TWO_63, 1, 7}, longs(single("Min", UINT64, 2, UINT64), a, b));
        assertArrayEquals(new long[] {1}, longs(single("ArgMax", UINT64, 1, INT64, Models.attr("keepdims", 1)), a));
        assertArrayEquals(new long[] {2}, longs(single("ArgMin", UINT64, 1, INT64, Models.attr("keepdims", 1)), a));
        assertArrayEquals(new long[] {MAX_U64}, longs(single("ReduceMax", UINT64, 1, UINT64, Models.attr("keepdims", 1)), a));
        assertArrayEquals(new long[] {1}, longs(single("ReduceMin", UINT64, 1, UINT64, Models.attr("keepdims", 1)), a));
        // Clip to [2, 2^63]: 2^64 - 1 is above 2^63, 1 below 2
        assertArrayEquals(new long[] {TWO_63, TWO_63, 2, 7}, longs(single("Clip", UINT64, 3, UINT64), a, i64(2).reshape(), i64(TWO_63).reshape()));
        // (2^64 - 1) / 2 = 2^63 - 1, (2^64 - 1) mod 10 = 5, 2^63 / 1 = 2^63
        assertArrayEquals(new long[] {Long.MAX_VALUE, TWO_63, 0}, longs(single("Div", UINT64, 2, UINT64), i64(MAX_U64, TWO_63, 1), i64(2, 1, TWO_63)));
        assertArrayEquals(new long[] {5, 0, 1}, longs(single("Mod", UINT64, 2, UINT64), i64(MAX_U64, TWO_63, 1), i64(10, 2, TWO_63)));
        assertArrayEquals(new long[] {1, Long.MAX_VALUE, 0, 0}, longs(single("BitShift", UINT64, 2, UINT64, Models.attr("direction", "RIGHT")),
                i64(TWO_63, MAX_U64, MAX_U64, 5), i64(63, 1, 64, MAX_U64)), "logical shifts; by 64 or more: 0");
        assertArrayEquals(new long[] {TWO_63, 0, MAX_U64 << 1}, longs(single("BitShift", UINT64, 2, UINT64, Models.attr("direction", "LEFT")),
                i64(1, 1, MAX_U64), i64(63, 64, 1)));
        assertArrayEquals(new long[] {0, TWO_63 + 1}, longs(single("Add", UINT64, 2, UINT64), i64(MAX_U64, TWO_63), i64(1, 1)));
        assertArrayEquals(new long[] {MAX_U64, TWO_63, 0}, longs(single("Abs", UINT64, 1, UINT64), i64(MAX_U64, TWO_63, 0)));
        assertArrayEquals(new long[] {1, 1, 0}, longs(single("Sign", UINT64, 1, UINT64), i64(MAX_U64, TWO_63, 0)));
        assertArrayEquals(new long[] {MAX_U64}, longs(single("Sub", UINT64, 2, UINT64), i64(0), i64(1)));
    }

    @Test
    void topKAndSortedValuesOrderUnsigned() throws Exception {
        GraphProto.Builder g = GraphProto.newBuilder().addInput(Models.typed("a", UINT64)).addInput(Models.typed("k", INT64))
                .addOutput(Models.typed("v", UINT64)).addOutput(Models.typed("i", INT64))
                .addNode(Models.node("TopK", List.of("a", "k"), List.of("v", "i")));
        OnnxModule m = Onnx.load(Models.model(g).toByteArray());
        Map<String, Object> out = m.run(Map.of("a", i64(5, MAX_U64, TWO_63, 0), "k", i64(2)));
        assertArrayEquals(new long[] {MAX_U64, TWO_63}, ((Tensor) out.get("v")).toLongArray());
        assertArrayEquals(new long[] {1, 2}, ((Tensor) out.get("i")).toLongArray());
    }

    @Test
    void castsWrapAndRoundAsNumpy() throws Exception {
        // to float: each value rounded once, to nearest even; 2^64 - 1 is 2^64 as a double and a float
        Tensor d = run(single("Cast", UINT64, 1, DOUBLE, Models.attr("to", DOUBLE)), i64(MAX_U64, TWO_63, (1L << 53) + 1, (1L << 53) + 3));
        assertArrayEquals(new double[] {0x1p64, 0x1p63, 0x1p53, 0x1p53 + 4}, d.toDoubleArray());
        Tensor f = run(single("Cast", UINT64, 1, FLOAT, Models.attr("to", FLOAT)), i64(MAX_U64, (1L << 24) + 1, (1L << 24) + 3));
        assertEquals(DType.FLOAT32, f.dtype());
        assertArrayEquals(new double[] {0x1p64, 0x1p24, 0x1p24 + 4}, f.toDoubleArray());
        Tensor f32 = run(single("Cast", UINT32, 1, FLOAT, Models.attr("to", FLOAT)), i64(4294967295L, 1L << 31));
        assertArrayEquals(new double[] {0x1p32, 0x1p31}, f32.toDoubleArray());
        // to narrower signed types: the low bits
        assertArrayEquals(new long[] {-1, Integer.MIN_VALUE, Integer.MAX_VALUE},
                longs(single("Cast", UINT32, 1, INT32, Models.attr("to", INT32)), i64(4294967295L, 1L << 31, (1L << 31) - 1)));
        assertArrayEquals(new long[] {-1, Short.MIN_VALUE, Short.MAX_VALUE},
                longs(single("Cast", UINT16, 1, INT16, Models.attr("to", INT16)), u16(65535, 32768, 32767)));
        assertArrayEquals(new long[] {-1, TWO_63}, longs(single("Cast", UINT64, 1, INT64, Models.attr("to", INT64)), i64(MAX_U64, TWO_63)),
                "uint64 to int64 keeps the 64 bits");
        assertArrayEquals(new long[] {255, 0}, longs(single("Cast", UINT64, 1, UINT8, Models.attr("to", UINT8)), i64(MAX_U64, TWO_63)));
        // to unsigned types: wrapped to the width
        assertArrayEquals(new long[] {65535, 0, 32768}, longs(single("Cast", INT64, 1, UINT16, Models.attr("to", UINT16)), i64(-1, 65536, 32768)));
        assertArrayEquals(new long[] {65535, 0}, longs(single("Cast", UINT64, 1, UINT16, Models.attr("to", UINT16)), i64(MAX_U64, TWO_63)));
        assertArrayEquals(new long[] {4294967295L, 0, 3, 4294967040L},
                longs(single("Cast", FLOAT, 1, UINT32, Models.attr("to", UINT32)), Torch.tensor(new float[] {-1f, 4294967296f, 3.9f, 4294967040f}, 4)));
        assertArrayEquals(new long[] {TWO_63, MAX_U64 - 2047, 0},
                longs(single("Cast", DOUBLE, 1, UINT64, Models.attr("to", UINT64)), Torch.tensor(new double[] {0x1p63, 0x1p64 - 2048, Double.NaN}, 3)));
        Tensor held = run(single("Cast", INT64, 1, UINT32, Models.attr("to", UINT32)), i64(-1));
        assertEquals(DType.INT64, held.dtype());
        assertEquals(4294967295L, held.toLongArray()[0]);
    }

    @Test
    void typesAreDeclaredAndInputsChecked() throws Exception {
        OnnxModule m = single("Add", UINT16, 2, UINT16);
        OnnxType.TensorType t = (OnnxType.TensorType) m.inputType("a");
        assertEquals("tensor(uint16)", t.toString());
        assertEquals(DType.INT32, t.dtype());
        assertTrue(t.heldInSignedDType());
        assertEquals("uint64", ((OnnxType.TensorType) single("Add", UINT64, 2, UINT64).outputType("y")).elementName());
        OnnxException dtype = assertThrows(OnnxException.class, () -> m.run(Map.of("a", i64(1), "b", u16(1))));
        assertTrue(dtype.getMessage().contains("input 'a' is tensor(uint16): give an INT32 tensor of values 0 to 65535, not INT64"),
                dtype.getMessage());
        OnnxException range = assertThrows(OnnxException.class, () -> m.run(Map.of("a", u16(65536), "b", u16(1))));
        assertTrue(range.getMessage().contains("input 'a' is tensor(uint16)") && range.getMessage().contains("it holds others"), range.getMessage());
        OnnxException negative = assertThrows(OnnxException.class, () -> single("Add", UINT32, 2, UINT32).run(Map.of("a", i64(-1), "b", i64(1))));
        assertTrue(negative.getMessage().contains("values 0 to 4294967295"), negative.getMessage());
    }

    @Test
    void operatorsWithoutUnsignedSemanticsRefuseNamingTheNode() throws Exception {
        OnnxModule m = single("ReduceMean", UINT32, 1, UINT32);
        OnnxException e = assertThrows(OnnxException.class, () -> m.run(Map.of("a", i64(1, 2))));
        assertEquals("reducemean_node", e.node());
        assertEquals("ReduceMean", e.opType());
        assertEquals(17, e.opset());
        assertTrue(e.getMessage().startsWith("node 'reducemean_node' (ReduceMean, opset 17): torch4j does not run ReduceMean on tensor(uint32) values"),
                e.getMessage());
        OnnxException relu = assertThrows(OnnxException.class, () -> single("Neg", UINT64, 1, UINT64).run(Map.of("a", i64(1))));
        assertTrue(relu.getMessage().contains("(Neg, opset 17)"), relu.getMessage());
    }

    @Test
    void unsignedInitializersAndConstantsKeepTheirType() throws Exception {
        // y = (x + w) with w a uint32 initializer of 2^32 - 1; z = Cast<double>(c) with c a uint64 Constant of 2^64 - 1
        GraphProto.Builder g = GraphProto.newBuilder().addInput(Models.typed("x", UINT32))
                .addOutput(Models.typed("y", UINT32)).addOutput(Models.typed("z", DOUBLE))
                .addInitializer(Models.unsigned("w", UINT32, new long[] {4294967295L}, 1))
                .addNode(Models.node("Add", List.of("x", "w"), List.of("y")))
                .addNode(Models.node("Constant", List.of(), List.of("c"), Models.attr("value", Models.unsigned("", UINT64, new long[] {MAX_U64}, 1))))
                .addNode(Models.node("Cast", List.of("c"), List.of("z"), Models.attr("to", DOUBLE)));
        OnnxModule m = Onnx.load(Models.model(g).toByteArray());
        assertEquals(DType.INT64, m.namedBuffers().get("w").dtype(), "a uint32 initializer is an int64 buffer");
        Map<String, Object> out = m.run(Map.of("x", i64(1, 2)));
        assertArrayEquals(new long[] {0, 1}, ((Tensor) out.get("y")).toLongArray());
        assertArrayEquals(new double[] {0x1p64}, ((Tensor) out.get("z")).toDoubleArray());
    }

    @Test
    void sequencesOfUnsignedTensorsKeepTheirType() throws Exception {
        // y = ConcatFromSequence(SequenceConstruct(a, b)) + a[0] (broadcast): uint16 throughout
        GraphProto.Builder g = GraphProto.newBuilder().addInput(Models.typed("a", UINT16)).addInput(Models.typed("b", UINT16))
                .addOutput(Models.typed("s", Models.seqType(Models.tensorType(UINT16)))).addOutput(Models.typed("y", UINT16))
                .addNode(Models.node("SequenceConstruct", List.of("a", "b"), List.of("s")))
                .addNode(Models.node("ConcatFromSequence", List.of("s"), List.of("c"), Models.attr("axis", 0)))
                .addNode(Models.node("Add", List.of("c", "c"), List.of("y")));
        OnnxModule m = Onnx.load(Models.model(g).toByteArray());
        Map<String, Object> out = m.run(Map.of("a", u16(65535), "b", u16(32768)));
        assertEquals(2, ((List<?>) out.get("s")).size());
        assertArrayEquals(new long[] {65534, 0}, ((Tensor) out.get("y")).toLongArray());
    }
}
