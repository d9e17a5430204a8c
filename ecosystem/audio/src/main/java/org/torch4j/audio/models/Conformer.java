package org.torch4j.audio.models;

import java.util.Arrays;
import org.torch4j.DType;
import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.nn.Module;
import org.torch4j.nn.ModuleList;

/**
 * The Conformer encoder (torchaudio's {@code Conformer}, Gulati et al. 2020, "Conformer:
 * Convolution-augmented Transformer for Speech Recognition"): a stack of {@link ConformerLayer}s over a
 * padded batch of feature sequences. The padded frames are hidden from the attention only: as in
 * torchaudio, the depthwise convolutions (and batch norm's statistics in training) still see them, so
 * what lies in the padding can change the last valid frames. torchaudio's state-dict keys
 * ({@code conformer_layers.<i>....}).
 */
public class Conformer extends Module {
    /** {@code conformer_layers}: the {@link ConformerLayer}s, in order. */
    public final ModuleList conformerLayers;

    /**
     * torchaudio's constructor.
     *
     * @param inputDim the feature width
     * @param numHeads attention heads per layer; they must divide {@code inputDim}
     * @param ffnDim the feed-forward modules' hidden width
     * @param numLayers the number of layers
     * @param depthwiseConvKernelSize each convolution module's (odd) depthwise kernel
     * @param dropout the probability of every dropout (torchaudio's default 0.0)
     * @param useGroupNorm group norm instead of batch norm in the convolution modules (default false)
     * @param convolutionFirst the convolution module before the attention (default false)
     * @throws IllegalArgumentException for heads that do not divide the width, or an even kernel
     */
    public Conformer(long inputDim, int numHeads, long ffnDim, int numLayers, long depthwiseConvKernelSize, double dropout,
                     boolean useGroupNorm, boolean convolutionFirst) {
        conformerLayers = registerModule("conformer_layers", new ModuleList());
        for (int i = 0; i < numLayers; i++) {
            conformerLayers.add(new ConformerLayer(inputDim, ffnDim, numHeads, depthwiseConvKernelSize, dropout, useGroupNorm,
                    convolutionFirst));
        }
    }

    /** With torchaudio's defaults: no dropout, batch norm, attention before convolution. */
    public Conformer(long inputDim, int numHeads, long ffnDim, int numLayers, long depthwiseConvKernelSize) {
        this(inputDim, numHeads, ffnDim, numLayers, depthwiseConvKernelSize, 0.0, false, false);
    }

    /** {@code conformer(input, lengths)}: {@link #forward(Tensor, Tensor)} with this module's hooks around it. */
    public final OutputAndLengths call(Tensor input, Tensor lengths) {
        return callWithHooks(args -> forward((Tensor) args.get(0), (Tensor) args.get(1)), input, lengths);
    }

    /** Every frame valid: the output of {@link #forward(Tensor, Tensor)} with lengths all {@code input.size(1)}. */
    @Override
    public Tensor forward(Tensor input) {
        Tensor lengths = Torch.full(new long[] {input.size(0)}, input.size(1), DType.INT64, input.device());
        return forward(input, lengths).output();
    }

    /**
     * A padded batch [batch, time, inputDim] to the encoded batch of the same shape, and the lengths
     * unchanged (the layers keep every frame).
     *
     * @param lengths int64 [batch], the valid frames of each sequence; the longest must equal {@code time}
     * @throws IllegalArgumentException when the longest length is not the input's time (the padding mask's shape)
     */
    public OutputAndLengths forward(Tensor input, Tensor lengths) {
        Tensor mask = paddingMask(lengths);
        if (mask.size(0) != input.size(0) || mask.size(1) != input.size(1)) {
            // the attention's check, in PyTorch's words: the mask must be [batch, time]
            throw new IllegalArgumentException("expecting key_padding_mask shape of (" + input.size(0) + ", " + input.size(1)
                    + "), but got torch.Size(" + Arrays.toString(mask.shape()) + ")");
        }
        Tensor x = input.transpose(0, 1);
        for (Module layer : conformerLayers) x = ((ConformerLayer) layer).call(x, mask);
        return new OutputAndLengths(x.transpose(0, 1), lengths);
    }

    /** torchaudio's {@code _lengths_to_padding_mask}: true where a frame lies past its sequence's length. */
    static Tensor paddingMask(Tensor lengths) {
        long batch = lengths.size(0), maxLength = lengths.max().itemLong();
        Tensor frames = Torch.arange(maxLength).to(lengths.device()).expand(batch, maxLength);
        return frames.ge(lengths.unsqueeze(1));
    }
}
