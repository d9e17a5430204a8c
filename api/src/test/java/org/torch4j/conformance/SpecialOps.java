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

    /** The functions of one tensor, by their torch.special names (SpecialTest's table too). */
    static final Map<String, UnaryOperator<Tensor>> UNARY = Map.ofEntries(
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

    /** The two-argument functions other than the polynomials: both tensors. */
    private static final Map<String, BinaryOperator<Tensor>> BINARY = Map.of(
            "gammainc", Special::gammainc, "gammaincc", Special::gammaincc, "xlog1py", Special::xlog1py,
            "xlogy", Special::xlogy, "zeta", Special::zeta);

    /** A polynomial family: with its degree as a tensor, or as a number. */
    private record Polynomial(BinaryOperator<Tensor> tensor, java.util.function.BiFunction<Tensor, Double, Tensor> number) {}

    private static final Map<String, Polynomial> POLYNOMIALS = Map.ofEntries(
            Map.entry("chebyshev_polynomial_t", new Polynomial(Special::chebyshevPolynomialT, Special::chebyshevPolynomialT)),
            Map.entry("chebyshev_polynomial_u", new Polynomial(Special::chebyshevPolynomialU, Special::chebyshevPolynomialU)),
            Map.entry("chebyshev_polynomial_v", new Polynomial(Special::chebyshevPolynomialV, Special::chebyshevPolynomialV)),
            Map.entry("chebyshev_polynomial_w", new Polynomial(Special::chebyshevPolynomialW, Special::chebyshevPolynomialW)),
            Map.entry("hermite_polynomial_h", new Polynomial(Special::hermitePolynomialH, Special::hermitePolynomialH)),
            Map.entry("hermite_polynomial_he", new Polynomial(Special::hermitePolynomialHe, Special::hermitePolynomialHe)),
            Map.entry("laguerre_polynomial_l", new Polynomial(Special::laguerrePolynomialL, Special::laguerrePolynomialL)),
            Map.entry("legendre_polynomial_p", new Polynomial(Special::legendrePolynomialP, Special::legendrePolynomialP)),
            Map.entry("shifted_chebyshev_polynomial_t",
                    new Polynomial(Special::shiftedChebyshevPolynomialT, Special::shiftedChebyshevPolynomialT)),
            Map.entry("shifted_chebyshev_polynomial_u",
                    new Polynomial(Special::shiftedChebyshevPolynomialU, Special::shiftedChebyshevPolynomialU)),
            Map.entry("shifted_chebyshev_polynomial_v",
                    new Polynomial(Special::shiftedChebyshevPolynomialV, Special::shiftedChebyshevPolynomialV)),
            Map.entry("shifted_chebyshev_polynomial_w",
                    new Polynomial(Special::shiftedChebyshevPolynomialW, Special::shiftedChebyshevPolynomialW)));

    static void register(BiConsumer<String, Function<Ops.Args, Object>> op) {
        UNARY.forEach((name, f) -> op.accept("special_" + name, a -> f.apply(a.t(0))));
        BINARY.forEach((name, f) -> op.accept("special_" + name, a -> f.apply(a.t(0), a.t(1))));
        POLYNOMIALS.forEach((name, p) -> op.accept("special_" + name,
                a -> a.isTensor(1) ? p.tensor().apply(a.t(0), a.t(1)) : p.number().apply(a.t(0), a.d(1))));
        op.accept("special_multigammaln", a -> Special.multigammaln(a.t(0), a.i(1)));
    }
}
