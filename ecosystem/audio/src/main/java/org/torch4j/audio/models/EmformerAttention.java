package org.torch4j.audio.models;

import java.util.List;
import org.torch4j.DType;
import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.nn.F;
import org.torch4j.nn.Init;
import org.torch4j.nn.Linear;
import org.torch4j.nn.Module;

/**
 * Emformer's attention (torchaudio's {@code emformer._EmformerAttention}, Shi et al. 2021): the queries
 * are [right context, utterance, summary] rows, the keys and values [memory, right context, (left
 * context,) utterance] rows, all time first [rows, batch, dim]; a boolean mask says which query may see
 * which key. The summary rows' outputs become the next layer's memory, squashed (tanh) or clamped to
 * [-10, 10].
 *
 * <p>One deliberate difference: torchaudio masks and soft-maxes the logits after {@code .float()}, which
 * lifts half precision to float32 but also rounds a float64 model's logits to float32. Here float64 stays
 * float64 (narrower dtypes are lifted to float32 as in torchaudio), so float32 models compute exactly what
 * torchaudio computes, and float64 models are exact enough for gradcheck; their outputs differ from
 * torchaudio's float64 ones by that rounding, about 1e-6 relative.
 */
public class EmformerAttention extends Module {
    /**
     * What the attention gives.
     *
     * @param output the [right context, utterance] rows' outputs
     * @param mems the summary rows' outputs (the new memory)
     * @param key in {@link #infer}, the keys to carry as the next segment's left context (else null)
     * @param value the matching values (else null)
     */
    public record Output(Tensor output, Tensor mems, Tensor key, Tensor value) {}

    /** The width and the number of heads. */
    public final long inputDim, numHeads;
    /** Dropout on the attention probabilities. */
    public final double dropout;
    /** {@code 1/sqrt(inputDim / numHeads)}, applied to the queries. */
    public final double scaling;
    /** Whether the memory outputs pass through tanh (else they are clamped to [-10, 10]). */
    public final boolean tanhOnMem;
    /** The value masked logits get (torchaudio's default -1e8). */
    public final double negativeInf;
    /** {@code emb_to_key_value} (keys then values), {@code emb_to_query} and {@code out_proj}. */
    public final Linear embToKeyValue, embToQuery, outProj;

    /**
     * torchaudio's constructor.
     *
     * @param weightInitGain when not null, the key-value and query weights are redrawn xavier-uniform with this gain
     * @throws IllegalArgumentException when {@code numHeads} does not divide {@code inputDim}
     */
    public EmformerAttention(long inputDim, long numHeads, double dropout, Double weightInitGain, boolean tanhOnMem, double negativeInf) {
        if (inputDim % numHeads != 0) {
            throw new IllegalArgumentException("input_dim (" + inputDim + ") is not a multiple of num_heads (" + numHeads + ").");
        }
        this.inputDim = inputDim;
        this.numHeads = numHeads;
        this.dropout = dropout;
        this.tanhOnMem = tanhOnMem;
        this.negativeInf = negativeInf;
        this.scaling = Math.pow((double) (inputDim / numHeads), -0.5);
        embToKeyValue = registerModule("emb_to_key_value", new Linear(inputDim, 2 * inputDim));
        embToQuery = registerModule("emb_to_query", new Linear(inputDim, inputDim));
        outProj = registerModule("out_proj", new Linear(inputDim, inputDim));
        // torchaudio tests the gain's truth, so a gain of 0 keeps the default initialisation too
        if (weightInitGain != null && weightInitGain != 0) {
            Init.xavierUniform_(embToKeyValue.weight, weightInitGain);
            Init.xavierUniform_(embToQuery.weight, weightInitGain);
        }
    }

    /**
     * Training-mode attention over whole utterances.
     *
     * @param utterance [U, batch, dim]
     * @param lengths int64 [batch] valid utterance frames
     * @param rightContext [R, batch, dim], every segment's right context
     * @param summary [S, batch, dim], one pooled row per segment (S may be 0)
     * @param mems [M, batch, dim] memory
     * @param attentionMask bool [R + U + S, M + R + U], true where a query must not see a key
     * @return the outputs, and the memory without the last segment's row (no segment follows it)
     */
    public Output forward(Tensor utterance, Tensor lengths, Tensor rightContext, Tensor summary, Tensor mems, Tensor attentionMask) {
        Output o = attend(utterance, lengths, rightContext, summary, mems, attentionMask, null, null);
        return new Output(o.output(), o.mems().narrow(0, 0, Math.max(0, o.mems().size(0) - 1)), null, null);
    }

