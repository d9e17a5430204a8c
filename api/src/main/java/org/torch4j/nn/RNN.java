package org.torch4j.nn;

import org.torch4j.Tensor;

/** An Elman RNN: h' = tanh (or relu) (x W_ih^T + b_ih + h W_hh^T + b_hh) ({@code torch.nn.RNN}). */
public class RNN extends RNNBase {

    /**
     * The output sequence and the final hidden state [layers * directions, N, H].
     *
     * @param output the last layer's output at every step, {@code (L, N, D * hiddenSize)} (batch first if configured)
     * @param hN the final hidden state of every layer and direction
     */
    public record Output(Tensor output, Tensor hN) {}

    /**
     * The packed output sequence and the final hidden state.
     *
     * @param output the last layer's output, packed as the input was
     * @param hN the final hidden state of each sequence, in the input's batch order
     */
    public record PackedOutput(PackedSequence output, Tensor hN) {}

    /** The activation of each step: "tanh" or "relu". */
    public final String nonlinearity;

    /**
     * With PyTorch's defaults {@code num_layers = 1, nonlinearity = "tanh", bias = true, batch_first = false,
     * dropout = 0.0, bidirectional = false}.
     */
    public RNN(long inputSize, long hiddenSize) {
        this(inputSize, hiddenSize, 1, "tanh", true, false, 0, false);
    }

    /**
     * An Elman RNN over {@code (L, N, inputSize)} ({@code (N, L, inputSize)} with {@code batchFirst}, or unbatched
     * {@code (L, inputSize)}); the output is {@code (L, N, D * hiddenSize)} and the final state
     * {@code (D * numLayers, N, hiddenSize)}, with {@code D = 2} if bidirectional else 1. Weights start uniform in
     * {@code [-1/sqrt(hiddenSize), 1/sqrt(hiddenSize)]}.
     *
     * @param inputSize the number of input features
     * @param hiddenSize the size of the hidden state
     * @param numLayers the number of stacked layers (default 1)
     * @param nonlinearity "tanh" (default) or "relu"
     * @param bias whether the layers have biases (default true)
     * @param batchFirst whether batched input and output put the batch first (default false)
     * @param dropout the dropout probability on every layer's output but the last's, in training (default 0.0)
     * @param bidirectional whether each layer also runs backwards (default false)
     * @throws IllegalArgumentException for an unknown nonlinearity, a dropout outside [0, 1], or a non-positive hidden
     *         size or layer count
     */
    public RNN(long inputSize, long hiddenSize, int numLayers, String nonlinearity, boolean bias, boolean batchFirst,
               double dropout, boolean bidirectional) {
        super(1, inputSize, hiddenSize, numLayers, bias, batchFirst, dropout, bidirectional);
        if (!nonlinearity.equals("tanh") && !nonlinearity.equals("relu")) {
            throw new IllegalArgumentException("Unknown nonlinearity '" + nonlinearity + "'. Select from 'tanh' or 'relu'.");
        }
        this.nonlinearity = nonlinearity;
    }

    @Override
    protected int stateCount() {
        return 1;
    }

    @Override
    protected Tensor[] cell(Tensor xProj, Tensor[] state, Tensor whh, Tensor bhh) {
        return new Tensor[] {step(xProj, state[0], whh, bhh, nonlinearity)};
    }

    /** One Elman step from the input projection [N, H] and the state: h' (shared with {@link RNNCell}). */
    static Tensor step(Tensor xProj, Tensor h, Tensor whh, Tensor bhh, String nonlinearity) {
        Tensor pre = xProj.add(F.linear(h, whh, bhh));
        return nonlinearity.equals("tanh") ? pre.tanh() : pre.relu();
    }

    @Override
    public Tensor forward(Tensor input) {
        return forward(input, null).output();
    }

    /** {@code h0} may be null (zeros). */
    public Output forward(Tensor input, Tensor h0) {
        Tensor[] r = forwardPadded(input, new Tensor[] {h0});
        return new Output(r[0], r[1]);
    }

    /**
     * Runs over a packed batch of variable-length sequences; each sequence stops at its own length.
     *
     * @param input the packed sequences
     * @param h0 the initial state {@code (D * numLayers, N, hiddenSize)} in the caller's batch order, or null for zeros
     * @return the packed output (same batch sizes and order as {@code input}) and the final state of each sequence
     */
    public PackedOutput forward(PackedSequence input, Tensor h0) {
        Tensor[] r = forwardPacked(input, new Tensor[] {h0});
        return new PackedOutput(new PackedSequence(r[0], input.batchSizes(), input.sortedIndices(), input.unsortedIndices()), r[1]);
    }

    /** {@code rnn(input, h0)}: {@link #forward(Tensor, Tensor)} with the hooks around it; they see (input, h0). */
    public final Output call(Tensor input, Tensor h0) {
        return callWithHooks(args -> forward((Tensor) args.get(0), (Tensor) args.get(1)), input, h0);
    }

    /** {@link #forward(PackedSequence, Tensor)} with the hooks around it (a packed sequence is not a tensor to them). */
    public final PackedOutput call(PackedSequence input, Tensor h0) {
        return callWithHooks(args -> forward((PackedSequence) args.get(0), (Tensor) args.get(1)), input, h0);
    }
}
