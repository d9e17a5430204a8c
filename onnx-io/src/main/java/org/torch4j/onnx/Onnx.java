package org.torch4j.onnx;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.torch4j.Tensor;
import org.torch4j.nn.Module;
import org.torch4j.onnx.export.Exporter;
import org.torch4j.onnx.export.OrtRunner;
import org.torch4j.onnx.importer.ModelReader;
import org.torch4j.onnx.proto.OnnxProto.ModelProto;

/**
 * Loading ONNX models as torch4j modules, exporting torch4j models to ONNX, and running a model
 * file in ONNX Runtime.
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
 *
 * <p>Export traces one forward pass (see {@code docs/onnx-export.md}):
 *
 * <pre>{@code
 * Onnx.export(model, Torch.randn(2, 3, 32, 32), Path.of("model.onnx"));          // dim 0 is a dynamic "batch"
 * Map<String, Tensor> y = Onnx.runWithOrt(Path.of("model.onnx"), Map.of("input", x));
 * }</pre>
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

    /**
     * Exports a single-input module: traces {@code module.call(example)} once, in eval mode, and
     * writes the model with the default {@link ExportOptions} (input {@code input}, output
     * {@code output}, dim 0 of both a dynamic {@code batch}, opset 17).
     *
     * @throws OnnxException when the forward pass uses an op with no ONNX export
     */
    public static void export(Module module, Tensor example, Path file) throws IOException {
        export(module, example, file, ExportOptions.defaults());
    }

    /** {@link #export(Module, Tensor, Path)} with options. */
    public static void export(Module module, Tensor example, Path file, ExportOptions options) throws IOException {
        export(module, List.of(example), xs -> List.of(module.call(xs.get(0))), file, options);
    }

    /**
     * The general form: traces {@code forward} on {@code examples} (multi-input modules, recurrent
     * states, several outputs) and writes the model. The module's parameters and buffers become
     * initializers under their state-dict names; the module is put in eval mode while tracing, as
     * {@code torch.onnx.export} does by default ({@code TrainingMode.EVAL}).
     *
     * @param module   the module whose weights {@code forward} uses (or null: weights are unnamed constants)
     * @param examples one tensor per graph input
     * @param forward  the computation from the inputs to the outputs
     * @throws OnnxException when the forward pass uses an op with no ONNX export
     */
    public static void export(Module module, List<Tensor> examples, Function<List<Tensor>, List<Tensor>> forward, Path file,
                              ExportOptions options) throws IOException {
        Exporter.export(module, examples, forward, file, options);
    }

    /**
     * Runs a model file once in ONNX Runtime (the {@code ai.onnxruntime} Java API, which must be on the
     * class path, or installed as the torch4j-onnxruntime bundle). Native memory is released before
     * returning.
     *
     * @param inputs tensors by graph input name
     * @return the outputs by graph output name
     * @throws OnnxException when ONNX Runtime is absent or fails on the model
     */
    public static Map<String, Tensor> runWithOrt(Path model, Map<String, Tensor> inputs) {
        try {
            return OrtRunner.run(model, inputs, 0);
        } catch (NoClassDefFoundError e) {
            throw new OnnxException("ONNX Runtime is not available (package ai.onnxruntime): add "
                    + "com.microsoft.onnxruntime:onnxruntime to the class path, or install the torch4j-onnxruntime bundle", e);
        }
    }
}
