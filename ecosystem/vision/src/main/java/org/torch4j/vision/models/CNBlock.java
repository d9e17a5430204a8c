package org.torch4j.vision.models;

import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.nn.Conv2d;
import org.torch4j.nn.GELU;
import org.torch4j.nn.LayerNorm;
import org.torch4j.nn.Linear;
import org.torch4j.nn.Module;
import org.torch4j.nn.Parameter;
import org.torch4j.nn.Sequential;
import org.torch4j.vision.ops.Permute;
import org.torch4j.vision.ops.StochasticDepth;

/**
 * ConvNeXt's block ({@code torchvision.models.convnext.CNBlock}): 7x7 depthwise conv, then channels-last
 * layer norm, a 4x wide GELU MLP, back to channels-first; the result scaled per channel by the learned
 * {@code layer_scale}, passed through row-mode stochastic depth and added to the input.
 */
public class CNBlock extends Module {
    /** The depthwise conv, norm and MLP (with the two permutes at indices 1 and 6, as torchvision's). */
    public final Sequential block;
    /** The per-channel scale of the residual branch, [dim, 1, 1]. */
    public final Parameter layerScale;
    /** Drops whole samples of the residual branch in training. */
    public final StochasticDepth stochasticDepth;

    /**
     * A block over {@code dim} channels.
     *
     * @param dim the channels
     * @param layerScale the initial value of every entry of {@code layer_scale}
     * @param stochasticDepthProb the probability of dropping the residual branch in training
     */
    public CNBlock(long dim, double layerScale, double stochasticDepthProb) {
        block = registerModule("block", Sequential.of(
                new Conv2d(dim, dim, new long[] {7}, new long[] {1}, new long[] {3}, new long[] {1}, dim, true, "zeros"),
                new Permute(0, 2, 3, 1), new LayerNorm(new long[] {dim}, 1e-6, true), new Linear(dim, 4 * dim), new GELU(),
                new Linear(4 * dim, dim), new Permute(0, 3, 1, 2)));
        this.layerScale = registerParameter("layer_scale", new Parameter(Torch.full(new long[] {dim, 1, 1}, layerScale)));
        stochasticDepth = registerModule("stochastic_depth", new StochasticDepth(stochasticDepthProb, "row"));
    }

    /** {@code x + stochastic_depth(layer_scale * block(x))}. */
    @Override
    public Tensor forward(Tensor x) {
        return stochasticDepth.call(layerScale.mul(block.call(x))).add(x);
    }
}
