package org.torch4j.linalg;

import org.torch4j.DType;
import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.internal.Internals;

/**
 * The pseudoinverse, the numerical rank and least squares, from the SVD (or, for symmetric input, the
 * eigendecomposition) with PyTorch 1.13's tolerances: singular values at most
 * {@code max(atol, rtol * sigma_max)} count as zero, {@code rtol} defaulting to {@code eps * max(m, n)} unless
 * only a positive {@code atol} is given (then it is 0). pinv is one differentiable op with PyTorch's own
 * derivative; lstsq is {@code pinv(A) B}, whose gradient is then 1.13's {@code linalg_lstsq_backward}; the
 * rank has none (an integer).
 */
final class LeastSquares {

    private LeastSquares() {}

    static Tensor pinv(Tensor a, Double atol, Double rtol, boolean hermitian) {
        if (atol != null && rtol == null && !isFloatOrComplex(a)) {
            // PyTorch's default rtol beside a given atol needs the dtype's epsilon, whose lookup fails first
            throw new IllegalArgumentException("This function doesn't handle types other than float and double");
        }
        if (a.dim() < 2 || !isFloatOrComplex(a)) {
            throw new IllegalArgumentException("linalg.pinv(" + Internals.get().cppName(a.dtype())
                    + typeShape(a) + "): expected a tensor with 2 or more dimensions of float, double, cfloat or cdouble types");
        }
        if (a.numel() == 0) return Torch.zeros(swapLast(a.shape()), a.dtype(), a.device());
        if (hermitian) Matrices.checkSquareShape("linalg.eigh", a, "A");
        return new PseudoInverse(atol, rtol, hermitian).apply1(a);
    }

    /**
     * The pseudoinverse as one differentiable op, since PyTorch differentiates it with its own formula
     * ({@code pinv_backward}), not through the SVD: the gradient is then defined wherever the rank is locally
     * constant, repeated singular values included, and for symmetric input it is not symmetrised.
     */
    private static final class PseudoInverse extends org.torch4j.Function {
        private final Double atol, rtol;
        private final boolean hermitian;

        PseudoInverse(Double atol, Double rtol, boolean hermitian) {
            this.atol = atol;
            this.rtol = rtol;
            this.hermitian = hermitian;
        }

        @Override
        protected Tensor[] forward(org.torch4j.FunctionContext ctx, Tensor... in) {
            Tensor a = in[0], p;
            if (hermitian) {
                EighResult e = SymmetricEigen.eigh(a, "L");
                Tensor w = e.eigenvalues(), wAbs = w.abs();
                Tensor inv = masked(w, wAbs, tolerance(a, wAbs.amax(new int[] {-1}, true), atol, rtol));
                p = e.eigenvectors().mul(inv.unsqueeze(-2).to(a.dtype())).matmul(e.eigenvectors().mH());
            } else {
                SvdResult d = Svd.svd(a, false);
                Tensor s = d.S();
                Tensor inv = masked(s, s, tolerance(a, s.narrow(-1, 0, 1), atol, rtol));
                p = d.Vh().mH().mul(inv.unsqueeze(-2).to(a.dtype())).matmul(d.U().mH());
            }
            ctx.saveForBackward(a, p);
            return new Tensor[] {p};
        }

        /**
         * {@code gA = -P^H G P^H + (I - A P) G^H P P^H + P^H P G^H (I - P A)} for {@code P = pinv(A)}, the
         * adjoint of Golub and Pereyra's derivative of the pseudoinverse.
         */
        @Override
        protected Tensor[] backward(org.torch4j.FunctionContext ctx, Tensor... g) {
            Tensor[] saved = ctx.savedTensors();
            Tensor a = saved[0], p = saved[1], pt = p.mH(), gt = g[0].mH();
            Tensor first = pt.matmul(g[0]).matmul(pt).neg();
            Tensor second = gt.matmul(p).matmul(pt);
            second = second.sub(a.matmul(p.matmul(second)));
            Tensor third = pt.matmul(p.matmul(gt));
            third = third.sub(third.matmul(p).matmul(a));
            return new Tensor[] {first.add(second).add(third)};
        }
    }

    /** {@code 1 / values} where {@code magnitude > tol}, else 0. */
    private static Tensor masked(Tensor values, Tensor magnitude, Tensor tol) {
        return values.reciprocal().where(magnitude.gt(tol), 0.0);
    }

