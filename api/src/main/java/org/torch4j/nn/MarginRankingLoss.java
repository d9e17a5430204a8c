package org.torch4j.nn;

import org.torch4j.Tensor;

/** max(0, -y (x1 - x2) + margin) ({@code torch.nn.MarginRankingLoss}). */
public class MarginRankingLoss extends Module {
    /** The margin by which the ranked input must win. */
    public final double margin;
    /** How the elementwise losses are reduced. */
    public final Reduction reduction;

    /** With PyTorch's defaults {@code margin = 0, reduction = MEAN}. */
    public MarginRankingLoss() {
        this(0, Reduction.MEAN);
    }

    /**
     * The margin ranking loss with the given options.
     *
     * @param margin the margin (default 0)
     * @param reduction how to reduce the elementwise losses (default {@code MEAN})
     */
    public MarginRankingLoss(double margin, Reduction reduction) {
        this.margin = margin;
        this.reduction = reduction;
    }

    /**
     * {@code max(0, -target (input1 - input2) + margin)}, the three broadcast together ({@link F#marginRankingLoss}).
     *
     * @param input1 {@code (N)} or a scalar
     * @param input2 the same shape as {@code input1}
     * @param target 1 where {@code input1} should rank higher, -1 where {@code input2} should
     * @return a scalar, or the elementwise losses for {@link Reduction#NONE}
     */
    public Tensor forward(Tensor input1, Tensor input2, Tensor target) {
        return F.marginRankingLoss(input1, input2, target, margin, reduction);
    }

    /** {@code loss(input1, input2, target)}: forward with the hooks around it; they see (input1, input2, target). */
    public final Tensor call(Tensor input1, Tensor input2, Tensor target) {
        return callWithHooks(args -> forward((Tensor) args.get(0), (Tensor) args.get(1), (Tensor) args.get(2)), input1, input2, target);
    }
}
