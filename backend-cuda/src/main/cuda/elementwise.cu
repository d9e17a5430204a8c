// Elementwise kernels over strided operands: unary, binary and ternary ops (one kernel per dtype,
// the op chosen at run time) and fills; the op functions are not inlined, so that each dtype's
// kernels share one copy of them (smaller PTX, faster JIT; these kernels are memory-bound).
// The op enums list the Java enums' constants in their order (CudaKernelSourceTest checks it).
#include "common.cuh"

enum UnaryOp {
    NEG, ABS, SIGN, RELU, FLOOR, CEIL, ROUND, TRUNC, CLAMP, BITWISE_NOT, FRAC,
    EXP, EXP2, EXPM1, LOG, LOG2, LOG10, LOG1P, SQRT, RSQRT, RECIPROCAL,
    SIN, COS, TAN, ASIN, ACOS, ATAN, SINH, COSH, TANH, ASINH, ACOSH, ATANH,
    SIGMOID, LOG_SIGMOID, ERF, ERFC, ERFINV, LGAMMA, DIGAMMA, TRIGAMMA, POLYGAMMA,
    GELU, GELU_TANH, SILU, MISH, HARDSIGMOID, HARDSWISH, SOFTPLUS, ELU, LEAKY_RELU, NAN_TO_NUM, ROUND_DECIMALS,
    ISNAN, ISINF, ISPOSINF, ISNEGINF, ISFINITE, SIGNBIT, LOGICAL_NOT
};

enum BinaryOp {
    ADD, SUB, MUL, DIV, DIV_TRUNC, DIV_FLOOR, REMAINDER, FMOD, POW, MAXIMUM, MINIMUM, FMAX, FMIN,
    ATAN2, HYPOT, COPYSIGN, XLOGY, EQ, NE, LT, LE, GT, GE, LOGICAL_AND, LOGICAL_OR, LOGICAL_XOR,
    BITWISE_AND, BITWISE_OR, BITWISE_XOR, SHIFT_LEFT, SHIFT_RIGHT
};

enum TernaryOp { WHERE, LERP, ADDCMUL, ADDCDIV, T_CLAMP };

// ---- scalar functions (double), with the CPU backend's conventions --------------------------------

__device__ __noinline__ double digammaD(double x) {
    if (x != x) return x;
    if (x == 0) return copysign(CUDART_INF, -x);
    if (x == CUDART_INF) return x;
    if (x == -CUDART_INF) return CUDART_NAN;
    double result = 0;
    if (x < 0) {
        if (x == rint(x)) return CUDART_NAN;
        double r = fmod(x, 1.0);
        result = -CUDART_PI / tan(CUDART_PI * r);
        x = 1 - x;
    }
    while (x < 10) { result -= 1 / x; x += 1; }
    if (x == 10) return result + 2.25175258906672110764;
    double inv = 1 / x, inv2 = inv * inv;
    double series = inv2 * (1.0 / 12 - inv2 * (1.0 / 120 - inv2 * (1.0 / 252 - inv2 * (1.0 / 240
            - inv2 * (1.0 / 132 - inv2 * (691.0 / 32760 - inv2 / 12))))));
    return result + log(x) - 0.5 * inv - series;
}

// polygamma(1, x), the derivative of digamma, as PyTorch (and the CPU backend's ScalarMath.trigamma)
// computes it: the reflection below 1/2, six steps of the recurrence, three terms of the asymptotic
// series; so its values, and its huge finite ones at the negative integers, are PyTorch's.
__device__ __noinline__ double trigammaD(double x) {
    double sign = 1, result = 0;
    if (x < 0.5) {
        double s = sin(CUDART_PI * x);
        result = -(CUDART_PI * CUDART_PI) / (s * s);
        sign = -1;
        x = 1 - x;
    }
    for (int i = 0; i < 6; i++) { result += 1 / (x * x); x += 1; }
    double inv2 = 1 / (x * x);
    result += (1 + 1 / (2 * x) + inv2 * (1.0 / 6 - inv2 * (1.0 / 30 - inv2 / 42))) / x;
    return sign * result;
}

