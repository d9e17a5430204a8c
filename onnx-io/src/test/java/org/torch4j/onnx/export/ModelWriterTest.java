package org.torch4j.onnx.export;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.torch4j.DType;
import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.onnx.Onnx;
import org.torch4j.onnx.OnnxException;
import org.torch4j.onnx.OnnxModule;
import org.torch4j.onnx.proto.OnnxProto.GraphProto;
import org.torch4j.onnx.proto.OnnxProto.ModelProto;
import org.torch4j.onnx.proto.OnnxProto.NodeProto;
import org.torch4j.onnx.proto.OnnxProto.OperatorSetIdProto;
import org.torch4j.onnx.proto.OnnxProto.TensorProto;
import org.torch4j.onnx.proto.OnnxProto.TensorShapeProto;
import org.torch4j.onnx.proto.OnnxProto.TypeProto;
import org.torch4j.onnx.proto.OnnxProto.ValueInfoProto;

/** Weights go to an external file by themselves past the inline limit (2 GB in use; tiny here), and read back. */
class ModelWriterTest {

    static ModelProto.Builder addModel() {
        TypeProto t = TypeProto.newBuilder().setTensorType(TypeProto.Tensor.newBuilder().setElemType(1)
                .setShape(TensorShapeProto.newBuilder().addDim(TensorShapeProto.Dimension.newBuilder().setDimValue(3)))).build();
        GraphProto.Builder g = GraphProto.newBuilder().setName("g")
                .addInput(ValueInfoProto.newBuilder().setName("x").setType(t))
                .addOutput(ValueInfoProto.newBuilder().setName("y").setType(t))
                .addNode(NodeProto.newBuilder().setOpType("Add").addInput("x").addInput("w").addOutput("y"));
        return ModelProto.newBuilder().setIrVersion(8).addOpsetImport(OperatorSetIdProto.newBuilder().setVersion(17)).setGraph(g);
    }

    @Test
    void weightsPastTheInlineLimitGoToExternalData(@TempDir Path dir) throws Exception {
        Map<String, Tensor> w = new LinkedHashMap<>();
        w.put("w", Torch.tensor(new float[] {1, 2, 3}, 3));
        Path inline = dir.resolve("inline.onnx"), ext = dir.resolve("ext.onnx");
        ModelWriter.write(addModel(), w, inline, false, 12);
        ModelWriter.write(addModel(), w, ext, false, 11);
        assertFalse(Files.exists(dir.resolve("inline.onnx.data")));
        assertEquals(TensorProto.DataLocation.DEFAULT, ModelProto.parseFrom(Files.readAllBytes(inline)).getGraph().getInitializer(0).getDataLocation());
        assertEquals(TensorProto.DataLocation.EXTERNAL, ModelProto.parseFrom(Files.readAllBytes(ext)).getGraph().getInitializer(0).getDataLocation());
        assertEquals(12, Files.size(dir.resolve("ext.onnx.data")));
        for (Path f : new Path[] {inline, ext}) {
            OnnxModule m = Onnx.load(f);
            assertArrayEquals(new float[] {2, 3, 4}, m.forward(Torch.ones(3)).toFloatArray());
            assertArrayEquals(new float[] {2, 3, 4}, Onnx.runWithOrt(f, Map.of("x", Torch.ones(3))).get("y").toFloatArray());
        }
    }

    @Test
    void halfPrecisionWeightsAreRefusedByName(@TempDir Path dir) {
        Map<String, Tensor> w = Map.of("w", Torch.ones(new long[] {3}, DType.FLOAT16));
        OnnxException e = assertThrows(OnnxException.class, () -> ModelWriter.write(addModel(), w, dir.resolve("h.onnx"), false));
        assertEquals("initializer 'w' has dtype " + DType.FLOAT16 + ", which the exporter does not write; convert the model to float32 first",
                e.getMessage());
    }
}
