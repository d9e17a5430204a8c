package org.torch4j.nn;

import java.util.function.BinaryOperator;
import org.torch4j.Tensor;

/**
 * {@code max(0, margin + d(a, p) - d(a, n))} over triplets with any distance function d, given as a Java
 * lambda ({@code torch.nn.TripletMarginWithDistanceLoss}); the default is {@link F#pairwiseDistance}.
 *
 * <pre>{@code
 * var loss = new TripletMarginWithDistanceLoss((x, y) -> F.cosineSimilarity(x, y).rsub(1.0), 0.5, true, Reduction.MEAN);
 * }</pre>
 */
public class TripletMarginWithDistanceLoss extends Module {
    /** The distance: the one given, or the {@code distance_function} submodule, a default {@link PairwiseDistance}. */
    public final BinaryOperator<Tensor> distance;
    /** The margin by which d(a, n) must exceed d(a, p). */
    public final double margin;
    /** Whether the negative distance is the smaller of d(a, n) and d(p, n). */
    public final boolean swap;
    /** How the per-triplet losses are reduced. */
    public final Reduction reduction;

    /** The pairwise distance, margin 1, no swap, mean. */
    public TripletMarginWithDistanceLoss() {
        this(null, 1.0, false, Reduction.MEAN);
    }

    /** With a distance (null for the pairwise one), margin, swap and reduction, as PyTorch's keywords. */
    public TripletMarginWithDistanceLoss(BinaryOperator<Tensor> distance, double margin, boolean swap, Reduction reduction) {
        // as PyTorch, the default is a PairwiseDistance module, which shows in the repr; a lambda does not
        this.distance = distance != null ? distance : registerModule("distance_function", new PairwiseDistance())::call;
        this.margin = margin;
        this.swap = swap;
        this.reduction = reduction;
    }

    /** The loss of the triplets (anchor, positive, negative). */
    public Tensor forward(Tensor anchor, Tensor positive, Tensor negative) {
        return F.tripletMarginWithDistanceLoss(anchor, positive, negative, distance, margin, swap, reduction);
    }

    /** {@link #forward(Tensor, Tensor, Tensor)} with the hooks around it; they see the three inputs. */
    public final Tensor call(Tensor anchor, Tensor positive, Tensor negative) {
        return callWithHooks(args -> forward((Tensor) args.get(0), (Tensor) args.get(1), (Tensor) args.get(2)), anchor, positive,
                negative);
    }
}
