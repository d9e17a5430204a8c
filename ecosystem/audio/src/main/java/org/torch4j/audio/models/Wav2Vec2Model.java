package org.torch4j.audio.models;

import java.util.List;
import org.torch4j.Tensor;
import org.torch4j.nn.Linear;
import org.torch4j.nn.Module;

/**
 * wav2vec 2.0 and HuBERT acoustic models (torchaudio's {@code Wav2Vec2Model}, Baevski et al. 2020, Hsu
 * et al. 2021): a convolutional {@link FeatureExtractor} turns waveforms into frames (one per 20 ms at
 * 16 kHz with the default layers), an {@link Encoder} contextualises them, and an optional linear
 * {@code aux} head maps them to, e.g., CTC label logits. State-dict keys are torchaudio's, so a
 * torchaudio checkpoint read with {@code org.torch4j.io.PyTorchCheckpoint.load} loads with
 * {@link #loadStateDict}.
 *
 * <p>The factories mirror torchaudio's: {@link #wav2vec2Model} takes every architectural argument;
 * {@link #wav2vec2Base}, {@link #wav2vec2Large}, {@link #wav2vec2LargeLv60k}, {@link #hubertBase},
 * {@link #hubertLarge} and {@link #hubertXlarge} fix the architecture and take only the dropouts and
 * the aux head (with torchaudio's defaults in the no-argument forms). Weights start as PyTorch's default
 * initialisation; these are architectures, not pretrained models.
 */
public class Wav2Vec2Model extends Module {
    /** {@code feature_extractor}. */
    public final FeatureExtractor featureExtractor;
    /** {@code encoder}. */
    public final Encoder encoder;
    /** {@code aux}: the output head, or null. */
    public final Linear aux;

    /**
     * torchaudio's constructor.
     *
     * @param aux the head applied to the encoder's output, or null for none
     */
    public Wav2Vec2Model(FeatureExtractor featureExtractor, Encoder encoder, Linear aux) {
        this.featureExtractor = registerModule("feature_extractor", featureExtractor);
        this.encoder = registerModule("encoder", encoder);
        this.aux = aux == null ? null : registerModule("aux", aux);
    }

    /** {@code model(waveforms, lengths)}: {@link #forward(Tensor, Tensor)} with this module's hooks around it. */
    public final OutputAndLengths call(Tensor waveforms, Tensor lengths) {
        return callWithHooks(args -> forward((Tensor) args.get(0), (Tensor) args.get(1)), waveforms, lengths);
    }

    /** The output of {@link #forward(Tensor, Tensor)} without lengths (so the model works as a one-input module). */
    @Override
    public Tensor forward(Tensor waveforms) {
        return forward(waveforms, null).output();
    }

    /**
     * Waveforms [batch, time] to [batch, frame, embed] (or [batch, frame, auxNumOut] with the head).
     *
     * @param lengths int64 [batch] valid samples of each waveform (the rest is padding), or null
     * @return the output and, when lengths were given, the valid frames of each
     * @throws IllegalArgumentException when {@code waveforms} is not 2-d
     */
    public OutputAndLengths forward(Tensor waveforms, Tensor lengths) {
        OutputAndLengths features = featureExtractor.call(waveforms, lengths);
        Tensor x = encoder.call(features.output(), features.lengths());
        if (aux != null) x = aux.call(x);
        return new OutputAndLengths(x, features.lengths());
    }

    /**
     * The output of each transformer layer (torchaudio's {@code extract_features}): no LayerDrop, no
     * final layer norm of post-norm models, no aux head.
     *
     * @param lengths int64 [batch] valid samples, or null
     * @param numLayers how many layers to run, or null for all
     * @throws IllegalArgumentException when {@code waveforms} is not 2-d or {@code numLayers} is outside [1, layers]
     */
    public LayerOutputs extractFeatures(Tensor waveforms, Tensor lengths, Integer numLayers) {
        OutputAndLengths features = featureExtractor.call(waveforms, lengths);
        return new LayerOutputs(encoder.extractFeatures(features.output(), features.lengths(), numLayers), features.lengths());
    }

