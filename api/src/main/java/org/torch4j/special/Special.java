package org.torch4j.special;

import java.util.function.DoubleBinaryOperator;
import java.util.function.DoubleUnaryOperator;
import java.util.function.UnaryOperator;
import org.torch4j.DType;
import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.internal.Internals;
import org.torch4j.special.OrthogonalPolynomials.Chebyshev;

/**
 * {@code torch.special} of PyTorch 1.13: Bessel, Airy and gamma-family functions, the normal
 * distribution's functions, the classical orthogonal polynomials, and the special-function aliases of
 * tensor ops ({@code expit}, {@code gammaln}, {@code logsumexp}, ...).
 *
 * <p>The functions with no backend kernel compute on the host in double precision and return on the
 * input's device (so every backend has them); integral inputs give the default float dtype, and the two
 * arguments of the binary ones broadcast and promote as in PyTorch. Gradients are those PyTorch 1.13
 * defines, differentiable again; the functions PyTorch has no derivative for return tensors without
 * history, and {@link #zeta} and {@link #gammainc} fail in backward for the argument that has none.
 */
public final class Special {
    private Special() {}

    private static final double SQRT_HALF = 0.70710678118654752440;
    private static final double SQRT_2PI = 2.50662827463100050242;
    private static final double TWO_OVER_SQRT_PI = 1.12837916709551257390;

    // ---- Bessel and Airy functions (no derivative in PyTorch 1.13) -----------------------------------

    /** {@code torch.special.airy_ai}: the Airy function Ai(x). */
    public static Tensor airyAi(Tensor x) {
        return host("airy_ai", x, Airy::ai);
    }

    /** {@code torch.special.bessel_j0}: the Bessel function of the first kind of order 0. */
    public static Tensor besselJ0(Tensor x) {
        return host("bessel_j0", x, Bessel::j0);
    }

    /** {@code torch.special.bessel_j1}: the Bessel function of the first kind of order 1. */
    public static Tensor besselJ1(Tensor x) {
        return host("bessel_j1", x, Bessel::j1);
    }

    /** {@code torch.special.bessel_y0}: the Bessel function of the second kind of order 0 (NaN for {@code x < 0}). */
    public static Tensor besselY0(Tensor x) {
        return host("bessel_y0", x, Bessel::y0);
    }

    /** {@code torch.special.bessel_y1}: the Bessel function of the second kind of order 1 (NaN for {@code x < 0}). */
    public static Tensor besselY1(Tensor x) {
        return host("bessel_y1", x, Bessel::y1);
    }

    /** {@code torch.special.modified_bessel_i0}: the modified Bessel function of the first kind of order 0. */
    public static Tensor modifiedBesselI0(Tensor x) {
        return host("modified_bessel_i0", x, ModifiedBessel::i0);
    }

    /** {@code torch.special.modified_bessel_i1}: the modified Bessel function of the first kind of order 1. */
    public static Tensor modifiedBesselI1(Tensor x) {
        return host("modified_bessel_i1", x, ModifiedBessel::i1);
    }

    /** {@code torch.special.modified_bessel_k0}: the modified Bessel function of the second kind of order 0. */
    public static Tensor modifiedBesselK0(Tensor x) {
        return host("modified_bessel_k0", x, ModifiedBessel::k0);
    }

    /** {@code torch.special.modified_bessel_k1}: the modified Bessel function of the second kind of order 1. */
    public static Tensor modifiedBesselK1(Tensor x) {
        return host("modified_bessel_k1", x, ModifiedBessel::k1);
    }

    /** {@code torch.special.scaled_modified_bessel_k0}: {@code exp(x) K0(x)}. */
    public static Tensor scaledModifiedBesselK0(Tensor x) {
        return host("scaled_modified_bessel_k0", x, ModifiedBessel::k0e);
    }

    /** {@code torch.special.scaled_modified_bessel_k1}: {@code exp(x) K1(x)}. */
    public static Tensor scaledModifiedBesselK1(Tensor x) {
        return host("scaled_modified_bessel_k1", x, ModifiedBessel::k1e);
    }

    /** {@code torch.special.spherical_bessel_j0}: {@code sin(x)/x}, 1 at 0. */
    public static Tensor sphericalBesselJ0(Tensor x) {
        return host("spherical_bessel_j0", x, Bessel::sphericalJ0);
    }

