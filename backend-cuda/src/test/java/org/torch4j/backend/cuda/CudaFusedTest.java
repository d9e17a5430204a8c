package org.torch4j.backend.cuda;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.torch4j.Cuda;
import org.torch4j.DType;
import org.torch4j.Device;
import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.nn.F;
import org.torch4j.spi.Backend;
import org.torch4j.spi.BackendRegistry;
import org.torch4j.spi.Strided;

/**
 * The fused kernels of {@code fused.cu} (FusedOps) on a GPU against the CPU backend: each hook called
 * directly (so a silent fallback fails the test) in float32, float64, float16 and bfloat16 with odd
 * shapes, lines longer than a block, rows of -inf, NaN and +inf, ties; the CPU computes the reference in
 * float64 from the same (rounded) inputs. Then the api paths that reach the hooks, forward and backward.
 * Skipped, printing why, without a GPU.
 */
class CudaFusedTest {

    private static final Device CUDA = Device.of("cuda");
    private static final List<DType> FLOATING = List.of(DType.FLOAT32, DType.FLOAT64, DType.FLOAT16, DType.BFLOAT16);

    private static Backend cuda, cpu;

    @BeforeAll
    static void requireCuda() {
        RequireCuda.orSkip("CUDA fused-kernel tests");
        // float32 parity with the CPU: convolutions without TF32 (PyTorch's default, tested in CudaRuntimeTest)
        Cuda.setAllowConvTf32(false);
        cuda = BackendRegistry.find("cuda");
        cpu = BackendRegistry.find("cpu");
    }

    @AfterAll
    static void restoreTf32() {
        Cuda.setAllowConvTf32(true);
    }

    // ---- helpers --------------------------------------------------------------------------------

    /** Normal values times scale, rounded to t, on the device. */
    private static Tensor random(long[] shape, double scale, DType t, Device device) {
        return Torch.randn(shape).mul(scale).to(t).to(device);
    }

    /** The same values on the CPU in float64 (exact: every dtype here widens exactly). */
    private static Tensor ref(Tensor x) {
        return x.cpu().to(DType.FLOAT64);
    }

    private static Tensor empty(long[] shape, DType t, Device device) {
        return Torch.empty(shape, t, device);
    }

    /** Tolerance of a dtype's results against a float64 reference, relative and (times the tensor's largest value) absolute. */
    private static double tolerance(DType t) {
        return switch (t) {
            case FLOAT64 -> 1e-10;
            case FLOAT32 -> 1e-5;
            case FLOAT16 -> 4e-3;
            default -> 1.6e-2;
        };
    }

    /** got (on the GPU, dtype t) against the float64 reference: NaN where it is NaN, infinities exact, else within t's tolerance. */
    private static void assertClose(Tensor expected, Tensor got, DType t, String ctx) {
        assertArrayEquals(expected.shape(), got.shape(), ctx + ": shape");
        double[] e = expected.toDoubleArray(), g = got.cpu().to(DType.FLOAT64).toDoubleArray();
        double tol = tolerance(t), scale = 1;
        for (double v : e) if (Double.isFinite(v)) scale = Math.max(scale, Math.abs(v));
        for (int i = 0; i < e.length; i++) {
            if (Double.isNaN(e[i]) || Double.isInfinite(e[i])) {
                assertEquals(e[i], g[i], 0, ctx + " [" + i + "]");
            } else {
                assertTrue(Math.abs(e[i] - g[i]) <= tol * (Math.abs(e[i]) + scale), ctx + " [" + i + "]: expected " + e[i] + " but got " + g[i]);
            }
        }
    }

    /** x with special lines (rows of the last dim): all -inf, a NaN, a +inf, a -inf among finite values. */
    private static Tensor withSpecialLines(Tensor x) {
        long rows = x.numel() / x.size(-1);
        Tensor lines = x.reshape(rows, x.size(-1));
        double inf = Double.POSITIVE_INFINITY;
        if (rows > 0) lines.select(0, 0).fill_(-inf);
        if (rows > 1) lines.select(0, 1).select(0, lines.size(1) / 2).fill_(Double.NaN);
        if (rows > 2) lines.select(0, 2).select(0, 0).fill_(inf);
        if (rows > 3) lines.select(0, 3).select(0, lines.size(1) - 1).fill_(-inf);
        return x;
    }

    private static final long[][] LINE_SHAPES = {{1}, {17}, {1, 1}, {5, 3}, {7, 33}, {4, 1024}, {5, 1025}, {3, 4099}, {2, 3, 77}, {600, 40}};

    // ---- softmax --------------------------------------------------------------------------------

    @Test
    void softmaxAndLogSoftmaxMatchTheCpu() {
        Torch.manualSeed(1);
        for (DType t : FLOATING) {
            for (long[] shape : LINE_SHAPES) {
                for (boolean log : new boolean[] {false, true}) {
                    String ctx = (log ? "log_softmax " : "softmax ") + t + " " + java.util.Arrays.toString(shape);
                    Tensor x = withSpecialLines(random(shape, 4, t, Device.CPU)).to(CUDA);
                    Tensor y = empty(shape, t, CUDA), yRef = empty(shape, DType.FLOAT64, Device.CPU), xRef = ref(x);
                    assertTrue(cuda.softmax(y.strided(), x.strided(), log), ctx + ": the CUDA kernel declined");
                    assertTrue(cpu.softmax(yRef.strided(), xRef.strided(), log), ctx + ": the CPU kernel declined");
                    assertClose(yRef, y, t, ctx);
                }
            }
        }
    }

