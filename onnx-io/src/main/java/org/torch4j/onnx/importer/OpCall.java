package org.torch4j.onnx.importer;

import java.util.List;
import org.torch4j.Tensor;
import org.torch4j.onnx.OnnxException;
import org.torch4j.onnx.proto.OnnxProto.AttributeProto;
import org.torch4j.onnx.proto.OnnxProto.AttributeProto.AttributeType;

/** One run of a node: its input values and its attributes, as an {@link OpMapping} sees them. */
public final class OpCall {
    private final NodeSpec node;
    private final Object[] inputs;
    private final Env env;

    OpCall(NodeSpec node, Object[] inputs, Env env) {
        this.node = node;
        this.inputs = inputs;
        this.env = env;
    }

    /** The opset version the node is read with: attributes and semantics change across versions. */
    public long opset() {
        return node.opset();
    }

    public String opType() {
        return node.opType();
    }

    // ---- inputs ---------------------------------------------------------------------------------

    /** The number of inputs listed, omitted optional ones included. */
    public int inputCount() {
        return inputs.length;
    }

    /** True when input {@code i} is present (listed and not omitted). */
    public boolean has(int i) {
        return i < inputs.length && inputs[i] != null;
    }

    /** A required tensor input. */
    public Tensor in(int i) {
        if (!has(i)) throw new IllegalArgumentException("input " + i + " is required");
        if (inputs[i] instanceof Tensor t) return t;
        throw new IllegalArgumentException("input " + i + " must be a tensor, got " + Values.describe(inputs[i]));
    }

    /** An optional tensor input, or null when omitted. */
    public Tensor opt(int i) {
        return has(i) ? in(i) : null;
    }

    /** An optional input's elements as longs (shapes, axes, pads), or null when omitted. */
    public long[] longs(int i) {
        return has(i) ? in(i).toLongArray() : null;
    }

    /** A sequence input. */
    @SuppressWarnings("unchecked")
    public List<Tensor> seq(int i) {
        if (!has(i)) throw new IllegalArgumentException("input " + i + " is required");
        if (inputs[i] instanceof List<?> l) {
            for (Object o : l) {
                if (!(o instanceof Tensor)) throw new IllegalArgumentException("input " + i + " must be a sequence of tensors, it holds " + Values.describe(o));
            }
            return (List<Tensor>) l;
        }
        throw new IllegalArgumentException("input " + i + " must be a sequence, got " + Values.describe(inputs[i]));
    }

    /** Input {@code i} as it is: a {@link Values value} (tensor, list for a sequence, optional...), or null. */
    public Object value(int i) {
        return i < inputs.length ? inputs[i] : null;
    }

    /** Every input from {@code from} on (variadic operators), omitted ones left out. */
    public List<Tensor> ins(int from) {
        List<Tensor> out = new java.util.ArrayList<>();
        for (int i = from; i < inputs.length; i++) if (has(i)) out.add(in(i));
        return out;
    }

    // ---- outputs --------------------------------------------------------------------------------

    /** The number of outputs the node lists. */
    public int outputCount() {
        return node.outputs().size();
    }

    /** True when output {@code i} is listed with a name, i.e. someone may read it. */
    public boolean wants(int i) {
        return i < node.outputs().size() && !node.outputs().get(i).isEmpty();
    }

    // ---- attributes -----------------------------------------------------------------------------

    public boolean hasAttr(String name) {
        return node.attributes().containsKey(name);
    }

    private AttributeProto attr(String name, AttributeType type) {
        AttributeProto a = node.attributes().get(name);
        if (a == null) return null;
        if (a.getType() != type && a.getType() != AttributeType.UNDEFINED) {
            throw new IllegalArgumentException("attribute '" + name + "' must be " + type + ", got " + a.getType());
        }
        return a;
    }

    public long i(String name, long dflt) {
        AttributeProto a = attr(name, AttributeType.INT);
        return a == null ? dflt : a.getI();
    }

    /** A required int attribute. */
    public long i(String name) {
        AttributeProto a = attr(name, AttributeType.INT);
        if (a == null) throw new IllegalArgumentException("attribute '" + name + "' is required");
        return a.getI();
    }

    public double f(String name, double dflt) {
        AttributeProto a = attr(name, AttributeType.FLOAT);
        return a == null ? dflt : a.getF();
    }

    public boolean hasF(String name) {
        return attr(name, AttributeType.FLOAT) != null;
    }

    /** True when the attribute is present and a string (some attributes changed type across opsets). */
    public boolean isString(String name) {
        AttributeProto a = node.attributes().get(name);
        return a != null && a.getType() == AttributeType.STRING;
    }

    public String s(String name, String dflt) {
        AttributeProto a = attr(name, AttributeType.STRING);
        return a == null ? dflt : a.getS().toStringUtf8();
    }

    /** An ints attribute, or null when absent. */
    public long[] ints(String name) {
        AttributeProto a = attr(name, AttributeType.INTS);
        return a == null ? null : a.getIntsList().stream().mapToLong(Long::longValue).toArray();
    }

    /** A floats attribute, or null when absent. */
    public double[] floats(String name) {
        AttributeProto a = attr(name, AttributeType.FLOATS);
        return a == null ? null : a.getFloatsList().stream().mapToDouble(Float::doubleValue).toArray();
    }

    /** A strings attribute, or null when absent. */
    public List<String> strings(String name) {
        AttributeProto a = attr(name, AttributeType.STRINGS);
        return a == null ? null : a.getStringsList().stream().map(b -> b.toStringUtf8()).toList();
    }

    /** A tensor attribute (decoded at load time), or null when absent. */
    public Tensor tensor(String name) {
        return node.tensors().get(name);
    }

    /** A graph attribute (compiled at load time). */
    public Graph graph(String name) {
        Graph g = node.graphs().get(name);
        if (g == null) throw new IllegalArgumentException("graph attribute '" + name + "' is required");
        return g;
    }

    /** Runs a graph attribute with these inputs; it also sees the values of the graph this node is in. */
    public Object[] run(Graph g, Object... graphInputs) {
        return g.run(env, graphInputs);
    }

    /** The error for an unsupported attribute value or combination. */
    public OnnxException unsupported(String what) {
        return new OnnxException(node.name(), node.opType(), node.opset(), what + " is not supported", null);
    }
}