    // ---- modified Bessel functions with derivatives --------------------------------------------------

    /** {@code torch.special.i0} (and {@code torch.i0}): I0(x); its derivative is I1(x). */
    public static Tensor i0(Tensor x) {
        // PyTorch's CPU kernel of i0 is named i0_vml_cpu in its messages
        return HostFunction.apply("I0Backward0", in -> HostElementwise.unary(in[0].device().isCpu() ? "i0_vml_cpu" : "i0_cuda",
                        in[0], ModifiedBessel::i0),
                (in, g, needed) -> new Tensor[] {g.mul(i1(in[0]))}, x);
    }

    /** {@code torch.special.i0e}: {@code exp(-|x|) I0(x)}; derivative {@code i1e(x) - sgn(x) i0e(x)}. */
    public static Tensor i0e(Tensor x) {
        return HostFunction.apply("SpecialI0EBackward0", in -> host("i0e", in[0], ModifiedBessel::i0e),
                (in, g, needed) -> new Tensor[] {g.mul(i1e(in[0]).sub(in[0].sgn().mul(i0e(in[0]))))}, x);
    }

    /** {@code torch.special.i1}: I1(x); derivative {@code i0(x) - i1(x)/x}, 1/2 at 0. */
    public static Tensor i1(Tensor x) {
        return HostFunction.apply("SpecialI1Backward0", in -> host("i1", in[0], ModifiedBessel::i1), (in, g, needed) -> {
            Tensor v = in[0], zero = v.eq(0.0), safe = v.where(zero.logicalNot(), 1.0);
            return new Tensor[] {g.mul(i0(v).sub(i1(safe).div(safe)).where(zero.logicalNot(), 0.5))};
        }, x);
    }

    /** {@code torch.special.i1e}: {@code exp(-|x|) I1(x)}; derivative {@code i0e(x) - i1e(x) (sgn(x) + 1/x)}, 1/2 at 0. */
    public static Tensor i1e(Tensor x) {
        return HostFunction.apply("SpecialI1EBackward0", in -> host("i1e", in[0], ModifiedBessel::i1e), (in, g, needed) -> {
            Tensor v = in[0], zero = v.eq(0.0), safe = v.where(zero.logicalNot(), 1.0);
            Tensor d = i0e(v).sub(i1e(safe).mul(safe.sgn().add(safe.reciprocal())));
            return new Tensor[] {g.mul(d.where(zero.logicalNot(), 0.5))};
        }, x);
    }

    // ---- the normal distribution and the error functions ---------------------------------------------

    /** {@code torch.special.erf}: the error function (the same as {@link Tensor#erf()}). */
    public static Tensor erf(Tensor x) {
        return x.erf();
    }

    /** {@code torch.special.erfc}: {@code 1 - erf(x)}. */
    public static Tensor erfc(Tensor x) {
        return x.erfc();
    }

    /** {@code torch.special.erfinv}: the inverse of erf on (-1, 1). */
    public static Tensor erfinv(Tensor x) {
        return x.erfinv();
    }

    /** {@code torch.special.erfcx}: {@code exp(x^2) erfc(x)}; derivative {@code 2x erfcx(x) - 2/sqrt(pi)}. */
    public static Tensor erfcx(Tensor x) {
        return HostFunction.apply("SpecialErfcxBackward0", in -> host("erfcx", in[0], Normal::erfcx),
                (in, g, needed) -> new Tensor[] {g.mul(in[0].mul(2.0).mul(erfcx(in[0])).sub(TWO_OVER_SQRT_PI))}, x);
    }

    /** {@code torch.special.ndtr}: the standard normal CDF, {@code erfc(-x/sqrt(2))/2}. */
    public static Tensor ndtr(Tensor x) {
        return x.mul(-SQRT_HALF).erfc().mul(0.5);
    }

    /** {@code torch.special.ndtri}: the standard normal quantile; derivative {@code sqrt(2 pi) exp(ndtri(p)^2 / 2)}. */
    public static Tensor ndtri(Tensor p) {
        return HostFunction.apply("SpecialNdtriBackward0", in -> host("ndtri", in[0], Normal::ndtri), (in, g, needed) -> {
            Tensor y = ndtri(in[0]);
            return new Tensor[] {g.mul(y.mul(y).mul(0.5).exp().mul(SQRT_2PI))};
        }, p);
    }

