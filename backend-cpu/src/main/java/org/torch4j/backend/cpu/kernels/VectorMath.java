package org.torch4j.backend.cpu.kernels;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Float exp, log, the functions built on them, sin, cos, erf and GELU, computed with exact IEEE operations only (FMA,
 * multiply, add, compare, blend, integer bit operations), so that every lane gets the same bits
 * whether the code runs interpreted, under C1 or under C2.
 *
 * <p>Why not {@code lanewise(EXP)}: C2 compiles it to a vector math stub while the interpreter and
 * C1 compute {@code (float) Math.exp} per lane, and the two differ in the last bit in about 4% of
 * lanes. Results then depend on when the JIT got to a loop, and seeded runs do not repeat.
 *
 * <p>The polynomials are Cephes' single-precision ones (Moshier): within 1 ulp of the correctly
 * rounded value for exp and log, 2 ulp for the functions derived from them (see VectorMathTest).
 * Integer/float conversions use the 1.5 * 2^23 rounding constant rather than {@code convert}, which
 * C2 did not inline in these methods.
 *
 * <p>Shaped for C2's inliner, because a vector method that is not inlined boxes its vectors and runs
 * several times slower: every method stays under 325 bytes of bytecode (the limit for hot callees);
 * constants are static vectors, not broadcasts; and each function calls the others first, before its
 * own operations, since C2 stops inlining our (not force-inlined) methods once the compilation has
 * about 18,000 IR nodes, and every Vector API operation adds hundreds before they fold.
 */
final class VectorMath {
    private VectorMath() {}

    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    /** Ints in the same lanes as S's floats. */
    private static final VectorSpecies<Integer> I = S.withLanes(int.class);

    /** 1.5 * 2^23: adding it rounds a float of magnitude below 2^22 to an integer held in the low mantissa bits. */
    private static final float ROUNDER = 12582912f;
    private static final int ROUNDER_BITS = Float.floatToRawIntBits(ROUNDER);
    private static final float LOG2E = 1.44269504088896341f;
    /** ln 2 split into a part exact in a few bits and the rest (Cephes' C1, C2). */
    private static final float LN2_HI = 0.693359375f;
    private static final float LN2_LO = -2.12194440e-4f;
    private static final float SQRT2 = 1.41421356237309505f;

