package org.torch4j.backend.cpu.kernels;

import java.util.Arrays;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * SIMD loops over contiguous float runs, for the ops that dominate training time. Loaded only when
 * the Vector API is available; each loop has a scalar tail with the same semantics.
 */
final class FloatVec {
    private FloatVec() {}

    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();

    // ---- unary ---------------------------------------------------------------------------------

    static void neg(int n, float[] o, int oo, float[] a, int ao, double[] p) {
        int i = 0;
        for (int b = S.loopBound(n); i < b; i += L) FloatVector.fromArray(S, a, ao + i).neg().intoArray(o, oo + i);
        for (; i < n; i++) o[oo + i] = -a[ao + i];
    }

    static void abs(int n, float[] o, int oo, float[] a, int ao, double[] p) {
        int i = 0;
        for (int b = S.loopBound(n); i < b; i += L) FloatVector.fromArray(S, a, ao + i).abs().intoArray(o, oo + i);
        for (; i < n; i++) o[oo + i] = Math.abs(a[ao + i]);
    }

    static void relu(int n, float[] o, int oo, float[] a, int ao, double[] p) {
        int i = 0;
        for (int b = S.loopBound(n); i < b; i += L) FloatVector.fromArray(S, a, ao + i).max(0f).intoArray(o, oo + i);
        for (; i < n; i++) o[oo + i] = Math.max(a[ao + i], 0f);
    }

    static void thresholdBackward(int n, float[] o, int oo, float[] g, int go, float[] y, int yo, float threshold) {
        int i = 0;
        for (int b = S.loopBound(n); i < b; i += L) {
            FloatVector v = FloatVector.fromArray(S, g, go + i);
            v.blend(0f, FloatVector.fromArray(S, y, yo + i).compare(VectorOperators.LE, threshold)).intoArray(o, oo + i);
        }
        for (; i < n; i++) o[oo + i] = y[yo + i] <= threshold ? 0f : g[go + i];
    }

    static void exp(int n, float[] o, int oo, float[] a, int ao, double[] p) {
        int i = 0;
        for (int b = S.loopBound(n); i < b; i += L) VectorMath.exp(FloatVector.fromArray(S, a, ao + i)).intoArray(o, oo + i);
        if (i < n) {
            VectorMask<Float> m = S.indexInRange(i, n);
            VectorMath.exp(FloatVector.fromArray(S, a, ao + i, m)).intoArray(o, oo + i, m);
        }
    }

    static void expm1(int n, float[] o, int oo, float[] a, int ao, double[] p) {
        int i = 0;
        for (int b = S.loopBound(n); i < b; i += L) VectorMath.expm1(FloatVector.fromArray(S, a, ao + i)).intoArray(o, oo + i);
        if (i < n) {
            VectorMask<Float> m = S.indexInRange(i, n);
            VectorMath.expm1(FloatVector.fromArray(S, a, ao + i, m)).intoArray(o, oo + i, m);
        }
    }

    static void log(int n, float[] o, int oo, float[] a, int ao, double[] p) {
        int i = 0;
        for (int b = S.loopBound(n); i < b; i += L) VectorMath.log(FloatVector.fromArray(S, a, ao + i)).intoArray(o, oo + i);
        if (i < n) {
            VectorMask<Float> m = S.indexInRange(i, n);
            VectorMath.log(FloatVector.fromArray(S, a, ao + i, m)).intoArray(o, oo + i, m);
        }
    }

    static void log1p(int n, float[] o, int oo, float[] a, int ao, double[] p) {
        int i = 0;
        for (int b = S.loopBound(n); i < b; i += L) VectorMath.log1p(FloatVector.fromArray(S, a, ao + i)).intoArray(o, oo + i);
        if (i < n) {
            VectorMask<Float> m = S.indexInRange(i, n);
            VectorMath.log1p(FloatVector.fromArray(S, a, ao + i, m)).intoArray(o, oo + i, m);
        }
    }

    static void sqrt(int n, float[] o, int oo, float[] a, int ao, double[] p) {
        int i = 0;
        for (int b = S.loopBound(n); i < b; i += L) FloatVector.fromArray(S, a, ao + i).sqrt().intoArray(o, oo + i);
        for (; i < n; i++) o[oo + i] = (float) Math.sqrt(a[ao + i]);
    }

