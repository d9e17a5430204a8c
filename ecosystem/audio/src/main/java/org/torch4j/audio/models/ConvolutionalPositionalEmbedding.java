package org.torch4j.audio.models;

import org.torch4j.Tensor;
import org.torch4j.nn.Conv1d;
import org.torch4j.nn.F;
import org.torch4j.nn.Module;
import org.torch4j.nn.Utils;

/**
 * The relative positional embedding of wav2vec 2.0 (torchaudio's
 * {@code ConvolutionalPositionalEmbedding}): a grouped convolution over time, "same"-padded, with weight
 * normalisation over the kernel dim (dim 2, so its state holds {@code conv.weight_g} [1, 1, kernel] and
 * {@code conv.weight_v}), then GELU. With an even kernel the padding yields one frame too many; the
 * last is dropped.
 */
public class ConvolutionalPositionalEmbedding extends Module {
    /** Feature width, kernel size (in frames) and number of channel groups. */
    public final long embedDim, kernelSize, groups;
    /** {@code conv}: the weight-normalised convolution. */
    public final Conv1d conv;
    private final long numRemove;

    /** An embedding of width {@code embedDim} looking {@code kernelSize} frames around each frame. */
    public ConvolutionalPositionalEmbedding(long embedDim, long kernelSize, long groups) {
        this.embedDim = embedDim;
        this.kernelSize = kernelSize;
        this.groups = groups;
        Conv1d c = new Conv1d(embedDim, embedDim, new long[] {kernelSize}, new long[] {1}, new long[] {kernelSize / 2}, new long[] {1},
                groups, true, "zeros");
        conv = registerModule("conv", Utils.weightNorm(c, "weight", 2));
        numRemove = kernelSize % 2 == 0 ? 1 : 0;
    }

    /** [batch, frame, feature] to the same shape. */
    @Override
    public Tensor forward(Tensor x) {
        x = conv.call(x.transpose(-2, -1));
        if (numRemove > 0) x = x.narrow(-1, 0, x.size(-1) - numRemove);
        return F.gelu(x).transpose(-2, -1);
    }
}
