package org.torch4j.vision.models;

import org.torch4j.Tensor;
import org.torch4j.nn.AdaptiveAvgPool2d;
import org.torch4j.nn.BatchNorm2d;
import org.torch4j.nn.Conv2d;
import org.torch4j.nn.Dropout;
import org.torch4j.nn.Init;
import org.torch4j.nn.Linear;
import org.torch4j.nn.MaxPool2d;
import org.torch4j.nn.Module;
import org.torch4j.nn.ReLU;
import org.torch4j.nn.Sequential;

/**
 * VGG ({@code torchvision.models.VGG}, Simonyan and Zisserman 2014): {@code features} (3x3
 * convolutions, optional batch norm, ReLU, 2x2 max pooling), {@code avgpool} to 7x7 and a
 * three-layer {@code classifier}, with torchvision's state-dict keys and initialisation.
 */
public class VGG extends Module {
    /** Configuration "A" (VGG-11): channel counts, 0 for a max pool. */
    static final int[] CFG_A = {64, 0, 128, 0, 256, 256, 0, 512, 512, 0, 512, 512, 0};
    /** Configuration "D" (VGG-16). */
    static final int[] CFG_B = {64, 64, 0, 128, 128, 0, 256, 256, 0, 512, 512, 0, 512, 512, 0};
    static final int[] CFG_E = {64, 64, 0, 128, 128, 0, 256, 256, 256, 256, 0, 512, 512, 512, 512, 0, 512, 512, 512, 512, 0};
    static final int[] CFG_D = {64, 64, 0, 128, 128, 0, 256, 256, 256, 0, 512, 512, 512, 0, 512, 512, 512, 0};

    /** The convolutional body and the three-layer classifier. */
    public final Sequential features, classifier;
    private final Module avgpool;

    /** A VGG over {@code features} with a {@code numClasses}-way classifier and dropout {@code dropout}. */
    public VGG(Sequential features, int numClasses, double dropout) {
        this.features = registerModule("features", features);
        avgpool = registerModule("avgpool", new AdaptiveAvgPool2d(7, 7));
        classifier = registerModule("classifier", Sequential.of(new Linear(512 * 7 * 7, 4096), new ReLU(true), new Dropout(dropout),
                new Linear(4096, 4096), new ReLU(true), new Dropout(dropout), new Linear(4096, numClasses)));
        for (Module m : modules()) {
            if (m instanceof Conv2d c) {
                Init.kaimingNormal_(c.weight, 0, "fan_out", "relu");
                Init.constant_(c.bias, 0);
            } else if (m instanceof BatchNorm2d bn) {
                Init.constant_(bn.weight, 1);
                Init.constant_(bn.bias, 0);
            } else if (m instanceof Linear l) {
                Init.normal_(l.weight, 0, 0.01);
                Init.constant_(l.bias, 0);
            }
        }
    }

    /** torchvision's {@code make_layers}: conv (+ batch norm) + ReLU per channel count, max pool per 0. */
    static Sequential makeLayers(int[] cfg, boolean batchNorm) {
        Sequential layers = new Sequential();
        long in = 3;
        for (int v : cfg) {
            if (v == 0) {
                layers.add(new MaxPool2d(2, 2));
                continue;
            }
            layers.add(new Conv2d(in, v, 3, 1, 1));
            if (batchNorm) layers.add(new BatchNorm2d(v));
            layers.add(new ReLU(true));
            in = v;
        }
        return layers;
    }

    /** {@code vgg11(num_classes=numClasses)}: 8 convolutions, 133M parameters at 1000 classes. */
    public static VGG vgg11(int numClasses) {
        return new VGG(makeLayers(CFG_A, false), numClasses, 0.5);
    }

    /** {@code vgg11_bn}: VGG-11 with batch norm after each convolution. */
    public static VGG vgg11Bn(int numClasses) {
        return new VGG(makeLayers(CFG_A, true), numClasses, 0.5);
    }

    /** {@code vgg13}: 10 convolutions, 133M parameters at 1000 classes. */
    public static VGG vgg13(int numClasses) {
        return new VGG(makeLayers(CFG_B, false), numClasses, 0.5);
    }

    /** {@code vgg13_bn}: VGG-13 with batch norm after each convolution. */
    public static VGG vgg13Bn(int numClasses) {
        return new VGG(makeLayers(CFG_B, true), numClasses, 0.5);
    }

    /** {@code vgg19}: 16 convolutions, 144M parameters at 1000 classes. */
    public static VGG vgg19(int numClasses) {
        return new VGG(makeLayers(CFG_E, false), numClasses, 0.5);
    }

    /** {@code vgg19_bn}: VGG-19 with batch norm after each convolution. */
    public static VGG vgg19Bn(int numClasses) {
        return new VGG(makeLayers(CFG_E, true), numClasses, 0.5);
    }

    /** {@code vgg16}: 13 convolutions, 138M parameters at 1000 classes. */
    public static VGG vgg16(int numClasses) {
        return new VGG(makeLayers(CFG_D, false), numClasses, 0.5);
    }

    /** {@code vgg16_bn}: VGG-16 with batch norm after each convolution. */
    public static VGG vgg16Bn(int numClasses) {
        return new VGG(makeLayers(CFG_D, true), numClasses, 0.5);
    }

    /** Logits [N, numClasses] for images [N, 3, H, W] (H, W at least 32). */
    @Override
    public Tensor forward(Tensor x) {
        return classifier.call(avgpool.call(features.call(x)).flatten(1, -1));
    }
}
