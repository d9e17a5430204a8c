package org.torch4j.nn;

import org.torch4j.Tensor;
import org.torch4j.Torch;

/**
 * Self-attention, attention over the encoder's memory, and a feed-forward block
 * ({@code torch.nn.TransformerDecoderLayer}); post-norm by default, pre-norm with {@code normFirst}.
 * Submodules are called through their {@code call}, as PyTorch calls them, so their hooks fire.
 */
public class TransformerDecoderLayer extends Module {
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
    /** The self-attention {@code self_attn} and the attention over the memory {@code multihead_attn}. */
    public final MultiheadAttention selfAttn, multiheadAttn;
    /** The feed-forward block: E to {@code dimFeedforward}, then back to E. */
    public final Linear linear1, linear2;
    /** The norms of the self-attention, memory-attention and feed-forward blocks. */
    public final LayerNorm norm1, norm2, norm3;
    private final Dropout dropout, dropout1, dropout2, dropout3;

    /**
     * With PyTorch's defaults {@code dim_feedforward = 2048, dropout = 0.1, activation = "relu", layer_norm_eps = 1e-5,
     * batch_first = false, norm_first = false}.
     */
    public TransformerDecoderLayer(long dModel, int nhead) {
        this(dModel, nhead, 2048, 0.1, "relu", 1e-5, false, false);
    }

    /**
     * A decoder layer mapping tgt {@code (T, N, dModel)} and memory {@code (S, N, dModel)} ({@code (N, T, dModel)} and
     * {@code (N, S, dModel)} with {@code batchFirst}) to {@code (T, N, dModel)}.
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
    public TransformerDecoderLayer(long dModel, int nhead, long dimFeedforward, double dropout, String activation,
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
        this.multiheadAttn = registerModule("multihead_attn", new MultiheadAttention(dModel, nhead, dropout, true, dModel, dModel, batchFirst));
        this.linear1 = registerModule("linear1", new Linear(dModel, dimFeedforward));
        this.dropout = registerModule("dropout", new Dropout(dropout));
        this.linear2 = registerModule("linear2", new Linear(dimFeedforward, dModel));
        this.norm1 = registerModule("norm1", new LayerNorm(new long[] {dModel}, layerNormEps, true));
        this.norm2 = registerModule("norm2", new LayerNorm(new long[] {dModel}, layerNormEps, true));
        this.norm3 = registerModule("norm3", new LayerNorm(new long[] {dModel}, layerNormEps, true));
        this.dropout1 = registerModule("dropout1", new Dropout(dropout));
        this.dropout2 = registerModule("dropout2", new Dropout(dropout));
        this.dropout3 = registerModule("dropout3", new Dropout(dropout));
    }

    /** A fresh layer with the same configuration and a copy of this one's weights and mode (PyTorch's deepcopy); draws no random numbers. */
    public TransformerDecoderLayer copy() {
        return Module.deepCopy(this);
    }

    /** A decoder layer needs the memory: use {@link #forward(Tensor, Tensor, Tensor, Tensor, Tensor, Tensor)}. */
    @Override
    public Tensor forward(Tensor tgt) {
        throw new UnsupportedOperationException("TransformerDecoderLayer needs (tgt, memory)");
    }

    /**
     * Self-attention, attention over the memory, then the feed-forward block, each with dropout, a residual
     * connection and a layer norm; masks may be null.
     *
     * @param tgt {@code (T, N, E)} ({@code (N, T, E)} with {@code batchFirst}, or unbatched {@code (T, E)})
     * @param memory the encoder output {@code (S, N, E)}
     * @param tgtMask the self-attention mask {@code (T, T)}, bool (true = not attended) or float (added)
     * @param memoryMask the attention mask over the memory {@code (T, S)}
     * @param tgtKeyPaddingMask {@code (N, T)} with true at padding positions
     * @param memoryKeyPaddingMask {@code (N, S)} with true at padding positions
     * @return the output, shaped as {@code tgt}
     * @throws IllegalArgumentException if the activation is neither "relu" nor "gelu"
     */
    public Tensor forward(Tensor tgt, Tensor memory, Tensor tgtMask, Tensor memoryMask, Tensor tgtKeyPaddingMask,
                          Tensor memoryKeyPaddingMask) {
        Tensor x = tgt;
        if (normFirst) {
            x = x.add(selfBlock(norm1.call(x), tgtMask, tgtKeyPaddingMask));
            x = x.add(crossBlock(norm2.call(x), memory, memoryMask, memoryKeyPaddingMask));
            x = x.add(feedForward(norm3.call(x)));
        } else {
            x = norm1.call(x.add(selfBlock(x, tgtMask, tgtKeyPaddingMask)));
            x = norm2.call(x.add(crossBlock(x, memory, memoryMask, memoryKeyPaddingMask)));
            x = norm3.call(x.add(feedForward(x)));
        }
        return x;
    }

    /**
     * {@code layer(tgt, memory, tgt_mask, memory_mask, tgt_key_padding_mask, memory_key_padding_mask)}:
     * {@link #forward(Tensor, Tensor, Tensor, Tensor, Tensor, Tensor)} with the hooks around it; they see
     * the six arguments.
     */
    public final Tensor call(Tensor tgt, Tensor memory, Tensor tgtMask, Tensor memoryMask, Tensor tgtKeyPaddingMask,
                             Tensor memoryKeyPaddingMask) {
        return callWithHooks(args -> forward((Tensor) args.get(0), (Tensor) args.get(1), (Tensor) args.get(2), (Tensor) args.get(3),
                (Tensor) args.get(4), (Tensor) args.get(5)), tgt, memory, tgtMask, memoryMask, tgtKeyPaddingMask, memoryKeyPaddingMask);
    }

    /** As PyTorch's {@code _sa_block}: through {@code self_attn}'s call, so that its hooks fire, without weights. */
    private Tensor selfBlock(Tensor x, Tensor mask, Tensor kpm) {
        return dropout1.call(selfAttn.call(x, x, x, kpm, false, mask).output());
    }

    /** As PyTorch's {@code _mha_block}: through {@code multihead_attn}'s call. */
    private Tensor crossBlock(Tensor x, Tensor mem, Tensor mask, Tensor kpm) {
        return dropout2.call(multiheadAttn.call(x, mem, mem, kpm, false, mask).output());
    }

    private Tensor feedForward(Tensor x) {
        return dropout3.call(linear2.call(dropout.call(TransformerEncoderLayer.activate(linear1.call(x), activation))));
    }
}
