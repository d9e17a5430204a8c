package org.torch4j;

/**
 * {@code nansum} and {@code nanmean}: sums and means that treat NaN as absent. Written with
 * {@code where}, so NaN positions get a zero gradient, as in PyTorch.
 */
final class NanReductions {
    private NanReductions() {}

    /** The sum over {@code dims} (all when null or empty) with NaN counted as zero, in {@code dtype} when given. */
    static Tensor nansum(Tensor t, int[] dims, boolean keepdim, DType dtype) {
        if (t.isComplex()) throw new IllegalArgumentException("nansum does not support complex inputs");
        return withoutNan(t).sum(dims == null ? new int[0] : dims, keepdim, dtype);
    }

    /** The mean of the non-NaN elements over {@code dims} (all when null or empty). */
    static Tensor nanmean(Tensor t, int[] dims, boolean keepdim, DType dtype) {
        if (!t.isFloatingPoint()) {
            throw new IllegalArgumentException("nanmean(): expected input to have floating point dtype but got "
                    + Printer.cppName(t.dtype()));
        }
        int[] d = dims == null ? new int[0] : dims;
        Tensor count = t.isnan().logicalNot().sum(d, keepdim);
        return nansum(t, d, keepdim, dtype).div(count);
    }

    private static Tensor withoutNan(Tensor t) {
        return t.isFloatingPoint() ? t.where(t.isnan().logicalNot(), 0.0) : t;
    }
}
