// Races between the blocks of one launch, for the emulated device built with TORCH4J_EMULATE_RACECHECK=1
// (../../emulate-device): the kernel sources are compiled with g++'s -fsanitize=thread instrumentation, and
// this file, instead of ThreadSanitizer's runtime, receives its callbacks: one per load and store a kernel
// makes. Device memory comes from one reserved arena here, so a callback tells device memory from a kernel's
// locals, arguments and shared memory by one comparison, and each byte of the arena has a shadow cell: the
// launch that last touched it, and the block that wrote it and the block (or blocks) that read it in that
// launch. A GPU runs a launch's blocks in no order and at once, so a byte one block writes and another block
// reads or writes in the same launch is a race: the result depends on timing (a lost `+=`, a read of a value
// not yet or already overwritten). The emulator runs blocks one after another, where such a kernel still
// gives the right answer in both orders; here it is reported. Atomics (the shim's atomicAdd and atomicCAS,
// not instrumented) are not accesses here, so the compare-and-swap loops and atomic sums are allowed; a plain
// store racing with another block's atomic goes unseen. Races between the threads of one block are left to
// the two orders and to shared memory filled with garbage (cuda_runtime_shim.h). The same callbacks report a
// load or store that is not aligned to its size in device or dynamic shared memory, which x86 allows and a GPU
// does not.
#include <sys/mman.h>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <string>

#include "cuda_runtime_shim.h"
#include "driver.h"

