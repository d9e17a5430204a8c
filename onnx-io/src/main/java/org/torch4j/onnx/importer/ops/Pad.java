package org.torch4j.onnx.importer.ops;

import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.onnx.importer.OpCall;

/** ONNX Pad: constant, edge, reflect and wrap modes, any axes, negative pads crop. */
final class Pad {
    private Pad() {}

    static Tensor pad(OpCall c) {
        Tensor x = c.in(0);
        int rank = x.dim();
        long[] pads;
        double value;
        long[] axes = null;
        if (c.opset() >= 11) {
            pads = c.in(1).toLongArray();
            value = c.has(2) && c.in(2).numel() > 0 ? c.in(2).reshape(-1).get(0).item() : 0;
            axes = c.longs(3);
        } else {
            pads = c.hasAttr("pads") ? c.ints("pads") : c.ints("paddings");
            value = c.f("value", 0);
        }
        int[] dims = axes == null ? Util.allAxes(rank) : Util.axes(axes, rank);
        if (pads.length != 2 * dims.length) {
            throw new IllegalArgumentException("pads has " + pads.length + " values for " + dims.length + " axes");
        }
        long[] begin = new long[rank], end = new long[rank];
        for (int i = 0; i < dims.length; i++) {
            begin[dims[i]] = pads[i];
            end[dims[i]] = pads[i + dims.length];
        }
        String mode = c.s("mode", "constant");
        if (mode.equals("constant")) {
            long[] torchPads = new long[2 * rank];
            for (int d = 0; d < rank; d++) {
                torchPads[2 * (rank - 1 - d)] = begin[d];
                torchPads[2 * (rank - 1 - d) + 1] = end[d];
            }
            return Torch.pad(x, torchPads, "constant", value);
        }
        Tensor y = x;
        for (int d = 0; d < rank; d++) {
            if (begin[d] != 0 || end[d] != 0) y = y.indexSelect(d, indices(mode, x.size(d), begin[d], end[d], x));
        }
        return y;
    }

    /** Source positions for the padded positions {@code -begin .. n+end-1} along one axis. */
    private static Tensor indices(String mode, long n, long begin, long end, Tensor like) {
        long len = n + begin + end;
        if (len < 0) throw new IllegalArgumentException("pads remove more than the axis holds");
        if (n == 0 && len > 0) throw new IllegalArgumentException(mode + " padding of an empty axis");
        long[] idx = new long[(int) len];
        for (int k = 0; k < len; k++) {
            long i = k - begin;
            idx[k] = switch (mode) {
                case "edge" -> Math.max(0, Math.min(n - 1, i));
                case "wrap" -> Math.floorMod(i, n);
                case "reflect" -> reflect(i, n);
                default -> throw new IllegalArgumentException("unknown pad mode '" + mode + "'");
            };
        }
        return Util.longs(idx, like);
    }

    private static long reflect(long i, long n) {
        if (n == 1) return 0;
        long period = 2 * (n - 1);
        long m = Math.floorMod(i, period);
        return m < n ? m : period - m;
    }
}
