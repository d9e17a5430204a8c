package org.torch4j.backend.cpu.kernels;

import org.torch4j.backend.cpu.Simd;
import org.torch4j.spi.BinaryOp;
import org.torch4j.spi.TernaryOp;
import org.torch4j.spi.UnaryOp;

/**
 * Elementwise kernels over contiguous long runs (long[] arrays with offsets), one loop per op so that
 * each compiles on its own. Predicates write 1 or 0. 
 * A null kernel means the op is not defined for this domain (the api never asks for it).
 */
public final class LongKernels {
    private LongKernels() {}

    @FunctionalInterface
    public interface Unary {
        void apply(int n, long[] o, int oo, long[] a, int ao, double[] p);
    }

    @FunctionalInterface
    public interface Binary {
        void apply(int n, long[] o, int oo, long[] a, int ao, long[] b, int bo, double[] p);
    }

    @FunctionalInterface
    public interface Ternary {
        void apply(int n, long[] o, int oo, long[] a, int ao, long[] b, int bo, long[] c, int co, double[] p);
    }

    public static Unary unary(UnaryOp op) {
        return switch (op) {
            case NEG -> (n, o, oo, a, ao, p) -> { for (int i = 0; i < n; i++) { long x = a[ao + i]; o[oo + i] = -x; } };
            case ABS -> (n, o, oo, a, ao, p) -> { for (int i = 0; i < n; i++) { long x = a[ao + i]; o[oo + i] = Math.abs(x); } };
            case SIGN -> (n, o, oo, a, ao, p) -> { for (int i = 0; i < n; i++) { long x = a[ao + i]; o[oo + i] = Long.signum(x); } };
            case RELU -> (n, o, oo, a, ao, p) -> { for (int i = 0; i < n; i++) { long x = a[ao + i]; o[oo + i] = Math.max(x, 0L); } };
            case FLOOR -> (n, o, oo, a, ao, p) -> { for (int i = 0; i < n; i++) { long x = a[ao + i]; o[oo + i] = x; } };
            case CEIL -> (n, o, oo, a, ao, p) -> { for (int i = 0; i < n; i++) { long x = a[ao + i]; o[oo + i] = x; } };
            case ROUND -> (n, o, oo, a, ao, p) -> { for (int i = 0; i < n; i++) { long x = a[ao + i]; o[oo + i] = x; } };
            case TRUNC -> (n, o, oo, a, ao, p) -> { for (int i = 0; i < n; i++) { long x = a[ao + i]; o[oo + i] = x; } };
            case CLAMP -> (n, o, oo, a, ao, p) -> { long lo = Double.isNaN(p[0]) ? Long.MIN_VALUE : (long) p[0]; long hi = Double.isNaN(p[1]) ? Long.MAX_VALUE : (long) p[1]; for (int i = 0; i < n; i++) { long x = a[ao + i]; o[oo + i] = x < lo ? (lo > hi ? hi : lo) : x > hi ? hi : x; } };
            case BITWISE_NOT -> (n, o, oo, a, ao, p) -> { for (int i = 0; i < n; i++) { long x = a[ao + i]; o[oo + i] = ~x; } };
            case ISNAN -> (n, o, oo, a, ao, p) -> { for (int i = 0; i < n; i++) { long x = a[ao + i]; o[oo + i] = false ? 1L : 0L; } };
            case ISINF -> (n, o, oo, a, ao, p) -> { for (int i = 0; i < n; i++) { long x = a[ao + i]; o[oo + i] = false ? 1L : 0L; } };
            case ISPOSINF -> (n, o, oo, a, ao, p) -> { for (int i = 0; i < n; i++) { long x = a[ao + i]; o[oo + i] = false ? 1L : 0L; } };
            case ISNEGINF -> (n, o, oo, a, ao, p) -> { for (int i = 0; i < n; i++) { long x = a[ao + i]; o[oo + i] = false ? 1L : 0L; } };
            case ISFINITE -> (n, o, oo, a, ao, p) -> { for (int i = 0; i < n; i++) { long x = a[ao + i]; o[oo + i] = true ? 1L : 0L; } };
            case SIGNBIT -> (n, o, oo, a, ao, p) -> { for (int i = 0; i < n; i++) { long x = a[ao + i]; o[oo + i] = x < 0 ? 1L : 0L; } };
            case LOGICAL_NOT -> (n, o, oo, a, ao, p) -> { for (int i = 0; i < n; i++) { long x = a[ao + i]; o[oo + i] = x == 0 ? 1L : 0L; } };
            default -> null;
        };
    }

