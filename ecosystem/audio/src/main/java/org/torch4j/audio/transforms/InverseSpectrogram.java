package org.torch4j.audio.transforms;

import java.util.function.IntFunction;
import org.torch4j.Tensor;
import org.torch4j.audio.functional.AudioFunctional;
import org.torch4j.nn.Module;

/**
 * {@code torchaudio.transforms.InverseSpectrogram}: a complex spectrogram {@code [..., freq, frames]}
 * (as {@link AudioFunctional#stft} or {@link Spectrogram} with {@code power(null)} give it) back to a waveform
 * {@code [..., time]}. The window is the buffer {@code window}, as in torchaudio. Its options are
 * {@link Spectrogram}'s ({@link Spectrogram#builder()}; {@code power} is not used), so one builder
 * describes a forward and inverse pair.
 */
public final class InverseSpectrogram extends Module {
    final int nFft, winLength, hopLength, pad;
    final String normalized, padMode;
    final boolean center, onesided;

    /** torchaudio's defaults (n_fft 400, Hann window, hop 200, centred, one-sided). */
    public InverseSpectrogram() {
        this(Spectrogram.builder());
    }

    /** The defaults with another FFT size (window {@code nFft}, hop {@code nFft / 2}). */
    public InverseSpectrogram(int nFft) {
        this(Spectrogram.builder().nFft(nFft));
    }

    /** The inverse of the spectrogram these options describe. */
    public InverseSpectrogram(Spectrogram.Builder b) {
        this.nFft = b.nFft;
        this.winLength = b.winLength != null ? b.winLength : b.nFft;
        this.hopLength = b.hopLength != null ? b.hopLength : this.winLength / 2;
        this.pad = b.pad;
        this.normalized = b.normalized;
        this.center = b.center;
        this.padMode = b.padMode;
        this.onesided = b.onesided;
        IntFunction<Tensor> windowFn = b.windowFn;
        registerBuffer("window", windowFn == null ? AudioFunctional.hannWindow(winLength) : windowFn.apply(winLength));
    }

    /** The window buffer. */
    public Tensor window() {
        return buffer("window");
    }

    /** The waveform of the complex {@code spectrogram}, its length given by the frames. */
    @Override
    public Tensor forward(Tensor spectrogram) {
        return forward(spectrogram, null);
    }

    /** The waveform of the complex {@code spectrogram} with {@code length} samples (null: given by the frames). */
    public Tensor forward(Tensor spectrogram, Integer length) {
        return AudioFunctional.inverseSpectrogram(spectrogram, length, pad, window(), nFft, hopLength, winLength, normalized, center, padMode, onesided);
    }

    /** {@link #forward(Tensor, Integer)} with the module's hooks around it. */
    public Tensor call(Tensor spectrogram, Integer length) {
        return callWithHooks(args -> forward((Tensor) args.get(0), (Integer) args.get(1)), spectrogram, length);
    }
}
