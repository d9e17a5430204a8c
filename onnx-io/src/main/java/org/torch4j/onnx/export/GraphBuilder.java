package org.torch4j.onnx.export;

import com.google.protobuf.ByteString;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.torch4j.DType;
import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.onnx.OnnxException;
import org.torch4j.onnx.importer.ElemType;
import org.torch4j.onnx.proto.OnnxProto.AttributeProto;
import org.torch4j.onnx.proto.OnnxProto.NodeProto;
import org.torch4j.spi.Storage;
import org.torch4j.trace.Trace;

/**
 * The graph being exported: nodes, initializers and the ONNX name of every traced tensor.
 *
 * <p>Tensors are known by identity. A tensor an op receives is either a graph value (a model input,
 * a parameter or buffer, or the result of an exported op), or a constant that does not depend on the
 * inputs (a causal mask, an {@code arange}), written as an initializer. A tensor whose storage holds
 * input-derived data but that no exported op produced was computed where the tracer could not see
 * (a view such as {@code unfold}): using it is an error, never a silent constant.
 */
public final class GraphBuilder {
    private final int opset;
    private final long batch;
    private final List<NodeProto> nodes = new ArrayList<>();
    private final Map<String, Tensor> initializers = new LinkedHashMap<>();
    private final Map<Tensor, String> names = new IdentityHashMap<>();
    private final Map<Tensor, Dyn> dyns = new IdentityHashMap<>();
    private final Map<Tensor, List<String>> quantized = new IdentityHashMap<>();
    private final Set<Storage> derived = Collections.newSetFromMap(new IdentityHashMap<>());
    private final Map<Tensor, String> stateNames;
    private final Map<String, Integer> used = new java.util.HashMap<>();
    private boolean opFromInputs;

    /**
     * @param opset      the ONNX opset the nodes are written for
     * @param batch      the example's batch size (the size of the dynamic dim), or -1 when nothing is dynamic
     * @param stateNames parameters and buffers by identity, with their state-dict names
     */
    public GraphBuilder(int opset, long batch, Map<Tensor, String> stateNames) {
        this.opset = opset;
        this.batch = batch;
        this.stateNames = stateNames;
    }

    /** The opset the nodes are written for. */
    public int opset() {
        return opset;
    }

    /** The batch size of the example (the size of the dynamic dim), or -1. */
    public long batch() {
        return batch;
    }

    /** The nodes so far, in execution order. */
    public List<NodeProto> nodes() {
        return nodes;
    }

    /** The initializers by name, in order of first use. */
    public Map<String, Tensor> initializers() {
        return initializers;
    }

    /** A name not used before, from {@code base}. */
    public String fresh(String base) {
        int n = used.merge(base, 1, Integer::sum);
        return n == 1 && !initializers.containsKey(base) ? base : base + "_" + (n - 1);
    }

    // ---- values ----------------------------------------------------------------------------------

    /** Declares a graph input (or the result of an exported op): {@code t} is {@code name} from now on. */
    public void bind(Tensor t, String name, Dyn dyn, boolean fromInputs) {
        names.put(t, name);
        quantized.remove(t);
        if (dyn != null) dyns.put(t, dyn);
        else dyns.remove(t);
        if (fromInputs) derived.add(t.strided().storage());
    }

    /** True when {@code t} is already a graph value or a named parameter/buffer. */
    public boolean isGraphValue(Tensor t) {
        return names.containsKey(t) || stateNames.containsKey(t);
    }

    /** True when {@code t}'s data was computed from the model inputs. */
    public boolean fromInputs(Tensor t) {
        return derived.contains(t.strided().storage());
    }

    /** True when {@code s} holds data computed from the model inputs. */
    public boolean fromInputs(Storage s) {
        return derived.contains(s);
    }

    /** Where the batch sits in {@code t}, or null when it holds none (or it is not a graph value). */
    public Dyn dyn(Tensor t) {
        return dyns.get(t);
    }

    /**
     * The ONNX name of an op's tensor argument: its graph name, its state-dict name (an initializer
     * then), or a new initializer for a constant. A quantized value (see {@link #resultQuantized}) is
     * dequantized by a new DequantizeLinear at each use, as PyTorch's {@code dequantize_helper} does.
     *
     * @throws OnnxException when {@code t} holds input-derived data that no exported op produced
     */
    public String value(Tensor t) {
        String n = names.get(t);
        if (n != null) {
            List<String> q = quantized.get(t);
            return q == null ? n : node("DequantizeLinear", q);
        }
        if (fromInputs(t)) {
            throw new OnnxException("a tensor " + java.util.Arrays.toString(t.shape()) + " computed from the traced inputs by an "
                    + "operation the tracer did not see (a view such as unfold, as_strided or diagonal, or code outside torch4j's "
                    + "ops) was used; that operation has no ONNX export");
        }
        String sn = stateNames.get(t);
        String name = fresh(sn != null ? sn : "onnx::Constant");
        initializers.put(name, t);
        names.put(t, name);
        return name;
    }

    /** {@link #value(Tensor)} converted to {@code dtype} (a Cast node, or a converted constant). */
    public String value(Tensor t, DType dtype) {
        if (t.dtype() == dtype) return value(t);
        if (!isGraphValue(t)) return constant(Trace.suspended(() -> t.to(dtype)));
        return cast(value(t), dtype);
    }

