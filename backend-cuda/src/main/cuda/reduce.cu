// Reductions along dimensions, max/min with their index, scans along one dimension, and the count
// of non-zero elements. One block reduces one output element; results are written in the
// accumulator type (Acc<T>), which the Java side converts to the output dtype when they differ.
#include "common.cuh"

enum ReduceOp { SUM, PROD, MAX, MIN, ALL, ANY };
enum ScanOp { CUMSUM, CUMPROD, LOGCUMSUMEXP };

template <typename A> __device__ __forceinline__ A identity(int op) {
    switch (op) {
        case PROD: case ALL: return (A)1;
        case MAX: return IsF<A>::value ? (A)(-CUDART_INF) : (A)I64_MIN;
        case MIN: return IsF<A>::value ? (A)CUDART_INF : (A)I64_MAX;
        default: return (A)0;
    }
}

template <typename A> __device__ __forceinline__ A combine(int op, A a, A b) {
    switch (op) {
        case SUM: return a + b;
        case PROD: return a * b;
        case MAX: return jmax(a, b);
        case MIN: return jmin(a, b);
        case ALL: return (a != 0 && b != 0) ? (A)1 : (A)0;
        default: return (a != 0 || b != 0) ? (A)1 : (A)0;
    }
}

// out (kept dims, geometry go) = reduce over the reduced dims (geometry gr) of in.
template <typename T>
__device__ void reduceK(int op, const Geo& go, const Lay& lo, const Lay& lk, const Geo& gr, const Lay& lr,
                        typename Acc<T>::type* out, const T* in) {
    typedef typename Acc<T>::type A;
    extern __shared__ __align__(16) unsigned char smem[];
    A* sh = reinterpret_cast<A*>(smem);
    for (long long o = blockIdx.x; o < go.numel; o += gridDim.x) {
        long long oo, base;
        offsets(go, o, lo, oo, lk, base);
        A acc = identity<A>(op);
        for (long long j = threadIdx.x; j < gr.numel; j += blockDim.x) {
            long long ro;
            offsets(gr, j, lr, ro);
            A v = cvt<A, T>(in[base + ro]);
            if (op == ALL || op == ANY) v = v != 0 ? (A)1 : (A)0;
            acc = combine<A>(op, acc, v);
        }
        sh[threadIdx.x] = acc;
        __syncthreads();
        for (int s = blockDim.x / 2; s > 0; s >>= 1) {
            if (threadIdx.x < s) sh[threadIdx.x] = combine<A>(op, sh[threadIdx.x], sh[threadIdx.x + s]);
            __syncthreads();
        }
        if (threadIdx.x == 0) out[oo] = sh[0];
        __syncthreads();
    }
}

// True when (va, ia) comes before (vb, ib): the larger (isMax) or smaller value, NaN as the
// extreme, the first index on ties.
template <typename C> __device__ __forceinline__ bool better(bool isMax, C va, long long ia, C vb, long long ib) {
    if (ia < 0) return false;
    if (ib < 0) return true;
    bool na = isnanC(va), nb = isnanC(vb);
    if (na || nb) return na && (!nb || ia < ib);
    if (va == vb) return ia < ib;
    return isMax ? va > vb : va < vb;
}

// Max or min along one dimension (n elements, stride st) with the first index of the result.
template <typename T>
__device__ void argreduceK(int isMax, const Geo& go, const Lay& lv, const Lay& li, const Lay& lk, long long n, long long st,
                           T* vals, long long* idx, const T* in) {
    typedef typename Cmp<T>::type C;
    extern __shared__ __align__(16) unsigned char smem[];
    C* sv = reinterpret_cast<C*>(smem);
    long long* si = reinterpret_cast<long long*>(sv + blockDim.x);
    for (long long o = blockIdx.x; o < go.numel; o += gridDim.x) {
        long long vo, io, base;
        offsets(go, o, lv, vo, li, io, lk, base);
        C bv = 0;
        long long bi = -1;
        for (long long j = threadIdx.x; j < n; j += blockDim.x) {
            C v = cvt<C, T>(in[base + j * st]);
            if (better<C>(isMax, v, j, bv, bi)) { bv = v; bi = j; }
        }
        sv[threadIdx.x] = bv;
        si[threadIdx.x] = bi;
        __syncthreads();
        for (int s = blockDim.x / 2; s > 0; s >>= 1) {
            if (threadIdx.x < s && better<C>(isMax, sv[threadIdx.x + s], si[threadIdx.x + s], sv[threadIdx.x], si[threadIdx.x])) {
                sv[threadIdx.x] = sv[threadIdx.x + s];
                si[threadIdx.x] = si[threadIdx.x + s];
            }
            __syncthreads();
        }
        if (threadIdx.x == 0) {
            if (vals) vals[vo] = in[base + si[0] * st];
            idx[io] = si[0];
        }
        __syncthreads();
    }
}

// A scan's step: the running value acc (everything before) with the next x.
template <typename C> __device__ __forceinline__ C scanStep(int op, C acc, C x) {
    if (op == CUMSUM) return acc + x;
    if (op == CUMPROD) return acc * x;
    // log(exp(acc) + exp(x)) without overflow; -inf with -inf stays -inf, inf with inf stays inf
    double a = (double)acc, b = (double)x;
    double m = a > b ? a : b;
    return (C)((a != a || b != b) ? a + b : m == -CUDART_INF || (a == b && isinf(a)) ? m : m + log1p(exp(-fabs(a - b))));
}

