package org.torch4j.backend.cuda;

import java.util.List;
import java.util.Locale;
import org.torch4j.Autograd;
import org.torch4j.Cuda;
import org.torch4j.DType;
import org.torch4j.Device;
import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.fft.Fft;
import org.torch4j.nn.AdaptiveAvgPool2d;
import org.torch4j.nn.BatchNorm2d;
import org.torch4j.nn.Conv2d;
import org.torch4j.nn.F;
import org.torch4j.nn.Flatten;
import org.torch4j.nn.Linear;
import org.torch4j.nn.MaxPool2d;
import org.torch4j.nn.Module;
import org.torch4j.nn.ReLU;
import org.torch4j.nn.Sequential;
import org.torch4j.optim.SGD;

/**
 * The GPU benchmarks of {@code gpu-check}: float32 GEMM at 4096 with and without TF32, bfloat16
 * GEMM at 8192, and a ResNet-18 training step at batch 64, 224x224 (the model written here with
 * torch4j's nn, layer for layer as torchvision's), in float32 and under bfloat16 autocast, and batched FFTs (complex float32 lines of 4096, real float32
 * lines of 16384, complex float64 lines of the prime 1009, which take Bluestein's path), and training batch and
 * layer norms, forward and backward (float32 and mixed bfloat16 at ResNet's first batch norm, bfloat16 rows of
 * 1024), and scaled dot-product attention (bfloat16 heads of 64, sequences of 1024), after the host's cost of eager ops
 * (in-place adds on one element). Prints one {@code BENCH|name|ms|TFLOP/s} line per result, and for the eager adds and
 * the training steps a {@code BENCH-HOST} line (launches, and the host's time to queue them), which {@code gpu-check}
 * sets beside PyTorch's ({@code tools/torch_bench.py}).
 */
public final class GpuBenchmarks {

    private static final Device CUDA = Device.of("cuda");

    private GpuBenchmarks() {}

    /** Runs the benchmarks named in {@code args} (all when none): eager, gemm, resnet18, fft, norms, attention. */
    public static void main(String[] args) {
        if (!Cuda.isAvailable()) {
            System.out.println("BENCH-SKIPPED|" + Cuda.unavailableReason());
            return;
        }
        java.util.Set<String> which = args.length == 0 ? java.util.Set.of("eager", "gemm", "resnet18", "fft", "norms", "attention")
                : java.util.Set.of(args);
        // on the emulated device (no GPU) a smoke run of the same code: tiny sizes, names marked, no figure to keep
        boolean smoke = EmulatedCuda.active();
        String tag = smoke ? "_emulated_smoke" : "";
        // the ResNet-18 rows use each library's defaults: TF32 in convolutions, float32 in matrix products
        System.out.println("BENCH-INFO|torch4j: Cuda.allowConvTf32()=" + Cuda.allowConvTf32() + ", Cuda.allowTf32()=" + Cuda.allowTf32());
        if (which.contains("eager")) eager("eager_add_x10000" + tag, smoke ? 200 : 10_000);
        if (which.contains("gemm")) {
            gemm("gemm_fp32_4096" + tag, smoke ? 96 : 4096, DType.FLOAT32, false);
            gemm("gemm_fp32_4096_tf32" + tag, smoke ? 96 : 4096, DType.FLOAT32, true);
            gemm("gemm_bf16_8192" + tag, smoke ? 96 : 8192, DType.BFLOAT16, false);
        }
        if (which.contains("resnet18")) {
            int batch = smoke ? 2 : 64, size = smoke ? 32 : 224;
            try {
                trainStep("resnet18_train_b64" + tag, resnet18(), batch, size, null);
            } catch (RuntimeException e) {
                System.out.println("BENCH-FAILED|resnet18_train_b64" + tag + "|" + e);
                trainStep("convnet_train_b64" + tag, convNet(), batch, size, null);
            }
            // mixed precision: autocast to bfloat16 (no loss scaling needed), float32 weights
            trainStep("resnet18_train_b64_amp_bf16" + tag, resnet18(), batch, size, DType.BFLOAT16);
        }
        if (which.contains("fft")) {
            fft("fft_c2c_fp32_1024x4096" + tag, smoke ? 2 : 1024, smoke ? 64 : 4096, DType.FLOAT32, false);
            fft("rfft_fp32_1024x16384" + tag, smoke ? 2 : 1024, smoke ? 256 : 16384, DType.FLOAT32, true);
            fft("fft_c2c_fp64_256x1009" + tag, smoke ? 2 : 256, smoke ? 101 : 1009, DType.FLOAT64, false);
        }
        if (which.contains("norms")) {
            int batch = smoke ? 2 : 64, size = smoke ? 8 : 112;
            batchNorm("batchnorm_train_fp32_64x64x112x112" + tag, batch, size, DType.FLOAT32);
            batchNorm("batchnorm_train_bf16_mixed_64x64x112x112" + tag, batch, size, DType.BFLOAT16);
            layerNorm("layernorm_train_bf16_8192x1024" + tag, smoke ? 16 : 8192, smoke ? 64 : 1024);
        }
        if (which.contains("attention")) {
            int heads = smoke ? 2 : 64, len = smoke ? 80 : 1024;
            attention("attention_fwd_bf16_64x1024x64" + tag, heads, len, false);
            attention("attention_train_bf16_64x1024x64" + tag, heads, len, true);
        }
    }

