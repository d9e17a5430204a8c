package org.torch4j.nn;

import org.torch4j.Tensor;
import org.torch4j.Torch;

/**
 * The encoder-decoder transformer of "Attention Is All You Need" ({@code torch.nn.Transformer}); it
 * calls its encoder and decoder through their {@code call}, as PyTorch does.
 */
public class Transformer extends Module {
    public final TransformerEncoder encoder;
    public final TransformerDecoder decoder;
    public final long dModel;
    public final int nhead;
    public final boolean batchFirst;

    public Transformer() {
        this(512, 8, 6, 6, 2048, 0.1, "relu", 1e-5, false, false);
    }

    public Transformer(long dModel, int nhead, int numEncoderLayers, int numDecoderLayers, long dimFeedforward, double dropout,
                       String activation, double layerNormEps, boolean batchFirst, boolean normFirst) {
        this.dModel = dModel;
        this.nhead = nhead;
        this.batchFirst = batchFirst;
        TransformerEncoderLayer el = new TransformerEncoderLayer(dModel, nhead, dimFeedforward, dropout, activation, layerNormEps,
                batchFirst, normFirst);
        this.encoder = registerModule("encoder", new TransformerEncoder(el, numEncoderLayers,
                new LayerNorm(new long[] {dModel}, layerNormEps, true)));
        TransformerDecoderLayer dl = new TransformerDecoderLayer(dModel, nhead, dimFeedforward, dropout, activation, layerNormEps,
                batchFirst, normFirst);
        this.decoder = registerModule("decoder", new TransformerDecoder(dl, numDecoderLayers,
                new LayerNorm(new long[] {dModel}, layerNormEps, true)));
        // PyTorch's _reset_parameters: xavier_uniform_ on every matrix
        for (Parameter p : parameters()) if (p.dim() > 1) Init.xavierUniform_(p, 1);
    }

    /** Transformer needs (src, tgt): use {@link #forward(Tensor, Tensor, Tensor, Tensor, Tensor, Tensor, Tensor, Tensor)}. */
    @Override
    public Tensor forward(Tensor src) {
        throw new UnsupportedOperationException("Transformer needs (src, tgt)");
    }

    public Tensor forward(Tensor src, Tensor tgt) {
        return forward(src, tgt, null, null, null, null, null, null);
    }

    public Tensor forward(Tensor src, Tensor tgt, Tensor srcMask, Tensor tgtMask, Tensor memoryMask, Tensor srcKeyPaddingMask,
                          Tensor tgtKeyPaddingMask, Tensor memoryKeyPaddingMask) {
        long srcBatch = batchFirst ? src.size(0) : src.size(1), tgtBatch = batchFirst ? tgt.size(0) : tgt.size(1);
        if (src.dim() == 3 && srcBatch != tgtBatch) throw new IllegalArgumentException("the batch number of src and tgt must be equal");
        if (src.size(-1) != dModel || tgt.size(-1) != dModel) {
            throw new IllegalArgumentException("the feature number of src and tgt must be equal to d_model");
        }
        Tensor memory = encoder.call(src, srcMask, srcKeyPaddingMask);
        return decoder.call(tgt, memory, tgtMask, memoryMask, tgtKeyPaddingMask, memoryKeyPaddingMask);
    }

    /** {@code transformer(src, tgt)}: {@link #forward(Tensor, Tensor)} with the hooks around it; they see (src, tgt). */
    public final Tensor call(Tensor src, Tensor tgt) {
        return callWithHooks(args -> forward((Tensor) args.get(0), (Tensor) args.get(1)), src, tgt);
    }

    /** forward with all its masks, with the hooks around it; they see the eight arguments. */
    public final Tensor call(Tensor src, Tensor tgt, Tensor srcMask, Tensor tgtMask, Tensor memoryMask, Tensor srcKeyPaddingMask,
                             Tensor tgtKeyPaddingMask, Tensor memoryKeyPaddingMask) {
        return callWithHooks(args -> forward((Tensor) args.get(0), (Tensor) args.get(1), (Tensor) args.get(2), (Tensor) args.get(3),
                (Tensor) args.get(4), (Tensor) args.get(5), (Tensor) args.get(6), (Tensor) args.get(7)), src, tgt, srcMask, tgtMask,
                memoryMask, srcKeyPaddingMask, tgtKeyPaddingMask, memoryKeyPaddingMask);
    }

    /** A float mask with -inf above the diagonal: position i may attend to positions {@code <= i}. */
    public static Tensor generateSquareSubsequentMask(long size) {
        return Torch.full(new long[] {size, size}, Double.NEGATIVE_INFINITY).triu(1);
    }
}
