// Scaled dot-product attention without the L x S weights in memory (the SPI's attention and
// attentionBackward hooks, FusedOps.java). A warp owns one query row (forward, dq) or one key row
// (dk, dv); each lane holds every 32nd feature of its row in registers (E and Ev at most 32 * MAXF,
// which the Java side checks), and every dot product is a warp sum. The forward runs an online
// softmax (the running maximum rescales what was summed so far), keeping the row's log-sum-exp for
// the backward, which recomputes each weight as exp(score - lse). float32, float16 and bfloat16
// compute in float, float64 in double (Acc<T>); lse is of that accumulator type. The mask is
// additive, [B, L, S] with any strides (0 for broadcast dims), or absent (a null address). Heads
// of at most 64 features computing in float take the tiled kernels instead (attentionTiledK,
// attentionDqTiledK, attentionDkvTiledK): a row per thread (or pair of threads), the block's rows
// sharing tiles of the other side's rows in shared memory.
#include "common.cuh"

#define MAXF 8

template <typename A> __device__ __forceinline__ A warpSum(A v) {
    for (int o = 16; o > 0; o >>= 1) v += __shfl_xor_sync(0xffffffffu, v, o);
    return v;
}

template <typename A, typename T> __device__ __forceinline__ void loadRow(A* r, const T* row, long long n, int lane) {
#pragma unroll
    for (int c = 0; c < MAXF; c++) {
        long long at = lane + 32LL * c;
        r[c] = at < n ? (A)toD<T>(row[at]) : (A)0;
    }
}

template <typename A, typename T> __device__ __forceinline__ A dotRow(const A* r, const T* row, long long n, int lane) {
    A d = 0;
#pragma unroll
    for (int c = 0; c < MAXF; c++) {
        long long at = lane + 32LL * c;
        if (at < n) d += r[c] * (A)toD<T>(row[at]);
    }
    return warpSum(d);
}

// r += w * row, over the lane's features of a row of n
template <typename A, typename T> __device__ __forceinline__ void axpyRow(A* r, A w, const T* row, long long n, int lane) {
#pragma unroll
    for (int c = 0; c < MAXF; c++) {
        long long at = lane + 32LL * c;
        if (at < n) r[c] += w * (A)toD<T>(row[at]);
    }
}

// row = r * f, over the lane's features of a row of n
template <typename A, typename T> __device__ __forceinline__ void storeRow(T* row, const A* r, A f, long long n, int lane) {
#pragma unroll
    for (int c = 0; c < MAXF; c++) {
        long long at = lane + 32LL * c;
        if (at < n) row[at] = fromD<T>((double)(r[c] * f));
    }
}

// The score of (i, j) from its dot product: scaled, the mask added.
template <typename A, typename T> __device__ __forceinline__ A score(A dot, double scale, const T* mask, long long bi, long long i,
                                                                  long long j, long long msb, long long msl, long long mss) {
    A x = dot * (A)scale;
    if (mask) x += (A)toD<T>(mask[bi * msb + i * msl + j * mss]);
    return x;
}

// A finite (or NaN) score x of the online softmax: when x is a new maximum, the running sum and the N accumulated
// output values are rescaled to it; returns x's weight exp(x - m), added to sum (NaN for a NaN score, which then
// spreads to the row as in the composition).
template <int N, typename A> __device__ __forceinline__ A onlineWeight(A x, A& m, A& sum, A* acc) {
    if (x > m) {
        A corr = exp(m - x);
        sum *= corr;
#pragma unroll
        for (int c = 0; c < N; c++) acc[c] *= corr;
        m = x;
    }
    A p = exp(x - m);
    sum += p;
    return p;
}

// Warps over rows: every lane of a warp runs the same iterations (warpSum needs the whole warp).
#define FOR_WARP_ROWS(row, rows)                                                                            \
    for (long long row = (blockIdx.x * (long long)blockDim.x + threadIdx.x) >> 5; row < (rows);            \
         row += (gridDim.x * (long long)blockDim.x) >> 5)

