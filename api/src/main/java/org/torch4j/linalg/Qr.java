package org.torch4j.linalg;

import org.torch4j.FunctionContext;
import org.torch4j.Tensor;
import org.torch4j.Torch;

/**
 * {@code torch.linalg.qr}: Householder QR on the host ({@link Householder}) for each matrix of the batch,
 * and PyTorch's backward (for {@code m >= n} in mode "reduced", for {@code m <= n} in both "reduced" and
 * "complete"; never for mode "r", which computes no Q). Complex matrices use {@link ComplexHouseholder} and the
 * same backward in its complex form.
 */
final class Qr extends org.torch4j.Function {

    private final boolean computeQ, reduced;
    private final String mode;

    private Qr(String mode) {
        this.mode = mode;
        switch (mode) {
            case "reduced" -> { computeQ = true; reduced = true; }
            case "complete" -> { computeQ = true; reduced = false; }
            case "r" -> { computeQ = false; reduced = true; }
            default -> throw new IllegalArgumentException("qr received unrecognized mode '" + mode
                    + "' but expected one of 'reduced' (default), 'r', or 'complete'");
        }
    }

    static QrResult qr(Tensor a, String mode) {
        Qr f;
        if (a.isComplex()) {
            Matrices.checkMatrix("linalg.qr", a, "A");
            f = new Qr(mode);
        } else {
            checkMatrix(a, "linalg.qr");
            f = new Qr(mode);
            Kernels.checkKernelDtype(a, "geqrf_cpu");
        }
        Tensor[] qr = f.apply(a);
        return new QrResult(qr[0], qr[1]);
    }

    /** PyTorch's first checks of the decompositions: at least 2 dims and a floating dtype. */
    static void checkMatrix(Tensor a, String op) {
        Matrices.checkMatrix(op, a, "A");
        Matrices.checkFloating(op, a);
    }

    @Override
    protected Tensor[] forward(FunctionContext ctx, Tensor... in) {
        if (in[0].isComplex()) return forwardComplex(ctx, in[0]);
        Tensor a = in[0];
        int m = Math.toIntExact(a.size(-2)), n = Math.toIntExact(a.size(-1)), k = Math.min(m, n);
        int qCols = reduced ? k : m, rRows = reduced ? k : m;
        double[][] mats = Matrices.toHost(a);
        double[][] qs = new double[mats.length][], rs = new double[mats.length][];
        for (int b = 0; b < mats.length; b++) {
            Householder h = new Householder(mats[b], m, n);
            rs[b] = h.r(rRows);
            if (computeQ) qs[b] = h.q(qCols);
        }
        long[] batch = Matrices.batchShape(a);
        Tensor r = Matrices.fromHost(rs, batch, rRows, n, a);
        Tensor q = computeQ ? Matrices.fromHost(qs, batch, m, qCols, a) : MatrixOps.empty(a);
        ctx.saveForBackward(q, r);
        ctx.setMaterializeGrads(false);
        return new Tensor[] {q, r};
    }

    /** {@link ComplexHouseholder} for each matrix; R's diagonal is real, as LAPACK's. */
    private Tensor[] forwardComplex(FunctionContext ctx, Tensor a) {
        int m = Math.toIntExact(a.size(-2)), n = Math.toIntExact(a.size(-1)), k = Math.min(m, n);
        int qCols = reduced ? k : m, rRows = reduced ? k : m;
        long[] batch = Matrices.batchShape(a);
        double[][] mats = Matrices.toHostPairs(a);
        double[][] qs = new double[mats.length][], rs = new double[mats.length][];
        for (int b = 0; b < mats.length; b++) {
            ComplexHouseholder h = new ComplexHouseholder(mats[b], m, n);
            rs[b] = h.r(rRows);
            if (computeQ) qs[b] = h.q(qCols);
        }
        Tensor r = Matrices.fromHostPairs(rs, batch, rRows, n, a);
        Tensor q = computeQ
                ? Matrices.fromHostPairs(qs, batch, m, qCols, a)
                : MatrixOps.empty(a);
        ctx.saveForBackward(q, r);
        ctx.setMaterializeGrads(false);
        return new Tensor[] {q, r};
    }

    @Override
    protected Tensor[] backward(FunctionContext ctx, Tensor... g) {
        if (!computeQ) {
            throw new UnsupportedOperationException("The derivative of linalg.qr depends on Q, which is not computed when "
                    + "mode='r'. Please use linalg.qr(A, mode='reduced') if you are going to differentiate through linalg.qr.");
        }
        Tensor[] saved = ctx.savedTensors();
        Tensor q = saved[0], r = saved[1];
        long m = q.size(-2), n = r.size(-1);
        if (!reduced && m > n) {
            throw new UnsupportedOperationException("The QR decomposition is not differentiable when mode='complete' and nrows > ncols.");
        }
        Tensor gQ = g[0] == null ? Torch.zerosLike(q) : g[0];
        Tensor gR = g[1] == null ? Torch.zerosLike(r) : g[1];
        if (m >= n) return new Tensor[] {square(q, r, gQ, gR)};
        // wide: A = [X | Y], R = [U | V] with X = Q U square; Y = Q V only moves gradient through Q and V
        Tensor u = r.narrow(-1, 0, m), gU = gR.narrow(-1, 0, m), gV = gR.narrow(-1, m, n - m);
        Tensor y = q.matmul(r.narrow(-1, m, n - m));
        Tensor gX = square(q, u, gQ.add(y.matmul(gV.mH())), gU);
        return new Tensor[] {Torch.cat(java.util.List.of(gX, q.matmul(gV)), -1)};
    }

    /**
     * The backward of {@code A = Q R} with R square: {@code gA = (gQ + Q copyltu(M)) R^-H} where
     * {@code M = R gR^H - gQ^H Q} and {@code copyltu(M) = tril(M, -1) + tril(M, -1)^H + Re diag(M)} (R's real
     * diagonal fixes the phases of complex QR; for real matrices this is {@code tril(M) + tril(M, -1)^T}).
     */
    private static Tensor square(Tensor q, Tensor r, Tensor gQ, Tensor gR) {
        Tensor mm = r.matmul(gR.mH()).sub(gQ.mH().matmul(q));
        Tensor lower = mm.tril(-1);
        Tensor sym = lower.add(lower.mH()).add(MatrixOps.diagEmbed(mm.diagonal(0, -2, -1).real()));
        Tensor b = gQ.add(q.matmul(sym));
        if (b.isComplex()) return ComplexSolve.solve(r, b.mH()).mH();  // b R^-H = (R^-1 b^H)^H
        return Systems.solveTriangular(r.mT(), b, false, false, false); // b R^-T: solve X R^T = b
    }
}
