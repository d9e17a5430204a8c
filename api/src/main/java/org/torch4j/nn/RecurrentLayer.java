package org.torch4j.nn;

import java.util.ArrayList;
import java.util.List;
import org.torch4j.Autograd;
import org.torch4j.Function;
import org.torch4j.FunctionContext;
import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.internal.Internals;

/**
 * One layer and direction of {@link RNN}, {@link LSTM} or {@link GRU} over a whole sequence as one autograd node,
 * from the input projection {@code x W_ih^T + b_ih} of all steps (one GEMM, made by the caller with autograd):
 * each step is one GEMM of the state against W_hh^T (read in place) and one pass of the backend's
 * {@code recurrentCell} kernel (gates and state update). The backward runs through time with the same kernel's
 * derivative and one GEMM per step for the state's gradient, then W_hh's gradient as one GEMM over all steps.
 * With a packed batch (lengths sorted descending) step t runs only the first {@code active[t]} rows, as PyTorch
 * does; finished rows keep their state and output zeros. A backward that must itself be differentiable
 * ({@code createGraph}) recomputes the layer from the cell ops and differentiates that, so higher orders hold.
 */
final class RecurrentLayer extends Function {

    /** The cell: its kernel mode and number of gate blocks. */
    enum Kind {
        LSTM("lstm", 4), GRU("gru", 3), RNN_TANH("rnn_tanh", 1), RNN_RELU("rnn_relu", 1);

        final String mode;
        final int gates;

        Kind(String mode, int gates) {
            this.mode = mode;
            this.gates = gates;
        }
    }

    private final Kind kind;
    private final long[] active;
    /** Whether a backward can follow: then every step's c and activations are kept, else one step's buffers serve all. */
    private final boolean keep;

    private RecurrentLayer(Kind kind, long[] active, boolean keep) {
        this.kind = kind;
        this.active = active;
        this.keep = keep;
    }

    /**
     * Runs the layer: {@code proj} [T, N, gates * H], {@code h0} (and for LSTM {@code c0}) [N, H], {@code whh}
     * [gates * H, H], {@code bhh} [gates * H] or null; {@code lengths} the descending lengths of a packed batch, or
     * null. Returns {output [T, N, H], h_n [N, H]} and, for LSTM, c_n.
     */
    static Tensor[] run(Kind kind, Tensor proj, Tensor h0, Tensor c0, Tensor whh, Tensor bhh, long[] lengths) {
        long t = proj.size(0), n = proj.size(1);
        long[] active = new long[(int) t];
        for (int s = 0; s < t; s++) {
            long a = n;
            if (lengths != null) {
                a = 0;
                for (long len : lengths) if (len > s) a++;
            }
            active[s] = a;
        }
        boolean keep = Torch.isGradEnabled() && (needs(proj) || needs(h0) || needs(c0) || needs(whh) || needs(bhh));
        return new RecurrentLayer(kind, active, keep).apply(proj, h0, c0, whh, bhh);
    }

    private static boolean needs(Tensor t) {
        return t != null && t.requiresGrad();
    }

    @Override
    protected String name() {
        return kind == Kind.LSTM ? "LstmLayerBackward" : kind == Kind.GRU ? "GruLayerBackward" : "RnnLayerBackward";
    }

