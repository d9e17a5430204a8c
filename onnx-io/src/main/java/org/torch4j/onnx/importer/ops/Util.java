package org.torch4j.onnx.importer.ops;

import java.util.Arrays;
import org.torch4j.DType;
import org.torch4j.Tensor;
import org.torch4j.Torch;

/** Small helpers shared by the operator families: axes, shapes and dtype-preserving scalars. */
public final class Util {
    private Util() {}

    /** An ONNX axis (negative counts from the end) as a dim in {@code [0, rank)}. */
    static int axis(long axis, int rank) {
        long a = axis < 0 ? axis + rank : axis;
        if (a < 0 || a >= Math.max(rank, 1)) {
            throw new IndexOutOfBoundsException("axis " + axis + " is out of range for a tensor of rank " + rank);
        }
        return (int) a;
    }

    static int[] axes(long[] axes, int rank) {
        int[] out = new int[axes.length];
        for (int i = 0; i < axes.length; i++) out[i] = axis(axes[i], rank);
        return out;
    }

    static int[] allAxes(int rank) {
        int[] out = new int[rank];
        for (int i = 0; i < rank; i++) out[i] = i;
        return out;
    }

    static long prod(long[] shape, int from, int to) {
        long p = 1;
        for (int i = from; i < to; i++) p *= shape[i];
        return p;
    }

    /** Numpy's broadcast of two shapes. */
    public static long[] broadcast(long[] a, long[] b) {
        int n = Math.max(a.length, b.length);
        long[] out = new long[n];
        for (int i = 0; i < n; i++) {
            long x = i < n - a.length ? 1 : a[i - (n - a.length)];
            long y = i < n - b.length ? 1 : b[i - (n - b.length)];
            if (x != y && x != 1 && y != 1) {
                throw new IllegalArgumentException("shapes " + Arrays.toString(a) + " and " + Arrays.toString(b) + " do not broadcast");
            }
            out[i] = x == 1 ? y : x;
        }
        return out;
    }

    static boolean isFloat(Tensor t) {
        return t.dtype().isFloatingPoint();
    }

    /** A 0-dim tensor holding {@code v} with {@code like}'s dtype and device (no type promotion). */
    static Tensor scalar(double v, Tensor like) {
        return Torch.full(new long[0], v, like.dtype(), like.device());
    }

    /** A 1-D int64 tensor on {@code like}'s device. */
    static Tensor longs(long[] values, Tensor like) {
        Tensor t = Torch.tensor(values, values.length);
        return like == null || like.device().isCpu() ? t : t.to(like.device());
    }

    /** {@code t} as {@code dtype} (itself when it already is). */
    static Tensor cast(Tensor t, DType dtype) {
        return t.dtype() == dtype ? t : t.to(dtype);
    }

    /** Negative indices counted from the end of a dimension of size {@code n}, as int64. */
    static Tensor wrapIndices(Tensor idx, long n) {
        Tensor i = cast(idx, DType.INT64);
        return Torch.where(i.lt(0), i.add(n), i);
    }

    /** Ceiling division for a positive divisor. */
    static long ceilDiv(long a, long b) {
        return Math.floorDiv(a + b - 1, b);
    }

    static long[] fill(int n, long v) {
        long[] a = new long[n];
        Arrays.fill(a, v);
        return a;
    }

    static long[] or(long[] a, long[] dflt) {
        return a == null ? dflt : a;
    }

    /** Zeros added before and after one axis (negative amounts crop). */
    static Tensor padAxis(Tensor x, int axis, long before, long after) {
        long[] pads = new long[2 * (x.dim() - axis)];
        pads[pads.length - 2] = before;
        pads[pads.length - 1] = after;
        return Torch.pad(x, pads, "constant", 0);
    }
}
