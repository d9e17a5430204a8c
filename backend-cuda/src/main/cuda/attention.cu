// Scaled dot-product attention without the L x S weights in memory (the SPI's attention and
// attentionBackward hooks, FusedOps.java). A warp owns one query row (forward, dq) or one key row
// (dk, dv); each lane holds every 32nd feature of its row in registers (E and Ev at most 32 * MAXF,
// which the Java side checks), and every dot product is a warp sum. The forward runs an online
// softmax (the running maximum rescales what was summed so far), keeping the row's log-sum-exp for
// the backward, which recomputes each weight as exp(score - lse). float32, float16 and bfloat16
// compute in float, float64 in double (Acc<T>); lse is of that accumulator type. The mask is
// additive, [B, L, S] with any strides (0 for broadcast dims), or absent (a null address).
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
        if (lane == 0) lse[row] = (isinf(m) ? (A)0 : m) + log(sum);
    }
}

// The forward for heads of at most F features (32 or 64) computing in float (float32, float16, bfloat16): a thread
// per query row holds its row's features and output in registers, and the block's TILE_ROWS rows (of one batch)
// share tiles of TILE_KEYS keys and values in shared memory. K and V are then read once per block instead of once
// per row, and a dot product is a thread's own loop instead of a warp sum. The online softmax is attentionK's.
#define TILE_ROWS 64
#define TILE_KEYS 32
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
            __syncthreads();  // every row is done with the previous tile
            for (int t = threadIdx.x; t < TILE_KEYS * F; t += blockDim.x) {
                long long jj = t / F, f = t % F, j = j0 + jj;
                ks[jj][f] = j < s && f < e ? (float)toD<T>(k[(bi * s + j) * e + f]) : 0.0f;
                vs[jj][f] = j < s && f < ev ? (float)toD<T>(v[(bi * s + j) * ev + f]) : 0.0f;
            }
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
            lse[row] = (isinf(m) ? 0.0f : m) + log(sum);
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
