package org.torch4j.backend.cpu.fft;

import java.util.ArrayList;
import java.util.List;

/**
 * Mixed-radix FFT for lengths whose prime factors are small: self-sorting (Stockham) passes of radix 4, 2,
 * 3, 5 and a generic odd radix, ping-ponging between the data and one scratch array, so no bit-reversal
 * permutation is needed.
 *
 * <p>A pass of radix p over {@code l1} independent sub-transforms of length {@code len = p * ido} reads
 * element {@code (i, m, k) = in[i + ido (m + p k)]}, forms the p-point DFT over m and writes
 * {@code out[i + ido (k + l1 j)] = b_j * w_len^(i j)} (decimation in frequency): after the last pass
 * ({@code ido = 1}) the output is in natural order.
 */
final class Stockham implements ComplexTransform {

    /** Primes above this are left to Bluestein: a generic pass costs p operations per element. */
    static final int MAX_GENERIC_RADIX = 47;

    private static final double SIN60 = Math.sqrt(0.75);
    private static final double C1 = Math.cos(2 * Math.PI / 5), C2 = Math.cos(4 * Math.PI / 5);
    private static final double S1 = Math.sin(2 * Math.PI / 5), S2 = Math.sin(4 * Math.PI / 5);

    private final int n;
    private final int[] radix;
    /** Per pass: (cos, sin) of 2 pi i j / len for j = 1 .. p-1, i = 0 .. ido-1, at {@code twiddle[pass][2((j-1) ido + i)]}. */
    private final double[][] twiddle;
    /** {@link #twiddle} rounded to float, for {@link FloatLaneFft}. */
    private final float[][] floatTwiddle;
    /** Per pass with a generic radix: (cos, sin) of 2 pi q / p for q = 0 .. p-1. */
    private final double[][] roots;

    Stockham(int n) {
        this.n = n;
        this.radix = factor(n);
        this.twiddle = new double[radix.length][];
        this.floatTwiddle = new float[radix.length][];
        this.roots = new double[radix.length][];
        int l1 = 1;
        for (int s = 0; s < radix.length; s++) {
            int p = radix[s], ido = n / (l1 * p), len = p * ido;
            double[] tw = new double[2 * (p - 1) * ido];
            for (int j = 1; j < p; j++) {
                for (int i = 0; i < ido; i++) {
                    // i*j < len*p fits an int for any length an array can hold; reduce it so the angle is < 2 pi
                    double angle = 2 * Math.PI * (((long) i * j) % len) / len;
                    tw[2 * ((j - 1) * ido + i)] = Math.cos(angle);
                    tw[2 * ((j - 1) * ido + i) + 1] = Math.sin(angle);
                }
            }
            twiddle[s] = tw;
            floatTwiddle[s] = toFloat(tw);
            if (p > 5) roots[s] = unitRoots(p);
            l1 *= p;
        }
    }

    /** The radices of the passes, in order. */
    int[] radices() {
        return radix;
    }

    /** The twiddle table of pass {@code s} (see the field's layout). */
    double[] twiddles(int s) {
        return twiddle[s];
    }

    /** The twiddle table of pass {@code s} rounded to float (shared, do not modify). */
    float[] floatTwiddles(int s) {
        return floatTwiddle[s];
    }

    static float[] toFloat(double[] x) {
        float[] f = new float[x.length];
        for (int i = 0; i < x.length; i++) f[i] = (float) x[i];
        return f;
    }

    /** True when every prime factor of n is small enough for a pass of its own. */
    static boolean suits(int n) {
        return largestPrimeFactor(n) <= MAX_GENERIC_RADIX;
    }

    static int largestPrimeFactor(int n) {
        int largest = 1;
        for (int f = 2; (long) f * f <= n; f++) {
            while (n % f == 0) {
                largest = f;
                n /= f;
            }
        }
        return Math.max(largest, n);
    }

    /**
     * Radix 4 while possible, a single 2 moved to the front (as pocketfft does: the last pass, where each
     * sub-transform has one element, then stays a radix-4 one with its twiddle-free special case), then 3, 5 and
     * the remaining primes in increasing order.
     */
    private static int[] factor(int n) {
        List<Integer> fs = new ArrayList<>();
        while (n % 4 == 0) {
            fs.add(4);
            n /= 4;
        }
        if (n % 2 == 0) {
            fs.add(0, 2);
            n /= 2;
        }
        for (int f = 3; n > 1; f += 2) {
            while (n % f == 0) {
                fs.add(f);
                n /= f;
            }
        }
        return fs.stream().mapToInt(Integer::intValue).toArray();
    }

    private static double[] unitRoots(int p) {
        double[] r = new double[2 * p];
        for (int q = 0; q < p; q++) {
            r[2 * q] = Math.cos(2 * Math.PI * q / p);
            r[2 * q + 1] = Math.sin(2 * Math.PI * q / p);
        }
        return r;
    }

