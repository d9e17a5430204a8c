package org.torch4j.backend.cpu;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.junit.jupiter.api.Test;
import org.torch4j.DType;
import org.torch4j.Tensor;
import org.torch4j.Torch;

/**
 * index_select along the last dim (and x[..., idx]), where each output run gathers one input line through the index
 * vector ({@link Indexing#index}'s row gather): every storage type, repeated and unordered indices, contiguous and
 * transposed inputs, against the elements picked here.
 */
class IndexSelectLastDimTest {

    @Test
    void picksEachLinesElements() {
        Torch.manualSeed(9);
        long[] pick = new long[70];
        for (int i = 0; i < pick.length; i++) pick[i] = (i * 37 + 5) % 50;
        Tensor idx = Torch.tensor(pick, pick.length);
        for (DType t : Operands.ALL) {
            Tensor base = Torch.randn(3, 4, 50).mul(20).to(t);
            for (Tensor x : new Tensor[] {base, base.transpose(0, 1).contiguous().transpose(0, 1)}) {
                double[] v = x.contiguous().toDoubleArray();
                double[] want = new double[3 * 4 * pick.length];
                for (int r = 0; r < 12; r++) {
                    for (int j = 0; j < pick.length; j++) want[r * pick.length + j] = v[r * 50 + (int) pick[j]];
                }
                assertArrayEquals(want, x.indexSelect(2, idx).toDoubleArray(), t + " index_select");
                assertArrayEquals(want, x.indexSelect(-1, idx).contiguous().toDoubleArray(), t + " index_select dim -1");
            }
        }
    }
}
