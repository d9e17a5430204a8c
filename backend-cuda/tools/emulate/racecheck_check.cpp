// The race check between blocks (device/racecheck.cpp) on small kernels whose races and misaligned accesses are
// known: it must report each of those kernels and nothing for the others. This file is compiled with -fsanitize=thread, as the kernels of
// the racecheck build are; the host code that fills and reads device memory is left uninstrumented.
#include "cuda_runtime_shim.h"
#include "driver.h"

// every block adds its value into out[0]: updates lost on a GPU
__global__ void sumIntoOne(float* out, const float* in) {
    if (threadIdx.x == 0) out[0] += in[blockIdx.x];
}
// thread i copies element i + 1 to i in place: a block's last thread reads what the next block's first thread writes
__global__ void shiftLeftInPlace(float* x, unsigned n) {
    unsigned i = blockIdx.x * blockDim.x + threadIdx.x;
    if (i + 1 < n) x[i] = x[i + 1];
}
// race-free: each thread its own element
__global__ void scale(float* out, const float* in) {
    unsigned i = blockIdx.x * blockDim.x + threadIdx.x;
    out[i] = 2 * in[i];
}
// race-free: atomics may meet
__global__ void atomicSum(float* out, const float* in) { atomicAdd(out, in[blockIdx.x * blockDim.x + threadIdx.x]); }
// race-free: each block its own byte, four blocks to a 4-byte word
__global__ void ownByte(unsigned char* out) {
    if (threadIdx.x == 0) out[blockIdx.x] = (unsigned char)blockIdx.x;
}
// race-free: every block reads the same values
__global__ void broadcastRead(float* out, const float* table) { out[blockIdx.x * blockDim.x + threadIdx.x] = table[threadIdx.x]; }
// a float read 2 bytes past its alignment (a 16-bit tensor's storage taken as 32-bit words at an odd element)
__global__ void misalignedLoad(float* out, const unsigned short* halves) {
    out[blockIdx.x * blockDim.x + threadIdx.x] = *reinterpret_cast<const float*>(halves + 1);
}
// a long long stored 4 bytes past its alignment in dynamic shared memory (an index array placed after an odd count of floats)
__global__ void misalignedShared(float* out) {
    unsigned char* smem = emu::block.dynamicShared.data();   // what host_source.py makes of `extern __shared__ ... smem[]`
    reinterpret_cast<long long*>(reinterpret_cast<float*>(smem) + 1)[threadIdx.x] = threadIdx.x;
    out[blockIdx.x * blockDim.x + threadIdx.x] = 0;
}

namespace {
constexpr unsigned BLOCKS = 8, THREADS = 32, N = BLOCKS * THREADS;
int failures = 0, kernels = 0;

// Runs f as a launch of BLOCKS blocks of THREADS threads, as the driver does; expects a report or none.
template <class F> __attribute__((no_sanitize("thread"))) void launch(const char* name, bool racy, F f) {
    unsigned long long before = emu::race::findings();
    gridDim = {BLOCKS, 1, 1};
    emu::race::beginLaunch(name, BLOCKS, 1);
    for (unsigned b = 0; b < BLOCKS; b++) {
        blockIdx = {b, 0, 0};
        emu::race::beginBlock(b, 0, 0);
        emu::runBlock(THREADS, f);
    }
    bool reported = emu::race::findings() > before;
    kernels++;
    if (reported != racy) {
        std::printf("FAIL racecheck %s: %s\n", name, racy ? "race not reported" : "race-free kernel reported");
        failures++;
    }
}

__attribute__((no_sanitize("thread"))) float* floats(unsigned n) {
    float* p = (float*)emu::race::allocate(n * sizeof(float));
    for (unsigned i = 0; i < n; i++) p[i] = (float)i;
    return p;
}
}  // namespace

int main() {
    // the reports expected here would read, in a test log, as the emulated device's own (tools/sanitize looks for them)
    std::freopen("/dev/null", "w", stderr);
    float *in = floats(N), *out = floats(N), *x = floats(N);
    auto* bytes = (unsigned char*)emu::race::allocate(BLOCKS);
    launch("sumIntoOne", true, [&] { sumIntoOne(out, in); });
    launch("shiftLeftInPlace", true, [&] { shiftLeftInPlace(x, N); });
    launch("scale", false, [&] { scale(out, in); });
    launch("scale again (a new launch: the previous one's accesses do not count)", false, [&] { scale(in, out); });
    launch("atomicSum", false, [&] { atomicSum(out, in); });
    launch("ownByte", false, [&] { ownByte(bytes); });
    launch("broadcastRead", false, [&] { broadcastRead(out, in); });
    launch("misalignedLoad", true, [&] { misalignedLoad(out, reinterpret_cast<const unsigned short*>(in)); });
    emu::block.dynamicShared.assign(16 + 8 * THREADS, 0xff);
    launch("misalignedShared", true, [&] { misalignedShared(out); });
    std::printf("racecheck on the emulated blocks: %d kernels, %d failures\n", kernels, failures);
    return failures == 0 ? 0 : 1;
}
