package org.torch4j.nn;

import org.torch4j.Tensor;

/** One step of an Elman RNN: {@code h' = act(x W_ih^T + b_ih + h W_hh^T + b_hh)} ({@code torch.nn.RNNCell}). */
public class RNNCell extends RNNCellBase {
    /** "tanh" or "relu". */
    public final String nonlinearity;

    /** A tanh cell with biases. */
    public RNNCell(long inputSize, long hiddenSize) {
        this(inputSize, hiddenSize, true, "tanh");
    }

    /**
     * One Elman step from {@code (N, inputSize)} (or {@code (inputSize)}) and h {@code (N, hiddenSize)} to the next h;
     * the parameters start uniform in {@code [-1/sqrt(hiddenSize), 1/sqrt(hiddenSize)]}. An unknown nonlinearity
     * fails when called, as in PyTorch.
     *
     * @param inputSize the number of input features
     * @param hiddenSize the size of h
     * @param bias whether the cell has {@code bias_ih} and {@code bias_hh} (default true)
     * @param nonlinearity "tanh" (default) or "relu"
     */
    public RNNCell(long inputSize, long hiddenSize, boolean bias, String nonlinearity) {
        super(1, inputSize, hiddenSize, bias);
        this.nonlinearity = nonlinearity;
    }

    /** The next state from zeros. */
    @Override
    public Tensor forward(Tensor input) {
        return forward(input, null);
    }

    /** The next state from input [N, input] (or [input]) and state {@code hx} [N, H] (or [H]; null for zeros). */
    public Tensor forward(Tensor input, Tensor hx) {
        if (!nonlinearity.equals("tanh") && !nonlinearity.equals("relu")) {
            throw new IllegalArgumentException("Unknown nonlinearity: " + nonlinearity);
        }
        Tensor x = batched("RNNCell", input);
        Tensor h = state(hx, x, input.dim() == 1, "hidden0");
        Tensor next = RNN.step(inputProjection(x), h, weightHh, biasHh, nonlinearity);
        return input.dim() == 1 ? next.squeeze(0) : next;
    }

    /** {@link #forward(Tensor, Tensor)} with the hooks around it; they see (input, hx). */
    public final Tensor call(Tensor input, Tensor hx) {
        return callWithHooks(args -> forward((Tensor) args.get(0), (Tensor) args.get(1)), input, hx);
    }

    @Override
    protected String extraRepr() {
        return super.extraRepr() + (nonlinearity.equals("tanh") ? "" : ", nonlinearity=" + nonlinearity);
    }
}
