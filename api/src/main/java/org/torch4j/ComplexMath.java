package org.torch4j;

import java.util.ArrayList;
import java.util.List;
import org.torch4j.spi.BinaryOp;

/**
 * Complex arithmetic, reductions, products and joins written with real ops over the parts of
 * {@link Complexes#viewAsReal}, so that autograd needs no complex formulas (see {@code docs/complex.md}).
 * The entry points in {@code Pointwise}, {@code Reductions}, {@code LinAlg} and {@code Joins} hand
 * complex operands here; anything not handled here is refused by {@code Dispatch.strided}.
 */
final class ComplexMath {
    private ComplexMath() {}

    static Tensor re(Tensor z) {
        return Complexes.viewAsReal(z).select(-1, 0);
    }

    static Tensor im(Tensor z) {
        return Complexes.viewAsReal(z).select(-1, 1);
    }

    /** re + i im for parts of one shape and real dtype. */
    static Tensor of(Tensor re, Tensor im) {
        return Complexes.newComplex(Torch.stack(List.of(re, im), -1));
    }

    /** A 0-dim zero of x's dtype and device (a where() operand). */
    static Tensor zeroLike(Tensor x) {
        return Torch.zeros(Shapes.SCALAR, x.dtype(), x.device());
    }

    private static Tensor oneLike(Tensor x) {
        return Torch.ones(Shapes.SCALAR, x.dtype(), x.device());
    }

    // ---- binary --------------------------------------------------------------------------------

    /** A binary op on two operands already converted to their common complex dtype. */
    static Tensor binary(BinaryOp op, Tensor a, Tensor b, double alpha) {
        return switch (op) {
            case ADD -> Complexes.newComplex(Complexes.viewAsReal(a).add(Complexes.viewAsReal(b), alpha));
            case SUB -> Complexes.newComplex(Complexes.viewAsReal(a).sub(Complexes.viewAsReal(b), alpha));
            case MUL -> mul(a, b);
            case DIV -> div(a, b);
            case EQ -> re(a).eq(re(b)).logicalAnd(im(a).eq(im(b)));
            case NE -> re(a).ne(re(b)).logicalOr(im(a).ne(im(b)));
            default -> throw Complexes.notImplemented(a.dtype());
        };
    }

    /**
     * The product or quotient in one pass by the backend's optional {@code complexMul} kernel, with the same
     * values as the composites below; null where no gradient may be recorded through it (the composites
     * carry the autograd) or the backend declines.
     */
    private static Tensor fused(Tensor x, Tensor y, boolean divide) {
        if (Autograd.needed(x, y)) return null;
        long[] shape = Shapes.broadcast(x.shape, y.shape);
        Tensor out = Dispatch.zeros(shape, x.dtype(), x.device());
        long[] pairs = java.util.Arrays.copyOf(shape, shape.length + 1);
        pairs[shape.length] = 2;
        boolean done = Dispatch.backend(out).complexMul(Dispatch.strided(Complexes.viewAsReal(out)),
                Dispatch.broadcast(Complexes.viewAsReal(x), pairs), Dispatch.broadcast(Complexes.viewAsReal(y), pairs), divide);
        if (done) return out;
        out.close();
        return null;
    }

    /** (a + bi)(c + di) = (ac - bd) + (ad + bc)i, as c10::complex computes it. */
    private static Tensor mul(Tensor x, Tensor y) {
        Tensor fast = fused(x, y, false);
        if (fast != null) return fast;
        Tensor a = re(x), b = im(x), c = re(y), d = im(y);
        return of(a.mul(c).sub(b.mul(d)), a.mul(d).add(b.mul(c)));
    }

    /**
     * (a + bi) / (c + di) = ((ac + bd) + (bc - ad)i) / (c^2 + d^2): the formula of PyTorch's vectorized
     * CPU kernel ({@code Vectorized<c10::complex>::operator/}), which computes every element of tensors of the
     * vector width and more, so the values (and the overflow of c^2 + d^2 beyond float32's range, and
     * NaN for a zero divisor) are PyTorch's. Its scalar tail (c10::complex, Smith's method) can differ
     * in the last bits.
     */
    private static Tensor div(Tensor x, Tensor y) {
        Tensor fast = fused(x, y, true);
        if (fast != null) return fast;
        Tensor a = re(x), b = im(x), c = re(y), d = im(y);
        Tensor norm = c.mul(c).add(d.mul(d));
        return of(a.mul(c).add(b.mul(d)).div(norm), b.mul(c).sub(a.mul(d)).div(norm));
    }

