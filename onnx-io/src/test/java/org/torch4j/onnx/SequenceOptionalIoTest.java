package org.torch4j.onnx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.onnx.proto.OnnxProto.GraphProto;
import org.torch4j.onnx.proto.OnnxProto.TypeProto;

/** Sequences ({@code List}s) and optionals ({@code Optional}s) as graph inputs and outputs, through {@link OnnxModule#run}. */
class SequenceOptionalIoTest {

    static final TypeProto FLOATS = Models.tensorType(1), INT64 = Models.tensorType(7), BOOL = Models.tensorType(9);
    static final TypeProto SEQ = Models.seqType(FLOATS);

    /** s_out = SequenceInsert(s, x); n = SequenceLength(s_out); first = SequenceAt(s_out, 0). */
    static OnnxModule inserting() throws Exception {
        GraphProto.Builder g = GraphProto.newBuilder()
                .addInput(Models.typed("s", SEQ)).addInput(Models.typed("x", FLOATS))
                .addOutput(Models.typed("s_out", SEQ)).addOutput(Models.typed("n", INT64)).addOutput(Models.typed("first", FLOATS))
                .addInitializer(Models.longs("zero", new long[] {0}))
                .addNode(Models.node("SequenceInsert", List.of("s", "x"), List.of("s_out")))
                .addNode(Models.node("SequenceLength", List.of("s_out"), List.of("n")))
                .addNode(Models.node("SequenceAt", List.of("s_out", "zero"), List.of("first")));
        return Onnx.load(Models.model(g).toByteArray());
    }

    @Test
    void sequencesAreListsOfTensors() throws Exception {
        OnnxModule m = inserting();
        assertEquals("seq(tensor(float))", m.inputType("s").toString());
        assertEquals("List<Tensor>", m.inputType("s").javaType());
        Tensor a = Torch.ones(2), b = Torch.zeros(3), x = Torch.full(new long[] {1}, 7.0);
        Map<String, Object> out = m.run(Map.of("s", List.of(a, b), "x", x));
        List<?> s = (List<?>) out.get("s_out");
        assertEquals(3, s.size());
        assertSame(a, s.get(0));
        assertSame(x, s.get(2));
        assertEquals(3, ((Tensor) out.get("n")).itemLong());
        assertArrayEquals(new float[] {1, 1}, ((Tensor) out.get("first")).toFloatArray());
        Map<String, Object> empty = m.run(Map.of("s", List.of(), "x", x));
        assertEquals(List.of(x), empty.get("s_out"));
    }

    @Test
    void aWrongJavaTypeNamesTheInputAndTheExpectedType() throws Exception {
        OnnxModule m = inserting();
        Tensor x = Torch.ones(1);
        OnnxException tensor = assertThrows(OnnxException.class, () -> m.run(Map.of("s", Torch.ones(2), "x", x)));
        assertEquals("input 's' is seq(tensor(float)): give a List<Tensor>, not a Tensor (FLOAT32)", tensor.getMessage());
        OnnxException nested = assertThrows(OnnxException.class, () -> m.run(Map.of("s", List.of(x, List.of(x)), "x", x)));
        assertEquals("element 1 of input 's' is tensor(float): give a Tensor, not a List of 1", nested.getMessage());
        OnnxException list = assertThrows(OnnxException.class, () -> m.run(Map.of("s", List.of(), "x", List.of(x))));
        assertEquals("input 'x' is tensor(float): give a Tensor, not a List of 1", list.getMessage());
        OnnxException forward = assertThrows(OnnxException.class, () -> m.forward(Map.of("x", x)));
        assertTrue(forward.getMessage().contains("input 's: seq(tensor(float))' is missing"), forward.getMessage());
    }

