// Shared definitions of the torch4j CUDA kernels: operand descriptions, dtype traits, conversions
// with PyTorch's rules and the atomics the scatter kernels need. Every kernel is extern "C" so the
// Java side finds it by a plain name: <kernel>_<dtype suffix>, suffixes as in CudaDType.java.
#pragma once
#include <cuda_fp16.h>
#include <cuda_bf16.h>
#include <math_constants.h>

#define I64_MIN (-9223372036854775807LL - 1)
#define I64_MAX 9223372036854775807LL

#define MAXD 8

// The iteration space of a kernel: numel elements over rank dimensions (row-major order).
struct Geo { long long numel; long long rank; long long size[MAXD]; };
// One operand's placement in its storage: element offset and element strides per dimension.
struct Lay { long long off; long long st[MAXD]; };
// Scalar parameters of an op (UnaryOp/BinaryOp/TernaryOp params), in order.
struct Par { double v[4]; };

typedef __half f16;
typedef __nv_bfloat16 bf16;

template <typename A, typename B> struct Same { static const bool value = false; };
template <typename A> struct Same<A, A> { static const bool value = true; };

// Floating dtypes compute in double (as the CPU backend), the others in 64-bit integers.
template <typename T> struct IsF { static const bool value = false; };
template <> struct IsF<float> { static const bool value = true; };
template <> struct IsF<double> { static const bool value = true; };
template <> struct IsF<f16> { static const bool value = true; };
template <> struct IsF<bf16> { static const bool value = true; };

template <bool F> struct CmpOf { typedef long long type; };
template <> struct CmpOf<true> { typedef double type; };
template <typename T> struct Cmp { typedef typename CmpOf<IsF<T>::value>::type type; };

// The accumulator of sums and scans: float for float32/16/bfloat16, double for float64, int64 else.
template <typename T> struct Acc { typedef long long type; };
template <> struct Acc<float> { typedef float type; };
template <> struct Acc<f16> { typedef float type; };
template <> struct Acc<bf16> { typedef float type; };
template <> struct Acc<double> { typedef double type; };

template <typename T> __device__ __forceinline__ double toD(T x) { return (double)x; }
template <> __device__ __forceinline__ double toD<f16>(f16 x) { return (double)__half2float(x); }
template <> __device__ __forceinline__ double toD<bf16>(bf16 x) { return (double)__bfloat162float(x); }
template <typename T> __device__ __forceinline__ long long toL(T x) { return (long long)x; }
template <> __device__ __forceinline__ long long toL<f16>(f16 x) { return (long long)toD<f16>(x); }
template <> __device__ __forceinline__ long long toL<bf16>(bf16 x) { return (long long)toD<bf16>(x); }

// Floating to integer as a C cast does on x86, like the CPU backend and PyTorch's CPU reference values:
// truncation toward zero, NaN and out-of-range values give the minimum; int64 directly, the narrower
// types through int32 and then wrapped. (A plain cast on the GPU saturates and turns NaN into 0.)
__device__ __forceinline__ long long toI64(double x) {
    return (x != x || x >= 9223372036854775808.0 || x < -9223372036854775808.0) ? I64_MIN : (long long)x;
}
__device__ __forceinline__ int toI32(double x) {
    return (x != x || x >= 2147483648.0 || x < -2147483648.0) ? (int)0x80000000u : (int)x;
}
template <typename T> __device__ __forceinline__ T fromD(double x) { return (T)toI32(x); }
template <> __device__ __forceinline__ long long fromD<long long>(double x) { return toI64(x); }
template <> __device__ __forceinline__ double fromD<double>(double x) { return x; }
template <> __device__ __forceinline__ float fromD<float>(double x) { return (float)x; }
template <> __device__ __forceinline__ f16 fromD<f16>(double x) { return __double2half(x); }
template <> __device__ __forceinline__ bf16 fromD<bf16>(double x) { return __double2bfloat16(x); }
template <> __device__ __forceinline__ bool fromD<bool>(double x) { return x != 0; }

template <typename T> __device__ __forceinline__ T fromL(long long x) { return (T)x; }
template <> __device__ __forceinline__ bool fromL<bool>(long long x) { return x != 0; }
template <> __device__ __forceinline__ float fromL<float>(long long x) { return (float)x; }
template <> __device__ __forceinline__ double fromL<double>(long long x) { return (double)x; }
template <> __device__ __forceinline__ f16 fromL<f16>(long long x) { return __double2half((double)x); }
template <> __device__ __forceinline__ bf16 fromL<bf16>(long long x) { return __double2bfloat16((double)x); }

