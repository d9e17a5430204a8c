package org.torch4j.conformance;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.torch4j.Tensor;
import org.torch4j.Torch;

/**
 * Elementwise outputs laid out in memory as their first input of the output's shape when that input is a
 * permuted dense tensor (transposed, channels-last), contiguous otherwise: the strides PyTorch 1.13 gives
 * (printed by {@code x.t().add(1).stride()} and the like), and the values unchanged by the layout.
 */
class ElementwiseLayoutTest {
    private final Tensor x = Torch.arange(12).toFloat().reshape(3, 4);
    private final Tensor y = Torch.ones(4, 3);

    @Test
    void aTransposedFirstInputGivesATransposedOutput() {
        assertArrayEquals(new long[] {1, 4}, x.t().add(1).stride());
        assertArrayEquals(new long[] {1, 4}, x.t().add(y).stride());
        assertArrayEquals(new long[] {1, 4}, x.t().mul(2).stride());
        assertArrayEquals(new long[] {1, 4}, x.t().neg().stride());
        assertArrayEquals(new long[] {1, 4}, x.t().exp().stride());
        assertArrayEquals(new long[] {1, 4}, x.t().sigmoid().stride());
        assertArrayEquals(new long[] {1, 4}, x.t().isnan().stride());
        assertArrayEquals(new long[] {1, 4}, x.t().gt(3).stride());
        assertArrayEquals(new long[] {1, 4}, Torch.where(x.t().gt(3), x.t(), y).stride());
        assertEquals(x.t().contiguous().add(y).toString(), x.t().add(y).toString());
    }

    @Test
    void aContiguousFirstInputOrASliceGivesAContiguousOutput() {
        assertArrayEquals(new long[] {3, 1}, y.add(x.t()).stride());
        Tensor slice = x.narrow(1, 0, 2);
        assertArrayEquals(new long[] {2, 1}, slice.add(1).stride());
        assertEquals("tensor([[ 1.,  2.],\n        [ 5.,  6.],\n        [ 9., 10.]])", slice.add(1).toString());
    }

    @Test
    void channelsLastStaysChannelsLast() {
        Tensor c = Torch.randn(2, 3, 4, 5).permute(0, 2, 3, 1).contiguous().permute(0, 3, 1, 2);
        assertArrayEquals(new long[] {60, 1, 15, 3}, c.relu().stride());
        assertArrayEquals(new long[] {60, 1, 15, 3}, c.add(Torch.randn(3, 1, 1)).stride());
        assertEquals(c.contiguous().relu().toString(), c.relu().toString());
    }

    /** A permuted output is the one tensor over its memory: kept past its scope, nothing else frees it. */
    @Test
    void aPermutedOutputKeptPastItsScopeKeepsItsMemory() {
        Tensor y, z;
        try (var scope = Torch.scope()) {
            y = x.t().add(1).keep();
            z = x.t().clone().keep();
        }
        for (int i = 0; i < 20; i++) Torch.full(new long[] {4, 3}, 7.0);  // would take over memory freed too early
        assertEquals(x.t().contiguous().add(1).toString(), y.toString());
        assertEquals(x.t().contiguous().toString(), z.toString());
        assertArrayEquals(new long[] {1, 4}, z.stride());
    }
}
