package org.torch4j.audio.transforms;

import org.torch4j.Tensor;
import org.torch4j.audio.functional.VoiceActivity;
import org.torch4j.nn.Module;

/**
 * {@code torchaudio.transforms.Vad}: {@link VoiceActivity#vad} with torchaudio's default thresholds and timings,
 * trimming the leading silence of [channels, time] or [time].
 */
public final class Vad extends Module {
    private final int sampleRate;
    private final double triggerLevel, triggerTime, searchTime, allowedGap, preTriggerTime;

    /** torchaudio's defaults: trigger level 7, trigger time 0.25 s, search 1 s, gap 0.25 s, no pre-trigger. */
    public Vad(int sampleRate) {
        this(sampleRate, 7.0, 0.25, 1.0, 0.25, 0.0);
    }

    /** The detector's main settings (the spectral ones keep torchaudio's defaults). */
    public Vad(int sampleRate, double triggerLevel, double triggerTime, double searchTime, double allowedGap, double preTriggerTime) {
        this.sampleRate = sampleRate;
        this.triggerLevel = triggerLevel;
        this.triggerTime = triggerTime;
        this.searchTime = searchTime;
        this.allowedGap = allowedGap;
        this.preTriggerTime = preTriggerTime;
    }

    /** The waveform from the start of voice activity on. */
    @Override
    public Tensor forward(Tensor waveform) {
        return VoiceActivity.vad(waveform, sampleRate, triggerLevel, triggerTime, searchTime, allowedGap, preTriggerTime, 0.35, 0.1, 0.01, 1.35,
                20.0, null, 0.4, 50.0, 6000.0, 150.0, 2000.0);
    }
}
