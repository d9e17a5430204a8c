package org.torch4j.nn;

import org.torch4j.Tensor;

/** max(0, -y (x1 - x2) + margin) ({@code torch.nn.MarginRankingLoss}). */
public class MarginRankingLoss extends Module {
    public final double margin;
    public final Reduction reduction;

    public MarginRankingLoss() {
        this(0, Reduction.MEAN);
    }

    public MarginRankingLoss(double margin, Reduction reduction) {
        this.margin = margin;
        this.reduction = reduction;
    }

    public Tensor forward(Tensor input1, Tensor input2, Tensor target) {
        return F.marginRankingLoss(input1, input2, target, margin, reduction);
    }

    /** {@code loss(input1, input2, target)}: forward with the hooks around it; they see (input1, input2, target). */
    public final Tensor call(Tensor input1, Tensor input2, Tensor target) {
        return callWithHooks(args -> forward((Tensor) args.get(0), (Tensor) args.get(1), (Tensor) args.get(2)), input1, input2, target);
    }
}
