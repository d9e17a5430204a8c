package org.torch4j.backend.cuda;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.torch4j.DType;
import org.torch4j.spi.HostStorage;
import org.torch4j.spi.Strided;

/** How kernel launches see operands: merged dimensions, slices, and the packed structs. */
class GeometryTest {

    private static Strided view(long[] shape, long[] strides, long offset) {
        return new Strided(HostStorage.allocate(DType.FLOAT32, 1), shape, strides, offset);
    }

    @Test
    void contiguousOperandsBecomeOneDimension() {
        Geometry g = Geometry.of(new long[] {2, 3, 4}, view(new long[] {2, 3, 4}, new long[] {12, 4, 1}, 5),
                view(new long[] {2, 3, 4}, new long[] {12, 4, 1}, 0));
        assertArrayEquals(new long[] {24}, g.shape);
        assertArrayEquals(new long[] {1}, g.strides[0]);
        assertEquals(5, g.offsets[0]);
        assertEquals(24, g.numel());
    }

    @Test
    void aTransposedOrBroadcastOperandKeepsItsDimensions() {
        // out [4, 3] contiguous, a = b^T (strides 1, 4), c broadcast along dim 0 (stride 0), size-1 dims dropped
        long[] shape = {4, 1, 3};
        Geometry g = Geometry.of(shape, view(shape, new long[] {3, 3, 1}, 0), view(shape, new long[] {1, 99, 4}, 0),
                view(shape, new long[] {0, 0, 1}, 0));
        assertArrayEquals(new long[] {4, 3}, g.shape);
        assertArrayEquals(new long[] {3, 1}, g.strides[0]);
        assertArrayEquals(new long[] {1, 4}, g.strides[1]);
        assertArrayEquals(new long[] {0, 1}, g.strides[2]);
    }

    @Test
    void packsTheGeoAndLayStructs() {
        Geometry g = Geometry.exact(new long[] {2, 5}, new long[][] {{10, 2}}, new long[] {7});
        assertArrayEquals(new long[] {10, 2, 2, 5, 0, 0, 0, 0, 0, 0}, g.geo());
        assertArrayEquals(new long[] {7, 10, 2, 0, 0, 0, 0, 0, 0}, g.lay(0));
        assertThrows(IllegalArgumentException.class, () -> Geometry.geo(new long[9]));
    }

    @Test
    void moreThanEightDimensionsAreCutIntoSlicesOverTheLeadingOnes() {
        long[] shape = {2, 2, 2, 2, 2, 2, 2, 2, 2, 2};
        long[] strides = new long[10];
        long[] other = new long[10];
        for (int d = 0; d < 10; d++) {
            strides[d] = 1L << (2 * (9 - d));   // every other element: no merging
            other[d] = 1L << (9 - d);
        }
        Geometry g = Geometry.exact(shape, new long[][] {strides, other}, new long[] {0, 3});
        List<Long> firstOffsets = new ArrayList<>();
        long[] total = {0};
        g.forEachSlice(s -> {
            assertEquals(8, s.rank());
            firstOffsets.add(s.offsets[1]);
            total[0] += s.numel();
        });
        assertEquals(4, firstOffsets.size());
        assertEquals(List.of(3L, 3L + 256, 3L + 512, 3L + 768), firstOffsets);
        assertEquals(1024, total[0]);
    }
}
