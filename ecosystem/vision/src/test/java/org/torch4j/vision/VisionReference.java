package org.torch4j.vision;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.torch4j.Tensor;
import org.torch4j.io.Json;

/** Reads the reference files that tools/gen_vision_reference.py writes under reference/vision/. */
final class VisionReference {
    private VisionReference() {}

    static Object load(String name) {
        try (InputStream in = VisionReference.class.getResourceAsStream("/reference/vision/" + name)) {
            if (in == null) throw new IllegalStateException("missing test resource reference/vision/" + name + " (run tools/gen_vision_reference.py)");
            return Json.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object o) {
        return (Map<String, Object>) o;
    }

    @SuppressWarnings("unchecked")
    static List<Object> list(Object o) {
        return (List<Object>) o;
    }

    static float[] floats(Object o) {
        List<Object> l = list(o);
        float[] out = new float[l.size()];
        for (int i = 0; i < out.length; i++) out[i] = ((Number) l.get(i)).floatValue();
        return out;
    }

    static double[] doubles(Object o) {
        List<Object> l = list(o);
        double[] out = new double[l.size()];
        for (int i = 0; i < out.length; i++) out[i] = ((Number) l.get(i)).doubleValue();
        return out;
    }

    static long[] longs(Object o) {
        List<Object> l = list(o);
        long[] out = new long[l.size()];
        for (int i = 0; i < out.length; i++) out[i] = ((Number) l.get(i)).longValue();
        return out;
    }

    /** max |a - b| / max |b|: the relative difference of two outputs. */
    static double relativeDifference(Tensor actual, Tensor expected) {
        double scale = expected.toDouble().abs().max().item();
        return actual.toDouble().sub(expected.toDouble()).abs().max().item() / Math.max(scale, 1e-30);
    }
}
