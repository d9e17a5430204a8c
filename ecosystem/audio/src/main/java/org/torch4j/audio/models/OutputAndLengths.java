package org.torch4j.audio.models;

import org.torch4j.Tensor;

/**
 * What the wav2vec 2.0 modules and the Conformer return: a batch of sequences and, when the caller passed the valid
 * length of each input, the valid length of each output (torchaudio's {@code (Tensor, Optional[Tensor])}).
 *
 * @param output the result, batch first
 * @param lengths int64 [batch] valid lengths, or null when no lengths were given
 */
public record OutputAndLengths(Tensor output, Tensor lengths) {}
