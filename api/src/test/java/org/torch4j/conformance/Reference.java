package org.torch4j.conformance;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.torch4j.DType;
import org.torch4j.Device;
import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.io.Json;

/**
 * Reference values produced by PyTorch (the scripts in {@code tools/}), and how tests read them.
 *
 * <p>A tensor is written as {@code {"dtype": "float32", "shape": [2, 3], "data": [...]}} with the
 * data flat in row-major order (NaN and infinities as Python's json writes them; bool as 0/1).
 * {@link #tensor(Object, String)} rebuilds it in one of the layouts the kit checks: contiguous,
 * transposed (the last two dims swapped in memory), sliced (every other element of a wider tensor)
 * or expanded (a broadcast view of a size-1 dim).
 */
public final class Reference {
    private Reference() {}

    /** The layouts in which inputs are rebuilt, to exercise strided kernels. */
    public static final List<String> LAYOUTS = List.of("contiguous", "transposed", "sliced");

    /** Parses a JSON resource under {@code /reference/}. */
    public static Object load(String name) {
        try (InputStream in = Reference.class.getResourceAsStream("/reference/" + name)) {
            if (in == null) throw new IllegalStateException("missing test resource /reference/" + name);
            return Json.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The cases of a reference file. Tensors that several cases share are stored once in the file's
     * {@code "shared"} table and referred to as {@code {"shared": key}}; they are resolved here.
     */
    @SuppressWarnings("unchecked")
    public static List<Map<String, Object>> cases(String name) {
        Map<String, Object> file = (Map<String, Object>) load(name);
        Map<String, Object> table = (Map<String, Object>) file.getOrDefault("shared", Map.of());
        if (table.isEmpty()) return (List<Map<String, Object>>) file.get("cases");
        return (List<Map<String, Object>>) resolve(file.get("cases"), table);
    }

    @SuppressWarnings("unchecked")
    private static Object resolve(Object o, Map<String, Object> table) {
        if (o instanceof Map<?, ?> m) {
            if (m.size() == 1 && m.get("shared") instanceof String key && table.containsKey(key)) return table.get(key);
            Map<String, Object> r = new java.util.LinkedHashMap<>();
            ((Map<String, Object>) m).forEach((k, v) -> r.put(k, resolve(v, table)));
            return r;
        }
        if (o instanceof List<?> l) {
            List<Object> r = new java.util.ArrayList<>(l.size());
            for (Object v : l) r.add(resolve(v, table));
            return r;
        }
        return o;
    }

    /** The JSON form of {@code t} (dtype, shape, values as doubles), for comparing with {@link #assertTensor}. */
    public static Map<String, Object> spec(Tensor t) {
        Map<String, Object> m = new java.util.LinkedHashMap<>();
        m.put("dtype", t.dtype().toString().substring("torch.".length()));
        List<Object> shape = new java.util.ArrayList<>();
        for (long s : t.shape()) shape.add(s);
        m.put("shape", shape);
        List<Object> data = new java.util.ArrayList<>();
        for (double d : t.contiguous().toDoubleArray()) data.add(d);
        m.put("data", data);
        return m;
    }

    /** A contiguous tensor from its JSON form. */
    public static Tensor tensor(Object spec) {
        return tensor(spec, "contiguous");
    }

    /** The spec's tensor on the default device, laid out in {@code layout} (one of {@link #LAYOUTS}). */
    public static Tensor tensor(Object spec, String layout) {
        return tensor(spec, layout, null);
    }

    /** The spec's tensor on {@code device} (null: the default device), laid out there in {@code layout}. */
    @SuppressWarnings("unchecked")
    public static Tensor tensor(Object spec, String layout, Device device) {
        Map<String, Object> m = (Map<String, Object>) spec;
        DType dtype = DType.of((String) m.get("dtype"));
        long[] shape = longs((List<Object>) m.get("shape"));
        // Torch.tensor(array) with no shape makes a 1-d tensor: reshape to the spec's (0-dim included)
        Tensor base = build(dtype, shape, data(m)).reshape(shape);
        if (device != null) base = base.to(device);
        return switch (layout) {
            case "contiguous" -> base;
            case "transposed" -> base.dim() < 2 ? base : base.transpose(-1, -2).contiguous().transpose(-1, -2);
            case "sliced" -> sliced(base);
            default -> throw new IllegalArgumentException("unknown layout " + layout);
        };
    }

    /** The same values as every other element of a tensor twice as wide in its last dim. */
    private static Tensor sliced(Tensor base) {
        if (base.dim() == 0) return base;
        Tensor wide = Torch.stack(List.of(base, Torch.zerosLike(base)), -1);
        long[] shape = base.shape();
        shape[shape.length - 1] *= 2;
        return wide.reshape(shape).slice(-1, 0, shape[shape.length - 1], 2);
    }

    /**
     * The flat values of a spec: {@code "data"}, or for large regular tensors {@code "affine": [start, steps]},
     * the values {@code start + i0 * steps[0] + i1 * steps[1] + ...} summed in double, dim by dim, as the
     * generator checks them.
     */
    @SuppressWarnings("unchecked")
    static List<Object> data(Map<String, Object> m) {
        if (m.get("data") != null) return (List<Object>) m.get("data");
        List<Object> affine = (List<Object>) m.get("affine");
        double start = number(affine.get(0));
        List<Object> steps = (List<Object>) affine.get(1);
        long[] shape = longs((List<Object>) m.get("shape"));
        long n = 1;
        for (long s : shape) n *= s;
        List<Object> values = new java.util.ArrayList<>((int) n);
        long[] idx = new long[shape.length];
        for (long i = 0; i < n; i++) {
            double v = start;
            for (int d = 0; d < shape.length; d++) v += idx[d] * number(steps.get(d));
            values.add(v);
            for (int d = shape.length - 1; d >= 0 && ++idx[d] == shape[d]; d--) idx[d] = 0;
        }
        return values;
    }

    private static Tensor build(DType dtype, long[] shape, List<Object> data) {
        int n = data.size();
        return switch (dtype) {
            // complex data is interleaved (re, im), as torch.view_as_real lays it out
            case COMPLEX64, COMPLEX128 -> Torch.viewAsComplex(build(dtype.toReal(), new long[] {n}, data).reshape(n / 2, 2));
            case FLOAT32, FLOAT16, BFLOAT16 -> {
                float[] v = new float[n];
                for (int i = 0; i < n; i++) v[i] = (float) number(data.get(i));
                yield Torch.tensor(v, shape).to(dtype);
            }
            case FLOAT64 -> {
                double[] v = new double[n];
                for (int i = 0; i < n; i++) v[i] = number(data.get(i));
                yield Torch.tensor(v, shape);
            }
            case BOOL -> {
                boolean[] v = new boolean[n];
                for (int i = 0; i < n; i++) v[i] = truth(data.get(i));
                yield Torch.tensor(v, shape);
            }
            default -> {
                long[] v = new long[n];
                for (int i = 0; i < n; i++) v[i] = data.get(i) instanceof Long l ? l : (long) number(data.get(i));
                yield Torch.tensor(v, shape).to(dtype);
            }
        };
    }

    private static boolean truth(Object o) {
        return o instanceof Boolean b ? b : ((Number) o).doubleValue() != 0;
    }

    static double number(Object o) {
        if (o instanceof Boolean b) return b ? 1 : 0;
        return ((Number) o).doubleValue();
    }

    public static long[] longs(List<Object> l) {
        long[] r = new long[l.size()];
        for (int i = 0; i < r.length; i++) r[i] = ((Number) l.get(i)).longValue();
        return r;
    }

    /** PyTorch's assert_close defaults per dtype: {rtol, atol}; integers and bool compare exactly. */
    public static double[] tolerance(DType d) {
        return switch (d) {
            case FLOAT32 -> new double[] {1.3e-6, 1e-5};
            case FLOAT64 -> new double[] {1e-7, 1e-7};
            case FLOAT16 -> new double[] {1e-3, 1e-5};
            case BFLOAT16 -> new double[] {1.6e-2, 1e-5};
            case COMPLEX64 -> tolerance(DType.FLOAT32);
            case COMPLEX128 -> tolerance(DType.FLOAT64);
            default -> new double[] {0, 0};
        };
    }

    /** Asserts dtype, shape and values (NaN equals NaN) with the dtype's default tolerance. */
    public static void assertTensor(Object expectedSpec, Tensor actual, String context) {
        @SuppressWarnings("unchecked")
        Map<String, Object> m = (Map<String, Object>) expectedSpec;
        DType dtype = DType.of((String) m.get("dtype"));
        double[] tol = tolerance(dtype);
        assertTensor(expectedSpec, actual, tol[0], tol[1], context);
    }

    @SuppressWarnings("unchecked")
    public static void assertTensor(Object expectedSpec, Tensor actual, double rtol, double atol, String context) {
        Map<String, Object> m = (Map<String, Object>) expectedSpec;
        DType dtype = DType.of((String) m.get("dtype"));
        assertEquals(dtype, actual.dtype(), context + ": dtype");
        assertArrayEquals(longs((List<Object>) m.get("shape")), actual.shape(), context + ": shape");
        List<Object> data = data(m);
        if (dtype.isFloatingPoint() || dtype.isComplex()) {
            // complex: each part against its value (the JSON interleaves them as view_as_real does)
            double[] got = (dtype.isComplex() ? Torch.viewAsReal(actual.detach()) : actual).toDoubleArray();
            for (int i = 0; i < got.length; i++) {
                double e = number(data.get(i)), g = got[i];
                boolean ok = Double.isNaN(e) ? Double.isNaN(g)
                        : Double.isInfinite(e) ? e == g : Math.abs(g - e) <= atol + rtol * Math.abs(e);
                if (!ok) fail(context + ": element " + i + " expected " + e + " but got " + g + " (rtol " + rtol + ", atol " + atol + ")");
            }
        } else {
            long[] got = actual.toLongArray();
            for (int i = 0; i < got.length; i++) {
                long e = dtype == DType.BOOL ? (truth(data.get(i)) ? 1 : 0)
                        : data.get(i) instanceof Long l ? l : (long) number(data.get(i));
                if (got[i] != e) fail(context + ": element " + i + " expected " + e + " but got " + got[i]);
            }
        }
    }
}
