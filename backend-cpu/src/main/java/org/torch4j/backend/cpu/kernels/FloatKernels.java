package org.torch4j.backend.cpu.kernels;

import org.torch4j.backend.cpu.Simd;
import org.torch4j.spi.BinaryOp;
import org.torch4j.spi.TernaryOp;
import org.torch4j.spi.UnaryOp;

/**
 * Elementwise kernels over contiguous float runs (float[] arrays with offsets), one loop per op so that
 * each compiles on its own. Predicates write 1 or 0. Ops with a SIMD loop in FloatVec use it when the Vector API is available; the others compute in double and round
 * (hardsigmoid and hardswish in float, as PyTorch's float kernels and the SIMD loops).
 * A null kernel means the op is not defined for this domain (the api never asks for it).
 */
public final class FloatKernels {
    private FloatKernels() {}

    @FunctionalInterface
    public interface Unary {
        void apply(int n, float[] o, int oo, float[] a, int ao, double[] p);
    }

    @FunctionalInterface
    public interface Binary {
        void apply(int n, float[] o, int oo, float[] a, int ao, float[] b, int bo, double[] p);
    }

    @FunctionalInterface
    public interface Ternary {
        void apply(int n, float[] o, int oo, float[] a, int ao, float[] b, int bo, float[] c, int co, double[] p);
    }

