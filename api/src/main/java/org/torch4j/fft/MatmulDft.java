package org.torch4j.fft;

import java.util.List;
import org.torch4j.DType;
import org.torch4j.Tensor;
import org.torch4j.Torch;

/**
 * The DFTs of {@link DftKernels} for backends without FFT kernels (CUDA today): products with n x n cos and
 * sin bases, written with existing ops, so they run on the input's device and are correct for any n, at
 * O(n^2) time and memory per transform length. The angles come from {@code (j k) mod n} in int64, so they
 * stay exact before the one rounding to float64; the bases are then cast to the input's dtype.
 */
final class MatmulDft {
    private MatmulDft() {}

    /** Complex [batch, n, 2] to complex, forward or inverse, unnormalised. */
    static Tensor c2c(Tensor x, boolean inverse) {
        long n = x.size(1);
        Tensor[] cs = bases(n, n, n, x);
        Tensor re = x.select(2, 0), im = x.select(2, 1), c = cs[0], s = inverse ? cs[1].neg() : cs[1];
        // (re + i im)(cos - i sin) for the forward transform
        Tensor outRe = re.matmul(c).add(im.matmul(s)), outIm = im.matmul(c).sub(re.matmul(s));
        return Torch.stack(List.of(outRe, outIm), 2);
    }

    /** Real [batch, n] to the half spectrum [batch, n/2 + 1, 2]. */
    static Tensor r2c(Tensor x) {
        long n = x.size(1);
        Tensor[] cs = bases(n, n / 2 + 1, n, x);
        return Torch.stack(List.of(x.matmul(cs[0]), x.matmul(cs[1]).neg()), 2);
    }

    /**
     * The half spectrum [batch, n/2 + 1, 2] to real [batch, n]: each coefficient but the zero-frequency and
     * Nyquist ones stands for itself and its conjugate mirror, so it counts twice; the imaginary parts of
     * those two are dropped, as the kernels do.
     */
    static Tensor c2r(Tensor x, long n) {
        long h = n / 2 + 1;
        Tensor[] cs = bases(h, n, n, x);
        double[] w = new double[(int) h], v = new double[(int) h];
        for (int k = 0; k < h; k++) {
            boolean selfConjugate = k == 0 || 2L * k == n;
            w[k] = selfConjugate ? 1 : 2;
            v[k] = selfConjugate ? 0 : 2;
        }
        Tensor wr = Torch.tensor(w, h).to(x), wi = Torch.tensor(v, h).to(x);
        return x.select(2, 0).mul(wr).matmul(cs[0]).sub(x.select(2, 1).mul(wi).matmul(cs[1]));
    }

    /** {cos, sin} of 2 pi j k / n for j < rows, k < cols, in x's dtype and on its device. */
    private static Tensor[] bases(long rows, long cols, long n, Tensor x) {
        Tensor jk = Torch.arange(rows).unsqueeze(1).mul(Torch.arange(cols).unsqueeze(0)).remainder(n);
        Tensor angle = jk.to(DType.FLOAT64).mul(2 * Math.PI / n);
        return new Tensor[] {angle.cos().to(x), angle.sin().to(x)};
    }
}
