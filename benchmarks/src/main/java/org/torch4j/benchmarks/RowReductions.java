package org.torch4j.benchmarks;

import java.util.Arrays;
import java.util.Locale;
import java.util.function.Function;
import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.nn.F;

/**
 * Float32 rows reduced along their dense last dim, {@code x.sum(-1)}, {@code x.amax(-1)} and {@code F.softmax(x, -1)},
 * on short and long rows under {@code noGrad}: the counterpart of {@code benchmarks/pytorch/row_reductions.py}. Each
 * figure is the median of 15 rounds of 20 calls after 300 warm-up calls, microseconds per call.
 *
 * <pre>
 * java --add-modules=jdk.incubator.vector -cp benchmarks/target/benchmarks.jar org.torch4j.benchmarks.RowReductions --threads 1
 * </pre>
 */
public final class RowReductions {
    private RowReductions() {}

    private static final int[][] SHAPES = {{16384, 64}, {65536, 16}, {4096, 256}, {1024, 1000}, {262144, 4}};

    public static void main(String[] args) {
        String threads = args.length > 1 && args[0].equals("--threads") ? args[1] : "1";
        for (String t : threads.split(",")) {
            Torch.setNumThreads(Integer.parseInt(t));
            Torch.manualSeed(0);
            for (int[] s : SHAPES) {
                Tensor x = Torch.randn(s[0], s[1]);
                try (var g = Torch.noGrad()) {
                    report("sum", t, s, time(x, v -> v.sum(-1)));
                    report("amax", t, s, time(x, v -> v.amax(-1)));
                    report("softmax", t, s, time(x, v -> F.softmax(v, -1)));
                }
            }
        }
    }

    private static double time(Tensor x, Function<Tensor, Tensor> op) {
        for (int i = 0; i < 300; i++) try (var s = Torch.scope()) { op.apply(x); }
        double[] us = new double[15];
        for (int r = 0; r < us.length; r++) {
            long t0 = System.nanoTime();
            for (int i = 0; i < 20; i++) try (var s = Torch.scope()) { op.apply(x); }
            us[r] = (System.nanoTime() - t0) / 20e3;
        }
        Arrays.sort(us);
        return us[us.length / 2];
    }

    private static void report(String op, String threads, int[] shape, double us) {
        System.out.printf(Locale.ROOT, "{\"name\": \"rows.%s.%dx%d\", \"threads\": %s, \"value\": %.1f, \"unit\": \"us\"}%n",
                op, shape[0], shape[1], threads, us);
    }
}
