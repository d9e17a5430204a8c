package org.torch4j.vision;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.data.DataLoader;
import org.torch4j.nn.F;
import org.torch4j.nn.Module;
import org.torch4j.optim.SGD;
import org.torch4j.vision.datasets.Cifar;
import org.torch4j.vision.datasets.LabeledImage;
import org.torch4j.vision.io.ImageGrid;
import org.torch4j.vision.io.Images;
import org.torch4j.vision.models.ResNet;
import org.torch4j.vision.models.detection.Detection;
import org.torch4j.vision.models.detection.FasterRCNN;
import org.torch4j.vision.models.detection.RCNNOptions;
import org.torch4j.vision.models.detection.Target;
import org.torch4j.vision.transforms.CenterCrop;
import org.torch4j.vision.transforms.Compose;
import org.torch4j.vision.transforms.Normalize;
import org.torch4j.vision.transforms.RandomCrop;
import org.torch4j.vision.transforms.RandomHorizontalFlip;
import org.torch4j.vision.transforms.Resize;
import org.torch4j.vision.transforms.ToTensor;

/** The README's vision example, as written there (only the paths point at test files). */
class ReadmeExampleTest {

    @Test
    void readmeExampleRuns(@TempDir Path dir) throws Exception {
        Path data = DatasetsTest.resource("cifar/cifar-10-batches-bin");
        Images.write(Torch.randint(0, 256, 3, 40, 50).to(org.torch4j.DType.UINT8), dir.resolve("cat.jpg"));
        Torch.manualSeed(0);
        String printed;
        // ---- README ----
        double[] mean = {0.4914, 0.4822, 0.4465}, std = {0.2470, 0.2435, 0.2616};
        var augment = new Compose(new RandomCrop(32, 32, new int[] {4}, false, 0, "constant"), new RandomHorizontalFlip(),
                new ToTensor(), new Normalize(mean, std));
        Cifar cifar = Cifar.cifar10(data, true, augment);
        Module model = ResNet.resnet18(10);
        SGD opt = new SGD(model.parameters(), 0.01);
        for (LabeledImage batch : DataLoader.of(cifar).batchSize(64).shuffle(true).build()) {
            try (var scope = Torch.scope()) {
                Tensor loss = F.crossEntropy(model.call(batch.image()), batch.label());
                opt.zeroGrad(); loss.backward(); opt.step();
                assertTrue(Double.isFinite(loss.item()));
            }
        }
        ImageGrid.saveImage(cifar.get(0).image(), dir.resolve("first.png"), 8, 2, true, null, false, 0);

        Tensor photo = Images.read(dir.resolve("cat.jpg"));                  // uint8 [3, H, W]
        var eval = new Compose(new Resize(36), new CenterCrop(32), new ToTensor(), new Normalize(mean, std));
        try (var g = Torch.noGrad()) {
            Tensor probs = F.softmax(model.eval().call(eval.apply(photo).unsqueeze(0)), 1);
            printed = Cifar.CIFAR10_CLASSES.get((int) probs.argmax().itemLong());
            System.out.println(printed);
        }
        // ---- end ----
        assertTrue(Cifar.CIFAR10_CLASSES.contains(printed));
        assertArrayEquals(new long[] {3, 32, 32}, Images.read(dir.resolve("first.png")).shape(), "one image: no grid padding");
        assertTrue(Files.size(dir.resolve("first.png")) > 0);
    }

    @Test
    void readmeDetectionExampleRuns() {
        long printed;
        // ---- README ----
        Torch.manualSeed(0);
        FasterRCNN detector = FasterRCNN.fasterrcnnMobilenetV3LargeFpn(91, RCNNOptions.DEFAULTS.withMinSize(128).withMaxSize(160));
        List<Tensor> images = List.of(Torch.rand(3, 120, 160), Torch.rand(3, 100, 150));
        List<Target> targets = List.of(
                new Target(Torch.tensor(new float[] {20, 30, 90, 100}, 1, 4), Torch.tensor(new long[] {1}, 1)),     // a person
                new Target(Torch.tensor(new float[] {10, 15, 120, 80}, 1, 4), Torch.tensor(new long[] {18}, 1)));   // a dog
        SGD sgd = new SGD(detector.parameters(), 0.005);
        detector.train();
        Map<String, Tensor> losses = detector.forward(images, targets);  // loss_classifier, loss_box_reg, loss_objectness, loss_rpn_box_reg
        Tensor total = losses.values().stream().reduce(Tensor::add).orElseThrow();
        sgd.zeroGrad(); total.backward(); sgd.step();
        detector.eval();
        try (var g = Torch.noGrad()) {
            Detection d = detector.forward(images).get(0);               // boxes [D, 4] in the 120x160 image, labels, scores
            System.out.println(d.boxes().shape()[0] + " detections");
            printed = d.boxes().shape()[0];
            // ---- end ----
            assertTrue(d.boxes().numel() == 0 || d.boxes().select(1, 2).max().item() <= 160, "boxes in the image's pixels");
        }
        assertEquals(List.of("loss_classifier", "loss_box_reg", "loss_objectness", "loss_rpn_box_reg"), List.copyOf(losses.keySet()));
        assertTrue(Double.isFinite(total.item()) && printed >= 0 && printed <= 100);
    }
}
