package org.torch4j.benchmarks;

import java.util.Arrays;
import java.util.List;
import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.vision.ops.Boxes;
import org.torch4j.vision.ops.Roi;

/**
 * Times {@link Boxes#nms} and {@link Roi#roiAlign} as {@code benchmarks/pytorch/vision_ops.py} times
 * torchvision's: nms of 10,000 random boxes (threshold 0.5), and roi_align of 512 boxes on a
 * [2, 256, 50, 50] float32 map (output 7x7, spatial scale 1/16, sampling ratio 2 and adaptive), forward
 * and forward + backward, on the same inputs (torch.manual_seed's numbers); prints medians of wall-clock
 * and thread CPU times:
 *
 * <pre>java --add-modules=jdk.incubator.vector -cp benchmarks/target/benchmarks.jar org.torch4j.benchmarks.VisionOpsBenchmark 9 1</pre>
 */
public final class VisionOpsBenchmark {
    private VisionOpsBenchmark() {}

    private static int runs, threads;

    private static Tensor boxes(long seed, int n, double size, double lo, double hi) {
        Torch.manualSeed(seed);
        Tensor r = Torch.rand(n, 4);
        Tensor w = r.select(1, 2).mul(hi - lo).add(lo), h = r.select(1, 3).mul(hi - lo).add(lo);
        Tensor x1 = r.select(1, 0).mul(w.rsub(size)), y1 = r.select(1, 1).mul(h.rsub(size));
        return Torch.stack(List.of(x1, y1, x1.add(w), y1.add(h)), 1);
    }

    private static void timed(String name, Runnable f) {
        double[] times = new double[runs], cpu = new double[runs];
        var bean = java.lang.management.ManagementFactory.getThreadMXBean();
        for (int r = -3; r < runs; r++) { // warm-up runs for the JIT
            try (var scope = Torch.scope()) {
                long t0 = System.nanoTime(), c0 = bean.getCurrentThreadCpuTime();
                f.run();
                if (r >= 0) {
                    times[r] = (System.nanoTime() - t0) / 1e6;
                    cpu[r] = (bean.getCurrentThreadCpuTime() - c0) / 1e6;
                }
            }
        }
        Arrays.sort(times);
        Arrays.sort(cpu);
        System.out.printf("torch4j %s, %d thread(s): median %.2f ms wall (min %.2f), %.2f ms CPU, %d runs%n",
                name, threads, times[runs / 2], times[0], cpu[runs / 2], runs);
    }

    /** Runs the benchmark; {@code args[0]} is the number of timed runs (default 9), {@code args[1]} the threads (default 1). */
    public static void main(String[] args) {
        runs = args.length > 0 ? Integer.parseInt(args[0]) : 9;
        threads = args.length > 1 ? Integer.parseInt(args[1]) : 1;
        Torch.setNumThreads(threads);
        Tensor b = boxes(1, 10000, 1000.0, 10.0, 100.0);
        Torch.manualSeed(2);
        Tensor s = Torch.rand(10000);
        System.out.println("nms keeps " + Boxes.nms(b, s, 0.5).numel() + " of 10000");
        timed("nms 10000 boxes", () -> Boxes.nms(b, s, 0.5));

        Torch.manualSeed(3);
        Tensor x = Torch.randn(2, 256, 50, 50);
        Tensor rb = boxes(4, 512, 800.0, 32.0, 400.0);
        Tensor rois = Torch.cat(List.of(Torch.arange(512).remainder(2).toFloat().unsqueeze(1), rb), 1);
        for (int sampling : new int[] {2, -1}) {
            System.out.printf("roi_align sum, sampling %d: %.4f%n", sampling,
                    Roi.roiAlign(x, rois, 7, 7, 1 / 16.0, sampling, false).toDouble().sum().item());
            timed("roi_align forward, sampling " + sampling, () -> {
                try (var ng = Torch.noGrad()) {
                    Roi.roiAlign(x, rois, 7, 7, 1 / 16.0, sampling, false);
                }
            });
            Tensor xg = x.clone().requiresGrad_();
            timed("roi_align forward+backward, sampling " + sampling, () -> {
                Roi.roiAlign(xg, rois, 7, 7, 1 / 16.0, sampling, false).sum().backward();
                xg.setGrad(null);
            });
        }
    }
}
