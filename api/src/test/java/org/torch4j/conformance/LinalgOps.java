package org.torch4j.conformance;

import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Function;
import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.linalg.EigResult;
import org.torch4j.linalg.EighResult;
import org.torch4j.linalg.Linalg;
import org.torch4j.linalg.SvdResult;

/**
 * The {@code torch.linalg} ops of the kit ({@code linalg_*} in {@code tools/gen_tensor_reference.py}), which
 * {@code tools/fuzz_against_pytorch.py --linalg} draws. Each returns a tensor or one of {@link Linalg}'s result
 * records (whose components {@link Ops#results} lists in order). Singular and eigen vectors are phase-normalised
 * as the generator's {@code _phased} does, since either side may choose any unit factor per vector.
 */
final class LinalgOps {
    private LinalgOps() {}

    static void register(BiConsumer<String, Function<Ops.Args, Object>> op) {
        op.accept("linalg_inv", a -> Linalg.inv(a.t(0)));
        op.accept("linalg_inv_ex", a -> Linalg.invEx(a.t(0)));
        op.accept("linalg_det", a -> Linalg.det(a.t(0)));
        op.accept("linalg_slogdet", a -> Linalg.slogdet(a.t(0)));
        op.accept("linalg_solve", a -> Linalg.solve(a.t(0), a.t(1), a.b(2)));
        op.accept("linalg_solve_ex", a -> Linalg.solveEx(a.t(0), a.t(1), a.b(2), false));
        op.accept("linalg_lu_factor", a -> Linalg.luFactor(a.t(0)));
        op.accept("linalg_lu_factor_ex", a -> Linalg.luFactorEx(a.t(0), a.b(1), false));
        op.accept("linalg_lu", a -> Linalg.lu(a.t(0)));
        op.accept("linalg_lu_solve", a -> Linalg.luSolve(a.t(0), a.t(1), a.t(2), a.b(3), a.b(4)));
        op.accept("linalg_solve_triangular", a -> Linalg.solveTriangular(a.t(0), a.t(1), a.b(2), a.b(3), a.b(4)));
        op.accept("linalg_cholesky", a -> Linalg.cholesky(a.t(0), a.b(1)));
        op.accept("linalg_cholesky_ex", a -> Linalg.choleskyEx(a.t(0), a.b(1)));
        op.accept("linalg_matrix_power", a -> Linalg.matrixPower(a.t(0), a.l(1)));
        op.accept("linalg_matrix_exp", a -> Linalg.matrixExp(a.t(0)));
        op.accept("linalg_multi_dot", a -> Linalg.multiDot(a.tensors(0).toArray(Tensor[]::new)));
        op.accept("linalg_cross", a -> Linalg.cross(a.t(0), a.t(1), a.i(2)));
        op.accept("linalg_vecdot", a -> Linalg.vecdot(a.t(0), a.t(1), a.i(2)));
        op.accept("linalg_matrix_norm", a -> a.get(1) instanceof String s
                ? Linalg.matrixNorm(a.t(0), s, a.ints(2), a.b(3)) : Linalg.matrixNorm(a.t(0), a.d(1), a.ints(2), a.b(3)));
        op.accept("linalg_norm", a -> a.get(1) instanceof String s
                ? Linalg.norm(a.t(0), s, a.ints(2), a.b(3)) : Linalg.norm(a.t(0), a.dOrNull(1), a.ints(2), a.b(3)));
        op.accept("linalg_cond", a -> !a.has(1) ? Linalg.cond(a.t(0))
                : a.get(1) instanceof String s ? Linalg.cond(a.t(0), s) : Linalg.cond(a.t(0), a.d(1)));
        op.accept("linalg_pinv", a -> Linalg.pinv(a.t(0), a.dOrNull(1), a.dOrNull(2), a.b(3)));
        op.accept("linalg_lstsq", a -> Linalg.lstsq(a.t(0), a.t(1), a.dOrNull(2)).solution());
        op.accept("linalg_matrix_rank", a -> Linalg.matrixRank(a.t(0), a.dOrNull(1), a.dOrNull(2), a.b(3)));
        op.accept("linalg_svd_phased", a -> svdPhased(a.t(0)));
        op.accept("linalg_svdvals", a -> Linalg.svdvals(a.t(0)));
        op.accept("linalg_eigh_phased", a -> {
            EighResult r = Linalg.eigh(a.t(0), a.s(1));
            return List.of(r.eigenvalues(), phased(r.eigenvectors()));
        });
        op.accept("linalg_eigvalsh", a -> Linalg.eigvalsh(a.t(0), a.s(1)));
        op.accept("linalg_eig_sorted", a -> {
            EigResult r = Linalg.eig(a.t(0));
            if (r.eigenvalues().numel() == 0) return List.of(r.eigenvalues(), r.eigenvectors());
            Tensor idx = byRealThenImag(r.eigenvalues());
            Tensor v = r.eigenvectors().gather(-1, idx.unsqueeze(-2).expand(r.eigenvectors().shape()));
            return List.of(r.eigenvalues().gather(-1, idx), phased(v));
        });
        op.accept("linalg_eigvals_sorted", a -> {
            Tensor w = Linalg.eigvals(a.t(0));
            return w.numel() == 0 ? w : w.gather(-1, byRealThenImag(w));
        });
        op.accept("linalg_qr", a -> Linalg.qr(a.t(0), a.s(1)));
        op.accept("linalg_householder_product", a -> Linalg.householderProduct(a.t(0), a.t(1)));
        op.accept("linalg_ldl_solve", a -> {
            var f = Linalg.ldlFactor(a.t(0), a.b(2));
            return Linalg.ldlSolve(f.ld(), f.pivots(), a.t(1), a.b(2));
        });
        op.accept("linalg_ldl_factor", a -> Linalg.ldlFactor(a.t(0), a.b(1)));
        op.accept("linalg_tensorinv", a -> Linalg.tensorinv(a.t(0), a.i(1)));
        op.accept("linalg_tensorsolve", a -> Linalg.tensorsolve(a.t(0), a.t(1), a.ints(2)));
        op.accept("linalg_vander", a -> Linalg.vander(a.t(0), a.has(1) ? a.l(1) : null));
        op.accept("linalg_diagonal", a -> Linalg.diagonal(a.t(0), a.l(1), a.i(2), a.i(3)));
    }

