package org.torch4j.audio.models;

import java.util.List;
import org.torch4j.DType;
import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.nn.AvgPool1d;
import org.torch4j.nn.Dropout;
import org.torch4j.nn.GELU;
import org.torch4j.nn.LayerNorm;
import org.torch4j.nn.Linear;
import org.torch4j.nn.Module;
import org.torch4j.nn.ReLU;
import org.torch4j.nn.Sequential;
import org.torch4j.nn.SiLU;

/**
 * One Emformer layer (torchaudio's {@code emformer._EmformerLayer}): layer norm over the right context and
 * utterance, {@link EmformerAttention} (with a summary row per segment, average-pooled from the normed
 * utterance, when memory is on), dropout and a residual, a pre-norm feed-forward block with its residual,
 * and an output layer norm. All tensors are time first [rows, batch, dim].
 */
public class EmformerLayer extends Module {
    /**
     * The streaming state {@link #infer} carries from one segment to the next (torchaudio's list of four tensors).
     *
     * @param memory [maxMemorySize, batch, dim] the latest memory rows
     * @param leftContextKey [leftContextLength, batch, dim] the latest frames' keys
     * @param leftContextVal the matching values
     * @param pastLength int32 [1, batch] frames processed so far
     */
    public record State(Tensor memory, Tensor leftContextKey, Tensor leftContextVal, Tensor pastLength) {}

    /**
     * What a layer gives.
     *
     * @param utterance the utterance rows' outputs
     * @param rightContext the right-context rows' outputs
     * @param mems the memory for the next layer
     * @param state from {@link #infer}, the state for the next segment (else null)
     */
    public record Output(Tensor utterance, Tensor rightContext, Tensor mems, State state) {}

    /** {@code attention}. */
    public final EmformerAttention attention;
    /** {@code dropout}, on the attention output. */
    public final Dropout dropout;
    /** {@code memory_op}: average pooling over each segment (the last one may be short), giving the summary rows. */
    public final AvgPool1d memoryOp;
    /** {@code pos_ff}: layer norm, linear, activation, dropout, linear, dropout. */
    public final Sequential posFf;
    /** {@code layer_norm_input} and {@code layer_norm_output}. */
    public final LayerNorm layerNormInput, layerNormOutput;
    /** Frames of left context (streaming), frames per segment, memory rows kept, and the width. */
    public final long leftContextLength, segmentLength, maxMemorySize, inputDim;
    /** Whether memory is on ({@code maxMemorySize > 0}). */
    public final boolean useMem;

    /**
     * torchaudio's constructor.
     *
     * @param activation "relu", "gelu" or "silu"
     * @param weightInitGain the attention's xavier gain, or null for the default initialisation
     * @throws IllegalArgumentException for another activation, or heads that do not divide the width
     */
    public EmformerLayer(long inputDim, long numHeads, long ffnDim, long segmentLength, double dropout, String activation,
                         long leftContextLength, long maxMemorySize, Double weightInitGain, boolean tanhOnMem, double negativeInf) {
        attention = registerModule("attention", new EmformerAttention(inputDim, numHeads, dropout, weightInitGain, tanhOnMem, negativeInf));
        this.dropout = registerModule("dropout", new Dropout(dropout));
        memoryOp = registerModule("memory_op", new AvgPool1d(segmentLength, segmentLength, 0, true, true));
        posFf = registerModule("pos_ff", new Sequential(new LayerNorm(inputDim), new Linear(inputDim, ffnDim), activation(activation),
                new Dropout(dropout), new Linear(ffnDim, inputDim), new Dropout(dropout)));
        layerNormInput = registerModule("layer_norm_input", new LayerNorm(inputDim));
        layerNormOutput = registerModule("layer_norm_output", new LayerNorm(inputDim));
        this.leftContextLength = leftContextLength;
        this.segmentLength = segmentLength;
        this.maxMemorySize = maxMemorySize;
        this.inputDim = inputDim;
        this.useMem = maxMemorySize > 0;
    }

    private static Module activation(String name) {
        return switch (name) {
            case "relu" -> new ReLU();
            case "gelu" -> new GELU();
            case "silu" -> new SiLU();
            default -> throw new IllegalArgumentException("Unsupported activation " + name);
        };
    }

    /**
     * Training mode over whole utterances.
     *
     * @param utterance [U, batch, dim]
     * @param lengths int64 [batch] valid utterance frames
     * @param rightContext [R, batch, dim]
     * @param mems [M, batch, dim]
     * @param attentionMask the attention's boolean mask (see {@link EmformerAttention#forward})
     */
    public Output forward(Tensor utterance, Tensor lengths, Tensor rightContext, Tensor mems, Tensor attentionMask) {
        Tensor[] normed = preAttentionNorm(utterance, rightContext);
        Tensor summary = summary(normed[0], false);
        EmformerAttention.Output a = attention.forward(normed[0], lengths, normed[1], summary, mems, attentionMask);
        Tensor[] out = postAttention(a.output(), utterance, rightContext);
        return new Output(out[0], out[1], a.mems(), null);
    }

