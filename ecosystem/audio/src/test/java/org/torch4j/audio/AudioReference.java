package org.torch4j.audio;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.torch4j.DType;
import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.io.Json;

/** Reads the reference files that tools/gen_audio_reference.py writes under reference/audio/. */
public final class AudioReference {
    private AudioReference() {}

    public static Map<String, Object> load(String name) {
        try (InputStream in = AudioReference.class.getResourceAsStream("/reference/audio/" + name)) {
            if (in == null) throw new IllegalStateException("missing test resource reference/audio/" + name + " (run tools/gen_audio_reference.py)");
            return map(Json.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @SuppressWarnings("unchecked")
    public static Map<String, Object> map(Object o) {
        return (Map<String, Object>) o;
    }

    @SuppressWarnings("unchecked")
    public static List<Object> list(Object o) {
        return (List<Object>) o;
    }

    public static long[] longs(Object o) {
        List<Object> l = list(o);
        long[] out = new long[l.size()];
        for (int i = 0; i < out.length; i++) out[i] = ((Number) l.get(i)).longValue();
        return out;
    }

    /** A {shape, dtype, values} entry as a tensor of its dtype (values are stored as float64). */
    public static Tensor tensor(Object entry) {
        Map<String, Object> m = map(entry);
        List<Object> l = list(m.get("values"));
        double[] v = new double[l.size()];
        for (int i = 0; i < v.length; i++) v[i] = ((Number) l.get(i)).doubleValue();
        Tensor t = Torch.tensor(v, longs(m.get("shape")));
        return switch ((String) m.get("dtype")) {
            case "float32" -> t.to(DType.FLOAT32);
            case "int64" -> t.to(DType.INT64);
            default -> t;
        };
    }

    /**
     * Asserts equal shapes and |actual - expected| <= atol + rtol |expected| everywhere, with atol taken
     * relative to the largest |expected| (atolOfMax * max|expected|).
     */
    public static void assertClose(Tensor actual, Tensor expected, double rtol, double atolOfMax, String what) {
        assertArrayEquals(expected.shape(), actual.shape(), what + ": shape");
        double[] a = actual.toDouble().contiguous().toDoubleArray(), e = expected.toDouble().contiguous().toDoubleArray();
        double max = 0;
        for (double x : e) max = Math.max(max, Math.abs(x));
        double atol = atolOfMax * max;
        double worst = 0;
        int at = -1;
        for (int i = 0; i < e.length; i++) {
            double excess = Math.abs(a[i] - e[i]) - (atol + rtol * Math.abs(e[i]));
            if (excess > worst || Double.isNaN(a[i]) != Double.isNaN(e[i])) {
                worst = Double.isNaN(excess) ? Double.POSITIVE_INFINITY : excess;
                at = i;
            }
        }
        int i = at;
        assertTrue(at < 0, () -> what + ": element " + i + " is " + a[i] + ", torchaudio gives " + e[i] + " (rtol " + rtol + ", atol "
                + atol + ")");
    }
}
