package org.torch4j.serving;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.torch4j.DType;
import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.io.Json;

/**
 * The JSON form of named tensors that the HTTP endpoint reads and writes:
 * <pre>{@code {"inputs": {"x": {"shape": [2, 3], "dtype": "float32", "data": [1, 2, 3, 4, 5, 6]}}}}</pre>
 * {@code data} is the tensor's elements in row-major order, flat or nested as Python's
 * {@code tensor.tolist()} gives them; {@code dtype} is PyTorch's name and defaults to {@code float32};
 * {@code shape} may be left out for a one-dimensional tensor. Responses use the same form under
 * {@code "outputs"}. Floating-point values are written as the shortest decimal that reads back to the
 * same value; NaN and infinities as Python's {@code json} writes them.
 */
public final class TensorJson {

    /** Nesting allowed in a request body (a tensor of rank 60 is deeper than anyone sends). */
    private static final int MAX_DEPTH = 64;

    private TensorJson() {}

    /**
     * Reads the tensors under {@code key} (e.g. {@code "inputs"}) of a JSON document.
     *
     * @throws IllegalArgumentException for malformed JSON (the message names the offset) or a tensor that
     *                                  does not fit its shape or dtype (the message names the tensor)
     */
    public static Map<String, Tensor> decode(String json, String key) {
        Object parsed;
        try {
            parsed = Json.parse(json, MAX_DEPTH);
        } catch (Json.ParseException e) {
            throw new IllegalArgumentException("malformed JSON: " + e.getMessage(), e);
        }
        if (!(parsed instanceof Map<?, ?> root)) throw new IllegalArgumentException("the body must be a JSON object");
        if (!(root.get(key) instanceof Map<?, ?> named)) {
            throw new IllegalArgumentException("the body must have an object \"" + key + "\" of named tensors");
        }
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : named.entrySet()) {
            String name = (String) e.getKey();
            if (!(e.getValue() instanceof Map<?, ?> spec)) {
                throw new IllegalArgumentException(key + " '" + name + "': expected an object with shape, dtype and data");
            }
            tensors.put(name, tensor(name, spec));
        }
        return tensors;
    }

    private static Tensor tensor(String name, Map<?, ?> spec) {
        for (Object k : spec.keySet()) {
            if (!List.of("shape", "dtype", "data").contains(k)) {
                throw new IllegalArgumentException("tensor '" + name + "': unknown field \"" + k + "\" (expected shape, dtype, data)");
            }
        }
        DType dtype;
        try {
            dtype = spec.get("dtype") == null ? DType.FLOAT32 : DType.of(stringField(name, spec, "dtype"));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("tensor '" + name + "': " + e.getMessage());
        }
        if (!(spec.get("data") instanceof List<?> nested)) throw new IllegalArgumentException("tensor '" + name + "': \"data\" must be an array");
        List<Object> flat = new ArrayList<>();
        flatten(name, nested, flat, 0);
        long[] shape = spec.get("shape") == null ? new long[] {flat.size()} : shape(name, spec.get("shape"));
        long numel = 1;
        for (long d : shape) numel *= d;
        if (numel != flat.size()) {
            throw new IllegalArgumentException("tensor '" + name + "': shape " + java.util.Arrays.toString(shape) + " needs "
                    + numel + " values but data has " + flat.size());
        }
        Tensor t = switch (dtype.kind()) {
            case FLOATING -> {
                double[] v = new double[flat.size()];
                for (int i = 0; i < v.length; i++) v[i] = number(name, flat.get(i), i).doubleValue();
                yield Torch.tensor(v, dtype, shape);
            }
            case INTEGRAL -> {
                long[] v = new long[flat.size()];
                for (int i = 0; i < v.length; i++) {
                    if (!(flat.get(i) instanceof Long l)) {
                        throw new IllegalArgumentException("tensor '" + name + "': data[" + i + "] = " + flat.get(i) + " is not an integer, as " + dtype.torchName() + " needs");
                    }
                    v[i] = l;
                }
                yield Torch.tensor(v, dtype, shape);
            }
            case BOOL -> {
                boolean[] v = new boolean[flat.size()];
                for (int i = 0; i < v.length; i++) {
                    if (!(flat.get(i) instanceof Boolean b)) throw new IllegalArgumentException("tensor '" + name + "': data[" + i + "] is not true or false");
                    v[i] = b;
                }
                yield Torch.tensor(v, shape);
            }
            // JSON has no complex numbers; tolist() of a complex tensor gives Python complex objects
            case COMPLEX -> throw new IllegalArgumentException("tensor '" + name + "': dtype " + dtype.torchName()
                    + " is not supported in JSON (send its real view, shape + [2], as " + dtype.toReal().torchName() + ")");
        };
        // the factories read an empty shape as "one dimension, as long as the data"
        return shape.length == 0 ? t.reshape() : t;
    }

    private static String stringField(String name, Map<?, ?> spec, String field) {
        if (!(spec.get(field) instanceof String s)) throw new IllegalArgumentException("tensor '" + name + "': \"" + field + "\" must be a string");
        return s;
    }

    private static long[] shape(String name, Object value) {
        if (!(value instanceof List<?> dims)) throw new IllegalArgumentException("tensor '" + name + "': \"shape\" must be an array of sizes");
        long[] shape = new long[dims.size()];
        for (int i = 0; i < shape.length; i++) {
            if (!(dims.get(i) instanceof Long d) || d < 0) {
                throw new IllegalArgumentException("tensor '" + name + "': shape[" + i + "] = " + dims.get(i) + " is not a size");
            }
            shape[i] = d;
        }
        return shape;
    }

    private static void flatten(String name, List<?> nested, List<Object> out, int depth) {
        if (depth > 32) throw new IllegalArgumentException("tensor '" + name + "': data nested too deeply");
        for (Object o : nested) {
            if (o instanceof List<?> inner) flatten(name, inner, out, depth + 1);
            else out.add(o);
        }
    }

    private static Number number(String name, Object v, int i) {
        if (v instanceof Number n) return n;
        throw new IllegalArgumentException("tensor '" + name + "': data[" + i + "] = " + (v instanceof String ? "\"" + v + "\"" : v) + " is not a number");
    }

    /** Writes {@code tensors} as {@code {"<key>": {name: {shape, dtype, data}, ...}}}. */
    public static String encode(Map<String, Tensor> tensors, String key) {
        StringBuilder sb = new StringBuilder();
        Json.quote(sb.append('{'), key);
        sb.append(": {");
        boolean first = true;
        for (Map.Entry<String, Tensor> e : tensors.entrySet()) {
            if (!first) sb.append(", ");
            first = false;
            Json.quote(sb, e.getKey());
            sb.append(": ");
            write(sb, e.getValue());
        }
        return sb.append("}}").toString();
    }

    private static void write(StringBuilder sb, Tensor t) {
        sb.append("{\"shape\": [");
        long[] shape = t.shape();
        for (int i = 0; i < shape.length; i++) sb.append(i > 0 ? ", " : "").append(shape[i]);
        sb.append("], \"dtype\": \"").append(t.dtype().torchName()).append("\", \"data\": [");
        switch (t.dtype().kind()) {
            case FLOATING -> {
                if (t.dtype() == DType.FLOAT64) {
                    double[] v = t.toDoubleArray();
                    for (int i = 0; i < v.length; i++) number(sb.append(i > 0 ? ", " : ""), v[i], Double.toString(v[i]));
                } else {
                    float[] v = t.toFloatArray();
                    for (int i = 0; i < v.length; i++) number(sb.append(i > 0 ? ", " : ""), v[i], Float.toString(v[i]));
                }
            }
            case INTEGRAL -> {
                long[] v = t.toLongArray();
                for (int i = 0; i < v.length; i++) sb.append(i > 0 ? ", " : "").append(v[i]);
            }
            case BOOL -> {
                boolean[] v = t.toBooleanArray();
                for (int i = 0; i < v.length; i++) sb.append(i > 0 ? ", " : "").append(v[i]);
            }
            case COMPLEX -> throw new IllegalArgumentException("a " + t.dtype().torchName()
                    + " tensor has no JSON form here; encode Torch.viewAsReal of it");
        }
        sb.append("]}");
    }

    private static void number(StringBuilder sb, double v, String shortest) {
        if (Double.isNaN(v)) sb.append("NaN");
        else if (Double.isInfinite(v)) sb.append(v > 0 ? "Infinity" : "-Infinity");
        else sb.append(shortest);
    }
}
