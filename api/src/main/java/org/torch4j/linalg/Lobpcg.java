package org.torch4j.linalg;

import java.util.ArrayList;
import java.util.List;
import org.torch4j.DType;
import org.torch4j.Function;
import org.torch4j.FunctionContext;
import org.torch4j.Tensor;
import org.torch4j.Torch;

/**
 * {@code torch.lobpcg}: Knyazev's locally optimal block preconditioned conjugate gradient for k extreme
 * eigenpairs of a symmetric A (optionally against a symmetric positive-definite B, with a preconditioner
 * iK). Each step is a Rayleigh-Ritz projection on {@code [X, iK R, P]}, made B-orthonormal through the
 * eigendecomposition of its Gram matrix, which drops directions that have become dependent (the job of
 * PyTorch's "ortho" method); P is the new X's part orthogonal to the old one. PyTorch's defaults, its
 * convergence test ({@code |r_j| < tol |B x_j| (|A| + |e_j| |B|)} with the norms estimated from the first X)
 * and its random start ({@code randn(m, n)} from the global generator). Computed in float64 with tensor ops
 * on A's device, results rounded to A's dtype.
 *
 * <p>The derivative is not implemented: differentiating through the results fails.
 */
final class Lobpcg extends Function {

    private final Tensor b, x0, iK;
    private final int k, n, niter;
    private final double tol;
    private final boolean largest;

    private Lobpcg(Tensor b, Tensor x0, Tensor iK, int k, int n, int niter, double tol, boolean largest) {
        this.b = b;
        this.x0 = x0;
        this.iK = iK;
        this.k = k;
        this.n = n;
        this.niter = niter;
        this.tol = tol;
        this.largest = largest;
    }

    static LobpcgResult lobpcg(Tensor a, Integer k, Tensor b, Tensor x, Integer n, Tensor iK, Integer niter, Double tol, Boolean largest) {
        Matrices.checkSquareShape("lobpcg", a, "A");
        Matrices.checkDtype("lobpcg", a);
        if (b != null && !java.util.Arrays.equals(a.shape(), b.shape())) {
            throw new IllegalArgumentException("lobpcg: expected B of A's shape " + java.util.Arrays.toString(a.shape()) + ", got "
                    + java.util.Arrays.toString(b.shape()));
        }
        long m = a.size(-1);
        int pairs = k != null ? k : x == null ? 1 : (int) x.size(-1);
        int block = x != null ? (int) x.size(-1) : n != null ? n : pairs;
        // PyTorch fails later on a zero division; torch4j names the argument
        if (block < 1 || pairs < 1) {
            throw new IllegalArgumentException("lobpcg: expected at least one requested eigenpair, got k=" + pairs + " and n=" + block);
        }
        if (m < 3L * block) {
            throw new IllegalArgumentException("LPBPCG algorithm is not applicable when the number of A rows (=" + m + ") is smaller"
                    + " than 3 x the number of requested eigenpairs (=" + block + ")");
        }
        if (x != null && (x.size(-2) != m || x.dim() != a.dim())) {
            throw new IllegalArgumentException("lobpcg: expected X of shape [..., " + m + ", n], got " + java.util.Arrays.toString(x.shape()));
        }
        double t = tol != null ? tol : Math.sqrt(a.dtype() == DType.FLOAT64 ? 2.23e-16 : 1.2e-7);
        Lobpcg f = new Lobpcg(b, x, iK, pairs, block, niter == null ? 1000 : niter, t, largest == null || largest);
        Tensor[] r = f.apply(a);
        return new LobpcgResult(r[0], r[1]);
    }

