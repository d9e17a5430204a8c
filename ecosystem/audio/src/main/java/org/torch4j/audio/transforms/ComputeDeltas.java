package org.torch4j.audio.transforms;

import org.torch4j.Tensor;
import org.torch4j.audio.functional.AudioFunctional;
import org.torch4j.nn.Module;

/** {@code torchaudio.transforms.ComputeDeltas}: delta coefficients along time (default window 5, "replicate"). */
public final class ComputeDeltas extends Module {
    final int winLength;
    final String mode;

    /** Window 5, "replicate" padding. */
    public ComputeDeltas() {
        this(5, "replicate");
    }

    /** The given window length (at least 3) and padding mode. */
    public ComputeDeltas(int winLength, String mode) {
        this.winLength = winLength;
        this.mode = mode;
    }

    /** The deltas of {@code [..., freq, time]}, same shape. */
    @Override
    public Tensor forward(Tensor specgram) {
        return AudioFunctional.computeDeltas(specgram, winLength, mode);
    }
}
