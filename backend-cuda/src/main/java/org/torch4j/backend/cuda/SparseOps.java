package org.torch4j.backend.cuda;

import static org.torch4j.backend.cuda.KernelOperands.REAL;
import static org.torch4j.backend.cuda.KernelOperands.at;

import java.util.Set;
import org.torch4j.DType;
import org.torch4j.spi.Strided;

/**
 * The CUDA backend's sparse-dense product hooks over {@code sparse.cu}: {@code sparseRowsProduct} (SpMM over COO
 * entries, atomic adds: entries of one output row add in no fixed order) and {@code sampledDot} (SDDMM, a warp per
 * entry). Each declines unless its operands are contiguous CUDA tensors of one device, int64 indices and float32 or
 * float64 values.
 */
final class SparseOps {
    private SparseOps() {}

    private static final Set<DType> INDICES = Set.of(DType.INT64);

    static boolean rowsProduct(Strided rows, Strided cols, Strided values, Strided dense, Strided out) {
        CudaDevice d = device(rows, cols, values, dense, out);
        if (d == null) return false;
        long nnz = rows.numel(), p = dense.shape()[1];
        d.launch("sparse_rows_product_" + CudaDType.suffix(values.dtype()), nnz * p, nnz, p, at(rows), at(cols), at(values), at(dense),
                at(out));
        return true;
    }

    static boolean sampledDot(Strided rows, Strided cols, Strided a, Strided b, Strided out) {
        CudaDevice d = device(rows, cols, out, a, b);
        if (d == null) return false;
        long nnz = rows.numel(), p = a.shape()[1];
        if (nnz == 0) return true;
        // eight warps per block of 256 threads, a warp per entry (grid-stride past 2^20 blocks)
        int blocks = (int) Math.max(1, Math.min((nnz + 7) / 8, 1 << 20));
        d.launchGrid("sparse_sampled_dot_" + CudaDType.suffix(out.dtype()), blocks, 1, 1, 256, 0, nnz, p, at(rows), at(cols), at(a),
                at(b), at(out));
        return true;
    }

    /**
     * The device of contiguous CUDA operands: int64 rows and cols of one length, and values, x and y of one dtype,
     * float32 or float64, x and y 2-d; or null.
     */
    private static CudaDevice device(Strided rows, Strided cols, Strided values, Strided x, Strided y) {
        CudaDevice d = KernelOperands.device(REAL, values, x, y);
        boolean fits = x.rank() == 2 && y.rank() == 2 && rows.numel() == cols.numel();
        return fits && d != null && KernelOperands.device(INDICES, rows, cols) == d ? d : null;
    }
}
