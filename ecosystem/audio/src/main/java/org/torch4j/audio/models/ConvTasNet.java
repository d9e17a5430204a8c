package org.torch4j.audio.models;

import java.util.Arrays;
import java.util.List;
import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.nn.Conv1d;
import org.torch4j.nn.ConvTranspose1d;
import org.torch4j.nn.Module;

/**
 * Conv-TasNet source separation (torchaudio's {@code ConvTasNet}, Luo and Mesgarani 2019): a learned
 * strided-convolution encoder (no bias, stride half the kernel), a {@link ConvTasNetMaskGenerator}
 * giving one mask per source, and a transposed-convolution decoder turning each masked representation
 * back into a waveform. torchaudio's state-dict keys.
 */
public class ConvTasNet extends Module {
    /** Number of sources, encoder features, encoder kernel size and stride. */
    public final long numSources, encNumFeats, encKernelSize, encStride;
    /** {@code encoder}. */
    public final Conv1d encoder;
    /** {@code mask_generator}. */
    public final ConvTasNetMaskGenerator maskGenerator;
    /** {@code decoder}. */
    public final ConvTranspose1d decoder;

    /** torchaudio's defaults: 2 sources, encoder kernel 16 with 512 features, 3 stacks of 8 blocks (128/512 wide), sigmoid masks. */
    public ConvTasNet() {
        this(2, 16, 512, 3, 128, 512, 8, 3, "sigmoid");
    }

    /**
     * torchaudio's constructor.
     *
     * @param mskActivate "sigmoid" or "relu"
     * @throws IllegalArgumentException for another activation
     */
    public ConvTasNet(long numSources, long encKernelSize, long encNumFeats, long mskKernelSize, long mskNumFeats,
                      long mskNumHiddenFeats, int mskNumLayers, int mskNumStacks, String mskActivate) {
        this.numSources = numSources;
        this.encNumFeats = encNumFeats;
        this.encKernelSize = encKernelSize;
        this.encStride = encKernelSize / 2;
        encoder = registerModule("encoder", new Conv1d(1, encNumFeats, new long[] {encKernelSize}, new long[] {encStride},
                new long[] {encStride}, new long[] {1}, 1, false, "zeros"));
        maskGenerator = registerModule("mask_generator", new ConvTasNetMaskGenerator(encNumFeats, numSources, mskKernelSize, mskNumFeats,
                mskNumHiddenFeats, mskNumLayers, mskNumStacks, mskActivate));
        decoder = registerModule("decoder", new ConvTranspose1d(encNumFeats, 1, new long[] {encKernelSize}, new long[] {encStride},
                new long[] {encStride}, new long[] {0}, 1, false, new long[] {1}));
    }

    /** {@code conv_tasnet_base}: the paper's best configuration (kernel 16, 512 features, 3x8 blocks, ReLU masks). */
    public static ConvTasNet convTasnetBase(long numSources) {
        return new ConvTasNet(numSources, 16, 512, 3, 128, 512, 8, 3, "relu");
    }

    /** {@code conv_tasnet_base()}: two sources. */
    public static ConvTasNet convTasnetBase() {
        return convTasnetBase(2);
    }

    /**
     * Mixtures [batch, 1, frames] to separated sources [batch, numSources, frames]. The input is padded
     * with zeros to a whole number of strides and the output trimmed back.
     *
     * @throws IllegalArgumentException when the input is not [batch, 1, frames]
     */
    @Override
    public Tensor forward(Tensor input) {
        if (input.dim() != 3 || input.size(1) != 1) {
            throw new IllegalArgumentException("Expected 3D tensor (batch, channel==1, frames). Found: torch.Size("
                    + Arrays.toString(input.shape()) + ")");
        }
        long pads = paddingFrames(input.size(2));
        Tensor padded = pads == 0 ? input
                : Torch.cat(List.of(input, Torch.zeros(new long[] {input.size(0), 1, pads}, input.dtype(), input.device())), 2);
        long batch = padded.size(0), frames = padded.size(2);
        Tensor feats = encoder.call(padded);
        Tensor masked = maskGenerator.call(feats).mul(feats.unsqueeze(1)).view(batch * numSources, encNumFeats, -1);
        Tensor output = decoder.call(masked).view(batch, numSources, frames);
        return pads > 0 ? output.narrow(2, 0, frames - pads) : output;
    }

    /** The zeros torchaudio appends so that the frames past the first (odd kernel) fill whole strides. */
    private long paddingFrames(long frames) {
        long isOdd = encKernelSize % 2;
        long remaining = frames - (isOdd + (frames - isOdd) / encStride * encStride);
        return remaining == 0 ? 0 : encStride - remaining;
    }
}
