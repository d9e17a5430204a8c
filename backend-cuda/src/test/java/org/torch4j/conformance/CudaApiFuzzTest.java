package org.torch4j.conformance;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.torch4j.Cuda;
import org.torch4j.Device;

/**
 * The conformance kit's {@link ApiFuzzTest} with every drawn tensor and module on cuda: the same seeded odd arguments
 * through every Tensor method, the static functions, the nn modules and autograd, where a kernel launch, an index
 * check on the device or a driver error (never a named one) may fail differently from the CPU. Wider scratch runs of
 * the same kind found a scatter into a 0-dim tensor reading past its shape and a float index_add truncating NaN to
 * Long.MIN_VALUE (their own tests are in CudaRuntimeTest and EdgeMessagesTest; this sample does not reach them). Runs
 * on the emulated device here and on a GPU in {@code gpu-check}, about 5 s here; skipped, saying why, without CUDA.
 */
class CudaApiFuzzTest extends ApiFuzzTest {

    @BeforeAll
    static void requireCuda() {
        if (!Cuda.isAvailable()) System.out.println("CUDA API fuzz skipped: " + Cuda.unavailableReason());
        Assumptions.assumeTrue(Cuda.isAvailable(), Cuda::unavailableReason);
    }

    @Override
    protected Device device() {
        return Device.of("cuda");
    }
}
