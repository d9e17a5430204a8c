package org.torch4j.spi;

/**
 * What a device backend offers beyond kernels: synchronisation, its memory statistics and cache,
 * and device-wide settings. A {@link Backend} implements it too when it has such a runtime (the CUDA
 * backend does); the api's {@code org.torch4j.Cuda} facade reaches it through the
 * {@link BackendRegistry}, so users need no dependency on the backend.
 */
public interface DeviceRuntime {

    /** The number of devices this backend can use. */
    int deviceCount();

    /** Waits until every queued kernel and copy on {@code device} has finished. */
    void synchronize(int device);

    /** Bytes of device memory held by live tensors on {@code device}. */
    long memoryAllocated(int device);

    /** The peak of {@link #memoryAllocated} since start or {@link #resetPeakMemoryStats}. */
    long maxMemoryAllocated(int device);

    /** Bytes the backend holds from the driver on {@code device}, in use or cached. */
    long memoryReserved(int device);

    /** Restarts the peak figures at the current ones. */
    void resetPeakMemoryStats(int device);

    /** Returns cached, unused device memory to the driver on every device. */
    void emptyCache();

    /** Lets float32 matrix products use TF32 tensor cores (PyTorch's {@code allow_tf32}). */
    void setAllowTf32(boolean allow);

    /** Whether float32 matrix products may use TF32. */
    boolean allowTf32();

    /**
     * Lets float32 convolutions (forward and both gradients) use TF32 tensor cores (PyTorch's
     * {@code torch.backends.cudnn.allow_tf32}, on by default there and here).
     */
    void setAllowConvTf32(boolean allow);

    /** Whether float32 convolutions may use TF32. */
    boolean allowConvTf32();
}
