package org.torch4j.audio.transforms;

import java.util.function.IntFunction;
import org.torch4j.Tensor;
import org.torch4j.audio.functional.AudioFunctional;

/**
 * The framing options the STFT-based transforms' builders share, with torchaudio's defaults: FFT size
 * 400, window length n_fft, hop win_length / 2, periodic Hann window.
 *
 * @param <B> the builder type, so that chained calls keep it
 */
abstract class FrameOptions<B extends FrameOptions<B>> {
    int nFft = 400;
    Integer winLength, hopLength;
    IntFunction<Tensor> windowFn;

    @SuppressWarnings("unchecked")
    private B self() {
        return (B) this;
    }

    /** FFT size (default 400). */
    public B nFft(int v) {
        nFft = v;
        return self();
    }

    /** Window length (default n_fft). */
    public B winLength(int v) {
        winLength = v;
        return self();
    }

    /** Hop length (default win_length / 2). */
    public B hopLength(int v) {
        hopLength = v;
        return self();
    }

    /** The window for a length (default the periodic float32 Hann window). */
    public B windowFn(IntFunction<Tensor> v) {
        windowFn = v;
        return self();
    }

    /** The window length with its default applied. */
    int resolvedWinLength() {
        return winLength != null ? winLength : nFft;
    }

    /** The hop with its default applied. */
    int resolvedHopLength() {
        return hopLength != null ? hopLength : resolvedWinLength() / 2;
    }

    /** The window of the resolved length. */
    Tensor window() {
        int n = resolvedWinLength();
        return windowFn == null ? AudioFunctional.hannWindow(n) : windowFn.apply(n);
    }
}
