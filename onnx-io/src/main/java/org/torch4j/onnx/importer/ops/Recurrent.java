package org.torch4j.onnx.importer.ops;

import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.onnx.importer.OpCall;
import org.torch4j.onnx.importer.OpRegistry;

/**
 * RNN, GRU and LSTM written out step by step with matmuls, so that ONNX's gate layouts (GRU: z r h,
 * LSTM: i o f c), activations, clipping, peepholes, sequence lengths and layouts all apply.
 */
public final class Recurrent {
    private Recurrent() {}

    private enum Kind { RNN, GRU, LSTM }

    public static void register(OpRegistry.Builder r) {
        r.op("RNN", c -> run(c, Kind.RNN));
        r.op("GRU", c -> run(c, Kind.GRU));
        r.op("LSTM", c -> run(c, Kind.LSTM));
    }

    private static Object[] run(OpCall c, Kind kind) {
        int gates = switch (kind) {
            case RNN -> 1;
            case GRU -> 3;
            case LSTM -> 4;
        };
        boolean batchFirst = c.i("layout", 0) != 0;
        Tensor x = c.in(0), w = c.in(1), r = c.in(2), b = c.opt(3), h0 = c.opt(5);
        Tensor c0 = kind == Kind.LSTM ? c.opt(6) : null, p = kind == Kind.LSTM ? c.opt(7) : null;
        if (batchFirst) {
            x = x.transpose(0, 1);
            if (h0 != null) h0 = h0.transpose(0, 1);
            if (c0 != null) c0 = c0.transpose(0, 1);
        }
        long seq = x.size(0), batch = x.size(1), hidden = r.size(2);
        String direction = c.s("direction", "forward");
        int dirs = direction.equals("bidirectional") ? 2 : 1;
        List<UnaryOperator<Tensor>> acts = activations(c, kind, dirs);
        int perDir = acts.size() / dirs;
        Tensor mask = null;
        if (c.has(4)) {
            Tensor lens = c.in(4).toLong();
            mask = Torch.arange(seq).to(x.device()).unsqueeze(1).lt(lens.unsqueeze(0)).unsqueeze(2); // [seq, batch, 1]
        }
        Double clip = c.hasF("clip") ? c.f("clip", 0) : null;
        List<Tensor> ys = new ArrayList<>(), hs = new ArrayList<>(), cs = new ArrayList<>();
        for (int d = 0; d < dirs; d++) {
            boolean reverse = d == 1 || direction.equals("reverse");
            Tensor wd = w.select(0, d), rd = r.select(0, d);
            Tensor bias = b == null ? Torch.zeros(new long[] {2 * gates * hidden}, x.dtype(), x.device()) : b.select(0, d);
            Tensor wb = bias.narrow(0, 0, gates * hidden), rb = bias.narrow(0, gates * hidden, gates * hidden);
            Tensor xw = x.matmul(wd.t()).add(wb);                       // [seq, batch, gates*hidden]
            Tensor h = h0 != null ? h0.select(0, d) : Torch.zeros(new long[] {batch, hidden}, x.dtype(), x.device());
            Tensor cell = c0 != null ? c0.select(0, d) : Torch.zeros(new long[] {batch, hidden}, x.dtype(), x.device());
            Tensor peep = p == null ? null : p.select(0, d);
            List<UnaryOperator<Tensor>> f = acts.subList(d * perDir, (d + 1) * perDir);
            Tensor[] out = new Tensor[(int) seq];
            for (long s = 0; s < seq; s++) {
                long t = reverse ? seq - 1 - s : s;
                Tensor gx = xw.select(0, t);
                Tensor hNew, cNew = null;
                switch (kind) {
                    case RNN -> hNew = f.get(0).apply(clip(gx.add(h.matmul(rd.t())).add(rb), clip));
                    case GRU -> {
                        Tensor rz = rd.narrow(0, 0, 2 * hidden), rh = rd.narrow(0, 2 * hidden, hidden);
                        Tensor zr = gx.narrow(1, 0, 2 * hidden).add(h.matmul(rz.t())).add(rb.narrow(0, 0, 2 * hidden));
                        Tensor z = f.get(0).apply(clip(zr.narrow(1, 0, hidden), clip));
                        Tensor rr = f.get(0).apply(clip(zr.narrow(1, hidden, hidden), clip));
                        Tensor rbh = rb.narrow(0, 2 * hidden, hidden), gh = gx.narrow(1, 2 * hidden, hidden);
                        Tensor pre = c.i("linear_before_reset", 0) != 0
                                ? gh.add(rr.mul(h.matmul(rh.t()).add(rbh)))
                                : gh.add(rr.mul(h).matmul(rh.t())).add(rbh);
                        Tensor ht = f.get(1).apply(clip(pre, clip));
                        hNew = z.neg().add(1.0).mul(ht).add(z.mul(h));
                    }
                    default -> {
                        Tensor g = gx.add(h.matmul(rd.t())).add(rb);
                        Tensor gi = g.narrow(1, 0, hidden), go = g.narrow(1, hidden, hidden);
                        Tensor gf = g.narrow(1, 2 * hidden, hidden), gc = g.narrow(1, 3 * hidden, hidden);
                        if (peep != null) {
                            gi = gi.add(peep.narrow(0, 0, hidden).mul(cell));
                            gf = gf.add(peep.narrow(0, 2 * hidden, hidden).mul(cell));
                        }
                        Tensor i = f.get(0).apply(clip(gi, clip));
                        Tensor fg = c.i("input_forget", 0) != 0 ? i.neg().add(1.0) : f.get(0).apply(clip(gf, clip));
                        cNew = fg.mul(cell).add(i.mul(f.get(1).apply(clip(gc, clip))));
                        if (peep != null) go = go.add(peep.narrow(0, hidden, hidden).mul(cNew));
                        hNew = f.get(0).apply(clip(go, clip)).mul(f.get(2).apply(cNew));
                    }
                }
                if (mask != null) {
                    Tensor m = mask.select(0, t);
                    out[(int) t] = Torch.where(m, hNew, Torch.zerosLike(hNew));
                    hNew = Torch.where(m, hNew, h);
                    if (cNew != null) cNew = Torch.where(m, cNew, cell);
                } else {
                    out[(int) t] = hNew;
                }
                h = hNew;
                if (cNew != null) cell = cNew;
            }
            ys.add(seq == 0 ? Torch.zeros(new long[] {0, batch, hidden}, x.dtype(), x.device()) : Torch.stack(List.of(out), 0));
            hs.add(h);
            cs.add(cell);
        }
        Tensor y = Torch.stack(ys, 1), yh = Torch.stack(hs, 0), yc = Torch.stack(cs, 0); // [seq, dirs, batch, hidden]
        if (batchFirst) {
            y = y.permute(2, 0, 1, 3);
            yh = yh.transpose(0, 1);
            yc = yc.transpose(0, 1);
        }
        return kind == Kind.LSTM ? new Object[] {y, yh, yc} : new Object[] {y, yh};
    }

