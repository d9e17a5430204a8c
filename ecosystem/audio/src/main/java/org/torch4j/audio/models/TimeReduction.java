package org.torch4j.audio.models;

import org.torch4j.Tensor;
import org.torch4j.nn.Module;

/**
 * torchaudio's {@code rnnt._TimeReduction}: merges every {@code stride} consecutive frames into one frame
 * {@code stride} times as wide, dropping the frames that do not fill a last group. No parameters.
 */
public class TimeReduction extends Module {
    /** Frames merged into each output frame. */
    public final long stride;

    /** torchaudio's constructor. */
    public TimeReduction(long stride) {
        this.stride = stride;
    }

    /** {@code time_reduction(input, lengths)}: {@link #forward(Tensor, Tensor)} with this module's hooks around it. */
    public final OutputAndLengths call(Tensor input, Tensor lengths) {
        return callWithHooks(args -> forward((Tensor) args.get(0), (Tensor) args.get(1)), input, lengths);
    }

    /**
     * [B, T, D] to [B, T / stride, D * stride], and the lengths divided by the stride (truncated).
     *
     * @param lengths [B] valid frames of each sequence
     */
    public OutputAndLengths forward(Tensor input, Tensor lengths) {
        long b = input.size(0), t = input.size(1), d = input.size(2);
        long frames = t - t % stride;
        Tensor output = input.narrow(1, 0, frames).reshape(b, frames / stride, d * stride).contiguous();
        return new OutputAndLengths(output, lengths.div(stride, "trunc"));
    }
}
