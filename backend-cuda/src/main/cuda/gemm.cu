// Batched GEMM C[b] = alpha * A[b] @ B[b] + beta * C[b] over operands with any strides: the
// fallback when cuBLAS does not load. 64x64 output tiles, 16-deep slices of A and B staged in
// shared memory, each of the 256 threads accumulating a 4x4 block in registers (Acc<T>).
#include "common.cuh"

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
