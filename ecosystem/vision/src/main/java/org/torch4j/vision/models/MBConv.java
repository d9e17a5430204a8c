package org.torch4j.vision.models;

import java.util.function.LongFunction;
import org.torch4j.nn.Module;
import org.torch4j.nn.Sigmoid;
import org.torch4j.nn.SiLU;
import org.torch4j.vision.ops.SqueezeExcitation;

/**
 * EfficientNet's mobile inverted bottleneck ({@code torchvision.models.efficientnet.MBConv}): 1x1 SiLU
 * expansion (when the ratio widens the input), depthwise SiLU conv, squeeze-excitation (SiLU, sigmoid;
 * squeezed to a quarter of the block's input channels), 1x1 linear projection. When stride is 1 and
 * channels are kept, the block's output goes through row-mode stochastic depth and is added to the input.
 */
public class MBConv extends ResidualBlock {
    /**
     * A block from {@code inputChannels} to {@code outChannels} channels.
     *
     * @param expandRatio the expansion of the input channels
     * @param kernel the depthwise kernel size
     * @param stride 1 or 2
     * @param inputChannels the input's channels
     * @param outChannels the output's channels
     * @param stochasticDepthProb the probability of dropping the residual branch in training
     * @param norm builds each norm layer for a number of channels
     */
    public MBConv(double expandRatio, long kernel, long stride, long inputChannels, long outChannels, double stochasticDepthProb,
                  LongFunction<Module> norm) {
        super(stride, inputChannels, outChannels, stochasticDepthProb);
        long expanded = Widths.makeDivisible(inputChannels * expandRatio, 8);
        if (expanded != inputChannels) {
            block.add(new Conv2dNormActivation(inputChannels, expanded, 1, 1, -1, 1, 1, false, norm, new SiLU(true)));
        }
        block.add(new Conv2dNormActivation(expanded, expanded, kernel, stride, -1, expanded, 1, false, norm, new SiLU(true)));
        block.add(new SqueezeExcitation(expanded, Math.max(1, inputChannels / 4), () -> new SiLU(true), Sigmoid::new));
        block.add(new Conv2dNormActivation(expanded, outChannels, 1, 1, -1, 1, 1, false, norm, null));
    }
}
