package org.torch4j;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.function.UnaryOperator;
import org.torch4j.internal.ProfilerHook;
import org.torch4j.profiler.ProfilerEvent;
import org.torch4j.trace.Trace;

/**
 * The dynamic autograd tape: recording of ops, and the engine that walks the graph backwards.
 *
 * <pre>{@code
 * Tensor x = Torch.ones(1).mul(1.5).requiresGrad_();
 * Tensor g = Autograd.grad(x.mul(x).mul(x), x, true);   // 3x^2 = 6.75, itself differentiable
 * }</pre>
 */
public final class Autograd {
    private Autograd() {}

    // ---- public API ----------------------------------------------------------------------------

    /**
     * The gradient of a one-element {@code output} with respect to {@code input} (not accumulated into
     * {@code .grad}). With {@code createGraph} the result is itself part of a graph and can be
     * differentiated again.
     */
    public static Tensor grad(Tensor output, Tensor input, boolean createGraph) {
        return grad(List.of(output), List.of(input), null, createGraph, createGraph, false).get(0);
    }

    /**
     * {@code torch.autograd.grad}: the gradients of {@code outputs} (weighted by {@code gradOutputs},
     * which may be null for one-element outputs) with respect to {@code inputs}. An input the outputs do
     * not depend on gives null with {@code allowUnused}, else an error.
     */
    public static List<Tensor> grad(List<Tensor> outputs, List<Tensor> inputs, List<Tensor> gradOutputs,
                                    boolean retainGraph, boolean createGraph, boolean allowUnused) {
        for (Tensor in : inputs) {
            if (!in.requiresGrad()) throw new IllegalArgumentException("One of the differentiated Tensors does not require grad");
        }
        Tensor[] captured = Engine.run(outputs, gradOutputs, retainGraph, createGraph, inputs);
        List<Tensor> result = new ArrayList<>();
        for (int i = 0; i < captured.length; i++) {
            if (captured[i] == null && !allowUnused) {
                throw new IllegalArgumentException("One of the differentiated Tensors appears to not have been used in the "
                        + "graph. Set allow_unused=True if this is the desired behavior.");
            }
            result.add(captured[i]);
        }
        return result;
    }

    /**
     * {@code Variable._execution_engine.queue_callback(callback)}: runs {@code callback} on this thread when the
     * backward pass now running on it ends, after every gradient of the pass was accumulated into {@code .grad}
     * (callbacks run in the order queued, and may queue more). What DistributedDataParallel uses to reduce
     * gradients once backward is done. It may be called only during a backward pass (from a hook).
     *
     * @param callback what to run at the end of the pass
     * @throws IllegalStateException outside a backward pass, with PyTorch's message
     */
    public static void queueCallback(Runnable callback) {
        List<Runnable> queue = Engine.CALLBACKS.get();
        if (queue == null) throw new IllegalStateException("Final callbacks can only be installed during backward pass.");
        queue.add(callback);
    }

    /** Backpropagates several outputs at once ({@code torch.autograd.backward}). */
    public static void backward(List<Tensor> outputs, List<Tensor> gradOutputs, boolean retainGraph, boolean createGraph) {
        Engine.run(outputs, gradOutputs, retainGraph, createGraph, null);
    }

    /**
     * Anomaly detection for the scope: every node remembers where its forward op was called, and a
     * backward that produces NaN fails naming that op and showing the forward call site.
     */
    public static Torch.Mode detectAnomaly() {
        boolean prev = anomaly.get();
        anomaly.set(true);
        return () -> anomaly.set(prev);
    }

    /** Whether {@link #detectAnomaly()} is active on this thread ({@code torch.is_anomaly_enabled}). */
    public static boolean isAnomalyEnabled() {
        return anomaly.get();
    }

    private static final ThreadLocal<Boolean> anomaly = ThreadLocal.withInitial(() -> false);

    // ---- tensor-level operations ------------------------------------------------------------------

