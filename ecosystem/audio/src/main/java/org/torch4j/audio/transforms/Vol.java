package org.torch4j.audio.transforms;

import org.torch4j.Tensor;
import org.torch4j.audio.functional.AudioFunctional;
import org.torch4j.nn.Module;

/**
 * {@code torchaudio.transforms.Vol}: scales a waveform by an amplitude ratio, a gain in decibels or a
 * power ratio, then clamps it to [-1, 1].
 */
public final class Vol extends Module {
    final double gain;
    final String gainType;

    /**
     * A volume change by {@code gain} of the given type.
     *
     * @param gain the ratio (amplitude or power, non-negative) or decibels
     * @param gainType "amplitude" (torchaudio's default), "db" or "power"
     */
    public Vol(double gain, String gainType) {
        if (!gainType.equals("amplitude") && !gainType.equals("db") && !gainType.equals("power")) {
            // torchaudio accepts any string and then only clamps; refusing it is kinder
            throw new IllegalArgumentException("gain_type must be one of \"amplitude\", \"db\" or \"power\", got " + gainType);
        }
        if (!gainType.equals("db") && gain < 0) throw new IllegalArgumentException("If gain_type = amplitude or power, gain must be positive.");
        this.gain = gain;
        this.gainType = gainType;
    }

    /** An amplitude ratio. */
    public Vol(double gain) {
        this(gain, "amplitude");
    }

    /** The scaled waveform, clamped to [-1, 1]. */
    @Override
    public Tensor forward(Tensor waveform) {
        Tensor y = switch (gainType) {
            case "amplitude" -> waveform.mul(gain);
            case "db" -> AudioFunctional.gain(waveform, gain);
            default -> AudioFunctional.gain(waveform, 10 * Math.log10(gain));
        };
        return y.clamp(-1.0, 1.0);
    }
}
