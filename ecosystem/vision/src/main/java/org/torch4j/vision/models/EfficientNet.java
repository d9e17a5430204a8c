package org.torch4j.vision.models;

import java.util.function.LongFunction;
import org.torch4j.Tensor;
import org.torch4j.nn.AdaptiveAvgPool2d;
import org.torch4j.nn.BatchNorm2d;
import org.torch4j.nn.Conv2d;
import org.torch4j.nn.Dropout;
import org.torch4j.nn.Init;
import org.torch4j.nn.Linear;
import org.torch4j.nn.Module;
import org.torch4j.nn.Sequential;
import org.torch4j.nn.SiLU;

/**
 * EfficientNet ({@code torchvision.models.EfficientNet}, Tan and Le 2019 and 2021): the B-series built from
 * {@link MBConv} blocks and the V2 series whose first stages are {@link FusedMBConv}s. A 3x3 SiLU stem,
 * the stages, a 1x1 conv to the last channels (four times the last stage's for the B-series, 1280 for
 * V2), then {@code classifier} (dropout, linear). Stochastic depth grows linearly with the block's index,
 * from 0 to {@code stochasticDepthProb}. After construction torchvision re-initialises every conv (Kaiming
 * normal, fan-out), norm, and linear layer (uniform in +-1/sqrt(out_features)), in module order.
 */
public class EfficientNet extends Module {
    /** expand ratio, kernel, stride, input channels, output channels, layers: B0's stages before scaling. */
    private static final int[][] B_SETTING = {{1, 3, 1, 32, 16, 1}, {6, 3, 2, 16, 24, 2}, {6, 5, 2, 24, 40, 2}, {6, 3, 2, 40, 80, 3},
        {6, 5, 1, 80, 112, 3}, {6, 5, 2, 112, 192, 4}, {6, 3, 1, 192, 320, 1}};

    /** The convolutional body and the classifier. */
    public final Sequential features, classifier;
    /** {@code nn.AdaptiveAvgPool2d(1)} between the two. */
    public final AdaptiveAvgPool2d avgpool;

    /**
     * One stage's settings (torchvision's {@code MBConvConfig} and {@code FusedMBConvConfig}, channels
     * already scaled): its first block takes {@code inputChannels} and the stride, the others keep
     * {@code outChannels} at stride 1.
     *
     * @param fused whether the blocks are {@link FusedMBConv}s rather than {@link MBConv}s
     * @param expandRatio the expansion of each block's input channels
     * @param kernel the kernel size
     * @param stride the first block's stride
     * @param inputChannels the stage's input channels
     * @param outChannels the stage's output channels
     * @param numLayers the number of blocks
     */
    public record StageConfig(boolean fused, double expandRatio, long kernel, long stride, long inputChannels, long outChannels,
                              int numLayers) {}

    /**
     * An EfficientNet B-variant with BatchNorm2d's defaults, as torchvision builds B0 to B4 (B5 to B7 use
     * another norm epsilon and momentum: the constructor below); the factories give torchvision's B0 to B7.
     *
     * @param widthMult scales every stage's channels (rounded to multiples of 8)
     * @param depthMult scales every stage's number of blocks (rounded up)
     * @param dropout the classifier's dropout probability
     * @param stochasticDepthProb the stochastic depth of the last block
     * @param numClasses the classifier's outputs
     */
    public EfficientNet(double widthMult, double depthMult, double dropout, double stochasticDepthProb, int numClasses) {
        this(widthMult, depthMult, dropout, stochasticDepthProb, 1e-5, 0.1, numClasses);
    }

    /**
     * An EfficientNet B-variant whose batch norms have epsilon {@code normEps} and momentum {@code normMomentum}
     * (torchvision's B5 to B7: {@code BatchNorm2d(eps=0.001, momentum=0.01)}); the other arguments as above.
     */
    public EfficientNet(double widthMult, double depthMult, double dropout, double stochasticDepthProb, double normEps, double normMomentum,
                        int numClasses) {
        this(bSetting(widthMult, depthMult), 0, dropout, stochasticDepthProb, normEps, normMomentum, numClasses);
    }

