package org.torch4j.backend.cuda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.torch4j.backend.cuda.CpuParity.assertClose;

import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.torch4j.DType;
import org.torch4j.Device;
import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.sparse.Sparse;
import org.torch4j.sparse.SparseCooTensor;
import org.torch4j.spi.Backend;
import org.torch4j.spi.BackendRegistry;

/**
 * sparse.cu (the {@code sparseRowsProduct} and {@code sampledDot} hooks) on a GPU against the CPU backend: each
 * called directly (a silent fallback fails the test) over unsorted entries with repeated rows and rows wider than a
 * warp, in float32 and float64; then {@code Sparse.mm} on cuda forward and backward. Skipped, printing why, without
 * a GPU.
 */
class CudaSparseTest {

    private static final Device CUDA = Device.of("cuda");
    private static Backend cuda, cpu;

    @BeforeAll
    static void requireCuda() {
        RequireCuda.orSkip("CUDA sparse-product tests");
        cuda = BackendRegistry.find("cuda");
        cpu = BackendRegistry.find("cpu");
    }

    @Test
    void bothKernelsMatchTheCpu() {
        Torch.manualSeed(31);
        long n = 9, m = 13, nnz = 60;
        for (DType t : List.of(DType.FLOAT32, DType.FLOAT64)) {
            for (long p : new long[] {1, 7, 70}) {
                String ctx = t + " p=" + p;
                // random (unsorted, repeating) coordinates
                Tensor rows = Torch.randint(0, n, new long[] {nnz}), cols = Torch.randint(0, m, new long[] {nnz});
                Tensor values = Torch.randn(nnz).to(t), dense = Torch.randn(m, p).to(t);
                Tensor want = Torch.randn(n, p).to(t), got = want.to(CUDA);
                assertTrue(cpu.sparseRowsProduct(rows.strided(), cols.strided(), values.strided(), dense.strided(), want.strided()));
                assertTrue(cuda.sparseRowsProduct(rows.to(CUDA).strided(), cols.to(CUDA).strided(), values.to(CUDA).strided(),
                        dense.to(CUDA).strided(), got.strided()), ctx + ": the CUDA SpMM declined");
                assertClose(want, got, t, "SpMM " + ctx);

                Tensor a = Torch.randn(n, p).to(t), b = Torch.randn(m, p).to(t);
                Tensor dots = Torch.empty(new long[] {nnz}, t, Device.CPU), gotDots = Torch.empty(new long[] {nnz}, t, CUDA);
                assertTrue(cpu.sampledDot(rows.strided(), cols.strided(), a.strided(), b.strided(), dots.strided()));
                assertTrue(cuda.sampledDot(rows.to(CUDA).strided(), cols.to(CUDA).strided(), a.to(CUDA).strided(), b.to(CUDA).strided(),
                        gotDots.strided()), ctx + ": the CUDA SDDMM declined");
                assertClose(dots, gotDots, t, "SDDMM " + ctx);
            }
        }
        Tensor r = Torch.tensor(new long[] {0}).to(CUDA), x = Torch.randn(1, 3).to(CUDA);
        assertFalse(cuda.sampledDot(r.strided(), r.strided(), x.strided(), x.toDouble().strided(), Torch.empty(new long[] {1}, DType.FLOAT32, CUDA)
                .strided()), "mixed dtypes");
        assertFalse(cuda.sampledDot(r.to(DType.INT32).strided(), r.strided(), x.strided(), x.strided(), Torch.empty(new long[] {1},
                DType.FLOAT32, CUDA).strided()), "int32 indices");
    }

    @Test
    void sparseMatrixProductsAndTheirGradientsOnCudaMatchTheCpu() {
        Torch.manualSeed(32);
        Tensor indices = Torch.stack(List.of(Torch.randint(0, 6, new long[] {25}), Torch.randint(0, 8, new long[] {25})), 0);
        Tensor values = Torch.randn(new long[] {25}, DType.FLOAT64), dense = Torch.randn(new long[] {8, 5}, DType.FLOAT64);
        SparseCooTensor a = Sparse.cooTensor(indices, values.clone().requiresGrad_(true), 6, 8);
        SparseCooTensor ac = Sparse.cooTensor(indices.to(CUDA), values.to(CUDA).requiresGrad_(true), 6, 8);
        Tensor d = dense.clone().requiresGrad_(true), dc = dense.to(CUDA).requiresGrad_(true);
        Tensor y = Sparse.mm(a, d), yc = Sparse.mm(ac, dc);
        assertEquals("cuda", yc.device().type());
        assertClose(y, yc, DType.FLOAT64, "Sparse.mm");
        Tensor g = Torch.randn(new long[] {6, 5}, DType.FLOAT64);
        y.backward(g);
        yc.backward(g.to(CUDA));
        assertClose(d.grad(), dc.grad(), DType.FLOAT64, "the dense operand's gradient");
        assertClose(a.storedValues().grad(), ac.storedValues().grad(), DType.FLOAT64, "the values' gradient");
    }
}
