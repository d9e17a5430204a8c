package org.torch4j.audio.transforms;

import org.torch4j.Generator;
import org.torch4j.Tensor;
import org.torch4j.audio.functional.AudioFunctional;
import org.torch4j.nn.Module;

/**
 * {@code torchaudio.transforms.GriffinLim}: a waveform {@code [..., time]} from a magnitude (or power)
 * spectrogram {@code [..., n_fft / 2 + 1, frames]} by {@link AudioFunctional#griffinlim}. The window is
 * the buffer {@code window}. Defaults as torchaudio's: n_fft 400, 32 iterations, window n_fft, hop
 * {@code win_length / 2}, Hann window, power 2, momentum 0.99, random initial phases (from the default
 * generator unless {@link Builder#generator} gives one: the same numbers as torchaudio after
 * {@code torch.manual_seed}).
 */
public final class GriffinLim extends Module {
    final int nFft, nIter, winLength, hopLength;
    final double power, momentum;
    final Integer length;
    final boolean randInit;
    final Generator generator;

    /** torchaudio's defaults. */
    public GriffinLim() {
        this(builder());
    }

    GriffinLim(Builder b) {
        if (!(0 <= b.momentum && b.momentum < 1)) {
            throw new IllegalArgumentException("momentum must be in the range [0, 1). Found: " + b.momentum);
        }
        this.nFft = b.nFft;
        this.nIter = b.nIter;
        this.winLength = b.resolvedWinLength();
        this.hopLength = b.resolvedHopLength();
        this.power = b.power;
        this.momentum = b.momentum;
        this.length = b.length;
        this.randInit = b.randInit;
        this.generator = b.generator;
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

    /** The waveform whose spectrogram approximates {@code specgram}. */
    @Override
    public Tensor forward(Tensor specgram) {
        return AudioFunctional.griffinlim(specgram, window(), nFft, hopLength, winLength, power, nIter, momentum, length, randInit, generator);
    }

    /** GriffinLim options, named as torchaudio's keyword arguments. */
    public static final class Builder extends FrameOptions<Builder> {
        int nIter = 32;
        Integer length;
        double power = 2.0, momentum = 0.99;
        boolean randInit = true;
        Generator generator;

        Builder() {}

        /** Iterations (default 32). */
        public Builder nIter(int v) {
            nIter = v;
            return this;
        }

        /** Exponent of the input's magnitude (default 2). */
        public Builder power(double v) {
            power = v;
            return this;
        }

        /** Fast Griffin-Lim's momentum in [0, 1) (default 0.99). */
        public Builder momentum(double v) {
            momentum = v;
            return this;
        }

        /** Output length (default null: given by the frames). */
        public Builder length(Integer v) {
            length = v;
            return this;
        }

        /** Random initial phases (default true) or zero phase. */
        public Builder randInit(boolean v) {
            randInit = v;
            return this;
        }

        /** The random source of the initial phases (default: the default generator). */
        public Builder generator(Generator v) {
            generator = v;
            return this;
        }

        /** The module. */
        public GriffinLim build() {
            return new GriffinLim(this);
        }
    }
}
