package org.torch4j.onnx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

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
import org.torch4j.onnx.proto.OnnxProto.TensorProto;

/**
 * Operators whose attributes or semantics changed between opsets, each checked at an old and a new
 * version (the conformance suite has most operators at one version only).
 */
class OpsetSemanticsTest {

    /** Runs one node; {@code inputs} are fed by name, {@code constants} become initializers. */
    static Tensor run(long opset, String op, Map<String, Tensor> inputs, List<TensorProto> constants, List<String> nodeInputs,
                      AttributeProto... attrs) throws Exception {
        GraphProto.Builder g = GraphProto.newBuilder().addOutput(Models.value("y"));
        for (String name : inputs.keySet()) g.addInput(Models.value(name));
        g.addAllInitializer(constants);
        g.addNode(Models.node(op, nodeInputs, List.of("y"), attrs));
        return Onnx.load(Models.model(g, opset).toByteArray()).forward(inputs).get("y");
    }

    static Map<String, Tensor> feed(Object... kv) {
        Map<String, Tensor> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) m.put((String) kv[i], (Tensor) kv[i + 1]);
        return m;
    }

    static AttributeProto str(String name, String v) {
        return AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.STRING)
                .setS(com.google.protobuf.ByteString.copyFromUtf8(v)).build();
    }

    static AttributeProto flt(String name, float v) {
        return AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.FLOAT).setF(v).build();
    }

    static final Tensor A = Torch.arange(24).reshape(2, 3, 4).toFloat();

    @Test
    void legacyBroadcastAlignsAtAxis() throws Exception {
        Tensor b = Torch.tensor(new float[] {10, 20, 30}, 3);
        Tensor y = run(6, "Add", feed("a", A, "b", b), List.of(), List.of("a", "b"), Models.attr("broadcast", 1), Models.attr("axis", 1));
        assertArrayEquals(A.add(b.reshape(3, 1)).toFloatArray(), y.toFloatArray(), 0f);
        Tensor c = Torch.tensor(new float[] {1, 2, 3, 4}, 4);
        Tensor y7 = run(7, "Mul", feed("a", A, "b", c), List.of(), List.of("a", "b"));
        assertArrayEquals(A.mul(c).toFloatArray(), y7.toFloatArray(), 0f);
    }

    @Test
    void softmaxBeforeOpset13FlattensAtAxis() throws Exception {
        Tensor old = run(11, "Softmax", feed("x", A), List.of(), List.of("x"));   // axis 1: over 3*4 values per row
        assertArrayEquals(org.torch4j.nn.F.softmax(A.reshape(2, 12), 1).reshape(2, 3, 4).toFloatArray(), old.toFloatArray(), 1e-6f);
        Tensor now = run(13, "Softmax", feed("x", A), List.of(), List.of("x"));   // axis -1
        assertArrayEquals(org.torch4j.nn.F.softmax(A, 2).toFloatArray(), now.toFloatArray(), 1e-6f);
    }

    @Test
    void axesMovedFromAttributesToInputs() throws Exception {
        Tensor x = Torch.ones(2, 1, 3);
        assertArrayEquals(new long[] {2, 3}, run(11, "Squeeze", feed("x", x), List.of(), List.of("x"), Models.ints("axes", 1)).shape());
        assertArrayEquals(new long[] {2, 3}, run(13, "Squeeze", feed("x", x), List.of(Models.longs("axes", new long[] {-2}, 1)),
                List.of("x", "axes")).shape());
        assertArrayEquals(new long[] {1, 2, 1, 3, 1}, run(11, "Unsqueeze", feed("x", Torch.ones(2, 3)), List.of(), List.of("x"),
                Models.ints("axes", 0, 2, -1)).shape());
        Tensor sum11 = run(11, "ReduceSum", feed("x", A), List.of(), List.of("x"), Models.ints("axes", 1), Models.attr("keepdims", 0));
        Tensor sum13 = run(13, "ReduceSum", feed("x", A), List.of(Models.longs("axes", new long[] {1}, 1)), List.of("x", "axes"),
                Models.attr("keepdims", 0));
        assertArrayEquals(A.sum(1).toFloatArray(), sum11.toFloatArray(), 0f);
        assertArrayEquals(A.sum(1).toFloatArray(), sum13.toFloatArray(), 0f);
        Tensor all = run(13, "ReduceSum", feed("x", A), List.of(), List.of("x"));
        assertArrayEquals(new float[] {276}, all.reshape(-1).toFloatArray(), 0f);
    }

    @Test
    void sliceAttributesThenInputsWithNegativeSteps() throws Exception {
        Tensor x = Torch.arange(10).toFloat();
        Tensor s9 = run(9, "Slice", feed("x", x), List.of(), List.of("x"), Models.ints("starts", 2), Models.ints("ends", -1));
        assertArrayEquals(new float[] {2, 3, 4, 5, 6, 7, 8}, s9.toFloatArray(), 0f);
        Tensor s13 = run(13, "Slice", feed("x", x), List.of(Models.longs("s", new long[] {Long.MAX_VALUE}, 1),
                Models.longs("e", new long[] {Long.MIN_VALUE}, 1), Models.longs("st", new long[] {-3}, 1)),
                List.of("x", "s", "e", "", "st"));
        assertArrayEquals(new float[] {9, 6, 3, 0}, s13.toFloatArray(), 0f);
    }

    @Test
    void clipBoundsMovedToOptionalInputs() throws Exception {
        Tensor x = Torch.tensor(new float[] {-2, 0.5f, 3}, 3);
        assertArrayEquals(new float[] {-1, 0.5f, 1}, run(6, "Clip", feed("x", x), List.of(), List.of("x"),
                flt("min", -1), flt("max", 1)).toFloatArray(), 0f);
        assertArrayEquals(new float[] {-2, 0.5f, 1}, run(13, "Clip", feed("x", x), List.of(Models.floats("hi", new float[] {1})),
                List.of("x", "", "hi")).toFloatArray(), 0f);
    }

    @Test
    void padAttributesThenInputs() throws Exception {
        Tensor x = Torch.tensor(new float[] {1, 2, 3}, 1, 3);
        Tensor p2 = run(2, "Pad", feed("x", x), List.of(), List.of("x"), Models.ints("pads", 0, 1, 0, 2), flt("value", 9));
        assertArrayEquals(new float[] {9, 1, 2, 3, 9, 9}, p2.toFloatArray(), 0f);
        Tensor p13 = run(13, "Pad", feed("x", x), List.of(Models.longs("pads", new long[] {0, 2, 0, -1}, 4)), List.of("x", "pads"),
                str("mode", "reflect"));
        assertArrayEquals(new float[] {3, 2, 1, 2}, p13.toFloatArray(), 0f);
    }

    @Test
    void splitSizesAndEvenSplits() throws Exception {
        GraphProto.Builder g = GraphProto.newBuilder().addInput(Models.value("x")).addOutput(Models.value("a")).addOutput(Models.value("b"))
                .addNode(Models.node("Split", List.of("x"), List.of("a", "b"), Models.ints("split", 1, 3)));
        Map<String, Tensor> out = Onnx.load(Models.model(g, 11).toByteArray()).forward(Map.of("x", Torch.arange(4).toFloat()));
        assertArrayEquals(new float[] {1, 2, 3}, out.get("b").toFloatArray(), 0f);
        GraphProto.Builder even = GraphProto.newBuilder().addInput(Models.value("x")).addOutput(Models.value("a")).addOutput(Models.value("b"))
                .addNode(Models.node("Split", List.of("x"), List.of("a", "b")));
        out = Onnx.load(Models.model(even, 13).toByteArray()).forward(Map.of("x", Torch.arange(4).toFloat()));
        assertArrayEquals(new float[] {2, 3}, out.get("b").toFloatArray(), 0f);
    }

    @Test
    void castNamedItsTargetInOpset1() throws Exception {
        Tensor x = Torch.tensor(new float[] {1.7f, -2.2f}, 2);
        Tensor y1 = run(1, "Cast", feed("x", x), List.of(), List.of("x"), str("to", "INT32"));
        Tensor y13 = run(13, "Cast", feed("x", x), List.of(), List.of("x"), Models.attr("to", 6));
        assertArrayEquals(new int[] {1, -2}, y1.toIntArray());
        assertArrayEquals(y1.toIntArray(), y13.toIntArray());
        assertArrayEquals(new long[] {2}, y13.shape());
        org.junit.jupiter.api.Assertions.assertEquals(DType.INT32, y13.dtype());
    }

    @Test
    void upsampleScalesMovedToAnInput() throws Exception {
        Tensor x = Torch.tensor(new float[] {1, 2, 3, 4}, 1, 1, 2, 2);
        AttributeProto.Builder scales = AttributeProto.newBuilder().setName("scales").setType(AttributeProto.AttributeType.FLOATS);
        for (float f : new float[] {1, 1, 2, 2}) scales.addFloats(f);
        Tensor u7 = run(7, "Upsample", feed("x", x), List.of(), List.of("x"), scales.build());
        Tensor u9 = run(9, "Upsample", feed("x", x), List.of(Models.floats("s", new float[] {1, 1, 2, 2}, 4)), List.of("x", "s"));
        float[] expected = {1, 1, 2, 2, 1, 1, 2, 2, 3, 3, 4, 4, 3, 3, 4, 4};
        assertArrayEquals(expected, u7.toFloatArray(), 0f);
        assertArrayEquals(expected, u9.toFloatArray(), 0f);
    }

    @Test
    void batchNormOfOpset6WithPerActivationStatistics() throws Exception {
        Tensor x = Torch.arange(8).reshape(2, 2, 2).toFloat();
        List<TensorProto> stats = new ArrayList<>();
        stats.add(Models.floats("scale", new float[] {1, 1, 1, 1}, 2, 2));
        stats.add(Models.floats("bias", new float[] {0, 0, 0, 0}, 2, 2));
        stats.add(Models.floats("mean", new float[] {0, 1, 2, 3}, 2, 2));
        stats.add(Models.floats("var", new float[] {1, 1, 1, 1}, 2, 2));
        Tensor y = run(6, "BatchNormalization", feed("x", x), stats, List.of("x", "scale", "bias", "mean", "var"),
                Models.attr("spatial", 0), Models.attr("is_test", 1), flt("epsilon", 0));
        assertArrayEquals(new float[] {0, 0, 0, 0, 4, 4, 4, 4}, y.toFloatArray(), 0f);
    }
}
