package org.torch4j.audio.models;

import java.util.ArrayList;
import java.util.List;
import org.torch4j.DType;
import org.torch4j.Device;
import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.nn.AvgPool1d;
import org.torch4j.nn.Module;
import org.torch4j.nn.ModuleList;

/**
 * The Emformer streaming transformer encoder (torchaudio's {@code Emformer}, Shi et al. 2021, "Emformer:
 * Efficient Memory Transformer Based Acoustic Model for Low Latency Streaming Speech Recognition"). The
 * input is cut into segments; each segment attends to itself, a few frames of right context (look-ahead),
 * optionally some frames of left context, and memory rows summarising earlier segments.
 * {@link #forward(Tensor, Tensor)} processes whole utterances at once with an attention mask that enforces
 * this; {@link #infer} processes one segment at a time with a state per layer. torchaudio's state-dict keys.
 */
public class Emformer extends Module {
    /**
     * What {@link #infer} gives.
     *
     * @param output [batch, segmentLength, dim]
     * @param lengths int64 [batch] valid output frames
     * @param states each layer's state, to pass to the next call
     */
    public record InferOutput(Tensor output, Tensor lengths, List<EmformerLayer.State> states) {}

    /** {@code emformer_layers}: the {@link EmformerLayer}s. */
    public final ModuleList emformerLayers;
    /** {@code memory_op}: the segments' averages, the first layer's memory. */
    public final AvgPool1d memoryOp;
    /** Frames of left context, right context, per segment, and memory rows kept. */
    public final long leftContextLength, rightContextLength, segmentLength, maxMemorySize;
    /** Whether memory is on ({@code maxMemorySize > 0}). */
    public final boolean useMem;

    /**
     * torchaudio's constructor.
     *
     * @param activation "relu" (torchaudio's default), "gelu" or "silu"
     * @param weightInitScaleStrategy "depthwise" (default: layer i's attention gain {@code 1/sqrt(i+1)}),
     *        "constant" ({@code 1/sqrt(2)}) or null (the linears' default initialisation)
     * @param negativeInf the value of masked logits (default -1e8)
     * @throws IllegalArgumentException for another activation or strategy, or heads that do not divide the width
     */
    public Emformer(long inputDim, long numHeads, long ffnDim, int numLayers, long segmentLength, double dropout, String activation,
                    long leftContextLength, long rightContextLength, long maxMemorySize, String weightInitScaleStrategy,
                    boolean tanhOnMem, double negativeInf) {
        Double[] gains = gains(weightInitScaleStrategy, numLayers);
        emformerLayers = registerModule("emformer_layers", new ModuleList());
        for (int i = 0; i < numLayers; i++) {
            emformerLayers.add(new EmformerLayer(inputDim, numHeads, ffnDim, segmentLength, dropout, activation, leftContextLength,
                    maxMemorySize, gains[i], tanhOnMem, negativeInf));
        }
        memoryOp = registerModule("memory_op", new AvgPool1d(segmentLength, segmentLength, 0, true, true));
        this.leftContextLength = leftContextLength;
        this.rightContextLength = rightContextLength;
        this.segmentLength = segmentLength;
        this.maxMemorySize = maxMemorySize;
        this.useMem = maxMemorySize > 0;
    }

    /** With torchaudio's defaults: no dropout, ReLU, no left or right context, no memory, "depthwise" gains, clamped memory, -1e8. */
    public Emformer(long inputDim, long numHeads, long ffnDim, int numLayers, long segmentLength) {
        this(inputDim, numHeads, ffnDim, numLayers, segmentLength, 0.0, "relu", 0, 0, 0, "depthwise", false, -1e8);
    }

    private static Double[] gains(String strategy, int numLayers) {
        Double[] gains = new Double[numLayers];
        if (strategy == null) return gains;
        for (int i = 0; i < numLayers; i++) {
            gains[i] = switch (strategy) {
                case "depthwise" -> 1.0 / Math.sqrt(i + 1);
                case "constant" -> 1.0 / Math.sqrt(2);
                default -> throw new IllegalArgumentException("Unsupported weight_init_scale_strategy value " + strategy);
            };
        }
        return gains;
    }

    /** {@code emformer(input, lengths)}: {@link #forward(Tensor, Tensor)} with this module's hooks around it. */
    public final OutputAndLengths call(Tensor input, Tensor lengths) {
        return callWithHooks(args -> forward((Tensor) args.get(0), (Tensor) args.get(1)), input, lengths);
    }

    /**
     * Whole utterances, padded with their right context.
     *
     * @param input [batch, frames + rightContextLength, dim]
     * @param lengths int64 [batch] valid frames of each utterance, right context excluded; the longest must be {@code frames}
     * @return [batch, frames, dim] and the lengths unchanged
     */
    public OutputAndLengths forward(Tensor input, Tensor lengths) {
        Tensor x = input.permute(1, 0, 2);
        Tensor rightContext = rightContext(x);
        Tensor utterance = x.narrow(0, 0, x.size(0) - rightContextLength);
        Tensor mask = attentionMask(utterance.size(0), input.device());
        Tensor mems;
        if (useMem) {
            Tensor pooled = memoryOp.call(utterance.permute(1, 2, 0)).permute(2, 0, 1);
            mems = pooled.narrow(0, 0, pooled.size(0) - 1);
        } else {
            mems = Torch.zeros(new long[] {0, x.size(1), x.size(2)}, input.dtype(), input.device());
        }
        Tensor output = utterance;
        for (Module m : emformerLayers) {
            EmformerLayer.Output o = ((EmformerLayer) m).forward(output, lengths, rightContext, mems, mask);
            output = o.utterance();
            rightContext = o.rightContext();
            mems = o.mems();
        }
        return new OutputAndLengths(output.permute(1, 0, 2), lengths);
    }

