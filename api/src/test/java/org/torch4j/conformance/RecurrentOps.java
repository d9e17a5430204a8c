package org.torch4j.conformance;

import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Function;
import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.nn.GRU;
import org.torch4j.nn.LSTM;
import org.torch4j.nn.PackedSequence;
import org.torch4j.nn.Parameter;
import org.torch4j.nn.RNN;
import org.torch4j.nn.RNNBase;

/**
 * The kit's {@code rnn_module} op ({@code _rnn_module} in {@code tools/gen_tensor_reference.py}), which
 * {@code tools/fuzz_against_pytorch.py --rnn} draws: {@code [mode, input, h0, c0, weights, num_layers, bias,
 * batch_first, bidirectional, proj_size, lengths]} makes {@code nn.RNN} (mode RNN_TANH or RNN_RELU), {@code nn.LSTM}
 * or {@code nn.GRU} of the input's dtype and device, copies the weights into its parameters in their order (detached: only the
 * input and the initial state are differentiated), and runs it on the input, packed with the lengths (unsorted)
 * when they are given and padded back after. Returns the output, h_n and, for LSTM, c_n.
 */
final class RecurrentOps {
    private RecurrentOps() {}

    static void register(BiConsumer<String, Function<Ops.Args, Object>> op) {
        op.accept("rnn_module", RecurrentOps::call);
    }

    private static Object call(Ops.Args a) {
        String mode = a.s(0);
        Tensor x = a.t(1), h0 = a.tOrNull(2), c0 = a.tOrNull(3);
        List<Tensor> weights = a.tensors(4);
        int layers = a.i(5);
        boolean bias = a.b(6), batchFirst = a.b(7), bidirectional = a.b(8);
        long proj = a.l(9);
        long[] lengths = a.has(10) ? a.longs(10) : null;
        int gates = mode.equals("LSTM") ? 4 : mode.equals("GRU") ? 3 : 1;
        long hidden = weights.get(0).size(0) / gates, in = x.size(-1);
        RNNBase m = switch (mode) {
            case "LSTM" -> new LSTM(in, hidden, layers, bias, batchFirst, 0.0, bidirectional, proj);
            case "GRU" -> new GRU(in, hidden, layers, bias, batchFirst, 0.0, bidirectional);
            default -> new RNN(in, hidden, layers, mode.equals("RNN_TANH") ? "tanh" : "relu", bias, batchFirst, 0.0, bidirectional);
        };
        m.to(x.dtype());
        m.to(x.device());
        List<Parameter> params = m.parameters();
        try (var ignored = Torch.noGrad()) {
            for (int i = 0; i < params.size(); i++) params.get(i).copy_(weights.get(i));
        }
        if (m instanceof LSTM lstm) {
            LSTM.State state = h0 == null ? null : new LSTM.State(h0, c0);
            if (lengths == null) {
                LSTM.Output r = lstm.call(x, state);
                return List.of(r.output(), r.state().h(), r.state().c());
            }
            LSTM.PackedOutput r = lstm.call(PackedSequence.pack(x, lengths, batchFirst, false), state);
            return List.of(r.output().pad(batchFirst, 0.0, null).output(), r.state().h(), r.state().c());
        }
        if (m instanceof GRU gru) {
            if (lengths == null) {
                GRU.Output r = gru.call(x, h0);
                return List.of(r.output(), r.hN());
            }
            GRU.PackedOutput r = gru.call(PackedSequence.pack(x, lengths, batchFirst, false), h0);
            return List.of(r.output().pad(batchFirst, 0.0, null).output(), r.hN());
        }
        RNN rnn = (RNN) m;
        if (lengths == null) {
            RNN.Output r = rnn.call(x, h0);
            return List.of(r.output(), r.hN());
        }
        RNN.PackedOutput r = rnn.call(PackedSequence.pack(x, lengths, batchFirst, false), h0);
        return List.of(r.output().pad(batchFirst, 0.0, null).output(), r.hN());
    }
}