    /**
     * Scaled dot-product attention over [heads, len, 64] bfloat16 (batch times heads folded), forward alone or forward
     * and backward; flops counted as 4 len^2 64 per head forward, 2.5 times that with the backward.
     */
    private static void attention(String name, int heads, int len, boolean backward) {
        try (var scope = Torch.scope()) {
            Tensor q = Torch.randn(heads, len, 64).to(DType.BFLOAT16).to(CUDA).requiresGrad_(backward);
            Tensor k = Torch.randn(heads, len, 64).to(DType.BFLOAT16).to(CUDA).requiresGrad_(backward);
            Tensor v = Torch.randn(heads, len, 64).to(DType.BFLOAT16).to(CUDA).requiresGrad_(backward);
            Tensor g = Torch.randn(heads, len, 64).to(DType.BFLOAT16).to(CUDA);
            double flops = 4.0 * heads * len * len * 64 * (backward ? 2.5 : 1);
            time(name, () -> {
                try (var step = Torch.scope()) {
                    Tensor out = F.scaledDotProductAttention(q, k, v, null, 0, false);
                    if (backward) Autograd.grad(List.of(out), List.of(q, k, v), List.of(g), false, false, false);
                }
            }, flops);
        }
    }

    /**
     * The mean time of {@code op} over 20 runs (1 on the emulated device) after 3 warm-up runs, the GPU
     * drained before and after, reported with {@code flops} per run (0: none).
     */
    private static void time(String name, Runnable op, double flops) {
        for (int i = 0; i < 3; i++) op.run();
        Cuda.synchronize();
        int iters = EmulatedCuda.active() ? 1 : 20;
        long t0 = System.nanoTime();
        for (int i = 0; i < iters; i++) op.run();
        Cuda.synchronize();
        report(name, (System.nanoTime() - t0) / 1e6 / iters, flops);
    }

    /**
     * A training batch norm over [batch, 64, size, size] (ResNet's first) forward and backward (input, weight and bias
     * gradients), parameters float32: for a 16-bit dtype the mixed case autocast leaves after a convolution.
     */
    private static void batchNorm(String name, int batch, int size, DType dtype) {
        try (var scope = Torch.scope()) {
            Tensor x = Torch.randn(batch, 64, size, size).to(dtype).to(CUDA).requiresGrad_(true);
            Tensor g = Torch.randn(batch, 64, size, size).to(dtype).to(CUDA);
            Tensor w = Torch.ones(64).to(CUDA).requiresGrad_(true), b = Torch.zeros(64).to(CUDA).requiresGrad_(true);
            time(name, () -> {
                try (var step = Torch.scope()) {
                    Autograd.grad(List.of(F.batchNorm(x, null, null, w, b, true, 0.1, 1e-5)), List.of(x, w, b), List.of(g), false, false, false);
                }
            }, 0);
        }
    }

