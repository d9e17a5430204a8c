package org.torch4j.backend.cpu.kernels;

import org.torch4j.backend.cpu.Simd;
import org.torch4j.spi.BinaryOp;
import org.torch4j.spi.TernaryOp;
import org.torch4j.spi.UnaryOp;

/**
 * Elementwise kernels over contiguous double runs (double[] arrays with offsets), one loop per op so that
 * each compiles on its own. Predicates write 1 or 0. 
 * A null kernel means the op is not defined for this domain (the api never asks for it).
 */
public final class DoubleKernels {
    private DoubleKernels() {}

    @FunctionalInterface
    public interface Unary {
        void apply(int n, double[] o, int oo, double[] a, int ao, double[] p);
    }

    @FunctionalInterface
    public interface Binary {
        void apply(int n, double[] o, int oo, double[] a, int ao, double[] b, int bo, double[] p);
    }

    @FunctionalInterface
    public interface Ternary {
        void apply(int n, double[] o, int oo, double[] a, int ao, double[] b, int bo, double[] c, int co, double[] p);
    }

    public static Unary unary(UnaryOp op) {
        return switch (op) {
            case NEG -> (n, o, oo, a, ao, p) -> { for (int i = 0; i < n; i++) { double x = a[ao + i]; o[oo + i] = -x; } };
            case ABS -> (n, o, oo, a, ao, p) -> { for (int i = 0; i < n; i++) { double x = a[ao + i]; o[oo + i] = Math.abs(x); } };
            case SIGN -> (n, o, oo, a, ao, p) -> { for (int i = 0; i < n; i++) { double x = a[ao + i]; o[oo + i] = ScalarMath.sign(x); } };
            case RELU -> (n, o, oo, a, ao, p) -> { for (int i = 0; i < n; i++) { double x = a[ao + i]; o[oo + i] = Math.max(x, 0.0); } };
            case FLOOR -> (n, o, oo, a, ao, p) -> { for (int i = 0; i < n; i++) { double x = a[ao + i]; o[oo + i] = Math.floor(x); } };
            case CEIL -> (n, o, oo, a, ao, p) -> { for (int i = 0; i < n; i++) { double x = a[ao + i]; o[oo + i] = Math.ceil(x); } };
            case ROUND -> (n, o, oo, a, ao, p) -> { for (int i = 0; i < n; i++) { double x = a[ao + i]; o[oo + i] = Math.rint(x); } };
            case TRUNC -> (n, o, oo, a, ao, p) -> { for (int i = 0; i < n; i++) { double x = a[ao + i]; o[oo + i] = (x < 0 ? Math.ceil(x) : Math.floor(x)); } };
            case CLAMP -> (n, o, oo, a, ao, p) -> { double p0 = p[0]; double p1 = p[1]; for (int i = 0; i < n; i++) { double x = a[ao + i]; o[oo + i] = ScalarMath.clamp(x, p0, p1); } };
            case FRAC -> (n, o, oo, a, ao, p) -> { for (int i = 0; i < n; i++) { double x = a[ao + i]; o[oo + i] = x - (x < 0 ? Math.ceil(x) : Math.floor(x)); } };
            case EXP -> (n, o, oo, a, ao, p) -> { for (int i = 0; i < n; i++) { double x = a[ao + i]; o[oo + i] = Math.exp(x); } };
            case EXP2 -> (n, o, oo, a, ao, p) -> { for (int i = 0; i < n; i++) { double x = a[ao + i]; o[oo + i] = Math.pow(2.0, x); } };
            case EXPM1 -> (n, o, oo, a, ao, p) -> { for (int i = 0; i < n; i++) { double x = a[ao + i]; o[oo + i] = Math.expm1(x); } };
            case LOG -> (n, o, oo, a, ao, p) -> { for (int i = 0; i < n; i++) { double x = a[ao + i]; o[oo + i] = Math.log(x); } };
            case LOG2 -> (n, o, oo, a, ao, p) -> { for (int i = 0; i < n; i++) { double x = a[ao + i]; o[oo + i] = ScalarMath.log2(x); } };
            case LOG10 -> (n, o, oo, a, ao, p) -> { for (int i = 0; i < n; i++) { double x = a[ao + i]; o[oo + i] = Math.log10(x); } };
            case LOG1P -> (n, o, oo, a, ao, p) -> { for (int i = 0; i < n; i++) { double x = a[ao + i]; o[oo + i] = Math.log1p(x); } };
            case SQRT -> (n, o, oo, a, ao, p) -> { for (int i = 0; i < n; i++) { double x = a[ao + i]; o[oo + i] = Math.sqrt(x); } };
            case RSQRT -> (n, o, oo, a, ao, p) -> { for (int i = 0; i < n; i++) { double x = a[ao + i]; o[oo + i] = 1.0 / Math.sqrt(x); } };
            case RECIPROCAL -> (n, o, oo, a, ao, p) -> { for (int i = 0; i < n; i++) { double x = a[ao + i]; o[oo + i] = 1.0 / x; } };
            case SIN -> (n, o, oo, a, ao, p) -> { for (int i = 0; i < n; i++) { double x = a[ao + i]; o[oo + i] = Math.sin(x); } };
            case COS -> (n, o, oo, a, ao, p) -> { for (int i = 0; i < n; i++) { double x = a[ao + i]; o[oo + i] = Math.cos(x); } };
            case TAN -> (n, o, oo, a, ao, p) -> { for (int i = 0; i < n; i++) { double x = a[ao + i]; o[oo + i] = Math.tan(x); } };
            case ASIN -> (n, o, oo, a, ao, p) -> { for (int i = 0; i < n; i++) { double x = a[ao + i]; o[oo + i] = Math.asin(x); } };
            case ACOS -> (n, o, oo, a, ao, p) -> { for (int i = 0; i < n; i++) { double x = a[ao + i]; o[oo + i] = Math.acos(x); } };
            case ATAN -> (n, o, oo, a, ao, p) -> { for (int i = 0; i < n; i++) { double x = a[ao + i]; o[oo + i] = Math.atan(x); } };
            case SINH -> (n, o, oo, a, ao, p) -> { for (int i = 0; i < n; i++) { double x = a[ao + i]; o[oo + i] = Math.sinh(x); } };
            case COSH -> (n, o, oo, a, ao, p) -> { for (int i = 0; i < n; i++) { double x = a[ao + i]; o[oo + i] = Math.cosh(x); } };
            case TANH -> (n, o, oo, a, ao, p) -> { for (int i = 0; i < n; i++) { double x = a[ao + i]; o[oo + i] = Math.tanh(x); } };
            case ASINH -> (n, o, oo, a, ao, p) -> { for (int i = 0; i < n; i++) { double x = a[ao + i]; o[oo + i] = ScalarMath.asinh(x); } };
            case ACOSH -> (n, o, oo, a, ao, p) -> { for (int i = 0; i < n; i++) { double x = a[ao + i]; o[oo + i] = ScalarMath.acosh(x); } };
            case ATANH -> (n, o, oo, a, ao, p) -> { for (int i = 0; i < n; i++) { double x = a[ao + i]; o[oo + i] = ScalarMath.atanh(x); } };
            case SIGMOID -> (n, o, oo, a, ao, p) -> { for (int i = 0; i < n; i++) { double x = a[ao + i]; o[oo + i] = ScalarMath.sigmoid(x); } };
            case LOG_SIGMOID -> (n, o, oo, a, ao, p) -> { for (int i = 0; i < n; i++) { double x = a[ao + i]; o[oo + i] = ScalarMath.logSigmoid(x); } };
            case ERF -> (n, o, oo, a, ao, p) -> { for (int i = 0; i < n; i++) { double x = a[ao + i]; o[oo + i] = ScalarMath.erf(x); } };
            case ERFC -> (n, o, oo, a, ao, p) -> { for (int i = 0; i < n; i++) { double x = a[ao + i]; o[oo + i] = ScalarMath.erfc(x); } };
            case ERFINV -> (n, o, oo, a, ao, p) -> { for (int i = 0; i < n; i++) { double x = a[ao + i]; o[oo + i] = ScalarMath.erfinv(x); } };
            case LGAMMA -> (n, o, oo, a, ao, p) -> { for (int i = 0; i < n; i++) { double x = a[ao + i]; o[oo + i] = ScalarMath.lgamma(x); } };
            case DIGAMMA -> (n, o, oo, a, ao, p) -> { for (int i = 0; i < n; i++) { double x = a[ao + i]; o[oo + i] = ScalarMath.digamma(x); } };
            case TRIGAMMA -> (n, o, oo, a, ao, p) -> { for (int i = 0; i < n; i++) { double x = a[ao + i]; o[oo + i] = ScalarMath.trigamma(x); } };
            case POLYGAMMA -> (n, o, oo, a, ao, p) -> { int order = (int) p[0]; for (int i = 0; i < n; i++) { double x = a[ao + i]; o[oo + i] = ScalarMath.polygamma(order, x, false); } };
            case GELU -> (n, o, oo, a, ao, p) -> { for (int i = 0; i < n; i++) { double x = a[ao + i]; o[oo + i] = ScalarMath.gelu(x); } };
            case GELU_TANH -> (n, o, oo, a, ao, p) -> { for (int i = 0; i < n; i++) { double x = a[ao + i]; o[oo + i] = ScalarMath.geluTanh(x); } };
            case SILU -> (n, o, oo, a, ao, p) -> { for (int i = 0; i < n; i++) { double x = a[ao + i]; o[oo + i] = x * ScalarMath.sigmoid(x); } };
            case MISH -> (n, o, oo, a, ao, p) -> { for (int i = 0; i < n; i++) { double x = a[ao + i]; o[oo + i] = ScalarMath.mish(x); } };
            case HARDSIGMOID -> (n, o, oo, a, ao, p) -> { for (int i = 0; i < n; i++) { double x = a[ao + i]; o[oo + i] = ScalarMath.hardsigmoid(x); } };
            case HARDSWISH -> (n, o, oo, a, ao, p) -> { for (int i = 0; i < n; i++) { double x = a[ao + i]; o[oo + i] = ScalarMath.hardswish(x); } };
            case SOFTPLUS -> (n, o, oo, a, ao, p) -> { double p0 = p[0]; double p1 = p[1]; for (int i = 0; i < n; i++) { double x = a[ao + i]; o[oo + i] = ScalarMath.softplus(x, p0, p1); } };
            case ELU -> (n, o, oo, a, ao, p) -> { double p0 = p[0]; double p1 = p[1]; double p2 = p[2]; for (int i = 0; i < n; i++) { double x = a[ao + i]; o[oo + i] = ScalarMath.elu(x, p0, p1, p2); } };
            case LEAKY_RELU -> (n, o, oo, a, ao, p) -> { double p0 = p[0]; for (int i = 0; i < n; i++) { double x = a[ao + i]; o[oo + i] = x > 0 ? x : x * p0; } };
            case NAN_TO_NUM -> (n, o, oo, a, ao, p) -> { double p0 = p[0]; double p1 = p[1]; double p2 = p[2]; for (int i = 0; i < n; i++) { double x = a[ao + i]; o[oo + i] = ScalarMath.nanToNum(x, p0, p1, p2); } };
            case ROUND_DECIMALS -> (n, o, oo, a, ao, p) -> { double p0 = p[0]; for (int i = 0; i < n; i++) { double x = a[ao + i]; o[oo + i] = ScalarMath.roundDecimals(x, (int) p0); } };
            case ISNAN -> (n, o, oo, a, ao, p) -> { for (int i = 0; i < n; i++) { double x = a[ao + i]; o[oo + i] = x != x ? 1.0 : 0.0; } };
            case ISINF -> (n, o, oo, a, ao, p) -> { for (int i = 0; i < n; i++) { double x = a[ao + i]; o[oo + i] = Double.isInfinite(x) ? 1.0 : 0.0; } };
            case ISPOSINF -> (n, o, oo, a, ao, p) -> { for (int i = 0; i < n; i++) { double x = a[ao + i]; o[oo + i] = x == Double.POSITIVE_INFINITY ? 1.0 : 0.0; } };
            case ISNEGINF -> (n, o, oo, a, ao, p) -> { for (int i = 0; i < n; i++) { double x = a[ao + i]; o[oo + i] = x == Double.NEGATIVE_INFINITY ? 1.0 : 0.0; } };
            case ISFINITE -> (n, o, oo, a, ao, p) -> { for (int i = 0; i < n; i++) { double x = a[ao + i]; o[oo + i] = Double.isFinite(x) ? 1.0 : 0.0; } };
            case SIGNBIT -> (n, o, oo, a, ao, p) -> { for (int i = 0; i < n; i++) { double x = a[ao + i]; o[oo + i] = Double.doubleToRawLongBits(x) < 0 ? 1.0 : 0.0; } };
            case LOGICAL_NOT -> (n, o, oo, a, ao, p) -> { for (int i = 0; i < n; i++) { double x = a[ao + i]; o[oo + i] = x == 0 ? 1.0 : 0.0; } };
            default -> null;
        };
    }

