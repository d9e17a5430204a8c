package org.torch4j.nn;

import org.torch4j.Tensor;

/** {@code max(0, margin + d(a, p) - d(a, n))} over triplets of embeddings ({@code torch.nn.TripletMarginLoss}). */
public class TripletMarginLoss extends Module {
    /** The margin, the norm's order and the small constant of the pairwise distance. */
    public final double margin, p, eps;
    /** Whether the negative distance is the smaller of d(a, n) and d(p, n). */
    public final boolean swap;
    /** How the per-triplet losses are reduced. */
    public final Reduction reduction;

    /** margin 1, p 2, eps 1e-6, no swap, mean. */
    public TripletMarginLoss() {
        this(1.0, 2.0, 1e-6, false, Reduction.MEAN);
    }

    /**
     * {@code max(0, margin + d(a, p) - d(a, n))} with {@code d} the pairwise p-norm distance over the last dim, for
     * anchors, positives and negatives of shape {@code (N, D)} or {@code (D)} ({@link F#tripletMarginLoss}).
     *
     * @param margin the margin (default 1.0)
     * @param p the norm's order (default 2.0)
     * @param eps the small constant added to the differences (default 1e-6)
     * @param swap whether the negative distance is the smaller of d(a, n) and d(p, n) (default false)
     * @param reduction how to reduce the per-triplet losses (default {@code MEAN})
     */
    public TripletMarginLoss(double margin, double p, double eps, boolean swap, Reduction reduction) {
        this.margin = margin;
        this.p = p;
        this.eps = eps;
        this.swap = swap;
        this.reduction = reduction;
    }

    /** The loss of the triplets (anchor, positive, negative). */
    public Tensor forward(Tensor anchor, Tensor positive, Tensor negative) {
        return F.tripletMarginLoss(anchor, positive, negative, margin, p, eps, swap, reduction);
    }

    /** {@link #forward(Tensor, Tensor, Tensor)} with the hooks around it; they see the three inputs. */
    public final Tensor call(Tensor anchor, Tensor positive, Tensor negative) {
        return callWithHooks(args -> forward((Tensor) args.get(0), (Tensor) args.get(1), (Tensor) args.get(2)), anchor, positive,
                negative);
    }
}