    /** {@code max(atol, rtol * largest)} with PyTorch's defaults, as a tensor that broadcasts against the values. */
    private static Tensor tolerance(Tensor a, Tensor largest, Double atol, Double rtol) {
        double abs = atol == null ? 0 : atol;
        double rel = rtol != null ? rtol : (atol != null && atol > 0) ? 0 : eps(a) * Math.max(a.size(-1), a.size(-2));
        return largest.detach().mul(rel).clampMin(abs);
    }

    static double eps(Tensor a) {
        return a.dtype() == DType.FLOAT64 || a.dtype() == DType.COMPLEX128 ? Math.ulp(1.0) : Math.ulp(1.0f);
    }

    private static boolean isFloatOrComplex(Tensor a) {
        DType d = a.dtype();
        return d == DType.FLOAT32 || d == DType.FLOAT64 || d == DType.COMPLEX64 || d == DType.COMPLEX128;
    }

    static Tensor matrixRank(Tensor a, Double atol, Double rtol, boolean hermitian) {
        if (a.dim() < 2) {
            throw new IllegalArgumentException("torch.linalg.matrix_rank: The input tensor input must have at least 2 dimensions.");
        }
        if (!isFloatOrComplex(a) && rtol == null) {
            // PyTorch's default rtol needs the dtype's epsilon, whose lookup fails first
            throw new IllegalArgumentException("This function doesn't handle types other than float and double");
        }
        if (!isFloatOrComplex(a)) {  // else the decomposition's dtype error
            if (hermitian) SymmetricEigen.eigvalsh(a, "L");
            else Svd.svdvals(a);
        }
        if (a.numel() == 0) return Torch.zeros(Matrices.batchShape(a), DType.INT64, a.device());
        try (Torch.Mode m = Torch.noGrad()) {
            Tensor s = hermitian ? SymmetricEigen.eigvalsh(a, "L").abs() : Svd.svdvals(a);
            Tensor tol = tolerance(a, s.amax(new int[] {-1}, true), atol, rtol);
            return s.gt(tol).sum(new int[] {-1}, false, DType.INT64);
        }
    }

    static LstsqResult lstsq(Tensor a, Tensor b, Double rcond) {
        if (a.dim() < 2) throw new IllegalArgumentException("torch.linalg.lstsq: input must have at least 2 dimensions.");
        if (b.dim() < 1) throw new IllegalArgumentException("torch.linalg.lstsq: other must have at least 1 dimension.");
        if (a.dtype() != b.dtype()) {
            throw new IllegalArgumentException("torch.linalg.lstsq: Expected input and other to have the same dtype, but got "
                    + "input's dtype " + Internals.get().cppName(a.dtype()) + " and other's dtype " + Internals.get().cppName(b.dtype()));
        }
        int diff = a.dim() - b.dim();
        if (diff < 0 || diff > 1) {
            throw new IllegalArgumentException("torch.linalg.lstsq: input.dim() must be greater or equal to other.dim() and "
                    + "(input.dim() - other.dim()) <= 1");
        }
        boolean vector = diff == 1;
        if (a.size(-2) != b.size(vector ? -1 : -2)) {
            throw new IllegalArgumentException("torch.linalg.lstsq: input.size(-2) should match other.size("
                    + (vector ? "-1" : "-2") + ")");
        }
        if (!isFloatOrComplex(a)) {  // (PyTorch's shape checks come first)
            throw new IllegalArgumentException("This function doesn't handle types other than float and double");
        }
        Tensor rhs = vector ? b.unsqueeze(-1) : b;
        // gelsy's default rcond: eps * max(m, n), relative to the largest singular value
        double rc = rcond != null ? rcond : eps(a) * Math.max(a.size(-1), a.size(-2));
        Tensor x = pinv(a, 0.0, rc, false).matmul(rhs);
        if (vector) x = x.squeeze(-1);
        long[] batch = java.util.Arrays.copyOf(x.shape(), x.dim() - (vector ? 1 : 2));
        Tensor rank = matrixRank(a, 0.0, rc, false).expand(batch).contiguous();
        return new LstsqResult(x, MatrixOps.empty(a), rank, MatrixOps.empty(a));
    }

    /** PyTorch's {@code Float{[3, 4]}}. */
    private static String typeShape(Tensor a) {
        StringBuilder s = new StringBuilder("{[");
        for (int i = 0; i < a.dim(); i++) s.append(i == 0 ? "" : ", ").append(a.size(i));
        return s.append("]}").toString();
    }

    private static long[] swapLast(long[] shape) {
        long[] r = shape.clone();
        long t = r[r.length - 1];
        r[r.length - 1] = r[r.length - 2];
        r[r.length - 2] = t;
        return r;
    }
}