    /**
     * One segment of a stream.
     *
     * @param input [batch, segmentLength + rightContextLength, dim]
     * @param lengths int64 [batch] valid frames of the input, right context included
     * @param states the previous call's states, or null at the start of a stream
     * @throws IllegalArgumentException when the input is not {@code segmentLength + rightContextLength} frames
     */
    public InferOutput infer(Tensor input, Tensor lengths, List<EmformerLayer.State> states) {
        if (input.size(1) != segmentLength + rightContextLength) {
            throw new IllegalArgumentException("Per configured segment_length and right_context_length, expected size of "
                    + (segmentLength + rightContextLength) + " for dimension 1 of input, but got " + input.size(1) + ".");
        }
        Tensor x = input.permute(1, 0, 2);
        long start = x.size(0) - rightContextLength;
        Tensor rightContext = EmformerAttention.rest(x, start);
        Tensor utterance = x.narrow(0, 0, start);
        Tensor outputLengths = lengths.sub(rightContextLength).clamp(0.0, null);
        Tensor mems = useMem ? memoryOp.call(utterance.permute(1, 2, 0)).permute(2, 0, 1)
                : Torch.zeros(new long[] {0, x.size(1), x.size(2)}, input.dtype(), input.device());
        Tensor output = utterance;
        List<EmformerLayer.State> outputStates = new ArrayList<>();
        for (int i = 0; i < emformerLayers.size(); i++) {
            EmformerLayer layer = (EmformerLayer) emformerLayers.get(i);
            EmformerLayer.Output o = layer.infer(output, outputLengths, rightContext, states == null ? null : states.get(i), mems);
            output = o.utterance();
            rightContext = o.rightContext();
            mems = o.mems();
            outputStates.add(o.state());
        }
        return new InferOutput(output.permute(1, 0, 2), outputLengths, outputStates);
    }

    /** Each segment's right context (the frames after it), the last one the input's final frames. */
    private Tensor rightContext(Tensor x) {
        long frames = x.size(0);
        long segments = ceilDiv(frames - rightContextLength, segmentLength);
        List<Tensor> blocks = new ArrayList<>();
        for (long s = 0; s < segments - 1; s++) {
            long begin = Math.min((s + 1) * segmentLength, frames);
            blocks.add(x.narrow(0, begin, Math.min(rightContextLength, frames - begin)));
        }
        blocks.add(EmformerAttention.rest(x, frames - rightContextLength));
        return Torch.cat(blocks);
    }

    /**
     * torchaudio's {@code _gen_attention_mask}: rows [right contexts, utterance, summaries], columns
     * [memory, right contexts, utterance]; true (masked) except where a segment's rows meet its memory
     * slots, its own right context and its frames with their left context (the summary rows: not the memory).
     */
    private Tensor attentionMask(long utteranceLength, Device device) {
        long segments = ceilDiv(utteranceLength, segmentLength);
        List<Tensor> rcRows = new ArrayList<>(), queryRows = new ArrayList<>(), summaryRows = new ArrayList<>();
        boolean[] visible = useMem ? columns(9, 1, 4, 7) : columns(6, 1, 4);
        boolean[] summaryVisible = columns(9, 4, 7);
        for (long s = 0; s < segments; s++) {
            long[] widths = columnWidths(s, utteranceLength);
            rcRows.add(block(widths, visible, rightContextLength, device));
            queryRows.add(block(widths, visible, Math.min(segmentLength, utteranceLength - s * segmentLength), device));
            if (useMem) summaryRows.add(block(widths, summaryVisible, 1, device));
        }
        List<Tensor> all = new ArrayList<>(rcRows);
        all.addAll(queryRows);
        all.addAll(summaryRows);
        return Torch.cat(all).logicalNot();
    }

    private static boolean[] columns(int count, int... on) {
        boolean[] out = new boolean[count];
        for (int i : on) out[i] = true;
        return out;
    }

    /** The widths of the mask's column groups for segment {@code s}: before/at/after its memory, right context and frames. */
    private long[] columnWidths(long s, long utteranceLength) {
        long segments = ceilDiv(utteranceLength, segmentLength);
        long rc = rightContextLength;
        long rcStart = s * rc, rcEnd = rcStart + rc, rcLength = rc * segments;
        long segStart = Math.max(s * segmentLength - leftContextLength, 0);
        long segEnd = Math.min((s + 1) * segmentLength, utteranceLength);
        long[] rest = {rcStart, rc, rcLength - rcEnd, segStart, segEnd - segStart, utteranceLength - segEnd};
        if (!useMem) return rest;
        long mStart = Math.max(s - maxMemorySize, 0);
        long[] out = new long[9];
        out[0] = mStart;
        out[1] = s - mStart;
        out[2] = segments - 1 - s;
        System.arraycopy(rest, 0, out, 3, 6);
        return out;
    }

    /** {@code rows} rows of true in the visible column groups, false elsewhere. */
    private static Tensor block(long[] widths, boolean[] visible, long rows, Device device) {
        List<Tensor> parts = new ArrayList<>();
        for (int i = 0; i < widths.length; i++) {
            parts.add(Torch.full(new long[] {rows, widths[i]}, visible[i] ? 1L : 0L, DType.BOOL, device));
        }
        return Torch.cat(parts, 1);
    }

    private static long ceilDiv(long a, long b) {
        return Math.floorDiv(a + b - 1, b);
    }
}