    // Polynomial coefficients and other constants as vectors: a broadcast inside the functions costs C2
    // many IR nodes before it folds, and these functions must stay under its inlining node budget.
    private static final FloatVector EXP_P2 = FloatVector.broadcast(S, 8.3334519073E-3f);
    private static final FloatVector EXP_P3 = FloatVector.broadcast(S, 4.1665795894E-2f);
    private static final FloatVector EXP_P4 = FloatVector.broadcast(S, 1.6666665459E-1f);
    private static final FloatVector EXP_P5 = FloatVector.broadcast(S, 5.0000001201E-1f);
    private static final FloatVector LOG_P2 = FloatVector.broadcast(S, 1.1676998740E-1f);
    private static final FloatVector LOG_P3 = FloatVector.broadcast(S, -1.2420140846E-1f);
    private static final FloatVector LOG_P4 = FloatVector.broadcast(S, 1.4249322787E-1f);
    private static final FloatVector LOG_P5 = FloatVector.broadcast(S, -1.6668057665E-1f);
    private static final FloatVector LOG_P6 = FloatVector.broadcast(S, 2.0000714765E-1f);
    private static final FloatVector LOG_P7 = FloatVector.broadcast(S, -2.4999993993E-1f);
    private static final FloatVector LOG_P8 = FloatVector.broadcast(S, 3.3333331174E-1f);
    private static final FloatVector INV_720 = FloatVector.broadcast(S, 1f / 720f);
    private static final FloatVector INV_120 = FloatVector.broadcast(S, 1f / 120f);
    private static final FloatVector INV_24 = FloatVector.broadcast(S, 1f / 24f);
    private static final FloatVector INV_6 = FloatVector.broadcast(S, 1f / 6f);
    private static final FloatVector HALF = FloatVector.broadcast(S, 0.5f);
    private static final FloatVector TANH_P2 = FloatVector.broadcast(S, -5.37397155531E-2f);
    private static final FloatVector TANH_P3 = FloatVector.broadcast(S, 1.33314422036E-1f);
    private static final FloatVector TANH_P4 = FloatVector.broadcast(S, -3.33332819422E-1f);
    private static final FloatVector MINUS_LN2_LO = FloatVector.broadcast(S, -LN2_LO);
    private static final FloatVector LN2_LO_V = FloatVector.broadcast(S, LN2_LO);
    private static final FloatVector MINUS_HALF = FloatVector.broadcast(S, -0.5f);
    private static final FloatVector LN2_HI_V = FloatVector.broadcast(S, LN2_HI);
    private static final FloatVector SIN_P2 = FloatVector.broadcast(S, -1.6666654611E-1f);
    private static final FloatVector COS_P2 = FloatVector.broadcast(S, 4.166664568298827E-2f);
    private static final FloatVector MINUS_PIO4_1 = FloatVector.broadcast(S, -0.78515625f);
    private static final FloatVector MINUS_PIO4_2 = FloatVector.broadcast(S, -2.4187564849853515625e-4f);
    private static final FloatVector MINUS_PIO4_3 = FloatVector.broadcast(S, -3.77489497744594108e-8f);
    /** What pi/4 - the three parts above leaves (Cephes stops at three; a fourth keeps sin near k pi within 1-2 ulp). */
    private static final FloatVector MINUS_PIO4_4 = FloatVector.broadcast(S, 8.575622550029409e-16f);
    // erf's polynomials, lowest degree first, from tools/gen_erf_coefficients.py
    private static final FloatVector ERF_A0 = FloatVector.broadcast(S, 1.283791638e-01f);
    private static final FloatVector ERF_A1 = FloatVector.broadcast(S, -3.761262079e-01f);
    private static final FloatVector ERF_A2 = FloatVector.broadcast(S, 1.128355095e-01f);
    private static final FloatVector ERF_A3 = FloatVector.broadcast(S, -2.685286958e-02f);
    private static final FloatVector ERF_A4 = FloatVector.broadcast(S, 5.187146330e-03f);
    private static final FloatVector ERF_B0 = FloatVector.broadcast(S, 1.926042406e-04f);
    private static final FloatVector ERF_B1 = FloatVector.broadcast(S, -1.129599197e+00f);
    private static final FloatVector ERF_B2 = FloatVector.broadcast(S, -6.331800876e-01f);
    private static final FloatVector ERF_B3 = FloatVector.broadcast(S, -1.084601833e-01f);
    private static final FloatVector ERF_B4 = FloatVector.broadcast(S, 2.523386107e-02f);
    private static final FloatVector ERF_B5 = FloatVector.broadcast(S, -4.213834718e-03f);
    private static final FloatVector ONE = FloatVector.broadcast(S, 1f);
    private static final FloatVector TWO = FloatVector.broadcast(S, 2f);
    private static final FloatVector ZERO = FloatVector.zero(S);
    private static final FloatVector MINUS_ONE = FloatVector.broadcast(S, -1f);
    private static final FloatVector THREE = FloatVector.broadcast(S, 3f);
    private static final FloatVector SIX = FloatVector.broadcast(S, 6f);
    /** 2^23: from it on every float is whole, and below it adding and taking it away rounds to a whole number. */
    private static final FloatVector TWO_23 = FloatVector.broadcast(S, 8388608f);

    /** e^x, within 1 ulp; overflow to +inf, underflow through the subnormals to 0, NaN kept. */
    static FloatVector exp(FloatVector x) {
        // exp(89) overflows and exp(-104) rounds to 0; NaN passes through max/min
        FloatVector c = clamp(x, -104f, 89f);
        FloatVector t = c.fma(LOG2E, ROUNDER);
        FloatVector n = t.sub(ROUNDER);
        IntVector ni = t.reinterpretAsInts().sub(ROUNDER_BITS);
        FloatVector r = n.mul(-LN2_HI).add(c); // exact: n has at most 8 bits, LN2_HI 9
        r = n.fma(MINUS_LN2_LO, r);
        FloatVector p = r.fma(1.9875691500E-4f, 1.3981999507E-3f)
                .fma(r, EXP_P2)
                .fma(r, EXP_P3)
                .fma(r, EXP_P4)
                .fma(r, EXP_P5);
        p = p.mul(r.mul(r)).add(r).add(1f);
        // 2^n in two factors, so that n down to -150 (subnormal results) and up to 128 stay representable
        // (each factor 2^k for -126 <= k <= 127 from the exponent bits)
        IntVector n1 = ni.lanewise(VectorOperators.ASHR, 1);
        IntVector n2 = ni.sub(n1);
        FloatVector scale1 = n1.add(127).lanewise(VectorOperators.LSHL, 23).reinterpretAsFloats();
        FloatVector scale2 = n2.add(127).lanewise(VectorOperators.LSHL, 23).reinterpretAsFloats();
        return p.mul(scale1).mul(scale2);
    }