    /**
     * Streaming attention for one segment, with the previous segments' memory and left-context keys and values.
     *
     * @param leftContextKey [L, batch, dim] keys of the frames before the segment
     * @param leftContextVal the matching values
     * @return the outputs, the memory row, and the keys and values to carry (left context and utterance)
     */
    public Output infer(Tensor utterance, Tensor lengths, Tensor rightContext, Tensor summary, Tensor mems, Tensor leftContextKey,
                        Tensor leftContextVal) {
        long queries = rightContext.size(0) + utterance.size(0) + summary.size(0);
        long keys = rightContext.size(0) + utterance.size(0) + mems.size(0) + leftContextKey.size(0);
        // the summary row may not see the memory
        Tensor mask = Torch.zeros(new long[] {queries, keys}, DType.BOOL, utterance.device());
        mask.select(0, queries - 1).narrow(0, 0, mems.size(0)).fill_(1L);
        Output o = attend(utterance, lengths, rightContext, summary, mems, mask, leftContextKey, leftContextVal);
        long skip = mems.size(0) + rightContext.size(0);
        return new Output(o.output(), o.mems(), rest(o.key(), skip), rest(o.value(), skip));
    }

    private Output attend(Tensor utterance, Tensor lengths, Tensor rightContext, Tensor summary, Tensor mems, Tensor attentionMask,
                          Tensor leftContextKey, Tensor leftContextVal) {
        long batch = utterance.size(1);
        long total = rightContext.size(0) + utterance.size(0) + summary.size(0);
        Tensor query = embToQuery.call(Torch.cat(List.of(rightContext, utterance, summary)));
        List<Tensor> kv = embToKeyValue.call(Torch.cat(List.of(mems, rightContext, utterance))).chunk(2, 2);
        Tensor key = kv.get(0), value = kv.get(1);
        long rightContextBlocks = total - lengths.max().itemLong() - summary.size(0);
        if (leftContextKey != null) {
            // the left context goes between the right-context rows and the utterance
            long at = mems.size(0) + rightContextBlocks;
            key = Torch.cat(List.of(key.narrow(0, 0, at), leftContextKey, rest(key, at)));
            value = Torch.cat(List.of(value.narrow(0, 0, at), leftContextVal, rest(value, at)));
        }
        long headDim = inputDim / numHeads;
        Tensor q = heads(query, batch, headDim), k = heads(key, batch, headDim), v = heads(value, batch, headDim);
        Tensor weights = q.mul(scaling).bmm(k.transpose(1, 2));
        Tensor probs = probabilities(weights, attentionMask, paddingMask(lengths, mems.size(0) + rightContextBlocks
                + (leftContextKey == null ? 0 : leftContextKey.size(0)), batch));
        Tensor attention = probs.bmm(v).transpose(0, 1).contiguous().view(total, batch, inputDim);
        Tensor out = outProj.call(attention);
        long outputRows = total - summary.size(0);
        Tensor newMems = out.narrow(0, outputRows, summary.size(0));
        newMems = tanhOnMem ? newMems.tanh() : newMems.clamp(-10.0, 10.0);
        return new Output(out.narrow(0, 0, outputRows), newMems, key, value);
    }

    /** [rows, batch, dim] to [batch * heads, rows, headDim]. */
    private Tensor heads(Tensor t, long batch, long headDim) {
        return t.contiguous().view(-1, batch * numHeads, headDim).transpose(0, 1);
    }

    /** Masked softmax in at least float32 (see the class comment), back to the logits' dtype, then dropout. */
    private Tensor probabilities(Tensor weights, Tensor attentionMask, Tensor paddingMask) {
        DType dtype = weights.dtype() == DType.FLOAT64 ? DType.FLOAT64 : DType.FLOAT32;
        Tensor w = weights.to(dtype).maskedFill(attentionMask.unsqueeze(0), negativeInf);
        if (paddingMask != null) {
            long rows = weights.size(1), batch = weights.size(0) / numHeads;
            w = w.view(batch, numHeads, rows, -1).maskedFill(paddingMask.unsqueeze(1).unsqueeze(2), negativeInf)
                    .view(batch * numHeads, rows, -1);
        }
        return F.dropout(F.softmax(w, -1).to(weights.dtype()), dropout, training);
    }

    /**
     * torchaudio's {@code _gen_padding_mask}: none for a batch of one, else true at the keys past each
     * sequence's {@code length + keysBefore} (the memory, right-context and left-context keys come first).
     */
    private static Tensor paddingMask(Tensor lengths, long keysBefore, long batch) {
        return batch == 1 ? null : Conformer.paddingMask(lengths.add(keysBefore));
    }

    /** Rows {@code from..} of a time-first tensor (Python's {@code t[from:]}). */
    static Tensor rest(Tensor t, long from) {
        long start = Math.min(from, t.size(0));
        return t.narrow(0, start, t.size(0) - start);
    }
}
