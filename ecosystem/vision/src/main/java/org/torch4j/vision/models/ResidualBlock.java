package org.torch4j.vision.models;

import org.torch4j.Tensor;
import org.torch4j.nn.Module;
import org.torch4j.nn.Sequential;
import org.torch4j.vision.ops.StochasticDepth;

/**
 * What EfficientNet's {@link MBConv} and {@link FusedMBConv} share: a {@code block} of layers the subclass fills,
 * and, when stride is 1 and the channels are kept, row-mode stochastic depth on its output plus the input.
 */
abstract class ResidualBlock extends Module {
    /** The block's layers. */
    public final Sequential block;
    /** Drops whole samples of the residual branch in training. */
    public final StochasticDepth stochasticDepth;
    private final boolean useResConnect;

    /** Registers {@code block} (empty, for the subclass to fill) and {@code stochastic_depth}, in torchvision's order. */
    ResidualBlock(long stride, long inputChannels, long outChannels, double stochasticDepthProb) {
        if (stride < 1 || stride > 2) throw new IllegalArgumentException("illegal stride value");
        useResConnect = stride == 1 && inputChannels == outChannels;
        block = registerModule("block", new Sequential());
        stochasticDepth = registerModule("stochastic_depth", new StochasticDepth(stochasticDepthProb, "row"));
    }

    /** {@code stochastic_depth(block(x)) + x} when shapes allow, else {@code block(x)}. */
    @Override
    public Tensor forward(Tensor x) {
        Tensor result = block.call(x);
        return useResConnect ? stochasticDepth.call(result).add(x) : result;
    }
}
