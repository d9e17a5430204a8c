package org.torch4j.audio.transforms;

import org.torch4j.Tensor;
import org.torch4j.audio.functional.AudioFunctional;
import org.torch4j.nn.Module;

/** {@code torchaudio.transforms.MuLawDecoding}: codes back to [-1, 1] (default 256 channels). */
public final class MuLawDecoding extends Module {
    final int quantizationChannels;

    /** 256 channels. */
    public MuLawDecoding() {
        this(256);
    }

    /** {@code quantizationChannels} codes. */
    public MuLawDecoding(int quantizationChannels) {
        this.quantizationChannels = quantizationChannels;
    }

    /** The decoded signal. */
    @Override
    public Tensor forward(Tensor xMu) {
        return AudioFunctional.muLawDecoding(xMu, quantizationChannels);
    }
}
