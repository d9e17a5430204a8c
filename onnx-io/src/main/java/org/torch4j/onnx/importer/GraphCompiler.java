package org.torch4j.onnx.importer;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import org.torch4j.Tensor;
import org.torch4j.onnx.OnnxException;
import org.torch4j.onnx.proto.OnnxProto.AttributeProto;
import org.torch4j.onnx.proto.OnnxProto.FunctionProto;
import org.torch4j.onnx.proto.OnnxProto.GraphProto;
import org.torch4j.onnx.proto.OnnxProto.NodeProto;
import org.torch4j.onnx.proto.OnnxProto.TensorProto;
import org.torch4j.onnx.proto.OnnxProto.ValueInfoProto;

/**
 * Checks a graph and prepares it to run: every operator known, every value produced once, no
 * cycles (nodes are put in dependency order even when the file lists them otherwise), subgraphs
 * compiled with the names of their enclosing graphs in view.
 */
public final class GraphCompiler {
    private final Map<String, Long> opsets;
    private final Path baseDir;
    private final Map<String, FunctionProto> functions;
    private final Set<String> expanding;

    /**
     * @param opsets    the model's opset imports, domain to version ("" for the default domain)
     * @param baseDir   the model's folder, for external data (null when read from bytes)
     * @param functions the model's local functions, which nodes may call like operators
     */
    public GraphCompiler(Map<String, Long> opsets, Path baseDir, List<FunctionProto> functions) {
        this(opsets, baseDir, index(functions), new HashSet<>());
    }

    private GraphCompiler(Map<String, Long> opsets, Path baseDir, Map<String, FunctionProto> functions, Set<String> expanding) {
        this.opsets = opsets;
        this.baseDir = baseDir;
        this.functions = functions;
        this.expanding = expanding;
    }

    private static Map<String, FunctionProto> index(List<FunctionProto> functions) {
        Map<String, FunctionProto> m = new HashMap<>();
        for (FunctionProto f : functions) m.put(f.getDomain() + ":" + f.getName(), f);
        return m;
    }

    /**
     * Compiles a top-level graph. Its initializers are not stored: their values are fed with every
     * run (they are the parameters of the module that owns the graph, and may change or move).
     */
    public Graph compile(GraphProto g, Set<String> initializerNames) {
        Map<String, Object> placeholders = new LinkedHashMap<>();
        for (String n : initializerNames) placeholders.put(n, null);
        return compile(g, placeholders, Set.of());
    }

