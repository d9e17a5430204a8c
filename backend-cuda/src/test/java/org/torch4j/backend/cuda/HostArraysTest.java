package org.torch4j.backend.cuda;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;
import org.torch4j.DType;
import org.torch4j.spi.HostStorage;
import org.torch4j.spi.Strided;

/** Staging of host memory for transfers: strided views packed densely and placed back. */
class HostArraysTest {

    @Test
    void packsATransposedSlicedViewInRowMajorOrder() {
        float[] data = new float[12];
        for (int i = 0; i < 12; i++) data[i] = i;
        HostStorage s = HostStorage.wrap(DType.FLOAT32, data);
        // the [3, 4] matrix transposed, then its rows 1..2: shape [2, 3], strides [1, 4], offset 1
        Strided view = new Strided(s, new long[] {2, 3}, new long[] {1, 4}, 1);
        assertArrayEquals(new float[] {1, 5, 9, 2, 6, 10}, (float[]) HostArrays.pack(view));
        Strided whole = new Strided(s, new long[] {3, 4}, new long[] {4, 1}, 0);
        assertSame(data, HostArrays.pack(whole), "a dense whole array is sent as it is");
    }

    @Test
    void unpacksIntoAStridedViewLeavingTheRestAlone() {
        long[] data = new long[8];
        HostStorage s = HostStorage.wrap(DType.INT64, data);
        Strided everyOther = new Strided(s, new long[] {2, 2}, new long[] {4, 2}, 1);
        HostArrays.unpack(new long[] {7, 8, 9, 10}, everyOther);
        assertArrayEquals(new long[] {0, 7, 0, 8, 0, 9, 0, 10}, data);
        Strided scalar = new Strided(s, new long[0], new long[0], 2);
        HostArrays.unpack(new long[] {-1}, scalar);
        assertArrayEquals(new long[] {0, 7, -1, 8, 0, 9, 0, 10}, data);
        assertArrayEquals(new long[] {-1}, (long[]) HostArrays.pack(scalar));
    }
}
