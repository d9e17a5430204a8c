package org.torch4j.audio.models;

import java.util.List;
import org.torch4j.DType;
import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.nn.Init;
import org.torch4j.nn.Linear;
import org.torch4j.nn.Module;

/**
 * HuBERT's pretraining model (torchaudio's {@code HuBERTPretrainModel}, Hsu et al. 2021): a {@link Wav2Vec2Model}
 * whose projected features are span-masked by a {@link MaskGenerator} before the transformer, and a
 * {@link LogitGenerator} scoring masked and unmasked frames against their labels. Build it with
 * {@link #hubertPretrainModel} or the {@code hubertPretrain*} factories, which initialise it as torchaudio does
 * (so {@code Torch.manualSeed} gives torchaudio's weights). torchaudio's state-dict keys.
 */
public class HuBERTPretrainModel extends Module {
    /**
     * What the model gives.
     *
     * @param logitM [masked frames, numClasses + 1] logits of the masked frames (null when skipped)
     * @param logitU [unmasked frames, numClasses + 1] logits of the other unpadded frames (null when skipped)
     * @param featurePenalty float32 scalar: the mean square of the extracted features
     */
    public record Output(Tensor logitM, Tensor logitU, Tensor featurePenalty) {}

    /** {@code wav2vec2}: the feature extractor and encoder (no aux head). */
    public final Wav2Vec2Model wav2vec2;
    /** {@code mask_generator}. */
    public final MaskGenerator maskGenerator;
    /** {@code logit_generator}. */
    public final LogitGenerator logitGenerator;
    /** The factor on the feature extractor's gradient, or null. */
    public final Double featureGradMult;

    /**
     * torchaudio's constructor (no initialisation beyond the modules' own; the factories add torchaudio's).
     *
     * @param featureGradMult null, or in (0, 1)
     * @throws IllegalArgumentException for another {@code featureGradMult}
     */
    public HuBERTPretrainModel(Wav2Vec2Model wav2vec2, MaskGenerator maskGenerator, LogitGenerator logitGenerator, Double featureGradMult) {
        this.wav2vec2 = registerModule("wav2vec2", wav2vec2);
        this.maskGenerator = registerModule("mask_generator", maskGenerator);
        this.logitGenerator = registerModule("logit_generator", logitGenerator);
        if (featureGradMult != null && !(0.0 < featureGradMult && featureGradMult < 1.0)) {
            throw new IllegalArgumentException("The value of `feature_grad_mult` must be ``None``or between (0, 1). Found "
                    + pythonFloat(featureGradMult));
        }
        this.featureGradMult = featureGradMult;
    }

    private static String pythonFloat(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e16 ? String.valueOf((long) v) + ".0" : String.valueOf(v);
    }

    /** {@code model(waveforms, labels, audio_lengths)}: {@link #forward(Tensor, Tensor, Tensor)} with this module's hooks around it. */
    public final Output call(Tensor waveforms, Tensor labels, Tensor audioLengths) {
        return callWithHooks(args -> forward((Tensor) args.get(0), (Tensor) args.get(1), (Tensor) args.get(2)), waveforms, labels, audioLengths);
    }

    /**
     * Extracts features, masks them (drawing the masks from torch's generator, in training and evaluation mode
     * alike), runs the transformer and scores the frames.
     *
     * @param waveforms [B, time]
     * @param labels int64 [B, frames]: one label per output frame
     * @param audioLengths [B] valid samples of each waveform, or null
     * @throws IllegalArgumentException when the labels are not one per output frame, or for an unknown mask selection
     */
    public Output forward(Tensor waveforms, Tensor labels, Tensor audioLengths) {
        OutputAndLengths features = wav2vec2.featureExtractor.call(waveforms, audioLengths);
        Tensor x = features.output(), lengths = features.lengths();
        if (featureGradMult != null && featureGradMult < 1.0) x = GradMultiply.apply(x, featureGradMult);
        Tensor featurePenalty = x.to(DType.FLOAT32).pow(2).mean();
        Tensor paddingMask = null;
        if (lengths != null) {
            long batch = x.size(0), frames = x.size(1);
            paddingMask = Torch.arange(frames).to(lengths.device()).expand(batch, frames).ge(lengths.unsqueeze(1));
        }
        Encoder.Preprocessed p = wav2vec2.encoder.preprocess(x, lengths);
        MaskGenerator.Output masked = maskGenerator.call(p.x(), paddingMask);
        x = wav2vec2.encoder.transformer.call(masked.x(), p.mask());
        if (x.size(1) != labels.size(1)) throw new IllegalArgumentException("The length of label must match that of HuBERT model output");
        // torchaudio fails when mask_prob is 0 (no mask); here no frame is masked then
        Tensor mask = masked.maskIndices() != null ? masked.maskIndices()
                : Torch.zeros(new long[] {x.size(0), x.size(1)}, DType.BOOL, x.device());
        Tensor maskM, maskU;
        if (paddingMask != null) {
            maskM = paddingMask.logicalNot().logicalAnd(mask);
            maskU = paddingMask.logicalNot().logicalAnd(maskM.logicalNot());
        } else {
            maskM = mask;
            maskU = maskM.logicalNot();
        }
        LogitGenerator.Output logits = logitGenerator.call(x, labels, maskM, maskU);
        return new Output(logits.logitM(), logits.logitU(), featurePenalty);
    }

