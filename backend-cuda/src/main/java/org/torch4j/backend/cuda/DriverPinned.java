package org.torch4j.backend.cuda;

import static jcuda.driver.JCudaDriver.cuEventCreate;
import static jcuda.driver.JCudaDriver.cuEventDestroy;
import static jcuda.driver.JCudaDriver.cuEventQuery;
import static jcuda.driver.JCudaDriver.cuEventRecord;
import static jcuda.driver.JCudaDriver.cuEventSynchronize;
import static jcuda.driver.JCudaDriver.cuMemFreeHost;
import static jcuda.driver.JCudaDriver.cuMemHostAlloc;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import jcuda.Pointer;
import jcuda.driver.CUevent;
import jcuda.driver.CUevent_flags;
import jcuda.driver.CUresult;

/** {@link PinnedPool.Host} on the driver API: {@code cuMemHostAlloc} buffers, each with an event on the device's stream. */
final class DriverPinned implements PinnedPool.Host<DriverPinned.Buffer> {

    /** A page-locked buffer and the event recorded after the last copy queued from it. */
    static final class Buffer implements PinnedPool.Buffer {
        private final CudaDevice device;
        private final long size;
        final Pointer pointer;
        private final ByteBuffer bytes;
        private final CUevent event = new CUevent();

        private Buffer(CudaDevice device, long size, Pointer pointer) {
            this.device = device;
            this.size = size;
            this.pointer = pointer;
            this.bytes = pointer.getByteBuffer(0, size);
            Driver.check(cuEventCreate(event, CUevent_flags.CU_EVENT_DISABLE_TIMING), "cuEventCreate");
        }

        @Override
        public long size() {
            return size;
        }

        @Override
        public ByteBuffer bytes() {
            return bytes.duplicate().order(ByteOrder.nativeOrder()); // a duplicate starts big-endian, at position 0
        }

        @Override
        public void recordUse() {
            device.makeCurrent();
            Driver.check(cuEventRecord(event, device.stream()), "cuEventRecord");
        }

        @Override
        public boolean inUse() {
            device.makeCurrent();
            int rc = cuEventQuery(event);
            if (rc == CUresult.CUDA_ERROR_NOT_READY) return true;
            Driver.check(rc, "cuEventQuery (a copy queued before may have failed)");
            return false;
        }

        @Override
        public void awaitUnused() {
            device.makeCurrent();
            Driver.check(cuEventSynchronize(event), "cuEventSynchronize (a copy queued before may have failed)");
        }
    }

    private final CudaDevice device;

    DriverPinned(CudaDevice device) {
        this.device = device;
    }

    @Override
    public Buffer allocate(long bytes) {
        if (bytes > Integer.MAX_VALUE) return null; // a ByteBuffer addresses at most 2 GiB
        device.makeCurrent();
        Pointer p = new Pointer();
        if (cuMemHostAlloc(p, bytes, 0) != CUresult.CUDA_SUCCESS) return null;
        return new Buffer(device, bytes, p);
    }

    @Override
    public void free(Buffer buffer) {
        device.makeCurrent();
        Driver.check(cuEventDestroy(buffer.event), "cuEventDestroy");
        Driver.check(cuMemFreeHost(buffer.pointer), "cuMemFreeHost");
    }
}
