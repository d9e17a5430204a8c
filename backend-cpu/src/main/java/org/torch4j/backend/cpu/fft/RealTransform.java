package org.torch4j.backend.cpu.fft;

/**
 * Real-to-complex and complex-to-real DFTs of length n, as PyTorch's rfft / irfft (unnormalised): n real
 * values and their n/2 + 1 non-redundant coefficients. For even n the n reals are read as n/2 complex values
 * (even samples real, odd samples imaginary), transformed at half length, and the two interleaved spectra
 * separated with the twiddles {@code w^k = exp(-2 pi i k / n)}; odd n goes through a full complex transform.
 */
final class RealTransform {

    private final int n;
    /** The complex transform of length n/2 (even n) or n (odd n). */
    private final ComplexTransform complex;
    /** (cos, sin) of 2 pi k / n for k = 0 .. n/2, even n only. */
    private final double[] twiddle;

    RealTransform(int n) {
        this.n = n;
        boolean even = n % 2 == 0;
        this.complex = Plans.complex(even ? n / 2 : n);
        this.twiddle = new double[even ? n + 2 : 0];
        for (int k = 0; even && k <= n / 2; k++) {
            double angle = 2 * Math.PI * k / n;
            twiddle[2 * k] = Math.cos(angle);
            twiddle[2 * k + 1] = Math.sin(angle);
        }
    }

    /** Work memory for one thread: the complex buffer (2n doubles, enough for either parity) and the inner scratch. */
    Work newWork() {
        return new Work(new double[2 * n], complex.newScratch());
    }

    /**
     * The work memory of one thread.
     *
     * @param buffer  the complex data the inner transform runs on
     * @param scratch the inner transform's scratch
     */
    record Work(double[] buffer, ComplexTransform.Scratch scratch) {}

    /** {@code out[0 .. 2(n/2+1))} = the spectrum of the n reals {@code in[0 .. n)}. */
    void forward(double[] in, double[] out, Work w) {
        double[] z = w.buffer();
        int h = n / 2;
        if (n % 2 == 1) {
            for (int j = 0; j < n; j++) {
                z[2 * j] = in[j];
                z[2 * j + 1] = 0;
            }
            complex.run(z, w.scratch(), false);
            System.arraycopy(z, 0, out, 0, 2 * (h + 1));
            return;
        }
        System.arraycopy(in, 0, z, 0, n);
        complex.run(z, w.scratch(), false);
        for (int k = 0; k <= h; k++) {
            int p = k == h ? 0 : k, q = k == 0 ? 0 : h - k;
            double zr = z[2 * p], zi = z[2 * p + 1], cr = z[2 * q], ci = -z[2 * q + 1];
            // even samples' spectrum e = (Z_k + conj Z_{h-k}) / 2, odd samples' o = (Z_k - conj Z_{h-k}) / 2i
            double er = 0.5 * (zr + cr), ei = 0.5 * (zi + ci);
            double or = 0.5 * (zi - ci), oi = -0.5 * (zr - cr);
            double wr = twiddle[2 * k], wi = -twiddle[2 * k + 1];
            out[2 * k] = er + or * wr - oi * wi;
            out[2 * k + 1] = ei + or * wi + oi * wr;
        }
    }

    /**
     * {@code out[0 .. n)} = the unnormalised inverse of the Hermitian spectrum {@code in[0 .. 2(n/2+1))}: the
     * imaginary parts of the zero-frequency term (and of the Nyquist term for even n) are ignored, as pocketfft
     * does, and the missing half is the conjugate of the given one.
     */
    void inverse(double[] in, double[] out, Work w) {
        double[] z = w.buffer();
        int h = n / 2;
        if (n % 2 == 1) {
            z[0] = in[0];
            z[1] = 0;
            for (int k = 1; k <= h; k++) {
                z[2 * k] = z[2 * (n - k)] = in[2 * k];
                z[2 * k + 1] = in[2 * k + 1];
                z[2 * (n - k) + 1] = -in[2 * k + 1];
            }
            complex.run(z, w.scratch(), true);
            for (int j = 0; j < n; j++) out[j] = z[2 * j];
            return;
        }
        for (int k = 0; k < h; k++) {
            double xr = in[2 * k], xi = k == 0 ? 0 : in[2 * k + 1];
            double cr = in[2 * (h - k)], ci = k == 0 ? 0 : -in[2 * (h - k) + 1];
            // e = X_k + conj X_{h-k}, o = (X_k - conj X_{h-k}) / w^k, Z_k = e + i o
            double er = xr + cr, ei = xi + ci, dr = xr - cr, di = xi - ci;
            double wr = twiddle[2 * k], wi = twiddle[2 * k + 1];
            double or = dr * wr - di * wi, oi = dr * wi + di * wr;
            z[2 * k] = er - oi;
            z[2 * k + 1] = ei + or;
        }
        complex.run(z, w.scratch(), true);
        System.arraycopy(z, 0, out, 0, n);
    }
}
