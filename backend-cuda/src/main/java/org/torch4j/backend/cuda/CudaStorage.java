package org.torch4j.backend.cuda;

import java.lang.ref.Cleaner;
import org.torch4j.DType;
import org.torch4j.Device;
import org.torch4j.spi.Storage;
import org.torch4j.spi.Strided;

/**
 * Device memory behind tensors: one block of the device's caching allocator. Released when the last
 * tensor over it is closed; a {@link Cleaner} returns the block when tensors are dropped unclosed.
 */
final class CudaStorage extends Storage {

    private static final Cleaner CLEANER = Cleaner.create();

    /** The block and who returns it; shared with the cleaner, so it must not refer to the storage. */
    private static final class State implements Runnable {
        final CachingAllocator allocator;
        final CachingAllocator.Block block;
        volatile boolean released;

        State(CachingAllocator allocator, CachingAllocator.Block block) {
            this.allocator = allocator;
            this.block = block;
        }

        @Override
        public synchronized void run() {
            if (released) return;
            released = true;
            allocator.free(block);
        }
    }

    private final CudaDevice device;
    private final State state;
    private final Cleaner.Cleanable cleanable;

    CudaStorage(CudaDevice device, DType dtype, long size) {
        super(dtype, size);
        this.device = device;
        CachingAllocator.Block block = device.allocator.allocate(Math.max(1, size) * dtype.itemSize());
        this.state = new State(device.allocator, block);
        this.cleanable = CLEANER.register(this, state);
    }

    /** The device address of a CUDA operand's first element: its storage's address past its offset. */
    static long firstElement(Strided s) {
        return ((CudaStorage) s.storage()).address() + s.offset() * s.dtype().itemSize();
    }

    /** The device address of element 0. */
    long address() {
        if (state.released) throw new IllegalStateException("the storage was released: its tensor was closed");
        return state.block.address();
    }

    CudaDevice cudaDevice() {
        return device;
    }

    @Override
    public Device device() {
        return new Device("cuda", device.index);
    }

    @Override
    public String ownerName() {
        return "the CUDA backend (cuda:" + device.index + ")";
    }

    @Override
    public String unusableReason() {
        return state.released ? "its device memory was released when the last tensor over it was closed" : null;
    }

    @Override
    protected void free() {
        cleanable.clean();
    }
}
