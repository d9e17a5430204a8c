package org.torch4j.audio.models;

import java.util.ArrayList;
import java.util.List;
import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.nn.Identity;
import org.torch4j.nn.LayerNorm;
import org.torch4j.nn.Linear;
import org.torch4j.nn.Module;

/**
 * torchaudio's {@code rnnt._CustomLSTM}: one LSTM layer, unrolled over time, whose gates (input, forget, cell,
 * output, in that order) and cell state can be layer-normed. With layer norm the input projection has no bias
 * (the gate norm's bias takes its place). Time first: [T, B, D].
 */
public class CustomLSTM extends Module {
    /**
     * The recurrent state (torchaudio's list {@code [h, c]}).
     *
     * @param h [B, hiddenDim] the last output
     * @param c [B, hiddenDim] the last cell state
     */
    public record State(Tensor h, Tensor c) {}

    /**
     * What a call gives.
     *
     * @param output [T, B, hiddenDim] the output at each step
     * @param state the state after the last step
     */
    public record Output(Tensor output, State state) {}

    /** {@code x2g}: the input's gate projection (no bias with layer norm); {@code p2g}: the previous output's (no bias). */
    public final Linear x2g, p2g;
    /** {@code c_norm} and {@code g_norm}: layer norms of the cell state and of the gates, or identities. */
    public final Module cNorm, gNorm;
    /** The width of the output and the cell state. */
    public final long hiddenDim;

    /**
     * torchaudio's constructor.
     *
     * @param layerNorm whether to layer-norm the gates and the cell state (torchaudio's default false)
     * @param layerNormEpsilon the layer norms' epsilon (default 1e-5)
     */
    public CustomLSTM(long inputDim, long hiddenDim, boolean layerNorm, double layerNormEpsilon) {
        x2g = registerModule("x2g", new Linear(inputDim, 4 * hiddenDim, !layerNorm));
        p2g = registerModule("p2g", new Linear(hiddenDim, 4 * hiddenDim, false));
        cNorm = registerModule("c_norm", layerNorm ? new LayerNorm(new long[] {hiddenDim}, layerNormEpsilon, true) : new Identity());
        gNorm = registerModule("g_norm", layerNorm ? new LayerNorm(new long[] {4 * hiddenDim}, layerNormEpsilon, true) : new Identity());
        this.hiddenDim = hiddenDim;
    }

    /** {@code lstm(input, state)}: {@link #forward(Tensor, State)} with this module's hooks around it. */
    public final Output call(Tensor input, State state) {
        return callWithHooks(args -> forward((Tensor) args.get(0), (State) args.get(1)), input, state);
    }

    /**
     * Runs the sequence.
     *
     * @param input [T, B, inputDim]
     * @param state the state to start from, or null for zeros
     */
    public Output forward(Tensor input, State state) {
        Tensor h, c;
        if (state == null) {
            long[] shape = {input.size(1), hiddenDim};
            h = Torch.zeros(shape, input.dtype(), input.device());
            c = Torch.zeros(shape, input.dtype(), input.device());
        } else {
            h = state.h();
            c = state.c();
        }
        Tensor gatedInput = x2g.call(input);
        List<Tensor> outputs = new ArrayList<>();
        for (Tensor gates : gatedInput.unbind(0)) {
            gates = gNorm.call(gates.add(p2g.call(h)));
            List<Tensor> g = gates.chunk(4, 1);
            Tensor inputGate = g.get(0).sigmoid(), forgetGate = g.get(1).sigmoid(), cellGate = g.get(2).tanh(), outputGate = g.get(3).sigmoid();
            c = cNorm.call(forgetGate.mul(c).add(inputGate.mul(cellGate)));
            h = outputGate.mul(c.tanh());
            outputs.add(h);
        }
        return new Output(Torch.stack(outputs, 0), new State(h, c));
    }
}