    /** {@code torch.special.log_ndtr}: {@code log(ndtr(x))}, without underflow far left; derivative {@code phi(x)/ndtr(x)}. */
    public static Tensor logNdtr(Tensor x) {
        return HostFunction.apply("SpecialLogNdtrBackward0", in -> host("log_ndtr", in[0], Normal::logNdtr), (in, g, needed) -> {
            Tensor v = in[0];
            return new Tensor[] {g.mul(v.mul(v).mul(0.5).add(logNdtr(v)).neg().exp().div(SQRT_2PI))};
        }, x);
    }

    // ---- the gamma family -----------------------------------------------------------------------------

    /** {@code torch.special.gammaln}: {@code log|Gamma(x)|} (the same as {@link Tensor#lgamma()}). */
    public static Tensor gammaln(Tensor x) {
        return x.lgamma();
    }

    /** {@code torch.special.digamma}: the logarithmic derivative of Gamma. */
    public static Tensor digamma(Tensor x) {
        return x.digamma();
    }

    /** {@code torch.special.psi}: an alias of {@link #digamma}. */
    public static Tensor psi(Tensor x) {
        return x.digamma();
    }

    /** {@code torch.special.polygamma(n, x)}: the n-th derivative of digamma. */
    public static Tensor polygamma(int n, Tensor x) {
        return x.polygamma(n);
    }

    /** {@code torch.special.multigammaln(x, p)}: the log of the multivariate gamma function of dimension p. */
    public static Tensor multigammaln(Tensor x, int p) {
        return x.mvlgamma(p);
    }

    /**
     * {@code torch.special.gammainc(a, x)}: the regularized lower incomplete gamma function P(a, x).
     * Differentiable in x ({@code x^(a-1) e^-x / Gamma(a)}); PyTorch has no derivative in a.
     */
    public static Tensor gammainc(Tensor a, Tensor x) {
        return incompleteGamma(a, x, false);
    }

    /** {@code torch.special.gammaincc(a, x)}: the regularized upper incomplete gamma function Q(a, x) = 1 - P(a, x). */
    public static Tensor gammaincc(Tensor a, Tensor x) {
        return incompleteGamma(a, x, true);
    }

    private static Tensor incompleteGamma(Tensor a, Tensor x, boolean upper) {
        String name = upper ? "igammac" : "igamma";
        DType common = Torch.resultType(a, x);
        if (!common.isFloatingPoint()) {
            // unlike the other special functions, PyTorch's igamma kernels take no integral inputs
            throw new IllegalArgumentException("\"" + kernel(name, a) + "\" not implemented for '"
                    + Internals.get().cppName(common) + "'");
        }
        DoubleBinaryOperator f = upper ? IncompleteGamma::igammac : IncompleteGamma::igamma;
        Tensor[] ab = broadcast(a, x);
        return HostFunction.apply(upper ? "IgammacBackward0" : "IgammaBackward0",
                in -> HostElementwise.binary(kernel(name, in[0]), in[0], in[1], f), (in, g, needed) -> {
                    if (needed[0]) throw notImplemented(name + ": input");
                    Tensor av = in[0], xv = in[1];
                    Tensor d = av.sub(1.0).mul(xv.log()).sub(xv).sub(av.lgamma()).exp();
                    Tensor gx = g.mul(upper ? d.neg() : d);
                    return new Tensor[] {null, gx.to(xv.dtype())};
                }, ab[0], ab[1]);
    }

    /**
     * {@code torch.special.zeta(x, q)}: the Hurwitz zeta function {@code sum_k (k + q)^-x}. Differentiable
     * in q ({@code -x zeta(x + 1, q)}); PyTorch has no derivative in x.
     */
    public static Tensor zeta(Tensor x, Tensor q) {
        Tensor[] xq = broadcast(x, q);
        return HostFunction.apply("SpecialZetaBackward0",
                in -> HostElementwise.binary(kernel("zeta", in[0]), in[0], in[1], HurwitzZeta::zeta), (in, g, needed) -> {
                    if (needed[0]) throw notImplemented("zeta");
                    return new Tensor[] {null, g.mul(in[0].neg().mul(zeta(in[0].add(1.0), in[1]))).to(in[1].dtype())};
                }, xq[0], xq[1]);
    }