    @Test
    void softmaxBackwardMatchesTheCpu() {
        Torch.manualSeed(2);
        for (DType t : FLOATING) {
            for (long[] shape : LINE_SHAPES) {
                for (boolean log : new boolean[] {false, true}) {
                    String ctx = (log ? "log_softmax backward " : "softmax backward ") + t + " " + java.util.Arrays.toString(shape);
                    Tensor x = random(shape, 3, DType.FLOAT64, Device.CPU);
                    Tensor y = (log ? F.logSoftmax(x, -1) : F.softmax(x, -1)).to(t).to(CUDA);
                    Tensor g = random(shape, 1, t, Device.CPU);
                    if (g.numel() > 2) g.reshape(-1).select(0, 1).fill_(Double.NaN);  // a NaN gradient spoils its line only
                    g = g.to(CUDA);
                    Tensor gi = empty(shape, t, CUDA), giRef = empty(shape, DType.FLOAT64, Device.CPU);
                    assertTrue(cuda.softmaxBackward(gi.strided(), g.strided(), y.strided(), log), ctx + ": the CUDA kernel declined");
                    assertTrue(cpu.softmaxBackward(giRef.strided(), ref(g).strided(), ref(y).strided(), log), ctx + ": the CPU kernel declined");
                    assertClose(giRef, gi, t, ctx);
                }
            }
        }
    }

    @Test
    void hooksDeclineWhatTheyDoNotHandle() {
        Tensor x = Torch.randn(6, 5).to(CUDA), wide = Torch.randn(5, 6).to(CUDA).t();
        assertFalse(cuda.softmax(empty(new long[] {6, 5}, DType.FLOAT32, CUDA).strided(), wide.strided(), false), "a transposed input");
        Tensor xi = x.to(DType.INT32);
        assertFalse(cuda.softmax(empty(new long[] {6, 5}, DType.INT32, CUDA).strided(), xi.strided(), false), "int32");
        assertFalse(cuda.thresholdBackward(empty(new long[] {6, 5}, DType.FLOAT32, CUDA).strided(), x.strided(), x.cpu().strided(), 0),
                "a CPU operand");
        assertFalse(cuda.geluBackward(empty(new long[] {6, 5}, DType.FLOAT32, CUDA).strided(), x.strided(), x.to(DType.FLOAT64).strided()),
                "mixed dtypes");
        Tensor h = x.to(DType.FLOAT16);
        assertFalse(cuda.conv2dWeightGrad(h.reshape(1, 1, 6, 5).strided(), x.reshape(1, 1, 6, 5).strided(),
                empty(new long[] {1, 1, 1, 1}, DType.FLOAT16, CUDA).strided(), new long[] {1, 1}, new long[] {0, 0}, new long[] {1, 1}),
                "mixed dtypes in a weight gradient");
        assertFalse(cuda.conv2dInputGrad(x.reshape(1, 1, 6, 5).strided(), h.reshape(1, 1, 6, 5).strided(),
                empty(new long[] {1, 1, 11, 9}, DType.FLOAT32, CUDA).strided(), new long[] {1, 1}, new long[] {0, 0}, new long[] {1, 1}),
                "mixed dtypes in an input gradient");
        assertFalse(cuda.conv2dInputGrad(x.reshape(1, 1, 6, 5).strided(), x.reshape(1, 1, 6, 5).strided(),
                empty(new long[] {1, 2, 11, 9}, DType.FLOAT32, CUDA).strided(), new long[] {1, 1}, new long[] {0, 0}, new long[] {1, 1}),
                "an input gradient of 2 channels for a weight of 1");
    }

    // ---- activation derivatives -----------------------------------------------------------------

    @Test
    void thresholdAndGeluBackwardMatchTheCpu() {
        Torch.manualSeed(3);
        for (DType t : FLOATING) {
            for (long[] shape : new long[][] {{1}, {7}, {1000, 37}}) {
                Tensor x = random(shape, 3, t, Device.CPU);
                Tensor flat = x.reshape(-1);
                double[] specials = {0, -0.0, Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 0.5};
                for (int i = 0; i < Math.min(specials.length, flat.numel()); i++) flat.select(0, i).fill_(specials[i]);
                x = x.to(CUDA);
                Tensor g = random(shape, 1, t, CUDA);
                for (double threshold : new double[] {0, 0.5}) {
                    String ctx = "threshold_backward(" + threshold + ") " + t + " " + java.util.Arrays.toString(shape);
                    Tensor out = empty(shape, t, CUDA), outRef = empty(shape, DType.FLOAT64, Device.CPU);
                    assertTrue(cuda.thresholdBackward(out.strided(), g.strided(), x.strided(), threshold), ctx + ": declined");
                    assertTrue(cpu.thresholdBackward(outRef.strided(), ref(g).strided(), ref(x).strided(), threshold), ctx);
                    assertClose(outRef, out, t, ctx);
                }
                String ctx = "gelu_backward " + t + " " + java.util.Arrays.toString(shape);
                Tensor out = empty(shape, t, CUDA), outRef = empty(shape, DType.FLOAT64, Device.CPU);
                assertTrue(cuda.geluBackward(out.strided(), g.strided(), x.strided()), ctx + ": declined");
                assertTrue(cpu.geluBackward(outRef.strided(), ref(g).strided(), ref(x).strided()), ctx);
                assertClose(outRef, out, t, ctx);
            }
        }
    }

    // ---- sliding windows ------------------------------------------------------------------------

    /** A window geometry: the image shape (planes first), kernel, stride, padding, dilation; output sizes derived (ceil optional). */
    private record Win(long[] image, long[] kernel, long[] stride, long[] padding, long[] dilation, boolean ceil) {
        long[] out() {
            int d = kernel.length;
            long[] o = new long[d];
            for (int i = 0; i < d; i++) {
                long in = image[image.length - d + i], num = in + 2 * padding[i] - dilation[i] * (kernel[i] - 1) - 1;
                o[i] = (ceil ? Math.floorDiv(num + stride[i] - 1, stride[i]) : Math.floorDiv(num, stride[i])) + 1;
                if (ceil && (o[i] - 1) * stride[i] >= in + padding[i]) o[i]--;
            }
            return o;
        }

        long planes() {
            long p = 1;
            for (int i = 0; i < image.length - kernel.length; i++) p *= image[i];
            return p;
        }