    static void rsqrt(int n, float[] o, int oo, float[] a, int ao, double[] p) {
        int i = 0;
        for (int b = S.loopBound(n); i < b; i += L) {
            FloatVector v = FloatVector.fromArray(S, a, ao + i);
            FloatVector.broadcast(S, 1f).div(v.sqrt()).intoArray(o, oo + i);
        }
        for (; i < n; i++) o[oo + i] = 1f / (float) Math.sqrt(a[ao + i]);
    }

    static void reciprocal(int n, float[] o, int oo, float[] a, int ao, double[] p) {
        int i = 0;
        for (int b = S.loopBound(n); i < b; i += L) {
            FloatVector.broadcast(S, 1f).div(FloatVector.fromArray(S, a, ao + i)).intoArray(o, oo + i);
        }
        for (; i < n; i++) o[oo + i] = 1f / a[ao + i];
    }

    static void tanh(int n, float[] o, int oo, float[] a, int ao, double[] p) {
        int i = 0;
        for (int b = S.loopBound(n); i < b; i += L) VectorMath.tanh(FloatVector.fromArray(S, a, ao + i)).intoArray(o, oo + i);
        if (i < n) {
            VectorMask<Float> m = S.indexInRange(i, n);
            VectorMath.tanh(FloatVector.fromArray(S, a, ao + i, m)).intoArray(o, oo + i, m);
        }
    }

    static void sin(int n, float[] o, int oo, float[] a, int ao, double[] p) {
        sinCos(true, n, o, oo, a, ao);
    }

    static void cos(int n, float[] o, int oo, float[] a, int ao, double[] p) {
        sinCos(false, n, o, oo, a, ao);
    }

    /** Elements per block of sin and cos's two loops (VectorMath.reduceQuarterTurns): their scratch stays in L1. */
    private static final int SIN_COS_BLOCK = 512;

    /** Whole vectors in blocks through the two loops; the last partial vector through a padded copy of itself. */
    private static void sinCos(boolean sin, int n, float[] o, int oo, float[] a, int ao) {
        int whole = S.loopBound(n);
        int block = Math.min(SIN_COS_BLOCK, Math.max(whole, L));
        float[] rh = new float[block], rl = new float[block];
        int[] q = new int[block];
        for (int start = 0; start < whole; start += block) {
            int len = Math.min(block, whole - start);
            boolean beyond = VectorMath.reduceQuarterTurns(len, a, ao + start, rh, rl, q);
            // (the block's inputs kept aside first: an in-place call overwrites them)
            float[] x = beyond ? Arrays.copyOfRange(a, ao + start, ao + start + len) : null;
            VectorMath.sinCosOfReduced(sin, len, o, oo + start, a, ao + start, rh, rl, q);
            if (beyond) sinCosByMath(sin, len, o, oo + start, x);
        }
        if (whole < n) {
            float[] part = new float[L], out = new float[L];
            System.arraycopy(a, ao + whole, part, 0, n - whole);
            sinCos(sin, L, out, 0, part, 0);
            System.arraycopy(out, 0, o, oo + whole, n - whole);
        }
    }

    /** The elements of x beyond VectorMath's sin/cos range (rare: |x| > 8192, infinities) again, through Math, into o. */
    private static void sinCosByMath(boolean sin, int len, float[] o, int oo, float[] x) {
        for (int j = 0; j < len; j++) {
            if (Math.abs(x[j]) > VectorMath.SIN_COS_LIMIT) o[oo + j] = (float) (sin ? Math.sin(x[j]) : Math.cos(x[j]));
        }
    }

    static void erf(int n, float[] o, int oo, float[] a, int ao, double[] p) {
        int i = 0;
        for (int b = S.loopBound(n); i < b; i += L) VectorMath.erf(FloatVector.fromArray(S, a, ao + i)).intoArray(o, oo + i);
        if (i < n) {
            VectorMask<Float> m = S.indexInRange(i, n);
            VectorMath.erf(FloatVector.fromArray(S, a, ao + i, m)).intoArray(o, oo + i, m);
        }
    }

    static void gelu(int n, float[] o, int oo, float[] a, int ao, double[] p) {
        int i = 0;
        for (int b = S.loopBound(n); i < b; i += L) VectorMath.gelu(FloatVector.fromArray(S, a, ao + i)).intoArray(o, oo + i);
        if (i < n) {
            VectorMask<Float> m = S.indexInRange(i, n);
            VectorMath.gelu(FloatVector.fromArray(S, a, ao + i, m)).intoArray(o, oo + i, m);
        }
    }

