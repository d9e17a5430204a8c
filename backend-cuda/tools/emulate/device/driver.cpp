// A CUDA driver (libcuda.so.1) for machines without a GPU, enough of it for JCuda and the torch4j CUDA
// backend: one device whose memory is host memory, modules whose kernels are the backend's own CUDA
// sources compiled as host C++ (thunks.cpp finds them by name), launches run block by block
// (cuda_runtime_shim.h: GPU threads as coroutines). Work queued on the stream (launches, asynchronous copies
// and memsets, event records) runs in order but as late as possible, when the host waits for it: arguments
// are copied at the call, a host buffer of an asynchronous copy is read when the copy runs, and the
// synchronous calls (cuMemcpyDtoH/HtoD, cuMemFree, cuStreamSynchronize, cuEventSynchronize, a second
// cuEventQuery) run the queue first, so a host buffer reused before its copy ran shows up as wrong data.
// TORCH4J_CUDA_EMULATED_SYNC=1 runs everything at the call instead. It checks what the backend computes and how it drives the driver, not
// speed, concurrency between kernels or memory coalescing. Built by ../../emulate-device.
#include <cstddef>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <deque>
#include <functional>
#include <mutex>
#include <string>
#include <unordered_map>
#include <unordered_set>

#include "cuda_runtime_shim.h"
#include "driver.h"

typedef int CUresult;
typedef int CUdevice;
typedef unsigned long long CUdeviceptr;
typedef void* CUhandle;

namespace {
enum : int { SUCCESS = 0, INVALID_VALUE = 1, OUT_OF_MEMORY = 2, INVALID_DEVICE = 101, NOT_FOUND = 500,
             LAUNCH_OUT_OF_RESOURCES = 701 };
constexpr size_t TOTAL = 16ull << 30;  // what cuMemGetInfo reports; allocations past it fail
// 2 keeps grids small (every block runs on the calling thread); TORCH4J_CUDA_EMULATED_SMS=132 gives an H100's
// count, and so its grid sizes, at the cost of time
const int MULTIPROCESSORS = [] {
    const char* v = std::getenv("TORCH4J_CUDA_EMULATED_SMS");
    int n = v ? std::atoi(v) : 0;
    return n > 0 ? n : 2;
}();

std::mutex lock;
size_t allocated = 0;
std::unordered_map<void*, size_t> sizes;
int dummy;

// The stream, as late as a GPU may be: queued work (launches, asynchronous copies and memsets, event records)
// runs, in order, only when the host waits for it (a synchronous call, or an event it asks about twice), so a
// host buffer reused before its copy ran is always caught, and every run is deterministic.
struct Stream {
    std::deque<std::function<void()>> work;
    unsigned long long queued = 0, done = 0;
    bool now = std::getenv("TORCH4J_CUDA_EMULATED_SYNC") && std::string(std::getenv("TORCH4J_CUDA_EMULATED_SYNC")) == "1";

    // Queues f; returns its sequence number (what an event recorded now waits for).
    unsigned long long enqueue(std::function<void()> f) {
        std::lock_guard<std::mutex> g(lock);
        work.push_back(std::move(f));
        unsigned long long seq = ++queued;
        if (now) runUpTo(seq);
        return seq;
    }

    // Runs the queue up to sequence number seq (the caller holds the lock).
    void runUpTo(unsigned long long seq) {
        while (done < seq && !work.empty()) {
            std::function<void()> next = std::move(work.front());
            work.pop_front();
            next();
            done++;
        }
    }

    void waitFor(unsigned long long seq) {
        std::lock_guard<std::mutex> g(lock);
        runUpTo(seq);
    }