        long[] cols() {
            long k = 1, l = 1;
            for (long v : kernel) k *= v;
            for (long v : out()) l *= v;
            return new long[] {planes(), k, l};
        }

        long[] pooled() {
            long[] s = image.clone();
            long[] o = out();
            System.arraycopy(o, 0, s, image.length - o.length, o.length);
            return s;
        }

        @Override
        public String toString() {
            return "image " + java.util.Arrays.toString(image) + " kernel " + java.util.Arrays.toString(kernel) + " stride "
                    + java.util.Arrays.toString(stride) + " padding " + java.util.Arrays.toString(padding) + " dilation "
                    + java.util.Arrays.toString(dilation) + (ceil ? " ceil" : "");
        }
    }

    private static final List<Win> WINDOWS = List.of(
            new Win(new long[] {2, 3, 7, 9}, new long[] {3, 2}, new long[] {2, 1}, new long[] {1, 0}, new long[] {1, 2}, false),
            new Win(new long[] {1, 1, 5, 5}, new long[] {3, 3}, new long[] {1, 1}, new long[] {1, 1}, new long[] {1, 1}, false),
            new Win(new long[] {4, 8, 8}, new long[] {2, 2}, new long[] {2, 2}, new long[] {0, 0}, new long[] {1, 1}, false),
            new Win(new long[] {2, 3, 10, 11}, new long[] {3, 3}, new long[] {3, 2}, new long[] {1, 1}, new long[] {2, 1}, true),
            new Win(new long[] {3, 2, 13}, new long[] {4}, new long[] {3}, new long[] {2}, new long[] {1}, true),
            new Win(new long[] {2, 5, 6, 7}, new long[] {2, 3, 2}, new long[] {2, 1, 3}, new long[] {1, 1, 0}, new long[] {1, 2, 1}, false));

    @Test
    void im2colAndCol2imMatchTheCpu() {
        Torch.manualSeed(4);
        for (DType t : FLOATING) {
            for (Win w : WINDOWS) {
                String ctx = t + " " + w;
                Tensor x = random(w.image(), 1, t, CUDA);
                Tensor cols = empty(w.cols(), t, CUDA), colsRef = empty(w.cols(), DType.FLOAT64, Device.CPU);
                assertTrue(cuda.im2col(x.strided(), cols.strided(), w.kernel(), w.stride(), w.padding(), w.dilation(), w.out()),
                        "im2col " + ctx + ": declined");
                assertTrue(cpu.im2col(ref(x).strided(), colsRef.strided(), w.kernel(), w.stride(), w.padding(), w.dilation(), w.out()));
                assertArrayEquals(colsRef.toDoubleArray(), cols.cpu().to(DType.FLOAT64).toDoubleArray(), "im2col " + ctx + " (a copy: exact)");

                Tensor c = random(w.cols(), 1, t, CUDA);
                Tensor image = Torch.full(w.image(), Double.NaN, t, CUDA), imageRef = empty(w.image(), DType.FLOAT64, Device.CPU);
                assertTrue(cuda.col2im(c.strided(), image.strided(), w.kernel(), w.stride(), w.padding(), w.dilation(), w.out()),
                        "col2im " + ctx + ": declined");
                assertTrue(cpu.col2im(ref(c).strided(), imageRef.strided(), w.kernel(), w.stride(), w.padding(), w.dilation(), w.out()));
                assertClose(imageRef, image, t, "col2im " + ctx + " (every position overwritten, untouched ones 0)");
            }
        }
    }

    @Test
    void col2imOfFloat32IsBitExactWithTheCpu() {
        // the same summation order per pixel (kernel offsets ascending) in float
        Torch.manualSeed(5);
        for (Win w : WINDOWS) {
            Tensor c = random(w.cols(), 1, DType.FLOAT32, CUDA);
            Tensor image = empty(w.image(), DType.FLOAT32, CUDA), imageRef = empty(w.image(), DType.FLOAT32, Device.CPU);
            assertTrue(cuda.col2im(c.strided(), image.strided(), w.kernel(), w.stride(), w.padding(), w.dilation(), w.out()));
            if (!cpu.col2im(c.cpu().strided(), imageRef.strided(), w.kernel(), w.stride(), w.padding(), w.dilation(), w.out())) continue;
            assertArrayEquals(imageRef.toDoubleArray(), image.cpu().toDoubleArray(), "col2im float32 " + w);
        }
    }

    @Test
    void maxPoolMatchesTheCpuWithTiesAndNaN() {
        Torch.manualSeed(6);
        for (DType t : FLOATING) {
            for (Win w : WINDOWS) {
                String ctx = "max_pool " + t + " " + w;
                // small integers: many ties; a few NaN and -inf
                Tensor x = Torch.randint(-3, 4, w.image()).to(DType.FLOAT64);
                Tensor flat = x.reshape(-1);
                for (long i = 5; i < flat.numel(); i += 37) flat.select(0, i).fill_(Double.NaN);
                for (long i = 11; i < flat.numel(); i += 29) flat.select(0, i).fill_(Double.NEGATIVE_INFINITY);
                Tensor xg = x.to(t).to(CUDA);
                long[] pooled = w.pooled();
                Tensor v = empty(pooled, t, CUDA), i = empty(pooled, DType.INT64, CUDA);
                Tensor vRef = empty(pooled, DType.FLOAT64, Device.CPU), iRef = empty(pooled, DType.INT64, Device.CPU);
                assertTrue(cuda.maxPool(xg.strided(), v.strided(), i.strided(), w.kernel(), w.stride(), w.padding(), w.dilation(), w.out()),
                        ctx + ": declined");
                assertTrue(cpu.maxPool(x.strided(), vRef.strided(), iRef.strided(), w.kernel(), w.stride(), w.padding(), w.dilation(), w.out()));
                assertArrayEquals(vRef.toDoubleArray(), v.cpu().to(DType.FLOAT64).toDoubleArray(), ctx + " values");
                assertArrayEquals(iRef.toLongArray(), i.cpu().toLongArray(), ctx + " indices");
            }
        }
    }