    /** o = g * GELU'(x). */
    static void geluBackward(int n, float[] o, int oo, float[] g, int go, float[] x, int xo) {
        // Phi(x) first, a block at a time (in L1), in loops of their own methods, which C2 compiles apart
        // (see VectorMath.geluDerivative(x, cdf)); into a buffer of its own, as o may be x's or g's array
        float[] cdf = new float[Math.min(n, GELU_BLOCK)];
        for (int s = 0; s < n; s += GELU_BLOCK) {
            int len = Math.min(GELU_BLOCK, n - s);
            normalCdf(len, cdf, x, xo + s);
            geluBackward(len, o, oo + s, g, go + s, x, xo + s, cdf);
        }
    }

    private static final int GELU_BLOCK = 1024;

    private static void normalCdf(int n, float[] o, float[] x, int xo) {
        for (int i = 0; i < n; i += L) {
            VectorMask<Float> m = S.indexInRange(i, n);
            VectorMath.normalCdf(FloatVector.fromArray(S, x, xo + i, m)).intoArray(o, i, m);
        }
    }

    private static void geluBackward(int n, float[] o, int oo, float[] g, int go, float[] x, int xo, float[] cdf) {
        for (int i = 0; i < n; i += L) {
            VectorMask<Float> m = S.indexInRange(i, n);
            FloatVector d = VectorMath.geluDerivative(FloatVector.fromArray(S, x, xo + i, m), FloatVector.fromArray(S, cdf, i, m));
            FloatVector.fromArray(S, g, go + i, m).mul(d).intoArray(o, oo + i, m);
        }
    }

    static void sigmoid(int n, float[] o, int oo, float[] a, int ao, double[] p) {
        int i = 0;
        for (int b = S.loopBound(n); i < b; i += L) VectorMath.sigmoid(FloatVector.fromArray(S, a, ao + i)).intoArray(o, oo + i);
        if (i < n) {
            VectorMask<Float> m = S.indexInRange(i, n);
            VectorMath.sigmoid(FloatVector.fromArray(S, a, ao + i, m)).intoArray(o, oo + i, m);
        }
    }

    static void silu(int n, float[] o, int oo, float[] a, int ao, double[] p) {
        int i = 0;
        for (int b = S.loopBound(n); i < b; i += L) VectorMath.silu(FloatVector.fromArray(S, a, ao + i)).intoArray(o, oo + i);
        if (i < n) {
            VectorMask<Float> m = S.indexInRange(i, n);
            VectorMath.silu(FloatVector.fromArray(S, a, ao + i, m)).intoArray(o, oo + i, m);
        }
    }

    static void geluTanh(int n, float[] o, int oo, float[] a, int ao, double[] p) {
        int i = 0;
        for (int b = S.loopBound(n); i < b; i += L) VectorMath.geluTanh(FloatVector.fromArray(S, a, ao + i)).intoArray(o, oo + i);
        if (i < n) {
            VectorMask<Float> m = S.indexInRange(i, n);
            VectorMath.geluTanh(FloatVector.fromArray(S, a, ao + i, m)).intoArray(o, oo + i, m);
        }
    }

    /** relu6(x + 3) / 6. */
    static void hardsigmoid(int n, float[] o, int oo, float[] a, int ao, double[] p) {
        int i = 0;
        for (int b = S.loopBound(n); i < b; i += L) VectorMath.hardsigmoid(FloatVector.fromArray(S, a, ao + i)).intoArray(o, oo + i);
        if (i < n) {
            VectorMask<Float> m = S.indexInRange(i, n);
            VectorMath.hardsigmoid(FloatVector.fromArray(S, a, ao + i, m)).intoArray(o, oo + i, m);
        }
    }

    /** x relu6(x + 3) / 6. */
    static void hardswish(int n, float[] o, int oo, float[] a, int ao, double[] p) {
        int i = 0;
        for (int b = S.loopBound(n); i < b; i += L) VectorMath.hardswish(FloatVector.fromArray(S, a, ao + i)).intoArray(o, oo + i);
        if (i < n) {
            VectorMask<Float> m = S.indexInRange(i, n);
            VectorMath.hardswish(FloatVector.fromArray(S, a, ao + i, m)).intoArray(o, oo + i, m);
        }
    }

