package org.torch4j.linalg;

import java.util.Arrays;
import org.torch4j.DType;
import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.internal.Internals;

/**
 * The linear-system solvers' argument handling (PyTorch's checks and messages, batch broadcasting, a vector
 * right-hand side, {@code left=False} through transposes) around the {@link Solve} and
 * {@link TriangularSolve} functions, and {@code lu_solve} composed from them.
 */
final class Systems {

    private Systems() {}

    /** {@code linalg.solve}: A X = B ({@code left}) or X A = B. */
    static Tensor solve(Tensor a, Tensor b, boolean left) {
        boolean complex = a.isComplex() || b.isComplex();
        boolean vector = checkSolve(a, b, left);
        Tensor bm = vector ? b.unsqueeze(-1) : b;
        long[] batch = Batches.broadcast(Matrices.batchShape(bm), Matrices.batchShape(a));
        Tensor be = Batches.expandBatch(bm, batch);
        Tensor x = complex
                ? (left ? ComplexSolve.solve(a, be) : ComplexSolve.solve(a.mT(), be.mT()).mT())
                : (left ? new Solve().apply1(a, be) : new Solve().apply1(a.mT(), be.mT()).mT());
        return vector ? x.squeeze(-1) : x;
    }

    /** {@code linalg.solve_triangular}. */
    static Tensor solveTriangular(Tensor a, Tensor b, boolean upper, boolean left, boolean unitriangular) {
        String op = "linalg.solve_triangular";
        Matrices.checkSquareShape(op, a, "A");
        Matrices.checkMatrix(op, b, "B");
        checkCompatible(op, a, b, left);
        DType common = Torch.promoteTypes(a.dtype(), b.dtype());
        if (!common.isFloatingPoint() && !common.isComplex() || common == DType.FLOAT16 || common == DType.BFLOAT16) {
            throw Kernels.notImplemented("triangular_solve_cpu", common);
        }
        a = a.to(common);
        b = b.to(common);
        return left ? triangular(a, b, upper, unitriangular) : triangular(a.mT(), b.mT(), !upper, unitriangular).mT();
    }

    /** A X = B with A's {@code upper} or lower triangle, broadcasting batch dims (no checks). */
    static Tensor triangular(Tensor a, Tensor b, boolean upper, boolean unit) {
        long[] batch = Batches.broadcast(Matrices.batchShape(b), Matrices.batchShape(a));
        if (a.isComplex()) {
            // the triangle (with a unit diagonal) as a full matrix through the complex solve: its gradient is zero
            // off the triangle, as PyTorch's; a zero on the diagonal raises where LAPACK's trsm divides by it
            Tensor tri = upper ? a.triu() : a.tril();
            if (unit) tri = Torch.where(Torch.eye(a.size(-1)).to(a.device()).gt(0.5), MatrixOps.eye(a.size(-1), a), tri);
            return ComplexSolve.solve(Batches.expandBatch(tri, batch), Batches.expandBatch(b, batch));
        }
        return new TriangularSolve(upper, unit).apply1(Batches.expandBatch(a, batch), Batches.expandBatch(b, batch));
    }

    /**
     * {@code linalg.lu_solve}: with {@code A = P L U} packed in {@code lu}, {@code X = U^-1 L^-1 P^T B}
     * (adjoint: {@code X = P L^-T U^-T B}); two triangular solves and a permutation, so the gradients with
     * respect to LU and B come from theirs.
     */
    static Tensor luSolve(Tensor lu, Tensor pivots, Tensor b, boolean left, boolean adjoint) {
        String op = "linalg.lu_solve";
        Matrices.checkMatrix(op, b, "B");
        if (lu.isComplex()) Matrices.checkSquareShape("torch." + op, lu, "A");
        else Matrices.checkSquare("torch." + op, lu, "A");
        if (pivots.dtype() != DType.INT32) {
            throw new IllegalArgumentException(op + ": pivots should be a Tensor of scalar type torch.int32");
        }
        if (pivots.dim() != lu.dim() - 1 || pivots.size(-1) != lu.size(-1)) {
            throw new IllegalArgumentException(op + ": Number of pivots per batch should be same as the dimension of the matrix");
        }
        checkCompatible(op, lu, b, left);
        sameDtype(op, lu, b);
        // X A = B is A^H X^H = B^H (for real matrices the transpose)
        if (!left) return permutedSolve(lu, pivots, b.mH(), !adjoint).mH();
        return permutedSolve(lu, pivots, b, adjoint);
    }

    private static Tensor permutedSolve(Tensor lu, Tensor pivots, Tensor b, boolean adjoint) {
        Tensor p = LuFactor.permutation(pivots, lu.size(-1), lu);
        if (!adjoint) return triangular(lu, triangular(lu, p.mT().matmul(b), false, true), true, false);
        Tensor y = triangular(lu.mH(), b, false, false);
        return p.matmul(triangular(lu.mH(), y, true, true));
    }

    /**
     * linalg.solve's checks in PyTorch's order (dtype, then shapes, then the LU kernel's dtype error); whether B is
     * a (batch of) vector(s): 1-d, or A's shape without the last dim.
     */
    static boolean checkSolve(Tensor a, Tensor b, boolean left) {
        String op = "linalg.solve";
        if (!a.isComplex()) Matrices.checkFloating(op, a);
        sameDtype(op, a, b);
        boolean vector = b.dim() == 1
                || (a.dim() >= 1 && b.dim() == a.dim() - 1 && Arrays.equals(b.shape(), Arrays.copyOf(a.shape(), a.dim() - 1)));
        Tensor bm = vector ? b.unsqueeze(-1) : b;
        Matrices.checkSquareShape(op, a, "A");
        Matrices.checkMatrix(op, bm, "B");
        checkCompatible(op, a, bm, left);
        Batches.broadcast(Matrices.batchShape(bm), Matrices.batchShape(a));
        if (!left && vector) {  // (A would be 1 x 1 there)
            throw new IllegalArgumentException(op + ": Vector broadcasting of the left hand side is not supported for left=False. "
                    + "In this case linalg.solve is equivalent to B / A.squeeze(-1)");
        }
        if (a.dtype() == DType.FLOAT16 || a.dtype() == DType.BFLOAT16) throw Kernels.notImplemented("lu_cpu", a.dtype());
        return vector;
    }

    private static void sameDtype(String op, Tensor a, Tensor b) {
        if (a.dtype() != b.dtype()) {
            throw new IllegalArgumentException(op + ": Expected A and B to have the same dtype, but found A of type "
                    + Internals.get().cppName(a.dtype()) + " and B of type " + Internals.get().cppName(b.dtype()) + " instead");
        }
    }

    /** B's rows (left) or columns must match A's order. */
    private static void checkCompatible(String op, Tensor a, Tensor b, boolean left) {
        long n = a.size(-1);
        if ((left ? b.size(-2) : b.size(-1)) != n) {
            throw new IllegalArgumentException(op + ": Incompatible shapes of A and B for the equation " + (left ? "AX = B" : "XA = B")
                    + " (" + n + "x" + n + " and " + b.size(-2) + "x" + b.size(-1) + ")");
        }
    }
}