    // ---- convolution ----------------------------------------------------------------------------

    @Test
    void conv2dAndItsGradientsMatchTheCpu() {
        Torch.manualSeed(7);
        long[][] geometry = {{1, 1, 0, 1}, {2, 1, 1, 1}, {1, 2, 2, 2}, {3, 1, 1, 1}};  // stride, then padding, dilation
        for (DType t : FLOATING) {
            for (long[] gm : geometry) {
                long[] stride = {gm[0], gm[1]}, padding = {gm[2], gm[2]}, dilation = {gm[3], 1};
                Tensor x = random(new long[] {3, 5, 11, 9}, 1, t, CUDA), w = random(new long[] {4, 5, 3, 2}, 0.3, t, CUDA);
                Tensor b = random(new long[] {4}, 1, t, CUDA);
                String ctx = "conv2d " + t + " stride " + java.util.Arrays.toString(stride) + " padding " + gm[2] + " dilation " + gm[3];
                Tensor xr = ref(x).requiresGrad_(), wr = ref(w).requiresGrad_();
                Tensor yRef = F.conv2d(xr, wr, ref(b), stride, padding, dilation, 1);
                Tensor y = empty(yRef.shape(), t, CUDA);
                assertTrue(cuda.conv2d(x.strided(), w.strided(), b.strided(), y.strided(), stride, padding, dilation), ctx + ": declined");
                assertClose(yRef.detach(), y, t, ctx);

                Tensor gy = random(yRef.shape(), 1, t, CUDA);
                yRef.mul(ref(gy)).sum().backward();
                Tensor gw = Torch.full(w.shape(), Double.NaN, t, CUDA);
                assertTrue(cuda.conv2dWeightGrad(gy.strided(), x.strided(), gw.strided(), stride, padding, dilation), ctx + " weight grad: declined");
                assertClose(wr.grad(), gw, t, ctx + " weight grad");
                Tensor gx = Torch.full(x.shape(), Double.NaN, t, CUDA);
                assertTrue(cuda.conv2dInputGrad(gy.strided(), w.strided(), gx.strided(), stride, padding, dilation), ctx + " input grad: declined");
                assertClose(xr.grad(), gx, t, ctx + " input grad");
            }
        }
    }

    /** 1x1 convolutions with stride 1 and no padding skip im2col (one GEMM over the input as it is); other 1x1 ones do not. */
    @Test
    void pointwiseConvolutionsMatchTheCpu() {
        Torch.manualSeed(17);
        for (DType t : FLOATING) {
            for (long[] gm : new long[][] {{1, 0, 1}, {1, 0, 3}, {2, 0, 1}, {1, 1, 1}}) {  // stride, padding, dilation
                long[] stride = {gm[0], gm[0]}, padding = {gm[1], gm[1]}, dilation = {gm[2], gm[2]};
                Tensor x = random(new long[] {3, 6, 7, 5}, 1, t, CUDA), w = random(new long[] {4, 6, 1, 1}, 0.3, t, CUDA);
                Tensor b = random(new long[] {4}, 1, t, CUDA);
                String ctx = "1x1 conv2d " + t + " stride " + gm[0] + " padding " + gm[1] + " dilation " + gm[2];
                Tensor yRef = F.conv2d(ref(x), ref(w), ref(b), stride, padding, dilation, 1);
                Tensor y = Torch.full(yRef.shape(), Double.NaN, t, CUDA);
                assertTrue(cuda.conv2d(x.strided(), w.strided(), b.strided(), y.strided(), stride, padding, dilation), ctx + ": declined");
                assertClose(yRef, y, t, ctx);
            }
        }
    }

    /** Enough samples that the im2col columns (256 MiB at most) are made in chunks. */
    @Test
    void conv2dInChunksOfSamples() {
        Torch.manualSeed(8);
        // columns of 64 * 3 * 3 x 64 * 64 float32 per sample: 9 MiB, so 28 samples per chunk, two chunks
        Tensor x = random(new long[] {40, 64, 64, 64}, 1, DType.FLOAT32, CUDA), w = random(new long[] {8, 64, 3, 3}, 0.1, DType.FLOAT32, CUDA);
        long[] one = {1, 1};
        Tensor y = empty(new long[] {40, 8, 64, 64}, DType.FLOAT32, CUDA);
        assertTrue(cuda.conv2d(x.strided(), w.strided(), null, y.strided(), one, one, one));
        Tensor yRef = F.conv2d(ref(x), ref(w), null, one, one, one, 1);
        assertClose(yRef, y, DType.FLOAT32, "conv2d over 40 samples");
        Tensor gy = random(y.shape(), 1, DType.FLOAT32, CUDA), gw = empty(w.shape(), DType.FLOAT32, CUDA);
        assertTrue(cuda.conv2dWeightGrad(gy.strided(), x.strided(), gw.strided(), one, one, one));
        Tensor wr = ref(w).requiresGrad_();
        F.conv2d(ref(x), wr, null, one, one, one, 1).mul(ref(gy)).sum().backward();
        assertClose(wr.grad(), gw, DType.FLOAT32, "conv2d weight grad over 40 samples");
        Tensor xr = ref(x).requiresGrad_(), gx = empty(x.shape(), DType.FLOAT32, CUDA);
        F.conv2d(xr, ref(w), null, one, one, one, 1).mul(ref(gy)).sum().backward();
        assertTrue(cuda.conv2dInputGrad(gy.strided(), w.strided(), gx.strided(), one, one, one));
        assertClose(xr.grad(), gx, DType.FLOAT32, "conv2d input grad over 40 samples");
        // bfloat16 columns of 4.5 MiB per sample: 56 samples per chunk, so 60 take two, whose sum would round in 16 bits
        Tensor x16 = random(new long[] {60, 64, 64, 64}, 1, DType.BFLOAT16, CUDA);
        Tensor gy16 = random(new long[] {60, 8, 64, 64}, 1, DType.BFLOAT16, CUDA);
        assertFalse(cuda.conv2dWeightGrad(gy16.strided(), x16.strided(), empty(w.shape(), DType.BFLOAT16, CUDA).strided(), one, one, one),
                "bfloat16 in two chunks");
    }

