package org.torch4j.tensorboard;

import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.torch4j.Hook;
import org.torch4j.Tensor;
import org.torch4j.nn.Module;
import org.torch4j.spi.Strided;
import org.torch4j.trace.Trace;
import org.torch4j.trace.Tracer;

/**
 * {@code add_graph}'s {@code GraphDef} ({@code torch.utils.tensorboard._pytorch_graph.graph}) built from torch4j's own
 * trace of one forward pass in eval mode: an {@code IO Node} per input ({@code input/input.1}, ...) and per output
 * ({@code output/output.1}, ...), a {@code prim::GetAttr} node per parameter or buffer used
 * ({@code <module scope>/<name>/<name>}), and a node per output of each traced op, named
 * {@code <scope>/<number>} with the op's {@code aten::} name, its tensor inputs as edges and its output's shape as
 * {@code _output_shapes}. Scopes are PyTorch's: the model's class name, then {@code Class[attribute]} for each module
 * call down to the one running the op ({@code Net/Sequential[features]/Conv2d[0]}).
 *
 * <p>Where this differs from PyTorch's graph: values are numbered in order, not named as TorchScript names them
 * ({@code input.1}, {@code x}); non-tensor arguments (ints, lists, flags), which PyTorch shows as
 * {@code prim::Constant} and {@code prim::ListConstruct} nodes, are left out; a tensor created inside forward (not
 * a parameter, not computed by a traced op) is a {@code prim::Constant} node; a parameter's node has no input (PyTorch's
 * names the module it is read from, a node its graph never defines); torch4j's generic op names are made
 * TorchScript's ({@code aten::max_pool} of a 2-d kernel is {@code aten::max_pool2d}), but ops torch4j builds from
 * others or does not trace (flatten is a reshape) appear as what torch4j records.
 */
final class Graphs {
    private Graphs() {}

    /** The serialized {@code GraphDef} of one traced call of {@code model}. */
    static byte[] graphDef(Module model, Tensor... inputs) {
        GraphTracer tracer = new GraphTracer(model);
        List<Hook> hooks = new ArrayList<>();
        Thread thread = Thread.currentThread();
        boolean training = model.isTraining();
        for (Module m : model.namedModules().values()) {
            hooks.add(m.registerForwardPreHook((module, args) -> {
                if (Thread.currentThread() == thread) tracer.scopes.push(tracer.scopeOf.get(module));
                return null;
            }));
            hooks.add(m.registerForwardHook((module, args, output) -> {
                if (Thread.currentThread() == thread) tracer.scopes.pop();
                return null;
            }));
        }
        Object output;
        model.train(false);
        try (Trace.Session s = Trace.start(tracer)) {
            for (int i = 0; i < inputs.length; i++) tracer.names.put(inputs[i], "input/input." + (i + 1));
            output = call(model, inputs);
        } finally {
            hooks.forEach(Hook::remove);
            model.train(training);
        }
        return tracer.toProto(inputs, tensors(output));
    }

    /** {@code model.call(x)} for one input; for several, the module's public {@code call} (else {@code forward}) taking that many tensors. */
    private static Object call(Module model, Tensor[] inputs) {
        if (inputs.length == 1) return model.call(inputs[0]);
        Class<?>[] types = new Class<?>[inputs.length];
        Arrays.fill(types, Tensor.class);
        for (String name : new String[] {"call", "forward"}) {
            Method m;
            try {
                m = model.getClass().getMethod(name, types);
            } catch (NoSuchMethodException e) {
                continue;
            }
            try {
                m.setAccessible(true); // a model class need not be public
            } catch (RuntimeException e) {
                // a module that does not open its package: the method is called as it is
            }
            try {
                return m.invoke(model, (Object[]) inputs);
            } catch (java.lang.reflect.InvocationTargetException e) {
                if (e.getCause() instanceof RuntimeException r) throw r;
                if (e.getCause() instanceof Error err) throw err;
                throw new IllegalStateException(e.getCause());
            } catch (IllegalAccessException e) {
                throw new IllegalArgumentException("cannot call " + model.getClass().getSimpleName() + "." + name + ": " + e.getMessage(), e);
            }
        }
        throw new IllegalArgumentException(model.getClass().getSimpleName() + " has no public call or forward taking " + inputs.length
                + " tensors");
    }

    /** The tensors in an op's argument or result: a tensor, an array, list or record of them. */
    static List<Tensor> tensors(Object o) {
        List<Tensor> out = new ArrayList<>();
        if (o instanceof Tensor t) {
            out.add(t);
        } else if (o instanceof Object[] a) {
            for (Object x : a) if (x instanceof Tensor t) out.add(t);
        } else if (o instanceof Iterable<?> l) {
            for (Object x : l) if (x instanceof Tensor t) out.add(t);
        } else if (o instanceof Record r) {
            for (RecordComponent c : r.getClass().getRecordComponents()) {
                try {
                    if (c.getAccessor().invoke(r) instanceof Tensor t) out.add(t);
                } catch (ReflectiveOperationException e) {
                    // an inaccessible component is left out of the graph
                }
            }
        }
        return out;
    }

    private record Node(String name, String op, List<String> inputs, long[] shape, String attr) {}