    private static Tensor clip(Tensor t, Double clip) {
        return clip == null ? t : t.clamp(-clip.doubleValue(), clip.doubleValue());
    }

    /** The activation functions per direction, with their alphas and betas taken in order. */
    private static List<UnaryOperator<Tensor>> activations(OpCall c, Kind kind, int dirs) {
        List<String> names = c.strings("activations");
        if (names == null) {
            List<String> one = switch (kind) {
                case RNN -> List.of("Tanh");
                case GRU -> List.of("Sigmoid", "Tanh");
                case LSTM -> List.of("Sigmoid", "Tanh", "Tanh");
            };
            names = new ArrayList<>();
            for (int d = 0; d < dirs; d++) names.addAll(one);
        }
        double[] alphas = c.floats("activation_alpha") != null ? c.floats("activation_alpha") : new double[0];
        double[] betas = c.floats("activation_beta") != null ? c.floats("activation_beta") : new double[0];
        int ai = 0, bi = 0;
        List<UnaryOperator<Tensor>> out = new ArrayList<>();
        for (String n : names) {
            String name = n.toLowerCase(java.util.Locale.ROOT);
            boolean usesAlpha = List.of("affine", "leakyrelu", "thresholdedrelu", "scaledtanh", "hardsigmoid", "elu").contains(name);
            boolean usesBeta = List.of("affine", "scaledtanh", "hardsigmoid").contains(name);
            double dfltAlpha = switch (name) {
                case "leakyrelu" -> 0.01;
                case "hardsigmoid" -> 0.2;
                default -> 1.0;
            };
            double alpha = usesAlpha ? (ai < alphas.length ? alphas[ai++] : dfltAlpha) : 0;
            double beta = usesBeta ? (bi < betas.length ? betas[bi++] : name.equals("hardsigmoid") ? 0.5 : 0.0) : 0;
            out.add(switch (name) {
                case "relu" -> Tensor::relu;
                case "tanh" -> Tensor::tanh;
                case "sigmoid" -> Tensor::sigmoid;
                case "affine" -> t -> t.mul(alpha).add(beta);
                case "leakyrelu" -> t -> Torch.where(t.lt(0), t.mul(alpha), t);
                case "thresholdedrelu" -> t -> Torch.where(t.gt(alpha), t, Torch.zerosLike(t));
                case "scaledtanh" -> t -> t.mul(beta).tanh().mul(alpha);
                case "hardsigmoid" -> t -> t.mul(alpha).add(beta).clamp(0.0, 1.0);
                case "elu" -> t -> Torch.where(t.lt(0), t.exp().sub(1.0).mul(alpha), t);
                case "softsign" -> t -> t.div(t.abs().add(1.0));
                case "softplus" -> t -> t.exp().log1p();
                default -> throw c.unsupported("activation '" + n + "'");
            });
        }
        return out;
    }
}
