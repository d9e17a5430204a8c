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

    /** HingeEmbeddingLoss with every option. */
    public HingeEmbeddingLoss(double margin, Reduction reduction) {
        super(reduction);
        this.margin = margin;
    }

    @Override
    public Tensor forward(Tensor input, Tensor target) {
        return F.hingeEmbeddingLoss(input, target, margin, reduction);
    }
}
