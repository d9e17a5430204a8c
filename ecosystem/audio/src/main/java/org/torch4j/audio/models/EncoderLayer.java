package org.torch4j.audio.models;

import org.torch4j.Tensor;
import org.torch4j.nn.Dropout;
import org.torch4j.nn.LayerNorm;

/**
 * One transformer layer of the wav2vec 2.0 encoder (torchaudio's {@code EncoderLayer}): self-attention
 * and a feed-forward block, each with a residual connection. Pre-norm ({@code layerNormFirst}, the large
 * models): {@code x + attn(ln(x))}, then {@code + ff(final_ln(.))}. Post-norm (the base models):
 * {@code ln(x + attn(x))}, then {@code final_ln(. + ff(.))}.
 */
public class EncoderLayer extends MaskedModule {
    /** {@code attention}. */
    public final SelfAttention attention;
    /** {@code dropout} after the attention. */
    public final Dropout dropout;
    /** {@code layer_norm} (around the attention) and {@code final_layer_norm} (around the feed-forward). */
    public final LayerNorm layerNorm, finalLayerNorm;
    /** Whether the norms come before the blocks. */
    public final boolean layerNormFirst;
    /** {@code feed_forward}. */
    public final FeedForward feedForward;

    /** torchaudio's constructor; the norms have the attention's width. */
    public EncoderLayer(SelfAttention attention, double dropout, boolean layerNormFirst, FeedForward feedForward) {
        this.attention = registerModule("attention", attention);
        this.dropout = registerModule("dropout", new Dropout(dropout));
        this.layerNorm = registerModule("layer_norm", new LayerNorm(attention.embedDim));
        this.layerNormFirst = layerNormFirst;
        this.feedForward = registerModule("feed_forward", feedForward);
        this.finalLayerNorm = registerModule("final_layer_norm", new LayerNorm(attention.embedDim));
    }

    /**
     * [batch, length, embed] to the same shape.
     *
     * @param attentionMask additive [batch, 1, length, length] mask, or null
     */
    @Override
    public Tensor forward(Tensor x, Tensor attentionMask) {
        Tensor residual = x;
        if (layerNormFirst) x = layerNorm.call(x);
        x = residual.add(dropout.call(attention.call(x, attentionMask)));
        if (layerNormFirst) return x.add(feedForward.call(finalLayerNorm.call(x)));
        x = layerNorm.call(x);
        return finalLayerNorm.call(x.add(feedForward.call(x)));
    }
}
