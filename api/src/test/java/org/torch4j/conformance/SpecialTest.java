package org.torch4j.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.torch4j.Autograd;
import org.torch4j.DType;
import org.torch4j.GradCheck;
import org.torch4j.MantissaExponent;
import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.special.Special;

/**
 * {@code torch.special} and the extra elementwise ops (logaddexp, frexp, gcd, float_power, ...) against
 * PyTorch 1.13 ({@code special.json} from {@code tools/gen_special_reference.py}): values over wide ranges
 * with poles, non-finite and integral inputs in float64 (to ~1e-14 relative) and float32, PyTorch's
 * gradients, in-place forms and error messages; then gradcheck and gradgradcheck in float64 of every
 * differentiable op.
 */
class SpecialTest {

    /** float64 values agree with PyTorch's (Cephes') to this relative error; near zeros of a function, absolutely. */
    private static final double RTOL64 = 1e-14, ATOL64 = 1e-15;
    /**
     * Chebyshev polynomials of high degree use {@code sin((n + 1) acos(y)) / sin(acos(y))} and the like: an ulp of
     * difference between two libms' acos grows by the degree, so these agree to 1e-13.
     */
    private static final double RTOL_TRIG = 1e-13;
    /**
     * PyTorch evaluates float32 inputs in float32 arithmetic (series and recurrences accumulate several ulps);
     * we evaluate in double and round once, so the two agree to some ulps of float32, not to one.
     */
    private static final double RTOL32 = 1e-5, ATOL32 = 1e-5;

    @TestFactory
    Stream<DynamicTest> pytorchReference() {
        return Reference.cases("special.json").stream().map(c -> DynamicTest.dynamicTest(name(c), () -> check(c)));
    }

    private static String name(Map<String, Object> c) {
        StringBuilder sb = new StringBuilder((String) c.get("fn"));
        for (Object a : args(c)) {
            sb.append(' ').append(a instanceof Map<?, ?> m && m.containsKey("dtype") ? m.get("dtype") + String.valueOf(m.get("shape")) : a);
        }
        if (!kw(c).isEmpty()) sb.append(' ').append(kw(c));
        return sb.append(c.containsKey("error") ? " error" : "").toString();
    }

