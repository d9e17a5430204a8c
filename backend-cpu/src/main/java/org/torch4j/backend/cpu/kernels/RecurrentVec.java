package org.torch4j.backend.cpu.kernels;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * One recurrent step's pointwise part over the rows of a batch in float32 ({@code Backend.recurrentCell}): the gate
 * nonlinearities and state update of LSTM, GRU and Elman cells, and their derivatives, each operation rounded in the
 * order the api's composition writes it (no fused multiply-adds), with the SIMD unary loops' sigmoid and tanh, so
 * the results equal the composed ops'. A row runs in short passes over its gate blocks (sums, then each block's
 * nonlinearity in place, then the update), each with at most one {@link VectorMath} function, which keeps every
 * loop within C2's inlining budget; the row's blocks stay in L1 between passes. Operands are contiguous rows of
 * {@code k * h} elements (block k of row r of a [rows, k*h] operand starts at {@code off + (r*k + k) * h}).
 *
 * <p>Each loop runs whole vectors, then the elements past the last whole vector (a hidden size that is not a multiple
 * of the lanes) in scalar code with the same operations in the same order, hence the same bits. Not a masked
 * vector: these loops had one, taken on the last iteration through load and store helpers whose mask was null
 * before it, and C2 (JDK 25) compiled that into code that stopped the JVM ({@code Internal Error
 * (macroAssembler_x86.cpp:443)}, an LSTM with hidden size 100 after a few thousand steps, AVX-512). The forward
 * cells' elementwise loops are methods of their own: inside the row loop, after the inlined sigmoid and tanh loops,
 * C2 ran out of its node budget and left their vectors boxed (an LSTM step of 32 rows of 256 took 75 us, now
 * about 35). {@code RecurrentCellStressTest} runs the cells long enough for C2.
 */
public final class RecurrentVec {
    private RecurrentVec() {}

    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();
    private static final FloatVector ONE = FloatVector.broadcast(S, 1f);

    private static FloatVector v(float[] a, int off) {
        return FloatVector.fromArray(S, a, off);
    }

    /** {@code out = x + (hh + b)} over n elements (b null: {@code x + hh}). */
    private static void sum(int n, float[] out, int oo, float[] x, int xo, float[] hh, int hho, float[] b, int bo) {
        int j = 0;
        for (int e = S.loopBound(n); j < e; j += L) {
            FloatVector s = v(hh, hho + j);
            if (b != null) s = s.add(v(b, bo + j));
            v(x, xo + j).add(s).intoArray(out, oo + j);
        }
        for (; j < n; j++) out[oo + j] = x[xo + j] + (b == null ? hh[hho + j] : hh[hho + j] + b[bo + j]);
    }

    /** LSTM forward over rows [r0, r1): the activations i, f, g, o into act, then c, tanh(c) (act's fifth block) and h. */
    public static void lstm(int r0, int r1, int h, float[] x, int xo, float[] hh, int hho, float[] b, int bo, float[] cp, int cpo,
                            float[] ho, int hoo, float[] c, int co, float[] act, int ao) {
        for (int r = r0; r < r1; r++) {
            int a = ao + r * 5 * h, cr = co + r * h;
            sum(4 * h, act, a, x, xo + r * 4 * h, hh, hho + r * 4 * h, b, bo);
            FloatVec.sigmoid(2 * h, act, a, act, a, null);
            FloatVec.tanh(h, act, a + 2 * h, act, a + 2 * h, null);
            FloatVec.sigmoid(h, act, a + 3 * h, act, a + 3 * h, null);
            lstmCell(h, act, a, cp, cpo + r * h, c, cr);
            FloatVec.tanh(h, act, a + 4 * h, c, cr, null);
            product(h, act, a + 3 * h, act, a + 4 * h, ho, hoo + r * h);
        }
    }

    /** {@code c = f * cPrev + i * g} over a row (i, f, g act's first three blocks of h). */
    private static void lstmCell(int h, float[] act, int a, float[] cp, int p, float[] c, int cr) {
        int j = 0;
        for (int e = S.loopBound(h); j < e; j += L) {
            v(act, a + h + j).mul(v(cp, p + j)).add(v(act, a + j).mul(v(act, a + 2 * h + j))).intoArray(c, cr + j);
        }
        for (; j < h; j++) c[cr + j] = act[a + h + j] * cp[p + j] + act[a + j] * act[a + 2 * h + j];
    }

