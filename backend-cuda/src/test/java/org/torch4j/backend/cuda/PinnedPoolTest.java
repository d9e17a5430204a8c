package org.torch4j.backend.cuda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The staging pool's reuse rules against a fake driver whose "copies" finish when the test says so. */
class PinnedPoolTest {

    static final class FakeBuffer implements PinnedPool.Buffer {
        final long size;
        boolean pending;
        int waits;

        FakeBuffer(long size) {
            this.size = size;
        }

        @Override
        public long size() {
            return size;
        }

        @Override
        public ByteBuffer bytes() {
            return ByteBuffer.allocate(16);
        }

        @Override
        public void recordUse() {
            pending = true;
        }

        @Override
        public boolean inUse() {
            return pending;
        }

        @Override
        public void awaitUnused() {
            waits++;
            pending = false;
        }
    }

    static final class FakeHost implements PinnedPool.Host<FakeBuffer> {
        final long limit;
        long held;
        final List<FakeBuffer> freed = new ArrayList<>();
        int allocations;

        FakeHost(long limit) {
            this.limit = limit;
        }

        @Override
        public FakeBuffer allocate(long bytes) {
            if (held + bytes > limit) return null;
            held += bytes;
            allocations++;
            return new FakeBuffer(bytes);
        }

        @Override
        public void free(FakeBuffer buffer) {
            held -= buffer.size;
            freed.add(buffer);
        }
    }

    private static final long MB = 1L << 20;

    private static FakeBuffer use(PinnedPool<FakeBuffer> pool, long bytes) {
        FakeBuffer b = pool.acquire(bytes);
        if (b != null) {
            b.recordUse();
            pool.release(b);
        }
        return b;
    }

    @Test
    void sizesRoundUpToPowersOfTwoFromOneMebibyte() {
        assertEquals(MB, PinnedPool.roundedSize(1));
        assertEquals(MB, PinnedPool.roundedSize(MB));
        assertEquals(2 * MB, PinnedPool.roundedSize(MB + 1));
        assertEquals(64 * MB, PinnedPool.roundedSize(38_535_168)); // a batch of 64 images 3x224x224 in float32
    }

    @Test
    void aBufferIsReusedOnlyAfterItsCopyFinished() {
        FakeHost host = new FakeHost(1L << 40);
        PinnedPool<FakeBuffer> pool = new PinnedPool<>(host, 1L << 30);
        FakeBuffer first = use(pool, 3 * MB);
        FakeBuffer second = use(pool, 3 * MB); // the first copy is still queued: a second buffer
        assertNotSame(first, second);
        assertEquals(2, host.allocations);
        first.pending = false; // its copy finished
        assertSame(first, use(pool, 4 * MB), "same size class, idle");
        assertEquals(2, host.allocations);
        assertEquals(8 * MB, pool.reservedBytes());
    }

    @Test
    void atCapacityItWaitsForTheOldestBufferOfTheSize() {
        FakeHost host = new FakeHost(1L << 40);
        PinnedPool<FakeBuffer> pool = new PinnedPool<>(host, 8 * MB);
        FakeBuffer a = use(pool, 4 * MB);
        FakeBuffer b = use(pool, 4 * MB);
        FakeBuffer c = use(pool, 4 * MB); // no room for a third: waits for a, the oldest
        assertSame(a, c);
        assertEquals(1, a.waits);
        assertEquals(0, b.waits);
        assertEquals(2, host.allocations);
    }

    @Test
    void atCapacityIdleBuffersOfOtherSizesAreFreedToMakeRoom() {
        FakeHost host = new FakeHost(1L << 40);
        PinnedPool<FakeBuffer> pool = new PinnedPool<>(host, 8 * MB);
        FakeBuffer small = use(pool, MB);
        FakeBuffer mid = use(pool, 4 * MB);
        small.pending = false;
        mid.pending = false;
        FakeBuffer big = use(pool, 8 * MB);
        assertTrue(big != null && big.size() == 8 * MB);
        assertEquals(List.of(small, mid), host.freed);
        assertEquals(8 * MB, pool.reservedBytes());
    }

    @Test
    void whatCannotBeServedIsRefusedSoTheCallerCopiesSynchronously() {
        FakeHost host = new FakeHost(1L << 40);
        PinnedPool<FakeBuffer> pool = new PinnedPool<>(host, 8 * MB);
        assertNull(pool.acquire(9 * MB), "larger than the pool");
        FakeBuffer busy = use(pool, 4 * MB);
        assertNull(use(pool, 8 * MB), "the only buffer is busy and of another size");
        assertTrue(busy.pending, "no wait for a buffer it cannot use");
        FakeHost tight = new FakeHost(2 * MB);
        PinnedPool<FakeBuffer> limited = new PinnedPool<>(tight, 1L << 30);
        FakeBuffer one = use(limited, 2 * MB);
        assertNull(use(limited, 2 * MB), "the driver refuses more pinned memory and nothing is idle");
        one.pending = false;
        assertSame(one, use(limited, 2 * MB));
    }
}
