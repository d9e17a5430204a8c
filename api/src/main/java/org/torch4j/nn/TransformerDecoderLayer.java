package org.torch4j.nn;

import org.torch4j.Tensor;
import org.torch4j.Torch;

/**
 * Self-attention, attention over the encoder's memory, and a feed-forward block
 * ({@code torch.nn.TransformerDecoderLayer}); post-norm by default, pre-norm with {@code normFirst}.
 * Submodules are called through their {@code call}, as PyTorch calls them, so their hooks fire.
 */
public class TransformerDecoderLayer extends Module {
    public final long dModel, dimFeedforward;
    public final int nhead;
    public final double dropoutP, layerNormEps;
    public final String activation;
    public final boolean batchFirst, normFirst;
    public final MultiheadAttention selfAttn, multiheadAttn;
    public final Linear linear1, linear2;
    public final LayerNorm norm1, norm2, norm3;
    private final Dropout dropout, dropout1, dropout2, dropout3;

    public TransformerDecoderLayer(long dModel, int nhead) {
        this(dModel, nhead, 2048, 0.1, "relu", 1e-5, false, false);
    }

    public TransformerDecoderLayer(long dModel, int nhead, long dimFeedforward, double dropout, String activation,
                                   double layerNormEps, boolean batchFirst, boolean normFirst) {
        this.dModel = dModel;
        this.nhead = nhead;
        this.dimFeedforward = dimFeedforward;
        this.dropoutP = dropout;
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

    public TransformerDecoderLayer copy() {
        return Module.deepCopy(this);
    }

    /** A decoder layer needs the memory: use {@link #forward(Tensor, Tensor, Tensor, Tensor, Tensor, Tensor)}. */
    @Override
    public Tensor forward(Tensor tgt) {
        throw new UnsupportedOperationException("TransformerDecoderLayer needs (tgt, memory)");
    }

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
