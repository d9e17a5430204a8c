package org.torch4j.onnx.importer.ops;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.torch4j.DType;
import org.torch4j.Tensor;
import org.torch4j.ValuesIndices;
import org.torch4j.onnx.importer.OpCall;
import org.torch4j.onnx.importer.OpRegistry;

/** TopK and Unique. */
public final class Sorting {
    private Sorting() {}

    public static void register(OpRegistry.Builder r) {
        r.op("TopK", c -> {
            Tensor x = c.in(0);
            long k = c.opset() >= 10 ? c.in(1).toLongArray()[0] : c.i("k");
            int axis = Util.axis(c.i("axis", -1), x.dim());
            ValuesIndices vi = x.topk((int) k, axis, c.i("largest", 1) != 0, true);
            return new Object[] {vi.values(), vi.indices()};
        });
        r.op("Unique", Sorting::unique);
    }

    /**
     * Unique slices along an axis (or unique elements of the flattened input): values, the index of
     * each one's first occurrence, the inverse mapping and the counts. Computed on the host.
     */
    private static Object[] unique(OpCall c) {
        Tensor x = c.in(0);
        boolean sorted = c.i("sorted", 1) != 0;
        Tensor src = c.hasAttr("axis") ? x : x.reshape(-1);
        int axis = c.hasAttr("axis") ? Util.axis(c.i("axis"), x.dim()) : 0;
        Tensor moved = src.movedim(axis, 0).contiguous();
        long n = moved.size(0);
        int width = (int) (n == 0 ? 0 : moved.numel() / n);
        double[] v = moved.to(DType.FLOAT64).toDoubleArray();
        Map<List<Double>, Integer> first = new HashMap<>();
        List<List<Double>> keys = new ArrayList<>();
        List<Integer> firstIndex = new ArrayList<>();
        List<Long> counts = new ArrayList<>();
        int[] group = new int[(int) n];
        for (int i = 0; i < n; i++) {
            List<Double> key = new ArrayList<>(width);
            for (int j = 0; j < width; j++) key.add(v[i * width + j]);
            Integer g = first.get(key);
            if (g == null) {
                g = keys.size();
                first.put(key, g);
                keys.add(key);
                firstIndex.add(i);
                counts.add(0L);
            }
            counts.set(g, counts.get(g) + 1);
            group[i] = g;
        }
        Integer[] order = new Integer[keys.size()];
        for (int i = 0; i < order.length; i++) order[i] = i;
        if (sorted) Arrays.sort(order, Comparator.comparing(i -> keys.get(i), Sorting::compareRows));
        int[] rank = new int[order.length];
        for (int i = 0; i < order.length; i++) rank[order[i]] = i;
        long[] pick = new long[order.length], cnt = new long[order.length], inverse = new long[(int) n];
        for (int i = 0; i < order.length; i++) {
            pick[i] = firstIndex.get(order[i]);
            cnt[i] = counts.get(order[i]);
        }
        for (int i = 0; i < n; i++) inverse[i] = rank[group[i]];
        Tensor y = moved.indexSelect(0, Util.longs(pick, x)).movedim(0, axis);
        return new Object[] {y, Util.longs(pick, x), Util.longs(inverse, x), Util.longs(cnt, x)};
    }

    private static int compareRows(List<Double> a, List<Double> b) {
        for (int i = 0; i < a.size(); i++) {
            int c = Double.compare(a.get(i), b.get(i));
            if (c != 0) return c;
        }
        return 0;
    }

}
