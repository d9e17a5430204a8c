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
    /** {@link #twiddle} rounded to float, for {@link FloatLaneFft#split}. */
    private final float[] floatTwiddle;

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
        this.floatTwiddle = Stockham.toFloat(twiddle);
    }

    /** The transform of length n/2 (even n) or n (odd n) that does the work, for its scratch. */
    ComplexTransform complex() {
        return complex;
    }

    /** (cos, sin) of 2 pi k / n for k = 0 .. n/2 (even n; shared, do not modify). */
    double[] twiddles() {
        return twiddle;
    }

    /** {@link #twiddles()} rounded to float (shared, do not modify). */
    float[] floatTwiddles() {
        return floatTwiddle;
    }

    /** The length n. */
    int length() {
        return n;
    }

    /** How many doubles the line buffer of {@link #forward} and {@link #inverse} must hold. */
    int bufferSize() {
        return 2 * n + 2;
    }

    /**
     * In place: {@code data[0 .. n)} holds n reals; afterwards {@code data[0 .. 2(n/2+1))} holds their first
     * n/2 + 1 DFT coefficients.
     */
    void forward(double[] data, ComplexTransform.Scratch scratch) {
        if (n % 2 == 1) {
            for (int j = n - 1; j >= 0; j--) {
                data[2 * j] = data[j];
                data[2 * j + 1] = 0;
            }
            complex.run(data, scratch, false);
            return;
        }
        complex.run(data, scratch, false);
        split(data);
    }

    /**
     * Even n, in place: {@code data[0 .. n)} holds Z, the DFT of the n reals read as n/2 complex values;
     * afterwards {@code data[0 .. n + 2)} holds the n/2 + 1 coefficients of the real DFT.
     */
    void split(double[] data) {
        int h = n / 2;
        // Z_0 gives X_0 and X_h; then the pairs (k, h-k) in place, each from Z_k and Z_{h-k}
        double z0r = data[0], z0i = data[1];
        data[0] = z0r + z0i;
        data[1] = 0;
        data[2 * h] = z0r - z0i;
        data[2 * h + 1] = 0;
        for (int k = 1, q = h - 1; k <= q; k++, q--) splitPair(data, k, q);
    }

    /**
     * X_k and X_q (q = h - k) from Z_k and Z_q: X_k is the even samples' spectrum e = (Z_k + conj Z_q) / 2
     * plus w^k times the odd samples' o = (Z_k - conj Z_q) / 2i, and X_q alike with k and q swapped.
     */
    private void splitPair(double[] data, int k, int q) {
        double ar = data[2 * k], ai = data[2 * k + 1], br = data[2 * q], bi = data[2 * q + 1];
        double er = 0.5 * (ar + br), ei = 0.5 * (ai - bi), or = 0.5 * (ai + bi), oi = -0.5 * (ar - br);
        double wr = twiddle[2 * k], wi = -twiddle[2 * k + 1];
        double vr = twiddle[2 * q], vi = -twiddle[2 * q + 1];
        data[2 * k] = er + or * wr - oi * wi;
        data[2 * k + 1] = ei + or * wi + oi * wr;
        // for X_q the even and odd spectra are conj(e) and conj(o)
        data[2 * q] = er + or * vr + oi * vi;
        data[2 * q + 1] = -ei + or * vi - oi * vr;
    }

    /**
     * In place: {@code data[0 .. 2(n/2+1))} holds the first half of a Hermitian spectrum; afterwards
     * {@code data[0 .. n)} holds its unnormalised inverse DFT. The imaginary parts of the zero-frequency term
     * (and of the Nyquist term for even n) are ignored, as pocketfft does, and the missing half is the
     * conjugate mirror of the given one.
     */
    void inverse(double[] data, ComplexTransform.Scratch scratch) {
        int h = n / 2;
        if (n % 2 == 1) {
            data[1] = 0;
            for (int k = 1; k <= h; k++) {
                data[2 * (n - k)] = data[2 * k];
                data[2 * (n - k) + 1] = -data[2 * k + 1];
            }
            complex.run(data, scratch, true);
            for (int j = 0; j < n; j++) data[j] = data[2 * j];
            return;
        }
        merge(data);
        complex.run(data, scratch, true);
    }

    /**
     * Even n, in place: the n/2 + 1 coefficients in {@code data[0 .. n + 2)} become the n/2 complex values
     * whose unnormalised inverse DFT, read as n reals, is the real inverse transform.
     */
    void merge(double[] data) {
        int h = n / 2;
        // Z_0 from X_0 and X_h (real parts only); then the pairs (k, h-k)
        double x0 = data[0], xh = data[2 * h];
        data[0] = x0 + xh;
        data[1] = x0 - xh;
        for (int k = 1, q = h - 1; k <= q; k++, q--) mergePair(data, k, q);
    }

    /**
     * Z_k = e + i o with e = X_k + conj X_q and o = (X_k - conj X_q) / w^k (q = h - k), and Z_q alike with k
     * and q swapped.
     */
    private void mergePair(double[] data, int k, int q) {
        double ar = data[2 * k], ai = data[2 * k + 1], br = data[2 * q], bi = data[2 * q + 1];
        double er = ar + br, ei = ai - bi, dr = ar - br, di = ai + bi;
        double wr = twiddle[2 * k], wi = twiddle[2 * k + 1], vr = twiddle[2 * q], vi = twiddle[2 * q + 1];
        double or = dr * wr - di * wi, oi = dr * wi + di * wr;
        data[2 * k] = er - oi;
        data[2 * k + 1] = ei + or;
        // for Z_q: e' = conj(e), d' = -conj(d)
        double pr = -dr * vr - di * vi, pi = -dr * vi + di * vr;
        data[2 * q] = er - pi;
        data[2 * q + 1] = -ei + pr;
    }
}