    public static Binary binary(BinaryOp op) {
        return switch (op) {
            case ADD -> (n, o, oo, a, ao, b, bo, p) -> { double alpha = p[0]; if (alpha == 1) { for (int i = 0; i < n; i++) o[oo + i] = a[ao + i] + b[bo + i]; } else { for (int i = 0; i < n; i++) o[oo + i] = Math.fma(b[bo + i], alpha, a[ao + i]); } };
            case SUB -> (n, o, oo, a, ao, b, bo, p) -> { double alpha = p[0]; if (alpha == 1) { for (int i = 0; i < n; i++) o[oo + i] = a[ao + i] - b[bo + i]; } else { for (int i = 0; i < n; i++) o[oo + i] = Math.fma(b[bo + i], -alpha, a[ao + i]); } };
            case MUL -> (n, o, oo, a, ao, b, bo, p) -> { for (int i = 0; i < n; i++) { double x = a[ao + i], y = b[bo + i]; o[oo + i] = x * y; } };
            case DIV -> (n, o, oo, a, ao, b, bo, p) -> { for (int i = 0; i < n; i++) { double x = a[ao + i], y = b[bo + i]; o[oo + i] = x / y; } };
            case DIV_TRUNC -> (n, o, oo, a, ao, b, bo, p) -> { for (int i = 0; i < n; i++) { double x = a[ao + i], y = b[bo + i]; o[oo + i] = truncD(x / y); } };
            case DIV_FLOOR -> (n, o, oo, a, ao, b, bo, p) -> { for (int i = 0; i < n; i++) { double x = a[ao + i], y = b[bo + i]; o[oo + i] = ScalarMath.divFloor(x, y); } };
            case REMAINDER -> (n, o, oo, a, ao, b, bo, p) -> { for (int i = 0; i < n; i++) { double x = a[ao + i], y = b[bo + i]; o[oo + i] = ScalarMath.remainder(x, y); } };
            case FMOD -> (n, o, oo, a, ao, b, bo, p) -> { for (int i = 0; i < n; i++) { double x = a[ao + i], y = b[bo + i]; o[oo + i] = x % y; } };
            case POW -> (n, o, oo, a, ao, b, bo, p) -> { for (int i = 0; i < n; i++) { double x = a[ao + i], y = b[bo + i]; o[oo + i] = ScalarMath.pow(x, y); } };
            case MAXIMUM -> (n, o, oo, a, ao, b, bo, p) -> { for (int i = 0; i < n; i++) { double x = a[ao + i], y = b[bo + i]; o[oo + i] = Math.max(x, y); } };
            case MINIMUM -> (n, o, oo, a, ao, b, bo, p) -> { for (int i = 0; i < n; i++) { double x = a[ao + i], y = b[bo + i]; o[oo + i] = Math.min(x, y); } };
            case FMAX -> (n, o, oo, a, ao, b, bo, p) -> { for (int i = 0; i < n; i++) { double x = a[ao + i], y = b[bo + i]; o[oo + i] = ScalarMath.fmax(x, y); } };
            case FMIN -> (n, o, oo, a, ao, b, bo, p) -> { for (int i = 0; i < n; i++) { double x = a[ao + i], y = b[bo + i]; o[oo + i] = ScalarMath.fmin(x, y); } };
            case ATAN2 -> (n, o, oo, a, ao, b, bo, p) -> { for (int i = 0; i < n; i++) { double x = a[ao + i], y = b[bo + i]; o[oo + i] = Math.atan2(x, y); } };
            case HYPOT -> (n, o, oo, a, ao, b, bo, p) -> { for (int i = 0; i < n; i++) { double x = a[ao + i], y = b[bo + i]; o[oo + i] = Math.hypot(x, y); } };
            case COPYSIGN -> (n, o, oo, a, ao, b, bo, p) -> { for (int i = 0; i < n; i++) { double x = a[ao + i], y = b[bo + i]; o[oo + i] = Math.copySign(x, y); } };
            case XLOGY -> (n, o, oo, a, ao, b, bo, p) -> { for (int i = 0; i < n; i++) { double x = a[ao + i], y = b[bo + i]; o[oo + i] = ScalarMath.xlogy(x, y); } };
            case EQ -> (n, o, oo, a, ao, b, bo, p) -> { for (int i = 0; i < n; i++) { double x = a[ao + i], y = b[bo + i]; o[oo + i] = x == y ? 1.0 : 0.0; } };
            case NE -> (n, o, oo, a, ao, b, bo, p) -> { for (int i = 0; i < n; i++) { double x = a[ao + i], y = b[bo + i]; o[oo + i] = x != y ? 1.0 : 0.0; } };
            case LT -> (n, o, oo, a, ao, b, bo, p) -> { for (int i = 0; i < n; i++) { double x = a[ao + i], y = b[bo + i]; o[oo + i] = x < y ? 1.0 : 0.0; } };
            case LE -> (n, o, oo, a, ao, b, bo, p) -> { for (int i = 0; i < n; i++) { double x = a[ao + i], y = b[bo + i]; o[oo + i] = x <= y ? 1.0 : 0.0; } };
            case GT -> (n, o, oo, a, ao, b, bo, p) -> { for (int i = 0; i < n; i++) { double x = a[ao + i], y = b[bo + i]; o[oo + i] = x > y ? 1.0 : 0.0; } };
            case GE -> (n, o, oo, a, ao, b, bo, p) -> { for (int i = 0; i < n; i++) { double x = a[ao + i], y = b[bo + i]; o[oo + i] = x >= y ? 1.0 : 0.0; } };
            case LOGICAL_AND -> (n, o, oo, a, ao, b, bo, p) -> { for (int i = 0; i < n; i++) { double x = a[ao + i], y = b[bo + i]; o[oo + i] = x != 0 && y != 0 ? 1.0 : 0.0; } };
            case LOGICAL_OR -> (n, o, oo, a, ao, b, bo, p) -> { for (int i = 0; i < n; i++) { double x = a[ao + i], y = b[bo + i]; o[oo + i] = x != 0 || y != 0 ? 1.0 : 0.0; } };
            case LOGICAL_XOR -> (n, o, oo, a, ao, b, bo, p) -> { for (int i = 0; i < n; i++) { double x = a[ao + i], y = b[bo + i]; o[oo + i] = (x != 0) != (y != 0) ? 1.0 : 0.0; } };
            default -> null;
        };
    }