// trigammaD in float arithmetic, as PyTorch's float32 kernel.
__device__ __noinline__ float trigammaF(float x) {
    const float pi = 3.14159265358979323846f;
    float sign = 1, result = 0;
    if (x < 0.5f) {
        float s = sinf(pi * x);
        result = -(pi * pi) / (s * s);
        sign = -1;
        x = 1 - x;
    }
    for (int i = 0; i < 6; i++) { result += 1 / (x * x); x += 1; }
    float inv2 = 1 / (x * x);
    result += (1 + 1 / (2 * x) + inv2 * (1.0f / 6 - inv2 * (1.0f / 30 - inv2 / 42))) / x;
    return sign * result;
}

// The Hurwitz zeta function sum_k (q + k)^-s for an integer s >= 2, as the CPU backend computes it
// (ScalarMath.hurwitzZeta): direct terms, from negative q too, then the Euler-Maclaurin tail.
__device__ __noinline__ double hurwitzZetaD(double s, double q) {
    const double c[12] = {0.08333333333333333, -0.001388888888888889, 3.3068783068783064e-05,
        -8.267195767195768e-07, 2.08767569878681e-08, -5.284190138687493e-10, 1.338253653068468e-11,
        -3.3896802963225827e-13, 8.586062056277845e-15, -2.174868698558062e-16, 5.5090028283602295e-18,
        -1.3954464685812525e-19}; // B(2j) / (2j)!
    const double eps = 1.1102230246251565e-16;
    if (q != q || q == CUDART_INF) return CUDART_NAN;
    if (q <= 0 && q == floor(q)) return CUDART_INF;
    double sum = pow(q, -s), a = q, term = 0;
    for (int k = 0; k < 9 || a <= 9; k++) {
        a += 1;
        term = pow(a, -s);
        sum += term;
        if (fabs(term) < eps * sum) return sum; // a positive sum only, as PyTorch
    }
    sum += term * a / (s - 1) - 0.5 * term;
    double derivative = s * term / a;
    for (int j = 0; j < 12; j++) {
        double correction = c[j] * derivative;
        sum += correction;
        if (fabs(correction / sum) < eps) break;
        derivative *= (s + 2 * j + 1) * (s + 2 * j + 2) / (a * a);
    }
    return sum;
}

// polygamma(n, x): digamma and trigamma for n = 0 and 1, else (-1)^(n+1) n! zeta(n + 1, x);
// narrow rounds zeta to float first, as PyTorch's float32 kernel.
__device__ __noinline__ double polygammaD(int n, double x, bool narrow) {
    if (n == 0) return digammaD(x);
    if (n == 1) return narrow ? (double)trigammaF((float)x) : trigammaD(x);
    double factorial = 1;
    for (int i = 2; i <= n && factorial < CUDART_INF; i++) factorial *= i; // inf from 171 on
    double zeta = hurwitzZetaD(n + 1, x);
    if (narrow) zeta = (float)zeta;
    return ((n & 1) == 1 ? factorial : -factorial) * zeta;
}

