package org.torch4j.backend.cpu;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.junit.jupiter.api.Test;
import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.nn.F;

/** The short forms of {@code F}'s pooling and embedding calls are PyTorch's defaults of the full ones. */
class FunctionalOverloadsTest {

    @Test
    void shortFormsTakePyTorchsDefaults() {
        Torch.manualSeed(9);
        Tensor x = Torch.randn(2, 3, 11, 9);
        long[] one = {1};
        assertArrayEquals(F.maxPool2d(x, new long[] {3}, new long[] {2, 2}, one, one, false).toFloatArray(),
                F.maxPool2d(x, 3, 2, 1).toFloatArray(), 0f);
        assertArrayEquals(F.avgPool2d(x, new long[] {3}, new long[] {2, 2}, one, false, true, null).toFloatArray(),
                F.avgPool2d(x, 3, 2, 1).toFloatArray(), 0f);
        // [2, 3, 11, 9] pooled 3/2/1: floor((11 + 2 - 3) / 2) + 1 = 6 rows, 5 columns
        assertArrayEquals(new long[] {2, 3, 6, 5}, F.maxPool2d(x, 3, 2, 1).shape());
        Tensor weight = Torch.randn(10, 4), idx = Torch.tensor(new long[] {4, 0, 9}, 3);
        assertArrayEquals(weight.narrow(0, 4, 1).toFloatArray(), F.embedding(idx, weight).narrow(0, 0, 1).toFloatArray(), 0f);
        assertArrayEquals(F.embedding(idx, weight, null).toFloatArray(), F.embedding(idx, weight).toFloatArray(), 0f);
    }
}
