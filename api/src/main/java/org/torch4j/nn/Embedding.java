package org.torch4j.nn;

import org.torch4j.DType;
import org.torch4j.Tensor;
import org.torch4j.Torch;

/**
 * A lookup table of vectors by index ({@code torch.nn.Embedding}), initialised from N(0, 1); the
 * {@code paddingIdx} row starts at zero and receives no gradient. With {@code maxNorm}, each forward
 * first rescales in place the rows it looks up whose {@code normType}-norm exceeds maxNorm; with
 * {@code scaleGradByFreq}, a row's gradient is divided by how often the batch looks it up.
 */
public class Embedding extends Module {
    /** The number of rows of the table and the size of each vector. */
    public final long numEmbeddings, embeddingDim;
    /** The row that starts at zero and receives no gradient, normalised to be non-negative; null for none. */
    public final Long paddingIdx;
    /** null: rows are not renormalised. */
    public final Double maxNorm;
    /** The p of the p-norm compared against {@link #maxNorm}. */
    public final double normType;
    /** Whether each row's gradient is divided by how often the batch looks it up. */
    public final boolean scaleGradByFreq;
    /** Whether {@code backward()} gives {@link #weight} a sparse gradient ({@link Tensor#sparseGrad()}). */
    public final boolean sparse;
    /** The table {@code (numEmbeddings, embeddingDim)}, float32 unless created by {@link #fromPretrained}. */
    public final Parameter weight;

    /**
     * With PyTorch's defaults {@code padding_idx = None, max_norm = None, norm_type = 2.0, scale_grad_by_freq = false}:
     * maps int64 or int32 indices of any shape {@code (*)} to {@code (*, embeddingDim)}.
     */
    public Embedding(long numEmbeddings, long embeddingDim) {
        this(numEmbeddings, embeddingDim, null);
    }

    /**
     * With a padding row and PyTorch's defaults {@code max_norm = None, norm_type = 2.0, scale_grad_by_freq = false}.
     *
     * @param numEmbeddings the number of rows
     * @param embeddingDim the size of each vector
     * @param paddingIdx the row that starts at zero and gets no gradient (negative counts from the end), or null
     * @throws IllegalArgumentException if {@code paddingIdx} is outside {@code [-numEmbeddings, numEmbeddings)}
     */
    public Embedding(long numEmbeddings, long embeddingDim, Long paddingIdx) {
        this(numEmbeddings, embeddingDim, paddingIdx, null, 2.0, false);
    }

    /**
     * All of PyTorch's options but {@code sparse} (false).
     *
     * @param maxNorm null, or the largest norm a looked-up row keeps (larger ones are rescaled in place)
     * @param normType the p of that norm
     * @param scaleGradByFreq divide each row's gradient by its frequency in the batch
     */
    public Embedding(long numEmbeddings, long embeddingDim, Long paddingIdx, Double maxNorm, double normType, boolean scaleGradByFreq) {
        this(numEmbeddings, embeddingDim, paddingIdx, maxNorm, normType, scaleGradByFreq, false);
    }

    /**
     * All of PyTorch's options, {@code sparse} included: with it, {@code backward()} gives {@link #weight} a
     * sparse gradient ({@link Tensor#sparseGrad()}) of one entry per looked-up index, for {@code SGD},
     * {@code Adagrad} or {@code SparseAdam}.
     */
    public Embedding(long numEmbeddings, long embeddingDim, Long paddingIdx, Double maxNorm, double normType, boolean scaleGradByFreq,
                     boolean sparse) {
        this(numEmbeddings, embeddingDim, paddingIdx, maxNorm, normType, scaleGradByFreq, sparse, null);
    }

    /** With {@code weights}, the table holds them and nothing is drawn (PyTorch's {@code _weight}). */
    private Embedding(long numEmbeddings, long embeddingDim, Long paddingIdx, Double maxNorm, double normType, boolean scaleGradByFreq,
                      boolean sparse, Tensor weights) {
        this.sparse = sparse;
        this.maxNorm = maxNorm;
        this.normType = normType;
        this.scaleGradByFreq = scaleGradByFreq;
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

    /** {@code Embedding.from_pretrained(weights)}: an embedding holding {@code weights}, frozen. */
    public static Embedding fromPretrained(Tensor weights) {
        return fromPretrained(weights, true, null);
    }

    /** {@code Embedding.from_pretrained(weights, freeze)}: frozen unless {@code freeze} is false. */
    public static Embedding fromPretrained(Tensor weights, boolean freeze) {
        return fromPretrained(weights, freeze, null);
    }

    /** An embedding holding {@code weights} ({@code Embedding.from_pretrained}); frozen unless {@code freeze} is false. */
    public static Embedding fromPretrained(Tensor weights, boolean freeze, Long paddingIdx) {
        return fromPretrained(weights, freeze, paddingIdx, null, 2.0, false);
    }

    /** {@code Embedding.from_pretrained} with the renormalisation and gradient-scaling options. */
    public static Embedding fromPretrained(Tensor weights, boolean freeze, Long paddingIdx, Double maxNorm, double normType,
                                           boolean scaleGradByFreq) {
        return fromPretrained(weights, freeze, paddingIdx, maxNorm, normType, scaleGradByFreq, false);
    }

    /** {@code Embedding.from_pretrained} with every option, {@code sparse} included. */
    public static Embedding fromPretrained(Tensor weights, boolean freeze, Long paddingIdx, Double maxNorm, double normType,
                                           boolean scaleGradByFreq, boolean sparse) {
        if (weights.dim() != 2) throw new IllegalArgumentException("Embeddings parameter is expected to be 2-dimensional");
        // as PyTorch: the given values as they are (the padding row is not zeroed), no random numbers drawn
        Embedding e = new Embedding(weights.size(0), weights.size(1), paddingIdx, maxNorm, normType, scaleGradByFreq, sparse,
                weights.detach().clone());
        e.weight.requiresGrad_(!freeze);
        return e;
    }

    @Override
    public Tensor forward(Tensor input) {
        return F.embedding(input, weight, paddingIdx, maxNorm, normType, scaleGradByFreq, sparse);
    }

    @Override
    protected String extraRepr() {
        return numEmbeddings + ", " + embeddingDim + (paddingIdx != null ? ", padding_idx=" + paddingIdx : "")
                + (maxNorm != null ? ", max_norm=" + Py.repr(maxNorm) : "") + (normType != 2 ? ", norm_type=" + Py.repr(normType) : "")
                + (scaleGradByFreq ? ", scale_grad_by_freq=True" : "") + (sparse ? ", sparse=True" : "");
    }
}