__device__ __forceinline__ double sigmoidD(double x) { return 1 / (1 + exp(-x)); }
__device__ __forceinline__ double softplusD(double x, double beta, double threshold) {
    double bx = x * beta;
    return bx > threshold ? x : log1p(exp(bx)) / beta;
}
__device__ __forceinline__ double roundDecimalsD(double x, int d) {
    if (d == 0) return rint(x);
    if (d > 0) { double s = pow(10.0, (double)d); return rint(x * s) / s; }
    double s = pow(10.0, (double)-d); return rint(x / s) * s;
}
// PyTorch rounds float tensors at a scale in float arithmetic (2.35f * 10 is 23.5f).
__device__ __forceinline__ float roundDecimalsF(float x, int d) {
    if (d == 0) return rintf(x);
    float s = (float)pow(10.0, (double)abs(d));
    return d > 0 ? rintf(x * s) / s : rintf(x / s) * s;
}
__device__ __forceinline__ double divFloorD(double a, double b) {
    if (b == 0) return a / b;
    double mod = fmod(a, b);
    double div = (a - mod) / b;
    if (mod != 0 && (b < 0) != (mod < 0)) div -= 1;
    if (div != 0) { double f = floor(div); if (div - f > 0.5) f += 1.0; return f; }
    return copysign(0.0, a / b);
}
__device__ __forceinline__ double remainderD(double a, double b) {
    double mod = fmod(a, b);
    if (mod != 0 && (b < 0) != (mod < 0)) mod += b;
    return mod;
}
__device__ __forceinline__ long long divFloorL(long long a, long long b) {
    if (b == 0) return -1;  // integer division by zero does not trap on the GPU (PyTorch's CUDA kernels neither)
    long long q = a / b;
    if ((a % b != 0) && ((a < 0) != (b < 0))) q--;
    return q;
}
__device__ __forceinline__ long long remainderL(long long a, long long b) {
    if (b == 0) return -1;
    long long r = a % b;
    if (r != 0 && ((r < 0) != (b < 0))) r += b;
    return r;
}
__device__ __forceinline__ long long powL(long long base, long long e) {
    if (e < 0) {
        if (base == 1) return 1;
        if (base == -1) return (e & 1) == 0 ? 1 : -1;
        return 0;
    }
    long long r = 1;
    while (e > 0) { if (e & 1) r *= base; base *= base; e >>= 1; }
    return r;
}
__device__ __forceinline__ double lerpD(double s, double e, double w) {
    return fabs(w) < 0.5 ? s + w * (e - s) : e - (e - s) * (1 - w);
}

// ---- unary ----------------------------------------------------------------------------------------

__device__ __noinline__ double unaryD(int op, double x, const Par& p, bool narrow) {
    switch (op) {
        case NEG: return -x;
        case ABS: return fabs(x);
        case SIGN: return x > 0 ? 1 : x < 0 ? -1 : 0;
        case RELU: return x != x ? x : fmax(x, 0.0);
        case FLOOR: return floor(x);
        case CEIL: return ceil(x);
        case ROUND: return rint(x);
        case TRUNC: return trunc(x);
        case CLAMP: {
            if (x != x) return x;
            if (p.v[0] == p.v[0] && x < p.v[0]) x = p.v[0];
            if (p.v[1] == p.v[1] && x > p.v[1]) x = p.v[1];
            return x;
        }
        case FRAC: return x - trunc(x);
        case EXP: return exp(x);
        case EXP2: return exp2(x);
        case EXPM1: return expm1(x);
        case LOG: return log(x);
        case LOG2: return log2(x);
        case LOG10: return log10(x);
        case LOG1P: return log1p(x);
        case SQRT: return sqrt(x);
        case RSQRT: return 1.0 / sqrt(x);
        case RECIPROCAL: return 1.0 / x;
        case SIN: return sin(x);
        case COS: return cos(x);
        case TAN: return tan(x);
        case ASIN: return asin(x);
        case ACOS: return acos(x);
        case ATAN: return atan(x);
        case SINH: return sinh(x);
        case COSH: return cosh(x);
        case TANH: return tanh(x);
        case ASINH: return asinh(x);
        case ACOSH: return acosh(x);
        case ATANH: return atanh(x);
        case SIGMOID: return sigmoidD(x);
        case LOG_SIGMOID: return fmin(x, 0.0) - log1p(exp(-fabs(x)));
        case ERF: return erf(x);
        case ERFC: return erfc(x);
        case ERFINV: return erfinv(x);
        case LGAMMA: return lgamma(x);
        case DIGAMMA: return digammaD(x);
        case TRIGAMMA: return narrow ? (double)trigammaF((float)x) : trigammaD(x);
        case POLYGAMMA: return polygammaD((int)p.v[0], x, narrow);
        case GELU: return 0.5 * x * (1 + erf(x * 0.7071067811865476));
        case GELU_TANH: return 0.5 * x * (1 + tanh(0.7978845608028654 * (x + 0.044715 * x * x * x)));
        case SILU: return x * sigmoidD(x);
        case MISH: return x * tanh(softplusD(x, 1, 20));
        case HARDSIGMOID: return x != x ? x : fmin(fmax(x / 6 + 0.5, 0.0), 1.0);  // (fmax drops a NaN)
        case HARDSWISH: return x * fmin(fmax(x + 3, 0.0), 6.0) / 6;
        case SOFTPLUS: return softplusD(x, p.v[0], p.v[1]);
        case ELU: return x > 0 ? p.v[1] * x : p.v[1] * p.v[0] * expm1(x * p.v[2]);
        case LEAKY_RELU: return x > 0 ? x : x * p.v[0];
        case NAN_TO_NUM: return x != x ? p.v[0] : x == CUDART_INF ? p.v[1] : x == -CUDART_INF ? p.v[2] : x;
        case ROUND_DECIMALS: return narrow ? (double)roundDecimalsF((float)x, (int)p.v[0]) : roundDecimalsD(x, (int)p.v[0]);
        case ISNAN: return x != x;
        case ISINF: return isinf(x) ? 1 : 0;
        case ISPOSINF: return x == CUDART_INF;
        case ISNEGINF: return x == -CUDART_INF;
        case ISFINITE: return isfinite(x) ? 1 : 0;
        case SIGNBIT: return signbit(x) ? 1 : 0;
        case LOGICAL_NOT: return x == 0;
        default: return CUDART_NAN;
    }
}

