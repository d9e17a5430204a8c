package org.torch4j.backend.cuda;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.torch4j.Cuda;
import org.torch4j.Device;
import org.torch4j.Generator;
import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.commands.DemoCnn;
import org.torch4j.nn.F;
import org.torch4j.optim.Adam;
import org.torch4j.optim.OneCycleLR;
import org.torch4j.vision.datasets.Mnist;

/**
 * The demo's CNN trained on cuda reaches the CPU run's accuracy: the model and settings of {@code torch4j
 * demo --subset} (the class-balanced Fashion-MNIST subset embedded in the vision bundle, 10,000 training
 * and 2,000 test images; 5 epochs, batch 64, Adam under a one-cycle schedule peaking at 0.004; weights
 * and shuffling seeded with 0), once on each device from the same initial weights (on the CPU: 87.95%).
 * On the emulated device (no GPU: tools/emulate-device), one epoch of the first 1,280 images on each side.
 * Skipped, printing why, without either.
 */
class DemoCnnOnCudaTest {

    private static final String SUBSET = "/org/torch4j/vision/data/fashion-mnist-subset/";
    private static final String[] FILES = {"train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz",
        "t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz"};

    @BeforeAll
    static void requireCuda() {
        RequireCuda.orSkip("demo CNN on cuda");
        // on a GPU PyTorch's default, TF32 convolutions; the emulated device's tensor cores are too slow for a training run
        if (EmulatedCuda.active()) Cuda.setAllowConvTf32(false);
    }

    @AfterAll
    static void restore() {
        Cuda.setAllowConvTf32(true);
    }

    @Test
    void reachesTheCpuRunsAccuracy(@TempDir Path dir) throws IOException {
        for (String f : FILES) {
            try (InputStream in = Mnist.class.getResourceAsStream(SUBSET + f)) {
                assertTrue(in != null, "the vision jar lacks " + SUBSET + f);
                Files.copy(in, dir.resolve(f));
            }
        }
        Mnist train = Mnist.load(dir, true), test = Mnist.load(dir, false);
        // the emulated device (tools/emulate-device) runs every kernel on the CPU: one epoch of 1,280 images there
        int epochs = EmulatedCuda.active() ? 1 : 5;
        long images = EmulatedCuda.active() ? 1_280 : train.size();
        long t0 = System.nanoTime();
        double cpu = trainAndEvaluate(Device.CPU, train, test, epochs, images);
        long t1 = System.nanoTime();
        double cuda = trainAndEvaluate(Device.of("cuda"), train, test, epochs, images);
        long t2 = System.nanoTime();
        System.out.printf(Locale.ROOT, "demo CNN, Fashion-MNIST subset, %d epochs of %d images: cpu %.2f%% in %.1f s, cuda%s%s %.2f%% in %.1f s%n",
                epochs, images, 100 * cpu, (t1 - t0) / 1e9, EmulatedCuda.active() ? " (emulated)" : "",
                Cuda.allowConvTf32() ? " (TF32 convolutions)" : "", 100 * cuda, (t2 - t1) / 1e9);
        // the runs differ only in rounding (summation order on the GPU), so their accuracies agree closely
        assertTrue(cuda >= cpu - 0.01, "cuda accuracy " + cuda + " below the cpu run's " + cpu);
        assertTrue(cuda > (EmulatedCuda.active() ? 0.6 : 0.85), "cuda accuracy " + cuda);
    }

    private static double trainAndEvaluate(Device device, Mnist train, Mnist test, int epochs, long count) {
        int batch = 64;
        double lr = 4e-3;
        Torch.manualSeed(0);
        Generator shuffle = new Generator().manualSeed(0);
        DemoCnn model = new DemoCnn(10);
        model.to(device);
        Adam adam = new Adam(model.parameters(), lr);
        OneCycleLR schedule = new OneCycleLR(adam, OneCycleLR.options(lr).totalSteps((int) (epochs * ((count + batch - 1) / batch))));
        Tensor labels = train.labels().to(device);
        for (int epoch = 0; epoch < epochs; epoch++) {
            model.train();
            Tensor order = Torch.randperm(count, shuffle);
            for (long start = 0; start < count; start += batch) {
                try (var scope = Torch.scope()) {
                    Tensor idx = order.narrow(0, start, Math.min(batch, count - start));
                    Tensor x = train.images().indexSelect(0, idx).to(device).unsqueeze(1).toFloat().div(255.0);
                    Tensor loss = F.crossEntropy(model.forward(x), labels.indexSelect(0, idx.to(device)));
                    adam.zeroGrad();
                    loss.backward();
                    adam.step();
                    schedule.step();
                }
            }
        }
        model.eval();
        long correct = 0;
        try (var g = Torch.noGrad()) {
            for (long start = 0; start < test.size(); start += 1000) {
                try (var scope = Torch.scope()) {
                    long len = Math.min(1000, test.size() - start);
                    Tensor x = test.images().narrow(0, start, len).to(device).unsqueeze(1).toFloat().div(255.0);
                    Tensor y = test.labels().narrow(0, start, len).to(device);
                    correct += (long) model.forward(x).argmax(1, false).eq(y).sum().item();
                }
            }
        }
        return (double) correct / test.size();
    }
}
