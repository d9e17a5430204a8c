package org.torch4j.linalg;

import org.torch4j.Function;
import org.torch4j.FunctionContext;
import org.torch4j.Tensor;

/**
 * The inverse of square matrices through a pivoted LU in double precision ({@code getrf} + {@code getri}).
 *
 * <p>What a singular matrix (an exactly zero pivot) gives depends on the caller: {@link Singular#THROW}
 * raises {@code linalg.inv}'s error; {@link Singular#REPORT} keeps LAPACK's info in {@link #info} and returns
 * what the substitution gives (infinities, NaNs); {@link Singular#PERTURB} replaces the zero pivots by the
 * dtype's machine epsilon first, as PyTorch's determinant backward does, so that {@code det(A) * A^-T} is a
 * finite 0 at a singular A.
 *
 * <p>Backward: {@code gA = -X^T gX X^T} with the saved output X, which stays differentiable.
 */
final class Inverse extends Function {

    /** What to do with a singular matrix. */
    enum Singular { THROW, REPORT, PERTURB }

    private final Singular singular;

    /** LAPACK's info per matrix of the last forward: 0, or the 1-based index of the first zero pivot. */
    int[] info;

    Inverse(Singular singular) {
        this.singular = singular;
    }

    @Override
    protected Tensor[] forward(FunctionContext ctx, Tensor... in) {
        Tensor a = in[0];
        int n = Math.toIntExact(a.size(-1));
        double eps = Math.ulp(a.dtype() == org.torch4j.DType.FLOAT64 ? 1.0 : 1.0f);
        // PyTorch factors A^T when A is contiguous (A^T is then column-major, as LAPACK wants it); the index in
        // its singular-matrix message is that factorization's, so the same matrix is factored here
        boolean transposed = a.isContiguous();
        double[][] lu = Matrices.toHost(transposed ? a.mT() : a), x = new double[lu.length][];
        int[] pivots = new int[n];
        info = new int[lu.length];
        for (int i = 0; i < lu.length; i++) {
            info[i] = HostLu.factor(lu[i], n, n, pivots);
            if (info[i] != 0 && singular == Singular.THROW) throw singularMatrix(a, i, info[i]);
            for (int j = 0; info[i] != 0 && singular == Singular.PERTURB && j < n; j++) {
                if (lu[i][j * n + j] == 0) lu[i][j * n + j] = eps;
            }
            x[i] = HostLu.inverse(lu[i], pivots, n);
        }
        Tensor out = Matrices.fromHost(x, Matrices.batchShape(a), n, n, a);
        if (transposed) out = out.mT().contiguous();
        ctx.saveForBackward(out);
        return new Tensor[] {out};
    }

    @Override
    protected Tensor[] backward(FunctionContext ctx, Tensor... grad) {
        Tensor xT = ctx.savedTensors()[0].mT();
        return new Tensor[] {xT.matmul(grad[0]).matmul(xT).neg()};
    }

    /** PyTorch's error for matrix {@code index} of {@code a}, whose LU has a zero at diagonal element {@code info}. */
    static LinAlgException singularMatrix(Tensor a, int index, int info) {
        return new LinAlgException("linalg.inv: " + Batches.element(a, index) + "The diagonal element " + info
                + " is zero, the inversion could not be completed because the input matrix is singular.");
    }
}
