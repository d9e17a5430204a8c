package org.torch4j.onnx.importer;

import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.torch4j.Tensor;

/**
 * Relu and Add computed in place on an intermediate value instead of into a new tensor, during
 * inference (no gradient recorded): an imported ResNet allocates and fills one tensor fewer per
 * activation and per residual add.
 *
 * <p>Overwriting value v at node n is safe when nothing else can see v's memory afterwards. The plan,
 * made once per graph, asks: v is made in this graph by an operator that always returns a new tensor
 * (never a view or one of its inputs: {@link #FRESH}), it is read exactly once in the whole graph (this
 * slot of n; subgraph reads count), and it is not a graph output (nor an initializer or graph input,
 * which have no producer). At run time the executor adds: the tensor is one a node of this run made
 * (not a value passed through), every name it goes by is last read by n, it is contiguous, and for Add
 * the other operand has the same shape and dtype, so the result is the overwritten tensor's own shape.
 */
final class InPlace {
    /** Operators whose outputs are always newly allocated tensors in torch4j's importer. */
    private static final Set<String> FRESH = Set.of("Conv", "ConvTranspose", "Gemm", "MatMul", "Add", "Sub", "Mul", "Div", "Relu",
            "LeakyRelu", "Sigmoid", "Tanh", "Clip", "MaxPool", "AveragePool", "GlobalAveragePool", "BatchNormalization");

    private InPlace() {}

    /** Per node (in order), which of its inputs it may overwrite (null: none). */
    static boolean[][] plan(List<NodeSpec> nodes, List<Set<String>> reads, List<String> outputs) {
        Map<String, Integer> uses = new HashMap<>();
        Map<String, String> producer = new HashMap<>();
        for (int i = 0; i < nodes.size(); i++) {
            NodeSpec n = nodes.get(i);
            for (String v : n.inputs()) if (!v.isEmpty()) uses.merge(v, 1, Integer::sum);
            // names a subgraph reads count as further uses
            for (String v : reads.get(i)) if (!n.inputs().contains(v)) uses.merge(v, 1, Integer::sum);
            for (String v : n.outputs()) if (!v.isEmpty()) producer.put(v, n.domain().isEmpty() ? n.opType() : "");
        }
        boolean[][] plan = new boolean[nodes.size()][];
        for (int i = 0; i < nodes.size(); i++) {
            NodeSpec n = nodes.get(i);
            boolean relu = n.opType().equals("Relu"), add = n.opType().equals("Add") && n.opset() >= 7; // before 7: legacy broadcast
            if (!n.domain().isEmpty() || !(relu || add)) continue;
            boolean[] may = new boolean[n.inputs().size()];
            boolean any = false;
            for (int j = 0; j < may.length; j++) {
                String v = n.inputs().get(j);
                may[j] = !v.isEmpty() && FRESH.contains(producer.getOrDefault(v, "")) && uses.get(v) == 1 && !outputs.contains(v);
                any |= may[j];
            }
            if (any) plan[i] = may;
        }
        return plan;
    }

    /**
     * Runs node n in place when its plan and the run allow it: returns its outputs, or null to run the
     * operator normally. {@code made} maps the tensors this run's nodes made to their last reading step.
     */
    static Object[] tryRun(NodeSpec n, boolean[] may, Object[] in, IdentityHashMap<Tensor, Integer> made, int step) {
        if (n.opType().equals("Relu")) {
            return overwritable(in[0], may[0], made, step) ? new Object[] {((Tensor) in[0]).relu_()} : null;
        }
        for (int j = 0; j < 2; j++) {
            if (overwritable(in[j], may[j], made, step) && in[1 - j] instanceof Tensor other) {
                Tensor t = (Tensor) in[j];
                if (t.dtype() == other.dtype() && t.device().equals(other.device()) && java.util.Arrays.equals(t.shape(), other.shape())) {
                    // a + b == b + a exactly in IEEE arithmetic, so either operand may take the sum
                    return new Object[] {t.add_(other)};
                }
            }
        }
        return null;
    }

    private static boolean overwritable(Object v, boolean planned, IdentityHashMap<Tensor, Integer> made, int step) {
        if (!planned || !(v instanceof Tensor t)) return false;
        Integer last = made.get(t);
        return last != null && last <= step && !t.requiresGrad() && t.isContiguous();
    }
}
