package org.torch4j.conformance;

import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.BinaryOperator;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import org.torch4j.Tensor;
import org.torch4j.special.Special;

/**
 * The {@code torch.special} ops of the kit ({@code special_*} in {@code tools/gen_tensor_reference.py}), which
 * {@code tools/fuzz_against_pytorch.py --special} draws: the unary functions, the two-argument ones (the
 * polynomials' degree as a tensor or a number), multigammaln.
 */
final class SpecialOps {
    private SpecialOps() {}

    private static final Map<String, UnaryOperator<Tensor>> UNARY = Map.ofEntries(
            Map.entry("airy_ai", Special::airyAi), Map.entry("bessel_j0", Special::besselJ0),
            Map.entry("bessel_j1", Special::besselJ1), Map.entry("bessel_y0", Special::besselY0),
            Map.entry("bessel_y1", Special::besselY1), Map.entry("digamma", Special::digamma),
            Map.entry("entr", Special::entr), Map.entry("erf", Special::erf), Map.entry("erfc", Special::erfc),
            Map.entry("erfcx", Special::erfcx), Map.entry("erfinv", Special::erfinv), Map.entry("exp2", Special::exp2),
            Map.entry("expit", Special::expit), Map.entry("expm1", Special::expm1), Map.entry("gammaln", Special::gammaln),
            Map.entry("i0", Special::i0), Map.entry("i0e", Special::i0e), Map.entry("i1", Special::i1),
            Map.entry("i1e", Special::i1e), Map.entry("log1p", Special::log1p), Map.entry("log_ndtr", Special::logNdtr),
            Map.entry("logit", Special::logit), Map.entry("modified_bessel_i0", Special::modifiedBesselI0),
            Map.entry("modified_bessel_i1", Special::modifiedBesselI1), Map.entry("modified_bessel_k0", Special::modifiedBesselK0),
            Map.entry("modified_bessel_k1", Special::modifiedBesselK1), Map.entry("ndtr", Special::ndtr),
            Map.entry("ndtri", Special::ndtri), Map.entry("psi", Special::psi), Map.entry("sinc", Special::sinc),
            Map.entry("scaled_modified_bessel_k0", Special::scaledModifiedBesselK0),
            Map.entry("scaled_modified_bessel_k1", Special::scaledModifiedBesselK1),
            Map.entry("spherical_bessel_j0", Special::sphericalBesselJ0));

    /** The two-argument functions: both tensors. */
    private static final Map<String, BinaryOperator<Tensor>> BINARY = Map.ofEntries(
            Map.entry("gammainc", Special::gammainc), Map.entry("gammaincc", Special::gammaincc),
            Map.entry("xlog1py", Special::xlog1py), Map.entry("xlogy", Special::xlogy), Map.entry("zeta", Special::zeta),
            Map.entry("chebyshev_polynomial_t", Special::chebyshevPolynomialT),
            Map.entry("chebyshev_polynomial_u", Special::chebyshevPolynomialU),
            Map.entry("chebyshev_polynomial_v", Special::chebyshevPolynomialV),
            Map.entry("chebyshev_polynomial_w", Special::chebyshevPolynomialW),
            Map.entry("hermite_polynomial_h", Special::hermitePolynomialH),
            Map.entry("hermite_polynomial_he", Special::hermitePolynomialHe),
            Map.entry("laguerre_polynomial_l", Special::laguerrePolynomialL),
            Map.entry("legendre_polynomial_p", Special::legendrePolynomialP),
            Map.entry("shifted_chebyshev_polynomial_t", Special::shiftedChebyshevPolynomialT),
            Map.entry("shifted_chebyshev_polynomial_u", Special::shiftedChebyshevPolynomialU),
            Map.entry("shifted_chebyshev_polynomial_v", Special::shiftedChebyshevPolynomialV),
            Map.entry("shifted_chebyshev_polynomial_w", Special::shiftedChebyshevPolynomialW));

    /** The polynomials with a number as the degree. */
    private static final Map<String, java.util.function.BiFunction<Tensor, Double, Tensor>> POLYNOMIALS = Map.ofEntries(
            Map.entry("chebyshev_polynomial_t", Special::chebyshevPolynomialT),
            Map.entry("chebyshev_polynomial_u", Special::chebyshevPolynomialU),
            Map.entry("chebyshev_polynomial_v", Special::chebyshevPolynomialV),
            Map.entry("chebyshev_polynomial_w", Special::chebyshevPolynomialW),
            Map.entry("hermite_polynomial_h", Special::hermitePolynomialH),
            Map.entry("hermite_polynomial_he", Special::hermitePolynomialHe),
            Map.entry("laguerre_polynomial_l", Special::laguerrePolynomialL),
            Map.entry("legendre_polynomial_p", Special::legendrePolynomialP),
            Map.entry("shifted_chebyshev_polynomial_t", Special::shiftedChebyshevPolynomialT),
            Map.entry("shifted_chebyshev_polynomial_u", Special::shiftedChebyshevPolynomialU),
            Map.entry("shifted_chebyshev_polynomial_v", Special::shiftedChebyshevPolynomialV),
            Map.entry("shifted_chebyshev_polynomial_w", Special::shiftedChebyshevPolynomialW));

    static void register(BiConsumer<String, Function<Ops.Args, Object>> op) {
        UNARY.forEach((name, f) -> op.accept("special_" + name, a -> f.apply(a.t(0))));
        BINARY.forEach((name, f) -> op.accept("special_" + name, a -> a.isTensor(1) ? f.apply(a.t(0), a.t(1))
                : POLYNOMIALS.get(name).apply(a.t(0), a.d(1))));
        op.accept("special_multigammaln", a -> Special.multigammaln(a.t(0), a.i(1)));
    }
}
