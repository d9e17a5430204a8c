package org.torch4j.linalg;

import org.torch4j.Tensor;
import org.torch4j.Torch;

/**
 * {@code torch.linalg.matrix_norm}, {@code norm} and {@code cond} as PyTorch 1.13 composes them: the
 * Frobenius and the 1- and infinity-norms from vector norms, the 2-norms and the nuclear norm from the
 * singular values, the condition numbers for the other norms from the inverse (here through QR).
 */
final class MatrixNorms {

    private MatrixNorms() {}

    /** {@code "fro"} or {@code "nuc"} over the two dims {@code dim}. */
    static Tensor matrixNorm(Tensor a, String ord, int[] dim, boolean keepdim) {
        if (!ord.equals("fro") && !ord.equals("nuc")) {
            throw new IllegalArgumentException("linalg.matrix_norm: Order " + ord + " not supported.");
        }
        int[] d = checks(a, dim, !ord.equals("nuc"));
        if (ord.equals("fro")) return a.norm(2, d, keepdim);
        return backshifted(a, d, keepdim, null, s -> s.sum(new int[] {-1}, false));
    }

    /** Orders 2, -2 (extreme singular values), 1, -1 (column sums of |a|), inf, -inf (row sums). */
    static Tensor matrixNorm(Tensor a, double ord, int[] dim, boolean keepdim) {
        double absOrd = Math.abs(ord);
        if (absOrd != 2 && absOrd != 1 && absOrd != Double.POSITIVE_INFINITY) {
            throw new IllegalArgumentException("linalg.matrix_norm: Order " + format(ord) + " not supported.");
        }
        int[] d = checks(a, dim, absOrd != 2);
        if (absOrd == 2) {
            return backshifted(a, d, keepdim, ord > 0 ? "amax" : "amin", s -> ord > 0 ? s.amax(new int[] {-1}, false) : s.amin(new int[] {-1}, false));
        }
        // the infinity norm is the 1-norm of the transpose: sum over the columns' dim, then the extreme over the rows'
        int sumDim = absOrd == 1 ? d[0] : d[1], extremeDim = absOrd == 1 ? d[1] : d[0];
        if (!keepdim && sumDim < extremeDim) extremeDim--;
        Tensor sums = a.abs().sum(new int[] {sumDim}, keepdim);
        return ord > 0 ? sums.amax(new int[] {extremeDim}, keepdim) : sums.amin(new int[] {extremeDim}, keepdim);
    }

    /** Checks A and dim, returning the dims wrapped. */
    private static int[] checks(Tensor a, int[] dim, boolean lowPrecisionAllowed) {
        Matrices.checkMatrix("linalg.matrix_norm", a, "A");
        if (a.isComplex()) {
            // |A|'s norms for fro and +-1, +-inf; the complex SVD's singular values for the others
        } else if (lowPrecisionAllowed) {
            Matrices.checkFloating("linalg.matrix_norm", a);
        } else {
            Matrices.checkDtype("linalg.matrix_norm", a);
        }
        if (dim.length != 2) {
            throw new IllegalArgumentException("linalg.matrix_norm: dim must be a 2-tuple. Got " + java.util.Arrays.toString(dim));
        }
        int[] d = {wrap(dim[0], a.dim()), wrap(dim[1], a.dim())};
        if (d[0] == d[1]) {
            throw new IllegalArgumentException("linalg.matrix_norm: dims must be different. Got (" + d[0] + ", " + d[1] + ")");
        }
        return d;
    }

    /**
     * {@code reduce} of the singular values of the matrices spanned by {@code d}, moved to the end and back;
     * {@code extreme} names the reduction when it is amax/amin, which PyTorch cannot apply to no values.
     */
    private static Tensor backshifted(Tensor a, int[] d, boolean keepdim, String extreme,
            java.util.function.UnaryOperator<Tensor> reduce) {
        int r = a.dim();
        int[] perm = new int[r];
        int k = 0;
        for (int i = 0; i < r; i++) if (i != d[0] && i != d[1]) perm[k++] = i;
        perm[k++] = d[0];
        perm[k] = d[1];
        if (extreme != null && (a.size(d[0]) == 0 || a.size(d[1]) == 0)) {
            throw new IndexOutOfBoundsException(extreme + "(): Expected reduction dim -1 to have non-zero size.");
        }
        Tensor result = reduce.apply(Svd.svdvals(a.permute(perm)));
        if (!keepdim) return result;
        // the two reduced dims come back as size 1 at their places
        long[] shape = a.shape();
        shape[d[0]] = 1;
        shape[d[1]] = 1;
        return result.reshape(shape);
    }

    static int wrap(int dim, int rank) {
        if (dim < -rank || dim >= rank) {
            throw new IndexOutOfBoundsException("Dimension out of range (expected to be in range of [" + (-rank) + ", "
                    + (rank - 1) + "], but got " + dim + ")");
        }
        return dim < 0 ? dim + rank : dim;
    }