    static void setRequiresGrad(Tensor t, boolean requiresGrad) {
        if (!t.isLeaf()) {
            throw new IllegalStateException("you can only change requires_grad flags of leaf variables. If you want to use "
                    + "a computed variable in a subgraph that doesn't require differentiation use var_no_grad = var.detach().");
        }
        if (requiresGrad && !t.dtype().isFloatingPoint() && !t.dtype().isComplex()) {
            throw new IllegalArgumentException("only Tensors of floating point dtype can require gradients");
        }
        t.requiresGrad = requiresGrad;
    }

    static void setGrad(Tensor t, Tensor grad) {
        if (grad != null) {
            if (!Arrays.equals(grad.shape, t.shape)) {
                throw new IllegalArgumentException("assigned grad has data of a different size");
            }
            if (grad.dtype() != t.dtype()) throw new IllegalArgumentException("assigned grad has data of a different type");
            if (!grad.device().equals(t.device())) {
                throw new IllegalArgumentException("assigned grad has data located on a different device");
            }
            grad.keep();
        }
        t.grad = grad;
    }

    static void retainGrad(Tensor t) {
        ViewHistory.sync(t);
        if (!t.requiresGrad) throw new IllegalStateException("can't retain_grad on Tensor that has requires_grad=False");
        if (t.isLeaf() || t.retainsGrad) return;
        t.retainsGrad = true;
        RetainGradHook hook = new RetainGradHook(new java.lang.ref.WeakReference<>(t));
        addOutputHook(t.gradFn, t.outputNr, hook);
        t.retainedGrad = new RetainedGrad(hook, t.gradFn, t.outputNr);
    }

    /** retain_grad's hook: adds the gradient to its tensor's {@code .grad}; it runs after the tensor's other hooks. */
    private record RetainGradHook(java.lang.ref.WeakReference<Tensor> target) implements UnaryOperator<Tensor> {
        @Override
        public Tensor apply(Tensor g) {
            Tensor t = target.get();
            if (t != null) {
                Tensor copy = g.detach();
                t.grad = t.grad == null ? copy.clone().keep() : t.grad.add(copy).keep();
            }
            return null;
        }
    }

    /** Where a retain_grad hook sits: it follows its tensor to a new history (an in-place op on it), as PyTorch's. */
    record RetainedGrad(UnaryOperator<Tensor> hook, Node node, int outputNr) {}

    /** Moves t's retain_grad hook onto t's present node, after an in-place op gave t a new history. */
    static void moveRetainedGrad(Tensor t) {
        RetainedGrad r = t.retainedGrad;
        if (r == null || (r.node() == t.gradFn && r.outputNr() == t.outputNr)) return;
        r.node().outputHooks[r.outputNr()].remove(r.hook());
        t.retainedGrad = null;
        if (t.gradFn == null) return;
        addOutputHook(t.gradFn, t.outputNr, r.hook());
        t.retainedGrad = new RetainedGrad(r.hook(), t.gradFn, t.outputNr);
    }

    static Tensor detach(Tensor t) {
        if (Trace.recording()) return Trace.op("aten::detach", () -> detach(t), t);
        Tensor d = t.view(t.shape, t.strides, t.offset);
        d.inference = t.inference;
        return d;
    }

    static Tensor detachInPlace(Tensor t) {
        ViewHistory.sync(t);
        if (t.viewBase != null && t.gradFn != null) {
            throw new IllegalStateException("Can't detach views in-place. Use detach() instead.");
        }
        t.gradFn = null;
        t.requiresGrad = false;
        t.outputNr = 0;
        return t;
    }

    static Hook registerHook(Tensor t, UnaryOperator<Tensor> hook) {
        ViewHistory.sync(t);
        if (!t.requiresGrad) {
            throw new IllegalStateException("cannot register a hook on a tensor that doesn't require gradient");
        }
        if (t.isLeaf()) {
            if (t.hooks == null) t.hooks = new ArrayList<>();
            t.hooks.add(hook);
            return () -> t.hooks.remove(hook);
        }
        Node n = t.gradFn;
        int nr = t.outputNr;
        addOutputHook(n, nr, hook);
        return () -> n.outputHooks[nr].remove(hook);
    }

