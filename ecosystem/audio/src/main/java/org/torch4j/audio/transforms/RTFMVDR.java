package org.torch4j.audio.transforms;

import org.torch4j.Tensor;
import org.torch4j.audio.functional.Beamforming;
import org.torch4j.nn.Module;

/**
 * {@code torchaudio.transforms.RTFMVDR}: MVDR beamforming from a relative transfer function and the noise PSD matrix
 * ({@link Beamforming#mvdrWeightsRtf}, then {@link Beamforming#applyBeamforming}). It takes four inputs: call
 * {@link #forward(Tensor, Tensor, Tensor, Object)}.
 */
public final class RTFMVDR extends Module {
    /** A beamformer (it holds no state). */
    public RTFMVDR() {}

    /** Not applicable: the beamformer needs the RTF, the noise PSD and a reference channel as well. */
    @Override
    public Tensor forward(Tensor specgram) {
        throw new IllegalStateException("RTFMVDR needs specgram, rtf, psd_n and reference_channel: call forward(specgram, rtf, psdN, reference)");
    }

    /** The enhanced STFT [..., freq, time], with diagonal loading 1e-7 and eps 1e-8 (torchaudio's defaults). */
    public Tensor forward(Tensor specgram, Tensor rtf, Tensor psdN, Object referenceChannel) {
        return forward(specgram, rtf, psdN, referenceChannel, true, 1e-7, 1e-8);
    }

    /**
     * The enhanced STFT [..., freq, time].
     *
     * @param referenceChannel an Integer index, a [..., channel] weighting tensor, or null for no rescaling
     */
    public Tensor forward(Tensor specgram, Tensor rtf, Tensor psdN, Object referenceChannel, boolean diagonalLoading, double diagEps, double eps) {
        return Beamforming.applyBeamforming(Beamforming.mvdrWeightsRtf(rtf, psdN, referenceChannel, diagonalLoading, diagEps, eps), specgram);
    }
}
