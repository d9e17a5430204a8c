package org.torch4j.conformance;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.data.DataLoader;
import org.torch4j.data.DistributedSampler;
import org.torch4j.data.TensorDataset;
import org.torch4j.distributed.Dist;
import org.torch4j.nn.F;
import org.torch4j.nn.parallel.DistributedDataParallel;
import org.torch4j.optim.SGD;

/**
 * The README's example: data-parallel training started by {@code Run --nproc-per-node 2}. Each process trains on
 * its DistributedSampler's half of the data; the final weights are written to {@code args[0]/rank<N>.txt}.
 */
public final class DistributedTrainExample {
    private DistributedTrainExample() {}

    /** The training run. */
    public static void main(String[] args) throws Exception {
        Dist.initProcessGroup("gloo");                       // env:// from the launcher
        int rank = Dist.getRank();
        Torch.manualSeed(42);
        Tensor x = Torch.randn(8, 4), y = Torch.randn(8, 2);
        Torch.manualSeed(rank);                              // different weights per rank: DDP broadcasts rank 0's
        var model = new DistributedDataParallel(new DistributedDataParallelTest.Net(false));
        var sampler = new DistributedSampler(8, Dist.getWorldSize(), rank, false, 0, false);
        var loader = DataLoader.of(new TensorDataset(x, y)).batchSize(4).sampler(sampler).build();
        var opt = new SGD(model.parameters(), 0.2);
        for (int epoch = 0; epoch < 3; epoch++) {
            sampler.setEpoch(epoch);
            for (List<Tensor> batch : loader) {
                opt.zeroGrad();
                Tensor loss = F.mseLoss(model.call(batch.get(0)), batch.get(1));
                loss.backward();
                opt.step();
                System.out.printf("epoch %d loss %.6f%n", epoch, loss.item());
            }
        }
        StringBuilder out = new StringBuilder();
        model.module().stateDict().forEach((k, v) -> out.append(k).append(' ').append(Arrays.toString(v.toFloatArray())).append('\n'));
        Files.writeString(Path.of(args[0], "rank" + rank + ".txt"), out);
        Dist.destroyProcessGroup();
    }

    /** Rank 1 dies (halts) after joining the group; rank 0's all-reduce must fail with a clear message, not hang. */
    public static final class Crashing {
        private Crashing() {}

        /** Joins through env://, then rank 1 halts and rank 0 reports what its all-reduce threw. */
        public static void main(String[] args) {
            Dist.initProcessGroup("gloo");
            if (Dist.getRank() == 1) Runtime.getRuntime().halt(7);
            try {
                Dist.allReduce(Torch.ones(4));
                System.out.println("no error");
            } catch (org.torch4j.distributed.DistributedException e) {
                System.out.println("caught: " + e.getMessage());
            }
            System.exit(0);
        }
    }

    /** A child that fails: rank 1 exits with code 3 while rank 0 would wait for a minute. */
    public static final class Failing {
        private Failing() {}

        /** Rank 1 fails at once. */
        public static void main(String[] args) throws InterruptedException {
            if ("1".equals(System.getenv("RANK"))) {
                System.out.println("failing on purpose");
                System.exit(3);
            }
            Thread.sleep(60_000);
        }
    }
}
