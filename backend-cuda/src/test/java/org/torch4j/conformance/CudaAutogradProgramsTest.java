package org.torch4j.conformance;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.torch4j.Cuda;
import org.torch4j.Device;

/**
 * The conformance kit's {@link AutogradProgramsTest} on cuda: the same 1,000 random autograd programs (views and
 * in-place ops, CopySlices, retained gradients, hooks, second derivatives) with their leaves on the device, against
 * PyTorch's CPU gradients in float64. Runs on the emulated device here and on a GPU in {@code gpu-check}; skipped,
 * saying why, without CUDA.
 */
class CudaAutogradProgramsTest extends AutogradProgramsTest {

    @BeforeAll
    static void requireCuda() {
        if (!Cuda.isAvailable()) System.out.println("CUDA autograd programs skipped: " + Cuda.unavailableReason());
        Assumptions.assumeTrue(Cuda.isAvailable(), Cuda::unavailableReason);
    }

    @Override
    protected Device device() {
        return Device.of("cuda");
    }
}
