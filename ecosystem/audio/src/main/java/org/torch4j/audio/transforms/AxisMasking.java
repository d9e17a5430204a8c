package org.torch4j.audio.transforms;

import org.torch4j.Generator;
import org.torch4j.Tensor;
import org.torch4j.audio.functional.AudioFunctional;
import org.torch4j.nn.Module;

/**
 * SpecAugment masking along one axis ({@code torchaudio.transforms._AxisMasking}): with
 * {@code iidMasks} and a 4-d input {@code [batch, channel, freq, time]} each spectrogram gets its own
 * band, otherwise one band is shared. As in torchaudio 0.13, masking is applied in eval mode too.
 */
public abstract sealed class AxisMasking extends Module permits FrequencyMasking, TimeMasking {
    final int maskParam, axis;
    final boolean iidMasks;
    final double p;
    final Generator generator;

    AxisMasking(int maskParam, int axis, boolean iidMasks, double p, Generator generator) {
        if (maskParam < 0) throw new IllegalArgumentException("mask_param must be non-negative, got " + maskParam);
        if (!(p >= 0.0 && p <= 1.0)) throw new IllegalArgumentException("The value of p must be between 0.0 and 1.0 (" + p + " given).");
        this.maskParam = maskParam;
        this.axis = axis;
        this.iidMasks = iidMasks;
        this.p = p;
        this.generator = generator;
    }

    /** The masked spectrogram, masked positions set to 0. */
    @Override
    public Tensor forward(Tensor specgram) {
        return forward(specgram, 0.0);
    }

    /** {@link #forward(Tensor, double)} with this module's hooks, as {@code module(specgram, mask_value)}. */
    public Tensor call(Tensor specgram, double maskValue) {
        return callWithHooks(args -> forward((Tensor) args.get(0), ((Number) args.get(1)).doubleValue()), specgram, maskValue);
    }

    /** The masked spectrogram, masked positions set to {@code maskValue}. */
    public Tensor forward(Tensor specgram, double maskValue) {
        if (iidMasks && specgram.dim() == 4) return AudioFunctional.maskAlongAxisIid(specgram, maskParam, maskValue, axis + 1, p, generator);
        return AudioFunctional.maskAlongAxis(specgram, maskParam, maskValue, axis, p, generator);
    }
}
