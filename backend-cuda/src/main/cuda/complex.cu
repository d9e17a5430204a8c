// Kernels over (re, im) pairs: the FFTs behind the SPI's fftC2C, fftR2C and fftC2R (driven by
// CudaFft.java) and the complexMul and complexAbs hooks. float32 computes in float, float64 in double.
//
// A complex transform of length n is a sequence of Stockham passes, one per radix of n (4, 2, 3, 5,
// 7), each reading the whole line and writing it reordered, so that the result lands in natural order
// without a bit reversal. Lines whose two buffers fit in shared memory run every pass in one block
// (fft_lines_*); longer lines take one launch per pass through global memory (fft_pass_*). Twiddles
// come from a table of the n-th roots of unity that fft_roots_* computes in double, so float32 lines
// get correctly rounded twiddles. Lengths with a prime factor above 7 run Bluestein's chirp
// convolution through transforms of a smooth length m >= 2n - 1 (fft_chirp_*, fft_bluestein_*).
#include "common.cuh"

// Unaligned on purpose: a line may start at any element of its storage.
template <typename T> struct Cx { T re, im; };

template <typename T> __device__ __forceinline__ Cx<T> cadd(Cx<T> a, Cx<T> b) { return {a.re + b.re, a.im + b.im}; }
template <typename T> __device__ __forceinline__ Cx<T> csub(Cx<T> a, Cx<T> b) { return {a.re - b.re, a.im - b.im}; }
template <typename T> __device__ __forceinline__ Cx<T> cmul(Cx<T> a, Cx<T> b) {
    return {a.re * b.re - a.im * b.im, a.re * b.im + a.im * b.re};
}
template <typename T> __device__ __forceinline__ Cx<T> cconj(Cx<T> a) { return {a.re, -a.im}; }
// -i a for the forward transform's radix-4 butterfly, +i a for the inverse's
template <typename T> __device__ __forceinline__ Cx<T> rotate(Cx<T> a, int inverse) {
    return inverse ? Cx<T>{-a.im, a.re} : Cx<T>{a.im, -a.re};
}

// The radices of one transform, in pass order (at most 31 passes for lengths below 2^31).
struct Plan { long long count; long long radix[32]; };

// roots[t] = exp(-2 pi i t / n) for t < n.
template <typename T> __device__ void rootsK(long long n, Cx<T>* roots) {
    GRID_LOOP(t, n) {
        double s, c;
        sincospi(-2.0 * (double)t / (double)n, &s, &c);
        roots[t] = {(T)c, (T)s};
    }
}

// exp(-+2 pi i t / n) from the table of a length n * stride (the real transforms share theirs with
// the half-length complex one)
template <typename T> __device__ __forceinline__ Cx<T> root(const Cx<T>* roots, long long t, long long stride, int inverse) {
    Cx<T> w = roots[t * stride];
    return inverse ? cconj(w) : w;
}

// One butterfly of a Stockham pass over a line of n pairs, p the product of the radices before this
// pass: butterfly i (of n / R) reads src[i + r n/R], twiddles them by w^(r k) with k = i mod p and
// w = exp(-+2 pi i / (p R)), takes their R-point DFT and writes dst[(i - k) R + k + s p].
template <int R, typename T> __device__ __forceinline__ void butterfly(long long n, long long p, long long i, int inverse,
                                                                      const Cx<T>* roots, long long stride, const Cx<T>* src,
                                                                      Cx<T>* dst) {
    long long q = n / R, k = i % p, step = n / (p * R), j = (i - k) * R + k;
    Cx<T> v[R];
#pragma unroll
    for (int r = 0; r < R; r++) {
        v[r] = src[i + r * q];
        if (r > 0 && k > 0) v[r] = cmul(v[r], root(roots, r * k * step, stride, inverse));
    }
    if constexpr (R == 2) {
        dst[j] = cadd(v[0], v[1]);
        dst[j + p] = csub(v[0], v[1]);
    } else if constexpr (R == 4) {
        Cx<T> a = cadd(v[0], v[2]), b = csub(v[0], v[2]), c = cadd(v[1], v[3]), d = rotate(csub(v[1], v[3]), inverse);
        dst[j] = cadd(a, c);
        dst[j + p] = cadd(b, d);
        dst[j + 2 * p] = csub(a, c);
        dst[j + 3 * p] = csub(b, d);
    } else {
        // an odd prime: the R-point DFT directly, its roots w_R^m = (n-th roots)^(m n / R)
#pragma unroll
        for (int s = 0; s < R; s++) {
            Cx<T> acc = v[0];
#pragma unroll
            for (int r = 1; r < R; r++) acc = cadd(acc, cmul(v[r], root(roots, (r * s % R) * q, stride, inverse)));
            dst[j + s * p] = acc;
        }
    }
}

