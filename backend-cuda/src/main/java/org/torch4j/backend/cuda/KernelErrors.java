package org.torch4j.backend.cuda;

import static jcuda.driver.JCudaDriver.cuMemcpyDtoH;
import static jcuda.driver.JCudaDriver.cuMemsetD8;

import jcuda.Pointer;

/**
 * The device's record of the first index out of range a gather or scatter kernel met ({@code index.cu}'s
 * {@code outOfRange}: flag, index, size and dim in four int64 words of device memory, outside the caching allocator).
 * The kernels skip such an index and go on, since the host does not wait for them; the host reads the record at its
 * next wait for the device (a copy to the host, {@code Cuda.synchronize()}) and raises it there, as PyTorch's
 * device-side checks surface at the next call that waits for the GPU. It is read only when a kernel that may write it
 * was queued since the last read.
 */
final class KernelErrors {

    private static final int BYTES = 4 * Long.BYTES;

    private final CudaDevice device;
    private final long address;
    private volatile boolean queued;

    KernelErrors(CudaDevice device, DeviceMemory memory) {
        this.device = device;
        this.address = memory.allocate(BYTES);
        if (address == 0) throw new IllegalStateException("CUDA out of memory: no " + BYTES + " bytes for the kernels' error record");
        device.makeCurrent();
        Driver.check(cuMemsetD8(device.pointer(address), (byte) 0, BYTES), "cuMemsetD8");
    }

    /** The record's address, for a kernel about to be queued that may write it. */
    CudaDevice.Ptr record() {
        queued = true;
        return new CudaDevice.Ptr(address);
    }

    /** After (or as) the host waits for the device: raises the recorded error, if any, and clears the record. */
    void raise() {
        if (!queued) return;
        // cleared before the read: a kernel queued meanwhile sets it again, one queued before is covered by the read's wait
        queued = false;
        long[] e = new long[4];
        device.makeCurrent();
        Driver.check(cuMemcpyDtoH(Pointer.to(e), device.pointer(address), BYTES), "cuMemcpyDtoH (a kernel queued before may have failed)");
        if (e[0] == 0) return;
        Driver.check(cuMemsetD8(device.pointer(address), (byte) 0, BYTES), "cuMemsetD8");
        throw new IndexOutOfBoundsException("index " + e[1] + " is out of bounds for dimension " + e[3] + " with size " + e[2]
                + " (in a gather or scatter queued on cuda:" + device.index + " before this call, which waited for it; the"
                + " index was skipped)");
    }
}
