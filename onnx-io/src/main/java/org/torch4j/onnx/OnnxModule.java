package org.torch4j.onnx;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.torch4j.Device;
import org.torch4j.Tensor;
import org.torch4j.nn.Module;
import org.torch4j.nn.Parameter;
import org.torch4j.onnx.importer.Graph;
import org.torch4j.onnx.importer.GraphCompiler;
import org.torch4j.onnx.importer.UnsignedTensor;
import org.torch4j.onnx.importer.Values;
import org.torch4j.onnx.proto.OnnxProto.GraphProto;
import org.torch4j.onnx.proto.OnnxProto.ModelProto;
import org.torch4j.onnx.proto.OnnxProto.OperatorSetIdProto;
import org.torch4j.onnx.proto.OnnxProto.ValueInfoProto;

/**
 * An ONNX model as a torch4j {@link Module}, made by {@link Onnx#load}.
 *
 * <p>Each initializer is registered under a valid module name (ONNX's {@code fc.weight} becomes
 * {@code fc_weight}; {@link #onnxNames()} maps back): floating-point ones as trainable
 * {@link Parameter}s, integer and boolean ones (shapes, indices) as buffers. {@link #stateDict()},
 * {@link #to(org.torch4j.Device)} and optimizers therefore work as for any module, and the graph
 * always reads the current values.
 *
 * <p>{@link #forward(Map)} takes and gives tensors. {@link #run(Map)} also takes and gives sequences
 * (as {@code List}s), optionals (as {@code java.util.Optional}s) and string tensors (as
 * {@link StringTensor}s), as {@link #inputType} and {@link #outputType} declare; {@link OnnxType}
 * lists the Java value of each ONNX type, including the unsigned 16, 32 and 64-bit integers torch4j
 * has no dtypes for:
 *
 * <pre>{@code
 * // a model with inputs "boxes": seq(tensor(float)) and "limit": optional(tensor(int64))
 * Map<String, Object> out = model.run(Map.of("boxes", List.of(a, b), "limit", Optional.empty()));
 * List<?> scores = (List<?>) out.get("scores");                  // seq(tensor(float)): a List of Tensors
 * }</pre>
 */
public final class OnnxModule extends Module {

    private final Graph graph;
    private final Map<String, String> onnxNames;      // module name -> ONNX name
    private final List<String> inputNames;
    private final List<String> outputNames;
    private final Map<String, String> inputTypes;       // input -> "name: float32[N, 3]" for messages
    private final Map<String, OnnxType> declaredInputs;  // every graph input, initializers included
    private final Map<String, OnnxType> declaredOutputs;
    private final Map<String, Integer> unsignedInitializers; // ONNX name -> uint16/32/64 element type
    private final Map<String, Long> opsets;
    private final long irVersion;
    private final String producer;