    /** A layer norm over the last dim of [rows, cols] bfloat16 with bfloat16 parameters, forward and backward. */
    private static void layerNorm(String name, int rows, int cols) {
        try (var scope = Torch.scope()) {
            Tensor x = Torch.randn(rows, cols).to(DType.BFLOAT16).to(CUDA).requiresGrad_(true);
            Tensor g = Torch.randn(rows, cols).to(DType.BFLOAT16).to(CUDA);
            Tensor w = Torch.ones(cols).to(DType.BFLOAT16).to(CUDA).requiresGrad_(true);
            Tensor b = Torch.zeros(cols).to(DType.BFLOAT16).to(CUDA).requiresGrad_(true);
            time(name, () -> {
                try (var step = Torch.scope()) {
                    Autograd.grad(List.of(F.layerNorm(x, new long[] {cols}, w, b, 1e-5)), List.of(x, w, b), List.of(g), false, false, false);
                }
            }, 0);
        }
    }

    /** Batched 1-d FFTs along the last dim; flops counted as 5 n log2 n per complex line (2.5 for real ones). */
    private static void fft(String name, int batch, int n, DType dtype, boolean real) {
        try (var scope = Torch.scope()) {
            Tensor x = real ? Torch.randn(batch, n).to(dtype).to(CUDA) : Torch.viewAsComplex(Torch.randn(batch, n, 2).to(dtype).to(CUDA));
            time(name, () -> (real ? Fft.rfft(x) : Fft.fft(x)).close(), (real ? 2.5 : 5.0) * batch * n * (Math.log(n) / Math.log(2)));
        }
    }

    /**
     * The host's share of eager execution: {@code ops} in-place adds of a scalar to a one-element float32 tensor,
     * kernels that take less time on the GPU than queuing them takes on the host. Reports the time of 10,000 adds
     * (the GPU drained after) and, on a BENCH-HOST line, the host's queuing time alone and the launches per add.
     */
    private static void eager(String name, int ops) {
        try (var scope = Torch.scope()) {
            Tensor x = Torch.zeros(1).to(CUDA);
            for (int i = 0; i < 100; i++) x.add_(1.0);
            Cuda.synchronize();
            long l0 = launches(), t0 = System.nanoTime();
            for (int i = 0; i < ops; i++) x.add_(1.0);
            long queued = System.nanoTime(), launched = launches() - l0;
            Cuda.synchronize();
            double per10k = 10_000.0 / ops;
            report(name, (System.nanoTime() - t0) / 1e6 * per10k, 0);
            host(name, launched / (double) ops, (queued - t0) / 1e6 * per10k);
            if (x.item() != 100 + ops) throw new IllegalStateException("eager adds lost: " + x.item());
        }
    }

    /** Kernels and cuBLAS calls cuda:0 has queued so far. */
    private static long launches() {
        return ((CudaBackend) org.torch4j.spi.BackendRegistry.require("cuda")).device(0).launches();
    }

    /** A BENCH-HOST line: the launches of one timed unit and the host's time to queue it, beside the BENCH line's. */
    private static void host(String name, double launches, double queueMs) {
        System.out.println(String.format(Locale.ROOT, "BENCH-HOST|%s|launches=%.1f|host_ms=%.3f", name, launches, queueMs));
    }

    private static void report(String name, double ms, double flops) {
        System.out.println(String.format(Locale.ROOT, "BENCH|%s|%.3f|%s", name, ms,
                flops > 0 ? String.format(Locale.ROOT, "%.1f", flops / ms / 1e9) : "-"));
    }

    private static void gemm(String name, int n, DType dtype, boolean tf32) {
        Cuda.setAllowTf32(tf32);
        try (var scope = Torch.scope()) {
            Tensor a = Torch.randn(n, n).to(dtype).to(CUDA), b = Torch.randn(n, n).to(dtype).to(CUDA);
            time(name, () -> a.matmul(b).close(), 2.0 * n * n * n);
        } finally {
            Cuda.setAllowTf32(false);
        }
    }

