// Sorting along one dimension: one block sorts one line in shared memory (bitonic network over
// the line padded to a power of two, at most SORT_MAX elements) and writes its first k entries,
// so the same kernel serves sort (k = n) and topk. Ties keep the original order (the index breaks
// them), which makes the sort stable; NaN sorts as the largest value, as in PyTorch.
#include "common.cuh"

#define SORT_MAX 2048

// True when element (va, ia) must come before (vb, ib); padding (index -1) goes last.
template <typename C, typename I> __device__ __forceinline__ bool before(bool desc, C va, I ia, C vb, I ib) {
    if (ia < 0) return false;
    if (ib < 0) return true;
    bool na = isnanC(va), nb = isnanC(vb);
    if (na != nb) return desc ? na : nb;
    if (!na && va != vb) return desc ? va > vb : va < vb;
    return ia < ib;
}

// The block's bitonic network over pow2 (key, position) pairs in shared memory, ordered by before(); every
// thread of the block calls it (it ends at a barrier).
template <typename C, typename I> __device__ void bitonic(C* key, I* pos, int pow2, int desc) {
    for (int size = 2; size <= pow2; size <<= 1) {
        for (int stride = size >> 1; stride > 0; stride >>= 1) {
            for (int t = threadIdx.x; t < pow2 / 2; t += blockDim.x) {
                int lo = 2 * t - (t & (stride - 1));
                int hi = lo + stride;
                bool up = (lo & size) == 0;
                bool swap = up ? before<C, I>(desc, key[hi], pos[hi], key[lo], pos[lo])
                               : before<C, I>(desc, key[lo], pos[lo], key[hi], pos[hi]);
                if (swap) {
                    C kv = key[lo]; key[lo] = key[hi]; key[hi] = kv;
                    I pv = pos[lo]; pos[lo] = pos[hi]; pos[hi] = pv;
                }
            }
            __syncthreads();
        }
    }
}

template <typename T>
__device__ void sortK(const Geo& go, const Lay& li, const Lay& lv, const Lay& lx, long long n, long long ist, long long vst,
                      long long xst, int k, int pow2, int desc, T* vals, long long* idx, const T* in) {
    typedef typename Cmp<T>::type C;
    extern __shared__ __align__(16) unsigned char smem[];
    C* key = reinterpret_cast<C*>(smem);
    int* pos = reinterpret_cast<int*>(key + pow2);
    for (long long line = blockIdx.x; line < go.numel; line += gridDim.x) {
        long long ib, vb, xb;
        offsets(go, line, li, ib, lv, vb, lx, xb);
        for (int j = threadIdx.x; j < pow2; j += blockDim.x) {
            if (j < n) { key[j] = cvt<C, T>(in[ib + j * ist]); pos[j] = j; }
            else { key[j] = 0; pos[j] = -1; }
        }
        __syncthreads();
        bitonic(key, pos, pow2, desc);
        for (int j = threadIdx.x; j < k; j += blockDim.x) {
            if (vals) vals[vb + j * vst] = in[ib + (long long)pos[j] * ist];
            if (idx) idx[xb + j * xst] = pos[j];
        }
        __syncthreads();
    }
}

