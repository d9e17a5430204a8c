package org.torch4j.vision.models;

import java.util.function.LongFunction;
import org.torch4j.nn.Module;
import org.torch4j.nn.SiLU;

/**
 * EfficientNetV2's fused inverted bottleneck ({@code torchvision.models.efficientnet.FusedMBConv}): the
 * 1x1 expansion and depthwise conv of {@link MBConv} fused into one full {@code kernel}-sized SiLU conv
 * carrying the stride, then a 1x1 linear projection; without expansion the one conv goes straight to
 * the output channels (with SiLU). No squeeze-excitation. When stride is 1 and channels are kept, the
 * block's output goes through row-mode stochastic depth and is added to the input.
 */
public class FusedMBConv extends ResidualBlock {
    /**
     * A block from {@code inputChannels} to {@code outChannels} channels.
     *
     * @param expandRatio the expansion of the input channels
     * @param kernel the fused conv's kernel size
     * @param stride 1 or 2
     * @param inputChannels the input's channels
     * @param outChannels the output's channels
     * @param stochasticDepthProb the probability of dropping the residual branch in training
     * @param norm builds each norm layer for a number of channels
     * @throws IllegalArgumentException for another stride
     */
    public FusedMBConv(double expandRatio, long kernel, long stride, long inputChannels, long outChannels, double stochasticDepthProb,
                       LongFunction<Module> norm) {
        super(stride, inputChannels, outChannels, stochasticDepthProb);
        long expanded = Widths.makeDivisible(inputChannels * expandRatio, 8);
        if (expanded != inputChannels) {
            block.add(new Conv2dNormActivation(inputChannels, expanded, kernel, stride, -1, 1, 1, false, norm, new SiLU(true)));
            block.add(new Conv2dNormActivation(expanded, outChannels, 1, 1, -1, 1, 1, false, norm, null));
        } else {
            block.add(new Conv2dNormActivation(inputChannels, outChannels, kernel, stride, -1, 1, 1, false, norm, new SiLU(true)));
        }
    }
}