    @Override
    protected Tensor[] forward(FunctionContext ctx, Tensor... in) {
        Tensor proj = in[0].contiguous(), h0 = in[1].contiguous(), c0 = in[2] == null ? null : in[2].contiguous();
        // x W^T with W read in place: the CPU GEMM then packs only the few state rows (C^T = W x^T), not all of W
        Tensor whhT = in[3].contiguous().t(), bhh = in[4] == null ? null : in[4].contiguous();
        long t = proj.size(0), n = proj.size(1), hs = h0.size(1);
        Tensor out = Torch.zeros(new long[] {t, n, hs}, proj.dtype(), proj.device());
        // without a backward, c is updated in place in one [N, H] buffer (rows that stop keep theirs: c_n)
        Tensor cs = kind != Kind.LSTM ? null : keep ? Torch.empty(new long[] {t, n, hs}, proj.dtype(), proj.device()) : c0.clone();
        long actSize = kind == Kind.LSTM ? 5 * hs : 4 * hs;   // i, f, g, o, tanh(c), or r, z, n, hn
        Tensor act = kind == Kind.LSTM || kind == Kind.GRU ? Torch.empty(new long[] {keep ? t : 1, n, actSize}, proj.dtype(), proj.device()) : null;
        Tensor hh = Torch.empty(new long[] {n, proj.size(2)}, proj.dtype(), proj.device());   // h W_hh^T, one buffer for all steps
        for (int s = 0; s < t; s++) {
            long nb = active[s];
            if (nb == 0) break;
            Tensor hPrev = rows(s == 0 ? h0 : out.select(0, s - 1), nb), hhs = rows(hh, nb);
            Tensor c = cs == null ? null : rows(keep ? cs.select(0, s) : cs, nb);
            Tensor prev = kind == Kind.LSTM ? (keep ? rows(s == 0 ? c0 : cs.select(0, s - 1), nb) : c) : kind == Kind.GRU ? hPrev : null;
            Internals.get().mmInto(hhs, hPrev, whhT, 0);
            RecurrentCells.forward(kind, rows(proj.select(0, s), nb), hhs, bhh, prev, rows(out.select(0, s), nb), c,
                    act == null ? null : rows(act.select(0, keep ? s : 0), nb));
        }
        Tensor hN = finals(out, h0), cN = cs == null ? null : keep ? finals(cs, c0) : cs;
        ctx.saveForBackward(in[0], in[1], in[2], in[3], in[4], out, cs, act);
        return cN == null ? new Tensor[] {out, hN} : new Tensor[] {out, hN, cN};
    }

    /** Each row's state after its last step (the initial state for a row that runs no step). */
    private Tensor finals(Tensor steps, Tensor initial) {
        Tensor f = initial.clone();
        for (int s = 0; s < active.length; s++) {
            long from = s + 1 < active.length ? active[s + 1] : 0, to = active[s];
            if (to > from) f.narrow(0, from, to - from).copy_(steps.select(0, s).narrow(0, from, to - from));
        }
        return f;
    }

    @Override
    protected Tensor[] backward(FunctionContext ctx, Tensor... grads) {
        Tensor[] sv = ctx.savedTensors();
        if (Torch.isGradEnabled()) return differentiableBackward(ctx, sv, grads);
        // dh W as dh (W^T)^T: W^T's rows read in place, as in the forward
        Tensor h0 = sv[1], whh = sv[3].t().contiguous().t(), out = sv[5], cs = sv[6], act = sv[7];
        long t = out.size(0), n = out.size(1), hs = out.size(2), gh = kind.gates * hs;
        Tensor gOut = grads[0].contiguous();
        Tensor dh = grads[1].contiguous().clone(), dc = kind == Kind.LSTM ? grads[2].contiguous().clone() : null;
        Tensor dx = Torch.zeros(new long[] {t, n, gh}, out.dtype(), out.device());
        Tensor dhh = kind == Kind.GRU ? Torch.zeros(new long[] {t, n, gh}, out.dtype(), out.device()) : dx;
        for (int s = (int) t - 1; s >= 0; s--) {
            long nb = active[s];
            if (nb == 0) continue;
            Tensor dhs = rows(dh, nb).add_(rows(gOut.select(0, s), nb));
            Tensor dxs = rows(dx.select(0, s), nb), dhhs = rows(dhh.select(0, s), nb);
            switch (kind) {
                case LSTM -> RecurrentCells.lstmBackward(dhs, rows(dc, nb), rows(act.select(0, s), nb),
                        rows(s == 0 ? sv[2].contiguous() : cs.select(0, s - 1), nb), dxs);
                case GRU -> RecurrentCells.gruBackward(dhs, dhs, rows(act.select(0, s), nb),
                        rows(s == 0 ? h0.contiguous() : out.select(0, s - 1), nb), dxs, dhhs);
                default -> RecurrentCells.rnnBackward(kind, dhs, rows(out.select(0, s), nb), dxs);
            }
            Internals.get().mmInto(dhs, dhhs, whh, kind == Kind.GRU ? 1 : 0);   // GRU's dh already holds z * dh
        }
        Tensor dwhh = null, dbhh = null;
        if (ctx.needsInputGrad(3)) {
            Tensor hPrev = t == 1 ? h0.unsqueeze(0) : Torch.cat(List.of(h0.unsqueeze(0), out.narrow(0, 0, t - 1)), 0);
            dwhh = dhh.reshape(t * n, gh).t().mm(hPrev.reshape(t * n, hs));
        }
        if (ctx.needsInputGrad(4)) dbhh = dhh.reshape(t * n, gh).sum(0);
        return new Tensor[] {ctx.needsInputGrad(0) ? dx : null, ctx.needsInputGrad(1) ? dh : null,
                ctx.needsInputGrad(2) ? dc : null, dwhh, dbhh};
    }

