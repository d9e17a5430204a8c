package org.torch4j.backend.cpu.gemm;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import org.torch4j.backend.cpu.LaneSums;
import jdk.incubator.vector.VectorSpecies;

/**
 * SIMD loops that work on the operands in place, without packing: small products (where packing and
 * the blocked driver cost more than they save) and matrix-vector products (memory-bound, nothing to
 * reuse). Layouts without a unit stride where one is needed go to {@link ScalarKernels}.
 *
 * <p>Loaded only when {@code Simd.ENABLED}.
 */
final class FloatDirect {
    private FloatDirect() {}

    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    static final int L = S.length();

    /**
     * {@code C = alpha * A * B + beta * C} for a small product: a register kernel when B (or A^T) has unit
     * column stride, dot products when rows of A and columns of B are contiguous, else scalar loops.
     */
    static void small(int m, int n, int k, float alpha, float[] a, int aOff, int aRs, int aCs,
                      float[] b, int bOff, int bRs, int bCs, float beta, float[] c, int cOff, int cRs, int cCs) {
        float[] tmp = Workspace.get().floatTmp(Math.max(n, (k + 4) * L));
        if (bCs == 1) {
            rowsTimesB(m, n, k, alpha, a, aOff, aRs, aCs, b, bOff, bRs, beta, c, cOff, cRs, cCs, tmp);
        } else if (aRs == 1) {
            // C^T = B^T A^T, and A^T has unit column stride
            rowsTimesB(n, m, k, alpha, b, bOff, bCs, bRs, a, aOff, aCs, beta, c, cOff, cCs, cRs, tmp);
        } else if (aCs == 1 && bRs == 1) {
            // rows of A and columns of B are contiguous: one dot product per element
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < n; j++) {
                    float s = dot(k, a, aOff + i * aRs, b, bOff + j * bCs);
                    int o = cOff + i * cRs + j * cCs;
                    c[o] = beta == 0 ? alpha * s : alpha * s + beta * c[o];
                }
            }
        } else {
            ScalarKernels.small(m, n, k, alpha, a, aOff, aRs, aCs, b, bOff, bRs, bCs, beta, c, cOff, cRs, cCs);
        }
    }

    /**
     * {@code C = alpha * A * B + beta * C} for a few rows of A (at most {@link Gemm#SKINNY_ROWS}) and any
     * n and k, without packing: B streams through once per four rows of A. With unit column stride in B
     * this is the register kernel {@link #rowsTimesB}; with contiguous rows of A and columns of B (a
     * linear layer's {@code x W^T}) it is {@link #dotRows}. Packing B, as the blocked driver does,
     * costs a full read and write of B, several times the whole product when A has this few rows.
     */
    static void skinny(int m, int n, int k, float alpha, float[] a, int aOff, int aRs, int aCs,
                       float[] b, int bOff, int bRs, int bCs, float beta, float[] c, int cOff, int cRs, int cCs) {
        if (bCs == 1) {
            rowsTimesB(m, n, k, alpha, a, aOff, aRs, aCs, b, bOff, bRs, beta, c, cOff, cRs, cCs, Workspace.get().floatTmp((k + 4) * L));
        } else {
            dotRows(m, n, k, alpha, a, aOff, aRs, b, bOff, bCs, beta, c, cOff, cRs, cCs);
        }
    }

    /**
     * Four rows of A against one column of B at a time, all contiguous: four dot products that share
     * each load of B. Rows past {@code m} in the last group repeat the last row (their sums are not
     * stored), which keeps one loop body.
     */
    private static void dotRows(int m, int n, int k, float alpha, float[] a, int aOff, int aRs,
                                float[] b, int bOff, int bCs, float beta, float[] c, int cOff, int cRs, int cCs) {
        int bound = S.loopBound(k);
        VectorMask<Float> tail = S.indexInRange(bound, k);
        for (int i0 = 0; i0 < m; i0 += 4) {
            int rows = Math.min(4, m - i0);
            int a0 = aOff + i0 * aRs;
            int a1 = a0 + Math.min(1, rows - 1) * aRs, a2 = a0 + Math.min(2, rows - 1) * aRs, a3 = a0 + Math.min(3, rows - 1) * aRs;
            for (int j = 0; j < n; j++) {
                int bo = bOff + j * bCs;
                FloatVector s0 = FloatVector.zero(S), s1 = s0, s2 = s0, s3 = s0;
                int p = 0;
                for (; p < bound; p += L) {
                    FloatVector v = FloatVector.fromArray(S, b, bo + p);
                    s0 = FloatVector.fromArray(S, a, a0 + p).fma(v, s0);
                    s1 = FloatVector.fromArray(S, a, a1 + p).fma(v, s1);
                    s2 = FloatVector.fromArray(S, a, a2 + p).fma(v, s2);
                    s3 = FloatVector.fromArray(S, a, a3 + p).fma(v, s3);
                }
                if (p < k) {
                    FloatVector v = FloatVector.fromArray(S, b, bo + p, tail);
                    s0 = FloatVector.fromArray(S, a, a0 + p, tail).fma(v, s0);
                    s1 = FloatVector.fromArray(S, a, a1 + p, tail).fma(v, s1);
                    s2 = FloatVector.fromArray(S, a, a2 + p, tail).fma(v, s2);
                    s3 = FloatVector.fromArray(S, a, a3 + p, tail).fma(v, s3);
                }
                int o = cOff + i0 * cRs + j * cCs;
                store(LaneSums.sum(s0), alpha, beta, c, o);
                if (rows > 1) store(LaneSums.sum(s1), alpha, beta, c, o + cRs);
                if (rows > 2) store(LaneSums.sum(s2), alpha, beta, c, o + 2 * cRs);
                if (rows > 3) store(LaneSums.sum(s3), alpha, beta, c, o + 3 * cRs);
            }
        }
    }

    /** {@code c[o] = alpha * s + beta * c[o]}, not reading C when beta is 0. */
    private static void store(float s, float alpha, float beta, float[] c, int o) {
        c[o] = beta == 0 ? alpha * s : alpha * s + beta * c[o];
    }

    /**
     * The unpacked register kernel for B with unit column stride: a tile of 4 rows × one vector of C
     * accumulates {@code a(i,p) * B[p, j..j+L)} in registers over all of k, reading A and B where they
     * are. The last, partial column chunk of B is first copied zero-padded into {@code tmp}.
     */
    private static void rowsTimesB(int m, int n, int k, float alpha, float[] a, int aOff, int aRs, int aCs,
                                   float[] b, int bOff, int bRs, float beta, float[] c, int cOff, int cRs, int cCs, float[] tmp) {
        int acc = k * L; // tmp[0, k*L): the padded chunk of B; tmp[acc, acc + 4L): a tile for scalar stores
        for (int j0 = 0; j0 < n; j0 += L) {
            int cols = Math.min(L, n - j0);
            float[] bb = b;
            int bo = bOff + j0, brs = bRs;
            if (cols < L) {
                for (int p = 0; p < k; p++) {
                    for (int j = 0; j < L; j++) tmp[p * L + j] = j < cols ? b[bo + p * bRs + j] : 0f;
                }
                bb = tmp;
                bo = 0;
                brs = L;
            }
            int co = cOff + j0 * cCs;
            boolean direct = cols == L && cCs == 1;
            for (int i0 = 0; i0 < m; i0 += 4) {
                int rows = Math.min(4, m - i0), ao = aOff + i0 * aRs;
                FloatVector c0 = FloatVector.zero(S), c1 = c0, c2 = c0, c3 = c0;
                if (rows == 4) {
                    for (int p = 0; p < k; p++) {
                        FloatVector v = FloatVector.fromArray(S, bb, bo + p * brs);
                        int q = ao + p * aCs;
                        c0 = FloatVector.broadcast(S, a[q]).fma(v, c0);
                        c1 = FloatVector.broadcast(S, a[q + aRs]).fma(v, c1);
                        c2 = FloatVector.broadcast(S, a[q + 2 * aRs]).fma(v, c2);
                        c3 = FloatVector.broadcast(S, a[q + 3 * aRs]).fma(v, c3);
                    }
                } else {
                    for (int p = 0; p < k; p++) {
                        FloatVector v = FloatVector.fromArray(S, bb, bo + p * brs);
                        int q = ao + p * aCs;
                        c0 = FloatVector.broadcast(S, a[q]).fma(v, c0);
                        if (rows > 1) c1 = FloatVector.broadcast(S, a[q + aRs]).fma(v, c1);
                        if (rows > 2) c2 = FloatVector.broadcast(S, a[q + 2 * aRs]).fma(v, c2);
                    }
                }
                int o = co + i0 * cRs;
                if (direct) {
                    row(c0, alpha, beta, c, o);
                    if (rows > 1) row(c1, alpha, beta, c, o + cRs);
                    if (rows > 2) row(c2, alpha, beta, c, o + 2 * cRs);
                    if (rows > 3) row(c3, alpha, beta, c, o + 3 * cRs);
                } else {
                    c0.intoArray(tmp, acc);
                    c1.intoArray(tmp, acc + L);
                    c2.intoArray(tmp, acc + 2 * L);
                    c3.intoArray(tmp, acc + 3 * L);
                    ScalarKernels.store(tmp, acc, L, rows, cols, alpha, beta, c, o, cRs, cCs);
                }
            }
        }
    }

    /** One vector of a C row: {@code alpha * x + beta * C}. */
    private static void row(FloatVector x, float alpha, float beta, float[] c, int o) {
        x = x.mul(alpha);
        if (beta != 0) x = FloatVector.fromArray(S, c, o).mul(beta).add(x);
        x.intoArray(c, o);
    }

    /**
     * {@code y = alpha * M x + beta * y} for an {@code rows × k} matrix M; {@code tmp} holds at least
     * {@code max(rows, k + 4)} floats.
     */
    static void gemv(int rows, int k, float alpha, float[] mat, int mo, int mRs, int mCs, float[] x, int xo, int xs,
                     float beta, float[] y, int yo, int ys, float[] tmp) {
        if (mCs == 1) {
            // rows are contiguous: dot products against a contiguous x
            float[] xv = x;
            if (xs != 1) {
                for (int p = 0; p < k; p++) tmp[p] = x[xo + p * xs];
                xv = tmp;
                xo = 0;
            }
            if (rows < 4) {
                for (int i = 0; i < rows; i++) {
                    float s = dot(k, mat, mo + i * mRs, xv, xo);
                    int o = yo + i * ys;
                    y[o] = beta == 0 ? alpha * s : alpha * s + beta * y[o];
                }
                return;
            }
            // four rows at a time; a last partial four recomputes the rows before it (the same values) and stores only
            // its own, so every row's sum is dots4's whatever the rows a thread was given
            float[] lanes = new float[4 * L];
            for (int i = 0; i < rows; i += 4) {
                int first = Math.min(i, rows - 4);
                dots4(k, mat, mo + first * mRs, mRs, xv, xo, lanes, tmp, k);
                for (int r = i; r < first + 4; r++) {
                    int o = yo + r * ys;
                    y[o] = beta == 0 ? alpha * tmp[k + r - first] : alpha * tmp[k + r - first] + beta * y[o];
                }
            }
        } else if (mRs == 1) {
            // columns are contiguous: y accumulates x(p) * column p
            java.util.Arrays.fill(tmp, 0, rows, 0f);
            int p = 0;
            for (; p + 4 <= k; p += 4) {
                // four columns per pass: a quarter of the loads and stores of the accumulator
                int o = mo + p * mCs, q = xo + p * xs;
                axpy4(rows, x[q], x[q + xs], x[q + 2 * xs], x[q + 3 * xs], mat, o, o + mCs, o + 2 * mCs, o + 3 * mCs, tmp);
            }
            for (; p < k; p++) axpy(rows, x[xo + p * xs], mat, mo + p * mCs, tmp, 0);
            storeRow(rows, tmp, alpha, beta, y, yo, ys);
        } else {
            ScalarKernels.gemv(rows, k, alpha, mat, mo, mRs, mCs, x, xo, xs, beta, y, yo, ys, tmp);
        }
    }

    /** {@code t[to..to+n) += s * u[uo..uo+n)}. */
    private static void axpy(int n, float s, float[] u, int uo, float[] t, int to) {
        FloatVector sv = FloatVector.broadcast(S, s);
        int j = 0;
        for (int e = S.loopBound(n); j < e; j += L) {
            FloatVector.fromArray(S, u, uo + j).fma(sv, FloatVector.fromArray(S, t, to + j)).intoArray(t, to + j);
        }
        if (j < n) {
            VectorMask<Float> mk = S.indexInRange(j, n);
            FloatVector.fromArray(S, u, uo + j, mk).fma(sv, FloatVector.fromArray(S, t, to + j, mk)).intoArray(t, to + j, mk);
        }
    }

    /** {@code t[0..n) += s0 * u[o0..) + s1 * u[o1..) + s2 * u[o2..) + s3 * u[o3..)}. */
    private static void axpy4(int n, float s0, float s1, float s2, float s3, float[] u, int o0, int o1, int o2, int o3, float[] t) {
        FloatVector v0 = FloatVector.broadcast(S, s0), v1 = FloatVector.broadcast(S, s1);
        FloatVector v2 = FloatVector.broadcast(S, s2), v3 = FloatVector.broadcast(S, s3);
        int j = 0;
        for (int e = S.loopBound(n); j < e; j += L) {
            FloatVector acc = FloatVector.fromArray(S, t, j);
            acc = FloatVector.fromArray(S, u, o0 + j).fma(v0, acc);
            acc = FloatVector.fromArray(S, u, o1 + j).fma(v1, acc);
            acc = FloatVector.fromArray(S, u, o2 + j).fma(v2, acc);
            acc = FloatVector.fromArray(S, u, o3 + j).fma(v3, acc);
            acc.intoArray(t, j);
        }
        for (; j < n; j++) t[j] += s0 * u[o0 + j] + s1 * u[o1 + j] + s2 * u[o2 + j] + s3 * u[o3 + j];
    }

    /**
     * The dot products of four contiguous rows ({@code rowStride} apart from {@code uo}) with {@code v} into
     * {@code out[oo .. oo + 4)}: two accumulators per row (even and odd vectors), their lanes summed through
     * {@code lanes} ({@code 4 L} floats) in {@link LaneSums}' order. A matrix-vector product takes its rows four at a
     * time: per row, a short dot product cost less than its sum of lanes (sixteen dependent adds), which four rows run
     * side by side, and x is loaded once for the four. An LSTM step at batch 1 ({@code h W^T}, 512 rows of 128) took
     * 14.4 us, now 5.8-7.7 (8.7 with a LaneSums call per row); long rows gain too (1024 rows of 4096: 390 -> 362 us).
     */
    private static void dots4(int n, float[] u, int uo, int rowStride, float[] v, int vo, float[] lanes, float[] out, int oo) {
        FloatVector a0 = FloatVector.zero(S), a1 = a0, a2 = a0, a3 = a0, b0 = a0, b1 = a0, b2 = a0, b3 = a0;
        int u1 = uo + rowStride, u2 = u1 + rowStride, u3 = u2 + rowStride;
        int p = 0;
        for (int e = n - 2 * L; p <= e; p += 2 * L) {
            FloatVector x = FloatVector.fromArray(S, v, vo + p), y = FloatVector.fromArray(S, v, vo + p + L);
            a0 = FloatVector.fromArray(S, u, uo + p).fma(x, a0);
            a1 = FloatVector.fromArray(S, u, u1 + p).fma(x, a1);
            a2 = FloatVector.fromArray(S, u, u2 + p).fma(x, a2);
            a3 = FloatVector.fromArray(S, u, u3 + p).fma(x, a3);
            b0 = FloatVector.fromArray(S, u, uo + p + L).fma(y, b0);
            b1 = FloatVector.fromArray(S, u, u1 + p + L).fma(y, b1);
            b2 = FloatVector.fromArray(S, u, u2 + p + L).fma(y, b2);
            b3 = FloatVector.fromArray(S, u, u3 + p + L).fma(y, b3);
        }
        if (p < n) {   // at most two more vectors, the last one masked
            VectorMask<Float> mk = S.indexInRange(p, n);
            FloatVector x = FloatVector.fromArray(S, v, vo + p, mk);
            a0 = FloatVector.fromArray(S, u, uo + p, mk).fma(x, a0);
            a1 = FloatVector.fromArray(S, u, u1 + p, mk).fma(x, a1);
            a2 = FloatVector.fromArray(S, u, u2 + p, mk).fma(x, a2);
            a3 = FloatVector.fromArray(S, u, u3 + p, mk).fma(x, a3);
            p += L;
            if (p < n) {
                mk = S.indexInRange(p, n);
                FloatVector y = FloatVector.fromArray(S, v, vo + p, mk);
                b0 = FloatVector.fromArray(S, u, uo + p, mk).fma(y, b0);
                b1 = FloatVector.fromArray(S, u, u1 + p, mk).fma(y, b1);
                b2 = FloatVector.fromArray(S, u, u2 + p, mk).fma(y, b2);
                b3 = FloatVector.fromArray(S, u, u3 + p, mk).fma(y, b3);
            }
        }
        // each row's lanes in LaneSums' order (lane 0 first, the same bits), the four rows' chains side by side
        a0.add(b0).intoArray(lanes, 0);
        a1.add(b1).intoArray(lanes, L);
        a2.add(b2).intoArray(lanes, 2 * L);
        a3.add(b3).intoArray(lanes, 3 * L);
        LaneSums.sums4(lanes, 0, L, L, out, oo);
    }

    /** The dot product of {@code n} contiguous elements, with four accumulators to hide the FMA latency. */
    private static float dot(int n, float[] u, int uo, float[] v, int vo) {
        FloatVector s0 = FloatVector.zero(S), s1 = FloatVector.zero(S), s2 = FloatVector.zero(S), s3 = FloatVector.zero(S);
        int p = 0;
        for (int e = n - 4 * L; p <= e; p += 4 * L) {
            s0 = FloatVector.fromArray(S, u, uo + p).fma(FloatVector.fromArray(S, v, vo + p), s0);
            s1 = FloatVector.fromArray(S, u, uo + p + L).fma(FloatVector.fromArray(S, v, vo + p + L), s1);
            s2 = FloatVector.fromArray(S, u, uo + p + 2 * L).fma(FloatVector.fromArray(S, v, vo + p + 2 * L), s2);
            s3 = FloatVector.fromArray(S, u, uo + p + 3 * L).fma(FloatVector.fromArray(S, v, vo + p + 3 * L), s3);
        }
        for (int e = S.loopBound(n); p < e; p += L) {
            s0 = FloatVector.fromArray(S, u, uo + p).fma(FloatVector.fromArray(S, v, vo + p), s0);
        }
        if (p < n) {
            VectorMask<Float> mk = S.indexInRange(p, n);
            s1 = FloatVector.fromArray(S, u, uo + p, mk).fma(FloatVector.fromArray(S, v, vo + p, mk), s1);
        }
        return LaneSums.sum(s0.add(s1).add(s2.add(s3)));
    }

    /** {@code c[co + j*cs] = alpha * t[j] + beta * c[co + j*cs]} for {@code j < n}. */
    private static void storeRow(int n, float[] t, float alpha, float beta, float[] c, int co, int cs) {
        if (cs != 1) {
            ScalarKernels.store(t, 0, n, 1, n, alpha, beta, c, co, 0, cs);
            return;
        }
        int j = 0;
        if (beta == 0) {
            for (int e = S.loopBound(n); j < e; j += L) FloatVector.fromArray(S, t, j).mul(alpha).intoArray(c, co + j);
        } else {
            for (int e = S.loopBound(n); j < e; j += L) {
                FloatVector.fromArray(S, c, co + j).mul(beta).add(FloatVector.fromArray(S, t, j).mul(alpha)).intoArray(c, co + j);
            }
        }
        for (; j < n; j++) c[co + j] = beta == 0 ? alpha * t[j] : alpha * t[j] + beta * c[co + j];
    }
}