    /**
     * Streaming mode for one segment.
     *
     * @param state the previous segment's state, or null for the first segment
     * @param mems the memory row for this segment (from the input, or the layer below)
     */
    public Output infer(Tensor utterance, Tensor lengths, Tensor rightContext, State state, Tensor mems) {
        Tensor[] normed = preAttentionNorm(utterance, rightContext);
        if (state == null) state = initialState(utterance);
        long pastLength = state.pastLength().select(0, 0).select(0, 0).itemLong();
        long pastLeft = Math.min(leftContextLength, pastLength);
        long pastMems = Math.min(maxMemorySize, (pastLength + segmentLength - 1) / segmentLength);
        Tensor preMems = EmformerAttention.rest(state.memory(), maxMemorySize - pastMems);
        Tensor lcKey = EmformerAttention.rest(state.leftContextKey(), leftContextLength - pastLeft);
        Tensor lcVal = EmformerAttention.rest(state.leftContextVal(), leftContextLength - pastLeft);
        Tensor summary = summary(normed[0], true);
        EmformerAttention.Output a = attention.infer(normed[0], lengths, normed[1], summary, preMems, lcKey, lcVal);
        State next = nextState(state, a.key(), a.value(), utterance.size(0), mems);
        Tensor[] out = postAttention(a.output(), utterance, rightContext);
        return new Output(out[0], out[1], a.mems(), next);
    }

    /**
     * torchaudio's {@code _init_state}, zeros (of the input's dtype: torchaudio's are float32, which its
     * first concatenation promotes, so the values are the same).
     */
    private State initialState(Tensor utterance) {
        long batch = utterance.size(1);
        return new State(Torch.zeros(new long[] {maxMemorySize, batch, inputDim}, utterance.dtype(), utterance.device()),
                Torch.zeros(new long[] {leftContextLength, batch, inputDim}, utterance.dtype(), utterance.device()),
                Torch.zeros(new long[] {leftContextLength, batch, inputDim}, utterance.dtype(), utterance.device()),
                Torch.zeros(new long[] {1, batch}, DType.INT32, utterance.device()));
    }

    /** torchaudio's {@code _pack_state}: the newest memory and left-context rows, and the frames counted. */
    private State nextState(State state, Tensor nextKey, Tensor nextVal, long updateLength, Tensor mems) {
        Tensor memory = state.memory();
        if (useMem) {
            Tensor all = Torch.cat(List.of(memory, mems));
            memory = EmformerAttention.rest(all, all.size(0) - maxMemorySize);
        }
        Tensor keys = Torch.cat(List.of(state.leftContextKey(), nextKey));
        Tensor values = Torch.cat(List.of(state.leftContextVal(), nextVal));
        return new State(memory, EmformerAttention.rest(keys, keys.size(0) - leftContextLength),
                EmformerAttention.rest(values, values.size(0) - leftContextLength), state.pastLength().add(updateLength));
    }

    /** The summary rows: each segment's average of the normed utterance (only the first while streaming), or none. */
    private Tensor summary(Tensor utterance, boolean firstOnly) {
        if (!useMem) return Torch.zeros(new long[] {0, utterance.size(1), inputDim}, utterance.dtype(), utterance.device());
        Tensor s = memoryOp.call(utterance.permute(1, 2, 0)).permute(2, 0, 1);
        return firstOnly ? s.narrow(0, 0, 1) : s;
    }

    /** Layer norm over [right context, utterance]: the normed utterance and right context. */
    private Tensor[] preAttentionNorm(Tensor utterance, Tensor rightContext) {
        Tensor normed = layerNormInput.call(Torch.cat(List.of(rightContext, utterance)));
        long r = rightContext.size(0);
        return new Tensor[] {EmformerAttention.rest(normed, r), normed.narrow(0, 0, r)};
    }

    /** Residual, feed-forward with its residual, output norm: the utterance and right-context rows. */
    private Tensor[] postAttention(Tensor attended, Tensor utterance, Tensor rightContext) {
        Tensor result = dropout.call(attended).add(Torch.cat(List.of(rightContext, utterance)));
        result = layerNormOutput.call(posFf.call(result).add(result));
        long r = rightContext.size(0);
        return new Tensor[] {EmformerAttention.rest(result, r), result.narrow(0, 0, r)};
    }
}
