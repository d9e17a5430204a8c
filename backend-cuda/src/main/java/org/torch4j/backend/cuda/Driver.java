package org.torch4j.backend.cuda;

import jcuda.driver.CUresult;

/** Checks driver return codes: a failed call becomes an exception naming the call and the error. */
final class Driver {
    private Driver() {}

    static void check(int rc, String call) {
        if (rc != CUresult.CUDA_SUCCESS) {
            throw new IllegalStateException("CUDA error: " + call + " failed with " + CUresult.stringFor(rc) + " (" + rc + ")");
        }
    }
}
