// Indexing: gather, scatter (with reductions, atomically), advanced indexing and its inverse.
#include "common.cuh"

enum ScatterReduce { NONE, ADD, MULTIPLY, AMAX, AMIN };

#define MAXI 8
// The index tensors of advanced indexing: n tensors of one shape (the "B" dims of the output).
// The index tensors of advanced indexing: count, addresses, layouts, and the indexed tensor's size along each one's dim.
struct Idx { long long n; const long long* p[MAXI]; Lay l[MAXI]; long long size[MAXI]; };

template <typename T> __device__ __forceinline__ T combineS(int op, T old, T v) {
    typedef typename Cmp<T>::type C;
    C a = cvt<C, T>(old), b = cvt<C, T>(v);
    switch (op) {
        case ADD: return cvt<T, C>(a + b);
        case MULTIPLY: return cvt<T, C>(a * b);
        case AMAX: return cvt<T, C>(jmax(a, b));
        case AMIN: return cvt<T, C>(jmin(a, b));
        default: return v;
    }
}

// Read-modify-write of one element of any size through compare-and-swap on the aligned word
// around it: one code path for every dtype and reduction.
template <typename T> __device__ void atomicApply(T* addr, int op, T v) {
    if (op == NONE) { *addr = v; return; }
    if (sizeof(T) == 8) {
        unsigned long long* w = reinterpret_cast<unsigned long long*>(addr);
        unsigned long long old = *w, assumed;
        do {
            assumed = old;
            T cur; memcpy(&cur, &assumed, 8);
            T nv = combineS<T>(op, cur, v);
            unsigned long long bits; memcpy(&bits, &nv, 8);
            old = atomicCAS(w, assumed, bits);
        } while (assumed != old);
    } else {
        size_t a = reinterpret_cast<size_t>(addr);
        unsigned int* w = reinterpret_cast<unsigned int*>(a & ~(size_t)3);
        unsigned int shift = (unsigned int)(a & 3) * 8;
        const unsigned int SZ = sizeof(T) < 4 ? sizeof(T) : 4;  // 8-byte types never get here
        unsigned int mask = SZ == 4 ? 0xffffffffu : ((1u << (SZ * 8 % 32)) - 1u) << shift;
        unsigned int old = *w, assumed;
        do {
            assumed = old;
            unsigned int part = (assumed & mask) >> shift;
            T cur; memcpy(&cur, &part, SZ);
            T nv = combineS<T>(op, cur, v);
            unsigned int bits = 0; memcpy(&bits, &nv, SZ);
            old = atomicCAS(w, assumed, (assumed & ~mask) | ((bits << shift) & mask));
        } while (assumed != old);
    }
}

// Whether index v is outside [0, size) along dim. The first such index of any kernel is recorded in err (flag, index,
// size, dim; the host reads it at its next wait for the device and raises it), and the caller skips the element, so
// that nothing outside the tensor is read or written: PyTorch's CUDA kernels check indices on the device too.
__device__ __forceinline__ bool outOfRange(long long v, long long size, int dim, long long* err) {
    if (v >= 0 && v < size) return false;
    if (atomicCAS((unsigned long long*)err, 0ull, 1ull) == 0ull) {
        err[1] = v;
        err[2] = size;
        err[3] = dim;
    }
    return true;
}

// out[i] = in[i with coordinate dim replaced by index[i]] (left as it is for an index out of range); g is the index
// (= out) shape, size in's size along dim.
template <typename T>
__device__ void gatherK(const Geo& g, const Lay& lo, const Lay& li, const Lay& lx, int dim, T* out, const T* in, const long long* index,
                        long long size, long long* err) {
    GRID_LOOP(i, g.numel) {
        long long r = i, oo = lo.off, io = li.off, xo = lx.off;
        for (int d = (int)g.rank - 1; d >= 0; --d) {
            long long c = r % g.size[d]; r /= g.size[d];
            oo += c * lo.st[d]; xo += c * lx.st[d];
            if (d != dim) io += c * li.st[d];
        }
        long long v = index[xo];
        if (!outOfRange(v, size, dim, err)) out[oo] = in[io + v * li.st[dim]];
    }
}

// self[i with coordinate dim replaced by index[i]] op= src[i] (skipped for an index out of range); size is self's
// size along dim.
template <typename T>
__device__ void scatterK(int op, const Geo& g, const Lay& ls, const Lay& lx, const Lay& lsrc, int dim, T* self,
                         const long long* index, const T* src, long long size, long long* err) {
    if (op == NONE) {
        // Plain writes collide only within a line along dim (the other coordinates are the target's).
        // One thread walks each such line in order, so that of several elements with one target the
        // last in row-major order wins, as on the CPU; racing threads would leave any of them.
        long long n = g.rank > 0 ? g.size[dim] : 1;
        GRID_LOOP(line, g.numel / n) {
            long long r = line, so = ls.off, xo = lx.off, vo = lsrc.off;
            for (int d = (int)g.rank - 1; d >= 0; --d) {
                if (d == dim) continue;
                long long c = r % g.size[d]; r /= g.size[d];
                so += c * ls.st[d]; xo += c * lx.st[d]; vo += c * lsrc.st[d];
            }
#pragma unroll 1
            for (long long k = 0; k < n; k++) {
                long long v = index[xo + k * lx.st[dim]];
                if (!outOfRange(v, size, dim, err)) self[so + v * ls.st[dim]] = src[vo + k * lsrc.st[dim]];
            }
        }
        return;
    }
    GRID_LOOP(i, g.numel) {
        long long r = i, so = ls.off, xo = lx.off, vo = lsrc.off;
        for (int d = (int)g.rank - 1; d >= 0; --d) {
            long long c = r % g.size[d]; r /= g.size[d];
            xo += c * lx.st[d]; vo += c * lsrc.st[d];
            if (d != dim) so += c * ls.st[d];
        }
        long long v = index[xo];
        if (!outOfRange(v, size, dim, err)) atomicApply<T>(self + so + v * ls.st[dim], op, src[vo]);
    }
}

