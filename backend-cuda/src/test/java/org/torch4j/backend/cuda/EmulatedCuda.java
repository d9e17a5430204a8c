package org.torch4j.backend.cuda;

/**
 * Whether the CUDA tests run on the emulated device ({@code tools/emulate-device}, the build's emulated-cuda
 * profile), which sets {@code TORCH4J_CUDA_EMULATED=1}: every kernel runs on the CPU there, so the tests that
 * train for long take fewer steps.
 */
final class EmulatedCuda {
    private EmulatedCuda() {}

    static boolean active() {
        return "1".equals(System.getenv("TORCH4J_CUDA_EMULATED"));
    }
}
