package org.torch4j.conformance;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.nn.F;
import org.torch4j.nn.Linear;
import org.torch4j.nn.Module;
import org.torch4j.nn.ReLU;
import org.torch4j.nn.Sequential;
import org.torch4j.optim.SGD;

/** 100,000 forward/backward/step iterations on a small MLP keep the heap flat (the graph is freed each step). */
class MemoryFlatTest {

    private static long usedAfterGc() throws InterruptedException {
        Runtime rt = Runtime.getRuntime();
        long best = Long.MAX_VALUE;
        for (int i = 0; i < 4; i++) {
            System.gc();
            Thread.sleep(30);
            best = Math.min(best, rt.totalMemory() - rt.freeMemory());
        }
        return best;
    }

    @Test
    void heapStaysFlatOver100kTrainingSteps() throws Exception {
        Torch.manualSeed(0);
        Module model = Sequential.of(new Linear(8, 32), new ReLU(), new Linear(32, 1));
        SGD opt = new SGD(model.parameters(), SGD.options(0.01).momentum(0.9));
        Tensor x = Torch.randn(16, 8), y = Torch.randn(16, 1);
        long start = 0, end;
        double loss = 0;
        long t0 = System.nanoTime();
        for (int step = 1; step <= 100_000; step++) {
            try (var scope = Torch.scope()) {
                Tensor l = F.mseLoss(model.forward(x), y);
                opt.zeroGrad();
                l.backward();
                opt.step();
                if (step % 10_000 == 0) loss = l.item();
            }
            if (step == 10_000) start = usedAfterGc();
        }
        end = usedAfterGc();
        double seconds = (System.nanoTime() - t0) / 1e9;
        System.out.printf("100k MLP steps in %.1f s (%.1f us/step), loss %.4f; heap after GC at step 10k: %d KB, at 100k: %d KB%n",
                seconds, seconds * 1e6 / 100_000, loss, start >> 10, end >> 10);
        assertTrue(end - start < (16L << 20), "heap grew by " + ((end - start) >> 10) + " KB over 90k steps");
    }
}
