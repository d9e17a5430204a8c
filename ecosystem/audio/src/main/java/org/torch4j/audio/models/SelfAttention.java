package org.torch4j.audio.models;

import java.util.Arrays;
import org.torch4j.Tensor;
import org.torch4j.nn.Dropout;
import org.torch4j.nn.F;
import org.torch4j.nn.Linear;

/**
 * Multi-head self-attention of the wav2vec 2.0 encoder (torchaudio's {@code SelfAttention}): separate
 * {@code k_proj}, {@code v_proj}, {@code q_proj} and {@code out_proj} linears (the keys fairseq
 * checkpoints use, unlike {@code nn.MultiheadAttention}'s packed {@code in_proj_weight}), an additive
 * attention mask, and dropout on the attention weights.
 */
public class SelfAttention extends MaskedModule {
    /** Model width, number of heads and width per head. */
    public final long embedDim, numHeads, headDim;
    /** {@code 1/sqrt(headDim)}, applied to the queries. */
    public final double scaling;
    /** The projections. */
    public final Linear kProj, vProj, qProj, outProj;
    /** {@code dropout} on the attention weights. */
    public final Dropout dropout;

    /**
     * Attention of width {@code embedDim} split into {@code numHeads} heads, dropping attention weights with
     * probability {@code dropout} in training.
     *
     * @throws IllegalArgumentException when {@code numHeads} does not divide {@code embedDim}
     */
    public SelfAttention(long embedDim, long numHeads, double dropout) {
        long headDim = embedDim / numHeads;
        if (headDim * numHeads != embedDim) {
            throw new IllegalArgumentException("`embed_dim (" + embedDim + ")` is not divisible by `num_heads (" + numHeads + ")`");
        }
        this.embedDim = embedDim;
        this.numHeads = numHeads;
        this.headDim = headDim;
        this.scaling = Math.pow(headDim, -0.5);
        this.dropout = registerModule("dropout", new Dropout(dropout));
        kProj = registerModule("k_proj", new Linear(embedDim, embedDim));
        vProj = registerModule("v_proj", new Linear(embedDim, embedDim));
        qProj = registerModule("q_proj", new Linear(embedDim, embedDim));
        outProj = registerModule("out_proj", new Linear(embedDim, embedDim));
    }

    /**
     * [batch, length, embed] to the same shape.
     *
     * @param attentionMask [batch, 1, length, length], added to the attention logits; or null
     * @throws IllegalArgumentException for another input or mask shape
     */
    @Override
    public Tensor forward(Tensor x, Tensor attentionMask) {
        if (x.dim() != 3 || x.size(2) != embedDim) {
            throw new IllegalArgumentException("The expected input shape is (batch, sequence, embed_dim==" + embedDim + "). Found "
                    + size(x.shape()) + ".");
        }
        long batch = x.size(0), length = x.size(1);
        if (attentionMask != null) {
            long[] expected = {batch, 1, length, length};
            if (!Arrays.equals(attentionMask.shape(), expected)) {
                throw new IllegalArgumentException("The expected attention mask shape is (" + batch + ", 1, " + length + ", " + length
                        + "). Found " + size(attentionMask.shape()) + ".");
            }
        }
        Tensor q = qProj.call(x).view(batch, length, numHeads, headDim).transpose(2, 1);
        Tensor k = kProj.call(x).view(batch, length, numHeads, headDim).permute(0, 2, 3, 1);
        Tensor v = vProj.call(x).view(batch, length, numHeads, headDim).transpose(2, 1);
        Tensor weights = q.mul(scaling).matmul(k);
        if (attentionMask != null) weights = weights.add(attentionMask);
        // torchaudio subtracts the row maximum itself (softmax would anyway); kept so that rounding follows it
        weights = weights.sub(weights.max(-1, true).values());
        weights = dropout.call(F.softmax(weights, -1));
        Tensor output = weights.matmul(v).transpose(2, 1).reshape(batch, length, embedDim);
        return outProj.call(output);
    }

    private static String size(long[] shape) {
        return "torch.Size(" + Arrays.toString(shape) + ")";
    }
}
