package org.torch4j.onnx.importer.ops;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.onnx.importer.Graph;
import org.torch4j.onnx.importer.OpCall;
import org.torch4j.onnx.importer.OpRegistry;
import org.torch4j.onnx.importer.Values;

/**
 * ONNX sequences, held as immutable lists of values, and optionals, held as {@link Optional}s
 * ({@code Optional.empty()} for an optional holding nothing). The operators that only move elements
 * take any value (unsigned tensors, nested sequences) as an element.
 */
public final class Sequences {
    private Sequences() {}

    public static void register(OpRegistry.Builder r) {
        r.op("SequenceConstruct", c -> {
            List<Object> s = new ArrayList<>();
            for (int i = 0; i < c.inputCount(); i++) if (c.has(i)) s.add(c.value(i));
            return new Object[] {List.copyOf(s)};
        });
        r.op("SequenceEmpty", c -> new Object[] {List.of()});
        r.op("SequenceAt", c -> {
            List<?> s = list(c, 0);
            return new Object[] {s.get(position(c.in(1).itemLong(), s.size(), false))};
        });
        r.op("SequenceInsert", c -> {
            List<Object> s = new ArrayList<>(list(c, 0));
            Object v = c.value(1);
            if (v == null || v instanceof List<?> || v instanceof Optional<?>) {
                throw new IllegalArgumentException("input 1 must be a tensor, got " + Values.describe(v));
            }
            s.add(c.has(2) ? position(c.in(2).itemLong(), s.size(), true) : s.size(), v);
            return new Object[] {List.copyOf(s)};
        });
        r.op("SequenceErase", c -> {
            List<Object> s = new ArrayList<>(list(c, 0));
            s.remove(c.has(1) ? position(c.in(1).itemLong(), s.size(), false) : s.size() - 1);
            return new Object[] {List.copyOf(s)};
        });
        r.single("SequenceLength", c -> Torch.scalarTensor((long) list(c, 0).size()));
        r.single("ConcatFromSequence", c -> {
            List<Tensor> s = c.seq(0);
            boolean stack = c.i("new_axis", 0) != 0;
            int axis = Util.axis(c.i("axis"), s.get(0).dim() + (stack ? 1 : 0));
            return stack ? Torch.stack(s, axis) : Torch.cat(s, axis);
        });
        r.op("SplitToSequence", c -> {
            Tensor x = c.in(0);
            int axis = Util.axis(c.i("axis", 0), x.dim());
            List<Tensor> parts;
            if (!c.has(1)) {
                parts = new ArrayList<>(x.split(1, axis));
                if (c.i("keepdims", 1) == 0) parts.replaceAll(t -> t.squeeze(axis));
            } else if (c.in(1).dim() == 0) {
                parts = x.split(c.in(1).itemLong(), axis);
            } else {
                parts = x.splitWithSizes(c.in(1).toLongArray(), axis);
            }
            return new Object[] {List.copyOf(parts)};
        });
        r.op("SequenceMap", Sequences::sequenceMap);
        optionals(r);
    }

    /** SequenceMap: the body on each position of the sequence inputs (the other inputs whole); each output a sequence. */
    private static Object[] sequenceMap(OpCall c) {
        Graph body = c.graph("body");
        int n = list(c, 0).size();
        for (int i = 1; i < c.inputCount(); i++) {
            if (c.value(i) instanceof List<?> l && l.size() != n) {
                throw new IllegalArgumentException("input " + i + " is a sequence of " + l.size() + ", input 0 one of " + n);
            }
        }
        List<List<Object>> outs = new ArrayList<>();
        for (int k = 0; k < c.outputCount(); k++) outs.add(new ArrayList<>());
        for (int j = 0; j < n; j++) {
            Object[] args = new Object[c.inputCount()];
            for (int i = 0; i < args.length; i++) args[i] = c.value(i) instanceof List<?> l ? l.get(j) : c.value(i);
            Object[] out = c.run(body, args);
            for (int k = 0; k < outs.size(); k++) outs.get(k).add(out[k]);
        }
        Object[] result = new Object[outs.size()];
        for (int k = 0; k < result.length; k++) result[k] = List.copyOf(outs.get(k));
        return result;
    }

    /** Optional, OptionalHasElement and OptionalGetElement; since opset 18 the last two also take tensors and sequences. */
    private static void optionals(OpRegistry.Builder r) {
        r.op("Optional", c -> new Object[] {c.has(0) ? Optional.of(c.value(0)) : Optional.empty()});
        r.single("OptionalHasElement", c -> {
            Object v = c.value(0);
            boolean has = v instanceof Optional<?> o ? o.isPresent() : v != null;
            return Torch.tensor(new boolean[] {has}).reshape();
        });
        r.op("OptionalGetElement", c -> {
            Object v = c.value(0);
            if (v == null) throw new IllegalArgumentException("input 0 is required");
            if (v instanceof Optional<?> o) {
                return new Object[] {o.orElseThrow(() -> new IllegalArgumentException("the optional input holds no value"))};
            }
            return new Object[] {v};
        });
    }

    private static List<?> list(OpCall c, int i) {
        Object v = c.value(i);
        if (v instanceof List<?> l) return l;
        throw new IllegalArgumentException("input " + i + " must be a sequence, got " + Values.describe(v));
    }

    private static int position(long p, int size, boolean insert) {
        long q = p < 0 ? p + size : p;
        if (q < 0 || q > size || (!insert && q == size)) throw new IndexOutOfBoundsException("position " + p + " is out of range for a sequence of " + size);
        return (int) q;
    }
}