    /**
     * x limited to [lo, hi], NaN kept, by compares and blends: C2 compiles Java's max and min (NaN first, -0 below 0)
     * to several instructions each, which made exp 30% slower.
     */
    private static FloatVector clamp(FloatVector x, float lo, float hi) {
        return x.blend(lo, x.compare(VectorOperators.LT, lo)).blend(hi, x.compare(VectorOperators.GT, hi));
    }

    /**
     * The natural logarithm, within 1 ulp; -inf at 0, NaN below 0, subnormals exact in their exponent.
     * In two methods: C2 inlines a hot callee only below 325 bytes of bytecode, and a vector method that
     * is not inlined boxes its vectors.
     */
    static FloatVector log(FloatVector x) {
        VectorMask<Float> subnormal = x.compare(VectorOperators.LT, Float.MIN_NORMAL);
        IntVector bits = x.blend(x.mul(8388608f), subnormal).reinterpretAsInts(); // 2^23
        // the biased exponent as a float: the integer placed in ROUNDER's mantissa, then ROUNDER and the bias taken off
        FloatVector e = bits.lanewise(VectorOperators.LSHR, 23).add(ROUNDER_BITS).reinterpretAsFloats().sub(ROUNDER + 127f);
        e = e.blend(e.sub(23f), subnormal);
        FloatVector m = bits.and(0x007FFFFF).or(0x3F800000).reinterpretAsFloats(); // [1, 2)
        FloatVector log = logOfReduced(m, e);
        // the values at 0, +inf, below 0 and NaN (NaN compares false with itself)
        return log.blend(Float.NEGATIVE_INFINITY, x.compare(VectorOperators.EQ, 0f))
                .blend(Float.POSITIVE_INFINITY, x.compare(VectorOperators.EQ, Float.POSITIVE_INFINITY))
                .blend(Float.NaN, x.compare(VectorOperators.LT, 0f).or(x.compare(VectorOperators.NE, x)));
    }

    /** log(m 2^e) for m in [1, 2): m moved into [sqrt(1/2), sqrt(2)) around 1, then Cephes' polynomial in m - 1. */
    private static FloatVector logOfReduced(FloatVector m, FloatVector e) {
        VectorMask<Float> high = m.compare(VectorOperators.GE, SQRT2);
        FloatVector f = m.blend(m.mul(0.5f), high).sub(1f);
        e = e.blend(e.add(1f), high);
        FloatVector z = f.mul(f);
        FloatVector y = f.fma(7.0376836292E-2f, -1.1514610310E-1f)
                .fma(f, LOG_P2)
                .fma(f, LOG_P3)
                .fma(f, LOG_P4)
                .fma(f, LOG_P5)
                .fma(f, LOG_P6)
                .fma(f, LOG_P7)
                .fma(f, LOG_P8)
                .mul(f).mul(z);
        y = e.fma(LN2_LO_V, y);
        y = z.fma(MINUS_HALF, y);
        return e.fma(LN2_HI_V, f.add(y));
    }

    /** e^x - 1, accurate near 0: a Taylor polynomial for |x| < 1/2, exp(x) - 1 elsewhere. */
    static FloatVector expm1(FloatVector x) {
        FloatVector large = exp(x).sub(1f);
        FloatVector small = x.fma(1f / 40320f, 1f / 5040f)
                .fma(x, INV_720)
                .fma(x, INV_120)
                .fma(x, INV_24)
                .fma(x, INV_6)
                .fma(x, HALF)
                .mul(x.mul(x)).add(x)
                .blend(x, x.compare(VectorOperators.EQ, 0f)); // keeps -0
        return large.blend(small, x.abs().compare(VectorOperators.LT, 0.5f));
    }

