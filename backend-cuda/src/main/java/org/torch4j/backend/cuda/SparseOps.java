package org.torch4j.backend.cuda;

import org.torch4j.DType;
import org.torch4j.backend.cuda.CudaDevice.Ptr;
import org.torch4j.spi.Strided;

/**
 * The CUDA backend's sparse-dense product hooks over {@code sparse.cu}: {@code sparseRowsProduct} (SpMM over COO
 * entries, atomic adds: entries of one output row add in no fixed order) and {@code sampledDot} (SDDMM, a warp per
 * entry). Each declines unless its operands are contiguous CUDA tensors of one device, int64 indices and float32 or
 * float64 values.
 */
final class SparseOps {
    private SparseOps() {}

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

    /** The device of contiguous CUDA operands: int64 rows and cols, {@code values}, {@code x}, {@code y} of one floating dtype, x and y 2-d. */
    private static CudaDevice device(Strided rows, Strided cols, Strided values, Strided x, Strided y) {
        DType t = values.dtype();
        if ((t != DType.FLOAT32 && t != DType.FLOAT64) || x.dtype() != t || y.dtype() != t || x.rank() != 2 || y.rank() != 2
                || rows.dtype() != DType.INT64 || cols.dtype() != DType.INT64 || rows.numel() != cols.numel()) {
            return null;
        }
        CudaDevice d = null;
        for (Strided s : new Strided[] {rows, cols, values, x, y}) {
            if (!(s.storage() instanceof CudaStorage cs) || !s.isContiguous() || (d != null && d != cs.cudaDevice())) return null;
            d = cs.cudaDevice();
        }
        return d;
    }

    private static Ptr at(Strided s) {
        return new Ptr(CudaStorage.firstElement(s));
    }
}
