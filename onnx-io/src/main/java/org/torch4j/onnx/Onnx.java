package org.torch4j.onnx;

import java.io.IOException;
import java.nio.file.Path;
import org.torch4j.onnx.importer.ModelReader;
import org.torch4j.onnx.proto.OnnxProto.ModelProto;

/**
 * Loading ONNX models as torch4j modules.
 *
 * <pre>{@code
 * OnnxModule model = Onnx.load(Path.of("resnet50.onnx"));
 * Tensor logits = model.forward(image);                     // one input, one output
 * Map<String, Tensor> out = model.forward(Map.of("input_ids", ids, "attention_mask", mask));
 * }</pre>
 *
 * <p>The graph runs on torch4j's tensor ops, so it runs on whichever backend holds its inputs and
 * can be fine-tuned with autograd: floating-point initializers are the module's parameters. Nothing
 * about shapes is fixed at load time. Weights may live in external data files next to the model
 * (needed for models over 2 GB). A malformed or hostile file fails with an {@link IOException}
 * (unreadable protobuf) or an {@link OnnxException} naming the node, operator and opset at fault,
 * before anything larger than the data the file holds is allocated.
 *
 * <p>As for any module, the weights belong to the {@code Torch.scope()} enclosing the load (or to
 * none): load a model outside the scopes of the steps that use it. Without autograd (inference
 * under {@code Torch.noGrad()}), intermediate values are freed as soon as the graph no longer
 * needs them.
 */
public final class Onnx {
    private Onnx() {}

    /** Reads a model file; external data files are looked up in the file's folder. */
    public static OnnxModule load(Path file) throws IOException {
        ModelProto model = ModelReader.readModel(file);
        Path dir = file.toAbsolutePath().getParent();
        return OnnxModule.of(model, dir);
    }

    /** Reads a model from bytes; such a model cannot refer to external data. */
    public static OnnxModule load(byte[] model) throws IOException {
        return OnnxModule.of(ModelReader.readModel(model), null);
    }

    /** Builds a module from a parsed model; {@code baseDir} (or null) holds its external data. */
    static OnnxModule load(ModelProto model, Path baseDir) {
        return OnnxModule.of(model, baseDir);
    }
}