    /** -1, 0 or 1. */
    static void sign(int n, float[] o, int oo, float[] a, int ao, double[] p) {
        int i = 0;
        for (int b = S.loopBound(n); i < b; i += L) VectorMath.sign(FloatVector.fromArray(S, a, ao + i)).intoArray(o, oo + i);
        if (i < n) {
            VectorMask<Float> m = S.indexInRange(i, n);
            VectorMath.sign(FloatVector.fromArray(S, a, ao + i, m)).intoArray(o, oo + i, m);
        }
    }

    /** Rounded to whole numbers, ties to even. */
    static void rint(int n, float[] o, int oo, float[] a, int ao, double[] p) {
        int i = 0;
        for (int b = S.loopBound(n); i < b; i += L) VectorMath.rint(FloatVector.fromArray(S, a, ao + i)).intoArray(o, oo + i);
        if (i < n) {
            VectorMask<Float> m = S.indexInRange(i, n);
            VectorMath.rint(FloatVector.fromArray(S, a, ao + i, m)).intoArray(o, oo + i, m);
        }
    }

    /** Rounded down. */
    static void floor(int n, float[] o, int oo, float[] a, int ao, double[] p) {
        int i = 0;
        for (int b = S.loopBound(n); i < b; i += L) VectorMath.floor(FloatVector.fromArray(S, a, ao + i)).intoArray(o, oo + i);
        if (i < n) {
            VectorMask<Float> m = S.indexInRange(i, n);
            VectorMath.floor(FloatVector.fromArray(S, a, ao + i, m)).intoArray(o, oo + i, m);
        }
    }

    /** Rounded up. */
    static void ceil(int n, float[] o, int oo, float[] a, int ao, double[] p) {
        int i = 0;
        for (int b = S.loopBound(n); i < b; i += L) VectorMath.ceil(FloatVector.fromArray(S, a, ao + i)).intoArray(o, oo + i);
        if (i < n) {
            VectorMask<Float> m = S.indexInRange(i, n);
            VectorMath.ceil(FloatVector.fromArray(S, a, ao + i, m)).intoArray(o, oo + i, m);
        }
    }

    /** Rounded toward zero. */
    static void trunc(int n, float[] o, int oo, float[] a, int ao, double[] p) {
        int i = 0;
        for (int b = S.loopBound(n); i < b; i += L) VectorMath.trunc(FloatVector.fromArray(S, a, ao + i)).intoArray(o, oo + i);
        if (i < n) {
            VectorMask<Float> m = S.indexInRange(i, n);
            VectorMath.trunc(FloatVector.fromArray(S, a, ao + i, m)).intoArray(o, oo + i, m);
        }
    }

    /** x - trunc(x), with x's sign (NaN for infinities). */
    static void frac(int n, float[] o, int oo, float[] a, int ao, double[] p) {
        int i = 0;
        for (int b = S.loopBound(n); i < b; i += L) {
            FloatVector x = FloatVector.fromArray(S, a, ao + i);
            x.sub(VectorMath.trunc(x)).intoArray(o, oo + i);
        }
        if (i < n) {
            VectorMask<Float> m = S.indexInRange(i, n);
            FloatVector x = FloatVector.fromArray(S, a, ao + i, m);
            x.sub(VectorMath.trunc(x)).intoArray(o, oo + i, m);
        }
    }

    // softplus, log-sigmoid and mish need exp and log: in one loop C2's inlining budget ran out inside log, whose
    // rest then ran on boxed vectors (5 ns an element). As geluBackward: a block at a time, e^t into a buffer in
    // one loop, then the rest in another, in methods of their own that C2 compiles apart.

    /** log(1 + e^(beta x)) / beta, and x itself where beta x > threshold (PyTorch's kernel, in float); p = {beta, threshold}. */
    static void softplus(int n, float[] o, int oo, float[] a, int ao, double[] p) {
        float beta = (float) p[0], threshold = (float) p[1];
        float[] e = new float[Math.min(n, EXP_BLOCK)];
        for (int s = 0; s < n; s += EXP_BLOCK) {
            int len = Math.min(EXP_BLOCK, n - s);
            expOfScaled(len, e, a, ao + s, beta);
            softplusOfExp(len, o, oo + s, a, ao + s, e, beta, threshold);
        }
    }

    /** log(sigmoid(x)) as PyTorch's kernel: min(x, 0) - log(1 + e^-|x|). */
    static void logSigmoid(int n, float[] o, int oo, float[] a, int ao, double[] p) {
        float[] e = new float[Math.min(n, EXP_BLOCK)];
        for (int s = 0; s < n; s += EXP_BLOCK) {
            int len = Math.min(EXP_BLOCK, n - s);
            expOfMinusAbs(len, e, a, ao + s);
            logSigmoidOfExp(len, o, oo + s, a, ao + s, e);
        }
    }

