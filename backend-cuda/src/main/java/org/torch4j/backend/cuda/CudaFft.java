package org.torch4j.backend.cuda;

import static org.torch4j.backend.cuda.KernelOperands.REAL;
import static org.torch4j.backend.cuda.KernelOperands.at;
import static org.torch4j.backend.cuda.KernelOperands.device;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.torch4j.DType;
import org.torch4j.backend.cuda.CudaDevice.Ptr;
import org.torch4j.spi.Strided;

/**
 * The CUDA backend's FFT hooks ({@code fftC2C}, {@code fftR2C}, {@code fftC2R}) over {@code complex.cu}'s
 * kernels: Stockham passes of radix 4, 2, 3, 5 and 7, every pass of a line in one block where its two buffers
 * fit in shared memory, else one launch per pass; Bluestein's chirp convolution for lengths with a larger
 * prime factor; real transforms of even length through a complex one of half the length. float32 computes in
 * float (as cuFFT), float64 in double; the twiddle tables are computed in double on the device for each call,
 * so no plan outlives it. Each hook declines (returns false) unless its operands are contiguous CUDA tensors of
 * one device and dtype, float32 or float64.
 */
final class CudaFft {
    private CudaFft() {}

    /** Shared memory one block may take without opting in: two buffers of a line must fit. */
    private static final long SHARED_BYTES = 48 << 10;

    /** The longs of complex.cu's {@code Plan}: the pass count and up to 32 radices. */
    private static final int PLAN_LONGS = 33;

    /** The radices of complex.cu's passes, in the order they are taken from a length. */
    private static final long[] RADICES = {4, 2, 3, 5, 7};

    /** Complex to complex along dim 1 of [batch, n, 2]; {@code out} may be {@code in}. */
    static boolean c2c(Strided in, Strided out, boolean inverse) {
        CudaDevice d = device(REAL, in, out);
        if (d == null || in.rank() != 3 || in.shape()[2] != 2 || !Arrays.equals(in.shape(), out.shape())) return false;
        long batch = in.shape()[0], n = in.shape()[1];
        if (n == 0 || batch == 0) return true;
        try (Transforms t = new Transforms(d, in.dtype())) {
            t.complex(batch, n, at(in), at(out), inverse, null, 1);
        }
        return true;
    }

    /** Real [batch, n] to the half spectrum [batch, n/2 + 1, 2]. */
    static boolean r2c(CudaBackend backend, Strided in, Strided out) {
        CudaDevice d = device(REAL, in, out);
        if (d == null || in.rank() != 2 || out.rank() != 3 || out.shape()[2] != 2 || out.shape()[0] != in.shape()[0]
                || out.shape()[1] != in.shape()[1] / 2 + 1) {
            return false;
        }
        long batch = in.shape()[0], n = in.shape()[1];
        if (n == 0 || batch == 0) return n > 0 || batch == 0;
        try (Transforms t = new Transforms(d, in.dtype())) {
            if (n % 2 == 0) {
                // the line's pairs (x_2j, x_2j+1) as one complex line of n/2
                long h = n / 2;
                Ptr roots = t.roots(n), z = at(t.temp(batch * h));
                t.complex(batch, h, at(in), z, false, roots, 2);
                d.launch("fft_r2c_split_" + t.sfx, batch * (h + 1), batch, h, roots, z, at(out));
            } else {
                Strided y = t.temp(batch * n);
                backend.fill(y, 0);
                backend.copy(y.with(new long[] {batch, n}, new long[] {2 * n, 2}, 0), in);
                t.complex(batch, n, at(y), at(y), false, null, 1);
                backend.copy(out, y.with(out.shape(), new long[] {2 * n, 2, 1}, 0));
            }
        }
        return true;
    }

    /** The half spectrum [batch, n/2 + 1, 2] to real [batch, n], n given by {@code out}. */
    static boolean c2r(CudaBackend backend, Strided in, Strided out) {
        CudaDevice d = device(REAL, in, out);
        if (d == null || out.rank() != 2 || in.rank() != 3 || in.shape()[2] != 2 || out.shape()[0] != in.shape()[0]
                || in.shape()[1] != out.shape()[1] / 2 + 1) {
            return false;
        }
        long batch = out.shape()[0], n = out.shape()[1];
        if (n == 0 || batch == 0) return n > 0 || batch == 0;
        try (Transforms t = new Transforms(d, in.dtype())) {
            if (n % 2 == 0) {
                long h = n / 2;
                Ptr roots = t.roots(n), z = at(t.temp(batch * h));
                d.launch("fft_c2r_merge_" + t.sfx, batch * h, batch, h, roots, at(in), z);
                t.complex(batch, h, z, at(out), true, roots, 2);
            } else {
                Strided y = t.temp(batch * n);
                d.launch("fft_c2r_expand_" + t.sfx, batch * n, batch, n, at(in), at(y));
                t.complex(batch, n, at(y), at(y), true, null, 1);
                backend.copy(out, y.with(out.shape(), new long[] {2 * n, 2}, 0));
            }
        }
        return true;
    }

    /** The radices of the passes for length n (n >= 1; none for 1), or null when it has a prime factor above 7. */
    static long[] radices(long n) {
        List<Long> radices = new ArrayList<>();
        for (long r : RADICES) {
            while (n % r == 0) {
                radices.add(r);
                n /= r;
            }
        }
        return n == 1 ? radices.stream().mapToLong(Long::longValue).toArray() : null;
    }

