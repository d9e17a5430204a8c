package org.torch4j.linalg;

import org.torch4j.DType;
import org.torch4j.FunctionContext;
import org.torch4j.Tensor;
import org.torch4j.Torch;

/**
 * {@code torch.linalg.eig} and {@code eigvals} of real or complex square matrices: {@link HostEigen} on each matrix
 * of the batch (LAPACK's dgeev / zgeev algorithm in double), complex results. The backward is PyTorch's:
 * {@code gA = V^{-H} (diag(gL) + P(V^H gV) / conj(E)) V^H} with {@code E_ij = L_j - L_i} and P the projection
 * {@code X - V^H V diag(re diag X)} that keeps the eigenvectors' norm, the real part taken for real A. A loss
 * that depends on the eigenvectors' phases (which are a convention) is refused there, as PyTorch refuses it.
 * Distinct eigenvalues are assumed (equal ones give infinities, as in PyTorch).
 */
final class GeneralEigen extends org.torch4j.Function {

    private final boolean wantVectors;
    /** Set by forward: a complex A takes the complex gradient, a real one its real part. */
    private boolean complexInput;

    private GeneralEigen(boolean wantVectors) {
        this.wantVectors = wantVectors;
    }

    static EigResult eig(Tensor a) {
        check("linalg.eig", a);
        Tensor[] r = new GeneralEigen(true).apply(a);
        return new EigResult(r[0], r[1]);
    }

    static Tensor eigvals(Tensor a) {
        check("linalg.eigvals", a);
        // the gradient of the eigenvalues needs the eigenvectors, as in PyTorch
        return new GeneralEigen(a.requiresGrad() && Torch.isGradEnabled()).apply(a)[0];
    }

    private static void check(String op, Tensor a) {
        Matrices.checkMatrix(op, a, "A");
        if (!a.dtype().isComplex()) {
            if (!a.dtype().isFloatingPoint()) a.dtype().toComplex(); // PyTorch's "Unknown Complex ScalarType for Long"
            Kernels.checkKernelDtype(a, "linalg_eig_out_cpu");
        }
        Matrices.checkSquareShape(op, a, "A");
    }

    @Override
    protected Tensor[] forward(FunctionContext ctx, Tensor... in) {
        Tensor a = in[0];
        int n = Math.toIntExact(a.size(-1));
        boolean complex = a.isComplex();
        complexInput = complex;
        double[][] mats = Matrices.toHost(complex ? a.real() : a), imag = complex ? Matrices.toHost(a.imag()) : null;
        double[][] values = new double[mats.length][], vectors = new double[mats.length][];
        for (int b = 0; b < mats.length; b++) {
            HostEigen e = complex ? new HostEigen(mats[b], imag[b], n, wantVectors) : new HostEigen(mats[b], n, wantVectors);
            if (!e.converged) {
                throw new LinAlgException("linalg.eig: The algorithm failed to converge because the input matrix is ill-conditioned "
                        + "or has too many repeated eigenvalues (error code: " + (mats.length > 1 ? "batch " + b : "1") + ").");
            }
            values[b] = interleave(e.valRe, e.valIm);
            if (wantVectors) vectors[b] = interleave(e.vecRe, e.vecIm);
        }
        long[] batch = Matrices.batchShape(a);
        Tensor like = complex ? a.real() : a;
        Tensor w = Torch.viewAsComplex(Matrices.fromHost(values, batch, n, 2, like));
        Tensor v = wantVectors ? Torch.viewAsComplex(Matrices.fromHost(vectors, batch, (long) n * n, 2, like).reshape(Matrices.shape(batch, n, n, 2)))
                : Torch.zeros(new long[] {0}, like.dtype().toComplex(), a.device());
        ctx.saveForBackward(w, v);
        ctx.setMaterializeGrads(false);
        return new Tensor[] {w, v};
    }

    private static double[] interleave(double[] re, double[] im) {
        double[] out = new double[2 * re.length];
        for (int i = 0; i < re.length; i++) {
            out[2 * i] = re[i];
            out[2 * i + 1] = im[i];
        }
        return out;
    }

    @Override
    protected Tensor[] backward(FunctionContext ctx, Tensor... g) {
        Tensor[] saved = ctx.savedTensors();
        Tensor l = saved[0], v = saved[1];
        Tensor gL = g[0], gV = g[1];
        Tensor vh = v.conj().mT();
        Tensor inner;
        if (gV == null) {
            inner = gL.unsqueeze(-1).mul(vh); // diag(gL) V^H
        } else {
            Tensor vhgv = vh.matmul(gV);
            Tensor diag = vhgv.diagonal(0, -2, -1);
            // the loss must not depend on the eigenvectors' phases: Im diag(V^H gV) = 0
            if (!diag.imag().allclose(Torch.zerosLike(diag.imag()), 1e-2, 1e-2)) {
                throw new IllegalArgumentException("linalg_eig_backward: The eigenvectors in the complex case are specified up to "
                        + "multiplication by e^{i phi}. The specified loss function depends on this quantity, so it is ill-defined.");
            }
            vhgv = vhgv.sub(vh.matmul(v.mul(diag.real().unsqueeze(-2))));
            Tensor eye = MatrixOps.eye(l.size(-1), l.real()).to(DType.BOOL);
            Tensor lc = l.conj();
            Tensor econj = Torch.where(eye, Torch.ones(new long[0], l.dtype(), l.device()), lc.unsqueeze(-2).sub(lc.unsqueeze(-1)));
            Tensor x = vhgv.div(econj);
            if (gL != null) x = Torch.where(eye, gL.unsqueeze(-2), x);
            inner = x.matmul(vh);
        }
        Tensor ga = ComplexSolve.solve(vh, inner);
        return new Tensor[] {complexInput ? ga : ga.real()};
    }
}
