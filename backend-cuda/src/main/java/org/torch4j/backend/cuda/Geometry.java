package org.torch4j.backend.cuda;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.torch4j.spi.Strided;

/**
 * The iteration space of an elementwise kernel over operands of one shape: dimensions merged where
 * every operand is contiguous across them and size-1 dimensions dropped, so a contiguous tensor is
 * one dimension. Packs the {@code Geo} and {@code Lay} structs of {@code common.cuh}; iteration
 * spaces of more than {@link #MAX_DIMS} dimensions are cut into slices over the leading ones.
 */
final class Geometry {

    /** {@code MAXD} of {@code common.cuh}. */
    static final int MAX_DIMS = 8;

    final long[] shape;
    final long[][] strides;
    final long[] offsets;

    private Geometry(long[] shape, long[][] strides, long[] offsets) {
        this.shape = shape;
        this.strides = strides;
        this.offsets = offsets;
    }

    /** The merged iteration space of {@code operands} (all of {@code shape}). */
    static Geometry of(long[] shape, Strided... operands) {
        long[][] strides = new long[operands.length][];
        long[] offsets = new long[operands.length];
        for (int k = 0; k < operands.length; k++) {
            strides[k] = operands[k].strides();
            offsets[k] = operands[k].offset();
        }
        return of(shape, strides, offsets);
    }

    /** The merged iteration space of operands given by their strides (over {@code shape}) and offsets. */
    static Geometry of(long[] shape, long[][] operandStrides, long[] operandOffsets) {
        int n = operandStrides.length;
        List<Integer> dims = new ArrayList<>();
        for (int d = 0; d < shape.length; d++) if (shape[d] != 1) dims.add(d);
        List<long[]> merged = new ArrayList<>(); // {size, stride_0 .. stride_n-1}
        for (int d : dims) {
            long[] cur = new long[n + 1];
            cur[0] = shape[d];
            for (int k = 0; k < n; k++) cur[k + 1] = operandStrides[k][d];
            if (!merged.isEmpty()) {
                long[] prev = merged.get(merged.size() - 1);
                boolean canMerge = true;
                for (int k = 0; k < n; k++) canMerge &= prev[k + 1] == cur[k + 1] * cur[0];
                if (canMerge) {
                    prev[0] *= cur[0];
                    for (int k = 0; k < n; k++) prev[k + 1] = cur[k + 1];
                    continue;
                }
            }
            merged.add(cur);
        }
        long[] s = new long[merged.size()];
        long[][] st = new long[n][merged.size()];
        for (int i = 0; i < s.length; i++) {
            s[i] = merged.get(i)[0];
            for (int k = 0; k < n; k++) st[k][i] = merged.get(i)[k + 1];
        }
        return new Geometry(s, st, operandOffsets.clone());
    }

    /** Dimensions kept as they are (no merging), for kernels that need the coordinates themselves. */
    static Geometry exact(long[] shape, long[][] strides, long[] offsets) {
        return new Geometry(shape, strides, offsets);
    }

    long numel() {
        long n = 1;
        for (long s : shape) n *= s;
        return n;
    }

    int rank() {
        return shape.length;
    }

    /** Runs {@code action} on this space, or on slices of it of at most {@link #MAX_DIMS} dimensions. */
    void forEachSlice(Consumer<Geometry> action) {
        if (shape.length <= MAX_DIMS) {
            action.accept(this);
            return;
        }
        long[] rest = java.util.Arrays.copyOfRange(shape, 1, shape.length);
        for (long i = 0; i < shape[0]; i++) {
            long[][] st = new long[strides.length][];
            long[] off = new long[offsets.length];
            for (int k = 0; k < strides.length; k++) {
                st[k] = java.util.Arrays.copyOfRange(strides[k], 1, strides[k].length);
                off[k] = offsets[k] + i * strides[k][0];
            }
            new Geometry(rest, st, off).forEachSlice(action);
        }
    }

    /** The {@code Geo} struct: numel, rank, sizes. */
    long[] geo() {
        return geo(shape);
    }

    static long[] geo(long[] shape) {
        if (shape.length > MAX_DIMS) {
            throw new IllegalArgumentException("CUDA kernels take at most " + MAX_DIMS + " dimensions here, got " + shape.length);
        }
        long[] g = new long[2 + MAX_DIMS];
        long n = 1;
        for (long s : shape) n *= s;
        g[0] = n;
        g[1] = shape.length;
        System.arraycopy(shape, 0, g, 2, shape.length);
        return g;
    }

    /** The {@code Lay} struct of operand {@code k}: offset, strides. */
    long[] lay(int k) {
        return lay(offsets[k], strides[k]);
    }

    static long[] lay(long offset, long[] strides) {
        if (strides.length > MAX_DIMS) {
            throw new IllegalArgumentException("CUDA kernels take at most " + MAX_DIMS + " dimensions here, got " + strides.length);
        }
        long[] l = new long[1 + MAX_DIMS];
        l[0] = offset;
        System.arraycopy(strides, 0, l, 1, strides.length);
        return l;
    }
}
