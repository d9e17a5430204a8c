package org.torch4j.audio.models;

import java.util.List;
import org.torch4j.Tensor;

/**
 * torchaudio's {@code rnnt._Transcriber}: what {@link RNNT} needs of its transcription network (a module that
 * also implements this), whole utterances and streamed segments. {@link EmformerEncoder} is torchaudio's.
 */
public interface Transcriber {
    /**
     * Whole utterances, right-padded with the right context.
     *
     * @param input [B, T + right context, D]
     * @param lengths [B] valid frames of each utterance
     * @return the encodings [B, T', outputDim] and their valid lengths
     */
    OutputAndLengths call(Tensor input, Tensor lengths);

    /**
     * One segment of a stream, right-padded with its right context.
     *
     * @param lengths [B] valid frames of the input
     * @param states the previous call's states, or null at the start of a stream
     * @return the encodings, their valid lengths and the states for the next call
     */
    Emformer.InferOutput infer(Tensor input, Tensor lengths, List<EmformerLayer.State> states);
}
