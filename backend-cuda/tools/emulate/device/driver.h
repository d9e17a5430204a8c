// The emulated CUDA driver's kernel table (thunks.cpp, generated) and launcher (driver.cpp).
#pragma once
#include <cstddef>
#include <functional>
namespace emu {
struct Kernel {
    const char* name;
    void (*thunk)(void** params);
    int count;        // arguments
    int sizes[24];    // their sizes in bytes
    int registers;    // per thread on sm_90 (ptxas), static shared memory in bytes, and the block size the
    int staticShared; // kernel was compiled for (__launch_bounds__; 0 where none): what a launch must fit
    int launchBound;
};
extern const Kernel kernels[];
extern const int kernelCount;

// For the emulated libraries beside the driver (cublas.cpp): queues work on the stream, as a launch; whether
// [p, p + bytes) lies inside one live device allocation.
void enqueue(std::function<void()> work);
bool inOneAllocation(const void* p, size_t bytes);

// The race check between blocks (racecheck.cpp, in the TORCH4J_EMULATE_RACECHECK build): device memory from its
// arena (nullptr when spent), and which launch and block the instrumented kernel code runs for.
namespace race {
void* allocate(size_t bytes);
void release(void* p);
void beginLaunch(const char* kernel, unsigned gridX, unsigned gridY);
void beginBlock(unsigned x, unsigned y, unsigned z);
unsigned long long findings();   // conflicting bytes and misaligned accesses so far (for the check program)
}  // namespace race
}  // namespace emu
