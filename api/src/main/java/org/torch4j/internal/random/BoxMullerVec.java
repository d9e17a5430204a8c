package org.torch4j.internal.random;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@code normal_fill_16_AVX2} eight lanes at a time with the Vector API: the operations of {@link Avx2Math}'s
 * one lane, in the same order and roundings, so the normals are the same bits. Loaded only when
 * {@link BoxMuller} finds the Vector API usable.
 *
 * <p>Two passes, each its own method: the radius over every block's first half, then the angle. log and
 * sincos in one loop exceed what C2 inlines in one compilation ({@code NodeCountInliningCutoff}), and a vector
 * left to a call that is not inlined is boxed; constants are static vectors for the same reason.
 */
final class BoxMullerVec {
    private BoxMullerVec() {}

    /** PyTorch's block is two AVX2 registers: eight first uniforms, then eight second ones. */
    static final VectorSpecies<Float> S = FloatVector.SPECIES_256;

    private static final FloatVector ONE = FloatVector.broadcast(S, 1f);
    private static final IntVector ONE_BITS = IntVector.broadcast(IntVector.SPECIES_256, Float.floatToRawIntBits(1f));
    private static final FloatVector[] LOG_P = constants(7.0376836292E-2f, -1.1514610310E-1f, 1.1676998740E-1f,
            -1.2420140846E-1f, 1.4249322787E-1f, -1.6668057665E-1f, 2.0000714765E-1f, -2.4999993993E-1f, 3.3333331174E-1f);
    private static final FloatVector LOG_Q1 = FloatVector.broadcast(S, -2.12194440e-4f);
    private static final FloatVector HALF = FloatVector.broadcast(S, 0.5f);
    private static final FloatVector LOG_Q2 = FloatVector.broadcast(S, 0.693359375f);
    private static final FloatVector[] DP = constants(-0.78515625f, -2.4187564849853515625e-4f, -3.77489497744594108e-8f);
    private static final FloatVector[] COS_P = constants(2.443315711809948E-005f, -1.388731625493765E-003f, 4.166664568298827E-002f);
    private static final FloatVector[] SIN_P = constants(-1.9515295891E-4f, 8.3321608736E-3f, -1.6666654611E-1f);

    private static FloatVector[] constants(float... c) {
        FloatVector[] v = new FloatVector[c.length];
        for (int i = 0; i < c.length; i++) v[i] = FloatVector.broadcast(S, c[i]);
        return v;
    }

    /**
     * Blocks per call of the two passes, and the fewest a fill must have to take them: each pass is invoked
     * often, so that C2 compiles it as a whole method rather than waiting for on-stack replacement of a long loop.
     */
    static final int CHUNK = 64;

    /** Normals from the {@code blocks} blocks of 16 uniforms in [0, 1) at {@code d[at..]}, in place. */
    static void blocks(float[] d, int at, int blocks, float mean, float std) {
        for (int b = 0; b < blocks; b += CHUNK) {
            int n = Math.min(CHUNK, blocks - b);
            radii(d, at + 16 * b, n);
            angles(d, at + 16 * b, n, mean, std);
        }
    }

    /** Each block's first half u becomes sqrt(-2 log(1 - u)), log as log256_ps (1 - u is in (0, 1]). */
    private static void radii(float[] d, int at, int blocks) {
        for (int b = 0; b < blocks; b++, at += 16) {
            FloatVector x = ONE.sub(FloatVector.fromArray(S, d, at));
            IntVector bits = x.reinterpretAsInts();
            FloatVector e = ((FloatVector) bits.lanewise(VectorOperators.LSHR, 23).sub(0x7f).convert(VectorOperators.I2F, 0)).add(ONE);
            x = bits.and(~0x7f800000).or(0x3f000000).reinterpretAsFloats(); // mantissa in [0.5, 1)
            // below sqrt(1/2) (positive floats order as their bits) the mantissa is doubled and the exponent lowered
            IntVector low = x.reinterpretAsInts().sub(0x3f3504f3).lanewise(VectorOperators.ASHR, 31);
            e = e.sub(ONE_BITS.and(low).reinterpretAsFloats());
            x = x.sub(ONE).add(x.reinterpretAsInts().and(low).reinterpretAsFloats());
            FloatVector z = x.mul(x);
            FloatVector y = x.fma(LOG_P[0], LOG_P[1]);
            for (int k = 2; k < LOG_P.length; k++) y = y.fma(x, LOG_P[k]);
            y = y.mul(x);
            y = y.fma(z, e.mul(LOG_Q1));
            y = z.neg().fma(HALF, y);
            x = x.add(y);
            FloatVector log = e.fma(LOG_Q2, x);
            log.mul(-2f).sqrt().intoArray(d, at);
        }
    }

    /** Each block becomes radius cos(2 pi u) and radius sin(2 pi u) (sincos256_ps), times std plus mean. */
    private static void angles(float[] d, int at, int blocks, float mean, float std) {
        FloatVector sd = FloatVector.broadcast(S, std), mu = FloatVector.broadcast(S, mean);
        for (int b = 0; b < blocks; b++, at += 16) {
            FloatVector radius = FloatVector.fromArray(S, d, at);
            FloatVector x = FloatVector.fromArray(S, d, at + 8).mul(Avx2Math.TWO_PI); // >= 0
            IntVector j = (IntVector) x.mul(1.27323954473516f).convert(VectorOperators.F2I, 0);
            j = j.add(1).and(~1);
            FloatVector y = (FloatVector) j.convert(VectorOperators.I2F, 0);
            IntVector signSin = j.and(4).lanewise(VectorOperators.LSHL, 29);
            IntVector signCos = j.sub(2).not().and(4).lanewise(VectorOperators.LSHL, 29);
            IntVector pick = j.and(2).lanewise(VectorOperators.ASHR, 1).sub(1); // all ones in the first octant
            x = y.fma(DP[0], x);
            x = y.fma(DP[1], x);
            x = y.fma(DP[2], x);
            FloatVector z = x.mul(x);
            FloatVector c = z.fma(COS_P[0], COS_P[1]);
            c = c.fma(z, COS_P[2]);
            c = c.mul(z);
            c = c.fma(z, z.mul(HALF).neg());
            c = c.add(ONE);
            FloatVector s = z.fma(SIN_P[0], SIN_P[1]);
            s = s.fma(z, SIN_P[2]);
            s = s.mul(z);
            s = s.fma(x, x);
            IntVector si = s.reinterpretAsInts(), ci = c.reinterpretAsInts();
            FloatVector sin = si.and(pick).or(ci.and(pick.not())).lanewise(VectorOperators.XOR, signSin).reinterpretAsFloats();
            FloatVector cos = ci.and(pick).or(si.and(pick.not())).lanewise(VectorOperators.XOR, signCos).reinterpretAsFloats();
            radius.mul(cos).fma(sd, mu).intoArray(d, at);
            radius.mul(sin).fma(sd, mu).intoArray(d, at + 8);
        }
    }
}