    @SuppressWarnings("unchecked")
    private static void addOutputHook(Node n, int outputNr, UnaryOperator<Tensor> hook) {
        if (n.outputHooks == null) n.outputHooks = new List[n.numOutputs];
        if (n.outputHooks[outputNr] == null) n.outputHooks[outputNr] = new ArrayList<>();
        n.outputHooks[outputNr].add(hook);
    }

    static void backward(Tensor t, Tensor gradient, boolean retainGraph, boolean createGraph) {
        Engine.run(List.of(t), gradient == null ? null : List.of(gradient), retainGraph, createGraph, null);
    }

    // ---- recording ------------------------------------------------------------------------------

    /** A backward formula: gradients of the inputs from the gradients of the outputs. */
    @FunctionalInterface
    interface Formula {
        Tensor[] apply(Tensor[] gradOutputs, Node node);
    }

    /** True when an op on these inputs must be recorded. */
    static boolean needed(Tensor a) {
        return GradMode.isEnabled() && requiresGrad(a);
    }

    static boolean needed(Tensor a, Tensor b) {
        return GradMode.isEnabled() && (requiresGrad(a) || (b != null && requiresGrad(b)));
    }

    static boolean needed(Tensor... ts) {
        if (!GradMode.isEnabled()) return false;
        for (Tensor t : ts) if (t != null && requiresGrad(t)) return true;
        return false;
    }

    /** {@code t.requiresGrad}, after a view caught up with in-place changes to its base ({@link ViewHistory}). */
    private static boolean requiresGrad(Tensor t) {
        ViewHistory.sync(t);
        return t.requiresGrad;
    }

    /**
     * Records an op: the outputs get a node whose edges lead to the inputs' nodes. Gradients the formula
     * returns are summed down to each input's shape (undoing broadcasting) and cast to its dtype.
     */
    static Node record(String name, Tensor[] inputs, Tensor[] outputs, Formula formula, Tensor... saved) {
        FormulaNode node = new FormulaNode(name, formula, inputs);
        node.numOutputs = outputs.length;
        attach(node, inputs, outputs);
        node.save(saved);
        return node;
    }

    /** Connects {@code node} to the inputs and makes it the grad_fn of the outputs. */
    static void attach(Node node, Tensor[] inputs, Tensor[] outputs) {
        Node.Edge[] edges = new Node.Edge[inputs.length];
        for (int i = 0; i < inputs.length; i++) edges[i] = inputs[i] == null ? null : gradEdge(inputs[i]);
        node.next = edges;
        if (anomaly.get()) Engine.recordTrace(node);
        for (int i = 0; i < outputs.length; i++) {
            Tensor o = outputs[i];
            if (o == null) continue;
            o.gradFn = node;
            o.outputNr = i;
            o.requiresGrad = true;
        }
    }

    /**
     * What a product of a and b saves: each operand only for the other's gradient (as PyTorch, so that {@code y * w}
     * or {@code y @ w} with a constant w leaves y free to be written in place before backward).
     */
    static Tensor[] productOperands(Tensor a, Tensor b) {
        return new Tensor[] {b.requiresGrad ? a : null, a.requiresGrad ? b : null};
    }

    /** Single input, single output. */
    static Tensor unary(String name, Tensor in, Tensor out, UnaryOperator<Tensor> gradIn, Tensor... saved) {
        record(name, new Tensor[] {in}, new Tensor[] {out}, (g, n) -> new Tensor[] {gradIn.apply(g[0])}, saved);
        return out;
    }

    /**
     * {@code t}'s values behind a node that fails when it is differentiated (PyTorch's DelayedError):
     * for a derivative that is right but not itself differentiable.
     */
    static Tensor delayedError(Tensor t, String message) {
        if (!needed(t)) return t;
        Tensor out = detach(t);
        record("Error", new Tensor[] {t}, new Tensor[] {out}, (g, n) -> {
            throw new UnsupportedOperationException(message);
        });
        return out;
    }

