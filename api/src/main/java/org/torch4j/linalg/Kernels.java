package org.torch4j.linalg;

import org.torch4j.DType;
import org.torch4j.Tensor;
import org.torch4j.internal.Internals;

/**
 * PyTorch's dtype errors for the ops it runs through one of its LAPACK kernels ({@code lu_cpu},
 * {@code cholesky_cpu}, {@code triangular_solve_cpu}): a 16-bit floating input passes the op's own checks and
 * fails at kernel dispatch with the kernel's name.
 */
final class Kernels {

    private Kernels() {}

    /** Matrices' checks of a square floating matrix, with the kernel's error for float16 and bfloat16. */
    static void checkSquare(String op, Tensor a, String kernel) {
        Matrices.checkSquareShape(op, a, "A");
        DType d = a.dtype();
        if (d == DType.FLOAT16 || d == DType.BFLOAT16) throw notImplemented(kernel, d);
        Matrices.checkFloating(op, a);
    }

    /** Integers and 16-bit floats fail PyTorch's kernel dispatch: {@code "geqrf_cpu" not implemented for 'Half'}. */
    static void checkKernelDtype(Tensor a, String kernel) {
        DType d = a.dtype();
        if (!d.isFloatingPoint() || d == DType.FLOAT16 || d == DType.BFLOAT16) throw notImplemented(kernel, d);
    }

    static IllegalArgumentException notImplemented(String kernel, DType d) {
        return new IllegalArgumentException("\"" + kernel + "\" not implemented for '" + Internals.get().cppName(d) + "'");
    }
}
