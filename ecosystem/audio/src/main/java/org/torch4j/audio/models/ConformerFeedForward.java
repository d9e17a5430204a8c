package org.torch4j.audio.models;

import org.torch4j.Tensor;
import org.torch4j.nn.Dropout;
import org.torch4j.nn.LayerNorm;
import org.torch4j.nn.Linear;
import org.torch4j.nn.Module;
import org.torch4j.nn.Sequential;
import org.torch4j.nn.SiLU;

/**
 * The position-wise feed-forward module of a Conformer layer (torchaudio's {@code conformer._FeedForwardModule}):
 * layer norm, linear to the hidden width, SiLU, dropout, linear back, dropout. It normalises its own
 * input; the half-step residual is the layer's.
 */
public class ConformerFeedForward extends Module {
    /** {@code sequential}: the six layers in torchaudio's order (keys {@code sequential.0} to {@code sequential.5}). */
    public final Sequential sequential;

    /**
     * torchaudio's constructor.
     *
     * @param inputDim the model width
     * @param hiddenDim the width between the two linears
     * @param dropout the probability of both dropouts
     */
    public ConformerFeedForward(long inputDim, long hiddenDim, double dropout) {
        sequential = registerModule("sequential", new Sequential(
                new LayerNorm(inputDim),
                new Linear(inputDim, hiddenDim),
                new SiLU(),
                new Dropout(dropout),
                new Linear(hiddenDim, inputDim),
                new Dropout(dropout)));
    }

    /** [..., inputDim] to the same shape. */
    @Override
    public Tensor forward(Tensor input) {
        return sequential.call(input);
    }
}
