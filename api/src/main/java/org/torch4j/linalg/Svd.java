package org.torch4j.linalg;

import org.torch4j.FunctionContext;
import org.torch4j.Tensor;
import org.torch4j.Torch;

/**
 * {@code torch.linalg.svd} and {@code svdvals}: one-sided Jacobi on the host ({@link JacobiSvd}) for each
 * matrix of the batch, and PyTorch's {@code svd_backward}, which assumes distinct (and, for the vectors of a
 * non-square matrix, nonzero) singular values. With {@code full_matrices}, as in PyTorch, the gradient ignores
 * the columns of U and rows of Vh past {@code min(m, n)}: they are an arbitrary basis of a subspace.
 */
final class Svd extends org.torch4j.Function {

    private final boolean full, wantVectors;

    private Svd(boolean full, boolean wantVectors) {
        this.full = full;
        this.wantVectors = wantVectors;
    }

    static SvdResult svd(Tensor a, boolean fullMatrices) {
        check(a);
        Tensor[] r = new Svd(fullMatrices, true).apply(a);
        return new SvdResult(r[0], r[1], r[2]);
    }

    static Tensor svdvals(Tensor a) {
        check(a);
        // the gradient of the singular values needs the vectors, as in PyTorch
        boolean vectors = a.requiresGrad() && Torch.isGradEnabled();
        return new Svd(false, vectors).apply(a)[1];
    }

    static void check(Tensor a) {
        if (a.isComplex()) {
            Matrices.checkMatrix("linalg.svd", a, "A");
            return;
        }
        Qr.checkMatrix(a, "linalg.svd");
        Kernels.checkKernelDtype(a, "linalg_svd_cpu");
    }

    @Override
    protected Tensor[] forward(FunctionContext ctx, Tensor... in) {
        if (in[0].isComplex()) return forwardComplex(ctx, in[0]);
        Tensor a = in[0];
        int m = Math.toIntExact(a.size(-2)), n = Math.toIntExact(a.size(-1)), k = Math.min(m, n);
        double[][] mats = Matrices.toHost(a);
        double[][][] start = k >= PRECONDITION_FROM ? precondition(a, mats) : null;
        double[][] us = new double[mats.length][], ss = new double[mats.length][], vhs = new double[mats.length][];
        for (int b = 0; b < mats.length; b++) {
            JacobiSvd d = start == null ? new JacobiSvd(mats[b], m, n, wantVectors, full)
                    : new JacobiSvd(mats[b], m, n, wantVectors, full, start[0][b], start[1][b]);
            us[b] = d.u;
            ss[b] = d.s;
            vhs[b] = d.vh;
        }
        long[] batch = Matrices.batchShape(a);
        Tensor s = Matrices.fromHost(ss, batch, 1, k, a).squeeze(-2);
        Tensor u = MatrixOps.empty(a), vh = MatrixOps.empty(a);
        if (wantVectors) {
            u = Matrices.fromHost(us, batch, m, full ? m : k, a);
            vh = Matrices.fromHost(vhs, batch, full ? n : k, n, a);
        }
        ctx.saveForBackward(u, s, vh);
        ctx.setMaterializeGrads(false);
        return new Tensor[] {u, s, vh};
    }

    /** {@link ComplexSvd} for each matrix: real singular values, complex U and Vh. */
    private Tensor[] forwardComplex(FunctionContext ctx, Tensor a) {
        int m = Math.toIntExact(a.size(-2)), n = Math.toIntExact(a.size(-1)), k = Math.min(m, n);
        long[] batch = Matrices.batchShape(a);
        double[][] mats = Matrices.toHostPairs(a);
        double[][] us = new double[mats.length][], ss = new double[mats.length][], vhs = new double[mats.length][];
        for (int b = 0; b < mats.length; b++) {
            ComplexSvd d = new ComplexSvd(mats[b], m, n, wantVectors, full);
            us[b] = d.u;
            ss[b] = d.s;
            vhs[b] = d.vh;
        }
        Tensor s = Matrices.fromHost(ss, batch, 1, k, Torch.viewAsReal(a)).squeeze(-2);
        Tensor u = MatrixOps.empty(a), vh = MatrixOps.empty(a);
        if (wantVectors) {
            int uCols = full ? m : k, vRows = full ? n : k;
            u = Matrices.fromHostPairs(us, batch, m, uCols, a);
            vh = Matrices.fromHostPairs(vhs, batch, vRows, n, a);
        }
        ctx.saveForBackward(u, s, vh);
        ctx.setMaterializeGrads(false);
        return new Tensor[] {u, s, vh};
    }

    /** From this size on, Jacobi starts from the eigenvectors of the Gram matrix (see {@link #precondition}). */
    static final int PRECONDITION_FROM = 24;

