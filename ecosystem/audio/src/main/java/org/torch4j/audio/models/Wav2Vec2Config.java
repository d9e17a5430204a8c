package org.torch4j.audio.models;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * The arguments of torchaudio's {@code wav2vec2_model}, and the presets its factories pass
 * ({@code wav2vec2_base}, ..., {@code hubert_xlarge}); {@link #build()} makes the model. Keeping the
 * configuration apart lets one inspect a preset without allocating its hundreds of millions of weights.
 *
 * @param extractorMode "group_norm" (norm after the first convolution only) or "layer_norm" (after each)
 * @param extractorConvLayerConfig {@code (out_channels, kernel_size, stride)} per convolution (null for
 *     {@link #defaultConvLayerConfig()})
 * @param extractorConvBias whether the convolutions have biases
 * @param encoderEmbedDim the transformer's width
 * @param encoderProjectionDropout dropout after the feature projection
 * @param encoderPosConvKernel kernel size of the positional convolution
 * @param encoderPosConvGroups groups of the positional convolution
 * @param encoderNumLayers number of transformer layers
 * @param encoderNumHeads attention heads per layer
 * @param encoderAttentionDropout dropout on the attention weights
 * @param encoderFfIntermFeatures hidden width of the feed-forward blocks
 * @param encoderFfIntermDropout dropout inside the feed-forward blocks
 * @param encoderDropout dropout after attention, feed-forward and positional embedding
 * @param encoderLayerNormFirst pre-norm layers (the large models) instead of post-norm
 * @param encoderLayerDrop probability of skipping each layer in training
 * @param auxNumOut width of the linear head, or null for none
 */
public record Wav2Vec2Config(String extractorMode, List<long[]> extractorConvLayerConfig, boolean extractorConvBias, long encoderEmbedDim,
                             double encoderProjectionDropout, long encoderPosConvKernel, long encoderPosConvGroups, int encoderNumLayers,
                             int encoderNumHeads, double encoderAttentionDropout, long encoderFfIntermFeatures,
                             double encoderFfIntermDropout, double encoderDropout, boolean encoderLayerNormFirst, double encoderLayerDrop,
                             Integer auxNumOut) {
    /**
     * Fills in the default conv layers for null and copies the list (each entry is copied too, so later
     * changes to the caller's arrays do not reach the configuration).
     *
     * @throws IllegalArgumentException when the conv layer list is empty or an entry is not 3 numbers
     */
    public Wav2Vec2Config {
        List<long[]> layers = new ArrayList<>();
        for (long[] l : extractorConvLayerConfig == null ? defaultConvLayerConfig() : extractorConvLayerConfig) {
            if (l.length != 3) {
                throw new IllegalArgumentException("each conv layer is (out_channels, kernel_size, stride), got " + l.length + " numbers");
            }
            layers.add(l.clone());
        }
        if (layers.isEmpty()) throw new IllegalArgumentException("extractor_conv_layer_config must not be empty");
        extractorConvLayerConfig = List.copyOf(layers);
    }

    /** The conv layers as lists, which compare and print by value (arrays do not). */
    private List<List<Long>> convLayers() {
        return extractorConvLayerConfig.stream().map(l -> Arrays.stream(l).boxed().toList()).toList();
    }

    /** Equal when every argument is, the conv layers compared by value. */
    @Override
    public boolean equals(Object o) {
        return o instanceof Wav2Vec2Config c && extractorMode.equals(c.extractorMode) && convLayers().equals(c.convLayers())
                && extractorConvBias == c.extractorConvBias && encoderEmbedDim == c.encoderEmbedDim
                && Double.compare(encoderProjectionDropout, c.encoderProjectionDropout) == 0
                && encoderPosConvKernel == c.encoderPosConvKernel && encoderPosConvGroups == c.encoderPosConvGroups
                && encoderNumLayers == c.encoderNumLayers && encoderNumHeads == c.encoderNumHeads
                && Double.compare(encoderAttentionDropout, c.encoderAttentionDropout) == 0
                && encoderFfIntermFeatures == c.encoderFfIntermFeatures
                && Double.compare(encoderFfIntermDropout, c.encoderFfIntermDropout) == 0
                && Double.compare(encoderDropout, c.encoderDropout) == 0 && encoderLayerNormFirst == c.encoderLayerNormFirst
                && Double.compare(encoderLayerDrop, c.encoderLayerDrop) == 0 && Objects.equals(auxNumOut, c.auxNumOut);
    }

    /** Consistent with {@link #equals}. */
    @Override
    public int hashCode() {
        return Objects.hash(extractorMode, convLayers(), extractorConvBias, encoderEmbedDim, encoderProjectionDropout, encoderPosConvKernel,
                encoderPosConvGroups, encoderNumLayers, encoderNumHeads, encoderAttentionDropout, encoderFfIntermFeatures,
                encoderFfIntermDropout, encoderDropout, encoderLayerNormFirst, encoderLayerDrop, auxNumOut);
    }

    /** The arguments by torchaudio's names, as {@code wav2vec2_model} takes them. */
    @Override
    public String toString() {
        return "wav2vec2_model(extractor_mode='" + extractorMode + "', extractor_conv_layer_config=" + convLayers()
                + ", extractor_conv_bias=" + extractorConvBias + ", encoder_embed_dim=" + encoderEmbedDim + ", encoder_projection_dropout="
                + encoderProjectionDropout + ", encoder_pos_conv_kernel=" + encoderPosConvKernel + ", encoder_pos_conv_groups="
                + encoderPosConvGroups + ", encoder_num_layers=" + encoderNumLayers + ", encoder_num_heads=" + encoderNumHeads
                + ", encoder_attention_dropout=" + encoderAttentionDropout + ", encoder_ff_interm_features=" + encoderFfIntermFeatures
                + ", encoder_ff_interm_dropout=" + encoderFfIntermDropout + ", encoder_dropout=" + encoderDropout
                + ", encoder_layer_norm_first=" + encoderLayerNormFirst + ", encoder_layer_drop=" + encoderLayerDrop + ", aux_num_out="
                + auxNumOut + ")";
    }

    /** A new model of this architecture ({@link Wav2Vec2Model#wav2vec2Model(Wav2Vec2Config)}). */
    public Wav2Vec2Model build() {
        return Wav2Vec2Model.wav2vec2Model(this);
    }

    /** The feature extractor of every published model: {@code [(512, 10, 5)] + [(512, 3, 2)] * 4 + [(512, 2, 2)] * 2}. */
    public static List<long[]> defaultConvLayerConfig() {
        List<long[]> layers = new ArrayList<>();
        layers.add(new long[] {512, 10, 5});
        for (int i = 0; i < 4; i++) layers.add(new long[] {512, 3, 2});
        for (int i = 0; i < 2; i++) layers.add(new long[] {512, 2, 2});
        return layers;
    }

    /** {@code wav2vec2_base()}: dropouts 0.1, layer drop 0.1, no head. */
    public static Wav2Vec2Config wav2vec2Base() {
        return wav2vec2Base(0.1, 0.1, 0.1, 0.1, 0.1, null);
    }

    /** {@code wav2vec2_base}: group norm, no conv bias, width 768, 12 post-norm layers, 12 heads, feed-forward 3072. */
    public static Wav2Vec2Config wav2vec2Base(double encoderProjectionDropout, double encoderAttentionDropout, double encoderFfIntermDropout,
                                             double encoderDropout, double encoderLayerDrop, Integer auxNumOut) {
        return new Wav2Vec2Config("group_norm", null, false, 768, encoderProjectionDropout, 128, 16, 12, 12, encoderAttentionDropout, 3072,
                encoderFfIntermDropout, encoderDropout, false, encoderLayerDrop, auxNumOut);
    }

    /** {@code wav2vec2_large()}: dropouts 0.1, layer drop 0.1, no head. */
    public static Wav2Vec2Config wav2vec2Large() {
        return wav2vec2Large(0.1, 0.1, 0.1, 0.1, 0.1, null);
    }

    /** {@code wav2vec2_large}: group norm, no conv bias, width 1024, 24 post-norm layers, 16 heads, feed-forward 4096. */
    public static Wav2Vec2Config wav2vec2Large(double encoderProjectionDropout, double encoderAttentionDropout,
                                              double encoderFfIntermDropout, double encoderDropout, double encoderLayerDrop,
                                              Integer auxNumOut) {
        return new Wav2Vec2Config("group_norm", null, false, 1024, encoderProjectionDropout, 128, 16, 24, 16, encoderAttentionDropout, 4096,
                encoderFfIntermDropout, encoderDropout, false, encoderLayerDrop, auxNumOut);
    }

    /** {@code wav2vec2_large_lv60k()}: projection dropout 0.1, attention dropout 0, feed-forward dropout 0.1, dropout 0, layer drop 0.1. */
    public static Wav2Vec2Config wav2vec2LargeLv60k() {
        return wav2vec2LargeLv60k(0.1, 0.0, 0.1, 0.0, 0.1, null);
    }

    /** {@code wav2vec2_large_lv60k}: layer norm, conv bias, width 1024, 24 pre-norm layers, 16 heads, feed-forward 4096. */
    public static Wav2Vec2Config wav2vec2LargeLv60k(double encoderProjectionDropout, double encoderAttentionDropout,
                                                   double encoderFfIntermDropout, double encoderDropout, double encoderLayerDrop,
                                                   Integer auxNumOut) {
        return new Wav2Vec2Config("layer_norm", null, true, 1024, encoderProjectionDropout, 128, 16, 24, 16, encoderAttentionDropout, 4096,
                encoderFfIntermDropout, encoderDropout, true, encoderLayerDrop, auxNumOut);
    }

    /** {@code hubert_base()}: projection and attention dropout 0.1, feed-forward dropout 0, dropout 0.1, layer drop 0.05. */
    public static Wav2Vec2Config hubertBase() {
        return hubertBase(0.1, 0.1, 0.0, 0.1, 0.05, null);
    }

    /** {@code hubert_base}: the architecture of {@link #wav2vec2Base()}. */
    public static Wav2Vec2Config hubertBase(double encoderProjectionDropout, double encoderAttentionDropout, double encoderFfIntermDropout,
                                           double encoderDropout, double encoderLayerDrop, Integer auxNumOut) {
        return new Wav2Vec2Config("group_norm", null, false, 768, encoderProjectionDropout, 128, 16, 12, 12, encoderAttentionDropout, 3072,
                encoderFfIntermDropout, encoderDropout, false, encoderLayerDrop, auxNumOut);
    }

    /** {@code hubert_large()}: every dropout and the layer drop 0. */
    public static Wav2Vec2Config hubertLarge() {
        return hubertLarge(0.0, 0.0, 0.0, 0.0, 0.0, null);
    }

    /** {@code hubert_large}: layer norm, no conv bias, width 1024, 24 pre-norm layers, 16 heads, feed-forward 4096. */
    public static Wav2Vec2Config hubertLarge(double encoderProjectionDropout, double encoderAttentionDropout, double encoderFfIntermDropout,
                                            double encoderDropout, double encoderLayerDrop, Integer auxNumOut) {
        return new Wav2Vec2Config("layer_norm", null, false, 1024, encoderProjectionDropout, 128, 16, 24, 16, encoderAttentionDropout, 4096,
                encoderFfIntermDropout, encoderDropout, true, encoderLayerDrop, auxNumOut);
    }

    /** {@code hubert_xlarge()}: every dropout and the layer drop 0. */
    public static Wav2Vec2Config hubertXlarge() {
        return hubertXlarge(0.0, 0.0, 0.0, 0.0, 0.0, null);
    }

    /** {@code hubert_xlarge}: layer norm, no conv bias, width 1280, 48 pre-norm layers, 16 heads, feed-forward 5120. */
    public static Wav2Vec2Config hubertXlarge(double encoderProjectionDropout, double encoderAttentionDropout, double encoderFfIntermDropout,
                                             double encoderDropout, double encoderLayerDrop, Integer auxNumOut) {
        return new Wav2Vec2Config("layer_norm", null, false, 1280, encoderProjectionDropout, 128, 16, 48, 16, encoderAttentionDropout, 5120,
                encoderFfIntermDropout, encoderDropout, true, encoderLayerDrop, auxNumOut);
    }
}
