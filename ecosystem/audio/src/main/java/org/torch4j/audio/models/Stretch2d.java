package org.torch4j.audio.models;

import org.torch4j.Tensor;
import org.torch4j.nn.Module;

/**
 * Nearest-neighbour upscaling of a spectrogram (torchaudio's {@code wavernn.Stretch2d}): every frequency
 * bin repeated {@code freqScale} times and every frame {@code timeScale} times. No parameters.
 */
public class Stretch2d extends Module {
    /** The repeats along time (last dim) and frequency (second to last). */
    public final long timeScale, freqScale;

    /** torchaudio's constructor, time scale first. */
    public Stretch2d(long timeScale, long freqScale) {
        this.timeScale = timeScale;
        this.freqScale = freqScale;
    }

    /** [..., freq, time] to [..., freq * freqScale, time * timeScale]. */
    @Override
    public Tensor forward(Tensor specgram) {
        return specgram.repeatInterleave(freqScale, -2).repeatInterleave(timeScale, -1);
    }
}