    // ---- layer norm and batch norm --------------------------------------------------------------

    /** The dtype of a norm's statistics and parameters for data of dtype t: float64 for float64, else float32. */
    private static DType statsOf(DType t) {
        return t == DType.FLOAT64 ? DType.FLOAT64 : DType.FLOAT32;
    }

    private static Strided s(Tensor t) {
        return t == null ? null : t.strided();
    }

    /** On the device and its float64 CPU copy, or both null. */
    private static Tensor[] pair(Tensor cpuValue, DType t) {
        if (cpuValue == null) return new Tensor[2];
        Tensor d = cpuValue.to(t).to(CUDA);
        return new Tensor[] {d, ref(d)};
    }

    @Test
    void layerNormAndItsBackwardMatchTheCpu() {
        Torch.manualSeed(11);
        long[][] shapes = {{1, 1}, {5, 3}, {7, 33}, {4, 1024}, {5, 1025}, {3, 4099}, {600, 40}};
        for (DType t : FLOATING) {
            DType st = statsOf(t);
            for (long[] shape : shapes) {
                for (boolean affine : new boolean[] {false, true}) {
                    String ctx = "layer_norm " + t + " " + java.util.Arrays.toString(shape) + (affine ? " affine" : "");
                    long rows = shape[0], n = shape[1];
                    // a large mean against the spread: the centred variance must not cancel
                    Tensor[] x = pair(Torch.randn(shape).mul(3).add(50), t);
                    Tensor[] w = pair(affine ? Torch.randn(n) : null, st), b = pair(affine ? Torch.randn(n) : null, st);
                    Tensor y = empty(shape, t, CUDA), mu = empty(new long[] {rows}, st, CUDA), rs = empty(new long[] {rows}, st, CUDA);
                    Tensor yRef = empty(shape, DType.FLOAT64, Device.CPU), muRef = empty(new long[] {rows}, DType.FLOAT64, Device.CPU),
                            rsRef = empty(new long[] {rows}, DType.FLOAT64, Device.CPU);
                    assertTrue(cuda.layerNorm(y.strided(), mu.strided(), rs.strided(), x[0].strided(), s(w[0]), s(b[0]), 1e-5), ctx + ": declined");
                    assertTrue(cpu.layerNorm(yRef.strided(), muRef.strided(), rsRef.strided(), x[1].strided(), s(w[1]), s(b[1]), 1e-5), ctx);
                    assertClose(yRef, y, t, ctx + " out");
                    assertClose(muRef, mu, st, ctx + " mean");
                    assertClose(rsRef, rs, st, ctx + " rstd");

                    // the backward from the GPU's own statistics, each gradient alone and all together
                    Tensor[] g = pair(Torch.randn(shape), t);
                    Tensor[] stats = {ref(mu), ref(rs)};
                    for (int wanted = 1; wanted < 8; wanted++) {
                        boolean in = (wanted & 1) != 0, gw = (wanted & 2) != 0, gb = (wanted & 4) != 0;
                        String c = ctx + " backward" + (in ? " input" : "") + (gw ? " weight" : "") + (gb ? " bias" : "");
                        Tensor gi = in ? empty(shape, t, CUDA) : null, gwt = gw ? empty(new long[] {n}, st, CUDA) : null,
                                gbt = gb ? empty(new long[] {n}, st, CUDA) : null;
                        Tensor giRef = in ? empty(shape, DType.FLOAT64, Device.CPU) : null,
                                gwRef = gw ? empty(new long[] {n}, DType.FLOAT64, Device.CPU) : null,
                                gbRef = gb ? empty(new long[] {n}, DType.FLOAT64, Device.CPU) : null;
                        assertTrue(cuda.layerNormBackward(s(gi), s(gwt), s(gbt), g[0].strided(), x[0].strided(), mu.strided(), rs.strided(),
                                s(w[0])), c + ": declined");
                        assertTrue(cpu.layerNormBackward(s(giRef), s(gwRef), s(gbRef), g[1].strided(), x[1].strided(), stats[0].strided(),
                                stats[1].strided(), s(w[1])), c);
                        if (in) assertClose(giRef, gi, t, c + ": input");
                        if (gw) assertClose(gwRef, gwt, st, c + ": weight");
                        if (gb) assertClose(gbRef, gbt, st, c + ": bias");
                    }
                }
            }
        }
    }

