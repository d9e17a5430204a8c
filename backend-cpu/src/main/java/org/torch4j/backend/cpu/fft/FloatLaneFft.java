package org.torch4j.backend.cpu.fft;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link LaneFft} in float: float32 batches transformed in float lanes, twice as many lines per vector as in
 * double (16 per AVX-512 register), with the plan's twiddles rounded to float, as pocketfft computes float32.
 * The error then grows like float's epsilon times log2 n instead of staying at the output's rounding. Same
 * layout (element e of lane l at {@code e * LANES + l}) and same passes as {@link LaneFft}, written out again
 * with float vectors: a pass written once against the abstract {@code Vector<E>} was as fast while it saw one
 * element type, but about 20-50x slower once it had run on both (C2 compiles it for the mixed profile and boxes every
 * vector; measured, see BENCHMARKS.md's FFT section).
 */
final class FloatLaneFft {
    private FloatLaneFft() {}

    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;

    /** How many lines one call transforms. */
    static final int LANES = S.length();

    private static final float SIN60 = (float) Math.sqrt(0.75);
    private static final float C1 = (float) Math.cos(2 * Math.PI / 5), C2 = (float) Math.cos(4 * Math.PI / 5);
    private static final float S1 = (float) Math.sin(2 * Math.PI / 5), S2 = (float) Math.sin(4 * Math.PI / 5);

    /**
     * Transforms the LANES lines held in {@code re[0]}/{@code im[0]} (n * LANES floats each), using
     * {@code re[1]}/{@code im[1]} as the other buffer of each pass; returns the index (0 or 1) of the buffer
     * pair holding the result.
     */
    static int run(Stockham plan, float[][] re, float[][] im, boolean inverse) {
        float sign = inverse ? -1 : 1;
        int n = plan.length(), l1 = 1, cur = 0;
        int[] radix = plan.radices();
        for (int s = 0; s < radix.length; s++) {
            int p = radix[s], ido = n / (l1 * p);
            float[] ir = re[cur], ii = im[cur], or = re[1 - cur], oi = im[1 - cur], tw = plan.floatTwiddles(s);
            switch (p) {
                case 4 -> pass4(ido, l1, ir, ii, or, oi, tw, sign);
                case 2 -> pass2(ido, l1, ir, ii, or, oi, tw, sign);
                case 3 -> pass3(ido, l1, ir, ii, or, oi, tw, sign);
                default -> pass5(ido, l1, ir, ii, or, oi, tw, sign);
            }
            cur = 1 - cur;
            l1 *= p;
        }
        return cur;
    }

    // The twiddle products are written out in each pass: a helper taking vectors as arguments, if the JIT
    // declines to inline it into these large methods, boxes every vector and is many times slower.

    private static void pass2(int ido, int l1, float[] ir, float[] ii, float[] or, float[] oi, float[] tw, float sign) {
        int L = LANES, os = ido * l1 * L;
        for (int k = 0; k < l1; k++) {
            for (int i = 0; i < ido; i++) {
                int a0 = (i + ido * 2 * k) * L, a1 = a0 + ido * L, o = (i + ido * k) * L;
                FloatVector r0 = FloatVector.fromArray(S, ir, a0), i0 = FloatVector.fromArray(S, ii, a0), r1 = FloatVector.fromArray(S, ir, a1), i1 = FloatVector.fromArray(S, ii, a1);
                r0.add(r1).intoArray(or, o);
                i0.add(i1).intoArray(oi, o);
                {
                    FloatVector xr = r0.sub(r1), xi = i0.sub(i1);
                    float wr = tw[2 * i], wi = -sign * tw[2 * i + 1];
                    xr.mul(wr).sub(xi.mul(wi)).intoArray(or, o + os);
                    xr.mul(wi).add(xi.mul(wr)).intoArray(oi, o + os);
                }
            }
        }
    }

    private static void pass3(int ido, int l1, float[] ir, float[] ii, float[] or, float[] oi, float[] tw, float sign) {
        int L = LANES, os = ido * l1 * L, t2 = 2 * ido;
        float h = -sign * SIN60;
        for (int k = 0; k < l1; k++) {
            for (int i = 0; i < ido; i++) {
                int a0 = (i + ido * 3 * k) * L, a1 = a0 + ido * L, a2 = a1 + ido * L, o = (i + ido * k) * L;
                FloatVector r0 = FloatVector.fromArray(S, ir, a0), i0 = FloatVector.fromArray(S, ii, a0), r1 = FloatVector.fromArray(S, ir, a1), i1 = FloatVector.fromArray(S, ii, a1), r2 = FloatVector.fromArray(S, ir, a2), i2 = FloatVector.fromArray(S, ii, a2);
                FloatVector sr = r1.add(r2), si = i1.add(i2);
                FloatVector mr = r0.sub(sr.mul(0.5f)), mi = i0.sub(si.mul(0.5f));
                FloatVector dr = r1.sub(r2).mul(h), di = i1.sub(i2).mul(h);
                r0.add(sr).intoArray(or, o);
                i0.add(si).intoArray(oi, o);
                {
                    FloatVector xr = mr.sub(di), xi = mi.add(dr);
                    float wr = tw[2 * i], wi = -sign * tw[2 * i + 1];
                    xr.mul(wr).sub(xi.mul(wi)).intoArray(or, o + os);
                    xr.mul(wi).add(xi.mul(wr)).intoArray(oi, o + os);
                }
                {
                    FloatVector xr = mr.add(di), xi = mi.sub(dr);
                    float wr = tw[t2 + 2 * i], wi = -sign * tw[t2 + 2 * i + 1];
                    xr.mul(wr).sub(xi.mul(wi)).intoArray(or, o + 2 * os);
                    xr.mul(wi).add(xi.mul(wr)).intoArray(oi, o + 2 * os);
                }
            }
        }
    }

    private static void pass4(int ido, int l1, float[] ir, float[] ii, float[] or, float[] oi, float[] tw, float sign) {
        int L = LANES, os = ido * l1 * L, t2 = 2 * ido;
        for (int k = 0; k < l1; k++) {
            for (int i = 0; i < ido; i++) {
                int a0 = (i + ido * 4 * k) * L, a1 = a0 + ido * L, a2 = a1 + ido * L, a3 = a2 + ido * L;
                int o = (i + ido * k) * L;
                FloatVector r0 = FloatVector.fromArray(S, ir, a0), i0 = FloatVector.fromArray(S, ii, a0), r1 = FloatVector.fromArray(S, ir, a1), i1 = FloatVector.fromArray(S, ii, a1);
                FloatVector r2 = FloatVector.fromArray(S, ir, a2), i2 = FloatVector.fromArray(S, ii, a2), r3 = FloatVector.fromArray(S, ir, a3), i3 = FloatVector.fromArray(S, ii, a3);
                FloatVector ar = r0.add(r2), ai = i0.add(i2), br = r0.sub(r2), bi = i0.sub(i2);
                FloatVector cr = r1.add(r3), ci = i1.add(i3), dr = r1.sub(r3).mul(sign), di = i1.sub(i3).mul(sign);
                ar.add(cr).intoArray(or, o);
                ai.add(ci).intoArray(oi, o);
                if (ido == 1) {
                    br.add(di).intoArray(or, o + os);
                    bi.sub(dr).intoArray(oi, o + os);
                    ar.sub(cr).intoArray(or, o + 2 * os);
                    ai.sub(ci).intoArray(oi, o + 2 * os);
                    br.sub(di).intoArray(or, o + 3 * os);
                    bi.add(dr).intoArray(oi, o + 3 * os);
                } else {
                    {
                    FloatVector xr = br.add(di), xi = bi.sub(dr);
                    float wr = tw[2 * i], wi = -sign * tw[2 * i + 1];
                    xr.mul(wr).sub(xi.mul(wi)).intoArray(or, o + os);
                    xr.mul(wi).add(xi.mul(wr)).intoArray(oi, o + os);
                }
                    {
                    FloatVector xr = ar.sub(cr), xi = ai.sub(ci);
                    float wr = tw[t2 + 2 * i], wi = -sign * tw[t2 + 2 * i + 1];
                    xr.mul(wr).sub(xi.mul(wi)).intoArray(or, o + 2 * os);
                    xr.mul(wi).add(xi.mul(wr)).intoArray(oi, o + 2 * os);
                }
                    {
                    FloatVector xr = br.sub(di), xi = bi.add(dr);
                    float wr = tw[2 * t2 + 2 * i], wi = -sign * tw[2 * t2 + 2 * i + 1];
                    xr.mul(wr).sub(xi.mul(wi)).intoArray(or, o + 3 * os);
                    xr.mul(wi).add(xi.mul(wr)).intoArray(oi, o + 3 * os);
                }
                }
            }
        }
    }

    private static void pass5(int ido, int l1, float[] ir, float[] ii, float[] or, float[] oi, float[] tw, float sign) {
        int L = LANES, os = ido * l1 * L, t2 = 2 * ido;
        for (int k = 0; k < l1; k++) {
            for (int i = 0; i < ido; i++) {
                int a0 = (i + ido * 5 * k) * L, st = ido * L, o = (i + ido * k) * L;
                FloatVector r0 = FloatVector.fromArray(S, ir, a0), i0 = FloatVector.fromArray(S, ii, a0);
                FloatVector r1 = FloatVector.fromArray(S, ir, a0 + st), i1 = FloatVector.fromArray(S, ii, a0 + st), r4 = FloatVector.fromArray(S, ir, a0 + 4 * st), i4 = FloatVector.fromArray(S, ii, a0 + 4 * st);
                FloatVector r2 = FloatVector.fromArray(S, ir, a0 + 2 * st), i2 = FloatVector.fromArray(S, ii, a0 + 2 * st), r3 = FloatVector.fromArray(S, ir, a0 + 3 * st), i3 = FloatVector.fromArray(S, ii, a0 + 3 * st);
                FloatVector s1r = r1.add(r4), s1i = i1.add(i4), d1r = r1.sub(r4), d1i = i1.sub(i4);
                FloatVector s2r = r2.add(r3), s2i = i2.add(i3), d2r = r2.sub(r3), d2i = i2.sub(i3);
                FloatVector ar = r0.add(s1r.mul(C1)).add(s2r.mul(C2)), ai = i0.add(s1i.mul(C1)).add(s2i.mul(C2));
                FloatVector cr = r0.add(s1r.mul(C2)).add(s2r.mul(C1)), ci = i0.add(s1i.mul(C2)).add(s2i.mul(C1));
                FloatVector er = d1r.mul(sign * S1).add(d2r.mul(sign * S2)), ei = d1i.mul(sign * S1).add(d2i.mul(sign * S2));
                FloatVector fr = d1r.mul(sign * S2).sub(d2r.mul(sign * S1)), fi = d1i.mul(sign * S2).sub(d2i.mul(sign * S1));
                r0.add(s1r).add(s2r).intoArray(or, o);
                i0.add(s1i).add(s2i).intoArray(oi, o);
                {
                    FloatVector xr = ar.add(ei), xi = ai.sub(er);
                    float wr = tw[2 * i], wi = -sign * tw[2 * i + 1];
                    xr.mul(wr).sub(xi.mul(wi)).intoArray(or, o + os);
                    xr.mul(wi).add(xi.mul(wr)).intoArray(oi, o + os);
                }
                {
                    FloatVector xr = cr.add(fi), xi = ci.sub(fr);
                    float wr = tw[t2 + 2 * i], wi = -sign * tw[t2 + 2 * i + 1];
                    xr.mul(wr).sub(xi.mul(wi)).intoArray(or, o + 2 * os);
                    xr.mul(wi).add(xi.mul(wr)).intoArray(oi, o + 2 * os);
                }
                {
                    FloatVector xr = cr.sub(fi), xi = ci.add(fr);
                    float wr = tw[2 * t2 + 2 * i], wi = -sign * tw[2 * t2 + 2 * i + 1];
                    xr.mul(wr).sub(xi.mul(wi)).intoArray(or, o + 3 * os);
                    xr.mul(wi).add(xi.mul(wr)).intoArray(oi, o + 3 * os);
                }
                {
                    FloatVector xr = ar.sub(ei), xi = ai.add(er);
                    float wr = tw[3 * t2 + 2 * i], wi = -sign * tw[3 * t2 + 2 * i + 1];
                    xr.mul(wr).sub(xi.mul(wi)).intoArray(or, o + 4 * os);
                    xr.mul(wi).add(xi.mul(wr)).intoArray(oi, o + 4 * os);
                }
            }
        }
    }

    /**
     * {@link RealTransform#split} on the lanes: the buffer pair {@code from} holds Z (m = n/2 elements per lane),
     * the other pair receives the n/2 + 1 coefficients of each lane's real DFT (its buffers hold (m + 1) LANES);
     * returns the other pair's index.
     */
    static int split(RealTransform real, float[][] re, float[][] im, int from) {
        int L = LANES, h = real.length() / 2, to = 1 - from;
        float[] zr = re[from], zi = im[from], xr = re[to], xi = im[to], tw = real.floatTwiddles();
        FloatVector z0r = FloatVector.fromArray(S, zr, 0), z0i = FloatVector.fromArray(S, zi, 0);
        FloatVector zero = FloatVector.zero(S);
        z0r.add(z0i).intoArray(xr, 0);
        zero.intoArray(xi, 0);
        z0r.sub(z0i).intoArray(xr, h * L);
        zero.intoArray(xi, h * L);
        for (int k = 1, q = h - 1; k <= q; k++, q--) {
            FloatVector ar = FloatVector.fromArray(S, zr, k * L), ai = FloatVector.fromArray(S, zi, k * L);
            FloatVector br = FloatVector.fromArray(S, zr, q * L), bi = FloatVector.fromArray(S, zi, q * L);
            FloatVector er = ar.add(br).mul(0.5f), ei = ai.sub(bi).mul(0.5f);
            FloatVector or = ai.add(bi).mul(0.5f), oi = br.sub(ar).mul(0.5f);
            float wr = tw[2 * k], wi = -tw[2 * k + 1], vr = tw[2 * q], vi = -tw[2 * q + 1];
            er.add(or.mul(wr)).sub(oi.mul(wi)).intoArray(xr, k * L);
            ei.add(or.mul(wi)).add(oi.mul(wr)).intoArray(xi, k * L);
            er.add(or.mul(vr)).add(oi.mul(vi)).intoArray(xr, q * L);
            or.mul(vi).sub(ei).sub(oi.mul(vr)).intoArray(xi, q * L);
        }
        return to;
    }
}
