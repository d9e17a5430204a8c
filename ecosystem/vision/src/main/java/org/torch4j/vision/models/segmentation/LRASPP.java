package org.torch4j.vision.models.segmentation;

import java.util.Map;
import org.torch4j.Tensor;
import org.torch4j.nn.AdaptiveAvgPool2d;
import org.torch4j.nn.BatchNorm2d;
import org.torch4j.nn.Conv2d;
import org.torch4j.nn.Module;
import org.torch4j.nn.ReLU;
import org.torch4j.nn.Sequential;
import org.torch4j.nn.Sigmoid;
import org.torch4j.vision.models.IntermediateLayerGetter;

/**
 * Lite R-ASPP ({@code torchvision.models.segmentation.LRASPP}, Howard et al. 2019): a backbone returning
 * {@code "low"} and {@code "high"} features and a {@link Head} combining them, upsampled to the input's size.
 * It has no auxiliary head.
 */
public class LRASPP extends Module {
    /** The backbone, returning {@code "low"} and {@code "high"} features. */
    public final IntermediateLayerGetter backbone;
    /** The head. */
    public final Head classifier;

    /**
     * A model of a backbone and a head with {@code interChannels} inside.
     *
     * @param backbone returns {@code "low"} and {@code "high"} features
     * @param lowChannels the low features' channels
     * @param highChannels the high features' channels
     * @param numClasses the classes
     * @param interChannels the head's inner channels (torchvision: 128)
     */
    public LRASPP(IntermediateLayerGetter backbone, long lowChannels, long highChannels, int numClasses, long interChannels) {
        this.backbone = registerModule("backbone", backbone);
        classifier = registerModule("classifier", new Head(lowChannels, highChannels, numClasses, interChannels));
    }

    /** {@code lraspp_mobilenet_v3_large(num_classes=numClasses)}: MobileNetV3-Large's features, last stage dilated; 3.2M parameters at 21 classes. */
    public static LRASPP lrasppMobilenetV3Large(int numClasses) {
        Backbones.Levels levels = Backbones.mobilenetV3Large("high", "low");
        return new LRASPP(levels.backbone(), levels.lowChannels(), levels.highChannels(), numClasses, 128);
    }

    /** Logits [N, numClasses, H, W] for images [N, 3, H, W]. */
    @Override
    public Tensor forward(Tensor x) {
        return forwardDict(x).out();
    }

    /** The logits as torchvision's {@code {"out": ...}} (no {@code "aux"}). */
    public SegmentationOutput forwardDict(Tensor x) {
        Map<String, Tensor> features = backbone.forwardLayers(x);
        Tensor out = classifier.forward(features.get("low"), features.get("high"));
        return new SegmentationOutput(SimpleSegmentationModel.upsample(out, new long[] {x.size(-2), x.size(-1)}), null);
    }

    /**
     * The Lite R-ASPP head ({@code LRASPPHead}): the high features through {@code cbr} (1x1 conv, batch norm,
     * ReLU), gated by {@code scale} (global pooling, 1x1 conv, sigmoid), upsampled to the low features' size and
     * classified by {@code high_classifier}, plus {@code low_classifier} of the low features.
     */
    public static class Head extends Module {
        private final Sequential cbr, scale;
        private final Conv2d lowClassifier, highClassifier;

        /** A head over features of {@code lowChannels} and {@code highChannels} with {@code interChannels} inside. */
        public Head(long lowChannels, long highChannels, int numClasses, long interChannels) {
            cbr = registerModule("cbr", Sequential.of(conv1x1(highChannels, interChannels), new BatchNorm2d(interChannels), new ReLU(true)));
            scale = registerModule("scale", Sequential.of(new AdaptiveAvgPool2d(1), conv1x1(highChannels, interChannels), new Sigmoid()));
            lowClassifier = registerModule("low_classifier", new Conv2d(lowChannels, numClasses, 1));
            highClassifier = registerModule("high_classifier", new Conv2d(interChannels, numClasses, 1));
        }

        private static Conv2d conv1x1(long in, long out) {
            return new Conv2d(in, out, new long[] {1}, new long[] {1}, new long[] {0}, new long[] {1}, 1, false, "zeros");
        }

        /** Logits [N, numClasses, h, w] at the low features' size. */
        public Tensor forward(Tensor low, Tensor high) {
            Tensor x = cbr.call(high).mul(scale.call(high));
            x = SimpleSegmentationModel.upsample(x, new long[] {low.size(-2), low.size(-1)});
            return lowClassifier.call(low).add(highClassifier.call(x));
        }

        /** Prints as torchvision's class, {@code LRASPPHead}. */
        @Override
        protected String typeName() {
            return "LRASPPHead";
        }
    }
}
