package org.torch4j.benchmarks;

import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.Locale;
import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.nn.F;

/**
 * {@code grid_sample} forward + backward of a [8, 3, 224, 224] float32 input at a [8, 224, 224, 2] grid
 * (both requiring grad, grid values in [-1.1, 1.1]), the counterpart of {@code benchmarks/pytorch/grid_sample.py}.
 * The machine is shared, so besides the wall clock the process CPU time is taken (all threads); the
 * figures are medians over 9 rounds of 10 calls after a warm-up, in ms per call.
 *
 * <pre>
 * java --add-modules=jdk.incubator.vector -cp benchmarks/target/benchmarks.jar org.torch4j.benchmarks.GridSampleStep --threads 1,2
 * </pre>
 */
public final class GridSampleStep {
    private GridSampleStep() {}

    private static final com.sun.management.OperatingSystemMXBean OS =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    /** Times bilinear and nearest (zeros padding, alignCorners false) at each thread count given. */
    public static void main(String[] args) {
        String threads = args.length > 1 && args[0].equals("--threads") ? args[1] : "1,2";
        for (String t : threads.split(",")) {
            Torch.setNumThreads(Integer.parseInt(t));
            Torch.manualSeed(0);
            Tensor x = Torch.randn(8, 3, 224, 224).requiresGrad_();
            Tensor g = Torch.rand(8, 224, 224, 2).mul(2.2).sub(1.1).requiresGrad_();
            for (String mode : new String[] {"bilinear", "nearest"}) {
                double[] r = median(() -> {
                    F.gridSample(x, g, mode, "zeros", false).sum().backward();
                    x.setGrad(null);
                    g.setGrad(null);
                });
                System.out.printf(Locale.ROOT, "{\"name\": \"grid_sample.fwd_bwd\", \"mode\": \"%s\", \"threads\": %s, "
                        + "\"wall_ms\": %.2f, \"cpu_ms\": %.2f}%n", mode, t, r[0], r[1]);
            }
        }
    }

    /** {median wall ms, median process CPU ms} per call of {@code step}, each in a scope (GroupNormStep's timing too). */
    static double[] median(Runnable step) {
        for (int i = 0; i < 3; i++) try (var s = Torch.scope()) { step.run(); }
        int rounds = 9, calls = 10;
        double[] wall = new double[rounds], cpu = new double[rounds];
        for (int r = 0; r < rounds; r++) {
            long c = OS.getProcessCpuTime(), t = System.nanoTime();
            for (int i = 0; i < calls; i++) try (var s = Torch.scope()) { step.run(); }
            cpu[r] = (OS.getProcessCpuTime() - c) / 1e6 / calls;
            wall[r] = (System.nanoTime() - t) / 1e6 / calls;
        }
        Arrays.sort(wall);
        Arrays.sort(cpu);
        return new double[] {wall[rounds / 2], cpu[rounds / 2]};
    }
}