    /**
     * group_norm's hooks against the CPU's (in float64): rows [N * G, C/G * P] shorter and longer than a warp's 1024,
     * groups of one channel and of all, planes of 1, with per-channel weight and bias, forward and each gradient.
     */
    @Test
    void groupNormAndItsBackwardMatchTheCpu() {
        Torch.manualSeed(16);
        long[][] cases = {{3, 4, 5, 2}, {2, 6, 1, 3}, {2, 8, 300, 2}, {3, 4, 700, 4}, {2, 5, 9, 1}};  // N, C, P, groups
        for (DType t : FLOATING) {
            DType st = statsOf(t);
            for (long[] k : cases) {
                for (boolean affine : new boolean[] {false, true}) {
                    long[] shape = {k[0], k[1], k[2]};
                    long groups = k[3], c = k[1], rows = k[0] * groups;
                    String ctx = "group_norm " + t + " " + java.util.Arrays.toString(shape) + " groups " + groups + (affine ? " affine" : "");
                    Tensor[] x = pair(Torch.randn(shape).mul(3).add(50), t);
                    Tensor[] w = pair(affine ? Torch.randn(c) : null, st), b = pair(affine ? Torch.randn(c) : null, st);
                    Tensor y = empty(shape, t, CUDA), mu = empty(new long[] {rows}, st, CUDA), rs = empty(new long[] {rows}, st, CUDA);
                    Tensor yRef = empty(shape, DType.FLOAT64, Device.CPU), muRef = empty(new long[] {rows}, DType.FLOAT64, Device.CPU),
                            rsRef = empty(new long[] {rows}, DType.FLOAT64, Device.CPU);
                    assertTrue(cuda.groupNorm(y.strided(), mu.strided(), rs.strided(), x[0].strided(), s(w[0]), s(b[0]), groups, 1e-5),
                            ctx + ": declined");
                    assertTrue(cpu.groupNorm(yRef.strided(), muRef.strided(), rsRef.strided(), x[1].strided(), s(w[1]), s(b[1]), groups, 1e-5),
                            ctx);
                    assertClose(yRef, y, t, ctx + " out");
                    assertClose(muRef, mu, st, ctx + " mean");
                    assertClose(rsRef, rs, st, ctx + " rstd");
                    Tensor[] g = pair(Torch.randn(shape), t);
                    Tensor[] stats = {ref(mu), ref(rs)};
                    for (int wanted = 1; wanted < 8; wanted += 3) {  // the input alone, then with weight and bias, then weight and bias
                        boolean in = (wanted & 1) != 0, gw = (wanted & 2) != 0 || wanted == 7, gb = (wanted & 4) != 0;
                        String cx = ctx + " backward" + (in ? " input" : "") + (gw ? " weight" : "") + (gb ? " bias" : "");
                        Tensor gi = in ? empty(shape, t, CUDA) : null, gwt = gw ? empty(new long[] {c}, st, CUDA) : null,
                                gbt = gb ? empty(new long[] {c}, st, CUDA) : null;
                        Tensor giRef = in ? empty(shape, DType.FLOAT64, Device.CPU) : null,
                                gwRef = gw ? empty(new long[] {c}, DType.FLOAT64, Device.CPU) : null,
                                gbRef = gb ? empty(new long[] {c}, DType.FLOAT64, Device.CPU) : null;
                        assertTrue(cuda.groupNormBackward(s(gi), s(gwt), s(gbt), g[0].strided(), x[0].strided(), mu.strided(), rs.strided(),
                                s(w[0]), groups), cx + ": declined");
                        assertTrue(cpu.groupNormBackward(s(giRef), s(gwRef), s(gbRef), g[1].strided(), x[1].strided(), stats[0].strided(),
                                stats[1].strided(), s(w[1]), groups), cx);
                        if (in) assertClose(giRef, gi, t, cx + ": input");
                        if (gw) assertClose(gwRef, gwt, st, cx + ": weight");
                        if (gb) assertClose(gbRef, gbt, st, cx + ": bias");
                    }
                }
            }
        }
    }

    @Test
    void batchNormAndItsBackwardMatchTheCpu() {
        Torch.manualSeed(12);
        // the last three take several slabs per channel (FusedOps.Slabs), cut inside planes: planes longer than a
        // block's 256 threads, planes shorter (a thread's step crosses images), planes of one value
        long[][] shapes = {{1, 1, 1}, {2, 3, 5}, {4, 7, 49}, {3, 2, 1031}, {8, 64, 1}, {2, 600, 9}, {5, 3, 2000}, {300, 2, 49},
                {4096, 1, 1}};
        for (DType t : FLOATING) {
            DType st = statsOf(t);
            for (long[] shape : shapes) {
                for (boolean affine : new boolean[] {false, true}) {
                    String ctx = "batch_norm " + t + " " + java.util.Arrays.toString(shape) + (affine ? " affine" : "");
                    long c = shape[1];
                    long[] perChannel = {c};
                    Tensor[] x = pair(Torch.randn(shape).mul(2).add(20), t);
                    Tensor[] w = pair(affine ? Torch.randn(c) : null, st), b = pair(affine ? Torch.randn(c) : null, st);
                    Tensor y = empty(shape, t, CUDA), mu = empty(perChannel, st, CUDA), var = empty(perChannel, st, CUDA);
                    Tensor yRef = empty(shape, DType.FLOAT64, Device.CPU), muRef = empty(perChannel, DType.FLOAT64, Device.CPU),
                            varRef = empty(perChannel, DType.FLOAT64, Device.CPU);
                    assertTrue(cuda.batchNorm(y.strided(), mu.strided(), var.strided(), x[0].strided(), s(w[0]), s(b[0]), 1e-5), ctx + ": declined");
                    assertTrue(cpu.batchNorm(yRef.strided(), muRef.strided(), varRef.strided(), x[1].strided(), s(w[1]), s(b[1]), 1e-5), ctx);
                    assertClose(yRef, y, t, ctx + " out");
                    assertClose(muRef, mu, st, ctx + " mean");
                    assertClose(varRef, var, st, ctx + " var");

                    Tensor invstd = var.add(1e-5).rsqrt();
                    Tensor[] g = pair(Torch.randn(shape), t);
                    for (int wanted = 1; wanted < 8; wanted++) {
                        boolean in = (wanted & 1) != 0, gw = (wanted & 2) != 0, gb = (wanted & 4) != 0;
                        String cx = ctx + " backward" + (in ? " input" : "") + (gw ? " weight" : "") + (gb ? " bias" : "");
                        Tensor gi = in ? empty(shape, t, CUDA) : null, gwt = gw ? empty(perChannel, st, CUDA) : null,
                                gbt = gb ? empty(perChannel, st, CUDA) : null;
                        Tensor giRef = in ? empty(shape, DType.FLOAT64, Device.CPU) : null,
                                gwRef = gw ? empty(perChannel, DType.FLOAT64, Device.CPU) : null,
                                gbRef = gb ? empty(perChannel, DType.FLOAT64, Device.CPU) : null;
                        assertTrue(cuda.batchNormBackward(s(gi), s(gwt), s(gbt), g[0].strided(), x[0].strided(), mu.strided(),
                                invstd.strided(), s(w[0])), cx + ": declined");
                        assertTrue(cpu.batchNormBackward(s(giRef), s(gwRef), s(gbRef), g[1].strided(), x[1].strided(), ref(mu).strided(),
                                ref(invstd).strided(), s(w[1])), cx);
                        if (in) assertClose(giRef, gi, t, cx + ": input");
                        if (gw) assertClose(gwRef, gwt, st, cx + ": weight");
                        if (gb) assertClose(gbRef, gbt, st, cx + ": bias");
                    }
                }
            }
        }
    }

