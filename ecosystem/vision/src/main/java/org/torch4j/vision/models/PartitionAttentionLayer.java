package org.torch4j.vision.models;

import org.torch4j.Tensor;
import org.torch4j.nn.Dropout;
import org.torch4j.nn.GELU;
import org.torch4j.nn.Identity;
import org.torch4j.nn.LayerNorm;
import org.torch4j.nn.Linear;
import org.torch4j.nn.Module;
import org.torch4j.nn.Sequential;
import org.torch4j.vision.ops.StochasticDepth;

/**
 * MaxViT's block attention or grid attention ({@code torchvision.models.maxvit.PartitionAttentionLayer}): [B, C, H, W]
 * cut into non-overlapping P x P windows ("window") or into a P x P grid of strided cells ("grid", the window and cell
 * axes swapped), pre-norm {@link RelativePositionalMultiHeadAttention} and a GELU MLP within each, both residual with
 * row-mode stochastic depth, then put back together.
 */
final class PartitionAttentionLayer extends Module {
    private final long p;
    private final long[] gridSize;
    private final Module partitionSwap, departitionSwap;
    private final Sequential attnLayer, mlpLayer;
    private final StochasticDepth stochasticDropout;

    PartitionAttentionLayer(long inChannels, long headDim, long partitionSize, String partitionType, long[] gridSize, long mlpRatio,
                            double attentionDropout, double mlpDropout, double stochasticDepthProb) {
        long nPartitions = gridSize[0] / partitionSize;
        if (!partitionType.equals("grid") && !partitionType.equals("window")) {
            throw new IllegalArgumentException("partition_type must be either 'grid' or 'window'");
        }
        boolean grid = partitionType.equals("grid");
        p = grid ? nPartitions : partitionSize;
        this.gridSize = gridSize.clone();
        registerModule("partition_op", new WindowPartition());
        registerModule("departition_op", new WindowDepartition());
        partitionSwap = registerModule("partition_swap", grid ? new SwapAxes(-2, -3) : new Identity());
        departitionSwap = registerModule("departition_swap", grid ? new SwapAxes(-2, -3) : new Identity());
        attnLayer = registerModule("attn_layer", Sequential.of(new LayerNorm(new long[] {inChannels}, 1e-5, true),
                new RelativePositionalMultiHeadAttention(inChannels, headDim, partitionSize * partitionSize), new Dropout(attentionDropout)));
        mlpLayer = registerModule("mlp_layer", Sequential.of(new LayerNorm(new long[] {inChannels}, 1e-5, true),
                new Linear(inChannels, inChannels * mlpRatio), new GELU(), new Linear(inChannels * mlpRatio, inChannels), new Dropout(mlpDropout)));
        stochasticDropout = registerModule("stochastic_dropout", new StochasticDepth(stochasticDepthProb, "row"));
    }

    @Override
    public Tensor forward(Tensor x) {
        long gh = gridSize[0] / p, gw = gridSize[1] / p;
        if (gridSize[0] % p != 0 || gridSize[1] % p != 0) {
            throw new IllegalArgumentException("Grid size must be divisible by partition size. Got grid size of (" + gridSize[0] + ", "
                    + gridSize[1] + ") and partition size of " + p);
        }
        x = partitionSwap.call(WindowPartition.partition(x, p));
        x = x.add(stochasticDropout.call(attnLayer.call(x)));
        x = x.add(stochasticDropout.call(mlpLayer.call(x)));
        return WindowDepartition.departition(departitionSwap.call(x), p, gh, gw);
    }

    /** {@code torchvision.models.maxvit.WindowPartition}: [B, C, H, W] to [B, (H/P)(W/P), P P, C]. */
    static final class WindowPartition extends Module {
        static Tensor partition(Tensor x, long p) {
            long b = x.size(0), c = x.size(1), h = x.size(2), w = x.size(3);
            return x.reshape(b, c, h / p, p, w / p, p).permute(0, 2, 4, 3, 5, 1).reshape(b, (h / p) * (w / p), p * p, c);
        }
    }

    /** {@code torchvision.models.maxvit.WindowDepartition}: [B, HP WP, P P, C] back to [B, C, HP P, WP P]. */
    static final class WindowDepartition extends Module {
        static Tensor departition(Tensor x, long p, long hp, long wp) {
            long b = x.size(0), c = x.size(3);
            return x.reshape(b, hp, wp, p, p, c).permute(0, 5, 1, 3, 2, 4).reshape(b, c, hp * p, wp * p);
        }
    }

    /** {@code torchvision.models.maxvit.SwapAxes}: {@code torch.swapaxes(x, a, b)}. */
    static final class SwapAxes extends Module {
        private final int a, b;

        SwapAxes(int a, int b) {
            this.a = a;
            this.b = b;
        }

        @Override
        public Tensor forward(Tensor x) {
            return x.transpose(a, b);
        }
    }
}
