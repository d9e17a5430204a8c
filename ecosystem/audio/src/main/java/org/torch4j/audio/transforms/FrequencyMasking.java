package org.torch4j.audio.transforms;

import org.torch4j.Generator;

/** {@code torchaudio.transforms.FrequencyMasking}: a band of up to {@code freqMaskParam} frequency bins set to 0. */
public final class FrequencyMasking extends AxisMasking {
    /** One band shared by a batch, drawn from the default generator. */
    public FrequencyMasking(int freqMaskParam) {
        this(freqMaskParam, false, null);
    }

    /**
     * Frequency masking with every option.
     *
     * @param freqMaskParam the widest band, drawn uniformly from [0, freqMaskParam)
     * @param iidMasks independent bands per (batch, channel) for 4-d inputs
     * @param generator the random source (null for the default generator)
     */
    public FrequencyMasking(int freqMaskParam, boolean iidMasks, Generator generator) {
        super(freqMaskParam, 1, iidMasks, 1.0, generator);
    }
}
