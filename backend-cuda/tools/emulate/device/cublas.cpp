// The cuBLAS entry points the backend binds (CublasLibrary: create, destroy, set stream, get property and
// cublasGemmStridedBatchedEx), for the emulated device: built into its libcuda.so.1 and reached as
// libcublas.so.13 (a link to it), so that the backend's foreign-function binding and its row-major to
// column-major mapping run on every product of the tests, as on a GPU, where cuBLAS takes every float GEMM.
// The product follows cuBLAS's documentation, not the backend: column-major operands, op(A) m x k and op(B)
// k x n with leading dimensions and batch strides, host-pointer scalars read at the call (in the compute type:
// float for COMPUTE_32F and its TF32 form, double for COMPUTE_64F), beta == 0 leaving C unread, the argument
// checks of CUBLAS_STATUS_INVALID_VALUE. The work is queued on the stream like a kernel launch. Every element
// a product would touch must lie in one allocation of the device: a layout the backend got wrong fails the
// call (CUBLAS_STATUS_EXECUTION_FAILED, with the reason on stderr) instead of reading past a tensor.
#include <cstdio>
#include <cstring>

#include "cuda_runtime_shim.h"
#include "driver.h"
#include "mma.h"

namespace {
enum : int { OK = 0, NOT_INITIALIZED = 1, INVALID_VALUE = 7, EXECUTION_FAILED = 13, NOT_SUPPORTED = 15 };
enum : int { R_32F = 0, R_64F = 1, R_16F = 2, R_16BF = 14 };
enum : int { COMPUTE_32F = 68, COMPUTE_32F_FAST_TF32 = 77, COMPUTE_64F = 70 };

struct Handle {};   // one stream on the emulated device: cublasSetStream has nothing to record

int itemSize(int type) { return type == R_64F ? 8 : type == R_32F ? 4 : 2; }

double load(const unsigned char* p, int type, bool tf32) {
    switch (type) {
        case R_64F: { double v; std::memcpy(&v, p, 8); return v; }
        case R_32F: { float v; std::memcpy(&v, p, 4); return tf32 ? nvcuda::wmma::__float_to_tf32(v) : v; }
        case R_16F: { __half v; std::memcpy(&v, p, 2); return (float)v; }
        default: { __nv_bfloat16 v; std::memcpy(&v, p, 2); return (float)v; }
    }
}

void store(unsigned char* p, int type, double v) {
    switch (type) {
        case R_64F: std::memcpy(p, &v, 8); break;
        case R_32F: { float f = (float)v; std::memcpy(p, &f, 4); break; }
        case R_16F: { __half h = (__half)(float)v; std::memcpy(p, &h, 2); break; }
        default: { __nv_bfloat16 b((float)v); std::memcpy(p, &b, 2); break; }
    }
}

// The bytes an operand of rows x cols (column-major, leading dimension ld) over `batch` matrices `stride` elements
// apart spans from its first element; whether they lie in one allocation.
bool inDevice(const char* what, const void* base, long long rows, long long cols, long long ld, long long stride,
              long long batch, int type) {
    long long first = stride < 0 ? (batch - 1) * stride : 0;
    long long last = (rows - 1) + (cols - 1) * ld + (stride > 0 ? (batch - 1) * stride : 0);
    const unsigned char* from = (const unsigned char*)base + first * itemSize(type);
    size_t bytes = (size_t)(last - first + 1) * itemSize(type);
    if (emu::inOneAllocation(from, bytes)) return true;
    std::fprintf(stderr, "emulated cuBLAS: %s (%lld x %lld, ld %lld, batch stride %lld, %lld matrices) reaches outside "
                 "every device allocation\n", what, rows, cols, ld, stride, batch);
    return false;
}
}  // namespace

