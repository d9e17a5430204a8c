package org.torch4j.audio.transforms;

import org.torch4j.Tensor;
import org.torch4j.audio.functional.AudioFunctional;
import org.torch4j.nn.Module;

/**
 * {@code torchaudio.transforms.MFCC}: a {@link MelSpectrogram} (child {@code MelSpectrogram}), then
 * decibels ({@link AmplitudeToDB} "power" with top_db 80, child {@code amplitude_to_DB}) or, with
 * {@code logMels}, {@code log(mel + 1e-6)}, then the DCT-II buffer {@code dct_mat}
 * {@code [n_mels, n_mfcc]}. State keys as torchaudio: {@code dct_mat},
 * {@code MelSpectrogram.spectrogram.window}, {@code MelSpectrogram.mel_scale.fb}.
 */
public final class MFCC extends Module {
    final int sampleRate, nMfcc;
    final boolean logMels;
    private final AmplitudeToDB amplitudeToDB;
    private final MelSpectrogram melSpectrogram;

    /** torchaudio's defaults: 16000 Hz, 40 coefficients, "ortho" DCT, dB, default MelSpectrogram. */
    public MFCC() {
        this(16000, 40, 2, "ortho", false, null);
    }

    /**
     * MFCCs with every option.
     *
     * @param sampleRate sample rate (the mel spectrogram's sample rate is set to it)
     * @param nMfcc number of coefficients kept
     * @param dctType only 2 is supported (as torchaudio)
     * @param norm DCT norm: "ortho" or null
     * @param logMels log of the mel spectrogram instead of decibels
     * @param melkwargs the mel spectrogram's options (null for the defaults); its sample rate is replaced
     */
    public MFCC(int sampleRate, int nMfcc, int dctType, String norm, boolean logMels, MelSpectrogram.Builder melkwargs) {
        if (dctType != 2) throw new IllegalArgumentException("DCT type not supported: " + dctType);
        this.sampleRate = sampleRate;
        this.nMfcc = nMfcc;
        this.logMels = logMels;
        this.amplitudeToDB = registerModule("amplitude_to_DB", new AmplitudeToDB("power", 80.0));
        MelSpectrogram.Builder b = melkwargs == null ? MelSpectrogram.builder() : melkwargs;
        this.melSpectrogram = registerModule("MelSpectrogram", b.sampleRate(sampleRate).build());
        if (nMfcc > melSpectrogram.nMels()) throw new IllegalArgumentException("Cannot select more MFCC coefficients than # mel bins");
        registerBuffer("dct_mat", AudioFunctional.createDct(nMfcc, melSpectrogram.nMels(), norm));
    }

    /** The MFCCs of {@code waveform [..., time]}: {@code [..., n_mfcc, frames]}. */
    @Override
    public Tensor forward(Tensor waveform) {
        Tensor mel = melSpectrogram.call(waveform);
        mel = logMels ? mel.add(1e-6).log() : amplitudeToDB.call(mel);
        return mel.transpose(-1, -2).matmul(buffer("dct_mat").to(mel.dtype())).transpose(-1, -2);
    }
}
