package org.torch4j.backend.cuda;

import static java.lang.foreign.ValueLayout.JAVA_DOUBLE;
import static java.lang.foreign.ValueLayout.JAVA_FLOAT;
import static org.torch4j.backend.cuda.CublasLibrary.COMPUTE_32F;
import static org.torch4j.backend.cuda.CublasLibrary.COMPUTE_32F_FAST_TF32;
import static org.torch4j.backend.cuda.CublasLibrary.COMPUTE_64F;
import static org.torch4j.backend.cuda.CublasLibrary.OP_N;
import static org.torch4j.backend.cuda.CublasLibrary.OP_T;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import org.torch4j.DType;
import org.torch4j.spi.Strided;

/**
 * GEMM through cuBLAS (12 or 13, bound by {@link CublasLibrary}) on one device's stream. When no cuBLAS
 * loads or no handle can be made, {@link #status()} says why and the backend's own GEMM kernels run.
 * {@code -Dtorch4j.cuda.cublas=false} turns it off (read at each product, so that tests can compare
 * both paths).
 */
final class Cublas {

    private final CublasLibrary library;
    private final MemorySegment handle;
    private final String status;

    private Cublas(CublasLibrary library, MemorySegment handle, String status) {
        this.library = library;
        this.handle = handle;
        this.status = status;
    }

    /** Creates a handle bound to the device's stream, or records why cuBLAS cannot be used. */
    static Cublas open(CudaDevice device) {
        CublasLibrary library;
        try {
            library = CublasLibrary.load();
        } catch (Throwable t) {
            return new Cublas(null, null, "cuBLAS unavailable (" + CudaProbe.rootMessage(t) + "): the backend's own GEMM kernels run");
        }
        String name = "cuBLAS (" + library.origin() + ")";
        try {
            name = "cuBLAS " + library.version() + " (" + library.origin() + ")";
            device.makeCurrent();
            MemorySegment h = library.createHandle();
            library.setStream(h, device.stream().address());
            return new Cublas(library, h, name);
        } catch (Throwable t) {
            return new Cublas(null, null, name + " unusable (" + CudaProbe.rootMessage(t) + "): the backend's own GEMM kernels run");
        }
    }

    boolean usable() {
        return handle != null;
    }

    /** What GEMM runs on, for {@code describe()}. */
    String status() {
        return status;
    }

    /** A matrix operand as cuBLAS sees it: transposed or not, and its leading dimension. */
    private record Layout(int op, long ld) {}

    /**
     * The cuBLAS view of the row-major {@code rows x cols} operand with strides (rs, cs), transposed
     * (column-major cuBLAS sees a row-major matrix as its transpose); null when neither dimension is dense.
     */
    private static Layout transposedView(long rows, long cols, long rs, long cs) {
        if (cs == 1 || cols == 1) {
            long ld = rows == 1 ? Math.max(cols, 1) : rs;
            if (ld >= Math.max(cols, 1)) return new Layout(OP_N, ld);
        }
        if (rs == 1 || rows == 1) {
            long ld = cols == 1 ? Math.max(rows, 1) : cs;
            if (ld >= Math.max(rows, 1)) return new Layout(OP_T, ld);
        }
        return null;
    }

    /**
     * {@code out[b] = alpha * a[b] @ b[b] + beta * out[b]} on cuBLAS; false (nothing done) when the
     * dtype or a layout is one cuBLAS cannot take, so the caller runs its own kernel.
     */
    boolean gemm(CudaDevice device, Strided out, Strided a, Strided b, double alpha, double beta, boolean tf32) {
        DType t = out.dtype();
        int dataType;
        int compute;
        switch (t) {
            case FLOAT32 -> {
                dataType = CublasLibrary.R_32F;
                compute = tf32 ? COMPUTE_32F_FAST_TF32 : COMPUTE_32F;
            }
            case FLOAT64 -> {
                dataType = CublasLibrary.R_64F;
                compute = COMPUTE_64F;
            }
            case FLOAT16 -> {
                dataType = CublasLibrary.R_16F;
                compute = COMPUTE_32F;
            }
            case BFLOAT16 -> {
                dataType = CublasLibrary.R_16BF;
                compute = COMPUTE_32F;
            }
            default -> {
                return false;
            }
        }
        long batch = out.shape()[0], m = out.shape()[1], n = out.shape()[2], k = a.shape()[2];
        // C^T = B^T A^T in cuBLAS's column-major terms: its first operand is b, its second a
        Layout lb = transposedView(k, n, b.strides()[1], b.strides()[2]);
        Layout la = transposedView(m, k, a.strides()[1], a.strides()[2]);
        Layout lc = transposedView(m, n, out.strides()[1], out.strides()[2]);
        if (lb == null || la == null || lc == null || lc.op != OP_N) return false;
        long max = Integer.MAX_VALUE;
        if (m > max || n > max || k > max || batch > max || lb.ld > max || la.ld > max || lc.ld > max) return false;
        long outBatch = batch == 1 ? m * n : out.strides()[0];
        if (batch > 1 && outBatch == 0) return false;
        long bAddr = CudaStorage.firstElement(b), aAddr = CudaStorage.firstElement(a), cAddr = CudaStorage.firstElement(out);
        int rc;
        try (Arena arena = Arena.ofConfined()) {
            // host scalars in the compute type's precision (cuBLAS's default pointer mode reads them at the call)
            MemorySegment al = compute == COMPUTE_64F ? arena.allocateFrom(JAVA_DOUBLE, alpha) : arena.allocateFrom(JAVA_FLOAT, (float) alpha);
            MemorySegment be = compute == COMPUTE_64F ? arena.allocateFrom(JAVA_DOUBLE, beta) : arena.allocateFrom(JAVA_FLOAT, (float) beta);
            device.makeCurrent();
            device.countLaunch();
            rc = library.gemmStridedBatchedEx(handle, lb.op, la.op, (int) n, (int) m, (int) k, al,
                    bAddr, dataType, (int) lb.ld, b.strides()[0],
                    aAddr, dataType, (int) la.ld, a.strides()[0],
                    be, cAddr, dataType, (int) lc.ld, outBatch, (int) batch, compute);
        }
        if (rc != 0) throw new IllegalStateException("cublasGemmStridedBatchedEx failed with " + CublasLibrary.statusName(rc) + " for " + t
                + " [" + batch + ", " + m + ", " + k + "] x [" + batch + ", " + k + ", " + n + "]");
        return true;
    }
}
