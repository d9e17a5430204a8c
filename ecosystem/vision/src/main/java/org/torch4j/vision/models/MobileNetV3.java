package org.torch4j.vision.models;

import java.util.function.LongFunction;
import java.util.function.Supplier;
import org.torch4j.Tensor;
import org.torch4j.nn.AdaptiveAvgPool2d;
import org.torch4j.nn.BatchNorm2d;
import org.torch4j.nn.Conv2d;
import org.torch4j.nn.Dropout;
import org.torch4j.nn.Hardsigmoid;
import org.torch4j.nn.Hardswish;
import org.torch4j.nn.Init;
import org.torch4j.nn.Linear;
import org.torch4j.nn.Module;
import org.torch4j.nn.ReLU;
import org.torch4j.nn.Sequential;
import org.torch4j.vision.ops.SqueezeExcitation;

/**
 * MobileNetV3 ({@code torchvision.models.MobileNetV3}, Howard et al. 2019), small and large: a 3x3
 * hard-swish stem, inverted residual blocks with optional squeeze-excitation, a 1x1 conv to six times
 * the last block's channels, then {@code classifier} (linear, hard-swish, dropout, linear).
 * Batch norms use eps 0.001 and momentum 0.01; after construction torchvision re-initialises every
 * conv (Kaiming normal, fan-out), norm and linear layer (normal, std 0.01), in module order.
 */
public class MobileNetV3 extends Module {
    /** The convolutional body and the classifier. */
    public final Sequential features, classifier;
    /** {@code nn.AdaptiveAvgPool2d(1)} between the two. */
    public final AdaptiveAvgPool2d avgpool;

    /**
     * One block's settings: a row of the paper's tables 1 and 2 (channels already scaled).
     *
     * @param inputChannels the block's input channels
     * @param kernel the depthwise convolution's kernel size
     * @param expandedChannels the channels after the 1x1 expansion (no expansion layer when equal to the input's)
     * @param outChannels the block's output channels
     * @param useSe whether a squeeze-and-excitation follows the depthwise convolution
     * @param useHardswish hard-swish activations instead of ReLU
     * @param stride the depthwise convolution's stride (1 or 2; 1 whenever {@code dilation} exceeds 1)
     * @param dilation the depthwise convolution's dilation
     */
    public record BlockConfig(long inputChannels, long kernel, long expandedChannels, long outChannels, boolean useSe,
                              boolean useHardswish, long stride, long dilation) {}

    /**
     * A MobileNetV3 of the given blocks.
     *
     * @param setting the blocks, in order
     * @param lastChannel the width of the classifier's hidden layer
     * @param numClasses the classifier's outputs
     * @param dropout the classifier's dropout probability
     */
    public MobileNetV3(BlockConfig[] setting, long lastChannel, int numClasses, double dropout) {
        this(setting, lastChannel, numClasses, dropout, c -> new BatchNorm2d(c, 0.001, 0.01, true, true));
    }

    /**
     * A MobileNetV3 of the given blocks whose norms {@code norm} builds ({@code MobileNetV3(..., norm_layer=...)}: the detection
     * backbones pass {@code nn.BatchNorm2d}, eps 1e-5 and momentum 0.1, instead of the classifier's eps 0.001, momentum 0.01).
     *
     * @param setting the blocks, in order
     * @param lastChannel the width of the classifier's hidden layer
     * @param numClasses the classifier's outputs
     * @param dropout the classifier's dropout probability
     * @param norm builds the norm layer for a channel count
     */
    public MobileNetV3(BlockConfig[] setting, long lastChannel, int numClasses, double dropout, LongFunction<Module> norm) {
        if (setting.length == 0) throw new IllegalArgumentException("The inverted_residual_setting should not be empty");
        features = new Sequential(new Conv2dNormActivation(3, setting[0].inputChannels(), 3, 2, -1, 1, 1, false, norm, new Hardswish(true)));
        for (BlockConfig c : setting) features.add(new InvertedResidual(c, norm));
        long lastIn = setting[setting.length - 1].outChannels(), lastOut = 6 * lastIn;
        features.add(new Conv2dNormActivation(lastIn, lastOut, 1, 1, -1, 1, 1, false, norm, new Hardswish(true)));
        registerModule("features", features);
        avgpool = registerModule("avgpool", new AdaptiveAvgPool2d(1));
        classifier = registerModule("classifier", Sequential.of(new Linear(lastOut, lastChannel), new Hardswish(true), new Dropout(dropout, true),
                new Linear(lastChannel, numClasses)));
        for (Module m : modules()) {
            if (m instanceof Conv2d conv) {
                Init.kaimingNormal_(conv.weight, 0, "fan_out", "leaky_relu");
                if (conv.bias != null) Init.zeros_(conv.bias);
            } else if (m instanceof BatchNorm2d bn) {
                Init.ones_(bn.weight);
                Init.zeros_(bn.bias);
            } else if (m instanceof Linear l) {
                Init.normal_(l.weight, 0, 0.01);
                Init.zeros_(l.bias);
            }
        }
    }