    /** SGD training steps of {@code model}, the forward and loss under {@code Torch.autocast("cuda", amp)} unless amp is null. */
    private static void trainStep(String name, Module model, int batch, int size, DType amp) {
        model.to(CUDA);
        SGD opt = new SGD(model.parameters(), 0.01);
        Torch.manualSeed(0);
        Tensor x = Torch.randn(batch, 3, size, size).to(CUDA), y = Torch.randint(0, 1000, batch).to(CUDA);
        int warmup = EmulatedCuda.active() ? 1 : 2, iters = EmulatedCuda.active() ? 1 : 5;
        long t0 = 0, l0 = 0;
        for (int i = 0; i < warmup + iters; i++) {
            if (i == warmup) {
                Cuda.synchronize();
                t0 = System.nanoTime();
                l0 = launches();
            }
            try (var scope = Torch.scope()) {
                Tensor loss;
                try (var autocast = Torch.autocast("cuda", amp == null ? DType.BFLOAT16 : amp, amp != null)) {
                    loss = F.crossEntropy(model.forward(x), y);
                }
                opt.zeroGrad();
                loss.backward();
                opt.step();
            }
        }
        long queued = System.nanoTime(), launched = launches() - l0;
        Cuda.synchronize();
        report(name, (System.nanoTime() - t0) / 1e6 / iters, 0);
        host(name, launched / (double) iters, (queued - t0) / 1e6 / iters);
        System.out.println("BENCH-MEMORY|" + name + "|allocated=" + Cuda.memoryAllocated() + "|peak=" + Cuda.maxMemoryAllocated()
                + "|reserved=" + Cuda.memoryReserved());
    }

    /** torchvision's BasicBlock: two 3x3 convolutions with batch norm and a shortcut. */
    static final class BasicBlock extends Module {
        private final Module body;
        private final Module shortcut;
        private final ReLU relu = new ReLU();

        BasicBlock(long in, long out, long stride) {
            body = registerModule("body", Sequential.of(
                    new Conv2d(in, out, new long[] {3, 3}, new long[] {stride, stride}, new long[] {1, 1}, new long[] {1, 1}, 1, false, "zeros"),
                    new BatchNorm2d(out), new ReLU(),
                    new Conv2d(out, out, new long[] {3, 3}, new long[] {1, 1}, new long[] {1, 1}, new long[] {1, 1}, 1, false, "zeros"),
                    new BatchNorm2d(out)));
            shortcut = stride != 1 || in != out
                    ? registerModule("downsample", Sequential.of(
                            new Conv2d(in, out, new long[] {1, 1}, new long[] {stride, stride}, new long[] {0, 0}, new long[] {1, 1}, 1, false, "zeros"),
                            new BatchNorm2d(out)))
                    : null;
        }

        @Override
        public Tensor forward(Tensor x) {
            Tensor s = shortcut == null ? x : shortcut.call(x);
            return relu.call(body.call(x).add(s));
        }
    }

    /** ResNet-18 as torchvision builds it, for 1000 classes. */
    static Module resnet18() {
        return Sequential.of(
                new Conv2d(3, 64, new long[] {7, 7}, new long[] {2, 2}, new long[] {3, 3}, new long[] {1, 1}, 1, false, "zeros"),
                new BatchNorm2d(64), new ReLU(),
                new MaxPool2d(new long[] {3, 3}, new long[] {2, 2}, new long[] {1, 1}, new long[] {1, 1}, false),
                new BasicBlock(64, 64, 1), new BasicBlock(64, 64, 1),
                new BasicBlock(64, 128, 2), new BasicBlock(128, 128, 1),
                new BasicBlock(128, 256, 2), new BasicBlock(256, 256, 1),
                new BasicBlock(256, 512, 2), new BasicBlock(512, 512, 1),
                new AdaptiveAvgPool2d(1, 1), new Flatten(), new Linear(512, 1000));
    }

    /** A small conv net, the fallback when ResNet-18 cannot run. */
    static Module convNet() {
        return Sequential.of(new Conv2d(3, 32, 3, 2, 1), new ReLU(), new Conv2d(32, 64, 3, 2, 1), new ReLU(),
                new AdaptiveAvgPool2d(1, 1), new Flatten(), new Linear(64, 1000));
    }
}
