package org.torch4j.audio.models;

import java.util.ArrayList;
import java.util.List;
import org.torch4j.Tensor;
import org.torch4j.nn.Dropout;
import org.torch4j.nn.Embedding;
import org.torch4j.nn.LayerNorm;
import org.torch4j.nn.Linear;
import org.torch4j.nn.Module;
import org.torch4j.nn.ModuleList;

/**
 * torchaudio's {@code rnnt._Predictor}, the RNN-T prediction network: token embedding, layer norm, a stack of
 * {@link CustomLSTM}s (dropout after each), a linear layer and an output layer norm.
 */
public class Predictor extends Module {
    /**
     * What the prediction network gives.
     *
     * @param output [B, U, outputDim] the encodings of the targets
     * @param lengths the target lengths, unchanged
     * @param state each LSTM layer's state after the last token
     */
    public record Output(Tensor output, Tensor lengths, List<CustomLSTM.State> state) {}

    /** {@code embedding}: one row per symbol. */
    public final Embedding embedding;
    /** {@code input_layer_norm}, over the embeddings. */
    public final LayerNorm inputLayerNorm;
    /** {@code lstm_layers}: the {@link CustomLSTM}s. */
    public final ModuleList lstmLayers;
    /** {@code dropout}, after each LSTM layer. */
    public final Dropout dropout;
    /** {@code linear}: LSTM width to the output width. */
    public final Linear linear;
    /** {@code output_layer_norm}. */
    public final LayerNorm outputLayerNorm;

    /**
     * torchaudio's constructor.
     *
     * @param numSymbols the size of the token lexicon
     * @param outputDim the width of the output encodings
     * @param lstmLayerNorm whether the LSTMs layer-norm their gates and cell states (torchaudio's default false)
     * @param lstmLayerNormEpsilon their epsilon (default 1e-5)
     * @param lstmDropout dropout after each LSTM layer (default 0.0)
     */
    public Predictor(long numSymbols, long outputDim, long symbolEmbeddingDim, int numLstmLayers, long lstmHiddenDim,
                     boolean lstmLayerNorm, double lstmLayerNormEpsilon, double lstmDropout) {
        embedding = registerModule("embedding", new Embedding(numSymbols, symbolEmbeddingDim));
        inputLayerNorm = registerModule("input_layer_norm", new LayerNorm(symbolEmbeddingDim));
        lstmLayers = registerModule("lstm_layers", new ModuleList());
        for (int i = 0; i < numLstmLayers; i++) {
            lstmLayers.add(new CustomLSTM(i == 0 ? symbolEmbeddingDim : lstmHiddenDim, lstmHiddenDim, lstmLayerNorm, lstmLayerNormEpsilon));
        }
        dropout = registerModule("dropout", new Dropout(lstmDropout));
        linear = registerModule("linear", new Linear(lstmHiddenDim, outputDim));
        outputLayerNorm = registerModule("output_layer_norm", new LayerNorm(outputDim));
    }

    /** {@code predictor(input, lengths, state)}: {@link #forward(Tensor, Tensor, List)} with this module's hooks around it. */
    @SuppressWarnings("unchecked")
    public final Output call(Tensor input, Tensor lengths, List<CustomLSTM.State> state) {
        return callWithHooks(args -> forward((Tensor) args.get(0), (Tensor) args.get(1), (List<CustomLSTM.State>) args.get(2)),
                input, lengths, state);
    }

    /**
     * Encodes target sequences.
     *
     * @param input int64 [B, U] symbols in [0, numSymbols)
     * @param lengths [B] valid symbols of each sequence (passed through)
     * @param state each LSTM layer's state from a previous call, or null to start from zeros
     */
    public Output forward(Tensor input, Tensor lengths, List<CustomLSTM.State> state) {
        Tensor lstmOut = inputLayerNorm.call(embedding.call(input.permute(1, 0)));
        List<CustomLSTM.State> stateOut = new ArrayList<>();
        for (int i = 0; i < lstmLayers.size(); i++) {
            CustomLSTM.Output o = ((CustomLSTM) lstmLayers.get(i)).call(lstmOut, state == null ? null : state.get(i));
            lstmOut = dropout.call(o.output());
            stateOut.add(o.state());
        }
        Tensor out = outputLayerNorm.call(linear.call(lstmOut));
        return new Output(out.permute(1, 0, 2), lengths, stateOut);
    }
}
