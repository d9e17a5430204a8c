// Sparse-dense products over COO entries (the SPI's sparseRowsProduct and sampledDot hooks,
// CudaBackend): SpMM adds values[i] * dense[cols[i], :] into out[rows[i], :], a thread per entry and
// column with atomic adds, so entries of one row add in no fixed order (as PyTorch's CUDA index_add);
// SDDMM's dot products take a warp per entry, summed in the dtype's accumulator. Indices are int64 and
// in range (the api checks them).
#include "common.cuh"

template <typename T> __device__ void rowsProductK(long long nnz, long long p, const long long* rows, const long long* cols,
                                                   const T* values, const T* dense, T* out) {
    GRID_LOOP(t, nnz * p) {
        long long i = t / p, k = t % p;
        atomicAdd(out + rows[i] * p + k, values[i] * dense[cols[i] * p + k]);
    }
}

template <typename T> __device__ void sampledDotK(long long nnz, long long p, const long long* rows, const long long* cols,
                                                  const T* a, const T* b, T* out) {
    int lane = threadIdx.x & 31;
    for (long long i = (blockIdx.x * (long long)blockDim.x + threadIdx.x) >> 5; i < nnz;
         i += (gridDim.x * (long long)blockDim.x) >> 5) {
        const T* x = a + rows[i] * p;
        const T* y = b + cols[i] * p;
        T s = 0;
        for (long long k = lane; k < p; k += 32) s += x[k] * y[k];
        for (int o = 16; o > 0; o >>= 1) s += __shfl_xor_sync(0xffffffffu, s, o);
        if (lane == 0) out[i] = s;
    }
}

#define SPARSE_KERNELS(S, T)                                                                                          \
    extern "C" __global__ void sparse_rows_product_##S(long long nnz, long long p, const long long* rows,              \
                                                       const long long* cols, const T* values, const T* dense, T* out) { \
        rowsProductK(nnz, p, rows, cols, values, dense, out);                                                         \
    }                                                                                                                 \
    extern "C" __global__ void sparse_sampled_dot_##S(long long nnz, long long p, const long long* rows,               \
                                                      const long long* cols, const T* a, const T* b, T* out) {        \
        sampledDotK(nnz, p, rows, cols, a, b, out);                                                                   \
    }

SPARSE_KERNELS(f32, float)
SPARSE_KERNELS(f64, double)
