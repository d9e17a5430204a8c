package org.torch4j.onnx.export.symbolics;

import static org.torch4j.onnx.export.GraphBuilder.attr;

import java.util.ArrayList;
import java.util.List;
import org.torch4j.DType;
import org.torch4j.Tensor;
import org.torch4j.onnx.export.Call;
import org.torch4j.onnx.export.Dyn;
import org.torch4j.onnx.export.GraphBuilder;
import org.torch4j.onnx.export.SymbolicTable;

/**
 * Views and joins: reshape/view (keeping the batch dim dynamic), permute, transpose, select,
 * narrow/slice, expand, squeeze/unsqueeze, cat, stack, pad, repeat (Tile), flip, tril/triu (Trilu),
 * index_select and gather.
 */
public final class ShapeSymbolics {
    private ShapeSymbolics() {}

    /** Registers the family. */
    public static void register(SymbolicTable t) {
        t.put("aten::reshape", ShapeSymbolics::reshape);
        t.put("aten::view", ShapeSymbolics::reshape);
        t.put("aten::permute", (c, g) -> {
            Tensor x = c.tensor(0);
            long[] perm = new long[x.dim()];
            int[] dims = c.ints(1);
            for (int i = 0; i < perm.length; i++) perm[i] = wrap(dims[i], x.dim());
            transpose(c, g, perm);
        });
        t.put("aten::transpose", (c, g) -> {
            Tensor x = c.tensor(0);
            long[] perm = new long[x.dim()];
            for (int i = 0; i < perm.length; i++) perm[i] = i;
            int a = wrap(c.integer(1), x.dim()), b = wrap(c.integer(2), x.dim());
            perm[a] = b;
            perm[b] = a;
            transpose(c, g, perm);
        });
        t.put("aten::select", (c, g) -> {
            Tensor x = c.tensor(0);
            int dim = wrap(c.integer(1), x.dim());
            long index = c.lng(2) < 0 ? c.lng(2) + x.size(dim) : c.lng(2);
            String r = g.node("Gather", List.of(g.value(x), g.constant(org.torch4j.Torch.scalarTensor(index))), attr("axis", dim));
            Dyn d = g.dyn(x);
            g.result(c.out(), r, d == null || d.axis() == dim ? null : d.axis() > dim ? d.moved(d.axis() - 1) : d);
        });
        t.put("aten::narrow", (c, g) -> {
            Tensor x = c.tensor(0);
            int dim = wrap(c.integer(1), x.dim());
            long start = c.lng(2) < 0 ? c.lng(2) + x.size(dim) : c.lng(2);
            slice(c, g, dim, start, start + c.lng(3), 1);
        });
        t.put("aten::slice", (c, g) -> {
            Tensor x = c.tensor(0);
            int dim = wrap(c.integer(1), x.dim());
            long size = x.size(dim);
            long start = c.lng(2) < 0 ? c.lng(2) + size : c.lng(2), end = c.lng(3) < 0 ? c.lng(3) + size : c.lng(3);
            // an end past the example's size is written as given (ONNX clamps it as PyTorch does), so that keep[:300] of a
            // data-dependent length is not cut to the example's length
            slice(c, g, dim, Math.max(0, Math.min(start, size)), end >= size ? end : Math.max(0, end), c.lng(4));
        });
        t.put("aten::expand", (c, g) -> {
            Tensor x = c.tensor(0), out = c.out();
            long[] target = out.shape().clone();
            Dyn d = g.dyn(x), nd = null;
            if (d != null) {
                // Expand broadcasts: a 1 keeps the input's (dynamic) size
                int ax = out.dim() - (x.dim() - d.axis());
                target[ax] = 1;
                nd = d.moved(ax);
            }
            g.result(out, g.node("Expand", List.of(g.value(x), g.longs(target))), nd);
        });
        t.put("aten::expand_as", (c, g) -> {
            // the target's shape read at run time, so a dynamic batch dim stays dynamic
            Tensor other = c.tensor(1);
            String shape = g.node("Shape", List.of(g.value(other)));
            g.result(c.out(), g.node("Expand", List.of(g.value(c.tensor(0)), shape)), g.dyn(other));
        });
        t.put("aten::squeeze", (c, g) -> {
            Tensor x = c.tensor(0);
            List<Long> axes = new ArrayList<>();
            if (c.args().length == 1) {
                for (int i = 0; i < x.dim(); i++) if (x.size(i) == 1) axes.add((long) i);
            } else {
                int dim = x.dim() == 0 ? 0 : wrap(c.integer(1), x.dim());
                if (x.dim() > 0 && x.size(dim) == 1) axes.add((long) dim);
            }
            String in = g.value(x);
            if (axes.isEmpty()) {
                g.result(c.out(), g.node("Identity", List.of(in)), g.dyn(x));
                return;
            }
            String r = g.node("Squeeze", List.of(in, g.longs(axes.stream().mapToLong(Long::longValue).toArray())));
            Dyn d = g.dyn(x);
            Dyn nd = null;
            if (d != null && !axes.contains((long) d.axis())) nd = d.moved(d.axis() - (int) axes.stream().filter(a -> a < d.axis()).count());
            g.result(c.out(), r, nd);
        });
        t.put("aten::unsqueeze", (c, g) -> {
            Tensor x = c.tensor(0);
            int dim = wrap(c.integer(1), x.dim() + 1);
            String r = g.node("Unsqueeze", List.of(g.value(x), g.longs(dim)));
            Dyn d = g.dyn(x);
            g.result(c.out(), r, d == null ? null : d.axis() >= dim ? d.moved(d.axis() + 1) : d);
        });
        t.put("aten::cat", (c, g) -> {
            Tensor out = c.out();
            int dim = wrap(c.integer(1), out.dim());
            List<String> in = new ArrayList<>();
            for (Object o : (List<?>) c.args()[0]) {
                Tensor x = (Tensor) o;
                if (x.dim() == 1 && x.size(0) == 0 && out.dim() != 1) continue;   // PyTorch skips legacy empty tensors
                in.add(g.value(x, out.dtype()));
            }
            g.result(c, g.node("Concat", in, attr("axis", dim)));
        });
        t.put("aten::stack", (c, g) -> {
            Tensor out = c.out();
            int dim = wrap(c.integer(1), out.dim());
            List<String> in = new ArrayList<>();
            Dyn nd = null;
            for (Object o : (List<?>) c.args()[0]) {
                Tensor x = (Tensor) o;
                in.add(g.node("Unsqueeze", List.of(g.value(x, out.dtype()), g.longs(dim))));
                Dyn d = g.dyn(x);
                if (nd == null && d != null) nd = d.axis() >= dim ? d.moved(d.axis() + 1) : d;
            }
            g.result(out, g.node("Concat", in, attr("axis", dim)), nd);
        });
        t.put("aten::pad", (c, g) -> {
            Tensor x = c.tensor(0);
            long[] pad = c.longs(1);
            String mode = switch (c.str(2)) {
                case "constant" -> "constant";
                case "reflect" -> "reflect";
                case "replicate" -> "edge";
                case "circular" -> {
                    if (g.opset() < 19) throw c.refuse("circular padding needs ONNX Pad's mode 'wrap' (opset 19 or later)");
                    yield "wrap";
                }
                default -> throw c.refuse("unknown padding mode " + c.str(2));
            };
            long[] pads = new long[2 * x.dim()];
            for (int i = 0; i < pad.length / 2; i++) {
                int d = x.dim() - 1 - i;
                pads[d] = pad[2 * i];
                pads[x.dim() + d] = pad[2 * i + 1];
            }
            List<String> in = new ArrayList<>(List.of(g.value(x), g.longs(pads)));
            if (mode.equals("constant")) in.add(g.scalar(c.dbl(3), x.dtype()));
            g.result(c.out(), g.node("Pad", in, attr("mode", mode)), g.dyn(x));
        });
        t.put("aten::repeat", (c, g) -> {
            Tensor x = c.tensor(0);
            long[] reps = c.longs(1);
            int extra = reps.length - x.dim();
            String xv = g.value(x);
            if (extra > 0) {
                long[] lead = new long[extra];
                for (int i = 0; i < extra; i++) lead[i] = i;
                xv = g.node("Unsqueeze", List.of(xv, g.longs(lead)));
            }
            Dyn d = g.dyn(x), nd = null;
            if (d != null) nd = new Dyn(d.axis() + extra, d.outer() * reps[d.axis() + extra], d.inner());
            g.result(c.out(), g.node("Tile", List.of(xv, g.longs(reps))), nd);
        });
        t.put("aten::flip", (c, g) -> {
            Tensor x = c.tensor(0);
            int[] dims = c.ints(1);
            long[] axes = new long[dims.length], starts = new long[dims.length], ends = new long[dims.length], steps = new long[dims.length];
            for (int i = 0; i < dims.length; i++) {
                axes[i] = wrap(dims[i], x.dim());
                starts[i] = -1;
                ends[i] = Long.MIN_VALUE;
                steps[i] = -1;
            }
            g.result(c.out(), g.node("Slice", List.of(g.value(x), g.longs(starts), g.longs(ends), g.longs(axes), g.longs(steps))),
                    g.dyn(x));
        });
        for (String op : new String[] {"aten::tril", "aten::triu"}) {
            boolean upper = op.endsWith("triu");
            t.put(op, (c, g) -> {
                if (g.opset() < 14) throw c.refuse("ONNX Trilu needs opset 14 or later");
                g.result(c.out(), g.node("Trilu", List.of(g.value(c.tensor(0)), g.constant(org.torch4j.Torch.scalarTensor(c.lng(1)))),
                        attr("upper", upper ? 1 : 0)), g.dyn(c.tensor(0)));
            });
        }
        t.put("aten::index_select", (c, g) -> {
            Tensor x = c.tensor(0), index = c.tensor(2);
            int dim = wrap(c.integer(1), Math.max(1, x.dim()));
            String r = g.node("Gather", List.of(g.value(x), g.value(index, DType.INT64)), attr("axis", dim));
            Dyn d = g.dyn(x), di = g.dyn(index);
            g.result(c.out(), r, d != null && d.axis() != dim ? d : di != null ? di.moved(dim) : null);
        });
        t.put("aten::gather", (c, g) -> {
            Tensor x = c.tensor(0);
            int dim = wrap(c.integer(1), Math.max(1, x.dim()));
            g.result(c, g.node("GatherElements", List.of(g.value(x), g.value(c.tensor(2), DType.INT64)), attr("axis", dim)));
        });
    }

