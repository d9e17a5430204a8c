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
}
