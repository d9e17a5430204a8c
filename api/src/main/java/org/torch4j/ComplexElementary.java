package org.torch4j;

import static org.torch4j.ComplexMath.im;
import static org.torch4j.ComplexMath.of;
import static org.torch4j.ComplexMath.re;

/**
 * The elementary functions of a complex variable that PyTorch 1.13 computes (trigonometric, hyperbolic, their
 * inverses, sigmoid, silu, log2, log10, rsqrt), written with real ops on the parts as the rest of the
 * complex composites are (see {@code docs/complex.md}). The formulas are glibc's where PyTorch's kernel calls
 * it ({@code ctanh}'s form of tanh, which neither overflows nor cancels), and PyTorch's own where it has one
 * (sigmoid, silu, log2, log10, rsqrt).
 */
final class ComplexElementary {
    private ComplexElementary() {}

    private static final double LN2 = Math.log(2), LN10 = Math.log(10);

    /** i z: (-b, a). */
    private static Tensor timesI(Tensor z) {
        return of(im(z).neg(), re(z));
    }

    /** -i z: (b, -a). */
    private static Tensor timesMinusI(Tensor z) {
        return of(im(z), re(z).neg());
    }

    /**
     * p q where an exact zero factor wins: 0 times an infinity or NaN is that zero (its sign times the other's), as
     * C's csinh and ccosh keep the zero part of {@code x + 0i} and {@code 0 + iy}.
     */
    private static Tensor zeroWins(Tensor p, Tensor q) {
        Tensor one = Torch.ones(Shapes.SCALAR, p.dtype(), p.device());
        Tensor pq = p.mul(q);
        pq = Torch.where(q.eq(0.0).logicalAnd(p.isfinite().logicalNot()), q.mul(one.copysign(p)), pq);
        return Torch.where(p.eq(0.0).logicalAnd(q.isfinite().logicalNot()), p.mul(one.copysign(q)), pq);
    }

    /**
     * C's csinh: sinh a cos b + i cosh a sin b, a zero factor winning ({@link #zeroWins}); an infinite a beside an
     * infinite or NaN b gives {@code +inf + i NaN} (glibc's choice of the sign C leaves open).
     */
    static Tensor sinh(Tensor z) {
        Tensor a = re(z), b = im(z);
        Tensor r = zeroWins(a.sinh(), b.cos()), i = zeroWins(a.cosh(), b.sin());
        Tensor wild = a.isinf().logicalAnd(b.isfinite().logicalNot());
        return of(Torch.where(wild, a.abs(), r), i);
    }

    /** C's ccosh: cosh a cos b + i sinh a sin b, as {@link #sinh}; an infinite a beside a non-finite b gives +inf + i NaN. */
    static Tensor cosh(Tensor z) {
        Tensor a = re(z), b = im(z);
        Tensor r = zeroWins(a.cosh(), b.cos()), i = zeroWins(a.sinh(), b.sin());
        Tensor wild = a.isinf().logicalAnd(b.isfinite().logicalNot());
        return of(Torch.where(wild, a.abs(), r), i);
    }

    /**
     * sin z = -i sinh(i z), as C defines csin, but for an infinite b beside a non-finite a: {@code NaN + i b}, glibc's
     * csin's choice of the sign C leaves open (its csinh picks +inf there).
     */
    static Tensor sin(Tensor z) {
        Tensor r = timesMinusI(sinh(timesI(z)));
        Tensor a = re(z), b = im(z);
        Tensor wild = b.isinf().logicalAnd(a.isfinite().logicalNot());
        return ComplexMath.where(wild, of(a.sub(a), b), r);
    }

    /** cos z = cosh(i z), as C defines ccos. */
    static Tensor cos(Tensor z) {
        return cosh(timesI(z));
    }

