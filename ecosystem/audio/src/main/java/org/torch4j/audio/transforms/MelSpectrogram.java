package org.torch4j.audio.transforms;

import org.torch4j.Tensor;
import org.torch4j.nn.Module;

/**
 * {@code torchaudio.transforms.MelSpectrogram}: a {@link Spectrogram} ({@code spectrogram}) then a
 * {@link MelScale} ({@code mel_scale}); state_dict keys {@code spectrogram.window} and
 * {@code mel_scale.fb}. torchaudio's defaults: sample rate 16000, n_fft 400, 128 mels, f_min 0,
 * f_max sample_rate / 2, power 2, htk scale, no norm.
 */
public final class MelSpectrogram extends Module {
    final int sampleRate, nMels, nFft;
    private final Spectrogram spectrogram;
    private final MelScale melScale;

    /** torchaudio's defaults. */
    public MelSpectrogram() {
        this(builder());
    }

    MelSpectrogram(Builder b) {
        this.sampleRate = b.sampleRate;
        this.nMels = b.nMels;
        this.nFft = b.spec.nFft;
        this.spectrogram = registerModule("spectrogram", b.spec.build());
        this.melScale = registerModule("mel_scale", new MelScale(b.nMels, b.sampleRate, b.fMin, b.fMax, b.spec.nFft / 2 + 1, b.norm, b.melScale));
    }

    /** The options, with torchaudio's defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** The number of mel bins. */
    public int nMels() {
        return nMels;
    }

    /** The mel spectrogram of {@code waveform [..., time]}: {@code [..., n_mels, frames]}. */
    @Override
    public Tensor forward(Tensor waveform) {
        return melScale.call(spectrogram.call(waveform));
    }

    /** MelSpectrogram options, named as torchaudio's keyword arguments. */
    public static final class Builder {
        final Spectrogram.Builder spec = Spectrogram.builder();
        int sampleRate = 16000, nMels = 128;
        double fMin;
        Double fMax;
        String norm, melScale = "htk";

        Builder() {}

        /** Sample rate (default 16000). */
        public Builder sampleRate(int v) {
            sampleRate = v;
            return this;
        }

        /** FFT size (default 400). */
        public Builder nFft(int v) {
            spec.nFft(v);
            return this;
        }

        /** Window length (default n_fft). */
        public Builder winLength(int v) {
            spec.winLength(v);
            return this;
        }

        /** Hop length (default win_length / 2). */
        public Builder hopLength(int v) {
            spec.hopLength(v);
            return this;
        }

        /** Lowest frequency (default 0). */
        public Builder fMin(double v) {
            fMin = v;
            return this;
        }

        /** Highest frequency (default sample_rate / 2). */
        public Builder fMax(double v) {
            fMax = v;
            return this;
        }

        /** Two-sided zero padding (default 0). */
        public Builder pad(int v) {
            spec.pad(v);
            return this;
        }

        /** Number of mel filters (default 128). */
        public Builder nMels(int v) {
            nMels = v;
            return this;
        }

        /** Window function (default periodic Hann). */
        public Builder windowFn(java.util.function.IntFunction<Tensor> v) {
            spec.windowFn(v);
            return this;
        }

        /** Exponent of the magnitude (default 2). */
        public Builder power(double v) {
            spec.power(v);
            return this;
        }

        /** Spectrogram normalisation: true for "window". */
        public Builder normalized(boolean v) {
            spec.normalized(v);
            return this;
        }

        /** Spectrogram normalisation: null (default), "window" or "frame_length". */
        public Builder normalized(String v) {
            spec.normalized(v);
            return this;
        }

        /** Only non-negative frequencies (default true; the filter bank needs it). */
        public Builder onesided(boolean v) {
            if (!v) throw new IllegalArgumentException("MelSpectrogram needs a one-sided spectrogram (n_fft / 2 + 1 bins)");
            spec.onesided(v);
            return this;
        }

        /** Centre frames (default true). */
        public Builder center(boolean v) {
            spec.center(v);
            return this;
        }

        /** Padding when centred (default "reflect"). */
        public Builder padMode(String v) {
            spec.padMode(v);
            return this;
        }

        /** Filter bank norm: null (default) or "slaney". */
        public Builder norm(String v) {
            norm = v;
            return this;
        }

        /** "htk" (default) or "slaney". */
        public Builder melScale(String v) {
            melScale = v;
            return this;
        }

        /** The module. */
        public MelSpectrogram build() {
            return new MelSpectrogram(this);
        }
    }
}
