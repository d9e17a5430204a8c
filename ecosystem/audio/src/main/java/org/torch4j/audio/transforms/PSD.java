package org.torch4j.audio.transforms;

import org.torch4j.Tensor;
import org.torch4j.audio.functional.Beamforming;
import org.torch4j.nn.Module;

/**
 * {@code torchaudio.transforms.PSD}: power spectral density matrices of a multi-channel STFT
 * ({@link Beamforming#psd}); with {@code multiMask} a per-channel mask [..., channel, freq, time] is averaged over
 * the channels first.
 */
public final class PSD extends Module {
    private final boolean multiMask, normalize;
    private final double eps;

    /** torchaudio's defaults: one mask, normalised, eps 1e-15. */
    public PSD() {
        this(false, true, 1e-15);
    }

    /** @param multiMask masks come per channel and are averaged */
    public PSD(boolean multiMask, boolean normalize, double eps) {
        this.multiMask = multiMask;
        this.normalize = normalize;
        this.eps = eps;
    }

    /** The PSD matrices of {@code specgram} [..., channel, freq, time] without a mask: [..., freq, channel, channel]. */
    @Override
    public Tensor forward(Tensor specgram) {
        return forward(specgram, null);
    }

    /** The PSD matrices with the frames weighted by {@code mask} (null for none). */
    public Tensor forward(Tensor specgram, Tensor mask) {
        Tensor m = mask != null && multiMask ? mask.mean(new int[] {-3}, false) : mask;
        return Beamforming.psd(specgram, m, normalize, eps);
    }

    /** {@code psd(specgram, mask)} with the hooks around it. */
    public final Tensor call(Tensor specgram, Tensor mask) {
        return callWithHooks(args -> forward((Tensor) args.get(0), (Tensor) args.get(1)), specgram, mask);
    }
}