// Offset in the indexed tensor (strides lt) of output element coordinates c: the dims before
// first, the index tensors' dims (bRank of them), then the remaining dims; -1 for an index out of range (recorded).
__device__ __forceinline__ long long indexedOffset(const long long* c, int rank, const Lay& lt, int first, int bRank, const Idx& ix,
                                                   long long* err) {
    long long o = lt.off;
    for (int d = 0; d < first; d++) o += c[d] * lt.st[d];
    for (int j = 0; j < ix.n; j++) {
        long long xo = ix.l[j].off;
        for (int b = 0; b < bRank; b++) xo += c[first + b] * ix.l[j].st[b];
        long long v = ix.p[j][xo];
        if (outOfRange(v, ix.size[j], first + j, err)) return -1;
        o += v * lt.st[first + j];
    }
    for (int d = first + bRank; d < rank; d++) o += c[d] * lt.st[d - bRank + ix.n];
    return o;
}

template <typename T>
__device__ void indexK(const Geo& g, const Lay& lo, const Lay& li, int first, int bRank, const Idx& ix, T* out, const T* in,
                       long long* err) {
    GRID_LOOP(i, g.numel) {
        long long c[MAXD], r = i, oo = lo.off;
        for (int d = (int)g.rank - 1; d >= 0; --d) { c[d] = r % g.size[d]; r /= g.size[d]; oo += c[d] * lo.st[d]; }
        long long io = indexedOffset(c, (int)g.rank, li, first, bRank, ix, err);
        if (io >= 0) out[oo] = in[io];
    }
}

template <typename T>
__device__ void indexPutK(const Geo& g, const Lay& lv, const Lay& ls, int first, int bRank, const Idx& ix, int accumulate,
                          T* self, const T* values, long long* err) {
    GRID_LOOP(i, g.numel) {
        long long c[MAXD], r = i, vo = lv.off;
        for (int d = (int)g.rank - 1; d >= 0; --d) { c[d] = r % g.size[d]; r /= g.size[d]; vo += c[d] * lv.st[d]; }
        long long so = indexedOffset(c, (int)g.rank, ls, first, bRank, ix, err);
        if (so >= 0) atomicApply<T>(self + so, accumulate ? ADD : NONE, values[vo]);
    }
}

#define INDEXING(sfx, T)                                                                                          \
    extern "C" __global__ void gather_##sfx(Geo g, Lay lo, Lay li, Lay lx, int dim, T* out, const T* in,         \
                                            const long long* index, long long size, long long* err) {            \
        gatherK<T>(g, lo, li, lx, dim, out, in, index, size, err);                                               \
    }                                                                                                            \
    extern "C" __global__ void scatter_##sfx(int op, Geo g, Lay ls, Lay lx, Lay lsrc, int dim, T* self,          \
                                             const long long* index, const T* src, long long size,               \
                                             long long* err) {                                                   \
        scatterK<T>(op, g, ls, lx, lsrc, dim, self, index, src, size, err);                                      \
    }                                                                                                            \
    extern "C" __global__ void index_##sfx(Geo g, Lay lo, Lay li, int first, int bRank, Idx ix, T* out,          \
                                           const T* in, long long* err) {                                        \
        indexK<T>(g, lo, li, first, bRank, ix, out, in, err);                                                    \
    }                                                                                                            \
    extern "C" __global__ void index_put_##sfx(Geo g, Lay lv, Lay ls, int first, int bRank, Idx ix,              \
                                               int accumulate, T* self, const T* values, long long* err) {       \
        indexPutK<T>(g, lv, ls, first, bRank, ix, accumulate, self, values, err);                                \
    }
FOR_ALL_DTYPES(INDEXING)

// nonzero's coordinates (CudaBackend.nonzero): element i of the row-major mask over g's sizes is non-zero when
// mask[i], and goes to row scan[i] - 1 of out (scan: the inclusive count of non-zeros), its index unravelled.
extern "C" __global__ void index_nonzero(Geo g, long long rowStride, long long colStride, long long* out, const long long* scan,
                                         const bool* mask) {
    GRID_LOOP(i, g.numel) {
        if (!mask[i]) continue;
        long long row = scan[i] - 1, rest = i;
        for (int d = (int)g.rank - 1; d >= 0; --d) {
            out[row * rowStride + d * colStride] = rest % g.size[d];
            rest /= g.size[d];
        }
    }
}