    /** log(1 + x), accurate near 0: log(u) * x / (u - 1) with u = 1 + x corrects u's rounding. */
    static FloatVector log1p(FloatVector x) {
        FloatVector u = x.add(1f);
        FloatVector um1 = u.sub(1f);
        FloatVector corrected = log(u).mul(x.div(um1));
        return corrected
                .blend(x, um1.compare(VectorOperators.EQ, 0f)) // 1 + x rounded to 1
                .blend(Float.POSITIVE_INFINITY, x.compare(VectorOperators.EQ, Float.POSITIVE_INFINITY))
                .blend(Float.NEGATIVE_INFINITY, x.compare(VectorOperators.EQ, -1f));
    }

    /** tanh: Cephes' odd polynomial below 0.625, 1 - 2 / (e^(2|x|) + 1) above; computed on |x|, then x's sign bit set (exact, keeps -0). */
    static FloatVector tanh(FloatVector x) {
        FloatVector ax = x.abs();
        FloatVector large = ONE.sub(TWO.div(exp(ax.add(ax)).add(ONE)));
        FloatVector z = ax.mul(ax);
        FloatVector small = z.fma(-5.70498872745E-3f, 2.06390887954E-2f)
                .fma(z, TANH_P2)
                .fma(z, TANH_P3)
                .fma(z, TANH_P4)
                .mul(z).fma(ax, ax);
        FloatVector magnitude = large.blend(small, ax.compare(VectorOperators.LT, 0.625f)); // NaN takes the large branch
        return magnitude.reinterpretAsInts().or(x.reinterpretAsInts().and(0x80000000)).reinterpretAsFloats();
    }

    /** 1 / (1 + e^-x). */
    static FloatVector sigmoid(FloatVector x) {
        return ONE.div(exp(x.neg()).add(ONE));
    }

    /** x / (1 + e^-x), PyTorch's form (NaN at -inf, as there). */
    static FloatVector silu(FloatVector x) {
        return x.div(exp(x.neg()).add(ONE));
    }

    /** GELU's tanh approximation: x/2 (1 + tanh(sqrt(2/pi) (x + 0.044715 x^3))). */
    static FloatVector geluTanh(FloatVector x) {
        FloatVector inner = x.mul(x).mul(x).mul(0.044715f).add(x).mul(0.7978845608028654f);
        return x.mul(0.5f).mul(tanh(inner).add(1f));
    }

    /** The largest |x| for which sin and cos below are accurate (Cephes' reduction); callers take larger ones to Math. */
    static final float SIN_COS_LIMIT = 8192f;

    /*
     * sin and cos are two loops over a block of the caller's (FloatVec), each with its arithmetic written out in the
     * loop: the reduction writes q and r = rh + rl to scratch arrays, the polynomials read them back. One method
     * holding both halves passes C2's inlining node limit, and a vector helper shared by the two loops gets compiled
     * on its own first and is then too big to inline: either way the vectors are boxed (3-7x slower).
     */

    /**
     * The first half of sin and cos for |x| <= SIN_COS_LIMIT (and NaN), over {@code len} elements of {@code a} from
     * {@code ao} (whole vectors): the quarter turn q = round(|x| / (pi/2)) into {@code q}, and r = |x| - q pi/2 as a
     * float pair into {@code rh} and {@code rl}. pi/4 is taken off in four parts: the first product and difference
     * exact, the next two differences' rounding carried by TwoSum and the third product's by FMA into rl, so r keeps
     * its digits (also near a multiple of pi/2). Returns whether any |x| is beyond SIN_COS_LIMIT.
     */
    static boolean reduceQuarterTurns(int len, float[] a, int ao, float[] rh, float[] rl, int[] q) {
        boolean beyond = false;
        for (int i = 0; i < len; i += S.length()) {
            FloatVector ax = FloatVector.fromArray(S, a, ao + i).abs();
            beyond |= ax.compare(VectorOperators.GT, SIN_COS_LIMIT).anyTrue();
            IntVector quadrant = ax.fma(0.63661977236758134f, ROUNDER).reinterpretAsInts().sub(ROUNDER_BITS); // 2/pi
            quadrant.intoArray(q, i);
            FloatVector y = quadrant.add(ROUNDER_BITS).reinterpretAsFloats().sub(ROUNDER).mul(2f); // q in units of pi/4
            FloatVector r1 = y.fma(MINUS_PIO4_1, ax);           // exact: y PIO4_1 has few bits, and ax is near it
            FloatVector p2 = y.mul(MINUS_PIO4_2);               // exact, as few bits
            FloatVector r2 = r1.add(p2);
            FloatVector v2 = r2.sub(r1);                        // TwoSum: e2 is exactly r1 + p2 - r2
            FloatVector e2 = r1.sub(r2.sub(v2)).add(p2.sub(v2));
            FloatVector p3 = y.mul(MINUS_PIO4_3);
            FloatVector r3 = r2.add(p3);
            FloatVector v3 = r3.sub(r2);
            FloatVector e3 = r2.sub(r3.sub(v3)).add(p3.sub(v3));
            FloatVector p3Error = y.fma(MINUS_PIO4_3, p3.neg());
            r3.intoArray(rh, i);
            y.fma(MINUS_PIO4_4, e3.add(e2).add(p3Error)).intoArray(rl, i);
        }
        return beyond;
    }

