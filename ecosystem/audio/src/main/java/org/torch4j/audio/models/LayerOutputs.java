package org.torch4j.audio.models;

import java.util.List;
import org.torch4j.Tensor;

/**
 * What {@link Wav2Vec2Model#extractFeatures} returns: the output of each transformer layer, first to
 * last, and the valid length of each sequence.
 *
 * @param layers one [batch, frame, embed] tensor per layer run
 * @param lengths int64 [batch] valid frame counts, or null when no lengths were given
 */
public record LayerOutputs(List<Tensor> layers, Tensor lengths) {
    /** Copies the list, so the record stays unchanged. */
    public LayerOutputs {
        layers = List.copyOf(layers);
    }
}
