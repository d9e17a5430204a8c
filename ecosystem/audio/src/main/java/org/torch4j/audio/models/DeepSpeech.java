package org.torch4j.audio.models;

import org.torch4j.Tensor;
import org.torch4j.nn.F;
import org.torch4j.nn.Linear;
import org.torch4j.nn.Module;
import org.torch4j.nn.RNN;

/**
 * DeepSpeech (torchaudio's {@code DeepSpeech}, Hannun et al. 2014): three clipped-ReLU dense layers, a
 * bidirectional ReLU RNN whose two directions are summed, a fourth dense layer and a linear output,
 * giving per-frame log-probabilities for CTC. torchaudio's state-dict keys and parameter-creation order
 * (so the weights drawn after a given {@code Torch.manualSeed} are PyTorch's).
 */
public class DeepSpeech extends Module {
    /** The hidden width. */
    public final long nHidden;
    /** {@code fc1} ... {@code fc4}. */
    public final FullyConnected fc1, fc2, fc3, fc4;
    /** {@code bi_rnn}: one bidirectional layer with ReLU, time first. */
    public final RNN biRnn;
    /** {@code out}: hidden to classes. */
    public final Linear out;

    /** torchaudio's defaults: 2048 hidden units, 40 classes, no dropout. */
    public DeepSpeech(long nFeature) {
        this(nFeature, 2048, 40, 0.0);
    }

    /** {@code nFeature} inputs per frame, {@code nClass} outputs. */
    public DeepSpeech(long nFeature, long nHidden, long nClass, double dropout) {
        this.nHidden = nHidden;
        fc1 = registerModule("fc1", new FullyConnected(nFeature, nHidden, dropout));
        fc2 = registerModule("fc2", new FullyConnected(nHidden, nHidden, dropout));
        fc3 = registerModule("fc3", new FullyConnected(nHidden, nHidden, dropout));
        biRnn = registerModule("bi_rnn", new RNN(nHidden, nHidden, 1, "relu", true, false, 0, true));
        fc4 = registerModule("fc4", new FullyConnected(nHidden, nHidden, dropout));
        out = registerModule("out", new Linear(nHidden, nClass));
    }

    /**
     * Features [batch, channel (1), time, feature] to log-probabilities [batch, time, class].
     */
    @Override
    public Tensor forward(Tensor x) {
        x = fc3.call(fc2.call(fc1.call(x)));
        x = x.squeeze(1).transpose(0, 1);                                 // [time, batch, hidden]
        x = biRnn.call(x);
        x = x.narrow(2, 0, nHidden).add(x.narrow(2, nHidden, nHidden));   // the directions, summed
        x = out.call(fc4.call(x));
        return F.logSoftmax(x.permute(1, 0, 2), 2);
    }
}