    private static final class GraphTracer implements Tracer {
        final Map<Module, String> scopeOf = new IdentityHashMap<>();
        private final Map<String, Module> modules;
        final Deque<String> scopes = new ArrayDeque<>();
        final Map<Tensor, String> names = new IdentityHashMap<>();
        private final Map<Tensor, String> attributes = new IdentityHashMap<>();
        private final Map<Tensor, Node> unusedOutputs = new IdentityHashMap<>();
        private final List<Node> nodes = new ArrayList<>();
        private final Set<String> used = new HashSet<>();
        private int values;

        GraphTracer(Module model) {
            modules = model.namedModules();
            String root = pyName(model);
            for (Map.Entry<String, Module> e : modules.entrySet()) {
                String q = e.getKey();
                String scope = q.isEmpty() ? root : scopeOf.get(modules.get(parent(q))) + "/" + pyName(e.getValue()) + "[" + q.substring(q.lastIndexOf('.') + 1) + "]";
                scopeOf.put(e.getValue(), scope);
            }
            model.namedParameters().forEach((q, p) -> attributes.put(p, q));
            model.namedBuffers().forEach((q, b) -> attributes.putIfAbsent(b, q));
            scopes.push(root);
        }

        /** The dotted name of the module holding {@code q} ("" for the model itself). */
        private static String parent(String q) {
            return q.contains(".") ? q.substring(0, q.lastIndexOf('.')) : "";
        }

        private static String pyName(Module m) {
            String s = m.getClass().getSimpleName();
            return s.isEmpty() ? "Module" : s;
        }

        @Override
        public void record(String op, Object[] args, Object result) {
            String scope = scopes.peek();
            List<String> inputs = new ArrayList<>();
            for (Object a : args) {
                for (Tensor t : tensors(a)) inputs.add(use(t, scope));
            }
            String type = torchScriptName(op, args);
            List<Tensor> outputs = tensors(result);
            for (int i = 0; i < outputs.size(); i++) {
                Tensor t = outputs.get(i);
                Node n = new Node(scope + "/" + ++values, type, inputs, t.shape(), "{}");
                names.put(t, n.name());
                if (i == 0) nodes.add(n);
                else unusedOutputs.put(t, n); // a second output (max pooling's indices) shows only where used
            }
        }

        /** The name of the node a tensor argument comes from, adding the node of a parameter or constant on first use. */
        private String use(Tensor t, String scope) {
            Node pending = unusedOutputs.remove(t);
            if (pending != null) nodes.add(pending);
            String name = names.get(t);
            if (name == null) {
                String q = attributes.get(t);
                if (q != null) {
                    String attr = q.substring(q.lastIndexOf('.') + 1);
                    name = scopeOf.get(modules.get(parent(q))) + "/" + attr + "/" + attr;
                    nodes.add(new Node(name, "prim::GetAttr", List.of(), null, "{ name :  " + attr + " }"));
                } else {
                    name = scope + "/" + ++values;
                    nodes.add(new Node(name, "prim::Constant", List.of(), t.shape(), "{}"));
                }
                names.put(t, name);
            }
            used.add(name);
            return name;
        }

        /** Untraced kernels are not refused: the graph is a picture, a value they compute shows as a constant. */
        @Override
        public void access(Strided s) {}

        byte[] toProto(Tensor[] inputs, List<Tensor> outputs) {
            ProtoWriter graph = new ProtoWriter();
            for (int i = 0; i < inputs.length; i++) {
                String name = "input/input." + (i + 1);
                Tensor input = inputs[i];
                if (used.contains(name) || outputs.stream().anyMatch(o -> o == input)) {
                    graph.message(1, node(new Node(name, "IO Node", List.of(), input.shape(), "")));
                }
            }
            for (int i = 0; i < outputs.size(); i++) {
                String source = names.get(outputs.get(i));
                Node pending = unusedOutputs.remove(outputs.get(i));
                if (pending != null) nodes.add(pending);
                graph.message(1, node(new Node("output/output." + (i + 1), "IO Node", source == null ? List.of() : List.of(source),
                        outputs.get(i).shape(), "")));
            }
            for (Node n : nodes) graph.message(1, node(n));
            graph.message(4, new ProtoWriter().varint(1, 22)); // VersionDef.producer, as PyTorch writes it
            return graph.toBytes();
        }

        private static ProtoWriter node(Node n) {
            ProtoWriter p = new ProtoWriter().string(1, n.name()).string(2, n.op());
            for (String in : n.inputs()) p.element(3, in.getBytes(StandardCharsets.UTF_8));
            p.message(5, new ProtoWriter().string(1, "attr").message(2, new ProtoWriter().element(2, n.attr().getBytes(StandardCharsets.UTF_8))));
            if (n.shape() != null) {
                ProtoWriter shape = new ProtoWriter();
                for (long d : n.shape()) shape.message(2, new ProtoWriter().varint(1, d));
                p.message(5, new ProtoWriter().string(1, "_output_shapes").message(2, new ProtoWriter().message(1, new ProtoWriter().message(7, shape))));
            }
            return p;
        }
    }

    /** torch4j's generic op names as TorchScript's: pooling takes its dimension from the kernel's or output size's length. */
    static String torchScriptName(String op, Object[] args) {
        return switch (op) {
            case "aten::max_pool", "aten::avg_pool", "aten::adaptive_avg_pool" ->
                    args.length > 1 && args[1] != null && args[1].getClass().isArray()
                            ? op + java.lang.reflect.Array.getLength(args[1]) + "d" : op;
            default -> op;
        };
    }
}