    /**
     * An EfficientNet of the given stages (torchvision's {@code EfficientNet(inverted_residual_setting, ...)}).
     *
     * @param setting the stages, in order
     * @param lastChannel the last conv's output channels, or 0 for four times the last stage's
     * @param dropout the classifier's dropout probability
     * @param stochasticDepthProb the stochastic depth of the last block
     * @param normEps the batch norms' epsilon
     * @param normMomentum the batch norms' momentum
     * @param numClasses the classifier's outputs
     * @throws IllegalArgumentException when {@code setting} is empty
     */
    public EfficientNet(StageConfig[] setting, long lastChannel, double dropout, double stochasticDepthProb, double normEps,
                        double normMomentum, int numClasses) {
        if (setting.length == 0) throw new IllegalArgumentException("The inverted_residual_setting should not be empty");
        LongFunction<Module> norm = c -> new BatchNorm2d(c, normEps, normMomentum, true, true);
        int totalBlocks = 0;
        for (StageConfig s : setting) totalBlocks += s.numLayers();
        features = new Sequential(new Conv2dNormActivation(3, setting[0].inputChannels(), 3, 2, -1, 1, 1, false, norm, new SiLU(true)));
        int blockId = 0;
        for (StageConfig s : setting) {
            Sequential stage = new Sequential();
            for (int i = 0; i < s.numLayers(); i++) {
                double sdProb = stochasticDepthProb * blockId / totalBlocks;
                long stride = i == 0 ? s.stride() : 1, in = i == 0 ? s.inputChannels() : s.outChannels();
                stage.add(s.fused() ? new FusedMBConv(s.expandRatio(), s.kernel(), stride, in, s.outChannels(), sdProb, norm)
                        : new MBConv(s.expandRatio(), s.kernel(), stride, in, s.outChannels(), sdProb, norm));
                blockId++;
            }
            features.add(stage);
        }
        long lastIn = setting[setting.length - 1].outChannels(), lastOut = lastChannel > 0 ? lastChannel : 4 * lastIn;
        features.add(new Conv2dNormActivation(lastIn, lastOut, 1, 1, -1, 1, 1, false, norm, new SiLU(true)));
        registerModule("features", features);
        avgpool = registerModule("avgpool", new AdaptiveAvgPool2d(1));
        classifier = registerModule("classifier", Sequential.of(new Dropout(dropout, true), new Linear(lastOut, numClasses)));
        for (Module m : modules()) {
            if (m instanceof Conv2d conv) {
                Init.kaimingNormal_(conv.weight, 0, "fan_out", "leaky_relu");
                if (conv.bias != null) Init.zeros_(conv.bias);
            } else if (m instanceof BatchNorm2d bn) {
                Init.ones_(bn.weight);
                Init.zeros_(bn.bias);
            } else if (m instanceof Linear l) {
                double range = 1.0 / Math.sqrt(l.outFeatures);
                Init.uniform_(l.weight, -range, range);
                Init.zeros_(l.bias);
            }
        }
    }

    /** B0's stages with channels scaled by {@code widthMult} (multiples of 8) and depths by {@code depthMult} (rounded up). */
    private static StageConfig[] bSetting(double widthMult, double depthMult) {
        StageConfig[] stages = new StageConfig[B_SETTING.length];
        for (int i = 0; i < stages.length; i++) {
            int[] s = B_SETTING[i];
            stages[i] = new StageConfig(false, s[0], s[1], s[2], Widths.makeDivisible(s[3] * widthMult, 8),
                    Widths.makeDivisible(s[4] * widthMult, 8), (int) Math.ceil(s[5] * depthMult));
        }
        return stages;
    }

    /** A V2 stage (expand ratio, kernel, stride, channels in and out, layers), fused or not. */
    private static StageConfig v2(boolean fused, double expandRatio, long kernel, long stride, long in, long out, int layers) {
        return new StageConfig(fused, expandRatio, kernel, stride, in, out, layers);
    }

    /** {@code efficientnet_v2_s(num_classes=numClasses)}: 3 fused and 3 MBConv stages, dropout 0.2, norm eps 0.001; 21.5M parameters. */
    public static EfficientNet efficientnetV2S(int numClasses) {
        StageConfig[] s = {v2(true, 1, 3, 1, 24, 24, 2), v2(true, 4, 3, 2, 24, 48, 4), v2(true, 4, 3, 2, 48, 64, 4),
            v2(false, 4, 3, 2, 64, 128, 6), v2(false, 6, 3, 1, 128, 160, 9), v2(false, 6, 3, 2, 160, 256, 15)};
        return new EfficientNet(s, 1280, 0.2, 0.2, 1e-3, 0.1, numClasses);
    }

