// The kernels behind the SPI's optional fused hooks (FusedOps.java): softmax and log-softmax with
// their backward along contiguous lines, layer norm and batch norm (training) with their backward
// (statistics and parameters in Acc<T>, as the SPI hooks), ReLU's and GELU's derivatives in one pass, and sliding
// windows over up to three spatial dims (im2col, its adjoint col2im, max pooling with indices).
// Operands are contiguous and passed as the address of their first element; the Java side declines
// other layouts. Floating dtypes only: float32, float16 and bfloat16 compute in float, float64 in
// double (Acc<T>); GELU's derivative computes in double, as the elementwise kernels do.
#include "common.cuh"

template <typename A, typename T> __device__ __forceinline__ A ld(T x) { return (A)toD<T>(x); }
template <typename T, typename A> __device__ __forceinline__ T st(A x) { return fromD<T>((double)x); }

// ---- softmax along lines ------------------------------------------------------------------------

template <bool MAX, typename A> __device__ __forceinline__ A join(A a, A b) { return MAX ? jmax(a, b) : a + b; }

// The max (NaN-propagating) or sum of v over a group of threads: a warp (group 32) or the whole
// block (a multiple of 32 threads, at most 512). Every thread of the group calls it, each with the
// identity where it holds no element, and every thread gets the result.
template <bool MAX, typename A> __device__ A groupReduce(A v, int group) {
    for (int o = 16; o > 0; o >>= 1) v = join<MAX>(v, __shfl_xor_sync(0xffffffffu, v, o));
    if (group == 32) return v;
    __shared__ A part[32];
    int lane = threadIdx.x & 31;
    __syncthreads();  // the previous call's readers are done with part
    if (lane == 0) part[threadIdx.x >> 5] = v;
    __syncthreads();
    v = lane < (int)(blockDim.x >> 5) ? part[lane] : (MAX ? (A)-CUDART_INF : (A)0);
    for (int o = 16; o > 0; o >>= 1) v = join<MAX>(v, __shfl_xor_sync(0xffffffffu, v, o));
    return v;
}

// Lines of n elements, `group` threads per line (32: a warp per line, several lines per block; or
// blockDim.x: a block per line). Loops are uniform over a group, as groupReduce needs.
#define FOR_LINES(r, rows, group)                                                                    \
    for (long long r = blockIdx.x * (long long)(blockDim.x / group) + threadIdx.x / group; r < (rows); \
         r += (long long)gridDim.x * (blockDim.x / group))

// As the CPU backend: max subtracted (an infinite max counts as 0, so a line of -inf gives NaN, as in
// PyTorch), then exp(x - max) / sum or x - max - log(sum).
template <typename T> __device__ void softmaxK(long long rows, long long n, int group, int isLog, T* out, const T* in) {
    typedef typename Acc<T>::type A;
    int lane = threadIdx.x % group;
    FOR_LINES(r, rows, group) {
        const T* x = in + r * n;
        T* y = out + r * n;
        A m = (A)-CUDART_INF;
        for (long long j = lane; j < n; j += group) m = jmax(m, ld<A>(x[j]));
        m = groupReduce<true>(m, group);
        if (m == (A)-CUDART_INF) m = 0;  // (+inf stays: its line is NaN, as PyTorch's)
        A s = 0;
        for (long long j = lane; j < n; j += group) s += exp(ld<A>(x[j]) - m);
        s = groupReduce<false>(s, group);
        A ls = isLog ? log(s) : (A)0;
        for (long long j = lane; j < n; j += group) {
            A v = ld<A>(x[j]) - m;
            y[j] = st<T>(isLog ? v - ls : exp(v) / s);
        }
    }
}

