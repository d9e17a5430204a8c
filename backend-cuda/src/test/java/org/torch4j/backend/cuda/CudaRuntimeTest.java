package org.torch4j.backend.cuda;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.torch4j.Cuda;
import org.torch4j.CudaOutOfMemoryException;
import org.torch4j.DType;
import org.torch4j.Device;
import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.internal.Internals;
import org.torch4j.nn.F;
import org.torch4j.nn.Linear;
import org.torch4j.nn.Module;
import org.torch4j.nn.ReLU;
import org.torch4j.nn.Sequential;
import org.torch4j.optim.SGD;

/**
 * The CUDA runtime on a GPU: memory statistics and their flatness over a long training loop, the
 * out-of-memory error, both GEMM paths in every floating dtype and layout, and the paths the
 * reference cases do not reach (long sorts in chunks, nonzero). Skipped, printing why, without a GPU.
 */
class CudaRuntimeTest {

    private static final Device CUDA = Device.of("cuda");

    @BeforeAll
    static void requireCuda() {
        RequireCuda.orSkip("CUDA runtime tests");
    }

    /**
     * {@code memoryAllocated} once the cleaners of unreachable tensors (left by earlier tests, here or in
     * the parity suite) have returned their blocks: otherwise a garbage collection during a test frees
     * them at an arbitrary moment and the figures the test compares move under it.
     */
    private static long settledMemoryAllocated() {
        long last = -1;
        for (int i = 0; i < 40; i++) {
            System.gc();
            try {
                Thread.sleep(25);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            long now = Cuda.memoryAllocated();
            if (now == last) return now;
            last = now;
        }
        return last;
    }

    @AfterEach
    void restore() {
        System.clearProperty("torch4j.cuda.cublas");
        System.clearProperty("torch4j.cuda.tensorCores");
        Cuda.setAllowTf32(false);
        Cuda.setAllowConvTf32(true);
    }

    /** 10,000 steps on a GPU; 1,000 on the emulated device (tools/emulate-device), where each takes about 30 ms. */
    @Test
    void tenThousandTrainingStepsKeepAllocatedMemoryFlat() {
        int steps = EmulatedCuda.active() ? 1_000 : 10_000;
        Torch.manualSeed(0);
        Tensor x = Torch.randn(256, 64).to(CUDA), y = Torch.randint(0, 10, 256).to(CUDA);
        Module model = Sequential.of(new Linear(64, 128), new ReLU(), new Linear(128, 10)).to(CUDA);
        SGD opt = new SGD(model.parameters(), 0.05);
        long afterWarmup = 0;
        double first = 0, last = 0;
        for (int step = 0; step < steps; step++) {
            try (var scope = Torch.scope()) {
                Tensor loss = F.crossEntropy(model.forward(x), y);
                opt.zeroGrad();
                loss.backward();
                opt.step();
                if (step == 0) first = loss.item();
                if (step == steps - 1) last = loss.item();
            }
            if (step == 100) afterWarmup = settledMemoryAllocated();
        }
        Cuda.synchronize();
        long end = settledMemoryAllocated();
        System.out.printf("%d steps on cuda%s: loss %.4f -> %.4f, memoryAllocated %d -> %d bytes, reserved %d, peak %d%n",
                steps, EmulatedCuda.active() ? " (emulated)" : "", first, last, afterWarmup, end, Cuda.memoryReserved(), Cuda.maxMemoryAllocated());
        assertEquals(afterWarmup, end, "memoryAllocated stays flat");
        assertTrue(last < first, "the model trains");
    }

    @Test
    void statisticsFollowTensorsAndEmptyCacheReturnsMemory() {
        org.junit.jupiter.api.Assumptions.assumeTrue(((CudaBackend) org.torch4j.spi.BackendRegistry.require("cuda")).device(0).allocator.caching(),
                "skipped: the caching allocator is off (-Dtorch4j.cuda.memoryCaching=false), so nothing is cached to return");
        // garbage freed first, then the cache emptied: no cached block just above 64 MiB is left to be
        // handed out whole (a rest of up to 1 MiB is not split off), which would count more than 64 MiB
        long before = settledMemoryAllocated();
        Cuda.emptyCache();
        Tensor t = Torch.zeros(new long[] {1 << 24}, DType.FLOAT32, CUDA); // 64 MiB
        assertEquals(before + (64L << 20), Cuda.memoryAllocated());
        assertTrue(Cuda.memoryReserved() >= Cuda.memoryAllocated());
        t.close();
        assertEquals(before, Cuda.memoryAllocated());
        long reserved = Cuda.memoryReserved();
        Cuda.emptyCache();
        assertTrue(Cuda.memoryReserved() <= reserved - (64L << 20), "the freed 64 MiB segment went back to the driver");
        assertTrue(Cuda.maxMemoryAllocated() >= before + (64L << 20));
    }

    @Test
    void outputsAllocatedForAFusedKernelTheBackendDeclinesAreReleasedAtOnce() {
        // the CUDA backend has no resample kernel (interpolation takes the composite path there)
        Tensor x = Torch.ones(new long[] {4, 64, 32}, DType.FLOAT32, CUDA);
        long before = settledMemoryAllocated();
        assertNull(Internals.get().resample(x, 1, new int[][] {new int[128]}, new double[][] {new double[128]}));
        assertEquals(before, Cuda.memoryAllocated(), "the [4, 128, 32] output allocated for the declined kernel is freed");
    }

    @Test
    void outOfMemoryStatesTheFigures() {
        CudaOutOfMemoryException e = assertThrows(CudaOutOfMemoryException.class,
                () -> Torch.empty(new long[] {1L << 40}, DType.FLOAT32, CUDA));
        System.out.println(e.getMessage());
        assertTrue(e.getMessage().startsWith("CUDA out of memory. Tried to allocate 4.00 TiB (GPU 0; "), e.getMessage());
        assertTrue(e.total() > 0);
    }

    private static void assertClose(Tensor expected, Tensor got, double rtol, String ctx) {
        assertEquals(expected.dtype(), got.dtype(), ctx);
        assertArrayEquals(expected.shape(), got.shape(), ctx);
        double[] e = expected.toDoubleArray(), g = got.cpu().toDoubleArray();
        double scale = 0;
        for (double v : e) scale = Math.max(scale, Math.abs(v));
        for (int i = 0; i < e.length; i++) {
            assertTrue(Math.abs(e[i] - g[i]) <= rtol * Math.max(scale, 1), ctx + ": element " + i + " expected " + e[i] + " got " + g[i]);
        }
    }

    @Test
    void matmulOnBothGemmPathsInEveryDtypeAndLayout() {
        Torch.manualSeed(1);
        for (String path : List.of("cublas", "own kernels", "own kernels without tensor cores")) {
            if (!path.equals("cublas")) System.setProperty("torch4j.cuda.cublas", "false");
            if (path.endsWith("without tensor cores")) System.setProperty("torch4j.cuda.tensorCores", "false");
            for (DType t : List.of(DType.FLOAT32, DType.FLOAT64, DType.FLOAT16, DType.BFLOAT16, DType.INT64, DType.INT32)) {
                Tensor a = t.isFloatingPoint() ? Torch.randn(3, 70, 33) : Torch.randint(-5, 5, 3, 70, 33);
                Tensor b = t.isFloatingPoint() ? Torch.randn(3, 33, 65) : Torch.randint(-5, 5, 3, 33, 65);
                a = a.to(t);
                b = b.to(t);
                double tol = t == DType.FLOAT16 ? 2e-3 : t == DType.BFLOAT16 ? 2e-2 : t == DType.FLOAT32 ? 1e-5 : 1e-12;
                Tensor expected = a.toDouble().matmul(b.toDouble()).to(t);
                Tensor ga = a.to(CUDA), gb = b.to(CUDA);
                assertClose(expected, ga.matmul(gb), tol, path + " " + t + " plain");
                assertClose(expected, ga.transpose(1, 2).contiguous().transpose(1, 2).matmul(gb), tol, path + " " + t + " a transposed");
                assertClose(expected, ga.matmul(gb.transpose(1, 2).contiguous().transpose(1, 2)), tol, path + " " + t + " b transposed");
                assertClose(a.get(0).toDouble().matmul(b.toDouble()).to(t), ga.get(0).matmul(gb), tol, path + " " + t + " broadcast batch");
            }
        }
        System.clearProperty("torch4j.cuda.tensorCores");
        Cuda.setAllowTf32(true);
        Tensor a = Torch.randn(300, 520), b = Torch.randn(520, 260);
        for (String path : List.of("cublas", "own kernels")) {
            if (!path.equals("cublas")) System.setProperty("torch4j.cuda.cublas", "false");
            assertClose(a.matmul(b), a.to(CUDA).matmul(b.to(CUDA)), 5e-3, "tf32 " + path);
        }
    }

    /**
     * An in-place op whose result dtype is wider than self's (float16 += float32, int32 += int64) computes in the wider
     * dtype and writes the result converted into self, as on the CPU. Before 2026-12-06 the CUDA kernels wrote the wide
     * dtype's bytes into self's memory: float16 ones plus float32 ones read back as [0, 2, 0, 2].
     */
    @Test
    void inPlaceOpsWriteTheirResultConvertedToSelfsDtype() {
        try (var scope = Torch.scope()) {
            Tensor h = Torch.ones(4).to(DType.FLOAT16).to(CUDA);
            h.add_(Torch.full(new long[] {4}, 0.5).to(CUDA));
            h.mul_(Torch.full(new long[] {4}, 3.0).to(CUDA));
            h.addcmul_(Torch.ones(4).to(CUDA), Torch.full(new long[] {4}, 0.25).to(CUDA), 2.0);
            assertArrayEquals(new float[] {5f, 5f, 5f, 5f}, h.toFloatArray());
            Tensor i = Torch.arange(4).to(DType.INT32).to(CUDA);
            i.add_(Torch.arange(4).to(CUDA));
            i.mul_(Torch.full(new long[] {4}, 3L).to(CUDA));
            assertEquals(DType.INT32, i.dtype());
            assertArrayEquals(new long[] {0, 6, 12, 18}, i.toLongArray());
            Tensor lt = Torch.zeros(3).to(DType.BFLOAT16).to(CUDA);
            lt.copy_(Torch.tensor(new float[] {1, 2, 3}).to(CUDA).lt(Torch.full(new long[] {3}, 2.5).to(CUDA)));
            assertArrayEquals(new float[] {1, 1, 0}, lt.toFloatArray());
        }
    }

    /**
     * A CPU 0-dim tensor beside a cuda tensor joins it on cuda whichever side it is on, as PyTorch's scalars (as the first
     * operand it was refused: a transform's CPU constant times a GPU distribution parameter).
     */
    @Test
    void cpuScalarTensorsJoinCudaOperandsOnEitherSide() {
        try (var scope = Torch.scope()) {
            Tensor two = Torch.tensor(2.0), x = Torch.tensor(new double[] {1, 4}).to(CUDA);
            Tensor mask = Torch.tensor(new long[] {6, 5}).to(CUDA), six = Torch.tensor(3L);
            assertArrayEquals(new double[] {2, 8}, two.mul(x).toDoubleArray());
            assertArrayEquals(new double[] {2, 0.5}, two.div(x).toDoubleArray());
            assertArrayEquals(new double[] {2, 16}, two.pow(x).toDoubleArray());
            assertArrayEquals(new boolean[] {true, false}, two.gt(x).toBooleanArray());
            assertArrayEquals(new long[] {2, 1}, six.bitwiseAnd(mask).toLongArray());
            assertEquals("cuda", two.atan2(x).device().type());
            // the composites that join their operands themselves
            assertArrayEquals(new double[] {Math.log(Math.exp(2) + Math.exp(1)), Math.log(Math.exp(2) + Math.exp(4))},
                    two.logaddexp(x).toDoubleArray(), 1e-12);
            assertArrayEquals(new long[] {3, 1}, six.gcd(mask).toLongArray());
            assertArrayEquals(new double[] {2, 16}, two.floatPower(x).toDoubleArray());
            assertArrayEquals(new double[] {4, 32}, two.ldexp(x).toDoubleArray());
            assertArrayEquals(new double[] {Math.nextDown(2.0), Math.nextUp(2.0)}, two.nextafter(x).toDoubleArray());
            assertArrayEquals(new double[] {1, 1}, two.heaviside(x.to(two.dtype())).toDoubleArray());
            assertArrayEquals(new double[] {1, 4}, Torch.where(Torch.tensor(true), x, two).toDoubleArray());
            assertArrayEquals(new double[] {4, 10}, two.addcmul(x, Torch.tensor(2.0), 1.0).toDoubleArray());
            // an in-place op's self cannot move: PyTorch's error
            var e = assertThrows(IllegalArgumentException.class, () -> Torch.tensor(2.0).add_(Torch.tensor(1.0).to(CUDA)));
            assertEquals("Expected all tensors to be on the same device, but found at least two devices, cpu and cuda:0!", e.getMessage());
        }
    }

    /** {@code tensor.to(other)}: other's dtype and device in one call, this itself when both match; gradients flow back. */
    @Test
    void toAnotherTensorTakesItsDtypeAndDevice() {
        try (var scope = Torch.scope()) {
            Tensor like = Torch.zeros(1).to(DType.FLOAT16).to(CUDA);
            Tensor x = Torch.tensor(new double[] {1.5, -2}).to(DType.FLOAT64).requiresGrad_(true);
            Tensor y = x.to(like);
            assertEquals(DType.FLOAT16, y.dtype());
            assertEquals("cuda", y.device().type());
            assertSame(y, y.to(like));
            Tensor back = y.to(x);
            assertEquals(DType.FLOAT64, back.dtype());
            assertTrue(back.device().isCpu());
            back.mul(Torch.tensor(new double[] {3, 4}).to(DType.FLOAT64)).sum().backward();
            assertArrayEquals(new double[] {3, 4}, x.grad().toDoubleArray());
        }
    }

    /**
     * A 0-dim tensor scattered into with a 1-d index of zeros, as PyTorch allows (1.13: nan, 5, [2, 2]): the backend indexed
     * the 0-dim tensor's missing dim (found by fuzzing the API on cuda). The api now hands it a 1-element view, as for gather.
     */
    @Test
    void zeroDimTensorsScatterAndGather() {
        try (var scope = Torch.scope()) {
            Tensor x = Torch.tensor(2.0).to(DType.FLOAT64).to(CUDA);
            assertTrue(Double.isNaN(x.scatter(0, Torch.tensor(new long[] {0, 0, 0}, 3).to(CUDA), Double.NaN).item()));
            assertEquals(5.0, x.scatterAdd(0, Torch.tensor(new long[] {0, 0}, 2).to(CUDA), Torch.tensor(new double[] {1, 2}, 2).to(CUDA)).item());
            assertArrayEquals(new double[] {2, 2}, x.gather(0, Torch.tensor(new long[] {0, 0}, 2).to(CUDA)).toDoubleArray());
        }
    }

    /**
     * gather, scatter and the advanced-indexing kernels (index_select, index_add_, x[idx]) check indices that live on the
     * device there, as PyTorch's CUDA kernels do, so that they queue without
     * waiting for the GPU: an index out of range is skipped (nothing outside the tensor is read or written) and recorded,
     * and the next call that waits for the device raises PyTorch's message. The device stays usable. Cross entropy relies on
     * it for its targets, so that a training step does not wait for the GPU.
     */
    @Test
    void indexKernelsRaiseAnIndexOutOfRangeAtTheNextWait() {
        try (var scope = Torch.scope()) {
            Tensor x = Torch.arange(6).to(DType.FLOAT32).reshape(2, 3).to(CUDA);
            Tensor bad = Torch.tensor(new long[] {0, 3, 1, 2}, 2, 2).to(CUDA);
            Tensor g = x.gather(1, bad);   // queued: no exception yet
            var e = assertThrows(IndexOutOfBoundsException.class, g::toFloatArray);
            assertTrue(e.getMessage().startsWith("index 3 is out of bounds for dimension 1 with size 3"), e.getMessage());
            assertArrayEquals(new float[] {0, 1, 5, 5}, x.gather(1, Torch.tensor(new long[] {0, 1, 2, 2}, 2, 2).to(CUDA)).toFloatArray(),
                    "the error is raised once and the device goes on");

            Tensor target = Torch.zeros(2, 3).to(CUDA);
            target.scatter_(1, Torch.tensor(new long[] {-1, 2}, 2, 1).to(CUDA), Torch.ones(2, 1).to(CUDA));
            var s = assertThrows(IndexOutOfBoundsException.class, Cuda::synchronize);
            assertTrue(s.getMessage().startsWith("index -1 is out of bounds for dimension 1 with size 3"), s.getMessage());
            assertArrayEquals(new float[] {0, 0, 0, 0, 0, 1}, target.toFloatArray(), "the valid index was written, the other skipped");

            // advanced indexing, index_select and index_add_ with device indices: checked by the index kernels
            Tensor rows = Torch.tensor(new long[] {-1, 2}).to(CUDA);
            Tensor picked = x.index(org.torch4j.Index.of(rows));
            var i = assertThrows(IndexOutOfBoundsException.class, picked::toFloatArray);
            assertTrue(i.getMessage().startsWith("index 2 is out of bounds for dimension 0 with size 2"), i.getMessage());
            assertArrayEquals(new float[] {3, 4, 5, 0, 1, 2}, x.index(org.torch4j.Index.of(Torch.tensor(new long[] {-1, -2}).to(CUDA))).toFloatArray(),
                    "negative indices wrap on the device");
            Tensor tooNegative = x.indexSelect(1, Torch.tensor(new long[] {0, -4}).to(CUDA));
            var n = assertThrows(IndexOutOfBoundsException.class, tooNegative::toFloatArray);
            assertTrue(n.getMessage().startsWith("index -4 is out of bounds for dimension 1 with size 3"), n.getMessage());
            Tensor acc = Torch.zeros(3).to(CUDA);
            acc.indexAdd_(0, Torch.tensor(new long[] {0, 3, 0}).to(CUDA), Torch.ones(3).to(CUDA));
            var a = assertThrows(IndexOutOfBoundsException.class, Cuda::synchronize);
            assertTrue(a.getMessage().startsWith("index 3 is out of bounds for dimension 0 with size 3"), a.getMessage());
            assertArrayEquals(new float[] {2, 0, 0}, acc.toFloatArray());
            var host = assertThrows(IndexOutOfBoundsException.class, () -> x.index(org.torch4j.Index.of(Torch.tensor(new long[] {5}))));
            assertTrue(host.getMessage().startsWith("index 5 is out of bounds for dimension 0 with size 2"), "host indices: at once");

            // cross entropy's targets are checked by its gather: the loss queues without a wait, and its read raises
            Tensor loss = F.crossEntropy(Torch.zeros(2, 3).to(CUDA), Torch.tensor(new long[] {1, 3}).to(CUDA));
            var c = assertThrows(IndexOutOfBoundsException.class, loss::item);
            assertTrue(c.getMessage().startsWith("index 3 is out of bounds for dimension 1 with size 3"), c.getMessage());
        }
    }

    /**
     * A Java number in arithmetic or a comparison is an argument of the op's kernel: one launch, as PyTorch's (before
     * 2026-12-06 a float64 fill, a conversion and the kernel). Written into a tensor (masked_fill_) it is a fill in the
     * tensor's dtype and the write. Batch norm's running statistics: a scaling and an add each.
     */
    @Test
    void javaNumbersAreKernelArgumentsAndRunningStatisticsTwoKernelsEach() {
        CudaDevice device = ((CudaBackend) org.torch4j.spi.BackendRegistry.require("cuda")).device(0);
        try (var scope = Torch.scope()) {
            Tensor x = Torch.arange(4).to(DType.FLOAT32).to(CUDA);
            long before = device.launches();
            x.mul_(0.5).add_(1L);
            Tensor y = x.pow(3.0).lt(4.0);
            assertEquals(4, device.launches() - before, "four ops with a Java number: a kernel each");
            assertArrayEquals(new double[] {1, 1, 0, 0}, y.toDoubleArray());
            assertArrayEquals(new float[] {1f, 1.5f, 2f, 2.5f}, x.toFloatArray());
            Tensor mask = y.logicalNot();
            before = device.launches();
            x.maskedFill_(mask, Double.NEGATIVE_INFINITY);
            assertEquals(2, device.launches() - before, "masked_fill_ with a Java number: a fill and the masked write");
            assertArrayEquals(new float[] {1f, 1.5f, Float.NEGATIVE_INFINITY, Float.NEGATIVE_INFINITY}, x.toFloatArray());

            Tensor in = Torch.arange(12).to(DType.FLOAT32).reshape(4, 3).to(CUDA);
            Tensor runningMean = Torch.zeros(3).to(CUDA), runningVar = Torch.ones(3).to(CUDA);
            long start = device.launches();
            F.batchNorm(in, null, null, null, null, true, 0.1, 1e-5);
            long withoutRunning = device.launches() - start;
            start = device.launches();
            F.batchNorm(in, runningMean, runningVar, null, null, true, 0.1, 1e-5);
            assertEquals(withoutRunning + 4, device.launches() - start, "each running statistic: a scaling and an add");
            assertArrayEquals(new float[] {0.45f, 0.55f, 0.65f}, runningMean.toFloatArray(), 1e-6f);
            // the unbiased variance of 0, 3, 6, 9 is 15
            assertArrayEquals(new float[] {2.4f, 2.4f, 2.4f}, runningVar.toFloatArray(), 1e-6f);
        }
    }

    /**
     * A launch an H100 cannot run fails with the driver's error, on the emulated device as on a GPU (the emulated
     * driver holds each kernel's registers and shared memory as ptxas compiles them for sm_90:
     * {@code src/main/cuda/resources-sm_90.tsv}), and the device stays usable. {@code gemm_tc_bf16} takes 128
     * registers a thread, so 1,024 threads would need 128K of a block's 64K registers; 64 KiB of dynamic shared
     * memory is past the 48 KiB a kernel may take without opting in. The arguments are a real 1x1 product's.
     */
    @Test
    void launchesAnH100CannotFitAreRefusedWithTheDriversError() {
        CudaDevice device = ((CudaBackend) org.torch4j.spi.BackendRegistry.require("cuda")).device(0);
        try (var scope = Torch.scope()) {
            Tensor a = Torch.ones(1, 1, 1).to(DType.BFLOAT16).to(CUDA), out = Torch.zeros(1, 1, 1).to(DType.BFLOAT16).to(CUDA);
            long[] mat = {0, 1, 1, 1};
            CudaDevice.Ptr pa = new CudaDevice.Ptr(((CudaStorage) a.strided().storage()).address());
            CudaDevice.Ptr po = new CudaDevice.Ptr(((CudaStorage) out.strided().storage()).address());
            Object[] args = {1L, 1L, 1L, 1L, mat, mat, mat, 1.0, 0.0, po, pa, pa};
            IllegalStateException registers = assertThrows(IllegalStateException.class,
                    () -> device.launchGrid("gemm_tc_bf16", 1, 1, 1, 1024, 0, args));
            assertTrue(registers.getMessage().contains("CUDA_ERROR_LAUNCH_OUT_OF_RESOURCES"), registers.getMessage());
            IllegalStateException shared = assertThrows(IllegalStateException.class,
                    () -> device.launchGrid("gemm_tc_bf16", 1, 1, 1, 256, 64 * 1024, args));
            // drivers have answered this with either code
            assertTrue(shared.getMessage().matches(".*CUDA_ERROR_(INVALID_VALUE|LAUNCH_OUT_OF_RESOURCES).*"), shared.getMessage());
            device.launchGrid("gemm_tc_bf16", 1, 1, 1, 256, 0, args);
            assertArrayEquals(new double[] {1}, out.toDoubleArray(), "the same launch with the block it was written for");
        }
    }

    /**
     * Float32 convolutions use TF32 by default, as PyTorch's ({@code torch.backends.cudnn.allow_tf32}), in the
     * forward and both gradients (stride 2, so the input gradient is the backend's kernel, not a convolution):
     * against float64, their error is TF32's (operands rounded to 10 mantissa bits), well above float32's, and
     * float32's once turned off. Matrix products keep float32 by default.
     */
    @Test
    void convolutionsUseTf32ByDefaultAsPyTorch() {
        assertTrue(Cuda.allowConvTf32(), "convolutions: TF32 allowed by default");
        assertTrue(!Cuda.allowTf32(), "matrix products: TF32 not allowed by default");
        Torch.manualSeed(21);
        Tensor x = Torch.randn(2, 16, 9, 9), w = Torch.randn(8, 16, 3, 3).mul(0.2), gy = Torch.randn(2, 8, 5, 5);
        Tensor[] ref = convAndGradients(x.toDouble(), w.toDouble(), gy.toDouble());
        String[] names = {"output", "input gradient", "weight gradient"};
        for (String path : List.of("cublas", "own kernels")) {
            if (!path.equals("cublas")) System.setProperty("torch4j.cuda.cublas", "false");
            for (boolean tf32 : new boolean[] {true, false}) {
                Cuda.setAllowConvTf32(tf32);
                Tensor[] got = convAndGradients(x.to(CUDA), w.to(CUDA), gy.to(CUDA));
                for (int i = 0; i < 3; i++) {
                    double err = got[i].cpu().toDouble().sub(ref[i]).abs().max().item() / ref[i].abs().max().item();
                    String ctx = path + ", TF32 " + (tf32 ? "on" : "off") + ", " + names[i] + ": error " + err;
                    assertTrue(tf32 ? err > 2e-5 && err < 5e-3 : err < 2e-6, ctx);
                }
            }
        }
    }

    /** conv2d(x, w) with stride 2 and padding 1, and the gradients of sum(output * gy) for x and w. */
    private static Tensor[] convAndGradients(Tensor x, Tensor w, Tensor gy) {
        Tensor xi = x.detach().requiresGrad_(), wi = w.detach().requiresGrad_();
        Tensor y = F.conv2d(xi, wi, null, new long[] {2, 2}, new long[] {1, 1}, new long[] {1, 1}, 1);
        y.mul(gy).sum().backward();
        return new Tensor[] {y.detach(), xi.grad(), wi.grad()};
    }

    @Test
    void longAndShortLinesSortAlike() {
        Torch.manualSeed(2);
        for (long n : new long[] {17, 2048, 5000}) {
            Tensor x = Torch.randint(0, 50, 3, n).toFloat();   // many ties: the sort must be stable
            var cpu = x.sort(1, true, true);
            var gpu = x.to(CUDA).sort(1, true, true);
            assertArrayEquals(cpu.values().toDoubleArray(), gpu.values().cpu().toDoubleArray(), "values n=" + n);
            assertArrayEquals(cpu.indices().toLongArray(), gpu.indices().cpu().toLongArray(), "indices n=" + n);
            var tc = x.topk(5, 1, true, true);
            var tg = x.to(CUDA).topk(5, 1, true, true);
            assertArrayEquals(tc.values().toDoubleArray(), tg.values().cpu().toDoubleArray(), "topk n=" + n);
        }
    }

    /**
     * Sorts and topk of lines longer than one block's sort run on the GPU (LongLineSort): values and indices equal the
     * CPU's, ties (many), NaN and -inf included, largest and smallest first, along the last dim and a strided one, in
     * several dtypes. The topk cases take two and three chunk stages (k up to 1024) or the full sort (k 1500); the
     * sorts merge 3 to 147 sorted chunks, the last one short.
     */
    @Test
    void longLinesSortAndTopkOnTheGpuAsOnTheCpu() {
        Torch.manualSeed(3);
        Tensor vocab = Torch.randint(0, 1000, 3, 50257).toFloat();
        vocab.select(0, 1).narrow(0, 100, 5).fill_(Double.NaN);
        vocab.select(0, 2).narrow(0, 7, 3000).fill_(Double.NEGATIVE_INFINITY);
        record Case(Tensor x, int k, int dim, boolean largest) {}
        Tensor wide = Torch.randint(0, 100, 2, 300_000).to(DType.INT32);
        List<Case> cases = List.of(new Case(vocab, 50, 1, true), new Case(vocab, 1, 1, false), new Case(vocab, 1024, 1, true),
                new Case(vocab, 1500, 1, false), new Case(vocab.to(DType.BFLOAT16), 40, 1, false),
                new Case(Torch.randint(-5000, 5000, 5000, 3), 7, 0, true), new Case(wide, 100, 1, true),
                new Case(vocab, 50257, 1, true), new Case(vocab.to(DType.FLOAT64).t(), 50257, 0, false),
                new Case(Torch.randint(-3, 3, 4100, 2).to(DType.INT8), 4100, 0, true), new Case(wide, 300_000, 1, false));
        for (Case c : cases) {
            String ctx = c.x.dtype() + " " + java.util.Arrays.toString(c.x.shape()) + " k=" + c.k + " dim=" + c.dim + (c.largest ? " largest" : " smallest");
            boolean full = c.k == c.x.size(c.dim);
            var want = full ? c.x.sort(c.dim, c.largest, true) : c.x.topk(c.k, c.dim, c.largest, true);
            var got = full ? c.x.to(CUDA).sort(c.dim, c.largest, true) : c.x.to(CUDA).topk(c.k, c.dim, c.largest, true);
            assertArrayEquals(want.values().toDoubleArray(), got.values().cpu().toDoubleArray(), ctx + ": values");
            assertArrayEquals(want.indices().toLongArray(), got.indices().cpu().toLongArray(), ctx + ": indices");
        }
    }

    /**
     * cumsum, cumprod and logcumsumexp of lines long enough for a block per line (scan_lines: tiles of 256, the carry
     * between them, a last tile cut short), along the last dim and a strided one: integers exactly, floating values
     * within their dtype's rounding, NaN and infinities where the CPU has them.
     */
    @Test
    void scansOfLongLinesMatchTheCpu() {
        Torch.manualSeed(4);
        Tensor x = Torch.randn(3, 100_001);
        x.select(0, 1).narrow(0, 70_000, 3).fill_(Double.NaN);
        Tensor ints = Torch.randint(-9, 10, 2000, 3);
        Tensor near1 = Torch.rand(2, 5000).mul(0.002).add(0.999).toDouble();
        assertArrayEquals(ints.cumsum(0).toLongArray(), ints.to(CUDA).cumsum(0).cpu().toLongArray(), "int64 cumsum along dim 0");
        assertArrayEquals(ints.gt(0).cumsum(0).toLongArray(), ints.gt(0).to(CUDA).cumsum(0).cpu().toLongArray(), "bool cumsum");
        assertScanClose(x.cumsum(1), x.to(CUDA).cumsum(1), 1e-5, "float32 cumsum");
        assertScanClose(near1.cumprod(1), near1.to(CUDA).cumprod(1), 1e-12, "float64 cumprod");
        assertScanClose(x.logcumsumexp(1), x.to(CUDA).logcumsumexp(1), 1e-5, "float32 logcumsumexp");
        Tensor inf = Torch.zeros(600);
        inf.narrow(0, 300, 1).fill_(Double.POSITIVE_INFINITY);
        assertScanClose(inf.cumsum(0), inf.to(CUDA).cumsum(0), 0, "an infinity carried to the end");
    }

    /** NaN and infinities where expected has them; finite values within rtol of the finite values' largest magnitude. */
    private static void assertScanClose(Tensor expected, Tensor got, double rtol, String ctx) {
        assertEquals(expected.dtype(), got.dtype(), ctx);
        double[] e = expected.toDoubleArray(), g = got.cpu().toDoubleArray();
        double scale = 1;
        for (double v : e) if (Double.isFinite(v)) scale = Math.max(scale, Math.abs(v));
        for (int i = 0; i < e.length; i++) {
            boolean ok = Double.isFinite(e[i]) ? Math.abs(e[i] - g[i]) <= rtol * scale : Double.compare(e[i], g[i]) == 0;
            assertTrue(ok, ctx + ": element " + i + " expected " + e[i] + " got " + g[i]);
        }
    }

    /**
     * nonzero on the GPU (a bool mask, its scan, index_nonzero): the CPU's coordinates for a small bool tensor, a float
     * one with NaN (non-zero) and -0.0 (zero) long enough for the block scan, a transposed view, a tensor with no
     * non-zero element, and a 0-dim one.
     */
    @Test
    void nonzeroAndCountNonzeroMatchTheCpu() {
        Torch.manualSeed(5);
        Tensor dense = Torch.randn(3, 1000, 7).mul(Torch.rand(3, 1000, 7).gt(0.8));
        dense.select(0, 1).select(0, 3).fill_(Double.NaN);
        dense.select(0, 2).select(0, 4).fill_(-0.0);
        List<Tensor> cases = List.of(Torch.arange(60).reshape(3, 4, 5).remainder(7).eq(0), dense, dense.select(2, 1).t(),
                Torch.zeros(4, 600), Torch.tensor(new double[] {2.5}, new long[0]));
        for (Tensor x : cases) {
            String ctx = x.dtype() + " " + java.util.Arrays.toString(x.shape());
            Tensor want = x.nonzero(), got = x.to(CUDA).nonzero();
            assertArrayEquals(want.shape(), got.shape(), ctx + ": shape");
            assertArrayEquals(want.toLongArray(), got.cpu().toLongArray(), ctx);
            assertEquals(x.countNonzero(), x.to(CUDA).countNonzero(), ctx + ": count");
        }
    }

    @Test
    void uploadsAreStagedSoLaterWritesToTheSourceDoNotReachTheDevice() {
        // GPU work queued ahead, so that the staged copies are still waiting in the stream when the sources change (the
        // emulated device runs queued work only when the host waits, so any work will do there: its 1024 x 1024
        // products took two minutes on the CPU)
        int n = EmulatedCuda.active() ? 64 : 1024;
        Tensor busy = Torch.randn(n, n).to(CUDA);
        for (int i = 0; i < 10; i++) busy = busy.matmul(busy).mul(1e-3);
        DType[] dtypes = {DType.FLOAT32, DType.INT64, DType.FLOAT64, DType.UINT8};
        long[][] shapes = {{3, 5}, {700, 1000}, {2, 300_000}, {1}};
        List<Tensor> sources = new java.util.ArrayList<>(), uploaded = new java.util.ArrayList<>();
        for (int i = 0; i < 16; i++) {
            Tensor host = Torch.full(shapes[i % shapes.length], i % 7 + 1, dtypes[i % dtypes.length], Device.CPU);
            Tensor view = i % 3 == 0 && host.dim() == 2 ? host.t() : host;   // strided sources are packed first
            // every fifth converts on the device (a staged copy into a temporary, then a conversion kernel)
            uploaded.add(i % 5 == 0 ? Torch.empty(view.shape(), DType.FLOAT32, CUDA).copy_(view) : view.to(CUDA));
            sources.add(view);
            host.fill_(-1);
        }
        busy.sum().item();
        for (int i = 0; i < sources.size(); i++) {
            Tensor got = uploaded.get(i).cpu().toDouble();
            assertEquals(i % 7 + 1, got.min().item(), "upload " + i + " min");
            assertEquals(i % 7 + 1, got.max().item(), "upload " + i + " max");
            assertArrayEquals(sources.get(i).shape(), got.shape(), "upload " + i + " shape");
        }
    }
}
