package org.torch4j.backend.cuda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.torch4j.CudaOutOfMemoryException;

/** The pool logic of the caching allocator against a fake driver with a fixed capacity. */
class CachingAllocatorTest {

    /** A device of {@code capacity} bytes that hands out addresses and counts driver calls. */
    static final class FakeMemory implements DeviceMemory {
        final long capacity;
        final Map<Long, Long> segments = new HashMap<>();
        long next = 0x7f0000000000L;
        int allocations;
        int releases;

        FakeMemory(long capacity) {
            this.capacity = capacity;
        }

        long used() {
            return segments.values().stream().mapToLong(Long::longValue).sum();
        }

        @Override
        public long allocate(long bytes) {
            if (used() + bytes > capacity) return 0;
            allocations++;
            long a = next;
            next += bytes + (1L << 21);
            segments.put(a, bytes);
            return a;
        }

        @Override
        public void release(long address) {
            if (segments.remove(address) == null) throw new IllegalStateException("unknown segment");
            releases++;
        }

        @Override
        public long totalBytes() {
            return capacity;
        }

        @Override
        public long freeBytes() {
            return capacity - used();
        }
    }

    private static final long MiB = 1L << 20;

    @Test
    void roundsTo512BytesAndChoosesSegmentSizesAsPyTorch() {
        assertEquals(512, CachingAllocator.roundSize(1));
        assertEquals(512, CachingAllocator.roundSize(512));
        assertEquals(1024, CachingAllocator.roundSize(513));
        assertEquals(2 * MiB, CachingAllocator.segmentSize(512));
        assertEquals(2 * MiB, CachingAllocator.segmentSize(MiB));
        assertEquals(20 * MiB, CachingAllocator.segmentSize(MiB + 512));
        assertEquals(20 * MiB, CachingAllocator.segmentSize(10 * MiB - 512));
        assertEquals(10 * MiB, CachingAllocator.segmentSize(10 * MiB));
        assertEquals(12 * MiB, CachingAllocator.segmentSize(10 * MiB + 512));
    }

    /** -Dtorch4j.cuda.memoryCaching=false: a driver allocation of exactly the bytes asked for per block, freed at once. */
    @Test
    void withoutCachingEveryBlockIsItsOwnExactDriverAllocation() {
        FakeMemory mem = new FakeMemory(1L << 30);
        CachingAllocator a = new CachingAllocator(mem, 0, () -> {}, false);
        CachingAllocator.Block x = a.allocate(100), y = a.allocate(3 * MiB + 1);
        assertEquals(Map.of(x.address(), 100L, y.address(), 3 * MiB + 1), mem.segments, "exact sizes, one each");
        assertEquals(512 + 3 * MiB + 512, a.allocatedBytes(), "statistics count the rounded sizes, as with caching");
        assertEquals(a.allocatedBytes(), a.reservedBytes());
        a.free(x);
        assertEquals(1, mem.releases, "freed to the driver at once");
        CachingAllocator.Block z = a.allocate(100);
        assertEquals(3, mem.allocations, "nothing is reused");
        a.free(y);
        a.free(z);
        assertEquals(0, a.allocatedBytes());
        assertEquals(0, a.reservedBytes());
        assertTrue(mem.segments.isEmpty());
        assertEquals(512 + 3 * MiB + 512, a.maxAllocatedBytes());
    }

    @Test
    void smallRequestsShareOneSegmentAndStatisticsFollow() {
        FakeMemory mem = new FakeMemory(1L << 30);
        CachingAllocator a = new CachingAllocator(mem, 0, () -> {}, true);
        CachingAllocator.Block x = a.allocate(4);        // torch.zeros(1): 512 bytes
        CachingAllocator.Block y = a.allocate(1000);     // 1024
        assertEquals(1, mem.allocations, "both come out of one 2 MiB segment");
        assertEquals(512 + 1024, a.allocatedBytes());
        assertEquals(2 * MiB, a.reservedBytes());
        assertEquals(x.address() + 512, y.address(), "the second block is split off the first's segment");
        a.free(x);
        assertEquals(1024, a.allocatedBytes());
        assertEquals(512 + 1024, a.maxAllocatedBytes());
        a.resetPeaks();
        assertEquals(1024, a.maxAllocatedBytes());
        a.free(y);
        assertEquals(0, a.allocatedBytes());
        assertEquals(2 * MiB, a.reservedBytes(), "freed blocks stay cached");
    }

    @Test
    void aLoopThatAllocatesAndFreesTheSameSizesStopsCallingTheDriver() {
        FakeMemory mem = new FakeMemory(1L << 30);
        CachingAllocator a = new CachingAllocator(mem, 0, () -> {}, true);
        long[] sizes = {3 * MiB, 64 * 4, 12 * MiB, 100_000, 25 * MiB};
        for (int step = 0; step < 1000; step++) {
            List<CachingAllocator.Block> live = new ArrayList<>();
            for (long s : sizes) live.add(a.allocate(s));
            for (CachingAllocator.Block b : live) a.free(b);
        }
        // a 20 MiB segment holds the 3 MiB and 12 MiB blocks, a 26 MiB one the 25 MiB block, a 2 MiB one the small two
        assertEquals(3, mem.allocations, "three segments, reused for 1000 steps: " + mem.segments);
        assertEquals(0, a.allocatedBytes());
        assertEquals(a.reservedBytes(), mem.used());
    }

