package org.torch4j.linalg;

import org.torch4j.FunctionContext;
import org.torch4j.Tensor;
import org.torch4j.Torch;

/**
 * {@code torch.linalg.qr}: Householder QR on the host ({@link Householder}) for each matrix of the batch,
 * and PyTorch's backward (for {@code m >= n} in mode "reduced", for {@code m <= n} in both "reduced" and
 * "complete"; never for mode "r", which computes no Q).
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
        checkMatrix(a, "linalg.qr");
        Qr f = new Qr(mode);
        Kernels.checkKernelDtype(a, "geqrf_cpu");
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
        Tensor gX = square(q, u, gQ.add(y.matmul(gV.mT())), gU);
        return new Tensor[] {Torch.cat(java.util.List.of(gX, q.matmul(gV)), -1)};
    }

    /**
     * The backward of {@code A = Q R} with R square: {@code gA = (gQ + Q copyltu(M)) R^-T} where
     * {@code M = R gR^T - gQ^T Q} and {@code copyltu(M) = tril(M) + tril(M, -1)^T}.
     */
    private static Tensor square(Tensor q, Tensor r, Tensor gQ, Tensor gR) {
        Tensor mm = r.matmul(gR.mT()).sub(gQ.mT().matmul(q));
        Tensor sym = mm.tril().add(mm.tril(-1).mT());
        Tensor b = gQ.add(q.matmul(sym));
        return Systems.solveTriangular(r.mT(), b, false, false, false); // b R^-T: solve X R^T = b
    }
}
