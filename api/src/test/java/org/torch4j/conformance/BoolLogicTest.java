package org.torch4j.conformance;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.junit.jupiter.api.Test;
import org.torch4j.Tensor;
import org.torch4j.Torch;

/** Logical ops of bool tensors (their byte kernels) through broadcasting, transposed views and masks made by comparisons. */
class BoolLogicTest {

    private static boolean[] bools(Tensor t) {
        long[] v = t.toLong().contiguous().toLongArray();
        boolean[] b = new boolean[v.length];
        for (int i = 0; i < v.length; i++) b[i] = v[i] != 0;
        return b;
    }

    @Test
    void broadcastAndViews() {
        Tensor col = Torch.tensor(new boolean[] {true, false}, 2, 1);
        Tensor row = Torch.tensor(new boolean[] {true, false, true}, 1, 3);
        assertArrayEquals(new boolean[] {true, false, true, false, false, false}, bools(col.logicalAnd(row)));
        assertArrayEquals(new boolean[] {true, true, true, true, false, true}, bools(col.logicalOr(row)));
        assertArrayEquals(new boolean[] {false, true, false, true, false, true}, bools(col.logicalXor(row)));
        Tensor m = Torch.tensor(new boolean[] {true, false, false, true, true, false}, 2, 3).t(); // [3, 2], transposed
        assertArrayEquals(new boolean[] {false, false, true, false, true, true}, bools(m.logicalNot()));
        assertArrayEquals(new boolean[] {true, false, false, false, false, false}, bools(m.logicalAnd(m.logicalNot().logicalNot()).logicalAnd(
                Torch.tensor(new boolean[] {true, false}, 1, 2))));
    }

    @Test
    void masksFromComparisons() {
        Tensor raw = Torch.tensor(new long[] {0, 2, 255, 1}, 4).toByte().ne(0L); // bool [F, T, T, T]
        Tensor other = Torch.tensor(new boolean[] {true, true, false, false}, 4);
        assertArrayEquals(new boolean[] {false, true, false, false}, bools(raw.logicalAnd(other)));
        assertArrayEquals(new boolean[] {true, false, true, true}, bools(raw.logicalXor(other)));
    }
}
