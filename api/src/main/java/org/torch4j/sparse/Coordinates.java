package org.torch4j.sparse;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.torch4j.Tensor;
import org.torch4j.Torch;

/** Index arithmetic shared by the sparse layouts: row-major linear indices of coordinates, and back. */
final class Coordinates {
    private Coordinates() {}

    /** The product of {@code sizes}, 1 for none. */
    static long product(long[] sizes) {
        long n = 1;
        for (long s : sizes) n = Math.multiplyExact(n, s);
        return n;
    }

    /** The row-major linear index [nnz] of each column of {@code indices} [k, nnz] in a grid of {@code sizes} (k). */
    static Tensor linear(Tensor indices, long[] sizes) {
        if (sizes.length == 0) return Torch.zeros(new long[] {indices.size(1)}, org.torch4j.DType.INT64, indices.device());
        Tensor lin = indices.select(0, 0);
        for (int d = 1; d < sizes.length; d++) lin = lin.mul(sizes[d]).add(indices.select(0, d));
        return lin;
    }

    /** The coordinates [k, n] of row-major linear indices {@code lin} [n] in a grid of {@code sizes} (k). */
    static Tensor unravel(Tensor lin, long[] sizes) {
        Tensor[] rows = new Tensor[sizes.length];
        Tensor rest = lin;
        for (int d = sizes.length - 1; d >= 0; d--) {
            rows[d] = rest.remainder(sizes[d]);
            rest = rest.div(sizes[d], "floor");
        }
        if (rows.length == 0) return Torch.zeros(new long[] {0, lin.numel()}, org.torch4j.DType.INT64, lin.device());
        return Torch.stack(Arrays.asList(rows), 0);
    }

    /** C++'s print of a size list: {@code [2, 3]}. */
    static String list(long[] sizes) {
        List<String> parts = new ArrayList<>();
        for (long s : sizes) parts.add(Long.toString(s));
        return "[" + String.join(", ", parts) + "]";
    }

    /** {@code shape} with {@code first} in front. */
    static long[] prepend(long first, long[] shape) {
        long[] out = new long[shape.length + 1];
        out[0] = first;
        System.arraycopy(shape, 0, out, 1, shape.length);
        return out;
    }
}
