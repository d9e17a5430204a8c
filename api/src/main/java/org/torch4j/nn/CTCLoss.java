package org.torch4j.nn;

import org.torch4j.Tensor;

/** Connectionist temporal classification loss ({@code torch.nn.CTCLoss}). */
public class CTCLoss extends Module {
    /** The index of the blank label. */
    public final long blank;
    /** How the per-sample losses are reduced ({@code MEAN} divides each by its target length first). */
    public final Reduction reduction;
    /** Whether infinite losses (impossible alignments) and their gradients become 0. */
    public final boolean zeroInfinity;

    /** With PyTorch's defaults {@code blank = 0, reduction = MEAN, zero_infinity = false}. */
    public CTCLoss() {
        this(0, Reduction.MEAN, false);
    }

    /**
     * The CTC loss with the given options.
     *
     * @param blank the blank label's index (default 0)
     * @param reduction how to reduce the per-sample losses (default {@code MEAN})
     * @param zeroInfinity whether infinite losses become 0 (default false)
     */
    public CTCLoss(long blank, Reduction reduction, boolean zeroInfinity) {
        this.blank = blank;
        this.reduction = reduction;
        this.zeroInfinity = zeroInfinity;
    }

    /**
     * The loss of {@link F#ctcLoss}.
     *
     * @param logProbs {@code (T, N, C)} log-probabilities (log-softmax outputs)
     * @param targets {@code (N, S)} padded targets, or 1-d concatenated targets
     * @param inputLengths the N input lengths, each at most T
     * @param targetLengths the N target lengths
     * @return a scalar, or {@code (N)} for {@link Reduction#NONE}
     */
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