    /**
     * torchaudio's {@code wav2vec2_model}: a model of {@code config}'s architecture ({@link Wav2Vec2Config}
     * lists the arguments and has torchaudio's presets).
     *
     * @throws IllegalArgumentException for an unknown extractor mode, no conv layers, or heads that do not divide the width
     */
    public static Wav2Vec2Model wav2vec2Model(Wav2Vec2Config config) {
        FeatureExtractor featureExtractor = FeatureExtractor.create(config.extractorMode(), config.extractorConvLayerConfig(),
                config.extractorConvBias());
        List<long[]> convs = config.extractorConvLayerConfig();
        Encoder encoder = Encoder.create(convs.get(convs.size() - 1)[0], config.encoderEmbedDim(), config.encoderProjectionDropout(),
                config.encoderPosConvKernel(), config.encoderPosConvGroups(), config.encoderNumLayers(), config.encoderNumHeads(),
                config.encoderAttentionDropout(), config.encoderFfIntermFeatures(), config.encoderFfIntermDropout(),
                config.encoderDropout(), config.encoderLayerNormFirst(), config.encoderLayerDrop());
        Linear aux = config.auxNumOut() == null ? null : new Linear(config.encoderEmbedDim(), config.auxNumOut());
        return new Wav2Vec2Model(featureExtractor, encoder, aux);
    }

    /**
     * torchaudio's {@code wav2vec2_model}, every argument in its order (see {@link Wav2Vec2Config} for each).
     *
     * @param extractorConvLayerConfig {@code (out_channels, kernel_size, stride)} per convolution; null for
     *     {@link Wav2Vec2Config#defaultConvLayerConfig()}
     * @param auxNumOut width of the linear head, or null for none
     * @throws IllegalArgumentException for an unknown extractor mode, no conv layers, or heads that do not divide the width
     */
    public static Wav2Vec2Model wav2vec2Model(String extractorMode, List<long[]> extractorConvLayerConfig, boolean extractorConvBias,
                                              long encoderEmbedDim, double encoderProjectionDropout, long encoderPosConvKernel,
                                              long encoderPosConvGroups, int encoderNumLayers, int encoderNumHeads,
                                              double encoderAttentionDropout, long encoderFfIntermFeatures, double encoderFfIntermDropout,
                                              double encoderDropout, boolean encoderLayerNormFirst, double encoderLayerDrop,
                                              Integer auxNumOut) {
        return wav2vec2Model(new Wav2Vec2Config(extractorMode, extractorConvLayerConfig, extractorConvBias, encoderEmbedDim,
                encoderProjectionDropout, encoderPosConvKernel, encoderPosConvGroups, encoderNumLayers, encoderNumHeads,
                encoderAttentionDropout, encoderFfIntermFeatures, encoderFfIntermDropout, encoderDropout, encoderLayerNormFirst,
                encoderLayerDrop, auxNumOut));
    }

    /** {@code wav2vec2_base()} with torchaudio's default dropouts and no head; see {@link Wav2Vec2Config#wav2vec2Base()}. */
    public static Wav2Vec2Model wav2vec2Base() {
        return wav2vec2Model(Wav2Vec2Config.wav2vec2Base());
    }

    /** {@code wav2vec2_base(...)}; see {@link Wav2Vec2Config#wav2vec2Base(double, double, double, double, double, Integer)}. */
    public static Wav2Vec2Model wav2vec2Base(double encoderProjectionDropout, double encoderAttentionDropout, double encoderFfIntermDropout,
            double encoderDropout, double encoderLayerDrop, Integer auxNumOut) {
        return wav2vec2Model(Wav2Vec2Config.wav2vec2Base(encoderProjectionDropout, encoderAttentionDropout, encoderFfIntermDropout,
                encoderDropout, encoderLayerDrop, auxNumOut));
    }

    /** {@code wav2vec2_large()} with torchaudio's default dropouts and no head; see {@link Wav2Vec2Config#wav2vec2Large()}. */
    public static Wav2Vec2Model wav2vec2Large() {
        return wav2vec2Model(Wav2Vec2Config.wav2vec2Large());
    }

