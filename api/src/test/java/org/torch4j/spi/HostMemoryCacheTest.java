package org.torch4j.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.torch4j.DType;

/** Host arrays of freed storages are reused: zeroed by allocate, as left by allocateUninitialized; never wrapped ones. */
class HostMemoryCacheTest {
    private static final int N = 10_000; // 40 KB of floats: above the cache's lower bound

    @BeforeEach
    void empty() {
        HostStorage.emptyCache();
    }

    @Test
    void aFreedArrayIsReusedByTheNextAllocationOfItsTypeAndLength() {
        HostStorage a = HostStorage.allocate(DType.FLOAT32, N);
        float[] array = a.floats();
        Arrays.fill(array, 7f);
        a.release();
        assertEquals(4L * N, HostStorage.cachedBytes());
        assertThrows(IllegalStateException.class, a::floats);

        HostStorage otherLength = HostStorage.allocateUninitialized(DType.FLOAT32, N + 1);
        HostStorage otherType = HostStorage.allocateUninitialized(DType.INT32, N);
        assertNotSame(array, otherLength.array());
        assertNotSame(array, otherType.array());

        HostStorage b = HostStorage.allocateUninitialized(DType.FLOAT32, N);
        assertSame(array, b.floats());
        // as left, or NaN in the test run that poisons uninitialized memory (docs/development.md)
        float expected = Boolean.getBoolean("torch4j.debug.poisonEmpty") ? Float.NaN : 7f;
        assertEquals(expected, b.floats()[N - 1], "uninitialized memory keeps what was there");
        assertEquals(0L, HostStorage.cachedBytes());
        b.release();

        HostStorage c = HostStorage.allocate(DType.FLOAT32, N);
        assertSame(array, c.floats());
        for (float v : c.floats()) assertEquals(0f, v, "allocate zeroes a reused array");
    }

    @Test
    void storagesOfOneLengthServeEveryDtypeOfThatArrayType() {
        HostStorage half = HostStorage.allocate(DType.FLOAT16, 3 * N);
        short[] array = half.shorts();
        half.release();
        HostStorage bf = HostStorage.allocateUninitialized(DType.BFLOAT16, 3 * N);
        assertSame(array, bf.shorts());
        assertEquals(DType.BFLOAT16, bf.dtype());
    }

    @Test
    void wrappedArraysAndSmallArraysAreNeverKept() {
        float[] mine = new float[N];
        HostStorage w = HostStorage.wrap(DType.FLOAT32, mine);
        w.release();
        HostStorage small = HostStorage.allocate(DType.FLOAT32, 100);
        small.release();
        assertEquals(0L, HostStorage.cachedBytes());
        assertNotSame(mine, HostStorage.allocateUninitialized(DType.FLOAT32, N).array());
    }

    @Test
    void lengthsWhoseArraysWereTakenLeaveNoEntry() {
        for (int i = 0; i < 50; i++) HostStorage.allocate(DType.FLOAT32, N + i).release();
        assertEquals(50, HostMemoryCache.entries());
        for (int i = 0; i < 50; i++) HostStorage.allocateUninitialized(DType.FLOAT32, N + i);
        assertEquals(0, HostMemoryCache.entries());
        assertEquals(0L, HostStorage.cachedBytes());
    }

    @Test
    void aStorageStillReferencedIsNotFreed() {
        HostStorage a = HostStorage.allocate(DType.FLOAT64, N);
        a.retain();  // a view
        a.release();
        assertEquals(0L, HostStorage.cachedBytes());
        a.release();
        assertEquals(8L * N, HostStorage.cachedBytes());
        HostStorage.emptyCache();
        assertEquals(0L, HostStorage.cachedBytes());
    }
}
