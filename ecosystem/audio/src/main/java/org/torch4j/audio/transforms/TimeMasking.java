package org.torch4j.audio.transforms;

import org.torch4j.Generator;

/** {@code torchaudio.transforms.TimeMasking}: a band of up to {@code timeMaskParam} frames set to 0. */
public final class TimeMasking extends AxisMasking {
    /** One band shared by a batch, p = 1, drawn from the default generator. */
    public TimeMasking(int timeMaskParam) {
        this(timeMaskParam, false, 1.0, null);
    }

    /**
     * Time masking with every option.
     *
     * @param timeMaskParam the widest band, drawn uniformly from [0, timeMaskParam)
     * @param iidMasks independent bands per (batch, channel) for 4-d inputs
     * @param p the largest fraction of frames a band may cover
     * @param generator the random source (null for the default generator)
     */
    public TimeMasking(int timeMaskParam, boolean iidMasks, double p, Generator generator) {
        super(timeMaskParam, 2, iidMasks, p, generator);
    }
}
