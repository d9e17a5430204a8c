package org.torch4j.onnx;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.torch4j.onnx.proto.OnnxProto;

/**
 * What an ONNX model file holds, read without running it: IR version, opsets, producer, graph inputs
 * and outputs with their element types and shapes, initializers, and operator counts.
 *
 * @param irVersion   the ONNX IR version
 * @param opsets      domain ("" for the default ONNX domain) to opset version
 * @param producer    producer name and version
 * @param inputs      graph inputs that are not initializers, e.g. {@code input: float32[N, 3, 224, 224]}
 * @param outputs     graph outputs
 * @param initializers the number of initializer tensors (weights)
 * @param operators   operator type to the number of nodes using it
 */
public record ModelSummary(long irVersion, Map<String, Long> opsets, String producer, List<String> inputs,
                           List<String> outputs, int initializers, Map<String, Integer> operators) {

    /** Reads the summary of a model file; a corrupt file fails with the parser's reason. */
    public static ModelSummary read(Path file) throws IOException {
        OnnxProto.ModelProto model = org.torch4j.onnx.importer.ModelReader.readModel(file);
        OnnxProto.GraphProto g = model.getGraph();
        Map<String, Long> opsets = new TreeMap<>();
        for (OnnxProto.OperatorSetIdProto o : model.getOpsetImportList()) opsets.put(o.getDomain(), o.getVersion());
        java.util.Set<String> weights = new java.util.HashSet<>();
        for (OnnxProto.TensorProto t : g.getInitializerList()) weights.add(t.getName());
        List<String> inputs = new ArrayList<>();
        for (OnnxProto.ValueInfoProto v : g.getInputList()) if (!weights.contains(v.getName())) inputs.add(describe(v));
        List<String> outputs = new ArrayList<>();
        for (OnnxProto.ValueInfoProto v : g.getOutputList()) outputs.add(describe(v));
        Map<String, Integer> ops = new TreeMap<>();
        for (OnnxProto.NodeProto n : g.getNodeList()) ops.merge(n.getOpType(), 1, Integer::sum);
        String producer = (model.getProducerName() + " " + model.getProducerVersion()).trim();
        return new ModelSummary(model.getIrVersion(), opsets, producer, inputs, outputs, g.getInitializerCount(), ops);
    }

    /**
     * {@code name: float32[N, 3]} with symbolic dims by name and unknown ones as '?'; other types in
     * ONNX's notation, e.g. {@code name: seq(tensor(float))}.
     */
    static String describe(OnnxProto.ValueInfoProto v) {
        OnnxProto.TypeProto t = v.getType();
        if (!t.hasTensorType()) return v.getName() + ": " + IoValues.type(t); // seq(tensor(float)), optional(...)
        OnnxProto.TypeProto.Tensor tt = t.getTensorType();
        StringBuilder sb = new StringBuilder(v.getName()).append(": ").append(elementType(tt.getElemType()));
        if (tt.hasShape()) {
            sb.append('[');
            List<OnnxProto.TensorShapeProto.Dimension> dims = tt.getShape().getDimList();
            for (int i = 0; i < dims.size(); i++) {
                if (i > 0) sb.append(", ");
                OnnxProto.TensorShapeProto.Dimension d = dims.get(i);
                sb.append(d.hasDimValue() ? Long.toString(d.getDimValue()) : d.hasDimParam() ? d.getDimParam() : "?");
            }
            sb.append(']');
        }
        return sb.toString();
    }

    /** ONNX's TensorProto.DataType numbers as PyTorch-style names. */
    static String elementType(int code) {
        return switch (code) {
            case 1 -> "float32";
            case 2 -> "uint8";
            case 3 -> "int8";
            case 4 -> "uint16";
            case 5 -> "int16";
            case 6 -> "int32";
            case 7 -> "int64";
            case 8 -> "string";
            case 9 -> "bool";
            case 10 -> "float16";
            case 11 -> "float64";
            case 12 -> "uint32";
            case 13 -> "uint64";
            case 14 -> "complex64";
            case 15 -> "complex128";
            case 16 -> "bfloat16";
            default -> "type" + code;
        };
    }
}
