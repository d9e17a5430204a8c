package org.torch4j.vision.models;

import org.torch4j.Tensor;

/**
 * Swin V2's block ({@code torchvision.models.swin_transformer.SwinTransformerBlockV2}), post-norm:
 * {@code x + sd(norm1(attn(x)))}, then {@code x + sd(norm2(mlp(x)))}, with {@link ShiftedWindowAttentionV2}.
 */
public class SwinTransformerBlockV2 extends SwinTransformerBlock {
    /**
     * A V2 block.
     *
     * @param dim the channels
     * @param numHeads the attention heads
     * @param windowSize the window's height and width
     * @param shiftSize the cyclic shift (0 for W-MSA, half the window for SW-MSA)
     * @param mlpRatio the MLP's hidden width over {@code dim}
     * @param dropout the dropout of the attention's output and the MLP
     * @param attentionDropout the dropout of the attention weights
     * @param stochasticDepthProb the probability of dropping a residual branch in training
     */
    public SwinTransformerBlockV2(long dim, long numHeads, long[] windowSize, long[] shiftSize, double mlpRatio, double dropout,
                                  double attentionDropout, double stochasticDepthProb) {
        super(dim, new ShiftedWindowAttentionV2(dim, windowSize, shiftSize, numHeads, true, true, attentionDropout, dropout), mlpRatio, dropout,
                stochasticDepthProb);
    }

    /** The block over x [B, H, W, C]; the same layout out. */
    @Override
    public Tensor forward(Tensor x) {
        x = x.add(stochasticDepth.call(norm1.call(attn.call(x))));
        return x.add(stochasticDepth.call(norm2.call(mlp.call(x))));
    }
}