    @Test
    void normHooksDeclineWhatTheyDoNotHandle() {
        Tensor x = Torch.randn(6, 5).to(CUDA), stats = Torch.empty(new long[] {6}, DType.FLOAT32, CUDA);
        Tensor out = empty(new long[] {6, 5}, DType.FLOAT32, CUDA);
        Tensor h = x.to(DType.FLOAT16);
        assertFalse(cuda.layerNorm(empty(new long[] {6, 5}, DType.FLOAT16, CUDA).strided(), stats.to(DType.FLOAT16).strided(),
                stats.to(DType.FLOAT16).strided(), h.strided(), null, null, 1e-5), "float16 statistics (they are float32 for float16 data)");
        assertFalse(cuda.layerNorm(empty(new long[] {6, 5}, DType.FLOAT16, CUDA).strided(), stats.strided(), stats.strided(), h.strided(),
                h.select(0, 0).strided(), null, 1e-5), "a float16 weight (it is float32 for float16 data)");
        assertFalse(cuda.layerNorm(out.strided(), stats.strided(), stats.strided(), Torch.randn(5, 6).to(CUDA).t().strided(), null, null, 1e-5),
                "a transposed input");
        assertFalse(cuda.layerNorm(out.strided(), stats.strided(), stats.strided(), x.strided(), Torch.randn(4).to(CUDA).strided(), null, 1e-5),
                "a weight of the wrong size");
        assertFalse(cuda.batchNorm(out.reshape(6, 5, 1).strided(), stats.strided(), stats.strided(), x.reshape(6, 5, 1).strided(), null,
                null, 1e-5), "statistics of 6 for 5 channels");
        assertFalse(cuda.batchNorm(out.reshape(6, 5, 1).strided(), stats.narrow(0, 0, 5).strided(), stats.narrow(0, 0, 5).strided(),
                x.cpu().reshape(6, 5, 1).strided(), null, null, 1e-5), "a CPU input");
    }

    // ---- the api's paths through the hooks ------------------------------------------------------

    @Test
    void apiForwardAndBackwardThroughTheHooksMatchTheCpu() {
        Torch.manualSeed(9);
        Tensor x = Torch.randn(2, 3, 12, 10), w = Torch.randn(4, 3, 3, 3).mul(0.3);
        double[][] grads = new double[2][];
        double[][] outs = new double[2][];
        for (int run = 0; run < 2; run++) {
            Device dev = run == 0 ? Device.CPU : CUDA;
            Tensor xi = x.to(dev).detach().requiresGrad_(), wi = w.to(dev).detach().requiresGrad_();
            Tensor h = F.conv2d(xi, wi, null, new long[] {1, 1}, new long[] {1, 1}, new long[] {1, 1}, 1).relu();
            h = F.maxPool2d(h, new long[] {2, 2}, null, new long[] {0, 0}, new long[] {1, 1}, false).gelu();
            Tensor p = F.logSoftmax(h.reshape(2, -1), 1).add(F.softmax(h.reshape(2, -1), 1));
            p.mul(p).sum().backward();
            outs[run] = p.detach().cpu().toDoubleArray();
            grads[run] = xi.grad().cpu().toDoubleArray();
            double[] gw = wi.grad().cpu().toDoubleArray();
            grads[run] = java.util.Arrays.copyOf(grads[run], grads[run].length + gw.length);
            System.arraycopy(gw, 0, grads[run], grads[run].length - gw.length, gw.length);
        }
        for (int i = 0; i < outs[0].length; i++) assertEquals(outs[0][i], outs[1][i], 1e-4 * (1 + Math.abs(outs[0][i])), "output " + i);
        for (int i = 0; i < grads[0].length; i++) assertEquals(grads[0][i], grads[1][i], 1e-3 * (1 + Math.abs(grads[0][i])), "gradient " + i);
    }

    /**
     * A strided convolution's input gradient runs the backend's kernel ({@code cuda::conv2dInputGrad}), and the
     * result differentiates again: gradcheck and gradgradcheck in float64 on the device, with stride 2, padding
     * and dilation, through the forward, the weight gradient and the input gradient kernels.
     */
    @Test
    void stridedConvolutionGradientsRunTheKernelsAndDifferentiateTwice() {
        Torch.manualSeed(15);
        long[] stride = {2, 3}, padding = {1, 0}, dilation = {1, 2};
        Tensor x = random(new long[] {2, 3, 9, 11}, 1, DType.FLOAT64, CUDA).requiresGrad_();
        Tensor w = random(new long[] {4, 3, 3, 2}, 0.5, DType.FLOAT64, CUDA).requiresGrad_();
        java.util.function.Function<Tensor[], Tensor> conv = in -> F.conv2d(in[0], in[1], null, stride, padding, dilation, 1);
        org.torch4j.profiler.Profiler profile;
        try (org.torch4j.profiler.Profiler p = org.torch4j.profiler.Profiler.builder().start()) {
            conv.apply(new Tensor[] {x, w}).sum().backward();
            profile = p;
        }
        for (String kernel : List.of("conv2d", "conv2dWeightGrad", "conv2dInputGrad")) {
            assertTrue(profile.keyAverages().get("cuda::" + kernel) != null, "cuda::" + kernel + " ran");
        }
        Tensor xr = ref(x.detach()).requiresGrad_(), wr = ref(w.detach()).requiresGrad_();
        conv.apply(new Tensor[] {xr, wr}).sum().backward();
        assertClose(xr.grad(), x.grad(), DType.FLOAT64, "input gradient");
        assertClose(wr.grad(), w.grad(), DType.FLOAT64, "weight gradient");
        assertTrue(org.torch4j.GradCheck.gradcheck(conv, x, w), "gradcheck");
        assertTrue(org.torch4j.GradCheck.gradgradcheck(conv, x, w), "gradgradcheck");
    }

