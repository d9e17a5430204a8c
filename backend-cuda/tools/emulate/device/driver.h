// The emulated CUDA driver's kernel table (thunks.cpp, generated) and launcher (driver.cpp).
#pragma once
namespace emu {
struct Kernel {
    const char* name;
    void (*thunk)(void** params);
    int count;        // arguments
    int sizes[24];    // their sizes in bytes
};
extern const Kernel kernels[];
extern const int kernelCount;
}  // namespace emu
