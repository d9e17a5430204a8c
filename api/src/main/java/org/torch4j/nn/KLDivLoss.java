package org.torch4j.nn;

import org.torch4j.Tensor;

/**
 * Kullback-Leibler divergence of log-probability inputs ({@code torch.nn.KLDivLoss}); reduction
 * "batchmean" divides the sum by the batch size, as the mathematical definition wants.
 */
public class KLDivLoss extends Loss {
    /** Whether the target holds log-probabilities; whether the reduction is "batchmean" (the sum over the batch size). */
    public final boolean logTarget, batchmean;

    /** With PyTorch's defaults {@code reduction = "mean", log_target = false}. */
    public KLDivLoss() {
        this("mean", false);
    }

    /** {@code reduction} is "none", "mean", "sum" or "batchmean". */
    public KLDivLoss(String reduction, boolean logTarget) {
        super(reduction.equals("batchmean") ? Reduction.SUM : Reduction.of(reduction));
        this.batchmean = reduction.equals("batchmean");
        this.logTarget = logTarget;
    }

    @Override
    public Tensor forward(Tensor input, Tensor target) {
        return batchmean ? F.klDivBatchmean(input, target, logTarget) : F.klDiv(input, target, reduction, logTarget);
    }
}