// gradIn = y * (g - sum(g * y)), or for log-softmax g - exp(y) * sum(g).
template <typename T>
__device__ void softmaxBackwardK(long long rows, long long n, int group, int isLog, T* gin, const T* grad, const T* out) {
    typedef typename Acc<T>::type A;
    int lane = threadIdx.x % group;
    FOR_LINES(r, rows, group) {
        const T* g = grad + r * n;
        const T* y = out + r * n;
        A s = 0;
        for (long long j = lane; j < n; j += group) s += isLog ? ld<A>(g[j]) : ld<A>(g[j]) * ld<A>(y[j]);
        s = groupReduce<false>(s, group);
        for (long long j = lane; j < n; j += group) {
            A gj = ld<A>(g[j]), yj = ld<A>(y[j]);
            gin[r * n + j] = st<T>(isLog ? gj - exp(yj) * s : yj * (gj - s));
        }
    }
}

// ---- activation derivatives ---------------------------------------------------------------------

// out = y <= threshold ? 0 : g (a NaN y passes g); float32 compares in float, as the CPU backend.
template <typename T> __device__ void thresholdBackwardK(long long n, double threshold, T* out, const T* g, const T* y) {
    typedef typename Acc<T>::type A;
    A t = (A)threshold;
    GRID_LOOP(i, n) out[i] = ld<A>(y[i]) <= t ? st<T>((A)0) : g[i];
}

// out = g * (Phi(x) + x phi(x)), exact GELU's derivative.
template <typename T> __device__ void geluBackwardK(long long n, T* out, const T* g, const T* x) {
    GRID_LOOP(i, n) {
        double v = toD<T>(x[i]);
        out[i] = fromD<T>(toD<T>(g[i]) * (0.5 * (1 + erf(v * 0.7071067811865476)) + v * exp(-0.5 * v * v) * 0.3989422804014327));
    }
}

// ---- sliding windows ----------------------------------------------------------------------------

// Windows over three spatial dims (fewer are padded in front with size-1 dims): per dim the input
// size, kernel, stride, padding, dilation and output size. Planes are contiguous, [in0, in1, in2].
struct Win { long long in[3], k[3], s[3], p[3], d[3], out[3]; };

__device__ __forceinline__ long long kernelSize(const Win& w) { return w.k[0] * w.k[1] * w.k[2]; }
__device__ __forceinline__ long long outSize(const Win& w) { return w.out[0] * w.out[1] * w.out[2]; }
__device__ __forceinline__ long long planeSize(const Win& w) { return w.in[0] * w.in[1] * w.in[2]; }

// The output position along dim a whose window reads input index i at kernel offset k, or -1.
__device__ __forceinline__ long long windowAt(const Win& w, int a, long long i, long long k) {
    long long t = i + w.p[a] - k * w.d[a];
    if (t < 0 || t % w.s[a] != 0) return -1;
    t /= w.s[a];
    return t < w.out[a] ? t : -1;
}

// Column element (p, k, l): plane p's input at window l's kernel offset k, 0 in the padding.
template <typename T> __device__ __forceinline__ T im2colValue(const Win& w, const T* in, long long p, long long k, long long l) {
    long long at = 0, scale = 1;
    bool inside = true;
    for (int a = 2; a >= 0; --a) {
        long long pos = (l % w.out[a]) * w.s[a] - w.p[a] + (k % w.k[a]) * w.d[a];
        l /= w.out[a];
        k /= w.k[a];
        inside = inside && pos >= 0 && pos < w.in[a];
        at += pos * scale;
        scale *= w.in[a];
    }
    return inside ? in[p * planeSize(w) + at] : st<T>(0.0);
}

// cols [planes, K, L].
template <typename T> __device__ void im2colK(long long planes, const Win& w, T* cols, const T* in) {
    long long K = kernelSize(w), L = outSize(w);
    GRID_LOOP(i, planes * K * L) cols[i] = im2colValue(w, in, i / (L * K), (i / L) % K, i % L);
}