    // ---- unary ---------------------------------------------------------------------------------

    static Tensor neg(Tensor z) {
        return Complexes.newComplex(Complexes.viewAsReal(z).neg());
    }

    /**
     * |z| = hypot(re, im), real, with PyTorch's derivative {@code g sgn(z)}: 0 at 0 for a finite g, NaN for an
     * infinite or NaN one (as {@code |z|^p} with p < 1 sends at 0), differentiable again through {@link #sgn}.
     */
    static Tensor abs(Tensor z) {
        Tensor out;
        try (Torch.Mode ignored = Torch.noGrad()) {
            out = absValues(z);
        }
        if (!Autograd.needed(z)) return out;
        return Autograd.unary("AbsBackward0", z, out, g -> g.mul(sgn(z)), z);
    }

    private static Tensor absValues(Tensor z) {
        Tensor out = Dispatch.zeros(z.shape, z.dtype().toReal(), z.device());
        if (Dispatch.backend(out).complexAbs(Dispatch.strided(out), Dispatch.strided(Complexes.viewAsReal(z)))) return out;
        out.close();
        return re(z).hypot(im(z));
    }

    /** arg z = atan2(im, re), real; the gradient at 0 is 0, as PyTorch's. */
    static Tensor angle(Tensor z) {
        Tensor a = re(z), b = im(z);
        Tensor zero = a.eq(0.0).logicalAnd(b.eq(0.0));
        // atan2(0, -0.) is pi: the value at 0 comes from the signed zeros, the gradient from a safe operand
        Tensor atZero = b.detach().atan2(a.detach());
        return Torch.where(zero, atZero, b.atan2(Torch.where(zero, oneLike(a), a)));
    }

    /** z / |z|, and 0 at 0. */
    static Tensor sgn(Tensor z) {
        Tensor m = abs(z);
        Tensor zero = m.eq(0.0);
        Tensor safe = Torch.where(zero, oneLike(m), m).unsqueeze(-1);
        Tensor r = Complexes.viewAsReal(z).div(safe);
        return Complexes.newComplex(Torch.where(zero.unsqueeze(-1), zeroLike(r), r).contiguous());
    }

    /** r (cos t + i sin t). */
    private static Tensor polar(Tensor r, Tensor t) {
        return of(r.mul(t.cos()), r.mul(t.sin()));
    }

    static Tensor exp(Tensor z) {
        return polar(re(z).exp(), im(z));
    }

    static Tensor log(Tensor z) {
        return of(abs(z).log(), angle(z));
    }

    /**
     * The principal square root as C's csqrt (Kahan's form): with {@code t = sqrt((|z| + |x|) / 2)}, {@code t + i y/2t}
     * for x >= 0, else {@code |y|/2t + i copysign(t, y)}; exact on the axes, the sign of a zero imaginary part
     * choosing the side of the cut ({@code sqrt(-4 - 0i) = -2i}), {@code +inf + i y} for an infinite y.
     */
    static Tensor sqrt(Tensor z) {
        Tensor x = re(z), y = im(z), m = abs(z);
        Tensor right = x.ge(0.0);
        // |z| + |x| with x's own sign per side, so that the gradient has no kink at x = 0
        Tensor t = Torch.where(right, m.add(x), m.sub(x)).mul(0.5).sqrt();
        Tensor zero = t.eq(0.0);
        Tensor half = y.div(Torch.where(zero, oneLike(t), t).mul(2.0));   // y / 2t, on a safe operand at 0
        Tensor side = oneLike(y).copysign(y);                               // +-1, also for +-0
        Tensor a = Torch.where(right, t, half.mul(side)), b = Torch.where(right, half, t.mul(side));
        Tensor yInf = y.isinf();
        a = Torch.where(yInf, Torch.full(Shapes.SCALAR, Double.POSITIVE_INFINITY, x.dtype(), x.device()), a);
        return of(a, Torch.where(zero.logicalOr(yInf), y, b));
    }

