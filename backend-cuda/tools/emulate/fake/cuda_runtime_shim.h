// Just enough of CUDA to compile the kernel sources as host C++ (g++ -std=c++20, x86-64) and run a kernel as
// a grid of thread blocks, one block at a time, each GPU thread a coroutine on one host
// thread: a thread runs until it returns or reaches a barrier (__syncthreads, or a warp shuffle's
// exchange), and a barrier lets its threads go on once every thread of the block (or warp) that has not
// returned is waiting there, as a GPU thread that exited stops counting. __shared__ variables are
// function statics (blocks run one after another, so one copy serves each block in turn), dynamic
// shared memory a per-launch buffer, atomics plain read-modify-writes (nothing runs between two
// coroutine switches). float16 is the compiler's _Float16 and bfloat16 a rounded 16-bit pattern, so
// half-precision results round as on the GPU (up to the order of operations).
#pragma once
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <functional>
#include <string>
#include <type_traits>
#include <vector>
#define __global__
#define __device__
#define __host__
#define __noinline__ __attribute__((noinline))
#define __forceinline__ inline
#define __launch_bounds__(n)
#define __shared__ static
#define __align__(n) __attribute__((aligned(n)))
#define CUDART_INF INFINITY
#define CUDART_NAN NAN
#define CUDART_PI 3.1415926535897931
using std::ceil;
using std::erf;
using std::exp;
using std::expm1;
using std::fabs;
using std::floor;
using std::isfinite;
using std::isinf;
using std::isnan;
using std::signbit;
using std::lgamma;
using std::log;
using std::log1p;
using std::pow;
using std::sqrt;
using std::trunc;
struct uint3 { unsigned x, y, z; };
struct dim3 { unsigned x = 1, y = 1, z = 1; };
inline uint3 threadIdx{0, 0, 0}, blockIdx{0, 0, 0}, blockDim{32, 1, 1}, gridDim{1, 1, 1};
template <typename T> inline T min(T a, T b) { return a < b ? a : b; }
template <typename T> inline T max(T a, T b) { return a > b ? a : b; }
inline double rsqrt(double x) { return 1 / std::sqrt(x); }
inline float rsqrtf(float x) { return 1 / std::sqrt(x); }
// sin and cos of pi x, x reduced exactly to [-1, 1] first, as CUDA's sincospi is accurate for large x
inline void sincospi(double x, double* s, double* c) {
    double r = std::remainder(x, 2.0);
    *s = std::sin(CUDART_PI * r);
    *c = std::cos(CUDART_PI * r);
}
// single roundings that the GPU compiler may not contract into fused multiply-adds (nor does g++ here)
inline float __fmul_rn(float a, float b) { return a * b; }
inline float __fadd_rn(float a, float b) { return a + b; }
inline float __fsub_rn(float a, float b) { return a - b; }
inline double __dmul_rn(double a, double b) { return a * b; }
inline double __dadd_rn(double a, double b) { return a + b; }
inline double __dsub_rn(double a, double b) { return a - b; }
// CUDA's erfinv: Giles' single-precision approximation refined by Newton steps on erf.
inline double erfinv(double y) {
    if (std::isnan(y) || y < -1 || y > 1) return NAN;
    if (y == 1 || y == -1) return y * INFINITY;
    double w = -std::log((1 - y) * (1 + y)), p;
    if (w < 5) {
        w -= 2.5;
        p = 2.81022636e-08;
        for (double c : {3.43273939e-07, -3.5233877e-06, -4.39150654e-06, 0.00021858087, -0.00125372503, -0.00417768164,
                         0.246640727, 1.50140941}) p = c + p * w;
    } else {
        w = std::sqrt(w) - 3;
        p = -0.000200214257;
        for (double c : {0.000100950558, 0.00134934322, -0.00367342844, 0.00573950773, -0.0076224613, 0.00943887047, 1.00167406,
                         2.83297682}) p = c + p * w;
    }
    double x = p * y;
    for (int i = 0; i < 3; i++) x -= (std::erf(x) - y) / (1.1283791670955126 * std::exp(-x * x));
    return x;
}

// ---- 16-bit floating types ------------------------------------------------------------------------

