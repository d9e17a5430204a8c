package org.torch4j.backend.cuda;

/**
 * The driver calls the {@link CachingAllocator} needs: raw device allocations ("segments") and the
 * device's capacity. Behind an interface so that the pool logic is testable without a GPU.
 */
interface DeviceMemory {

    /** Allocates {@code bytes} of device memory; returns its address, or 0 when the device is out of memory. */
    long allocate(long bytes);

    /** Returns a segment obtained from {@link #allocate} to the driver. */
    void release(long address);

    /** The device's total memory in bytes. */
    long totalBytes();

    /** The device memory the driver reports free, in bytes. */
    long freeBytes();
}
