package org.torch4j.vision.models;

import org.torch4j.Tensor;
import org.torch4j.nn.Dropout;
import org.torch4j.nn.LayerNorm;
import org.torch4j.nn.Module;
import org.torch4j.nn.MultiheadAttention;

/**
 * One pre-norm transformer layer of {@link VisionTransformer}
 * ({@code torchvision.models.vision_transformer.EncoderBlock}): {@code x + attn(ln_1(x))}, then
 * {@code + mlp(ln_2(.))}; layer norms with eps 1e-6, batch-first attention.
 */
public class EncoderBlock extends Module {
    /** The pre-attention and pre-MLP layer norms. */
    public final LayerNorm ln1, ln2;
    /** Batch-first self-attention. */
    public final MultiheadAttention selfAttention;
    /** The feed-forward block. */
    public final MLPBlock mlp;
    private final Dropout dropout;

    /** A layer of width {@code hiddenDim} with {@code numHeads} heads and an MLP of width {@code mlpDim}. */
    public EncoderBlock(int numHeads, long hiddenDim, long mlpDim, double dropout, double attentionDropout) {
        ln1 = registerModule("ln_1", new LayerNorm(new long[] {hiddenDim}, 1e-6, true));
        selfAttention = registerModule("self_attention",
                new MultiheadAttention(hiddenDim, numHeads, attentionDropout, true, hiddenDim, hiddenDim, true));
        this.dropout = registerModule("dropout", new Dropout(dropout));
        ln2 = registerModule("ln_2", new LayerNorm(new long[] {hiddenDim}, 1e-6, true));
        mlp = registerModule("mlp", new MLPBlock(hiddenDim, mlpDim, dropout));
    }

    /** [N, L, hidden] to [N, L, hidden]. */
    @Override
    public Tensor forward(Tensor input) {
        if (input.dim() != 3) {
            throw new IllegalArgumentException("Expected (batch_size, seq_length, hidden_dim) got " + java.util.Arrays.toString(input.shape()));
        }
        Tensor x = ln1.call(input);
        x = selfAttention.call(x, x, x, null, false, null).output();    // through call, as torchvision, so its hooks fire
        x = dropout.call(x).add(input);
        return x.add(mlp.call(ln2.call(x)));
    }
}