typedef _Float16 __half;
struct __nv_bfloat16 {
    uint16_t bits;
    __nv_bfloat16() = default;
    __nv_bfloat16(float f) {
        uint32_t u;
        std::memcpy(&u, &f, 4);
        bits = std::isnan(f) ? (uint16_t)((u >> 16) | 0x40) : (uint16_t)((u + 0x7fff + ((u >> 16) & 1)) >> 16);
    }
    __nv_bfloat16(double d) : __nv_bfloat16((float)d) {}
    __nv_bfloat16(int i) : __nv_bfloat16((float)i) {}
    operator float() const {
        uint32_t u = (uint32_t)bits << 16;
        float f;
        std::memcpy(&f, &u, 4);
        return f;
    }
};
inline float __half2float(__half h) { return (float)h; }
inline __half __float2half(float f) { return (__half)f; }
inline __half __double2half(double x) { return (__half)x; }  // rounds once, as the GPU's __double2half
inline float __bfloat162float(__nv_bfloat16 h) { return (float)h; }
inline __nv_bfloat16 __float2bfloat16(float f) { return __nv_bfloat16(f); }
inline __nv_bfloat16 __double2bfloat16(double x) {
    // once from double, as the GPU's __double2bfloat16: to float with round-to-odd, then to bfloat16
    float f = (float)x;
    if (std::isfinite(x) && (double)f != x) {
        uint32_t u;
        std::memcpy(&u, &f, 4);
        if (!(u & 1)) {
            // one step away from zero when the float fell short of x's magnitude, else toward it (by x's sign: a
            // result that underflowed to +-0 must step to the smallest subnormal, not below 0 into a NaN pattern)
            u += ((double)f < x) == (x > 0) ? 1 : -1;
            u |= 1;
        }
        std::memcpy(&f, &u, 4);
    }
    return __nv_bfloat16(f);
}

// ---- the block scheduler --------------------------------------------------------------------------

namespace emu {
// Switches stacks: saves the callee-saved registers on the current stack and its pointer in *from, then
// resumes the stack `to` (x86-64 System V; MXCSR and the x87 control word are left alone, as kernels do).
extern "C" void emu_switch(void** from, void* to);
asm(R"(
    .text
    .weak emu_switch
    .type emu_switch, @function
emu_switch:
    pushq %rbp
    pushq %rbx
    pushq %r12
    pushq %r13
    pushq %r14
    pushq %r15
    movq %rsp, (%rdi)
    movq %rsi, %rsp
    popq %r15
    popq %r14
    popq %r13
    popq %r12
    popq %rbx
    popq %rbp
    ret
)");

enum Wait { RUNNING, WARP, BLOCK, DONE };
struct Block {
    unsigned threads = 0, current = 0;
    std::vector<void*> sp;
    std::vector<Wait> wait;
    std::vector<char*> stacks;
    void* scheduler = nullptr;
    std::function<void()> body;
    uint64_t exchange[1024];
    std::vector<unsigned char> dynamicShared;
    std::vector<void*> freshStatics;   // the static __shared__ variables filled for this block so far
};
inline Block block;
constexpr size_t STACK = 256 * 1024;

// TORCH4J_CUDA_EMULATED_ORDER=reverse runs the threads of a block, and the blocks of a grid, last first. A GPU
// promises neither order, so a kernel whose result depends on one (a read of what another thread wrote with no
// barrier between, a block reading what another block of the same launch writes) gives different results in the
// two orders; the build runs the parity suites in both.
inline const bool reverseOrder = [] {
    const char* v = std::getenv("TORCH4J_CUDA_EMULATED_ORDER");
    return v && std::string(v) == "reverse";
}();

[[noreturn]] inline void entry() {
    block.body();
    block.wait[block.current] = DONE;
    emu_switch(&block.sp[block.current], block.scheduler);
    std::abort();  // a finished thread is never resumed
}

// A static __shared__ variable at its declaration (host_source.py adds the call): the first thread of a block to
// get there fills it with all-ones bytes, as a block's shared memory starts as garbage on a GPU; a function static
// here would otherwise keep the previous block's values.
inline void freshShared(void* p, size_t n) {
    for (void* q : block.freshStatics)
        if (q == p) return;
    block.freshStatics.push_back(p);
    std::memset(p, 0xff, n);
}

inline void yield(Wait w) {
    block.wait[block.current] = w;
    emu_switch(&block.sp[block.current], block.scheduler);
}

// Releases the threads waiting at a barrier when every live thread of its group waits there.
inline bool release() {
    bool any = false;
    unsigned n = block.threads;
    bool blockReady = true, anyAtBlock = false;
    for (unsigned t = 0; t < n; t++) {
        if (block.wait[t] == BLOCK) anyAtBlock = true;
        else if (block.wait[t] != DONE) blockReady = false;
    }
    if (anyAtBlock && blockReady) {
        for (unsigned t = 0; t < n; t++) if (block.wait[t] == BLOCK) block.wait[t] = RUNNING;
        return true;
    }
    for (unsigned w = 0; w * 32 < n; w++) {
        bool ready = true, anyAt = false;
        for (unsigned t = w * 32; t < n && t < w * 32 + 32; t++) {
            if (block.wait[t] == WARP) anyAt = true;
            else if (block.wait[t] != DONE) ready = false;
        }
        if (anyAt && ready) {
            for (unsigned t = w * 32; t < n && t < w * 32 + 32; t++) if (block.wait[t] == WARP) block.wait[t] = RUNNING;
            any = true;
        }
    }
    return any;
}

// Runs f as one block of `threads` GPU threads (blockIdx, gridDim as set by the caller).
inline void runBlock(unsigned threads, const std::function<void()>& f) {
    block.threads = threads;
    block.body = f;
    block.sp.resize(threads);
    block.wait.assign(threads, RUNNING);
    block.freshStatics.clear();
    while (block.stacks.size() < threads) block.stacks.push_back((char*)std::aligned_alloc(16, STACK));
    blockDim = {threads, 1, 1};
    for (unsigned t = 0; t < threads; t++) {
        // a fresh stack that "returns" into entry with the alignment of a call: six zeroed registers, then entry
        void** top = (void**)(block.stacks[t] + STACK);
        top[-1] = nullptr;
        top[-2] = (void*)&entry;
        for (int r = 3; r <= 8; r++) top[-r] = nullptr;
        block.sp[t] = top - 8;
    }
    unsigned live = threads;
    while (live > 0) {
        bool progressed = false;
        for (unsigned i = 0; i < threads; i++) {
            unsigned t = reverseOrder ? threads - 1 - i : i;
            if (block.wait[t] != RUNNING) continue;
            block.current = t;
            threadIdx = {t, 0, 0};
            emu_switch(&block.scheduler, block.sp[t]);
            if (block.wait[t] == DONE) live--;
            progressed = true;
        }
        if (!progressed && !release() && live > 0) {
            std::fprintf(stderr, "emulated CUDA: deadlock in a block of %u threads (a barrier not every live thread reaches)\n", threads);
            std::abort();
        }
    }
}
}  // namespace emu

