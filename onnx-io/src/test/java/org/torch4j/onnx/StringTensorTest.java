package org.torch4j.onnx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.onnx.proto.OnnxProto.AttributeProto;
import org.torch4j.onnx.proto.OnnxProto.GraphProto;

/** tensor(string) inputs and outputs: StringTensors through Identity, Cast, StringNormalizer, and a refusal elsewhere. */
class StringTensorTest {

    static final int FLOAT = 1, STRING = 8, DOUBLE = 11, INT64 = 7;

    static OnnxModule single(String op, int in, int out, long opset, AttributeProto... attrs) throws Exception {
        GraphProto.Builder g = GraphProto.newBuilder().addInput(Models.typed("x", in)).addOutput(Models.typed("y", out))
                .addNode(Models.node(op, List.of("x"), List.of("y"), attrs));
        return Onnx.load(Models.model(g, opset).toByteArray());
    }

    @Test
    void numbersAreWrittenAsNumpyWritesThem() throws Exception {
        OnnxModule m = single("Cast", FLOAT, STRING, 13, Models.attr("to", STRING));
        assertEquals("StringTensor", m.outputType("y").javaType());
        Tensor x = Torch.tensor(new float[] {0.1f, 100f, 1e-5f, 1.5e16f, -0f, Float.NaN, Float.NEGATIVE_INFINITY, Float.MIN_VALUE, 0.039187793f}, 9);
        StringTensor y = (StringTensor) m.run(Map.of("x", x)).get("y");
        assertEquals(List.of("0.1", "100.0", "1e-05", "1.5e+16", "-0.0", "nan", "-inf", "1e-45", "0.039187793"), y.values());
        assertArrayEquals(new long[] {9}, y.shape());
        StringTensor d = (StringTensor) single("Cast", DOUBLE, STRING, 13, Models.attr("to", STRING))
                .run(Map.of("x", Torch.tensor(new double[] {0.1, 1.0 / 3, 1e16, Double.MIN_VALUE}, 4))).get("y");
        assertEquals(List.of("0.1", "0.3333333333333333", "1e+16", "5e-324"), d.values());
        StringTensor i = (StringTensor) single("Cast", INT64, STRING, 13, Models.attr("to", STRING))
                .run(Map.of("x", Torch.tensor(new long[] {-7, Long.MAX_VALUE}, 2))).get("y");
        assertEquals(List.of("-7", "9223372036854775807"), i.values());
    }

    @Test
    void stringsAreReadAsNumbers() throws Exception {
        OnnxModule m = single("Cast", STRING, FLOAT, 13, Models.attr("to", FLOAT));
        StringTensor x = StringTensor.of(new long[] {2, 3}, List.of("0.47892547", "1E8", "-INF", "+inf", "NaN", " 2.5 "));
        Tensor y = (Tensor) m.run(Map.of("x", x)).get("y");
        assertArrayEquals(new long[] {2, 3}, y.shape());
        assertArrayEquals(new float[] {0.47892547f, 1e8f, Float.NEGATIVE_INFINITY, Float.POSITIVE_INFINITY, Float.NaN, 2.5f}, y.toFloatArray());
        assertArrayEquals(new long[] {100, -3}, ((Tensor) single("Cast", STRING, INT64, 13, Models.attr("to", INT64))
                .run(Map.of("x", StringTensor.of("100.5", "-3"))).get("y")).toLongArray());
        OnnxException e = assertThrows(OnnxException.class, () -> m.run(Map.of("x", StringTensor.of("Hello World!"))));
        assertTrue(e.getMessage().startsWith("node 'cast_node' (Cast, opset 13): 'Hello World!' is not a number"), e.getMessage());
    }

    @Test
    void stringNormalizerRemovesStopWordsAndChangesCase() throws Exception {
        AttributeProto stop = AttributeProto.newBuilder().setName("stopwords").setType(AttributeProto.AttributeType.STRINGS)
                .addStrings(com.google.protobuf.ByteString.copyFromUtf8("monday")).build();
        OnnxModule m = single("StringNormalizer", STRING, STRING, 10, stop, Models.attr("case_change_action", "UPPER"));
        assertEquals(StringTensor.of(new long[] {1, 2}, List.of("TUESDAY", "WEDNESDAY")),
                m.run(Map.of("x", StringTensor.of(new long[] {1, 3}, List.of("Monday", "tuesday", "wednesday")))).get("y"));
        assertEquals(StringTensor.of(""), m.run(Map.of("x", StringTensor.of("monday", "MONDAY"))).get("y"), "all removed: [\"\"]");
    }

    @Test
    void identityPassesStringsAndOtherOperatorsRefuseThem() throws Exception {
        StringTensor s = StringTensor.of("a", "b");
        assertEquals(s, single("Identity", STRING, STRING, 13).run(Map.of("x", s)).get("y"));
        OnnxException e = assertThrows(OnnxException.class, () -> single("Relu", STRING, STRING, 13).run(Map.of("x", s)));
        assertEquals("node 'relu_node' (Relu, opset 13): input 0 must be a tensor, got a tensor(string) of shape [2]", e.getMessage());
        OnnxException wrong = assertThrows(OnnxException.class, () -> single("Identity", STRING, STRING, 13).run(Map.of("x", Torch.ones(2))));
        assertEquals("input 'x' is tensor(string): give a StringTensor, not a Tensor (FLOAT32)", wrong.getMessage());
    }
}
