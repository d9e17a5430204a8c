package org.torch4j.backend.cuda;

import org.junit.jupiter.api.Assumptions;
import org.torch4j.Cuda;

/** The CUDA test classes' precondition: without a usable GPU they skip, printing what they skip and why. */
final class RequireCuda {
    private RequireCuda() {}

    /** Skips the calling test class unless CUDA is available, printing "{@code what} skipped: reason". */
    static void orSkip(String what) {
        if (!Cuda.isAvailable()) System.out.println(what + " skipped: " + Cuda.unavailableReason());
        Assumptions.assumeTrue(Cuda.isAvailable(), Cuda::unavailableReason);
    }
}