    /**
     * glibc's ctanh: (sinh a cosh a + i sin b cos b) / (sinh^2 a + cos^2 b); beyond |a| = t, where sinh^2 a
     * overflows, sign(a) + i 4 sin b cos b e^{-2|a|}. The gradient is PyTorch's {@code g conj(1 - tanh^2 z)}: the
     * formula's own derivative overflows in float32 well before its value does.
     */
    static Tensor tanh(Tensor z) {
        Tensor y;
        try (Torch.Mode m = GradMode.set(false, GradMode.isInference())) {
            y = tanhValue(z);
        }
        if (!Autograd.needed(z)) return y;
        Tensor out = Autograd.detach(y);
        return Autograd.unary("TanhBackward0", z, out, g -> g.mul(ComplexMath.neg(out.mul(out)).add(1.0).conj()), out);
    }

    private static Tensor tanhValue(Tensor z) {
        Tensor a = re(z), b = im(z);
        double t = z.dtype() == DType.COMPLEX128 ? 354 : 44; // (MAX_EXP - 1) ln 2 / 2, as glibc
        Tensor far = a.abs().gt(t);
        Tensor safe = Torch.where(far, ComplexMath.zeroLike(a), a);
        Tensor sh = safe.sinh(), sb = b.sin(), cb = b.cos();
        Tensor den = sh.square().add(cb.square());
        Tensor sinCos = sb.mul(cb);
        Tensor reNear = sh.mul(safe.cosh()).div(den), imNear = sinCos.div(den);
        Tensor reFar = a.sign(), imFar = sinCos.mul(4.0).mul(a.abs().mul(-2.0).exp());
        Tensor re = Torch.where(far, reFar, reNear), im = Torch.where(far, imFar, imNear);
        // glibc's special values: an infinite a gives sign(a) + i copysign(0, b) beside a non-finite b; a zero b
        // stays, also beside a NaN a (NaN + i0); a zero a stays beside a non-finite b (0 + i NaN)
        Tensor zero = ComplexMath.zeroLike(a);
        im = Torch.where(a.isinf().logicalAnd(b.isfinite().logicalNot()), zero.copysign(b), im);
        Tensor keep = b.eq(0.0).logicalAnd(a.isnan());
        re = Torch.where(keep, a, re);
        im = Torch.where(keep, b, im);
        Tensor zeroA = a.eq(0.0).logicalAnd(b.isfinite().logicalNot());
        return of(Torch.where(zeroA, a, re), Torch.where(zeroA, b.sub(b), im));
    }

    /** tan z = -i tanh(i z). */
    static Tensor tan(Tensor z) {
        return timesMinusI(tanh(timesI(z)));
    }

    /** PyTorch's complex sigmoid: 1 / (1 + e^{-z}). */
    static Tensor sigmoid(Tensor z) {
        return ComplexMath.reciprocal(ComplexMath.exp(ComplexMath.neg(z)).add(1.0));
    }

    /** PyTorch's complex silu: z / (1 + e^{-z}). */
    static Tensor silu(Tensor z) {
        return z.div(ComplexMath.exp(ComplexMath.neg(z)).add(1.0));
    }

    /** log z / log 2, as c10::complex's log2. */
    static Tensor log2(Tensor z) {
        return Complexes.newComplex(Complexes.viewAsReal(ComplexMath.log(z)).div(LN2));
    }

    /** log z / log 10, as libstdc++'s complex log10. */
    static Tensor log10(Tensor z) {
        return Complexes.newComplex(Complexes.viewAsReal(ComplexMath.log(z)).div(LN10));
    }

    /** 1 / sqrt z, as PyTorch's vectorized rsqrt. */
    static Tensor rsqrt(Tensor z) {
        return ComplexMath.reciprocal(ComplexMath.sqrt(z));
    }

    /** (c + x) + i y: a real c added to z without turning a -0 imaginary part into +0 (as 1 + z would). */
    private static Tensor plus(double c, Tensor z) {
        return of(re(z).add(c), im(z));
    }

    /** (c - x) - i y. */
    private static Tensor minus(double c, Tensor z) {
        return of(re(z).neg().add(c), im(z).neg());
    }

