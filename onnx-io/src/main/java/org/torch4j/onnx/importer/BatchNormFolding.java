package org.torch4j.onnx.importer;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReferenceArray;
import org.torch4j.DType;
import org.torch4j.Tensor;

/**
 * An inference-mode BatchNormalization folded into the Conv before it, when no gradient is recorded:
 * {@code conv(x, W) + B} normalised per channel equals {@code conv(x, W a) + (B - mean) a + beta} with
 * {@code a = gamma / sqrt(var + eps)}, one convolution instead of a convolution and four passes over
 * its output. Exporters fold most models already (PyTorch does with constant folding); models exported
 * in training mode or by other tools keep the pair.
 *
 * <p>The folded weight and bias are cached per Conv and computed again when any of the six tensors
 * they come from is another tensor or was changed in place (its version counter moved), so a model
 * whose parameters are trained or loaded between inference runs stays right. With gradients recorded
 * nothing is folded and both nodes run as written: the module's parameters stay what is trained.
 *
 * <p>The plan pairs a Conv whose one output is read only by an inference-mode BatchNormalization (opset
 * 9 or later; one output, {@code training_mode} 0) and is not a graph output.
 */
final class BatchNormFolding {
    /** One Conv's folded weight and bias, and the tensors and versions they were computed from. */
    private record Folded(Tensor[] from, int[] versions, Tensor weight, Tensor bias) {
        boolean matches(Tensor[] now) {
            for (int i = 0; i < now.length; i++) {
                if (now[i] != from[i] || (now[i] != null && now[i].version() != versions[i])) return false;
            }
            return true;
        }
    }

    /** Per node: for a Conv, the step of the BatchNormalization folded into it; otherwise -1. */
    private final int[] normOf;
    private final AtomicReferenceArray<Folded> cache;

    BatchNormFolding(List<NodeSpec> nodes, List<String> outputs) {
        Map<String, Integer> uses = new HashMap<>(), reader = new HashMap<>();
        for (int i = 0; i < nodes.size(); i++) {
            for (String v : nodes.get(i).inputs()) {
                if (v.isEmpty()) continue;
                uses.merge(v, 1, Integer::sum);
                reader.put(v, i);
            }
            for (Graph g : nodes.get(i).graphs().values()) for (String v : g.outerReferences()) uses.merge(v, 2, Integer::sum);
        }
        normOf = new int[nodes.size()];
        for (int i = 0; i < nodes.size(); i++) {
            normOf[i] = -1;
            NodeSpec c = nodes.get(i);
            if (!c.opType().equals("Conv") || !c.domain().isEmpty() || c.outputs().isEmpty()) continue;
            String y = c.outputs().get(0);
            Integer r = reader.get(y);
            if (r == null || uses.get(y) != 1 || outputs.contains(y)) continue;
            NodeSpec bn = nodes.get(r);
            if (bn.opType().equals("BatchNormalization") && bn.domain().isEmpty() && bn.opset() >= 9 && bn.inputs().size() == 5
                    && bn.inputs().get(0).equals(y) && inference(bn)) {
                normOf[i] = r;
            }
        }
        cache = new AtomicReferenceArray<>(nodes.size());
    }

    private static boolean inference(NodeSpec bn) {
        for (int k = 1; k < bn.outputs().size(); k++) if (!bn.outputs().get(k).isEmpty()) return false;
        var mode = bn.attributes().get("training_mode");
        return bn.opset() < 14 || mode == null || mode.getI() == 0;
    }

    /** The step of the BatchNormalization the Conv at {@code step} may absorb, or -1. */
    int normOf(int step) {
        return normOf[step];
    }

    /**
     * The Conv's inputs {x, folded W, folded B} for the BatchNormalization {@code bn} (its parameters
     * read from {@code env}), or null when the operands do not fit (then both nodes run as written).
     */
    Object[] fold(int step, NodeSpec bn, Object[] convIn, Env env) {
        if (convIn.length < 2 || !(convIn[1] instanceof Tensor w) || !w.isFloatingPoint() || w.dim() < 3) return null;
        Tensor b = convIn.length > 2 && convIn[2] instanceof Tensor t ? t : null;
        Tensor[] from = {w, b, null, null, null, null};
        for (int k = 1; k <= 4; k++) {
            if (!(env.get(bn.inputs().get(k)) instanceof Tensor p) || p.dim() != 1 || p.size(0) != w.size(0) || !p.isFloatingPoint()
                    || !p.device().equals(w.device())) {
                return null;
            }
            from[k + 1] = p;
        }
        Folded f = cache.get(step);
        if (f == null || !f.matches(from)) {
            f = compute(from, epsilon(bn));
            cache.set(step, f);
        }
        return new Object[] {convIn[0], f.weight(), f.bias()};
    }

    private static double epsilon(NodeSpec bn) {
        var eps = bn.attributes().get("epsilon");
        return eps == null ? 1e-5 : eps.getF();
    }

    /** W a and (B - mean) a + beta, in float64 and back to W's dtype; kept out of any scope (they are cached). */
    private static Folded compute(Tensor[] from, double eps) {
        Tensor w = from[0], gamma = from[2].to(DType.FLOAT64), beta = from[3].to(DType.FLOAT64);
        Tensor mean = from[4].to(DType.FLOAT64), var = from[5].to(DType.FLOAT64);
        Tensor a = gamma.div(var.add(eps).sqrt());
        long[] column = new long[w.dim()];
        java.util.Arrays.fill(column, 1);
        column[0] = w.size(0);
        Tensor weight = w.to(DType.FLOAT64).mul(a.reshape(column)).to(w.dtype()).contiguous().keep();
        Tensor b = from[1] == null ? mean.neg() : from[1].to(DType.FLOAT64).sub(mean);
        Tensor bias = b.mul(a).add(beta).to(w.dtype()).keep();
        int[] versions = new int[from.length];
        for (int i = 0; i < from.length; i++) versions[i] = from[i] == null ? 0 : from[i].version();
        return new Folded(from.clone(), versions, weight, bias);
    }
}