    /** {@code out = p * q} over n elements. */
    private static void product(int n, float[] p, int po, float[] q, int qo, float[] out, int oo) {
        int j = 0;
        for (int e = S.loopBound(n); j < e; j += L) v(p, po + j).mul(v(q, qo + j)).intoArray(out, oo + j);
        for (; j < n; j++) out[oo + j] = p[po + j] * q[qo + j];
    }

    /** LSTM backward over rows [r0, r1): dgates, and dc replaced by the previous c's gradient. */
    public static void lstmBackward(int r0, int r1, int h, float[] dh, int dho, float[] dc, int dco, float[] act, int ao,
                                    float[] cp, int cpo, float[] dg, int dgo) {
        int whole = S.loopBound(h);
        for (int r = r0; r < r1; r++) {
            int a = ao + r * 5 * h, d4 = dgo + r * 4 * h, dr = dho + r * h, cr = dco + r * h, p = cpo + r * h;
            int j = 0;
            for (; j < whole; j += L) {
                FloatVector i = v(act, a + j), f = v(act, a + h + j), g = v(act, a + 2 * h + j);
                FloatVector o = v(act, a + 3 * h + j), tc = v(act, a + 4 * h + j), d = v(dh, dr + j);
                FloatVector dct = v(dc, cr + j).add(d.mul(o).mul(ONE.sub(tc.mul(tc))));
                dct.mul(g).mul(i.mul(ONE.sub(i))).intoArray(dg, d4 + j);
                dct.mul(v(cp, p + j)).mul(f.mul(ONE.sub(f))).intoArray(dg, d4 + h + j);
                dct.mul(i).mul(ONE.sub(g.mul(g))).intoArray(dg, d4 + 2 * h + j);
                d.mul(tc).mul(o.mul(ONE.sub(o))).intoArray(dg, d4 + 3 * h + j);
                dct.mul(f).intoArray(dc, cr + j);
            }
            for (; j < h; j++) {
                float i = act[a + j], f = act[a + h + j], g = act[a + 2 * h + j];
                float o = act[a + 3 * h + j], tc = act[a + 4 * h + j], d = dh[dr + j];
                float dct = dc[cr + j] + d * o * (1f - tc * tc);
                dg[d4 + j] = dct * g * (i * (1f - i));
                dg[d4 + h + j] = dct * cp[p + j] * (f * (1f - f));
                dg[d4 + 2 * h + j] = dct * i * (1f - g * g);
                dg[d4 + 3 * h + j] = d * tc * (o * (1f - o));
                dc[cr + j] = dct * f;
            }
        }
    }

    /** GRU forward over rows [r0, r1): the activations r, z, n, hn into act, then h. */
    public static void gru(int r0, int r1, int h, float[] x, int xo, float[] hh, int hho, float[] b, int bo, float[] hp, int hpo,
                           float[] ho, int hoo, float[] act, int ao) {
        for (int r = r0; r < r1; r++) {
            int a = ao + r * 4 * h, g3 = r * 3 * h;
            sum(2 * h, act, a, x, xo + g3, hh, hho + g3, b, bo);
            FloatVec.sigmoid(2 * h, act, a, act, a, null);
            gruNewGate(h, x, xo + g3 + 2 * h, hh, hho + g3 + 2 * h, b, bo + 2 * h, act, a);
            FloatVec.tanh(h, act, a + 2 * h, act, a + 2 * h, null);
            gruState(h, act, a, hp, hpo + r * h, ho, hoo + r * h);
        }
    }

    /** {@code hn = hh_n + b_n} into act's fourth block, and n's argument {@code x_n + r * hn} into its third. */
    private static void gruNewGate(int h, float[] x, int xn, float[] hh, int hn0, float[] b, int bn, float[] act, int a) {
        int j = 0;
        for (int e = S.loopBound(h); j < e; j += L) {
            FloatVector hn = v(hh, hn0 + j);
            if (b != null) hn = hn.add(v(b, bn + j));
            hn.intoArray(act, a + 3 * h + j);
            v(x, xn + j).add(v(act, a + j).mul(hn)).intoArray(act, a + 2 * h + j);
        }
        for (; j < h; j++) {
            float hn = b == null ? hh[hn0 + j] : hh[hn0 + j] + b[bn + j];
            act[a + 3 * h + j] = hn;
            act[a + 2 * h + j] = x[xn + j] + act[a + j] * hn;
        }
    }

