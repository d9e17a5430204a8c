package org.torch4j.linalg;

import java.util.Arrays;
import org.torch4j.DType;
import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.internal.Internals;

/** Products of vectors and matrices composed from existing ops: {@code multi_dot}, {@code cross}, {@code vecdot}. */
final class Products {

    private Products() {}

    /**
     * {@code linalg.multi_dot}: the product of a chain of matrices (the first may be a row vector, the last a
     * column vector), multiplied in the order that needs the fewest scalar multiplications.
     */
    static Tensor multiDot(Tensor... tensors) {
        int n = tensors.length;
        if (n < 2) throw new IllegalArgumentException("multi_dot(): expected at least 2 tensors but got " + n);
        Tensor first = tensors[0], last = tensors[n - 1];
        if (first.dim() != 1 && first.dim() != 2) {
            throw new IllegalArgumentException("multi_dot(): the first tensor must be 1D or 2D but got " + first.dim() + "D");
        }
        if (last.dim() != 1 && last.dim() != 2) {
            throw new IllegalArgumentException("multi_dot(): the last tensor must be 1D or 2D but got " + last.dim() + "D");
        }
        for (int i = 1; i < n - 1; i++) {
            if (tensors[i].dim() != 2) {
                throw new IllegalArgumentException("multi_dot(): tensor " + i + " must be 2D but got " + tensors[i].dim() + "D");
            }
        }
        for (int i = 1; i < n; i++) {
            if (tensors[i].dtype() != first.dtype()) {
                throw new IllegalArgumentException("multi_dot(): all tensors must have be the same dtype but tensor 0 is "
                        + typeMetaName(first.dtype()) + " and tensor " + i + " " + typeMetaName(tensors[i].dtype()));
            }
        }
        Tensor[] m = tensors.clone();
        if (first.dim() == 1) m[0] = first.unsqueeze(0);
        if (last.dim() == 1) m[n - 1] = last.unsqueeze(-1);
        for (int i = 0; i + 1 < n; i++) {
            if (m[i].size(1) != m[i + 1].size(0)) {
                throw new IllegalArgumentException("multi_dot(): tensors " + i + " and " + (i + 1) + " with shapes "
                        + Arrays.toString(m[i].shape()) + " and " + Arrays.toString(m[i + 1].shape()) + " cannot be multiplied");
            }
        }
        Tensor r = chain(m, order(m), 0, n - 1);
        if (last.dim() == 1) r = r.squeeze(-1);
        if (first.dim() == 1) r = r.squeeze(0);
        return r;
    }

    /** The matrix-chain order by dynamic programming: split[i][j] is where product i..j splits. */
    private static int[][] order(Tensor[] m) {
        int n = m.length;
        long[] dims = new long[n + 1];
        for (int i = 0; i < n; i++) dims[i] = m[i].size(0);
        dims[n] = m[n - 1].size(1);
        long[][] cost = new long[n][n];
        int[][] split = new int[n][n];
        for (int len = 1; len < n; len++) {
            for (int i = 0; i + len < n; i++) {
                int j = i + len;
                cost[i][j] = Long.MAX_VALUE;
                for (int k = i; k < j; k++) {
                    long c = cost[i][k] + cost[k + 1][j] + dims[i] * dims[k + 1] * dims[j + 1];
                    if (c < cost[i][j]) {
                        cost[i][j] = c;
                        split[i][j] = k;
                    }
                }
            }
        }
        return split;
    }

    private static Tensor chain(Tensor[] m, int[][] split, int i, int j) {
        if (i == j) return m[i];
        int k = split[i][j];
        return chain(m, split, i, k).mm(chain(m, split, k + 1, j));
    }

    /** The names PyTorch's multi_dot message uses (caffe2's TypeMeta names). */
    private static String typeMetaName(DType d) {
        return switch (d) {
            case FLOAT32 -> "float";
            case FLOAT64 -> "double";
            case INT64 -> "long int";
            case INT32 -> "int";
            case INT16 -> "short int";
            case INT8 -> "signed char";
            case UINT8 -> "unsigned char";
            case BOOL -> "bool";
            case FLOAT16 -> "c10::Half";
            case BFLOAT16 -> "c10::BFloat16";
            case COMPLEX64 -> "c10::complex<float>";
            case COMPLEX128 -> "c10::complex<double>";
            default -> Internals.get().cppName(d);
        };
    }

    /** {@code linalg.cross}: the cross product of 3-vectors along {@code dim}, broadcasting the other dims. */
    static Tensor cross(Tensor a, Tensor b, int dim) {
        if (a.dim() != b.dim()) throw new IllegalArgumentException("linalg.cross: inputs must have the same number of dimensions.");
        if (a.dtype() != b.dtype()) {
            throw new IllegalArgumentException("expected scalar type " + Internals.get().cppName(a.dtype()) + " but found "
                    + Internals.get().cppName(b.dtype()));
        }
        int d = wrap(dim, a.dim());
        if (a.size(d) != 3 || b.size(d) != 3) {
            throw new IllegalArgumentException("linalg.cross: inputs dimension " + dim + " must have length 3. Got "
                    + a.size(d) + " and " + b.size(d));
        }
        DType low = a.dtype();
        if (low == DType.FLOAT16 || low == DType.BFLOAT16) {  // products and differences in float32, one rounding
            return cross(a.to(DType.FLOAT32), b.to(DType.FLOAT32), dim).to(low);
        }
        long[] shape = Batches.broadcast(a.shape(), b.shape());
        Tensor x = a.expand(shape), y = b.expand(shape);
        Tensor x0 = x.select(d, 0), x1 = x.select(d, 1), x2 = x.select(d, 2);
        Tensor y0 = y.select(d, 0), y1 = y.select(d, 1), y2 = y.select(d, 2);
        return Torch.stack(java.util.List.of(x1.mul(y2).sub(x2.mul(y1)), x2.mul(y0).sub(x0.mul(y2)),
                x0.mul(y1).sub(x1.mul(y0))), d);
    }

    /** {@code linalg.vecdot}: {@code sum(x * y, dim)} with broadcasting. */
    static Tensor vecdot(Tensor x, Tensor y, int dim) {
        if (!x.dtype().isFloatingPoint() && !x.isComplex()) Matrices.checkDtype("linalg.vecdot", x);
        if (x.dtype() != y.dtype()) {
            throw new IllegalArgumentException("linalg.vecdot: Expected x and y to have the same dtype, but found x of type "
                    + Internals.get().cppName(x.dtype()) + " and y of type " + Internals.get().cppName(y.dtype()) + " instead");
        }
        DType d = x.dtype();
        if (d == DType.FLOAT16 || d == DType.BFLOAT16) {  // products and sum in float32, one rounding
            return vecdot(x.to(DType.FLOAT32), y.to(DType.FLOAT32), dim).to(d);
        }
        return x.conj().mul(y).sum(new int[] {dim}, false);  // conj(x) . y, as PyTorch's
    }

    /** PyTorch's dim wrapping and its IndexError wording. */
    static int wrap(int dim, int rank) {
        return Internals.get().wrapDim(dim, rank);
    }
}