// The same columns laid out as [channels * K, samples, L] (planes = samples * channels) instead of [samples,
// channels * K, L]: each row holds every sample's positions, so that one GEMM over a chunk of samples sums their
// products (the convolution's weight gradient).
template <typename T> __device__ void im2colRowsK(long long planes, long long channels, const Win& w, T* cols, const T* in) {
    long long K = kernelSize(w), L = outSize(w), samples = planes / channels;
    GRID_LOOP(i, planes * K * L) {
        long long l = i % L, k = (i / L) % K, p = i / (L * K);
        cols[(((p % channels) * K + k) * samples + p / channels) * L + l] = im2colValue(w, in, p, k, l);
    }
}

// image [planes, in...] = the sum of the column elements im2col read from each position, gathered per
// pixel in kernel-offset order (the CPU backend's order, deterministic: no atomics).
template <typename T> __device__ void col2imK(long long planes, const Win& w, T* image, const T* cols) {
    typedef typename Acc<T>::type A;
    long long K = kernelSize(w), L = outSize(w), plane = planeSize(w);
    GRID_LOOP(i, planes * plane) {
        long long q = i % plane;
        long long ix = q % w.in[2], iy = (q / w.in[2]) % w.in[1], iz = q / (w.in[2] * w.in[1]);
        const T* c = cols + (i / plane) * K * L;
        A sum = 0;
        for (long long kz = 0; kz < w.k[0]; ++kz) {
            long long oz = windowAt(w, 0, iz, kz);
            if (oz < 0) continue;
            for (long long ky = 0; ky < w.k[1]; ++ky) {
                long long oy = windowAt(w, 1, iy, ky);
                if (oy < 0) continue;
                for (long long kx = 0; kx < w.k[2]; ++kx) {
                    long long ox = windowAt(w, 2, ix, kx);
                    if (ox < 0) continue;
                    sum += ld<A>(c[((kz * w.k[1] + ky) * w.k[2] + kx) * L + (oz * w.out[1] + oy) * w.out[2] + ox]);
                }
            }
        }
        image[i] = st<T>(sum);
    }
}

// Each window's maximum and its flat position in the input plane, as the CPU backend: positions in the
// padding or past the input are skipped, the first valid one is taken, a larger value or a NaN
// replaces it, and the first NaN ends the scan (ties keep the first). No valid position: -inf, -1.
template <typename T> __device__ void maxPoolK(long long planes, const Win& w, T* vals, long long* idx, const T* in) {
    typedef typename Acc<T>::type A;
    long long L = outSize(w), plane = planeSize(w);
    GRID_LOOP(i, planes * L) {
        long long q = i % L;
        long long ox = q % w.out[2], oy = (q / w.out[2]) % w.out[1], oz = q / (w.out[2] * w.out[1]);
        const T* x = in + (i / L) * plane;
        A best = (A)-CUDART_INF;
        long long at = -1;
        bool nan = false;
        for (long long kz = 0; kz < w.k[0] && !nan; ++kz) {
            long long z = oz * w.s[0] - w.p[0] + kz * w.d[0];
            if (z < 0 || z >= w.in[0]) continue;
            for (long long ky = 0; ky < w.k[1] && !nan; ++ky) {
                long long y = oy * w.s[1] - w.p[1] + ky * w.d[1];
                if (y < 0 || y >= w.in[1]) continue;
                for (long long kx = 0; kx < w.k[2] && !nan; ++kx) {
                    long long xx = ox * w.s[2] - w.p[2] + kx * w.d[2];
                    if (xx < 0 || xx >= w.in[2]) continue;
                    long long pos = (z * w.in[1] + y) * w.in[2] + xx;
                    A v = ld<A>(x[pos]);
                    if (at < 0 || v > best || v != v) {
                        best = v;
                        at = pos;
                        nan = v != v;
                    }
                }
            }
        }
        vals[i] = st<T>(best);
        idx[i] = at;
    }
}

// ---- layer norm and batch norm (the SPI's layerNorm and batchNorm pairs) -------------------------------
// The data (in, out, grad, gin) is of T; the statistics, weight, bias and their gradients of Acc<T> (float for
// float32 and the 16-bit types, double for float64), as PyTorch's kernels keep them.

