package org.torch4j;

/**
 * The BLAS-style {@code beta * input + alpha * product} ops that torch4j lacked: addmv (matrix-vector),
 * addr (outer product) and addbmm (sum of a batch of matrix products). addmv and addbmm lower to
 * addmm (one GEMM); addr is elementwise. As in PyTorch, beta = 0 ignores input's values (NaN included).
 */
final class AddProducts {
    private AddProducts() {}

    /** torch.addmv: beta * input + alpha * (mat @ vec). */
    static Tensor addmv(Tensor input, Tensor mat, Tensor vec, double beta, double alpha) {
        if (mat.dim() != 2 || vec.dim() != 1 || input.dim() > 1) {
            throw new IllegalArgumentException("vector + matrix @ vector expected, got " + input.dim() + ", " + mat.dim() + ", "
                    + vec.dim());
        }
        if (mat.size(1) != vec.size(0) || (mat.size(0) != input.numel() && input.numel() != 1)) {
            throw new IllegalArgumentException("size mismatch, got " + (input.dim() == 0 ? 1 : input.size(0)) + ", " + mat.size(0)
                    + "x" + mat.size(1) + "," + vec.size(0));
        }
        Contractions.sameDtype(mat, vec);
        return LinAlg.addmm(input.reshape(-1, 1), mat, vec.unsqueeze(1), beta, alpha).squeeze(1);
    }

    /**
     * torch.addr: beta * input + alpha * outer(vec1, vec2), in the promoted dtype of the three; for
     * bool tensors the logical form (beta and input) or (alpha and vec1 and vec2).
     */
    static Tensor addr(Tensor input, Tensor vec1, Tensor vec2, double beta, double alpha) {
        if (vec1.dim() != 1) throw new IllegalArgumentException("addr: Expected 1-D argument vec1, but got " + vec1.dim() + "-D");
        if (vec2.dim() != 1) throw new IllegalArgumentException("addr: Expected 1-D argument vec2, but got " + vec2.dim() + "-D");
        long[] shape = {vec1.size(0), vec2.size(0)};
        Tensor in = input.expand(shape);
        DType dtype = Promotion.promoteTypes(Promotion.promoteTypes(input.dtype(), vec1.dtype()), vec2.dtype());
        Tensor outer = vec1.unsqueeze(1).mul(vec2.unsqueeze(0));
        if (dtype == DType.BOOL) {
            Tensor prod = alpha != 0 ? outer : Torch.zerosLike(outer);
            return beta != 0 ? in.logicalOr(prod) : prod.clone();
        }
        if (!dtype.isFloatingPoint() && !dtype.isComplex()) {
            checkIntegral("beta", beta);
            checkIntegral("alpha", alpha);
        }
        Tensor scaled = scale(outer.to(dtype), alpha);
        return beta == 0 ? scaled : scale(in.to(dtype), beta).add(scaled);
    }

    /**
     * torch.addbmm: beta * input + alpha * sum over the batch of batch1[b] @ batch2[b], as one GEMM of
     * the batches laid side by side ([M, B*K] @ [B*K, N]).
     */
    static Tensor addbmm(Tensor input, Tensor batch1, Tensor batch2, double beta, double alpha) {
        batch1.size(2); // PyTorch reads size(2) first: its dim error for fewer dims
        batch2.size(2);
        if (batch1.dim() != 3) throw new IllegalArgumentException("batch1 must be a 3D tensor");
        if (batch2.dim() != 3) throw new IllegalArgumentException("batch2 must be a 3D tensor");
        long b = batch1.size(0), m = batch1.size(1), k = batch1.size(2), n = batch2.size(2);
        if (batch2.size(0) != b) {
            throw new IllegalArgumentException("batch1 and batch2 must have same number of batches, got " + b + " and " + batch2.size(0));
        }
        if (batch2.size(1) != k) {
            throw new IllegalArgumentException("Incompatible matrix sizes for bmm (" + m + "x" + k + " and " + batch2.size(1) + "x" + n + ")");
        }
        if (batch1.dtype() != batch2.dtype()) throw new IllegalArgumentException("self and mat2 must have the same dtype");
        input.expand(m, n); // PyTorch's message for an input that does not broadcast
        Tensor left = batch1.permute(1, 0, 2).reshape(m, b * k);
        return LinAlg.addmm(input, left, batch2.reshape(b * k, n), beta, alpha);
    }

    private static void checkIntegral(String name, double v) {
        if (v != Math.rint(v)) {
            throw new IllegalArgumentException("For integral input tensors, argument " + name + " must not be a floating point number.");
        }
    }

    /** t * s, keeping integer tensors integral (a Java double would promote them to float). */
    private static Tensor scale(Tensor t, double s) {
        if (s == 1) return t;
        return t.dtype().isFloatingPoint() || t.isComplex() ? t.mul(s) : t.mul((long) s);
    }
}