    /**
     * The second half: sin (or cos) of the {@code len} elements of {@code a} from {@code ao} whose reduction
     * {@link #reduceQuarterTurns} left in rh, rl and q, into {@code o} from {@code oo}. Cephes' sine polynomial in
     * r = rh + rl where q is even for sin (odd for cos), its cosine polynomial elsewhere, each with rl's first-order
     * term; the cosine carries the rounding of {@code 1 - rh^2 / 2} (and of rh^2) to its last addition. Within 0.8
     * ulp (1.6 with r one float; PyTorch's SLEEF kernels 0.9).
     */
    static void sinCosOfReduced(boolean sin, int len, float[] o, int oo, float[] a, int ao, float[] rh, float[] rl, int[] q) {
        int parity = sin ? 0 : 1;
        // sin is odd: x's sign flips it; cos is even
        IntVector xSign = IntVector.broadcast(I, sin ? 0x80000000 : 0);
        for (int i = 0; i < len; i += S.length()) {
            IntVector quadrant = IntVector.fromArray(I, q, i);
            FloatVector r = FloatVector.fromArray(S, rh, i), rLow = FloatVector.fromArray(S, rl, i);
            FloatVector z = r.mul(r);
            FloatVector sineTail = z.fma(-1.9515295891E-4f, 8.3321608736E-3f).fma(z, SIN_P2).mul(z);
            FloatVector sine = sineTail.fma(r, rLow.mul(z.fma(MINUS_HALF, ONE))).add(r);   // rl cos(rh)
            // cos = (1 - h) + (its rounding error - the low part of h) + (z^2 C(z) - rh rl), h = z / 2 taken exactly
            FloatVector h = z.mul(HALF);
            FloatVector w = ONE.sub(h);
            FloatVector hError = ONE.sub(w).sub(h).sub(r.fma(r, z.neg()).mul(HALF));
            FloatVector cosineTail = z.fma(2.443315711809948E-5f, -1.388731625493765E-3f).fma(z, COS_P2).mul(z).mul(z);
            FloatVector cosine = w.add(hError.add(r.neg().fma(rLow, cosineTail)));
            IntVector bits = cosine.reinterpretAsInts().blend(sine.reinterpretAsInts(), quadrant.and(1).compare(VectorOperators.EQ, parity));
            // negative in quadrants 2 and 3 (mod 4) for sin, 1 and 2 for cos
            IntVector sign = quadrant.add(parity).lanewise(VectorOperators.LSHL, 30)
                    .lanewise(VectorOperators.XOR, FloatVector.fromArray(S, a, ao + i).reinterpretAsInts().and(xSign)).and(0x80000000);
            bits.lanewise(VectorOperators.XOR, sign).reinterpretAsFloats().intoArray(o, oo + i);
        }
    }

    /**
     * erf, within 2 ulp: x + x A(x^2) below 1, 1 - exp(B(|x|)) with x's sign from 1 to 3.95 (B fits
     * log erfc), +-1 beyond, where erf rounds to 1. Polynomials fitted by tools/gen_erf_coefficients.py.
     */
    static FloatVector erf(FloatVector x) {
        FloatVector ax = x.abs();
        FloatVector t = clamp(ax, 1f, 3.95f);
        FloatVector erfc = exp(t.fma(-2.183842240e-05f, 4.431655764e-04f)
                .fma(t, ERF_B5).fma(t, ERF_B4).fma(t, ERF_B3).fma(t, ERF_B2).fma(t, ERF_B1).fma(t, ERF_B0));
        FloatVector large = ONE.sub(erfc).blend(ONE, ax.compare(VectorOperators.GT, 3.95f));
        FloatVector signed = large.reinterpretAsInts().or(x.reinterpretAsInts().and(0x80000000)).reinterpretAsFloats();
        FloatVector z = x.mul(x);
        FloatVector small = z.fma(7.843558673e-05f, -8.003823913e-04f)
                .fma(z, ERF_A4).fma(z, ERF_A3).fma(z, ERF_A2).fma(z, ERF_A1).fma(z, ERF_A0).fma(x, x);
        return signed.blend(small, ax.compare(VectorOperators.LT, 1f));
    }

