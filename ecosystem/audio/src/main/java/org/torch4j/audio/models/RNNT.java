package org.torch4j.audio.models;

import java.util.List;
import org.torch4j.Tensor;
import org.torch4j.nn.Module;

/**
 * The recurrent neural network transducer (torchaudio's {@code RNNT}, Graves 2012, "Sequence Transduction with
 * Recurrent Neural Networks"): a transcription network over the audio features, a prediction network over the
 * target tokens, and a joint network giving logits [B, T, U, symbols], the input of
 * {@link org.torch4j.audio.functional.AudioFunctional#rnntLoss}. Build it with {@link #emformerRnntModel} or
 * {@link #emformerRnntBase}; decode with {@link RNNTBeamSearch}. torchaudio's state-dict keys
 * ({@code transcriber.*}, {@code predictor.*}, {@code joiner.*}).
 */
public class RNNT extends Module {
    /**
     * What {@link #forward} gives.
     *
     * @param output [B, T', U, symbols] the joint network's logits
     * @param sourceLengths [B] valid elements along dim 1
     * @param targetLengths [B] valid elements along dim 2
     * @param predictorState the prediction network's state after the targets
     */
    public record Output(Tensor output, Tensor sourceLengths, Tensor targetLengths, List<CustomLSTM.State> predictorState) {}

    /** {@code transcriber}: the transcription network (a module). */
    public final Transcriber transcriber;
    /** {@code predictor}: the prediction network. */
    public final Predictor predictor;
    /** {@code joiner}: the joint network. */
    public final Joiner joiner;

    /**
     * torchaudio's constructor.
     *
     * @param transcriber a module implementing {@link Transcriber}
     */
    public <T extends Module & Transcriber> RNNT(T transcriber, Predictor predictor, Joiner joiner) {
        this.transcriber = registerModule("transcriber", transcriber);
        this.predictor = registerModule("predictor", predictor);
        this.joiner = registerModule("joiner", joiner);
    }

    /** {@code model(sources, ...)}: {@link #forward} with this module's hooks around it. */
    @SuppressWarnings("unchecked")
    public final Output call(Tensor sources, Tensor sourceLengths, Tensor targets, Tensor targetLengths, List<CustomLSTM.State> predictorState) {
        return callWithHooks(args -> forward((Tensor) args.get(0), (Tensor) args.get(1), (Tensor) args.get(2), (Tensor) args.get(3),
                (List<CustomLSTM.State>) args.get(4)), sources, sourceLengths, targets, targetLengths, predictorState);
    }

    /**
     * Training: transcribes the sources, predicts over the targets and joins them.
     *
     * @param sources [B, T, D] frames right-padded with the right context
     * @param sourceLengths [B] valid frames of each source
     * @param targets int64 [B, U] target symbols
     * @param targetLengths [B] valid symbols of each target
     * @param predictorState the prediction network's state from a previous call, or null
     */
    public Output forward(Tensor sources, Tensor sourceLengths, Tensor targets, Tensor targetLengths, List<CustomLSTM.State> predictorState) {
        OutputAndLengths source = transcriber.call(sources, sourceLengths);
        Predictor.Output target = predictor.call(targets, targetLengths, predictorState);
        Joiner.Output joined = joiner.call(source.output(), source.lengths(), target.output(), target.lengths());
        return new Output(joined.output(), joined.sourceLengths(), joined.targetLengths(), target.state());
    }

    /**
     * {@code transcribe_streaming}: the transcription network on one segment of a stream.
     *
     * @param sources [B, segment + right context, D]
     * @param sourceLengths [B] valid frames
     * @param state the previous call's state, or null at the start of a stream
     */
    public Emformer.InferOutput transcribeStreaming(Tensor sources, Tensor sourceLengths, List<EmformerLayer.State> state) {
        return transcriber.infer(sources, sourceLengths, state);
    }

