package org.torch4j.onnx.importer.ops;

import java.util.Arrays;
import org.torch4j.DType;
import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.onnx.importer.OpRegistry;

/** Gemm, MatMul, Einsum and Det. */
public final class LinearAlgebra {
    private LinearAlgebra() {}

    public static void register(OpRegistry.Builder r) {
        r.single("MatMul", c -> c.in(0).matmul(c.in(1)));
        r.single("Gemm", c -> {
            Tensor a = c.in(0), b = c.in(1);
            if (c.i("transA", 0) != 0) a = a.t();
            if (c.i("transB", 0) != 0) b = b.t();
            double alpha = c.f("alpha", 1.0), beta = c.f("beta", 1.0);
            Tensor y = a.matmul(b);
            if (alpha != 1.0) y = y.mul(alpha);
            if (c.has(2) && beta != 0.0) y = y.add(beta == 1.0 ? c.in(2) : c.in(2).mul(beta));
            return y;
        });
        r.single("Einsum", c -> Torch.einsum(c.s("equation", ""), c.ins(0).toArray(new Tensor[0])));
        r.single("Det", c -> det(c.in(0)));
    }

    /** Determinants of the trailing square matrices, by LU decomposition with partial pivoting on the host. */
    static Tensor det(Tensor x) {
        long[] s = x.shape();
        int n = (int) s[s.length - 1];
        if (s.length < 2 || s[s.length - 2] != n) throw new IllegalArgumentException("Det needs square matrices, got " + Arrays.toString(s));
        double[] v = x.to(DType.FLOAT64).contiguous().toDoubleArray();
        int count = n == 0 ? (int) Util.prod(s, 0, s.length - 2) : v.length / (n * n);
        double[] out = new double[count];
        double[] m = new double[n * n];
        for (int b = 0; b < count; b++) {
            System.arraycopy(v, b * n * n, m, 0, n * n);
            double d = 1;
            for (int col = 0; col < n && d != 0; col++) {
                int p = col;
                for (int row = col + 1; row < n; row++) if (Math.abs(m[row * n + col]) > Math.abs(m[p * n + col])) p = row;
                if (m[p * n + col] == 0) {
                    d = 0;
                    break;
                }
                if (p != col) {
                    for (int k = 0; k < n; k++) {
                        double t = m[p * n + k];
                        m[p * n + k] = m[col * n + k];
                        m[col * n + k] = t;
                    }
                    d = -d;
                }
                double pivot = m[col * n + col];
                d *= pivot;
                for (int row = col + 1; row < n; row++) {
                    double f = m[row * n + col] / pivot;
                    for (int k = col; k < n; k++) m[row * n + k] -= f * m[col * n + k];
                }
            }
            out[b] = d;
        }
        return Torch.tensor(out, count).reshape(Arrays.copyOf(s, s.length - 2)).to(x);
    }
}
