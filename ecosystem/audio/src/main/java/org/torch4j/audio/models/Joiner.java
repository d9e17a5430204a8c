package org.torch4j.audio.models;

import org.torch4j.Tensor;
import org.torch4j.nn.Linear;
import org.torch4j.nn.Module;
import org.torch4j.nn.ReLU;
import org.torch4j.nn.Tanh;

/**
 * torchaudio's {@code rnnt._Joiner}, the RNN-T joint network: every source encoding plus every target encoding
 * (broadcast to [B, T, U, D]), an activation, and a linear layer to the symbols' logits.
 */
public class Joiner extends Module {
    /**
     * What the joint network gives.
     *
     * @param output [B, T, U, outputDim] the logits
     * @param sourceLengths the source lengths, unchanged
     * @param targetLengths the target lengths, unchanged
     */
    public record Output(Tensor output, Tensor sourceLengths, Tensor targetLengths) {}

    /** {@code linear}: encoding width to the number of symbols. */
    public final Linear linear;
    /** {@code activation}: ReLU or Tanh. */
    public final Module activation;

    /**
     * torchaudio's constructor.
     *
     * @param activation "relu" (torchaudio's default) or "tanh"
     * @throws IllegalArgumentException for another activation
     */
    public Joiner(long inputDim, long outputDim, String activation) {
        linear = registerModule("linear", new Linear(inputDim, outputDim, true));
        this.activation = registerModule("activation", switch (activation) {
            case "relu" -> new ReLU();
            case "tanh" -> new Tanh();
            default -> throw new IllegalArgumentException("Unsupported activation " + activation);
        });
    }

    /** With torchaudio's default ReLU. */
    public Joiner(long inputDim, long outputDim) {
        this(inputDim, outputDim, "relu");
    }

    /** {@code joiner(...)}: {@link #forward(Tensor, Tensor, Tensor, Tensor)} with this module's hooks around it. */
    public final Output call(Tensor sourceEncodings, Tensor sourceLengths, Tensor targetEncodings, Tensor targetLengths) {
        return callWithHooks(args -> forward((Tensor) args.get(0), (Tensor) args.get(1), (Tensor) args.get(2), (Tensor) args.get(3)),
                sourceEncodings, sourceLengths, targetEncodings, targetLengths);
    }

    /**
     * Joins source encodings [B, T, D] and target encodings [B, U, D] into logits [B, T, U, outputDim].
     *
     * @param sourceLengths [B] valid source frames (passed through)
     * @param targetLengths [B] valid target positions (passed through)
     */
    public Output forward(Tensor sourceEncodings, Tensor sourceLengths, Tensor targetEncodings, Tensor targetLengths) {
        Tensor joint = sourceEncodings.unsqueeze(2).contiguous().add(targetEncodings.unsqueeze(1).contiguous());
        return new Output(linear.call(activation.call(joint)), sourceLengths, targetLengths);
    }
}
