package org.torch4j.audio.models;

import java.util.List;
import org.torch4j.Tensor;
import org.torch4j.nn.F;
import org.torch4j.nn.Linear;
import org.torch4j.nn.Module;
import org.torch4j.nn.ModuleList;

/**
 * Tacotron2's prenet (torchaudio's {@code _Prenet}): bias-free linears, each followed by ReLU and a
 * dropout of 0.5 that is on in evaluation too (as in torchaudio, where it gives the decoder's variety):
 * the masks come from the default generator, so {@code Torch.manualSeed} gives PyTorch's draws.
 */
public class Tacotron2Prenet extends Module {
    /** {@code layers}: the linears. */
    public final ModuleList layers;

    /**
     * torchaudio's constructor.
     *
     * @param inDim the input width
     * @param outSizes each linear's output width
     */
    public Tacotron2Prenet(long inDim, List<Long> outSizes) {
        layers = registerModule("layers", new ModuleList());
        long in = inDim;
        for (long out : outSizes) {
            layers.add(Tacotron2Layers.linear(in, out, false, "linear"));
            in = out;
        }
    }

    /**
     * The prenet on [..., inDim].
     *
     * @return [..., last output size]
     */
    @Override
    public Tensor forward(Tensor x) {
        for (Module linear : layers.children()) x = F.dropout(F.relu(((Linear) linear).call(x)), 0.5, true);
        return x;
    }
}
