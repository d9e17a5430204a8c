// Strided copies with dtype conversion, one kernel per (destination, source) dtype pair, with
// PyTorch's conversion rules (cvt in common.cuh).
#include "common.cuh"

template <typename D, typename S>
__device__ void copyK(const Geo& g, const Lay& lo, const Lay& li, D* out, const S* in) {
    GRID_LOOP(i, g.numel) {
        long long oo, io;
        offsets(g, i, lo, oo, li, io);
        out[oo] = cvt<D, S>(in[io]);
    }
}

#define COPY_FROM(dsfx, D)                                                                                   \
    COPY_ONE(dsfx, D, f32, float) COPY_ONE(dsfx, D, f64, double) COPY_ONE(dsfx, D, f16, f16)                \
    COPY_ONE(dsfx, D, bf16, bf16) COPY_ONE(dsfx, D, i64, long long) COPY_ONE(dsfx, D, i32, int)             \
    COPY_ONE(dsfx, D, i16, short) COPY_ONE(dsfx, D, i8, signed char) COPY_ONE(dsfx, D, u8, unsigned char)  \
    COPY_ONE(dsfx, D, b8, bool)
#define COPY_ONE(dsfx, D, ssfx, S)                                                                           \
    extern "C" __global__ void copy_##dsfx##_##ssfx(Geo g, Lay lo, Lay li, D* out, const S* in) {           \
        copyK<D, S>(g, lo, li, out, in);                                                                     \
    }
FOR_ALL_DTYPES(COPY_FROM)
