package org.torch4j.audio.models;

import org.torch4j.Tensor;
import org.torch4j.nn.Conv1d;
import org.torch4j.nn.F;
import org.torch4j.nn.Module;

/**
 * One convolution of the wav2vec 2.0 feature extractor (torchaudio's {@code ConvLayerBlock}): an
 * unpadded strided {@link Conv1d}, an optional normalisation (group norm or {@link TransposedLayerNorm}),
 * then GELU. It also maps each input's valid length to the number of output frames that saw only
 * valid samples.
 */
public class ConvLayerBlock extends Module {
    /** The convolution's kernel size and stride (what the length update needs). */
    public final long kernelSize, stride;
    /** {@code conv}: the convolution. */
    public final Conv1d conv;
    /** {@code layer_norm}: the normalisation, or null. */
    public final Module layerNorm;

    /**
     * torchaudio's constructor.
     *
     * @param layerNorm the normalisation after the convolution, or null for none
     */
    public ConvLayerBlock(long inChannels, long outChannels, long kernelSize, long stride, boolean bias, Module layerNorm) {
        this.kernelSize = kernelSize;
        this.stride = stride;
        // torchaudio assigns layer_norm before conv, so it comes first in the state dict
        this.layerNorm = layerNorm == null ? null : registerModule("layer_norm", layerNorm);
        this.conv = registerModule("conv", new Conv1d(inChannels, outChannels, new long[] {kernelSize}, new long[] {stride},
                new long[] {0}, new long[] {1}, 1, bias, "zeros"));
    }

    /** {@code module(x, length)}: {@link #forward(Tensor, Tensor)} with this module's hooks around it. */
    public final OutputAndLengths call(Tensor x, Tensor length) {
        return callWithHooks(args -> forward((Tensor) args.get(0), (Tensor) args.get(1)), x, length);
    }

    /**
     * [batch, in_channels, in_frames] to [batch, out_channels, out_frames].
     *
     * @param length int64 [batch] valid input lengths, or null
     * @return the features and, when {@code length} was given, {@code max(0, floor((length - kernel) / stride) + 1)}
     */
    public OutputAndLengths forward(Tensor x, Tensor length) {
        x = conv.call(x);
        if (layerNorm != null) x = layerNorm.call(x);
        x = F.gelu(x);
        Tensor out = length == null ? null : length.sub(kernelSize).div(stride, "floor").add(1).clampMin(0);
        return new OutputAndLengths(x, out);
    }
}
