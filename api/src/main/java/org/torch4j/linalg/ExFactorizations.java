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
        if (a.isComplex()) return complexSolveEx(a, b, left, checkErrors, vector);
        LuFactor f = new LuFactor();
        Tensor[] lu = f.apply(a);
        Tensor info = Factorizations.info(f.info, a);
        int singular = -1;
        for (int i = 0; i < f.info.length && singular < 0; i++) if (f.info[i] != 0) singular = i;
        if (singular < 0) return new SolveEx(Systems.solve(a, b, left), info);
        if (checkErrors) {
            throw new LinAlgException("torch.linalg.solve_ex: " + Batches.element(a, singular)
                    + "The solver failed because the input matrix is singular.");
        }
        // as LAPACK's gesv leaves a singular system: substitution through the singular LU
        Tensor x = Systems.luSolve(lu[0], lu[1], vector ? b.unsqueeze(-1) : b, left, false);
        return new SolveEx(vector ? x.squeeze(-1) : x, info);
    }

    /** solve_ex of complex systems: their info from a complex LU, a singular system's solution NaN. */
    private static SolveEx complexSolveEx(Tensor a, Tensor b, boolean left, boolean checkErrors, boolean vector) {
        int[] info = ComplexSolve.info(a);
        for (int i = 0; i < info.length && checkErrors; i++) {
            if (info[i] != 0) {
                throw new LinAlgException("torch.linalg.solve_ex: " + Batches.element(a, i)
                        + "The solver failed because the input matrix is singular.");
            }
        }
        Tensor x = ComplexSolve.solveSingularAsNaN(a, vector ? b.unsqueeze(-1) : b, info, left);
        return new SolveEx(vector ? x.squeeze(-1) : x, Factorizations.info(info, a));
    }
}
