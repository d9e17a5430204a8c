package org.torch4j.onnx.export;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.nn.Module;
import org.torch4j.onnx.ExportOptions;
import org.torch4j.onnx.OnnxException;
import org.torch4j.onnx.importer.ElemType;
import org.torch4j.onnx.proto.OnnxProto.GraphProto;
import org.torch4j.onnx.proto.OnnxProto.ModelProto;
import org.torch4j.onnx.proto.OnnxProto.OperatorSetIdProto;
import org.torch4j.onnx.proto.OnnxProto.TensorShapeProto;
import org.torch4j.onnx.proto.OnnxProto.TypeProto;
import org.torch4j.onnx.proto.OnnxProto.ValueInfoProto;
import org.torch4j.trace.Trace;

/**
 * One export: names the inputs, traces the forward pass once under no-grad with the module in eval
 * mode (as {@code torch.onnx.export}'s default {@code TrainingMode.EVAL}), names the outputs, and
 * writes the model.
 */
public final class Exporter {
    private Exporter() {}

    /**
     * Traces {@code forward} on {@code examples} and writes the model to {@code file}.
     *
     * @param module the module whose parameters and buffers become named initializers (or null)
     */
    public static void export(Module module, List<Tensor> examples, Function<List<Tensor>, List<Tensor>> forward, Path file,
                              ExportOptions o) throws IOException {
        if (examples.isEmpty()) throw new IllegalArgumentException("export needs at least one example input");
        List<String> inNames = names(o.inputNames(), examples.size(), "input", "input names", "example inputs");
        Map<Tensor, String> state = new IdentityHashMap<>();
        if (module != null) module.stateDict().forEach((k, v) -> state.putIfAbsent(v, k));
        for (Map.Entry<String, org.torch4j.nn.Parameter> e : module == null ? Map.<String, org.torch4j.nn.Parameter>of().entrySet()
                : module.namedParameters().entrySet()) {
            state.putIfAbsent(e.getValue(), e.getKey());
        }
        Map<String, Map<Integer, String>> axes = o.dynamicAxes();
        // the first symbolic dim of the inputs is tracked through the graph (normally the batch)
        String symbol = null;
        long batch = -1;
        List<Dyn> inDyn = new ArrayList<>();
        for (int i = 0; i < examples.size(); i++) {
            Tensor x = examples.get(i);
            Map<Integer, String> a = axesOf(axes, inNames.get(i), x.dim());
            Dyn d = null;
            for (Map.Entry<Integer, String> e : a.entrySet()) {
                if (e.getKey() < 0 || e.getKey() >= x.dim()) {
                    throw new IllegalArgumentException("dynamic axis " + e.getKey() + " of input '" + inNames.get(i) + "' is out of range for its "
                            + x.dim() + "-d example " + java.util.Arrays.toString(x.shape()));
                }
                if (symbol == null) {
                    symbol = e.getValue();
                    batch = x.size(e.getKey());
                }
                if (d == null && e.getValue().equals(symbol) && x.size(e.getKey()) == batch) d = Dyn.at(e.getKey());
            }
            inDyn.add(d);
        }
        GraphBuilder g = new GraphBuilder(o.opset(), batch, state);
        Map<Tensor, Boolean> seen = new IdentityHashMap<>();
        for (int i = 0; i < examples.size(); i++) {
            Tensor x = examples.get(i);
            if (seen.put(x, true) != null) throw new IllegalArgumentException("example input " + i + " is the same tensor as an earlier one");
            if (state.containsKey(x)) throw new IllegalArgumentException("example input " + i + " is a parameter or buffer of the module");
            g.bind(x, inNames.get(i), inDyn.get(i), true);
        }
        boolean wasTraining = module != null && module.isTraining();
        if (wasTraining) module.eval();
        List<Tensor> outputs;
        try (var noGrad = Torch.noGrad(); var session = Trace.start(new OnnxTracer(g, SymbolicTable.standard()))) {
            outputs = forward.apply(examples);
        } finally {
            if (wasTraining) module.train();
        }
        if (outputs == null || outputs.isEmpty()) throw new IllegalArgumentException("the forward function returned no outputs");
        List<String> outNames = names(o.outputNames(), outputs.size(), "output", "output names", "outputs");
        GraphProto.Builder graph = GraphProto.newBuilder().setName("torch4j");
        for (int i = 0; i < examples.size(); i++) {
            Tensor x = examples.get(i);
            graph.addInput(info(inNames.get(i), x, axesOf(axes, inNames.get(i), x.dim())));
        }
        for (int i = 0; i < outputs.size(); i++) {
            Tensor y = outputs.get(i);
            if (y == null) throw new IllegalArgumentException("output " + i + " of the forward function is null");
            String v = Trace.suspended(() -> g.value(y));
            g.nodeTo("Identity", List.of(v), outNames.get(i));
            graph.addOutput(info(outNames.get(i), y, axesOf(axes, outNames.get(i), y.dim())));
        }
        graph.addAllNode(g.nodes());
        ModelProto.Builder model = ModelProto.newBuilder().setIrVersion(o.opset() <= 18 ? 8 : 9)
                .setProducerName(o.producer()).setProducerVersion("0.1.0")
                .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("").setVersion(o.opset()))
                .setGraph(graph);
        ModelWriter.write(model, g.initializers(), file, o.externalData());
    }

    private static Map<Integer, String> axesOf(Map<String, Map<Integer, String>> axes, String name, int rank) {
        if (axes == null) return rank == 0 ? Map.of() : Map.of(0, "batch");
        Map<Integer, String> a = axes.get(name);
        return a == null ? Map.of() : new LinkedHashMap<>(a);
    }

    private static List<String> names(List<String> given, int n, String base, String what, String of) {
        if (!given.isEmpty()) {
            if (given.size() != n) {
                throw new IllegalArgumentException("ExportOptions gives " + given.size() + " " + what + " for " + n + " " + of);
            }
            return given;
        }
        List<String> r = new ArrayList<>();
        for (int i = 0; i < n; i++) r.add(n == 1 ? base : base + "_" + i);
        return r;
    }

    private static ValueInfoProto info(String name, Tensor t, Map<Integer, String> dynamic) {
        TensorShapeProto.Builder shape = TensorShapeProto.newBuilder();
        for (int i = 0; i < t.dim(); i++) {
            String p = dynamic.get(i);
            shape.addDim(p != null ? TensorShapeProto.Dimension.newBuilder().setDimParam(p)
                    : TensorShapeProto.Dimension.newBuilder().setDimValue(t.size(i)));
        }
        if (t.dtype() == org.torch4j.DType.FLOAT16 || t.dtype() == org.torch4j.DType.BFLOAT16) {
            throw new OnnxException("'" + name + "' is " + t.dtype() + "; the exporter writes float32/float64/integer/bool models");
        }
        return ValueInfoProto.newBuilder().setName(name).setType(TypeProto.newBuilder().setTensorType(
                TypeProto.Tensor.newBuilder().setElemType(ElemType.fromDType(t.dtype())).setShape(shape))).build();
    }
}