template <typename T> __device__ void attentionK(long long b, long long l, long long s, long long e, long long ev, double scale,
                                                 int causal, const T* mask, long long msb, long long msl, long long mss, T* out,
                                                 typename Acc<T>::type* lse, const T* q, const T* k, const T* v) {
    typedef typename Acc<T>::type A;
    int lane = threadIdx.x & 31;
    FOR_WARP_ROWS(row, b * l) {
        long long bi = row / l, i = row % l, keys = causal ? min(s, i + 1) : s;
        A qr[MAXF], acc[MAXF];
        loadRow(qr, q + row * e, e, lane);
#pragma unroll
        for (int c = 0; c < MAXF; c++) acc[c] = 0;
        A m = (A)-CUDART_INF, sum = 0;
        for (long long j = 0; j < keys; j++) {
            A x = score<A>(dotRow(qr, k + (bi * s + j) * e, e, lane), scale, mask, bi, i, j, msb, msl, mss);
            if (x == (A)-CUDART_INF) continue;  // weight 0; also keeps a row masked so far from exp(-inf + inf)
            A p = onlineWeight<MAXF>(x, m, sum, acc);
            axpyRow(acc, p, v + (bi * s + j) * ev, ev, lane);
        }
        // a fully masked row: sum 0, so 0 / 0 = NaN and lse = 0 + log(0) = -inf, as the composition's softmax
#pragma unroll
        for (int c = 0; c < MAXF; c++) {
            long long at = lane + 32LL * c;
            if (at < ev) out[row * ev + at] = fromD<T>((double)(acc[c] / sum));
        }
        if (lane == 0) lse[row] = (m == (A)-CUDART_INF ? (A)0 : m) + log(sum);
    }
}

// The forward for heads of at most F features (32 or 64) computing in float (float32, float16, bfloat16): a thread
// per query row holds its row's features and output in registers, and the block's TILE_ROWS rows (of one batch)
// share tiles of TILE_KEYS keys and values in shared memory. K and V are then read once per block instead of once
// per row, and a dot product is a thread's own loop instead of a warp sum. The online softmax is attentionK's.
#define TILE_ROWS 64
#define TILE_KEYS 32
// Rows [r0, r0 + TILE_KEYS) of batch `base`'s rows of two matrices, [rows, e] and [rows, ev], into shared tiles
// of F floats per row (zeros past the ends), by every thread of the block after a barrier: the tiled kernels' loads
// (keys and values, or queries and output gradients). The caller's barrier then publishes them.
template <typename T, int F>
__device__ __forceinline__ void loadTiles(float (*as)[F], float (*bs)[F], const T* a, const T* b, long long base, long long r0,
                                          long long rows, long long e, long long ev) {
    __syncthreads();  // every row is done with the previous tiles
    for (int t = threadIdx.x; t < TILE_KEYS * F; t += blockDim.x) {
        long long rr = t / F, f = t % F, r = r0 + rr;
        as[rr][f] = r < rows && f < e ? (float)toD<T>(a[(base + r) * e + f]) : 0.0f;
        bs[rr][f] = r < rows && f < ev ? (float)toD<T>(b[(base + r) * ev + f]) : 0.0f;
    }
}

