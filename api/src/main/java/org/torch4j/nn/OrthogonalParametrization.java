package org.torch4j.nn;

import java.util.Arrays;
import org.torch4j.DType;
import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.linalg.Linalg;
import org.torch4j.linalg.QrResult;

/**
 * The orthogonal parametrization ({@code torch.nn.utils.parametrizations._Orthogonal}, made by
 * {@link Parametrizations#orthogonal}): a matrix (or batch of matrices) with orthonormal columns (or rows, when
 * wide) from an unconstrained one, by the matrix exponential or the Cayley map of its skew-symmetric part, or by
 * Householder reflections. With the trivialization the result is {@code base @ Q}, {@code base} the orthogonal
 * matrix assigned last (a buffer) and the original restarting at the identity's preimage.
 */
final class OrthogonalParametrization extends Module implements RightInverse {
    /** PyTorch's {@code _OrthMaps}. */
    enum Map { MATRIX_EXP, CAYLEY, HOUSEHOLDER }

    private final Map map;
    private final long[] shape;
    private final boolean trivialization;

    OrthogonalParametrization(Tensor weight, Map map, boolean useTrivialization) {
        this.map = map;
        this.shape = weight.shape();
        this.trivialization = useTrivialization;
        if (useTrivialization) registerBuffer("base", null);
    }

    @Override
    public Tensor forward(Tensor x) {
        long n = x.size(-2), k = x.size(-1);
        boolean transposed = n < k;
        if (transposed) {
            x = x.mT();
            long t = n;
            n = k;
            k = t;
        }
        Tensor q;
        if (map != Map.HOUSEHOLDER) {
            Tensor lower = x.tril();
            if (n != k) {
                long[] pad = x.shape();
                pad[pad.length - 1] = n - k;
                lower = Torch.cat(java.util.List.of(lower, Torch.zeros(pad, x.dtype(), x.device())), -1);
            }
            Tensor a = lower.sub(lower.mT());
            if (map == Map.MATRIX_EXP) {
                q = Linalg.matrixExp(a);
            } else {
                Tensor id = Torch.eye(n).to(a);
                q = Linalg.solve(id.sub(a.mul(0.5)), id.add(a.mul(0.5)));
            }
            if (n != k) q = q.narrow(-1, 0, k);
        } else {
            Tensor a = x.tril(-1);
            Tensor tau = a.mul(a).sum(new int[] {-2}, false).add(1).reciprocal().mul(2);
            q = householderProduct(a, tau).mul(x.diagonal(0, -2, -1).to(DType.INT32).to(x.dtype()).unsqueeze(-2));
        }
        if (trivialization) q = buffer("base").matmul(q);
        return transposed ? q.mT() : q;
    }

    /**
     * {@code linalg.householder_product(A, tau)}: the first k columns of {@code H_0 ... H_{k-1}},
     * {@code H_i = I - tau_i v_i v_i^T} with {@code v_i} 1 at row i, A's column i below it, 0 above; with ops, so
     * differentiable twice.
     */
    private static Tensor householderProduct(Tensor a, Tensor tau) {
        long n = a.size(-2), k = a.size(-1);
        Tensor id = Torch.eye(n).to(a);
        Tensor q = id;
        for (long i = 0; i < k; i++) {
            double[] below = new double[(int) n], unit = new double[(int) n];
            for (int r = 0; r < n; r++) below[r] = r > i ? 1 : 0;
            unit[(int) i] = 1;
            Tensor v = a.select(-1, i).mul(Masks.of(below, a, n)).add(Masks.of(unit, a, n)).unsqueeze(-1);
            Tensor h = id.sub(tau.select(-1, i).unsqueeze(-1).unsqueeze(-1).mul(v.matmul(v.mT())));
            q = q.matmul(h);
        }
        return q.narrow(-1, 0, k);
    }

    /**
     * With the trivialization, {@code q} (completed to a square orthogonal matrix with seeded normal columns when tall,
     * made orthogonal when it is not) becomes {@code base} and the original restarts at minus the identity; without
     * it only the Householder map has an inverse, which needs LAPACK's reflectors and is not ported.
     */
    @Override
    public Tensor rightInverse(Tensor q) {
        if (!Arrays.equals(q.shape(), shape)) {
            throw new IllegalArgumentException("Expected a matrix or batch of matrices of shape " + Py.size(shape) + ". Got a tensor of shape "
                    + Py.size(q.shape()) + ".");
        }
        if (!trivialization) {
            throw new UnsupportedOperationException(map == Map.HOUSEHOLDER
                    ? "orthogonal(..., use_trivialization=False) with the householder map needs geqrf's reflectors, not ported"
                    : "It is not possible to assign to the matrix exponential or the Cayley parametrizations when use_trivialization=False.");
        }
        try (var g = Torch.noGrad()) {
            Tensor init = q;
            long n = q.size(-2), k = q.size(-1);
            if (n < k) {
                q = q.mT();
                long t = n;
                n = k;
                k = t;
            }
            if (n == k) {
                q = isOrthogonal(q) ? q.clone() : makeOrthogonal(q);
            } else {
                long[] extra = q.shape();
                extra[extra.length - 1] = n - k;
                q = makeOrthogonal(Torch.cat(java.util.List.of(q, Torch.randn(extra, q.dtype()).to(q.device())), -1));
            }
            setBuffer("base", q);
            Tensor negId = Torch.zerosLike(init);
            negId.diagonal(0, -2, -1).fill_(-1.0);
            return negId;
        }
    }

    /** PyTorch's {@code _is_orthogonal}: {@code Q^T Q} within {@code 10 n eps} of the identity. */
    private static boolean isOrthogonal(Tensor q) {
        long n = q.size(-2), k = q.size(-1);
        double eps = 10.0 * n * (q.dtype() == DType.FLOAT64 ? Math.ulp(1.0) : Math.ulp(1.0f));
        return q.mT().matmul(q).allclose(Torch.eye(k).to(q.dtype()), 1e-5, eps);
    }

    /** PyTorch's {@code _make_orthogonal}: Q of the QR decomposition with R's diagonal made positive. */
    private static Tensor makeOrthogonal(Tensor a) {
        QrResult qr = Linalg.qr(a);
        return qr.Q().mul(qr.R().diagonal(0, -2, -1).sgn().unsqueeze(-2));
    }

    @Override
    protected String typeName() {
        return "_Orthogonal";
    }
}
