package org.torch4j.backend.cuda;

import java.util.EnumSet;
import java.util.Set;
import org.torch4j.DType;
import org.torch4j.backend.cuda.CudaDevice.Ptr;
import org.torch4j.spi.Strided;

/**
 * The operands of the backend's optional kernels (FusedOps, CudaFft, ComplexKernels, RecurrentOps, SparseOps,
 * GridSampleOps): whether they qualify, the device they share, and their addresses as kernel arguments.
 */
final class KernelOperands {
    private KernelOperands() {}

    /** The four floating dtypes. */
    static final Set<DType> FLOATING = EnumSet.of(DType.FLOAT32, DType.FLOAT64, DType.FLOAT16, DType.BFLOAT16);

    /** float32 and float64. */
    static final Set<DType> REAL = EnumSet.of(DType.FLOAT32, DType.FLOAT64);

    /**
     * The device of contiguous CUDA operands of one dtype, one of {@code dtypes}, skipping absent (null) ones; null
     * when a present operand is on the host or another device, of another dtype, or not contiguous.
     */
    static CudaDevice device(Set<DType> dtypes, Strided... operands) {
        return shared(dtypes, true, operands);
    }

    /** {@link #device} for operands of any strides (views). */
    static CudaDevice deviceOfViews(Set<DType> dtypes, Strided... operands) {
        return shared(dtypes, false, operands);
    }

    private static CudaDevice shared(Set<DType> dtypes, boolean contiguous, Strided... operands) {
        CudaDevice d = null;
        DType t = null;
        for (Strided s : operands) {
            if (s == null) continue;
            if (!(s.storage() instanceof CudaStorage cs) || (contiguous && !s.isContiguous())) return null;
            if (t == null) {
                if (!dtypes.contains(s.dtype())) return null;
                t = s.dtype();
                d = cs.cudaDevice();
            } else if (s.dtype() != t || cs.cudaDevice() != d) {
                return null;
            }
        }
        return d;
    }

    /** The device address of an operand's first element; a null pointer (0) for an absent operand. */
    static Ptr at(Strided s) {
        return at(s, 0);
    }

    /** The device address of element {@code offset} past the operand's first; a null pointer (0) for an absent operand. */
    static Ptr at(Strided s, long offset) {
        return new Ptr(s == null ? 0 : CudaStorage.firstElement(s) + offset * s.dtype().itemSize());
    }
}