    void drain() {
        std::lock_guard<std::mutex> g(lock);
        runUpTo(queued);
    }
};
Stream& stream() {
    static Stream s;
    return s;
}
// An event: the stream position it was recorded at, and whether the host has asked about it once already.
struct Event {
    unsigned long long seq = 0;
    bool asked = false;
};

const emu::Kernel* find(const char* name) {
    static std::unordered_map<std::string, const emu::Kernel*> byName = [] {
        std::unordered_map<std::string, const emu::Kernel*> m;
        for (int i = 0; i < emu::kernelCount; i++) m[emu::kernels[i].name] = &emu::kernels[i];
        return m;
    }();
    auto it = byName.find(name);
    return it == byName.end() ? nullptr : it->second;
}
// What an H100 (sm_90) refuses, as its driver does: a grid past 2^31 - 1 blocks in x or 65535 in y or z; a block
// larger than the kernel's __launch_bounds__; more registers than a block may hold (64K, allocated per warp in
// units of 256); static and dynamic shared memory past 48 KiB (the backend never opts in to more). The kernel's
// needs come from ptxas (tools/ptx-resources), so a launch that works here works there.
CUresult fitsAnH100(const emu::Kernel* k, unsigned gx, unsigned gy, unsigned gz, unsigned bx, unsigned shared) {
    const char* why = nullptr;
    CUresult rc = INVALID_VALUE;
    unsigned long long regsPerWarp = (k->registers * 32ull + 255) / 256 * 256;
    if (gx > 0x7fffffffu || gy > 65535 || gz > 65535) why = "grid too large";
    else if (k->launchBound && bx > (unsigned)k->launchBound) why = "block larger than the kernel's __launch_bounds__";
    else if ((bx + 31) / 32 * regsPerWarp > 65536) { why = "too many registers for the block"; rc = LAUNCH_OUT_OF_RESOURCES; }
    else if (k->staticShared + (unsigned long long)shared > 48 * 1024) why = "static and dynamic shared memory past 48 KiB";
    if (!why) return SUCCESS;
    std::fprintf(stderr, "emulated CUDA driver: launch of %s refused as on an H100: %s (grid %u x %u x %u, %u threads of %d "
                 "registers, %d + %u bytes of shared memory)\n", k->name, why, gx, gy, gz, bx, k->registers, k->staticShared, shared);
    return rc;
}
}  // namespace

void emu::enqueue(std::function<void()> work) { stream().enqueue(std::move(work)); }

bool emu::inOneAllocation(const void* p, size_t bytes) {
    std::lock_guard<std::mutex> g(lock);
    const unsigned char* at = (const unsigned char*)p;
    for (const auto& [base, size] : sizes) {
        const unsigned char* b = (const unsigned char*)base;
        if (at >= b && at + bytes <= b + size) return true;
    }
    return false;
}

