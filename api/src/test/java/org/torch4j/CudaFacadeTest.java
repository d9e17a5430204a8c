package org.torch4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * {@code torch.cuda} without the CUDA bundle (the api's own tests register no backend): unavailable with a reason,
 * statistics 0, and PyTorch's TF32 defaults, which hold until a backend appears: convolutions may use TF32
 * ({@code torch.backends.cudnn.allow_tf32}), matrix products may not ({@code torch.backends.cuda.matmul.allow_tf32}).
 */
class CudaFacadeTest {

    @Test
    void withoutTheBackendCudaIsUnavailableAndSaysWhy() {
        assertFalse(Cuda.isAvailable());
        assertNotNull(Cuda.unavailableReason());
        assertEquals(0, Cuda.deviceCount());
        assertEquals(0, Cuda.memoryAllocated());
    }

    @Test
    void tf32DefaultsAreTorchsAndTheSettersHold() {
        assertTrue(Cuda.allowConvTf32(), "convolutions: TF32 by default");
        assertFalse(Cuda.allowTf32(), "matrix products: float32 by default");
        try {
            Cuda.setAllowConvTf32(false);
            Cuda.setAllowTf32(true);
            assertFalse(Cuda.allowConvTf32());
            assertTrue(Cuda.allowTf32());
        } finally {
            Cuda.setAllowConvTf32(true);
            Cuda.setAllowTf32(false);
        }
    }
}