    /** {@code mobilenet_v3_large(num_classes=numClasses)}: 15 blocks, classifier width 1280; 5.5M parameters at 1000 classes. */
    public static MobileNetV3 mobilenetV3Large(int numClasses) {
        return mobilenetV3Large(numClasses, 1.0, false, false);
    }

    /**
     * {@code mobilenet_v3_large} with torchvision's options.
     *
     * @param numClasses the classifier's outputs
     * @param widthMult scales every block's channels (rounded to multiples of 8)
     * @param reducedTail halves the channels of the last stage and the classifier (for detection backbones)
     * @param dilated dilates the last stage's convolutions by 2 instead of striding (for segmentation)
     * @return the model
     */
    public static MobileNetV3 mobilenetV3Large(int numClasses, double widthMult, boolean reducedTail, boolean dilated) {
        return new MobileNetV3(largeSetting(widthMult, reducedTail, dilated), Widths.makeDivisible(1280 / (reducedTail ? 2 : 1) * widthMult, 8),
                numClasses, 0.2);
    }

    /**
     * {@code mobilenet_v3_large(norm_layer=...)}: the large model whose norms {@code norm} builds (the detection models' backbone
     * with {@code nn.BatchNorm2d}).
     *
     * @param numClasses the classifier's outputs
     * @param norm builds the norm layer for a channel count
     * @return the model
     */
    public static MobileNetV3 mobilenetV3Large(int numClasses, LongFunction<Module> norm) {
        return new MobileNetV3(largeSetting(1.0, false, false), 1280, numClasses, 0.2, norm);
    }

    /**
     * {@code mobilenet_v3_large(norm_layer=..., reduced_tail=reducedTail)}: the large model whose norms {@code norm} builds, with
     * the last stage and the classifier halved when {@code reducedTail} (SSDlite's backbone).
     *
     * @param numClasses the classifier's outputs
     * @param reducedTail halves the channels of the last stage and the classifier
     * @param norm builds the norm layer for a channel count
     * @return the model
     */
    public static MobileNetV3 mobilenetV3Large(int numClasses, boolean reducedTail, LongFunction<Module> norm) {
        return new MobileNetV3(largeSetting(1.0, reducedTail, false), Widths.makeDivisible(1280 / (reducedTail ? 2 : 1), 8), numClasses, 0.2, norm);
    }

    private static BlockConfig[] largeSetting(double widthMult, boolean reducedTail, boolean dilated) {
        long r = reducedTail ? 2 : 1, d = dilated ? 2 : 1;
        double w = widthMult;
        BlockConfig[] s = {
            block(w, 16, 3, 16, 16, false, false, 1, 1), block(w, 16, 3, 64, 24, false, false, 2, 1),
            block(w, 24, 3, 72, 24, false, false, 1, 1), block(w, 24, 5, 72, 40, true, false, 2, 1),
            block(w, 40, 5, 120, 40, true, false, 1, 1), block(w, 40, 5, 120, 40, true, false, 1, 1),
            block(w, 40, 3, 240, 80, false, true, 2, 1), block(w, 80, 3, 200, 80, false, true, 1, 1),
            block(w, 80, 3, 184, 80, false, true, 1, 1), block(w, 80, 3, 184, 80, false, true, 1, 1),
            block(w, 80, 3, 480, 112, true, true, 1, 1), block(w, 112, 3, 672, 112, true, true, 1, 1),
            block(w, 112, 5, 672, 160 / r, true, true, 2, d), block(w, 160 / r, 5, 960 / r, 160 / r, true, true, 1, d),
            block(w, 160 / r, 5, 960 / r, 160 / r, true, true, 1, d)};
        return s;
    }

    /** {@code mobilenet_v3_small(num_classes=numClasses)}: 11 blocks, classifier width 1024; 2.5M parameters at 1000 classes. */
    public static MobileNetV3 mobilenetV3Small(int numClasses) {
        return mobilenetV3Small(numClasses, 1.0, false, false);
    }

