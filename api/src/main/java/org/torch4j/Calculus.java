package org.torch4j;

import java.util.ArrayList;
import java.util.List;

/**
 * Finite differences and the trapezoidal rule of the {@code torch} namespace ({@code diff}, {@code gradient},
 * {@code trapezoid}, {@code cumulative_trapezoid}), as compositions of narrow, sub, sum and cumsum, so they run on every backend and
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
        int d = checkDim(y, dim);
        if (y.size(d) == 0) return y.sum(new int[] {d}, false);
        Tensor ends = y.select(d, 0).add(y.select(d, -1));
        return y.sum(new int[] {d}, false).sub(ends.mul(0.5)).mul(dx);
    }

    /** {@code torch.trapezoid(y, x, dim=dim)}: samples at the points x (1-d along dim, or y's shape). */
    static Tensor trapezoid(Tensor y, Tensor x, int dim) {
        int d = checkDim(y, dim);
        if (y.size(d) == 0) return y.sum(new int[] {d}, false);
        Tensor dx = spacing("trapezoid", y, x, d);
        return dx.mul(pairSums(y, d)).sum(new int[] {d}, false).div(2.0);
    }

    /** {@code torch.cumulative_trapezoid(y, dx=dx, dim=dim)}: the running integral, one element shorter along dim. */
    static Tensor cumulativeTrapezoid(Tensor y, double dx, int dim) {
        if (y.dim() == 0) throw new IllegalArgumentException("slice() cannot be applied to a 0-dim tensor.");
        int d = checkDim(y, dim);
        if (y.size(d) == 0) return y.narrow(d, 0, 0).mul(1.0);
        return pairSums(y, d).mul(dx / 2.0).cumsum(d);
    }

    /** {@code torch.cumulative_trapezoid(y, x, dim=dim)}. */
    static Tensor cumulativeTrapezoid(Tensor y, Tensor x, int dim) {
        if (y.dim() == 0) throw new IllegalArgumentException("slice() cannot be applied to a 0-dim tensor.");
        int d = checkDim(y, dim);
        if (y.size(d) == 0) return y.narrow(d, 0, 0).mul(1.0);
        Tensor dx = spacing("cumulative_trapezoid", y, x, d);
        return dx.mul(pairSums(y, d)).div(2.0).cumsum(d);
    }

    /** The wrapped dim; a 0-dim y has none (PyTorch's error names neither op). */
    private static int checkDim(Tensor y, int dim) {
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

    /**
     * {@code torch.gradient}: for each of {@code dims} (null: all), the derivative estimated by second-order central
     * differences inside and first- or second-order one-sided differences at the edges ({@code edgeOrder}); the
     * samples are {@code spacing[i]} apart along {@code dims[i]} (one spacing for all, or one per dim).
     */
    static List<Tensor> gradient(Tensor input, double[] spacing, int[] dims, int edgeOrder) {
        int[] ds = gradientDims(input, spacing.length, dims, edgeOrder);
        List<Tensor> out = new ArrayList<>(ds.length);
        for (int i = 0; i < ds.length; i++) {
            int d = ds[i];
            double h = spacing.length == 1 ? spacing[0] : spacing[i];
            long n = input.size(d);
            Tensor center = input.narrow(d, 2, n - 2).sub(input.narrow(d, 0, n - 2)).div(h).div(2.0);
            Tensor first, last;
            if (edgeOrder == 1) {
                first = input.narrow(d, 1, 1).sub(input.narrow(d, 0, 1)).div(h);
                last = input.narrow(d, n - 1, 1).sub(input.narrow(d, n - 2, 1)).div(h);
            } else {
                first = input.narrow(d, 0, 1).mul(-1.5).add(input.narrow(d, 1, 1).mul(2.0)).sub(input.narrow(d, 2, 1).mul(0.5)).div(h);
                last = input.narrow(d, n - 3, 1).mul(0.5).add(input.narrow(d, n - 2, 1).mul(-2.0)).add(input.narrow(d, n - 1, 1).mul(1.5)).div(h);
            }
            out.add(Torch.cat(List.of(first, center, last), d));
        }
        return out;
    }

    /**
     * {@code torch.gradient} with the sample coordinates along each dim ({@code coordinates.get(i)}, 1-d, one per
     * sample along {@code dims[i]}): the second-order differences of unevenly spaced samples.
     */
    static List<Tensor> gradient(Tensor input, List<Tensor> coordinates, int[] dims, int edgeOrder) {
        int[] ds = gradientDims(input, coordinates.size(), dims, edgeOrder);
        List<Tensor> out = new ArrayList<>(ds.length);
        for (int i = 0; i < ds.length; i++) {
            int d = ds[i];
            Tensor x = coordinates.get(coordinates.size() == 1 ? 0 : i);
            long n = input.size(d);
            if (x.dim() != 1 || x.size(0) != n) {
                throw new IllegalArgumentException("torch.gradient expected each tensor in spacing to be 1-dimensional with one "
                        + "coordinate per sample (" + n + ") along dim " + d + ", but got shape " + Shapes.str(x.shape()));
            }
            long[] shape = new long[input.dim()];
            java.util.Arrays.fill(shape, 1);
            shape[d] = -1;
            Tensor h = diff(x, 1, 0, null, null), h1 = h.narrow(0, 0, n - 2), h2 = h.narrow(0, 1, n - 2);
            // f'(x_i) ~ a f(x_{i-1}) + b f(x_i) + c f(x_{i+1}), exact for quadratics
            Tensor a = h2.neg().div(h1.mul(h1.add(h2))).reshape(shape);
            Tensor b = h2.sub(h1).div(h1.mul(h2)).reshape(shape);
            Tensor c = h1.div(h2.mul(h1.add(h2))).reshape(shape);
            Tensor center = a.mul(input.narrow(d, 0, n - 2)).add(b.mul(input.narrow(d, 1, n - 2))).add(c.mul(input.narrow(d, 2, n - 2)));
            Tensor first, last;
            Tensor h0 = h.narrow(0, 0, 1), hEnd = h.narrow(0, n - 2, 1);
            if (edgeOrder == 1) {
                first = input.narrow(d, 1, 1).sub(input.narrow(d, 0, 1)).div(h0.reshape(shape));
                last = input.narrow(d, n - 1, 1).sub(input.narrow(d, n - 2, 1)).div(hEnd.reshape(shape));
            } else {
                Tensor g0 = h0, g1 = h.narrow(0, 1, 1), sum = g0.add(g1);
                first = endpoint(input, d, 0, shape, g0.mul(2.0).add(g1).neg().div(g0.mul(sum)), sum.div(g0.mul(g1)), g0.neg().div(g1.mul(sum)));
                Tensor e1 = hEnd, e0 = h.narrow(0, n - 3, 1), sumEnd = e0.add(e1);
                last = endpoint(input, d, n - 3, shape, e1.div(e0.mul(sumEnd)), sumEnd.neg().div(e1.mul(e0)), e1.mul(2.0).add(e0).div(e1.mul(sumEnd)));
            }
            out.add(Torch.cat(List.of(first, center, last), d));
        }
        return out;
    }

    /** {@code a f[at] + b f[at + 1] + c f[at + 2]} along d, the weights laid along d. */
    private static Tensor endpoint(Tensor f, int d, long at, long[] shape, Tensor a, Tensor b, Tensor c) {
        return a.reshape(shape).mul(f.narrow(d, at, 1)).add(b.reshape(shape).mul(f.narrow(d, at + 1, 1)))
                .add(c.reshape(shape).mul(f.narrow(d, at + 2, 1)));
    }

    /** torch.gradient's checks (PyTorch's messages) and the dims it differentiates along. */
    private static int[] gradientDims(Tensor input, int spacings, int[] dims, int edgeOrder) {
        if (input.dtype() == DType.UINT8) throw new IllegalArgumentException("torch.gradient does not support uint8 input.");
        if (dims == null && spacings != 1 && spacings != input.dim()) {
            throw new IllegalArgumentException("torch.gradient expected spacing to be unspecified, a scalar or a list of length "
                    + input.dim() + " but got a list of length " + spacings);
        }
        if (dims != null && spacings != 1 && spacings != dims.length) {
            throw new IllegalArgumentException("torch.gradient expected spacing to be unspecified, a scalar or it's spacing and dim "
                    + "arguments to have the same length, but got a spacing argument of length " + spacings + " and a dim argument of length "
                    + dims.length + ".");
        }
        if (edgeOrder != 1 && edgeOrder != 2) throw new IllegalArgumentException("torch.gradient only supports edge_order=1 and edge_order=2.");
        int[] ds = new int[dims == null ? input.dim() : dims.length];
        for (int i = 0; i < ds.length; i++) {
            ds[i] = dims == null ? i : Shapes.wrapDim(dims[i], input.dim());
            if (input.size(ds[i]) < edgeOrder + 1) {
                throw new IllegalArgumentException("torch.gradient expected each dimension size to be at least edge_order+1");
            }
        }
        return ds;
    }
}
