package org.torch4j.audio.models;

import org.torch4j.Tensor;
import org.torch4j.nn.Dropout;
import org.torch4j.nn.LayerNorm;
import org.torch4j.nn.Module;
import org.torch4j.nn.MultiheadAttention;

/**
 * One Conformer layer (torchaudio's {@code ConformerLayer}, Gulati et al. 2020), a "macaron" block on
 * time-first [time, batch, dim] input: half a feed-forward step, multi-head self-attention (pre-norm,
 * with a key padding mask) and the convolution module (in either order, each with a residual), the
 * other half feed-forward step, and a final layer norm.
 */
public class ConformerLayer extends Module {
    /** {@code ffn1} and {@code ffn2}, whose outputs are added at half weight. */
    public final ConformerFeedForward ffn1, ffn2;
    /** {@code self_attn_layer_norm}, before the attention, and {@code final_layer_norm}. */
    public final LayerNorm selfAttnLayerNorm, finalLayerNorm;
    /** {@code self_attn}: PyTorch's {@code MultiheadAttention} (packed {@code in_proj_weight}), time first. */
    public final MultiheadAttention selfAttn;
    /** {@code self_attn_dropout}, on the attention output. */
    public final Dropout selfAttnDropout;
    /** {@code conv_module}, with biases, as wide as the model. */
    public final ConformerConvolution convModule;
    /** Whether the convolution module comes before the attention. */
    public final boolean convolutionFirst;

    /**
     * torchaudio's constructor.
     *
     * @param inputDim the model width
     * @param ffnDim the feed-forward modules' hidden width
     * @param numAttentionHeads attention heads; they must divide {@code inputDim}
     * @param depthwiseConvKernelSize the convolution module's (odd) kernel
     * @param dropout the probability of every dropout, the attention weights' included
     * @param useGroupNorm group norm instead of batch norm in the convolution module
     * @param convolutionFirst the convolution module before the attention
     * @throws IllegalArgumentException for heads that do not divide the width, or an even kernel
     */
    public ConformerLayer(long inputDim, long ffnDim, int numAttentionHeads, long depthwiseConvKernelSize, double dropout,
                          boolean useGroupNorm, boolean convolutionFirst) {
        ffn1 = registerModule("ffn1", new ConformerFeedForward(inputDim, ffnDim, dropout));
        selfAttnLayerNorm = registerModule("self_attn_layer_norm", new LayerNorm(inputDim));
        selfAttn = registerModule("self_attn", new MultiheadAttention(inputDim, numAttentionHeads, dropout, true, inputDim, inputDim, false));
        selfAttnDropout = registerModule("self_attn_dropout", new Dropout(dropout));
        convModule = registerModule("conv_module", new ConformerConvolution(inputDim, inputDim, depthwiseConvKernelSize, dropout, true,
                useGroupNorm));
        ffn2 = registerModule("ffn2", new ConformerFeedForward(inputDim, ffnDim, dropout));
        finalLayerNorm = registerModule("final_layer_norm", new LayerNorm(inputDim));
        this.convolutionFirst = convolutionFirst;
    }

    /** {@code layer(input, keyPaddingMask)}: {@link #forward(Tensor, Tensor)} with this module's hooks around it. */
    public final Tensor call(Tensor input, Tensor keyPaddingMask) {
        return callWithHooks(args -> forward((Tensor) args.get(0), (Tensor) args.get(1)), input, keyPaddingMask);
    }

    /** Without a padding mask. */
    @Override
    public Tensor forward(Tensor input) {
        return forward(input, null);
    }

    /**
     * [time, batch, inputDim] to the same shape.
     *
     * @param keyPaddingMask bool [batch, time], true at the padded frames the attention must ignore; or null
     */
    public Tensor forward(Tensor input, Tensor keyPaddingMask) {
        Tensor x = ffn1.call(input).mul(0.5).add(input);
        if (convolutionFirst) x = applyConvolution(x);
        Tensor normed = selfAttnLayerNorm.call(x);
        Tensor attended = selfAttn.call(normed, normed, normed, keyPaddingMask, false, null).output();
        x = selfAttnDropout.call(attended).add(x);
        if (!convolutionFirst) x = applyConvolution(x);
        x = ffn2.call(x).mul(0.5).add(x);
        return finalLayerNorm.call(x);
    }

    /** The convolution module with its residual; it takes batch-first input, the layer is time first. */
    private Tensor applyConvolution(Tensor x) {
        return x.add(convModule.call(x.transpose(0, 1)).transpose(0, 1));
    }
}