template <typename T, int F>
__device__ void attentionTiledK(long long b, long long l, long long s, long long e, long long ev, double scale, int causal,
                                const T* mask, long long msb, long long msl, long long mss, T* out, float* lse, const T* q,
                                const T* k, const T* v) {
    __shared__ float ks[TILE_KEYS][F], vs[TILE_KEYS][F];
    long long perBatch = (l + TILE_ROWS - 1) / TILE_ROWS;
    for (long long blk = blockIdx.x; blk < b * perBatch; blk += gridDim.x) {
        long long bi = blk / perBatch, i0 = (blk % perBatch) * TILE_ROWS, i = i0 + threadIdx.x, row = bi * l + i;
        bool live = i < l;
        float qr[F], acc[F];
#pragma unroll
        for (int f = 0; f < F; f++) {
            qr[f] = live && f < e ? (float)toD<T>(q[row * e + f]) : 0.0f;  // zeros past e add nothing to the dots
            acc[f] = 0;
        }
        float m = (float)-CUDART_INF, sum = 0;
        long long keys = causal ? min(s, i + 1) : s;
        long long blockKeys = causal ? min(s, min(l, i0 + TILE_ROWS)) : s;  // what the block's last row sees
        for (long long j0 = 0; j0 < blockKeys; j0 += TILE_KEYS) {
            loadTiles<T, F>(ks, vs, k, v, bi * s, j0, s, e, ev);
            __syncthreads();
            long long n = live ? min((long long)TILE_KEYS, keys - j0) : 0;
            for (int jj = 0; jj < n; jj++) {
                float d = 0;
#pragma unroll
                for (int f = 0; f < F; f++) d += qr[f] * ks[jj][f];
                float x = score<float>(d, scale, mask, bi, i, j0 + jj, msb, msl, mss);
                if (x == (float)-CUDART_INF) continue;  // as attentionK
                float p = onlineWeight<F>(x, m, sum, acc);
#pragma unroll
                for (int f = 0; f < F; f++) acc[f] += p * vs[jj][f];
            }
        }
        if (live) {
#pragma unroll
            for (int f = 0; f < F; f++) {
                if (f < ev) out[row * ev + f] = fromD<T>((double)(acc[f] / sum));
            }
            lse[row] = (m == -CUDART_INF ? 0.0f : m) + log(sum);
        }
    }
}

// dq for each query row, and D_i = grad_i . out_i into dsum for the key pass.
template <typename T> __device__ void attentionDqK(long long b, long long l, long long s, long long e, long long ev, double scale,
                                                   int causal, const T* mask, long long msb, long long msl, long long mss, T* dq,
                                                   typename Acc<T>::type* dsum, const T* g, const T* q, const T* k, const T* v,
                                                   const T* out, const typename Acc<T>::type* lse) {
    typedef typename Acc<T>::type A;
    int lane = threadIdx.x & 31;
    FOR_WARP_ROWS(row, b * l) {
        long long bi = row / l, i = row % l, keys = causal ? min(s, i + 1) : s;
        A qr[MAXF], gr[MAXF], acc[MAXF];
        loadRow(qr, q + row * e, e, lane);
        loadRow(gr, g + row * ev, ev, lane);
        A d = dotRow(gr, out + row * ev, ev, lane), rowLse = lse[row];
        if (lane == 0) dsum[row] = d;
#pragma unroll
        for (int c = 0; c < MAXF; c++) acc[c] = 0;
        for (long long j = 0; j < keys; j++) {
            const T* kj = k + (bi * s + j) * e;
            A p = exp(score<A>(dotRow(qr, kj, e, lane), scale, mask, bi, i, j, msb, msl, mss) - rowLse);
            A ds = p * (dotRow(gr, v + (bi * s + j) * ev, ev, lane) - d);
            axpyRow(acc, ds, kj, e, lane);
        }
        storeRow(dq + row * e, acc, (A)scale, e, lane);
    }
}

// dk and dv for each key row, from the saved lse and the dq pass's D.
template <typename T> __device__ void attentionDkvK(long long b, long long l, long long s, long long e, long long ev, double scale,
                                                    int causal, const T* mask, long long msb, long long msl, long long mss, T* dk,
                                                    T* dv, const T* g, const T* q, const T* k, const T* v,
                                                    const typename Acc<T>::type* lse, const typename Acc<T>::type* dsum) {
    typedef typename Acc<T>::type A;
    int lane = threadIdx.x & 31;
    FOR_WARP_ROWS(row, b * s) {
        long long bi = row / s, j = row % s;
        A kr[MAXF], vr[MAXF], ak[MAXF], av[MAXF];
        loadRow(kr, k + row * e, e, lane);
        loadRow(vr, v + row * ev, ev, lane);
#pragma unroll
        for (int c = 0; c < MAXF; c++) ak[c] = av[c] = 0;
        for (long long i = causal ? j : 0; i < l; i++) {
            long long qi = bi * l + i;
            const T* qrow = q + qi * e;
            const T* grow = g + qi * ev;
            A p = exp(score<A>(dotRow(kr, qrow, e, lane), scale, mask, bi, i, j, msb, msl, mss) - lse[qi]);
            A ds = p * (dotRow(vr, grow, ev, lane) - dsum[qi]);
            axpyRow(av, p, grow, ev, lane);
            axpyRow(ak, ds, qrow, e, lane);
        }
        storeRow(dk + row * e, ak, (A)scale, e, lane);
        storeRow(dv + row * ev, av, (A)1, ev, lane);
    }
}