    private OnnxModule(ModelProto model, Path baseDir) {
        if (!model.hasGraph()) throw new OnnxException("the model has no graph");
        GraphProto g = model.getGraph();
        opsets = new TreeMap<>();
        for (OperatorSetIdProto o : model.getOpsetImportList()) {
            opsets.put(o.getDomain().equals("ai.onnx") ? "" : o.getDomain(), o.getVersion());
        }
        if (opsets.isEmpty()) opsets.put("", 1L); // IR version 2 models had no opset imports
        irVersion = model.getIrVersion();
        producer = (model.getProducerName() + " " + model.getProducerVersion()).trim();
        GraphCompiler compiler = new GraphCompiler(opsets, baseDir, model.getFunctionsList());
        Map<String, Object> weights = compiler.decodeInitializers(g);
        Map<String, String> names = new LinkedHashMap<>();
        Map<String, Integer> unsigned = new HashMap<>();
        Set<String> used = new HashSet<>();
        for (Map.Entry<String, Object> e : weights.entrySet()) {
            String name = sanitize(e.getKey(), used);
            names.put(name, e.getKey());
            if (e.getValue() instanceof UnsignedTensor u) unsigned.put(e.getKey(), u.elemType());
            Tensor t = Values.tensorOf(e.getValue());
            if (t.isFloatingPoint()) registerParameter(name, new Parameter(t));
            else registerBuffer(name, t);
        }
        onnxNames = Collections.unmodifiableMap(names);
        unsignedInitializers = Map.copyOf(unsigned);
        graph = compiler.compile(g, weights.keySet());
        List<String> ins = new ArrayList<>();
        Map<String, String> types = new LinkedHashMap<>();
        declaredInputs = new HashMap<>();
        declaredOutputs = new HashMap<>();
        for (ValueInfoProto v : g.getOutputList()) declaredOutputs.put(v.getName(), IoValues.type(v.getType()));
        for (ValueInfoProto v : g.getInputList()) {
            declaredInputs.put(v.getName(), IoValues.type(v.getType()));
            if (!weights.containsKey(v.getName())) {
                ins.add(v.getName());
                types.put(v.getName(), ModelSummary.describe(v));
            }
        }
        inputNames = List.copyOf(ins);
        inputTypes = types;
        outputNames = List.copyOf(graph.outputs());
        eval();
    }

    static OnnxModule of(ModelProto model, Path baseDir) {
        return new OnnxModule(model, baseDir);
    }

    /** A module name for an initializer: dots (not allowed in module names) become underscores. */
    private static String sanitize(String onnxName, Set<String> used) {
        String base = onnxName.replace('.', '_');
        if (base.isEmpty()) base = "initializer";
        String name = base;
        for (int i = 1; !used.add(name); i++) name = base + "_" + i;
        return name;
    }

    /** The graph inputs to feed (those with an initializer are parameters, not inputs). */
    public List<String> inputNames() {
        return inputNames;
    }

    /** The graph outputs' names, in graph order (the keys of {@link #forward(Map)}'s result); an unmodifiable list. */
    public List<String> outputNames() {
        return outputNames;
    }

    /**
     * The type the model declares for a graph input (one of {@link #inputNames()}, or an initializer
     * that is also a graph input), which says what Java value {@link #run} takes for it.
     *
     * @throws OnnxException when the model has no such input
     */
    public OnnxType inputType(String name) {
        OnnxType t = declaredInputs.get(name);
        if (t == null) throw new OnnxException("the model has no input '" + name + "'; its inputs are " + inputNames);
        return t;
    }

    /**
     * The type the model declares for a graph output, which says what Java value {@link #run} gives for it.
     *
     * @throws OnnxException when the model has no such output
     */
    public OnnxType outputType(String name) {
        OnnxType t = declaredOutputs.get(name);
        if (t == null) throw new OnnxException("the model has no output '" + name + "'; its outputs are " + outputNames);
        return t;
    }

    /** Module parameter and buffer names to the ONNX initializer names they came from. */
    public Map<String, String> onnxNames() {
        return onnxNames;
    }

    /** Opset versions by domain ("" is the default ONNX domain). */
    public Map<String, Long> opsets() {
        return Collections.unmodifiableMap(opsets);
    }

    /** The model's ONNX IR version ({@code ModelProto.ir_version}). */
    public long irVersion() {
        return irVersion;
    }

    /** The tool that wrote the model: {@code ModelProto.producer_name} and {@code producer_version} joined by a space, empty when neither is given. */
    public String producer() {
        return producer;
    }

