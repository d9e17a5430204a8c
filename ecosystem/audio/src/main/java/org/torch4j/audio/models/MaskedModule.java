package org.torch4j.audio.models;

import org.torch4j.Tensor;
import org.torch4j.nn.Module;

/**
 * A module of a sequence and an optional additive attention mask (the wav2vec 2.0 encoder's parts): the two-argument
 * {@code call} with hooks, and the one-argument forms without a mask.
 */
abstract class MaskedModule extends Module {

    /** {@code module(x, attentionMask)}: {@link #forward(Tensor, Tensor)} with this module's hooks around it. */
    public final Tensor call(Tensor x, Tensor attentionMask) {
        return callWithHooks(args -> forward((Tensor) args.get(0), (Tensor) args.get(1)), x, attentionMask);
    }

    /** Without a mask. */
    @Override
    public Tensor forward(Tensor x) {
        return forward(x, null);
    }

    /** The output for {@code x} under {@code attentionMask} (null: none). */
    public abstract Tensor forward(Tensor x, Tensor attentionMask);
}