    @Test
    void forwardTellsToUseRunForSequenceOutputs() throws Exception {
        GraphProto.Builder g = GraphProto.newBuilder().addInput(Models.typed("x", FLOATS)).addOutput(Models.typed("s", SEQ))
                .addNode(Models.node("SequenceConstruct", List.of("x", "x"), List.of("s")));
        OnnxModule m = Onnx.load(Models.model(g).toByteArray());
        Tensor x = Torch.ones(2);
        assertEquals(List.of(x, x), m.run(Map.of("x", x)).get("s"));
        OnnxException e = assertThrows(OnnxException.class, () -> m.forward(Map.of("x", x)));
        assertEquals("output 's' is seq(tensor(float)), not a tensor: use run() to read it", e.getMessage());
    }

    /** has = OptionalHasElement(o); v = Identity(o); made = Optional(x) */
    static OnnxModule optionals() throws Exception {
        TypeProto opt = Models.optType(SEQ);
        GraphProto.Builder g = GraphProto.newBuilder()
                .addInput(Models.typed("o", opt)).addInput(Models.typed("x", FLOATS))
                .addOutput(Models.typed("has", BOOL)).addOutput(Models.typed("v", opt))
                .addOutput(Models.typed("made", Models.optType(FLOATS)))
                .addNode(Models.node("OptionalHasElement", List.of("o"), List.of("has")))
                .addNode(Models.node("Identity", List.of("o"), List.of("v")))
                .addNode(Models.node("Optional", List.of("x"), List.of("made")));
        return Onnx.load(Models.model(g, 16).toByteArray());
    }

    @Test
    void optionalsAreJavaOptionals() throws Exception {
        OnnxModule m = optionals();
        assertEquals("optional(seq(tensor(float)))", m.inputType("o").toString());
        assertEquals("Optional<List<Tensor>>", m.inputType("o").javaType());
        Tensor x = Torch.ones(2);
        Map<String, Object> empty = m.run(Map.of("o", Optional.empty(), "x", x));
        assertFalse(((Tensor) empty.get("has")).itemBool());
        assertEquals(Optional.empty(), empty.get("v"));
        assertEquals(Optional.of(x), empty.get("made"));
        Map<String, Object> full = m.run(Map.of("o", Optional.of(List.of(x)), "x", x));
        assertTrue(((Tensor) full.get("has")).itemBool());
        assertEquals(Optional.of(List.of(x)), full.get("v"));
        Map<String, Object> omitted = m.run(Map.of("x", x));
        assertFalse(((Tensor) omitted.get("has")).itemBool(), "an optional input not given is empty");
    }

    @Test
    void optionalInputsTakeOnlyOptionals() throws Exception {
        OnnxModule m = optionals();
        Tensor x = Torch.ones(2);
        OnnxException bare = assertThrows(OnnxException.class, () -> m.run(Map.of("o", List.of(x), "x", x)));
        assertEquals("input 'o' is optional(seq(tensor(float))): give an Optional<List<Tensor>>, not a List of 1", bare.getMessage());
        OnnxException inner = assertThrows(OnnxException.class, () -> m.run(Map.of("o", Optional.of(x), "x", x)));
        assertEquals("the value of input 'o' is seq(tensor(float)): give a List<Tensor>, not a Tensor (FLOAT32)", inner.getMessage());
    }

    @Test
    void getElementOfAnEmptyOptionalFailsNamingTheNode() throws Exception {
        TypeProto opt = Models.optType(FLOATS);
        GraphProto.Builder g = GraphProto.newBuilder().addInput(Models.typed("o", opt)).addOutput(Models.typed("y", FLOATS))
                .addNode(Models.node("OptionalGetElement", List.of("o"), List.of("y")));
        OnnxModule m = Onnx.load(Models.model(g, 16).toByteArray());
        Tensor x = Torch.ones(3);
        OnnxException bare = assertThrows(OnnxException.class, () -> m.forward(Map.of("o", x)));
        assertEquals("input 'o' is optional(tensor(float)): give an Optional<Tensor>, not a Tensor (FLOAT32)", bare.getMessage());
        assertSame(x, m.run(Map.of("o", Optional.of(x))).get("y"));
        OnnxException e = assertThrows(OnnxException.class, () -> m.run(Map.of("o", Optional.empty())));
        assertEquals("node 'optionalgetelement_node' (OptionalGetElement, opset 16): the optional input holds no value", e.getMessage());
    }
}