    /** GELU, x/2 (1 + erf(x / sqrt 2)), as PyTorch computes it. */
    static FloatVector gelu(FloatVector x) {
        FloatVector cdf = erf(x.mul(0.70710678118654752f)).add(1f);
        return x.mul(0.5f).mul(cdf);
    }

    /** The standard normal CDF Phi(x), (1 + erf(x / sqrt 2)) / 2. */
    static FloatVector normalCdf(FloatVector x) {
        return erf(x.mul(0.70710678118654752f)).add(1f).mul(0.5f);
    }

    /**
     * GELU's derivative, Phi(x) + x phi(x), from Phi(x) computed before. One method that inlines both
     * erf's exp and phi's exp exceeds C2's inlining budget, and the vector operations left out run on
     * boxed vectors (GELU's backward took 5.7 ns an element instead of about 1), so FloatVec computes Phi
     * in a method of its own.
     */
    static FloatVector geluDerivative(FloatVector x, FloatVector cdf) {
        FloatVector pdf = exp(x.mul(x).mul(-0.5f)).mul(0.3989422804014327f); // 1 / sqrt(2 pi)
        return x.fma(pdf, cdf);
    }

    /** x * scale where x > 0, else expm1(x * inputScale) * (alpha * scale) (PyTorch's ELU kernel, also SELU's and CELU's). */
    static FloatVector elu(FloatVector x, FloatVector negativeScale, FloatVector scale, FloatVector inputScale) {
        FloatVector negative = expm1(x.mul(inputScale)).mul(negativeScale);
        return x.mul(scale).blend(negative, x.compare(VectorOperators.LE, 0f));
    }

    /** min(max(x + 3, 0), 6) / 6, PyTorch's order (NaN stays NaN). */
    static FloatVector hardsigmoid(FloatVector x) {
        return x.add(THREE).max(ZERO).min(SIX).div(SIX);
    }

    /** x min(max(x + 3, 0), 6) / 6, PyTorch's order. */
    static FloatVector hardswish(FloatVector x) {
        return x.mul(x.add(THREE).max(ZERO).min(SIX)).div(SIX);
    }

    /** 1 above 0, -1 below, 0 for zeros and NaN (PyTorch's CPU kernel). */
    static FloatVector sign(FloatVector x) {
        return ZERO.blend(ONE, x.compare(VectorOperators.GT, 0f)).blend(MINUS_ONE, x.compare(VectorOperators.LT, 0f));
    }

    /** The whole number nearest x, ties to even (Math.rint); NaN, infinities and |x| from 2^23 on are x itself. */
    static FloatVector rint(FloatVector x) {
        FloatVector ax = x.abs();
        return x.blend(withSignOf(ax.add(TWO_23).sub(TWO_23), x), ax.compare(VectorOperators.LT, TWO_23));
    }

    /** The largest whole number not above x (-0 stays -0). */
    static FloatVector floor(FloatVector x) {
        FloatVector r = rint(x);
        return withSignOf(r.sub(ONE, r.compare(VectorOperators.GT, x)), x);
    }

    /** The smallest whole number not below x (-0.5 gives -0, as Math.ceil). */
    static FloatVector ceil(FloatVector x) {
        FloatVector r = rint(x);
        return withSignOf(r.add(ONE, r.compare(VectorOperators.LT, x)), x);
    }

    /** x without its fraction, toward zero (keeps x's sign: -0.5 gives -0). */
    static FloatVector trunc(FloatVector x) {
        return withSignOf(floor(x.abs()), x);
    }

    /** magnitude's bits with sign's sign bit: exact, so -0 and NaN pass through. */
    private static FloatVector withSignOf(FloatVector magnitude, FloatVector sign) {
        return magnitude.reinterpretAsInts().and(0x7fffffff).or(sign.reinterpretAsInts().and(0x80000000)).reinterpretAsFloats();
    }
}
