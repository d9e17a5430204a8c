package org.torch4j;

import java.util.ArrayList;
import java.util.List;

/**
 * Finite differences and the trapezoidal rule of the {@code torch} namespace ({@code diff}, {@code trapezoid},
 * {@code cumulative_trapezoid}), as compositions of narrow, sub, sum and cumsum, so they run on every backend and
 * differentiate as those ops do.
 */
final class Calculus {

    private Calculus() {}

    /** {@code torch.diff}: the n-th forward difference along dim, after prepending / appending (either may be null). */
    static Tensor diff(Tensor input, long n, int dim, Tensor prepend, Tensor append) {
        if (input.dim() == 0) throw new IllegalArgumentException("diff expects input to be at least one-dimensional");
        if (n < 0) throw new IllegalArgumentException("order must be non-negative but got " + n);
        int d = Shapes.wrapDim(dim, input.dim());
        List<Tensor> parts = new ArrayList<>(3);
        for (Tensor extra : new Tensor[] {prepend, input, append}) {
            if (extra == null) continue;
            if (extra != input && extra.dim() != input.dim()) {
                throw new IllegalArgumentException("diff expects prepend or append to be the same dimension as input");
            }
            parts.add(extra);
        }
        Tensor x = parts.size() == 1 ? input : Torch.cat(parts, d);
        for (long k = 0; k < n && x.size(d) > 0; k++) {
            long len = x.size(d);
            Tensor later = x.narrow(d, 1, len - 1), earlier = x.narrow(d, 0, len - 1);
            // PyTorch: bool tensors differ by xor (there is no bool subtraction)
            x = x.dtype() == DType.BOOL ? later.logicalXor(earlier) : later.sub(earlier);
        }
        return x;
    }

    /** The sums of neighbouring samples along dim, {@code y[1:] + y[:-1]}. */
    private static Tensor pairSums(Tensor y, int d) {
        long len = y.size(d);
        return y.narrow(d, 1, len - 1).add(y.narrow(d, 0, len - 1));
    }

    /** {@code torch.trapezoid(y, dx=dx, dim=dim)}: evenly spaced samples. */
    static Tensor trapezoid(Tensor y, double dx, int dim) {
        int d = checkDim("trapezoid", y, dim);
        if (y.size(d) == 0) return y.sum(new int[] {d}, false);
        Tensor ends = y.select(d, 0).add(y.select(d, -1));
        return y.sum(new int[] {d}, false).sub(ends.mul(0.5)).mul(dx);
    }

    /** {@code torch.trapezoid(y, x, dim=dim)}: samples at the points x (1-d along dim, or y's shape). */
    static Tensor trapezoid(Tensor y, Tensor x, int dim) {
        int d = checkDim("trapezoid", y, dim);
        if (y.size(d) == 0) return y.sum(new int[] {d}, false);
        Tensor dx = spacing("trapezoid", y, x, d);
        return dx.mul(pairSums(y, d)).sum(new int[] {d}, false).div(2.0);
    }

    /** {@code torch.cumulative_trapezoid(y, dx=dx, dim=dim)}: the running integral, one element shorter along dim. */
    static Tensor cumulativeTrapezoid(Tensor y, double dx, int dim) {
        if (y.dim() == 0) throw new IllegalArgumentException("slice() cannot be applied to a 0-dim tensor.");
        int d = checkDim("cumulative_trapezoid", y, dim);
        if (y.size(d) == 0) return y.narrow(d, 0, 0).mul(1.0);
        return pairSums(y, d).mul(dx / 2.0).cumsum(d);
    }

    /** {@code torch.cumulative_trapezoid(y, x, dim=dim)}. */
    static Tensor cumulativeTrapezoid(Tensor y, Tensor x, int dim) {
        if (y.dim() == 0) throw new IllegalArgumentException("slice() cannot be applied to a 0-dim tensor.");
        int d = checkDim("cumulative_trapezoid", y, dim);
        if (y.size(d) == 0) return y.narrow(d, 0, 0).mul(1.0);
        Tensor dx = spacing("cumulative_trapezoid", y, x, d);
        return dx.mul(pairSums(y, d)).div(2.0).cumsum(d);
    }

    private static int checkDim(String op, Tensor y, int dim) { // PyTorch names neither op in its 0-dim error
        if (y.dim() == 0) throw new IndexOutOfBoundsException("Dimension specified as " + dim + " but tensor has no dimensions");
        return Shapes.wrapDim(dim, y.dim());
    }

    /** The differences of x along dim: a 1-d x of y's length along dim is laid along dim, else x must match y's dims. */
    private static Tensor spacing(String op, Tensor y, Tensor x, int d) {
        if (x.dim() == 1) {
            if (x.size(0) != y.size(d)) {
                throw new IllegalArgumentException(op + ": There must be one `x` value for each sample point");
            }
            long[] shape = new long[y.dim()];
            java.util.Arrays.fill(shape, 1);
            shape[d] = x.size(0) - 1;
            return diff(x, 1, 0, null, null).reshape(shape);
        }
        if (x.dim() != y.dim()) {
            throw new IllegalArgumentException(op + ": Expected x to have the same number of dimensions as y");
        }
        return diff(x, 1, d, null, null);
    }
}
