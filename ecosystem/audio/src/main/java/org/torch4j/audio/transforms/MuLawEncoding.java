package org.torch4j.audio.transforms;

import org.torch4j.Tensor;
import org.torch4j.audio.functional.AudioFunctional;
import org.torch4j.nn.Module;

/** {@code torchaudio.transforms.MuLawEncoding}: [-1, 1] to int64 codes (default 256 channels). */
public final class MuLawEncoding extends Module {
    final int quantizationChannels;

    /** 256 channels. */
    public MuLawEncoding() {
        this(256);
    }

    /** {@code quantizationChannels} codes. */
    public MuLawEncoding(int quantizationChannels) {
        this.quantizationChannels = quantizationChannels;
    }

    /** The codes. */
    @Override
    public Tensor forward(Tensor x) {
        return AudioFunctional.muLawEncoding(x, quantizationChannels);
    }
}
