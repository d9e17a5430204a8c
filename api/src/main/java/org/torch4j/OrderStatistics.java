package org.torch4j;

/**
 * Medians, k-th smallest values, modes and msort. Which index is chosen among equal values follows
 * PyTorch's CPU kernels (computed on the host by {@link HostRows}); the values are then gathered at
 * those indices, so the gradient flows to the chosen element as in PyTorch.
 */
final class OrderStatistics {
    private OrderStatistics() {}

    /** The lower median of all elements (NaN if any is NaN, unless {@code ignoreNan}); NaN when empty. */
    static Tensor median(Tensor t, boolean ignoreNan) {
        HostRows.checkReal(t, "median_cpu");
        if (t.numel() == 0) {
            // NaN, or for integers what C's conversion of NaN gives (PyTorch returns INT64_MIN for int64)
            if (t.dtype().isFloatingPoint()) return Torch.full(Shapes.SCALAR, Double.NaN, t.dtype(), t.device());
            return Torch.full(Shapes.SCALAR, t.dtype() == DType.INT64 ? Long.MIN_VALUE : 0, t.dtype(), t.device());
        }
        Tensor flat = t.detach().reshape(-1);
        Tensor r = flat.gather(0, HostRows.pick(flat, 0, 1, medianPicker(ignoreNan))).reshape();
        if (Autograd.needed(t)) {
            // the whole-tensor median spreads its gradient over all elements equal to it, as PyTorch's
            Autograd.unary(ignoreNan ? "NanmedianBackward0" : "MedianBackward0", t, r,
                    g -> Reductions.evenlyDistribute(g, t, r), t, r);
        }
        return r;
    }

    /** The lower median along {@code dim} and its index. */
    static ValuesIndices median(Tensor t, int dim, boolean keepdim, boolean ignoreNan) {
        // PyTorch names both "median" in its messages
        return select(t, "median", "median_out", dim, keepdim, medianPicker(ignoreNan));
    }

    /**
     * PyTorch's CPU median: with a NaN, median answers the first NaN; otherwise nth_element picks position
     * (n - 1) / 2 under (value, index) order, and nanmedian position (numbers - 1) / 2 with NaN last.
     */
    private static HostRows.Picker medianPicker(boolean ignoreNan) {
        return (row, out) -> {
            int n = row.length(), nans = 0;
            for (int i = 0; i < n; i++) {
                if (row.isNan(i)) {
                    if (!ignoreNan) {
                        out[0] = i;
                        return;
                    }
                    nans++;
                }
            }
            // C++ integer division: an all-NaN row selects position 0
            out[0] = NthElement.select(n, (n - nans - 1) / 2,
                    (i, j) -> row.less(i, j) || (row.same(i, j) && i < j) || (row.isNan(j) && !row.isNan(i)));
        };
    }

    /** The {@code k}-th smallest value (1-based) along {@code dim} and its index. */
    static ValuesIndices kthvalue(Tensor t, long k, int dim, boolean keepdim) {
        HostRows.checkReal(t, "kthvalue_cpu");
        int d = Shapes.wrapDim(dim, t.dim());
        long size = t.dim() == 0 ? 1 : t.shape[d];
        if (size > 0 && (k < 1 || k > size)) {
            throw new IllegalArgumentException("kthvalue(): selected number k out of range for dimension " + d);
        }
        return select(t, "kthvalue", "kthvalue_cpu", d, keepdim, (row, out) -> out[0] = QuickSelect.select(row, (int) k - 1));
    }

    /**
     * The most frequent value along {@code dim}: the smallest of the most frequent ones, at the index that
     * ends its run once the row is ordered as PyTorch's CPU kernel orders it ({@link IntroSort}).
     */
    static ValuesIndices mode(Tensor t, int dim, boolean keepdim) {
        return select(t, "mode", "mode_cpu", dim, keepdim, (row, out) -> {
            int[] order = IntroSort.order(row);
            int best = 0, run = 0;
            for (int i = 0; i < order.length; i++) {
                run++;
                // a run ends where the next value differs (NaN differs from everything)
                if (i == order.length - 1 || !row.same(order[i], order[i + 1])) {
                    if (run > best) {
                        best = run;
                        out[0] = order[i];
                    }
                    run = 0;
                }
            }
        });
    }

    /** Sorts along the first dim ({@code torch.msort}). */
    static Tensor msort(Tensor t) {
        return t.sort(0, false).values();
    }

    /** The element picked in each row along {@code dim}, and its index. */
    private static ValuesIndices select(Tensor t, String name, String kernel, int dim, boolean keepdim, HostRows.Picker picker) {
        HostRows.checkReal(t, kernel);
        int d = Shapes.wrapDim(dim, t.dim());
        if (t.dim() > 0 && t.shape[d] == 0) {
            throw new IndexOutOfBoundsException(name + "(): Expected reduction dim " + d + " to have non-zero size.");
        }
        Tensor indices = HostRows.pick(t, d, 1, picker);
        Tensor values = gather(t, d, indices);
        if (keepdim || t.dim() == 0) return new ValuesIndices(values, indices);
        return new ValuesIndices(values.squeeze(d), indices.squeeze(d));
    }

    /** {@code t.gather(d, index)}, also for a 0-dim {@code t} (whose only index is 0). */
    static Tensor gather(Tensor t, int d, Tensor index) {
        if (t.dim() > 0) return t.gather(d, index);
        return t.reshape(1).gather(0, index.reshape(1)).reshape();
    }
}
