package org.torch4j.vision.models.opticalflow;

import java.util.function.LongFunction;
import org.torch4j.Tensor;
import org.torch4j.nn.BatchNorm2d;
import org.torch4j.nn.Conv2d;
import org.torch4j.nn.Init;
import org.torch4j.nn.InstanceNorm2d;
import org.torch4j.nn.Module;
import org.torch4j.nn.ReLU;
import org.torch4j.nn.Sequential;
import org.torch4j.vision.models.Conv2dNormActivation;

/**
 * RAFT's feature encoder ({@code torchvision.models.optical_flow.raft.FeatureEncoder}), used both as the feature
 * and as the context encoder: a 7x7 conv-norm-ReLU stem ({@code convnormrelu}), three stages of two blocks
 * ({@code layer1} to {@code layer3}) and a 1x1 convolution ({@code conv}); with the default strides it downsamples
 * by 8. Every convolution's weight is re-drawn Kaiming normal (fan out, ReLU) and the affine norms set to 1 and 0,
 * in module order, as torchvision's.
 */
public class FeatureEncoder extends Module {
    /** Builds one residual block: {@link ResidualBlock}{@code ::new} or {@link BottleneckBlock}{@code ::new}. */
    @FunctionalInterface
    public interface Block {
        /**
         * A block from {@code inChannels} to {@code outChannels}.
         *
         * @param inChannels the input's channels
         * @param outChannels the output's channels
         * @param normLayer builds a norm for a number of channels, or null for none
         * @param stride the block's stride
         * @return the block
         */
        Module create(long inChannels, long outChannels, LongFunction<Module> normLayer, long stride);
    }

    /** The 7x7 conv, norm, ReLU stem. */
    public final Conv2dNormActivation convnormrelu;
    /** The three stages of two blocks each. */
    public final Sequential layer1, layer2, layer3;
    /** The final 1x1 convolution (with bias) to {@code layers[4]} channels. */
    public final Conv2d conv;
    /** The output's channels ({@code output_dim}). */
    public final long outputDim;
    /** How much H and W shrink: 2 to the number of stride-2 entries ({@code downsample_factor}). */
    public final long downsampleFactor;

    /**
     * {@code FeatureEncoder()}: ResidualBlocks, layers (64, 64, 96, 128, 256), strides (2, 1, 2, 2), batch norm.
     */
    public FeatureEncoder() {
        this(ResidualBlock::new, new long[] {64, 64, 96, 128, 256}, new long[] {2, 1, 2, 2}, BatchNorm2d::new);
    }

    /**
     * {@code FeatureEncoder(block=block, layers=layers, strides=strides, norm_layer=normLayer)}.
     *
     * @param block builds the stages' blocks
     * @param layers the stem's, the three stages' and the output's channels (5 values)
     * @param strides the stem's and the three stages' strides (4 values)
     * @param normLayer builds a norm for a number of channels ({@link BatchNorm2d}{@code ::new},
     *     {@link InstanceNorm2d}{@code ::new}), or null for none
     * @throws IllegalArgumentException unless there are 5 layers, with torchvision's message
     */
    public FeatureEncoder(Block block, long[] layers, long[] strides, LongFunction<Module> normLayer) {
        if (layers.length != 5) throw new IllegalArgumentException("The expected number of layers is 5, instead got " + layers.length);
        convnormrelu = registerModule("convnormrelu", new Conv2dNormActivation(3, layers[0], 7, strides[0], -1, 1, 1, true, normLayer,
                new ReLU(true)));
        layer1 = registerModule("layer1", twoBlocks(block, layers[0], layers[1], normLayer, strides[1]));
        layer2 = registerModule("layer2", twoBlocks(block, layers[1], layers[2], normLayer, strides[2]));
        layer3 = registerModule("layer3", twoBlocks(block, layers[2], layers[3], normLayer, strides[3]));
        conv = registerModule("conv", new Conv2d(layers[3], layers[4], 1));
        for (Module m : modules()) {
            if (m instanceof Conv2d c) {
                Init.kaimingNormal_(c.weight, 0, "fan_out", "relu");
            } else if (m instanceof BatchNorm2d bn && bn.weight != null) {
                Init.constant_(bn.weight, 1);
                Init.constant_(bn.bias, 0);
            } else if (m instanceof InstanceNorm2d in && in.weight != null) {
                Init.constant_(in.weight, 1);
                Init.constant_(in.bias, 0);
            }
        }
        long downsamples = 0;
        for (long s : strides) if (s == 2) downsamples++;
        outputDim = layers[4];
        downsampleFactor = 1L << downsamples;
    }

    private static Sequential twoBlocks(Block block, long in, long out, LongFunction<Module> normLayer, long firstStride) {
        return Sequential.of(block.create(in, out, normLayer, firstStride), block.create(out, out, normLayer, 1));
    }

    /** Features [N, layers[4], H / 8, W / 8] of images [N, 3, H, W] (with the default strides). */
    @Override
    public Tensor forward(Tensor x) {
        return conv.call(layer3.call(layer2.call(layer1.call(convnormrelu.call(x)))));
    }
}
