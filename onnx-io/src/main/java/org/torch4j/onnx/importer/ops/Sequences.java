package org.torch4j.onnx.importer.ops;

import java.util.ArrayList;
import java.util.List;
import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.onnx.importer.OpRegistry;

/** ONNX sequences, held as immutable lists of tensors. */
public final class Sequences {
    private Sequences() {}

    public static void register(OpRegistry.Builder r) {
        r.op("SequenceConstruct", c -> new Object[] {List.copyOf(c.ins(0))});
        r.op("SequenceEmpty", c -> new Object[] {List.of()});
        r.single("SequenceAt", c -> {
            List<Tensor> s = c.seq(0);
            return s.get(position(c.in(1).itemLong(), s.size(), false));
        });
        r.op("SequenceInsert", c -> {
            List<Tensor> s = new ArrayList<>(c.seq(0));
            s.add(c.has(2) ? position(c.in(2).itemLong(), s.size(), true) : s.size(), c.in(1));
            return new Object[] {List.copyOf(s)};
        });
        r.op("SequenceErase", c -> {
            List<Tensor> s = new ArrayList<>(c.seq(0));
            s.remove(c.has(1) ? position(c.in(1).itemLong(), s.size(), false) : s.size() - 1);
            return new Object[] {List.copyOf(s)};
        });
        r.single("SequenceLength", c -> Torch.scalarTensor((long) c.seq(0).size()));
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
    }

    private static int position(long p, int size, boolean insert) {
        long q = p < 0 ? p + size : p;
        if (q < 0 || q > size || (!insert && q == size)) throw new IndexOutOfBoundsException("position " + p + " is out of range for a sequence of " + size);
        return (int) q;
    }
}