// The weight index of element j of row r: j for layer norm; for group norm (CH), whose rows are a sample's group of
// n / p channels of p values, the channel (r % groups) * (n / p) + j / p.
template <bool CH> __device__ __forceinline__ long long weightAt(long long r, long long j, long long n, long long p, long long groups) {
    return CH ? (r % groups) * (n / p) + j / p : j;
}

// Each row of n: mean, then the biased variance of the centred values (two passes, in A as the CPU
// kernels: float for float32), out = (x - mean) * rstd * w + b; w, b null mean 1, 0. With CH, group norm's rows
// and per-channel w and b (weightAt).
template <typename T, bool CH = false, typename A = typename Acc<T>::type>
__device__ void layerNormK(long long rows, long long n, int group, double eps, T* out, A* mean, A* rstd, const T* in,
                           const A* w, const A* b, long long p = 1, long long groups = 1) {
    int lane = threadIdx.x % group;
    FOR_LINES(r, rows, group) {
        const T* x = in + r * n;
        T* y = out + r * n;
        A s = 0;
        for (long long j = lane; j < n; j += group) s += ld<A>(x[j]);
        A mu = groupReduce<false>(s, group) / (A)n;
        A q = 0;
        for (long long j = lane; j < n; j += group) {
            A d = ld<A>(x[j]) - mu;
            q += d * d;
        }
        A rs = (A)1 / sqrt(groupReduce<false>(q, group) / (A)n + (A)eps);
        for (long long j = lane; j < n; j += group) {
            A v = (ld<A>(x[j]) - mu) * rs;
            if (w) v *= w[weightAt<CH>(r, j, n, p, groups)];
            if (b) v += b[weightAt<CH>(r, j, n, p, groups)];
            y[j] = st<T>(v);
        }
        if (lane == 0) {
            mean[r] = mu;
            rstd[r] = rs;
        }
    }
}

// gradIn of each row, as the CPU kernel: with gw = g * w, ds = sum(gw * x), db = sum(gw),
// p = (db * mean - ds) * rstd^3 / n and q = -p * mean - db * rstd / n, gradIn = rstd * gw + p * x + q. CH as layerNormK.
template <typename T, bool CH = false, typename A = typename Acc<T>::type>
__device__ void layerNormBackwardK(long long rows, long long n, int group, T* gin, const T* grad, const T* in, const A* mean,
                                   const A* rstd, const A* w, long long per = 1, long long groups = 1) {
    int lane = threadIdx.x % group;
    FOR_LINES(r, rows, group) {
        const T* g = grad + r * n;
        const T* x = in + r * n;
        A ds = 0, db = 0;
        for (long long j = lane; j < n; j += group) {
            A gw = ld<A>(g[j]) * (w ? w[weightAt<CH>(r, j, n, per, groups)] : (A)1);
            ds += gw * ld<A>(x[j]);
            db += gw;
        }
        ds = groupReduce<false>(ds, group);
        db = groupReduce<false>(db, group);
        A mu = mean[r], rs = rstd[r];
        A p = (db * mu - ds) * rs * rs * rs / (A)n, q = -p * mu - db * rs / (A)n;
        for (long long j = lane; j < n; j += group) {
            A gw = ld<A>(g[j]) * (w ? w[weightAt<CH>(r, j, n, per, groups)] : (A)1);
            gin[r * n + j] = st<T>(rs * gw + p * ld<A>(x[j]) + q);
        }
    }
}

