package org.torch4j.linalg;

import org.torch4j.DType;
import org.torch4j.Tensor;
import org.torch4j.Torch;

/**
 * Functions of a square matrix composed from matrix products and solves, so that their derivatives (of any
 * order) come from those ops: {@code matrix_power} and {@code matrix_exp}.
 */
final class MatrixFunctions {

    private MatrixFunctions() {}

    /** {@code linalg.matrix_power}: repeated squaring; a negative power inverts first. */
    static Tensor power(Tensor a, long n) {
        Matrices.checkSquareShape("linalg.matrix_power", a, "A");
        if (n == 0) return identity(a).expand(a.shape()).clone();
        if (n < 0) {
            a = Linalg.inv(a);
            n = -n;
        }
        Tensor result = null, z = a;
        while (true) {
            if ((n & 1) != 0) result = result == null ? z : result.matmul(z);
            n >>= 1;
            if (n == 0) break;
            z = z.matmul(z);
        }
        return result == a ? a.clone() : result;
    }

    /** Higham's (2005) Padé approximant of degree 13, with the numerator and denominator coefficients b[k]. */
    private static final double[] PADE13 = {64764752532480000.0, 32382376266240000.0, 7771770303897600.0,
        1187353796428800.0, 129060195264000.0, 10559470521600.0, 670442572800.0, 33522128640.0, 1323241920.0,
        40840800.0, 960960.0, 16380.0, 182.0, 1.0};

    /** The largest 1-norm for which Padé 13 is accurate to double precision without scaling (Higham 2005). */
    private static final double THETA13 = 5.371920351148152;

    /**
     * {@code linalg.matrix_exp} by scaling and squaring: each matrix is divided by 2^s so that its 1-norm is
     * below {@link #THETA13}, exponentiated by Padé 13, and squared s times. Runs in float64 and rounds once to
     * the input's dtype, as the decompositions do.
     */
    static Tensor exp(Tensor input) {
        Matrices.checkSquareShape("linalg.matrix_exp", input, "A");
        DType d = input.dtype();
        if (!d.isFloatingPoint() && !d.isComplex()) Matrices.checkDtype("matrix_exp", input);
        Tensor a = input.to(d.isComplex() ? DType.COMPLEX128 : DType.FLOAT64);
        if (a.numel() == 0) return a.to(d);
        if (a.size(-1) == 1) return a.exp().to(d);  // PyTorch's 1 x 1 case: the elementwise exp (exp(inf) = inf)
        double[] norms = oneNorms(a.isComplex() ? a.abs() : a);
        // PyTorch 1.13's CPU log2, which its float16 path reaches for any matrix but a zero one, has no float16 kernel
        for (double norm : norms) if (d == DType.FLOAT16 && norm != 0) throw Kernels.notImplemented("log2_vml_cpu", d);
        int[] squarings = squarings(norms);
        int most = 0;
        for (int s : squarings) most = Math.max(most, s);
        long[] batch = Matrices.batchShape(a);
        long[] scaleShape = Matrices.shape(batch, 1, 1);
        double[] scale = new double[squarings.length];
        boolean[] nonFinite = new boolean[squarings.length];
        for (int i = 0; i < scale.length; i++) {
            nonFinite[i] = squarings[i] < 0;
            scale[i] = Math.scalb(1.0, -Math.max(squarings[i], 0));
        }
        Tensor x = pade13(a.mul(Torch.tensor(scale, scaleShape).to(a.device())));
        for (int step = 0; step < most; step++) {
            boolean[] more = new boolean[squarings.length];
            for (int i = 0; i < more.length; i++) more[i] = squarings[i] > step;
            Tensor mask = Torch.tensor(more, scaleShape).to(a.device());
            x = Torch.where(mask, x.matmul(x), x);
        }
        // a matrix with an infinite or NaN entry has no exponential to scale towards: NaN throughout, as PyTorch's
        // (whose Padé of A * 2^-inf gives NaN)
        boolean any = false;
        for (boolean b : nonFinite) any |= b;
        if (!any) return x.to(d);
        Tensor undefined = Torch.tensor(nonFinite, scaleShape).to(a.device());
        return Torch.where(undefined, Torch.full(x.shape(), Double.NaN, x.dtype(), x.device()), x).to(d);
    }

    /** The 1-norm of each matrix (NaN where it has a NaN). */
    private static double[] oneNorms(Tensor a) {
        double[][] host = Matrices.toHost(a.detach());
        int n = Math.toIntExact(a.size(-1));
        double[] norms = new double[host.length];
        for (int b = 0; b < host.length; b++) {
            double norm = 0;
            for (int c = 0; c < n; c++) {
                double col = 0;
                for (int r = 0; r < n; r++) col += Math.abs(host[b][r * n + c]);
                norm = Double.isNaN(col) ? col : Math.max(norm, col);
            }
            norms[b] = norm;
        }
        return norms;
    }

    /** s per matrix: the smallest with {@code ||A||_1 / 2^s <= THETA13}; -1 where the norm is not finite. */
    private static int[] squarings(double[] norms) {
        int[] s = new int[norms.length];
        for (int b = 0; b < norms.length; b++) {
            double norm = norms[b];
            s[b] = !Double.isFinite(norm) ? -1 : norm > THETA13 ? (int) Math.ceil(Math.log(norm / THETA13) / Math.log(2)) : 0;
        }
        return s;
    }

    /** r13(A) = (V - U)^-1 (V + U), with U the odd and V the even part of the numerator. */
    private static Tensor pade13(Tensor a) {
        double[] b = PADE13;
        Tensor eye = identity(a);
        Tensor a2 = a.matmul(a), a4 = a2.matmul(a2), a6 = a4.matmul(a2);
        Tensor u = a.matmul(a6.matmul(a6.mul(b[13]).add(a4.mul(b[11])).add(a2.mul(b[9])))
                .add(a6.mul(b[7])).add(a4.mul(b[5])).add(a2.mul(b[3])).add(eye.mul(b[1])));
        Tensor v = a6.matmul(a6.mul(b[12]).add(a4.mul(b[10])).add(a2.mul(b[8])))
                .add(a6.mul(b[6])).add(a4.mul(b[4])).add(a2.mul(b[2])).add(eye.mul(b[0]));
        return a.isComplex() ? ComplexSolve.solve(v.sub(u), v.add(u)) : new Solve().apply1(v.sub(u), v.add(u));
    }

    private static Tensor identity(Tensor a) {
        return Torch.eye(a.size(-1)).to(a);
    }
}
