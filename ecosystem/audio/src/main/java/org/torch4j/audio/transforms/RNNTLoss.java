package org.torch4j.audio.transforms;

import org.torch4j.Tensor;
import org.torch4j.audio.functional.AudioFunctional;
import org.torch4j.nn.Module;

/**
 * {@code torchaudio.transforms.RNNTLoss}: {@link AudioFunctional#rnntLoss} with a fixed blank, clamp and
 * reduction.
 */
public final class RNNTLoss extends Module {
    /** The blank label (negative: counted from the last class). */
    public final int blank;
    /** The gradient's bound when positive. */
    public final double clamp;
    /** "none", "mean" or "sum". */
    public final String reduction;

    /**
     * torchaudio's constructor (the reduction is checked when the loss is computed, as in torchaudio).
     *
     * @param blank torchaudio's default -1 (the last class)
     * @param clamp torchaudio's default -1 (no clamp)
     * @param reduction torchaudio's default "mean"
     */
    public RNNTLoss(int blank, double clamp, String reduction) {
        this.blank = blank;
        this.clamp = clamp;
        this.reduction = reduction;
    }

    /** With torchaudio's defaults: the last class as blank, no clamp, the mean. */
    public RNNTLoss() {
        this(-1, -1.0, "mean");
    }

    /** {@code loss(logits, targets, logit_lengths, target_lengths)}: {@link #forward(Tensor, Tensor, Tensor, Tensor)} with this module's hooks around it. */
    public Tensor call(Tensor logits, Tensor targets, Tensor logitLengths, Tensor targetLengths) {
        return callWithHooks(args -> forward((Tensor) args.get(0), (Tensor) args.get(1), (Tensor) args.get(2), (Tensor) args.get(3)),
                logits, targets, logitLengths, targetLengths);
    }

    /**
     * The loss; see {@link AudioFunctional#rnntLoss(Tensor, Tensor, Tensor, Tensor, int, double, String)}.
     *
     * @param logits [batch, max time, max target length + 1, classes] from the joint network
     * @param targets int32 [batch, max target length], zero-padded
     * @param logitLengths int32 [batch] valid frames
     * @param targetLengths int32 [batch] valid targets
     */
    public Tensor forward(Tensor logits, Tensor targets, Tensor logitLengths, Tensor targetLengths) {
        return AudioFunctional.rnntLoss(logits, targets, logitLengths, targetLengths, blank, clamp, reduction);
    }
}
