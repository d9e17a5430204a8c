package org.torch4j.audio.models;

import org.torch4j.Tensor;
import org.torch4j.nn.Conv1d;
import org.torch4j.nn.Linear;
import org.torch4j.nn.Module;

/**
 * The location features of Tacotron2's attention (torchaudio's {@code _LocationLayer}): a convolution
 * over the previous and the cumulative attention weights, projected to the attention's hidden width.
 */
public class Tacotron2LocationLayer extends Module {
    /** {@code location_conv}: 2 channels to {@code attentionNFilter}, no bias, "same" padding for odd kernels. */
    public final Conv1d locationConv;
    /** {@code location_dense}: {@code attentionNFilter} to {@code attentionHiddenDim}, no bias. */
    public final Linear locationDense;

    /**
     * torchaudio's constructor.
     *
     * @param attentionNFilter the convolution's filters
     * @param attentionKernelSize the convolution's kernel
     * @param attentionHiddenDim the attention's hidden width
     */
    public Tacotron2LocationLayer(long attentionNFilter, long attentionKernelSize, long attentionHiddenDim) {
        long padding = (attentionKernelSize - 1) / 2;
        locationConv = registerModule("location_conv", Tacotron2Layers.conv1d(2, attentionNFilter, attentionKernelSize, padding, false, "linear"));
        locationDense = registerModule("location_dense", Tacotron2Layers.linear(attentionNFilter, attentionHiddenDim, false, "tanh"));
    }

    /**
     * The processed attention weights.
     *
     * @param attentionWeightsCat [batch, 2, tokens]: the previous and the cumulative weights
     * @return [batch, tokens, attentionHiddenDim]
     */
    @Override
    public Tensor forward(Tensor attentionWeightsCat) {
        return locationDense.call(locationConv.call(attentionWeightsCat).transpose(1, 2));
    }
}