    /**
     * Kahan's arcsin ("Branch cuts for complex elementary functions", 1987), as C's casin: with
     * {@code s1 = sqrt(1 - z)}, {@code s2 = sqrt(1 + z)}, {@code atan2(x, Re(s1 s2)) + i asinh(Im(conj(s1) s2))}; the
     * sign of a zero imaginary part picks the side of the cuts.
     */
    static Tensor asin(Tensor z) {
        Tensor s1 = ComplexMath.sqrt(minus(1, z)), s2 = ComplexMath.sqrt(plus(1, z));
        Tensor a1 = re(s1), b1 = im(s1), a2 = re(s2), b2 = im(s2);
        return of(re(z).atan2(a1.mul(a2).sub(b1.mul(b2))), a1.mul(b2).sub(b1.mul(a2)).asinh());
    }

    /**
     * Kahan's arccos: {@code 2 atan2(Re s1, Re s2) + i asinh(Im(conj(s2) s1))} with s1, s2 as {@link #asin}'s; C's
     * special values for an infinite or NaN part ({@code acos(x + i inf) = pi/2 - i inf}, {@code acos(-inf + iy) =
     * pi - i inf}, ...), conjugate-symmetric.
     */
    static Tensor acos(Tensor z) {
        Tensor s1 = ComplexMath.sqrt(minus(1, z)), s2 = ComplexMath.sqrt(plus(1, z));
        Tensor a1 = re(s1), b1 = im(s1), a2 = re(s2), b2 = im(s2);
        Tensor re = a1.atan2(a2).mul(2.0), im = a2.mul(b1).sub(b2.mul(a1)).asinh();
        Tensor x = re(z), y = im(z), b = y.abs(), one = Torch.ones(Shapes.SCALAR, x.dtype(), x.device());
        Tensor xInf = x.isinf(), bInf = b.isinf(), bFin = b.isfinite(), xPos = x.gt(0.0);
        Tensor minusSide = one.copysign(y).neg();  // the imaginary part's sign: -sign(y)
        re = Torch.where(x.isfinite().logicalAnd(bInf), full(Math.PI / 2, x), re);
        re = Torch.where(xInf.logicalAnd(bFin), Torch.where(xPos, full(0, x), full(Math.PI, x)), re);
        re = Torch.where(xInf.logicalAnd(bInf), Torch.where(xPos, full(Math.PI / 4, x), full(3 * Math.PI / 4, x)), re);
        Tensor infIm = xInf.logicalAnd(b.isnan().logicalNot()).logicalOr(bInf);
        im = Torch.where(infIm, minusSide.mul(INF), im);
        re = Torch.where(xInf.logicalAnd(b.isnan()).logicalOr(x.isnan().logicalAnd(bInf)), full(Double.NaN, x), re);
        return of(re, im);
    }

    private static Tensor full(double value, Tensor like) {
        return Torch.full(Shapes.SCALAR, value, like.dtype(), like.device());
    }

    /**
     * asinh z = -i asin(i z), with C's special values for an infinite or NaN part (Annex G: {@code asinh(inf + iy)
     * = inf + i0}, {@code asinh(x + i inf) = inf + i pi/2}, {@code asinh(inf + i inf) = inf + i pi/4}, ...), the
     * signs of x and y carried over (asinh is odd and conjugate-symmetric).
     */
    static Tensor asinh(Tensor z) {
        Tensor x = re(z), y = im(z), a = x.abs(), b = y.abs();
        Tensor r = timesMinusI(asin(timesI(z)));
        Tensor aInf = a.isinf(), bInf = b.isinf(), aNan = a.isnan(), bNan = b.isnan(), bFin = b.isfinite();
        Tensor re = re(r), im = im(r);
        re = pick(aInf.logicalOr(bInf), INF, re, x);
        im = pick(aInf.logicalAnd(bFin), 0, im, y);
        im = pick(aInf.logicalAnd(bInf), Math.PI / 4, im, y);
        im = pick(a.isfinite().logicalAnd(bInf), Math.PI / 2, im, y);
        im = pick(aNan.logicalAnd(b.eq(0.0)), 0, im, y);
        im = Torch.where(bNan.logicalAnd(aInf).logicalOr(aNan.logicalAnd(bInf)), full(Double.NaN, a), im);
        return of(re, im);
    }

