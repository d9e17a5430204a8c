package org.torch4j.audio.models;

import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.nn.Embedding;
import org.torch4j.nn.Module;

/**
 * An embedding stored divided by {@code scale} and multiplied back on use, which boosts its learning
 * rate (torchaudio's {@code _ScaledEmbedding}, HDemucs's frequency embedding). Optionally initialised
 * smooth: the cumulative sum of the normal draws, row {@code i} divided by {@code sqrt(i + 1)}.
 */
public class ScaledEmbedding extends Module {
    /** {@code embedding}: holds the weight divided by {@link #scale}. */
    public final Embedding embedding;
    /** The factor applied on use. */
    public final double scale;

    /**
     * torchaudio's constructor.
     *
     * @param numEmbeddings the rows
     * @param embeddingDim the width
     * @param scale the learning-rate boost (torchaudio's default 10)
     * @param smooth initialise smooth along the rows (default false)
     */
    public ScaledEmbedding(long numEmbeddings, long embeddingDim, double scale, boolean smooth) {
        embedding = registerModule("embedding", new Embedding(numEmbeddings, embeddingDim));
        try (var noGrad = Torch.noGrad()) {
            if (smooth) {
                Tensor weight = embedding.weight.cumsum(0).div(Torch.arange(1, numEmbeddings + 1, 1).sqrt().unsqueeze(1));
                embedding.weight.copy_(weight);
            }
            embedding.weight.div_(scale);
        }
        this.scale = scale;
    }

    /** The effective weight, {@code embedding.weight * scale}. */
    public Tensor weight() {
        return embedding.weight.mul(scale);
    }

    /**
     * The scaled rows.
     *
     * @param x int64 indices
     * @return [..., embeddingDim]
     */
    @Override
    public Tensor forward(Tensor x) {
        return embedding.call(x).mul(scale);
    }
}
