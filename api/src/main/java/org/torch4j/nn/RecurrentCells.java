package org.torch4j.nn;

import org.torch4j.Tensor;
import org.torch4j.internal.Internals;

/**
 * The pointwise part of one step of {@link RecurrentLayer} and its derivative: the backend's one-pass kernel
 * ({@code Backend.recurrentCell}) where it has one, else the same arithmetic composed of ops, written into the
 * given slices. Runs without recording (inside a {@code Function}); operands are contiguous rows of the batch.
 */
final class RecurrentCells {
    private RecurrentCells() {}

    /** One step forward: h (and c, and the saved activations {@code act}: LSTM's i, f, g, o, tanh(c)) from the projections; see the backend's doc. */
    static void forward(RecurrentLayer.Kind kind, Tensor x, Tensor hh, Tensor bias, Tensor prev, Tensor h, Tensor c, Tensor act) {
        if (Internals.get().recurrentCell(kind.mode, x, hh, bias, prev, h, c, act)) return;
        Tensor hb = bias == null ? hh : hh.add(bias);
        long n = h.size(1);
        switch (kind) {
            case LSTM -> {
                Tensor pre = x.add(hb);
                Tensor i = gate(pre, 0, n).sigmoid(), f = gate(pre, 1, n).sigmoid(), g = gate(pre, 2, n).tanh(), o = gate(pre, 3, n).sigmoid();
                Tensor cNext = f.mul(prev).add(i.mul(g)), tc = cNext.tanh();
                c.copy_(cNext);
                h.copy_(o.mul(tc));
                copyGates(act, i, f, g, o, tc);
            }
            case GRU -> {
                Tensor r = gate(x, 0, n).add(gate(hb, 0, n)).sigmoid(), z = gate(x, 1, n).add(gate(hb, 1, n)).sigmoid();
                Tensor hn = gate(hb, 2, n), nn = gate(x, 2, n).add(r.mul(hn)).tanh();
                h.copy_(z.rsub(1.0).mul(nn).add(z.mul(prev)));
                copyGates(act, r, z, nn, hn);
            }
            case RNN_TANH -> h.copy_(x.add(hb).tanh());
            case RNN_RELU -> h.copy_(x.add(hb).relu());
        }
    }

    /** The LSTM step's derivative: {@code dgates} from dh, and dc replaced by the gradient of the previous c. */
    static void lstmBackward(Tensor dh, Tensor dc, Tensor act, Tensor cPrev, Tensor dgates) {
        if (Internals.get().recurrentCell("lstm_backward", dh, dc, act, cPrev, dgates)) return;
        long n = cPrev.size(1);
        Tensor i = gate(act, 0, n), f = gate(act, 1, n), g = gate(act, 2, n), o = gate(act, 3, n), tc = gate(act, 4, n);
        Tensor dcTotal = dc.add(dh.mul(o).mul(tc.mul(tc).rsub(1.0)));
        copyGates(dgates, dcTotal.mul(g).mul(i.mul(i.rsub(1.0))), dcTotal.mul(cPrev).mul(f.mul(f.rsub(1.0))),
                dcTotal.mul(i).mul(g.mul(g).rsub(1.0)), dh.mul(tc).mul(o.mul(o.rsub(1.0))));
        dc.copy_(dcTotal.mul(f));
    }

    /** The GRU step's derivative: the gradients of x and of hh + bias, and z * dh into {@code dhPrev} (may be dh). */
    static void gruBackward(Tensor dh, Tensor dhPrev, Tensor act, Tensor hPrev, Tensor dx, Tensor dhh) {
        if (Internals.get().recurrentCell("gru_backward", dh, dhPrev, act, hPrev, dx, dhh)) return;
        long n = hPrev.size(1);
        Tensor r = gate(act, 0, n), z = gate(act, 1, n), nn = gate(act, 2, n), hn = gate(act, 3, n);
        Tensor dnPre = dh.mul(z.rsub(1.0)).mul(nn.mul(nn).rsub(1.0));
        Tensor drPre = dnPre.mul(hn).mul(r.mul(r.rsub(1.0))), dzPre = dh.mul(hPrev.sub(nn)).mul(z.mul(z.rsub(1.0)));
        copyGates(dx, drPre, dzPre, dnPre);
        copyGates(dhh, drPre, dzPre, dnPre.mul(r));
        dhPrev.copy_(dh.mul(z));
    }

    /** The Elman step's derivative: the gradient of the pre-activation from dh and the step's output h. */
    static void rnnBackward(RecurrentLayer.Kind kind, Tensor dh, Tensor h, Tensor dpre) {
        if (Internals.get().recurrentCell(kind.mode + "_backward", dh, h, dpre)) return;
        dpre.copy_(kind == RecurrentLayer.Kind.RNN_TANH ? dh.mul(h.mul(h).rsub(1.0)) : dh.mul(h.gt(0.0)));
    }

    private static Tensor gate(Tensor t, int k, long n) {
        return t.narrow(1, k * n, n);
    }

    private static void copyGates(Tensor into, Tensor... gates) {
        long n = gates[0].size(1);
        for (int k = 0; k < gates.length; k++) gate(into, k, n).copy_(gates[k]);
    }
}
