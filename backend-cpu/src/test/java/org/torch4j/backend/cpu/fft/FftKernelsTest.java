package org.torch4j.backend.cpu.fft;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.torch4j.DType;
import org.torch4j.backend.cpu.Parallel;
import org.torch4j.spi.HostStorage;
import org.torch4j.spi.Strided;

/**
 * The FFT kernels against a double-precision naive DFT (exact twiddles: the angle of j k is taken mod n):
 * every n from 1 to 64 and some larger smooth and prime lengths (Bluestein), complex both directions, real to
 * complex and back, float32 and float64, batches over threads, storage offsets, round trips; and the error
 * growing with log n, not n. Errors are measured relative to the reference's root mean square.
 */
class FftKernelsTest {

    private static final double EPS64 = Math.ulp(1.0), EPS32 = Math.ulp(1.0f);

    static IntStream small() {
        return IntStream.rangeClosed(1, 64);
    }

    static IntStream large() {
        // smooth, one generic radix (7, 11, 13, 47), Bluestein (53, 67, 1009, 4099, 2 * 1009, 65537), powers of two
        return IntStream.of(77, 96, 100, 143, 210, 256, 400, 47 * 4, 53, 67, 127, 1009, 2018, 4099, 1024, 4096, 8192);
    }

    @ParameterizedTest
    @MethodSource({"small", "large"})
    void complexMatchesNaiveDft(int n) {
        for (DType t : new DType[] {DType.FLOAT64, DType.FLOAT32}) {
            for (boolean inverse : new boolean[] {false, true}) {
                int batch = 3;
                double[] x = random(batch * 2 * n, t, n);
                double[] y = c2c(x, batch, n, t, inverse);
                for (int b = 0; b < batch; b++) {
                    double[] ref = naive(slice(x, b * 2 * n, 2 * n), n, inverse);
                    assertClose(ref, slice(y, b * 2 * n, 2 * n), tolerance(t, n), "c2c " + t + " n=" + n + " inverse=" + inverse);
                }
            }
        }
    }

    @ParameterizedTest
    @MethodSource({"small", "large"})
    void realToComplexMatchesNaiveDft(int n) {
        for (DType t : new DType[] {DType.FLOAT64, DType.FLOAT32}) {
            int batch = 2, h = n / 2 + 1;
            double[] x = random(batch * n, t, n);
            double[] y = r2c(x, batch, n, t);
            for (int b = 0; b < batch; b++) {
                double[] z = new double[2 * n];
                for (int j = 0; j < n; j++) z[2 * j] = x[b * n + j];
                double[] ref = slice(naive(z, n, false), 0, 2 * h);
                assertClose(ref, slice(y, b * 2 * h, 2 * h), tolerance(t, n), "r2c " + t + " n=" + n);
            }
        }
    }

