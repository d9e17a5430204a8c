package org.torch4j.backend.cuda;

import static org.torch4j.backend.cuda.KernelOperands.REAL;
import static org.torch4j.backend.cuda.KernelOperands.deviceOfViews;

import java.util.Arrays;
import org.torch4j.backend.cuda.CudaDevice.Ptr;
import org.torch4j.spi.Strided;

/**
 * The CUDA backend's {@code complexMul} and {@code complexAbs} hooks over {@code complex.cu}: products,
 * quotients and magnitudes of (re, im) pairs in one kernel, with the CPU kernels' arithmetic (each operation
 * rounded in the dtype, in the same order; magnitudes by the HYPOT kernel's). float32 or float64 CUDA operands
 * of one device, pairs at stride 1, the output contiguous; the inputs' other strides may be anything.
 */
final class ComplexKernels {
    private ComplexKernels() {}

    static boolean mul(Strided out, Strided a, Strided b, boolean divide) {
        int rank = out.rank();
        CudaDevice d = deviceOfViews(REAL, out, a, b);
        if (d == null || rank < 1 || !out.isContiguous() || out.shape()[rank - 1] != 2 || !Arrays.equals(a.shape(), out.shape())
                || !Arrays.equals(b.shape(), out.shape()) || a.strides()[rank - 1] != 1 || b.strides()[rank - 1] != 1) {
            return false;
        }
        launch(d, "complex_mul_" + CudaDType.suffix(out.dtype()), Arrays.copyOf(out.shape(), rank - 1), new Object[] {divide ? 1 : 0},
                out, a, b);
        return true;
    }

    static boolean abs(Strided out, Strided in) {
        int rank = in.rank();
        CudaDevice d = deviceOfViews(REAL, out, in);
        if (d == null || rank < 1 || !out.isContiguous() || in.shape()[rank - 1] != 2 || in.strides()[rank - 1] != 1
                || !Arrays.equals(out.shape(), Arrays.copyOf(in.shape(), rank - 1))) {
            return false;
        }
        launch(d, "complex_abs_" + CudaDType.suffix(out.dtype()), out.shape(), new Object[0], out, in);
        return true;
    }

    /**
     * One thread per pair over {@code pairShape} (the dims before the pairs'): Geo, each operand's Lay over those
     * dims, then {@code lead}, then the operands' storage addresses.
     */
    private static void launch(CudaDevice d, String kernel, long[] pairShape, Object[] lead, Strided... operands) {
        long[][] strides = new long[operands.length][];
        long[] offsets = new long[operands.length];
        for (int k = 0; k < operands.length; k++) {
            strides[k] = Arrays.copyOf(operands[k].strides(), pairShape.length);
            offsets[k] = operands[k].offset();
        }
        Geometry.of(pairShape, strides, offsets).forEachSlice(g -> {
            Object[] args = new Object[1 + 2 * operands.length + lead.length];
            int i = 0;
            args[i++] = g.geo();
            for (int k = 0; k < operands.length; k++) args[i++] = g.lay(k);
            for (Object o : lead) args[i++] = o;
            for (Strided s : operands) args[i++] = new Ptr(((CudaStorage) s.storage()).address());
            d.launch(kernel, g.numel(), args);
        });
    }
}
