package org.torch4j.nn;

import org.torch4j.Tensor;
import org.torch4j.Torch;

/**
 * Self-attention and a feed-forward block with residual connections and layer norms
 * ({@code torch.nn.TransformerEncoderLayer}); post-norm by default, pre-norm with {@code normFirst}.
 *
 * <p>Submodules are called as PyTorch 1.13's slow path calls them: {@code self_attn} (with
 * {@code needWeights} false), the dropouts, the norms and the linears through their {@code call}, so
 * their hooks fire. PyTorch's fast path (eval mode, no gradient needed, batch_first, ...), a fused
 * kernel that calls no submodule and so fires none of their hooks, does not exist here: the hooks of
 * the submodules always fire.
 */
public class TransformerEncoderLayer extends Module {
    /** The model size E and the feed-forward block's hidden size. */
    public final long dModel, dimFeedforward;
    /** The number of attention heads. */
    public final int nhead;
    /** The dropout probability and the layer norms' eps. */
    public final double dropoutP, layerNormEps;
    /** The feed-forward activation: "relu" or "gelu". */
    public final String activation;
    /** Whether batched tensors put the batch first; whether each block normalises its input (pre-norm) instead of its output. */
    public final boolean batchFirst, normFirst;
    /** The self-attention {@code self_attn}. */
    public final MultiheadAttention selfAttn;
    /** The feed-forward block: E to {@code dimFeedforward}, then back to E. */
    public final Linear linear1, linear2;
    /** The norms of the attention block and of the feed-forward block. */
    public final LayerNorm norm1, norm2;
    private final Dropout dropout, dropout1, dropout2;

    /**
     * With PyTorch's defaults {@code dim_feedforward = 2048, dropout = 0.1, activation = "relu", layer_norm_eps = 1e-5,
     * batch_first = false, norm_first = false}: maps {@code (S, N, dModel)} (or unbatched {@code (S, dModel)}) to the
     * same shape.
     */
    public TransformerEncoderLayer(long dModel, int nhead) {
        this(dModel, nhead, 2048, 0.1, "relu", 1e-5, false, false);
    }

    /**
     * An encoder layer mapping {@code (S, N, dModel)} ({@code (N, S, dModel)} with {@code batchFirst}, or unbatched
     * {@code (S, dModel)}) to the same shape.
     *
     * @param dModel the model size E
     * @param nhead the number of attention heads, which must divide E
     * @param dimFeedforward the feed-forward hidden size (default 2048)
     * @param dropout the dropout probability (default 0.1)
     * @param activation "relu" (default) or "gelu"; another name is refused here, as PyTorch refuses it
     * @param layerNormEps the layer norms' eps (default 1e-5)
     * @param batchFirst whether batched tensors put the batch first (default false)
     * @param normFirst whether each block normalises its input instead of its output (default false)
     * @throws IllegalArgumentException if {@code nhead} does not divide {@code dModel}
     */
    public TransformerEncoderLayer(long dModel, int nhead, long dimFeedforward, double dropout, String activation,
                                   double layerNormEps, boolean batchFirst, boolean normFirst) {
        this.dModel = dModel;
        this.nhead = nhead;
        this.dimFeedforward = dimFeedforward;
        this.dropoutP = dropout;
        if (!activation.equals("relu") && !activation.equals("gelu")) {
            throw new IllegalArgumentException("activation should be relu/gelu, not " + activation);
        }
        this.activation = activation;
        this.layerNormEps = layerNormEps;
        this.batchFirst = batchFirst;
        this.normFirst = normFirst;
        this.selfAttn = registerModule("self_attn", new MultiheadAttention(dModel, nhead, dropout, true, dModel, dModel, batchFirst));
        this.linear1 = registerModule("linear1", new Linear(dModel, dimFeedforward));
        this.dropout = registerModule("dropout", new Dropout(dropout));
        this.linear2 = registerModule("linear2", new Linear(dimFeedforward, dModel));
        this.norm1 = registerModule("norm1", new LayerNorm(new long[] {dModel}, layerNormEps, true));
        this.norm2 = registerModule("norm2", new LayerNorm(new long[] {dModel}, layerNormEps, true));
        this.dropout1 = registerModule("dropout1", new Dropout(dropout));
        this.dropout2 = registerModule("dropout2", new Dropout(dropout));
    }

    /** A fresh layer with the same configuration and a copy of this one's weights (PyTorch's deepcopy). */
    public TransformerEncoderLayer copy() {
        return Module.deepCopy(this);
    }

    @Override
    public Tensor forward(Tensor src) {
        return forward(src, null, null);
    }

    /**
     * Self-attention then the feed-forward block, each with dropout, a residual connection and a layer norm.
     *
     * @param src {@code (S, N, E)} ({@code (N, S, E)} with {@code batchFirst}, or unbatched {@code (S, E)})
     * @param srcMask the self-attention mask {@code (S, S)} or {@code (N * nhead, S, S)}, bool (true = not attended)
     *        or float (added), or null
     * @param srcKeyPaddingMask {@code (N, S)} with true at padding positions, or null
     * @return the output, shaped as {@code src}
     * @throws IllegalArgumentException if the activation is neither "relu" nor "gelu"
     */
    public Tensor forward(Tensor src, Tensor srcMask, Tensor srcKeyPaddingMask) {
        Tensor x = src;
        if (normFirst) {
            x = x.add(selfAttention(norm1.call(x), srcMask, srcKeyPaddingMask));
            x = x.add(feedForward(norm2.call(x)));
        } else {
            x = norm1.call(x.add(selfAttention(x, srcMask, srcKeyPaddingMask)));
            x = norm2.call(x.add(feedForward(x)));
        }
        return x;
    }

    /**
     * {@code layer(src, src_mask, src_key_padding_mask)}: {@link #forward(Tensor, Tensor, Tensor)} with the
     * hooks around it; they see the three arguments.
     */
    public final Tensor call(Tensor src, Tensor srcMask, Tensor srcKeyPaddingMask) {
        return callWithHooks(args -> forward((Tensor) args.get(0), (Tensor) args.get(1), (Tensor) args.get(2)), src, srcMask,
                srcKeyPaddingMask);
    }

    /** As PyTorch's {@code _sa_block}: through {@code self_attn}'s call, so that its hooks fire, without weights. */
    private Tensor selfAttention(Tensor x, Tensor mask, Tensor keyPaddingMask) {
        return dropout1.call(selfAttn.call(x, x, x, keyPaddingMask, false, mask).output());
    }

    private Tensor feedForward(Tensor x) {
        return dropout2.call(linear2.call(dropout.call(activate(linear1.call(x), activation))));
    }

    static Tensor activate(Tensor x, String activation) {
        return switch (activation) {
            case "relu" -> x.relu();
            case "gelu" -> x.gelu();
            default -> throw new IllegalArgumentException("activation should be relu/gelu, not " + activation);
        };
    }
}