    @ParameterizedTest
    @MethodSource({"small", "large"})
    void complexToRealMatchesTheHermitianInverse(int n) {
        for (DType t : new DType[] {DType.FLOAT64, DType.FLOAT32}) {
            int batch = 2, h = n / 2 + 1;
            // arbitrary half spectra: the imaginary parts at 0 and n/2 must be ignored
            double[] x = random(batch * 2 * h, t, n);
            double[] y = c2r(x, batch, n, t);
            for (int b = 0; b < batch; b++) {
                double[] full = new double[2 * n];
                for (int k = 0; k < n; k++) {
                    int src = k < h ? k : n - k;
                    double sign = k < h ? 1 : -1;
                    boolean realOnly = src == 0 || 2 * src == n;
                    full[2 * k] = x[b * 2 * h + 2 * src];
                    full[2 * k + 1] = realOnly ? 0 : sign * x[b * 2 * h + 2 * src + 1];
                }
                double[] inv = naive(full, n, true), ref = new double[n];
                for (int j = 0; j < n; j++) ref[j] = inv[2 * j];
                assertClose(ref, slice(y, b * n, n), tolerance(t, n), "c2r " + t + " n=" + n);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1 << 12, 1 << 14, 1 << 16, 65537, 3 * 5 * 4096})
    void bigLengthsMatchSampledBinsAndRoundTrip(int n) {
        double[] x = random(2 * n, DType.FLOAT64, n);
        double[] y = c2c(x, 1, n, DType.FLOAT64, false);
        Random r = new Random(n);
        double[] ref = new double[64], got = new double[64];
        for (int s = 0; s < 32; s++) {
            int k = s == 0 ? 0 : r.nextInt(n);
            double[] bin = naiveBin(x, n, k, false);
            ref[2 * s] = bin[0];
            ref[2 * s + 1] = bin[1];
            got[2 * s] = y[2 * k];
            got[2 * s + 1] = y[2 * k + 1];
        }
        assertClose(ref, got, tolerance(DType.FLOAT64, n), "c2c sampled bins n=" + n);
        double[] back = c2c(y, 1, n, DType.FLOAT64, true);
        for (int i = 0; i < back.length; i++) back[i] /= n;
        assertClose(x, back, tolerance(DType.FLOAT64, n), "c2c round trip n=" + n);
        double[] real = slice(x, 0, n);
        double[] again = c2r(r2c(real, 1, n, DType.FLOAT64), 1, n, DType.FLOAT64);
        for (int i = 0; i < n; i++) again[i] /= n;
        assertClose(real, again, tolerance(DType.FLOAT64, n), "r2c/c2r round trip n=" + n);
    }

    /** float64 round-trip error grows like log n: at 2^16 it stays within a few times that at 2^6. */
    @Test
    void errorGrowsLogarithmically() {
        double e6 = roundTripError(1 << 6), e16 = roundTripError(1 << 16), p16 = roundTripError(65537);
        assertTrue(e16 < 8 * EPS64 * 16, "2^16 round trip error " + e16 + " (2^6: " + e6 + ")");
        assertTrue(p16 < 8 * EPS64 * 17, "65537 (Bluestein) round trip error " + p16);
        assertTrue(e16 < 10 * Math.max(e6, EPS64), "2^16: " + e16 + " against 2^6: " + e6);
    }

    @Test
    void batchesOverThreadsAtAnOffsetAndInPlace() {
        int n = 48, batch = 301;
        int threads = Parallel.threads();
        try {
            double[] x = random(batch * 2 * n, DType.FLOAT64, n), single = new double[x.length];
            Parallel.setThreads(1);
            for (int b = 0; b < batch; b++) {
                System.arraycopy(c2c(slice(x, b * 2 * n, 2 * n), 1, n, DType.FLOAT64, false), 0, single, b * 2 * n, 2 * n);
            }
            Parallel.setThreads(3);
            double[] stored = new double[x.length + 5];
            System.arraycopy(x, 0, stored, 5, x.length);
            Strided s = new Strided(HostStorage.wrap(DType.FLOAT64, stored), new long[] {batch, n, 2}, new long[] {2L * n, 2, 1}, 5);
            assertTrue(FftKernels.c2c(s, s, false));
            assertEquals(0.0, maxDiff(single, slice(stored, 5, x.length)));
        } finally {
            Parallel.setThreads(threads);
        }
    }

    /**
     * float32 batches over threads, at an offset and in place: the same result, bit for bit, as on one thread
     * (the lines' grouping into float lanes, double lanes and single lines does not depend on the threads).
     */
    @Test
    void float32BatchesOverThreadsAtAnOffsetAndInPlace() {
        int n = 48, batch = 301;
        int threads = Parallel.threads();
        try {
            float[] x = new float[batch * 2 * n + 5];
            Random r = new Random(7);
            for (int i = 5; i < x.length; i++) x[i] = (float) r.nextGaussian();
            float[] y = x.clone();
            long[] shape = {batch, n, 2}, strides = {2L * n, 2, 1};
            Parallel.setThreads(1);
            Strided one = new Strided(HostStorage.wrap(DType.FLOAT32, x), shape, strides, 5);
            assertTrue(FftKernels.c2c(one, one, false));
            Parallel.setThreads(3);
            Strided three = new Strided(HostStorage.wrap(DType.FLOAT32, y), shape, strides, 5);
            assertTrue(FftKernels.c2c(three, three, false));
            assertTrue(java.util.Arrays.equals(x, y), "3 threads differ from 1");
            // and the values are the transform's (line 0 is in the first float-lane group)
            double[] line = new double[2 * n], got = new double[2 * n];
            Random again = new Random(7);
            for (int i = 0; i < 2 * n; i++) line[i] = (float) again.nextGaussian();
            for (int i = 0; i < 2 * n; i++) got[i] = x[5 + i];
            assertClose(naive(line, n, false), got, laneTolerance(n), "line 0");
        } finally {
            Parallel.setThreads(threads);
        }
    }

    /** Batches long enough for the vector-lane groups (and a few single lines after them) agree with one line at a time. */
    @ParameterizedTest
    @ValueSource(ints = {2, 3, 4, 5, 6, 8, 15, 16, 30, 60, 64, 100, 128, 7 * 8, 53 * 2, 256, 1000})
    void batchesMatchSingleLines(int n) {
        int batch = 2 * 16 + 3, h = n / 2 + 1;
        for (DType t : new DType[] {DType.FLOAT64, DType.FLOAT32}) {
            double[] z = random(batch * 2 * n, t, n), x = random(batch * n, t, n + 1), s = random(batch * 2 * h, t, n + 2);
            double[] fz = c2c(z, batch, n, t, false), iz = c2c(z, batch, n, t, true);
            double[] fx = r2c(x, batch, n, t), is = c2r(s, batch, n, t);
            for (int b = 0; b < batch; b++) {
                String what = t + " n=" + n + " line " + b;
                // float32 lines in float lanes carry float's rounding through the passes; the single lines do not
                double tol = t == DType.FLOAT32 ? laneTolerance(n) : tolerance(t, n);
                assertClose(c2c(slice(z, b * 2 * n, 2 * n), 1, n, t, false), slice(fz, b * 2 * n, 2 * n), tol, "c2c " + what);
                assertClose(c2c(slice(z, b * 2 * n, 2 * n), 1, n, t, true), slice(iz, b * 2 * n, 2 * n), tol, "ifft " + what);
                assertClose(r2c(slice(x, b * n, n), 1, n, t), slice(fx, b * 2 * h, 2 * h), tol, "r2c " + what);
                assertClose(c2r(slice(s, b * 2 * h, 2 * h), 1, n, t), slice(is, b * n, n), tol, "c2r " + what);
            }
        }
    }

    /**
     * float32 batches whose lines go through the float lanes (a whole float group, then a double-lane group and
     * a few single lines) against the naive DFT in double: the error grows like float's epsilon times log2 n, as
     * pocketfft's does.
     */
    @ParameterizedTest
    @ValueSource(ints = {2, 3, 4, 5, 6, 8, 12, 15, 16, 30, 60, 64, 100, 128, 400, 512, 1000, 1024, 4096, 8192})
    void floatLanesMatchNaiveDft(int n) {
        int batch = FloatLaneFft.LANES + LaneFft.LANES + 3, h = n / 2 + 1;
        DType t = DType.FLOAT32;
        double[] z = random(batch * 2 * n, t, n), x = random(batch * n, t, n + 1), s = random(batch * 2 * h, t, n + 2);
        double[] fz = c2c(z, batch, n, t, false), iz = c2c(z, batch, n, t, true);
        double[] fx = r2c(x, batch, n, t), is = c2r(s, batch, n, t);
        double tol = laneTolerance(n);
        // the first and last line of the float group, one of the double group, the last single line: the naive
        // DFT is slow for the larger n
        for (int b : new int[] {0, FloatLaneFft.LANES - 1, FloatLaneFft.LANES + 1, batch - 1}) {
            String what = "n=" + n + " line " + b;
            double[] line = slice(z, b * 2 * n, 2 * n);
            assertClose(naive(line, n, false), slice(fz, b * 2 * n, 2 * n), tol, "c2c " + what);
            assertClose(naive(line, n, true), slice(iz, b * 2 * n, 2 * n), tol, "ifft " + what);
            double[] real = new double[2 * n];
            for (int j = 0; j < n; j++) real[2 * j] = x[b * n + j];
            assertClose(slice(naive(real, n, false), 0, 2 * h), slice(fx, b * 2 * h, 2 * h), tol, "r2c " + what);
            double[] full = new double[2 * n];
            for (int k = 0; k < n; k++) {
                int src = k < h ? k : n - k;
                boolean realOnly = src == 0 || 2 * src == n;
                full[2 * k] = s[b * 2 * h + 2 * src];
                full[2 * k + 1] = realOnly ? 0 : (k < h ? 1 : -1) * s[b * 2 * h + 2 * src + 1];
            }
            double[] inv = naive(full, n, true), ref = new double[n];
            for (int j = 0; j < n; j++) ref[j] = inv[2 * j];
            assertClose(ref, slice(is, b * n, n), tol, "c2r " + what);
        }
    }

    @Test
    void declinesWhatItCannotDo() {
        HostStorage d = HostStorage.allocate(DType.FLOAT64, 24), f = HostStorage.allocate(DType.FLOAT32, 24);
        HostStorage l = HostStorage.allocate(DType.INT64, 24);
        Strided c = new Strided(d, new long[] {2, 6, 2}, new long[] {12, 2, 1}, 0);
        assertFalse(FftKernels.c2c(c, new Strided(f, new long[] {2, 6, 2}, new long[] {12, 2, 1}, 0), false), "mixed dtypes");
        assertFalse(FftKernels.c2c(new Strided(l, new long[] {2, 6, 2}, new long[] {12, 2, 1}, 0),
                new Strided(l, new long[] {2, 6, 2}, new long[] {12, 2, 1}, 0), false), "int64");
        assertFalse(FftKernels.c2c(new Strided(d, new long[] {2, 6, 2}, new long[] {2, 4, 1}, 0), c, false), "not contiguous");
        assertFalse(FftKernels.r2c(new Strided(d, new long[] {2, 6}, new long[] {6, 1}, 0),
                new Strided(d, new long[] {2, 3, 2}, new long[] {6, 2, 1}, 0)), "wrong half length");
    }

    // ---- helpers ----

    private static double roundTripError(int n) {
        double[] x = random(2 * n, DType.FLOAT64, n);
        double[] back = c2c(c2c(x, 1, n, DType.FLOAT64, false), 1, n, DType.FLOAT64, true);
        for (int i = 0; i < back.length; i++) back[i] /= n;
        return rmsDiff(x, back) / rms(x);
    }

    /** Tolerance on the error relative to the reference's rms: float32 rounds the output; float64 grows with log n. */
    private static double tolerance(DType t, int n) {
        double logn = Math.max(1, Math.log(n) / Math.log(2));
        return t == DType.FLOAT32 ? 2 * EPS32 : 4 * EPS64 * logn;
    }

    /** Tolerance for float32 computed in float: a multiple of float's epsilon growing with log2 n, as pocketfft's error does. */
    private static double laneTolerance(int n) {
        return EPS32 * Math.max(2, 0.5 * Math.log(n) / Math.log(2));
    }

    private static double[] random(int size, DType t, long seed) {
        Random r = new Random(seed * 31 + size);
        double[] x = new double[size];
        for (int i = 0; i < size; i++) x[i] = t == DType.FLOAT32 ? (float) r.nextGaussian() : r.nextGaussian();
        return x;
    }

    private static double[] c2c(double[] x, int batch, int n, DType t, boolean inverse) {
        Strided in = strided(x, t, batch, n, 2), out = strided(new double[x.length], t, batch, n, 2);
        assertTrue(FftKernels.c2c(in, out, inverse));
        return values(out);
    }

    private static double[] r2c(double[] x, int batch, int n, DType t) {
        Strided in = strided(x, t, batch, n), out = strided(new double[batch * 2 * (n / 2 + 1)], t, batch, n / 2 + 1, 2);
        assertTrue(FftKernels.r2c(in, out));
        return values(out);
    }

    private static double[] c2r(double[] x, int batch, int n, DType t) {
        Strided in = strided(x, t, batch, n / 2 + 1, 2), out = strided(new double[batch * n], t, batch, n);
        assertTrue(FftKernels.c2r(in, out));
        return values(out);
    }

    private static Strided strided(double[] values, DType t, long... shape) {
        Object array = values;
        if (t == DType.FLOAT32) {
            float[] f = new float[values.length];
            for (int i = 0; i < f.length; i++) f[i] = (float) values[i];
            array = f;
        }
        long[] strides = new long[shape.length];
        long s = 1;
        for (int d = shape.length - 1; d >= 0; d--) {
            strides[d] = s;
            s *= shape[d];
        }
        return new Strided(HostStorage.wrap(t, array), shape, strides, 0);
    }

    private static double[] values(Strided s) {
        HostStorage h = (HostStorage) s.storage();
        if (s.dtype() == DType.FLOAT64) return h.doubles();
        float[] f = h.floats();
        double[] d = new double[f.length];
        for (int i = 0; i < f.length; i++) d[i] = f[i];
        return d;
    }

    private static double[] naive(double[] x, int n, boolean inverse) {
        double[] cos = new double[n], sin = new double[n];
        for (int q = 0; q < n; q++) {
            cos[q] = Math.cos(2 * Math.PI * q / n);
            sin[q] = (inverse ? 1 : -1) * Math.sin(2 * Math.PI * q / n);
        }
        double[] y = new double[2 * n];
        for (int k = 0; k < n; k++) {
            double re = 0, im = 0;
            for (int j = 0; j < n; j++) {
                int q = (int) ((long) j * k % n);
                re += x[2 * j] * cos[q] - x[2 * j + 1] * sin[q];
                im += x[2 * j] * sin[q] + x[2 * j + 1] * cos[q];
            }
            y[2 * k] = re;
            y[2 * k + 1] = im;
        }
        return y;
    }

    private static double[] naiveBin(double[] x, int n, int k, boolean inverse) {
        double re = 0, im = 0, sign = inverse ? 1 : -1;
        for (int j = 0; j < n; j++) {
            double a = 2 * Math.PI * ((long) j * k % n) / n, c = Math.cos(a), s = sign * Math.sin(a);
            re += x[2 * j] * c - x[2 * j + 1] * s;
            im += x[2 * j] * s + x[2 * j + 1] * c;
        }
        return new double[] {re, im};
    }

    private static void assertClose(double[] ref, double[] got, double tol, String what) {
        double err = rmsDiff(ref, got) / Math.max(rms(ref), Double.MIN_NORMAL);
        assertTrue(err <= tol, what + ": relative rms error " + err + " > " + tol);
    }

    private static double[] slice(double[] a, int from, int len) {
        return java.util.Arrays.copyOfRange(a, from, from + len);
    }

    private static double rms(double[] a) {
        double s = 0;
        for (double v : a) s += v * v;
        return Math.sqrt(s / a.length);
    }

    private static double rmsDiff(double[] a, double[] b) {
        assertEquals(a.length, b.length);
        double s = 0;
        for (int i = 0; i < a.length; i++) s += (a[i] - b[i]) * (a[i] - b[i]);
        return Math.sqrt(s / a.length);
    }

    private static double maxDiff(double[] a, double[] b) {
        double m = 0;
        for (int i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - b[i]));
        return m;
    }
}
