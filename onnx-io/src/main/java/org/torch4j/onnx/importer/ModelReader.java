package org.torch4j.onnx.importer;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.Parser;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.torch4j.onnx.proto.OnnxDataProto.OptionalProto;
import org.torch4j.onnx.proto.OnnxDataProto.SequenceProto;
import org.torch4j.onnx.proto.OnnxProto.ModelProto;
import org.torch4j.onnx.proto.OnnxProto.TensorProto;

/**
 * Parses ONNX protobuf files. The file is memory-mapped and parsed with aliasing, so raw tensor
 * bytes are not copied twice; protobuf's size limit is raised to the 2 GB a single message can have
 * (larger models keep their weights in external data files).
 */
public final class ModelReader {
    private ModelReader() {}

    public static ModelProto readModel(Path file) throws IOException {
        return read(file, ModelProto.parser(), "ONNX model");
    }

    public static TensorProto readTensor(Path file) throws IOException {
        return read(file, TensorProto.parser(), "ONNX tensor");
    }

    /** A {@code SequenceProto} file (the test data of a sequence input or output). */
    public static SequenceProto readSequence(Path file) throws IOException {
        return read(file, SequenceProto.parser(), "ONNX sequence");
    }

    /** An {@code OptionalProto} file (the test data of an optional input or output). */
    public static OptionalProto readOptional(Path file) throws IOException {
        return read(file, OptionalProto.parser(), "ONNX optional");
    }

    public static ModelProto readModel(byte[] bytes) throws IOException {
        return parse(ByteBuffer.wrap(bytes), ModelProto.parser(), "ONNX model", "<bytes>");
    }

    private static <M extends Message> M read(Path file, Parser<M> parser, String what) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = ch.size();
            if (size > Integer.MAX_VALUE) {
                throw new IOException(what + " " + file + " is larger than 2 GB, the most one protobuf message holds: "
                        + "keep the weights in external data files");
            }
            return parse(ch.map(FileChannel.MapMode.READ_ONLY, 0, size), parser, what, file.toString());
        }
    }

    private static <M extends Message> M parse(ByteBuffer buf, Parser<M> parser, String what, String source) throws IOException {
        CodedInputStream in = CodedInputStream.newInstance(buf);
        in.enableAliasing(true);
        in.setSizeLimit(Integer.MAX_VALUE);
        try {
            M m = parser.parseFrom(in);
            in.checkLastTagWas(0);
            return m;
        } catch (InvalidProtocolBufferException e) {
            throw new IOException("not a valid " + what + " (" + source + "): " + e.getMessage(), e);
        } catch (RuntimeException e) { // protobuf reports some corruptions unchecked
            throw new IOException("not a valid " + what + " (" + source + "): " + e, e);
        }
    }
}
