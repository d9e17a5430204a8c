package org.torch4j;

import java.util.List;

/**
 * Tensors built by a formula from sizes or from a vector: logspace, tril_indices / triu_indices and
 * the Vandermonde matrix of torch.vander (torch.linalg.vander builds on it).
 */
final class Factories {
    private Factories() {}

    /**
     * torch.logspace: {@code base} to the powers of {@code steps} evenly spaced exponents from start to
     * end. As PyTorch's kernel (and bit for bit with it in float32 and float64): start and end are first
     * rounded to the result dtype (truncated for integers), their difference is taken in that dtype, the
     * step and the exponents in double, the first half counting up from start and the second down from end.
     */
    static Tensor logspace(double start, double end, long steps, double base, DType dtype, Device device) {
        if (steps < 0) throw new IllegalArgumentException("number of steps must be non-negative");
        double[] v = new double[Math.toIntExact(steps)];
        double s = rounded(start, dtype), e = rounded(end, dtype);
        double step = rounded(e - s, dtype) / (steps - 1);
        long half = steps / 2;
        for (int i = 0; i < v.length; i++) {
            double exponent = steps == 1 ? start : i < half ? s + step * i : e - step * (steps - i - 1);
            v[i] = Math.pow(base, exponent);
        }
        return Torch.tensor(v, steps).to(dtype).to(device);
    }

    /** A value as the dtype holds it: float precision for float32 (and, approximately, half types), truncated for integers. */
    private static double rounded(double v, DType dtype) {
        if (dtype == DType.FLOAT64) return v;
        if (dtype.isFloatingPoint()) return (float) v;
        return (long) v;
    }

    /**
     * torch.tril_indices (lower) and triu_indices: the (row, column) coordinates of a row x col
     * matrix's lower or upper triangle relative to diagonal {@code offset}, in row-major order, as a 2 x N tensor.
     */
    static Tensor triangleIndices(long row, long col, long offset, boolean lower, DType dtype, Device device) {
        String name = lower ? "tril_indices" : "triu_indices";
        if (row < 0) throw new IllegalArgumentException("row must be non-negative, got" + row);
        if (col < 0) throw new IllegalArgumentException("col must be non-negative, got" + col);
        if (dtype.isFloatingPoint() || dtype.isComplex() || dtype == DType.BOOL) {
            throw new IllegalArgumentException("\"" + name + "\" not implemented for '" + Printer.cppName(dtype) + "'");
        }
        java.util.ArrayList<Long> rows = new java.util.ArrayList<>(), cols = new java.util.ArrayList<>();
        for (long r = 0; r < row; r++) {
            for (long c = 0; c < col; c++) {
                if (lower ? c - r <= offset : c - r >= offset) {
                    rows.add(r);
                    cols.add(c);
                }
            }
        }
        int n = rows.size();
        long[] data = new long[2 * n];
        for (int i = 0; i < n; i++) {
            data[i] = rows.get(i);
            data[n + i] = cols.get(i);
        }
        return Torch.tensor(data, 2, n).to(dtype).to(device);
    }

    /**
     * torch.vander: the columns x^(N-1), ..., x^1, x^0 of a 1-d x ({@code increasing} reverses them); N
     * defaults to len(x). Integers and bool compute in int64, as PyTorch promotes them.
     */
    static Tensor vander(Tensor x, Long n, boolean increasing) {
        if (x.dim() != 1) throw new IllegalArgumentException("x must be a one-dimensional tensor.");
        long cols = n == null ? x.size(0) : n;
        if (cols < 0) throw new IllegalArgumentException("N must be non-negative.");
        Tensor powers = powers(x, cols);
        return increasing ? powers : powers.flip(1);
    }

    /** x^0 ... x^(cols-1) along a new last dim, as a running product (PyTorch's formula, also its gradient). */
    private static Tensor powers(Tensor x, long cols) {
        Tensor v = x.to(Promotion.promoteTypes(x.dtype(), DType.INT64));
        long[] shape = java.util.Arrays.copyOf(v.shape(), v.dim() + 1);
        shape[v.dim()] = 1;
        Tensor ones = Torch.ones(shape, v.dtype(), v.device());
        if (cols == 0) return ones.narrow(-1, 0, 0);
        if (cols == 1) return ones;
        shape[v.dim()] = cols - 1;
        return Torch.cat(List.of(ones, v.unsqueeze(-1).expand(shape).cumprod(-1)), -1);
    }
}