    /** {@link #zeta(Tensor, Tensor)} with a scalar q. */
    public static Tensor zeta(Tensor x, double q) {
        return zeta(x, HostElementwise.scalar(q, x));
    }

    /** {@link #zeta(Tensor, Tensor)} with a scalar x. */
    public static Tensor zeta(double x, Tensor q) {
        return zeta(HostElementwise.scalar(x, q), q);
    }

    // ---- logs, exponentials, entropies ---------------------------------------------------------------

    /** {@code torch.special.expit}: the logistic sigmoid. */
    public static Tensor expit(Tensor x) {
        return x.sigmoid();
    }

    /** {@code torch.special.exp2}: {@code 2^x}. */
    public static Tensor exp2(Tensor x) {
        return x.exp2();
    }

    /** {@code torch.special.expm1}: {@code exp(x) - 1}, accurate near 0. */
    public static Tensor expm1(Tensor x) {
        return x.expm1();
    }

    /** {@code torch.special.log1p}: {@code log(1 + x)}, accurate near 0. */
    public static Tensor log1p(Tensor x) {
        return x.log1p();
    }

    /**
     * {@code torch.special.logit(x, eps)}: {@code log(z / (1 - z))} with z = x clamped to [eps, 1 - eps] (not
     * clamped when eps is null or negative); the gradient is 0 where the clamp is active.
     */
    public static Tensor logit(Tensor x, Double eps) {
        if (eps != null && eps >= 0) {
            Tensor z = x.clamp(eps.doubleValue(), 1 - eps);
            return z.div(z.rsub(1.0)).log();
        }
        // PyTorch's gradient is NaN outside [0, 1], where the composite's would be finite
        return HostFunction.apply("LogitBackward0", in -> in[0].div(in[0].rsub(1.0)).log(), (in, g, needed) -> {
            Tensor v = in[0], outside = v.lt(0.0).logicalOr(v.gt(1.0));
            return new Tensor[] {g.div(v.mul(v.rsub(1.0))).where(outside.logicalNot(), Double.NaN)};
        }, x);
    }

    /** {@code torch.special.logit(x)}: {@code log(x / (1 - x))}, eps None. */
    public static Tensor logit(Tensor x) {
        return logit(x, null);
    }

    /** {@code torch.special.entr}: the elementwise entropy {@code -x log x}: 0 at 0, -inf for {@code x < 0}. */
    public static Tensor entr(Tensor x) {
        if (x.isComplex()) throw new IllegalArgumentException("\"" + kernel("entr", x) + "\" not implemented for '"
                + Internals.get().cppName(x.dtype()) + "'");
        // PyTorch's gradient -(1 + log x) everywhere: +inf at 0 and NaN below, where the composite's is 0
        return HostFunction.apply("SpecialEntrBackward0", in -> entrValue(in[0]),
                (in, g, needed) -> new Tensor[] {g.mul(in[0].log().add(1.0).neg())}, x);
    }

    private static Tensor entrValue(Tensor x) {
        Tensor positive = x.gt(0.0), safe = x.where(positive, 1.0);
        Tensor inner = safe.mul(safe.log()).neg();
        Tensor outside = Torch.zerosLike(inner).where(x.eq(0.0), Double.NEGATIVE_INFINITY);
        // NaN stays NaN (neither branch's comparison holds for it)
        return inner.where(positive, outside).where(x.isnan().logicalNot(), Double.NaN);
    }

    /**
     * {@code torch.special.sinc}: the normalized sinc {@code sin(pi x)/(pi x)}, 1 at 0. Its derivative is PyTorch's
     * {@code (pi x cos(pi x) - sin(pi x)) / (pi x^2)}, 0 at 0: the quotient rule on the value would subtract two
     * terms of order 1/x (3e12 off at x = 1e-30).
     */
    public static Tensor sinc(Tensor x) {
        return HostFunction.apply("SincBackward0", in -> roundedOnce(in[0], v -> {
            Tensor zero = v.eq(0.0), safe = v.where(zero.logicalNot(), 1.0).mul(Math.PI);
            return safe.sin().div(safe).where(zero.logicalNot(), 1.0);
        }), (in, g, needed) -> {
            Tensor d = roundedOnce(in[0], v -> {
                Tensor s = v.mul(Math.PI);
                return s.mul(s.cos()).sub(s.sin()).div(s.mul(v)).where(v.ne(0.0), 0.0);
            });
            return new Tensor[] {g.mul(d)};
        }, x);
    }

