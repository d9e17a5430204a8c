package org.torch4j.audio.models;

import java.util.List;
import org.torch4j.Tensor;
import org.torch4j.nn.LayerNorm;
import org.torch4j.nn.Linear;
import org.torch4j.nn.Module;

/**
 * torchaudio's {@code rnnt._EmformerEncoder}, the Emformer-based RNN-T transcription network: a linear
 * projection (no bias), a {@link TimeReduction}, an {@link Emformer}, a linear layer and a layer norm.
 * Segment and right-context lengths are given in input frames; the Emformer sees them divided by the stride.
 */
public class EmformerEncoder extends Module implements Transcriber {
    /** {@code input_linear}: input width to {@code timeReductionInputDim}, no bias. */
    public final Linear inputLinear;
    /** {@code time_reduction}. */
    public final TimeReduction timeReduction;
    /** {@code transformer}: the Emformer, {@code timeReductionInputDim * timeReductionStride} wide. */
    public final Emformer transformer;
    /** {@code output_linear}: the Emformer's width to {@code outputDim}. */
    public final Linear outputLinear;
    /** {@code layer_norm}, over the output. */
    public final LayerNorm layerNorm;

    /**
     * torchaudio's constructor (keyword arguments, in its order; its defaults: dropout 0.0, "relu", no memory,
     * "depthwise", no tanh on memory).
     *
     * @param segmentLength frames per segment, before the time reduction
     * @param rightContextLength frames of right context, before the time reduction
     * @param transformerActivation "relu", "gelu" or "silu"
     * @param transformerWeightInitScaleStrategy "depthwise", "constant" or null
     * @throws IllegalArgumentException for an unknown activation or strategy, or heads that do not divide the width
     */
    public EmformerEncoder(long inputDim, long outputDim, long segmentLength, long rightContextLength, long timeReductionInputDim,
                           long timeReductionStride, long transformerNumHeads, long transformerFfnDim, int transformerNumLayers,
                           long transformerLeftContextLength, double transformerDropout, String transformerActivation,
                           long transformerMaxMemorySize, String transformerWeightInitScaleStrategy, boolean transformerTanhOnMem) {
        inputLinear = registerModule("input_linear", new Linear(inputDim, timeReductionInputDim, false));
        timeReduction = registerModule("time_reduction", new TimeReduction(timeReductionStride));
        long transformerInputDim = timeReductionInputDim * timeReductionStride;
        transformer = registerModule("transformer", new Emformer(transformerInputDim, transformerNumHeads, transformerFfnDim,
                transformerNumLayers, segmentLength / timeReductionStride, transformerDropout, transformerActivation,
                transformerLeftContextLength, rightContextLength / timeReductionStride, transformerMaxMemorySize,
                transformerWeightInitScaleStrategy, transformerTanhOnMem, -1e8));
        outputLinear = registerModule("output_linear", new Linear(transformerInputDim, outputDim));
        layerNorm = registerModule("layer_norm", new LayerNorm(outputDim));
    }

    /** {@code encoder(input, lengths)}: {@link #forward(Tensor, Tensor)} with this module's hooks around it. */
    @Override
    public final OutputAndLengths call(Tensor input, Tensor lengths) {
        return callWithHooks(args -> forward((Tensor) args.get(0), (Tensor) args.get(1)), input, lengths);
    }

    /**
     * Training mode: whole utterances.
     *
     * @param input [B, T + right context, inputDim]
     * @param lengths [B] valid frames of each utterance
     * @return [B, T / stride, outputDim] and the valid output frames
     */
    public OutputAndLengths forward(Tensor input, Tensor lengths) {
        OutputAndLengths reduced = timeReduction.call(inputLinear.call(input), lengths);
        OutputAndLengths out = transformer.call(reduced.output(), reduced.lengths());
        return new OutputAndLengths(layerNorm.call(outputLinear.call(out.output())), out.lengths());
    }

    /**
     * Streaming mode: one segment of {@code segmentLength} frames plus the right context.
     *
     * @param lengths [B] valid frames of the input
     * @param states the previous call's states, or null at the start of a stream
     */
    @Override
    public Emformer.InferOutput infer(Tensor input, Tensor lengths, List<EmformerLayer.State> states) {
        OutputAndLengths reduced = timeReduction.call(inputLinear.call(input), lengths);
        Emformer.InferOutput out = transformer.infer(reduced.output(), reduced.lengths(), states);
        return new Emformer.InferOutput(layerNorm.call(outputLinear.call(out.output())), out.lengths(), out.states());
    }
}
