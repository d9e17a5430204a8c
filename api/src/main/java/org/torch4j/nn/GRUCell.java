package org.torch4j.nn;

import org.torch4j.Tensor;

/** One step of a GRU, the gates (reset, update, new) as {@link GRU}'s ({@code torch.nn.GRUCell}). */
public class GRUCell extends RNNCellBase {
    /** A cell with biases. */
    public GRUCell(long inputSize, long hiddenSize) {
        this(inputSize, hiddenSize, true);
    }

    /**
     * One GRU step from {@code (N, inputSize)} (or {@code (inputSize)}) and h {@code (N, hiddenSize)} to the next h;
     * the parameters start uniform in {@code [-1/sqrt(hiddenSize), 1/sqrt(hiddenSize)]}.
     *
     * @param inputSize the number of input features
     * @param hiddenSize the size of h
     * @param bias whether the cell has {@code bias_ih} and {@code bias_hh} (default true)
     */
    public GRUCell(long inputSize, long hiddenSize, boolean bias) {
        super(3, inputSize, hiddenSize, bias);
    }

    /** The next state from zeros. */
    @Override
    public Tensor forward(Tensor input) {
        return forward(input, null);
    }

    /** The next state from input [N, input] (or [input]) and state {@code hx} [N, H] (or [H]; null for zeros). */
    public Tensor forward(Tensor input, Tensor hx) {
        Tensor x = batched("GRUCell", input);
        Tensor h = state(hx, x, input.dim() == 1, "hidden0");
        Tensor next = GRU.step(inputProjection(x), h, weightHh, biasHh);
        return input.dim() == 1 ? next.squeeze(0) : next;
    }

    /** {@link #forward(Tensor, Tensor)} with the hooks around it; they see (input, hx). */
    public final Tensor call(Tensor input, Tensor hx) {
        return callWithHooks(args -> forward((Tensor) args.get(0), (Tensor) args.get(1)), input, hx);
    }
}
