package org.torch4j.nn;

import org.torch4j.Tensor;

/** An Elman RNN: h' = tanh (or relu) (x W_ih^T + b_ih + h W_hh^T + b_hh) ({@code torch.nn.RNN}). */
public class RNN extends RNNBase {

    /** The output sequence and the final hidden state [layers * directions, N, H]. */
    public record Output(Tensor output, Tensor hN) {}

    /** The packed output sequence and the final hidden state. */
    public record PackedOutput(PackedSequence output, Tensor hN) {}

    public final String nonlinearity;

    public RNN(long inputSize, long hiddenSize) {
        this(inputSize, hiddenSize, 1, "tanh", true, false, 0, false);
    }

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