    /** x tanh(log(1 + e^x)) as PyTorch's kernel (no threshold: e^x overflows to a tanh of 1). */
    static void mish(int n, float[] o, int oo, float[] a, int ao, double[] p) {
        float[] e = new float[Math.min(n, EXP_BLOCK)];
        for (int s = 0; s < n; s += EXP_BLOCK) {
            int len = Math.min(EXP_BLOCK, n - s);
            expOfScaled(len, e, a, ao + s, 1f);
            log1pInPlace(len, e);
            timesTanh(len, o, oo + s, a, ao + s, e);
        }
    }

    private static final int EXP_BLOCK = 1024;

    /** e[i] = exp(scale x[i]). */
    private static void expOfScaled(int n, float[] e, float[] x, int xo, float scale) {
        FloatVector k = FloatVector.broadcast(S, scale);
        for (int i = 0; i < n; i += L) {
            VectorMask<Float> m = S.indexInRange(i, n);
            VectorMath.exp(FloatVector.fromArray(S, x, xo + i, m).mul(k)).intoArray(e, i, m);
        }
    }

    /** e[i] = exp(-|x[i]|). */
    private static void expOfMinusAbs(int n, float[] e, float[] x, int xo) {
        for (int i = 0; i < n; i += L) {
            VectorMask<Float> m = S.indexInRange(i, n);
            VectorMath.exp(FloatVector.fromArray(S, x, xo + i, m).abs().neg()).intoArray(e, i, m);
        }
    }

    private static void log1pInPlace(int n, float[] e) {
        for (int i = 0; i < n; i += L) {
            VectorMask<Float> m = S.indexInRange(i, n);
            VectorMath.log1p(FloatVector.fromArray(S, e, i, m)).intoArray(e, i, m);
        }
    }

    /** o = log1p(e) / beta, x where beta x > threshold. */
    private static void softplusOfExp(int n, float[] o, int oo, float[] x, int xo, float[] e, float beta, float threshold) {
        FloatVector b = FloatVector.broadcast(S, beta), t = FloatVector.broadcast(S, threshold);
        for (int i = 0; i < n; i += L) {
            VectorMask<Float> m = S.indexInRange(i, n);
            FloatVector v = FloatVector.fromArray(S, x, xo + i, m);
            VectorMath.log1p(FloatVector.fromArray(S, e, i, m)).div(b)
                    .blend(v, v.mul(b).compare(VectorOperators.GT, t)).intoArray(o, oo + i, m);
        }
    }

    /** o = min(x, 0) - log1p(e). */
    private static void logSigmoidOfExp(int n, float[] o, int oo, float[] x, int xo, float[] e) {
        for (int i = 0; i < n; i += L) {
            VectorMask<Float> m = S.indexInRange(i, n);
            FloatVector tail = VectorMath.log1p(FloatVector.fromArray(S, e, i, m));
            FloatVector.fromArray(S, x, xo + i, m).min(0f).sub(tail).intoArray(o, oo + i, m);
        }
    }

    /** o = x tanh(y). */
    private static void timesTanh(int n, float[] o, int oo, float[] x, int xo, float[] y) {
        for (int i = 0; i < n; i += L) {
            VectorMask<Float> m = S.indexInRange(i, n);
            FloatVector t = VectorMath.tanh(FloatVector.fromArray(S, y, i, m));
            FloatVector.fromArray(S, x, xo + i, m).mul(t).intoArray(o, oo + i, m);
        }
    }

    /** ELU with p = {alpha, scale, inputScale} (SELU's and CELU's constants too). */
    static void elu(int n, float[] o, int oo, float[] a, int ao, double[] p) {
        FloatVector negativeScale = FloatVector.broadcast(S, (float) (p[0] * p[1]));
        FloatVector scale = FloatVector.broadcast(S, (float) p[1]), inputScale = FloatVector.broadcast(S, (float) p[2]);
        int i = 0;
        for (int b = S.loopBound(n); i < b; i += L) {
            VectorMath.elu(FloatVector.fromArray(S, a, ao + i), negativeScale, scale, inputScale).intoArray(o, oo + i);
        }
        if (i < n) {
            VectorMask<Float> m = S.indexInRange(i, n);
            VectorMath.elu(FloatVector.fromArray(S, a, ao + i, m), negativeScale, scale, inputScale).intoArray(o, oo + i, m);
        }
    }

