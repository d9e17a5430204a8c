package org.torch4j.audio.transforms;

import org.torch4j.Tensor;
import org.torch4j.audio.functional.AudioFunctional;
import org.torch4j.audio.functional.Features;
import org.torch4j.nn.Module;

/**
 * {@code torchaudio.transforms.LFCC}: linear-frequency cepstral coefficients: a {@link Spectrogram} (child
 * {@code Spectrogram}), triangular filters evenly spaced in Hz (buffer {@code filter_mat} [n_freqs, n_filter],
 * {@link Features#linearFbanks}), decibels ({@link AmplitudeToDB} "power", top_db 80) or with {@code logLf}
 * {@code log(x + 1e-6)}, then the DCT-II buffer {@code dct_mat} [n_filter, n_lfcc]. State keys as torchaudio's.
 */
public final class LFCC extends Module {
    private final AmplitudeToDB amplitudeToDB;
    private final Spectrogram spectrogram;
    private final boolean logLf;

    /** torchaudio's defaults: 16000 Hz, 128 filters from 0 to 8000 Hz, 40 coefficients, "ortho" DCT, dB, default spectrogram. */
    public LFCC() {
        this(16000, 128, 0.0, null, 40, 2, "ortho", false, null);
    }

    /**
     * @param fMax the top filter edge, or null for half the sample rate
     * @param dctType only 2 is supported (as torchaudio)
     * @param speckwargs the spectrogram's options, or null for the defaults (n_fft 400)
     * @throws IllegalArgumentException for another DCT type, or more coefficients than FFT bins
     */
    public LFCC(int sampleRate, int nFilter, double fMin, Double fMax, int nLfcc, int dctType, String norm, boolean logLf,
            Spectrogram.Builder speckwargs) {
        if (dctType != 2) throw new IllegalArgumentException("DCT type not supported: " + dctType);
        this.amplitudeToDB = registerModule("amplitude_to_DB", new AmplitudeToDB("power", 80.0));
        this.spectrogram = registerModule("Spectrogram", (speckwargs == null ? Spectrogram.builder() : speckwargs).build());
        if (nLfcc > spectrogram.nFft) throw new IllegalArgumentException("Cannot select more LFCC coefficients than # fft bins");
        registerBuffer("filter_mat", Features.linearFbanks(spectrogram.nFft / 2 + 1, fMin, fMax == null ? (double) (sampleRate / 2) : fMax, nFilter,
                sampleRate));
        registerBuffer("dct_mat", AudioFunctional.createDct(nLfcc, nFilter, norm));
        this.logLf = logLf;
    }

    /** The LFCCs of {@code waveform [..., time]}: {@code [..., n_lfcc, frames]}. */
    @Override
    public Tensor forward(Tensor waveform) {
        Tensor spec = spectrogram.call(waveform);
        spec = spec.transpose(-1, -2).matmul(buffer("filter_mat").to(spec.dtype())).transpose(-1, -2);
        spec = logLf ? spec.add(1e-6).log() : amplitudeToDB.call(spec);
        return spec.transpose(-1, -2).matmul(buffer("dct_mat").to(spec.dtype())).transpose(-1, -2);
    }
}
