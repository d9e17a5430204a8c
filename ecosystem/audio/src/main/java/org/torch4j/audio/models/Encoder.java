package org.torch4j.audio.models;

import java.util.List;
import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.nn.Module;
import org.torch4j.nn.ModuleList;

/**
 * The wav2vec 2.0 encoder (torchaudio's {@code Encoder}): {@link FeatureProjection}, then the
 * {@link Transformer}. Given valid lengths, it zeroes the projected features of padding frames and
 * builds the additive attention mask (-10000 on keys past each sequence's length).
 */
public class Encoder extends Module {
    /** {@code feature_projection}. */
    public final FeatureProjection featureProjection;
    /** {@code transformer}. */
    public final Transformer transformer;

    /** torchaudio's constructor. */
    public Encoder(FeatureProjection featureProjection, Transformer transformer) {
        this.featureProjection = registerModule("feature_projection", featureProjection);
        this.transformer = registerModule("transformer", transformer);
    }

    /**
     * torchaudio's {@code _get_encoder}: a projection from {@code inFeatures}, a positional embedding and
     * {@code numLayers} {@link EncoderLayer}s. The transformer's own layer norm comes first exactly when
     * the layers are post-norm ({@code layerNormFirst} false), as in torchaudio.
     *
     * @throws IllegalArgumentException when {@code numHeads} does not divide {@code embedDim}
     */
    public static Encoder create(long inFeatures, long embedDim, double dropoutInput, long posConvKernel, long posConvGroups,
                                 int numLayers, int numHeads, double attentionDropout, long ffIntermFeatures, double ffIntermDropout,
                                 double dropout, boolean layerNormFirst, double layerDrop) {
        FeatureProjection projection = new FeatureProjection(inFeatures, embedDim, dropoutInput);
        ConvolutionalPositionalEmbedding posConv = new ConvolutionalPositionalEmbedding(embedDim, posConvKernel, posConvGroups);
        ModuleList layers = new ModuleList();
        for (int i = 0; i < numLayers; i++) {
            SelfAttention attention = new SelfAttention(embedDim, numHeads, attentionDropout);
            FeedForward feedForward = new FeedForward(embedDim, ffIntermFeatures, ffIntermDropout, dropout);
            layers.add(new EncoderLayer(attention, dropout, layerNormFirst, feedForward));
        }
        return new Encoder(projection, new Transformer(posConv, dropout, layers, !layerNormFirst, layerDrop));
    }

    /** {@code module(features, lengths)}: {@link #forward(Tensor, Tensor)} with this module's hooks around it. */
    public final Tensor call(Tensor features, Tensor lengths) {
        return callWithHooks(args -> forward((Tensor) args.get(0), (Tensor) args.get(1)), features, lengths);
    }

    /** Without lengths (every frame valid). */
    @Override
    public Tensor forward(Tensor features) {
        return forward(features, null);
    }

    /**
     * Features [batch, frame, in_features] to [batch, frame, embed].
     *
     * @param lengths int64 [batch] valid frame counts, or null when every frame is valid
     */
    public Tensor forward(Tensor features, Tensor lengths) {
        Preprocessed p = preprocess(features, lengths);
        return transformer.call(p.x, p.mask);
    }

    /**
     * The output of each transformer layer (torchaudio's {@code extract_features}).
     *
     * @param lengths int64 [batch] valid frame counts, or null
     * @param numLayers how many layers to run, or null for all
     * @throws IllegalArgumentException when {@code numLayers} is outside [1, number of layers]
     */
    public List<Tensor> extractFeatures(Tensor features, Tensor lengths, Integer numLayers) {
        Preprocessed p = preprocess(features, lengths);
        return transformer.intermediateOutputs(p.x, p.mask, numLayers);
    }

    /** torchaudio's {@code _preprocess}: the projected features, padded frames zeroed, and the additive attention mask (or null). */
    record Preprocessed(Tensor x, Tensor mask) {}

    /** torchaudio's {@code Encoder._preprocess} (HuBERT's pretraining model masks between it and the transformer). */
    Preprocessed preprocess(Tensor features, Tensor lengths) {
        Tensor x = featureProjection.call(features);
        if (lengths == null) return new Preprocessed(x, null);
        long batch = x.size(0), maxLen = x.size(1);
        Tensor padding = Torch.arange(maxLen).to(lengths.device()).expand(batch, maxLen).ge(lengths.unsqueeze(1));
        x = x.maskedFill(padding.unsqueeze(-1), 0.0);
        Tensor mask = padding.unsqueeze(1).unsqueeze(1).to(features.dtype()).mul(-10000.0).expand(batch, 1, maxLen, maxLen);
        return new Preprocessed(x, mask);
    }
}
