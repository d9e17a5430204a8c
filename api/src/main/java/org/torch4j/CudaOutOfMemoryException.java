package org.torch4j;

/**
 * A CUDA device ran out of memory ({@code torch.cuda.OutOfMemoryError}). Raised only after the
 * allocator freed its cached blocks and the garbage collector gave unreachable tensors back; the
 * message states the figures as PyTorch does.
 */
public class CudaOutOfMemoryException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** Bytes asked for, rounded as the allocator rounds. */
    private final long requested;
    /** Bytes held by live tensors when the request failed. */
    private final long allocated;
    /** Bytes held from the driver when the request failed. */
    private final long reserved;
    /** The device's capacity in bytes, or -1 when unknown. */
    private final long total;
    /** Free device memory in bytes as the driver reported it, or -1 when unknown. */
    private final long free;

    /**
     * An out-of-memory failure with the allocator's figures (the CUDA backend raises it).
     *
     * @param message   the full message
     * @param requested bytes asked for (rounded as the allocator rounds)
     * @param allocated bytes held by live tensors
     * @param reserved  bytes held from the driver
     * @param total     the device's capacity, or -1 when unknown
     * @param free      bytes the driver reported free, or -1 when unknown
     */
    public CudaOutOfMemoryException(String message, long requested, long allocated, long reserved, long total, long free) {
        super(message);
        this.requested = requested;
        this.allocated = allocated;
        this.reserved = reserved;
        this.total = total;
        this.free = free;
    }

    /** Bytes asked for. */
    public long requested() {
        return requested;
    }

    /** Bytes held by live tensors when the request failed. */
    public long allocated() {
        return allocated;
    }

    /** Bytes held from the driver when the request failed. */
    public long reserved() {
        return reserved;
    }

    /** The device's capacity in bytes, or -1. */
    public long total() {
        return total;
    }

    /** Free device memory in bytes as the driver reported it, or -1. */
    public long free() {
        return free;
    }
}