    @Test
    void freedNeighboursMergeSoALargerBlockFitsWithoutANewSegment() {
        FakeMemory mem = new FakeMemory(1L << 30);
        CachingAllocator a = new CachingAllocator(mem, 0, () -> {}, true);
        CachingAllocator.Block b1 = a.allocate(256 * 1024);
        CachingAllocator.Block b2 = a.allocate(256 * 1024);
        CachingAllocator.Block b3 = a.allocate(256 * 1024);
        a.free(b1);
        a.free(b3);
        a.free(b2); // merges with both neighbours: the segment is whole again
        CachingAllocator.Block big = a.allocate(MiB);
        assertEquals(1, mem.allocations);
        assertEquals(b1.address(), big.address());
        assertThrows(IllegalStateException.class, () -> a.free(b2), "a double free is caught");
    }

    @Test
    void largeBlocksAreSplitOnlyWhenTheRestIsWorthKeeping() {
        FakeMemory mem = new FakeMemory(1L << 30);
        CachingAllocator a = new CachingAllocator(mem, 0, () -> {}, true);
        CachingAllocator.Block x = a.allocate(2 * MiB);          // a 20 MiB segment, split
        assertEquals(2 * MiB, x.size());
        CachingAllocator.Block y = a.allocate(17 * MiB + 512 * 1024);  // the 18 MiB rest: split, 512 KiB left over
        assertEquals(1, mem.allocations);
        assertEquals(18 * MiB, y.size(), "a rest of at most 1 MiB stays with the large block");
        assertEquals(20 * MiB, a.allocatedBytes());
    }

    @Test
    void emptyCacheReturnsOnlyWhollyFreeSegments() {
        FakeMemory mem = new FakeMemory(1L << 30);
        CachingAllocator a = new CachingAllocator(mem, 0, () -> {}, true);
        CachingAllocator.Block keep = a.allocate(100);
        CachingAllocator.Block drop = a.allocate(30 * MiB);
        a.free(drop);
        assertEquals(2 * MiB + 30 * MiB, a.reservedBytes());
        a.emptyCache();
        assertEquals(2 * MiB, a.reservedBytes());
        assertEquals(1, mem.releases);
        a.free(keep);
        a.emptyCache();
        assertEquals(0, a.reservedBytes());
        assertEquals(0, mem.used());
    }

    @Test
    void whenTheDeviceIsFullCachedBlocksOfTheOtherPoolAreFreedFirst() {
        FakeMemory mem = new FakeMemory(23 * MiB);
        CachingAllocator a = new CachingAllocator(mem, 0, () -> {}, true);
        CachingAllocator.Block s = a.allocate(1000);
        a.free(s); // a cached 2 MiB small segment
        CachingAllocator.Block big = a.allocate(22 * MiB);
        assertEquals(22 * MiB, big.size());
        assertEquals(1, mem.releases);
    }

    @Test
    void outOfMemoryRunsTheReclaimHookAndThenStatesTheFigures() {
        FakeMemory mem = new FakeMemory(64 * MiB);
        int[] reclaims = {0};
        CachingAllocator a = new CachingAllocator(mem, 3, () -> reclaims[0]++, true);
        a.allocate(40 * MiB);
        CudaOutOfMemoryException e = assertThrows(CudaOutOfMemoryException.class, () -> a.allocate(30 * MiB));
        assertEquals(1, reclaims[0]);
        assertEquals("CUDA out of memory. Tried to allocate 30.00 MiB (GPU 3; 64.00 MiB total capacity; 40.00 MiB already allocated; "
                + "24.00 MiB free; 40.00 MiB reserved in total by torch4j). Cached blocks were freed and the garbage collector ran "
                + "before giving up; close tensors (try-with-resources or Torch.scope()) to release device memory sooner.", e.getMessage());
        assertEquals(30 * MiB, e.requested());
        assertEquals(40 * MiB, e.allocated());
    }

    @Test
    void memoryThatTheReclaimHookFreesIsUsedBeforeFailing() {
        FakeMemory mem = new FakeMemory(64 * MiB);
        List<CachingAllocator.Block> garbage = new ArrayList<>();
        CachingAllocator[] self = new CachingAllocator[1];
        self[0] = new CachingAllocator(mem, 0, () -> { // what a tensor's cleaner does after a GC
            for (CachingAllocator.Block b : garbage) self[0].free(b);
            garbage.clear();
        }, true);
        garbage.add(self[0].allocate(40 * MiB));
        CachingAllocator.Block b = self[0].allocate(40 * MiB);
        assertNotEquals(0, b.address());
        assertTrue(self[0].reservedBytes() <= 64 * MiB);
        assertEquals(40 * MiB, self[0].allocatedBytes());
    }

    @Test
    void formatsBytesAsPyTorch() {
        assertEquals("512 bytes", CachingAllocator.format(512));
        assertEquals("1.50 KiB", CachingAllocator.format(1536));
        assertEquals("79.15 GiB", CachingAllocator.format((long) (79.15 * (1L << 30))));
        assertEquals("unknown", CachingAllocator.format(-1));
    }
}
