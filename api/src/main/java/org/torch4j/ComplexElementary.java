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

    /** sinh(a + ib) = sinh a cos b + i cosh a sin b. */
    static Tensor sinh(Tensor z) {
        Tensor a = re(z), b = im(z);
        return of(a.sinh().mul(b.cos()), a.cosh().mul(b.sin()));
    }

    /** cosh(a + ib) = cosh a cos b + i sinh a sin b. */
    static Tensor cosh(Tensor z) {
        Tensor a = re(z), b = im(z);
        return of(a.cosh().mul(b.cos()), a.sinh().mul(b.sin()));
    }

    /** sin(a + ib) = sin a cosh b + i cos a sinh b. */
    static Tensor sin(Tensor z) {
        Tensor a = re(z), b = im(z);
        return of(a.sin().mul(b.cosh()), a.cos().mul(b.sinh()));
    }

    /** cos(a + ib) = cos a cosh b - i sin a sinh b. */
    static Tensor cos(Tensor z) {
        Tensor a = re(z), b = im(z);
        return of(a.cos().mul(b.cosh()), a.sin().mul(b.sinh()).neg());
    }

    /**
     * glibc's ctanh: (sinh a cosh a + i sin b cos b) / (sinh^2 a + cos^2 b); beyond |a| = t, where sinh^2 a
     * overflows, sign(a) + i 4 sin b cos b e^{-2|a|}. The formula branch sees a safe operand there, so its
     * inf / inf never reaches the gradient.
     */
    static Tensor tanh(Tensor z) {
        Tensor a = re(z), b = im(z);
        double t = z.dtype() == DType.COMPLEX128 ? 354 : 44; // (MAX_EXP - 1) ln 2 / 2, as glibc
        Tensor far = a.abs().gt(t);
        Tensor safe = Torch.where(far, ComplexMath.zeroLike(a), a);
        Tensor sh = safe.sinh(), sb = b.sin(), cb = b.cos();
        Tensor den = sh.square().add(cb.square());
        Tensor sinCos = sb.mul(cb);
        Tensor reNear = sh.mul(safe.cosh()).div(den), imNear = sinCos.div(den);
        Tensor reFar = a.sign(), imFar = sinCos.mul(4.0).mul(a.abs().mul(-2.0).exp());
        return of(Torch.where(far, reFar, reNear), Torch.where(far, imFar, imNear));
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

    /**
     * asinh z = log(z + sqrt(z^2 + 1)), taken as -asinh(-z) on the left half-plane, where z + sqrt(z^2 + 1)
     * would cancel.
     */
    static Tensor asinh(Tensor z) {
        Tensor left = re(z).lt(0.0);
        Tensor w = ComplexMath.where(left, ComplexMath.neg(z), z);
        Tensor r = ComplexMath.log(w.add(ComplexMath.sqrt(w.mul(w).add(1.0))));
        return ComplexMath.where(left, ComplexMath.neg(r), r);
    }

    /** asin z = -i asinh(i z). */
    static Tensor asin(Tensor z) {
        return timesMinusI(asinh(timesI(z)));
    }

    /** acos z = pi / 2 - asin z. */
    static Tensor acos(Tensor z) {
        return ComplexMath.neg(asin(z)).add(Math.PI / 2);
    }

    /** atanh z = (log(1 + z) - log(1 - z)) / 2. */
    static Tensor atanh(Tensor z) {
        Tensor one = Torch.ones(Shapes.SCALAR, z.dtype(), z.device());
        return ComplexMath.log(one.add(z)).sub(ComplexMath.log(one.sub(z))).mul(0.5);
    }

    /** atan z = -i atanh(i z). */
    static Tensor atan(Tensor z) {
        return timesMinusI(atanh(timesI(z)));
    }

    /** acosh z = log(z + sqrt(z + 1) sqrt(z - 1)), the principal branch (its cut is re z < 1 on the real axis). */
    static Tensor acosh(Tensor z) {
        return ComplexMath.log(z.add(ComplexMath.sqrt(z.add(1.0)).mul(ComplexMath.sqrt(z.sub(1.0)))));
    }
}
