package org.torch4j.backend.cpu;

import org.torch4j.DType;
import org.torch4j.spi.BinaryOp;
import org.torch4j.spi.HostStorage;
import org.torch4j.spi.Strided;
import org.torch4j.spi.UnaryOp;

/**
 * The logical ops of bool tensors on their bytes directly. The general kernels compute integer dtypes in long
 * lanes, loading and storing each block through a conversion; masks are bool, and for them that round trip
 * cost 10 to 100 times the work (a million-element {@code logical_not} 2.7 ms, {@code logical_and} 18 ms).
 */
final class BoolLogic {

    private BoolLogic() {}

    /** Whether {@link #unary} computes {@code op} for these operands. */
    static boolean handles(UnaryOp op, Strided out, Strided in) {
        return op == UnaryOp.LOGICAL_NOT && out.dtype() == DType.BOOL && in.dtype() == DType.BOOL;
    }

    /** Whether {@link #binary} computes {@code op} for these operands. */
    static boolean handles(BinaryOp op, Strided out, Strided a, Strided b) {
        boolean logical = op == BinaryOp.LOGICAL_AND || op == BinaryOp.LOGICAL_OR || op == BinaryOp.LOGICAL_XOR;
        return logical && out.dtype() == DType.BOOL && a.dtype() == DType.BOOL && b.dtype() == DType.BOOL;
    }

    static void unary(Strided out, Strided in) {
        byte[] o = bytes(out), x = bytes(in);
        StridedIter.anyOrder(out, in).run(Elementwise.CHEAP_GRAIN, (n, offs, st) -> {
            int oo = offs[0], os = st[0], xo = offs[1], xs = st[1];
            // dense runs without a branch or stride products, which the JIT vectorises (2^21 bools took 2.4 ms)
            if (os == 1 && xs == 1) {
                for (int i = Simd.ENABLED ? BoolVec.not(n, o, oo, x, xo) : 0; i < n; i++) o[oo + i] = (byte) (nonZero(x[xo + i]) ^ 1);
            }
            else for (int i = 0; i < n; i++) o[oo + i * os] = (byte) (x[xo + i * xs] == 0 ? 1 : 0);
        });
    }

    static void binary(BinaryOp op, Strided out, Strided a, Strided b) {
        byte[] o = bytes(out), x = bytes(a), y = bytes(b);
        StridedIter.anyOrder(out, a, b).run(Elementwise.CHEAP_GRAIN, (n, offs, st) -> {
            int oo = offs[0], os = st[0], xo = offs[1], xs = st[1], yo = offs[2], ys = st[2];
            if (os == 1 && xs == 1 && ys == 1) {
                int s0 = Simd.ENABLED ? BoolVec.logical(op, n, o, oo, x, xo, y, yo) : 0;
                switch (op) {
                    case LOGICAL_AND -> { for (int i = s0; i < n; i++) o[oo + i] = (byte) (nonZero(x[xo + i]) & nonZero(y[yo + i])); }
                    case LOGICAL_OR -> { for (int i = s0; i < n; i++) o[oo + i] = (byte) (nonZero(x[xo + i]) | nonZero(y[yo + i])); }
                    default -> { for (int i = s0; i < n; i++) o[oo + i] = (byte) (nonZero(x[xo + i]) ^ nonZero(y[yo + i])); }
                }
                return;
            }
            switch (op) {
                case LOGICAL_AND -> { for (int i = 0; i < n; i++) o[oo + i * os] = (byte) ((x[xo + i * xs] != 0) & (y[yo + i * ys] != 0) ? 1 : 0); }
                case LOGICAL_OR -> { for (int i = 0; i < n; i++) o[oo + i * os] = (byte) ((x[xo + i * xs] != 0) | (y[yo + i * ys] != 0) ? 1 : 0); }
                default -> { for (int i = 0; i < n; i++) o[oo + i * os] = (byte) ((x[xo + i * xs] != 0) ^ (y[yo + i * ys] != 0) ? 1 : 0); }
            }
        });
    }

    /** 1 for a non-zero byte, else 0: the sign bit of {@code b | -b} (as an int) is set exactly when b != 0. */
    private static int nonZero(byte b) {
        return (b | -b) >>> 31;
    }

    private static byte[] bytes(Strided t) {
        return ((HostStorage) t.storage()).bytes();
    }
}