// not inlined: one copy of the butterflies per dtype rather than one per kernel
template <typename T> __device__ __noinline__ void butterflyOf(long long radix, long long n, long long p, long long i, int inverse,
                                                                 const Cx<T>* roots, long long stride, const Cx<T>* src, Cx<T>* dst) {
    switch (radix) {
        case 2: butterfly<2>(n, p, i, inverse, roots, stride, src, dst); break;
        case 3: butterfly<3>(n, p, i, inverse, roots, stride, src, dst); break;
        case 4: butterfly<4>(n, p, i, inverse, roots, stride, src, dst); break;
        case 5: butterfly<5>(n, p, i, inverse, roots, stride, src, dst); break;
        default: butterfly<7>(n, p, i, inverse, roots, stride, src, dst); break;
    }
}

// Every pass of a line in one block, between two buffers of n pairs in shared memory: the first pass
// reads the line from `in`, the last writes it to `out` (which may be `in`: every read of the line
// happens in the first pass, before the barrier).
template <typename T> __device__ void linesK(long long batch, long long n, Plan plan, int inverse, const Cx<T>* roots,
                                             long long stride, const Cx<T>* in, Cx<T>* out) {
    extern __shared__ __align__(16) unsigned char smem[];
    Cx<T>* buffer = (Cx<T>*)smem;
    for (long long line = blockIdx.x; line < batch; line += gridDim.x) {
        const Cx<T>* src = in + line * n;
        if (plan.count == 0 && threadIdx.x == 0) out[line * n] = src[0];  // n = 1: the identity
        long long p = 1;
        for (int pass = 0; pass < plan.count; pass++) {
            long long radix = plan.radix[pass];
            Cx<T>* dst = pass == plan.count - 1 ? out + line * n : buffer + (pass & 1) * n;
            for (long long i = threadIdx.x; i < n / radix; i += blockDim.x) {
                butterflyOf(radix, n, p, i, inverse, roots, stride, src, dst);
            }
            __syncthreads();
            src = dst;
            p *= radix;
        }
    }
}

// One pass over every line, from src to dst (distinct buffers of batch lines of n pairs).
template <typename T> __device__ void passK(long long batch, long long n, long long p, long long radix, int inverse,
                                            const Cx<T>* roots, long long stride, const Cx<T>* src, Cx<T>* dst) {
    long long q = n / radix;
    GRID_LOOP(t, batch * q) {
        long long line = t / q;
        butterflyOf(radix, n, p, t % q, inverse, roots, stride, src + line * n, dst + line * n);
    }
}

// ---- real transforms of even length n = 2h, through a complex transform of length h --------------

// The packed line z_j = x_2j + i x_2j+1 transformed (Z, [batch, h]) to the half spectrum X [batch, h + 1]:
// X_k = E_k + w^k O_k with E_k = (Z_k + conj Z_h-k) / 2, O_k = (Z_k - conj Z_h-k) / 2i, w = exp(-2 pi i / n).
template <typename T> __device__ void r2cSplitK(long long batch, long long h, const Cx<T>* roots, const Cx<T>* z, Cx<T>* x) {
    GRID_LOOP(t, batch * (h + 1)) {
        long long line = t / (h + 1), k = t % (h + 1);
        Cx<T> a = z[line * h + k % h], b = cconj(z[line * h + (h - k) % h]);
        Cx<T> e = cadd(a, b), d = csub(a, b);
        Cx<T> o = {d.im, -d.re};  // (a - b) / i
        Cx<T> y = cadd(e, cmul(roots[k], o));
        x[t] = {y.re * (T)0.5, y.im * (T)0.5};
    }
}

// The inverse's first step: Z_k = (X_k + conj X_h-k) + i (X_k - conj X_h-k) conj(w^k) for k < h, whose
// unnormalised inverse transform of length h is the packed real line. The imaginary parts of X_0 and
// X_h are ignored, as in pocketfft.
template <typename T> __device__ void c2rMergeK(long long batch, long long h, const Cx<T>* roots, const Cx<T>* x, Cx<T>* z) {
    GRID_LOOP(t, batch * h) {
        long long line = t / h, k = t % h;
        Cx<T> a = x[line * (h + 1) + k], b = cconj(x[line * (h + 1) + h - k]);
        if (k == 0) a.im = b.im = 0;
        Cx<T> d = cmul(csub(a, b), cconj(roots[k]));
        Cx<T> s = cadd(a, b);
        z[t] = {s.re - d.im, s.im + d.re};
    }
}

