package org.torch4j.spi;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.torch4j.DType;
import org.torch4j.Device;

/**
 * The memory behind one or more tensors (a tensor and its views share one storage).
 *
 * <p>Storage is reference counted: each live tensor over it holds one reference, and the memory is
 * freed when the last is closed. Tensors that are never closed are left to the garbage collector;
 * device backends register a {@link java.lang.ref.Cleaner} as the safety net. The storage also
 * carries the version counter that autograd uses to detect in-place changes of saved tensors.
 */
public abstract class Storage {

    private final DType dtype;
    private final long size;
    private final AtomicInteger references = new AtomicInteger(1);
    private volatile int version;
    /** Storages made so far in this process: each one's {@link #serial()} is the count when it was made. */
    private static final AtomicLong MADE = new AtomicLong();
    private final long serial = MADE.incrementAndGet();

    /**
     * A storage of {@code size} elements of {@code dtype}, holding the one reference its first tensor owns.
     *
     * @param dtype the element type
     * @param size  the number of elements
     * @throws IllegalArgumentException if {@code size} is negative
     */
    protected Storage(DType dtype, long size) {
        if (size < 0) throw new IllegalArgumentException("negative storage size " + size);
        this.dtype = dtype;
        this.size = size;
    }

    /**
     * The order in which this storage was made among all storages of the process, so that code can tell memory
     * made after a point from older memory (func's vmap: a tensor made inside the mapped function).
     */
    public final long serial() {
        return serial;
    }

    /** The {@link #serial()} of the storage made last. */
    public static long lastSerial() {
        return MADE.get();
    }

    /** The element type of the memory; complex tensors live in storage of the matching real type. */
    public final DType dtype() {
        return dtype;
    }

    /** Number of elements. */
    public final long size() {
        return size;
    }

    /** The device the memory lives on; every tensor over this storage is on it. */
    public abstract Device device();

    /** The backend that owns this memory, for messages ("the backend X that held it went away"). */
    public abstract String ownerName();

    /** Null while the memory is usable; otherwise why it is not (freed, backend gone). */
    public abstract String unusableReason();

    /** Frees the memory; called once, when the last reference is released. */
    protected abstract void free();

    /** Adds a reference (a new tensor over this storage). */
    public final void retain() {
        references.incrementAndGet();
    }

    /** Drops a reference; the last one frees the memory. */
    public final void release() {
        int left = references.decrementAndGet();
        if (left == 0) free();
        else if (left < 0) references.incrementAndGet();
    }

    /**
     * The number of live references (tensors over this storage that were not closed); for tests and
     * diagnostics.
     */
    public final int referenceCount() {
        return references.get();
    }

    /** The version counter: bumped by every in-place write. */
    public final int version() {
        return version;
    }

    /**
     * Increments the version counter; the api calls it after every in-place write into this memory, so that
     * autograd can tell that a tensor it saved for backward was changed.
     */
    public final void bumpVersion() {
        version++;
    }
}
