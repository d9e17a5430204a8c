package org.torch4j.backend.cuda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.foreign.MemorySegment;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The foreign-function binding of cuBLAS, where a cuBLAS library is present (a CUDA toolkit, PyTorch's
 * {@code nvidia-cublas} wheel, or {@code -Dtorch4j.cuda.cublas.library}); without a GPU it checks that
 * the library loads, reports its version, and refuses a handle with cuBLAS's own status.
 */
class CublasLibraryTest {

    private static CublasLibrary library() {
        try {
            return CublasLibrary.load();
        } catch (UnsatisfiedLinkError e) {
            Assumptions.abort("skipped: " + e.getMessage());
            return null;
        }
    }

    @Test
    void loadsAndReportsItsVersion() {
        CublasLibrary lib = library();
        String version = lib.version();
        assertTrue(version.matches("1[2-9]\\.\\d+\\.\\d+"), version);
        assertTrue(lib.origin().contains("libcublas.so." + version.substring(0, 2)), lib.origin() + " for version " + version);
    }

    @Test
    void handleNeedsAUsableGpu() {
        CublasLibrary lib = library();
        if (CudaProbe.deviceCount() > 0) {
            MemorySegment h = lib.createHandle();
            lib.destroyHandle(h);
            return;
        }
        IllegalStateException e = assertThrows(IllegalStateException.class, lib::createHandle);
        assertEquals("cublasCreate failed with CUBLAS_STATUS_NOT_INITIALIZED (no usable GPU or driver)", e.getMessage());
    }

    @Test
    void anExplicitPathThatIsNotALibraryIsRefusedByName() {
        String old = System.getProperty("torch4j.cuda.cublas.library");
        System.setProperty("torch4j.cuda.cublas.library", "/nonexistent/libcublas.so.13");
        try {
            UnsatisfiedLinkError e = assertThrows(UnsatisfiedLinkError.class, CublasLibrary::load);
            assertTrue(e.getMessage().startsWith("cannot load cuBLAS from /nonexistent/libcublas.so.13"), e.getMessage());
        } finally {
            if (old == null) System.clearProperty("torch4j.cuda.cublas.library");
            else System.setProperty("torch4j.cuda.cublas.library", old);
        }
    }
}
