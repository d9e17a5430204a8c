package org.torch4j.benchmarks;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.torch4j.DType;
import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.nn.F;
import org.torch4j.nn.Init;

/**
 * A sweep of common single ops at moderate sizes, float32 (forward under {@code noGrad}, and forward plus backward for
 * the training ones), to find where torch4j is furthest from PyTorch: the counterpart of
 * {@code benchmarks/pytorch/op_sweep.py}, same workloads and names. Each figure is the median of 15 rounds of 10
 * calls after 100 warm-up calls, microseconds per call; gradients accumulate across calls on both sides.
 *
 * <pre>
 * java --add-modules=jdk.incubator.vector -cp benchmarks/target/benchmarks.jar org.torch4j.benchmarks.OpSweep --threads 1
 * </pre>
 */
public final class OpSweep {
    private OpSweep() {}

    public static void main(String[] args) {
        String threads = args.length > 1 && args[0].equals("--threads") ? args[1] : "1";
        for (String t : threads.split(",")) {
            Torch.setNumThreads(Integer.parseInt(t));
            Torch.manualSeed(0);
            Tensor x = Torch.randn(2048, 1024), y = Torch.randn(2048, 1024), w = Torch.randn(1024), b = Torch.randn(1024);
            Tensor logits = Torch.randn(512, 1000), target = Torch.randint(0, 1000, new long[] {512});
            Tensor table = Torch.randn(30000, 256), idx = Torch.randint(0, 30000, new long[] {4096});
            Tensor img = Torch.randn(8, 64, 56, 56), v = Torch.randn(1 << 20);
            try (var g = Torch.noGrad()) {
                time(t, "layer_norm", () -> F.layerNorm(x, new long[] {1024}, w, b, 1e-5));
                time(t, "gelu", () -> F.gelu(x));
                time(t, "tanh", () -> x.tanh());
                time(t, "softplus", () -> F.softplus(x));
                time(t, "hardswish", () -> F.hardswish(x));
                time(t, "floor", () -> x.floor());
                time(t, "cross_entropy", () -> F.crossEntropy(logits, target));
                time(t, "embedding", () -> F.embedding(idx, table));
                time(t, "index_select", () -> table.indexSelect(0, idx));
                time(t, "cumsum", () -> x.cumsum(1));
                time(t, "sort", () -> logits.sort(1));
                time(t, "topk", () -> logits.topk(5, 1));
                time(t, "argmax", () -> x.argmax(1));
                time(t, "max_dim0", () -> x.max(0));
                time(t, "var", () -> x.var(1));
                time(t, "where", () -> Torch.where(x.gt(0), x, y));
                time(t, "cat", () -> Torch.cat(List.of(x, y), 1));
                time(t, "t_contiguous", () -> x.t().contiguous());
                time(t, "max_pool", () -> F.maxPool2d(img, 3, 2, 1));
                time(t, "global_avg_pool", () -> F.adaptiveAvgPool2d(img, 1));
                time(t, "softmax_dim0", () -> F.softmax(x, 0));
                time(t, "sum", () -> v.sum());
                time(t, "mul_scalar", () -> x.mul(2.5));
                time(t, "to_bfloat16", () -> x.to(DType.BFLOAT16));
                time(t, "to_int64", () -> x.to(DType.INT64));
                time(t, "tril", () -> x.tril());
                time(t, "logical_not", () -> x.gt(0).logicalNot());
                time(t, "pad", () -> F.pad(img, 1, 1, 1, 1));
                time(t, "upsample_bilinear", () -> F.interpolate(img, 2.0, "bilinear"));
                // sampling (model initialisation draws these for every weight) and erf, erfinv behind it
                Tensor buffer = Torch.empty(1 << 20), v64 = v.toDouble(), u = Torch.rand(1 << 20).mul(2).sub(1);
                time(t, "rand", () -> Torch.rand(1 << 20));
                time(t, "randn", () -> Torch.randn(1 << 20));
                time(t, "trunc_normal", () -> Init.truncNormal_(buffer, 0, 0.02, -2, 2));
                time(t, "erf_float64", () -> v64.erf());
                time(t, "erfinv", () -> u.erfinv());
            }
            Tensor xg = x.clone().requiresGrad_(), wg = w.clone().requiresGrad_(), bg = b.clone().requiresGrad_();
            Tensor lg = logits.clone().requiresGrad_(), tg = table.clone().requiresGrad_();
            time(t, "layer_norm.train", () -> F.layerNorm(xg, new long[] {1024}, wg, bg, 1e-5).backward(y));
            time(t, "gelu.train", () -> F.gelu(xg).backward(y));
            time(t, "softmax.train", () -> F.softmax(xg, -1).backward(y));
            time(t, "mse_loss.train", () -> F.mseLoss(xg, y).backward());
            time(t, "cross_entropy.train", () -> F.crossEntropy(lg, target).backward());
            time(t, "embedding.train", () -> F.embedding(idx, tg).sum().backward());
        }
    }

    private static void time(String threads, String name, Runnable op) {
        for (int i = 0; i < 100; i++) try (var s = Torch.scope()) { op.run(); }
        double[] us = new double[15];
        for (int r = 0; r < us.length; r++) {
            long t0 = System.nanoTime();
            for (int i = 0; i < 10; i++) try (var s = Torch.scope()) { op.run(); }
            us[r] = (System.nanoTime() - t0) / 10e3;
        }
        Arrays.sort(us);
        System.out.printf(Locale.ROOT, "{\"name\": \"ops.%s\", \"threads\": %s, \"value\": %.1f, \"unit\": \"us\"}%n", name, threads, us[us.length / 2]);
    }
}
