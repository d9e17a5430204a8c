package org.torch4j.nn;

import java.util.List;
import org.torch4j.Tensor;

/**
 * Gated recurrent unit ({@code torch.nn.GRU}): r and z gates, n = tanh(W_in x + b_in + r (W_hn h +
 * b_hn)), h' = (1 - z) n + z h.
 */
public class GRU extends RNNBase {

    /**
     * The result of a padded forward.
     *
     * @param output the last layer's output at every step, {@code (L, N, D * hiddenSize)} (batch first if configured)
     * @param hN the final hidden state of every layer and direction, {@code (D * numLayers, N, hiddenSize)}
     */
    public record Output(Tensor output, Tensor hN) {}

    /**
     * The result of a packed forward.
     *
     * @param output the last layer's output, packed as the input was
     * @param hN the final hidden state of each sequence, {@code (D * numLayers, N, hiddenSize)}, in the input's batch order
     */
    public record PackedOutput(PackedSequence output, Tensor hN) {}

    /** With PyTorch's defaults {@code num_layers = 1, bias = true, batch_first = false, dropout = 0.0, bidirectional = false}. */
    public GRU(long inputSize, long hiddenSize) {
        this(inputSize, hiddenSize, 1, true, false, 0, false);
    }

    /**
     * A GRU over {@code (L, N, inputSize)} ({@code (N, L, inputSize)} with {@code batchFirst}, or unbatched
     * {@code (L, inputSize)}); the output is {@code (L, N, D * hiddenSize)} and the final state
     * {@code (D * numLayers, N, hiddenSize)}, with {@code D = 2} if bidirectional else 1. Weights start uniform in
     * {@code [-1/sqrt(hiddenSize), 1/sqrt(hiddenSize)]}.
     *
     * @param inputSize the number of input features
     * @param hiddenSize the size of the hidden state
     * @param numLayers the number of stacked layers (default 1)
     * @param bias whether the layers have biases (default true)
     * @param batchFirst whether batched input and output put the batch first (default false)
     * @param dropout the dropout probability on every layer's output but the last's, in training (default 0.0)
     * @param bidirectional whether each layer also runs backwards (default false)
     * @throws IllegalArgumentException for a dropout outside [0, 1], or a non-positive hidden size or layer count
     */
    public GRU(long inputSize, long hiddenSize, int numLayers, boolean bias, boolean batchFirst, double dropout,
               boolean bidirectional) {
        super(3, inputSize, hiddenSize, numLayers, bias, batchFirst, dropout, bidirectional);
    }

    @Override
    protected int stateCount() {
        return 1;
    }

    @Override
    protected Tensor[] cell(Tensor xProj, Tensor[] state, Tensor whh, Tensor bhh) {
        return new Tensor[] {step(xProj, state[0], whh, bhh)};
    }

    /** One GRU step from the input projection [N, 3H] and the state: h' (shared with {@link GRUCell}). */
    static Tensor step(Tensor xProj, Tensor h, Tensor whh, Tensor bhh) {
        List<Tensor> gi = xProj.chunk(3, 1);
        List<Tensor> gh = F.linear(h, whh, bhh).chunk(3, 1);
        Tensor r = gi.get(0).add(gh.get(0)).sigmoid();
        Tensor z = gi.get(1).add(gh.get(1)).sigmoid();
        Tensor n = gi.get(2).add(r.mul(gh.get(2))).tanh();
        return z.rsub(1.0).mul(n).add(z.mul(h));
    }

    @Override
    public Tensor forward(Tensor input) {
        return forward(input, null).output();
    }

    /**
     * Runs the GRU over a padded sequence batch.
     *
     * @param input {@code (L, N, inputSize)}, {@code (N, L, inputSize)} with {@code batchFirst}, or {@code (L, inputSize)}
     * @param h0 the initial state {@code (D * numLayers, N, hiddenSize)} (or {@code (D * numLayers, hiddenSize)} for
     *        unbatched input), or null for zeros
     * @return the output at every step and the final state
     * @throws IllegalArgumentException if the input is not 2-d or 3-d, its last dim is not {@code inputSize}, or
     *         {@code h0} has the wrong shape, as PyTorch words it
     */
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

    /** {@code gru(input, h0)}: {@link #forward(Tensor, Tensor)} with the hooks around it; they see (input, h0). */
    public final Output call(Tensor input, Tensor h0) {
        return callWithHooks(args -> forward((Tensor) args.get(0), (Tensor) args.get(1)), input, h0);
    }

    /** {@link #forward(PackedSequence, Tensor)} with the hooks around it (a packed sequence is not a tensor to them). */
    public final PackedOutput call(PackedSequence input, Tensor h0) {
        return callWithHooks(args -> forward((PackedSequence) args.get(0), (Tensor) args.get(1)), input, h0);
    }
}
