package org.torch4j.nn;

import org.torch4j.Tensor;

/** 1 - cos for similar pairs (y = 1), max(0, cos - margin) for dissimilar ones ({@code torch.nn.CosineEmbeddingLoss}). */
public class CosineEmbeddingLoss extends Module {
    /** The margin for dissimilar pairs. */
    public final double margin;
    /** How the per-pair losses are reduced. */
    public final Reduction reduction;

    /** With PyTorch's defaults {@code margin = 0, reduction = MEAN}. */
    public CosineEmbeddingLoss() {
        this(0, Reduction.MEAN);
    }

    /**
     * The cosine embedding loss with the given options.
     *
     * @param margin the margin for dissimilar pairs, PyTorch suggests 0 to 0.5 (default 0)
     * @param reduction how to reduce the per-pair losses (default {@code MEAN})
     */
    public CosineEmbeddingLoss(double margin, Reduction reduction) {
        this.margin = margin;
        this.reduction = reduction;
    }

    /**
     * {@code 1 - cos(x1, x2)} where {@code target} is 1 and {@code max(0, cos(x1, x2) - margin)} where it is -1, the
     * cosine taken along the last dim ({@link F#cosineEmbeddingLoss}).
     *
     * @param input1 {@code (N, D)} or {@code (D)}
     * @param input2 the same shape as {@code input1}
     * @param target {@code (N)} or a scalar of 1 and -1
     * @return a scalar, or {@code (N)} for {@link Reduction#NONE}
     */
    public Tensor forward(Tensor input1, Tensor input2, Tensor target) {
        return F.cosineEmbeddingLoss(input1, input2, target, margin, reduction);
    }

    /** {@code loss(input1, input2, target)}: forward with the hooks around it; they see (input1, input2, target). */
    public final Tensor call(Tensor input1, Tensor input2, Tensor target) {
        return callWithHooks(args -> forward((Tensor) args.get(0), (Tensor) args.get(1), (Tensor) args.get(2)), input1, input2, target);
    }
}
