// Batched GEMM C[b] = alpha * A[b] @ B[b] + beta * C[b] over operands with any strides: the
// fallback when cuBLAS does not load. gemm_<dtype>: 64x64 output tiles, 16-deep slices of A and B
// staged in shared memory, each of the 256 threads accumulating a 4x4 block in registers (Acc<T>).
// gemm_tc_<f16|bf16|tf32>: the same on tensor cores (wmma), 128x128 tiles, float accumulation.
#include "common.cuh"
#include <mma.h>

// A matrix operand: element (b, r, c) is at off + b*bs + r*rs + c*cs.
struct Mat { long long off, bs, rs, cs; };

#define BM 64
#define BN 64
#define BK 16

template <typename T>
__device__ void gemmK(long long M, long long N, long long K, long long batch, Mat ma, Mat mb, Mat mc, double alpha, double beta,
                      T* C, const T* A, const T* B) {
    typedef typename Acc<T>::type A_t;
    __shared__ A_t As[BK][BM + 1];
    __shared__ A_t Bs[BK][BN + 1];
    int tx = threadIdx.x % 16, ty = threadIdx.x / 16;
    for (long long b = blockIdx.z; b < batch; b += gridDim.z) {
        long long row0 = (long long)blockIdx.y * BM, col0 = (long long)blockIdx.x * BN;
        const T* a = A + ma.off + b * ma.bs;
        const T* bb = B + mb.off + b * mb.bs;
        A_t acc[4][4];
#pragma unroll
        for (int i = 0; i < 4; i++)
#pragma unroll
            for (int j = 0; j < 4; j++) acc[i][j] = 0;
        for (long long k0 = 0; k0 < K; k0 += BK) {
            // 256 threads load a 64x16 slice of A and a 16x64 slice of B, 4 elements each
            for (int e = threadIdx.x; e < BM * BK; e += blockDim.x) {
                int r = e / BK, kk = e % BK;
                long long gr = row0 + r, gk = k0 + kk;
                As[kk][r] = (gr < M && gk < K) ? cvt<A_t, T>(a[gr * ma.rs + gk * ma.cs]) : (A_t)0;
            }
            for (int e = threadIdx.x; e < BK * BN; e += blockDim.x) {
                int kk = e / BN, c = e % BN;
                long long gk = k0 + kk, gc = col0 + c;
                Bs[kk][c] = (gk < K && gc < N) ? cvt<A_t, T>(bb[gk * mb.rs + gc * mb.cs]) : (A_t)0;
            }
            __syncthreads();
#pragma unroll
            for (int kk = 0; kk < BK; kk++) {
                A_t av[4], bv[4];
#pragma unroll
                for (int i = 0; i < 4; i++) av[i] = As[kk][ty + 16 * i];
#pragma unroll
                for (int j = 0; j < 4; j++) bv[j] = Bs[kk][tx + 16 * j];
#pragma unroll
                for (int i = 0; i < 4; i++)
#pragma unroll
                    for (int j = 0; j < 4; j++) acc[i][j] += av[i] * bv[j];
            }
            __syncthreads();
        }
        T* c = C + mc.off + b * mc.bs;
#pragma unroll
        for (int i = 0; i < 4; i++) {
            long long r = row0 + ty + 16 * i;
            if (r >= M) continue;
#pragma unroll
            for (int j = 0; j < 4; j++) {
                long long cc = col0 + tx + 16 * j;
                if (cc >= N) continue;
                T* dst = c + r * mc.rs + cc * mc.cs;
                if (IsF<T>::value) {
                    double v = alpha * (double)acc[i][j];
                    if (beta != 0) v += beta * toD<T>(*dst);
                    *dst = fromD<T>(v);
                } else {
                    long long v = (long long)alpha * (long long)acc[i][j];
                    if (beta != 0) v += (long long)beta * toL<T>(*dst);
                    *dst = fromL<T>(v);
                }
            }
        }
    }
}

#define GEMM(sfx, T)                                                                                              \
    extern "C" __global__ void gemm_##sfx(long long M, long long N, long long K, long long batch, Mat ma, Mat mb, \
                                          Mat mc, double alpha, double beta, T* C, const T* A, const T* B) {     \
        gemmK<T>(M, N, K, batch, ma, mb, mc, alpha, beta, C, A, B);                                              \
    }
FOR_NUMERIC_DTYPES(GEMM)

// ---- tensor cores ---------------------------------------------------------------------------------

using namespace nvcuda;

#define TC_BM 128
#define TC_BN 128

