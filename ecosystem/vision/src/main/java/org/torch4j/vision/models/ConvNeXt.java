package org.torch4j.vision.models;

import java.util.function.LongFunction;
import org.torch4j.Tensor;
import org.torch4j.nn.AdaptiveAvgPool2d;
import org.torch4j.nn.Conv2d;
import org.torch4j.nn.Flatten;
import org.torch4j.nn.Init;
import org.torch4j.nn.Linear;
import org.torch4j.nn.Module;
import org.torch4j.nn.Sequential;

/**
 * ConvNeXt ({@code torchvision.models.ConvNeXt}, Liu et al. 2022): a 4x4 stride-4 patchify stem with
 * {@link LayerNorm2d}, stages of {@link CNBlock}s separated by downsampling layers (LayerNorm2d, 2x2
 * stride-2 conv), global average pooling and {@code classifier} (LayerNorm2d, flatten, linear).
 * Stochastic depth grows linearly from 0 at the first block to {@code stochasticDepthProb} at the last.
 * After construction torchvision re-draws every conv and linear weight from a normal truncated to
 * [-2, 2] with std 0.02 and zeroes their biases, in module order.
 */
public class ConvNeXt extends Module {
    /** The stem, stages and downsampling layers; and the classifier. */
    public final Sequential features, classifier;
    /** {@code nn.AdaptiveAvgPool2d(1)} between the two. */
    public final AdaptiveAvgPool2d avgpool;

    /**
     * A ConvNeXt of the given stages.
     *
     * @param channels each stage's channels
     * @param depths each stage's number of blocks
     * @param stochasticDepthProb the stochastic depth of the last block
     * @param layerScale the initial layer scale of every block
     * @param numClasses the classifier's outputs
     */
    public ConvNeXt(long[] channels, int[] depths, double stochasticDepthProb, double layerScale, int numClasses) {
        if (channels.length == 0 || channels.length != depths.length) {
            throw new IllegalArgumentException("The block_setting should not be empty");
        }
        LongFunction<Module> norm = c -> new LayerNorm2d(c, 1e-6);
        features = new Sequential(new Conv2dNormActivation(3, channels[0], 4, 4, 0, 1, 1, true, norm, null));
        int total = 0;
        for (int d : depths) total += d;
        int blockId = 0;
        for (int s = 0; s < channels.length; s++) {
            Sequential stage = new Sequential();
            for (int i = 0; i < depths[s]; i++) {
                stage.add(new CNBlock(channels[s], layerScale, stochasticDepthProb * blockId / (total - 1.0)));
                blockId++;
            }
            features.add(stage);
            if (s + 1 < channels.length) {
                features.add(Sequential.of(norm.apply(channels[s]), new Conv2d(channels[s], channels[s + 1], 2, 2, 0)));
            }
        }
        registerModule("features", features);
        avgpool = registerModule("avgpool", new AdaptiveAvgPool2d(1));
        long last = channels[channels.length - 1];
        classifier = registerModule("classifier", Sequential.of(norm.apply(last), new Flatten(1, -1), new Linear(last, numClasses)));
        for (Module m : modules()) {
            if (m instanceof Conv2d conv) truncNormalWithZeroBias(conv.weight, conv.bias);
            else if (m instanceof Linear l) truncNormalWithZeroBias(l.weight, l.bias);
        }
    }

    /** {@code convnext_tiny(num_classes=numClasses)}: depths 3, 3, 9, 3, widths 96 to 768, stochastic depth 0.1; 28.6M parameters. */
    public static ConvNeXt convnextTiny(int numClasses) {
        return new ConvNeXt(new long[] {96, 192, 384, 768}, new int[] {3, 3, 9, 3}, 0.1, 1e-6, numClasses);
    }

    /** {@code convnext_small}: depths 3, 3, 27, 3, widths 96 to 768, stochastic depth 0.4; 50.2M parameters. */
    public static ConvNeXt convnextSmall(int numClasses) {
        return new ConvNeXt(new long[] {96, 192, 384, 768}, new int[] {3, 3, 27, 3}, 0.4, 1e-6, numClasses);
    }

    /** {@code convnext_base}: depths 3, 3, 27, 3, widths 128 to 1024, stochastic depth 0.5; 88.6M parameters. */
    public static ConvNeXt convnextBase(int numClasses) {
        return new ConvNeXt(new long[] {128, 256, 512, 1024}, new int[] {3, 3, 27, 3}, 0.5, 1e-6, numClasses);
    }

    /** Logits [N, numClasses] for images [N, 3, H, W]. */
    @Override
    public Tensor forward(Tensor x) {
        return classifier.call(avgpool.call(features.call(x)));
    }

    private static void truncNormalWithZeroBias(Tensor weight, Tensor bias) {
        Init.truncNormal_(weight, 0, 0.02, -2, 2);
        if (bias != null) Init.zeros_(bias);
    }
}