    /**
     * 16-bit inputs through the api on the GPU: a batch norm with float32 parameters (as autocast leaves one after a
     * 16-bit convolution), a layer norm with parameters of the input's dtype and a group norm with float32 ones run
     * the norm kernels, forward and
     * backward, and agree with the CPU (which computes in float32 and rounds once) within a rounding of the dtype.
     */
    @Test
    void reducedPrecisionNormsRunTheKernelsAndMatchTheCpu() {
        for (DType t : List.of(DType.FLOAT16, DType.BFLOAT16)) {
            Torch.manualSeed(14);
            Tensor x = Torch.randn(4, 6, 5, 7).add(30).to(t), up = Torch.randn(4, 6, 5, 7).to(t);
            Tensor bw = Torch.randn(6), bb = Torch.randn(6), lw = Torch.randn(7).to(t), lb = Torch.randn(7).to(t);
            Tensor gw = Torch.randn(6), gb = Torch.randn(6);
            Tensor[][] results = new Tensor[2][];
            org.torch4j.profiler.Profiler profile = null;
            for (int run = 0; run < 2; run++) {
                Device dev = run == 0 ? Device.CPU : CUDA;
                Tensor xi = leaf(x, dev), bwi = leaf(bw, dev), bbi = leaf(bb, dev), lwi = leaf(lw, dev), lbi = leaf(lb, dev);
                Tensor gwi = leaf(gw, dev), gbi = leaf(gb, dev);
                Tensor rm = Torch.zeros(new long[] {6}, DType.FLOAT32, dev), rv = Torch.ones(new long[] {6}, DType.FLOAT32, dev);
                try (org.torch4j.profiler.Profiler p = org.torch4j.profiler.Profiler.builder().start()) {
                    Tensor y = F.layerNorm(F.batchNorm(xi, rm, rv, bwi, bbi, true, 0.1, 1e-5), new long[] {7}, lwi, lbi, 1e-5);
                    y = F.groupNorm(y, 3, gwi, gbi, 1e-5);
                    assertEquals(t, y.dtype(), "the output keeps the input's dtype");
                    y.mul(up.to(dev)).sum().backward();
                    results[run] = new Tensor[] {y, xi.grad(), bwi.grad(), bbi.grad(), lwi.grad(), lbi.grad(), rm, rv, gwi.grad(), gbi.grad()};
                    if (run == 1) profile = p;
                }
            }
            for (String kernel : List.of("batchNorm", "batchNormBackward", "layerNorm", "layerNormBackward", "groupNorm", "groupNormBackward")) {
                assertTrue(profile.keyAverages().get("cuda::" + kernel) != null, t + ": cuda::" + kernel + " ran");
            }
            String[] names = {"output", "input gradient", "batch norm weight gradient", "batch norm bias gradient",
                    "layer norm weight gradient", "layer norm bias gradient", "running mean", "running variance",
                    "group norm weight gradient", "group norm bias gradient"};
            for (int i = 0; i < names.length; i++) {
                Tensor e = results[0][i], g = results[1][i];
                assertEquals(e.dtype(), g.dtype(), t + " " + names[i] + ": dtype");
                // t's tolerance for the float32 ones too: they sum gradients that passed through t
                assertClose(ref(e), g, t, t + " " + names[i]);
            }
        }
    }

    /** A copy of t on the device that requires grad. */
    private static Tensor leaf(Tensor t, Device device) {
        return t.to(device).detach().requiresGrad_(true);
    }

    /** nn.LayerNorm and nn.BatchNorm2d (training) reach the norm kernels on the GPU: values, gradients and running statistics. */
    @Test
    void normModulesOnTheGpuMatchTheCpu() {
        Torch.manualSeed(13);
        Tensor x = Torch.randn(4, 6, 9, 7).mul(2).add(1);
        org.torch4j.nn.LayerNorm ln = new org.torch4j.nn.LayerNorm(9, 7);
        org.torch4j.nn.BatchNorm2d bn = new org.torch4j.nn.BatchNorm2d(6);
        try (var off = Torch.noGrad()) {
            ln.weight.copy_(Torch.randn(9, 7));
            bn.weight.copy_(Torch.randn(6));
        }
        double[][] results = new double[2][];
        for (int run = 0; run < 2; run++) {
            Device dev = run == 0 ? Device.CPU : CUDA;
            org.torch4j.nn.LayerNorm l = org.torch4j.nn.Module.deepCopy(ln);
            org.torch4j.nn.BatchNorm2d b = org.torch4j.nn.Module.deepCopy(bn);
            l.to(dev);
            b.to(dev);
            Tensor xi = x.to(dev).detach().requiresGrad_();
            Tensor y = b.forward(l.forward(xi));
            y.mul(y).sum().backward();
            results[run] = Torch.cat(List.of(y.detach().reshape(-1), xi.grad().reshape(-1), l.weight.grad().reshape(-1),
                    l.bias.grad().reshape(-1), b.weight.grad().reshape(-1), b.bias.grad().reshape(-1),
                    b.runningMean().reshape(-1), b.runningVar().reshape(-1)), 0).cpu().toDoubleArray();
        }
        for (int i = 0; i < results[0].length; i++) {
            assertEquals(results[0][i], results[1][i], 1e-3 * (1 + Math.abs(results[0][i])), "value " + i);
        }
    }
}