    /** As the generator's {@code _by_real_then_imag}: indices sorting each row of complex w by (real, imaginary). */
    static Tensor byRealThenImag(Tensor w) {
        int n = Math.toIntExact(w.size(-1));
        double[] pairs = Torch.viewAsReal(w.detach().resolveConj()).contiguous().toDoubleArray();
        long[] idx = new long[pairs.length / 2];
        for (int row = 0; row < idx.length / Math.max(n, 1); row++) {
            int base = row * n;
            Integer[] order = new Integer[n];
            for (int i = 0; i < n; i++) order[i] = i;
            // (as Python compares the tuples: -0.0 equals 0.0, and the sort is stable)
            java.util.Arrays.sort(order, (i, j) -> {
                int c = numeric(pairs[2 * (base + i)], pairs[2 * (base + j)]);
                return c != 0 ? c : numeric(pairs[2 * (base + i) + 1], pairs[2 * (base + j) + 1]);
            });
            for (int i = 0; i < n; i++) idx[base + i] = order[i];
        }
        return Torch.tensor(idx, w.shape()).to(w.device());
    }

    private static int numeric(double x, double y) {
        return x < y ? -1 : x > y ? 1 : 0;
    }

    /** The unit factor per column of v that makes the column's largest-magnitude entry real and positive. */
    private static Tensor phase(Tensor v) {
        return v.gather(-2, v.detach().abs().argmax(-2, true)).sgn().conj();
    }

    /** As the generator's {@code _phased}. */
    static Tensor phased(Tensor v) {
        return v.numel() == 0 ? v : v.mul(phase(v));
    }

    /** As the generator's {@code _svd_phased}: the reduced SVD, U's columns phased and Vh's rows with them. */
    static List<Tensor> svdPhased(Tensor a) {
        SvdResult r = Linalg.svd(a, false);
        if (r.U().numel() == 0 || r.Vh().numel() == 0) return List.of(r.U(), r.S(), r.Vh());
        Tensor c = phase(r.U());
        return List.of(r.U().mul(c), r.S(), r.Vh().mul(c.conj().mT()));
    }
}
