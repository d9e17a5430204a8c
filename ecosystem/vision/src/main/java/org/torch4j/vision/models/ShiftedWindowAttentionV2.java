package org.torch4j.vision.models;

import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.nn.Linear;
import org.torch4j.nn.Parameter;
import org.torch4j.nn.ReLU;
import org.torch4j.nn.Sequential;

/**
 * Swin V2's window attention ({@code torchvision.models.swin_transformer.ShiftedWindowAttentionV2}): cosine attention
 * scaled per head by {@code exp(min(logit_scale, log 100))} ({@code logit_scale} starts at log 10), no key bias, and
 * the relative position bias {@code 16 sigmoid(cpb_mlp(relative_coords_table))} from a small MLP over log-spaced
 * coordinates instead of a table.
 */
public class ShiftedWindowAttentionV2 extends ShiftedWindowAttention {
    /** The learned log temperature of each head, [heads, 1, 1]. */
    public final Parameter logitScale;
    /** The continuous position bias MLP: Linear(2, 512), ReLU, bias-free Linear(512, heads). */
    public final Sequential cpbMlp;

    /**
     * A V2 window attention with biases in both projections and no dropout.
     *
     * @param dim the channels
     * @param windowSize the window's height and width
     * @param shiftSize the cyclic shift's height and width (0 for W-MSA)
     * @param numHeads the attention heads
     * @throws IllegalArgumentException unless both sizes have 2 elements
     */
    public ShiftedWindowAttentionV2(long dim, long[] windowSize, long[] shiftSize, long numHeads) {
        this(dim, windowSize, shiftSize, numHeads, true, true, 0.0, 0.0);
    }

    /**
     * A V2 window attention.
     *
     * @param dim the channels
     * @param windowSize the window's height and width
     * @param shiftSize the cyclic shift's height and width (0 for W-MSA)
     * @param numHeads the attention heads
     * @param qkvBias whether the qkv projection has a bias (its key third is zeroed and unused)
     * @param projBias whether the output projection has a bias
     * @param attentionDropout the dropout probability of the attention weights
     * @param dropout the dropout probability of the output
     * @throws IllegalArgumentException unless both sizes have 2 elements
     */
    public ShiftedWindowAttentionV2(long dim, long[] windowSize, long[] shiftSize, long numHeads, boolean qkvBias, boolean projBias,
                                    double attentionDropout, double dropout) {
        super(dim, windowSize, shiftSize, numHeads, qkvBias, projBias, attentionDropout, dropout, true);
        logitScale = registerParameter("logit_scale", new Parameter(Torch.ones(numHeads, 1, 1).mul(10.0).log()));
        cpbMlp = registerModule("cpb_mlp", Sequential.of(new Linear(2, 512, true), new ReLU(true), new Linear(512, numHeads, false)));
        if (qkvBias) {
            long length = qkv.bias.numel() / 3;
            try (var g = Torch.noGrad()) {
                qkv.bias.narrow(0, length, length).zero_();
            }
        }
    }

    /** {@code 16 sigmoid} of the MLP's bias for each token pair, [1, heads, N, N]. */
    @Override
    protected Tensor relativePositionBias() {
        Tensor table = cpbMlp.call(buffer("relative_coords_table")).view(-1, numHeads);
        return gatherBias(table, buffer("relative_position_index"), windowSize).sigmoid().mul(16.0);
    }

    /** The cosine attention over x [B, H, W, C]; the same layout out. */
    @Override
    public Tensor forward(Tensor x) {
        return attend(x, relativePositionBias(), logitScale);
    }
}
