package org.torch4j.linalg;

import java.util.Arrays;
import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.internal.Internals;

/**
 * {@code linalg.ldl_factor(_ex)} and {@code linalg.ldl_solve} for real symmetric matrices: {@link HostLdl}
 * per matrix of the batch, with PyTorch's checks and messages. As in PyTorch they have no derivative: differentiating
 * their results fails ({@link NoDerivative}).
 */
final class Ldl {

    private Ldl() {}

    static LdlFactorEx factorEx(Tensor a, boolean hermitian, boolean checkErrors) {
        String op = "torch.linalg.ldl_factor_ex";
        Matrices.checkMatrix(op, a, "A");
        Matrices.checkSquareShape(op, a, "A");
        if (!a.isComplex()) {
            Matrices.checkFloating(op, a);
            Kernels.checkKernelDtype(a, "ldl_factor_cpu");
        }
        Tensor[] r = NoDerivative.apply("linalg_ldl_factor_ex", () -> factorOnHost(a, hermitian, checkErrors), a);
        return new LdlFactorEx(r[0], r[1], r[2]);
    }

    private static Tensor[] factorOnHost(Tensor a, boolean hermitian, boolean checkErrors) {
        int n = Math.toIntExact(a.size(-1));
        boolean complex = a.isComplex();
        int w = complex ? 2 : 1;  // doubles per element
        double[][] mats = Matrices.toHostElements(a);
        int[] pivots = new int[mats.length * n], info = new int[mats.length];
        int[] p = new int[n];
        for (int b = 0; b < mats.length; b++) {
            info[b] = complex ? HostComplexLdl.factor(mats[b], n, p, hermitian) : HostLdl.factor(mats[b], n, p);
            System.arraycopy(p, 0, pivots, b * n, n);
            // PyTorch returns LD's upper triangle zeroed
            for (int i = 0; i < n; i++) Arrays.fill(mats[b], w * (i * n + i + 1), w * (i + 1) * n, 0);
            if (checkErrors && info[b] != 0) {
                throw new LinAlgException("torch.linalg.ldl_factor_ex: " + Batches.element(a, b) + "The factorization could not be"
                        + " completed because the input is not invertible.");
            }
        }
        long[] batch = Matrices.batchShape(a);
        Tensor ld = Matrices.fromHostElements(mats, batch, n, n, a);
        Tensor piv = Torch.tensor(pivots).reshape(Matrices.shape(batch, n)).to(a.device());
        return new Tensor[] {ld, piv, Factorizations.info(info, a)};
    }

    static LdlFactors factor(Tensor a, boolean hermitian) {
        LdlFactorEx r = factorEx(a, hermitian, false);
        int[] info = r.info().toIntArray();
        for (int b = 0; b < info.length; b++) {
            if (info[b] != 0) {
                throw new LinAlgException("torch.linalg.ldl_factor: " + Batches.element(a, b) + "The factorization could not be"
                        + " completed because the input is not invertible.");
            }
        }
        return new LdlFactors(r.ld(), r.pivots());
    }

    /**
     * LAPACK's sytrf pivots, one row of {@code n} per matrix: {@code p > 0} swaps row k with row p (1-based) for a 1x1
     * block; a 2x2 block has the same {@code p < 0} twice. PyTorch passes other values to LAPACK unchecked (it can
     * corrupt the heap); torch4j refuses them by position.
     */
    private static void checkPivots(String op, int[] piv, int n) {
        for (int start = 0; start < piv.length; start += n) {
            for (int k = 0; k < n; k++) {
                int p = piv[start + k];
                if (p == 0 || Math.abs((long) p) > n) {
                    throw new IllegalArgumentException(op + ": invalid pivots: pivots[" + k + "] = " + p + " is not in [1, " + n
                            + "] or [-" + n + ", -1]");
                }
                if (p < 0) {
                    if (k + 1 == n || piv[start + k + 1] != p) {
                        throw new IllegalArgumentException(op + ": invalid pivots: a 2x2 block needs pivots[" + k + "] = pivots["
                                + (k + 1) + "] < 0, got " + p + (k + 1 == n ? " at the last row" : " and " + piv[start + k + 1]));
                    }
                    k++;
                }
            }
        }
    }

    static Tensor solve(Tensor ld, Tensor pivots, Tensor b, boolean hermitian) {
        String op = "torch.linalg.ldl_solve";
        Matrices.checkMatrix(op, ld, "LD");
        Matrices.checkSquareShape(op, ld, "A");
        if (b.dim() < 2) {
            throw new IndexOutOfBoundsException("Dimension out of range (expected to be in range of [" + -Math.max(b.dim(), 1) + ", "
                    + (Math.max(b.dim(), 1) - 1) + "], but got -2)");
        }
        if (!Arrays.equals(pivots.shape(), Arrays.copyOf(ld.shape(), ld.dim() - 1))) {
            throw new IllegalArgumentException(op + ": Expected LD.shape[:-1] and pivots.shape to be the same, but got pivots with shape "
                    + Arrays.toString(pivots.shape()) + " instead");
        }
        if (pivots.dtype().isFloatingPoint() || pivots.dtype().isComplex()) {
            throw new IllegalArgumentException(op + ": Expected pivots to be integers. Got " + Internals.get().cppName(pivots.dtype()));
        }
        if (b.dtype() != ld.dtype()) {
            throw new IllegalArgumentException("Expected b and A to have the same dtype, but found b of type "
                    + Internals.get().cppName(b.dtype()) + " and A of type " + Internals.get().cppName(ld.dtype()) + " instead.");
        }
        int n = Math.toIntExact(ld.size(-1)), cols = Math.toIntExact(b.size(-1));
        if (b.size(-2) != n) {
            throw new IllegalArgumentException("Incompatible matrix sizes for " + op + ": each A matrix is " + n + " by " + n
                    + " but each b matrix is " + b.size(-2) + " by " + b.size(-1));
        }
        if (!ld.isComplex()) Kernels.checkKernelDtype(ld, "ldl_solve_cpu");
        return NoDerivative.apply("linalg_ldl_solve", () -> new Tensor[] {solveOnHost(ld, pivots, b, op, hermitian)}, ld, b)[0];
    }

    private static Tensor solveOnHost(Tensor ld, Tensor pivots, Tensor b, String op, boolean hermitian) {
        int n = Math.toIntExact(ld.size(-1)), cols = Math.toIntExact(b.size(-1));
        long[] batch = Batches.broadcast(Matrices.batchShape(b), Matrices.batchShape(ld));
        boolean complex = ld.isComplex();
        Tensor be = Batches.expandBatch(b, batch);
        double[][] x = Matrices.toHostElements(be);
        double[][] factors = Matrices.toHostElements(ld);
        int[] piv = pivots.toIntArray();
        checkPivots(op, piv, n);
        int[] source = Batches.sources(batch, Matrices.batchShape(ld));
        for (int i = 0; i < x.length; i++) {
            int s = source[i];
            int[] p = Arrays.copyOfRange(piv, s * n, (s + 1) * n);
            if (complex) HostComplexLdl.solve(factors[s], p, n, x[i], cols, hermitian);
            else HostLdl.solve(factors[s], p, n, x[i], cols);
        }
        return Matrices.fromHostElements(x, batch, n, cols, b);
    }
}
