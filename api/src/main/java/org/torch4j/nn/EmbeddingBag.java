package org.torch4j.nn;

import org.torch4j.DType;
import org.torch4j.Tensor;
import org.torch4j.Torch;

/**
 * Sums, averages or takes the maximum of bags of embeddings ({@code torch.nn.EmbeddingBag}): bags are
 * the rows of a 2-d input, or the runs of a 1-d input starting at {@code offsets} (with
 * {@code includeLastOffset}, offsets carry the end of the last bag too). {@code maxNorm},
 * {@code normType} and {@code scaleGradByFreq} act as {@link Embedding}'s.
 */
public class EmbeddingBag extends Module {
    /** The number of rows of the table and the size of each vector. */
    public final long numEmbeddings, embeddingDim;
    /** How a bag's rows are combined: "sum", "mean" or "max". */
    public final String mode;
    /** The row that starts at zero and is left out of the bags, normalised to be non-negative; null for none. */
    public final Long paddingIdx;
    /** null: rows are not renormalised. */
    public final Double maxNorm;
    /** The p of the p-norm compared against {@link #maxNorm}. */
    public final double normType;
    /** Whether each row's gradient is divided by its frequency; whether offsets also carry the end of the last bag. */
    public final boolean scaleGradByFreq, includeLastOffset;
    /** Whether {@code backward()} gives {@link #weight} a sparse gradient ({@link Tensor#sparseGrad()}). */
    public final boolean sparse;
    /** The table {@code (numEmbeddings, embeddingDim)}, float32, initialised from N(0, 1). */
    public final Parameter weight;

    /**
     * With PyTorch's defaults {@code max_norm = None, norm_type = 2.0, scale_grad_by_freq = false,
     * include_last_offset = false, padding_idx = None}; forward maps {@code (B, L)} indices, or 1-d indices with
     * B offsets, to {@code (B, embeddingDim)}.
     *
     * @param numEmbeddings the number of rows
     * @param embeddingDim the size of each vector
     * @param mode "sum", "mean" (PyTorch's default) or "max"
     * @throws IllegalArgumentException for another mode
     */
    public EmbeddingBag(long numEmbeddings, long embeddingDim, String mode) {
        this(numEmbeddings, embeddingDim, mode, null);
    }

    /**
     * With a padding row and PyTorch's other defaults ({@code max_norm = None, norm_type = 2.0,
     * scale_grad_by_freq = false, include_last_offset = false}).
     *
     * @param numEmbeddings the number of rows
     * @param embeddingDim the size of each vector
     * @param mode "sum", "mean" or "max"
     * @param paddingIdx the row left out of every bag (negative counts from the end), or null
     * @throws IllegalArgumentException for another mode, or {@code paddingIdx} outside {@code [-numEmbeddings, numEmbeddings)}
     */
    public EmbeddingBag(long numEmbeddings, long embeddingDim, String mode, Long paddingIdx) {
        this(numEmbeddings, embeddingDim, null, 2.0, false, mode, false, paddingIdx);
    }

    /**
     * All of PyTorch's options but {@code sparse} (false), in its order.
     *
     * @param maxNorm null, or the largest norm a looked-up row keeps (larger ones are rescaled in place)
     * @param scaleGradByFreq divide each row's gradient by its frequency in the batch (not in "max" mode)
     * @param includeLastOffset offsets has one entry per bag plus the end of the last one (CSR style)
     */
    public EmbeddingBag(long numEmbeddings, long embeddingDim, Double maxNorm, double normType, boolean scaleGradByFreq, String mode,
                        boolean includeLastOffset, Long paddingIdx) {
        this(numEmbeddings, embeddingDim, maxNorm, normType, scaleGradByFreq, mode, false, includeLastOffset, paddingIdx);
    }

    /**
     * All of PyTorch's options in its order, {@code sparse} included: with it, {@code backward()} gives
     * {@link #weight} a sparse gradient ({@link Tensor#sparseGrad()}) of one entry per index in the input, for
     * {@code SGD}, {@code Adagrad} or {@code SparseAdam}; "max" mode refuses it on forward, as in PyTorch.
     */
    public EmbeddingBag(long numEmbeddings, long embeddingDim, Double maxNorm, double normType, boolean scaleGradByFreq, String mode,
                        boolean sparse, boolean includeLastOffset, Long paddingIdx) {
        this.sparse = sparse;
        this.maxNorm = maxNorm;
        this.normType = normType;
        this.scaleGradByFreq = scaleGradByFreq;
        this.includeLastOffset = includeLastOffset;
        if (!mode.equals("sum") && !mode.equals("mean") && !mode.equals("max")) {
            throw new IllegalArgumentException("mode has to be one of sum, mean or max");
        }
        this.numEmbeddings = numEmbeddings;
        this.embeddingDim = embeddingDim;
        this.mode = mode;
        if (paddingIdx != null) {
            if (paddingIdx >= numEmbeddings || paddingIdx < -numEmbeddings) {
                throw new IllegalArgumentException("padding_idx must be within num_embeddings");
            }
            if (paddingIdx < 0) paddingIdx += numEmbeddings;
        }
        this.paddingIdx = paddingIdx;
        this.weight = registerParameter("weight", new Parameter(Torch.empty(new long[] {numEmbeddings, embeddingDim}, DType.FLOAT32)));
        Init.normal_(weight, 0, 1);
        if (paddingIdx != null) {
            try (var g = Torch.noGrad()) {
                weight.select(0, paddingIdx).fill_(0.0);
            }
        }
    }

    @Override
    public Tensor forward(Tensor input) {
        return forward(input, null, null);
    }

    /** Bags from a 1-d input and offsets (or a 2-d input with null offsets), optionally weighted per sample (sum mode). */
    public Tensor forward(Tensor input, Tensor offsets, Tensor perSampleWeights) {
        return F.embeddingBag(input, weight, offsets, maxNorm, normType, scaleGradByFreq, mode, sparse, perSampleWeights,
                includeLastOffset, paddingIdx);
    }

    /** forward with the hooks around it; they see (input, offsets, perSampleWeights), null where absent. */
    public final Tensor call(Tensor input, Tensor offsets, Tensor perSampleWeights) {
        return callWithHooks(args -> forward((Tensor) args.get(0), (Tensor) args.get(1), (Tensor) args.get(2)),
                input, offsets, perSampleWeights);
    }

    @Override
    protected String extraRepr() {
        return numEmbeddings + ", " + embeddingDim + (maxNorm != null ? ", max_norm=" + Py.repr(maxNorm) : "")
                + (normType != 2 ? ", norm_type=" + Py.repr(normType) : "") + (scaleGradByFreq ? ", scale_grad_by_freq=True" : "")
                + ", mode=" + mode + (paddingIdx != null ? ", padding_idx=" + paddingIdx : "");
    }
}
