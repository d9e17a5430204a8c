package org.torch4j.audio.transforms;

import org.torch4j.Tensor;
import org.torch4j.audio.functional.AudioFunctional;
import org.torch4j.nn.Module;

/**
 * {@code torchaudio.transforms.Spectrogram}: {@code [..., time]} to {@code [..., freq, frames]}
 * power (or magnitude) spectrograms, or complex ones with {@code power(null)}. The window is the buffer {@code window}, as in torchaudio.
 * Build with {@link #builder()}; {@code new Spectrogram()} has torchaudio's defaults (n_fft 400, Hann
 * window, hop 200, power 2, centred with reflect padding, one-sided).
 */
public final class Spectrogram extends Module {
    final int nFft, winLength, hopLength, pad;
    final Double power;
    final String normalized, padMode;
    final boolean center, onesided;

    /** torchaudio's defaults. */
    public Spectrogram() {
        this(builder());
    }

    /** The defaults with another FFT size (window {@code nFft}, hop {@code nFft / 2}). */
    public Spectrogram(int nFft) {
        this(builder().nFft(nFft));
    }

    Spectrogram(Builder b) {
        this.nFft = b.nFft;
        this.winLength = b.resolvedWinLength();
        this.hopLength = b.resolvedHopLength();
        this.pad = b.pad;
        this.power = b.power;
        this.normalized = b.normalized;
        this.center = b.center;
        this.padMode = b.padMode;
        this.onesided = b.onesided;
        registerBuffer("window", b.window());
    }

    /** The options, with torchaudio's defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** The window buffer. */
    public Tensor window() {
        return buffer("window");
    }

    /** The spectrogram of {@code waveform [..., time]}: {@code [..., n_fft / 2 + 1, frames]} (complex when power is null). */
    @Override
    public Tensor forward(Tensor waveform) {
        return AudioFunctional.spectrogram(waveform, pad, window(), nFft, hopLength, winLength, power, normalized, center, padMode, onesided);
    }

    /** Spectrogram options, named as torchaudio's keyword arguments. */
    public static class Builder extends FrameOptions<Builder> {
        int pad;
        Double power = 2.0;
        String normalized;
        boolean center = true;
        String padMode = "reflect";
        boolean onesided = true;

        Builder() {}

        /** Two-sided zero padding (default 0). */
        public Builder pad(int v) {
            pad = v;
            return this;
        }

        /** Exponent of the magnitude (default 2); null for the complex spectrogram. */
        public Builder power(Double v) {
            power = v;
            return this;
        }

        /** null (default), "window" or "frame_length". */
        public Builder normalized(String v) {
            normalized = v;
            return this;
        }

        /** torchaudio's boolean form: true is "window". */
        public Builder normalized(boolean v) {
            normalized = v ? "window" : null;
            return this;
        }

        /** Centre frames (default true). */
        public Builder center(boolean v) {
            center = v;
            return this;
        }

        /** Padding when centred (default "reflect"). */
        public Builder padMode(String v) {
            padMode = v;
            return this;
        }

        /** Only non-negative frequencies (default true). */
        public Builder onesided(boolean v) {
            onesided = v;
            return this;
        }

        /** The module. */
        public Spectrogram build() {
            return new Spectrogram(this);
        }
    }
}