    /**
     * f of a float16 or bfloat16 x computed in float32 and rounded once (each op of f in the 16-bit dtype would round
     * pi x first: sinc(5.75) came out 7% off in bfloat16); f of x itself for other dtypes.
     */
    private static Tensor roundedOnce(Tensor x, UnaryOperator<Tensor> f) {
        DType d = x.dtype();
        return d == DType.FLOAT16 || d == DType.BFLOAT16 ? f.apply(x.toFloat()).to(d) : f.apply(x);
    }

    /** {@code torch.special.xlogy(x, y)}: {@code x log(y)}, 0 where x is 0 (unless y is NaN). */
    public static Tensor xlogy(Tensor x, Tensor y) {
        return x.xlogy(y);
    }

    /** {@link #xlogy(Tensor, Tensor)} with a scalar y. */
    public static Tensor xlogy(Tensor x, double y) {
        return x.xlogy(HostElementwise.scalar(y, x));
    }

    /** {@link #xlogy(Tensor, Tensor)} with a scalar x. */
    public static Tensor xlogy(double x, Tensor y) {
        return HostElementwise.scalar(x, y).xlogy(y);
    }

    /**
     * {@code torch.special.xlog1py(x, y)}: {@code x log1p(y)}, 0 where x is 0 (unless y is NaN). Gradients as
     * PyTorch's: {@code xlog1py(g, y)} ({@code 0} where {@code x = 0} and {@code y <= -1}) for x, {@code g x / (1 + y)} for y.
     */
    public static Tensor xlog1py(Tensor x, Tensor y) {
        if (x.isComplex() || y.isComplex()) throw new IllegalArgumentException("\"xlog1py_cpu\" not implemented for '"
                + Internals.get().cppName(x.isComplex() ? x.dtype() : y.dtype()) + "'");
        Tensor[] xy = broadcast(x, y);
        return HostFunction.apply("SpecialXlog1PyBackward0", in -> xlog1pyValue(in[0], in[1]), (in, g, needed) -> {
            Tensor gx = null, gy = null;
            if (needed[0]) gx = xlog1py(g, in[1]).where(in[0].eq(0.0).logicalAnd(in[1].le(-1.0)).logicalNot(), 0.0);
            if (needed[1]) gy = g.mul(in[0]).div(in[1].add(1.0));
            return new Tensor[] {gx == null ? null : gx.to(in[0].dtype()), gy == null ? null : gy.to(in[1].dtype())};
        }, xy[0], xy[1]);
    }

    /** {@link #xlog1py(Tensor, Tensor)} with a scalar y. */
    public static Tensor xlog1py(Tensor x, double y) {
        return xlog1py(x, HostElementwise.scalar(y, x));
    }

    /** {@link #xlog1py(Tensor, Tensor)} with a scalar x. */
    public static Tensor xlog1py(double x, Tensor y) {
        return xlog1py(HostElementwise.scalar(x, y), y);
    }

    private static Tensor xlog1pyValue(Tensor x, Tensor y) {
        DType t = HostElementwise.floating(Torch.resultType(x, y));
        Tensor xf = x.to(t), yf = y.to(t);
        Tensor keep = xf.ne(0.0).logicalOr(yf.isnan());
        return xf.mul(yf.log1p()).where(keep, 0.0);
    }

    /** {@code torch.special.logsumexp(x, dims, keepdim)}: {@code log(sum(exp(x)))} over dims, computed stably. */
    public static Tensor logsumexp(Tensor x, int[] dims, boolean keepdim) {
        return x.logsumexp(dims, keepdim);
    }

    /** {@code torch.special.logsumexp(x, dim)} without keepdim. */
    public static Tensor logsumexp(Tensor x, int dim) {
        return x.logsumexp(dim);
    }

    /** {@code torch.special.softmax(x, dim)}. */
    public static Tensor softmax(Tensor x, int dim) {
        return Internals.get().softmax(x, dim, false);
    }

    /** {@code torch.special.softmax(x, dim, dtype)}: x is cast to dtype first. */
    public static Tensor softmax(Tensor x, int dim, DType dtype) {
        return Internals.get().softmax(x.to(dtype), dim, false);
    }

    /** {@code torch.special.log_softmax(x, dim)}. */
    public static Tensor logSoftmax(Tensor x, int dim) {
        return Internals.get().softmax(x, dim, true);
    }

