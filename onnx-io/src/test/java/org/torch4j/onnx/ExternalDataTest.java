package org.torch4j.onnx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.torch4j.Torch;
import org.torch4j.onnx.proto.OnnxProto.ModelProto;
import org.torch4j.onnx.proto.OnnxProto.StringStringEntryProto;
import org.torch4j.onnx.proto.OnnxProto.TensorProto;

/** Weights kept in a separate file (data_location = EXTERNAL), as models over 2 GB must. */
class ExternalDataTest {

    /** The linear model of OnnxModuleTest with both initializers moved into weights.bin (the bias after 16 bytes of padding). */
    static ModelProto externalModel(Path dir, long biasLength) throws Exception {
        ByteBuffer b = ByteBuffer.allocate(4 * 6 + 16 + 4 * 3).order(ByteOrder.LITTLE_ENDIAN);
        for (float f : OnnxModuleTest.W) b.putFloat(f);
        b.position(4 * 6 + 16);
        for (float f : OnnxModuleTest.B) b.putFloat(f);
        Files.createDirectories(dir.resolve("data"));
        Files.write(dir.resolve("data/weights.bin"), b.array());
        ModelProto m = Models.linearRelu(OnnxModuleTest.W, OnnxModuleTest.B, 2, 3);
        var g = m.getGraph().toBuilder();
        g.setInitializer(0, external(g.getInitializer(0), "data/weights.bin", 0, 24));
        g.setInitializer(1, external(g.getInitializer(1), "data/weights.bin", 40, biasLength));
        return m.toBuilder().setGraph(g).build();
    }

    static TensorProto external(TensorProto t, String location, long offset, long length) {
        return t.toBuilder().clearRawData().setDataLocation(TensorProto.DataLocation.EXTERNAL)
                .addExternalData(StringStringEntryProto.newBuilder().setKey("location").setValue(location))
                .addExternalData(StringStringEntryProto.newBuilder().setKey("offset").setValue(Long.toString(offset)))
                .addExternalData(StringStringEntryProto.newBuilder().setKey("length").setValue(Long.toString(length))).build();
    }

    @Test
    void weightsAreReadFromTheExternalFile(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("model.onnx");
        Files.write(file, externalModel(dir, 12).toByteArray());
        OnnxModule m = Onnx.load(file);
        assertArrayEquals(new float[] {0, 4.25f, 2}, m.forward(Torch.tensor(new float[] {1, 2}, 1, 2)).toFloatArray(), 1e-6f);
        assertArrayEquals(OnnxModuleTest.W, m.namedParameters().get("fc_weight").toFloatArray(), 0f);
    }

    @Test
    void offsetsBeyondTwoGigabytesWork(@TempDir Path dir) throws Exception {
        long offset = 3L << 30;   // a sparse file: nothing is written below the offset
        try (var f = new java.io.RandomAccessFile(dir.resolve("big.bin").toFile(), "rw")) {
            f.setLength(offset + 12);
            f.seek(offset);
            ByteBuffer b = ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN);
            for (float v : OnnxModuleTest.B) b.putFloat(v);
            f.write(b.array());
        }
        ModelProto m = Models.linearRelu(OnnxModuleTest.W, OnnxModuleTest.B, 2, 3);
        var g = m.getGraph().toBuilder();
        g.setInitializer(1, external(g.getInitializer(1), "big.bin", offset, 12));
        Path file = dir.resolve("model.onnx");
        Files.write(file, m.toBuilder().setGraph(g).build().toByteArray());
        assertArrayEquals(OnnxModuleTest.B, Onnx.load(file).namedParameters().get("fc_bias").toFloatArray(), 0f);
    }

    /** Protobuf's default limit for one message is 64 MB; ONNX files may hold up to 2 GB inline. */
    @Test
    void modelsOverProtobufsDefaultLimitLoad(@TempDir Path dir) throws Exception {
        int n = 20_000_000;   // 80 MB of float32
        ByteBuffer b = ByteBuffer.allocate(4 * n).order(ByteOrder.LITTLE_ENDIAN);
        b.putFloat(4 * (n - 1), 7f);
        TensorProto big = TensorProto.newBuilder().setName("big").setDataType(1).addDims(n)
                .setRawData(com.google.protobuf.ByteString.copyFrom(b.array())).build();
        var g = org.torch4j.onnx.proto.OnnxProto.GraphProto.newBuilder().addInput(Models.value("x")).addOutput(Models.value("y"))
                .addInitializer(big).addNode(Models.node("Add", java.util.List.of("x", "big"), java.util.List.of("y")));
        Path file = dir.resolve("big.onnx");
        try (var out = Files.newOutputStream(file)) {
            Models.model(g).writeTo(out);
        }
        OnnxModule m = Onnx.load(file);
        assertArrayEquals(new float[] {8f}, m.forward(Torch.ones(1)).narrow(0, n - 1, 1).toFloatArray(), 0f);
    }

    @Test
    void aLengthThatDisagreesWithTheShapeIsRefused(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("model.onnx");
        Files.write(file, externalModel(dir, 8).toByteArray());
        OnnxException e = assertThrows(OnnxException.class, () -> Onnx.load(file));
        assertTrue(e.getMessage().contains("tensor 'fc.bias'") && e.getMessage().contains("needs 12 bytes"), e.getMessage());
    }

    @Test
    void dataBeyondTheEndOfTheFileIsRefused(@TempDir Path dir) throws Exception {
        ModelProto m = externalModel(dir, 12);
        var g = m.getGraph().toBuilder();
        g.setInitializer(1, external(m.getGraph().getInitializer(1), "data/weights.bin", 1L << 40, 12));
        Path file = dir.resolve("model.onnx");
        Files.write(file, m.toBuilder().setGraph(g).build().toByteArray());
        OnnxException e = assertThrows(OnnxException.class, () -> Onnx.load(file));
        assertTrue(e.getMessage().contains("which holds 52 bytes"), e.getMessage());
    }

    @Test
    void locationsOutsideTheModelFolderAreRefused(@TempDir Path dir) throws Exception {
        Path inner = dir.resolve("model");
        ModelProto m = externalModel(dir, 12);   // weights.bin lies in dir/data, outside dir/model
        var g = m.getGraph().toBuilder();
        g.setInitializer(0, external(m.getGraph().getInitializer(0), "../data/weights.bin", 0, 24));
        Files.createDirectories(inner);
        Files.write(inner.resolve("model.onnx"), m.toBuilder().setGraph(g).build().toByteArray());
        OnnxException e = assertThrows(OnnxException.class, () -> Onnx.load(inner.resolve("model.onnx")));
        assertTrue(e.getMessage().contains("outside the model's folder"), e.getMessage());
    }

    @Test
    void aMissingFileIsNamed(@TempDir Path dir) throws Exception {
        ModelProto m = externalModel(dir, 12);
        Files.delete(dir.resolve("data/weights.bin"));
        Path file = dir.resolve("model.onnx");
        Files.write(file, m.toByteArray());
        OnnxException e = assertThrows(OnnxException.class, () -> Onnx.load(file));
        assertTrue(e.getMessage().contains("'data/weights.bin' does not exist"), e.getMessage());
        assertThrows(OnnxException.class, () -> Onnx.load(m.toByteArray()), "bytes have no folder for external data");
    }
}
