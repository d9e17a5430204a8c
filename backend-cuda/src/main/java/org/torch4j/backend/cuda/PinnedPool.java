package org.torch4j.backend.cuda;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * Page-locked host buffers for asynchronous uploads, in the manner of PyTorch's
 * {@code CachingHostAllocator}: an upload packs the host tensor into a pinned buffer, queues the copy
 * on the device's stream and returns, so the host does not wait for the GPU's queued work; the buffer
 * is reused once the copy that read it has finished (an event recorded after it).
 *
 * <p>Sizes round up to powers of two from {@value #MIN_SIZE} bytes, so that batches of slightly
 * different sizes share buffers. The pool holds at most {@code capacity} bytes
 * ({@code -Dtorch4j.cuda.pinnedCacheBytes}, default 1 GiB): beyond it, it waits for the oldest buffer
 * of the size asked for, frees idle buffers of other sizes, and when that does not make room either
 * {@link #acquire} returns null and the caller copies synchronously from Java memory. Thread-safe.
 *
 * @param <B> the driver's buffer type
 */
final class PinnedPool<B extends PinnedPool.Buffer> {

    static final long MIN_SIZE = 1L << 20;

    /** A page-locked host buffer with the event of the last copy queued from it. */
    interface Buffer {
        /** The buffer's size in bytes. */
        long size();

        /** The buffer's memory (position 0, limit {@link #size()}). */
        ByteBuffer bytes();

        /** Records, on the device's stream, that the work queued so far reads this buffer. */
        void recordUse();

        /** Whether the work recorded by {@link #recordUse} has not yet finished. */
        boolean inUse();

        /** Waits until the work recorded by {@link #recordUse} has finished. */
        void awaitUnused();
    }

    /** The driver calls the pool needs, behind an interface so that the pool logic is testable without a GPU. */
    interface Host<B extends Buffer> {
        /** Page-locked host memory of {@code bytes}, or null when the driver refuses it. */
        B allocate(long bytes);

        /** Returns a buffer obtained from {@link #allocate} to the driver. */
        void free(B buffer);
    }

    private final Host<B> host;
    private final long capacity;
    /** Buffers not handed out, oldest release first. */
    private final List<B> cached = new ArrayList<>();
    private long reserved;

    PinnedPool(Host<B> host, long capacity) {
        this.host = host;
        this.capacity = capacity;
    }

    /** The size a request of {@code bytes} is served with. */
    static long roundedSize(long bytes) {
        return bytes <= MIN_SIZE ? MIN_SIZE : Long.highestOneBit(bytes - 1) << 1;
    }

    /**
     * A buffer of at least {@code bytes}, not read by any queued copy, to be handed back through
     * {@link #release}; null when the pool cannot serve it within its capacity.
     */
    synchronized B acquire(long bytes) {
        long size = roundedSize(bytes);
        if (size > capacity) return null;
        for (Iterator<B> it = cached.iterator(); it.hasNext(); ) {
            B b = it.next();
            if (b.size() == size && !b.inUse()) {
                it.remove();
                return b;
            }
        }
        if (reserved + size > capacity) {
            B oldest = cached.stream().filter(b -> b.size() == size).findFirst().orElse(null);
            if (oldest != null) {
                cached.remove(oldest);
                oldest.awaitUnused();
                return oldest;
            }
            freeIdle();
            if (reserved + size > capacity) return null;
        }
        B b = host.allocate(size);
        if (b == null) {
            freeIdle();
            b = host.allocate(size);
            if (b == null) return null;
        }
        reserved += size;
        return b;
    }

    /** Hands a buffer back after its copy was queued and recorded with {@link Buffer#recordUse}. */
    synchronized void release(B buffer) {
        cached.add(buffer);
    }

    /** Frees every cached buffer that no queued copy reads. */
    synchronized void freeIdle() {
        for (Iterator<B> it = cached.iterator(); it.hasNext(); ) {
            B b = it.next();
            if (!b.inUse()) {
                it.remove();
                reserved -= b.size();
                host.free(b);
            }
        }
    }

    /** The pinned bytes the pool holds, handed out or cached. */
    synchronized long reservedBytes() {
        return reserved;
    }
}
