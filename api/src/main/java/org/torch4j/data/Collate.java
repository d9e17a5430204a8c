package org.torch4j.data;

import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.internal.Records;

/**
 * PyTorch's {@code default_collate}: tensors are stacked, numbers become a tensor (int64 for
 * integers, float64 for doubles, bool for booleans), primitive arrays are stacked as tensors, maps
 * collate per key, lists per position, records per component (into the same record type when its
 * components accept tensors, else into a map by component name), and strings stay a list.
 */
public final class Collate {
    private Collate() {}

    /** Collates a batch of items of one structure. */
    public static Object collate(List<?> batch) {
        if (batch.isEmpty()) throw new IllegalArgumentException("cannot collate an empty batch");
        Object first = batch.get(0);
        if (first instanceof Tensor) {
            List<Tensor> ts = new ArrayList<>(batch.size());
            for (Object o : batch) ts.add((Tensor) o);
            return Torch.stack(ts, 0);
        }
        if (first instanceof Boolean) {
            boolean[] v = new boolean[batch.size()];
            for (int i = 0; i < v.length; i++) v[i] = (Boolean) batch.get(i);
            return Torch.tensor(v);
        }
        if (first instanceof Double || first instanceof Float) {
            double[] v = new double[batch.size()];
            for (int i = 0; i < v.length; i++) v[i] = ((Number) batch.get(i)).doubleValue();
            return Torch.tensor(v);
        }
        if (first instanceof Number) {
            long[] v = new long[batch.size()];
            for (int i = 0; i < v.length; i++) v[i] = ((Number) batch.get(i)).longValue();
            return Torch.tensor(v);
        }
        if (first instanceof CharSequence) return new ArrayList<>(batch);
        if (first.getClass().isArray() && first.getClass().getComponentType().isPrimitive()) {
            List<Tensor> ts = new ArrayList<>(batch.size());
            for (Object o : batch) ts.add(Torch.tensor(o));
            return Torch.stack(ts, 0);
        }
        if (first instanceof Map<?, ?> m) {
            Map<Object, Object> out = new LinkedHashMap<>();
            for (Object key : m.keySet()) {
                List<Object> column = new ArrayList<>(batch.size());
                for (Object o : batch) column.add(((Map<?, ?>) o).get(key));
                out.put(key, collate(column));
            }
            return out;
        }
        if (first instanceof List<?> l) {
            List<Object> out = new ArrayList<>(l.size());
            for (int i = 0; i < l.size(); i++) {
                List<Object> column = new ArrayList<>(batch.size());
                for (Object o : batch) {
                    List<?> row = (List<?>) o;
                    if (row.size() != l.size()) throw new IllegalArgumentException("each element in list of batch should be of equal size");
                    column.add(row.get(i));
                }
                out.add(collate(column));
            }
            return out;
        }
        if (first instanceof Record r) return collateRecords(r.getClass(), batch);
        throw new IllegalArgumentException("default_collate: batch must contain tensors, numbers, arrays, maps, lists or "
                + "records; found " + first.getClass().getName());
    }

    private static Object collateRecords(Class<?> type, List<?> batch) {
        RecordComponent[] components = type.getRecordComponents();
        List<List<Object>> columns = new ArrayList<>(components.length);
        for (int c = 0; c < components.length; c++) columns.add(new ArrayList<>(batch.size()));
        for (Object o : batch) {
            Object[] values = Records.values((Record) o);
            for (int c = 0; c < components.length; c++) columns.get(c).add(values[c]);
        }
        Object[] values = new Object[components.length];
        for (int c = 0; c < components.length; c++) values[c] = collate(columns.get(c));
        try {
            for (int c = 0; c < components.length; c++) {
                if (!components[c].getType().isInstance(values[c])) throw new NoSuchMethodException();
            }
            return Records.create(type, values);
        } catch (ReflectiveOperationException | RuntimeException e) {
            Map<String, Object> out = new LinkedHashMap<>();
            for (int c = 0; c < components.length; c++) out.put(components[c].getName(), values[c]);
            return out;
        }
    }
}