// Group norm's weight and bias gradients over [N, C, P]: a block of 256 threads per channel c (grid-stride), summing
// g * (x - mean) * rstd and g over every sample's plane of c with that sample's group statistics, then the block's
// partials in a fixed order (deterministic, no atomics). gw, gb: either may be null.
template <typename T, typename A = typename Acc<T>::type>
__device__ void groupNormParamGradK(long long n, long long c, long long p, long long groups, A* gw, A* gb, const T* grad,
                                    const T* in, const A* mean, const A* rstd) {
    long long cg = c / groups;
    for (long long ch = blockIdx.x; ch < c; ch += gridDim.x) {
        A sw = 0, sb = 0;
        for (long long s = 0; s < n; s++) {
            long long stat = s * groups + ch / cg, base = (s * c + ch) * p;
            A mu = mean[stat], rs = rstd[stat];
            for (long long j = threadIdx.x; j < p; j += blockDim.x) {
                A gv = ld<A>(grad[base + j]);
                sw += gv * (ld<A>(in[base + j]) - mu) * rs;
                sb += gv;
            }
        }
        sw = groupReduce<false>(sw, blockDim.x);
        sb = groupReduce<false>(sb, blockDim.x);
        if (threadIdx.x == 0) {
            if (gw) gw[ch] = sw;
            if (gb) gb[ch] = sb;
        }
    }
}

// The weight and bias gradients, column sums over all rows of g * xhat and g: a block of 512 threads
// takes 32 columns at a time, its 16 warps each summing every 16th row (coalesced along the row), then
// one warp adds the 16 partials, in a fixed order (deterministic, no atomics). gw, gb: either may be null.
template <typename T, typename A = typename Acc<T>::type>
__device__ void layerNormParamGradK(long long rows, long long n, A* gw, A* gb, const T* grad, const T* in, const A* mean,
                                    const A* rstd) {
    __shared__ A pw[16][33], pb[16][33];
    int tx = threadIdx.x & 31, ty = threadIdx.x >> 5;
    for (long long c0 = blockIdx.x * 32LL; c0 < n; c0 += gridDim.x * 32LL) {
        long long c = c0 + tx;
        A sw = 0, sb = 0;
        if (c < n) {
            for (long long r = ty; r < rows; r += 16) {
                A g = ld<A>(grad[r * n + c]);
                sw += g * (ld<A>(in[r * n + c]) - mean[r]) * rstd[r];
                sb += g;
            }
        }
        pw[ty][tx] = sw;
        pb[ty][tx] = sb;
        __syncthreads();
        if (ty == 0 && c < n) {
            for (int k = 1; k < 16; ++k) {
                sw += pw[k][tx];
                sb += pb[k][tx];
            }
            if (gw) gw[c] = sw;
            if (gb) gb[c] = sb;
        }
        __syncthreads();  // the partials are read before the next columns overwrite them
    }
}

// Batch norm over [N, C, P] in two kernels per direction. Each channel's N * P values are cut into `slabs`
// slabs of `len` values (value i: image i / p, position i % p), a block per (channel, slab), so that a few
// channels still fill the GPU: the first kernel leaves each slab's two sums in `partial`, the second combines
// a channel's sums in slab order (deterministic, no atomics) and writes every value. Sums are in double.

// Walks the values i0, i0 + step, ... below i1 of channel ch, keeping each one's offset in [N, C, P] without a
// division per value.
struct ChannelWalk {
    long long i, end, step, at, pos, p, stepAt, stepPos, wrap;
    __device__ ChannelWalk(long long i0, long long i1, long long step_, long long c, long long p_, long long ch)
        : i(i0), end(i1), step(step_), p(p_) {
        pos = i0 % p;
        at = ((i0 / p) * c + ch) * p + pos;
        stepPos = step % p;
        stepAt = (step / p) * c * p + stepPos;
        wrap = (c - 1) * p;  // from the end of one image's plane to the next image's
    }
    __device__ bool more() const { return i < end; }
    __device__ void next() {
        i += step;
        at += stepAt;
        pos += stepPos;
        if (pos >= p) {
            pos -= p;
            at += wrap;
        }
    }
};

// The values of block blk's slab, walked by this thread.
#define SLAB_WALK(w, blk)                                                                                    \
    for (ChannelWalk w((blk % slabs) * len + threadIdx.x, min((blk % slabs + 1) * len, n * p), blockDim.x, c, p, \
                       blk / slabs);                                                                         \
         w.more(); w.next())

