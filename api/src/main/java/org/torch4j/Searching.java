package org.torch4j;

/**
 * {@code searchsorted}, {@code bucketize} and {@code isin}. The binary searches run on the host (each
 * answer depends on the comparisons before it) with PyTorch's comparisons, so NaN values land after
 * every number; the indices go back to the values' device.
 */
final class Searching {
    private Searching() {}

    /**
     * For each value, the insertion position in its row of {@code sorted} (1-d, or with the same leading
     * dims as {@code values}) that keeps the row sorted: the first such position, or with {@code right}
     * the last. {@code sorter} (int64, {@code sorted}'s shape) gives the ascending order of an unsorted row.
     */
    static Tensor searchsorted(Tensor sorted, Tensor values, boolean outInt32, boolean right, Tensor sorter) {
        HostRows.checkReal(sorted, "searchsorted_out_cpu");
        HostRows.checkReal(values, "searchsorted_out_cpu");
        checkArguments(sorted, values, sorter);
        // both sides in their common dtype, as PyTorch compares them; doubles hold every float exactly
        DType common = Promotion.promoteTypes(sorted.dtype(), values.dtype());
        boolean exact = !common.isFloatingPoint();
        Tensor b = sorted.detach().to(common).contiguous().cpu(), v = values.detach().to(common).contiguous().cpu();
        double[] bd = exact ? null : b.to(DType.FLOAT64).toDoubleArray(), vd = exact ? null : v.to(DType.FLOAT64).toDoubleArray();
        long[] bl = exact ? b.to(DType.INT64).toLongArray() : null, vl = exact ? v.to(DType.INT64).toLongArray() : null;
        long[] order = sorter == null ? null : sorter.contiguous().cpu().toLongArray();
        int n = (int) sorted.size(-1);
        if (order != null) {
            // PyTorch 1.13 reads out of bounds here; later versions raise this
            for (long o : order) if (o < 0 || o >= n) throw new IndexOutOfBoundsException("torch.searchsorted(): sorter index out of range");
        }
        long count = values.numel();
        // 1-d boundaries serve every value; otherwise each row of values has its own row of boundaries
        long perRow = sorted.dim() == 1 ? Math.max(count, 1) : values.size(-1);
        long[] out = new long[Math.toIntExact(count)];
        for (int i = 0; i < count; i++) {
            int row = (int) (i / perRow) * n, lo = 0, hi = n;
            while (lo < hi) {
                int mid = lo + (hi - lo) / 2;
                int at = row + (order == null ? mid : (int) order[row + mid]);
                // PyTorch's tests, !(b >= v) and !(b > v), send NaN to the end
                boolean goRight = exact ? (right ? bl[at] <= vl[i] : bl[at] < vl[i])
                        : (right ? !(bd[at] > vd[i]) : !(bd[at] >= vd[i]));
                if (goRight) lo = mid + 1;
                else hi = mid;
            }
            out[i] = lo;
        }
        Tensor r = Torch.tensor(out, out.length).reshape(values.shape()).to(values.device());
        return outInt32 ? r.to(DType.INT32) : r;
    }

    /** The {@code side} argument ("left", "right" or null) reconciled with {@code right}, as PyTorch checks them. */
    static boolean right(boolean right, String side) {
        if (side == null) return right;
        if (!side.equals("left") && !side.equals("right")) {
            throw new IllegalArgumentException("torch.searchsorted(): side can only be 'left' or 'right' but got " + side);
        }
        if (right && side.equals("left")) {
            throw new IllegalArgumentException("torch.searchsorted(): side and right can't be set to opposites, got side of left while "
                    + "right was True");
        }
        return side.equals("right");
    }

    /** The bucket of each element of {@code input} among 1-d {@code boundaries} ({@code torch.bucketize}). */
    static Tensor bucketize(Tensor input, Tensor boundaries, boolean outInt32, boolean right) {
        if (boundaries.dim() != 1) {
            throw new IllegalArgumentException("boundaries tensor must be 1 dimension, but got dim(" + boundaries.dim() + ")");
        }
        return searchsorted(boundaries, input, outInt32, right, null);
    }

    /** Whether each element of {@code elements} occurs in {@code test} (negated with {@code invert}). */
    static Tensor isin(Tensor elements, Tensor test, boolean invert) {
        for (Tensor t : new Tensor[] {elements, test}) {
            if (t.isComplex()) {
                throw new IllegalArgumentException("Unsupported input type encountered for isin(): " + Printer.cppName(t.dtype()));
            }
        }
        DType common = Promotion.promoteTypes(elements.dtype(), test.dtype());
        Tensor sortedTest = test.detach().reshape(-1).to(common).sort(0, false).values();
        // NaN matches nothing, and sorted last it would mislead the binary search: keep the numbers only
        long m = sortedTest.numel() - (common.isFloatingPoint() ? sortedTest.isnan().countNonzero() : 0);
        sortedTest = sortedTest.narrow(0, 0, m);
        Tensor e = elements.detach().to(common);
        Tensor found;
        if (m == 0) {
            found = Torch.zeros(e.shape(), DType.BOOL, e.device());
        } else {
            Tensor pos = searchsorted(sortedTest, e.reshape(-1), false, false, null).clampMax(m - 1);
            found = sortedTest.indexSelect(0, pos).eq(e.reshape(-1)).reshape(e.shape());
        }
        return invert ? found.logicalNot() : found;
    }

    private static void checkArguments(Tensor sorted, Tensor values, Tensor sorter) {
        if (sorted.dim() == 0) {
            throw new IllegalArgumentException("torch.searchsorted(): boundaries tensor should have positive dimension, but got 0 dimension");
        }
        if (sorted.dim() > 1) {
            if (values.dim() == 0) {
                throw new IllegalArgumentException("torch.searchsorted(): input value can be a scalar only when boundaries tensor dimension "
                        + "is 1, but we got boundaries tensor dim(" + sorted.dim() + ") and input value's dim(0) numel(1)");
            }
            long[] a = sorted.shape(), b = values.shape();
            boolean match = a.length == b.length;
            for (int i = 0; match && i < a.length - 1; i++) match = a[i] == b[i];
            if (!match) {
                throw new IllegalArgumentException("torch.searchsorted(): boundaries tensor should be 1 dimension or the first N-1 "
                        + "dimensions of boundaries tensor and input value tensor must match, but we got boundaries tensor "
                        + Shapes.str(a) + " and input value tensor " + Shapes.str(b));
            }
        }
        if (sorter != null) {
            if (sorter.dtype() != DType.INT64) {
                throw new IllegalArgumentException("torch.searchsorted(): sorter must be a tensor of long dtype but got dtype "
                        + Printer.cppName(sorter.dtype()));
            }
            if (!java.util.Arrays.equals(sorter.shape(), sorted.shape())) {
                throw new IllegalArgumentException("torch.searchsorted(): boundary and sorter must have the same size, but got boundary tensor "
                        + Shapes.str(sorted.shape()) + "and got sorter tensor " + Shapes.str(sorter.shape()));
            }
        }
    }
}