    /** Under createGraph: the gradients of the same layer composed of recorded cell ops, themselves differentiable. */
    private Tensor[] differentiableBackward(FunctionContext ctx, Tensor[] sv, Tensor[] grads) {
        Tensor[] outputs = composed(sv[0], sv[1], sv[2], sv[3], sv[4]);
        List<Tensor> wrt = new ArrayList<>();
        for (int i = 0; i < 5; i++) if (ctx.needsInputGrad(i)) wrt.add(sv[i]);
        List<Tensor> g = Autograd.grad(List.of(outputs), wrt, List.of(grads).subList(0, outputs.length), true, true, true);
        Tensor[] r = new Tensor[5];
        for (int i = 0, k = 0; i < 5; i++) if (ctx.needsInputGrad(i)) r[i] = g.get(k++);
        return r;
    }

    /** The layer step by step from the cells' ops (recorded when grad mode is on): {output, h_n[, c_n]}. */
    private Tensor[] composed(Tensor proj, Tensor h0, Tensor c0, Tensor whh, Tensor bhh) {
        long n = proj.size(1);
        Tensor h = h0, c = c0;
        List<Tensor> steps = new ArrayList<>();
        for (int s = 0; s < active.length; s++) {
            long nb = active[s];
            Tensor x = proj.select(0, s);
            Tensor hNext, cNext = null;
            switch (kind) {
                case LSTM -> {
                    Tensor[] hc = LSTM.step(x, h, c, whh, bhh);
                    hNext = hc[0];
                    cNext = hc[1];
                }
                case GRU -> hNext = GRU.step(x, h, whh, bhh);
                default -> hNext = RNN.step(x, h, whh, bhh, kind == Kind.RNN_TANH ? "tanh" : "relu");
            }
            if (nb < n) {
                steps.add(Torch.cat(List.of(hNext.narrow(0, 0, nb), Torch.zerosLike(h.narrow(0, nb, n - nb))), 0));
                hNext = Torch.cat(List.of(hNext.narrow(0, 0, nb), h.narrow(0, nb, n - nb)), 0);
                if (cNext != null) cNext = Torch.cat(List.of(cNext.narrow(0, 0, nb), c.narrow(0, nb, n - nb)), 0);
            } else {
                steps.add(hNext);
            }
            h = hNext;
            c = cNext;
        }
        Tensor out = Torch.stack(steps, 0);
        return c == null ? new Tensor[] {out, h} : new Tensor[] {out, h, c};
    }

    private static Tensor rows(Tensor t, long n) {
        return n == t.size(0) ? t : t.narrow(0, 0, n);
    }
}