    /**
     * Runs the graph. Every input of {@link #inputNames()} must be given; an initializer may be
     * overridden by feeding its ONNX name. Returns the graph outputs by name, in graph order.
     *
     * @throws OnnxException when an output is not a tensor (use {@link #run}), or see {@link #run}
     */
    public Map<String, Tensor> forward(Map<String, Tensor> inputs) {
        Map<String, Object> out = run(inputs);
        Map<String, Tensor> result = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : out.entrySet()) {
            if (!(e.getValue() instanceof Tensor t)) {
                throw new OnnxException("output '" + e.getKey() + "' is " + declaredOutputs.getOrDefault(e.getKey(), new OnnxType.Undeclared())
                        + ", not a tensor: use run() to read it");
            }
            result.put(e.getKey(), t);
        }
        return result;
    }

    /** For a model with one input and one output. */
    @Override
    public Tensor forward(Tensor input) {
        if (inputNames.size() != 1 || outputNames.size() != 1) {
            throw new IllegalStateException("forward(Tensor) needs a model with one input and one output; this one has inputs "
                    + inputNames + " and outputs " + outputNames + ": use forward(Map)");
        }
        return forward(Map.of(inputNames.get(0), input)).get(outputNames.get(0));
    }

    /**
     * Runs the graph with inputs and outputs of any type: tensors, sequences as {@code List}s,
     * optionals as {@code java.util.Optional}s, uint16/32/64 tensors in INT32/INT64 tensors, string
     * tensors as {@link StringTensor}s, as {@link OnnxType} lists for the types {@link #inputType} and
     * {@link #outputType} declare.
     * Every input of {@link #inputNames()} must be given, except optional ones, which are then empty;
     * an initializer may be overridden by feeding its ONNX name. Returns the graph outputs by name,
     * in graph order.
     *
     * @throws OnnxException for an unknown or missing input, a value that does not fit its input's
     *                       type (the message names the input and the Java value expected), or a node
     *                       that fails (the message names it)
     */
    public Map<String, Object> run(Map<String, ?> inputs) {
        Map<String, Object> out = runValues(inputs);
        out.replaceAll((k, v) -> IoValues.toJava(v));
        return out;
    }

    /** {@link #run}, with the outputs as the executor holds them: uint16/32/64 tensors as {@link UnsignedTensor}s. */
    Map<String, Object> runValues(Map<String, ?> inputs) {
        Map<String, Object> feeds = new HashMap<>();
        Map<String, Parameter> params = namedParameters();
        Map<String, Tensor> buffers = namedBuffers();
        for (Map.Entry<String, String> e : onnxNames.entrySet()) {
            Tensor v = params.containsKey(e.getKey()) ? params.get(e.getKey()) : buffers.get(e.getKey());
            Integer unsigned = unsignedInitializers.get(e.getValue());
            feeds.put(e.getValue(), unsigned == null ? v : new UnsignedTensor(v, unsigned));
        }
        Set<String> known = new HashSet<>(graph.inputs());
        for (Map.Entry<String, ?> e : inputs.entrySet()) {
            if (!known.contains(e.getKey())) {
                throw new OnnxException("the model has no input '" + e.getKey() + "'; its inputs are " + inputNames);
            }
            OnnxType type = declaredInputs.getOrDefault(e.getKey(), new OnnxType.Undeclared());
            feeds.put(e.getKey(), IoValues.toGraph("input '" + e.getKey() + "'", type, e.getValue()));
        }
        for (String name : inputNames) {
            if (inputs.containsKey(name)) continue;
            if (!(declaredInputs.get(name) instanceof OnnxType.OptionalType)) {
                throw new OnnxException("input '" + inputTypes.get(name) + "' is missing");
            }
            feeds.put(name, Optional.empty());
        }
        Object[] out = graph.run(feeds);
        Map<String, Object> result = new LinkedHashMap<>();
        for (int i = 0; i < out.length; i++) result.put(outputNames.get(i), out[i]);
        return result;
    }

    /** Moves the parameters and buffers, and the constants inside the graph, to {@code device}. */
    @Override
    public OnnxModule to(Device device) {
        super.to(device);
        graph.moveTo(device);
        return this;
    }

    @Override
    protected String extraRepr() {
        return "inputs=" + inputNames + ", outputs=" + outputNames + ", opsets=" + opsets;
    }
}
