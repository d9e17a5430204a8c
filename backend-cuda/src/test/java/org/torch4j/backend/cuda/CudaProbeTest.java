package org.torch4j.backend.cuda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.torch4j.spi.BackendRegistry;
import org.torch4j.spi.DeviceProbe;

/** The probe on this machine: a clear reason without a driver, a device count with one. */
class CudaProbeTest {

    private static boolean driverInstalled() {
        for (String dir : new String[] {"/usr/lib/x86_64-linux-gnu", "/usr/lib64", "/usr/local/nvidia/lib64", "/usr/lib/wsl/lib"}) {
            if (Files.exists(Path.of(dir, "libcuda.so.1"))) return true;
        }
        return false;
    }

    @Test
    void reportsWhyCudaIsUnavailableOrWhatItFound() {
        CudaProbe probe = new CudaProbe();
        assertEquals("cuda", probe.deviceType());
        if (probe.available()) {
            // a GPU machine, wherever its driver library lives (the device image mounts it under /usr/local/nvidia)
            System.out.println("CUDA probe: " + probe.details());
            assertNull(probe.reason());
            assertTrue(CudaProbe.deviceCount() > 0);
        } else if (!driverInstalled()) {
            System.out.println("CUDA unavailable here, as expected: " + probe.reason());
            assertTrue(probe.reason().contains("libcuda.so.1"), probe.reason());
            assertEquals(0, CudaProbe.deviceCount());
        } else {
            System.out.println("CUDA probe: " + probe.reason());
            assertNotNull(probe.reason());
            assertEquals(0, CudaProbe.deviceCount());
        }
    }

    @Test
    void theRegistryExplainsAMissingCudaBackendWithTheProbesReason() {
        boolean listed = BackendRegistry.probes().stream().map(DeviceProbe::deviceType).anyMatch("cuda"::equals);
        assertTrue(listed, "CudaProbe is listed in META-INF/services");
        if (!new CudaProbe().available()) {
            String message = BackendRegistry.missingMessage("cuda");
            assertTrue(message.startsWith("No backend for device type 'cuda' is available: no usable NVIDIA driver"), message);
        }
    }
}