    /**
     * Decodes a graph's initializers (dense and sparse), in file order: tensors, and
     * {@link UnsignedTensor}s for those of type uint16, uint32 and uint64.
     */
    public Map<String, Object> decodeInitializers(GraphProto g) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (TensorProto t : g.getInitializerList()) {
            if (t.getName().isEmpty()) throw new OnnxException("graph '" + g.getName() + "' has an initializer without a name");
            out.put(t.getName(), TensorDecoder.decodeValue(t, baseDir, 0));
        }
        for (var s : g.getSparseInitializerList()) {
            out.put(s.getValues().getName(), Sparse.decode(s, baseDir));
        }
        return out;
    }

    private Graph compile(GraphProto g, Map<String, Object> initializers, Set<String> outer) {
        Set<String> defined = new HashSet<>(initializers.keySet());
        List<String> inputs = new ArrayList<>();
        for (ValueInfoProto v : g.getInputList()) {
            inputs.add(v.getName());
            defined.add(v.getName());
        }
        // Who produces each value; a value produced twice breaks ONNX's single-assignment rule.
        Map<String, Integer> producer = new HashMap<>();
        List<NodeProto> protos = g.getNodeList();
        String[] names = new String[protos.size()];
        for (int k = 0; k < protos.size(); k++) {
            NodeProto n = protos.get(k);
            names[k] = n.getName().isEmpty() ? n.getOpType() + "_" + k : n.getName();
            for (String o : n.getOutputList()) {
                if (o.isEmpty()) continue;
                if (producer.put(o, k) != null || defined.contains(o)) {
                    throw nodeError(n, names[k], "value '" + o + "' is produced more than once in graph '" + g.getName() + "'");
                }
            }
        }
        Set<String> visible = new HashSet<>(outer);
        visible.addAll(defined);
        visible.addAll(producer.keySet());

        List<NodeSpec> specs = new ArrayList<>();
        List<Set<String>> reads = new ArrayList<>();
        Set<String> outerRefs = new HashSet<>();
        for (int k = 0; k < protos.size(); k++) {
            NodeSpec spec = prepare(protos.get(k), names[k], visible);
            if (spec.opType().equals("Gradient") && spec.domain().equals("ai.onnx.preview.training")) {
                spec.graphs().put(FORWARD, forwardSlice(g, protos.get(k), producer, visible));
            }
            Set<String> r = new HashSet<>();
            for (String in : spec.inputs()) if (!in.isEmpty()) r.add(in);
            for (Graph sub : spec.graphs().values()) r.addAll(sub.outerReferences());
            for (String in : r) {
                if (defined.contains(in) || producer.containsKey(in)) continue;
                if (outer.contains(in)) {
                    outerRefs.add(in);
                } else {
                    throw new OnnxException(spec.name(), spec.opType(), spec.opset(),
                            "input '" + in + "' is not produced by any node, initializer or graph input", null);
                }
            }
            specs.add(spec);
            reads.add(r);
        }
        List<NodeSpec> order = sort(specs, reads, producer);
        List<String> outputs = new ArrayList<>();
        for (ValueInfoProto v : g.getOutputList()) {
            String o = v.getName();
            if (!defined.contains(o) && !producer.containsKey(o)) {
                if (!outer.contains(o)) throw new OnnxException("graph output '" + o + "' is not produced by any node, initializer or input");
                outerRefs.add(o);
            }
            outputs.add(o);
        }
        Map<String, Object> stored = new LinkedHashMap<>();
        initializers.forEach((k, v) -> {
            if (v != null) stored.put(k, v);
        });
        java.util.IdentityHashMap<NodeSpec, Set<String>> readsOf = new java.util.IdentityHashMap<>();
        for (int k = 0; k < specs.size(); k++) readsOf.put(specs.get(k), reads.get(k));
        List<Set<String>> orderedReads = new ArrayList<>();
        for (NodeSpec n : order) orderedReads.add(readsOf.get(n));
        return new Graph(g.getName(), inputs, outputs, stored, order, outerRefs, orderedReads);
    }

    /** Kahn's algorithm, keeping the file's order among nodes that are ready. */
    private static List<NodeSpec> sort(List<NodeSpec> specs, List<Set<String>> reads, Map<String, Integer> producer) {
        int n = specs.size();
        int[] waiting = new int[n];
        List<List<Integer>> consumers = new ArrayList<>();
        for (int k = 0; k < n; k++) consumers.add(new ArrayList<>());
        for (int k = 0; k < n; k++) {
            for (String in : reads.get(k)) {
                Integer p = producer.get(in);
                if (p != null) {
                    waiting[k]++;
                    consumers.get(p).add(k);
                }
            }
        }
        PriorityQueue<Integer> ready = new PriorityQueue<>();
        for (int k = 0; k < n; k++) if (waiting[k] == 0) ready.add(k);
        List<NodeSpec> order = new ArrayList<>(n);
        while (!ready.isEmpty()) {
            int k = ready.poll();
            order.add(specs.get(k));
            for (int c : consumers.get(k)) if (--waiting[c] == 0) ready.add(c);
        }
        if (order.size() < n) {
            for (int k = 0; k < n; k++) {
                if (waiting[k] > 0) {
                    NodeSpec s = specs.get(k);
                    throw new OnnxException(s.name(), s.opType(), s.opset(),
                            "the graph has a cycle through this node (it depends, through " + s.inputs() + ", on its own outputs)", null);
                }
            }
        }
        return order;
    }

    private NodeSpec prepare(NodeProto n, String name, Set<String> visible) {
        String domain = n.getDomain().equals("ai.onnx") ? "" : n.getDomain();
        Long opset = opsets.get(domain);
        if (opset == null) {
            throw new OnnxException(name, n.getOpType(), -1, "the model imports no opset for domain '" + domain + "'", null);
        }
        OpMapping op = OpRegistry.lookup(domain, n.getOpType());
        FunctionProto f = functions.get(n.getDomain() + ":" + n.getOpType());
        if (op == null && f != null) op = function(f, n, name, opset);
        if (op == null) {
            throw new OnnxException(name, n.getOpType(), opset, "operator " + (domain.isEmpty() ? "" : domain + ".")
                    + n.getOpType() + " is not supported by torch4j's ONNX importer", null);
        }
        Map<String, AttributeProto> attrs = new LinkedHashMap<>();
        Map<String, Graph> graphs = new HashMap<>();
        Map<String, Tensor> tensors = new HashMap<>();
        Map<String, Integer> unsigned = new HashMap<>();
        for (AttributeProto a : n.getAttributeList()) {
            attrs.put(a.getName(), a);
            try {
                if (a.hasG()) {
                    graphs.put(a.getName(), compile(a.getG(), decodeInitializers(a.getG()), visible));
                } else if (a.hasT()) {
                    Object v = TensorDecoder.decodeValue(a.getT(), baseDir, 0);
                    if (v instanceof UnsignedTensor u) unsigned.put(a.getName(), u.elemType());
                    tensors.put(a.getName(), Values.tensorOf(v).keep());
                } else if (a.hasSparseTensor()) {
                    tensors.put(a.getName(), Sparse.decode(a.getSparseTensor(), baseDir).keep());
                }
            } catch (OnnxException e) {
                if (e.node() != null) throw e;
                throw new OnnxException(name, n.getOpType(), opset, "attribute '" + a.getName() + "': " + e.getMessage(), e);
            }
        }
        return new NodeSpec(name, n.getOpType(), domain, opset, List.copyOf(n.getInputList()), List.copyOf(n.getOutputList()),
                attrs, graphs, tensors, unsigned, op);
    }

    /** Where a Gradient node keeps the part of its graph that computes {@code y} from {@code xs} and {@code zs}. */
    public static final String FORWARD = "__forward";

    /** The nodes between a Gradient node's {@code xs}/{@code zs} and its {@code y}, as a graph taking xs then zs. */
    private Graph forwardSlice(GraphProto g, NodeProto gradient, Map<String, Integer> producer, Set<String> visible) {
        List<String> sources = new ArrayList<>();
        String y = null;
        for (AttributeProto a : gradient.getAttributeList()) {
            if (a.getName().equals("xs") || a.getName().equals("zs")) a.getStringsList().forEach(b -> sources.add(b.toStringUtf8()));
            if (a.getName().equals("y")) y = a.getS().toStringUtf8();
        }
        Set<Integer> needed = new java.util.TreeSet<>();
        java.util.ArrayDeque<String> todo = new java.util.ArrayDeque<>();
        if (y != null) todo.add(y);
        while (!todo.isEmpty()) {
            String v = todo.pop();
            Integer p = producer.get(v);
            if (sources.contains(v) || p == null || !needed.add(p)) continue;
            for (String in : g.getNode(p).getInputList()) if (!in.isEmpty()) todo.add(in);
        }
        GraphProto.Builder slice = GraphProto.newBuilder().setName(g.getName() + "/gradient");
        for (String x : sources) slice.addInput(ValueInfoProto.newBuilder().setName(x));
        if (y != null) slice.addOutput(ValueInfoProto.newBuilder().setName(y));
        for (int p : needed) slice.addNode(g.getNode(p));
        Set<String> outer = new HashSet<>(visible);
        outer.removeAll(producer.keySet());
        return compile(slice.build(), new LinkedHashMap<>(), outer);
    }

    /** A call of a model-local function: its body compiled as a graph, attribute references resolved. */
    private OpMapping function(FunctionProto f, NodeProto call, String name, long opset) {
        String key = f.getDomain() + ":" + f.getName();
        if (!expanding.add(key)) throw new OnnxException(name, call.getOpType(), opset, "function " + key + " calls itself", null);
        try {
            Map<String, AttributeProto> given = new HashMap<>();
            for (AttributeProto a : call.getAttributeList()) given.put(a.getName(), a);
            GraphProto.Builder body = GraphProto.newBuilder().setName(f.getName());
            for (String in : f.getInputList()) body.addInput(ValueInfoProto.newBuilder().setName(in));
            for (String out : f.getOutputList()) body.addOutput(ValueInfoProto.newBuilder().setName(out));
            for (NodeProto n : f.getNodeList()) {
                NodeProto.Builder nb = n.toBuilder().clearAttribute();
                for (AttributeProto a : n.getAttributeList()) {
                    if (a.getRefAttrName().isEmpty()) {
                        nb.addAttribute(a);
                    } else if (given.containsKey(a.getRefAttrName())) {
                        nb.addAttribute(given.get(a.getRefAttrName()).toBuilder().setName(a.getName()));
                    }
                }
                body.addNode(nb);
            }
            Map<String, Long> inner = new HashMap<>(opsets);
            for (var o : f.getOpsetImportList()) inner.put(o.getDomain().equals("ai.onnx") ? "" : o.getDomain(), o.getVersion());
            Graph g = new GraphCompiler(inner, baseDir, functions, expanding).compile(body.build(), new LinkedHashMap<>(), Set.of());
            return c -> {
                Object[] args = new Object[c.inputCount()];
                for (int i = 0; i < args.length; i++) args[i] = c.value(i);
                return c.run(g, args);
            };
        } finally {
            expanding.remove(key);
        }
    }

    private OnnxException nodeError(NodeProto n, String name, String message) {
        Long opset = opsets.get(n.getDomain().equals("ai.onnx") ? "" : n.getDomain());
        return new OnnxException(name, n.getOpType(), opset == null ? -1 : opset, message, null);
    }
}
