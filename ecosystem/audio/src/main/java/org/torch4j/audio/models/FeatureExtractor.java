package org.torch4j.audio.models;

import java.util.List;
import org.torch4j.Tensor;
import org.torch4j.nn.GroupNorm;
import org.torch4j.nn.Module;
import org.torch4j.nn.ModuleList;

/**
 * The convolutional front end of wav2vec 2.0 (torchaudio's {@code FeatureExtractor}): a stack of
 * {@link ConvLayerBlock}s turning waveforms [batch, time] into frames [batch, frame, feature].
 */
public class FeatureExtractor extends Module {
    /** {@code conv_layers}: the {@link ConvLayerBlock}s, first to last. */
    public final ModuleList convLayers;

    /** Runs {@code convLayers} (each a {@link ConvLayerBlock}) in order. */
    public FeatureExtractor(ModuleList convLayers) {
        for (Module m : convLayers) {
            if (!(m instanceof ConvLayerBlock)) throw new IllegalArgumentException("conv_layers must hold ConvLayerBlocks, got " + m);
        }
        this.convLayers = registerModule("conv_layers", convLayers);
    }

    /**
     * torchaudio's {@code _get_feature_extractor}: one {@link ConvLayerBlock} per {@code (out_channels,
     * kernel_size, stride)} in {@code shapes}, starting from one channel. "group_norm" (the base models)
     * puts a per-channel {@link GroupNorm} after the first convolution only; "layer_norm" (the large
     * models) puts a {@link TransposedLayerNorm} after every one.
     *
     * @throws IllegalArgumentException for another norm mode, or an entry of {@code shapes} that is not 3 numbers
     */
    public static FeatureExtractor create(String normMode, List<long[]> shapes, boolean bias) {
        if (!normMode.equals("group_norm") && !normMode.equals("layer_norm")) throw new IllegalArgumentException("Invalid norm mode");
        ModuleList blocks = new ModuleList();
        long inChannels = 1;
        for (int i = 0; i < shapes.size(); i++) {
            long[] s = shapes.get(i);
            if (s.length != 3) {
                throw new IllegalArgumentException("each conv layer is (out_channels, kernel_size, stride), got " + s.length + " numbers");
            }
            long outChannels = s[0];
            Module norm = null;
            if (normMode.equals("group_norm") && i == 0) norm = new GroupNorm(outChannels, outChannels);
            else if (normMode.equals("layer_norm")) norm = new TransposedLayerNorm(outChannels);
            blocks.add(new ConvLayerBlock(inChannels, outChannels, s[1], s[2], bias, norm));
            inChannels = outChannels;
        }
        return new FeatureExtractor(blocks);
    }

    /** {@code module(x, length)}: {@link #forward(Tensor, Tensor)} with this module's hooks around it. */
    public final OutputAndLengths call(Tensor x, Tensor length) {
        return callWithHooks(args -> forward((Tensor) args.get(0), (Tensor) args.get(1)), x, length);
    }

    /**
     * Waveforms [batch, time] to features [batch, frame, feature].
     *
     * @param length int64 [batch] valid lengths in samples, or null
     * @return the features and their valid lengths in frames (null when {@code length} is null)
     * @throws IllegalArgumentException when {@code x} is not 2-d
     */
    public OutputAndLengths forward(Tensor x, Tensor length) {
        if (x.dim() != 2) {
            // torchaudio 0.13's message, verbatim: its f-string prefix is missing, so the shape is not filled in
            throw new IllegalArgumentException("Expected the input Tensor to be 2D (batch, time), but received {list(x.shape)}");
        }
        x = x.unsqueeze(1);
        for (Module m : convLayers) {
            OutputAndLengths r = ((ConvLayerBlock) m).call(x, length);
            x = r.output();
            length = r.lengths();
        }
        return new OutputAndLengths(x.transpose(1, 2), length);
    }

}