    @SuppressWarnings("unchecked")
    private static List<Object> args(Map<String, Object> c) {
        return (List<Object>) c.get("args");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> kw(Map<String, Object> c) {
        return (Map<String, Object>) c.get("kw");
    }

    @SuppressWarnings("unchecked")
    private static void check(Map<String, Object> c) {
        List<Integer> wrt = c.containsKey("wrt") ? ((List<Object>) c.get("wrt")).stream().map(v -> ((Number) v).intValue()).toList() : List.of();
        List<Object> in = new ArrayList<>();
        List<Tensor> leaves = new ArrayList<>();
        for (int i = 0; i < args(c).size(); i++) {
            Object a = decode(args(c).get(i));
            if (wrt.contains(i)) {
                a = ((Tensor) a).requiresGrad_();
                leaves.add((Tensor) a);
            }
            in.add(a);
        }
        String fn = (String) c.get("fn");
        if (c.containsKey("error")) {
            RuntimeException e = assertThrows(RuntimeException.class, () -> invoke(fn, in, kw(c)));
            String type = (String) c.get("type");
            assertEquals(type.equals("IndexError") ? IndexOutOfBoundsException.class : IllegalArgumentException.class, e.getClass(),
                    "exception class");
            assertEquals(c.get("error"), e.getMessage());
            return;
        }
        Object result = invoke(fn, in, kw(c));
        List<Object> expected = (List<Object>) c.get("out");
        Tensor[] outs = result instanceof MantissaExponent me ? new Tensor[] {me.mantissa(), me.exponent()} : new Tensor[] {(Tensor) result};
        double rtol64 = fn.contains("chebyshev") ? RTOL_TRIG : RTOL64;
        for (int i = 0; i < outs.length; i++) assertClose(expected.get(i), outs[i], rtol64, "out " + i);
        if (!leaves.isEmpty()) {
            List<Tensor> grads = Autograd.grad(List.of(outs[0].sum()), leaves, null, false, false, false);
            List<Object> eg = (List<Object>) c.get("grads");
            for (int i = 0; i < grads.size(); i++) assertClose(eg.get(i), grads.get(i), RTOL64, "grad " + i);
        }
    }

    @SuppressWarnings("unchecked")
    private static void assertClose(Object spec, Tensor actual, double rtol64, String context) {
        DType d = DType.of((String) ((Map<String, Object>) spec).get("dtype"));
        if (d == DType.FLOAT64) Reference.assertTensor(spec, actual, rtol64, ATOL64, context);
        else if (d == DType.FLOAT32) Reference.assertTensor(spec, actual, RTOL32, ATOL32, context);
        else Reference.assertTensor(spec, actual, context);
    }

    @SuppressWarnings("unchecked")
    private static Object decode(Object a) {
        Map<String, Object> m = (Map<String, Object>) a;
        if (m.containsKey("scalar")) {
            Object v = m.get("scalar");
            if (v instanceof List<?> l) return l.stream().mapToInt(x -> ((Number) x).intValue()).toArray();
            return ((Number) v).doubleValue();
        }
        if (m.containsKey("int")) return ((Number) m.get("int")).longValue();
        return Reference.tensor(m);
    }

    private static Tensor t(Object o) {
        return (Tensor) o;
    }

    private static double d(Object o) {
        return ((Number) o).doubleValue();
    }

    private static int i(Object o) {
        return ((Number) o).intValue();
    }

    /** A binary op with PyTorch's scalar overloads: (tensor, tensor), (tensor, number), (number, tensor). */
    private interface Binary {
        Tensor tt(Tensor a, Tensor b);
    }

    private static Object binary(List<Object> in, Binary tt, java.util.function.BiFunction<Tensor, Double, Tensor> td,
                                 java.util.function.BiFunction<Double, Tensor, Tensor> dt) {
        if (in.get(0) instanceof Number a) return dt.apply(a.doubleValue(), t(in.get(1)));
        if (in.get(1) instanceof Number b) return td.apply(t(in.get(0)), b.doubleValue());
        return tt.tt(t(in.get(0)), t(in.get(1)));
    }

    /** The torch.special functions of one tensor ({@link SpecialOps#UNARY}) and the torch/Tensor forms tested here. */
    private static final Map<String, Function<Tensor, Tensor>> UNARY = unary();

    private static Map<String, Function<Tensor, Tensor>> unary() {
        Map<String, Function<Tensor, Tensor>> m = new java.util.HashMap<>(SpecialOps.UNARY);
        m.remove("logit");  // (its cases here take an eps: below)
        m.putAll(Map.of("torch.i0", Torch::i0, "torch.sinc", Torch::sinc, "torch.isreal", Torch::isreal,
                "torch.deg2rad", Torch::deg2rad, "torch.rad2deg", Torch::rad2deg, "Tensor.deg2rad_", Tensor::deg2rad_,
                "Tensor.i0_", Tensor::i0_, "Tensor.sinc_", Tensor::sinc_));
        return m;
    }

    private static final Map<String, Binary> BINARY = Map.ofEntries(
            Map.entry("gammainc", Special::gammainc), Map.entry("gammaincc", Special::gammaincc),
            Map.entry("torch.igamma", Torch::igamma), Map.entry("torch.igammac", Torch::igammac),
            Map.entry("torch.logaddexp", Torch::logaddexp), Map.entry("torch.logaddexp2", Torch::logaddexp2),
            Map.entry("torch.heaviside", Torch::heaviside), Map.entry("torch.ldexp", Torch::ldexp),
            Map.entry("torch.nextafter", Torch::nextafter), Map.entry("torch.gcd", Torch::gcd), Map.entry("torch.lcm", Torch::lcm),
            Map.entry("Tensor.ldexp_", Tensor::ldexp_), Map.entry("Tensor.heaviside_", Tensor::heaviside_),
            Map.entry("Tensor.gcd_", Tensor::gcd_), Map.entry("Tensor.lcm_", Tensor::lcm_),
            Map.entry("Tensor.nextafter_", Tensor::nextafter_), Map.entry("Tensor.igamma_", Tensor::igamma_),
            Map.entry("Tensor.igammac_", Tensor::igammac_));

    private static Object invoke(String fn, List<Object> in, Map<String, Object> kw) {
        if (UNARY.containsKey(fn)) return UNARY.get(fn).apply(t(in.get(0)));
        if (BINARY.containsKey(fn)) return BINARY.get(fn).tt(t(in.get(0)), t(in.get(1)));
        return switch (fn) {
            case "zeta" -> binary(in, Special::zeta, Special::zeta, Special::zeta);
            case "xlogy" -> binary(in, Special::xlogy, Special::xlogy, Special::xlogy);
            case "xlog1py" -> binary(in, Special::xlog1py, Special::xlog1py, Special::xlog1py);
            case "torch.float_power" -> binary(in, Torch::floatPower, Torch::floatPower, Torch::floatPower);
            case "Tensor.float_power_" -> t(in.get(0)).floatPower_(d(in.get(1)));
            case "chebyshev_polynomial_t" -> binary(in, Special::chebyshevPolynomialT, Special::chebyshevPolynomialT, Special::chebyshevPolynomialT);
            case "chebyshev_polynomial_u" -> binary(in, Special::chebyshevPolynomialU, Special::chebyshevPolynomialU, Special::chebyshevPolynomialU);
            case "chebyshev_polynomial_v" -> binary(in, Special::chebyshevPolynomialV, Special::chebyshevPolynomialV, Special::chebyshevPolynomialV);
            case "chebyshev_polynomial_w" -> binary(in, Special::chebyshevPolynomialW, Special::chebyshevPolynomialW, Special::chebyshevPolynomialW);
            case "shifted_chebyshev_polynomial_t" -> binary(in, Special::shiftedChebyshevPolynomialT, Special::shiftedChebyshevPolynomialT,
                    Special::shiftedChebyshevPolynomialT);
            case "shifted_chebyshev_polynomial_u" -> binary(in, Special::shiftedChebyshevPolynomialU, Special::shiftedChebyshevPolynomialU,
                    Special::shiftedChebyshevPolynomialU);
            case "shifted_chebyshev_polynomial_v" -> binary(in, Special::shiftedChebyshevPolynomialV, Special::shiftedChebyshevPolynomialV,
                    Special::shiftedChebyshevPolynomialV);
            case "shifted_chebyshev_polynomial_w" -> binary(in, Special::shiftedChebyshevPolynomialW, Special::shiftedChebyshevPolynomialW,
                    Special::shiftedChebyshevPolynomialW);
            case "hermite_polynomial_h" -> binary(in, Special::hermitePolynomialH, Special::hermitePolynomialH, Special::hermitePolynomialH);
            case "hermite_polynomial_he" -> binary(in, Special::hermitePolynomialHe, Special::hermitePolynomialHe, Special::hermitePolynomialHe);
            case "laguerre_polynomial_l" -> binary(in, Special::laguerrePolynomialL, Special::laguerrePolynomialL, Special::laguerrePolynomialL);
            case "legendre_polynomial_p" -> binary(in, Special::legendrePolynomialP, Special::legendrePolynomialP, Special::legendrePolynomialP);
            case "logit" -> kw.containsKey("eps") ? Special.logit(t(in.get(0)), d(kw.get("eps"))) : Special.logit(t(in.get(0)));
            case "torch.logit" -> in.size() > 1 ? Torch.logit(t(in.get(0)), d(in.get(1))) : Torch.logit(t(in.get(0)));
            case "Tensor.logit_" -> t(in.get(0)).logit_();
            case "torch.frexp" -> Torch.frexp(t(in.get(0)));
            case "round" -> kw.containsKey("decimals") ? Special.round(t(in.get(0)), i(kw.get("decimals"))) : Special.round(t(in.get(0)));
            case "polygamma" -> Special.polygamma(i(in.get(0)), t(in.get(1)));
            case "multigammaln" -> Special.multigammaln(t(in.get(0)), i(in.get(1)));
            case "logsumexp" -> in.get(1) instanceof int[] dims
                    ? Special.logsumexp(t(in.get(0)), dims, Boolean.TRUE.equals(kw.get("keepdim")))
                    : Special.logsumexp(t(in.get(0)), i(in.get(1)));
            case "softmax" -> kw.containsKey("dtype") ? Special.softmax(t(in.get(0)), i(in.get(1)), DType.of((String) kw.get("dtype")))
                    : Special.softmax(t(in.get(0)), i(in.get(1)));
            case "log_softmax" -> kw.containsKey("dtype") ? Special.logSoftmax(t(in.get(0)), i(in.get(1)), DType.of((String) kw.get("dtype")))
                    : Special.logSoftmax(t(in.get(0)), i(in.get(1)));
            default -> throw new IllegalStateException("no Java call for " + fn);
        };
    }

    // ---- gradcheck and gradgradcheck ------------------------------------------------------------------

    private static Tensor f64(double... v) {
        return Torch.tensor(v, v.length).requiresGrad_();
    }

    /** Each differentiable op at points inside its domain, away from kinks and poles. */
    private static final Map<String, Function<Tensor[], Tensor>> DIFFERENTIABLE = Map.ofEntries(
            Map.entry("i0", x -> Special.i0(x[0])), Map.entry("i0e", x -> Special.i0e(x[0])), Map.entry("i1", x -> Special.i1(x[0])),
            Map.entry("i1e", x -> Special.i1e(x[0])), Map.entry("erfcx", x -> Special.erfcx(x[0])),
            Map.entry("ndtr", x -> Special.ndtr(x[0])), Map.entry("log_ndtr", x -> Special.logNdtr(x[0])),
            Map.entry("entr", x -> Special.entr(x[0].abs().add(0.1))), Map.entry("sinc", x -> Special.sinc(x[0])),
            Map.entry("ndtri", x -> Special.ndtri(x[0].sigmoid())), Map.entry("logit", x -> Special.logit(x[0].sigmoid())),
            Map.entry("logit eps", x -> Special.logit(x[0].sigmoid(), 0.2)),
            Map.entry("xlog1py", x -> Special.xlog1py(x[0], x[1].abs())), Map.entry("zeta q", x -> Special.zeta(3.0, x[1].abs().add(0.5))),
            Map.entry("gammainc x", x -> Special.gammainc(Torch.tensor(new double[] {0.5, 1, 2.5, 4, 7, 30}, 6), x[1].abs().add(0.1))),
            Map.entry("gammaincc x", x -> Special.gammaincc(Torch.tensor(new double[] {0.5, 1, 2.5, 4, 7, 30}, 6), x[1].abs().add(0.1))),
            Map.entry("logaddexp", x -> x[0].logaddexp(x[1])), Map.entry("logaddexp2", x -> x[0].logaddexp2(x[1])),
            Map.entry("ldexp", x -> x[0].ldexp(x[1])), Map.entry("frexp", x -> x[0].add(0.013).frexp().mantissa()),
            Map.entry("deg2rad", x -> x[0].deg2rad()), Map.entry("rad2deg", x -> x[0].rad2deg()),
            Map.entry("float_power", x -> x[0].abs().add(0.5).floatPower(x[1])), Map.entry("torch.i0", x -> x[0].i0()),
            Map.entry("igamma", x -> Torch.full(new long[] {6}, 1.5, DType.FLOAT64).igamma(x[1].abs().add(0.2))));

    @TestFactory
    Stream<DynamicTest> gradcheckEveryDifferentiableOp() {
        return DIFFERENTIABLE.entrySet().stream().sorted(Map.Entry.comparingByKey()).map(e -> DynamicTest.dynamicTest(e.getKey(), () -> {
            Tensor a = f64(-1.3, -0.4, 0.25, 0.6, 1.7, 2.2), b = f64(0.9, -0.35, 1.2, 0.3, -1.1, 2.6);
            assertTrue(GradCheck.gradcheck(e.getValue(), a, b), "gradcheck");
            assertTrue(GradCheck.gradgradcheck(e.getValue(), a, b), "gradgradcheck");
        }));
    }

    @Test
    void noDerivativeWherePyTorchHasNone() {
        Tensor x = f64(0.5, 1.5), q = f64(1.0, 2.0);
        assertFalse(Special.besselJ0(x).requiresGrad());
        assertFalse(Special.chebyshevPolynomialT(x, 3.0).requiresGrad());
        Tensor z = Special.zeta(x.add(2.0), q.detach()).sum();
        UnsupportedOperationException e = assertThrows(UnsupportedOperationException.class, z::backward);
        assertEquals("the derivative for 'zeta' is not implemented.", e.getMessage());
        Tensor p = Special.gammainc(x, q.detach()).sum();
        e = assertThrows(UnsupportedOperationException.class, p::backward);
        assertEquals("the derivative for 'igamma: input' is not implemented.", e.getMessage());
    }

    /**
     * Past a = 1e7 (beyond the reference file: mpmath's series give up there and PyTorch's expansion is off in the
     * tails) the incomplete gamma follows Temme's expansion: P(a, a) = 1/2 + 1/(3 sqrt(2 pi a)) + O(a^-3/2), and
     * P + Q = 1.
     */
    @Test
    void incompleteGammaForVeryLargeA() {
        for (double a : new double[] {1e9, 1e12}) {
            Tensor at = Torch.tensor(new double[] {a}, 1);
            assertEquals(0.5 + 1 / (3 * Math.sqrt(2 * Math.PI * a)), Special.gammainc(at, at).item(), 1e-13, "P(a, a)");
            Tensor x = Torch.tensor(new double[] {a * (1 - 3 / Math.sqrt(a)), a * (1 + 2 / Math.sqrt(a))}, 2);
            Tensor sum = Special.gammainc(at, x).add(Special.gammaincc(at, x));
            assertEquals(1.0, sum.toDoubleArray()[0], 1e-15, "P + Q");
            assertEquals(1.0, sum.toDoubleArray()[1], 1e-15, "P + Q");
            // about Phi(-3) and Phi(2) (skewed a little by the gamma's third moment)
            assertEquals(0.00135, Special.gammainc(at, x).toDoubleArray()[0], 2e-5);
            assertEquals(0.97725, Special.gammainc(at, x).toDoubleArray()[1], 2e-5);
        }
    }

    @Test
    void failedInPlaceLeavesTheTensorAsItWas() {
        Tensor x = Torch.tensor(new long[] {1, 2}, 2);
        assertThrows(IllegalArgumentException.class, x::logit_);
        assertEquals(List.of(1L, 2L), java.util.Arrays.stream(x.toLongArray()).boxed().toList());
    }
}
