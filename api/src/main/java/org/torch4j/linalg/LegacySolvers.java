package org.torch4j.linalg;

import org.torch4j.DType;
import org.torch4j.Tensor;
import org.torch4j.internal.Internals;

/**
 * The torch-namespace forms that predate {@code torch.linalg}'s and are composed from it:
 * {@code torch.triangular_solve} (arguments reversed, A^T on request, a copy of A returned) and
 * {@code torch.lu_unpack} (P, L, U from {@code lu_factor}'s packed form). Their derivatives come from the
 * ops they are built of, which are PyTorch's (a gradient triangular like the part of A that is read; L's
 * strict lower and U's upper parts flowing back into LU).
 */
final class LegacySolvers {

    private LegacySolvers() {}

    /** {@code torch.triangular_solve(b, A, upper, transpose, unitriangular)}. */
    static TriangularSolveResult triangularSolve(Tensor b, Tensor a, boolean upper, boolean transpose, boolean unitriangular) {
        String op = "torch.triangular_solve";
        if (b.dim() < 2) {
            throw new IllegalArgumentException(op + ": Expected b to have at least 2 dimensions, but it has " + b.dim() + " dimensions instead");
        }
        if (a.dim() < 2) {
            throw new IllegalArgumentException(op + ": Expected A to have at least 2 dimensions, but it has " + a.dim() + " dimensions instead");
        }
        if (b.dtype() != a.dtype()) {
            throw new IllegalArgumentException("Expected b and A to have the same dtype, but found b of type " + name(b)
                    + " and A of type " + name(a) + " instead.");
        }
        if (a.size(-1) != a.size(-2)) {
            throw new IllegalArgumentException("A must be batches of square matrices, but they are " + a.size(-2) + " by " + a.size(-1)
                    + " matrices");
        }
        if (b.size(-2) != a.size(-1)) {
            throw new IllegalArgumentException("Incompatible matrix sizes for triangular_solve: each A matrix is " + a.size(-1) + " by "
                    + a.size(-1) + " but each b matrix is " + b.size(-2) + " by " + b.size(-1));
        }
        DType d = a.dtype();
        if (!d.isFloatingPoint() || d == DType.FLOAT16 || d == DType.BFLOAT16) throw Kernels.notImplemented("triangular_solve_cpu", d);
        long[] batch = Batches.broadcast(Matrices.batchShape(b), Matrices.batchShape(a));
        Tensor ae = Batches.expandBatch(a, batch), be = Batches.expandBatch(b, batch);
        Tensor x = transpose ? new TriangularSolve(!upper, unitriangular).apply1(ae.mT(), be)
                : new TriangularSolve(upper, unitriangular).apply1(ae, be);
        return new TriangularSolveResult(x, ae.clone());
    }

    /**
     * {@code torch.lu_unpack(LU, pivots, unpack_data, unpack_pivots)}: P {@code [..., m, m]}, L {@code [..., m, k]}
     * and U {@code [..., k, n]}; the parts not asked for are empty tensors.
     */
    static PLU luUnpack(Tensor lu, Tensor pivots, boolean unpackData, boolean unpackPivots) {
        String op = "torch.lu_unpack";
        if (lu.dim() < 2) {
            throw new IllegalArgumentException(op + ": Expected tensor with 2 or more dimensions. Got size: "
                    + java.util.Arrays.toString(lu.shape()) + " instead");
        }
        long m = lu.size(-2), n = lu.size(-1), k = Math.min(m, n);
        if (unpackPivots) {
            if (pivots.dtype() != DType.INT32) {
                throw new IllegalArgumentException(op + ": LU_pivots is expected to be a contiguous tensor of torch.int32 dtype.\n"
                        + "Note: this function is intended to be used with the output produced by torch.linalg.lu_factor");
            }
            if (pivots.dim() != lu.dim() - 1 || pivots.size(-1) != k) {
                throw new IllegalArgumentException(op + ": Expected LU_pivots.size(-1) == min(m, n), got " + pivots.size(-1) + " != " + k);
            }
        }
        Tensor p = unpackPivots ? LuFactor.permutation(pivots, m, lu) : MatrixOps.empty(lu);
        if (!unpackData) return new PLU(p, MatrixOps.empty(lu), MatrixOps.empty(lu));
        Tensor l = lu.narrow(-1, 0, k).tril(-1).add(MatrixOps.eye(m, lu).narrow(-1, 0, k));
        Tensor u = lu.narrow(-2, 0, k).triu();
        return new PLU(p, l, u);
    }

    private static String name(Tensor t) {
        return Internals.get().cppName(t.dtype());
    }
}