__device__ __noinline__ long long unaryL(int op, long long x, const Par& p, bool isBool) {
    switch (op) {
        case NEG: return -x;
        case ABS: return x < 0 ? -x : x;
        case SIGN: return x > 0 ? 1 : x < 0 ? -1 : 0;
        case RELU: return x > 0 ? x : 0;
        case FLOOR: case CEIL: case ROUND: case TRUNC: return x;
        case CLAMP: {
            long long lo = p.v[0] != p.v[0] ? I64_MIN : (long long)p.v[0];
            long long hi = p.v[1] != p.v[1] ? I64_MAX : (long long)p.v[1];
            return x < lo ? (lo > hi ? hi : lo) : x > hi ? hi : x;
        }
        case BITWISE_NOT: return isBool ? (x == 0) : ~x;
        case ISNAN: case ISINF: case ISPOSINF: case ISNEGINF: return 0;
        case ISFINITE: return 1;
        case SIGNBIT: return x < 0;
        case LOGICAL_NOT: return x == 0;
        default: return 0;
    }
}

template <typename T, typename O>
__device__ void unaryK(int op, const Par& p, const Geo& g, const Lay& lo, const Lay& la, O* out, const T* a) {
    GRID_LOOP(i, g.numel) {
        long long oo, ao;
        offsets(g, i, lo, oo, la, ao);
        if (IsF<T>::value) {
            out[oo] = fromD<O>(unaryD(op, toD<T>(a[ao]), p, sizeof(T) < 8));
        } else {
            out[oo] = fromL<O>(unaryL(op, toL<T>(a[ao]), p, Same<T, bool>::value));
        }
    }
}

// ---- binary ---------------------------------------------------------------------------------------

__device__ __noinline__ double binaryD(int op, double a, double b, const Par& p) {
    switch (op) {
        case ADD: return p.v[0] == 1 ? a + b : fma(b, p.v[0], a);
        case SUB: return p.v[0] == 1 ? a - b : fma(b, -p.v[0], a);
        case MUL: return a * b;
        case DIV: return a / b;
        case DIV_TRUNC: return trunc(a / b);
        case DIV_FLOOR: return divFloorD(a, b);
        case REMAINDER: return remainderD(a, b);
        case FMOD: return fmod(a, b);
        case POW: return pow(a, b);
        case MAXIMUM: return jmax(a, b);
        case MINIMUM: return jmin(a, b);
        case FMAX: return fmax(a, b);
        case FMIN: return fmin(a, b);
        case ATAN2: return atan2(a, b);
        case HYPOT: return hypot(a, b);
        case COPYSIGN: return copysign(a, b);
        case XLOGY: return b != b ? b : a == 0 ? 0.0 : a * log(b);
        case EQ: return a == b;
        case NE: return a != b;
        case LT: return a < b;
        case LE: return a <= b;
        case GT: return a > b;
        case GE: return a >= b;
        case LOGICAL_AND: return a != 0 && b != 0;
        case LOGICAL_OR: return a != 0 || b != 0;
        case LOGICAL_XOR: return (a != 0) != (b != 0);
        default: return CUDART_NAN;
    }
}