    /**
     * {@code mobilenet_v3_small} with torchvision's options.
     *
     * @param numClasses the classifier's outputs
     * @param widthMult scales every block's channels (rounded to multiples of 8)
     * @param reducedTail halves the channels of the last stage and the classifier (for detection backbones)
     * @param dilated dilates the last stage's convolutions by 2 instead of striding (for segmentation)
     * @return the model
     */
    public static MobileNetV3 mobilenetV3Small(int numClasses, double widthMult, boolean reducedTail, boolean dilated) {
        long r = reducedTail ? 2 : 1, d = dilated ? 2 : 1;
        double w = widthMult;
        BlockConfig[] s = {
            block(w, 16, 3, 16, 16, true, false, 2, 1), block(w, 16, 3, 72, 24, false, false, 2, 1),
            block(w, 24, 3, 88, 24, false, false, 1, 1), block(w, 24, 5, 96, 40, true, true, 2, 1),
            block(w, 40, 5, 240, 40, true, true, 1, 1), block(w, 40, 5, 240, 40, true, true, 1, 1),
            block(w, 40, 5, 120, 48, true, true, 1, 1), block(w, 48, 5, 144, 48, true, true, 1, 1),
            block(w, 48, 5, 288, 96 / r, true, true, 2, d), block(w, 96 / r, 5, 576 / r, 96 / r, true, true, 1, d),
            block(w, 96 / r, 5, 576 / r, 96 / r, true, true, 1, d)};
        return new MobileNetV3(s, Widths.makeDivisible(1024 / r * w, 8), numClasses, 0.2);
    }

    /** A row of the paper's tables with its channels scaled by {@code w} as torchvision's {@code adjust_channels}. */
    private static BlockConfig block(double w, long in, long kernel, long expanded, long out, boolean se, boolean hardswish, long stride,
                                     long dilation) {
        return new BlockConfig(Widths.makeDivisible(in * w, 8), kernel, Widths.makeDivisible(expanded * w, 8),
                Widths.makeDivisible(out * w, 8), se, hardswish, stride, dilation);
    }

    /** Logits [N, numClasses] for images [N, 3, H, W]. */
    @Override
    public Tensor forward(Tensor x) {
        x = avgpool.call(features.call(x));
        return classifier.call(x.flatten(1, -1));
    }

    /**
     * MobileNetV3's block ({@code torchvision.models.mobilenetv3.InvertedResidual}): 1x1 expansion (when
     * the expanded width differs), depthwise conv, squeeze-excitation with a hard-sigmoid scale (when
     * configured), 1x1 linear projection; a residual when stride is 1 and channels are kept.
     */
    public static class InvertedResidual extends Module {
        /** The block's layers. */
        public final Sequential block;
        /** The block's output channels. */
        public final long outChannels;
        /**
         * Whether the block's setting strides (torchvision's {@code _is_cn}, also when dilation replaces the stride):
         * the segmentation models find their feature levels by it.
         */
        public final boolean isCn;
        private final boolean useResConnect;

        /** A block of settings {@code c} whose norms {@code norm} builds. */
        public InvertedResidual(BlockConfig c, LongFunction<Module> norm) {
            if (c.stride() < 1 || c.stride() > 2) throw new IllegalArgumentException("illegal stride value");
            useResConnect = c.stride() == 1 && c.inputChannels() == c.outChannels();
            outChannels = c.outChannels();
            isCn = c.stride() > 1;
            Supplier<Module> activation = c.useHardswish() ? () -> new Hardswish(true) : () -> new ReLU(true);
            block = new Sequential();
            if (c.expandedChannels() != c.inputChannels()) {
                block.add(new Conv2dNormActivation(c.inputChannels(), c.expandedChannels(), 1, 1, -1, 1, 1, false, norm, activation.get()));
            }
            long stride = c.dilation() > 1 ? 1 : c.stride();
            block.add(new Conv2dNormActivation(c.expandedChannels(), c.expandedChannels(), c.kernel(), stride, -1, c.expandedChannels(),
                    c.dilation(), false, norm, activation.get()));
            if (c.useSe()) {
                long squeeze = Widths.makeDivisible(c.expandedChannels() / 4, 8);
                block.add(new SqueezeExcitation(c.expandedChannels(), squeeze, ReLU::new, Hardsigmoid::new));
            }
            block.add(new Conv2dNormActivation(c.expandedChannels(), c.outChannels(), 1, 1, -1, 1, 1, false, norm, null));
            registerModule("block", block);
        }

        /** {@code block(x) + x} when shapes allow, else {@code block(x)}. */
        @Override
        public Tensor forward(Tensor x) {
            Tensor result = block.call(x);
            return useResConnect ? result.add(x) : result;
        }
    }
}
