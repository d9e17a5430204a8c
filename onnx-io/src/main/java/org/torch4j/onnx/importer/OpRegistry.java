package org.torch4j.onnx.importer;

import java.util.Collections;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import org.torch4j.Tensor;
import org.torch4j.onnx.importer.ops.Activations;
import org.torch4j.onnx.importer.ops.ControlFlow;
import org.torch4j.onnx.importer.ops.Convolutions;
import org.torch4j.onnx.importer.ops.Elementwise;
import org.torch4j.onnx.importer.ops.Indexing;
import org.torch4j.onnx.importer.ops.LinearAlgebra;
import org.torch4j.onnx.importer.ops.Losses;
import org.torch4j.onnx.importer.ops.Normalization;
import org.torch4j.onnx.importer.ops.Pooling;
import org.torch4j.onnx.importer.ops.Quantization;
import org.torch4j.onnx.importer.ops.Random;
import org.torch4j.onnx.importer.ops.Recurrent;
import org.torch4j.onnx.importer.ops.Reductions;
import org.torch4j.onnx.importer.ops.Resize;
import org.torch4j.onnx.importer.ops.Sequences;
import org.torch4j.onnx.importer.ops.ShapeOps;
import org.torch4j.onnx.importer.ops.Signal;
import org.torch4j.onnx.importer.ops.Sorting;
import org.torch4j.onnx.importer.ops.Strings;
import org.torch4j.onnx.importer.ops.Text;
import org.torch4j.onnx.importer.ops.Training;
import org.torch4j.onnx.importer.ops.Vision;

/**
 * Every ONNX operator the importer runs, by name: one {@link OpMapping} each, contributed by the
 * family classes in {@code ops}. Operators of other domains than the default one are keyed
 * {@code domain:OpType}.
 */
public final class OpRegistry {
    private static final Map<String, OpMapping> OPS = build();

    private OpRegistry() {}

    private static Map<String, OpMapping> build() {
        Builder b = new Builder();
        Elementwise.register(b);
        Activations.register(b);
        Reductions.register(b);
        ShapeOps.register(b);
        Indexing.register(b);
        Sorting.register(b);
        LinearAlgebra.register(b);
        Convolutions.register(b);
        Pooling.register(b);
        Normalization.register(b);
        Recurrent.register(b);
        Resize.register(b);
        Losses.register(b);
        Quantization.register(b);
        ControlFlow.register(b);
        Sequences.register(b);
        Signal.register(b);
        Vision.register(b);
        Text.register(b);
        Strings.register(b);
        Training.register(b);
        Random.register(b);
        return Collections.unmodifiableMap(b.ops);
    }

    /** The mapping for an operator, or null when there is none. */
    public static OpMapping lookup(String domain, String opType) {
        return OPS.get(domain.isEmpty() || domain.equals("ai.onnx") ? opType : domain + ":" + opType);
    }

    /** True when the node runs a registered operator (not a model-local function). */
    static boolean isOperator(NodeSpec n) {
        return lookup(n.domain(), n.opType()) == n.op();
    }

    /** The names of every supported operator, sorted. */
    public static Set<String> operators() {
        return OPS.keySet();
    }

    /** What a family class uses to contribute its operators. */
    public static final class Builder {
        private final Map<String, OpMapping> ops = new TreeMap<>();

        /** An operator with any number of outputs. */
        public void op(String name, OpMapping mapping) {
            if (ops.put(name, mapping) != null) throw new IllegalStateException("ONNX operator " + name + " is mapped twice");
        }

        /** An operator with one output. */
        public void single(String name, Function<OpCall, Tensor> mapping) {
            op(name, c -> new Object[] {mapping.apply(c)});
        }

        /** An operator with one input, one output and no attributes. */
        public void unary(String name, UnaryOperator<Tensor> mapping) {
            single(name, c -> mapping.apply(c.in(0)));
        }
    }
}