    private static final double INF = Double.POSITIVE_INFINITY;

    /** Where {@code mask}: {@code copysign(value, sign)}; elsewhere {@code t}. */
    private static Tensor pick(Tensor mask, double value, Tensor t, Tensor sign) {
        return Torch.where(mask, full(value, t).copysign(sign), t);
    }

    /**
     * Kahan's arccosh: with {@code s1 = sqrt(z - 1)}, {@code s2 = sqrt(z + 1)},
     * {@code asinh(Re(conj(s1) s2)) + 2i atan2(Im s1, Re s2)}.
     */
    static Tensor acosh(Tensor z) {
        Tensor s1 = ComplexMath.sqrt(plus(-1, z)), s2 = ComplexMath.sqrt(plus(1, z));
        Tensor a1 = re(s1), b1 = im(s1), a2 = re(s2), b2 = im(s2);
        Tensor re = a1.mul(a2).add(b1.mul(b2)).asinh(), im = b1.atan2(a2).mul(2.0);
        // C's special values ({@code acosh(x + i inf) = inf + i pi/2}, {@code acosh(-inf + iy) = inf + i pi}, ...),
        // conjugate-symmetric
        Tensor x = re(z), y = im(z), b = y.abs();
        Tensor xInf = x.isinf(), bInf = b.isinf(), bFin = b.isfinite(), xPos = x.gt(0.0);
        re = Torch.where(xInf.logicalOr(bInf), full(INF, x), re);
        im = pick(x.isfinite().logicalAnd(bInf), Math.PI / 2, im, y);
        im = Torch.where(xInf.logicalAnd(bFin), Torch.where(xPos, full(0, x), full(Math.PI, x)).copysign(y), im);
        im = Torch.where(xInf.logicalAnd(bInf), Torch.where(xPos, full(Math.PI / 4, x), full(3 * Math.PI / 4, x)).copysign(y), im);
        im = Torch.where(xInf.logicalAnd(b.isnan()).logicalOr(x.isnan().logicalAnd(bInf)), full(Double.NaN, x), im);
        return of(re, im);
    }

    /**
     * Kahan's arctanh in the right half-plane, reached by {@code w = beta conj(z)}, {@code beta = copysign(1, x)}:
     * {@code log1p(4x / ((1 - x)^2 + y^2)) / 4 + i atan2(2y, (1 - x)(1 + x) - y^2) / 2}, then {@code beta conj} back;
     * {@code atanh(+-1 + 0i) = +-inf + 0i}, as C's catanh.
     */
    static Tensor atanh(Tensor z) {
        Tensor beta = Torch.ones(Shapes.SCALAR, re(z).dtype(), z.device()).copysign(re(z));
        Tensor x = re(z).mul(beta), y = im(z).mul(beta).neg();
        Tensor oneMinus = x.neg().add(1.0);
        Tensor xi = x.mul(4.0).div(oneMinus.square().add(y.square())).log1p().mul(0.25);
        Tensor eta = y.mul(2.0).atan2(oneMinus.mul(x.add(1.0)).sub(y.square())).mul(0.5);
        Tensor re = xi.mul(beta), im = eta.mul(beta).neg();
        // C's special values: an infinite part gives 0 + i pi/2 (0 + i NaN beside a NaN y), as does a NaN x beside an
        // infinite y; 0 + i NaN stays; signs from z (atanh is odd and conjugate-symmetric)
        Tensor zx = re(z), zy = im(z), a = zx.abs(), b = zy.abs();
        Tensor aInf = a.isinf(), bInf = b.isinf();
        Tensor toAxis = aInf.logicalOr(bInf);
        re = pick(toAxis.logicalOr(a.eq(0.0).logicalAnd(b.isnan())), 0, re, zx);
        im = pick(bInf.logicalOr(aInf.logicalAnd(b.isfinite())), Math.PI / 2, im, zy);
        return of(re, im);
    }

    /** atan z = -i atanh(i z). */
    static Tensor atan(Tensor z) {
        return timesMinusI(atanh(timesI(z)));
    }
}