    /** The smallest 2^a 3^b 5^c >= n: the length of Bluestein's convolution. */
    static long smoothAtLeast(long n) {
        long best = Long.MAX_VALUE;
        for (long p2 = 1; p2 < 2 * n; p2 *= 2) {
            for (long p3 = p2; p3 < 2 * n; p3 *= 3) {
                for (long p5 = p3; p5 < 2 * n; p5 *= 5) {
                    if (p5 >= n && p5 < best) best = p5;
                }
            }
        }
        return best;
    }

    /** The transforms of one hook call: its dtype, and the temporaries released (stream-ordered) at the end. */
    private static final class Transforms implements AutoCloseable {
        private final CudaDevice d;
        private final DType dtype;
        private final String sfx;
        private final List<CudaStorage> temps = new ArrayList<>();

        Transforms(CudaDevice d, DType dtype) {
            this.d = d;
            this.dtype = dtype;
            this.sfx = CudaDType.suffix(dtype);
        }

        /** A temporary of {@code pairs} contiguous (re, im) pairs, as a [pairs, 2] operand, released by {@link #close}. */
        Strided temp(long pairs) {
            CudaStorage s = scratch(pairs);
            temps.add(s);
            return new Strided(s, new long[] {pairs, 2}, new long[] {2, 1}, 0);
        }

        /** The n-th roots of unity exp(-2 pi i t / n), t < n. */
        Ptr roots(long n) {
            Ptr roots = at(temp(n));
            d.launch("fft_roots_" + sfx, n, n, roots);
            return roots;
        }

        /**
         * Complex DFTs of {@code batch} lines of n pairs from {@code src} to {@code dst} (which may be {@code src}),
         * twiddles from {@code roots}, a table for a length n * {@code stride}, or from a table of its own when null
         * (made only where the passes need one: Bluestein's lengths use a table of their convolution's length).
         */
        void complex(long batch, long n, Ptr src, Ptr dst, boolean inverse, Ptr roots, long stride) {
            long[] radices = radices(n);
            if (radices == null) {
                bluestein(batch, n, src, dst, inverse);
                return;
            }
            if (roots == null) roots = roots(n);
            long[] plan = Arrays.copyOf(new long[] {radices.length}, PLAN_LONGS);
            System.arraycopy(radices, 0, plan, 1, radices.length);
            int inv = inverse ? 1 : 0;
            long lineBytes = 2 * n * dtype.itemSize();
            if (2 * lineBytes <= SHARED_BYTES) {
                int threads = (int) Math.min(256, Math.max(32, (n / 2 + 31) / 32 * 32));
                d.launchGrid("fft_lines_" + sfx, (int) Math.min(batch, 1 << 20), 1, 1, threads, (int) (2 * lineBytes), batch, n, plan,
                        inv, roots, stride, src, dst);
                return;
            }
            // pass s reads what pass s - 1 wrote; the last writes dst, and no pass writes what it reads. The scratch
            // lines are released as soon as the passes are queued (stream order keeps them until those have run), so
            // Bluestein's three transforms do not each hold their own.
            CudaStorage first = scratch(batch * n), second = src.equals(dst) ? scratch(batch * n) : null;
            try {
                Ptr[] buffers = {new Ptr(first.address()), second == null ? dst : new Ptr(second.address())};
                Ptr from = src;
                long p = 1;
                for (int s = 0; s < radices.length; s++) {
                    Ptr to = s == radices.length - 1 ? dst : buffers[(radices.length - 1 - s) % 2 == 0 ? 1 : 0];
                    d.launch("fft_pass_" + sfx, batch * n / radices[s], batch, n, p, radices[s], inv, roots, stride, from, to);
                    from = to;
                    p *= radices[s];
                }
            } finally {
                first.release();
                if (second != null) second.release();
            }
        }

        /** Device memory for {@code pairs} (re, im) pairs, released by the caller. */
        private CudaStorage scratch(long pairs) {
            return new CudaStorage(d, dtype, 2 * pairs);
        }

        /** A length with a prime factor above 7: the chirp convolution through transforms of a smooth length m. */
        private void bluestein(long batch, long n, Ptr src, Ptr dst, boolean inverse) {
            long m = smoothAtLeast(2 * n - 1);
            Ptr chirp = at(temp(n)), kernel = at(temp(m)), a = at(temp(batch * m)), roots = roots(m);
            d.launch("fft_chirp_" + sfx, n, n, chirp);
            d.launch("fft_bluestein_kernel_" + sfx, m, n, m, chirp, kernel);
            complex(1, m, kernel, kernel, false, roots, 1);
            int inv = inverse ? 1 : 0;
            d.launch("fft_bluestein_in_" + sfx, batch * m, batch, n, m, inv, chirp, src, a);
            complex(batch, m, a, a, false, roots, 1);
            d.launch("fft_pointwise_" + sfx, batch * m, batch, m, kernel, a);
            complex(batch, m, a, a, true, roots, 1);
            d.launch("fft_bluestein_out_" + sfx, batch * n, batch, n, m, inv, chirp, a, dst);
        }

        @Override
        public void close() {
            // kernels queued on the stream run before any later use of these blocks
            for (CudaStorage s : temps) s.release();
        }
    }
}