    /** The edge a gradient for {@code t} flows along, or null when it needs none. */
    static Node.Edge gradEdge(Tensor t) {
        ViewHistory.sync(t);
        if (t.gradFn != null) return new Node.Edge(t.gradFn, t.outputNr);
        if (t.requiresGrad) return new Node.Edge(accumulator(t), 0);
        return null;
    }

    static AccumulateGrad accumulator(Tensor leaf) {
        AccumulateGrad a = leaf.accumulator;
        if (a == null) {
            a = new AccumulateGrad(leaf);
            leaf.accumulator = a;
        }
        return a;
    }

    /** Sums {@code g} down to {@code shape} (the inverse of broadcasting). */
    static Tensor sumToShape(Tensor g, long[] shape) {
        if (Arrays.equals(g.shape, shape)) return g;
        int lead = g.dim() - shape.length;
        List<Integer> dims = new ArrayList<>();
        for (int i = 0; i < g.dim(); i++) {
            if (i < lead || (shape[i - lead] == 1 && g.shape[i] != 1)) dims.add(i);
        }
        Tensor r = dims.isEmpty() ? g : g.sum(dims.stream().mapToInt(Integer::intValue).toArray(), true);
        return r.reshape(shape);
    }

    /** The node of a recorded op with a lambda formula. */
    static final class FormulaNode extends Node {
        private Formula formula;
        private final long[][] inputShapes;
        private final DType[] inputDtypes;

        FormulaNode(String name, Formula formula, Tensor[] inputs) {
            super(name);
            this.formula = formula;
            this.inputShapes = new long[inputs.length][];
            this.inputDtypes = new DType[inputs.length];
            for (int i = 0; i < inputs.length; i++) {
                if (inputs[i] != null) {
                    inputShapes[i] = inputs[i].shape;
                    inputDtypes[i] = inputs[i].dtype();
                }
            }
        }

        @Override
        Tensor[] apply(Tensor[] gradOutputs) {
            Tensor[] r = formula.apply(gradOutputs, this);
            for (int i = 0; i < r.length; i++) {
                if (r[i] == null || !needsInputGrad(i)) {
                    r[i] = null;
                    continue;
                }
                r[i] = sumToShape(r[i], inputShapes[i]);
                if (r[i].dtype() != inputDtypes[i]) r[i] = r[i].to(inputDtypes[i]);
            }
            return r;
        }

        @Override
        void release() {
            super.release();
            formula = null;
        }
    }

    /** The node at a leaf that requires grad: adds the incoming gradient into {@code .grad}. */
    static final class AccumulateGrad extends Node {
        final java.lang.ref.WeakReference<Tensor> leaf;

        AccumulateGrad(Tensor leaf) {
            super("AccumulateGrad");
            this.leaf = new java.lang.ref.WeakReference<>(leaf);
            this.next = new Node.Edge[0];
        }

        @Override
        Tensor[] apply(Tensor[] gradOutputs) {
            Tensor t = leaf.get();
            if (t == null) return new Tensor[0];
            Tensor g = gradOutputs[0];
            if (t.hooks != null) {
                for (UnaryOperator<Tensor> h : t.hooks) {
                    Tensor r = h.apply(g);
                    if (r != null) g = r;
                }
            }
            boolean createGraph = GradMode.isEnabled();
            if (t.grad == null) {
                Tensor ng = createGraph ? g : g.detach();
                // a gradient that shares memory with something else must be owned by the leaf: copied, unless
                // this backward pass made it and no one else can hold it (PyTorch steals such a gradient too)
                if (!createGraph && !(t.hooks == null && GradSteal.mayKeep(g)) || !obeysLayout(ng, t)) ng = copyInLayout(ng, t);
                t.grad = ng.keep();
            } else if (createGraph) {
                t.grad = t.grad.add(g).keep();
            } else {
                t.grad.add_(g.detach());
            }
            return new Tensor[0];
        }

        @Override
        void release() {
            // the accumulator lives as long as its leaf
        }

