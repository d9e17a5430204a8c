package org.torch4j.vision.models;

import java.util.function.LongFunction;
import org.torch4j.Tensor;
import org.torch4j.nn.Module;

/**
 * One MaxViT layer ({@code torchvision.models.maxvit.MaxVitLayer}): {@code layers.MBconv}, then window attention and grid
 * attention ({@link PartitionAttentionLayer}) over the layer's output grid.
 */
final class MaxVitLayer extends Module {
    private final NamedSequential layers;

    MaxVitLayer(long inChannels, long outChannels, double squeezeRatio, double expansionRatio, long stride, LongFunction<Module> normLayer,
                long headDim, long mlpRatio, double mlpDropout, double attentionDropout, double stochasticDepthProb, long partitionSize,
                long[] gridSize) {
        layers = registerModule("layers", new NamedSequential()
                .add("MBconv", new MaxVitMBConv(inChannels, outChannels, expansionRatio, squeezeRatio, stride, normLayer, stochasticDepthProb))
                .add("window_attention", new PartitionAttentionLayer(outChannels, headDim, partitionSize, "window", gridSize, mlpRatio,
                        attentionDropout, mlpDropout, stochasticDepthProb))
                .add("grid_attention", new PartitionAttentionLayer(outChannels, headDim, partitionSize, "grid", gridSize, mlpRatio,
                        attentionDropout, mlpDropout, stochasticDepthProb)));
    }

    @Override
    public Tensor forward(Tensor x) {
        return layers.call(x);
    }
}
