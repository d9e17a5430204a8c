package org.torch4j.backend.cuda;

import jcuda.Pointer;
import jcuda.cudaDataType;
import jcuda.jcublas.JCublas2;
import jcuda.jcublas.cublasComputeType;
import jcuda.jcublas.cublasHandle;
import jcuda.jcublas.cublasOperation;
import jcuda.runtime.cudaStream_t;
import org.torch4j.DType;
import org.torch4j.spi.Strided;

/**
 * GEMM through cuBLAS where JCublas2's native library loads against the machine's
 * {@code libcublas.so.12} (JCuda 12.6 is built against CUDA 12; a CUDA 13 machine may only have
 * {@code libcublas.so.13}, and PyTorch's pip wheels carry their own {@code libcublas.so.12}, which
 * {@code gpu-check} puts on {@code LD_LIBRARY_PATH}). When it does not load, {@link #status()} says
 * why and the backend's own GEMM kernels run. {@code -Dtorch4j.cuda.cublas=false} turns it off
 * (read at each product, so that tests can compare both paths).
 */
final class Cublas {

    private final cublasHandle handle;
    private final String status;

    private Cublas(cublasHandle handle, String status) {
        this.handle = handle;
        this.status = status;
    }

    /** Creates a handle bound to the device's stream, or records why cuBLAS cannot be used. */
    static Cublas open(CudaDevice device) {
        try {
            JCublas2.setExceptionsEnabled(false);
            device.makeCurrent();
            cublasHandle h = new cublasHandle();
            int rc = JCublas2.cublasCreate(h);
            if (rc != 0) return new Cublas(null, "cublasCreate failed with status " + rc + ": the backend's own GEMM kernels run");
            JCublas2.cublasSetStream(h, new cudaStream_t(device.stream()));
            return new Cublas(h, "cuBLAS through JCublas2");
        } catch (Throwable t) {
            return new Cublas(null, "cuBLAS unavailable (" + CudaProbe.rootMessage(t) + "): the backend's own GEMM kernels run");
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
            if (ld >= Math.max(cols, 1)) return new Layout(cublasOperation.CUBLAS_OP_N, ld);
        }
        if (rs == 1 || rows == 1) {
            long ld = cols == 1 ? Math.max(rows, 1) : cs;
            if (ld >= Math.max(rows, 1)) return new Layout(cublasOperation.CUBLAS_OP_T, ld);
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
                dataType = cudaDataType.CUDA_R_32F;
                compute = tf32 ? cublasComputeType.CUBLAS_COMPUTE_32F_FAST_TF32 : cublasComputeType.CUBLAS_COMPUTE_32F;
            }
            case FLOAT64 -> {
                dataType = cudaDataType.CUDA_R_64F;
                compute = cublasComputeType.CUBLAS_COMPUTE_64F;
            }
            case FLOAT16 -> {
                dataType = cudaDataType.CUDA_R_16F;
                compute = cublasComputeType.CUBLAS_COMPUTE_32F;
            }
            case BFLOAT16 -> {
                dataType = cudaDataType.CUDA_R_16BF;
                compute = cublasComputeType.CUBLAS_COMPUTE_32F;
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
        if (lb == null || la == null || lc == null || lc.op != cublasOperation.CUBLAS_OP_N) return false;
        long max = Integer.MAX_VALUE;
        if (m > max || n > max || k > max || batch > max || lb.ld > max || la.ld > max || lc.ld > max) return false;
        long outBatch = batch == 1 ? m * n : out.strides()[0];
        if (batch > 1 && outBatch == 0) return false;
        Pointer al, be;
        if (compute == cublasComputeType.CUBLAS_COMPUTE_64F) {
            al = Pointer.to(new double[] {alpha});
            be = Pointer.to(new double[] {beta});
        } else {
            al = Pointer.to(new float[] {(float) alpha});
            be = Pointer.to(new float[] {(float) beta});
        }
        int size = t.itemSize();
        device.makeCurrent();
        int rc = JCublas2.cublasGemmStridedBatchedEx(handle, lb.op, la.op, (int) n, (int) m, (int) k, al,
                device.pointer(((CudaStorage) b.storage()).address() + b.offset() * size), dataType, (int) lb.ld, b.strides()[0],
                device.pointer(((CudaStorage) a.storage()).address() + a.offset() * size), dataType, (int) la.ld, a.strides()[0],
                be, device.pointer(((CudaStorage) out.storage()).address() + out.offset() * size), dataType, (int) lc.ld, outBatch,
                (int) batch, compute, -1);
        if (rc != 0) throw new IllegalStateException("cublasGemmStridedBatchedEx failed with status " + rc + " for " + t
                + " [" + batch + ", " + m + ", " + k + "] x [" + batch + ", " + k + ", " + n + "]");
        return true;
    }
}
