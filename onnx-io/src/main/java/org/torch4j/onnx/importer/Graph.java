package org.torch4j.onnx.importer;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.onnx.OnnxException;

/**
 * A graph ready to run: nodes in an order where each runs after what it reads, the initializers,
 * and the names it reads from enclosing graphs (for subgraphs of If, Loop and Scan).
 */
public final class Graph {
    private final String name;
    private final List<String> inputs;
    private final List<String> outputs;
    /** Tensors and {@link UnsignedTensor}s (a subgraph's own initializers; none for a top-level graph). */
    private final Map<String, Object> initializers;
    private final List<NodeSpec> nodes;
    private final Set<String> outerReferences;
    /** Per step, the values this graph's nodes made that nothing reads after it (null: never release). */
    private final List<List<String>> deadAfter;
    private final Map<String, Integer> lastRead;
    /** Per node, the inputs Relu and Add may overwrite during inference (see {@link InPlace}). */
    private final boolean[][] inPlace;
    private final BatchNormFolding folding;

    /** Operators whose outputs may be values that live elsewhere (subgraph outputs, sequence elements). */
    private static final Set<String> SHARING = Set.of("If", "Loop", "Scan", "SequenceAt", "OptionalGetElement", "Optional");

    Graph(String name, List<String> inputs, List<String> outputs, Map<String, Object> initializers, List<NodeSpec> nodes,
          Set<String> outerReferences, List<Set<String>> reads) {
        this.name = name;
        this.inputs = inputs;
        this.outputs = outputs;
        this.initializers = initializers;
        this.nodes = nodes;
        this.outerReferences = outerReferences;
        // When a value is last read, so that inference can free it then instead of at the end.
        lastRead = new java.util.HashMap<>();
        boolean sequences = false;
        for (int i = 0; i < nodes.size(); i++) {
            for (String v : reads.get(i)) lastRead.put(v, i);
            for (String v : nodes.get(i).outputs()) if (!v.isEmpty()) lastRead.putIfAbsent(v, i);
            String op = nodes.get(i).opType();
            sequences |= op.contains("Sequence") || op.startsWith("Optional");
            // a subgraph may put one of this graph's tensors in a sequence it returns
            for (Graph g : nodes.get(i).graphs().values()) sequences |= g.deadAfter == null;
        }
        for (String o : outputs) lastRead.put(o, Integer.MAX_VALUE);
        inPlace = InPlace.plan(nodes, reads, outputs);
        folding = new BatchNormFolding(nodes, outputs);
        if (sequences) {
            deadAfter = null; // a list may hold a tensor whose names are all dead
        } else {
            deadAfter = new java.util.ArrayList<>();
            for (int i = 0; i < nodes.size(); i++) deadAfter.add(new java.util.ArrayList<>());
            for (int i = 0; i < nodes.size(); i++) {
                for (String v : nodes.get(i).outputs()) {
                    if (!v.isEmpty() && lastRead.get(v) != Integer.MAX_VALUE) deadAfter.get(lastRead.get(v)).add(v);
                }
            }
        }
    }

    public String name() {
        return name;
    }

    /** Every graph input, those with an initializer (a default) included. */
    public List<String> inputs() {
        return inputs;
    }

    public List<String> outputs() {
        return outputs;
    }

    /** A subgraph's own initializers: tensors, and {@link UnsignedTensor}s for uint16/32/64 ones. */
    public Map<String, Object> initializers() {
        return initializers;
    }

    /** The nodes in execution order. */
    List<NodeSpec> nodes() {
        return nodes;
    }

    /** Names this graph reads from enclosing graphs. */
    Set<String> outerReferences() {
        return outerReferences;
    }

    /** Moves the tensors this graph holds itself (constants, subgraph initializers) to {@code device}. */
    public void moveTo(org.torch4j.Device device) {
        initializers.replaceAll((k, v) -> v == null ? null : Values.mapTensors(v, t -> t.to(device).keep()));
        for (NodeSpec n : nodes) {
            n.tensors().replaceAll((k, t) -> t.to(device).keep());
            for (Graph g : n.graphs().values()) g.moveTo(device);
        }
    }

    /** Runs the graph with its inputs by position (null: the initializer, or absent). */
    Object[] run(Env outer, Object[] args) {
        if (args.length > inputs.size()) {
            throw new OnnxException("graph '" + name + "' takes " + inputs.size() + " inputs, got " + args.length);
        }
        Env env = new Env(outer);
        for (Map.Entry<String, Object> e : initializers.entrySet()) env.put(e.getKey(), e.getValue());
        for (int i = 0; i < args.length; i++) if (args[i] != null) env.put(inputs.get(i), args[i]);
        return execute(env);
    }

