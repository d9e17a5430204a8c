package org.torch4j.audio.models;

import org.torch4j.Tensor;
import org.torch4j.nn.BatchNorm1d;
import org.torch4j.nn.F;
import org.torch4j.nn.Module;
import org.torch4j.nn.ModuleList;
import org.torch4j.nn.Sequential;

/**
 * Tacotron2's postnet (torchaudio's {@code _Postnet}): {@code postnetNConvolution} convolutions with
 * batch norm, tanh after each but the last, and dropout 0.5 in training; the result is the residual the
 * model adds to the decoder's mel spectrogram.
 */
public class Tacotron2Postnet extends Module {
    /** {@code convolutions}: each a {@code Sequential(Conv1d, BatchNorm1d)}. */
    public final ModuleList convolutions;

    /**
     * torchaudio's constructor.
     *
     * @param nMels mel bins (the first input's and the last output's channels)
     * @param postnetEmbeddingDim the hidden channels
     * @param postnetKernelSize the kernel ("same" padding for odd kernels)
     * @param postnetNConvolution the number of convolutions
     */
    public Tacotron2Postnet(long nMels, long postnetEmbeddingDim, long postnetKernelSize, int postnetNConvolution) {
        convolutions = registerModule("convolutions", new ModuleList());
        for (int i = 0; i < postnetNConvolution; i++) {
            boolean last = i == postnetNConvolution - 1;
            long in = i == 0 ? nMels : postnetEmbeddingDim, out = last ? nMels : postnetEmbeddingDim;
            convolutions.add(new Sequential(Tacotron2Layers.conv1d(in, out, postnetKernelSize, (postnetKernelSize - 1) / 2, true,
                    last ? "linear" : "tanh"), new BatchNorm1d(out)));
        }
    }

    /**
     * The residual for [batch, nMels, frames].
     *
     * @return [batch, nMels, frames]
     */
    @Override
    public Tensor forward(Tensor x) {
        int n = convolutions.size();
        for (int i = 0; i < n; i++) {
            Tensor y = ((Sequential) convolutions.get(i)).call(x);
            x = F.dropout(i < n - 1 ? y.tanh() : y, 0.5, isTraining());
        }
        return x;
    }
}
