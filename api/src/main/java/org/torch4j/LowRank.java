package org.torch4j;

import org.torch4j.linalg.Linalg;
import org.torch4j.linalg.SvdResult;

/**
 * {@code torch.svd_lowrank} and {@code torch.pca_lowrank}: Halko, Martinsson and Tropp's randomized range
 * finder (a Gaussian sketch of A refined by {@code niter} subspace iterations, each step re-orthonormalized
 * by QR), then the exact SVD of the small projected matrix, as PyTorch 1.13 does it. The sketch is drawn
 * from the global generator ({@link Torch#manualSeed}); composed of qr, svd and matmul, it is
 * differentiable.
 */
final class LowRank {

    private LowRank() {}

    /** {@code torch.svd_lowrank(A, q, niter, M)}: M (may be null) is subtracted from A without forming A - M. */
    static LowRankSvd svd(Tensor a, int q, int niter, Tensor m) {
        long rows = a.size(-2), cols = a.size(-1);
        Tensor at = a.mT(), mt = m == null ? null : m.mT();
        if (rows < cols || cols > q) {
            // sketch the row space: the basis Q of A^T's range, then SVD of (A - M) Q
            Tensor basis = basis(at, q, niter, mt);
            Tensor bt = minus(a.matmul(basis), m, basis);
            SvdResult r = Linalg.svd(bt, false);
            return new LowRankSvd(r.U(), r.S(), basis.matmul(r.Vh().mT()));
        }
        Tensor basis = basis(a, q, niter, m);
        Tensor b = minus(at.matmul(basis), mt, basis);
        SvdResult r = Linalg.svd(b.mT(), false);
        return new LowRankSvd(basis.matmul(r.U()), r.S(), r.Vh().mT());
    }

    /** {@code torch.pca_lowrank(A, q, center, niter)}: q null means {@code min(6, m, n)}. */
    static LowRankSvd pca(Tensor a, Integer q, boolean center, int niter) {
        long rows = a.size(-2), cols = a.size(-1), small = Math.min(rows, cols);
        int rank = q == null ? (int) Math.min(6, small) : q;
        if (rank < 0 || rank > small) {
            throw new IllegalArgumentException("q(=" + rank + ") must be non-negative integer and not greater than min(m, n)=" + small);
        }
        if (niter < 0) throw new IllegalArgumentException("niter(=" + niter + ") must be non-negative integer");
        if (!center) return svd(a, rank, niter, null);
        return svd(a.sub(a.mean(new int[] {-2}, true)), rank, niter, null);
    }

    /** An orthonormal basis {@code [..., m, q]} that approximately spans the range of {@code A - M}. */
    private static Tensor basis(Tensor a, int q, int niter, Tensor m) {
        DType dtype = a.dtype().isFloatingPoint() ? a.dtype() : DType.FLOAT32;
        Tensor r = Torch.randn(new long[] {a.size(-1), q}, dtype).to(a.device());
        Tensor at = a.mT(), mt = m == null ? null : m.mT();
        Tensor basis = Linalg.qr(minus(a.matmul(r), m, r)).Q();
        for (int i = 0; i < niter; i++) {
            basis = Linalg.qr(minus(at.matmul(basis), mt, basis)).Q();
            basis = Linalg.qr(minus(a.matmul(basis), m, basis)).Q();
        }
        return basis;
    }

    /** {@code product - M x}, or the product when there is no M. */
    private static Tensor minus(Tensor product, Tensor m, Tensor x) {
        return m == null ? product : product.sub(m.matmul(x));
    }
}
