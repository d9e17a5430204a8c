package org.torch4j.audio.models;

import org.torch4j.Tensor;
import org.torch4j.nn.F;
import org.torch4j.nn.Linear;
import org.torch4j.nn.Module;

/**
 * The dense layer of {@link DeepSpeech} (torchaudio's {@code deepspeech.FullyConnected}): linear, ReLU
 * clipped at {@code reluMaxClip}, then dropout (when its probability is not 0).
 */
public class FullyConnected extends Module {
    /** {@code fc}: the linear layer. */
    public final Linear fc;
    /** The ReLU's upper clip. */
    public final double reluMaxClip;
    /** The dropout probability. */
    public final double dropout;

    /** torchaudio's default clip, 20. */
    public FullyConnected(long nFeature, long nHidden, double dropout) {
        this(nFeature, nHidden, dropout, 20);
    }

    /** {@code nFeature} inputs to {@code nHidden} outputs. */
    public FullyConnected(long nFeature, long nHidden, double dropout, double reluMaxClip) {
        fc = registerModule("fc", new Linear(nFeature, nHidden));
        this.reluMaxClip = reluMaxClip;
        this.dropout = dropout;
    }

    /** [..., nFeature] to [..., nHidden]. */
    @Override
    public Tensor forward(Tensor x) {
        x = F.hardtanh(F.relu(fc.call(x)), 0, reluMaxClip);
        return dropout != 0 ? F.dropout(x, dropout, training) : x;
    }
}
