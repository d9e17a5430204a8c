package org.torch4j;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A node of the autograd graph: computes the gradients of an op's inputs from the gradients of its
 * outputs. Edges point to the nodes of the inputs (or to {@link AccumulateGrad} for leaves).
 */
abstract class Node implements GradFn {

    private static final AtomicLong SEQUENCE = new AtomicLong();

    /** A gradient destination: input {@code inputNr} of {@code node}. */
    record Edge(Node node, int inputNr) {}

    final String name;
    final long sequence = SEQUENCE.incrementAndGet();
    Edge[] next;
    /** Tensors the backward reads, with their versions when saved (to catch in-place changes). */
    Tensor[] saved;
    int[] savedVersions;
    /** "which is output 0 of ExpBackward0": where each saved tensor came from, as of saving. */
    String[] savedOrigins;
    boolean released;
    int numOutputs = 1;
    /** Hooks on the gradient of each output (retain_grad and tensor hooks of non-leaves). */
    List<java.util.function.UnaryOperator<Tensor>>[] outputHooks;

    /** The bindings of rebound tensors when this node was made, which its backward reads again ({@link Rebinds}). */
    final java.util.Map<Tensor, Tensor> era = Rebinds.era();

    Node(String name) {
        this.name = name;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public List<GradFn> nextFunctions() {
        List<GradFn> l = new ArrayList<>();
        if (next != null) for (Edge e : next) l.add(e == null ? null : e.node);
        return Collections.unmodifiableList(l);
    }

    /** Gradients for each input (null where not needed) from the gradients of the outputs. */
    abstract Tensor[] apply(Tensor[] gradOutputs);

    /** Whether input {@code i} leads anywhere that wants a gradient. */
    final boolean needsInputGrad(int i) {
        return next != null && i < next.length && next[i] != null;
    }

    /** Frees what the backward needed; a later backward through this node fails. */
    void release() {
        released = true;
        saved = null;
    }

    void save(Tensor... tensors) {
        for (Tensor t : tensors) {
            if (t != null && t.inference && !GradMode.isInference()) {
                throw new IllegalStateException("Inference tensors cannot be saved for backward. To work around you can "
                        + "make a clone to get a normal tensor and use it in autograd.");
            }
        }
        saved = tensors;
        savedVersions = new int[tensors.length];
        savedOrigins = new String[tensors.length];
        for (int i = 0; i < tensors.length; i++) {
            Tensor t = tensors[i];
            if (t == null) continue;
            savedVersions[i] = t.version();
            savedOrigins[i] = t.gradFn != null ? ", which is output " + t.outputNr + " of " + t.gradFn.name() : "";
        }
    }

    /** Checks the saved tensors before backward: freed graph, or modified in place since. */
    void checkSaved() {
        if (released) {
            throw new IllegalStateException("Trying to backward through the graph a second time (or directly access saved "
                    + "tensors after they have already been freed). Saved intermediate values of the graph are freed when you "
                    + "call .backward() or autograd.grad(). Specify retain_graph=True if you need to backward through the "
                    + "graph a second time or if you need to access saved tensors after calling backward.");
        }
        if (saved == null) return;
        for (int i = 0; i < saved.length; i++) {
            Tensor t = saved[i];
            if (t != null && t.version() != savedVersions[i]) {
                String owner = savedOrigins[i];
                throw new IllegalStateException("one of the variables needed for gradient computation has been modified by "
                        + "an inplace operation: [" + Printer.typeName(t) + " " + Shapes.str(t.shape) + "]" + owner
                        + ", is at version " + t.version() + "; expected version " + savedVersions[i] + " instead. Hint: "
                        + "enable anomaly detection to find the operation that failed to compute its gradient, with "
                        + "torch.autograd.set_detect_anomaly(True).");
            }
        }
    }

    @Override
    public String toString() {
        return "<" + name + ">";
    }
}
