package org.torch4j.vision.models;

import org.torch4j.Tensor;
import org.torch4j.nn.GELU;
import org.torch4j.nn.Init;
import org.torch4j.nn.LayerNorm;
import org.torch4j.nn.Linear;
import org.torch4j.nn.Module;
import org.torch4j.vision.ops.MLP;
import org.torch4j.vision.ops.StochasticDepth;

/**
 * Swin's transformer block ({@code torchvision.models.swin_transformer.SwinTransformerBlock}), pre-norm:
 * {@code x + sd(attn(norm1(x)))}, then {@code x + sd(mlp(norm2(x)))} on [B, H, W, C], with row-mode stochastic depth
 * and a GELU {@link MLP} (Xavier-uniform weights, biases normal with std 1e-6).
 */
public class SwinTransformerBlock extends Module {
    /** The layer norms before (V1) or after (V2) the attention and the MLP. */
    public final LayerNorm norm1, norm2;
    /** The window attention. */
    public final ShiftedWindowAttention attn;
    /** Drops whole samples of each residual branch in training. */
    public final StochasticDepth stochasticDepth;
    /** The MLP: dim to {@code mlpRatio} dim to dim. */
    public final MLP mlp;

    /**
     * A block.
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
    public SwinTransformerBlock(long dim, long numHeads, long[] windowSize, long[] shiftSize, double mlpRatio, double dropout,
                                double attentionDropout, double stochasticDepthProb) {
        this(dim, new ShiftedWindowAttention(dim, windowSize, shiftSize, numHeads, true, true, attentionDropout, dropout), mlpRatio, dropout,
                stochasticDepthProb);
    }

    /** A block around {@code attn} (the layer norms before it draw nothing, so building it first keeps torchvision's draws). */
    SwinTransformerBlock(long dim, ShiftedWindowAttention attn, double mlpRatio, double dropout, double stochasticDepthProb) {
        norm1 = registerModule("norm1", new LayerNorm(new long[] {dim}, 1e-5, true));
        this.attn = registerModule("attn", attn);
        stochasticDepth = registerModule("stochastic_depth", new StochasticDepth(stochasticDepthProb, "row"));
        norm2 = registerModule("norm2", new LayerNorm(new long[] {dim}, 1e-5, true));
        mlp = registerModule("mlp", new MLP(dim, new long[] {(long) (dim * mlpRatio), dim}, null, inplace -> new GELU(), null, true, dropout));
        for (Module m : mlp.modules()) {
            if (m instanceof Linear l) {
                Init.xavierUniform_(l.weight, 1);
                Init.normal_(l.bias, 0, 1e-6);
            }
        }
    }

    /** The block over x [B, H, W, C]; the same layout out. */
    @Override
    public Tensor forward(Tensor x) {
        x = x.add(stochasticDepth.call(attn.call(norm1.call(x))));
        return x.add(stochasticDepth.call(mlp.call(norm2.call(x))));
    }
}
