package org.torch4j.backend.cuda;

import java.util.Comparator;
import org.torch4j.CudaOutOfMemoryException;
import java.util.TreeSet;
import java.util.function.LongFunction;

/**
 * A caching allocator in the manner of PyTorch's {@code CUDACachingAllocator}: device memory is
 * obtained from the driver in segments and handed out in blocks that return to a pool when freed,
 * so a training loop stops calling {@code cuMemAlloc}/{@code cuMemFree} after its first step.
 *
 * <ul>
 *   <li>Sizes round up to multiples of {@value #MIN_BLOCK} bytes.</li>
 *   <li>Requests up to {@value #SMALL_SIZE} bytes come from the small pool, carved out of
 *       {@value #SMALL_SEGMENT}-byte segments; larger ones from the large pool, whose segments are
 *       {@value #LARGE_SEGMENT} bytes for requests under {@value #MIN_LARGE_ALLOC} bytes and the
 *       request rounded up to {@value #ROUND_LARGE} bytes above.</li>
 *   <li>The best-fitting cached block is reused and split when the rest is worth keeping;
 *       freed blocks merge with free neighbours of their segment.</li>
 *   <li>{@link #emptyCache} returns every wholly free segment to the driver.</li>
 *   <li>When the driver is out of memory the allocator frees its cache, then asks the given
 *       {@code reclaim} hook (the backend runs the garbage collector so that tensors' cleaners return
 *       their blocks), and only then fails, with PyTorch's figures in the message.</li>
 * </ul>
 * One allocator serves one device and one stream, so a block freed while kernels still use it can be
 * reused at once: later kernels on the same stream run after them. Thread-safe.
 *
 * <p>{@code -Dtorch4j.cuda.memoryCaching=false} turns the caching off, as PyTorch's
 * {@code PYTORCH_NO_CUDA_MEMORY_CACHING=1}: every block is its own driver allocation of exactly the bytes asked
 * for, freed to the driver at once (which waits for the stream). Slow, but a kernel reading or writing past a
 * tensor then leaves its allocation, which memory checkers (compute-sanitizer, the emulated device built with
 * AddressSanitizer) report.
 */
final class CachingAllocator {

    static final long MIN_BLOCK = 512;
    static final long SMALL_SIZE = 1L << 20;
    static final long SMALL_SEGMENT = 2L << 20;
    static final long MIN_LARGE_ALLOC = 10L << 20;
    static final long LARGE_SEGMENT = 20L << 20;
    static final long ROUND_LARGE = 2L << 20;

    /** A piece of a segment, free or in use; blocks of a segment form an address-ordered list. */
    static final class Block {
        final boolean small;
        long address;
        long size;
        boolean free;
        Block prev;
        Block next;

        Block(boolean small, long address, long size) {
            this.small = small;
            this.address = address;
            this.size = size;
        }

        /** The block's device address. */
        long address() {
            return address;
        }

        /** The block's size in bytes (the rounded request, or more when the rest was not worth splitting off). */
        long size() {
            return size;
        }
    }

    private static final Comparator<Block> BY_SIZE =
            Comparator.comparingLong((Block b) -> b.size).thenComparingLong(b -> b.address);

    private final boolean caching;
    private final DeviceMemory memory;
    private final int device;
    private final Runnable reclaim;
    private final TreeSet<Block> smallPool = new TreeSet<>(BY_SIZE);
    private final TreeSet<Block> largePool = new TreeSet<>(BY_SIZE);
    private long allocated;
    private long maxAllocated;
    private long reserved;
    private long maxReserved;
    private long segments;
    private long driverAllocations;

    /**
     * @param memory  the driver
     * @param device  the device index, for messages
     * @param reclaim run when the device is full, before giving up (may free blocks concurrently)
     */
    CachingAllocator(DeviceMemory memory, int device, Runnable reclaim) {
        this(memory, device, reclaim, !"false".equals(System.getProperty("torch4j.cuda.memoryCaching")));
    }

    /** @param caching false for a driver allocation per block (the class comment) */
    CachingAllocator(DeviceMemory memory, int device, Runnable reclaim, boolean caching) {
        this.caching = caching;
        this.memory = memory;
        this.device = device;
        this.reclaim = reclaim;
    }

    /** Whether freed blocks are kept for reuse (false under {@code -Dtorch4j.cuda.memoryCaching=false}). */
    boolean caching() {
        return caching;
    }

    /** {@code bytes} rounded up to the allocator's granularity. */
    static long roundSize(long bytes) {
        return bytes < MIN_BLOCK ? MIN_BLOCK : (bytes + MIN_BLOCK - 1) / MIN_BLOCK * MIN_BLOCK;
    }

    /** The segment size requested from the driver for a rounded request. */
    static long segmentSize(long rounded) {
        if (rounded <= SMALL_SIZE) return SMALL_SEGMENT;
        if (rounded < MIN_LARGE_ALLOC) return LARGE_SEGMENT;
        return (rounded + ROUND_LARGE - 1) / ROUND_LARGE * ROUND_LARGE;
    }

    /** A block of at least {@code bytes}; fails with {@link CudaOutOfMemoryException} when nothing can free enough. */
    Block allocate(long bytes) {
        if (bytes < 0) throw new IllegalArgumentException("negative allocation size " + bytes);
        long size = roundSize(bytes);
        if (!caching) return allocateUncached(bytes, size);
        Block b = tryAllocate(size);
        if (b == null) {
            // cached blocks of the other pool, and tensors that only the garbage collector still holds
            emptyCache();
            b = tryAllocate(size);
        }
        if (b == null) {
            reclaim.run();
            emptyCache();
            b = tryAllocate(size);
        }
        if (b == null) throw outOfMemory(size);
        return b;
    }