// Odd n: the whole Hermitian line Y [batch, n] from its first half X [batch, n/2 + 1].
template <typename T> __device__ void c2rExpandK(long long batch, long long n, const Cx<T>* x, Cx<T>* y) {
    long long half = n / 2 + 1;
    GRID_LOOP(t, batch * n) {
        long long line = t / n, k = t % n;
        Cx<T> v = k < half ? x[line * half + k] : cconj(x[line * half + n - k]);
        if (k == 0) v.im = 0;
        y[t] = v;
    }
}

// ---- Bluestein: DFT_k = conj(c_k) sum_j (x_j conj(c_j)) c_(k-j), c_j = exp(i pi j^2 / n) ----------

template <typename T> __device__ void chirpK(long long n, Cx<T>* chirp) {
    GRID_LOOP(k, n) {
        double s, c;
        // k^2 mod 2n exactly, so that the angle stays accurate for large k
        sincospi((double)((k * k) % (2 * n)) / (double)n, &s, &c);
        chirp[k] = {(T)c, (T)s};
    }
}

// The convolution kernel c_j for j in (-n, n), wrapped mod m and divided by m (the inverse transform
// that ends the convolution is unnormalised); the caller transforms it.
template <typename T> __device__ void bluesteinKernelK(long long n, long long m, const Cx<T>* chirp, Cx<T>* kernel) {
    GRID_LOOP(j, m) {
        Cx<T> v = {0, 0};
        if (j < n) v = chirp[j];
        else if (m - j < n) v = chirp[m - j];
        kernel[j] = {v.re / (T)m, v.im / (T)m};
    }
}

// a[line, k] = x_k cconj(c_k) for k < n, 0 up to m; the inverse transform is the conjugate of the
// forward one of the conjugate input.
template <typename T> __device__ void bluesteinInK(long long batch, long long n, long long m, int inverse, const Cx<T>* chirp,
                                                   const Cx<T>* x, Cx<T>* a) {
    GRID_LOOP(t, batch * m) {
        long long line = t / m, k = t % m;
        Cx<T> v = {0, 0};
        if (k < n) {
            v = x[line * n + k];
            if (inverse) v = cconj(v);
            v = cmul(v, cconj(chirp[k]));
        }
        a[t] = v;
    }
}

template <typename T> __device__ void pointwiseK(long long batch, long long m, const Cx<T>* kernel, Cx<T>* a) {
    GRID_LOOP(t, batch * m) a[t] = cmul(a[t], kernel[t % m]);
}

template <typename T> __device__ void bluesteinOutK(long long batch, long long n, long long m, int inverse, const Cx<T>* chirp,
                                                    const Cx<T>* a, Cx<T>* out) {
    GRID_LOOP(t, batch * n) {
        long long line = t / n, k = t % n;
        Cx<T> v = cmul(a[line * m + k], cconj(chirp[k]));
        out[t] = inverse ? cconj(v) : v;
    }
}

// ---- complex products, quotients and magnitudes ------------------------------------------------

// The CPU kernels' arithmetic, every operation rounded in T in their order (no fused multiply-adds):
// the pairs of out, a and b at their Lay offsets over g (the dims before the pairs').
__device__ __forceinline__ float mulR(float a, float b) { return __fmul_rn(a, b); }
__device__ __forceinline__ double mulR(double a, double b) { return __dmul_rn(a, b); }
__device__ __forceinline__ float addR(float a, float b) { return __fadd_rn(a, b); }
__device__ __forceinline__ double addR(double a, double b) { return __dadd_rn(a, b); }
__device__ __forceinline__ float subR(float a, float b) { return __fsub_rn(a, b); }
__device__ __forceinline__ double subR(double a, double b) { return __dsub_rn(a, b); }

