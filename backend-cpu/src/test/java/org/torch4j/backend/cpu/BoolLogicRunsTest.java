package org.torch4j.backend.cpu;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.junit.jupiter.api.Test;
import org.torch4j.DType;
import org.torch4j.Tensor;
import org.torch4j.Torch;

/**
 * logical not, and, or and xor of bool tensors ({@link BoolLogic}; byte lanes in {@link BoolVec}) against the truth
 * values computed here, dense at lengths around the vector width and strided (a transposed view), the module's
 * scalar run covering the loops alone.
 */
class BoolLogicRunsTest {

    @Test
    void denseAndStridedRuns() {
        Torch.manualSeed(5);
        for (int n : new int[] {1, 31, 63, 64, 65, 1000, 4099}) {
            Tensor a = Torch.rand(2, n).lt(0.5), b = Torch.rand(2, n).lt(0.3);
            check(a, b, "dense " + n);
            check(a.t().contiguous().t(), b, "strided " + n);
        }
    }

    private static void check(Tensor a, Tensor b, String what) {
        long[] x = a.to(DType.INT64).toLongArray(), y = b.to(DType.INT64).toLongArray();
        long[] not = new long[x.length], and = new long[x.length], or = new long[x.length], xor = new long[x.length];
        for (int i = 0; i < x.length; i++) {
            not[i] = x[i] == 0 ? 1 : 0;
            and[i] = x[i] != 0 && y[i] != 0 ? 1 : 0;
            or[i] = x[i] != 0 || y[i] != 0 ? 1 : 0;
            xor[i] = (x[i] != 0) != (y[i] != 0) ? 1 : 0;
        }
        assertArrayEquals(not, a.logicalNot().to(DType.INT64).toLongArray(), what + " not");
        assertArrayEquals(and, a.logicalAnd(b).to(DType.INT64).toLongArray(), what + " and");
        assertArrayEquals(or, a.logicalOr(b).to(DType.INT64).toLongArray(), what + " or");
        assertArrayEquals(xor, a.logicalXor(b).to(DType.INT64).toLongArray(), what + " xor");
    }
}
