package org.torch4j.audio.transforms;

import org.torch4j.Tensor;
import org.torch4j.audio.functional.Beamforming;
import org.torch4j.nn.Module;

/**
 * {@code torchaudio.transforms.SoudenMVDR}: MVDR beamforming with Souden's weights from the speech and noise PSD
 * matrices ({@link Beamforming#mvdrWeightsSouden}, then {@link Beamforming#applyBeamforming}). It takes four inputs:
 * call {@link #forward(Tensor, Tensor, Tensor, Object)}.
 */
public final class SoudenMVDR extends Module {
    /** A beamformer (it holds no state). */
    public SoudenMVDR() {}

    /** Not applicable: the beamformer needs the PSD matrices and a reference channel as well. */
    @Override
    public Tensor forward(Tensor specgram) {
        throw new IllegalStateException("SoudenMVDR needs specgram, psd_s, psd_n and reference_channel: call forward(specgram, psdS, psdN, reference)");
    }

    /** The enhanced STFT [..., freq, time], with diagonal loading 1e-7 and eps 1e-8 (torchaudio's defaults). */
    public Tensor forward(Tensor specgram, Tensor psdS, Tensor psdN, Object referenceChannel) {
        return forward(specgram, psdS, psdN, referenceChannel, true, 1e-7, 1e-8);
    }

    /**
     * The enhanced STFT [..., freq, time].
     *
     * @param referenceChannel an Integer index, or a [..., channel] weighting tensor
     */
    public Tensor forward(Tensor specgram, Tensor psdS, Tensor psdN, Object referenceChannel, boolean diagonalLoading, double diagEps, double eps) {
        return Beamforming.applyBeamforming(Beamforming.mvdrWeightsSouden(psdS, psdN, referenceChannel, diagonalLoading, diagEps, eps), specgram);
    }
}
