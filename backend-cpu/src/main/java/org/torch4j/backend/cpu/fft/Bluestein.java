package org.torch4j.backend.cpu.fft;

import java.util.Arrays;

/**
 * Bluestein's algorithm for lengths with a large prime factor: with {@code jk = (j^2 + k^2 - (k-j)^2) / 2},
 * the DFT becomes a chirp, a circular convolution with the conjugate chirp and a chirp again; the convolution
 * runs through FFTs of a smooth length m >= 2n - 1. The inverse is the conjugate of the forward transform of
 * the conjugate input.
 */
final class Bluestein implements ComplexTransform {

    private final int n, m;
    private final Stockham inner;
    /** (cos, sin) of pi k^2 / n: the forward chirp is its conjugate. */
    private final double[] chirp;
    /** The FFT of the convolution kernel exp(+i pi j^2 / n) for j in (-n, n), wrapped mod m, divided by m. */
    private final double[] kernel;

    Bluestein(int n) {
        this.n = n;
        this.m = smoothAtLeast(2 * n - 1);
        this.inner = new Stockham(m);
        this.chirp = new double[2 * n];
        for (int k = 0; k < n; k++) {
            // k^2 mod 2n exactly, so the angle stays accurate for large k
            double angle = Math.PI * (((long) k * k) % (2L * n)) / n;
            chirp[2 * k] = Math.cos(angle);
            chirp[2 * k + 1] = Math.sin(angle);
        }
        kernel = new double[2 * m];
        for (int k = 0; k < n; k++) {
            double re = chirp[2 * k] / m, im = chirp[2 * k + 1] / m;
            kernel[2 * k] = re;
            kernel[2 * k + 1] = im;
            if (k > 0) {
                kernel[2 * (m - k)] = re;
                kernel[2 * (m - k) + 1] = im;
            }
        }
        inner.run(kernel, new double[2 * m], false);
    }

    /** The smallest 2^a 3^b 5^c >= n: a length the Stockham passes handle with their fast radices. */
    static int smoothAtLeast(int n) {
        long best = Long.MAX_VALUE;
        for (long p2 = 1; p2 < 2L * n; p2 *= 2) {
            for (long p3 = p2; p3 < 2L * n; p3 *= 3) {
                for (long p5 = p3; p5 < 2L * n; p5 *= 5) {
                    if (p5 >= n && p5 < best) best = p5;
                }
            }
        }
        return (int) best;
    }

    @Override
    public int length() {
        return n;
    }

    @Override
    public Scratch newScratch() {
        return new Scratch(new double[2 * m], new double[2 * m]);
    }

    @Override
    public void run(double[] data, Scratch scratch, boolean inverse) {
        // the conjugations that make the inverse from the forward transform fold into the sign of imaginary parts
        double s = inverse ? -1 : 1;
        double[] a = scratch.first();
        for (int k = 0; k < n; k++) {
            double xr = data[2 * k], xi = s * data[2 * k + 1], cr = chirp[2 * k], ci = -chirp[2 * k + 1];
            a[2 * k] = xr * cr - xi * ci;
            a[2 * k + 1] = xr * ci + xi * cr;
        }
        Arrays.fill(a, 2 * n, 2 * m, 0.0);
        inner.run(a, scratch.second(), false);
        for (int k = 0; k < m; k++) {
            double ar = a[2 * k], ai = a[2 * k + 1], br = kernel[2 * k], bi = kernel[2 * k + 1];
            a[2 * k] = ar * br - ai * bi;
            a[2 * k + 1] = ar * bi + ai * br;
        }
        inner.run(a, scratch.second(), true);
        for (int k = 0; k < n; k++) {
            double yr = a[2 * k], yi = a[2 * k + 1], cr = chirp[2 * k], ci = -chirp[2 * k + 1];
            data[2 * k] = yr * cr - yi * ci;
            data[2 * k + 1] = s * (yr * ci + yi * cr);
        }
    }
}