// The backward for heads of at most F features (32 or 64) computing in float (float32, float16, bfloat16), tiled as
// the forward: H = F / 32 threads per row, each holding every H-th feature of its row (32 of them) in registers, and
// the block's TILE_ROWS rows sharing tiles of TILE_KEYS rows of the other side in shared memory (keys and values for
// dq, queries and output gradients for dk and dv), which are then read once per block instead of once per row. A dot
// product is a thread's own loop plus, for H = 2, one shuffle with its neighbour; the neighbours hold adjacent
// features, so their shared-memory reads fall in different banks. Every thread of a block runs the same tile loops
// (rows past the end and pairs the causal mask hides compute, then drop), so that the shuffles stay warp-uniform.
// The arithmetic is attentionDqK's and attentionDkvK's, in float.
#define TILE_FEATURES 32
template <int H> __device__ __forceinline__ float pairSum(float d) {
    if (H > 1) d += __shfl_xor_sync(0xffffffffu, d, 1);
    return d;
}

template <typename T, int F>
__device__ void attentionDqTiledK(long long b, long long l, long long s, long long e, long long ev, double scale, int causal,
                                  const T* mask, long long msb, long long msl, long long mss, T* dq, float* dsum, const T* g,
                                  const T* q, const T* k, const T* v, const T* out, const float* lse) {
    constexpr int H = F / TILE_FEATURES;
    __shared__ float ks[TILE_KEYS][F], vs[TILE_KEYS][F];
    int r = threadIdx.x / H, part = threadIdx.x % H;
    long long perBatch = (l + TILE_ROWS - 1) / TILE_ROWS;
    for (long long blk = blockIdx.x; blk < b * perBatch; blk += gridDim.x) {
        long long bi = blk / perBatch, i0 = (blk % perBatch) * TILE_ROWS, i = i0 + r, row = bi * l + i;
        bool live = i < l;
        float qr[TILE_FEATURES], gr[TILE_FEATURES], acc[TILE_FEATURES], d = 0;
#pragma unroll
        for (int c = 0; c < TILE_FEATURES; c++) {
            int f = part + H * c;
            qr[c] = live && f < e ? (float)toD<T>(q[row * e + f]) : 0.0f;
            gr[c] = live && f < ev ? (float)toD<T>(g[row * ev + f]) : 0.0f;
            if (live && f < ev) d += gr[c] * (float)toD<T>(out[row * ev + f]);
            acc[c] = 0;
        }
        d = pairSum<H>(d);
        float rowLse = live ? lse[row] : 0.0f;
        if (live && part == 0) dsum[row] = d;
        long long keys = causal ? min(s, i + 1) : s;
        long long blockKeys = causal ? min(s, min(l, i0 + TILE_ROWS)) : s;  // what the block's last row sees
        for (long long j0 = 0; j0 < blockKeys; j0 += TILE_KEYS) {
            loadTiles<T, F>(ks, vs, k, v, bi * s, j0, s, e, ev);
            __syncthreads();
            long long n = min((long long)TILE_KEYS, blockKeys - j0);
            for (int jj = 0; jj < n; jj++) {
                float sd = 0, pd = 0;
#pragma unroll
                for (int c = 0; c < TILE_FEATURES; c++) {
                    sd += qr[c] * ks[jj][part + H * c];
                    pd += gr[c] * vs[jj][part + H * c];
                }
                sd = pairSum<H>(sd);
                pd = pairSum<H>(pd);
                if (!live || j0 + jj >= keys) continue;
                float p = exp(score<float>(sd, scale, mask, bi, i, j0 + jj, msb, msl, mss) - rowLse);
                float ds = p * (pd - d);
#pragma unroll
                for (int c = 0; c < TILE_FEATURES; c++) acc[c] += ds * ks[jj][part + H * c];
            }
        }
        if (live) {
#pragma unroll
            for (int c = 0; c < TILE_FEATURES; c++) {
                int f = part + H * c;
                if (f < e) dq[row * e + f] = fromD<T>((double)(acc[c] * (float)scale));
            }
        }
    }
}