        /**
         * PyTorch's gradient layout contract: a dense leaf's gradient has the leaf's strides (a channels-last or
         * transposed parameter gets a gradient laid out alike), any other leaf's is contiguous. Size-1 dims are free.
         */
        private static boolean obeysLayout(Tensor grad, Tensor leaf) {
            if (!Shapes.nonOverlappingAndDense(leaf.shape, leaf.strides)) return grad.isContiguous();
            for (int d = 0; d < leaf.shape.length; d++) {
                if (leaf.shape[d] == 1 ? grad.strides[d] == 0 : grad.strides[d] != leaf.strides[d]) return false;
            }
            return true;
        }

        /** A copy of {@code grad} that obeys the layout contract (through {@code copy_}, so it stays in a graph being built). */
        private static Tensor copyInLayout(Tensor grad, Tensor leaf) {
            MemoryFormat format = Shapes.nonOverlappingAndDense(leaf.shape, leaf.strides) ? MemoryFormat.PRESERVE : MemoryFormat.CONTIGUOUS;
            return Dispatch.allocate(leaf, grad.dtype(), grad.device(), format, false).copy_(grad);
        }
    }

    /**
     * Which gradients the leaves of the running backward pass may keep without a copy: memory made during the
     * pass (by the engine and the backward formulas, not the caller's grad_outputs), whole (not a view into a
     * larger buffer), given to one leaf only, and not seen by a hook (which could have kept it). One per thread
     * and pass; none under createGraph or autograd.grad.
     */
    static final class GradSteal {
        private static final ThreadLocal<GradSteal> CURRENT = new ThreadLocal<>();

        private final long firstSerial = org.torch4j.spi.Storage.lastSerial() + 1;
        private final java.util.Set<org.torch4j.spi.Storage> claimed = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
        private boolean hooksRan;

        static boolean mayKeep(Tensor g) {
            GradSteal s = CURRENT.get();
            return s != null && !s.hooksRan && g.storage.serial() >= s.firstSerial && g.offset == 0 && g.storage.size() == g.numel()
                    && s.claimed.add(g.storage);
        }
    }

    /** The engine: topological walk from the roots, by decreasing creation order. */
    static final class Engine {
        private Engine() {}

        /** The final callbacks of the backward pass running on this thread ({@link #queueCallback}); null outside one. */
        static final ThreadLocal<List<Runnable>> CALLBACKS = new ThreadLocal<>();

        private static final Map<Node, Throwable> traces = java.util.Collections.synchronizedMap(new java.util.WeakHashMap<>());

        static void recordTrace(Node n) {
            traces.put(n, new Throwable("forward call of " + n.name));
        }

        /**
         * Runs backward. With {@code inputs} non-null, returns the gradients reaching them instead of
         * accumulating into leaves ({@code autograd.grad}).
         */
        static Tensor[] run(List<Tensor> outputs, List<Tensor> gradOutputs, boolean retainGraph, boolean createGraph,
                            List<Tensor> inputs) {
            GradSteal callers = GradSteal.CURRENT.get();
            List<Runnable> callersCallbacks = CALLBACKS.get();
            List<Runnable> callbacks = new ArrayList<>();
            GradSteal.CURRENT.set(inputs == null && !createGraph ? new GradSteal() : null);
            CALLBACKS.set(callbacks);
            try {
                Tensor[] captured = runPass(outputs, gradOutputs, retainGraph, createGraph, inputs);
                for (int i = 0; i < callbacks.size(); i++) callbacks.get(i).run();
                return captured;
            } finally {
                GradSteal.CURRENT.set(callers);
                CALLBACKS.set(callersCallbacks);
            }
        }