    public static Unary unary(UnaryOp op) {
        boolean simd = Simd.ENABLED;
        return switch (op) {
            case NEG -> simd ? FloatVec::neg : (n, o, oo, a, ao, p) -> { for (int i = 0; i < n; i++) { float x = a[ao + i]; o[oo + i] = -x; } };
            case ABS -> simd ? FloatVec::abs : (n, o, oo, a, ao, p) -> { for (int i = 0; i < n; i++) { float x = a[ao + i]; o[oo + i] = Math.abs(x); } };
            case SIGN -> simd ? FloatVec::sign : (n, o, oo, a, ao, p) -> { for (int i = 0; i < n; i++) { double x = a[ao + i]; o[oo + i] = (float) (ScalarMath.sign(x)); } };
            case RELU -> simd ? FloatVec::relu : (n, o, oo, a, ao, p) -> { for (int i = 0; i < n; i++) { float x = a[ao + i]; o[oo + i] = Math.max(x, 0f); } };
            case FLOOR -> simd ? FloatVec::floor : (n, o, oo, a, ao, p) -> { for (int i = 0; i < n; i++) { double x = a[ao + i]; o[oo + i] = (float) (Math.floor(x)); } };
            case CEIL -> simd ? FloatVec::ceil : (n, o, oo, a, ao, p) -> { for (int i = 0; i < n; i++) { double x = a[ao + i]; o[oo + i] = (float) (Math.ceil(x)); } };
            case ROUND -> simd ? FloatVec::rint : (n, o, oo, a, ao, p) -> { for (int i = 0; i < n; i++) { double x = a[ao + i]; o[oo + i] = (float) (Math.rint(x)); } };
            case TRUNC -> simd ? FloatVec::trunc : (n, o, oo, a, ao, p) -> { for (int i = 0; i < n; i++) { double x = a[ao + i]; o[oo + i] = (float) ((x < 0 ? Math.ceil(x) : Math.floor(x))); } };
            case CLAMP -> simd ? FloatVec::clamp : (n, o, oo, a, ao, p) -> { double p0 = p[0]; double p1 = p[1]; for (int i = 0; i < n; i++) { double x = a[ao + i]; o[oo + i] = (float) (ScalarMath.clamp(x, p0, p1)); } };
            case FRAC -> simd ? FloatVec::frac : (n, o, oo, a, ao, p) -> { for (int i = 0; i < n; i++) { double x = a[ao + i]; o[oo + i] = (float) (x - (x < 0 ? Math.ceil(x) : Math.floor(x))); } };
            case EXP -> simd ? FloatVec::exp : (n, o, oo, a, ao, p) -> { for (int i = 0; i < n; i++) { double x = a[ao + i]; o[oo + i] = (float) (Math.exp(x)); } };
            case EXP2 -> (n, o, oo, a, ao, p) -> { for (int i = 0; i < n; i++) { double x = a[ao + i]; o[oo + i] = (float) (Math.pow(2.0, x)); } };
            case EXPM1 -> simd ? FloatVec::expm1 : (n, o, oo, a, ao, p) -> { for (int i = 0; i < n; i++) { double x = a[ao + i]; o[oo + i] = (float) (Math.expm1(x)); } };
            case LOG -> simd ? FloatVec::log : (n, o, oo, a, ao, p) -> { for (int i = 0; i < n; i++) { double x = a[ao + i]; o[oo + i] = (float) (Math.log(x)); } };
            case LOG2 -> (n, o, oo, a, ao, p) -> { for (int i = 0; i < n; i++) { double x = a[ao + i]; o[oo + i] = (float) (ScalarMath.log2(x)); } };
            case LOG10 -> (n, o, oo, a, ao, p) -> { for (int i = 0; i < n; i++) { double x = a[ao + i]; o[oo + i] = (float) (Math.log10(x)); } };
            case LOG1P -> simd ? FloatVec::log1p : (n, o, oo, a, ao, p) -> { for (int i = 0; i < n; i++) { double x = a[ao + i]; o[oo + i] = (float) (Math.log1p(x)); } };
            case SQRT -> simd ? FloatVec::sqrt : (n, o, oo, a, ao, p) -> { for (int i = 0; i < n; i++) { double x = a[ao + i]; o[oo + i] = (float) (Math.sqrt(x)); } };
            case RSQRT -> simd ? FloatVec::rsqrt : (n, o, oo, a, ao, p) -> { for (int i = 0; i < n; i++) { double x = a[ao + i]; o[oo + i] = (float) (1.0 / Math.sqrt(x)); } };
            case RECIPROCAL -> simd ? FloatVec::reciprocal : (n, o, oo, a, ao, p) -> { for (int i = 0; i < n; i++) { float x = a[ao + i]; o[oo + i] = 1f / x; } };
            case SIN -> simd ? FloatVec::sin : (n, o, oo, a, ao, p) -> { for (int i = 0; i < n; i++) { double x = a[ao + i]; o[oo + i] = (float) (Math.sin(x)); } };
            case COS -> simd ? FloatVec::cos : (n, o, oo, a, ao, p) -> { for (int i = 0; i < n; i++) { double x = a[ao + i]; o[oo + i] = (float) (Math.cos(x)); } };
            case TAN -> (n, o, oo, a, ao, p) -> { for (int i = 0; i < n; i++) { double x = a[ao + i]; o[oo + i] = (float) (Math.tan(x)); } };
            case ASIN -> (n, o, oo, a, ao, p) -> { for (int i = 0; i < n; i++) { double x = a[ao + i]; o[oo + i] = (float) (Math.asin(x)); } };
            case ACOS -> (n, o, oo, a, ao, p) -> { for (int i = 0; i < n; i++) { double x = a[ao + i]; o[oo + i] = (float) (Math.acos(x)); } };
            case ATAN -> (n, o, oo, a, ao, p) -> { for (int i = 0; i < n; i++) { double x = a[ao + i]; o[oo + i] = (float) (Math.atan(x)); } };
            case SINH -> (n, o, oo, a, ao, p) -> { for (int i = 0; i < n; i++) { double x = a[ao + i]; o[oo + i] = (float) (Math.sinh(x)); } };
            case COSH -> (n, o, oo, a, ao, p) -> { for (int i = 0; i < n; i++) { double x = a[ao + i]; o[oo + i] = (float) (Math.cosh(x)); } };
            case TANH -> simd ? FloatVec::tanh : (n, o, oo, a, ao, p) -> { for (int i = 0; i < n; i++) { double x = a[ao + i]; o[oo + i] = (float) (Math.tanh(x)); } };
            case ASINH -> (n, o, oo, a, ao, p) -> { for (int i = 0; i < n; i++) { double x = a[ao + i]; o[oo + i] = (float) (ScalarMath.asinh(x)); } };
            case ACOSH -> (n, o, oo, a, ao, p) -> { for (int i = 0; i < n; i++) { double x = a[ao + i]; o[oo + i] = (float) (ScalarMath.acosh(x)); } };
            case ATANH -> (n, o, oo, a, ao, p) -> { for (int i = 0; i < n; i++) { double x = a[ao + i]; o[oo + i] = (float) (ScalarMath.atanh(x)); } };
            case SIGMOID -> simd ? FloatVec::sigmoid : (n, o, oo, a, ao, p) -> { for (int i = 0; i < n; i++) { double x = a[ao + i]; o[oo + i] = (float) (ScalarMath.sigmoid(x)); } };
            case LOG_SIGMOID -> simd ? FloatVec::logSigmoid : (n, o, oo, a, ao, p) -> { for (int i = 0; i < n; i++) { double x = a[ao + i]; o[oo + i] = (float) (ScalarMath.logSigmoid(x)); } };
            case ERF -> simd ? FloatVec::erf : (n, o, oo, a, ao, p) -> { for (int i = 0; i < n; i++) { double x = a[ao + i]; o[oo + i] = (float) (ScalarMath.erf(x)); } };
            case ERFC -> (n, o, oo, a, ao, p) -> { for (int i = 0; i < n; i++) { double x = a[ao + i]; o[oo + i] = (float) (ScalarMath.erfc(x)); } };
            case ERFINV -> (n, o, oo, a, ao, p) -> { for (int i = 0; i < n; i++) { double x = a[ao + i]; o[oo + i] = (float) (ScalarMath.erfinvForFloat(x)); } };
            case LGAMMA -> (n, o, oo, a, ao, p) -> { for (int i = 0; i < n; i++) { double x = a[ao + i]; o[oo + i] = (float) (ScalarMath.lgamma(x)); } };
            case DIGAMMA -> (n, o, oo, a, ao, p) -> { for (int i = 0; i < n; i++) { double x = a[ao + i]; o[oo + i] = (float) (ScalarMath.digamma(x)); } };
            case TRIGAMMA -> (n, o, oo, a, ao, p) -> { for (int i = 0; i < n; i++) { float x = a[ao + i]; o[oo + i] = ScalarMath.trigamma(x); } };
            case POLYGAMMA -> (n, o, oo, a, ao, p) -> { int order = (int) p[0]; for (int i = 0; i < n; i++) { double x = a[ao + i]; o[oo + i] = (float) (ScalarMath.polygamma(order, x, true)); } };
            case GELU -> simd ? FloatVec::gelu : (n, o, oo, a, ao, p) -> { for (int i = 0; i < n; i++) { double x = a[ao + i]; o[oo + i] = (float) (ScalarMath.gelu(x)); } };
            case GELU_TANH -> simd ? FloatVec::geluTanh : (n, o, oo, a, ao, p) -> { for (int i = 0; i < n; i++) { double x = a[ao + i]; o[oo + i] = (float) (ScalarMath.geluTanh(x)); } };
            case SILU -> simd ? FloatVec::silu : (n, o, oo, a, ao, p) -> { for (int i = 0; i < n; i++) { double x = a[ao + i]; o[oo + i] = (float) (x * ScalarMath.sigmoid(x)); } };
            case MISH -> simd ? FloatVec::mish : (n, o, oo, a, ao, p) -> { for (int i = 0; i < n; i++) { double x = a[ao + i]; o[oo + i] = (float) (ScalarMath.mish(x)); } };
            case HARDSIGMOID -> simd ? FloatVec::hardsigmoid : (n, o, oo, a, ao, p) -> { for (int i = 0; i < n; i++) { float x = a[ao + i]; o[oo + i] = Math.min(Math.max(x + 3f, 0f), 6f) / 6f; } };
            case HARDSWISH -> simd ? FloatVec::hardswish : (n, o, oo, a, ao, p) -> { for (int i = 0; i < n; i++) { float x = a[ao + i]; o[oo + i] = x * Math.min(Math.max(x + 3f, 0f), 6f) / 6f; } };
            case SOFTPLUS -> simd ? FloatVec::softplus : (n, o, oo, a, ao, p) -> { double p0 = p[0]; double p1 = p[1]; for (int i = 0; i < n; i++) { double x = a[ao + i]; o[oo + i] = (float) (ScalarMath.softplus(x, p0, p1)); } };
            case ELU -> simd ? FloatVec::elu : (n, o, oo, a, ao, p) -> { double p0 = p[0]; double p1 = p[1]; double p2 = p[2]; for (int i = 0; i < n; i++) { double x = a[ao + i]; o[oo + i] = (float) (ScalarMath.elu(x, p0, p1, p2)); } };
            case LEAKY_RELU -> simd ? FloatVec::leakyRelu : (n, o, oo, a, ao, p) -> { double p0 = p[0]; for (int i = 0; i < n; i++) { double x = a[ao + i]; o[oo + i] = (float) (x > 0 ? x : x * p0); } };
            case NAN_TO_NUM -> (n, o, oo, a, ao, p) -> { double p0 = p[0]; double p1 = p[1]; double p2 = p[2]; for (int i = 0; i < n; i++) { double x = a[ao + i]; o[oo + i] = (float) (ScalarMath.nanToNum(x, p0, p1, p2)); } };
            case ROUND_DECIMALS -> (n, o, oo, a, ao, p) -> { double p0 = p[0]; for (int i = 0; i < n; i++) { double x = a[ao + i]; o[oo + i] = ScalarMath.roundDecimals((float) x, (int) p0); } };
            case ISNAN -> (n, o, oo, a, ao, p) -> { for (int i = 0; i < n; i++) { float x = a[ao + i]; o[oo + i] = x != x ? 1f : 0f; } };
            case ISINF -> (n, o, oo, a, ao, p) -> { for (int i = 0; i < n; i++) { float x = a[ao + i]; o[oo + i] = Float.isInfinite(x) ? 1f : 0f; } };
            case ISPOSINF -> (n, o, oo, a, ao, p) -> { for (int i = 0; i < n; i++) { float x = a[ao + i]; o[oo + i] = x == Float.POSITIVE_INFINITY ? 1f : 0f; } };
            case ISNEGINF -> (n, o, oo, a, ao, p) -> { for (int i = 0; i < n; i++) { float x = a[ao + i]; o[oo + i] = x == Float.NEGATIVE_INFINITY ? 1f : 0f; } };
            case ISFINITE -> (n, o, oo, a, ao, p) -> { for (int i = 0; i < n; i++) { float x = a[ao + i]; o[oo + i] = Float.isFinite(x) ? 1f : 0f; } };
            case SIGNBIT -> (n, o, oo, a, ao, p) -> { for (int i = 0; i < n; i++) { float x = a[ao + i]; o[oo + i] = Float.floatToRawIntBits(x) < 0 ? 1f : 0f; } };
            case LOGICAL_NOT -> (n, o, oo, a, ao, p) -> { for (int i = 0; i < n; i++) { float x = a[ao + i]; o[oo + i] = x == 0 ? 1f : 0f; } };
            default -> null;
        };
    }