template <typename T, int F>
__device__ void attentionDkvTiledK(long long b, long long l, long long s, long long e, long long ev, double scale, int causal,
                                   const T* mask, long long msb, long long msl, long long mss, T* dk, T* dv, const T* g,
                                   const T* q, const T* k, const T* v, const float* lse, const float* dsum) {
    constexpr int H = F / TILE_FEATURES;
    __shared__ float qs[TILE_KEYS][F], gs[TILE_KEYS][F], lses[TILE_KEYS], dsums[TILE_KEYS];
    int r = threadIdx.x / H, part = threadIdx.x % H;
    long long perBatch = (s + TILE_ROWS - 1) / TILE_ROWS;
    for (long long blk = blockIdx.x; blk < b * perBatch; blk += gridDim.x) {
        long long bi = blk / perBatch, j0 = (blk % perBatch) * TILE_ROWS, j = j0 + r, row = bi * s + j;
        bool live = j < s;
        float kr[TILE_FEATURES], vr[TILE_FEATURES], ak[TILE_FEATURES], av[TILE_FEATURES];
#pragma unroll
        for (int c = 0; c < TILE_FEATURES; c++) {
            int f = part + H * c;
            kr[c] = live && f < e ? (float)toD<T>(k[row * e + f]) : 0.0f;
            vr[c] = live && f < ev ? (float)toD<T>(v[row * ev + f]) : 0.0f;
            ak[c] = av[c] = 0;
        }
        // with causal masking query i sees key j only when j <= i: the block's first key row sees from query j0 on
        for (long long i0 = causal ? j0 : 0; i0 < l; i0 += TILE_KEYS) {
            loadTiles<T, F>(qs, gs, q, g, bi * l, i0, l, e, ev);
            for (int t = threadIdx.x; t < TILE_KEYS; t += blockDim.x) {
                bool in = i0 + t < l;
                lses[t] = in ? lse[bi * l + i0 + t] : 0.0f;
                dsums[t] = in ? dsum[bi * l + i0 + t] : 0.0f;
            }
            __syncthreads();
            long long n = min((long long)TILE_KEYS, l - i0);
            for (int ii = 0; ii < n; ii++) {
                float sd = 0, pd = 0;
#pragma unroll
                for (int c = 0; c < TILE_FEATURES; c++) {
                    sd += kr[c] * qs[ii][part + H * c];
                    pd += vr[c] * gs[ii][part + H * c];
                }
                sd = pairSum<H>(sd);
                pd = pairSum<H>(pd);
                long long i = i0 + ii;
                if (!live || (causal && i < j)) continue;
                float p = exp(score<float>(sd, scale, mask, bi, i, j, msb, msl, mss) - lses[ii]);
                float ds = p * (pd - dsums[ii]);
#pragma unroll
                for (int c = 0; c < TILE_FEATURES; c++) {
                    av[c] += p * gs[ii][part + H * c];
                    ak[c] += ds * qs[ii][part + H * c];
                }
            }
        }
        if (live) {
#pragma unroll
            for (int c = 0; c < TILE_FEATURES; c++) {
                int f = part + H * c;
                if (f < e) dk[row * e + f] = fromD<T>((double)(ak[c] * (float)scale));
                if (f < ev) dv[row * ev + f] = fromD<T>((double)av[c]);
            }
        }
    }
}

