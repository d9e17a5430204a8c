package org.torch4j.audio.models;

import java.util.ArrayList;
import java.util.List;
import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.nn.Dropout;
import org.torch4j.nn.LayerNorm;
import org.torch4j.nn.Module;
import org.torch4j.nn.ModuleList;

/**
 * The transformer of the wav2vec 2.0 encoder (torchaudio's {@code Transformer}): adds the convolutional
 * positional embedding, applies a layer norm before the layers ({@code layerNormFirst}, the base
 * models) or after them (the large models), and runs the {@link EncoderLayer}s. In training mode each
 * layer is skipped with probability {@code layerDrop} (LayerDrop), drawn from the default generator as
 * torchaudio does ({@code torch.rand(1) <= layer_drop}).
 */
public class Transformer extends MaskedModule {
    /** {@code pos_conv_embed}. */
    public final ConvolutionalPositionalEmbedding posConvEmbed;
    /** {@code layer_norm}. */
    public final LayerNorm layerNorm;
    /** Whether {@code layerNorm} comes before the layers (else after them). */
    public final boolean layerNormFirst;
    /** The probability of skipping each layer in training mode. */
    public final double layerDrop;
    /** {@code dropout} after the positional embedding. */
    public final Dropout dropout;
    /** {@code layers}: the {@link EncoderLayer}s. */
    public final ModuleList layers;

    /** torchaudio's constructor; {@code layers} holds {@link EncoderLayer}s. */
    public Transformer(ConvolutionalPositionalEmbedding posConvEmbed, double dropout, ModuleList layers, boolean layerNormFirst,
                       double layerDrop) {
        for (Module m : layers) {
            if (!(m instanceof EncoderLayer)) throw new IllegalArgumentException("layers must hold EncoderLayers, got " + m);
        }
        this.posConvEmbed = registerModule("pos_conv_embed", posConvEmbed);
        this.layerNorm = registerModule("layer_norm", new LayerNorm(posConvEmbed.embedDim));
        this.layerNormFirst = layerNormFirst;
        this.layerDrop = layerDrop;
        this.dropout = registerModule("dropout", new Dropout(dropout));
        this.layers = registerModule("layers", layers);
    }

    /**
     * [batch, frame, embed] to the same shape.
     *
     * @param attentionMask additive [batch, 1, frame, frame] mask, or null
     */
    @Override
    public Tensor forward(Tensor x, Tensor attentionMask) {
        x = preprocess(x);
        for (Module layer : layers) {
            if (!(training && Torch.rand(1).item() <= layerDrop)) x = ((EncoderLayer) layer).call(x, attentionMask);
        }
        return layerNormFirst ? x : layerNorm.call(x);
    }

    /**
     * The output of each layer, first to last (no LayerDrop, no final layer norm), as torchaudio's
     * {@code get_intermediate_outputs}.
     *
     * @param numLayers how many layers to run, or null for all
     * @throws IllegalArgumentException when {@code numLayers} is outside [1, number of layers]
     */
    public List<Tensor> intermediateOutputs(Tensor x, Tensor attentionMask, Integer numLayers) {
        if (numLayers != null && !(0 < numLayers && numLayers <= layers.size())) {
            throw new IllegalArgumentException("`num_layers` must be between [1, " + layers.size() + "]");
        }
        List<Tensor> ret = new ArrayList<>();
        x = preprocess(x);
        for (Module layer : layers) {
            x = ((EncoderLayer) layer).call(x, attentionMask);
            ret.add(x);
            if (numLayers != null && ret.size() >= numLayers) break;
        }
        return ret;
    }

    private Tensor preprocess(Tensor x) {
        x = x.add(posConvEmbed.call(x));
        if (layerNormFirst) x = layerNorm.call(x);
        return dropout.call(x);
    }
}
