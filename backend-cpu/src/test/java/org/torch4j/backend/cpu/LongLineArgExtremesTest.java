package org.torch4j.backend.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.torch4j.Tensor;
import org.torch4j.Torch;

/**
 * argmax/argmin and max/min with indices along lines longer than a scan block ({@link DomainIO#BLOCK}): the line is
 * read block by block (it was converted whole, an array of the line's length), so the first extreme, the first NaN
 * and ties must come out as along a short line, whichever block they fall in.
 */
class LongLineArgExtremesTest {

    @Test
    void extremesAndNaNInLaterBlocks() {
        int n = 5 * DomainIO.BLOCK + 17;
        for (boolean dbl : new boolean[] {false, true}) {
            Tensor x = Torch.arange(n).toDouble().remainder(1000.0).sub(500.0);
            x = dbl ? x : x.toFloat();
            // the maximum 499 first occurs at 999; a larger one in the fourth block, twice (the first wins)
            x.narrow(0, 3 * DomainIO.BLOCK + 5, 1).fill_(1e6);
            x.narrow(0, 4 * DomainIO.BLOCK + 1, 1).fill_(1e6);
            x.narrow(0, 2 * DomainIO.BLOCK + 7, 1).fill_(-1e6);
            assertEquals(3 * DomainIO.BLOCK + 5, x.argmax().itemLong(), "argmax " + x.dtype());
            assertEquals(2 * DomainIO.BLOCK + 7, x.argmin().itemLong(), "argmin " + x.dtype());
            assertEquals(1e6, x.max(0, false).values().item(), 0.0);
            // a NaN wins from where it stands, for max and min alike
            x.narrow(0, 4 * DomainIO.BLOCK + 3, 1).fill_(Double.NaN);
            assertEquals(4 * DomainIO.BLOCK + 3, x.argmax().itemLong(), "argmax with NaN " + x.dtype());
            assertEquals(4 * DomainIO.BLOCK + 3, x.argmin().itemLong(), "argmin with NaN " + x.dtype());
            // rows of a 2-d tensor, strided (a transposed view)
            Tensor rows = x.narrow(0, 0, 4 * DomainIO.BLOCK).reshape(2, -1).t().contiguous().t();
            assertEquals(3 * DomainIO.BLOCK + 5 - 2 * DomainIO.BLOCK, rows.argmax(1, false).toLongArray()[1], "row argmax " + x.dtype());
        }
    }
}
