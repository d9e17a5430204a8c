package org.torch4j.nn;

import java.util.List;
import org.torch4j.Tensor;

/**
 * Gated recurrent unit ({@code torch.nn.GRU}): r and z gates, n = tanh(W_in x + b_in + r (W_hn h +
 * b_hn)), h' = (1 - z) n + z h.
 */
public class GRU extends RNNBase {

    public record Output(Tensor output, Tensor hN) {}

    public record PackedOutput(PackedSequence output, Tensor hN) {}

    public GRU(long inputSize, long hiddenSize) {
        this(inputSize, hiddenSize, 1, true, false, 0, false);
    }

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

    public Output forward(Tensor input, Tensor h0) {
        Tensor[] r = forwardPadded(input, new Tensor[] {h0});
        return new Output(r[0], r[1]);
    }

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