    public static Binary binary(BinaryOp op) {
        boolean simd = Simd.ENABLED;
        return switch (op) {
            case ADD -> simd ? FloatVec::add : (n, o, oo, a, ao, b, bo, p) -> { float alpha = (float) p[0]; if (alpha == 1) { for (int i = 0; i < n; i++) o[oo + i] = a[ao + i] + b[bo + i]; } else { for (int i = 0; i < n; i++) o[oo + i] = Math.fma(b[bo + i], alpha, a[ao + i]); } };
            case SUB -> simd ? FloatVec::sub : (n, o, oo, a, ao, b, bo, p) -> { float alpha = (float) p[0]; if (alpha == 1) { for (int i = 0; i < n; i++) o[oo + i] = a[ao + i] - b[bo + i]; } else { for (int i = 0; i < n; i++) o[oo + i] = Math.fma(b[bo + i], -alpha, a[ao + i]); } };
            case MUL -> simd ? FloatVec::mul : (n, o, oo, a, ao, b, bo, p) -> { for (int i = 0; i < n; i++) { float x = a[ao + i], y = b[bo + i]; o[oo + i] = x * y; } };
            case DIV -> simd ? FloatVec::div : (n, o, oo, a, ao, b, bo, p) -> { for (int i = 0; i < n; i++) { float x = a[ao + i], y = b[bo + i]; o[oo + i] = x / y; } };
            case DIV_TRUNC -> (n, o, oo, a, ao, b, bo, p) -> { for (int i = 0; i < n; i++) { float x = a[ao + i], y = b[bo + i]; o[oo + i] = (float) truncD(x / y); } };
            case DIV_FLOOR -> (n, o, oo, a, ao, b, bo, p) -> { for (int i = 0; i < n; i++) { double x = a[ao + i], y = b[bo + i]; o[oo + i] = (float) (ScalarMath.divFloor(x, y)); } };
            case REMAINDER -> (n, o, oo, a, ao, b, bo, p) -> { for (int i = 0; i < n; i++) { double x = a[ao + i], y = b[bo + i]; o[oo + i] = (float) (ScalarMath.remainder(x, y)); } };
            case FMOD -> (n, o, oo, a, ao, b, bo, p) -> { for (int i = 0; i < n; i++) { float x = a[ao + i], y = b[bo + i]; o[oo + i] = x % y; } };
            case POW -> simd ? FloatVec::pow : (n, o, oo, a, ao, b, bo, p) -> { for (int i = 0; i < n; i++) { double x = a[ao + i], y = b[bo + i]; o[oo + i] = (float) (ScalarMath.pow(x, y)); } };
            case MAXIMUM -> simd ? FloatVec::maximum : (n, o, oo, a, ao, b, bo, p) -> { for (int i = 0; i < n; i++) { float x = a[ao + i], y = b[bo + i]; o[oo + i] = Math.max(x, y); } };
            case MINIMUM -> simd ? FloatVec::minimum : (n, o, oo, a, ao, b, bo, p) -> { for (int i = 0; i < n; i++) { float x = a[ao + i], y = b[bo + i]; o[oo + i] = Math.min(x, y); } };
            case FMAX -> (n, o, oo, a, ao, b, bo, p) -> { for (int i = 0; i < n; i++) { double x = a[ao + i], y = b[bo + i]; o[oo + i] = (float) (ScalarMath.fmax(x, y)); } };
            case FMIN -> (n, o, oo, a, ao, b, bo, p) -> { for (int i = 0; i < n; i++) { double x = a[ao + i], y = b[bo + i]; o[oo + i] = (float) (ScalarMath.fmin(x, y)); } };
            case ATAN2 -> (n, o, oo, a, ao, b, bo, p) -> { for (int i = 0; i < n; i++) { double x = a[ao + i], y = b[bo + i]; o[oo + i] = (float) (Math.atan2(x, y)); } };
            case HYPOT -> (n, o, oo, a, ao, b, bo, p) -> { for (int i = 0; i < n; i++) o[oo + i] = ScalarMath.hypot(a[ao + i], b[bo + i]); };
            case COPYSIGN -> (n, o, oo, a, ao, b, bo, p) -> { for (int i = 0; i < n; i++) { float x = a[ao + i], y = b[bo + i]; o[oo + i] = Math.copySign(x, y); } };
            case XLOGY -> (n, o, oo, a, ao, b, bo, p) -> { for (int i = 0; i < n; i++) { double x = a[ao + i], y = b[bo + i]; o[oo + i] = (float) (ScalarMath.xlogy(x, y)); } };
            case EQ -> simd ? FloatVec::eq : (n, o, oo, a, ao, b, bo, p) -> { for (int i = 0; i < n; i++) { float x = a[ao + i], y = b[bo + i]; o[oo + i] = x == y ? 1f : 0f; } };
            case NE -> simd ? FloatVec::ne : (n, o, oo, a, ao, b, bo, p) -> { for (int i = 0; i < n; i++) { float x = a[ao + i], y = b[bo + i]; o[oo + i] = x != y ? 1f : 0f; } };
            case LT -> simd ? FloatVec::lt : (n, o, oo, a, ao, b, bo, p) -> { for (int i = 0; i < n; i++) { float x = a[ao + i], y = b[bo + i]; o[oo + i] = x < y ? 1f : 0f; } };
            case LE -> simd ? FloatVec::le : (n, o, oo, a, ao, b, bo, p) -> { for (int i = 0; i < n; i++) { float x = a[ao + i], y = b[bo + i]; o[oo + i] = x <= y ? 1f : 0f; } };
            case GT -> simd ? FloatVec::gt : (n, o, oo, a, ao, b, bo, p) -> { for (int i = 0; i < n; i++) { float x = a[ao + i], y = b[bo + i]; o[oo + i] = x > y ? 1f : 0f; } };
            case GE -> simd ? FloatVec::ge : (n, o, oo, a, ao, b, bo, p) -> { for (int i = 0; i < n; i++) { float x = a[ao + i], y = b[bo + i]; o[oo + i] = x >= y ? 1f : 0f; } };
            case LOGICAL_AND -> (n, o, oo, a, ao, b, bo, p) -> { for (int i = 0; i < n; i++) { float x = a[ao + i], y = b[bo + i]; o[oo + i] = x != 0 && y != 0 ? 1f : 0f; } };
            case LOGICAL_OR -> (n, o, oo, a, ao, b, bo, p) -> { for (int i = 0; i < n; i++) { float x = a[ao + i], y = b[bo + i]; o[oo + i] = x != 0 || y != 0 ? 1f : 0f; } };
            case LOGICAL_XOR -> (n, o, oo, a, ao, b, bo, p) -> { for (int i = 0; i < n; i++) { float x = a[ao + i], y = b[bo + i]; o[oo + i] = (x != 0) != (y != 0) ? 1f : 0f; } };
            default -> null;
        };
    }

