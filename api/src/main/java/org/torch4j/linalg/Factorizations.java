package org.torch4j.linalg;

import org.torch4j.DType;
import org.torch4j.Tensor;
import org.torch4j.Torch;

/**
 * The facade's decompositions that return several tensors: argument checks with PyTorch's messages,
 * LAPACK's info turned into an error or an int32 tensor, and the unpacking of {@code lu}.
 */
final class Factorizations {

    private Factorizations() {}

    static LuFactors luFactor(Tensor a) {
        checkLuInput("torch.lu_factor", a);
        LuFactor f = new LuFactor();
        Tensor[] r = f.apply(a);
        for (int i = 0; i < f.info.length; i++) {
            if (f.info[i] != 0) {
                throw new LinAlgException("torch.linalg.lu_factor: " + Batches.element(a, i) + "U[" + f.info[i] + "," + f.info[i]
                        + "] is zero and using it on lu_solve would result in a division by zero. If you still want to perform"
                        + " the factorization, consider calling linalg.lu(A, pivot) or linalg.lu_factor_ex(A, pivot)");
            }
        }
        return new LuFactors(r[0], r[1]);
    }

    /** P, then L = the strict lower part of the first k columns plus I, U = the upper part of the first k rows. */
    static PLU lu(Tensor a) {
        checkLuInput("linalg.lu", a);
        Tensor[] r = new LuFactor().apply(a);
        long m = a.size(-2), n = a.size(-1), k = Math.min(m, n);
        Tensor eye = Torch.eye(m, k).to(a);
        Tensor l = r[0].narrow(-1, 0, k).tril(-1).add(eye);
        Tensor u = r[0].narrow(-2, 0, k).triu();
        return new PLU(LuFactor.permutation(r[1], m, a), l, u);
    }

    static InvEx invEx(Tensor a) {
        if (a.isComplex()) return ComplexSolve.inverseEx(a);
        Matrices.checkSquare("linalg.inv", a, "A");  // (PyTorch's inv_ex reports as inv)
        Inverse f = new Inverse(Inverse.Singular.REPORT);
        Tensor inverse = f.apply1(a);
        return new InvEx(inverse, info(f.info, a));
    }

    static CholeskyEx choleskyEx(Tensor a, boolean upper) {
        if (a.isComplex()) {
            ComplexCholesky f = new ComplexCholesky("linalg.cholesky", false);  // (PyTorch's cholesky_ex reports as cholesky)
            Tensor l = f.factor(a, upper);
            return new CholeskyEx(l, info(f.info, a));
        }
        Kernels.checkSquare("linalg.cholesky", a, "cholesky_cpu");
        Cholesky f = new Cholesky("linalg.cholesky", false);
        Tensor l = upper ? f.apply1(a.mT()).mT() : f.apply1(a);
        return new CholeskyEx(l, info(f.info, a));
    }

    static Tensor info(int[] info, Tensor a) {
        return Torch.tensor(info).reshape(Matrices.batchShape(a)).to(a.device());
    }

    /** PyTorch reaches its LU kernel with any dtype once the input has 2 dims; the kernel rejects the rest. */
    static void checkLuInput(String op, Tensor a) {
        if (a.dim() < 2) {
            throw new IllegalArgumentException(op + ": Expected tensor with 2 or more dimensions. Got size: "
                    + java.util.Arrays.toString(a.shape()) + " instead");
        }
        DType d = a.dtype();
        if (!d.isFloatingPoint() && !d.isComplex() || d == DType.FLOAT16 || d == DType.BFLOAT16) throw Kernels.notImplemented("lu_cpu", d);
    }
}
