package org.torch4j.audio.models;

import org.torch4j.Tensor;
import org.torch4j.nn.BatchNorm1d;
import org.torch4j.nn.Conv1d;
import org.torch4j.nn.Module;
import org.torch4j.nn.ReLU;
import org.torch4j.nn.Sequential;

/**
 * A residual block of WaveRNN's {@link MelResNet} (torchaudio's {@code wavernn.ResBlock}): two bias-free
 * 1x1 convolutions, each followed by batch norm, with a ReLU between them, added to the input.
 */
public class ResBlock extends Module {
    /** {@code resblock_model}: conv, batch norm, ReLU, conv, batch norm ({@code resblock_model.0} to {@code .4}). */
    public final Sequential resblockModel;

    /**
     * torchaudio's constructor.
     *
     * @param nFreq the channels (torchaudio's default 128)
     */
    public ResBlock(long nFreq) {
        resblockModel = registerModule("resblock_model", new Sequential(
                pointwise(nFreq),
                new BatchNorm1d(nFreq),
                new ReLU(),
                pointwise(nFreq),
                new BatchNorm1d(nFreq)));
    }

    private static Conv1d pointwise(long channels) {
        return new Conv1d(channels, channels, new long[] {1}, new long[] {1}, new long[] {0}, new long[] {1}, 1, false, "zeros");
    }

    /** [batch, nFreq, time] to the same shape. */
    @Override
    public Tensor forward(Tensor specgram) {
        return resblockModel.call(specgram).add(specgram);
    }
}