extern "C" {
CUresult cuInit(unsigned) {
    static bool said = false;
    if (emu::reverseOrder && !said) std::fprintf(stderr, "emulated CUDA driver: blocks and their threads run last first\n");
    said = true;
    return SUCCESS;
}
CUresult cuDriverGetVersion(int* v) { *v = 13000; return SUCCESS; }
CUresult cuDeviceGetCount(int* n) { *n = 1; return SUCCESS; }
CUresult cuDeviceGet(CUdevice* d, int ordinal) {
    if (ordinal != 0) return INVALID_DEVICE;
    *d = 0;
    return SUCCESS;
}
CUresult cuDeviceGetName(char* name, int len, CUdevice) {
    std::snprintf(name, len, "torch4j emulated CUDA device (host C++)");
    return SUCCESS;
}
CUresult cuDeviceGetAttribute(int* v, int attribute, CUdevice) {
    switch (attribute) {
        case 1: *v = 1024; break;                 // max threads per block
        case 8: *v = 48 * 1024; break;            // shared memory per block
        case 10: *v = 32; break;                  // warp size
        case 16: *v = MULTIPROCESSORS; break;
        case 75: *v = 9; break;                   // compute capability 9.0, as an H100
        case 76: *v = 0; break;
        case 97: *v = 227 * 1024; break;          // opt-in shared memory per block
        default: *v = 0;
    }
    return SUCCESS;
}
CUresult cuDeviceTotalMem_v2(size_t* bytes, CUdevice) { *bytes = TOTAL; return SUCCESS; }
CUresult cuDevicePrimaryCtxRetain(CUhandle* ctx, CUdevice) { *ctx = &dummy; return SUCCESS; }
CUresult cuCtxSetCurrent(CUhandle) { return SUCCESS; }
// A module is the set of kernels its PTX declares (`.entry name(`), so that asking one module for another's kernel
// fails with NOT_FOUND as on a GPU (every kernel is compiled in, whichever module names it).
CUresult cuModuleLoadData(CUhandle* module, const void* image) {
    auto* entries = new std::unordered_set<std::string>();
    const char* ptx = (const char*)image;
    for (const char* at = std::strstr(ptx, ".entry "); at; at = std::strstr(at + 7, ".entry ")) {
        const char* b = at + 7;
        while (*b == ' ') b++;
        const char* e = b;
        while (*e && *e != '(' && *e != ' ' && *e != '\n') e++;
        entries->emplace(b, e - b);
    }
    *module = entries;
    return SUCCESS;
}
CUresult cuModuleGetFunction(CUhandle* f, CUhandle module, const char* name) {
    const emu::Kernel* k = find(name);
    if (!k || !((std::unordered_set<std::string>*)module)->count(name)) return NOT_FOUND;
    *f = (CUhandle)k;
    return SUCCESS;
}
CUresult cuMemAlloc_v2(CUdeviceptr* p, size_t n) {
    std::lock_guard<std::mutex> g(lock);
    size_t rounded = (n + 255) / 256 * 256;
    if (n == 0 || allocated + rounded > TOTAL) return OUT_OF_MEMORY;
#ifdef TORCH4J_EMULATE_ASAN
    size_t usable = n;   // exactly n bytes: AddressSanitizer's red zone starts where the allocation ends
#else
    size_t usable = rounded;
#endif
    void* m = nullptr;
#ifdef TORCH4J_EMULATE_RACECHECK
    if (!(m = emu::race::allocate(usable))) return OUT_OF_MEMORY;
#else
    if (posix_memalign(&m, 256, usable) != 0) return OUT_OF_MEMORY;
#endif
    // a GPU's fresh memory holds whatever was there: all ones here (NaN in every float dtype, -1 in the integer
    // ones), so that a kernel reading what nothing wrote fails rather than finding the zeros of fresh host pages
    std::memset(m, 0xff, n);
    allocated += rounded;
    sizes[m] = usable;
    *p = (CUdeviceptr)m;
    return SUCCESS;
}
CUresult cuMemFree_v2(CUdeviceptr p) {
    stream().drain();   // as the driver's: the memory may be in use by queued work
    std::lock_guard<std::mutex> g(lock);
    auto it = sizes.find((void*)p);
    if (it == sizes.end()) return INVALID_VALUE;
    allocated -= (it->second + 255) / 256 * 256;
    sizes.erase(it);
#ifdef TORCH4J_EMULATE_RACECHECK
    emu::race::release((void*)p);
#else
    std::free((void*)p);
#endif
    return SUCCESS;
}
CUresult cuMemGetInfo_v2(size_t* free, size_t* total) {
    std::lock_guard<std::mutex> g(lock);
    *free = TOTAL - allocated;
    *total = TOTAL;
    return SUCCESS;
}
CUresult cuMemHostAlloc(void** p, size_t n, unsigned) {
    *p = std::malloc(n == 0 ? 1 : n);
    return *p ? SUCCESS : OUT_OF_MEMORY;
}
CUresult cuMemFreeHost(void* p) { std::free(p); return SUCCESS; }
// the synchronous copies wait for the stream (they run on the legacy default stream, which waits for it)
CUresult cuMemcpyHtoD_v2(CUdeviceptr dst, const void* src, size_t n) {
    stream().drain();
    std::memcpy((void*)dst, src, n);
    return SUCCESS;
}
CUresult cuMemcpyDtoH_v2(void* dst, CUdeviceptr src, size_t n) {
    stream().drain();
    std::memcpy(dst, (const void*)src, n);
    return SUCCESS;
}
CUresult cuMemcpyDtoD_v2(CUdeviceptr dst, CUdeviceptr src, size_t n) {
    stream().drain();
    std::memmove((void*)dst, (const void*)src, n);
    return SUCCESS;
}
CUresult cuMemcpyHtoDAsync_v2(CUdeviceptr dst, const void* src, size_t n, CUhandle) {
    stream().enqueue([dst, src, n] { std::memcpy((void*)dst, src, n); });   // reads the host buffer when it runs
    return SUCCESS;
}
CUresult cuMemcpyDtoHAsync_v2(void* dst, CUdeviceptr src, size_t n, CUhandle) {
    stream().enqueue([dst, src, n] { std::memcpy(dst, (const void*)src, n); });
    return SUCCESS;
}
CUresult cuMemcpyDtoDAsync_v2(CUdeviceptr dst, CUdeviceptr src, size_t n, CUhandle) {
    stream().enqueue([dst, src, n] { std::memmove((void*)dst, (const void*)src, n); });
    return SUCCESS;
}
CUresult cuMemsetD8Async(CUdeviceptr dst, unsigned char v, size_t n, CUhandle) {
    stream().enqueue([dst, v, n] { std::memset((void*)dst, v, n); });
    return SUCCESS;
}
CUresult cuMemsetD8_v2(CUdeviceptr dst, unsigned char v, size_t n) {
    stream().drain();
    std::memset((void*)dst, v, n);
    return SUCCESS;
}
CUresult cuStreamCreate(CUhandle* s, unsigned) { *s = &dummy; return SUCCESS; }
CUresult cuStreamDestroy_v2(CUhandle) { return SUCCESS; }
CUresult cuStreamSynchronize(CUhandle) { stream().drain(); return SUCCESS; }
CUresult cuCtxSynchronize() { stream().drain(); return SUCCESS; }
CUresult cuEventCreate(CUhandle* e, unsigned) { *e = new Event(); return SUCCESS; }
CUresult cuEventDestroy_v2(CUhandle e) { delete (Event*)e; return SUCCESS; }
CUresult cuEventRecord(CUhandle e, CUhandle) {
    Event* ev = (Event*)e;
    ev->seq = stream().enqueue([] {});
    ev->asked = false;
    return SUCCESS;
}
// not ready (600) the first time a pending event is asked about; the second time its work runs
CUresult cuEventQuery(CUhandle e) {
    Event* ev = (Event*)e;
    {
        std::lock_guard<std::mutex> g(lock);
        if (stream().done >= ev->seq) return SUCCESS;
    }
    if (!ev->asked) {
        ev->asked = true;
        return 600;
    }
    stream().waitFor(ev->seq);
    return SUCCESS;
}
CUresult cuEventSynchronize(CUhandle e) { stream().waitFor(((Event*)e)->seq); return SUCCESS; }
CUresult cuGetErrorName(CUresult rc, const char** s) {
    *s = rc == LAUNCH_OUT_OF_RESOURCES ? "CUDA_ERROR_LAUNCH_OUT_OF_RESOURCES" : "CUDA_ERROR (emulated)";
    return SUCCESS;
}
CUresult cuGetErrorString(CUresult, const char** s) { *s = "an error of the emulated CUDA driver"; return SUCCESS; }

CUresult cuLaunchKernel(CUhandle f, unsigned gx, unsigned gy, unsigned gz, unsigned bx, unsigned by, unsigned bz, unsigned shared,
                        CUhandle, void** params, void**) {
    if (by != 1 || bz != 1 || bx == 0 || bx > 1024 || gx == 0 || gy == 0 || gz == 0) return INVALID_VALUE;
    const emu::Kernel* k = (const emu::Kernel*)f;
    if (CUresult fits = fitsAnH100(k, gx, gy, gz, bx, shared); fits != SUCCESS) return fits;
    // the arguments are copied now, as the driver does: the caller may change them once the call returns
    std::vector<std::vector<unsigned char>> args(k->count);
    for (int i = 0; i < k->count; i++) args[i].assign((unsigned char*)params[i], (unsigned char*)params[i] + k->sizes[i]);
    stream().enqueue([k, gx, gy, gz, bx, shared, args = std::move(args)]() mutable {
        std::vector<void*> p(args.size());
        for (size_t i = 0; i < args.size(); i++) p[i] = args[i].data();
        emu::block.dynamicShared.assign(shared, 0xff);   // garbage on a GPU: NaN in float types, -1 in integer ones
        gridDim = {gx, gy, gz};
#ifdef TORCH4J_EMULATE_RACECHECK
        emu::race::beginLaunch(k->name, gx, gy);
#endif
        bool r = emu::reverseOrder;
        for (unsigned zi = 0; zi < gz; zi++)
            for (unsigned yi = 0; yi < gy; yi++)
                for (unsigned xi = 0; xi < gx; xi++) {
                    blockIdx = {r ? gx - 1 - xi : xi, r ? gy - 1 - yi : yi, r ? gz - 1 - zi : zi};
                    void** pp = p.data();
#ifdef TORCH4J_EMULATE_RACECHECK
                    emu::race::beginBlock(blockIdx.x, blockIdx.y, blockIdx.z);
#endif
                    emu::runBlock(bx, [k, pp] { k->thunk(pp); });
                }
    });
    return SUCCESS;
}
}
