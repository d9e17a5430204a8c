package org.torch4j;

import java.util.ArrayList;
import java.util.List;

/**
 * Coordinate grids and tuples drawn from vectors: meshgrid, cartesian_prod and combinations. Grids
 * are broadcast views of their inputs; tuples are index_select of the input, so gradients flow back.
 */
final class Grids {
    private Grids() {}

    /** torch.meshgrid: 0-d or 1-d tensors broadcast over the grid of all their sizes; "ij" or "xy" indexing. */
    static List<Tensor> meshgrid(List<Tensor> tensors, String indexing) {
        if (tensors.isEmpty()) throw new IllegalArgumentException("meshgrid expects a non-empty TensorList");
        for (Tensor t : tensors) {
            if (t.dim() > 1) {
                throw new IllegalArgumentException("torch.meshgrid: Expected 0D or 1D tensor in the tensor list but got: " + t);
            }
        }
        Tensor first = tensors.get(0);
        for (Tensor t : tensors) {
            if (t.dtype() != first.dtype()) throw new IllegalArgumentException("meshgrid expects all tensors to have the same dtype");
            if (!t.device().equals(first.device())) {
                throw new IllegalArgumentException("meshgrid expects all tensors to have the same device");
            }
        }
        if (!indexing.equals("ij") && !indexing.equals("xy")) {
            throw new IllegalArgumentException("torch.meshgrid: indexing must be one of \"xy\" or \"ij\", but received: " + indexing);
        }
        int n = tensors.size();
        // "xy" is "ij" with the first two inputs' axes swapped (Cartesian rather than matrix indexing)
        boolean swap = indexing.equals("xy") && n >= 2;
        long[] shape = new long[n];
        for (int i = 0; i < n; i++) shape[axis(i, swap)] = tensors.get(i).numel();
        List<Tensor> grids = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            long[] along = new long[n];
            java.util.Arrays.fill(along, 1);
            along[axis(i, swap)] = shape[axis(i, swap)];
            grids.add(tensors.get(i).reshape(along).expand(shape));
        }
        return grids;
    }

    private static int axis(int i, boolean swap) {
        return swap && i < 2 ? 1 - i : i;
    }

    /** torch.cartesian_prod: every tuple of one element from each 1-d input, one tuple per row. */
    static Tensor cartesianProd(List<Tensor> tensors) {
        for (Tensor t : tensors) checkVector(t);
        if (tensors.size() == 1) return tensors.get(0);
        List<Tensor> columns = new ArrayList<>();
        for (Tensor g : meshgrid(tensors, "ij")) columns.add(g.reshape(-1));
        return Torch.stack(columns, 1);
    }

    /**
     * torch.combinations: the length-{@code r} combinations of a 1-d tensor's elements (with repeated
     * elements when {@code withReplacement}), in lexicographic order of positions, one per row.
     */
    static Tensor combinations(Tensor t, long r, boolean withReplacement) {
        checkVector(t);
        if (r < 0) throw new IllegalArgumentException("Expect a non-negative number, but got " + r);
        if (r == 0) return Torch.empty(new long[] {0}, t.dtype(), t.device());
        List<long[]> tuples = new ArrayList<>();
        collect(t.numel(), (int) r, withReplacement, new long[(int) r], 0, 0, tuples);
        if (tuples.isEmpty()) return Torch.empty(new long[] {0, r}, t.dtype(), t.device());
        List<Tensor> columns = new ArrayList<>();
        for (int j = 0; j < r; j++) {
            long[] idx = new long[tuples.size()];
            for (int k = 0; k < idx.length; k++) idx[k] = tuples.get(k)[j];
            columns.add(t.indexSelect(0, Torch.tensor(idx).to(t.device())));
        }
        return Torch.stack(columns, 1);
    }

    /** Appends the increasing (or non-decreasing) position tuples that extend {@code prefix[0..at)}. */
    private static void collect(long n, int r, boolean repeat, long[] prefix, int at, long from, List<long[]> out) {
        if (at == r) {
            out.add(prefix.clone());
            return;
        }
        for (long i = from; i < n; i++) {
            prefix[at] = i;
            collect(n, r, repeat, prefix, at + 1, repeat ? i : i + 1, out);
        }
    }

    private static void checkVector(Tensor t) {
        if (t.dim() != 1) throw new IllegalArgumentException("Expect a 1D vector, but got shape " + Shapes.str(t.shape()));
    }
}