namespace {
constexpr size_t ARENA = 256ull << 30;   // address space for every allocation of a run (never reused)
constexpr uint32_t MANY = 0xffffffffu;   // several blocks read the byte
constexpr size_t PAGE = 4096;

struct Cell {
    uint32_t launch;   // the launch that last touched the byte (0: none); the fields below are that launch's
    uint32_t writer;   // block + 1 that wrote it, 0 none
    uint32_t reader;   // block + 1 that read it, 0 none, MANY
};

uintptr_t lo = 0, size = 0, next = 0;   // the arena, [lo, lo + size); next: the first free byte
Cell* shadow = nullptr;
std::map<uintptr_t, size_t> live;        // allocations, for the reports
uint32_t launch = 0, me = 0;             // the running launch, and block + 1
const char* kernel = "";
unsigned gx = 1, gy = 1;
std::map<std::string, unsigned long long> counts;   // per "kernel: what": conflicting bytes, or misaligned accesses

std::string blockName(uint32_t id) {
    if (id == MANY) return "several blocks";
    uint32_t b = id - 1;
    return "block (" + std::to_string(b % gx) + ", " + std::to_string(b / gx % gy) + ", " + std::to_string(b / gx / gy) + ")";
}

// "byte k of an n-byte allocation" for an address in the arena.
std::string placeIn(uintptr_t at) {
    auto a = live.upper_bound(at);
    --a;
    return "byte " + std::to_string(at - a->first) + " of a " + std::to_string(a->second) + "-byte allocation";
}

// Block `me` `verb`s byte `at`, which block `other` `did` earlier in this launch.
void conflict(const char* verb, const char* did, uintptr_t at, uint32_t other) {
    std::string key = std::string(kernel) + ": " + verb + " what another block " + did;
    if (counts[key]++ > 0) return;   // the first of each kind per kernel is shown, the rest counted
    std::fprintf(stderr, "emulated CUDA racecheck: %s: %s %s %s that %s %s in the same launch\n", kernel, blockName(me).c_str(), verb,
                 placeIn(at).c_str(), blockName(other).c_str(), did);
}

void init() {
    if (shadow) return;
    void* a = mmap(nullptr, ARENA, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    void* s = mmap(nullptr, ARENA * sizeof(Cell), PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    if (a == MAP_FAILED || s == MAP_FAILED) {
        std::fprintf(stderr, "emulated CUDA racecheck: cannot reserve %zu GiB of address space\n", ARENA >> 30);
        std::abort();
    }
    lo = next = (uintptr_t)a;
    shadow = (Cell*)s;
    size = ARENA;
    std::atexit([] {
        std::fprintf(stderr, "emulated CUDA racecheck: %u launches, %zu kinds of race between blocks or misaligned access "
                     "(%llu in all)\n", launch, counts.size(), emu::race::findings());
        for (const auto& [key, n] : counts) std::fprintf(stderr, "emulated CUDA racecheck:   %s: %llu\n", key.c_str(), n);
    });
}

// An access of n bytes (2, 4, 8, 16) that g++ compiled as naturally aligned (its type says so) at an address that is not:
// a GPU stops the kernel with CUDA_ERROR_MISALIGNED_ADDRESS, while x86 reads it quietly.
// Only device memory and the launch's dynamic shared memory (where kernels place arrays by casts) are checked: the
// emulator's own host code also runs instrumented, and g++ aligns what it lays out itself.
void misaligned(const void* p, size_t n, bool write) {
    uintptr_t at = (uintptr_t)p, shared = (uintptr_t)emu::block.dynamicShared.data();
    std::string where;
    if (at - lo < size) {
        where = "at " + placeIn(at);
    } else if (at - shared < emu::block.dynamicShared.size()) {
        where = "at byte " + std::to_string(at - shared) + " of dynamic shared memory";
    } else {
        return;
    }
    std::string key = std::string(kernel) + ": misaligned " + std::to_string(n) + "-byte " + (write ? "store" : "load");
    if (counts[key]++ > 0) return;
    std::fprintf(stderr, "emulated CUDA racecheck: %s: %s %s %zu bytes %s, %zu bytes past %zu-byte alignment: a GPU raises "
                 "CUDA_ERROR_MISALIGNED_ADDRESS\n", kernel, blockName(me).c_str(), write ? "writes" : "reads", n, where.c_str(),
                 (size_t)(at % n), n);
}

inline void access(const void* p, size_t n, bool write) {
    uintptr_t off = (uintptr_t)p - lo;
    if (off >= size) return;   // not device memory
    Cell* c = shadow + off;
    for (size_t i = 0; i < n; i++, c++) {
        if (c->launch != launch) *c = {launch, 0, 0};
        if (write) {
            if (c->writer != 0 && c->writer != me) conflict("writes", "wrote", lo + off + i, c->writer);
            else if (c->reader != 0 && c->reader != me) conflict("writes", "read", lo + off + i, c->reader);
            c->writer = me;
        } else {
            if (c->writer != 0 && c->writer != me) conflict("reads", "wrote", lo + off + i, c->writer);
            c->reader = c->reader == 0 || c->reader == me ? me : MANY;
        }
    }
}

inline void aligned(void* p, size_t n, bool write) {
    if ((uintptr_t)p & (n - 1)) misaligned(p, n, write);
    access(p, n, write);
}
}  // namespace

void* emu::race::allocate(size_t n) {
    init();
    size_t rounded = (n + PAGE - 1) / PAGE * PAGE;
    if (next + rounded > lo + size) return nullptr;
    void* p = (void*)next;
    next += rounded;
    live[(uintptr_t)p] = n;
    return p;
}

void emu::race::release(void* p) {
    auto it = live.find((uintptr_t)p);
    if (it == live.end()) return;
    size_t rounded = (it->second + PAGE - 1) / PAGE * PAGE;
    // the pages and their shadow go back to the system; the addresses are not handed out again
    madvise(p, rounded, MADV_DONTNEED);
    uintptr_t first = (uintptr_t)(shadow + ((uintptr_t)p - lo)), end = first + rounded * sizeof(Cell);
    uintptr_t a = (first + PAGE - 1) / PAGE * PAGE, b = end / PAGE * PAGE;
    if (b > a) madvise((void*)a, b - a, MADV_DONTNEED);
    live.erase(it);
}

void emu::race::beginLaunch(const char* name, unsigned gridX, unsigned gridY) {
    launch++;
    kernel = name;
    gx = gridX;
    gy = gridY;
}

void emu::race::beginBlock(unsigned x, unsigned y, unsigned z) { me = (z * gy + y) * gx + x + 1; }

unsigned long long emu::race::findings() {
    unsigned long long total = 0;
    for (const auto& [key, n] : counts) total += n;
    return total;
}

// ThreadSanitizer's instrumentation interface (what g++ -fsanitize=thread calls), kept to what a kernel needs
extern "C" {
void __tsan_init() {}
// the plain callbacks are for accesses the type makes naturally aligned (the GPU's rule); the unaligned ones for packed
// data, whose alignment the callback does not know
#define TORCH4J_TSAN_SIZE(n)                                                        \
    void __tsan_read##n(void* p) { aligned(p, n, false); }                          \
    void __tsan_write##n(void* p) { aligned(p, n, true); }                          \
    void __tsan_unaligned_read##n(void* p) { access(p, n, false); }                 \
    void __tsan_unaligned_write##n(void* p) { access(p, n, true); }                 \
    void __tsan_volatile_read##n(void* p) { access(p, n, false); }                  \
    void __tsan_volatile_write##n(void* p) { access(p, n, true); }
TORCH4J_TSAN_SIZE(1)
TORCH4J_TSAN_SIZE(2)
TORCH4J_TSAN_SIZE(4)
TORCH4J_TSAN_SIZE(8)
TORCH4J_TSAN_SIZE(16)
void __tsan_read_range(void* p, size_t n) { access(p, n, false); }
void __tsan_write_range(void* p, size_t n) { access(p, n, true); }
// a guard byte of a function-local static's initialisation (g++ reads it atomically)
uint8_t __tsan_atomic8_load(const volatile uint8_t* p, int) { return __atomic_load_n(p, __ATOMIC_ACQUIRE); }
void __tsan_func_entry(void*) {}
void __tsan_func_exit() {}
}