// Conversion with PyTorch's rules: float to integer truncates toward zero (fromD), anything to bool
// is "non-zero" (NaN included), integers convert exactly through int64.
template <typename To, typename From> __device__ __forceinline__ To cvt(From x) {
    if (IsF<From>::value) return fromD<To>(toD<From>(x));
    return fromL<To>(toL<From>(x));
}

__device__ __forceinline__ bool isnanC(double x) { return x != x; }
__device__ __forceinline__ bool isnanC(float x) { return x != x; }
__device__ __forceinline__ bool isnanC(long long) { return false; }

// Java's Math.max/min: NaN-propagating.
__device__ __forceinline__ double jmax(double a, double b) { return (a != a || b != b) ? (a + b) : fmax(a, b); }
__device__ __forceinline__ double jmin(double a, double b) { return (a != a || b != b) ? (a + b) : fmin(a, b); }
__device__ __forceinline__ long long jmax(long long a, long long b) { return a > b ? a : b; }
__device__ __forceinline__ long long jmin(long long a, long long b) { return a < b ? a : b; }
__device__ __forceinline__ float jmax(float a, float b) { return (a != a || b != b) ? (a + b) : fmaxf(a, b); }
__device__ __forceinline__ float jmin(float a, float b) { return (a != a || b != b) ? (a + b) : fminf(a, b); }

#define GRID_LOOP(i, n) for (long long i = blockIdx.x * (long long)blockDim.x + threadIdx.x; i < (n); \
                             i += (long long)gridDim.x * blockDim.x)

// Offsets of element i (row-major over g) in up to four operands.
__device__ __forceinline__ void offsets(const Geo& g, long long i, const Lay& l0, long long& o0) {
    o0 = l0.off;
#pragma unroll
    for (int d = MAXD - 1; d >= 0; --d) {
        if (d < g.rank) { long long s = g.size[d]; long long c = i % s; i /= s; o0 += c * l0.st[d]; }
    }
}
__device__ __forceinline__ void offsets(const Geo& g, long long i, const Lay& l0, long long& o0, const Lay& l1, long long& o1) {
    o0 = l0.off; o1 = l1.off;
#pragma unroll
    for (int d = MAXD - 1; d >= 0; --d) {
        if (d < g.rank) { long long s = g.size[d]; long long c = i % s; i /= s; o0 += c * l0.st[d]; o1 += c * l1.st[d]; }
    }
}
__device__ __forceinline__ void offsets(const Geo& g, long long i, const Lay& l0, long long& o0, const Lay& l1, long long& o1,
                                        const Lay& l2, long long& o2) {
    o0 = l0.off; o1 = l1.off; o2 = l2.off;
#pragma unroll
    for (int d = MAXD - 1; d >= 0; --d) {
        if (d < g.rank) {
            long long s = g.size[d]; long long c = i % s; i /= s;
            o0 += c * l0.st[d]; o1 += c * l1.st[d]; o2 += c * l2.st[d];
        }
    }
}
__device__ __forceinline__ void offsets(const Geo& g, long long i, const Lay& l0, long long& o0, const Lay& l1, long long& o1,
                                        const Lay& l2, long long& o2, const Lay& l3, long long& o3) {
    o0 = l0.off; o1 = l1.off; o2 = l2.off; o3 = l3.off;
#pragma unroll
    for (int d = MAXD - 1; d >= 0; --d) {
        if (d < g.rank) {
            long long s = g.size[d]; long long c = i % s; i /= s;
            o0 += c * l0.st[d]; o1 += c * l1.st[d]; o2 += c * l2.st[d]; o3 += c * l3.st[d];
        }
    }
}

// Instantiates MACRO(suffix, type) for every dtype.
#define FOR_ALL_DTYPES(M) M(f32, float) M(f64, double) M(f16, f16) M(bf16, bf16) M(i64, long long) \
    M(i32, int) M(i16, short) M(i8, signed char) M(u8, unsigned char) M(b8, bool)
#define FOR_NUMERIC_DTYPES(M) M(f32, float) M(f64, double) M(f16, f16) M(bf16, bf16) M(i64, long long) \
    M(i32, int) M(i16, short) M(i8, signed char) M(u8, unsigned char)
