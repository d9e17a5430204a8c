package org.torch4j.linalg;

import org.torch4j.Tensor;

/**
 * The {@code _ex} forms that report singular matrices in an int32 {@code info} instead of throwing, unless
 * {@code check_errors}: {@code linalg.lu_factor_ex} and {@code linalg.solve_ex}.
 */
final class ExFactorizations {

    private ExFactorizations() {}

    static LuFactorEx luFactorEx(Tensor a, boolean pivot, boolean checkErrors) {
        Factorizations.checkLuInput("torch.lu_factor", a);
        if (!pivot) throw new IllegalArgumentException("linalg.lu_factor: LU without pivoting is not implemented on the CPU");
        LuFactor f = new LuFactor();
        Tensor[] r = f.apply(a);
        if (checkErrors) {
            for (int i = 0; i < f.info.length; i++) {
                if (f.info[i] != 0) {
                    throw new LinAlgException("torch.linalg.lu_factor_ex: " + Batches.element(a, i) + "U[" + f.info[i] + "," + f.info[i]
                            + "] is zero and using it on lu_solve would result in a division by zero. If you still want to perform"
                            + " the factorization, consider calling linalg.lu(A, pivot) or linalg.lu_factor_ex(A, pivot)");
                }
            }
        }
        return new LuFactorEx(r[0], r[1], Factorizations.info(f.info, a));
    }

    /**
     * {@code linalg.solve_ex}: {@link Linalg#solve}'s result and rules (vectors, broadcasting, {@code left}),
     * with the info of A's LU; a singular A gives the LU substitution's infinities and NaNs.
     */
    static SolveEx solveEx(Tensor a, Tensor b, boolean left, boolean checkErrors) {
        boolean vector = Systems.checkSolve(a, b, left);
        Tensor bm = vector ? b.unsqueeze(-1) : b;
        if (a.isComplex()) {  // info from a complex LU, a singular system's solution NaN
            int[] info = ComplexSolve.info(a);
            if (checkErrors) checkNonSingular(a, info);
            return result(ComplexSolve.solveSingularAsNaN(a, bm, info, left), vector, info, a);
        }
        LuFactor f = new LuFactor();
        Tensor[] lu = f.apply(a);
        if (checkErrors) checkNonSingular(a, f.info);
        if (java.util.Arrays.stream(f.info).allMatch(i -> i == 0)) {
            return new SolveEx(Systems.solve(a, b, left), Factorizations.info(f.info, a));
        }
        // as LAPACK's gesv leaves a singular system: substitution through the singular LU
        return result(Systems.luSolve(lu[0], lu[1], bm, left, false), vector, f.info, a);
    }

    /** PyTorch's error for the first singular matrix of {@code a} (a non-zero info). */
    private static void checkNonSingular(Tensor a, int[] info) {
        for (int i = 0; i < info.length; i++) {
            if (info[i] != 0) {
                throw new LinAlgException("torch.linalg.solve_ex: " + Batches.element(a, i)
                        + "The solver failed because the input matrix is singular.");
            }
        }
    }

    /** The solution of the matrix form, back to vectors where B was, with the info per matrix of A. */
    private static SolveEx result(Tensor x, boolean vector, int[] info, Tensor a) {
        return new SolveEx(vector ? x.squeeze(-1) : x, Factorizations.info(info, a));
    }
}
