package org.torch4j.vision.models;

import org.torch4j.Tensor;
import org.torch4j.nn.AdaptiveAvgPool2d;
import org.torch4j.nn.Conv2d;
import org.torch4j.nn.Dropout;
import org.torch4j.nn.Linear;
import org.torch4j.nn.MaxPool2d;
import org.torch4j.nn.Module;
import org.torch4j.nn.ReLU;
import org.torch4j.nn.Sequential;

/**
 * AlexNet ({@code torchvision.models.AlexNet}, Krizhevsky 2014's one-GPU variant): five convolutions
 * with three 3x3 max pools in {@code features}, {@code avgpool} to 6x6 and a three-layer
 * {@code classifier} behind dropouts. torchvision keeps PyTorch's default layer initialisation, so
 * the weights are drawn as each layer is created.
 */
public class AlexNet extends Module {
    /** The convolutional body and the three-layer classifier. */
    public final Sequential features, classifier;
    private final Module avgpool;

    /** {@code alexnet(num_classes=numClasses)}: dropout 0.5, 61.1M parameters at 1000 classes. */
    public AlexNet(int numClasses) {
        this(numClasses, 0.5);
    }

    /** An AlexNet with a {@code numClasses}-way classifier and dropout {@code dropout}. */
    public AlexNet(int numClasses, double dropout) {
        features = registerModule("features", Sequential.of(
                new Conv2d(3, 64, 11, 4, 2), new ReLU(true), new MaxPool2d(3, 2),
                new Conv2d(64, 192, 5, 1, 2), new ReLU(true), new MaxPool2d(3, 2),
                new Conv2d(192, 384, 3, 1, 1), new ReLU(true),
                new Conv2d(384, 256, 3, 1, 1), new ReLU(true),
                new Conv2d(256, 256, 3, 1, 1), new ReLU(true), new MaxPool2d(3, 2)));
        avgpool = registerModule("avgpool", new AdaptiveAvgPool2d(6, 6));
        classifier = registerModule("classifier", Sequential.of(new Dropout(dropout), new Linear(256 * 6 * 6, 4096), new ReLU(true),
                new Dropout(dropout), new Linear(4096, 4096), new ReLU(true), new Linear(4096, numClasses)));
    }

    /** Logits [N, numClasses] for images [N, 3, H, W] (H, W at least 63). */
    @Override
    public Tensor forward(Tensor x) {
        return classifier.call(avgpool.call(features.call(x)).flatten(1, -1));
    }
}