    /** Without caching: a driver allocation of exactly {@code bytes} (at least 1), counted as {@code size}. */
    private Block allocateUncached(long bytes, long size) {
        long address = memory.allocate(Math.max(bytes, 1));
        if (address == 0) {
            reclaim.run();
            address = memory.allocate(Math.max(bytes, 1));
        }
        if (address == 0) throw outOfMemory(size);
        synchronized (this) {
            Block b = new Block(size <= SMALL_SIZE, address, size);
            driverAllocations++;
            segments++;
            reserved += size;
            maxReserved = Math.max(maxReserved, reserved);
            allocated += size;
            maxAllocated = Math.max(maxAllocated, allocated);
            return b;
        }
    }

    private synchronized Block tryAllocate(long size) {
        boolean small = size <= SMALL_SIZE;
        TreeSet<Block> pool = small ? smallPool : largePool;
        Block probe = new Block(small, 0, size);
        Block b = pool.ceiling(probe);
        if (b != null) {
            pool.remove(b);
        } else {
            long segment = segmentSize(size);
            long address = memory.allocate(segment);
            if (address == 0) return null;
            driverAllocations++;
            segments++;
            reserved += segment;
            maxReserved = Math.max(maxReserved, reserved);
            b = new Block(small, address, segment);
        }
        long rest = b.size - size;
        if (small ? rest >= MIN_BLOCK : rest > SMALL_SIZE) {
            Block tail = new Block(small, b.address + size, rest);
            tail.free = true;
            tail.prev = b;
            tail.next = b.next;
            if (b.next != null) b.next.prev = tail;
            b.next = tail;
            b.size = size;
            pool.add(tail);
        }
        b.free = false;
        allocated += b.size;
        maxAllocated = Math.max(maxAllocated, allocated);
        return b;
    }

    /** Returns a block to its pool, merging it with free neighbours. */
    synchronized void free(Block b) {
        if (b.free) throw new IllegalStateException("block at 0x" + Long.toHexString(b.address) + " freed twice");
        allocated -= b.size;
        b.free = true;
        if (!caching) {
            memory.release(b.address);
            reserved -= b.size;
            segments--;
            return;
        }
        TreeSet<Block> pool = b.small ? smallPool : largePool;
        if (b.prev != null && b.prev.free) {
            Block p = b.prev;
            pool.remove(p);
            p.size += b.size;
            p.next = b.next;
            if (b.next != null) b.next.prev = p;
            b = p;
        }
        if (b.next != null && b.next.free) {
            Block n = b.next;
            pool.remove(n);
            b.size += n.size;
            b.next = n.next;
            if (n.next != null) n.next.prev = b;
        }
        pool.add(b);
    }

    /** Returns every wholly free segment to the driver ({@code torch.cuda.empty_cache}). */
    synchronized void emptyCache() {
        release(smallPool);
        release(largePool);
    }

    private void release(TreeSet<Block> pool) {
        var it = pool.iterator();
        while (it.hasNext()) {
            Block b = it.next();
            if (b.prev == null && b.next == null) {
                it.remove();
                memory.release(b.address);
                reserved -= b.size;
                segments--;
            }
        }
    }

    /** Bytes in blocks handed out ({@code torch.cuda.memory_allocated}). */
    synchronized long allocatedBytes() {
        return allocated;
    }

    /** The peak of {@link #allocatedBytes} since creation or {@link #resetPeaks}. */
    synchronized long maxAllocatedBytes() {
        return maxAllocated;
    }

    /** Bytes held from the driver, in use or cached ({@code torch.cuda.memory_reserved}). */
    synchronized long reservedBytes() {
        return reserved;
    }

    synchronized long maxReservedBytes() {
        return maxReserved;
    }

    /** The number of segments held from the driver. */
    synchronized long segmentCount() {
        return segments;
    }

    /** How many times the driver was asked for memory (a flat count means blocks are being reused). */
    synchronized long driverAllocations() {
        return driverAllocations;
    }

    synchronized void resetPeaks() {
        maxAllocated = allocated;
        maxReserved = reserved;
    }

    private CudaOutOfMemoryException outOfMemory(long size) {
        long total, free;
        try {
            total = memory.totalBytes();
            free = memory.freeBytes();
        } catch (RuntimeException e) {
            total = -1;
            free = -1;
        }
        LongFunction<String> f = CachingAllocator::format;
        String message;
        synchronized (this) {
            message = "CUDA out of memory. Tried to allocate " + f.apply(size) + " (GPU " + device + "; "
                    + f.apply(total) + " total capacity; " + f.apply(allocated) + " already allocated; "
                    + f.apply(free) + " free; " + f.apply(reserved) + " reserved in total by torch4j). "
                    + "Cached blocks were freed and the garbage collector ran before giving up; close tensors "
                    + "(try-with-resources or Torch.scope()) to release device memory sooner.";
        }
        return new CudaOutOfMemoryException(message, size, allocated, reserved, total, free);
    }

    /** Bytes in PyTorch's style: {@code 20.00 MiB}. */
    static String format(long bytes) {
        if (bytes < 0) return "unknown";
        String[] units = {"bytes", "KiB", "MiB", "GiB", "TiB"};
        double v = bytes;
        int u = 0;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return u == 0 ? bytes + " bytes" : String.format(java.util.Locale.ROOT, "%.2f %s", v, units[u]);
    }
}