    public static Binary binary(BinaryOp op) {
        return switch (op) {
            case ADD -> (n, o, oo, a, ao, b, bo, p) -> { long alpha = (long) p[0]; for (int i = 0; i < n; i++) o[oo + i] = a[ao + i] + alpha * b[bo + i]; };
            case SUB -> (n, o, oo, a, ao, b, bo, p) -> { long alpha = (long) p[0]; for (int i = 0; i < n; i++) o[oo + i] = a[ao + i] - alpha * b[bo + i]; };
            case MUL -> (n, o, oo, a, ao, b, bo, p) -> { for (int i = 0; i < n; i++) { long x = a[ao + i], y = b[bo + i]; o[oo + i] = x * y; } };
            case DIV_TRUNC -> (n, o, oo, a, ao, b, bo, p) -> { for (int i = 0; i < n; i++) { long x = a[ao + i], y = b[bo + i]; if (y == 0) throw new ArithmeticException("ZeroDivisionError"); o[oo + i] = x / y; } };
            case DIV_FLOOR -> (n, o, oo, a, ao, b, bo, p) -> { for (int i = 0; i < n; i++) { long x = a[ao + i], y = b[bo + i]; o[oo + i] = ScalarMath.divFloor(x, y); } };
            case REMAINDER -> (n, o, oo, a, ao, b, bo, p) -> { for (int i = 0; i < n; i++) { long x = a[ao + i], y = b[bo + i]; o[oo + i] = ScalarMath.remainder(x, y); } };
            case FMOD -> (n, o, oo, a, ao, b, bo, p) -> { for (int i = 0; i < n; i++) { long x = a[ao + i], y = b[bo + i]; if (y == 0) throw new ArithmeticException("ZeroDivisionError"); o[oo + i] = x % y; } };
            case POW -> (n, o, oo, a, ao, b, bo, p) -> { for (int i = 0; i < n; i++) { long x = a[ao + i], y = b[bo + i]; o[oo + i] = ScalarMath.pow(x, y); } };
            case MAXIMUM -> (n, o, oo, a, ao, b, bo, p) -> { for (int i = 0; i < n; i++) { long x = a[ao + i], y = b[bo + i]; o[oo + i] = Math.max(x, y); } };
            case MINIMUM -> (n, o, oo, a, ao, b, bo, p) -> { for (int i = 0; i < n; i++) { long x = a[ao + i], y = b[bo + i]; o[oo + i] = Math.min(x, y); } };
            case FMAX -> (n, o, oo, a, ao, b, bo, p) -> { for (int i = 0; i < n; i++) { long x = a[ao + i], y = b[bo + i]; o[oo + i] = Math.max(x, y); } };
            case FMIN -> (n, o, oo, a, ao, b, bo, p) -> { for (int i = 0; i < n; i++) { long x = a[ao + i], y = b[bo + i]; o[oo + i] = Math.min(x, y); } };
            case EQ -> (n, o, oo, a, ao, b, bo, p) -> { for (int i = 0; i < n; i++) { long x = a[ao + i], y = b[bo + i]; o[oo + i] = x == y ? 1L : 0L; } };
            case NE -> (n, o, oo, a, ao, b, bo, p) -> { for (int i = 0; i < n; i++) { long x = a[ao + i], y = b[bo + i]; o[oo + i] = x != y ? 1L : 0L; } };
            case LT -> (n, o, oo, a, ao, b, bo, p) -> { for (int i = 0; i < n; i++) { long x = a[ao + i], y = b[bo + i]; o[oo + i] = x < y ? 1L : 0L; } };
            case LE -> (n, o, oo, a, ao, b, bo, p) -> { for (int i = 0; i < n; i++) { long x = a[ao + i], y = b[bo + i]; o[oo + i] = x <= y ? 1L : 0L; } };
            case GT -> (n, o, oo, a, ao, b, bo, p) -> { for (int i = 0; i < n; i++) { long x = a[ao + i], y = b[bo + i]; o[oo + i] = x > y ? 1L : 0L; } };
            case GE -> (n, o, oo, a, ao, b, bo, p) -> { for (int i = 0; i < n; i++) { long x = a[ao + i], y = b[bo + i]; o[oo + i] = x >= y ? 1L : 0L; } };
            case LOGICAL_AND -> (n, o, oo, a, ao, b, bo, p) -> { for (int i = 0; i < n; i++) { long x = a[ao + i], y = b[bo + i]; o[oo + i] = x != 0 && y != 0 ? 1L : 0L; } };
            case LOGICAL_OR -> (n, o, oo, a, ao, b, bo, p) -> { for (int i = 0; i < n; i++) { long x = a[ao + i], y = b[bo + i]; o[oo + i] = x != 0 || y != 0 ? 1L : 0L; } };
            case LOGICAL_XOR -> (n, o, oo, a, ao, b, bo, p) -> { for (int i = 0; i < n; i++) { long x = a[ao + i], y = b[bo + i]; o[oo + i] = (x != 0) != (y != 0) ? 1L : 0L; } };
            case BITWISE_AND -> (n, o, oo, a, ao, b, bo, p) -> { for (int i = 0; i < n; i++) { long x = a[ao + i], y = b[bo + i]; o[oo + i] = x & y; } };
            case BITWISE_OR -> (n, o, oo, a, ao, b, bo, p) -> { for (int i = 0; i < n; i++) { long x = a[ao + i], y = b[bo + i]; o[oo + i] = x | y; } };
            case BITWISE_XOR -> (n, o, oo, a, ao, b, bo, p) -> { for (int i = 0; i < n; i++) { long x = a[ao + i], y = b[bo + i]; o[oo + i] = x ^ y; } };
            case SHIFT_LEFT -> (n, o, oo, a, ao, b, bo, p) -> { for (int i = 0; i < n; i++) { long x = a[ao + i], y = b[bo + i]; o[oo + i] = x << y; } };
            case SHIFT_RIGHT -> (n, o, oo, a, ao, b, bo, p) -> { for (int i = 0; i < n; i++) { long x = a[ao + i], y = b[bo + i]; o[oo + i] = x >> y; } };
            default -> null;
        };
    }

    public static Ternary ternary(TernaryOp op) {
        return switch (op) {
            case WHERE -> (n, o, oo, a, ao, b, bo, c, co, p) -> { for (int i = 0; i < n; i++) { long x = a[ao + i], y = b[bo + i], z = c[co + i]; o[oo + i] = x != 0 ? y : z; } };
            case ADDCMUL -> (n, o, oo, a, ao, b, bo, c, co, p) -> { long v = (long) p[0]; for (int i = 0; i < n; i++) { long x = a[ao + i], y = b[bo + i], z = c[co + i]; o[oo + i] = x + v * y * z; } };
            case CLAMP -> (n, o, oo, a, ao, b, bo, c, co, p) -> { for (int i = 0; i < n; i++) { long x = a[ao + i], y = b[bo + i], z = c[co + i]; o[oo + i] = Math.min(Math.max(x, y), z); } };
            default -> null;
        };
    }
}
