package org.torch4j.backend.cuda;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.torch4j.DType;
import org.torch4j.Device;
import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.fft.Fft;
import org.torch4j.spi.Backend;
import org.torch4j.spi.BackendRegistry;

/**
 * complex.cu on a GPU against the CPU backend: the FFT hooks called directly (so that a silent fallback to
 * the api's DFT products fails the test) over lengths that take every path: one radix, mixed radices of 4, 2,
 * 3, 5 and 7 in one block, lines too long for shared memory (a launch per pass), primes and lengths with a
 * factor above 7 (Bluestein), odd and even real lengths, in place; then complexMul and complexAbs with
 * broadcast inputs, and the api's transforms and their gradients on cuda. The CPU computes the references in
 * float64 from the same inputs. Skipped, printing why, without a GPU.
 */
class CudaFftTest {

    private static final Device CUDA = Device.of("cuda");

    /** 1 and single radices; mixed radices; too long for one block in float32 (> 3072) or float64 (> 1536); Bluestein. */
    private static final long[] LENGTHS = {1, 2, 3, 4, 5, 7, 8, 12, 30, 49, 64, 210, 1000, 1536, 2048, 4096, 6000, 11, 13, 17, 22, 97,
        1031, 2 * 2053};

    private static Backend cuda, cpu;

    @BeforeAll
    static void requireCuda() {
        RequireCuda.orSkip("CUDA FFT tests");
        cuda = BackendRegistry.find("cuda");
        cpu = BackendRegistry.find("cpu");
    }

    /** Batches: several lines for short lengths, fewer for long ones (the emulated device runs every thread on the CPU). */
    private static long batch(long n) {
        return n <= 64 ? 5 : n <= 2048 ? 3 : 2;
    }

    @Test
    void complexTransformsMatchTheCpu() {
        Torch.manualSeed(11);
        for (DType t : List.of(DType.FLOAT32, DType.FLOAT64)) {
            for (long n : LENGTHS) {
                for (boolean inverse : new boolean[] {false, true}) {
                    String ctx = (inverse ? "inverse " : "forward ") + t + " n=" + n;
                    Tensor x = Torch.randn(batch(n), n, 2).to(t);
                    Tensor want = Torch.empty(x.shape(), DType.FLOAT64, Device.CPU), xRef = x.to(DType.FLOAT64);
                    assertTrue(cpu.fftC2C(xRef.strided(), want.strided(), inverse), ctx + ": the CPU kernel declined");
                    Tensor xc = x.to(CUDA), got = Torch.empty(x.shape(), t, CUDA);
                    assertTrue(cuda.fftC2C(xc.strided(), got.strided(), inverse), ctx + ": the CUDA kernel declined");
                    assertClose(want, got, t, ctx);
                    // in place: out is in itself
                    assertTrue(cuda.fftC2C(xc.strided(), xc.strided(), inverse), ctx + " in place: declined");
                    assertClose(want, xc, t, ctx + " in place");
                }
            }
        }
    }

    @Test
    void realTransformsMatchTheCpu() {
        Torch.manualSeed(12);
        for (DType t : List.of(DType.FLOAT32, DType.FLOAT64)) {
            for (long n : LENGTHS) {
                long b = batch(n), half = n / 2 + 1;
                String ctx = t + " n=" + n;
                Tensor x = Torch.randn(b, n).to(t);
                Tensor want = Torch.empty(new long[] {b, half, 2}, DType.FLOAT64, Device.CPU);
                assertTrue(cpu.fftR2C(x.to(DType.FLOAT64).strided(), want.strided()), ctx + ": the CPU rfft declined");
                Tensor got = Torch.empty(new long[] {b, half, 2}, t, CUDA);
                assertTrue(cuda.fftR2C(x.to(CUDA).strided(), got.strided()), ctx + ": the CUDA rfft declined");
                assertClose(want, got, t, "rfft " + ctx);

                // any half spectrum, with imaginary parts at frequency 0 and (even n) n/2 that both ignore
                Tensor spectrum = Torch.randn(b, half, 2).to(t);
                Tensor back = Torch.empty(new long[] {b, n}, DType.FLOAT64, Device.CPU);
                assertTrue(cpu.fftC2R(spectrum.to(DType.FLOAT64).strided(), back.strided()), ctx + ": the CPU irfft declined");
                Tensor gotBack = Torch.empty(new long[] {b, n}, t, CUDA);
                assertTrue(cuda.fftC2R(spectrum.to(CUDA).strided(), gotBack.strided()), ctx + ": the CUDA irfft declined");
                assertClose(back, gotBack, t, "irfft " + ctx);
            }
        }
    }

