package org.torch4j.nn;

import org.torch4j.Tensor;

/** Connectionist temporal classification loss ({@code torch.nn.CTCLoss}). */
public class CTCLoss extends Module {
    public final long blank;
    public final Reduction reduction;
    public final boolean zeroInfinity;

    public CTCLoss() {
        this(0, Reduction.MEAN, false);
    }

    public CTCLoss(long blank, Reduction reduction, boolean zeroInfinity) {
        this.blank = blank;
        this.reduction = reduction;
        this.zeroInfinity = zeroInfinity;
    }

    public Tensor forward(Tensor logProbs, Tensor targets, long[] inputLengths, long[] targetLengths) {
        return F.ctcLoss(logProbs, targets, inputLengths, targetLengths, blank, reduction, zeroInfinity);
    }

    /**
     * {@code loss(log_probs, targets, input_lengths, target_lengths)}: forward with the hooks around it;
     * they see the four arguments.
     */
    public final Tensor call(Tensor logProbs, Tensor targets, long[] inputLengths, long[] targetLengths) {
        return callWithHooks(args -> forward((Tensor) args.get(0), (Tensor) args.get(1), (long[]) args.get(2), (long[]) args.get(3)),
                logProbs, targets, inputLengths, targetLengths);
    }
}
