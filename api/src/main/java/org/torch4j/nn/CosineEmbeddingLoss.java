package org.torch4j.nn;

import org.torch4j.Tensor;

/** 1 - cos for similar pairs (y = 1), max(0, cos - margin) for dissimilar ones ({@code torch.nn.CosineEmbeddingLoss}). */
public class CosineEmbeddingLoss extends Module {
    public final double margin;
    public final Reduction reduction;

    public CosineEmbeddingLoss() {
        this(0, Reduction.MEAN);
    }

    public CosineEmbeddingLoss(double margin, Reduction reduction) {
        this.margin = margin;
        this.reduction = reduction;
    }

    public Tensor forward(Tensor input1, Tensor input2, Tensor target) {
        return F.cosineEmbeddingLoss(input1, input2, target, margin, reduction);
    }

    /** {@code loss(input1, input2, target)}: forward with the hooks around it; they see (input1, input2, target). */
    public final Tensor call(Tensor input1, Tensor input2, Tensor target) {
        return callWithHooks(args -> forward((Tensor) args.get(0), (Tensor) args.get(1), (Tensor) args.get(2)), input1, input2, target);
    }
}