    /**
     * Starting points for the Jacobi sweeps: {@code V0} = the eigenvectors of {@code X^T X} (X = A, or
     * {@code A^T} when A is wide) and {@code X V0}, whose columns are then orthogonal but for the rounding of
     * the squared problem; Jacobi's sweeps remove that (in one or two sweeps instead of eight or more from X).
     * The two products go through the backend's GEMM. Null (start from X) when an entry is not finite or so
     * large or small that the squares would overflow or underflow.
     */
    private static double[][][] precondition(Tensor a, double[][] mats) {
        for (double[] mat : mats) {
            double big = 0;
            for (double x : mat) big = Math.max(big, Math.abs(x));
            if (!(big < 1e100) || (big > 0 && big < 1e-100)) return null;
        }
        int m = Math.toIntExact(a.size(-2)), n = Math.toIntExact(a.size(-1));
        int cols = Math.min(m, n);
        Tensor x = a.detach().to(org.torch4j.DType.FLOAT64);
        if (m < n) x = x.mT();
        double[][] gram = Matrices.toHost(x.mT().matmul(x));
        double[][] v0 = new double[mats.length][];
        for (int b = 0; b < mats.length; b++) v0[b] = new TridiagonalEigen(gram[b], cols, true, true).vectors;
        Tensor v = Matrices.fromHost(v0, Matrices.batchShape(x), cols, cols, x);
        return new double[][][] {Matrices.toHost(x.matmul(v)), v0};
    }

    @Override
    protected Tensor[] backward(FunctionContext ctx, Tensor... g) {
        Tensor[] saved = ctx.savedTensors();
        Tensor u = saved[0], s = saved[1], vh = saved[2];
        Tensor gU = g[0], gS = g[1], gVh = g[2];
        long k = s.size(-1);
        if (full) {
            u = u.narrow(-1, 0, k);
            vh = vh.narrow(-2, 0, k);
            if (gU != null) gU = gU.narrow(-1, 0, k);
            if (gVh != null) gVh = gVh.narrow(-2, 0, k);
        }
        return new Tensor[] {gradient(u, s, vh, gU, gS, gVh)};
    }

    /**
     * {@code gA = U [skew(U^H gU) S / E + S skew(V^H gV) / E + diag(gS)] V^H}, with {@code E_jk = S_k^2 - S_j^2}
     * and {@code skew(X) = X - X^H}, plus the parts of gU and gV outside the span of U and V when A is not square.
     * Complex matrices add PyTorch's {@code diag(U^H gU) / 2S} term, and refuse a loss that depends on the phases
     * of the singular vectors ({@code Im diag(U^H gU) != -Im diag(V^H gV)}), as PyTorch.
     */
    private static Tensor gradient(Tensor u, Tensor s, Tensor vh, Tensor gU, Tensor gS, Tensor gVh) {
        long m = u.size(-2), n = vh.size(-1);
        if (gU == null && gVh == null) {
            return m >= n ? u.matmul(gS.unsqueeze(-1).mul(vh)) : u.mul(gS.unsqueeze(-2)).matmul(vh);
        }
        Tensor s2 = s.mul(s);
        // E's diagonal is any nonzero: the skew matrices divided by it are zero there
        Tensor e = s2.unsqueeze(-2).sub(s2.unsqueeze(-1)).add(MatrixOps.eye(s.size(-1), s));
        Tensor uhgu = gU == null ? null : skew(u.mH().matmul(gU));
        Tensor vhgv = gVh == null ? null : skew(vh.matmul(gVh.mH()));
        if (u.isComplex()) checkPhaseInvariance(uhgu, vhgv, s);
        Tensor inner;
        if (uhgu != null && vhgv != null) {
            inner = uhgu.mul(s.unsqueeze(-2)).add(s.unsqueeze(-1).mul(vhgv)).div(e);
        } else if (uhgu != null) {
            inner = uhgu.div(e).mul(s.unsqueeze(-2));
        } else {
            inner = s.unsqueeze(-1).mul(vhgv.div(e));
        }
        if (gS != null) inner = inner.add(MatrixOps.diagEmbed(gS));
        if (u.isComplex() && uhgu != null) inner = inner.add(MatrixOps.diagEmbed(uhgu.diagonal(0, -2, -1).div(s.mul(2.0))));
        if (m > n && gU != null) {
            Tensor ga = u.matmul(inner);
            Tensor gUSinv = gU.div(s.unsqueeze(-2));
            ga = ga.add(gUSinv).sub(u.matmul(u.mH().matmul(gUSinv)));
            return ga.matmul(vh);
        }
        if (m < n && gVh != null) {
            Tensor ga = inner.matmul(vh);
            Tensor sinvgVh = gVh.div(s.unsqueeze(-1));
            ga = ga.add(sinvgVh).sub(sinvgVh.matmul(vh.mH()).matmul(vh));
            return u.matmul(ga);
        }
        return m >= n ? u.matmul(inner.matmul(vh)) : u.matmul(inner).matmul(vh);
    }

    private static Tensor skew(Tensor x) {
        return x.sub(x.mH());
    }

    /** The loss may depend on a singular pair's phase only if it moves U's and V's phases against each other. */
    private static void checkPhaseInvariance(Tensor uhgu, Tensor vhgv, Tensor s) {
        Tensor imU = uhgu == null ? Torch.zerosLike(s) : uhgu.diagonal(0, -2, -1).imag();
        Tensor imV = vhgv == null ? Torch.zerosLike(s) : vhgv.diagonal(0, -2, -1).imag();
        if (!imU.allclose(imV.neg(), 1e-2, 1e-2)) {
            throw new IllegalArgumentException("svd_backward: The singular vectors in the complex case are specified up to multiplication "
                    + "by e^{i phi}. The specified loss function depends on this phase term, making it ill-defined.");
        }
    }
}
