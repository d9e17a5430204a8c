package org.torch4j.text.models;

import org.torch4j.DType;
import org.torch4j.Tensor;
import org.torch4j.nn.Embedding;
import org.torch4j.nn.Module;

/**
 * torchtext's {@code PositionalEmbedding} (fairseq's learned positions): token {@code i} of a row, counting only
 * non-padding tokens from 1, gets the row {@code padIndex + i} of an embedding table; padding tokens get the
 * (zero, untrained) padding row.
 */
public class PositionalEmbedding extends Module {
    /** The position table, [numEmbeddings, embeddingDim], its padding row zero. */
    public final Embedding embedding;
    private final int padIndex;

    /** A table of {@code numEmbeddings} positions (the first {@code padIndex + 1} unused by real tokens). */
    public PositionalEmbedding(int numEmbeddings, int embeddingDim, int padIndex) {
        this.embedding = registerModule("embedding", new Embedding(numEmbeddings, embeddingDim, (long) padIndex));
        this.padIndex = padIndex;
    }

    /** The position embeddings of {@code tokens} [B, T] (int64): [B, T, embeddingDim]. */
    @Override
    public Tensor forward(Tensor tokens) {
        return embedding.call(positions(tokens, padIndex));
    }

    /** {@code cumsum(tokens != pad, 1) * (tokens != pad) + pad}: each real token's position, padding at {@code pad}. */
    static Tensor positions(Tensor tokens, int pad) {
        Tensor real = tokens.ne(pad).to(DType.INT64);
        return real.cumsum(1).mul(real).add(pad);
    }

    /** How many positions real tokens can take: the table size less the padding index and one. */
    public long maxPositions() {
        return embedding.weight.size(0) - padIndex - 1;
    }
}