// S: the element type in shared memory and fragments (__half, __nv_bfloat16, or float for TF32);
// FK: the fragment depth (16, or 8 for TF32); DEPTH: the depth of a shared-memory slice.
template <typename T, typename S, typename FragS, int FK, int DEPTH>
__device__ void gemmTcK(long long M, long long N, long long K, long long batch, Mat ma, Mat mb, Mat mc, double alpha, double beta,
                        T* C, const T* A, const T* B) {
    const int PA = DEPTH + (sizeof(S) == 2 ? 8 : 4);   // padded leading dimensions: multiples of 16 bytes,
    const int PB = TC_BN + (sizeof(S) == 2 ? 8 : 4); // and fragment rows stay 32-byte aligned
    __shared__ __align__(32) S As[TC_BM * (DEPTH + 8)];
    __shared__ __align__(32) S Bs[DEPTH * (TC_BN + 8)];
    __shared__ __align__(32) float stage[8][16 * 16];
    int warp = threadIdx.x / 32, lane = threadIdx.x % 32;
    int wm = warp / 2, wn = warp % 2;  // 4 x 2 warps, each 32 x 64 of the tile
    for (long long b = blockIdx.z; b < batch; b += gridDim.z) {
        long long row0 = (long long)blockIdx.y * TC_BM, col0 = (long long)blockIdx.x * TC_BN;
        const T* a = A + ma.off + b * ma.bs;
        const T* bb = B + mb.off + b * mb.bs;
        wmma::fragment<wmma::accumulator, 16, 16, FK, float> acc[2][4];
#pragma unroll
        for (int i = 0; i < 2; i++)
#pragma unroll
            for (int j = 0; j < 4; j++) wmma::fill_fragment(acc[i][j], 0.0f);
        for (long long k0 = 0; k0 < K; k0 += DEPTH) {
            for (int e = threadIdx.x; e < TC_BM * DEPTH; e += blockDim.x) {
                int r = e / DEPTH, kk = e % DEPTH;
                long long gr = row0 + r, gk = k0 + kk;
                As[r * PA + kk] = (gr < M && gk < K) ? (S)a[gr * ma.rs + gk * ma.cs] : (S)0.0f;
            }
            for (int e = threadIdx.x; e < DEPTH * TC_BN; e += blockDim.x) {
                int kk = e / TC_BN, c = e % TC_BN;
                long long gk = k0 + kk, gc = col0 + c;
                Bs[kk * PB + c] = (gk < K && gc < N) ? (S)bb[gk * mb.rs + gc * mb.cs] : (S)0.0f;
            }
            __syncthreads();
#pragma unroll
            for (int kk = 0; kk < DEPTH; kk += FK) {
                wmma::fragment<wmma::matrix_a, 16, 16, FK, FragS, wmma::row_major> fa[2];
                wmma::fragment<wmma::matrix_b, 16, 16, FK, FragS, wmma::row_major> fb[4];
#pragma unroll
                for (int i = 0; i < 2; i++) {
                    wmma::load_matrix_sync(fa[i], As + (wm * 32 + i * 16) * PA + kk, PA);
                    if (Same<S, float>::value)
                        for (int t = 0; t < fa[i].num_elements; t++) fa[i].x[t] = wmma::__float_to_tf32(fa[i].x[t]);
                }
#pragma unroll
                for (int j = 0; j < 4; j++) {
                    wmma::load_matrix_sync(fb[j], Bs + kk * PB + wn * 64 + j * 16, PB);
                    if (Same<S, float>::value)
                        for (int t = 0; t < fb[j].num_elements; t++) fb[j].x[t] = wmma::__float_to_tf32(fb[j].x[t]);
                }
#pragma unroll
                for (int i = 0; i < 2; i++)
#pragma unroll
                    for (int j = 0; j < 4; j++) wmma::mma_sync(acc[i][j], fa[i], fb[j], acc[i][j]);
            }
            __syncthreads();
        }
        T* c = C + mc.off + b * mc.bs;
#pragma unroll
        for (int i = 0; i < 2; i++) {
#pragma unroll
            for (int j = 0; j < 4; j++) {
                wmma::store_matrix_sync(stage[warp], acc[i][j], 16, wmma::mem_row_major);
                __syncwarp();
                for (int e = lane; e < 256; e += 32) {
                    long long r = row0 + wm * 32 + i * 16 + e / 16, cc = col0 + wn * 64 + j * 16 + e % 16;
                    if (r < M && cc < N) {
                        T* dst = c + r * mc.rs + cc * mc.cs;
                        double v = alpha * (double)stage[warp][e];
                        if (beta != 0) v += beta * toD<T>(*dst);
                        *dst = fromD<T>(v);
                    }
                }
                __syncwarp();
            }
        }
    }
}

extern "C" __global__ void gemm_tc_f16(long long M, long long N, long long K, long long batch, Mat ma, Mat mb, Mat mc,
                                       double alpha, double beta, f16* C, const f16* A, const f16* B) {
    gemmTcK<f16, __half, __half, 16, 32>(M, N, K, batch, ma, mb, mc, alpha, beta, C, A, B);
}
extern "C" __global__ void gemm_tc_bf16(long long M, long long N, long long K, long long batch, Mat ma, Mat mb, Mat mc,
                                        double alpha, double beta, bf16* C, const bf16* A, const bf16* B) {
    gemmTcK<bf16, __nv_bfloat16, __nv_bfloat16, 16, 32>(M, N, K, batch, ma, mb, mc, alpha, beta, C, A, B);
}
// float32 through TF32 tensor cores: only when the user allows it (Cuda.setAllowTf32)
extern "C" __global__ void gemm_tc_tf32(long long M, long long N, long long K, long long batch, Mat ma, Mat mb, Mat mc,
                                        double alpha, double beta, float* C, const float* A, const float* B) {
    gemmTcK<float, float, wmma::precision::tf32, 8, 16>(M, N, K, batch, ma, mb, mc, alpha, beta, C, A, B);
}
