package org.torch4j.audio.models;

import org.torch4j.Tensor;
import org.torch4j.nn.F;
import org.torch4j.nn.Linear;
import org.torch4j.nn.Module;

/**
 * Tacotron2's location-sensitive attention (torchaudio's {@code _Attention}): energies
 * {@code v(tanh(query_layer(query) + location_layer(weights) + memory_layer(memory)))}, padding masked
 * to -inf, softmax over the tokens, and the context as the weighted sum of the encoder outputs.
 */
public class Tacotron2Attention extends Module {
    /** {@code query_layer}, {@code memory_layer} (both tanh gain, no bias) and {@code v} (to one energy, no bias). */
    public final Linear queryLayer, memoryLayer, v;
    /** {@code location_layer}. */
    public final Tacotron2LocationLayer locationLayer;

    /**
     * The attention's result.
     *
     * @param attentionContext [batch, encoderEmbeddingDim], the weighted sum of the memory
     * @param attentionWeights [batch, tokens], the softmax over the tokens (0 at padding)
     */
    public record Result(Tensor attentionContext, Tensor attentionWeights) {}

    /**
     * torchaudio's constructor.
     *
     * @param attentionRnnDim the attention LSTM's width (the query)
     * @param encoderEmbeddingDim the encoder outputs' width (the memory)
     * @param attentionHiddenDim the hidden width the energies are computed in
     * @param attentionLocationNFilter the location convolution's filters
     * @param attentionLocationKernelSize the location convolution's kernel
     */
    public Tacotron2Attention(long attentionRnnDim, long encoderEmbeddingDim, long attentionHiddenDim, long attentionLocationNFilter,
                              long attentionLocationKernelSize) {
        queryLayer = registerModule("query_layer", Tacotron2Layers.linear(attentionRnnDim, attentionHiddenDim, false, "tanh"));
        memoryLayer = registerModule("memory_layer", Tacotron2Layers.linear(encoderEmbeddingDim, attentionHiddenDim, false, "tanh"));
        v = registerModule("v", Tacotron2Layers.linear(attentionHiddenDim, 1, false, "linear"));
        locationLayer = registerModule("location_layer",
                new Tacotron2LocationLayer(attentionLocationNFilter, attentionLocationKernelSize, attentionHiddenDim));
    }

    /** Not a one-input module: use {@link #forward(Tensor, Tensor, Tensor, Tensor, Tensor)}. */
    @Override
    public Tensor forward(Tensor input) {
        throw new UnsupportedOperationException("Tacotron2Attention takes the query, memory, processed memory, weights and mask");
    }

    /** {@code attention(...)}: {@link #forward(Tensor, Tensor, Tensor, Tensor, Tensor)} with the hooks around it. */
    public final Result call(Tensor attentionHiddenState, Tensor memory, Tensor processedMemory, Tensor attentionWeightsCat, Tensor mask) {
        return callWithHooks(a -> forward((Tensor) a.get(0), (Tensor) a.get(1), (Tensor) a.get(2), (Tensor) a.get(3), (Tensor) a.get(4)),
                attentionHiddenState, memory, processedMemory, attentionWeightsCat, mask);
    }

    /**
     * One attention step.
     *
     * @param attentionHiddenState [batch, attentionRnnDim], the attention LSTM's output
     * @param memory [batch, tokens, encoderEmbeddingDim], the encoder outputs
     * @param processedMemory [batch, tokens, attentionHiddenDim], {@code memory_layer(memory)}
     * @param attentionWeightsCat [batch, 2, tokens], the previous and cumulative weights
     * @param mask bool [batch, tokens], true at padding
     * @return the context [batch, encoderEmbeddingDim] and the weights [batch, tokens]
     */
    public Result forward(Tensor attentionHiddenState, Tensor memory, Tensor processedMemory, Tensor attentionWeightsCat, Tensor mask) {
        Tensor processedQuery = queryLayer.call(attentionHiddenState.unsqueeze(1));
        Tensor processedAttention = locationLayer.call(attentionWeightsCat);
        Tensor alignment = v.call(processedQuery.add(processedAttention).add(processedMemory).tanh()).squeeze(2);
        Tensor weights = F.softmax(alignment.maskedFill(mask, Double.NEGATIVE_INFINITY), 1);
        return new Result(weights.unsqueeze(1).bmm(memory).squeeze(1), weights);
    }
}
