package org.torch4j;

import org.torch4j.spi.HostStorage;

/**
 * The rows of a tensor along one dim, copied to the host, for choices that are data dependent and
 * sequential (which index a median or a running maximum picks). Only indices are computed here; the
 * callers gather the values with tensor ops, so results stay on the input's device and stay differentiable.
 */
final class HostRows {
    private HostRows() {}

    /** Chooses {@code out.length} indices within one row. */
    @FunctionalInterface
    interface Picker {
        void pick(Row row, long[] out);
    }

    /**
     * One row's values, compared as PyTorch's CPU kernels compare them: integers exactly (as longs),
     * floating values as doubles.
     */
    static final class Row {
        private final double[] d;
        private final long[] l;
        private int offset, length;

        private Row(double[] d, long[] l) {
            this.d = d;
            this.l = l;
        }

        int length() {
            return length;
        }

        boolean isNan(int i) {
            return d != null && Double.isNaN(d[offset + i]);
        }

        /** Whether element i is less than element j (false when either is NaN). */
        boolean less(int i, int j) {
            return d != null ? d[offset + i] < d[offset + j] : l[offset + i] < l[offset + j];
        }

        /** Whether element i equals element j (NaN equals nothing). */
        boolean same(int i, int j) {
            return d != null ? d[offset + i] == d[offset + j] : l[offset + i] == l[offset + j];
        }

        /** Less, with NaN above every number: the order PyTorch's sorts and selections use. */
        boolean lessNanLast(int i, int j) {
            return less(i, j) || (!isNan(i) && isNan(j));
        }
    }

    /** Ordering is undefined for complex numbers: PyTorch's CPU kernels have no complex version. */
    static void checkReal(Tensor x, String kernel) {
        if (x.isComplex()) {
            throw new IllegalArgumentException("\"" + kernel + "\" not implemented for '" + Printer.cppName(x.dtype()) + "'");
        }
    }

    /**
     * Runs {@code picker} on every row of {@code x} along {@code dim} (already wrapped; a 0-dim tensor is
     * one row of one element) and returns the picked indices as int64 on the input's device, shaped as
     * {@code x} with that dim of size {@code width}.
     */
    static Tensor pick(Tensor x, int dim, int width, Picker picker) {
        Tensor rows = (x.dim() == 0 ? x.reshape(1) : x).detach().movedim(dim, -1).contiguous().cpu();
        long[] shape = rows.shape();
        int n = (int) shape[shape.length - 1];
        Row row = x.dtype().isFloatingPoint() ? new Row(rows.toDoubleArray(), null)
                : new Row(null, rows.to(DType.INT64).toLongArray());
        long count = n == 0 ? 0 : rows.numel() / n;
        long[] out = new long[Math.toIntExact(count * width)];
        long[] one = new long[width];
        row.length = n;
        for (int r = 0; r < count; r++) {
            row.offset = r * n;
            picker.pick(row, one);
            System.arraycopy(one, 0, out, r * width, width);
        }
        shape[shape.length - 1] = width;
        // the fresh array becomes the tensor's storage as it is (Torch.tensor would copy it: 8 MB for a million rows' worth)
        Tensor idx = new Tensor(HostStorage.wrap(DType.INT64, out), shape, Shapes.contiguousStrides(shape), 0)
                .movedim(-1, x.dim() == 0 ? 0 : dim);
        if (x.dim() == 0) idx = idx.reshape();
        return idx.contiguous().to(x.device());
    }
}
