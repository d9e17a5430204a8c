package org.torch4j.backend.cuda;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The few cuBLAS entry points the backend calls, bound with the JDK's foreign function API rather than
 * through a JNI wrapper built against one cuBLAS major version (JCublas2 12.6 binds
 * {@code cublasCreate_v2@libcublas.so.12}, which a CUDA 13 machine does not have). The C ABI of these
 * functions is the same in cuBLAS 12 and 13, so whichever of {@code libcublas.so.13} and
 * {@code libcublas.so.12} is found first serves.
 *
 * <p>Search order: the file named by {@code -Dtorch4j.cuda.cublas.library}; then the names through the
 * dynamic loader ({@code LD_LIBRARY_PATH}, the loader cache); then the CUDA toolkit's usual folders.
 */
final class CublasLibrary {

    static final int OP_N = 0;
    static final int OP_T = 1;
    static final int R_32F = 0;
    static final int R_64F = 1;
    static final int R_16F = 2;
    static final int R_16BF = 14;
    static final int COMPUTE_32F = 68;
    static final int COMPUTE_32F_FAST_TF32 = 77;
    static final int COMPUTE_64F = 70;
    static final int GEMM_DEFAULT = -1;

    private static final String[] NAMES = {"libcublas.so.13", "libcublas.so.12"};
    private static final String[] FOLDERS = {"/usr/local/cuda/lib64", "/usr/local/cuda/targets/x86_64-linux/lib"};

    private final String origin;
    private final MethodHandle create;
    private final MethodHandle destroy;
    private final MethodHandle setStream;
    private final MethodHandle getProperty;
    private final MethodHandle gemmStridedBatchedEx;

