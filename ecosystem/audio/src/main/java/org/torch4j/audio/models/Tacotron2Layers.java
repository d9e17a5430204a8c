package org.torch4j.audio.models;

import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.nn.Conv1d;
import org.torch4j.nn.Init;
import org.torch4j.nn.Linear;

/**
 * torchaudio's Tacotron2 helpers: {@code _get_linear_layer} and {@code _get_conv1d_layer} (PyTorch's
 * default initialisation, then the weight redrawn Xavier-uniform with {@code calculate_gain(w_init_gain)})
 * and {@code _get_mask_from_lengths}.
 */
final class Tacotron2Layers {
    private Tacotron2Layers() {}

    /** {@code _get_linear_layer(inDim, outDim, bias, wInitGain)}. */
    static Linear linear(long inDim, long outDim, boolean bias, String wInitGain) {
        Linear linear = new Linear(inDim, outDim, bias);
        try (var noGrad = Torch.noGrad()) {
            Init.xavierUniform_(linear.weight, Init.calculateGain(wInitGain));
        }
        return linear;
    }

    /** {@code _get_conv1d_layer}: stride 1, dilation 1, the given padding. */
    static Conv1d conv1d(long inChannels, long outChannels, long kernelSize, long padding, boolean bias, String wInitGain) {
        Conv1d conv = new Conv1d(inChannels, outChannels, new long[] {kernelSize}, new long[] {1}, new long[] {padding}, new long[] {1}, 1,
                bias, "zeros");
        try (var noGrad = Torch.noGrad()) {
            Init.xavierUniform_(conv.weight, Init.calculateGain(wInitGain));
        }
        return conv;
    }

    /** {@code _get_mask_from_lengths}: bool [batch, max(lengths)], true where a position is padding. */
    static Tensor paddingMask(Tensor lengths) {
        long maxLen = (long) lengths.max().item();
        Tensor ids = Torch.arange(maxLen).to(lengths.device());
        return ids.unsqueeze(0).ge(lengths.unsqueeze(1));
    }
}