    @Test
    void hooksDeclineWhatTheyDoNotCover() {
        Tensor half = Torch.randn(2, 8, 2).to(DType.FLOAT16).to(CUDA);
        assertFalse(cuda.fftC2C(half.strided(), Torch.empty(half.shape(), DType.FLOAT16, CUDA).strided(), false), "float16");
        Tensor strided = Torch.randn(8, 2, 2).to(CUDA).transpose(0, 1);
        assertFalse(cuda.fftC2C(strided.strided(), Torch.empty(strided.shape(), DType.FLOAT32, CUDA).strided(), false), "not contiguous");
        Tensor host = Torch.randn(2, 8, 2);
        assertFalse(cuda.fftC2C(host.strided(), Torch.empty(host.shape(), DType.FLOAT32, CUDA).strided(), false), "a host operand");
        // irfft to length 0 is left to the api, as on the CPU
        assertFalse(cuda.fftC2R(Torch.randn(2, 1, 2).to(CUDA).strided(), Torch.empty(new long[] {2, 0}, DType.FLOAT32, CUDA).strided()));
        assertTrue(cuda.fftC2C(Torch.empty(new long[] {0, 8, 2}, DType.FLOAT32, CUDA).strided(),
                Torch.empty(new long[] {0, 8, 2}, DType.FLOAT32, CUDA).strided(), false), "an empty batch");
    }

    @Test
    void complexProductsQuotientsAndMagnitudesMatchTheCpu() {
        Torch.manualSeed(13);
        for (DType t : List.of(DType.FLOAT32, DType.FLOAT64)) {
            // a broadcast over dim 0 (stride 0), b a transposed view; pairs at stride 1 in both; the same views on both devices
            Tensor aBase = Torch.randn(1, 7, 2).to(t), bBase = Torch.randn(7, 5, 2).to(t);
            Tensor a = aBase.expand(5, 7, 2), b = bBase.transpose(0, 1);
            Tensor ac = aBase.to(CUDA).expand(5, 7, 2), bc = bBase.to(CUDA).transpose(0, 1);
            for (boolean divide : new boolean[] {false, true}) {
                String ctx = (divide ? "complex quotient " : "complex product ") + t;
                Tensor want = Torch.empty(new long[] {5, 7, 2}, t, Device.CPU), got = Torch.empty(new long[] {5, 7, 2}, t, CUDA);
                assertTrue(cpu.complexMul(want.strided(), a.strided(), b.strided(), divide), ctx + ": the CPU kernel declined");
                assertTrue(cuda.complexMul(got.strided(), ac.strided(), bc.strided(), divide), ctx + ": the CUDA kernel declined");
                // every operation rounded in the dtype in the CPU's order: the same bits
                assertArrayEquals(want.toDoubleArray(), got.cpu().toDoubleArray(), 0, ctx);
            }
            Tensor zBase = Torch.randn(6, 4, 2).to(t);
            Tensor want = Torch.empty(new long[] {4, 6}, t, Device.CPU), got = Torch.empty(new long[] {4, 6}, t, CUDA);
            assertTrue(cpu.complexAbs(want.strided(), zBase.transpose(0, 1).strided()));
            assertTrue(cuda.complexAbs(got.strided(), zBase.to(CUDA).transpose(0, 1).strided()), "complexAbs " + t + ": the CUDA kernel declined");
            assertArrayEquals(want.toDoubleArray(), got.cpu().toDoubleArray(), t == DType.FLOAT32 ? 1e-6 : 1e-15, "complexAbs " + t);
        }
    }

    @Test
    void theApisTransformsAndGradientsOnCudaMatchTheCpu() {
        Torch.manualSeed(14);
        Tensor x = Torch.randn(new long[] {3, 40, 6}, DType.FLOAT64);
        Tensor xc = x.to(CUDA).requiresGrad_(true), xr = x.clone().requiresGrad_(true);
        Tensor yc = Fft.irfft(Fft.fft(Fft.rfft(xc, null, 1, "ortho"), null, 2, "backward"), 40L, 1, "forward");
        Tensor yr = Fft.irfft(Fft.fft(Fft.rfft(xr, null, 1, "ortho"), null, 2, "backward"), 40L, 1, "forward");
        assertEquals("cuda", yc.device().type());
        assertClose(yr, yc, DType.FLOAT64, "rfft, fft, irfft on cuda");
        Tensor g = Torch.randn(yr.shape(), DType.FLOAT64);
        yr.backward(g);
        yc.backward(g.to(CUDA));
        assertClose(xr.grad(), xc.grad(), DType.FLOAT64, "their gradient");
    }

    /** got (dtype t, on the GPU) against the float64 reference, within t's tolerance relative to the reference's largest value. */
    private static void assertClose(Tensor expected, Tensor got, DType t, String ctx) {
        assertArrayEquals(expected.shape(), got.shape(), ctx + ": shape");
        double[] e = expected.to(DType.FLOAT64).toDoubleArray(), g = got.cpu().to(DType.FLOAT64).toDoubleArray();
        double scale = 1;
        for (double v : e) scale = Math.max(scale, Math.abs(v));
        double tol = (t == DType.FLOAT64 ? 1e-12 : 2e-6) * scale;
        for (int i = 0; i < e.length; i++) {
            assertTrue(Math.abs(e[i] - g[i]) <= tol, ctx + " [" + i + "]: expected " + e[i] + " but got " + g[i]);
        }
    }
}
