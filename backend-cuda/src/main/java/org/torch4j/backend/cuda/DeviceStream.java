package org.torch4j.backend.cuda;

import jcuda.driver.CUstream;

/** A driver stream whose handle Java can read, to hand it to libraries bound without JCuda (cuBLAS). */
final class DeviceStream extends CUstream {

    /** The {@code CUstream} handle (0 before {@code cuStreamCreate} filled it in). */
    long address() {
        return getNativePointer();
    }
}