    /** A new initializer holding {@code t} (a constant the export computed). */
    public String constant(Tensor t) {
        String name = fresh("onnx::Constant");
        initializers.put(name, t);
        return name;
    }

    /** A new initializer holding {@code t}, named from {@code base} (e.g. a parameter's name). */
    public String constant(String base, Tensor t) {
        String name = fresh(base);
        initializers.put(name, t);
        return name;
    }

    /** The state-dict name of a parameter or buffer, or null. */
    public String stateName(Tensor t) {
        return stateNames.get(t);
    }

    /** A 1-d int64 constant. */
    public String longs(long... v) {
        return constant(Torch.tensor(v, v.length));
    }

    /** A 0-d constant of {@code dtype}. */
    public String scalar(double v, DType dtype) {
        return constant(Trace.suspended(() -> Torch.full(new long[0], v, dtype)));
    }

    /** A Cast of {@code x} to {@code dtype}. */
    public String cast(String x, DType dtype) {
        return node("Cast", List.of(x), attr("to", ElemType.fromDType(dtype)));
    }

    /** Set by the tracer for each op: whether any of its inputs was computed from the model inputs. */
    void opFromInputs(boolean v) {
        opFromInputs = v;
    }

    /** Binds an op's result tensor to {@code name}, with the batch at {@code dyn} (or none). */
    public void result(Tensor out, String name, Dyn dyn) {
        bind(out, name, dyn, opFromInputs);
    }

    /** Binds the op's single result to {@code name}, with the batch where its inputs put it. */
    public void result(Call c, String name) {
        result(c.out(), name, inferDyn(c, c.out()));
    }

    /**
     * Binds the op's single result, a quantized tensor's float carrier (see {@code QuantizedTensor.carrier()}), to
     * the integer output {@code q} of a QuantizeLinear with {@code scale} and {@code zeroPoint}: each use of the
     * carrier reads {@code DequantizeLinear(q, scale, zeroPoint)} (so float ops on it run on its dequantized values).
     */
    public void resultQuantized(Call c, String q, String scale, String zeroPoint) {
        result(c, q);
        quantized.put(c.out(), List.of(q, scale, zeroPoint));
    }

    /**
     * Where the batch lands in {@code out} for ops that keep dims aligned (elementwise with
     * broadcasting, convolutions, pooling, normalisation, matmul): the first argument holding a batch,
     * aligned from the right, else from the left, where the sizes agree.
     */
    public Dyn inferDyn(Call c, Tensor out) {
        for (Object a : c.args()) {
            for (Tensor t : tensorsOf(a)) {
                Dyn d = dyns.get(t);
                if (d == null) continue;
                long size = t.size(d.axis());
                int ax = out.dim() - (t.dim() - d.axis());
                if (ax >= 0 && ax < out.dim() && out.size(ax) == size) return d.moved(ax);
                if (d.axis() < out.dim() && out.size(d.axis()) == size) return d;
            }
        }
        return null;
    }

    /** The tensors in an op argument (a tensor, an array or list of them), else none. */
    static List<Tensor> tensorsOf(Object a) {
        List<Tensor> r = new ArrayList<>();
        if (a instanceof Tensor one) {
            r.add(one);
        } else if (a instanceof Tensor[] ts) {
            for (Tensor t : ts) if (t != null) r.add(t);
        } else if (a instanceof List<?> l) {
            for (Object o : l) if (o instanceof Tensor t) r.add(t);
        }
        return r;
    }

    // ---- nodes -----------------------------------------------------------------------------------

    /** Adds a node with one output and returns the output's name. */
    public String node(String opType, List<String> inputs, AttributeProto... attrs) {
        return nodeN(opType, 1, inputs, attrs)[0];
    }

    /** Adds a node with {@code outputs} outputs and returns their names. */
    public String[] nodeN(String opType, int outputs, List<String> inputs, AttributeProto... attrs) {
        String node = fresh(opType);
        NodeProto.Builder b = NodeProto.newBuilder().setOpType(opType).setName(node);
        b.addAllInput(inputs);
        String[] outs = new String[outputs];
        for (int i = 0; i < outputs; i++) {
            outs[i] = fresh(node + "_output_" + i);
            b.addOutput(outs[i]);
        }
        for (AttributeProto a : attrs) if (a != null) b.addAttribute(a);
        nodes.add(b.build());
        return outs;
    }

    /** Adds a node whose output is the given name (graph outputs). */
    public void nodeTo(String opType, List<String> inputs, String output) {
        nodes.add(NodeProto.newBuilder().setOpType(opType).setName(fresh(opType)).addAllInput(inputs).addOutput(output).build());
    }

    /** An int attribute. */
    public static AttributeProto attr(String name, long v) {
        return AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.INT).setI(v).build();
    }

    /** A float attribute. */
    public static AttributeProto attr(String name, double v) {
        return AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.FLOAT).setF((float) v).build();
    }

    /** A string attribute. */
    public static AttributeProto attr(String name, String v) {
        return AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.STRING)
                .setS(ByteString.copyFromUtf8(v)).build();
    }

    /** An ints attribute. */
    public static AttributeProto attr(String name, long[] v) {
        AttributeProto.Builder b = AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.INTS);
        for (long x : v) b.addInts(x);
        return b.build();
    }

    /** A strings attribute. */
    public static AttributeProto attrs(String name, String... v) {
        AttributeProto.Builder b = AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.STRINGS);
        for (String x : v) b.addStrings(ByteString.copyFromUtf8(x));
        return b.build();
    }
}