// Runs f on one block of `threads` threads with gridDim 1 (the check programs).
template <class F> void runBlock(unsigned threads, F f) {
    blockIdx = {0, 0, 0};
    gridDim = {1, 1, 1};
    emu::runBlock(threads, f);
}

inline void __syncthreads() { emu::yield(emu::BLOCK); }
inline void __syncwarp(unsigned = 0xffffffffu) { emu::yield(emu::WARP); }

// A shuffle may name lanes that have returned (CUDA: "all non-exited threads named in mask must execute the same
// intrinsic"), but what a thread reads from such a lane, or from one its block does not have (fewer than 32
// threads), is undefined on a GPU; here it would be a stale slot, so the emulation stops.
namespace emu {
inline void checkShuffleSource(unsigned from) {
    unsigned t = (threadIdx.x & ~31u) | (from & 31u);
    if (t < block.threads && block.wait[t] != DONE) return;
    std::fprintf(stderr, "emulated CUDA: in block (%u, %u, %u), thread %u reads lane %u in a warp shuffle, which %s: undefined "
                 "on a GPU\n", blockIdx.x, blockIdx.y, blockIdx.z, threadIdx.x, from & 31u,
                 t < block.threads ? "has returned" : "the block does not have");
    std::abort();
}
}  // namespace emu

template <typename A> A emuShuffle(A v, unsigned from) {
    unsigned t = threadIdx.x;
    std::memcpy(&emu::block.exchange[t], &v, sizeof(A));
    emu::yield(emu::WARP);
    emu::checkShuffleSource(from);
    A r;
    std::memcpy(&r, &emu::block.exchange[(t & ~31u) | (from & 31u)], sizeof(A));
    emu::yield(emu::WARP);
    return r;
}
template <typename A> A __shfl_xor_sync(unsigned, A v, int o) { return emuShuffle(v, (threadIdx.x & 31u) ^ (unsigned)o); }
template <typename A> A __shfl_down_sync(unsigned, A v, unsigned d) {
    unsigned lane = threadIdx.x & 31u;
    return emuShuffle(v, lane + d < 32 ? lane + d : lane);
}
template <typename A> A __shfl_up_sync(unsigned, A v, unsigned d) {
    unsigned lane = threadIdx.x & 31u;
    return emuShuffle(v, lane >= d ? lane - d : lane);
}

// not instrumented for the race check between blocks (tools/emulate/device/racecheck.cpp): atomics may race
template <typename T> __attribute__((no_sanitize("thread"))) T atomicAdd(T* p, T v) {
    T old = *p;
    *p = old + v;
    return old;
}
template <typename T> __attribute__((no_sanitize("thread"))) T atomicCAS(T* p, T compare, T v) {
    T old = *p;
    if (old == compare) *p = v;
    return old;
}
