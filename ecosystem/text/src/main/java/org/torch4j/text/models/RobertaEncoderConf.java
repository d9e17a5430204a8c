package org.torch4j.text.models;

/**
 * {@code torchtext.models.RobertaEncoderConf}: the size of a RoBERTa / XLM-R encoder. The no-argument presets are
 * torchtext's bundles' ({@link #robertaBase}, {@link #xlmrBase}, ...); {@link #with} variants change one field.
 *
 * @param vocabSize the token vocabulary (default 50265, RoBERTa's)
 * @param embeddingDim the model size (default 768)
 * @param ffnDimension the feed-forward size (default 3072)
 * @param paddingIdx the padding token (default 1), which gets no position and is masked out of attention
 * @param maxSeqLen the positional table's size (default 514: 512 positions after the padding index)
 * @param numAttentionHeads attention heads (default 12)
 * @param numEncoderLayers encoder layers (default 12)
 * @param dropout dropout probability (default 0.1)
 * @param normalizeBefore pre-norm layers and a final norm instead of post-norm layers after an embedding norm
 */
public record RobertaEncoderConf(int vocabSize, int embeddingDim, int ffnDimension, int paddingIdx, int maxSeqLen,
        int numAttentionHeads, int numEncoderLayers, double dropout, boolean normalizeBefore) {

    /** Checks the sizes. */
    public RobertaEncoderConf {
        if (vocabSize <= 0 || embeddingDim <= 0 || ffnDimension <= 0 || maxSeqLen <= 0 || numAttentionHeads <= 0 || numEncoderLayers <= 0) {
            throw new IllegalArgumentException("sizes must be positive: " + this);
        }
        if (embeddingDim % numAttentionHeads != 0) {
            throw new IllegalArgumentException("embed_dim must be divisible by num_heads, got " + embeddingDim + " and " + numAttentionHeads);
        }
        if (paddingIdx < 0 || paddingIdx >= vocabSize || paddingIdx >= maxSeqLen) {
            throw new IllegalArgumentException("paddingIdx " + paddingIdx + " must index both the vocabulary (" + vocabSize
                    + ") and the positions (" + maxSeqLen + ")");
        }
        if (dropout < 0 || dropout > 1) throw new IllegalArgumentException("dropout probability has to be between 0 and 1, but got " + dropout);
    }

    /** torchtext's defaults: RoBERTa base ({@code RobertaEncoderConf()}). */
    public static RobertaEncoderConf robertaBase() {
        return new RobertaEncoderConf(50265, 768, 3072, 1, 514, 12, 12, 0.1, false);
    }

    /** {@code ROBERTA_LARGE_ENCODER}'s configuration. */
    public static RobertaEncoderConf robertaLarge() {
        return new RobertaEncoderConf(50265, 1024, 4096, 1, 514, 16, 24, 0.1, false);
    }

    /** {@code XLMR_BASE_ENCODER}'s configuration (a 250002-piece sentencepiece vocabulary). */
    public static RobertaEncoderConf xlmrBase() {
        return robertaBase().withVocabSize(250002);
    }

    /** {@code XLMR_LARGE_ENCODER}'s configuration. */
    public static RobertaEncoderConf xlmrLarge() {
        return robertaLarge().withVocabSize(250002);
    }

    /** This configuration with another vocabulary size. */
    public RobertaEncoderConf withVocabSize(int v) {
        return new RobertaEncoderConf(v, embeddingDim, ffnDimension, paddingIdx, maxSeqLen, numAttentionHeads, numEncoderLayers, dropout, normalizeBefore);
    }

    /** This configuration with another dropout probability. */
    public RobertaEncoderConf withDropout(double p) {
        return new RobertaEncoderConf(vocabSize, embeddingDim, ffnDimension, paddingIdx, maxSeqLen, numAttentionHeads, numEncoderLayers, p, normalizeBefore);
    }
}