    /** {@code wav2vec2_large(...)}; see {@link Wav2Vec2Config#wav2vec2Large(double, double, double, double, double, Integer)}. */
    public static Wav2Vec2Model wav2vec2Large(double encoderProjectionDropout, double encoderAttentionDropout, double encoderFfIntermDropout,
            double encoderDropout, double encoderLayerDrop, Integer auxNumOut) {
        return wav2vec2Model(Wav2Vec2Config.wav2vec2Large(encoderProjectionDropout, encoderAttentionDropout, encoderFfIntermDropout,
                encoderDropout, encoderLayerDrop, auxNumOut));
    }

    /** {@code wav2vec2_large_lv60k()} with torchaudio's default dropouts and no head; see {@link Wav2Vec2Config#wav2vec2LargeLv60k()}. */
    public static Wav2Vec2Model wav2vec2LargeLv60k() {
        return wav2vec2Model(Wav2Vec2Config.wav2vec2LargeLv60k());
    }

    /** {@code wav2vec2_large_lv60k(...)}; see {@link Wav2Vec2Config#wav2vec2LargeLv60k(double, double, double, double, double, Integer)}. */
    public static Wav2Vec2Model wav2vec2LargeLv60k(double encoderProjectionDropout, double encoderAttentionDropout, double encoderFfIntermDropout,
            double encoderDropout, double encoderLayerDrop, Integer auxNumOut) {
        return wav2vec2Model(Wav2Vec2Config.wav2vec2LargeLv60k(encoderProjectionDropout, encoderAttentionDropout, encoderFfIntermDropout,
                encoderDropout, encoderLayerDrop, auxNumOut));
    }

    /** {@code hubert_base()} with torchaudio's default dropouts and no head; see {@link Wav2Vec2Config#hubertBase()}. */
    public static Wav2Vec2Model hubertBase() {
        return wav2vec2Model(Wav2Vec2Config.hubertBase());
    }

    /** {@code hubert_base(...)}; see {@link Wav2Vec2Config#hubertBase(double, double, double, double, double, Integer)}. */
    public static Wav2Vec2Model hubertBase(double encoderProjectionDropout, double encoderAttentionDropout, double encoderFfIntermDropout,
            double encoderDropout, double encoderLayerDrop, Integer auxNumOut) {
        return wav2vec2Model(Wav2Vec2Config.hubertBase(encoderProjectionDropout, encoderAttentionDropout, encoderFfIntermDropout,
                encoderDropout, encoderLayerDrop, auxNumOut));
    }

    /** {@code hubert_large()} with torchaudio's default dropouts and no head; see {@link Wav2Vec2Config#hubertLarge()}. */
    public static Wav2Vec2Model hubertLarge() {
        return wav2vec2Model(Wav2Vec2Config.hubertLarge());
    }

    /** {@code hubert_large(...)}; see {@link Wav2Vec2Config#hubertLarge(double, double, double, double, double, Integer)}. */
    public static Wav2Vec2Model hubertLarge(double encoderProjectionDropout, double encoderAttentionDropout, double encoderFfIntermDropout,
            double encoderDropout, double encoderLayerDrop, Integer auxNumOut) {
        return wav2vec2Model(Wav2Vec2Config.hubertLarge(encoderProjectionDropout, encoderAttentionDropout, encoderFfIntermDropout,
                encoderDropout, encoderLayerDrop, auxNumOut));
    }

    /** {@code hubert_xlarge()} with torchaudio's default dropouts and no head; see {@link Wav2Vec2Config#hubertXlarge()}. */
    public static Wav2Vec2Model hubertXlarge() {
        return wav2vec2Model(Wav2Vec2Config.hubertXlarge());
    }

    /** {@code hubert_xlarge(...)}; see {@link Wav2Vec2Config#hubertXlarge(double, double, double, double, double, Integer)}. */
    public static Wav2Vec2Model hubertXlarge(double encoderProjectionDropout, double encoderAttentionDropout, double encoderFfIntermDropout,
            double encoderDropout, double encoderLayerDrop, Integer auxNumOut) {
        return wav2vec2Model(Wav2Vec2Config.hubertXlarge(encoderProjectionDropout, encoderAttentionDropout, encoderFfIntermDropout,
                encoderDropout, encoderLayerDrop, auxNumOut));
    }
}
