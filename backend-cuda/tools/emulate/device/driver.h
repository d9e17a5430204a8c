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
}  // namespace emu