extern "C" {
int cublasCreate_v2(void** handle) {
    if (!handle) return INVALID_VALUE;
    *handle = new Handle();
    return OK;
}
int cublasDestroy_v2(void* handle) {
    if (!handle) return NOT_INITIALIZED;
    delete (Handle*)handle;
    return OK;
}
int cublasSetStream_v2(void* handle, void* /*stream*/) {
    if (!handle) return NOT_INITIALIZED;
    return OK;
}
int cublasGetProperty(int type, int* value) {
    static const int version[] = {13, 0, 0};
    if (type < 0 || type > 2 || !value) return INVALID_VALUE;
    *value = version[type];
    return OK;
}

int cublasGemmStridedBatchedEx(void* handle, int transa, int transb, int m, int n, int k, const void* alpha,
                               const void* A, int aType, int lda, long long strideA,
                               const void* B, int bType, int ldb, long long strideB,
                               const void* beta, void* C, int cType, int ldc, long long strideC,
                               int batch, int compute, int /*algo*/) {
    if (!handle) return NOT_INITIALIZED;
    auto ldMin = [](long long rows) { return rows > 1 ? rows : 1; };
    bool ta = transa != 0, tb = transb != 0;
    if ((transa != 0 && transa != 1) || (transb != 0 && transb != 1) || m < 0 || n < 0 || k < 0 || batch < 0
        || lda < ldMin(ta ? k : m) || ldb < ldMin(tb ? n : k) || ldc < ldMin(m) || !alpha || !beta)
        return INVALID_VALUE;
    if (aType != bType || aType != cType) return NOT_SUPPORTED;
    bool fp32 = aType == R_32F && (compute == COMPUTE_32F || compute == COMPUTE_32F_FAST_TF32);
    bool fp64 = aType == R_64F && compute == COMPUTE_64F;
    bool half = (aType == R_16F || aType == R_16BF) && compute == COMPUTE_32F;
    if (!fp32 && !fp64 && !half) return NOT_SUPPORTED;
    if (m == 0 || n == 0 || batch == 0) return OK;
    // host pointer mode: the scalars are read now, in the compute type
    double al, be;
    if (fp64) { std::memcpy(&al, alpha, 8); std::memcpy(&be, beta, 8); }
    else { float a, b; std::memcpy(&a, alpha, 4); std::memcpy(&b, beta, 4); al = a; be = b; }
    if (!inDevice("C", C, m, n, ldc, strideC, batch, cType)
        || (k > 0 && al != 0 && (!inDevice("A", A, ta ? k : m, ta ? m : k, lda, strideA, batch, aType)
                                 || !inDevice("B", B, tb ? n : k, tb ? k : n, ldb, strideB, batch, bType))))
        return EXECUTION_FAILED;
    bool tf32 = compute == COMPUTE_32F_FAST_TF32;
    emu::enqueue([=] {
        const unsigned char *a0 = (const unsigned char*)A, *b0 = (const unsigned char*)B;
        unsigned char* c0 = (unsigned char*)C;
        int sa = itemSize(aType), sc = itemSize(cType);
        for (long long p = 0; p < batch; p++)
            for (int j = 0; j < n; j++)
                for (int i = 0; i < m; i++) {
                    double accD = 0;
                    float accF = 0;
                    for (int l = 0; l < k && al != 0; l++) {
                        long long ai = ta ? l + (long long)i * lda : i + (long long)l * lda;
                        long long bi = tb ? j + (long long)l * ldb : l + (long long)j * ldb;
                        double x = load(a0 + (p * strideA + ai) * sa, aType, tf32), y = load(b0 + (p * strideB + bi) * sa, bType, tf32);
                        if (fp64) accD += x * y;
                        else accF += (float)x * (float)y;
                    }
                    unsigned char* c = c0 + (p * strideC + i + (long long)j * ldc) * sc;
                    double acc = fp64 ? accD : accF;
                    double prior = be == 0 ? 0 : load(c, cType, false);   // beta == 0: C is not read (NaN stays out)
                    // alpha == 0 left acc 0: only beta * C counts, whatever A and B hold
                    store(c, cType, fp64 ? al * acc + be * prior : (double)((float)al * (float)acc + (float)be * (float)prior));
                }
    });
    return OK;
}
}
