// nvcuda::wmma for the emulated device (cuda_runtime_shim.h): every lane of a warp holds the whole 16x16
// tile in its fragment (num_elements covers the tile, so a kernel's loops over x[] convert every
// element), loads and stores copy the tile, mma_sync multiplies it in float: the warp's result, computed
// 32 times over. Row-major operands only, as gemm.cu uses.
#pragma once
#include "cuda_runtime_shim.h"
namespace nvcuda {
namespace wmma {
struct matrix_a {};
struct matrix_b {};
struct accumulator {};
struct row_major {};
struct col_major {};
namespace precision {
struct tf32 {};
}
enum layout_t { mem_row_major, mem_col_major };
template <typename Use, int M, int N, int K, typename T, typename Layout = void> struct fragment {
    static constexpr int rows = std::is_same_v<Use, matrix_b> ? K : M;
    static constexpr int cols = std::is_same_v<Use, matrix_a> ? K : N;
    static constexpr int num_elements = rows * cols;
    float x[rows * cols];
};
// float to TF32: round to nearest (ties away from zero, as cvt.rna.tf32.f32) at 10 mantissa bits
inline float __float_to_tf32(float f) {
    if (!std::isfinite(f)) return f;
    uint32_t u;
    std::memcpy(&u, &f, 4);
    u = (u + 0x1000u) & ~0x1fffu;
    std::memcpy(&f, &u, 4);
    return f;
}
template <typename F> void fill_fragment(F& f, float v) {
    for (int i = 0; i < F::num_elements; i++) f.x[i] = v;
}
template <typename F, typename S> void load_matrix_sync(F& f, const S* p, unsigned ldm) {
    for (int r = 0; r < F::rows; r++)
        for (int c = 0; c < F::cols; c++) f.x[r * F::cols + c] = (float)p[r * ldm + c];
}
template <typename D, typename A, typename B, typename C> void mma_sync(D& d, const A& a, const B& b, const C& c) {
    float out[D::num_elements];
    for (int i = 0; i < D::rows; i++)
        for (int j = 0; j < D::cols; j++) {
            float acc = c.x[i * D::cols + j];
            for (int k = 0; k < A::cols; k++) acc += a.x[i * A::cols + k] * b.x[k * B::cols + j];
            out[i * D::cols + j] = acc;
        }
    for (int i = 0; i < D::num_elements; i++) d.x[i] = out[i];
}
template <typename F> void store_matrix_sync(float* p, const F& f, unsigned ldm, layout_t) {
    for (int r = 0; r < F::rows; r++)
        for (int c = 0; c < F::cols; c++) p[r * ldm + c] = f.x[r * F::cols + c];
}
}  // namespace wmma
}  // namespace nvcuda
