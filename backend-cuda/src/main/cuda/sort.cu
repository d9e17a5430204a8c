// Sorting along one dimension: one block sorts one line in shared memory (bitonic network over
// the line padded to a power of two, at most SORT_MAX elements) and writes its first k entries,
// so the same kernel serves sort (k = n) and topk. Ties keep the original order (the index breaks
// them), which makes the sort stable; NaN sorts as the largest value, as in PyTorch.
#include "common.cuh"

#define SORT_MAX 2048

// True when element (va, ia) must come before (vb, ib); padding (index -1) goes last.
template <typename C> __device__ __forceinline__ bool before(bool desc, C va, int ia, C vb, int ib) {
    if (ia < 0) return false;
    if (ib < 0) return true;
    bool na = isnanC(va), nb = isnanC(vb);
    if (na != nb) return desc ? na : nb;
    if (!na && va != vb) return desc ? va > vb : va < vb;
    return ia < ib;
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
        for (int size = 2; size <= pow2; size <<= 1) {
            for (int stride = size >> 1; stride > 0; stride >>= 1) {
                for (int t = threadIdx.x; t < pow2 / 2; t += blockDim.x) {
                    int lo = 2 * t - (t & (stride - 1));
                    int hi = lo + stride;
                    bool up = (lo & size) == 0;
                    bool swap = up ? before<C>(desc, key[hi], pos[hi], key[lo], pos[lo])
                                   : before<C>(desc, key[lo], pos[lo], key[hi], pos[hi]);
                    if (swap) {
                        C kv = key[lo]; key[lo] = key[hi]; key[hi] = kv;
                        int pv = pos[lo]; pos[lo] = pos[hi]; pos[hi] = pv;
                    }
                }
                __syncthreads();
            }
        }
        for (int j = threadIdx.x; j < k; j += blockDim.x) {
            if (vals) vals[vb + j * vst] = in[ib + (long long)pos[j] * ist];
            if (idx) idx[xb + j * xst] = pos[j];
        }
        __syncthreads();
    }
}

#define SORT(sfx, T)                                                                                              \
    extern "C" __global__ void sort_##sfx(Geo go, Lay li, Lay lv, Lay lx, long long n, long long ist,            \
                                          long long vst, long long xst, int k, int pow2, int desc, T* vals,      \
                                          long long* idx, const T* in) {                                         \
        sortK<T>(go, li, lv, lx, n, ist, vst, xst, k, pow2, desc, vals, idx, in);                                \
    }
FOR_ALL_DTYPES(SORT)