    /** {@code h = (1 - z) * n + z * hPrev} over a row (z, n act's second and third blocks). */
    private static void gruState(int h, float[] act, int a, float[] hp, int p, float[] ho, int hr) {
        int j = 0;
        for (int e = S.loopBound(h); j < e; j += L) {
            FloatVector z = v(act, a + h + j);
            ONE.sub(z).mul(v(act, a + 2 * h + j)).add(z.mul(v(hp, p + j))).intoArray(ho, hr + j);
        }
        for (; j < h; j++) {
            float z = act[a + h + j];
            ho[hr + j] = (1f - z) * act[a + 2 * h + j] + z * hp[p + j];
        }
    }

    /** GRU backward over rows [r0, r1): the gradients of x and of hh + bias, and z * dh into dhPrev (may be dh). */
    public static void gruBackward(int r0, int r1, int h, float[] dh, int dho, float[] dhp, int dhpo, float[] act, int ao,
                                   float[] hp, int hpo, float[] dx, int dxo, float[] dhh, int dhho) {
        int whole = S.loopBound(h);
        for (int r = r0; r < r1; r++) {
            int a = ao + r * 4 * h, x3 = dxo + r * 3 * h, h3 = dhho + r * 3 * h, dr = dho + r * h, pr = dhpo + r * h, p = hpo + r * h;
            int j = 0;
            for (; j < whole; j += L) {
                FloatVector rg = v(act, a + j), z = v(act, a + h + j);
                FloatVector n = v(act, a + 2 * h + j), hn = v(act, a + 3 * h + j), d = v(dh, dr + j);
                FloatVector dn = d.mul(ONE.sub(z)).mul(ONE.sub(n.mul(n)));
                FloatVector drg = dn.mul(hn).mul(rg.mul(ONE.sub(rg)));
                FloatVector dz = d.mul(v(hp, p + j).sub(n)).mul(z.mul(ONE.sub(z)));
                drg.intoArray(dx, x3 + j);
                dz.intoArray(dx, x3 + h + j);
                dn.intoArray(dx, x3 + 2 * h + j);
                drg.intoArray(dhh, h3 + j);
                dz.intoArray(dhh, h3 + h + j);
                dn.mul(rg).intoArray(dhh, h3 + 2 * h + j);
                d.mul(z).intoArray(dhp, pr + j);
            }
            for (; j < h; j++) {
                float rg = act[a + j], z = act[a + h + j], n = act[a + 2 * h + j], hn = act[a + 3 * h + j], d = dh[dr + j];
                float dn = d * (1f - z) * (1f - n * n);
                float drg = dn * hn * (rg * (1f - rg));
                float dz = d * (hp[p + j] - n) * (z * (1f - z));
                dx[x3 + j] = drg;
                dx[x3 + h + j] = dz;
                dx[x3 + 2 * h + j] = dn;
                dhh[h3 + j] = drg;
                dhh[h3 + h + j] = dz;
                dhh[h3 + 2 * h + j] = dn * rg;
                dhp[pr + j] = d * z;
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
        int whole = S.loopBound(h);
        for (int r = r0; r < r1; r++) {
            int dr = dho + r * h, yr = hoo + r * h, pr = dpo + r * h;
            int j = 0;
            for (; j < whole; j += L) {
                FloatVector d = v(dh, dr + j), y = v(ho, yr + j);
                (tanh ? d.mul(ONE.sub(y.mul(y))) : d.blend(0f, y.compare(VectorOperators.GT, 0f).not())).intoArray(dp, pr + j);
            }
            for (; j < h; j++) {
                float d = dh[dr + j], y = ho[yr + j];
                dp[pr + j] = tanh ? d * (1f - y * y) : y > 0f ? d : 0f;
            }
        }
    }
}