    static int wrap(int dim, int rank) {
        return dim < 0 ? dim + rank : dim;
    }

    static long prod(long[] s, int from, int to) {
        long p = 1;
        for (int i = from; i < to; i++) p *= s[i];
        return p;
    }

    private static void transpose(Call c, GraphBuilder g, long[] perm) {
        String r = g.node("Transpose", List.of(g.value(c.tensor(0))), attr("perm", perm));
        Dyn d = g.dyn(c.tensor(0)), nd = null;
        if (d != null) for (int i = 0; i < perm.length; i++) if (perm[i] == d.axis()) nd = d.moved(i);
        g.result(c.out(), r, nd);
    }

    private static void slice(Call c, GraphBuilder g, int dim, long start, long end, long step) {
        Tensor x = c.tensor(0);
        Dyn d = g.dyn(x);
        boolean whole = start == 0 && end >= x.size(dim) && step == 1;
        // the whole of the dynamic dim stays whole at any batch size
        long e = d != null && d.axis() == dim && whole ? Long.MAX_VALUE : end;
        String r = g.node("Slice", List.of(g.value(x), g.longs(start), g.longs(e), g.longs(dim), g.longs(step)));
        g.result(c.out(), r, d != null && d.axis() == dim && !whole ? null : d);
    }

    /**
     * Reshape with a static target, except for the dim holding the batch, written as -1 so that the
     * model runs at any batch size. That dim is found by the element layout: the one whose inner
     * extent divides the batch's inner extent and whose extent covers the batch.
     */
    static void reshape(Call c, GraphBuilder g) {
        Tensor x = c.tensor(0), out = c.out();
        long[] target = out.shape().clone();
        Dyn d = g.dyn(x), nd = null;
        if (d != null) {
            long batch = g.batch();
            long inner = d.inner() * prod(x.shape(), d.axis() + 1, x.dim());
            for (int j = 0; j < target.length && nd == null; j++) {
                long rest = prod(target, j + 1, target.length);
                if (rest == 0 || inner % rest != 0) continue;
                long in2 = inner / rest;
                if (target[j] % (batch * in2) == 0) {
                    nd = new Dyn(j, target[j] / (batch * in2), in2);
                    target[j] = -1;
                }
            }
            if (nd == null) {
                throw c.refuse("the reshape from " + java.util.Arrays.toString(x.shape()) + " to " + java.util.Arrays.toString(out.shape())
                        + " splits the dynamic batch dim " + d.axis() + "; export without dynamic axes or reshape around the batch");
            }
        } else {
            // leading dims the reshape keeps are copied (0) from the input: a data-dependent count of boxes [n, 2, 2] -> [n, 4]
            // and a -1 asked for stays -1: [n, C, 4] -> reshape(-1, 4)
            for (int j = 0; j < Math.min(x.dim(), target.length) && target[j] == x.size(j); j++) target[j] = 0;
            long[] asked = c.longs(1);
            if (asked != null && asked.length == target.length) for (int j = 0; j < target.length; j++) if (asked[j] == -1) target[j] = -1;
        }
        g.result(out, g.node("Reshape", List.of(g.value(x), g.longs(target))), nd);
    }
}