    /** {@code torch.special.log_softmax(x, dim, dtype)}: x is cast to dtype first. */
    public static Tensor logSoftmax(Tensor x, int dim, DType dtype) {
        return Internals.get().softmax(x.to(dtype), dim, true);
    }

    /** {@code torch.special.round(x)}: rounds half to even. */
    public static Tensor round(Tensor x) {
        return x.round();
    }

    /** {@code torch.special.round(x, decimals)}: rounds half to even at 10^-decimals. */
    public static Tensor round(Tensor x, int decimals) {
        return x.round(decimals);
    }

    // ---- orthogonal polynomials (no derivative in PyTorch 1.13) --------------------------------------

    /** {@code torch.special.chebyshev_polynomial_t(x, n)}: the Chebyshev polynomial of the first kind of degree n. */
    public static Tensor chebyshevPolynomialT(Tensor x, Tensor n) {
        return polynomial("chebyshev_polynomial_t", x, n, (v, k) -> OrthogonalPolynomials.chebyshev(Chebyshev.T, v, k));
    }

    /** {@code torch.special.chebyshev_polynomial_t} with a scalar degree. */
    public static Tensor chebyshevPolynomialT(Tensor x, double n) {
        return chebyshevPolynomialT(x, HostElementwise.scalar(n, x));
    }

    /** {@code torch.special.chebyshev_polynomial_t} at a scalar x. */
    public static Tensor chebyshevPolynomialT(double x, Tensor n) {
        return chebyshevPolynomialT(HostElementwise.scalar(x, n), n);
    }

    /** {@code torch.special.chebyshev_polynomial_u(x, n)}: the Chebyshev polynomial of the second kind. */
    public static Tensor chebyshevPolynomialU(Tensor x, Tensor n) {
        return polynomial("chebyshev_polynomial_u", x, n, (v, k) -> OrthogonalPolynomials.chebyshev(Chebyshev.U, v, k));
    }

    /** {@code torch.special.chebyshev_polynomial_u} with a scalar degree. */
    public static Tensor chebyshevPolynomialU(Tensor x, double n) {
        return chebyshevPolynomialU(x, HostElementwise.scalar(n, x));
    }

    /** {@code torch.special.chebyshev_polynomial_u} at a scalar x. */
    public static Tensor chebyshevPolynomialU(double x, Tensor n) {
        return chebyshevPolynomialU(HostElementwise.scalar(x, n), n);
    }

    /** {@code torch.special.chebyshev_polynomial_v(x, n)}: the Chebyshev polynomial of the third kind. */
    public static Tensor chebyshevPolynomialV(Tensor x, Tensor n) {
        return polynomial("chebyshev_polynomial_v", x, n, (v, k) -> OrthogonalPolynomials.chebyshev(Chebyshev.V, v, k));
    }

    /** {@code torch.special.chebyshev_polynomial_v} with a scalar degree. */
    public static Tensor chebyshevPolynomialV(Tensor x, double n) {
        return chebyshevPolynomialV(x, HostElementwise.scalar(n, x));
    }

    /** {@code torch.special.chebyshev_polynomial_v} at a scalar x. */
    public static Tensor chebyshevPolynomialV(double x, Tensor n) {
        return chebyshevPolynomialV(HostElementwise.scalar(x, n), n);
    }

    /** {@code torch.special.chebyshev_polynomial_w(x, n)}: the Chebyshev polynomial of the fourth kind. */
    public static Tensor chebyshevPolynomialW(Tensor x, Tensor n) {
        return polynomial("chebyshev_polynomial_w", x, n, (v, k) -> OrthogonalPolynomials.chebyshev(Chebyshev.W, v, k));
    }

    /** {@code torch.special.chebyshev_polynomial_w} with a scalar degree. */
    public static Tensor chebyshevPolynomialW(Tensor x, double n) {
        return chebyshevPolynomialW(x, HostElementwise.scalar(n, x));
    }

    /** {@code torch.special.chebyshev_polynomial_w} at a scalar x. */
    public static Tensor chebyshevPolynomialW(double x, Tensor n) {
        return chebyshevPolynomialW(HostElementwise.scalar(x, n), n);
    }

