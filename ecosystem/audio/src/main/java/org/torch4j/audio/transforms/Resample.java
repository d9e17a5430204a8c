package org.torch4j.audio.transforms;

import org.torch4j.DType;
import org.torch4j.Tensor;
import org.torch4j.audio.functional.AudioFunctional;
import org.torch4j.nn.Module;

/**
 * {@code torchaudio.transforms.Resample}: the windowed-sinc kernel is computed once in the constructor
 * (buffer {@code kernel}, float32 unless the module is cast) and applied as a strided convolution.
 */
public final class Resample extends Module {
    final int origFreq, newFreq, width, orig, neu;

    /** torchaudio's defaults: "sinc_interpolation", lowpass filter width 6, rolloff 0.99. */
    public Resample(int origFreq, int newFreq) {
        this(origFreq, newFreq, "sinc_interpolation", 6, 0.99, null);
    }

    /**
     * Resampling with every option.
     *
     * @param origFreq the input sample rate (positive)
     * @param newFreq the output sample rate (positive)
     * @param method "sinc_interpolation" (Hann) or "kaiser_window" (see {@link AudioFunctional#resampleKernel})
     * @param lowpassFilterWidth the filter's half width in zero crossings
     * @param rolloff the cut-off as a fraction of the lower Nyquist frequency
     * @param beta the Kaiser window's beta (null for torchaudio's default)
     */
    public Resample(int origFreq, int newFreq, String method, int lowpassFilterWidth, double rolloff, Double beta) {
        this.origFreq = origFreq;
        this.newFreq = newFreq;
        AudioFunctional.ResampleKernel k = AudioFunctional.resampleKernel(origFreq, newFreq, lowpassFilterWidth, rolloff, method, beta, DType.FLOAT32);
        this.width = k.width();
        this.orig = k.origFreq();
        this.neu = k.newFreq();
        if (origFreq != newFreq) registerBuffer("kernel", k.kernel());
    }

    /** The waveform {@code [..., time]} at the new rate (the input itself when the rates are equal). */
    @Override
    public Tensor forward(Tensor waveform) {
        if (origFreq == newFreq) return waveform;
        return AudioFunctional.applyResampleKernel(waveform, new AudioFunctional.ResampleKernel(buffer("kernel"), width, orig, neu));
    }
}