    private CublasLibrary(String origin, SymbolLookup lookup) {
        this.origin = origin;
        Linker linker = Linker.nativeLinker();
        create = linker.downcallHandle(symbol(lookup, "cublasCreate_v2"), FunctionDescriptor.of(JAVA_INT, ADDRESS));
        destroy = linker.downcallHandle(symbol(lookup, "cublasDestroy_v2"), FunctionDescriptor.of(JAVA_INT, ADDRESS));
        setStream = linker.downcallHandle(symbol(lookup, "cublasSetStream_v2"), FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS));
        getProperty = linker.downcallHandle(symbol(lookup, "cublasGetProperty"), FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS));
        gemmStridedBatchedEx = linker.downcallHandle(symbol(lookup, "cublasGemmStridedBatchedEx"), FunctionDescriptor.of(JAVA_INT,
                ADDRESS, JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS,
                ADDRESS, JAVA_INT, JAVA_INT, JAVA_LONG,
                ADDRESS, JAVA_INT, JAVA_INT, JAVA_LONG,
                ADDRESS, ADDRESS, JAVA_INT, JAVA_INT, JAVA_LONG,
                JAVA_INT, JAVA_INT, JAVA_INT));
    }

    private static MemorySegment symbol(SymbolLookup lookup, String name) {
        return lookup.find(name).orElseThrow(() -> new UnsatisfiedLinkError("cuBLAS defines no " + name));
    }

    /**
     * Loads the first cuBLAS found; throws {@link UnsatisfiedLinkError} listing every place tried when
     * there is none.
     */
    static CublasLibrary load() {
        List<String> tried = new ArrayList<>();
        String explicit = System.getProperty("torch4j.cuda.cublas.library");
        if (explicit != null && !explicit.isBlank()) return open(Path.of(explicit));
        for (String name : NAMES) {
            try {
                return new CublasLibrary(name, SymbolLookup.libraryLookup(name, Arena.global()));
            } catch (IllegalArgumentException e) {
                tried.add(name);
            }
        }
        for (String folder : FOLDERS) {
            for (String name : NAMES) {
                Path p = Path.of(folder, name);
                if (Files.exists(p)) return open(p);
                tried.add(p.toString());
            }
        }
        throw new UnsatisfiedLinkError("no cuBLAS library found (tried " + String.join(", ", tried)
                + "; set LD_LIBRARY_PATH or -Dtorch4j.cuda.cublas.library=/path/to/libcublas.so.13)");
    }

    private static CublasLibrary open(Path file) {
        try {
            // the library's RUNPATH ($ORIGIN in NVIDIA's builds) finds libcublasLt beside it
            return new CublasLibrary(file.toString(), SymbolLookup.libraryLookup(file, Arena.global()));
        } catch (IllegalArgumentException e) {
            throw new UnsatisfiedLinkError("cannot load cuBLAS from " + file + ": " + e.getMessage());
        }
    }

    /** Where the library came from (a file or a name the dynamic loader resolved). */
    String origin() {
        return origin;
    }

    /** The library's version as major.minor.patch ({@code cublasGetProperty}; needs no GPU). */
    String version() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment v = arena.allocate(JAVA_INT);
            StringBuilder s = new StringBuilder();
            for (int property = 0; property < 3; property++) {
                check((int) getProperty.invokeExact(property, v), "cublasGetProperty");
                s.append(property == 0 ? "" : ".").append(v.get(JAVA_INT, 0));
            }
            return s.toString();
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** A new handle, or the cuBLAS status as an exception (for instance without a usable GPU). */
    MemorySegment createHandle() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment out = arena.allocate(ADDRESS);
            check((int) create.invokeExact(out), "cublasCreate");
            return out.get(ADDRESS, 0);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    void destroyHandle(MemorySegment handle) {
        try {
            check((int) destroy.invokeExact(handle), "cublasDestroy");
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** Queues the handle's work on {@code stream} (a {@code CUstream}, which is a {@code cudaStream_t}). */
    void setStream(MemorySegment handle, long stream) {
        try {
            check((int) setStream.invokeExact(handle, MemorySegment.ofAddress(stream)), "cublasSetStream");
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /**
     * {@code cublasGemmStridedBatchedEx} with host scalars (cuBLAS's default pointer mode); returns its
     * status. Matrices are device addresses; alpha and beta are read before the call returns.
     */
    int gemmStridedBatchedEx(MemorySegment handle, int opA, int opB, int m, int n, int k, MemorySegment alpha,
            long a, int aType, int lda, long strideA, long b, int bType, int ldb, long strideB,
            MemorySegment beta, long c, int cType, int ldc, long strideC, int batch, int compute) {
        try {
            return (int) gemmStridedBatchedEx.invokeExact(handle, opA, opB, m, n, k, alpha,
                    MemorySegment.ofAddress(a), aType, lda, strideA, MemorySegment.ofAddress(b), bType, ldb, strideB,
                    beta, MemorySegment.ofAddress(c), cType, ldc, strideC, batch, compute, GEMM_DEFAULT);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    private static void check(int status, String call) {
        if (status != 0) throw new IllegalStateException(call + " failed with " + statusName(status));
    }

    /** cuBLAS's name for a status code, as {@code cublasGetStatusName} gives it. */
    static String statusName(int status) {
        return switch (status) {
            case 0 -> "CUBLAS_STATUS_SUCCESS";
            case 1 -> "CUBLAS_STATUS_NOT_INITIALIZED (no usable GPU or driver)";
            case 3 -> "CUBLAS_STATUS_ALLOC_FAILED";
            case 7 -> "CUBLAS_STATUS_INVALID_VALUE";
            case 8 -> "CUBLAS_STATUS_ARCH_MISMATCH";
            case 11 -> "CUBLAS_STATUS_MAPPING_ERROR";
            case 13 -> "CUBLAS_STATUS_EXECUTION_FAILED";
            case 14 -> "CUBLAS_STATUS_INTERNAL_ERROR";
            case 15 -> "CUBLAS_STATUS_NOT_SUPPORTED";
            case 16 -> "CUBLAS_STATUS_LICENSE_ERROR";
            default -> "cuBLAS status " + status;
        };
    }

    private static RuntimeException rethrow(Throwable t) {
        if (t instanceof RuntimeException r) return r;
        if (t instanceof Error e) throw e;
        return new IllegalStateException(t);
    }
}