    /** {@code torch.special.shifted_chebyshev_polynomial_t(x, n)}: T_n(2x - 1), orthogonal on [0, 1]. */
    public static Tensor shiftedChebyshevPolynomialT(Tensor x, Tensor n) {
        return polynomial("shifted_chebyshev_polynomial_t", x, n,
                (v, k) -> OrthogonalPolynomials.shiftedChebyshev(Chebyshev.T, v, k));
    }

    /** {@code torch.special.shifted_chebyshev_polynomial_t} with a scalar degree. */
    public static Tensor shiftedChebyshevPolynomialT(Tensor x, double n) {
        return shiftedChebyshevPolynomialT(x, HostElementwise.scalar(n, x));
    }

    /** {@code torch.special.shifted_chebyshev_polynomial_t} at a scalar x. */
    public static Tensor shiftedChebyshevPolynomialT(double x, Tensor n) {
        return shiftedChebyshevPolynomialT(HostElementwise.scalar(x, n), n);
    }

    /** {@code torch.special.shifted_chebyshev_polynomial_u(x, n)}: U_n(2x - 1). */
    public static Tensor shiftedChebyshevPolynomialU(Tensor x, Tensor n) {
        return polynomial("shifted_chebyshev_polynomial_u", x, n,
                (v, k) -> OrthogonalPolynomials.shiftedChebyshev(Chebyshev.U, v, k));
    }

    /** {@code torch.special.shifted_chebyshev_polynomial_u} with a scalar degree. */
    public static Tensor shiftedChebyshevPolynomialU(Tensor x, double n) {
        return shiftedChebyshevPolynomialU(x, HostElementwise.scalar(n, x));
    }

    /** {@code torch.special.shifted_chebyshev_polynomial_u} at a scalar x. */
    public static Tensor shiftedChebyshevPolynomialU(double x, Tensor n) {
        return shiftedChebyshevPolynomialU(HostElementwise.scalar(x, n), n);
    }

    /** {@code torch.special.shifted_chebyshev_polynomial_v(x, n)}: V_n(2x - 1). */
    public static Tensor shiftedChebyshevPolynomialV(Tensor x, Tensor n) {
        return polynomial("shifted_chebyshev_polynomial_v", x, n,
                (v, k) -> OrthogonalPolynomials.shiftedChebyshev(Chebyshev.V, v, k));
    }

    /** {@code torch.special.shifted_chebyshev_polynomial_v} with a scalar degree. */
    public static Tensor shiftedChebyshevPolynomialV(Tensor x, double n) {
        return shiftedChebyshevPolynomialV(x, HostElementwise.scalar(n, x));
    }

    /** {@code torch.special.shifted_chebyshev_polynomial_v} at a scalar x. */
    public static Tensor shiftedChebyshevPolynomialV(double x, Tensor n) {
        return shiftedChebyshevPolynomialV(HostElementwise.scalar(x, n), n);
    }

    /** {@code torch.special.shifted_chebyshev_polynomial_w(x, n)}: W_n(2x - 1). */
    public static Tensor shiftedChebyshevPolynomialW(Tensor x, Tensor n) {
        return polynomial("shifted_chebyshev_polynomial_w", x, n,
                (v, k) -> OrthogonalPolynomials.shiftedChebyshev(Chebyshev.W, v, k));
    }

    /** {@code torch.special.shifted_chebyshev_polynomial_w} with a scalar degree. */
    public static Tensor shiftedChebyshevPolynomialW(Tensor x, double n) {
        return shiftedChebyshevPolynomialW(x, HostElementwise.scalar(n, x));
    }

    /** {@code torch.special.shifted_chebyshev_polynomial_w} at a scalar x. */
    public static Tensor shiftedChebyshevPolynomialW(double x, Tensor n) {
        return shiftedChebyshevPolynomialW(HostElementwise.scalar(x, n), n);
    }

    /** {@code torch.special.hermite_polynomial_h(x, n)}: the physicists' Hermite polynomial. */
    public static Tensor hermitePolynomialH(Tensor x, Tensor n) {
        return polynomial("hermite_polynomial_h", x, n, OrthogonalPolynomials::hermiteH);
    }

    /** {@code torch.special.hermite_polynomial_h} with a scalar degree. */
    public static Tensor hermitePolynomialH(Tensor x, double n) {
        return hermitePolynomialH(x, HostElementwise.scalar(n, x));
    }

