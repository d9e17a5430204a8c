package org.torch4j.nn;

import org.torch4j.DType;
import org.torch4j.Tensor;
import org.torch4j.Torch;

/**
 * A lookup table of vectors by index ({@code torch.nn.Embedding}), initialised from N(0, 1); the
 * {@code paddingIdx} row starts at zero and receives no gradient.
 */
public class Embedding extends Module {
    public final long numEmbeddings, embeddingDim;
    public final Long paddingIdx;
    public final Parameter weight;

    public Embedding(long numEmbeddings, long embeddingDim) {
        this(numEmbeddings, embeddingDim, null);
    }

    public Embedding(long numEmbeddings, long embeddingDim, Long paddingIdx) {
        this(numEmbeddings, embeddingDim, paddingIdx, null);
    }

    /** With {@code weights}, the table holds them and nothing is drawn (PyTorch's {@code _weight}). */
    private Embedding(long numEmbeddings, long embeddingDim, Long paddingIdx, Tensor weights) {
        this.numEmbeddings = numEmbeddings;
        this.embeddingDim = embeddingDim;
        if (paddingIdx != null) {
            if (paddingIdx >= numEmbeddings || paddingIdx < -numEmbeddings) {
                throw new IllegalArgumentException("Padding_idx must be within num_embeddings");
            }
            if (paddingIdx < 0) paddingIdx += numEmbeddings;
        }
        this.paddingIdx = paddingIdx;
        if (weights != null) {
            this.weight = registerParameter("weight", new Parameter(weights));
            return;
        }
        this.weight = registerParameter("weight", new Parameter(Torch.empty(new long[] {numEmbeddings, embeddingDim}, DType.FLOAT32)));
        Init.normal_(weight, 0, 1);
        if (paddingIdx != null) {
            try (var g = Torch.noGrad()) {
                weight.select(0, paddingIdx).fill_(0.0);
            }
        }
    }

    /** An embedding holding {@code weights} ({@code Embedding.from_pretrained}); frozen unless {@code freeze} is false. */
    public static Embedding fromPretrained(Tensor weights, boolean freeze, Long paddingIdx) {
        if (weights.dim() != 2) throw new IllegalArgumentException("Embeddings parameter is expected to be 2-dimensional");
        // as PyTorch: the given values as they are (the padding row is not zeroed), no random numbers drawn
        Embedding e = new Embedding(weights.size(0), weights.size(1), paddingIdx, weights.detach().clone());
        e.weight.requiresGrad_(!freeze);
        return e;
    }

    @Override
    public Tensor forward(Tensor input) {
        return F.embedding(input, weight, paddingIdx);
    }

    @Override
    protected String extraRepr() {
        return numEmbeddings + ", " + embeddingDim + (paddingIdx != null ? ", padding_idx=" + paddingIdx : "");
    }
}