template <typename T> __device__ void complexMulK(Geo g, Lay lo, Lay la, Lay lb, int divide, T* out, const T* x, const T* y) {
    GRID_LOOP(i, g.numel) {
        long long oo, oa, ob;
        offsets(g, i, lo, oo, la, oa, lb, ob);
        T a = x[oa], b = x[oa + 1], c = y[ob], d = y[ob + 1];
        if (divide) {
            T norm = addR(mulR(c, c), mulR(d, d));
            out[oo] = addR(mulR(a, c), mulR(b, d)) / norm;
            out[oo + 1] = subR(mulR(b, c), mulR(a, d)) / norm;
        } else {
            out[oo] = subR(mulR(a, c), mulR(b, d));
            out[oo + 1] = addR(mulR(a, d), mulR(b, c));
        }
    }
}

// hypot in double, rounded once: the elementwise HYPOT kernel's arithmetic
template <typename T> __device__ void complexAbsK(Geo g, Lay lo, Lay l, T* out, const T* x) {
    GRID_LOOP(i, g.numel) {
        long long oo, o;
        offsets(g, i, lo, oo, l, o);
        out[oo] = (T)hypot((double)x[o], (double)x[o + 1]);
    }
}

#define COMPLEX_KERNELS(S, T)                                                                                         \
    extern "C" __global__ void fft_roots_##S(long long n, Cx<T>* roots) { rootsK(n, roots); }                          \
    extern "C" __global__ void fft_lines_##S(long long batch, long long n, Plan plan, int inverse, const Cx<T>* roots, \
                                             long long stride, const Cx<T>* in, Cx<T>* out) {                          \
        linesK(batch, n, plan, inverse, roots, stride, in, out);                                                      \
    }                                                                                                                 \
    extern "C" __global__ void fft_pass_##S(long long batch, long long n, long long p, long long radix, int inverse,    \
                                            const Cx<T>* roots, long long stride, const Cx<T>* src, Cx<T>* dst) {       \
        passK(batch, n, p, radix, inverse, roots, stride, src, dst);                                                  \
    }                                                                                                                 \
    extern "C" __global__ void fft_r2c_split_##S(long long batch, long long h, const Cx<T>* roots, const Cx<T>* z,      \
                                                 Cx<T>* x) {                                                          \
        r2cSplitK(batch, h, roots, z, x);                                                                             \
    }                                                                                                                 \
    extern "C" __global__ void fft_c2r_merge_##S(long long batch, long long h, const Cx<T>* roots, const Cx<T>* x,     \
                                                 Cx<T>* z) {                                                          \
        c2rMergeK(batch, h, roots, x, z);                                                                             \
    }                                                                                                                 \
    extern "C" __global__ void fft_c2r_expand_##S(long long batch, long long n, const Cx<T>* x, Cx<T>* y) {            \
        c2rExpandK(batch, n, x, y);                                                                                   \
    }                                                                                                                 \
    extern "C" __global__ void fft_chirp_##S(long long n, Cx<T>* chirp) { chirpK(n, chirp); }                          \
    extern "C" __global__ void fft_bluestein_kernel_##S(long long n, long long m, const Cx<T>* chirp, Cx<T>* kernel) { \
        bluesteinKernelK(n, m, chirp, kernel);                                                                        \
    }                                                                                                                 \
    extern "C" __global__ void fft_bluestein_in_##S(long long batch, long long n, long long m, int inverse,             \
                                                    const Cx<T>* chirp, const Cx<T>* x, Cx<T>* a) {                   \
        bluesteinInK(batch, n, m, inverse, chirp, x, a);                                                              \
    }                                                                                                                 \
    extern "C" __global__ void fft_pointwise_##S(long long batch, long long m, const Cx<T>* kernel, Cx<T>* a) {        \
        pointwiseK(batch, m, kernel, a);                                                                              \
    }                                                                                                                 \
    extern "C" __global__ void fft_bluestein_out_##S(long long batch, long long n, long long m, int inverse,            \
                                                     const Cx<T>* chirp, const Cx<T>* a, Cx<T>* out) {                \
        bluesteinOutK(batch, n, m, inverse, chirp, a, out);                                                           \
    }                                                                                                                 \
    extern "C" __global__ void complex_mul_##S(Geo g, Lay lo, Lay la, Lay lb, int divide, T* out, const T* x,          \
                                               const T* y) {                                                          \
        complexMulK(g, lo, la, lb, divide, out, x, y);                                                                \
    }                                                                                                                 \
    extern "C" __global__ void complex_abs_##S(Geo g, Lay lo, Lay l, T* out, const T* x) { complexAbsK(g, lo, l, out, x); }

COMPLEX_KERNELS(f32, float)
COMPLEX_KERNELS(f64, double)