#define FOR_SLABS(blk) for (long long blk = blockIdx.x; blk < c * slabs; blk += gridDim.x)

// The block's totals of every thread's a and b, left by thread 0 as slab blk's pair in partial.
__device__ void storeSlabSums(double* partial, long long blk, double a, double b) {
    a = groupReduce<false>(a, blockDim.x);
    b = groupReduce<false>(b, blockDim.x);
    if (threadIdx.x == 0) {
        partial[2 * blk] = a;
        partial[2 * blk + 1] = b;
    }
}

// The pairs of channel ch's slabs, added in slab order (deterministic).
__device__ void channelSums(const double* partial, long long ch, long long slabs, double& a, double& b) {
    a = 0;
    b = 0;
    for (long long i = ch * slabs; i < (ch + 1) * slabs; ++i) {
        a += partial[2 * i];
        b += partial[2 * i + 1];
    }
}

// Forward, first kernel: per slab, the sum and the sum of squares of x - k, k the channel's first value (a
// shift that keeps the one-pass variance exact enough: the variance itself is at least (k - mean)^2 / count).
template <typename T>
__device__ void batchNormStatsK(long long n, long long c, long long p, long long slabs, long long len, double* partial,
                                const T* in) {
    FOR_SLABS(blk) {
        double k = toD<T>(in[(blk / slabs) * p]), s = 0, q = 0;
        SLAB_WALK(w, blk) {
            double d = toD<T>(in[w.at]) - k;
            s += d;
            q += d * d;
        }
        storeSlabSums(partial, blk, s, q);
    }
}

// Forward, second kernel: the channel's mean and biased variance from its slabs' sums (written by its first
// slab's block) and out = (x - mean) * (rsqrt(var + eps) * w) + b, centred first as the CPU backend. w, b null
// mean 1, 0.
template <typename T, typename A>
__device__ void batchNormApplyK(long long n, long long c, long long p, long long slabs, long long len, double eps, T* out,
                                A* mean, A* var, const double* partial, const T* in, const A* w, const A* b) {
    __shared__ double coef[3];
    FOR_SLABS(blk) {
        long long ch = blk / slabs;
        if (threadIdx.x == 0) {
            double s, q, count = (double)n * p;
            channelSums(partial, ch, slabs, s, q);
            double dm = s / count, mu = toD<T>(in[ch * p]) + dm, v = fmax(q / count - dm * dm, 0.0);
            if (blk % slabs == 0) {
                mean[ch] = (A)mu;
                var[ch] = (A)v;
            }
            coef[0] = mu;
            coef[1] = 1 / sqrt(v + eps) * (w ? (double)w[ch] : 1.0);
            coef[2] = b ? (double)b[ch] : 0.0;
        }
        __syncthreads();
        double mu = coef[0], scale = coef[1], shift = coef[2];
        SLAB_WALK(wk, blk) out[wk.at] = fromD<T>((toD<T>(in[wk.at]) - mu) * scale + shift);
        __syncthreads();  // coef is read before the next slab's thread 0 overwrites it
    }
}

// Backward, first kernel: per slab, sum(g) and sum((x - mean) g).
template <typename T, typename A>
__device__ void batchNormBackwardSumsK(long long n, long long c, long long p, long long slabs, long long len, double* partial,
                                       const T* grad, const T* in, const A* mean) {
    FOR_SLABS(blk) {
        double mu = mean[blk / slabs], s = 0, d = 0;
        SLAB_WALK(w, blk) {
            double g = toD<T>(grad[w.at]);
            s += g;
            d += (toD<T>(in[w.at]) - mu) * g;
        }
        storeSlabSums(partial, blk, s, d);
    }
}

