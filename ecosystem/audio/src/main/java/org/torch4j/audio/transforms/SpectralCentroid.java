package org.torch4j.audio.transforms;

import org.torch4j.Tensor;
import org.torch4j.audio.functional.AudioFunctional;
import org.torch4j.audio.functional.Features;
import org.torch4j.nn.Module;

/**
 * {@code torchaudio.transforms.SpectralCentroid}: {@link Features#spectralCentroid} of each frame, with a Hann window
 * buffer {@code window}.
 */
public final class SpectralCentroid extends Module {
    private final int sampleRate, nFft, winLength, hopLength, pad;

    /** n_fft 400, window 400, hop 200, no padding. */
    public SpectralCentroid(int sampleRate) {
        this(sampleRate, 400, null, null, 0);
    }

    /** @param winLength null for {@code nFft}; @param hopLength null for half the window */
    public SpectralCentroid(int sampleRate, int nFft, Integer winLength, Integer hopLength, int pad) {
        this.sampleRate = sampleRate;
        this.nFft = nFft;
        this.winLength = winLength == null ? nFft : winLength;
        this.hopLength = hopLength == null ? this.winLength / 2 : hopLength;
        this.pad = pad;
        registerBuffer("window", AudioFunctional.hannWindow(this.winLength));
    }

    /** The centroid in Hz of each frame of {@code waveform [..., time]}: {@code [..., frames]}. */
    @Override
    public Tensor forward(Tensor waveform) {
        return Features.spectralCentroid(waveform, sampleRate, pad, buffer("window").to(waveform.dtype()), nFft, hopLength, winLength);
    }
}
