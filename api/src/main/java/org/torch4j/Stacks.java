package org.torch4j;

import java.util.ArrayList;
import java.util.List;

/**
 * NumPy-style joining: atleast_1d/2d/3d, hstack, vstack (row_stack), dstack, column_stack and
 * block_diag. Each reshapes its inputs to a common rank, then concatenates with torch.cat, which
 * promotes dtypes and carries the gradients.
 */
final class Stacks {
    private Stacks() {}

    /** torch.atleast_1d: a 0-d tensor as shape [1]; others as they are. */
    static Tensor atleast1d(Tensor t) {
        return t.dim() == 0 ? t.reshape(1) : t;
    }

    /** torch.atleast_2d: 0-d as [1, 1], 1-d [n] as [1, n]. */
    static Tensor atleast2d(Tensor t) {
        return switch (t.dim()) {
            case 0 -> t.reshape(1, 1);
            case 1 -> t.unsqueeze(0);
            default -> t;
        };
    }

    /** torch.atleast_3d: 0-d as [1, 1, 1], [n] as [1, n, 1], [m, n] as [m, n, 1]. */
    static Tensor atleast3d(Tensor t) {
        return switch (t.dim()) {
            case 0 -> t.reshape(1, 1, 1);
            case 1 -> t.unsqueeze(0).unsqueeze(-1);
            case 2 -> t.unsqueeze(-1);
            default -> t;
        };
    }

    /** torch.hstack: 1-d inputs joined end to end, others along dim 1. */
    static Tensor hstack(List<Tensor> tensors) {
        List<Tensor> ts = reshaped("hstack", tensors, Stacks::atleast1d);
        return Torch.cat(ts, ts.get(0).dim() == 1 ? 0 : 1);
    }

    /** torch.vstack (and row_stack): inputs as rows (atleast_2d), joined along dim 0. */
    static Tensor vstack(List<Tensor> tensors) {
        return Torch.cat(reshaped("vstack", tensors, Stacks::atleast2d), 0);
    }

    /** torch.dstack: inputs as atleast_3d, joined along dim 2. */
    static Tensor dstack(List<Tensor> tensors) {
        return Torch.cat(reshaped("dstack", tensors, Stacks::atleast3d), 2);
    }

    /** torch.column_stack: 0-d and 1-d inputs as columns [n, 1], joined along dim 1. */
    static Tensor columnStack(List<Tensor> tensors) {
        return Torch.cat(reshaped("column_stack", tensors, t -> t.dim() <= 1 ? t.reshape(t.numel(), 1) : t), 1);
    }

    private static List<Tensor> reshaped(String name, List<Tensor> tensors, java.util.function.UnaryOperator<Tensor> f) {
        if (tensors.isEmpty()) throw new IllegalArgumentException(name + " expects a non-empty TensorList");
        List<Tensor> r = new ArrayList<>();
        for (Tensor t : tensors) r.add(f.apply(t));
        return r;
    }

    /**
     * torch.block_diag: the inputs (0-d as 1 x 1, 1-d as one row) along the diagonal of a matrix of
     * their promoted dtype, zeros elsewhere; no inputs give a 1 x 0 matrix.
     */
    static Tensor blockDiag(List<Tensor> tensors) {
        if (tensors.isEmpty()) return Torch.empty(new long[] {1, 0}, Torch.getDefaultDtype(), Torch.getDefaultDevice());
        Promotion.State st = new Promotion.State();
        List<Tensor> blocks = new ArrayList<>();
        long cols = 0;
        for (int i = 0; i < tensors.size(); i++) {
            Tensor t = tensors.get(i);
            if (t.dim() > 2) {
                throw new IllegalArgumentException("torch.block_diag: Input tensors must have 2 or fewer dimensions. Input " + i
                        + " has " + t.dim() + " dimensions");
            }
            Tensor b = atleast2d(t);
            blocks.add(b);
            st.tensor(b);
            cols += b.size(1);
        }
        DType dtype = st.result();
        Device device = tensors.get(0).device();
        List<Tensor> rows = new ArrayList<>();
        long before = 0;
        for (Tensor b : blocks) {
            long r = b.size(0), c = b.size(1);
            rows.add(Torch.cat(List.of(Torch.zeros(new long[] {r, before}, dtype, device), b.to(dtype),
                    Torch.zeros(new long[] {r, cols - before - c}, dtype, device)), 1));
            before += c;
        }
        return Torch.cat(rows, 0);
    }
}
