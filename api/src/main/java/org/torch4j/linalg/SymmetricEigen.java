package org.torch4j.linalg;

import org.torch4j.FunctionContext;
import org.torch4j.Tensor;
import org.torch4j.Torch;

/**
 * {@code torch.linalg.eigh} and {@code eigvalsh}: Householder tridiagonalisation and implicit QL on the host ({@link TridiagonalEigen}) for each
 * matrix of the batch, reading only the {@code uplo} triangle, and PyTorch's backward
 * {@code gA = V (diag(gw) + sym(V^T gV) / E) V^T} with {@code E_ij = w_j - w_i}, where
 * {@code sym(X) = (X - X^T) / 2}: the gradient is symmetric, as PyTorch's, whichever triangle was read.
 * It assumes distinct eigenvalues (equal ones give infinities, as in PyTorch). Complex Hermitian matrices go
 * through {@link HermitianEigen}, with the same backward in its Hermitian form ({@code V^H}, skew-Hermitian part)
 * and PyTorch's refusal of losses that depend on the eigenvectors' phases.
 */
final class SymmetricEigen extends org.torch4j.Function {

    private final boolean lower, wantVectors;

    private SymmetricEigen(boolean lower, boolean wantVectors) {
        this.lower = lower;
        this.wantVectors = wantVectors;
    }

    static EighResult eigh(Tensor a, String uplo) {
        return compute(a, uplo, true);
    }

    static Tensor eigvalsh(Tensor a, String uplo) {
        // the gradient of the eigenvalues needs the eigenvectors, as in PyTorch
        return compute(a, uplo, a.requiresGrad() && Torch.isGradEnabled()).eigenvalues();
    }

    private static EighResult compute(Tensor a, String uplo, boolean vectors) {
        // PyTorch names linalg.eigh in eigvalsh's shape errors too (it calls eigh's checks)
        Matrices.checkSquareShape("linalg.eigh", a, "A");
        boolean lower = switch (uplo) {
            case "L", "l" -> true;
            case "U", "u" -> false;
            default -> throw new IllegalArgumentException("Expected UPLO argument to be 'L' or 'U', but got " + uplo);
        };
        if (!a.isComplex()) Kernels.checkKernelDtype(a, "linalg_eigh_cpu");
        Tensor[] r = new SymmetricEigen(lower, vectors).apply(a);
        return new EighResult(r[0], r[1]);
    }

    @Override
    protected Tensor[] forward(FunctionContext ctx, Tensor... in) {
        if (in[0].isComplex()) return forwardHermitian(ctx, in[0]);
        Tensor a = in[0];
        int n = Math.toIntExact(a.size(-1));
        double[][] mats = Matrices.toHost(a);
        double[][] values = new double[mats.length][], vectors = new double[mats.length][];
        for (int b = 0; b < mats.length; b++) {
            TridiagonalEigen e = new TridiagonalEigen(mats[b], n, lower, wantVectors);
            values[b] = e.values;
            vectors[b] = e.vectors;
        }
        long[] batch = Matrices.batchShape(a);
        Tensor w = Matrices.fromHost(values, batch, 1, n, a).squeeze(-2);
        Tensor v = wantVectors ? Matrices.fromHost(vectors, batch, n, n, a) : MatrixOps.empty(a);
        ctx.saveForBackward(w, v);
        ctx.setMaterializeGrads(false);
        return new Tensor[] {w, v};
    }

    /** Complex Hermitian matrices ({@link HermitianEigen}): real eigenvalues, complex eigenvectors. */
    private Tensor[] forwardHermitian(FunctionContext ctx, Tensor a) {
        int n = Math.toIntExact(a.size(-1));
        long[] batch = Matrices.batchShape(a);
        double[][] mats = Matrices.toHostPairs(a);
        double[][] values = new double[mats.length][], vectors = new double[mats.length][];
        for (int b = 0; b < mats.length && n > 0; b++) {
            HermitianEigen e = new HermitianEigen(mats[b], n, lower);
            values[b] = e.values;
            vectors[b] = e.vectors;
        }
        Tensor w = a.numel() == 0  // (no matrices, or 0 x 0 ones: nothing to read back)
                ? Torch.zeros(Matrices.shape(batch, n), a.dtype().toReal(), a.device())
                : Matrices.fromHost(values, batch, 1, n, Torch.viewAsReal(a)).squeeze(-2);
        Tensor v = a.numel() == 0 ? (wantVectors ? Torch.zeros(a.shape(), a.dtype(), a.device()) : MatrixOps.empty(a))
                : wantVectors
                ? Matrices.fromHostPairs(vectors, batch, n, n, a)
                : MatrixOps.empty(a);
        ctx.saveForBackward(w, v);
        ctx.setMaterializeGrads(false);
        return new Tensor[] {w, v};
    }

    @Override
    protected Tensor[] backward(FunctionContext ctx, Tensor... g) {
        Tensor[] saved = ctx.savedTensors();
        Tensor w = saved[0], v = saved[1];
        Tensor gw = g[0], gV = g[1];
        Tensor vh = v.conj().mT();
        Tensor inner;
        if (gV == null) {
            inner = MatrixOps.diagEmbed(gw).to(v.dtype());
        } else {
            Tensor vhg = vh.matmul(gV);
            if (v.isComplex()) {
                // the loss must not depend on the eigenvectors' phases: Im diag(V^H gV) = 0
                Tensor phase = vhg.diagonal(0, -2, -1).imag();
                if (!phase.allclose(Torch.zerosLike(phase), 1e-2, 1e-2)) {
                    throw new IllegalArgumentException("linalg_eigh_backward: The eigenvectors in the complex case are specified up to "
                            + "multiplication by e^{i phi}. The specified loss function depends on this quantity, so it is ill-defined.");
                }
            }
            // E_ij = w_j - w_i off the diagonal; 1 on it, where the skew-Hermitian part is (about) 0 anyway
            Tensor e = w.unsqueeze(-2).sub(w.unsqueeze(-1)).add(MatrixOps.eye(w.size(-1), w));
            inner = vhg.sub(vhg.conj().mT()).mul(0.5).div(e);
            if (gw != null) inner = inner.add(MatrixOps.diagEmbed(gw));
        }
        return new Tensor[] {v.matmul(inner).matmul(vh)};
    }
}