        private static Tensor[] runPass(List<Tensor> outputs, List<Tensor> gradOutputs, boolean retainGraph, boolean createGraph,
                                        List<Tensor> inputs) {
            int n = outputs.size();
            if (gradOutputs != null && gradOutputs.size() != n) {
                throw new IllegalArgumentException("grad can be implicitly created only for scalar outputs");
            }
            Node.Edge[] rootEdges = new Node.Edge[n];
            Tensor[] rootGrads = new Tensor[n];
            for (int i = 0; i < n; i++) {
                Tensor o = outputs.get(i);
                Node.Edge e = gradEdge(o);
                if (e == null) {
                    throw new IllegalStateException("element " + i + " of tensors does not require grad and does not have a grad_fn");
                }
                rootEdges[i] = e;
                Tensor g = gradOutputs == null ? null : gradOutputs.get(i);
                if (g == null) {
                    if (o.isComplex()) throw new IllegalStateException("grad can be implicitly created only for real scalar outputs");
                    if (o.numel() != 1) throw new IllegalStateException("grad can be implicitly created only for scalar outputs");
                    g = Torch.onesLike(o);
                } else if (!Arrays.equals(g.shape, o.shape)) {
                    throw new IllegalArgumentException("Mismatch in shape: grad_output[" + i + "] has a shape of "
                            + Shapes.str(g.shape) + " and output[" + i + "] has a shape of " + Shapes.str(o.shape) + ".");
                } else if (g.dtype() != o.dtype()) {
                    if (g.isComplex() || o.isComplex()) {
                        throw new IllegalArgumentException("For complex Tensors, both grad_output and output are required to "
                                + "have the same dtype. Mismatch in dtype: grad_output[" + i + "] has a dtype of "
                                + g.dtype() + " and output[" + i + "] has a dtype of " + o.dtype() + ".");
                    }
                    g = g.to(o.dtype());  // as PyTorch's engine casts a root gradient to its output's dtype
                }
                rootGrads[i] = g;
            }
            // capture targets for autograd.grad
            Map<Node, Map<Integer, Integer>> capture = new IdentityHashMap<>();
            Tensor[] captured = inputs == null ? null : new Tensor[inputs.size()];
            if (inputs != null) {
                for (int i = 0; i < inputs.size(); i++) {
                    Node.Edge e = gradEdge(inputs.get(i));
                    capture.computeIfAbsent(e.node(), k -> new HashMap<>()).put(e.inputNr(), i);
                }
            }
            // dependencies
            Map<Node, Integer> deps = new IdentityHashMap<>();
            List<Node> stack = new ArrayList<>();
            Map<Node, Boolean> seen = new IdentityHashMap<>();
            for (Node.Edge e : rootEdges) {
                if (seen.put(e.node(), true) == null) stack.add(e.node());
            }
            while (!stack.isEmpty()) {
                Node node = stack.remove(stack.size() - 1);
                if (node.next == null) continue;
                for (Node.Edge e : node.next) {
                    if (e == null) continue;
                    deps.merge(e.node(), 1, Integer::sum);
                    if (seen.put(e.node(), true) == null) stack.add(e.node());
                }
            }
            // which nodes lead to a capture target (autograd.grad runs only those)
            Map<Node, Boolean> useful = inputs == null ? null : usefulNodes(seen.keySet(), capture.keySet());
            Map<Node, Tensor[]> buffers = new IdentityHashMap<>();
            PriorityQueue<Node> ready = new PriorityQueue<>((a, b) -> Long.compare(b.sequence, a.sequence));
            // each node's backward sees rebound tensors as its forward saw them (Rebinds); the caller's state after
            Map<Tensor, Tensor> callersEra = Rebinds.era();
            try (Torch.Mode mode = GradMode.set(createGraph, GradMode.isInference())) {
                for (int i = 0; i < n; i++) accumulate(buffers, rootEdges[i], rootGrads[i]);
                for (Node.Edge e : rootEdges) {
                    if (deps.getOrDefault(e.node(), 0) == 0 && !ready.contains(e.node())) ready.add(e.node());
                }
                while (!ready.isEmpty()) {
                    Node node = ready.poll();
                    Tensor[] grads = buffers.remove(node);
                    if (grads == null) grads = new Tensor[node.numOutputs];
                    runOutputHooks(node, grads);
                    Map<Integer, Integer> targets = capture.get(node);
                    if (targets != null) {
                        for (Map.Entry<Integer, Integer> t : targets.entrySet()) captured[t.getValue()] = grads[t.getKey()];
                    }
                    boolean run = useful == null || useful.containsKey(node);
                    if (node instanceof AccumulateGrad && inputs != null) run = false;
                    // no gradient reached it (a hook or a custom function returned null): none flows on, as
                    // PyTorch's undefined gradients
                    if (Arrays.stream(grads).allMatch(g -> g == null)) run = false;
                    Tensor[] results = null;
                    if (run) {
                        Rebinds.enter(node.era); // first: a saved rebound tensor's version is that of its era's value
                        node.checkSaved();
                        results = callNode(node, grads);
                        if (!retainGraph) node.release();
                    }
                    if (node.next == null) continue;
                    for (int i = 0; i < node.next.length; i++) {
                        Node.Edge e = node.next[i];
                        if (e == null) continue;
                        if (results != null && i < results.length && results[i] != null) accumulate(buffers, e, results[i]);
                        int left = deps.merge(e.node(), -1, Integer::sum);
                        if (left == 0) ready.add(e.node());
                    }
                }
            } finally {
                Rebinds.enter(callersEra);
            }
            return captured;
        }