    /** {@code torch.special.hermite_polynomial_h} at a scalar x. */
    public static Tensor hermitePolynomialH(double x, Tensor n) {
        return hermitePolynomialH(HostElementwise.scalar(x, n), n);
    }

    /** {@code torch.special.hermite_polynomial_he(x, n)}: the probabilists' Hermite polynomial. */
    public static Tensor hermitePolynomialHe(Tensor x, Tensor n) {
        return polynomial("hermite_polynomial_he", x, n, OrthogonalPolynomials::hermiteHe);
    }

    /** {@code torch.special.hermite_polynomial_he} with a scalar degree. */
    public static Tensor hermitePolynomialHe(Tensor x, double n) {
        return hermitePolynomialHe(x, HostElementwise.scalar(n, x));
    }

    /** {@code torch.special.hermite_polynomial_he} at a scalar x. */
    public static Tensor hermitePolynomialHe(double x, Tensor n) {
        return hermitePolynomialHe(HostElementwise.scalar(x, n), n);
    }

    /** {@code torch.special.laguerre_polynomial_l(x, n)}: the Laguerre polynomial. */
    public static Tensor laguerrePolynomialL(Tensor x, Tensor n) {
        return polynomial("laguerre_polynomial_l", x, n, OrthogonalPolynomials::laguerreL);
    }

    /** {@code torch.special.laguerre_polynomial_l} with a scalar degree. */
    public static Tensor laguerrePolynomialL(Tensor x, double n) {
        return laguerrePolynomialL(x, HostElementwise.scalar(n, x));
    }

    /** {@code torch.special.laguerre_polynomial_l} at a scalar x. */
    public static Tensor laguerrePolynomialL(double x, Tensor n) {
        return laguerrePolynomialL(HostElementwise.scalar(x, n), n);
    }

    /** {@code torch.special.legendre_polynomial_p(x, n)}: the Legendre polynomial. */
    public static Tensor legendrePolynomialP(Tensor x, Tensor n) {
        return polynomial("legendre_polynomial_p", x, n, OrthogonalPolynomials::legendreP);
    }

    /** {@code torch.special.legendre_polynomial_p} with a scalar degree. */
    public static Tensor legendrePolynomialP(Tensor x, double n) {
        return legendrePolynomialP(x, HostElementwise.scalar(n, x));
    }

    /** {@code torch.special.legendre_polynomial_p} at a scalar x. */
    public static Tensor legendrePolynomialP(double x, Tensor n) {
        return legendrePolynomialP(HostElementwise.scalar(x, n), n);
    }

    // ---- helpers --------------------------------------------------------------------------------------

    /** A polynomial of degree n (truncated to an integer as PyTorch's kernels do) at x. */
    private interface Polynomial {
        double at(double x, long n);
    }

    private static Tensor polynomial(String name, Tensor x, Tensor n, Polynomial p) {
        return HostElementwise.binary(kernel(name, x), x, n, (v, k) -> p.at(v, OrthogonalPolynomials.degree(k)));
    }

    private static Tensor host(String name, Tensor x, DoubleUnaryOperator f) {
        return HostElementwise.unary(kernel(name, x), x, f);
    }

    /** PyTorch's kernel name in its "not implemented for" messages. */
    private static String kernel(String name, Tensor on) {
        return name + (on.device().isCpu() ? "_cpu" : "_cuda");
    }

    /**
     * The two operands expanded to their broadcast shape, so that each gets a gradient of its own shape back; a
     * CPU 0-dim operand first joins the other's device, and both take their floating result type first (once
     * expanded, a 0-dim operand would no longer give way in the promotion: float32 beside a 0-dim float64 is float32).
     */
    private static Tensor[] broadcast(Tensor a, Tensor b) {
        if (!a.device().equals(b.device()) && a.dim() == 0 && a.device().isCpu()) a = a.to(b.device());
        if (!a.device().equals(b.device()) && b.dim() == 0 && b.device().isCpu()) b = b.to(a.device());
        DType common = Torch.resultType(a, b);
        if (common.isFloatingPoint()) {
            a = a.to(common);
            b = b.to(common);
        }
        long[] shape = Internals.get().broadcastShapes(a.shape(), b.shape());
        return new Tensor[] {a.expand(shape), b.expand(shape)};
    }

    private static UnsupportedOperationException notImplemented(String what) {
        return new UnsupportedOperationException("the derivative for '" + what + "' is not implemented.");
    }
}
