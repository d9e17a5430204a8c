package org.torch4j.nn;

import org.torch4j.Tensor;

/** One step of an LSTM, the gates (input, forget, cell, output) as {@link LSTM}'s ({@code torch.nn.LSTMCell}). */
public class LSTMCell extends RNNCellBase {
    /** A cell with biases. */
    public LSTMCell(long inputSize, long hiddenSize) {
        this(inputSize, hiddenSize, true);
    }

    /**
     * One LSTM step from {@code (N, inputSize)} (or {@code (inputSize)}) and h, c {@code (N, hiddenSize)} to the next
     * h and c; the parameters start uniform in {@code [-1/sqrt(hiddenSize), 1/sqrt(hiddenSize)]}.
     *
     * @param inputSize the number of input features
     * @param hiddenSize the size of h and c
     * @param bias whether the cell has {@code bias_ih} and {@code bias_hh} (default true)
     */
    public LSTMCell(long inputSize, long hiddenSize, boolean bias) {
        super(4, inputSize, hiddenSize, bias);
    }

    /** The next hidden state from zero states (the cell state is dropped: use {@link #forward(Tensor, LSTM.State)}). */
    @Override
    public Tensor forward(Tensor input) {
        return forward(input, null).h();
    }

    /**
     * The next (h, c) from input [N, input] (or [input]) and the state, each [N, H] (or [H]); a null
     * state means zeros.
     */
    public LSTM.State forward(Tensor input, LSTM.State state) {
        Tensor x = batched("LSTMCell", input);
        boolean unbatched = input.dim() == 1;
        Tensor h = state(state == null ? null : state.h(), x, unbatched, "hidden0");
        Tensor c = state(state == null ? null : state.c(), x, unbatched, "hidden1");
        Tensor[] next = LSTM.step(inputProjection(x), h, c, weightHh, biasHh);
        return unbatched ? new LSTM.State(next[0].squeeze(0), next[1].squeeze(0)) : new LSTM.State(next[0], next[1]);
    }

    /** {@link #forward(Tensor, LSTM.State)} with the hooks around it; they see (input, state). */
    public final LSTM.State call(Tensor input, LSTM.State state) {
        return callWithHooks(args -> forward((Tensor) args.get(0), (LSTM.State) args.get(1)), input, state);
    }
}