    static void leakyRelu(int n, float[] o, int oo, float[] a, int ao, double[] p) {
        float slope = (float) p[0];
        int i = 0;
        for (int b = S.loopBound(n); i < b; i += L) {
            FloatVector x = FloatVector.fromArray(S, a, ao + i);
            x.blend(x.mul(slope), x.compare(VectorOperators.LE, 0f)).intoArray(o, oo + i);
        }
        for (; i < n; i++) {
            float x = a[ao + i];
            o[oo + i] = x > 0 ? x : x * slope;
        }
    }

    static void clamp(int n, float[] o, int oo, float[] a, int ao, double[] p) {
        float lo = Double.isNaN(p[0]) ? Float.NEGATIVE_INFINITY : (float) p[0];
        float hi = Double.isNaN(p[1]) ? Float.POSITIVE_INFINITY : (float) p[1];
        if (lo > hi) lo = hi;
        int i = 0;
        for (int b = S.loopBound(n); i < b; i += L) {
            // max/min propagate NaN from x
            FloatVector.fromArray(S, a, ao + i).max(lo).min(hi).intoArray(o, oo + i);
        }
        for (; i < n; i++) o[oo + i] = Math.min(Math.max(a[ao + i], lo), hi);
    }

    // ---- binary --------------------------------------------------------------------------------

    static void add(int n, float[] o, int oo, float[] a, int ao, float[] c, int co, double[] p) {
        float alpha = (float) p[0];
        FloatVector va = FloatVector.broadcast(S, alpha);
        FloatVector vna = FloatVector.broadcast(S, -alpha);
        int i = 0;
        if (alpha == 1f) {
            for (int b = S.loopBound(n); i < b; i += L) {
                FloatVector.fromArray(S, a, ao + i).add(FloatVector.fromArray(S, c, co + i)).intoArray(o, oo + i);
            }
            for (; i < n; i++) o[oo + i] = a[ao + i] + c[co + i];
        } else {
            for (int b = S.loopBound(n); i < b; i += L) {
                FloatVector.fromArray(S, c, co + i).fma(va, FloatVector.fromArray(S, a, ao + i)).intoArray(o, oo + i);
            }
            for (; i < n; i++) o[oo + i] = Math.fma(c[co + i], alpha, a[ao + i]);
        }
    }

    static void sub(int n, float[] o, int oo, float[] a, int ao, float[] c, int co, double[] p) {
        float alpha = (float) p[0];
        FloatVector va = FloatVector.broadcast(S, alpha);
        FloatVector vna = FloatVector.broadcast(S, -alpha);
        int i = 0;
        if (alpha == 1f) {
            for (int b = S.loopBound(n); i < b; i += L) {
                FloatVector.fromArray(S, a, ao + i).sub(FloatVector.fromArray(S, c, co + i)).intoArray(o, oo + i);
            }
            for (; i < n; i++) o[oo + i] = a[ao + i] - c[co + i];
        } else {
            for (int b = S.loopBound(n); i < b; i += L) {
                FloatVector.fromArray(S, c, co + i).fma(vna, FloatVector.fromArray(S, a, ao + i)).intoArray(o, oo + i);
            }
            for (; i < n; i++) o[oo + i] = Math.fma(c[co + i], -alpha, a[ao + i]);
        }
    }

    static void mul(int n, float[] o, int oo, float[] a, int ao, float[] c, int co, double[] p) {
        int i = 0;
        for (int b = S.loopBound(n); i < b; i += L) {
            FloatVector.fromArray(S, a, ao + i).mul(FloatVector.fromArray(S, c, co + i)).intoArray(o, oo + i);
        }
        for (; i < n; i++) o[oo + i] = a[ao + i] * c[co + i];
    }

    static void div(int n, float[] o, int oo, float[] a, int ao, float[] c, int co, double[] p) {
        int i = 0;
        for (int b = S.loopBound(n); i < b; i += L) {
            FloatVector.fromArray(S, a, ao + i).div(FloatVector.fromArray(S, c, co + i)).intoArray(o, oo + i);
        }
        for (; i < n; i++) o[oo + i] = a[ao + i] / c[co + i];
    }