    public static Ternary ternary(TernaryOp op) {
        return switch (op) {
            case WHERE -> (n, o, oo, a, ao, b, bo, c, co, p) -> { for (int i = 0; i < n; i++) { double x = a[ao + i], y = b[bo + i], z = c[co + i]; o[oo + i] = x != 0 ? y : z; } };
            case LERP -> (n, o, oo, a, ao, b, bo, c, co, p) -> { for (int i = 0; i < n; i++) { double x = a[ao + i], y = b[bo + i], z = c[co + i]; o[oo + i] = ScalarMath.lerp(x, y, z); } };
            // (fused as PyTorch's compiled kernel: fma(v y, z, x))
            case ADDCMUL -> (n, o, oo, a, ao, b, bo, c, co, p) -> { double p0 = p[0]; for (int i = 0; i < n; i++) { double x = a[ao + i], y = b[bo + i], z = c[co + i]; o[oo + i] = Math.fma(p0 * y, z, x); } };
            case ADDCDIV -> (n, o, oo, a, ao, b, bo, c, co, p) -> { double p0 = p[0]; for (int i = 0; i < n; i++) { double x = a[ao + i], y = b[bo + i], z = c[co + i]; o[oo + i] = x + p0 * y / z; } };
            case CLAMP -> (n, o, oo, a, ao, b, bo, c, co, p) -> { for (int i = 0; i < n; i++) { double x = a[ao + i], y = b[bo + i], z = c[co + i]; o[oo + i] = Math.min(Math.max(x, y), z); } };
            default -> null;
        };
    }

    private static double truncD(double v) {
        return v < 0 ? Math.ceil(v) : Math.floor(v);
    }
}
