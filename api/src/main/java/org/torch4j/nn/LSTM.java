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

    /** Hidden and cell state, each [layers * directions, N, H] (h: [layers * directions, N, projSize] when projecting). */
    public record State(Tensor h, Tensor c) {}

    public record Output(Tensor output, State state) {}

    public record PackedOutput(PackedSequence output, State state) {}

    public LSTM(long inputSize, long hiddenSize) {
        this(inputSize, hiddenSize, 1, true, false, 0, false);
    }

    public LSTM(long inputSize, long hiddenSize, int numLayers, boolean bias, boolean batchFirst, double dropout,
                boolean bidirectional) {
        this(inputSize, hiddenSize, numLayers, bias, batchFirst, dropout, bidirectional, 0);
    }

    /**
     * An LSTM with projections ({@code proj_size}): 0 for none, else below {@code hiddenSize}.
     *
     * @throws IllegalArgumentException for a negative projSize or one not below hiddenSize (PyTorch's wording)
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
