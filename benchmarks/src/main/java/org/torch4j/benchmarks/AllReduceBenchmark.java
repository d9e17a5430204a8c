package org.torch4j.benchmarks;

import java.util.Arrays;
import java.util.Locale;
import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.distributed.Dist;
import org.torch4j.distributed.ReduceOp;

/**
 * All-reduce (sum) of float32 tensors from 1 KB to 64 MB between the processes of a job, the counterpart of
 * {@code benchmarks/pytorch/allreduce.py} (PyTorch's gloo). Run by the launcher:
 *
 * <pre>
 * java --add-modules=jdk.incubator.vector -cp benchmarks/target/benchmarks.jar org.torch4j.distributed.Run \
 *     --nproc-per-node 2 org.torch4j.benchmarks.AllReduceBenchmark
 * </pre>
 *
 * <p>Rank 0 prints one JSON line per size: the median microseconds of one all-reduce and the algorithm bandwidth
 * (bytes / median time), over {@code reps} timed calls after as many warm-ups (fewer calls for large sizes).
 */
public final class AllReduceBenchmark {
    private AllReduceBenchmark() {}

    /** Times every size and prints rank 0's results. */
    public static void main(String[] args) {
        Torch.setNumThreads(1);
        Dist.initProcessGroup("gloo");
        for (long bytes = 1 << 10; bytes <= 64L << 20; bytes *= 4) {
            int n = (int) (bytes / 4);
            Tensor t = Torch.ones(n);
            int reps = (int) Math.max(7, Math.min(200, (256L << 20) / bytes));
            for (int i = 0; i < reps; i++) Dist.allReduce(t, ReduceOp.SUM); // as many warm-ups as timed calls (the JIT)
            double[] times = new double[reps];
            for (int i = 0; i < reps; i++) {
                Dist.barrier();
                long t0 = System.nanoTime();
                Dist.allReduce(t, ReduceOp.SUM);
                times[i] = (System.nanoTime() - t0) / 1e3;
            }
            Arrays.sort(times);
            double us = times[reps / 2];
            if (Dist.getRank() == 0) {
                System.out.printf(Locale.ROOT, "{\"name\": \"allreduce\", \"bytes\": %d, \"world\": %d, \"median_us\": %.1f, \"algbw_GBps\": %.3f}%n",
                        bytes, Dist.getWorldSize(), us, bytes / us / 1e3);
            }
        }
        Dist.destroyProcessGroup();
    }
}