    static Tensor reciprocal(Tensor z) {
        return div(Torch.ones(Shapes.SCALAR, z.dtype(), z.device()), z);
    }

    /**
     * z ** p for a real scalar p with PyTorch's special cases (0: ones, 1: a copy, 2 and 3: products,
     * -2: 1 / z^2, 0.5, -0.5 and -1 through sqrt and reciprocal); otherwise exp(p log z) in polar form.
     */
    static Tensor pow(Tensor z, double p) {
        if (p == 0) return Torch.ones(z.shape, z.dtype(), z.device());
        if (p == 1) return Complexes.clone(z);
        if (p == 2) return mul(z, z);
        if (p == 3) return mul(mul(z, z), z);
        if (p == -1) return reciprocal(z);
        if (p == -2) return reciprocal(mul(z, z));
        if (p == 0.5) return sqrt(z);
        if (p == -0.5) return reciprocal(sqrt(z));
        return polar(abs(z).pow(p), angle(z).mul(p));
    }

    /**
     * z ** w for a complex exponent tensor (or a real tensor exponent, or a real base): glibc's {@code cpow},
     * which PyTorch's kernel calls, {@code exp(w log z)} with the product computed as c10::complex does. At
     * base 0 the exponent's real part is infinite, where C's complex exp gives 0 (for {@code -inf + iy}, any y)
     * and {@code inf + i NaN} (for {@code +inf + i NaN}) and the polar form would give NaN.
     */
    static Tensor pow(Tensor z, Tensor w) {
        Shapes.broadcast(z.shape, w.shape);  // (the base is tensor a in the error, as in PyTorch)
        Tensor e = mul(w, log(z));
        Tensor x = re(e), y = im(e);
        Tensor r = x.exp();
        Tensor reOut = r.mul(y.cos()), imOut = r.mul(y.sin());
        Tensor vanishes = x.eq(Double.NEGATIVE_INFINITY);
        Tensor overflows = x.eq(Double.POSITIVE_INFINITY).logicalAnd(y.isnan());
        reOut = Torch.where(vanishes, zeroLike(x), Torch.where(overflows, x, reOut));
        imOut = Torch.where(vanishes, zeroLike(x), imOut);
        return of(reOut, imOut);
    }

    static Tensor isnan(Tensor z) {
        return re(z).isnan().logicalOr(im(z).isnan());
    }

    /** isnan, isinf (either part), isfinite (both parts), logical_not (both parts 0); others refused. */
    static Tensor predicate(org.torch4j.spi.UnaryOp op, Tensor z) {
        return switch (op) {
            case ISNAN -> isnan(z);
            case ISINF -> re(z).isinf().logicalOr(im(z).isinf());
            case ISFINITE -> re(z).isfinite().logicalAnd(im(z).isfinite());
            case LOGICAL_NOT -> re(z).eq(0.0).logicalAnd(im(z).eq(0.0));
            case ISPOSINF -> throw new IllegalArgumentException("isposinf does not support complex inputs.");
            case ISNEGINF -> throw new IllegalArgumentException("isneginf does not support complex inputs.");
            case SIGNBIT -> throw new IllegalArgumentException("signbit is not implemented for complex tensors.");
            default -> throw Complexes.notImplemented(z.dtype());
        };
    }

    /** where(cond, a, b) on the real views, the condition repeated over each (re, im) pair. */
    static Tensor where(Tensor cond, Tensor a, Tensor b) {
        Tensor r = Torch.where(cond.unsqueeze(-1), Complexes.viewAsReal(a), Complexes.viewAsReal(b));
        return Complexes.newComplex(r);
    }

    /** A finite |a - b| <= atol + rtol |b|, or a == b (infinities), or both NaN when asked. */
    static Tensor isclose(Tensor a, Tensor b, double rtol, double atol, boolean equalNan) {
        Tensor actual = abs(a.sub(b));
        Tensor close = actual.isfinite().logicalAnd(actual.le(abs(b).mul(rtol).add(atol))).logicalOr(a.eq(b));
        return equalNan ? close.logicalOr(isnan(a).logicalAnd(isnan(b))) : close;
    }