    @Override
    protected Tensor[] forward(FunctionContext ctx, Tensor... in) {
        Tensor a = in[0];
        long m = a.size(-1);
        long[] batch = Matrices.batchShape(a);
        int count = Matrices.batchCount(a);
        Tensor as = f64(a).reshape(count, m, m), bs = b == null ? null : f64(b).reshape(count, m, m);
        Tensor xs = x0 == null ? null : f64(x0).reshape(count, m, n);
        Tensor pre = iK == null ? null : f64(iK);
        List<Tensor> es = new ArrayList<>(), vs = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            // PyTorch draws each start in A's dtype
            Tensor start = xs != null ? xs.select(0, i) : f64(Torch.randn(new long[] {m, n}, a.dtype()).to(a.device()));
            Tensor[] pair = run(as.select(0, i), bs == null ? null : bs.select(0, i), start, pre);
            es.add(pair[0].narrow(0, 0, k));
            vs.add(pair[1].narrow(1, 0, k));
        }
        Tensor e = Torch.stack(es, 0).reshape(Matrices.shape(batch, k)).to(a.dtype());
        Tensor v = Torch.stack(vs, 0).reshape(Matrices.shape(batch, m, k)).to(a.dtype());
        return new Tensor[] {e, v};
    }

    @Override
    protected Tensor[] backward(FunctionContext ctx, Tensor... grad) {
        throw new UnsupportedOperationException("lobpcg: the derivative is not implemented in torch4j");
    }

    /** The iteration for one matrix: the n Ritz values (sorted) and vectors after convergence of the first k, or niter steps. */
    private Tensor[] run(Tensor a, Tensor bm, Tensor x, Tensor pre) {
        double xNorm = x.norm().item();
        double aNorm = a.matmul(x).norm().item() / xNorm, bNorm = bm == null ? 1 : bm.matmul(x).norm().item() / xNorm;
        Tensor[] ritz = rayleighRitz(a, orthonormal(x, bm));
        Tensor theta = ritz[0];
        x = ritz[1];
        Tensor p = null;
        for (int step = 0; ; step++) {
            Tensor bx = times(bm, x);
            Tensor r = a.matmul(x).sub(bx.mul(theta.unsqueeze(0)));
            // PyTorch's relative residual, with |e_j|: its e_j lets a negative eigenvalue pass for converged
            Tensor rerr = r.norm(2, new int[] {0}, false).div(bx.norm(2, new int[] {0}, false).mul(theta.abs().mul(bNorm).add(aNorm)));
            long converged = (long) rerr.narrow(0, 0, k).lt(tol).sum().item();
            if (converged >= k || step >= niter) return new Tensor[] {theta, x};
            Tensor w = pre == null ? r : pre.matmul(r);
            List<Tensor> parts = new ArrayList<>(List.of(x, w));
            if (p != null) parts.add(p);
            ritz = rayleighRitz(a, orthonormal(Torch.cat(parts, 1), bm));
            Tensor next = ritz[1];
            // the search direction: the new X's component B-orthogonal to the old X
            p = next.sub(x.matmul(x.mT().matmul(times(bm, next))));
            theta = ritz[0];
            x = next;
        }
    }

    /** The n extreme Ritz pairs of A on the B-orthonormal basis S: values sorted as returned, vectors {@code S C}. */
    private Tensor[] rayleighRitz(Tensor a, Tensor s) {
        Tensor t = s.mT().matmul(a).matmul(s);
        EighResult eig = Linalg.eigh(t.add(t.mT()).mul(0.5)); // ascending
        long size = eig.eigenvalues().size(0);
        Tensor values = largest ? eig.eigenvalues().narrow(0, size - n, n).flip(0) : eig.eigenvalues().narrow(0, 0, n);
        Tensor c = largest ? eig.eigenvectors().narrow(1, size - n, n).flip(1) : eig.eigenvectors().narrow(1, 0, n);
        return new Tensor[] {values, s.matmul(c)};
    }

    /**
     * A B-orthonormal basis of S's columns ({@code S V diag(lambda)^-1/2} from the Gram matrix's
     * eigendecomposition), without the directions whose Gram eigenvalue falls below {@code 1e-12} of the
     * largest (dependent ones); twice, since one pass leaves the squared conditioning's rounding. The columns
     * are scaled to unit B-norm first: the residuals shrink as X converges, and unscaled they would look
     * dependent and be dropped.
     */
    private static Tensor orthonormal(Tensor s, Tensor bm) {
        Tensor norms = s.mul(times(bm, s)).sum(new int[] {0}, true).sqrt();
        s = s.div(norms.clamp(Double.MIN_NORMAL, null));
        for (int pass = 0; pass < 2; pass++) {
            Tensor g = s.mT().matmul(times(bm, s));
            EighResult eig = Linalg.eigh(g.add(g.mT()).mul(0.5));
            double[] lambda = eig.eigenvalues().toDoubleArray();
            double max = lambda[lambda.length - 1];
            int first = 0;
            while (first < lambda.length - 1 && lambda[first] <= 1e-12 * max) first++;
            Tensor keep = eig.eigenvectors().narrow(1, first, lambda.length - first);
            s = s.matmul(keep).div(eig.eigenvalues().narrow(0, first, lambda.length - first).sqrt().unsqueeze(0));
        }
        return s;
    }

    private static Tensor times(Tensor bm, Tensor x) {
        return bm == null ? x : bm.matmul(x);
    }

    private static Tensor f64(Tensor t) {
        return t.detach().to(DType.FLOAT64);
    }
}