// topk and sorts of lines longer than SORT_MAX (LongLineSort.java), one stage: [lines, count] candidate values, with their
// original indices (inIdx) or, at the first stage, their positions, cut into chunks of chunkLen; a block per
// (line, chunk) sorts the chunk as sortK does, the original index breaking ties, and writes its first k (value,
// index) pairs to [line, chunk * k + j]. Slots past a short chunk's size get index -1, which later stages take
// as padding (sorted last).
template <typename T>
__device__ void sortChunksK(long long lines, long long count, long long chunkLen, long long chunks, int k, int pow2, int desc,
                            T* outVals, long long* outIdx, const T* inVals, const long long* inIdx) {
    typedef typename Cmp<T>::type C;
    extern __shared__ __align__(16) unsigned char smem[];
    C* key = reinterpret_cast<C*>(smem);
    long long* pos = reinterpret_cast<long long*>(key + pow2);
    for (long long blk = blockIdx.x; blk < lines * chunks; blk += gridDim.x) {
        long long line = blk / chunks, c = blk % chunks, start = line * count + c * chunkLen;
        long long len = min(chunkLen, count - c * chunkLen);
        for (int j = threadIdx.x; j < pow2; j += blockDim.x) {
            long long p = j >= len ? -1 : inIdx ? inIdx[start + j] : c * chunkLen + j;
            key[j] = p >= 0 ? cvt<C, T>(inVals[start + j]) : (C)0;
            pos[j] = p;
        }
        __syncthreads();
        bitonic(key, pos, pow2, desc);
        long long out = (line * chunks + c) * k;
        for (int j = threadIdx.x; j < k; j += blockDim.x) {
            outIdx[out + j] = pos[j];
            if (pos[j] >= 0) outVals[out + j] = cvt<T, C>(key[j]);
        }
        __syncthreads();
    }
}

// One merge pass of a full sort of long lines (LongLineSort.java): each line of count (value, original index)
// pairs holds sorted runs of `run`; pairs of runs merge into runs of 2 run. An element's place is its rank in its
// own run plus the number of the other run's elements that come before it (a binary search with before(), a strict
// order: indices differ, and padding, index -1, goes last), so every element moves on its own.
template <typename T>
__device__ void mergeRunsK(long long lines, long long count, long long run, int desc, T* outVals, long long* outIdx,
                           const T* inVals, const long long* inIdx) {
    typedef typename Cmp<T>::type C;
    GRID_LOOP(t, lines * count) {
        long long base = (t / count) * count, e = t % count;
        long long first = e / (2 * run) * (2 * run), second = min(first + run, count), end = min(first + 2 * run, count);
        bool inFirst = e < second;
        long long own = e - (inFirst ? first : second), other = inFirst ? second : first, otherLen = inFirst ? end - second : second - first;
        C key = cvt<C, T>(inVals[base + e]);
        long long idx = inIdx[base + e], lo = 0, hi = otherLen;
        while (lo < hi) {
            long long mid = (lo + hi) / 2, at = base + other + mid;
            if (before<C, long long>(desc, cvt<C, T>(inVals[at]), inIdx[at], key, idx)) lo = mid + 1;
            else hi = mid;
        }
        long long to = base + first + own + lo;
        outVals[to] = inVals[base + e];
        outIdx[to] = idx;
    }
}

#define SORT(sfx, T)                                                                                              \
    extern "C" __global__ void sort_##sfx(Geo go, Lay li, Lay lv, Lay lx, long long n, long long ist,            \
                                          long long vst, long long xst, int k, int pow2, int desc, T* vals,      \
                                          long long* idx, const T* in) {                                         \
        sortK<T>(go, li, lv, lx, n, ist, vst, xst, k, pow2, desc, vals, idx, in);                                \
    }                                                                                                             \
    extern "C" __global__ void sort_chunks_##sfx(long long lines, long long count, long long chunkLen,          \
                                                 long long chunks, int k, int pow2, int desc, T* outVals,        \
                                                 long long* outIdx, const T* inVals, const long long* inIdx) {   \
        sortChunksK<T>(lines, count, chunkLen, chunks, k, pow2, desc, outVals, outIdx, inVals, inIdx);          \
    }                                                                                                             \
    extern "C" __global__ void sort_merge_##sfx(long long lines, long long count, long long run, int desc,      \
                                                T* outVals, long long* outIdx, const T* inVals,                 \
                                                const long long* inIdx) {                                       \
        mergeRunsK<T>(lines, count, run, desc, outVals, outIdx, inVals, inIdx);                                 \
    }
FOR_ALL_DTYPES(SORT)