        private static Map<Node, Boolean> usefulNodes(java.util.Set<Node> all, java.util.Set<Node> targets) {
            Map<Node, Boolean> memo = new IdentityHashMap<>();
            Map<Node, Boolean> useful = new IdentityHashMap<>();
            for (Node n : all) if (leadsTo(n, targets, memo)) useful.put(n, true);
            return useful;
        }

        private static boolean leadsTo(Node n, java.util.Set<Node> targets, Map<Node, Boolean> memo) {
            Boolean m = memo.get(n);
            if (m != null) return m;
            memo.put(n, false);
            boolean r = false;
            if (n.next != null) {
                for (Node.Edge e : n.next) {
                    if (e != null && (targets.contains(e.node()) || leadsTo(e.node(), targets, memo))) r = true;
                }
            }
            memo.put(n, r);
            return r;
        }

        private static Tensor[] callNode(Node node, Tensor[] grads) {
            Tensor[] results;
            ProfilerHook.Sink profiler = ProfilerHook.sink();
            if (profiler != null) {
                try (ProfilerHook.Range r = profiler.begin(ProfilerEvent.Kind.AUTOGRAD, "autograd::engine::evaluate_function: " + node.name)) {
                    results = node.apply(grads);
                }
            } else {
                results = node.apply(grads);
            }
            if (anomaly.get() && results != null) {
                for (int i = 0; i < results.length; i++) {
                    Tensor r = results[i];
                    if (r != null && r.dtype().isFloatingPoint() && r.isnan().any().itemBool()) {
                        Throwable trace = traces.get(node);
                        IllegalStateException ex = new IllegalStateException("Function '" + node.name
                                + "' returned nan values in its " + i + "th output.");
                        if (trace != null) ex.initCause(trace);
                        throw ex;
                    }
                }
            }
            return results;
        }

        private static void runOutputHooks(Node node, Tensor[] grads) {
            if (node.outputHooks == null) return;
            GradSteal steal = GradSteal.CURRENT.get();
            if (steal != null) steal.hooksRan = true;
            for (int i = 0; i < grads.length; i++) {
                List<UnaryOperator<Tensor>> hooks = node.outputHooks[i];
                if (hooks == null || grads[i] == null) continue;
                // retain_grad's hook last, whenever it was registered (PyTorch 2's order; 1.13 ran it before the
                // tensor's hooks registered after it)
                List<UnaryOperator<Tensor>> ordered = new ArrayList<>(hooks);
                ordered.sort(java.util.Comparator.comparing(h -> h instanceof RetainGradHook));
                for (UnaryOperator<Tensor> h : ordered) {
                    Tensor r = h.apply(grads[i]);
                    if (r != null) grads[i] = r;
                }
            }
        }

        private static void accumulate(Map<Node, Tensor[]> buffers, Node.Edge e, Tensor g) {
            Tensor[] buf = buffers.computeIfAbsent(e.node(), k -> new Tensor[Math.max(1, k.numOutputs)]);
            int i = e.inputNr();
            buf[i] = buf[i] == null ? g : buf[i].add(g);
        }
    }
}
