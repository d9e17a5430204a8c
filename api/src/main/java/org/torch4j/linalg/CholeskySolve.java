package org.torch4j.linalg;

import org.torch4j.DType;
import org.torch4j.Function;
import org.torch4j.FunctionContext;
import org.torch4j.Tensor;
import org.torch4j.internal.Internals;

/**
 * {@code torch.cholesky_solve} and {@code torch.cholesky_inverse}: {@code X = A^-1 B} for {@code A = L L^T}
 * (or {@code U^T U} when {@code upper}) given the Cholesky factor, by two triangular solves that read only
 * the factor's triangle.
 *
 * <p>Backward as PyTorch's: {@code gB = A^-1 gX} and, with {@code S = gB X^T + X gB^T}, {@code gL = -S L}
 * ({@code gU = -U S}): the derivative of {@code (L L^T)^-1 B} with respect to the whole of L, upper triangle
 * included, written with this function again so that it differentiates twice. The inverse is the solve of
 * the identity, which gives PyTorch's {@code cholesky_inverse} derivative as well.
 */
final class CholeskySolve extends Function {

    private final boolean upper;

    private CholeskySolve(boolean upper) {
        this.upper = upper;
    }

    static Tensor solve(Tensor b, Tensor l, boolean upper) {
        if (b.dim() < 2) {
            throw new IllegalArgumentException("b should have at least 2 dimensions, but has " + b.dim() + " dimensions instead");
        }
        if (l.dim() < 2) {
            throw new IllegalArgumentException("u should have at least 2 dimensions, but has " + l.dim() + " dimensions instead");
        }
        if (b.dtype() != l.dtype()) {
            throw new IllegalArgumentException("Expected b and A to have the same dtype, but found b of type " + name(b)
                    + " and A of type " + name(l) + " instead.");
        }
        checkSquare(l);
        if (b.size(-2) != l.size(-1)) {
            throw new IllegalArgumentException("Incompatible matrix sizes for cholesky_solve: each A matrix is " + l.size(-1) + " by "
                    + l.size(-1) + " but each b matrix is " + b.size(-2) + " by " + b.size(-1));
        }
        checkDtype(l, "cholesky_solve_cpu");
        long[] batch = Batches.broadcast(Matrices.batchShape(b), Matrices.batchShape(l));
        return new CholeskySolve(upper).apply1(Batches.expandBatch(b, batch), Batches.expandBatch(l, batch));
    }

    static Tensor inverse(Tensor l, boolean upper) {
        Matrices.checkMatrix("cholesky_inverse", l, "A");
        checkSquare(l, "cholesky_inverse: ");
        checkDtype(l, "cholesky_inverse_out_cpu");
        Tensor eye = Batches.expandBatch(MatrixOps.eye(l.size(-1), l), Matrices.batchShape(l));
        return new CholeskySolve(upper).apply1(eye, l);
    }

    private static void checkSquare(Tensor l) {
        checkSquare(l, "");
    }

    private static void checkSquare(Tensor l, String prefix) {
        if (l.size(-1) != l.size(-2)) {
            throw new IllegalArgumentException(prefix + "A must be batches of square matrices, but they are " + l.size(-2) + " by "
                    + l.size(-1) + " matrices");
        }
    }

    private static void checkDtype(Tensor l, String kernel) {
        DType d = l.dtype();
        if (!d.isFloatingPoint() || d == DType.FLOAT16 || d == DType.BFLOAT16) throw Kernels.notImplemented(kernel, d);
    }

    private static String name(Tensor t) {
        return Internals.get().cppName(t.dtype());
    }

    @Override
    protected Tensor[] forward(FunctionContext ctx, Tensor... in) {
        Tensor b = in[0], l = in[1];
        // L L^T X = B: L Y = B, then L^T X = Y (U^T U: U^T Y = B, then U X = Y)
        Tensor y = new TriangularSolve(false, false).apply1(upper ? l.mT() : l, b);
        Tensor x = new TriangularSolve(true, false).apply1(upper ? l : l.mT(), y);
        ctx.saveForBackward(l, x);
        return new Tensor[] {x};
    }

    @Override
    protected Tensor[] backward(FunctionContext ctx, Tensor... grad) {
        Tensor[] saved = ctx.savedTensors();
        Tensor l = saved[0], x = saved[1];
        Tensor gB = new CholeskySolve(upper).apply1(grad[0], l);
        Tensor gL = null;
        if (ctx.needsInputGrad(1)) {
            Tensor s = gB.matmul(x.mT());
            s = s.add(s.mT());
            gL = (upper ? l.matmul(s) : s.matmul(l)).neg();
        }
        return new Tensor[] {ctx.needsInputGrad(0) ? gB : null, gL};
    }
}
