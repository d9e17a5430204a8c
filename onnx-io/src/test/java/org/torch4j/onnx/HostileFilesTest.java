package org.torch4j.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.google.protobuf.ByteString;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.torch4j.Torch;
import org.torch4j.onnx.proto.OnnxProto.GraphProto;
import org.torch4j.onnx.proto.OnnxProto.ModelProto;
import org.torch4j.onnx.proto.OnnxProto.SparseTensorProto;
import org.torch4j.onnx.proto.OnnxProto.TensorProto;

/**
 * Malformed and hostile files fail with an IOException (unreadable protobuf) or an OnnxException
 * that names the tensor, or the node, operator and opset; never with a crash or a huge allocation.
 */
class HostileFilesTest {

    static OnnxException loadFails(ModelProto m) {
        return assertThrows(OnnxException.class, () -> Onnx.load(m.toByteArray()));
    }

    static ModelProto withInitializer(TensorProto t) {
        GraphProto.Builder g = GraphProto.newBuilder().addInput(Models.value("x")).addOutput(Models.value("y"))
                .addInitializer(t).addNode(Models.node("Add", List.of("x", t.getName()), List.of("y")));
        return Models.model(g);
    }

    static void assertMentions(Exception e, String... parts) {
        for (String p : parts) assertTrue(e.getMessage().contains(p), "'" + p + "' is not in: " + e.getMessage());
    }

    @Test
    void truncatedFilesAreNotValidModels(@TempDir Path dir) throws Exception {
        byte[] bytes = Models.linearRelu(OnnxModuleTest.W, OnnxModuleTest.B, 2, 3).toByteArray();
        Path file = dir.resolve("cut.onnx");
        Files.write(file, Arrays.copyOf(bytes, bytes.length - 7));
        IOException e = assertThrows(IOException.class, () -> Onnx.load(file));
        assertMentions(e, "not a valid ONNX model", "cut.onnx");
    }

    @Test
    void garbageIsNotAValidModel() {
        byte[] junk = {0x0a, (byte) 0xff, (byte) 0xff, (byte) 0xff, 0x7f, 1, 2};
        IOException e = assertThrows(IOException.class, () -> Onnx.load(junk));
        assertMentions(e, "not a valid ONNX model");
        assertMentions(assertThrows(OnnxException.class, () -> Onnx.load(new byte[0])), "no graph");
    }

    @Test
    void deepNestingHitsTheRecursionLimit() {
        // graph attributes nested 200 deep: protobuf's recursion limit (100) stops the parser
        byte[] inner = new byte[0];
        for (int i = 0; i < 200; i++) {
            inner = org.torch4j.onnx.proto.OnnxProto.AttributeProto.newBuilder().setName("g")
                    .setG(GraphProto.newBuilder().addNode(org.torch4j.onnx.proto.OnnxProto.NodeProto.newBuilder()
                            .addAttribute(parseAttr(inner)))).build().toByteArray();
        }
        byte[] model = ModelProto.newBuilder().setGraph(GraphProto.newBuilder().addNode(
                org.torch4j.onnx.proto.OnnxProto.NodeProto.newBuilder().addAttribute(parseAttr(inner)))).build().toByteArray();
        assertMentions(assertThrows(IOException.class, () -> Onnx.load(model)), "not a valid ONNX model");
    }

