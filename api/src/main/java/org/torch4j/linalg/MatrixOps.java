package org.torch4j.linalg;

import org.torch4j.Tensor;
import org.torch4j.Torch;

/** Small differentiable matrix helpers the backward formulas of this package share. */
final class MatrixOps {

    private MatrixOps() {}

    /** The {@code n x n} identity with {@code like}'s dtype and device. */
    static Tensor eye(long n, Tensor like) {
        return Torch.eye(n).to(like);
    }

    /** {@code [..., n] -> [..., n, n]} with the vector on the diagonal ({@code torch.diag_embed}). */
    static Tensor diagEmbed(Tensor v) {
        return v.unsqueeze(-1).mul(eye(v.size(-1), v));
    }

    /** An empty tensor of shape {@code [0]} with {@code like}'s dtype and device (a result that was not computed). */
    static Tensor empty(Tensor like) {
        return Torch.zeros(new long[] {0}, like.dtype(), like.device());
    }
}
