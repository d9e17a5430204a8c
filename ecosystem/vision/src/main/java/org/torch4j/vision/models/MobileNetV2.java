package org.torch4j.vision.models;

import org.torch4j.Tensor;
import org.torch4j.nn.BatchNorm2d;
import org.torch4j.nn.Conv2d;
import org.torch4j.nn.Dropout;
import org.torch4j.nn.F;
import org.torch4j.nn.Init;
import org.torch4j.nn.Linear;
import org.torch4j.nn.Module;
import org.torch4j.nn.ReLU6;
import org.torch4j.nn.Sequential;

/**
 * MobileNetV2 ({@code torchvision.models.MobileNetV2}, Sandler et al. 2018) at width 1.0: 17
 * inverted residual blocks between a 3x3 stem and a 1x1 conv to 1280 channels, then dropout and a
 * linear classifier; torchvision's state-dict keys ({@code features.0.0.weight}, ...,
 * {@code classifier.1.weight}) and initialisation.
 */
public class MobileNetV2 extends Module {
    /** t (expansion), c (channels), n (repeats), s (stride of the first), per stage. */
    private static final int[][] SETTING = {{1, 16, 1, 1}, {6, 24, 2, 2}, {6, 32, 3, 2}, {6, 64, 4, 2}, {6, 96, 3, 1}, {6, 160, 3, 2},
        {6, 320, 1, 1}};
    private static final int LAST_CHANNEL = 1280;

    /** The convolutional body and the dropout + linear classifier. */
    public final Sequential features, classifier;

    /** {@code mobilenet_v2(num_classes=numClasses)} with dropout 0.2. */
    public MobileNetV2(int numClasses) {
        this(numClasses, 0.2);
    }

    /** A MobileNetV2 with a {@code numClasses}-way classifier behind dropout {@code dropout}. */
    public MobileNetV2(int numClasses, double dropout) {
        long input = 32;
        features = new Sequential(new Conv2dNormActivation(3, input, 3, 2, 1, new ReLU6(true)));
        for (int[] s : SETTING) {
            for (int i = 0; i < s[2]; i++) {
                features.add(new InvertedResidual(input, s[1], i == 0 ? s[3] : 1, s[0]));
                input = s[1];
            }
        }
        features.add(new Conv2dNormActivation(input, LAST_CHANNEL, 1, 1, 1, new ReLU6(true)));
        registerModule("features", features);
        classifier = registerModule("classifier", Sequential.of(new Dropout(dropout), new Linear(LAST_CHANNEL, numClasses)));
        for (Module m : modules()) {
            if (m instanceof Conv2d c) {
                Init.kaimingNormal_(c.weight, 0, "fan_out", "leaky_relu");
                if (c.bias != null) Init.zeros_(c.bias);
            } else if (m instanceof BatchNorm2d bn) {
                Init.ones_(bn.weight);
                Init.zeros_(bn.bias);
            } else if (m instanceof Linear l) {
                Init.normal_(l.weight, 0, 0.01);
                Init.zeros_(l.bias);
            }
        }
    }

    /** Logits [N, numClasses] for images [N, 3, H, W]. */
    @Override
    public Tensor forward(Tensor x) {
        x = F.adaptiveAvgPool2d(features.call(x), 1, 1);
        return classifier.call(x.flatten(1, -1));
    }
}
