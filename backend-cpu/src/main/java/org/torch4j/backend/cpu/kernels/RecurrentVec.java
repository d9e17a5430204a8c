package org.torch4j.backend.cpu.kernels;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * One recurrent step's pointwise part over the rows of a batch in float32 ({@code Backend.recurrentCell}): the gate
 * nonlinearities and state update of LSTM, GRU and Elman cells, and their derivatives, each operation rounded in the
 * order the api's composition writes it (no fused multiply-adds), with the SIMD unary loops' sigmoid and tanh, so
 * the results equal the composed ops'. A row runs in short passes over its gate blocks (sums, then each block's
 * nonlinearity in place, then the update), each with at most one {@link VectorMath} function, which keeps every
 * loop within C2's inlining budget; the row's blocks stay in L1 between passes. Operands are contiguous rows of
 * {@code k * h} elements (block k of row r of a [rows, k*h] operand starts at {@code off + (r*k + k) * h}); a
 * hidden size that is not a multiple of the lanes ends in a masked vector, as the unary loops' tails.
 */
public final class RecurrentVec {
    private RecurrentVec() {}

    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();
    private static final FloatVector ONE = FloatVector.broadcast(S, 1f);

    private static FloatVector load(float[] a, int off, VectorMask<Float> m) {
        return m == null ? FloatVector.fromArray(S, a, off) : FloatVector.fromArray(S, a, off, m);
    }

    private static void store(FloatVector v, float[] a, int off, VectorMask<Float> m) {
        if (m == null) v.intoArray(a, off);
        else v.intoArray(a, off, m);
    }

    private static VectorMask<Float> tail(int j, int n) {
        return j + L <= n ? null : S.indexInRange(j, n);
    }

    /** {@code out = x + (hh + b)} over n elements (b null: {@code x + hh}). */
    private static void sum(int n, float[] out, int oo, float[] x, int xo, float[] hh, int hho, float[] b, int bo) {
        for (int j = 0; j < n; j += L) {
            VectorMask<Float> m = tail(j, n);
            FloatVector v = load(hh, hho + j, m);
            if (b != null) v = v.add(load(b, bo + j, m));
            store(load(x, xo + j, m).add(v), out, oo + j, m);
        }
    }

    /** LSTM forward over rows [r0, r1): the activations i, f, g, o into act, then c, tanh(c) (act's fifth block) and h. */
    public static void lstm(int r0, int r1, int h, float[] x, int xo, float[] hh, int hho, float[] b, int bo, float[] cp, int cpo,
                            float[] ho, int hoo, float[] c, int co, float[] act, int ao) {
        for (int r = r0; r < r1; r++) {
            int a = ao + r * 5 * h, g1 = r * h;
            sum(4 * h, act, a, x, xo + r * 4 * h, hh, hho + r * 4 * h, b, bo);
            FloatVec.sigmoid(2 * h, act, a, act, a, null);
            FloatVec.tanh(h, act, a + 2 * h, act, a + 2 * h, null);
            FloatVec.sigmoid(h, act, a + 3 * h, act, a + 3 * h, null);
            for (int j = 0; j < h; j += L) {
                VectorMask<Float> m = tail(j, h);
                FloatVector i = load(act, a + j, m), f = load(act, a + h + j, m), g = load(act, a + 2 * h + j, m);
                store(f.mul(load(cp, cpo + g1 + j, m)).add(i.mul(g)), c, co + g1 + j, m);
            }
            FloatVec.tanh(h, act, a + 4 * h, c, co + g1, null);
            for (int j = 0; j < h; j += L) {
                VectorMask<Float> m = tail(j, h);
                store(load(act, a + 3 * h + j, m).mul(load(act, a + 4 * h + j, m)), ho, hoo + g1 + j, m);
            }
        }
    }

    /** LSTM backward over rows [r0, r1): dgates, and dc replaced by the previous c's gradient. */
    public static void lstmBackward(int r0, int r1, int h, float[] dh, int dho, float[] dc, int dco, float[] act, int ao,
                                    float[] cp, int cpo, float[] dg, int dgo) {
        for (int r = r0; r < r1; r++) {
            int a = ao + r * 5 * h, d4 = dgo + r * 4 * h, g1 = r * h;
            for (int j = 0; j < h; j += L) {
                VectorMask<Float> m = tail(j, h);
                FloatVector i = load(act, a + j, m), f = load(act, a + h + j, m), g = load(act, a + 2 * h + j, m);
                FloatVector o = load(act, a + 3 * h + j, m), tc = load(act, a + 4 * h + j, m), d = load(dh, dho + g1 + j, m);
                FloatVector dct = load(dc, dco + g1 + j, m).add(d.mul(o).mul(ONE.sub(tc.mul(tc))));
                store(dct.mul(g).mul(i.mul(ONE.sub(i))), dg, d4 + j, m);
                store(dct.mul(load(cp, cpo + g1 + j, m)).mul(f.mul(ONE.sub(f))), dg, d4 + h + j, m);
                store(dct.mul(i).mul(ONE.sub(g.mul(g))), dg, d4 + 2 * h + j, m);
                store(d.mul(tc).mul(o.mul(ONE.sub(o))), dg, d4 + 3 * h + j, m);
                store(dct.mul(f), dc, dco + g1 + j, m);
            }
        }
    }