    static void maximum(int n, float[] o, int oo, float[] a, int ao, float[] c, int co, double[] p) {
        int i = 0;
        for (int b = S.loopBound(n); i < b; i += L) {
            FloatVector.fromArray(S, a, ao + i).max(FloatVector.fromArray(S, c, co + i)).intoArray(o, oo + i);
        }
        for (; i < n; i++) o[oo + i] = Math.max(a[ao + i], c[co + i]);
    }

    static void minimum(int n, float[] o, int oo, float[] a, int ao, float[] c, int co, double[] p) {
        int i = 0;
        for (int b = S.loopBound(n); i < b; i += L) {
            FloatVector.fromArray(S, a, ao + i).min(FloatVector.fromArray(S, c, co + i)).intoArray(o, oo + i);
        }
        for (; i < n; i++) o[oo + i] = Math.min(a[ao + i], c[co + i]);
    }

    /**
     * Exponents 1, 2 and 3 (x ** 2 and its derivative are common) by multiplication, as PyTorch does; any
     * other exponent per lane through the scalar pow, whose bits do not depend on the JIT tier as the
     * vector POW's do.
     */
    static void pow(int n, float[] o, int oo, float[] a, int ao, float[] c, int co, double[] p) {
        int i = 0;
        for (int b = S.loopBound(n); i < b; i += L) {
            FloatVector y = FloatVector.fromArray(S, c, co + i);
            if (y.compare(VectorOperators.EQ, 2f).allTrue()) {
                FloatVector x = FloatVector.fromArray(S, a, ao + i);
                x.mul(x).intoArray(o, oo + i);
            } else if (y.compare(VectorOperators.EQ, 1f).allTrue()) { // the derivative of x ** 2 asks for x ** 1
                FloatVector.fromArray(S, a, ao + i).intoArray(o, oo + i);
            } else if (y.compare(VectorOperators.EQ, 3f).allTrue()) { // PyTorch's x ** 3 is x * x * x too
                FloatVector x = FloatVector.fromArray(S, a, ao + i);
                x.mul(x).mul(x).intoArray(o, oo + i);
            } else {
                for (int j = i; j < i + L; j++) o[oo + j] = pow(a[ao + j], c[co + j]);
            }
        }
        for (; i < n; i++) o[oo + i] = pow(a[ao + i], c[co + i]);
    }

    /** One element as the vector loop computes it, for the lanes it leaves to scalar code. */
    private static float pow(float x, float y) {
        if (y == 2f) return x * x;
        if (y == 1f) return x;
        if (y == 3f) return x * x * x;
        return (float) ScalarMath.pow(x, y);
    }

    // Comparisons write 1 or 0; NaN compares false except for NE. One loop per comparison keeps the
    // operator a constant, which the Vector API needs to compile to a single instruction.

    static void eq(int n, float[] o, int oo, float[] a, int ao, float[] c, int co, double[] p) {
        int i = 0;
        FloatVector one = FloatVector.broadcast(S, 1f);
        FloatVector zero = FloatVector.zero(S);
        for (int b = S.loopBound(n); i < b; i += L) {
            VectorMask<Float> m = FloatVector.fromArray(S, a, ao + i).compare(VectorOperators.EQ, FloatVector.fromArray(S, c, co + i));
            zero.blend(one, m).intoArray(o, oo + i);
        }
        for (; i < n; i++) o[oo + i] = a[ao + i] == c[co + i] ? 1f : 0f;
    }

    static void ne(int n, float[] o, int oo, float[] a, int ao, float[] c, int co, double[] p) {
        int i = 0;
        FloatVector one = FloatVector.broadcast(S, 1f);
        FloatVector zero = FloatVector.zero(S);
        for (int b = S.loopBound(n); i < b; i += L) {
            VectorMask<Float> m = FloatVector.fromArray(S, a, ao + i).compare(VectorOperators.NE, FloatVector.fromArray(S, c, co + i));
            zero.blend(one, m).intoArray(o, oo + i);
        }
        for (; i < n; i++) o[oo + i] = a[ao + i] != c[co + i] ? 1f : 0f;
    }

    static void lt(int n, float[] o, int oo, float[] a, int ao, float[] c, int co, double[] p) {
        int i = 0;
        FloatVector one = FloatVector.broadcast(S, 1f);
        FloatVector zero = FloatVector.zero(S);
        for (int b = S.loopBound(n); i < b; i += L) {
            VectorMask<Float> m = FloatVector.fromArray(S, a, ao + i).compare(VectorOperators.LT, FloatVector.fromArray(S, c, co + i));
            zero.blend(one, m).intoArray(o, oo + i);
        }
        for (; i < n; i++) o[oo + i] = a[ao + i] < c[co + i] ? 1f : 0f;
    }

