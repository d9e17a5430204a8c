package org.torch4j.linalg;

import java.util.Arrays;
import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.internal.Internals;

/**
 * Products with the Householder reflectors that {@code geqrf} leaves behind ({@code H_i = I - tau_i v_i v_i^H},
 * {@code v_i} = column i of A below the diagonal with a 1 on it): {@code householder_product} (orgqr), the
 * first columns of {@code Q = H_0 ... H_{k-1}}, and {@code ormqr}, Q or Q^T times another matrix from either
 * side. Both are written as one rank-one update per reflector with tensor ops, so they run on any backend,
 * broadcast over the batch and differentiate (twice) by composition; entries of A on and above the diagonal
 * are never read and get zero gradient, as in PyTorch.
 */
final class Reflectors {

    private Reflectors() {}

    /** {@code torch.linalg.householder_product(A, tau)}: the first n columns of the product of the reflectors. */
    static Tensor householderProduct(Tensor a, Tensor tau) {
        String op = "torch.linalg.householder_product";
        if (a.dim() < 2) throw new IllegalArgumentException(op + ": input must have at least 2 dimensions.");
        if (a.size(-2) < a.size(-1)) {
            throw new IllegalArgumentException(op + ": input.shape[-2] must be greater than or equal to input.shape[-1]");
        }
        if (a.size(-1) < tau.size(-1)) {
            throw new IllegalArgumentException(op + ": input.shape[-1] must be greater than or equal to tau.shape[-1]");
        }
        checkTau(op, a, tau);
        if (tau.dtype() != a.dtype()) {
            throw new IllegalArgumentException(op + ": tau dtype " + name(tau) + " does not match input dtype " + name(a));
        }
        if (!a.isComplex()) Kernels.checkKernelDtype(a, "orgqr_cpu");
        long m = a.size(-2), n = a.size(-1);
        Tensor q = MatrixOps.eye(m, a).narrow(-1, 0, n);
        for (long i = tau.size(-1) - 1; i >= 0; i--) q = reflectLeft(a, tau, i, q);
        return Batches.expandBatch(q, Matrices.batchShape(a)).contiguous();
    }

    /**
     * {@code torch.ormqr(A, tau, C, left, transpose)}: {@code Q C}, {@code Q^T C}, {@code C Q} or {@code C Q^T}
     * with the full {@code mn x mn} Q of A's reflectors, without forming Q.
     */
    static Tensor ormqr(Tensor a, Tensor tau, Tensor c, boolean left, boolean transpose) {
        String op = "torch.ormqr";
        if (a.dim() < 2) throw new IllegalArgumentException(op + ": input must have at least 2 dimensions.");
        if (c.dim() < 2) throw new IllegalArgumentException(op + ": other must have at least 2 dimensions.");
        int side = left ? -2 : -1;
        if (c.size(side) < tau.size(-1)) {
            throw new IllegalArgumentException(op + ": other.shape[" + side + "] must be greater than or equal to tau.shape[-1]");
        }
        if (c.size(side) != a.size(-2)) {
            throw new IllegalArgumentException(op + ": other.shape[" + side + "] must be equal to input.shape[-2]");
        }
        if (tau.size(-1) > a.size(-1)) {
            throw new IllegalArgumentException(op + ": tau.shape[-1] must be less than or equal to input.shape[-1]");
        }
        checkTau(op, a, tau);
        if (c.dim() != a.dim()) {
            throw new IllegalArgumentException(op + ": Expected other to have the same number of dimensions as input, but got"
                    + " other.ndim equal to " + c.dim() + " and input.ndim is equal to " + a.dim());
        }
        if (!Arrays.equals(Matrices.batchShape(c), Matrices.batchShape(a))) {
            throw new IllegalArgumentException(op + ": Expected batch dimensions of other to be equal to input.shape[:-2], but got "
                    + Arrays.toString(Matrices.batchShape(c)));
        }
        for (Tensor t : new Tensor[] {tau, c}) {
            if (t.dtype() != a.dtype()) {
                throw new IllegalArgumentException(op + ": Expected input and " + (t == tau ? "tau" : "other") + " to have the same"
                        + " dtype, but input has dtype" + name(a) + " and " + (t == tau ? "tau" : "other") + " has dtype " + name(t));
            }
        }
        if (!a.isComplex()) Kernels.checkKernelDtype(a, "ormqr_cpu");
        long k = tau.size(-1);
        if (transpose) tau = tau.conj();  // Q^H: each H_i^H = I - conj(tau_i) v v^H, in reverse order
        // Q = H_0 ... H_{k-1}: the reflector nearest to C is applied first
        boolean lastFirst = left != transpose;
        Tensor r = c;
        for (long s = 0; s < k; s++) {
            long i = lastFirst ? k - 1 - s : s;
            r = left ? reflectLeft(a, tau, i, r) : reflectRight(a, tau, i, r);
        }
        return r == c ? c.clone() : r;
    }

    /** PyTorch's shared checks of tau against A's batch. */
    private static void checkTau(String op, Tensor a, Tensor tau) {
        if (tau.dim() != a.dim() - 1) {
            throw new IllegalArgumentException(op + ": Expected tau to have one dimension less than input, but got tau.ndim equal to "
                    + tau.dim() + " and input.ndim is equal to " + a.dim());
        }
        long[] batch = Arrays.copyOf(tau.shape(), tau.dim() - 1);
        if (!Arrays.equals(batch, Matrices.batchShape(a))) {
            throw new IllegalArgumentException(op + ": Expected batch dimensions of tau to be equal to input.shape[:-2], but got "
                    + Arrays.toString(batch));
        }
    }

    /** {@code H_i C = C - tau_i v (v^H C)}. */
    private static Tensor reflectLeft(Tensor a, Tensor tau, long i, Tensor c) {
        Tensor v = vector(a, i).unsqueeze(-1), t = tau.select(-1, i).unsqueeze(-1).unsqueeze(-1);
        return c.sub(v.mul(t).matmul(v.mH().matmul(c)));
    }

    /** {@code C H_i = C - (C v) tau_i v^H}. */
    private static Tensor reflectRight(Tensor a, Tensor tau, long i, Tensor c) {
        Tensor v = vector(a, i).unsqueeze(-1), t = tau.select(-1, i).unsqueeze(-1).unsqueeze(-1);
        return c.sub(c.matmul(v).matmul(v.mH().mul(t)));
    }

    /** {@code v_i}: column i of A below the diagonal, a 1 on it, zeros above. */
    private static Tensor vector(Tensor a, long i) {
        int m = Math.toIntExact(a.size(-2));
        double[] below = new double[m], unit = new double[m];
        for (int r = (int) i + 1; r < m; r++) below[r] = 1;
        unit[(int) i] = 1;
        Tensor mask = Torch.tensor(below).to(a);
        Tensor e = Torch.tensor(unit).to(a);
        return a.select(-1, i).mul(mask).add(e);
    }

    private static String name(Tensor t) {
        return Internals.get().cppName(t.dtype());
    }
}