    /** {@code efficientnet_v2_m}: 3 fused and 4 MBConv stages, dropout 0.3, norm eps 0.001; 54.1M parameters. */
    public static EfficientNet efficientnetV2M(int numClasses) {
        StageConfig[] s = {v2(true, 1, 3, 1, 24, 24, 3), v2(true, 4, 3, 2, 24, 48, 5), v2(true, 4, 3, 2, 48, 80, 5),
            v2(false, 4, 3, 2, 80, 160, 7), v2(false, 6, 3, 1, 160, 176, 14), v2(false, 6, 3, 2, 176, 304, 18),
            v2(false, 6, 3, 1, 304, 512, 5)};
        return new EfficientNet(s, 1280, 0.3, 0.2, 1e-3, 0.1, numClasses);
    }

    /** {@code efficientnet_v2_l}: 3 fused and 4 MBConv stages, dropout 0.4, norm eps 0.001; 118.5M parameters. */
    public static EfficientNet efficientnetV2L(int numClasses) {
        StageConfig[] s = {v2(true, 1, 3, 1, 32, 32, 4), v2(true, 4, 3, 2, 32, 64, 7), v2(true, 4, 3, 2, 64, 96, 7),
            v2(false, 4, 3, 2, 96, 192, 10), v2(false, 6, 3, 1, 192, 224, 19), v2(false, 6, 3, 2, 224, 384, 25),
            v2(false, 6, 3, 1, 384, 640, 7)};
        return new EfficientNet(s, 1280, 0.4, 0.2, 1e-3, 0.1, numClasses);
    }

    /** {@code efficientnet_b0(num_classes=numClasses)}: dropout 0.2, stochastic depth 0.2; 5.3M parameters at 1000 classes. */
    public static EfficientNet efficientnetB0(int numClasses) {
        return new EfficientNet(1.0, 1.0, 0.2, 0.2, numClasses);
    }

    /** {@code efficientnet_b1}: width 1.0, depth 1.1, dropout 0.2; 7.8M parameters. */
    public static EfficientNet efficientnetB1(int numClasses) {
        return new EfficientNet(1.0, 1.1, 0.2, 0.2, numClasses);
    }

    /** {@code efficientnet_b2}: width 1.1, depth 1.2, dropout 0.3; 9.1M parameters. */
    public static EfficientNet efficientnetB2(int numClasses) {
        return new EfficientNet(1.1, 1.2, 0.3, 0.2, numClasses);
    }

    /** {@code efficientnet_b3}: width 1.2, depth 1.4, dropout 0.3; 12.2M parameters. */
    public static EfficientNet efficientnetB3(int numClasses) {
        return new EfficientNet(1.2, 1.4, 0.3, 0.2, numClasses);
    }

    /** {@code efficientnet_b4}: width 1.4, depth 1.8, dropout 0.4; 19.3M parameters. */
    public static EfficientNet efficientnetB4(int numClasses) {
        return new EfficientNet(1.4, 1.8, 0.4, 0.2, numClasses);
    }

    /** {@code efficientnet_b5}: width 1.6, depth 2.2, dropout 0.4, batch norms with eps 0.001 and momentum 0.01; 30.4M parameters. */
    public static EfficientNet efficientnetB5(int numClasses) {
        return new EfficientNet(1.6, 2.2, 0.4, 0.2, 1e-3, 0.01, numClasses);
    }

    /** {@code efficientnet_b6}: width 1.8, depth 2.6, dropout 0.5, batch norms with eps 0.001 and momentum 0.01; 43.0M parameters. */
    public static EfficientNet efficientnetB6(int numClasses) {
        return new EfficientNet(1.8, 2.6, 0.5, 0.2, 1e-3, 0.01, numClasses);
    }

    /** {@code efficientnet_b7}: width 2.0, depth 3.1, dropout 0.5, batch norms with eps 0.001 and momentum 0.01; 66.3M parameters. */
    public static EfficientNet efficientnetB7(int numClasses) {
        return new EfficientNet(2.0, 3.1, 0.5, 0.2, 1e-3, 0.01, numClasses);
    }

    /** Logits [N, numClasses] for images [N, 3, H, W]. */
    @Override
    public Tensor forward(Tensor x) {
        x = avgpool.call(features.call(x));
        return classifier.call(x.flatten(1, -1));
    }
}
