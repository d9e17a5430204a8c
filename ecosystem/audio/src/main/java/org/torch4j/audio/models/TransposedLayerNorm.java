package org.torch4j.audio.models;

import org.torch4j.Tensor;
import org.torch4j.nn.LayerNorm;

/**
 * Layer norm over the channels of a [batch, channel, frame] tensor (torchaudio's
 * {@code wav2vec2.components.LayerNorm}): the channel dim moves last, is normalised, and moves back.
 * The convolutions of the feature extractor produce channels-first data, hence the transposes.
 */
public class TransposedLayerNorm extends LayerNorm {
    /** Normalises {@code channels} channels, eps 1e-5, with a learned scale and shift. */
    public TransposedLayerNorm(long channels) {
        super(channels);
    }

    /** [..., channel, frame] to the same shape. */
    @Override
    public Tensor forward(Tensor input) {
        return super.forward(input.transpose(-2, -1)).transpose(-2, -1);
    }
}
