package org.torch4j.nn;

import org.torch4j.Tensor;

/**
 * The multi-class hinge loss against class indices ({@code torch.nn.MultiMarginLoss}); a class weight
 * is kept as the buffer {@code weight}.
 */
public class MultiMarginLoss extends Loss {
    /** The exponent of the hinge, 1 or 2. */
    public final long p;
    /** The margin. */
    public final double margin;
    private final boolean weighted;

    /** p 1, margin 1, no weights, mean. */
    public MultiMarginLoss() {
        this(1, 1.0, null, Reduction.MEAN);
    }

    /**
     * For scores {@code (N, C)} or {@code (C)} and int64 targets {@code (N)} or a scalar, each sample's
     * {@code sum over i != y of w[y] max(0, margin - x[y] + x[i])^p / C} ({@link F#multiMarginLoss}).
     *
     * @param p the hinge's exponent, 1 (default) or 2
     * @param margin the margin (default 1.0)
     * @param weight per-class weights {@code (C)}, or null (the default); kept as buffer {@code weight}
     * @param reduction how to reduce the per-sample losses (default {@code MEAN})
     * @throws IllegalArgumentException if {@code p} is neither 1 nor 2, as PyTorch words it
     */
    public MultiMarginLoss(long p, double margin, Tensor weight, Reduction reduction) {
        super(reduction);
        if (p != 1 && p != 2) throw new IllegalArgumentException("only p == 1 and p == 2 supported");
        this.p = p;
        this.margin = margin;
        weighted = weight != null;
        if (weighted) registerBuffer("weight", weight);
    }

    @Override
    public Tensor forward(Tensor input, Tensor target) {
        return F.multiMarginLoss(input, target, p, margin, weighted ? buffer("weight") : null, reduction);
    }
}
