package org.torch4j.backend.cuda;

import static jcuda.driver.JCudaDriver.cuMemAlloc;
import static jcuda.driver.JCudaDriver.cuMemFree;
import static jcuda.driver.JCudaDriver.cuMemGetInfo;

import java.util.Map;
import java.util.TreeMap;
import jcuda.driver.CUdeviceptr;
import jcuda.driver.CUresult;

/** {@link DeviceMemory} on the driver API: segments from {@code cuMemAlloc}, kept to address them later. */
final class DriverMemory implements DeviceMemory {

    private final CudaDevice device;
    private final TreeMap<Long, DevicePointer> segments = new TreeMap<>();

    DriverMemory(CudaDevice device) {
        this.device = device;
    }

    @Override
    public synchronized long allocate(long bytes) {
        device.makeCurrent();
        DevicePointer p = new DevicePointer();
        int rc = cuMemAlloc(p, bytes);
        if (rc == CUresult.CUDA_ERROR_OUT_OF_MEMORY) return 0;
        Driver.check(rc, "cuMemAlloc(" + bytes + ")");
        segments.put(p.address(), p);
        return p.address();
    }

    @Override
    public synchronized void release(long address) {
        DevicePointer p = segments.remove(address);
        if (p == null) throw new IllegalStateException("not a segment: 0x" + Long.toHexString(address));
        device.makeCurrent();
        Driver.check(cuMemFree(p), "cuMemFree");
    }

    /** A driver pointer to {@code address}, inside one of the segments. */
    synchronized CUdeviceptr pointer(long address) {
        Map.Entry<Long, DevicePointer> e = segments.floorEntry(address);
        if (e == null) throw new IllegalStateException("no segment holds 0x" + Long.toHexString(address));
        return e.getValue().withByteOffset(address - e.getKey());
    }

    @Override
    public long totalBytes() {
        return info()[1];
    }

    @Override
    public long freeBytes() {
        return info()[0];
    }

    private long[] info() {
        device.makeCurrent();
        long[] free = new long[1], total = new long[1];
        Driver.check(cuMemGetInfo(free, total), "cuMemGetInfo");
        return new long[] {free[0], total[0]};
    }
}
