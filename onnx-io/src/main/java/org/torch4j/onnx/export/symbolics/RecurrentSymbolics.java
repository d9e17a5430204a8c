package org.torch4j.onnx.export.symbolics;

import static org.torch4j.onnx.export.GraphBuilder.attr;
import static org.torch4j.onnx.export.GraphBuilder.attrs;

import java.util.ArrayList;
import java.util.List;
import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.nn.GRU;
import org.torch4j.nn.LSTM;
import org.torch4j.nn.RNN;
import org.torch4j.nn.RNNBase;
import org.torch4j.onnx.export.Call;
import org.torch4j.onnx.export.Dyn;
import org.torch4j.onnx.export.GraphBuilder;
import org.torch4j.onnx.export.SymbolicTable;

/**
 * RNN, LSTM and GRU layers as ONNX RNN/LSTM/GRU nodes, one per layer (both directions in one node).
 * PyTorch's gate order becomes ONNX's: LSTM i,f,g,o to i,o,f,c; GRU r,z,n to z,r,h (with
 * linear_before_reset, which is PyTorch's GRU). The per-direction weights are stacked into
 * initializers named after the layer's parameters. batch_first transposes around the nodes.
 */
public final class RecurrentSymbolics {
    private RecurrentSymbolics() {}

    /** Registers the family. */
    public static void register(SymbolicTable t) {
        t.put("aten::rnn", RecurrentSymbolics::emit);
        t.put("aten::lstm", RecurrentSymbolics::emit);
        t.put("aten::gru", RecurrentSymbolics::emit);
    }

    private static void emit(Call c, GraphBuilder g) {
        Tensor input = c.tensor(0);
        Tensor[] state = (Tensor[]) c.args()[1];
        RNNBase m = (RNNBase) c.args()[2];
        if (input.dim() != 3) throw c.refuse("unbatched (2-d) input; give a batch dim");
        if (m.projSize > 0) throw c.refuse("LSTM with proj_size (ONNX's LSTM has no projection)");
        String op = m instanceof LSTM ? "LSTM" : m instanceof GRU ? "GRU" : "RNN";
        int[] order = m instanceof LSTM ? new int[] {0, 3, 1, 2} : m instanceof GRU ? new int[] {1, 0, 2} : new int[] {0};
        int dirs = m.bidirectional ? 2 : 1;
        long h = m.hiddenSize;
        String x = g.value(input);
        if (m.batchFirst) x = g.node("Transpose", List.of(x), attr("perm", new long[] {1, 0, 2}));
        int outputs = op.equals("LSTM") ? 3 : 2;
        List<String> finalH = new ArrayList<>(), finalC = new ArrayList<>();
        for (int l = 0; l < m.numLayers; l++) {
            List<Tensor> w = new ArrayList<>(), r = new ArrayList<>(), b = new ArrayList<>();
            String base = null;
            for (int d = 0; d < dirs; d++) {
                String sfx = "_l" + l + (d == 1 ? "_reverse" : "");
                Tensor wih = m.namedParameters().get("weight_ih" + sfx), whh = m.namedParameters().get("weight_hh" + sfx);
                if (base == null) {
                    String n = g.stateName(wih);
                    base = n == null ? op.toLowerCase() : n.substring(0, n.length() - ("weight_ih" + sfx).length());
                }
                w.add(reorder(wih, order, h));
                r.add(reorder(whh, order, h));
                if (m.bias) {
                    b.add(Torch.cat(List.of(reorder(m.namedParameters().get("bias_ih" + sfx), order, h),
                            reorder(m.namedParameters().get("bias_hh" + sfx), order, h)), 0));
                }
            }
            List<String> in = new ArrayList<>(List.of(x, g.constant(base + "onnx_W_l" + l, Torch.stack(w, 0)),
                    g.constant(base + "onnx_R_l" + l, Torch.stack(r, 0)),
                    m.bias ? g.constant(base + "onnx_B_l" + l, Torch.stack(b, 0)) : "", ""));
            for (int s = 0; s < outputs - 1; s++) {
                Tensor given = state == null ? null : state[s];
                in.add(given == null ? "" : g.node("Slice", List.of(g.value(given), g.longs((long) l * dirs),
                        g.longs((long) (l + 1) * dirs), g.longs(0))));
            }
            List<org.torch4j.onnx.proto.OnnxProto.AttributeProto> a = new ArrayList<>();
            a.add(attr("hidden_size", h));
            a.add(attr("direction", dirs == 2 ? "bidirectional" : "forward"));
            if (op.equals("GRU")) a.add(attr("linear_before_reset", 1));
            if (m instanceof RNN rnn) {
                String act = rnn.nonlinearity.equals("relu") ? "Relu" : "Tanh";
                a.add(dirs == 2 ? attrs("activations", act, act) : attrs("activations", act));
            }
            String[] o = g.nodeN(op, outputs, in, a.toArray(new org.torch4j.onnx.proto.OnnxProto.AttributeProto[0]));
            // Y [T, dirs, N, H] -> [T, N, dirs * H] (0 copies the dynamic N)
            x = g.node("Reshape", List.of(g.node("Transpose", List.of(o[0]), attr("perm", new long[] {0, 2, 1, 3})),
                    g.longs(0, 0, -1)));
            finalH.add(o[1]);
            if (outputs == 3) finalC.add(o[2]);
        }
        if (m.batchFirst) x = g.node("Transpose", List.of(x), attr("perm", new long[] {1, 0, 2}));
        List<Tensor> outs = c.outs();
        boolean dynamic = g.dyn(input) != null;
        g.result(outs.get(0), x, dynamic ? Dyn.at(m.batchFirst ? 0 : 1) : null);
        g.result(outs.get(1), concat(g, finalH), dynamic ? Dyn.at(1) : null);
        if (outputs == 3) g.result(outs.get(2), concat(g, finalC), dynamic ? Dyn.at(1) : null);
    }

    private static String concat(GraphBuilder g, List<String> parts) {
        return parts.size() == 1 ? g.node("Identity", parts) : g.node("Concat", parts, attr("axis", 0));
    }

    /** The gate blocks of [gates * H, ...] in ONNX's order. */
    private static Tensor reorder(Tensor p, int[] order, long h) {
        List<Tensor> blocks = new ArrayList<>();
        for (int i : order) blocks.add(p.narrow(0, i * h, h));
        return Torch.cat(blocks, 0).detach().contiguous();
    }
}
