package org.torch4j.nn;

import org.torch4j.Tensor;

/** x for similar pairs (y = 1), {@code max(0, margin - x)} for dissimilar ones (y = -1) ({@code torch.nn.HingeEmbeddingLoss}). */
public class HingeEmbeddingLoss extends Loss {
    /** The margin for dissimilar pairs. */
    public final double margin;

    /** margin 1, mean. */
    public HingeEmbeddingLoss() {
        this(1.0, Reduction.MEAN);
    }

    /**
     * {@code input} where the target is 1 and {@code max(0, margin - input)} where it is -1, on inputs of any shape
     * with targets of the same shape ({@link F#hingeEmbeddingLoss}).
     *
     * @param margin the margin for dissimilar pairs (default 1.0)
     * @param reduction how to reduce the elementwise losses (default {@code MEAN})
     */
    public HingeEmbeddingLoss(double margin, Reduction reduction) {
        super(reduction);
        this.margin = margin;
    }

    @Override
    public Tensor forward(Tensor input, Tensor target) {
        return F.hingeEmbeddingLoss(input, target, margin, reduction);
    }
}
