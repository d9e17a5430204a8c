package org.torch4j.vision.models;

import org.torch4j.Tensor;
import org.torch4j.nn.AdaptiveAvgPool2d;
import org.torch4j.nn.Conv2d;
import org.torch4j.nn.Dropout;
import org.torch4j.nn.Init;
import org.torch4j.nn.MaxPool2d;
import org.torch4j.nn.Module;
import org.torch4j.nn.ReLU;
import org.torch4j.nn.Sequential;

/**
 * SqueezeNet ({@code torchvision.models.SqueezeNet}, Iandola et al. 2016), versions 1.0 and 1.1: a
 * stem convolution and eight {@link Fire} modules between ceil-mode max pools in {@code features},
 * and a {@code classifier} of dropout, a 1x1 convolution to the classes, ReLU and global average
 * pooling. torchvision's initialisation: Kaiming-uniform convolutions, except the final one drawn
 * from N(0, 0.01), zero biases.
 */
public class SqueezeNet extends Module {
    /** The convolutional body and the convolutional classifier. */
    public final Sequential features, classifier;

    /** {@code SqueezeNet(version, num_classes=numClasses)} with dropout 0.5; version "1_0" or "1_1". */
    public SqueezeNet(String version, int numClasses) {
        this(version, numClasses, 0.5);
    }

    /** A SqueezeNet of {@code version} ("1_0" or "1_1") with {@code numClasses} outputs and dropout {@code dropout}. */
    public SqueezeNet(String version, int numClasses, double dropout) {
        features = registerModule("features", switch (version) {
            case "1_0" -> Sequential.of(new Conv2d(3, 96, 7, 2, 0), new ReLU(true), pool(),
                    new Fire(96, 16, 64, 64), new Fire(128, 16, 64, 64), new Fire(128, 32, 128, 128), pool(),
                    new Fire(256, 32, 128, 128), new Fire(256, 48, 192, 192), new Fire(384, 48, 192, 192),
                    new Fire(384, 64, 256, 256), pool(),
                    new Fire(512, 64, 256, 256));
            case "1_1" -> Sequential.of(new Conv2d(3, 64, 3, 2, 0), new ReLU(true), pool(),
                    new Fire(64, 16, 64, 64), new Fire(128, 16, 64, 64), pool(),
                    new Fire(128, 32, 128, 128), new Fire(256, 32, 128, 128), pool(),
                    new Fire(256, 48, 192, 192), new Fire(384, 48, 192, 192), new Fire(384, 64, 256, 256),
                    new Fire(512, 64, 256, 256));
            default -> throw new IllegalArgumentException("Unsupported SqueezeNet version " + version + ": 1_0 or 1_1 expected");
        });
        Conv2d finalConv = new Conv2d(512, numClasses, 1);
        classifier = registerModule("classifier", Sequential.of(new Dropout(dropout), finalConv, new ReLU(true), new AdaptiveAvgPool2d(1, 1)));
        // torchvision re-draws every convolution after construction, in module order
        for (Module m : modules()) {
            if (m instanceof Conv2d c) {
                if (c == finalConv) Init.normal_(c.weight, 0, 0.01);
                else Init.kaimingUniform_(c.weight, 0, "fan_in", "leaky_relu");
                if (c.bias != null) Init.constant_(c.bias, 0);
            }
        }
    }

    /** A 3x3, stride-2 max pool in ceil mode. */
    private static MaxPool2d pool() {
        return new MaxPool2d(new long[] {3}, new long[] {2}, new long[] {0}, new long[] {1}, true);
    }

    /** {@code squeezenet1_0(num_classes=numClasses)}: 1.25M parameters at 1000 classes. */
    public static SqueezeNet squeezenet1_0(int numClasses) {
        return new SqueezeNet("1_0", numClasses);
    }

    /** {@code squeezenet1_1(num_classes=numClasses)}: 2.4x less computation than 1.0 at about the same accuracy. */
    public static SqueezeNet squeezenet1_1(int numClasses) {
        return new SqueezeNet("1_1", numClasses);
    }

    /** Class scores [N, numClasses] (non-negative: they come out of a ReLU) for images [N, 3, H, W]. */
    @Override
    public Tensor forward(Tensor x) {
        return classifier.call(features.call(x)).flatten(1, -1);
    }
}
