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
import org.torch4j.nn.F;
import org.torch4j.spi.Backend;
import org.torch4j.spi.BackendRegistry;

/**
 * grid.cu (the {@code gridSample} and {@code gridSampleBackward} hooks) on a GPU against the CPU backend's kernels:
 * each called directly (a silent fallback fails the test) for every mode, padding mode and corner alignment, over 2
 * and 3 spatial dims, with grid points beyond [-1, 1] (so that every padding rule acts) and points exactly on pixel
 * centres and edges, in float32 and float64; then {@code F.gridSample} on cuda forward and backward. Skipped,
 * printing why, without a GPU.
 */
class CudaGridSampleTest {

    private static final Device CUDA = Device.of("cuda");
    private static final List<String> PADDINGS = List.of("zeros", "border", "reflection");
    private static Backend cuda, cpu;

    @BeforeAll
    static void requireCuda() {
        RequireCuda.orSkip("CUDA grid-sample tests");
        cuda = BackendRegistry.find("cuda");
        cpu = BackendRegistry.find("cpu");
    }

    /** Grid points uniform in [-1.4, 1.4], some of them moved to exact pixel centres and edges. */
    private static Tensor grid(DType t, long... shape) {
        Tensor g = Torch.rand(shape).mul(2.8).sub(1.4);
        g.reshape(-1).narrow(0, 0, 6).copy_(Torch.tensor(new double[] {-1, 1, 0, 0.5, -0.5, 1}));
        return g.to(t);
    }

    @Test
    void forwardMatchesTheCpuInEveryModeAndPadding() {
        Torch.manualSeed(41);
        for (DType t : List.of(DType.FLOAT32, DType.FLOAT64)) {
            for (int d : new int[] {2, 3}) {
                Tensor input = Torch.randn(d == 2 ? new long[] {2, 3, 5, 7} : new long[] {2, 3, 4, 5, 6}).to(t);
                Tensor g = grid(t, d == 2 ? new long[] {2, 4, 6, 2} : new long[] {2, 3, 4, 5, 3});
                long[] outShape = d == 2 ? new long[] {2, 3, 4, 6} : new long[] {2, 3, 3, 4, 5};
                for (String mode : d == 2 ? List.of("bilinear", "nearest", "bicubic") : List.of("bilinear", "nearest")) {
                    for (String padding : PADDINGS) {
                        for (boolean align : new boolean[] {false, true}) {
                            String ctx = t + " " + d + "-d " + mode + " " + padding + (align ? " aligned" : "");
                            Tensor want = Torch.empty(outShape, t, Device.CPU), got = Torch.empty(outShape, t, CUDA);
                            assertTrue(cpu.gridSample(input.strided(), g.strided(), want.strided(), mode, padding, align), ctx);
                            assertTrue(cuda.gridSample(input.to(CUDA).strided(), g.to(CUDA).strided(), got.strided(), mode, padding, align),
                                    ctx + ": the CUDA kernel declined");
                            assertClose(want, got, t, ctx);
                        }
                    }
                }
            }
        }
    }

    @Test
    void gradientsMatchTheCpuForBilinearAndNearest() {
        Torch.manualSeed(42);
        for (DType t : List.of(DType.FLOAT32, DType.FLOAT64)) {
            Tensor input = Torch.randn(2, 3, 5, 7).to(t), g = grid(t, 2, 4, 6, 2), gradOut = Torch.randn(2, 3, 4, 6).to(t);
            for (String mode : List.of("bilinear", "nearest")) {
                for (String padding : PADDINGS) {
                    for (boolean align : new boolean[] {false, true}) {
                        String ctx = t + " " + mode + " " + padding + (align ? " aligned" : "");
                        Tensor gi = Torch.zeros(input.shape(), t), gg = Torch.empty(g.shape(), t, Device.CPU);
                        Tensor giC = Torch.zeros(input.shape(), t).to(CUDA), ggC = Torch.empty(g.shape(), t, CUDA);
                        assertTrue(cpu.gridSampleBackward(gradOut.strided(), input.strided(), g.strided(), gi.strided(), gg.strided(), mode,
                                padding, align), ctx);
                        assertTrue(cuda.gridSampleBackward(gradOut.to(CUDA).strided(), input.to(CUDA).strided(), g.to(CUDA).strided(),
                                giC.strided(), ggC.strided(), mode, padding, align), ctx + ": the CUDA kernel declined");
                        assertClose(gi, giC, t, ctx + " input gradient");
                        assertClose(gg, ggC, t, ctx + " grid gradient");
                    }
                }
            }
        }
        Tensor x = Torch.randn(1, 1, 3, 3, 3).to(CUDA), g3 = Torch.zeros(1, 2, 2, 2, 3).to(CUDA);
        assertFalse(cuda.gridSampleBackward(Torch.zeros(1, 1, 2, 2, 2).to(CUDA).strided(), x.strided(), g3.strided(),
                Torch.zeros(x.shape()).to(CUDA).strided(), null, "bilinear", "zeros", false), "3-d: the api composes it");
    }

    @Test
    void theFunctionalFormOnCudaMatchesTheCpuForwardAndBackward() {
        Torch.manualSeed(43);
        Tensor input = Torch.randn(new long[] {2, 2, 6, 6}, DType.FLOAT64), g = grid(DType.FLOAT64, 2, 5, 5, 2);
        Tensor x = input.clone().requiresGrad_(true), gr = g.clone().requiresGrad_(true);
        Tensor xc = input.to(CUDA).requiresGrad_(true), grc = g.to(CUDA).requiresGrad_(true);
        Tensor y = F.gridSample(x, gr, "bilinear", "reflection", false), yc = F.gridSample(xc, grc, "bilinear", "reflection", false);
        assertEquals("cuda", yc.device().type());
        assertClose(y, yc, DType.FLOAT64, "F.gridSample");
        Tensor w = Torch.randn(y.shape(), DType.FLOAT64);
        y.mul(w).sum().backward();
        yc.mul(w.to(CUDA)).sum().backward();
        assertClose(x.grad(), xc.grad(), DType.FLOAT64, "input gradient");
        assertClose(gr.grad(), grc.grad(), DType.FLOAT64, "grid gradient");
    }
}