__device__ __noinline__ long long binaryL(int op, long long a, long long b, const Par& p) {
    switch (op) {
        case ADD: return a + (long long)p.v[0] * b;
        case SUB: return a - (long long)p.v[0] * b;
        case MUL: return a * b;
        case DIV_TRUNC: return b == 0 ? -1 : a / b;
        case DIV_FLOOR: return divFloorL(a, b);
        case REMAINDER: return remainderL(a, b);
        case FMOD: return b == 0 ? -1 : a % b;
        case POW: return powL(a, b);
        case MAXIMUM: case FMAX: return a > b ? a : b;
        case MINIMUM: case FMIN: return a < b ? a : b;
        case EQ: return a == b;
        case NE: return a != b;
        case LT: return a < b;
        case LE: return a <= b;
        case GT: return a > b;
        case GE: return a >= b;
        case LOGICAL_AND: return a != 0 && b != 0;
        case LOGICAL_OR: return a != 0 || b != 0;
        case LOGICAL_XOR: return (a != 0) != (b != 0);
        case BITWISE_AND: return a & b;
        case BITWISE_OR: return a | b;
        case BITWISE_XOR: return a ^ b;
        case SHIFT_LEFT: return a << (b & 63);   // Java's shift semantics, as the CPU backend
        case SHIFT_RIGHT: return a >> (b & 63);
        default: return 0;
    }
}

template <typename T, typename O>
__device__ void binaryK(int op, const Par& p, const Geo& g, const Lay& lo, const Lay& la, const Lay& lb,
                        O* out, const T* a, const T* b) {
    GRID_LOOP(i, g.numel) {
        long long oo, ao, bo;
        offsets(g, i, lo, oo, la, ao, lb, bo);
        if (IsF<T>::value) out[oo] = fromD<O>(binaryD(op, toD<T>(a[ao]), toD<T>(b[bo]), p));
        else out[oo] = fromL<O>(binaryL(op, toL<T>(a[ao]), toL<T>(b[bo]), p));
    }
}

// out = op(a, s), or op(s, a) when first: s a number the host passes (PyTorch's wrapped number, a kernel argument
// there too), converted to T as fill_ converts it, so that the op is one launch.
template <typename T, typename O>
__device__ void binaryScalarK(int op, const Par& p, const Geo& g, const Lay& lo, const Lay& la, O* out, const T* a,
                              double v, long long lv, int useLong, int first) {
    const T s = useLong ? fromL<T>(lv) : fromD<T>(v);
    GRID_LOOP(i, g.numel) {
        long long oo, ao;
        offsets(g, i, lo, oo, la, ao);
        const T x = first ? s : a[ao], y = first ? a[ao] : s;
        if (IsF<T>::value) out[oo] = fromD<O>(binaryD(op, toD<T>(x), toD<T>(y), p));
        else out[oo] = fromL<O>(binaryL(op, toL<T>(x), toL<T>(y), p));
    }
}

// ---- ternary --------------------------------------------------------------------------------------

template <typename T>
__device__ void ternaryK(int op, const Par& p, const Geo& g, const Lay& lo, const Lay& la, const Lay& lb, const Lay& lc,
                         T* out, const T* a, const T* b, const T* c) {
    GRID_LOOP(i, g.numel) {
        long long oo, ao, bo, co;
        offsets(g, i, lo, oo, la, ao, lb, bo, lc, co);
        if (IsF<T>::value) {
            double x = toD<T>(a[ao]), y = toD<T>(b[bo]), z = toD<T>(c[co]), r;
            switch (op) {
                case LERP: r = lerpD(x, y, z); break;
                // PyTorch's s + (v t1) t2, which nvcc fuses: fma(v t1, t2, s) in the op type (float for 16-bit ones)
                case ADDCMUL: r = sizeof(T) == 8 ? fma(p.v[0] * y, z, x) : (double)fmaf((float)p.v[0] * (float)y, (float)z, (float)x); break;
                case ADDCDIV: r = x + p.v[0] * y / z; break;
                default: r = jmin(jmax(x, y), z); break;
            }
            out[oo] = fromD<T>(r);
        } else {
            long long x = toL<T>(a[ao]), y = toL<T>(b[bo]), z = toL<T>(c[co]), r;
            switch (op) {
                case ADDCMUL: r = x + (long long)p.v[0] * y * z; break;
                case ADDCDIV: r = z == 0 ? -1 : x + (long long)p.v[0] * y / z; break;
                default: r = jmin(jmax(x, y), z); break;
            }
            out[oo] = fromL<T>(r);
        }
    }
}

