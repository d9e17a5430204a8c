package org.torch4j;

import java.util.List;

/**
 * {@code unique_consecutive}: collapses each run of equal consecutive elements (or, along a dim, of
 * equal consecutive slices) to one, with on request the run of every input position and each run's length.
 */
final class UniqueConsecutive {
    private UniqueConsecutive() {}

    /** Over the flattened input when {@code dim} is null, else over slices along {@code dim}. */
    static Unique uniqueConsecutive(Tensor t, boolean returnInverse, boolean returnCounts, Integer dim) {
        HostRows.checkReal(t, "unique");
        Tensor x = t.detach();
        if (dim == null) {
            Tensor flat = x.reshape(-1);
            Tensor isNew = runStarts(flat.numel() < 2 ? null : flat.narrow(0, 1, flat.numel() - 1).ne(flat.narrow(0, 0, flat.numel() - 1)),
                    flat.numel(), t.device());
            Unique r = collapse(isNew, returnInverse, returnCounts, t.device());
            return new Unique(flat.maskedSelect(isNew), r.inverse() == null ? null : r.inverse().reshape(t.shape()), r.counts());
        }
        if (t.dim() == 0) throw new IndexOutOfBoundsException("Dimension specified as " + dim + " but tensor has no dimensions");
        int d = Shapes.wrapDim(dim, t.dim());
        Tensor moved = x.movedim(d, 0);
        long n = moved.size(0);
        Tensor rows = moved.reshape(n, n == 0 ? 0 : moved.numel() / n);
        Tensor changed = n < 2 ? null : rows.narrow(0, 1, n - 1).ne(rows.narrow(0, 0, n - 1)).any(1, false);
        Tensor isNew = runStarts(changed, n, t.device());
        Unique r = collapse(isNew, returnInverse, returnCounts, t.device());
        Tensor starts = isNew.nonzero().reshape(-1);
        return new Unique(moved.indexSelect(0, starts).movedim(0, d), r.inverse(), r.counts());
    }

    /** True where a run begins: the first element, and wherever {@code changed} says the value moved. */
    private static Tensor runStarts(Tensor changed, long n, Device device) {
        if (n == 0) return Torch.zeros(new long[] {0}, DType.BOOL, device);
        Tensor first = Torch.ones(new long[] {1}, DType.BOOL, device);
        return changed == null ? first : Torch.cat(List.of(first, changed), 0);
    }

    /** The run index of every position and each run's length (values are left to the caller). */
    private static Unique collapse(Tensor isNew, boolean returnInverse, boolean returnCounts, Device device) {
        Tensor run = isNew.cumsum(0).sub(1L);
        long runs = isNew.countNonzero();
        Tensor counts = returnCounts
                ? Torch.zeros(new long[] {runs}, DType.INT64, device).scatterAdd_(0, run, Torch.onesLike(run)) : null;
        return new Unique(null, returnInverse ? run : null, counts);
    }
}
