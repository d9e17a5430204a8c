package org.torch4j.audio.transforms;

import org.torch4j.Tensor;
import org.torch4j.audio.functional.Features;
import org.torch4j.nn.Module;

/** {@code torchaudio.transforms.Loudness}: integrated loudness in LUFS ({@link Features#loudness}). */
public final class Loudness extends Module {
    private final int sampleRate;

    /** For audio at {@code sampleRate} Hz. */
    public Loudness(int sampleRate) {
        this.sampleRate = sampleRate;
    }

    /** The loudness of {@code waveform} [..., channels, time]. */
    @Override
    public Tensor forward(Tensor waveform) {
        return Features.loudness(waveform, sampleRate);
    }
}