template <typename T>
__device__ void whereK(const Geo& g, const Lay& lo, const Lay& lc, const Lay& la, const Lay& lb,
                       T* out, const bool* cond, const T* a, const T* b) {
    GRID_LOOP(i, g.numel) {
        long long oo, co, ao, bo;
        offsets(g, i, lo, oo, lc, co, la, ao, lb, bo);
        out[oo] = cond[co] ? a[ao] : b[bo];
    }
}

template <typename T>
__device__ void fillK(const Geo& g, const Lay& lo, T* out, double v, long long lv, int useLong) {
    T x = useLong ? fromL<T>(lv) : fromD<T>(v);
    GRID_LOOP(i, g.numel) {
        long long oo;
        offsets(g, i, lo, oo);
        out[oo] = x;
    }
}

#define ELEMENTWISE(sfx, T)                                                                                      \
    extern "C" __global__ void unary_##sfx(int op, Par p, Geo g, Lay lo, Lay la, T* out, const T* a) {          \
        unaryK<T, T>(op, p, g, lo, la, out, a);                                                                  \
    }                                                                                                            \
    extern "C" __global__ void unary_pred_##sfx(int op, Par p, Geo g, Lay lo, Lay la, bool* out, const T* a) {  \
        unaryK<T, bool>(op, p, g, lo, la, out, a);                                                               \
    }                                                                                                            \
    extern "C" __global__ void binary_##sfx(int op, Par p, Geo g, Lay lo, Lay la, Lay lb, T* out, const T* a,   \
                                            const T* b) {                                                        \
        binaryK<T, T>(op, p, g, lo, la, lb, out, a, b);                                                          \
    }                                                                                                            \
    extern "C" __global__ void binary_pred_##sfx(int op, Par p, Geo g, Lay lo, Lay la, Lay lb, bool* out,       \
                                                 const T* a, const T* b) {                                       \
        binaryK<T, bool>(op, p, g, lo, la, lb, out, a, b);                                                       \
    }                                                                                                            \
    extern "C" __global__ void binary_scalar_##sfx(int op, Par p, Geo g, Lay lo, Lay la, T* out, const T* a,     \
                                                   double v, long long lv, int useLong, int first) {             \
        binaryScalarK<T, T>(op, p, g, lo, la, out, a, v, lv, useLong, first);                                    \
    }                                                                                                            \
    extern "C" __global__ void binary_scalar_pred_##sfx(int op, Par p, Geo g, Lay lo, Lay la, bool* out,        \
                                                        const T* a, double v, long long lv, int useLong,        \
                                                        int first) {                                             \
        binaryScalarK<T, bool>(op, p, g, lo, la, out, a, v, lv, useLong, first);                                 \
    }                                                                                                            \
    extern "C" __global__ void ternary_##sfx(int op, Par p, Geo g, Lay lo, Lay la, Lay lb, Lay lc, T* out,      \
                                             const T* a, const T* b, const T* c) {                               \
        ternaryK<T>(op, p, g, lo, la, lb, lc, out, a, b, c);                                                     \
    }                                                                                                            \
    extern "C" __global__ void where_##sfx(Geo g, Lay lo, Lay lc, Lay la, Lay lb, T* out, const bool* cond,     \
                                           const T* a, const T* b) {                                             \
        whereK<T>(g, lo, lc, la, lb, out, cond, a, b);                                                           \
    }                                                                                                            \
    extern "C" __global__ void fill_##sfx(Geo g, Lay lo, T* out, double v, long long lv, int useLong) {         \
        fillK<T>(g, lo, out, v, lv, useLong);                                                                    \
    }
FOR_ALL_DTYPES(ELEMENTWISE)

