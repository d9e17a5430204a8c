package org.torch4j.audio.transforms;

import org.torch4j.Tensor;
import org.torch4j.audio.functional.AudioFunctional;
import org.torch4j.nn.Module;

/**
 * {@code torchaudio.transforms.MelScale}: a spectrogram {@code [..., n_stft, time]} to
 * {@code [..., n_mels, time]} through the filter bank buffer {@code fb} {@code [n_stft, n_mels]}.
 */
public final class MelScale extends Module {
    final int nMels, sampleRate;
    final double fMin, fMax;

    /**
     * A mel filter bank for spectrograms of {@code nStft} bins.
     *
     * @param nMels number of mel filters
     * @param sampleRate sample rate of the audio
     * @param fMin lowest frequency (Hz)
     * @param fMax highest frequency (Hz), null for {@code sampleRate / 2} (integer division)
     * @param nStft number of STFT bins ({@code n_fft / 2 + 1})
     * @param norm null or "slaney"
     * @param melScale "htk" or "slaney"
     */
    public MelScale(int nMels, int sampleRate, double fMin, Double fMax, int nStft, String norm, String melScale) {
        this.nMels = nMels;
        this.sampleRate = sampleRate;
        this.fMax = fMax != null ? fMax : (double) (sampleRate / 2);
        this.fMin = fMin;
        if (fMin > this.fMax) throw new IllegalArgumentException("Require f_min: " + fMin + " <= f_max: " + this.fMax);
        registerBuffer("fb", AudioFunctional.melscaleFbanks(nStft, fMin, this.fMax, nMels, sampleRate, norm, melScale));
    }

    /** The filter bank {@code [n_stft, n_mels]}. */
    public Tensor fb() {
        return buffer("fb");
    }

    /** {@code (spec^T fb)^T}: {@code [..., n_mels, time]}. */
    @Override
    public Tensor forward(Tensor specgram) {
        return specgram.transpose(-1, -2).matmul(fb().to(specgram.dtype())).transpose(-1, -2);
    }
}
