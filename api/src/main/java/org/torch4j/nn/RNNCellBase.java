package org.torch4j.nn;

import org.torch4j.DType;
import org.torch4j.Tensor;
import org.torch4j.Torch;

/**
 * The shared part of {@link RNNCell}, {@link LSTMCell} and {@link GRUCell}: the parameters
 * {@code weight_ih} [gates H, input], {@code weight_hh} [gates H, H], {@code bias_ih}, {@code bias_hh}
 * with PyTorch's names, order and initialisation, and the checks of an input and a state.
 */
public abstract class RNNCellBase extends Module {
    /** The sizes of the input features and of the hidden state. */
    public final long inputSize, hiddenSize;
    /** Whether the cell has the two biases. */
    public final boolean bias;
    /** The weights and biases (the biases null without bias). */
    public final Parameter weightIh, weightHh, biasIh, biasHh;

    /** A cell with {@code gates} stacked gate blocks. */
    protected RNNCellBase(int gates, long inputSize, long hiddenSize, boolean bias) {
        this.inputSize = inputSize;
        this.hiddenSize = hiddenSize;
        this.bias = bias;
        weightIh = registerParameter("weight_ih", new Parameter(Torch.empty(new long[] {gates * hiddenSize, inputSize}, DType.FLOAT32)));
        weightHh = registerParameter("weight_hh", new Parameter(Torch.empty(new long[] {gates * hiddenSize, hiddenSize}, DType.FLOAT32)));
        biasIh = registerParameter("bias_ih", bias ? new Parameter(Torch.empty(new long[] {gates * hiddenSize}, DType.FLOAT32)) : null);
        biasHh = registerParameter("bias_hh", bias ? new Parameter(Torch.empty(new long[] {gates * hiddenSize}, DType.FLOAT32)) : null);
        resetParameters();
    }

    /** Every parameter uniform in +-1/sqrt(hidden_size), in registration order, as PyTorch. */
    public void resetParameters() {
        double k = 1 / Math.sqrt(hiddenSize);
        for (Parameter p : parameters()) Init.uniform_(p, -k, k);
    }

    /** The input as a batch [N, input]: checks its rank and size ({@code name} is the cell's, for the message). */
    protected Tensor batched(String name, Tensor input) {
        if (input.dim() != 1 && input.dim() != 2) {
            throw new IllegalArgumentException(name + ": Expected input to be 1-D or 2-D but received " + input.dim() + "-D tensor");
        }
        Tensor x = input.dim() == 1 ? input.unsqueeze(0) : input;
        if (x.size(1) != inputSize) {
            throw new IllegalArgumentException("input has inconsistent input_size: got " + x.size(1) + " expected " + inputSize);
        }
        return x;
    }

    /** The state for batched input {@code x}: zeros when null, else checked (and batched when the input was 1-d). */
    protected Tensor state(Tensor given, Tensor x, boolean unbatched, String which) {
        if (given == null) return Torch.zeros(new long[] {x.size(0), hiddenSize}, x.dtype(), x.device());
        Tensor h = unbatched ? given.unsqueeze(0) : given;
        if (h.size(0) != x.size(0)) {
            throw new IllegalArgumentException("Input batch size " + x.size(0) + " doesn't match " + which + " batch size " + h.size(0));
        }
        if (h.dim() != 2 || h.size(1) != hiddenSize) {
            throw new IllegalArgumentException(which + " has inconsistent hidden_size: got " + h.size(h.dim() >= 2 ? 1 : 0) + ", expected "
                    + hiddenSize);
        }
        return h;
    }

    /** The input projection {@code x W_ih^T + b_ih}. */
    protected Tensor inputProjection(Tensor x) {
        return F.linear(x, weightIh, biasIh);
    }

    @Override
    protected String extraRepr() {
        return inputSize + ", " + hiddenSize + (bias ? "" : ", bias=False");
    }
}