    @Override
    public int length() {
        return n;
    }

    @Override
    public Scratch newScratch() {
        return new Scratch(new double[2 * n], null);
    }

    @Override
    public void run(double[] data, Scratch scratch, boolean inverse) {
        run(data, scratch.first(), inverse);
    }

    /** The transform of {@code data[0 .. 2n)} with {@code work} (2n doubles) for the passes to alternate with. */
    void run(double[] data, double[] work, boolean inverse) {
        double sign = inverse ? -1 : 1;
        double[] in = data, out = work;
        int l1 = 1;
        for (int s = 0; s < radix.length; s++) {
            int p = radix[s], ido = n / (l1 * p);
            switch (p) {
                case 4 -> pass4(ido, l1, in, out, twiddle[s], sign);
                case 2 -> pass2(ido, l1, in, out, twiddle[s], sign);
                case 3 -> pass3(ido, l1, in, out, twiddle[s], sign);
                case 5 -> pass5(ido, l1, in, out, twiddle[s], sign);
                default -> passGeneric(p, ido, l1, in, out, twiddle[s], roots[s], sign);
            }
            double[] t = in;
            in = out;
            out = t;
            l1 *= p;
        }
        if (in != data) System.arraycopy(in, 0, data, 0, 2 * n);
    }

    // Each pass: b_j for one (i, k) from in, then out[i + ido (k + l1 j)] = b_j * conj^sign(w) where the
    // table holds w = (cos, sin) of the positive angle; the forward transform multiplies by (cos, -sin).

    private static void pass2(int ido, int l1, double[] in, double[] out, double[] tw, double sign) {
        for (int k = 0; k < l1; k++) {
            int ib = 2 * ido * 2 * k, ob = 2 * ido * k, os = 2 * ido * l1;
            for (int i = 0; i < ido; i++) {
                int a0 = ib + 2 * i, a1 = a0 + 2 * ido;
                double r0 = in[a0], i0 = in[a0 + 1], r1 = in[a1], i1 = in[a1 + 1];
                int o = ob + 2 * i;
                out[o] = r0 + r1;
                out[o + 1] = i0 + i1;
                double wr = tw[2 * i], wi = -sign * tw[2 * i + 1];
                double br = r0 - r1, bi = i0 - i1;
                out[o + os] = br * wr - bi * wi;
                out[o + os + 1] = br * wi + bi * wr;
            }
        }
    }

    private static void pass3(int ido, int l1, double[] in, double[] out, double[] tw, double sign) {
        int os = 2 * ido * l1, t2 = 2 * ido;
        for (int k = 0; k < l1; k++) {
            int ib = 2 * ido * 3 * k, ob = 2 * ido * k;
            for (int i = 0; i < ido; i++) {
                int a0 = ib + 2 * i, a1 = a0 + 2 * ido, a2 = a1 + 2 * ido;
                double sr = in[a1] + in[a2], si = in[a1 + 1] + in[a2 + 1];
                double mr = in[a0] - 0.5 * sr, mi = in[a0 + 1] - 0.5 * si;
                // the forward's b1 = m - i sin60 (a1 - a2): i * (dr + i di) = (-di, dr)
                double dr = -sign * SIN60 * (in[a1] - in[a2]), di = -sign * SIN60 * (in[a1 + 1] - in[a2 + 1]);
                int o = ob + 2 * i;
                out[o] = in[a0] + sr;
                out[o + 1] = in[a0 + 1] + si;
                store(out, o + os, mr - di, mi + dr, tw, 2 * i, sign);
                store(out, o + 2 * os, mr + di, mi - dr, tw, t2 + 2 * i, sign);
            }
        }
    }

