package org.torch4j.serving;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.torch4j.DType;
import org.torch4j.Device;
import org.torch4j.Tensor;
import org.torch4j.io.SafeTensors;
import org.torch4j.nn.Module;

/**
 * A model as an {@link InferenceSession} runs it: a {@link Module} with named inputs and named outputs.
 * A plain module takes one input called {@value #INPUT} and gives one output called {@value #OUTPUT};
 * an ONNX model has the names of its graph. Inputs and outputs carry the batch as their first dimension.
 */
public final class ServableModel {

    /** The input name of a plain module. */
    public static final String INPUT = "input";
    /** The output name of a plain module. */
    public static final String OUTPUT = "output";

    private final Module module;
    private final List<String> inputNames;
    private final Map<String, DType> inputDTypes;
    private final UnaryOperator<Map<String, Tensor>> forward;

    private ServableModel(Module module, List<String> inputNames, Map<String, DType> inputDTypes,
                          UnaryOperator<Map<String, Tensor>> forward) {
        this.module = module;
        this.inputNames = List.copyOf(inputNames);
        this.inputDTypes = Map.copyOf(inputDTypes);
        this.forward = forward;
    }

    /** Any module: {@code forward(input)} is the prediction. */
    public static ServableModel of(Module module) {
        return new ServableModel(module, List.of(INPUT), Map.of(), in -> Map.of(OUTPUT, module.call(in.get(INPUT))));
    }

    /** A module with its weights from a safetensors file (as {@code model.load_state_dict(load_file(path))}). */
    public static ServableModel of(Module module, Path safetensors) throws IOException {
        module.loadStateDict(SafeTensors.load(safetensors));
        return of(module);
    }

    /**
     * An ONNX model, loaded through onnx-io; its inputs and outputs keep the graph's names.
     *
     * @throws IOException           when the file cannot be read or parsed
     * @throws IllegalStateException when the onnx-io bundle is not installed
     */
    public static ServableModel onnx(Path file) throws IOException {
        try {
            return OnnxModels.load(file);
        } catch (NoClassDefFoundError e) {
            throw new IllegalStateException("serving an ONNX model needs the bundle org.torch4j.onnx (torch4j-onnx-io), which is not installed");
        }
    }

    /** Kept in its own class so that this one loads without onnx-io, whose import is optional. */
    private static final class OnnxModels {
        static ServableModel load(Path file) throws IOException {
            org.torch4j.onnx.OnnxModule m = org.torch4j.onnx.Onnx.load(file);
            Map<String, DType> dtypes = new HashMap<>();
            for (String name : m.inputNames()) {
                if (m.inputType(name) instanceof org.torch4j.onnx.OnnxType.TensorType t && t.dtype() != null) dtypes.put(name, t.dtype());
            }
            return new ServableModel(m, m.inputNames(), dtypes, m::forward);
        }
    }

    /** The module (for moving it to a device or putting it in eval mode). */
    public Module module() {
        return module;
    }

    /** The names every request must give. */
    public List<String> inputNames() {
        return inputNames;
    }

    /**
     * The dtype the model declares for an input (ONNX models do), checked before a request is queued so
     * that a wrong one is refused with a message naming the input; empty when undeclared.
     */
    public Optional<DType> inputDType(String name) {
        return Optional.ofNullable(inputDTypes.get(name));
    }

    /** Moves the model to {@code device}; returns this. */
    public ServableModel to(Device device) {
        module.to(device);
        return this;
    }

    /** Runs the model on a batch: named inputs to named outputs. */
    public Map<String, Tensor> forward(Map<String, Tensor> inputs) {
        return forward.apply(inputs);
    }
}
