package org.torch4j;

/**
 * Matrices built from or written along diagonals: diag, diagflat, diag_embed, trace,
 * diagonal_scatter and fill_diagonal_. All are composites of the strided {@code diagonal} view, so
 * their gradients (and gradients of gradients) come from it.
 */
final class Diagonals {
    private Diagonals() {}

    /** torch.diag: a 1-d tensor onto the {@code offset}-th diagonal of a square matrix, or a matrix's diagonal copied out. */
    static Tensor diag(Tensor t, long offset) {
        if (t.dim() == 1) return diagEmbed(t, offset, 0, 1);
        if (t.dim() == 2) return t.diagonal(offset, 0, 1).clone();
        throw new IllegalArgumentException("matrix or a vector expected");
    }

    /** torch.diagflat: the flattened input on the {@code offset}-th diagonal. */
    static Tensor diagflat(Tensor t, long offset) {
        return diagEmbed(t.reshape(-1), offset, 0, 1);
    }

    /**
     * torch.diag_embed: the last dim of {@code t} along the {@code offset}-th diagonal of the planes
     * ({@code dim1}, {@code dim2}) of a result with one more dim, zeros elsewhere.
     */
    static Tensor diagEmbed(Tensor t, long offset, int dim1, int dim2) {
        int rank = t.dim() + 1;
        int a = Shapes.wrapDim(dim1, rank), b = Shapes.wrapDim(dim2, rank);
        if (a == b) throw new IllegalArgumentException("diagonal dimensions cannot be identical " + dim1 + ", " + dim2);
        long n = t.dim() == 0 ? 1 : t.shape[t.dim() - 1] + Math.abs(offset);
        long[] batch = t.dim() == 0 ? Shapes.SCALAR : Views.remove(t.shape, t.dim() - 1);
        long[] shape = new long[rank];
        for (int i = 0, k = 0; i < rank; i++) shape[i] = i == a || i == b ? n : batch[k++];
        // zeros with t written along the diagonal view: the backward of diagonal(), differentiable in turn
        return Embeds.place(t.dim() == 0 ? t.reshape(1) : t, shape, z -> z.diagonal(offset, a, b));
    }

    /** torch.trace: the sum of a matrix's main diagonal (integers sum to int64). */
    static Tensor trace(Tensor t) {
        if (t.dim() != 2) throw new IllegalArgumentException("trace: expected a matrix, but got tensor with dim " + t.dim());
        return t.diagonal().sum();
    }

    /** torch.diagonal_scatter: a copy of {@code t} with {@code src} written along the chosen diagonal. */
    static Tensor diagonalScatter(Tensor t, Tensor src, long offset, int dim1, int dim2) {
        return Embeds.embed(t, src, z -> z.diagonal(offset, dim1, dim2));
    }

    /**
     * Tensor.fill_diagonal_: writes {@code value} on the main diagonal of a matrix (or of a tensor with
     * all dims equal). With {@code wrap}, a tall matrix's diagonal restarts every {@code cols + 1} rows,
     * as NumPy's fill_diagonal does.
     */
    static Tensor fillDiagonal(Tensor t, double value, boolean wrap) {
        if (t.dim() < 2) throw new IllegalArgumentException("dimensions must larger than 1");
        long n = t.shape[0];
        if (t.dim() > 2) {
            for (long s : t.shape) if (s != n) throw new IllegalArgumentException("all dimensions of input must be of equal length");
        }
        long count = Math.min(n, t.shape[1]);
        boolean wraps = wrap && t.dim() == 2 && n > t.shape[1] + 1;
        if (!wraps && !Autograd.needed(t)) {
            // element (k, k, ...) lies k * (sum of t's strides) past its start: one strided view, O(n) work
            long stride = 0;
            for (long st : t.strides) stride += st;
            t.asStrided(new long[] {count}, new long[] {stride}, t.offset).fill_(value);
            return t;
        }
        // the diagonal of the row-major flattening: every (1 + cols + cols*cols ...)-th element; marked in a
        // mask on t's device (t itself may be any view, and maskedFill_ carries autograd)
        long step = 0;
        for (long s : Shapes.contiguousStrides(t.shape)) step += s;
        long numel = t.numel();
        if (wraps) count = (numel + step - 1) / step;
        Tensor m;
        try (Torch.Mode g = GradMode.set(false, GradMode.isInference())) {
            m = Torch.zeros(new long[] {numel}, DType.BOOL, t.device());
            if (count > 0) m.asStrided(new long[] {count}, new long[] {step}).fill_(1L);
        }
        m = m.reshape(t.shape);
        return t.maskedFill_(m, value);
    }
}
