// Just enough of CUDA to compile a kernel source as host C++ (g++) and run it as one thread block of
// host threads (runBlock): __shfl_xor_sync passes values through a per-warp barrier, __syncthreads is a
// block barrier, __shared__ variables are function statics (one block, so one copy, as shared memory),
// and a thread that returns drops out of both barriers, as an exited GPU thread stops counting. The
// 16-bit types hold a float (no rounding): they check the plumbing, not half-precision numerics.
#pragma once
#include <barrier>
#include <cmath>
#include <cstdint>
#include <memory>
#include <thread>
#include <vector>
#define __global__
#define __device__
#define __host__
#define __forceinline__ inline
#define __launch_bounds__(n)
#define __shared__ static
#define CUDART_INF INFINITY
using std::erf;
using std::exp;
using std::isinf;
using std::log;
using std::sqrt;
struct uint3 { unsigned x, y, z; };
inline thread_local uint3 threadIdx{0, 0, 0};
inline uint3 blockIdx{0, 0, 0}, blockDim{32, 1, 1}, gridDim{1, 1, 1};
template <typename T> inline T min(T a, T b) { return a < b ? a : b; }
inline std::vector<std::unique_ptr<std::barrier<>>> warpBarriers;
inline std::unique_ptr<std::barrier<>> blockBarrier;
inline double laneExchange[1024];
template <typename A> A __shfl_xor_sync(unsigned, A v, int o) {
    unsigned t = threadIdx.x;
    std::barrier<>& warp = *warpBarriers[t / 32];
    laneExchange[t] = (double)v;
    warp.arrive_and_wait();
    A r = (A)laneExchange[(t & ~31u) | ((t & 31u) ^ (unsigned)o)];
    warp.arrive_and_wait();
    return r;
}
inline void __syncthreads() { blockBarrier->arrive_and_wait(); }

// Runs f on one block of `threads` host threads (a multiple of 32, at most 1024), gridDim 1.
template <class F> void runBlock(unsigned threads, F f) {
    blockDim = {threads, 1, 1};
    warpBarriers.clear();
    for (unsigned w = 0; w < threads / 32; w++) warpBarriers.push_back(std::make_unique<std::barrier<>>(32));
    blockBarrier = std::make_unique<std::barrier<>>(threads);
    std::vector<std::thread> lanes;
    for (unsigned t = 0; t < threads; t++) {
        lanes.emplace_back([&, t] {
            threadIdx = {t, 0, 0};
            f();
            warpBarriers[t / 32]->arrive_and_drop();
            blockBarrier->arrive_and_drop();
        });
    }
    for (auto& l : lanes) l.join();
}
struct __half { float v; };
struct __nv_bfloat16 { float v; };
inline float __half2float(__half h) { return h.v; }
inline float __bfloat162float(__nv_bfloat16 h) { return h.v; }
inline __half __double2half(double x) { return {(float)x}; }
inline __nv_bfloat16 __double2bfloat16(double x) { return {(float)x}; }