    /** A double as C++ streams it: {@code 3}, {@code 0.5}, {@code inf}. */
    static String format(double v) {
        if (Double.isInfinite(v)) return v > 0 ? "inf" : "-inf";
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }

    /** {@code torch.linalg.norm} with a numeric (or absent: null) order. */
    static Tensor norm(Tensor a, Double ord, int[] dim, boolean keepdim) {
        checkNormArgs(a, ord != null, dim);
        if (ord != null && ((dim != null && dim.length == 2) || (dim == null && a.dim() == 2))) {
            return matrixNorm(a, ord, dim != null ? dim : new int[] {0, 1}, keepdim);
        }
        if (!a.dtype().isFloatingPoint() && !a.dtype().isComplex()) {
            throw new IllegalArgumentException("linalg.vector_norm: Expected a floating point or complex tensor as input. Got "
                    + org.torch4j.internal.Internals.get().cppName(a.dtype()));
        }
        return a.norm(ord == null ? 2 : ord, dim, keepdim);
    }

    /** {@code torch.linalg.norm} with {@code "fro"} or {@code "nuc"}. */
    static Tensor norm(Tensor a, String ord, int[] dim, boolean keepdim) {
        checkNormArgs(a, true, dim);
        return matrixNorm(a, ord, dim != null ? dim : new int[] {0, 1}, keepdim);
    }

    private static void checkNormArgs(Tensor a, boolean hasOrd, int[] dim) {
        if (dim != null) {
            if (dim.length != 1 && dim.length != 2) {
                throw new IllegalArgumentException("linalg.norm: If dim is specified, it must be of length 1 or 2. Got "
                        + java.util.Arrays.toString(dim));
            }
        } else if (hasOrd && a.dim() != 1 && a.dim() != 2) {
            throw new IllegalArgumentException("linalg.norm: If dim is not specified but ord is, the input must be 1D or 2D. Got "
                    + a.dim() + "D.");
        }
    }

    /** {@code torch.linalg.cond} for a numeric (or absent: null, meaning 2) order. */
    static Tensor cond(Tensor a, Double p) {
        if (a.dim() < 2) throw new IllegalArgumentException("linalg.cond: The input tensor must have at least 2 dimensions.");
        double ord = p == null ? 2 : p;
        double absOrd = Math.abs(ord);
        if (absOrd != 2 && absOrd != 1 && absOrd != Double.POSITIVE_INFINITY) {
            throw new IllegalArgumentException("linalg.cond got an invalid norm type: " + format(ord));
        }
        if (a.numel() == 0) return empty(a);
        if (absOrd == 2) {
            Tensor s = Svd.svdvals(a);
            Tensor max = s.narrow(-1, 0, 1), min = s.narrow(-1, s.size(-1) - 1, 1);
            return (ord < 0 ? min.div(max) : max.div(min)).squeeze(-1);
        }
        Matrices.checkSquareShape("linalg.cond(ord=" + format(ord) + ")", a, "A");
        Tensor inverse = inverse(a);  // first, as PyTorch: its dtype errors are inv's
        int[] d = {-2, -1};
        return nanToInf(matrixNorm(a, ord, d, false).mul(matrixNorm(inverse, ord, d, false)));
    }

    /** {@code torch.linalg.cond} for {@code "fro"} or {@code "nuc"}. */
    static Tensor cond(Tensor a, String p) {
        Matrices.checkSquareShape("linalg.cond(ord=" + p + ")", a, "A");
        if (!p.equals("fro") && !p.equals("nuc")) {
            throw new IllegalArgumentException("linalg.cond got an invalid norm type: " + p);
        }
        if (a.numel() == 0) return empty(a);
        if (p.equals("nuc")) {
            // PyTorch's definition, without an inverse: sum(s) * sum(1 / s) (inf for a singular matrix)
            Tensor s = Svd.svdvals(a);
            return s.sum(-1).mul(s.reciprocal().sum(-1));
        }
        Tensor inverse = inverse(a);
        int[] d = {-2, -1};
        return nanToInf(matrixNorm(a, p, d, false).mul(matrixNorm(inverse, p, d, false)));
    }

    /** 0 * inf (a zero matrix's norm times its inverse's) is inf, as NumPy and PyTorch make it. */
    private static Tensor nanToInf(Tensor t) {
        return t.nanToNum(Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY);
    }

    /** 0 for each (empty) matrix, as PyTorch defines it. */
    private static Tensor empty(Tensor a) {
        return Torch.zeros(Matrices.batchShape(a), a.dtype().isComplex() ? a.dtype().toReal() : a.dtype(), a.device());
    }

    /** The inverse, filled with inf for a singular matrix, as PyTorch's cond does (from {@code linalg.inv_ex}). */
    private static Tensor inverse(Tensor a) {
        InvEx r = Linalg.invEx(a);
        return r.inverse().where(r.info().eq(0L).unsqueeze(-1).unsqueeze(-1), Double.POSITIVE_INFINITY);
    }
}
