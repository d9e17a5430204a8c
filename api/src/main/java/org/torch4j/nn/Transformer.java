package org.torch4j.nn;

import org.torch4j.Tensor;
import org.torch4j.Torch;

/**
 * The encoder-decoder transformer of "Attention Is All You Need" ({@code torch.nn.Transformer}); it
 * calls its encoder and decoder through their {@code call}, as PyTorch does.
 */
public class Transformer extends Module {
    /** The encoder: {@code numEncoderLayers} encoder layers and a final {@link LayerNorm}. */
    public final TransformerEncoder encoder;
    /** The decoder: {@code numDecoderLayers} decoder layers and a final {@link LayerNorm}. */
    public final TransformerDecoder decoder;
    /** The model size: the feature count of src, tgt and the output. */
    public final long dModel;
    /** The number of attention heads. */
    public final int nhead;
    /** Whether batched src, tgt and output are {@code (N, S, E)} instead of {@code (S, N, E)}. */
    public final boolean batchFirst;

    /**
     * With PyTorch's defaults {@code d_model = 512, nhead = 8, num_encoder_layers = 6, num_decoder_layers = 6,
     * dim_feedforward = 2048, dropout = 0.1, activation = "relu", layer_norm_eps = 1e-5, batch_first = false,
     * norm_first = false}.
     */
    public Transformer() {
        this(512, 8, 6, 6, 2048, 0.1, "relu", 1e-5, false, false);
    }

    /**
     * An encoder-decoder transformer; every parameter matrix is re-initialised xavier-uniform afterwards, as PyTorch
     * does. {@code custom_encoder} and {@code custom_decoder} are not options here.
     *
     * @param dModel the model size E (default 512)
     * @param nhead the number of attention heads, which must divide E (default 8)
     * @param numEncoderLayers the number of encoder layers (default 6)
     * @param numDecoderLayers the number of decoder layers (default 6)
     * @param dimFeedforward the hidden size of the feed-forward blocks (default 2048)
     * @param dropout the dropout probability (default 0.1)
     * @param activation "relu" (default) or "gelu"; another name fails at the first forward
     * @param layerNormEps the layer norms' eps (default 1e-5)
     * @param batchFirst whether batched tensors put the batch first (default false)
     * @param normFirst whether the layers normalise before (pre-norm) instead of after each block (default false)
     */
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

    /**
     * The transformer without masks: src {@code (S, N, E)} and tgt {@code (T, N, E)} ({@code (N, S, E)} and
     * {@code (N, T, E)} with {@code batchFirst}, or unbatched {@code (S, E)}, {@code (T, E)}) give {@code (T, N, E)}
     * (or the matching layout).
     */
    public Tensor forward(Tensor src, Tensor tgt) {
        return forward(src, tgt, null, null, null, null, null, null);
    }

    /**
     * Encodes {@code src} into the memory and decodes {@code tgt} against it; every mask may be null. Attention masks
     * are bool (true = not attended) or float (added to the scores), key padding masks {@code (N, S)} or
     * {@code (N, T)} with true for padding.
     *
     * @param src the encoder input {@code (S, N, E)}
     * @param tgt the decoder input {@code (T, N, E)}
     * @param srcMask the encoder self-attention mask {@code (S, S)} or {@code (N * nhead, S, S)}
     * @param tgtMask the decoder self-attention mask {@code (T, T)}, e.g. {@link #generateSquareSubsequentMask}
     * @param memoryMask the decoder's attention mask over the memory {@code (T, S)}
     * @param srcKeyPaddingMask the padding of src {@code (N, S)}
     * @param tgtKeyPaddingMask the padding of tgt {@code (N, T)}
     * @param memoryKeyPaddingMask the padding of the memory {@code (N, S)}
     * @return the decoder output {@code (T, N, E)}
     * @throws IllegalArgumentException if the batch sizes of src and tgt differ or their feature size is not E, as
     *         PyTorch words it
     */
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
