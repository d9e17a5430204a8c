package org.torch4j.audio.transforms;

import org.torch4j.Tensor;
import org.torch4j.audio.functional.AudioFunctional;
import org.torch4j.audio.functional.Features;
import org.torch4j.nn.Module;

/**
 * {@code torchaudio.transforms.PitchShift}: {@link Features#pitchShift} with a Hann window buffer {@code window}.
 * torchaudio also keeps the resampling kernel as a lazily created parameter {@code kernel}; here it is computed
 * per call, so the state dict holds only the window.
 */
public final class PitchShift extends Module {
    private final int sampleRate, nSteps, binsPerOctave, nFft, winLength, hopLength;

    /** 12 steps per octave, n_fft 512, window n_fft, hop a quarter of the window. */
    public PitchShift(int sampleRate, int nSteps) {
        this(sampleRate, nSteps, 12, 512, null, null);
    }

    /** @param winLength null for {@code nFft}; @param hopLength null for a quarter of the window */
    public PitchShift(int sampleRate, int nSteps, int binsPerOctave, int nFft, Integer winLength, Integer hopLength) {
        this.sampleRate = sampleRate;
        this.nSteps = nSteps;
        this.binsPerOctave = binsPerOctave;
        this.nFft = nFft;
        this.winLength = winLength == null ? nFft : winLength;
        this.hopLength = hopLength == null ? this.winLength / 4 : hopLength;
        registerBuffer("window", AudioFunctional.hannWindow(this.winLength));
    }

    /** The pitch-shifted waveform, as long as the input. */
    @Override
    public Tensor forward(Tensor waveform) {
        return Features.pitchShift(waveform, sampleRate, nSteps, binsPerOctave, nFft, winLength, hopLength, buffer("window").to(waveform.dtype()));
    }
}
