package org.torch4j.audio.models;

import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.nn.Module;
import org.torch4j.nn.Parameter;

/**
 * Per-channel learnt scaling of a residual branch (torchaudio's {@code _LayerScale}, Touvron et al.
 * 2021), starting small so that the branch begins close to 0.
 */
public class LayerScale extends Module {
    /** {@code scale}: [channels], filled with the initial value. */
    public final Parameter scale;

    /**
     * torchaudio's constructor.
     *
     * @param channels the channels scaled
     * @param init the initial scale (torchaudio's default 0)
     */
    public LayerScale(long channels, double init) {
        scale = registerParameter("scale", new Parameter(Torch.full(new long[] {channels}, init, Torch.getDefaultDtype())));
    }

    /**
     * {@code scale[:, None] * x}.
     *
     * @param x [batch, channels, time]
     * @return the scaled input
     */
    @Override
    public Tensor forward(Tensor x) {
        return scale.unsqueeze(1).mul(x);
    }
}