// Backward, second kernel: per channel s = sum(g), d = sum((x - mean) g) from the slabs; gradWeight = d * invstd,
// gradBias = s (by the first slab's block), gradIn = (g - s / count - (x - mean) * d * invstd^2 / count) * invstd * w.
// Any of the three may be null.
template <typename T, typename A>
__device__ void batchNormBackwardApplyK(long long n, long long c, long long p, long long slabs, long long len, T* gin, A* gw,
                                        A* gb, const double* partial, const T* grad, const T* in, const A* mean,
                                        const A* invstd, const A* w) {
    __shared__ double coef[3];
    FOR_SLABS(blk) {
        long long ch = blk / slabs;
        if (threadIdx.x == 0) {
            double s, d, count = (double)n * p, is = invstd[ch];
            channelSums(partial, ch, slabs, s, d);
            if (blk % slabs == 0) {
                if (gw) gw[ch] = (A)(d * is);
                if (gb) gb[ch] = (A)s;
            }
            coef[0] = s / count;
            coef[1] = d * is * is / count;
            coef[2] = is * (w ? (double)w[ch] : 1.0);
        }
        __syncthreads();
        if (gin) {
            double mu = mean[ch], gradMean = coef[0], k = coef[1], scale = coef[2];
            SLAB_WALK(wk, blk) gin[wk.at] = fromD<T>((toD<T>(grad[wk.at]) - gradMean - (toD<T>(in[wk.at]) - mu) * k) * scale);
        }
        __syncthreads();  // coef is read before the next slab's thread 0 overwrites it
    }
}

#define FLOATING_DTYPES(M) M(f32, float) M(f64, double) M(f16, f16) M(bf16, bf16)

#define FUSED(sfx, T)                                                                                                 \
    extern "C" __global__ void __launch_bounds__(512)                                                                \
        softmax_##sfx(long long rows, long long n, int group, int isLog, T* out, const T* in) {                         \
        softmaxK<T>(rows, n, group, isLog, out, in);                                                                    \
    }                                                                                                                 \
    extern "C" __global__ void __launch_bounds__(512) softmax_backward_##sfx(long long rows, long long n, int group, \
                                                                              int isLog, T* gin, const T* g, const T* y) { \
        softmaxBackwardK<T>(rows, n, group, isLog, gin, g, y);                                                          \
    }                                                                                                                 \
    extern "C" __global__ void threshold_backward_##sfx(long long n, double threshold, T* out, const T* g, const T* y) { \
        thresholdBackwardK<T>(n, threshold, out, g, y);                                                               \
    }                                                                                                                 \
    extern "C" __global__ void gelu_backward_##sfx(long long n, T* out, const T* g, const T* x) {                    \
        geluBackwardK<T>(n, out, g, x);                                                                               \
    }                                                                                                                 \
    extern "C" __global__ void im2col_##sfx(long long planes, Win w, T* cols, const T* in) {                          \
        im2colK<T>(planes, w, cols, in);                                                                              \
    }                                                                                                                 \
    extern "C" __global__ void im2col_rows_##sfx(long long planes, long long channels, Win w, T* cols, const T* in) {  \
        im2colRowsK<T>(planes, channels, w, cols, in);                                                                \
    }                                                                                                                 \
    extern "C" __global__ void col2im_##sfx(long long planes, Win w, T* image, const T* cols) {                       \
        col2imK<T>(planes, w, image, cols);                                                                           \
    }                                                                                                                 \
    extern "C" __global__ void max_pool_##sfx(long long planes, Win w, T* vals, long long* idx, const T* in) {        \
        maxPoolK<T>(planes, w, vals, idx, in);                                                                        \
    }
FLOATING_DTYPES(FUSED)

