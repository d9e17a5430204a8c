package org.torch4j.audio.models;

/**
 * The arguments of torchaudio's {@code hubert_pretrain_model} and the presets of its factories
 * ({@code hubert_pretrain_base}, {@code _large}, {@code _xlarge}); {@link #build()} makes the model, so a preset can
 * be inspected without allocating its weights.
 *
 * @param encoder the wav2vec 2.0 part: extractor and encoder arguments (its {@code auxNumOut} must be null)
 * @param maskProb probability of a frame starting a time mask span
 * @param maskSelection time spans' length distribution: "static", "uniform", "normal" or "poisson"
 * @param maskOther the distribution's parameter (uniform's low bound, normal's deviation)
 * @param maskLength time spans' length
 * @param noMaskOverlap whether time spans may not overlap
 * @param maskMinSpace least frames between non-overlapping time spans
 * @param maskChannelProb probability of a channel starting a channel mask span
 * @param maskChannelSelection channel spans' length distribution
 * @param maskChannelOther its parameter
 * @param maskChannelLength channel spans' length
 * @param noMaskChannelOverlap whether channel spans may not overlap
 * @param maskChannelMinSpace least channels between non-overlapping channel spans
 * @param skipMasked skip the masked frames' logits
 * @param skipNomask skip the unmasked frames' logits
 * @param numClasses the number of label classes
 * @param finalDim the width of the projection the logits compare
 * @param featureGradMult the factor on the feature extractor's gradient, in (0, 1), or null for none
 */
public record HuBERTPretrainConfig(Wav2Vec2Config encoder, double maskProb, String maskSelection, double maskOther, long maskLength,
                                   boolean noMaskOverlap, long maskMinSpace, double maskChannelProb, String maskChannelSelection,
                                   double maskChannelOther, long maskChannelLength, boolean noMaskChannelOverlap, long maskChannelMinSpace,
                                   boolean skipMasked, boolean skipNomask, long numClasses, long finalDim, Double featureGradMult) {
    /**
     * Checks the encoder part.
     *
     * @throws IllegalArgumentException when the encoder has an aux head (hubert_pretrain_model has none)
     */
    public HuBERTPretrainConfig {
        if (encoder.auxNumOut() != null) throw new IllegalArgumentException("hubert_pretrain_model has no aux head, got aux_num_out " + encoder.auxNumOut());
    }

    /** The model of this configuration ({@link HuBERTPretrainModel#hubertPretrainModel(HuBERTPretrainConfig)}). */
    public HuBERTPretrainModel build() {
        return HuBERTPretrainModel.hubertPretrainModel(this);
    }

    /** {@code hubert_pretrain_base()}: torchaudio's defaults (dropouts 0.1, 0.1, 0.0, 0.1, layer drop 0.05, mask 0.8, no channel masks, 0.1, 100 classes). */
    public static HuBERTPretrainConfig hubertPretrainBase() {
        return hubertPretrainBase(0.1, 0.1, 0.0, 0.1, 0.05, 0.8, 0.0, 10, 0.1, 100);
    }

    /** {@code hubert_pretrain_base(...)}: {@link Wav2Vec2Config#hubertBase()}'s architecture, 10-frame static spans, final width 256. */
    public static HuBERTPretrainConfig hubertPretrainBase(double encoderProjectionDropout, double encoderAttentionDropout,
            double encoderFfIntermDropout, double encoderDropout, double encoderLayerDrop, double maskProb, double maskChannelProb,
            long maskChannelLength, Double featureGradMult, long numClasses) {
        return preset(Wav2Vec2Config.hubertBase(encoderProjectionDropout, encoderAttentionDropout, encoderFfIntermDropout, encoderDropout,
                encoderLayerDrop, null), maskProb, maskChannelProb, maskChannelLength, numClasses, 256, featureGradMult);
    }

    /** {@code hubert_pretrain_large()}: no dropout, mask 0.8, no channel masks, no gradient factor. */
    public static HuBERTPretrainConfig hubertPretrainLarge() {
        return hubertPretrainLarge(0.0, 0.0, 0.0, 0.0, 0.0, 0.8, 0.0, 10, null);
    }

    /** {@code hubert_pretrain_large(...)}: {@link Wav2Vec2Config#hubertLarge()}'s architecture, 500 classes, final width 768. */
    public static HuBERTPretrainConfig hubertPretrainLarge(double encoderProjectionDropout, double encoderAttentionDropout,
            double encoderFfIntermDropout, double encoderDropout, double encoderLayerDrop, double maskProb, double maskChannelProb,
            long maskChannelLength, Double featureGradMult) {
        return preset(Wav2Vec2Config.hubertLarge(encoderProjectionDropout, encoderAttentionDropout, encoderFfIntermDropout, encoderDropout,
                encoderLayerDrop, null), maskProb, maskChannelProb, maskChannelLength, 500, 768, featureGradMult);
    }

    /** {@code hubert_pretrain_xlarge()}: no dropout, mask 0.8, no channel masks, no gradient factor. */
    public static HuBERTPretrainConfig hubertPretrainXlarge() {
        return hubertPretrainXlarge(0.0, 0.0, 0.0, 0.0, 0.0, 0.8, 0.0, 10, null);
    }

    /** {@code hubert_pretrain_xlarge(...)}: {@link Wav2Vec2Config#hubertXlarge()}'s architecture, 500 classes, final width 1024. */
    public static HuBERTPretrainConfig hubertPretrainXlarge(double encoderProjectionDropout, double encoderAttentionDropout,
            double encoderFfIntermDropout, double encoderDropout, double encoderLayerDrop, double maskProb, double maskChannelProb,
            long maskChannelLength, Double featureGradMult) {
        return preset(Wav2Vec2Config.hubertXlarge(encoderProjectionDropout, encoderAttentionDropout, encoderFfIntermDropout, encoderDropout,
                encoderLayerDrop, null), maskProb, maskChannelProb, maskChannelLength, 500, 1024, featureGradMult);
    }

    /** What the three factories share: static 10-frame time spans, static channel spans, overlaps allowed, no skipping. */
    private static HuBERTPretrainConfig preset(Wav2Vec2Config encoder, double maskProb, double maskChannelProb, long maskChannelLength,
                                               long numClasses, long finalDim, Double featureGradMult) {
        return new HuBERTPretrainConfig(encoder, maskProb, "static", 0.0, 10, false, 1, maskChannelProb, "static", 0.0, maskChannelLength,
                false, 1, false, false, numClasses, finalDim, featureGradMult);
    }
}