    private static org.torch4j.onnx.proto.OnnxProto.AttributeProto parseAttr(byte[] b) {
        try {
            var in = com.google.protobuf.CodedInputStream.newInstance(b);
            in.setRecursionLimit(1000);
            return org.torch4j.onnx.proto.OnnxProto.AttributeProto.parseFrom(in);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void dimensionsWhoseProductOverflowsAreRefused() {
        TensorProto t = TensorProto.newBuilder().setName("w").setDataType(1).addDims(1L << 40).addDims(1L << 40)
                .setRawData(ByteString.copyFrom(new byte[4])).build();
        assertMentions(loadFails(withInitializer(t)), "tensor 'w'", "overflows");
    }

    @Test
    void dimensionsThatDisagreeWithRawDataAreRefusedBeforeAllocating() {
        TensorProto t = TensorProto.newBuilder().setName("w").setDataType(1).addDims(1L << 30)
                .setRawData(ByteString.copyFrom(new byte[4])).build();
        assertMentions(loadFails(withInitializer(t)), "tensor 'w'", "needs 4294967296 bytes of raw data, but holds 4");
    }

    @Test
    void dimensionsThatDisagreeWithTypedDataAreRefusedBeforeAllocating() {
        TensorProto t = TensorProto.newBuilder().setName("w").setDataType(1).addDims(1_000_000_000L)
                .addFloatData(1).addFloatData(2).addFloatData(3).build();
        assertMentions(loadFails(withInitializer(t)), "tensor 'w'", "needs 1000000000 values, but holds 3");
    }

    @Test
    void negativeDimensionsAndUnsupportedTypesAreRefused() {
        TensorProto neg = TensorProto.newBuilder().setName("w").setDataType(1).addDims(-3).build();
        assertMentions(loadFails(withInitializer(neg)), "tensor 'w'", "negative dimension");
        TensorProto c64 = TensorProto.newBuilder().setName("c").setDataType(14).addDims(1).addFloatData(1).addFloatData(2).build();
        assertMentions(loadFails(withInitializer(c64)), "tensor 'c'", "complex64");
        // uint32 is held in int64, but its raw data has 4 bytes an element
        TensorProto u32 = TensorProto.newBuilder().setName("u").setDataType(12).addDims(2)
                .setRawData(com.google.protobuf.ByteString.copyFrom(new byte[16])).build();
        assertMentions(loadFails(withInitializer(u32)), "tensor 'u'", "needs 8 bytes of raw data, but holds 16");
    }

    @Test
    void sparseTensorsMayNotClaimHugeDenseShapes() {
        SparseTensorProto s = SparseTensorProto.newBuilder().addDims(1L << 20).addDims(1L << 20)
                .setValues(TensorProto.newBuilder().setName("sp").setDataType(1).addDims(1).addFloatData(1))
                .setIndices(TensorProto.newBuilder().setDataType(7).addDims(1).addInt64Data(0)).build();
        GraphProto.Builder g = GraphProto.newBuilder().addInput(Models.value("x")).addOutput(Models.value("y"))
                .addSparseInitializer(s).addNode(Models.node("Add", List.of("x", "sp"), List.of("y")));
        assertMentions(loadFails(Models.model(g)), "sparse tensor 'sp'", "would expand to more than");
    }

    @Test
    void unknownOperatorsNameTheNodeOperatorAndOpset() {
        GraphProto.Builder g = GraphProto.newBuilder().addInput(Models.value("x")).addOutput(Models.value("y"))
                .addNode(Models.node("FooBar", List.of("x"), List.of("y")));
        OnnxException e = loadFails(Models.model(g, 13));
        assertMentions(e, "node 'foobar_node' (FooBar, opset 13)", "not supported");
        assertEquals("foobar_node", e.node());
        assertEquals("FooBar", e.opType());
        assertEquals(13, e.opset());
    }

    @Test
    void missingInputsAreNamed() {
        GraphProto.Builder g = GraphProto.newBuilder().addInput(Models.value("x")).addOutput(Models.value("y"))
                .addNode(Models.node("Add", List.of("x", "nowhere"), List.of("y")));
        assertMentions(loadFails(Models.model(g)), "node 'add_node' (Add, opset 17)", "input 'nowhere' is not produced");
    }

    @Test
    void cyclesAreFound() {
        GraphProto.Builder g = GraphProto.newBuilder().addInput(Models.value("x")).addOutput(Models.value("y"))
                .addNode(Models.node("Add", List.of("x", "c"), List.of("b")))
                .addNode(Models.node("Relu", List.of("b"), List.of("c")))
                .addNode(Models.node("Neg", List.of("c"), List.of("y")));
        assertMentions(loadFails(Models.model(g)), "(Add, opset 17)", "cycle");
    }

    @Test
    void valuesProducedTwiceAreRefused() {
        GraphProto.Builder g = GraphProto.newBuilder().addInput(Models.value("x")).addOutput(Models.value("y"))
                .addNode(Models.node("Relu", List.of("x"), List.of("y")))
                .addNode(Models.node("Neg", List.of("x"), List.of("y")));
        assertMentions(loadFails(Models.model(g)), "(Neg, opset 17)", "produced more than once");
    }

    @Test
    void outputsNobodyProducesAreRefused() {
        GraphProto.Builder g = GraphProto.newBuilder().addInput(Models.value("x")).addOutput(Models.value("ghost"))
                .addNode(Models.node("Relu", List.of("x"), List.of("y")));
        assertMentions(loadFails(Models.model(g)), "graph output 'ghost'");
    }

    @Test
    void failuresWhileRunningNameTheNode() throws Exception {
        GraphProto.Builder g = GraphProto.newBuilder().addInput(Models.value("x")).addOutput(Models.value("y"))
                .addInitializer(Models.longs("shape", new long[] {4}, 1))
                .addNode(Models.node("Reshape", List.of("x", "shape"), List.of("y")));
        OnnxModule m = Onnx.load(Models.model(g, 14).toByteArray());
        OnnxException e = assertThrows(OnnxException.class, () -> m.forward(Torch.ones(2, 3)));
        assertMentions(e, "node 'reshape_node' (Reshape, opset 14)");
        assertEquals("Reshape", e.opType());
    }

    /** Random byte flips in a valid model: every outcome is a model, an IOException or an OnnxException. */
    @Test
    void corruptedModelsFailCleanly() throws Exception {
        byte[] good = Models.linearRelu(OnnxModuleTest.W, OnnxModuleTest.B, 2, 3).toByteArray();
        Random random = new Random(42);
        int loaded = 0;
        for (int trial = 0; trial < 2000; trial++) {
            byte[] bad = good.clone();
            for (int k = 0; k < 1 + random.nextInt(3); k++) bad[random.nextInt(bad.length)] = (byte) random.nextInt(256);
            try {
                OnnxModule m = Onnx.load(bad);
                loaded++;
                try {
                    m.forward(Map.of(m.inputNames().isEmpty() ? "x" : m.inputNames().get(0), Torch.ones(1, 2)));
                } catch (OnnxException expected) {
                    // a model that loads may still fail to run; it must say where
                }
            } catch (IOException | OnnxException expected) {
                // refused with a reason
            } catch (RuntimeException | Error e) {
                fail("trial " + trial + " failed with " + e, e);
            }
        }
        assertTrue(loaded > 0, "some corruptions leave a loadable model");
    }
}