    // ---- reductions, products, joins ----------------------------------------------------------

    // The parts are reduced separately: each is a plain strided reduction, about three times faster on
    // the CPU backend than reducing the real view's leading dims with its (re, im) dim kept.

    static Tensor sum(Tensor z, int[] dims, boolean keepdim) {
        return of(re(z).sum(dims, keepdim), im(z).sum(dims, keepdim));
    }

    static Tensor mean(Tensor z, int[] dims, boolean keepdim) {
        return of(re(z).mean(dims, keepdim), im(z).mean(dims, keepdim));
    }

    /**
     * The product over {@code dims} (all when null or empty): the reduced dims are moved last and flattened,
     * then halved by pairwise complex products, log2(n) steps that autograd differentiates as products
     * (so zeros need no special case). The association differs from PyTorch's running product by rounding only.
     */
    static Tensor prod(Tensor z, int[] dimsArg, boolean keepdim) {
        int[] dims = Reductions.dimsOrAll(dimsArg, z.dim());
        boolean[] reduced = new boolean[z.dim()];
        for (int d : dims) reduced[d] = true;
        int[] order = new int[z.dim()];
        List<Long> kept = new ArrayList<>();
        int k = 0;
        for (int d = 0; d < z.dim(); d++) if (!reduced[d]) { order[k++] = d; kept.add(z.shape[d]); }
        long n = 1;
        for (int d : dims) { order[k++] = d; n *= z.shape[d]; }
        long[] keptShape = kept.stream().mapToLong(Long::longValue).toArray();
        long[] flat = java.util.Arrays.copyOf(keptShape, keptShape.length + 1);
        flat[keptShape.length] = n;
        Tensor x = z.permute(order).reshape(flat);
        while (x.size(-1) > 1) {
            long half = x.size(-1) / 2;
            Tensor pairs = mul(x.narrow(-1, 0, half), x.narrow(-1, half, half));
            x = x.size(-1) % 2 == 0 ? pairs : cat(List.of(pairs, x.narrow(-1, 2 * half, 1)), -1, z.dtype());
        }
        Tensor r = n == 0 ? Torch.ones(keptShape, z.dtype(), z.device()) : x.reshape(keptShape);
        return keepdim ? r.reshape(Reductions.keptShape(z.shape, dims)) : r;
    }

    /**
     * Running products along {@code d} by doubling (Hillis-Steele): after the step with shift s every
     * element holds the product of the 2s elements ending at it; log2(n) complex products, differentiable as such.
     */
    static Tensor cumprod(Tensor z, int d) {
        long n = z.dim() == 0 ? 1 : z.shape[d];
        if (n <= 1) return Complexes.clone(z);
        for (long s = 1; s < n; s *= 2) {
            Tensor shifted = mul(z.narrow(d, 0, n - s), z.narrow(d, s, n - s));
            z = cat(List.of(z.narrow(d, 0, s), shifted), d, z.dtype());
        }
        return z;
    }

    /** (A + iB)(C + iD) = (AC - BD) + i(AD + BC) for operands of one complex dtype; {@code product} is the real op. */
    static Tensor product(Tensor a, Tensor b, java.util.function.BinaryOperator<Tensor> product) {
        Tensor ar = re(a), ai = im(a), br = re(b), bi = im(b);
        return of(product.apply(ar, br).sub(product.apply(ai, bi)), product.apply(ar, bi).add(product.apply(ai, br)));
    }

    /** cat of tensors of which one at least is complex: all converted to the common type, joined as real views. */
    static Tensor cat(List<Tensor> parts, int dim, DType common) {
        int d = Shapes.wrapDim(dim, parts.get(0).dim());
        List<Tensor> views = new ArrayList<>();
        for (Tensor t : parts) views.add(Complexes.viewAsReal(Pointwise.as(t, common)));
        return Complexes.newComplex(Torch.cat(views, d));
    }
}