    static void le(int n, float[] o, int oo, float[] a, int ao, float[] c, int co, double[] p) {
        int i = 0;
        FloatVector one = FloatVector.broadcast(S, 1f);
        FloatVector zero = FloatVector.zero(S);
        for (int b = S.loopBound(n); i < b; i += L) {
            VectorMask<Float> m = FloatVector.fromArray(S, a, ao + i).compare(VectorOperators.LE, FloatVector.fromArray(S, c, co + i));
            zero.blend(one, m).intoArray(o, oo + i);
        }
        for (; i < n; i++) o[oo + i] = a[ao + i] <= c[co + i] ? 1f : 0f;
    }

    static void gt(int n, float[] o, int oo, float[] a, int ao, float[] c, int co, double[] p) {
        int i = 0;
        FloatVector one = FloatVector.broadcast(S, 1f);
        FloatVector zero = FloatVector.zero(S);
        for (int b = S.loopBound(n); i < b; i += L) {
            VectorMask<Float> m = FloatVector.fromArray(S, a, ao + i).compare(VectorOperators.GT, FloatVector.fromArray(S, c, co + i));
            zero.blend(one, m).intoArray(o, oo + i);
        }
        for (; i < n; i++) o[oo + i] = a[ao + i] > c[co + i] ? 1f : 0f;
    }

    static void ge(int n, float[] o, int oo, float[] a, int ao, float[] c, int co, double[] p) {
        int i = 0;
        FloatVector one = FloatVector.broadcast(S, 1f);
        FloatVector zero = FloatVector.zero(S);
        for (int b = S.loopBound(n); i < b; i += L) {
            VectorMask<Float> m = FloatVector.fromArray(S, a, ao + i).compare(VectorOperators.GE, FloatVector.fromArray(S, c, co + i));
            zero.blend(one, m).intoArray(o, oo + i);
        }
        for (; i < n; i++) o[oo + i] = a[ao + i] >= c[co + i] ? 1f : 0f;
    }

    // ---- ternary -------------------------------------------------------------------------------

    static void where(int n, float[] o, int oo, float[] cond, int xo, float[] a, int ao, float[] c, int co, double[] p) {
        int i = 0;
        for (int b = S.loopBound(n); i < b; i += L) {
            VectorMask<Float> m = FloatVector.fromArray(S, cond, xo + i).compare(VectorOperators.NE, 0f);
            FloatVector.fromArray(S, c, co + i).blend(FloatVector.fromArray(S, a, ao + i), m).intoArray(o, oo + i);
        }
        for (; i < n; i++) o[oo + i] = cond[xo + i] != 0 ? a[ao + i] : c[co + i];
    }

    /** {@code s + (v a) c} with the product and sum fused, as PyTorch's compiled kernel: {@code fma(v a, c, s)}. */
    static void addcmul(int n, float[] o, int oo, float[] s, int so, float[] a, int ao, float[] c, int co, double[] p) {
        float v = (float) p[0];
        FloatVector vv = FloatVector.broadcast(S, v);
        int i = 0;
        for (int b = S.loopBound(n); i < b; i += L) {
            FloatVector t = FloatVector.fromArray(S, a, ao + i).mul(vv);
            t.fma(FloatVector.fromArray(S, c, co + i), FloatVector.fromArray(S, s, so + i)).intoArray(o, oo + i);
        }
        for (; i < n; i++) o[oo + i] = Math.fma(v * a[ao + i], c[co + i], s[so + i]);
    }

    /** {@code s + (v a) / c}, PyTorch's order (nothing to fuse). */
    static void addcdiv(int n, float[] o, int oo, float[] s, int so, float[] a, int ao, float[] c, int co, double[] p) {
        float v = (float) p[0];
        FloatVector vv = FloatVector.broadcast(S, v);
        int i = 0;
        for (int b = S.loopBound(n); i < b; i += L) {
            FloatVector t = FloatVector.fromArray(S, a, ao + i).mul(vv).div(FloatVector.fromArray(S, c, co + i));
            t.add(FloatVector.fromArray(S, s, so + i)).intoArray(o, oo + i);
        }
        for (; i < n; i++) o[oo + i] = s[so + i] + v * a[ao + i] / c[co + i];
    }
}