    /**
     * The transcription network on whole utterances (non-streaming).
     *
     * @param sources [B, T + right context, D]
     * @param sourceLengths [B] valid frames
     */
    public OutputAndLengths transcribe(Tensor sources, Tensor sourceLengths) {
        return transcriber.call(sources, sourceLengths);
    }

    /**
     * The prediction network on targets.
     *
     * @param targets int64 [B, U] symbols
     * @param targetLengths [B] valid symbols
     * @param state its state from a previous call, or null
     */
    public Predictor.Output predict(Tensor targets, Tensor targetLengths, List<CustomLSTM.State> state) {
        return predictor.call(targets, targetLengths, state);
    }

    /**
     * The joint network on source encodings [B, T, D] and target encodings [B, U, D].
     *
     * @param sourceLengths [B] valid source encodings
     * @param targetLengths [B] valid target encodings
     */
    public Joiner.Output join(Tensor sourceEncodings, Tensor sourceLengths, Tensor targetEncodings, Tensor targetLengths) {
        return joiner.call(sourceEncodings, sourceLengths, targetEncodings, targetLengths);
    }

    /**
     * torchaudio's {@code emformer_rnnt_model}: an {@link EmformerEncoder} transcriber, a {@link Predictor} whose
     * LSTMs are {@code symbolEmbeddingDim} wide, and a ReLU {@link Joiner}; every argument in torchaudio's order.
     *
     * @param inputDim the input frames' width
     * @param encodingDim the width of the transcription and prediction networks' encodings
     * @param numSymbols the size of the token lexicon
     * @param segmentLength frames per streaming segment
     * @param rightContextLength frames of right context
     * @param transformerActivation "relu", "gelu" or "silu"
     * @param transformerWeightInitScaleStrategy "depthwise", "constant" or null
     * @throws IllegalArgumentException for an unknown activation or strategy, or heads that do not divide the width
     */
    public static RNNT emformerRnntModel(long inputDim, long encodingDim, long numSymbols, long segmentLength, long rightContextLength,
                                         long timeReductionInputDim, long timeReductionStride, long transformerNumHeads,
                                         long transformerFfnDim, int transformerNumLayers, double transformerDropout,
                                         String transformerActivation, long transformerLeftContextLength, long transformerMaxMemorySize,
                                         String transformerWeightInitScaleStrategy, boolean transformerTanhOnMem, long symbolEmbeddingDim,
                                         int numLstmLayers, boolean lstmLayerNorm, double lstmLayerNormEpsilon, double lstmDropout) {
        EmformerEncoder encoder = new EmformerEncoder(inputDim, encodingDim, segmentLength, rightContextLength, timeReductionInputDim,
                timeReductionStride, transformerNumHeads, transformerFfnDim, transformerNumLayers, transformerLeftContextLength,
                transformerDropout, transformerActivation, transformerMaxMemorySize, transformerWeightInitScaleStrategy, transformerTanhOnMem);
        Predictor predictor = new Predictor(numSymbols, encodingDim, symbolEmbeddingDim, numLstmLayers, symbolEmbeddingDim, lstmLayerNorm,
                lstmLayerNormEpsilon, lstmDropout);
        return new RNNT(encoder, predictor, new Joiner(encodingDim, numSymbols));
    }

    /**
     * torchaudio's {@code emformer_rnnt_base}: 80-wide input, 1024-wide encodings, segments of 16 frames with 4 of
     * right context, time reduction to 128 x 4, 20 Emformer layers (8 heads, 2048 feed-forward, GELU, dropout 0.1,
     * left context 30, no memory, "depthwise", tanh on memory), 512-wide embeddings and 3 layer-normed LSTMs
     * (epsilon 1e-3, dropout 0.3).
     *
     * @param numSymbols the size of the token lexicon
     */
    public static RNNT emformerRnntBase(long numSymbols) {
        return emformerRnntModel(80, 1024, numSymbols, 16, 4, 128, 4, 8, 2048, 20, 0.1, "gelu", 30, 0, "depthwise", true, 512, 3, true,
                1e-3, 0.3);
    }
}