    /**
     * torchaudio's {@code hubert_pretrain_model}: the modules in torchaudio's order, then its initialisation
     * ({@code _init_hubert_pretrain_model}: Kaiming normal convolutions, the attention projections' Xavier
     * gains, then every transformer linear layer N(0, 0.02) with zero bias).
     *
     * @throws IllegalArgumentException for a bad {@code featureGradMult}, extractor mode or head count
     */
    public static HuBERTPretrainModel hubertPretrainModel(HuBERTPretrainConfig c) {
        Wav2Vec2Model wav2vec2 = Wav2Vec2Model.wav2vec2Model(c.encoder());
        long embed = c.encoder().encoderEmbedDim();
        MaskGenerator maskGenerator = new MaskGenerator(embed, c.maskProb(), c.maskSelection(), c.maskOther(), c.maskLength(),
                c.noMaskOverlap(), c.maskMinSpace(), c.maskChannelProb(), c.maskChannelSelection(), c.maskChannelOther(),
                c.maskChannelLength(), c.noMaskChannelOverlap(), c.maskChannelMinSpace());
        LogitGenerator logitGenerator = new LogitGenerator(embed, c.numClasses(), c.finalDim(), c.skipMasked(), c.skipNomask());
        HuBERTPretrainModel model = new HuBERTPretrainModel(wav2vec2, maskGenerator, logitGenerator, c.featureGradMult());
        model.apply(HuBERTPretrainModel::initialise);
        return model;
    }

    /**
     * torchaudio's {@code hubert_pretrain_model}, every argument in its order (see {@link HuBERTPretrainConfig}).
     *
     * @param extractorConvLayerConfig null for {@link Wav2Vec2Config#defaultConvLayerConfig()}
     */
    public static HuBERTPretrainModel hubertPretrainModel(String extractorMode, List<long[]> extractorConvLayerConfig, boolean extractorConvBias,
            long encoderEmbedDim, double encoderProjectionDropout, long encoderPosConvKernel, long encoderPosConvGroups, int encoderNumLayers,
            int encoderNumHeads, double encoderAttentionDropout, long encoderFfIntermFeatures, double encoderFfIntermDropout,
            double encoderDropout, boolean encoderLayerNormFirst, double encoderLayerDrop, double maskProb, String maskSelection,
            double maskOther, long maskLength, boolean noMaskOverlap, long maskMinSpace, double maskChannelProb, String maskChannelSelection,
            double maskChannelOther, long maskChannelLength, boolean noMaskChannelOverlap, long maskChannelMinSpace, boolean skipMasked,
            boolean skipNomask, long numClasses, long finalDim, Double featureGradMult) {
        Wav2Vec2Config encoder = new Wav2Vec2Config(extractorMode, extractorConvLayerConfig, extractorConvBias, encoderEmbedDim,
                encoderProjectionDropout, encoderPosConvKernel, encoderPosConvGroups, encoderNumLayers, encoderNumHeads,
                encoderAttentionDropout, encoderFfIntermFeatures, encoderFfIntermDropout, encoderDropout, encoderLayerNormFirst,
                encoderLayerDrop, null);
        return hubertPretrainModel(new HuBERTPretrainConfig(encoder, maskProb, maskSelection, maskOther, maskLength, noMaskOverlap,
                maskMinSpace, maskChannelProb, maskChannelSelection, maskChannelOther, maskChannelLength, noMaskChannelOverlap,
                maskChannelMinSpace, skipMasked, skipNomask, numClasses, finalDim, featureGradMult));
    }

    /** {@code hubert_pretrain_base()}; see {@link HuBERTPretrainConfig#hubertPretrainBase()}. */
    public static HuBERTPretrainModel hubertPretrainBase() {
        return hubertPretrainModel(HuBERTPretrainConfig.hubertPretrainBase());
    }

    /** {@code hubert_pretrain_large()}; see {@link HuBERTPretrainConfig#hubertPretrainLarge()}. */
    public static HuBERTPretrainModel hubertPretrainLarge() {
        return hubertPretrainModel(HuBERTPretrainConfig.hubertPretrainLarge());
    }

    /** {@code hubert_pretrain_xlarge()}; see {@link HuBERTPretrainConfig#hubertPretrainXlarge()}. */
    public static HuBERTPretrainModel hubertPretrainXlarge() {
        return hubertPretrainModel(HuBERTPretrainConfig.hubertPretrainXlarge());
    }

    /** torchaudio's {@code _init_hubert_pretrain_model}, applied to every module after its children. */
    private static void initialise(Module module) {
        if (module instanceof ConvLayerBlock block) {
            Init.kaimingNormal_(block.conv.weight, 0, "fan_in", "leaky_relu");
        } else if (module instanceof ConvolutionalPositionalEmbedding pos) {
            // torchaudio fills the weight-normed convolution's computed `weight`, which the next forward recomputes
            // from weight_g and weight_v: only the draws and the bias count
            double std = Math.sqrt(4.0 / (pos.embedDim * pos.kernelSize));
            Init.normal_(Torch.zeros(pos.embedDim, pos.embedDim / pos.groups, pos.kernelSize), 0.0, std);
            Init.constant_(pos.conv.namedParameters().get("bias"), 0.0);
        } else if (module instanceof SelfAttention attention) {
            double gain = 1 / Math.sqrt(2);
            Init.xavierUniform_(attention.kProj.weight, gain);
            Init.xavierUniform_(attention.vProj.weight, gain);
            Init.xavierUniform_(attention.qProj.weight, gain);
            Init.xavierUniform_(attention.outProj.weight, 1.0);
            Init.constant_(attention.outProj.bias, 0.0);
        } else if (module instanceof Transformer transformer) {
            transformer.apply(m -> {
                if (m instanceof Linear linear) {
                    Init.normal_(linear.weight, 0.0, 0.02);
                    if (linear.bias != null) Init.zeros_(linear.bias);
                }
            });
        }
    }
}
