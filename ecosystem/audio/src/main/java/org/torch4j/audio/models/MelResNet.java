package org.torch4j.audio.models;

import org.torch4j.Tensor;
import org.torch4j.nn.BatchNorm1d;
import org.torch4j.nn.Conv1d;
import org.torch4j.nn.Module;
import org.torch4j.nn.ReLU;
import org.torch4j.nn.Sequential;

/**
 * WaveRNN's conditioning network on the spectrogram (torchaudio's {@code wavernn.MelResNet}): a
 * bias-free convolution of {@code kernelSize} frames (no padding, so {@code kernelSize - 1} frames
 * shorter), batch norm, ReLU, a stack of {@link ResBlock}s, and a 1x1 convolution to the output width.
 */
public class MelResNet extends Module {
    /** {@code melresnet_model}: conv, batch norm, ReLU, the res blocks, the output conv. */
    public final Sequential melresnetModel;

    /**
     * torchaudio's constructor (its defaults: 10 blocks, 128 frequencies, hidden and output channels, kernel 5).
     *
     * @param nResBlock the number of {@link ResBlock}s
     * @param nFreq the spectrogram's frequency bins
     * @param nHidden the res blocks' channels
     * @param nOutput the output channels
     * @param kernelSize the first convolution's kernel, in frames
     */
    public MelResNet(int nResBlock, long nFreq, long nHidden, long nOutput, long kernelSize) {
        melresnetModel = registerModule("melresnet_model", new Sequential(
                new Conv1d(nFreq, nHidden, new long[] {kernelSize}, new long[] {1}, new long[] {0}, new long[] {1}, 1, false, "zeros"),
                new BatchNorm1d(nHidden),
                new ReLU()));
        for (int i = 0; i < nResBlock; i++) melresnetModel.add(new ResBlock(nHidden));
        melresnetModel.add(new Conv1d(nHidden, nOutput, 1));
    }

    /** [batch, nFreq, time] to [batch, nOutput, time - kernelSize + 1]. */
    @Override
    public Tensor forward(Tensor specgram) {
        return melresnetModel.call(specgram);
    }
}
