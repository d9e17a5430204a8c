package org.torch4j.linalg;

import org.torch4j.DType;
import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.internal.Internals;

/**
 * Argument checks with PyTorch's messages, and the move of a batch of matrices to host {@code double}
 * arrays and back, which the decompositions in this package work on.
 *
 * <p>The factorizations are sequential algorithms run on the host in double precision whatever the
 * input's dtype and device; results are rounded once to the input's dtype and moved back to its device
 * (see docs/linalg.md for why, and for how a backend could take them over).
 */
final class Matrices {

    private Matrices() {}

    /** Rejects fewer than 2 dimensions, any dtype. */
    static void checkMatrix(String op, Tensor a, String name) {
        if (a.dim() < 2) {
            throw new IllegalArgumentException(op + ": The input tensor " + name + " must have at least 2 dimensions.");
        }
    }

    /** {@link #checkMatrix} and square trailing dimensions, any dtype. */
    static void checkSquareShape(String op, Tensor a, String name) {
        checkMatrix(op, a, name);
        checkSquareDims(op, a, name);
    }

    /** Rejects fewer than 2 dimensions, non-floating and 16-bit floating dtypes. */
    static void checkFloatingMatrix(String op, Tensor a, String name) {
        checkMatrix(op, a, name);
        checkDtype(op, a);
    }

    /** {@link #checkFloatingMatrix} and square trailing dimensions. */
    static void checkSquare(String op, Tensor a, String name) {
        checkSquareShape(op, a, name);  // (PyTorch's squareCheckInputs comes before its dtype checks)
        checkDtype(op, a);
    }

    private static void checkSquareDims(String op, Tensor a, String name) {
        long m = a.size(-2), n = a.size(-1);
        if (m != n) {
            throw new IllegalArgumentException(op + ": " + name + " must be batches of square matrices, but they are "
                    + m + " by " + n + " matrices");
        }
    }

    /** Rejects non-floating dtypes (16-bit floats pass). */
    static void checkFloating(String op, Tensor a) {
        if (a.dtype().isComplex()) {
            // PyTorch has complex linear algebra; torch4j's factorizations are real only
            throw new IllegalArgumentException("\"" + op + "\" not implemented for '" + Internals.get().cppName(a.dtype()) + "'");
        }
        if (!a.dtype().isFloatingPoint()) {
            throw new IllegalArgumentException(op + ": Expected a floating point or complex tensor as input. Got "
                    + Internals.get().cppName(a.dtype()));
        }
    }

    /** {@link #checkFloating}, and rejects float16 and bfloat16. */
    static void checkDtype(String op, Tensor a) {
        checkFloating(op, a);
        DType d = a.dtype();
        if (d == DType.FLOAT16 || d == DType.BFLOAT16) {
            throw new IllegalArgumentException(op + ": Low precision dtypes not supported. Got " + Internals.get().cppName(d));
        }
    }

    /** The number of matrices in a {@code [..., m, n]} tensor. */
    static int batchCount(Tensor a) {
        long b = 1;
        for (int i = 0; i < a.dim() - 2; i++) b *= a.size(i);
        return Math.toIntExact(b);
    }

    /**
     * The matrices of {@code a} as row-major double arrays, one per batch element (a host copy: the
     * caller may overwrite them).
     */
    static double[][] toHost(Tensor a) {
        int rows = Math.toIntExact(a.size(-2)), cols = Math.toIntExact(a.size(-1));
        int count = batchCount(a), size = Math.multiplyExact(rows, cols);
        double[] all = a.detach().toDoubleArray();
        double[][] out = new double[count][];
        for (int b = 0; b < count; b++) out[b] = java.util.Arrays.copyOfRange(all, b * size, (b + 1) * size);
        return out;
    }

    /** The matrices of a complex {@code a} as row-major host arrays of interleaved (re, im) pairs, {@code rows x 2 cols}. */
    static double[][] toHostPairs(Tensor a) {
        return toHost(Torch.viewAsReal(a).reshape(shape(batchShape(a), a.size(-2), 2 * a.size(-1))));
    }

    /** {@link #toHostPairs} for a complex {@code a}, {@link #toHost} for a real one. */
    static double[][] toHostElements(Tensor a) {
        return a.isComplex() ? toHostPairs(a) : toHost(a);
    }

    /** {@link #fromHostPairs} when {@code like} is complex, {@link #fromHost} when it is real. */
    static Tensor fromHostElements(double[][] matrices, long[] batch, long rows, long cols, Tensor like) {
        return like.isComplex() ? fromHostPairs(matrices, batch, rows, cols, like) : fromHost(matrices, batch, rows, cols, like);
    }

    /** {@link #fromHost} for complex results: host matrices of interleaved pairs, with complex {@code like}'s dtype and device. */
    static Tensor fromHostPairs(double[][] pairs, long[] batch, long rows, long cols, Tensor like) {
        return Torch.viewAsComplex(fromHost(pairs, batch, rows, 2 * cols, Torch.viewAsReal(like)).reshape(shape(batch, rows, cols, 2)));
    }

    /**
     * A tensor of shape {@code batch + [rows, cols]} from row-major host matrices, with {@code like}'s dtype
     * and device.
     */
    static Tensor fromHost(double[][] matrices, long[] batch, long rows, long cols, Tensor like) {
        long[] shape = shape(batch, rows, cols);
        int size = Math.toIntExact(rows * cols);
        double[] all = new double[Math.multiplyExact(matrices.length, size)];
        for (int b = 0; b < matrices.length; b++) System.arraycopy(matrices[b], 0, all, b * size, size);
        return Torch.tensor(all, shape).to(like);
    }

    /** {@code batch + trailing}: a batch's shape with the per-matrix dims appended. */
    static long[] shape(long[] batch, long... trailing) {
        long[] s = java.util.Arrays.copyOf(batch, batch.length + trailing.length);
        System.arraycopy(trailing, 0, s, batch.length, trailing.length);
        return s;
    }

    /** The batch dimensions of a {@code [..., m, n]} tensor. */
    static long[] batchShape(Tensor a) {
        return java.util.Arrays.copyOf(a.shape(), a.dim() - 2);
    }
}