#define NORMS(sfx, T, A)                                                                                                 \
    extern "C" __global__ void __launch_bounds__(512) layer_norm_##sfx(long long rows, long long n, int group, double eps, \
                                                                        T* out, A* mean, A* rstd, const T* in, const A* w, \
                                                                        const A* b) {                                 \
        layerNormK<T>(rows, n, group, eps, out, mean, rstd, in, w, b);                                                \
    }                                                                                                                 \
    extern "C" __global__ void __launch_bounds__(512) layer_norm_backward_##sfx(long long rows, long long n, int group, \
                                                                                 T* gin, const T* g, const T* x,      \
                                                                                 const A* mean, const A* rstd, const A* w) { \
        layerNormBackwardK<T>(rows, n, group, gin, g, x, mean, rstd, w);                                              \
    }                                                                                                                 \
    extern "C" __global__ void __launch_bounds__(512) group_norm_##sfx(long long rows, long long n, int group, double eps, \
                                                                        T* out, A* mean, A* rstd, const T* in, const A* w, \
                                                                        const A* b, long long p, long long groups) {  \
        layerNormK<T, true>(rows, n, group, eps, out, mean, rstd, in, w, b, p, groups);                               \
    }                                                                                                                 \
    extern "C" __global__ void __launch_bounds__(512) group_norm_backward_##sfx(long long rows, long long n, int group, \
                                                                                 T* gin, const T* g, const T* x,      \
                                                                                 const A* mean, const A* rstd, const A* w, \
                                                                                 long long p, long long groups) {     \
        layerNormBackwardK<T, true>(rows, n, group, gin, g, x, mean, rstd, w, p, groups);                             \
    }                                                                                                                 \
    extern "C" __global__ void __launch_bounds__(256) group_norm_param_grad_##sfx(long long n, long long c, long long p, \
                                                                                   long long groups, A* gw, A* gb,    \
                                                                                   const T* g, const T* x, const A* mean, \
                                                                                   const A* rstd) {                   \
        groupNormParamGradK<T>(n, c, p, groups, gw, gb, g, x, mean, rstd);                                            \
    }                                                                                                                 \
    extern "C" __global__ void __launch_bounds__(512) layer_norm_param_grad_##sfx(long long rows, long long n, A* gw, A* gb, \
                                                                                   const T* g, const T* x, const A* mean, \
                                                                                   const A* rstd) {                   \
        layerNormParamGradK<T>(rows, n, gw, gb, g, x, mean, rstd);                                                    \
    }                                                                                                                 \
    extern "C" __global__ void __launch_bounds__(256) batch_norm_stats_##sfx(long long n, long long c, long long p,       \
                                                                              long long slabs, long long len,           \
                                                                              double* partial, const T* in) {           \
        batchNormStatsK<T>(n, c, p, slabs, len, partial, in);                                                         \
    }                                                                                                                 \
    extern "C" __global__ void __launch_bounds__(256) batch_norm_apply_##sfx(                                          \
        long long n, long long c, long long p, long long slabs, long long len, double eps, T* out, A* mean, A* var,      \
        const double* partial, const T* in, const A* w, const A* b) {                                                 \
        batchNormApplyK<T, A>(n, c, p, slabs, len, eps, out, mean, var, partial, in, w, b);                           \
    }                                                                                                                 \
    extern "C" __global__ void __launch_bounds__(256) batch_norm_backward_sums_##sfx(                                  \
        long long n, long long c, long long p, long long slabs, long long len, double* partial, const T* g, const T* x, \
        const A* mean) {                                                                                              \
        batchNormBackwardSumsK<T, A>(n, c, p, slabs, len, partial, g, x, mean);                                       \
    }                                                                                                                 \
    extern "C" __global__ void __launch_bounds__(256) batch_norm_backward_apply_##sfx(                                 \
        long long n, long long c, long long p, long long slabs, long long len, T* gin, A* gw, A* gb,                   \
        const double* partial, const T* g, const T* x, const A* mean, const A* invstd, const A* w) {                   \
        batchNormBackwardApplyK<T, A>(n, c, p, slabs, len, gin, gw, gb, partial, g, x, mean, invstd, w);              \
    }
NORMS(f32, float, float) NORMS(f64, double, double) NORMS(f16, f16, float) NORMS(bf16, bf16, float)