    /**
     * Runs the top-level graph with named inputs: {@link Values values} (tensors, {@link UnsignedTensor}s,
     * lists for sequences, {@link java.util.Optional}s for optionals).
     */
    public Object[] run(Map<String, ?> feeds) {
        Env env = new Env(null);
        for (Map.Entry<String, Object> e : initializers.entrySet()) env.put(e.getKey(), e.getValue());
        for (Map.Entry<String, ?> e : feeds.entrySet()) env.put(e.getKey(), e.getValue());
        return execute(env);
    }

    /** Records when a node's output tensor is last read (under any of its names); fresh ones only. */
    private static void track(java.util.IdentityHashMap<Tensor, Integer> made, NodeSpec n, Object[] in, Tensor t, int last) {
        if (made.containsKey(t)) {
            made.merge(t, last, Math::max);
            return;
        }
        if (SHARING.contains(n.opType()) || !n.graphs().isEmpty() || !OpRegistry.isOperator(n)) return;
        for (Object o : in) if (Values.tensorOf(o) == t) return;
        for (Tensor c : n.tensors().values()) if (c == t) return;
        made.put(t, last);
    }

    private Object[] execute(Env env) {
        // Without autograd nothing keeps intermediate values for later: free each after its last
        // read (device memory cannot wait for the garbage collector). Only tensors a node made
        // itself are freed, never inputs, initializers or constants passed through.
        boolean inference = !Torch.isGradEnabled();
        java.util.IdentityHashMap<Tensor, Integer> made = deadAfter != null && inference ? new java.util.IdentityHashMap<>() : null;
        boolean[] absorbed = new boolean[nodes.size()]; // BatchNormalizations folded into their Conv in this run
        for (int step = 0; step < nodes.size(); step++) {
            NodeSpec n = nodes.get(step);
            Object[] in = new Object[n.inputs().size()];
            for (int i = 0; i < in.length; i++) {
                String v = n.inputs().get(i);
                if (v.isEmpty()) continue;
                in[i] = env.get(v);
                if (in[i] == null) {
                    throw new OnnxException(n.name(), n.opType(), n.opset(), "input '" + v + "' has no value (a graph input that was not given?)", null);
                }
            }
            Object[] out = null;
            try {
                if (UnsignedOps.involved(n, in)) {
                    out = UnsignedOps.apply(n, in, env); // unsigned semantics, or a refusal
                } else if (absorbed[step]) {
                    out = new Object[] {in[0]}; // the Conv before it computed the normalised values
                } else if (made != null && inPlace[step] != null) {
                    out = InPlace.tryRun(n, inPlace[step], in, made, step);
                } else if (inference && folding.normOf(step) >= 0) {
                    Object[] folded = folding.fold(step, nodes.get(folding.normOf(step)), in, env);
                    if (folded != null) {
                        in = folded;
                        absorbed[folding.normOf(step)] = true;
                    }
                }
                if (out == null) out = n.op().apply(new OpCall(n, in, env));
            } catch (OnnxException e) {
                throw e;
            } catch (OutOfMemoryError e) { // one huge tensor asked for by the model's values: the JVM itself is fine
                throw new OnnxException(n.name(), n.opType(), n.opset(), "out of memory (" + e.getMessage() + ")", e);
            } catch (RuntimeException | StackOverflowError e) {
                String msg = e.getMessage() == null ? e.toString() : e.getMessage();
                throw new OnnxException(n.name(), n.opType(), n.opset(), msg, e);
            }
            for (int i = 0; i < n.outputs().size(); i++) {
                String v = n.outputs().get(i);
                if (v.isEmpty()) continue;
                if (i >= out.length || out[i] == null) {
                    throw new OnnxException(n.name(), n.opType(), n.opset(), "output " + i + " ('" + v + "') is not computed by torch4j", null);
                }
                env.put(v, out[i]);
                Tensor t = Values.tensorOf(out[i]);
                if (made != null && t != null) track(made, n, in, t, lastRead.get(v));
            }
            if (made != null) {
                for (String v : deadAfter.get(step)) {
                    Tensor t = Values.tensorOf(env.getLocal(v));
                    if (t != null && made.containsKey(t) && made.get(t) <= step) {
                        made.remove(t);
                        t.close();
                    }
                }
            }
        }
        Object[] result = new Object[outputs.size()];
        for (int i = 0; i < result.length; i++) {
            result[i] = env.get(outputs.get(i));
            if (result[i] == null) throw new OnnxException("graph output '" + outputs.get(i) + "' has no value");
        }
        return result;
    }
}