// One thread per line: inclusive scans are sequential along the line. The running value is kept in
// double for floating dtypes (PyTorch's CPU acc_type, as the CPU backend): in float, a cumsum of
// 1000 float32 values drifts past the reference tolerance. Each output is rounded to Acc<T>.
template <typename T>
__device__ void scanK(int op, const Geo& go, const Lay& lo, const Lay& li, long long n, long long ost, long long ist,
                      typename Acc<T>::type* out, const T* in) {
    typedef typename Acc<T>::type A;
    typedef typename Cmp<T>::type C;
    GRID_LOOP(line, go.numel) {
        long long ob, ib;
        offsets(go, line, lo, ob, li, ib);
        C acc = 0;
        for (long long j = 0; j < n; j++) {
            C x = cvt<C, T>(in[ib + j * ist]);
            acc = j == 0 ? x : scanStep(op, acc, x);
            out[ob + j * ost] = (A)acc;
        }
    }
}

// Long lines (scanK's semantics): a block per line, the line in tiles of blockDim (a multiple of 32, at most
// 1024) elements. A tile's inclusive scan runs by warp shuffles, then over the warps' totals, then takes the carry of
// the tiles before; so a line of n takes about n / blockDim steps instead of n. The steps are grouped
// differently from the sequential scan, which only moves floating results within the accumulator's rounding.
template <typename T>
__device__ void scanLinesK(int op, const Geo& go, const Lay& lo, const Lay& li, long long n, long long ost, long long ist,
                           typename Acc<T>::type* out, const T* in) {
    typedef typename Acc<T>::type A;
    typedef typename Cmp<T>::type C;
    __shared__ C totals[32];
    __shared__ C carry;
    int lane = threadIdx.x & 31, warp = threadIdx.x >> 5, warps = blockDim.x >> 5;
    for (long long line = blockIdx.x; line < go.numel; line += gridDim.x) {
        long long ob, ib;
        offsets(go, line, lo, ob, li, ib);
        for (long long t0 = 0; t0 < n; t0 += blockDim.x) {
            long long j = t0 + threadIdx.x;
            // lanes past the line's end come after every live one, so their values reach no output
            C v = j < n ? cvt<C, T>(in[ib + j * ist]) : (C)0;
            for (int o = 1; o < 32; o <<= 1) {
                C before = __shfl_up_sync(0xffffffffu, v, o);
                if (lane >= o) v = scanStep(op, before, v);
            }
            if (lane == 31) totals[warp] = v;
            __syncthreads();
            if (warp == 0) {
                C w = lane < warps ? totals[lane] : (C)0;
                for (int o = 1; o < 32; o <<= 1) {
                    C before = __shfl_up_sync(0xffffffffu, w, o);
                    if (lane >= o) w = scanStep(op, before, w);
                }
                if (lane < warps) totals[lane] = w;
            }
            __syncthreads();
            if (warp > 0) v = scanStep(op, totals[warp - 1], v);
            if (t0 > 0) v = scanStep(op, carry, v);
            if (j < n) out[ob + j * ost] = (A)v;
            __syncthreads();  // carry and totals are read before they change
            if (threadIdx.x == blockDim.x - 1) carry = v;
        }
    }
}

template <typename T>
__device__ void countNonzeroK(const Geo& g, const Lay& l, const T* in, unsigned long long* count) {
    unsigned long long mine = 0;
    GRID_LOOP(i, g.numel) {
        long long o;
        offsets(g, i, l, o);
        if (cvt<bool, T>(in[o])) mine++;
    }
    for (int s = 16; s > 0; s >>= 1) mine += __shfl_down_sync(0xffffffffu, mine, s);
    if ((threadIdx.x & 31) == 0 && mine) atomicAdd(count, mine);
}

#define REDUCE(sfx, T)                                                                                            \
    extern "C" __global__ void reduce_##sfx(int op, Geo go, Lay lo, Lay lk, Geo gr, Lay lr,                      \
                                            Acc<T>::type* out, const T* in) {                                    \
        reduceK<T>(op, go, lo, lk, gr, lr, out, in);                                                             \
    }                                                                                                            \
    extern "C" __global__ void argreduce_##sfx(int isMax, Geo go, Lay lv, Lay li, Lay lk, long long n,           \
                                               long long st, T* vals, long long* idx, const T* in) {             \
        argreduceK<T>(isMax, go, lv, li, lk, n, st, vals, idx, in);                                              \
    }                                                                                                            \
    extern "C" __global__ void scan_##sfx(int op, Geo go, Lay lo, Lay li, long long n, long long ost,            \
                                          long long ist, Acc<T>::type* out, const T* in) {                       \
        scanK<T>(op, go, lo, li, n, ost, ist, out, in);                                                          \
    }                                                                                                            \
    extern "C" __global__ void scan_lines_##sfx(int op, Geo go, Lay lo, Lay li, long long n, long long ost,      \
                                                long long ist, Acc<T>::type* out, const T* in) {                 \
        scanLinesK<T>(op, go, lo, li, n, ost, ist, out, in);                                                     \
    }                                                                                                            \
    extern "C" __global__ void count_nonzero_##sfx(Geo g, Lay l, const T* in, unsigned long long* count) {       \
        countNonzeroK<T>(g, l, in, count);                                                                       \
    }
FOR_ALL_DTYPES(REDUCE)
