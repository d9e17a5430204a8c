package org.torch4j.backend.cuda;

import jcuda.driver.CUdeviceptr;

/**
 * A device pointer whose address Java can read: kernels receive addresses inside structs (the index
 * tensors of advanced indexing), and the allocator does arithmetic on them.
 */
final class DevicePointer extends CUdeviceptr {

    /** The device address this pointer holds (0 before {@code cuMemAlloc} filled it in). */
    long address() {
        return getNativePointer() + getByteOffset();
    }
}