    public static Ternary ternary(TernaryOp op) {
        boolean simd = Simd.ENABLED;
        return switch (op) {
            case WHERE -> simd ? FloatVec::where : (n, o, oo, a, ao, b, bo, c, co, p) -> { for (int i = 0; i < n; i++) { float x = a[ao + i], y = b[bo + i], z = c[co + i]; o[oo + i] = x != 0 ? y : z; } };
            case LERP -> (n, o, oo, a, ao, b, bo, c, co, p) -> { for (int i = 0; i < n; i++) { float x = a[ao + i], y = b[bo + i], z = c[co + i]; o[oo + i] = Math.abs(z) < 0.5f ? x + z * (y - x) : y - (y - x) * (1 - z); } };
            // (fused as PyTorch's compiled kernel: fma(v y, z, x))
            case ADDCMUL -> simd ? FloatVec::addcmul : (n, o, oo, a, ao, b, bo, c, co, p) -> { float v = (float) p[0]; for (int i = 0; i < n; i++) { float x = a[ao + i], y = b[bo + i], z = c[co + i]; o[oo + i] = Math.fma(v * y, z, x); } };
            case ADDCDIV -> simd ? FloatVec::addcdiv : (n, o, oo, a, ao, b, bo, c, co, p) -> { float v = (float) p[0]; for (int i = 0; i < n; i++) { float x = a[ao + i], y = b[bo + i], z = c[co + i]; o[oo + i] = x + v * y / z; } };
            case CLAMP -> (n, o, oo, a, ao, b, bo, c, co, p) -> { for (int i = 0; i < n; i++) { float x = a[ao + i], y = b[bo + i], z = c[co + i]; o[oo + i] = Math.min(Math.max(x, y), z); } };
            default -> null;
        };
    }

    private static double truncD(double v) {
        return v < 0 ? Math.ceil(v) : Math.floor(v);
    }

    /** {@code o = y <= threshold ? 0 : g} (PyTorch's threshold_backward; a NaN in y passes g). */
    public static void thresholdBackward(int n, float[] o, int oo, float[] g, int go, float[] y, int yo, float threshold) {
        if (Simd.ENABLED) {
            FloatVec.thresholdBackward(n, o, oo, g, go, y, yo, threshold);
            return;
        }
        for (int i = 0; i < n; i++) o[oo + i] = y[yo + i] <= threshold ? 0f : g[go + i];
    }

    /** o = g * GELU'(x), GELU's exact derivative Phi(x) + x phi(x). */
    public static void geluBackward(int n, float[] o, int oo, float[] g, int go, float[] x, int xo) {
        if (Simd.ENABLED) {
            FloatVec.geluBackward(n, o, oo, g, go, x, xo);
            return;
        }
        for (int i = 0; i < n; i++) o[oo + i] = (float) (g[go + i] * ScalarMath.geluDerivative(x[xo + i]));
    }
}
