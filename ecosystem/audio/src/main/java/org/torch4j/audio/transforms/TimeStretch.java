package org.torch4j.audio.transforms;

import org.torch4j.DType;
import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.audio.functional.AudioFunctional;
import org.torch4j.nn.Module;

/**
 * {@code torchaudio.transforms.TimeStretch}: stretches a complex spectrogram {@code [..., freq, frames]}
 * in time without changing its pitch, by {@link AudioFunctional#phaseVocoder}.
 * The buffer {@code phase_advance} {@code [n_freq, 1]} is {@code linspace(0, pi * hop_length, n_freq)}
 * (float32), as torchaudio's.
 */
public final class TimeStretch extends Module {
    final Double fixedRate;

    /** torchaudio's defaults: 201 bins, hop {@code n_fft / 2} with {@code n_fft = 2 (n_freq - 1)}, no fixed rate. */
    public TimeStretch() {
        this(null, 201, null);
    }

    /**
     * A time stretch for spectrograms of {@code nFreq} bins.
     *
     * @param hopLength the STFT's hop, null for {@code n_fft / 2}
     * @param nFreq the number of bins ({@code n_fft / 2 + 1})
     * @param fixedRate the rate used when forward is given none (null: forward must be given one)
     */
    public TimeStretch(Integer hopLength, int nFreq, Double fixedRate) {
        this.fixedRate = fixedRate;
        int nFft = (nFreq - 1) * 2;
        int hop = hopLength != null ? hopLength : nFft / 2;
        Tensor advance = Torch.linspace(0, Math.PI * hop, nFreq).to(DType.FLOAT32);
        registerBuffer("phase_advance", advance.unsqueeze(1));
    }

    /** The expected phase advance per hop of each bin, {@code [n_freq, 1]}. */
    public Tensor phaseAdvance() {
        return buffer("phase_advance");
    }

    /** Stretched by the fixed rate. */
    @Override
    public Tensor forward(Tensor complexSpecgrams) {
        return forward(complexSpecgrams, null);
    }

    /** Stretched by {@code overridingRate}, or the fixed rate when it is null: {@code ceil(frames / rate)} frames. */
    public Tensor forward(Tensor complexSpecgrams, Double overridingRate) {
        double rate;
        if (overridingRate == null) {
            if (fixedRate == null) throw new IllegalArgumentException("If no fixed_rate is specified, must pass a valid rate to the forward method.");
            rate = fixedRate;
        } else {
            rate = overridingRate;
        }
        return AudioFunctional.phaseVocoder(complexSpecgrams, rate, phaseAdvance());
    }

    /** {@link #forward(Tensor, Double)} with the module's hooks around it. */
    public Tensor call(Tensor complexSpecgrams, Double overridingRate) {
        return callWithHooks(args -> forward((Tensor) args.get(0), (Double) args.get(1)), complexSpecgrams, overridingRate);
    }
}
