// Just enough of CUDA to compile a kernel source as host C++ (g++), run by warp_emulator.h: one warp
// of 32 host threads, __shfl_xor_sync through a barrier. The 16-bit types hold a float (no rounding):
// they check the plumbing, not half-precision numerics.
#pragma once
#include <barrier>
#include <cmath>
#include <cstdint>
#define __global__
#define __device__
#define __host__
#define __forceinline__ inline
#define __launch_bounds__(n)
#define CUDART_INF INFINITY
using std::exp;
using std::isinf;
using std::log;
struct uint3 { unsigned x, y, z; };
inline thread_local uint3 threadIdx{0, 0, 0};
inline uint3 blockIdx{0, 0, 0}, blockDim{32, 1, 1}, gridDim{1, 1, 1};
template <typename T> inline T min(T a, T b) { return a < b ? a : b; }
inline std::barrier<>* warpBarrier;
inline double warpExchange[32];
template <typename A> A __shfl_xor_sync(unsigned, A v, int o) {
    unsigned lane = threadIdx.x;
    warpExchange[lane] = (double)v;
    warpBarrier->arrive_and_wait();
    A r = (A)warpExchange[lane ^ o];
    warpBarrier->arrive_and_wait();
    return r;
}
struct __half { float v; };
struct __nv_bfloat16 { float v; };
inline float __half2float(__half h) { return h.v; }
inline float __bfloat162float(__nv_bfloat16 h) { return h.v; }
inline __half __double2half(double x) { return {(float)x}; }
inline __nv_bfloat16 __double2bfloat16(double x) { return {(float)x}; }