    private static void pass4(int ido, int l1, double[] in, double[] out, double[] tw, double sign) {
        int os = 2 * ido * l1, t2 = 2 * ido;
        for (int k = 0; k < l1; k++) {
            int ib = 2 * ido * 4 * k, ob = 2 * ido * k;
            if (ido == 1) {
                // the last pass: no twiddles
                double r0 = in[ib], i0 = in[ib + 1], r1 = in[ib + 2], i1 = in[ib + 3];
                double r2 = in[ib + 4], i2 = in[ib + 5], r3 = in[ib + 6], i3 = in[ib + 7];
                double ar = r0 + r2, ai = i0 + i2, br = r0 - r2, bi = i0 - i2;
                double cr = r1 + r3, ci = i1 + i3, dr = sign * (r1 - r3), di = sign * (i1 - i3);
                out[ob] = ar + cr;
                out[ob + 1] = ai + ci;
                out[ob + os] = br + di;
                out[ob + os + 1] = bi - dr;
                out[ob + 2 * os] = ar - cr;
                out[ob + 2 * os + 1] = ai - ci;
                out[ob + 3 * os] = br - di;
                out[ob + 3 * os + 1] = bi + dr;
                continue;
            }
            for (int i = 0; i < ido; i++) {
                int a0 = ib + 2 * i, a1 = a0 + 2 * ido, a2 = a1 + 2 * ido, a3 = a2 + 2 * ido;
                double r0 = in[a0], i0 = in[a0 + 1], r1 = in[a1], i1 = in[a1 + 1];
                double r2 = in[a2], i2 = in[a2 + 1], r3 = in[a3], i3 = in[a3 + 1];
                double ar = r0 + r2, ai = i0 + i2, br = r0 - r2, bi = i0 - i2;
                // the forward's b1 = b - i d, b3 = b + i d
                double cr = r1 + r3, ci = i1 + i3, dr = sign * (r1 - r3), di = sign * (i1 - i3);
                int o = ob + 2 * i;
                out[o] = ar + cr;
                out[o + 1] = ai + ci;
                store(out, o + os, br + di, bi - dr, tw, 2 * i, sign);
                store(out, o + 2 * os, ar - cr, ai - ci, tw, t2 + 2 * i, sign);
                store(out, o + 3 * os, br - di, bi + dr, tw, 2 * t2 + 2 * i, sign);
            }
        }
    }

    private static void pass5(int ido, int l1, double[] in, double[] out, double[] tw, double sign) {
        int os = 2 * ido * l1, t2 = 2 * ido;
        for (int k = 0; k < l1; k++) {
            int ib = 2 * ido * 5 * k, ob = 2 * ido * k;
            for (int i = 0; i < ido; i++) {
                int a0 = ib + 2 * i, a1 = a0 + t2, a2 = a1 + t2, a3 = a2 + t2, a4 = a3 + t2;
                double r0 = in[a0], i0 = in[a0 + 1];
                double s1r = in[a1] + in[a4], s1i = in[a1 + 1] + in[a4 + 1], d1r = in[a1] - in[a4], d1i = in[a1 + 1] - in[a4 + 1];
                double s2r = in[a2] + in[a3], s2i = in[a2 + 1] + in[a3 + 1], d2r = in[a2] - in[a3], d2i = in[a2 + 1] - in[a3 + 1];
                double ar = r0 + C1 * s1r + C2 * s2r, ai = i0 + C1 * s1i + C2 * s2i;
                double cr = r0 + C2 * s1r + C1 * s2r, ci = i0 + C2 * s1i + C1 * s2i;
                // the forward's b1 = a - i e, b4 = a + i e, b2 = c - i f, b3 = c + i f
                double er = sign * (S1 * d1r + S2 * d2r), ei = sign * (S1 * d1i + S2 * d2i);
                double fr = sign * (S2 * d1r - S1 * d2r), fi = sign * (S2 * d1i - S1 * d2i);
                int o = ob + 2 * i;
                out[o] = r0 + s1r + s2r;
                out[o + 1] = i0 + s1i + s2i;
                store(out, o + os, ar + ei, ai - er, tw, 2 * i, sign);
                store(out, o + 2 * os, cr + fi, ci - fr, tw, t2 + 2 * i, sign);
                store(out, o + 3 * os, cr - fi, ci + fr, tw, 2 * t2 + 2 * i, sign);
                store(out, o + 4 * os, ar - ei, ai + er, tw, 3 * t2 + 2 * i, sign);
            }
        }
    }

    /** An odd prime radix p by its p x p DFT: p operations per element, so only for small p. */
    private static void passGeneric(int p, int ido, int l1, double[] in, double[] out, double[] tw, double[] root,
                                    double sign) {
        int os = 2 * ido * l1, t2 = 2 * ido;
        for (int k = 0; k < l1; k++) {
            int ib = 2 * ido * p * k, ob = 2 * ido * k;
            for (int i = 0; i < ido; i++) {
                for (int j = 0; j < p; j++) {
                    double br = 0, bi = 0;
                    for (int m = 0, q = 0; m < p; m++, q = q + j >= p ? q + j - p : q + j) {
                        int a = ib + 2 * i + m * t2;
                        double wr = root[2 * q], wi = -sign * root[2 * q + 1];
                        br += in[a] * wr - in[a + 1] * wi;
                        bi += in[a] * wi + in[a + 1] * wr;
                    }
                    int o = ob + 2 * i + j * os;
                    if (j == 0) {
                        out[o] = br;
                        out[o + 1] = bi;
                    } else {
                        store(out, o, br, bi, tw, (j - 1) * t2 + 2 * i, sign);
                    }
                }
            }
        }
    }

    /** out[o] = (br, bi) times the twiddle at tw[t], conjugated for the forward transform. */
    private static void store(double[] out, int o, double br, double bi, double[] tw, int t, double sign) {
        double wr = tw[t], wi = -sign * tw[t + 1];
        out[o] = br * wr - bi * wi;
        out[o + 1] = br * wi + bi * wr;
    }
}
