package org.torch4j;

/** Reductions that return two statistics at once: {@code aminmax}, {@code var_mean} and {@code std_mean}. */
final class CombinedReductions {
    private CombinedReductions() {}

    /** The minimum and maximum over {@code dim} (all elements when null). */
    static MinMax aminmax(Tensor t, Integer dim, boolean keepdim) {
        HostRows.checkReal(t, "aminmax_cpu");
        int[] dims;
        if (dim == null) {
            if (t.numel() == 0) {
                throw new IllegalArgumentException(
                        "aminmax(): cannot compute aminmax over an empty dimension as the operation has no identity.");
            }
            dims = new int[0];
        } else {
            int d = Shapes.wrapDim(dim, t.dim());
            if (t.dim() > 0 && t.shape[d] == 0) {
                throw new IndexOutOfBoundsException("aminmax: Expected reduction dim " + d + " to have non-zero size.");
            }
            dims = new int[] {d};
        }
        return new MinMax(t.amin(dims, keepdim), t.amax(dims, keepdim));
    }

    /** The variance (with {@code correction}) and the mean over {@code dims} (all when null or empty). */
    static VarMean varMean(Tensor t, int[] dims, double correction, boolean keepdim) {
        checkFloating(t, "var_mean");
        int[] d = dims == null ? new int[0] : dims;
        return new VarMean(t.var(d, correction, keepdim), t.mean(d, keepdim));
    }

    /** The standard deviation (with {@code correction}) and the mean over {@code dims} (all when null or empty). */
    static StdMean stdMean(Tensor t, int[] dims, double correction, boolean keepdim) {
        checkFloating(t, "std_mean");
        int[] d = dims == null ? new int[0] : dims;
        return new StdMean(t.std(d, correction, keepdim), t.mean(d, keepdim));
    }

    private static void checkFloating(Tensor t, String name) {
        if (!t.isFloatingPoint() && !t.isComplex()) {
            throw new IllegalArgumentException(name + " only support floating point and complex dtypes");
        }
    }
}