    /** GRU forward over rows [r0, r1): the activations r, z, n, hn into act, then h. */
    public static void gru(int r0, int r1, int h, float[] x, int xo, float[] hh, int hho, float[] b, int bo, float[] hp, int hpo,
                           float[] ho, int hoo, float[] act, int ao) {
        for (int r = r0; r < r1; r++) {
            int a = ao + r * 4 * h, g3 = r * 3 * h, g1 = r * h;
            sum(2 * h, act, a, x, xo + g3, hh, hho + g3, b, bo);
            FloatVec.sigmoid(2 * h, act, a, act, a, null);
            for (int j = 0; j < h; j += L) {   // hn = hh_n + b_n, and n's argument x_n + r * hn
                VectorMask<Float> m = tail(j, h);
                FloatVector hn = load(hh, hho + g3 + 2 * h + j, m);
                if (b != null) hn = hn.add(load(b, bo + 2 * h + j, m));
                store(hn, act, a + 3 * h + j, m);
                store(load(x, xo + g3 + 2 * h + j, m).add(load(act, a + j, m).mul(hn)), act, a + 2 * h + j, m);
            }
            FloatVec.tanh(h, act, a + 2 * h, act, a + 2 * h, null);
            for (int j = 0; j < h; j += L) {
                VectorMask<Float> m = tail(j, h);
                FloatVector z = load(act, a + h + j, m), n = load(act, a + 2 * h + j, m);
                store(ONE.sub(z).mul(n).add(z.mul(load(hp, hpo + g1 + j, m))), ho, hoo + g1 + j, m);
            }
        }
    }

    /** GRU backward over rows [r0, r1): the gradients of x and of hh + bias, and z * dh into dhPrev (may be dh). */
    public static void gruBackward(int r0, int r1, int h, float[] dh, int dho, float[] dhp, int dhpo, float[] act, int ao,
                                   float[] hp, int hpo, float[] dx, int dxo, float[] dhh, int dhho) {
        for (int r = r0; r < r1; r++) {
            int a = ao + r * 4 * h, g3 = r * 3 * h, g1 = r * h;
            for (int j = 0; j < h; j += L) {
                VectorMask<Float> m = tail(j, h);
                FloatVector rg = load(act, a + j, m), z = load(act, a + h + j, m);
                FloatVector n = load(act, a + 2 * h + j, m), hn = load(act, a + 3 * h + j, m), d = load(dh, dho + g1 + j, m);
                FloatVector dn = d.mul(ONE.sub(z)).mul(ONE.sub(n.mul(n)));
                FloatVector dr = dn.mul(hn).mul(rg.mul(ONE.sub(rg)));
                FloatVector dz = d.mul(load(hp, hpo + g1 + j, m).sub(n)).mul(z.mul(ONE.sub(z)));
                store(dr, dx, dxo + g3 + j, m);
                store(dz, dx, dxo + g3 + h + j, m);
                store(dn, dx, dxo + g3 + 2 * h + j, m);
                store(dr, dhh, dhho + g3 + j, m);
                store(dz, dhh, dhho + g3 + h + j, m);
                store(dn.mul(rg), dhh, dhho + g3 + 2 * h + j, m);
                store(d.mul(z), dhp, dhpo + g1 + j, m);
            }
        }
    }

    /** Elman forward over rows [r0, r1): h = tanh or relu of x + (hh + bias). */
    public static void rnn(boolean tanh, int r0, int r1, int h, float[] x, int xo, float[] hh, int hho, float[] b, int bo,
                           float[] ho, int hoo) {
        for (int r = r0; r < r1; r++) {
            int g1 = r * h;
            sum(h, ho, hoo + g1, x, xo + g1, hh, hho + g1, b, bo);
            if (tanh) FloatVec.tanh(h, ho, hoo + g1, ho, hoo + g1, null);
            else FloatVec.relu(h, ho, hoo + g1, ho, hoo + g1, null);
        }
    }

    /** Elman backward over rows [r0, r1): the pre-activation's gradient from dh and the output h. */
    public static void rnnBackward(boolean tanh, int r0, int r1, int h, float[] dh, int dho, float[] ho, int hoo, float[] dp, int dpo) {
        for (int r = r0; r < r1; r++) {
            int g1 = r * h;
            for (int j = 0; j < h; j += L) {
                VectorMask<Float> m = tail(j, h);
                FloatVector d = load(dh, dho + g1 + j, m), y = load(ho, hoo + g1 + j, m);
                FloatVector v = tanh ? d.mul(ONE.sub(y.mul(y))) : d.blend(0f, y.compare(VectorOperators.GT, 0f).not());
                store(v, dp, dpo + g1 + j, m);
            }
        }
    }
}