#define SIZES(T) long long b, long long l, long long s, long long e, long long ev, double scale, int causal, const T* mask, \
              long long msb, long long msl, long long mss
#define ATTENTION(sfx, T)                                                                                           \
    extern "C" __global__ void attention_##sfx(SIZES(T), T* out, Acc<T>::type* lse, const T* q, const T* k,           \
                                               const T* v) {                                                        \
        attentionK<T>(b, l, s, e, ev, scale, causal, mask, msb, msl, mss, out, lse, q, k, v);                       \
    }                                                                                                               \
    extern "C" __global__ void attention_dq_##sfx(SIZES(T), T* dq, Acc<T>::type* dsum, const T* g, const T* q,         \
                                                  const T* k, const T* v, const T* out, const Acc<T>::type* lse) {  \
        attentionDqK<T>(b, l, s, e, ev, scale, causal, mask, msb, msl, mss, dq, dsum, g, q, k, v, out, lse);        \
    }                                                                                                               \
    extern "C" __global__ void attention_dkv_##sfx(SIZES(T), T* dk, T* dv, const T* g, const T* q, const T* k,         \
                                                   const T* v, const Acc<T>::type* lse, const Acc<T>::type* dsum) { \
        attentionDkvK<T>(b, l, s, e, ev, scale, causal, mask, msb, msl, mss, dk, dv, g, q, k, v, lse, dsum);        \
    }
ATTENTION(f32, float) ATTENTION(f64, double) ATTENTION(f16, f16) ATTENTION(bf16, bf16)

#define ATTENTION_TILED(sfx, T, F)                                                                                  \
    extern "C" __global__ void __launch_bounds__(TILE_ROWS) attention_tiled##F##_##sfx(SIZES(T), T* out, float* lse, \
                                                                                   const T* q, const T* k,          \
                                                                                   const T* v) {                    \
        attentionTiledK<T, F>(b, l, s, e, ev, scale, causal, mask, msb, msl, mss, out, lse, q, k, v);               \
    }
ATTENTION_TILED(f32, float, 32) ATTENTION_TILED(f16, f16, 32) ATTENTION_TILED(bf16, bf16, 32)
ATTENTION_TILED(f32, float, 64) ATTENTION_TILED(f16, f16, 64) ATTENTION_TILED(bf16, bf16, 64)

#define ATTENTION_TILED_BACKWARD(sfx, T, F)                                                                         \
    extern "C" __global__ void __launch_bounds__(TILE_ROWS * F / TILE_FEATURES)                                     \
        attention_dq_tiled##F##_##sfx(SIZES(T), T* dq, float* dsum, const T* g, const T* q, const T* k, const T* v, \
                                      const T* out, const float* lse) {                                             \
        attentionDqTiledK<T, F>(b, l, s, e, ev, scale, causal, mask, msb, msl, mss, dq, dsum, g, q, k, v, out, lse); \
    }                                                                                                               \
    extern "C" __global__ void __launch_bounds__(TILE_ROWS * F / TILE_FEATURES)                                     \
        attention_dkv_tiled##F##_##sfx(SIZES(T), T* dk, T* dv, const T* g, const T* q, const T* k, const T* v,      \
                                       const float* lse, const float* dsum) {                                       \
        attentionDkvTiledK<T, F>(b, l, s, e, ev, scale, causal, mask, msb, msl, mss, dk, dv, g, q, k, v, lse, dsum); \
    }
ATTENTION_TILED_BACKWARD(f32, float, 32) ATTENTION_TILED_BACKWARD(f16, f16, 32) ATTENTION_TILED_BACKWARD(bf16, bf16, 32)
ATTENTION_TILED_BACKWARD(f32, float, 64) ATTENTION_TILED_BACKWARD(f16, f16, 64) ATTENTION_TILED_BACKWARD(bf16, bf16, 64)
