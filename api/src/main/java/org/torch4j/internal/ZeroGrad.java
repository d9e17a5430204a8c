package org.torch4j.internal;

import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.sparse.Sparse;
import org.torch4j.sparse.SparseCooTensor;

/** {@code zero_grad} of one tensor, shared by {@code Module.zeroGrad} and {@code Optimizer.zeroGrad}. */
public final class ZeroGrad {
    private ZeroGrad() {}

    /**
     * Drops the gradients ({@code setToNone}) or zeroes them in place: the dense one detached and filled with 0,
     * a sparse one emptied (every dim sparse, no entries, as PyTorch's {@code zero_()} leaves it).
     */
    public static void of(Tensor p, boolean setToNone) {
        SparseCooTensor sparse = p.sparseGrad();
        if (sparse != null) p.setSparseGrad(setToNone ? null : Sparse.zeros(p.shape(), sparse.dtype(), sparse.device()));
        Tensor grad = p.grad();
        if (grad == null) return;
        if (setToNone) {
            p.setGrad(null);
        } else {
            try (var m = Torch.noGrad()) {
                grad.detach_().zero_();
            }
        }
    }
}
