package org.torch4j.nn;

import java.util.List;
import org.torch4j.Tensor;

/**
 * Long short-term memory ({@code torch.nn.LSTM}): gates i, f, g, o from x W_ih^T + b_ih + h W_hh^T +
 * b_hh; c' = f c + i g; h' = o tanh(c'). With {@code projSize} > 0, h' is projected further by
 * {@code weight_hr_l{k}} to projSize features (h_0, h_n and the output then have projSize, c keeps
 * hiddenSize).
 */
public class LSTM extends RNNBase {

    /**
     * Hidden and cell state, each [layers * directions, N, H] (h: [layers * directions, N, projSize] when projecting).
     *
     * @param h the hidden state
     * @param c the cell state
     */
    public record State(Tensor h, Tensor c) {}

    /**
     * The result of a padded forward.
     *
     * @param output the last layer's h at every step, {@code (L, N, D * H_out)} (batch first if configured), with
     *        {@code H_out} the projection size or else the hidden size
     * @param state the final h and c of every layer and direction
     */
    public record Output(Tensor output, State state) {}

    /**
     * The result of a packed forward.
     *
     * @param output the last layer's h, packed as the input was
     * @param state the final h and c of each sequence, in the input's batch order
     */
    public record PackedOutput(PackedSequence output, State state) {}

    /**
     * With PyTorch's defaults {@code num_layers = 1, bias = true, batch_first = false, dropout = 0.0,
     * bidirectional = false, proj_size = 0}.
     */
    public LSTM(long inputSize, long hiddenSize) {
        this(inputSize, hiddenSize, 1, true, false, 0, false);
    }

    /**
     * An LSTM without projection over {@code (L, N, inputSize)} ({@code (N, L, inputSize)} with {@code batchFirst},
     * or unbatched {@code (L, inputSize)}); the output is {@code (L, N, D * hiddenSize)} and h and c are
     * {@code (D * numLayers, N, hiddenSize)}, with {@code D = 2} if bidirectional else 1. Weights start uniform in
     * {@code [-1/sqrt(hiddenSize), 1/sqrt(hiddenSize)]}.
     *
     * @param inputSize the number of input features
     * @param hiddenSize the size of h and c
     * @param numLayers the number of stacked layers (default 1)
     * @param bias whether the layers have biases (default true)
     * @param batchFirst whether batched input and output put the batch first (default false)
     * @param dropout the dropout probability on every layer's output but the last's, in training (default 0.0)
     * @param bidirectional whether each layer also runs backwards (default false)
     * @throws IllegalArgumentException for a dropout outside [0, 1], or a non-positive hidden size or layer count
     */
    public LSTM(long inputSize, long hiddenSize, int numLayers, boolean bias, boolean batchFirst, double dropout,
                boolean bidirectional) {
        this(inputSize, hiddenSize, numLayers, bias, batchFirst, dropout, bidirectional, 0);
    }

    /**
     * An LSTM with projections ({@code proj_size}): 0 for none, else below {@code hiddenSize}. The output is
     * {@code (L, N, D * H_out)}, h is {@code (D * numLayers, N, H_out)} and c {@code (D * numLayers, N, hiddenSize)},
     * with {@code H_out = projSize} when projecting, else {@code hiddenSize}.
     *
     * @param inputSize the number of input features
     * @param hiddenSize the size of c (and of h without projection)
     * @param numLayers the number of stacked layers (default 1)
     * @param bias whether the layers have biases (default true)
     * @param batchFirst whether batched input and output put the batch first (default false)
     * @param dropout the dropout probability on every layer's output but the last's, in training (default 0.0)
     * @param bidirectional whether each layer also runs backwards (default false)
     * @param projSize the size h is projected to, 0 for no projection (default 0)
     * @throws IllegalArgumentException for a negative projSize or one not below hiddenSize (PyTorch's wording), a
     *         dropout outside [0, 1], or a non-positive hidden size or layer count
     */
    public LSTM(long inputSize, long hiddenSize, int numLayers, boolean bias, boolean batchFirst, double dropout,
                boolean bidirectional, long projSize) {
        super(4, inputSize, hiddenSize, numLayers, bias, batchFirst, dropout, bidirectional, projSize);
    }

    @Override
    protected int stateCount() {
        return 2;
    }

    @Override
    protected Tensor[] cell(Tensor xProj, Tensor[] state, Tensor whh, Tensor bhh) {
        return step(xProj, state[0], state[1], whh, bhh);
    }

    /** One LSTM step from the input projection [N, 4H] and the state: {h', c'} (shared with {@link LSTMCell}). */
    static Tensor[] step(Tensor xProj, Tensor h, Tensor c, Tensor whh, Tensor bhh) {
        List<Tensor> g = xProj.add(F.linear(h, whh, bhh)).chunk(4, 1);
        Tensor i = g.get(0).sigmoid(), f = g.get(1).sigmoid(), cand = g.get(2).tanh(), o = g.get(3).sigmoid();
        Tensor cNext = f.mul(c).add(i.mul(cand));
        return new Tensor[] {o.mul(cNext.tanh()), cNext};
    }

    @Override
    public Tensor forward(Tensor input) {
        return forward(input, null).output();
    }

    /** {@code state} may be null (zeros). */
    public Output forward(Tensor input, State state) {
        Tensor[] r = forwardPadded(input, state == null ? null : new Tensor[] {state.h(), state.c()});
        return new Output(r[0], new State(r[1], r[2]));
    }

    /**
     * Runs over a packed batch of variable-length sequences; each sequence stops at its own length.
     *
     * @param input the packed sequences
     * @param state the initial h and c in the caller's batch order, or null for zeros
     * @return the packed output (same batch sizes and order as {@code input}) and the final state of each sequence
     */
    public PackedOutput forward(PackedSequence input, State state) {
        Tensor[] r = forwardPacked(input, state == null ? null : new Tensor[] {state.h(), state.c()});
        return new PackedOutput(new PackedSequence(r[0], input.batchSizes(), input.sortedIndices(), input.unsortedIndices()),
                new State(r[1], r[2]));
    }

    /**
     * {@code lstm(input, state)}: {@link #forward(Tensor, State)} with the hooks around it. They see
     * (input, state); as for PyTorch's tuples, a backward hook's gradients follow the top level only:
     * the state is one position that is not a tensor, so gradOutput is (d output, null).
     */
    public final Output call(Tensor input, State state) {
        return callWithHooks(args -> forward((Tensor) args.get(0), (State) args.get(1)), input, state);
    }

    /** {@link #forward(PackedSequence, State)} with the hooks around it (a packed sequence is not a tensor to them). */
    public final PackedOutput call(PackedSequence input, State state) {
        return callWithHooks(args -> forward((PackedSequence) args.get(0), (State) args.get(1)), input, state);
    }
}
