package org.torch4j.benchmarks;

import java.util.Arrays;
import java.util.Locale;
import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.distributed.Dist;
import org.torch4j.nn.F;
import org.torch4j.nn.Linear;
import org.torch4j.nn.Module;
import org.torch4j.nn.ReLU;
import org.torch4j.nn.Sequential;
import org.torch4j.nn.parallel.DistributedDataParallel;
import org.torch4j.optim.SGD;

/**
 * What DistributedDataParallel adds to a training step: an MLP (784-512-256-10, 0.5 M parameters, 2 MB of
 * gradients) on a batch of 64 per rank, stepped alone and wrapped in DDP, in each process of the job. Run by the
 * launcher:
 *
 * <pre>
 * java --add-modules=jdk.incubator.vector -cp benchmarks/target/benchmarks.jar org.torch4j.distributed.Run \
 *     --nproc-per-node 2 org.torch4j.benchmarks.DdpStepBenchmark
 * </pre>
 *
 * <p>Rank 0 prints the median milliseconds of 50 steps of each after 300 warm-ups (the JIT needs them).
 */
public final class DdpStepBenchmark {
    private DdpStepBenchmark() {}

    /** Times the plain step, then the DDP step. */
    public static void main(String[] args) {
        Torch.setNumThreads(1);
        Dist.initProcessGroup("gloo");
        Torch.manualSeed(0);
        Module mlp = new Sequential(new Linear(784, 512), new ReLU(), new Linear(512, 256), new ReLU(), new Linear(256, 10));
        Tensor x = Torch.randn(64, 784), y = Torch.randn(64, 10);
        double plain = median(mlp, x, y);
        DistributedDataParallel ddp = new DistributedDataParallel(mlp);
        double wrapped = median(ddp, x, y);
        if (Dist.getRank() == 0) {
            System.out.printf(Locale.ROOT, "{\"name\": \"ddp_step\", \"world\": %d, \"plain_ms\": %.3f, \"ddp_ms\": %.3f}%n",
                    Dist.getWorldSize(), plain, wrapped);
        }
        Dist.destroyProcessGroup();
    }

    private static double median(Module model, Tensor x, Tensor y) {
        SGD opt = new SGD(model.parameters(), 0.01);
        double[] t = new double[50];
        for (int i = -300; i < t.length; i++) {
            Dist.barrier();
            long t0 = System.nanoTime();
            opt.zeroGrad();
            F.mseLoss(model.call(x), y).backward();
            opt.step();
            if (i >= 0) t[i] = (System.nanoTime() - t0) / 1e6;
        }
        Arrays.sort(t);
        return t[t.length / 2];
    }
}
