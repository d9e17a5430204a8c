package org.torch4j.conformance;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.torch4j.DType;
import org.torch4j.Generator;
import org.torch4j.GradCheck;
import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.distributions.AffineTransform;
import org.torch4j.distributions.CatTransform;
import org.torch4j.distributions.ComposeTransform;
import org.torch4j.distributions.Constraint;
import org.torch4j.distributions.CorrCholeskyTransform;
import org.torch4j.distributions.CumulativeDistributionTransform;
import org.torch4j.distributions.Distribution;
import org.torch4j.distributions.ExpTransform;
import org.torch4j.distributions.IndependentTransform;
import org.torch4j.distributions.KL;
import org.torch4j.distributions.Kumaraswamy;
import org.torch4j.distributions.LKJCholesky;
import org.torch4j.distributions.LowRankMultivariateNormal;
import org.torch4j.distributions.LowerCholeskyTransform;
import org.torch4j.distributions.MultivariateNormal;
import org.torch4j.distributions.Normal;
import org.torch4j.distributions.ReshapeTransform;
import org.torch4j.distributions.SigmoidTransform;
import org.torch4j.distributions.SoftmaxTransform;
import org.torch4j.distributions.SoftplusTransform;
import org.torch4j.distributions.StackTransform;
import org.torch4j.distributions.StickBreakingTransform;
import org.torch4j.distributions.TanhTransform;
import org.torch4j.distributions.Transform;
import org.torch4j.distributions.TransformedDistribution;
import org.torch4j.distributions.Transforms;
import org.torch4j.distributions.VonMises;
import org.torch4j.distributions.Wishart;
import org.torch4j.optim.Adam;

/**
 * The distributions and transforms added after {@link MoreDistributionsTest}'s against PyTorch 1.13
 * ({@code tools/gen_extra_distributions_reference.py}, {@code reference/distributions_extra.json}): Kumaraswamy,
 * VonMises, LKJCholesky, LowRankMultivariateNormal and Wishart through {@link DistributionCases} (values, moments,
 * gradients, KL pairs, seeded samples, messages); the transforms' values, inverses, log-Jacobians, constraints,
 * shapes and gradients; transformed distributions whose transforms change event shapes; the {@code biject_to} and
 * {@code transform_to} registries; and gradcheck and gradgradcheck in float64 of every differentiable quantity.
 */
class ExtraDistributionsTest {

    private static final DistributionCases CASES = new DistributionCases("distributions_extra.json", ExtraDistributionsTest::make);

    static Distribution make(String dist, Map<String, Tensor> a) {
        return switch (dist) {
            case "Kumaraswamy" -> new Kumaraswamy(a.get("concentration1"), a.get("concentration0"));
            case "VonMises" -> new VonMises(a.get("loc"), a.get("concentration"));
            case "LKJCholesky" -> new LKJCholesky((int) a.get("dim").item(), a.get("concentration"));
            case "LowRankMultivariateNormal" -> new LowRankMultivariateNormal(a.get("loc"), a.get("cov_factor"), a.get("cov_diag"));
            case "Wishart" -> new Wishart(a.get("df"), a.get("covariance_matrix"), a.get("precision_matrix"), a.get("scale_tril"), null);
            case "MultivariateNormal" -> new MultivariateNormal(a.get("loc"), a.get("covariance_matrix"), a.get("precision_matrix"), a.get("scale_tril"), null);
            default -> DistributionsTest.make(dist, a);
        };
    }

    @TestFactory
    Stream<DynamicTest> valuesMatchPyTorch() {
        return CASES.values();
    }

    @TestFactory
    Stream<DynamicTest> klMatchesPyTorch() {
        return CASES.kl();
    }

    /** Every sampler here goes through pow, cos, acos, log or a sum of products, whose last bits may differ. */
    @TestFactory
    Stream<DynamicTest> seededSamplesMatchPyTorch() {
        return CASES.samples(name -> false);
    }

    @TestFactory
    Stream<DynamicTest> errorsMatchPyTorch() {
        return CASES.errors();
    }

    /**
     * Wishart's rsample is one Bartlett draw when the draw is positive-definite (the redraw of singular ones aside):
     * PyTorch's gamma and normal draws in PyTorch's order, and their gradients (df's through the gamma draws'
     * implicit gradient). PyTorch's own rsample then draws again (see {@link Wishart}), so the reference is its
     * {@code _bartlett_sampling}.
     */
    @SuppressWarnings("unchecked")
    @TestFactory
    Stream<DynamicTest> wishartBartlettDrawsMatchPyTorch() {
        return CASES.section("wishart_bartlett").stream().map(c -> {
            Map<String, Object> spec = (Map<String, Object>) c.get("dist");
            long[] shape = Reference.longs((List<Object>) c.get("shape"));
            long seed = ((Number) c.get("seed")).longValue();
            String label = "Wishart.rsample" + java.util.Arrays.toString(shape) + " " + DistributionCases.dtypeOf(c, "out") + " seed " + seed;
            return DynamicTest.dynamicTest(label, () -> {
                Tensor x = CASES.build(spec).rsample(shape, new Generator().manualSeed(seed));
                double tol = DistributionCases.dtypeOf(c, "out").equals("float32") ? 1e-5 : 1e-11;
                Reference.assertTensor(c.get("out"), x, tol, tol, label);
                if (!c.containsKey("grads")) return;
                Map<String, Tensor> leaves = new LinkedHashMap<>();
                CASES.build(spec, true, leaves, "").rsample(shape, new Generator().manualSeed(seed)).sum().backward();
                for (var e : ((Map<String, Object>) c.get("grads")).entrySet()) {
                    Reference.assertTensor(e.getValue(), leaves.get(e.getKey()).grad(), tol, tol, label + " d / d " + e.getKey());
                }
            });
        });
    }

    // ---- transforms --------------------------------------------------------------------------------

    /** The transform of the generator's name, with its parameters. */
    private static Transform transform(String name, Map<String, Tensor> p) {
        return switch (name) {
            case "Tanh" -> new TanhTransform();
            case "Softplus" -> new SoftplusTransform();
            case "Softmax" -> new SoftmaxTransform();
            case "StickBreaking" -> new StickBreakingTransform();
            case "LowerCholesky" -> new LowerCholeskyTransform();
            case "CorrCholesky" -> new CorrCholeskyTransform();
            case "Exp" -> new ExpTransform();
            case "Sigmoid" -> new SigmoidTransform();
            case "Affine" -> new AffineTransform(p.get("loc"), p.get("scale"));
            case "ComposeExpAffine" -> new ComposeTransform(List.of(new ExpTransform(), new AffineTransform(p.get("loc"), p.get("scale"))));
            case "ComposeAffineStickBreaking" -> new ComposeTransform(List.of(new AffineTransform(p.get("loc"), p.get("scale")), new StickBreakingTransform()));
            case "ComposeStickBreakingExp" -> new ComposeTransform(List.of(new StickBreakingTransform(), new ExpTransform()));
            case "ComposeEmpty" -> Transforms.identity();
            case "InverseCompose" -> new ComposeTransform(List.of(new ExpTransform(), new AffineTransform(p.get("loc"), p.get("scale")))).inv();
            case "IndependentTanh2" -> new IndependentTransform(new TanhTransform(), 2);
            case "IndependentStickBreaking1" -> new IndependentTransform(new StickBreakingTransform(), 1);
            case "Reshape" -> new ReshapeTransform(new long[] {6}, new long[] {2, 3});
            case "CatExpTanh" -> new CatTransform(List.of(new ExpTransform(), new TanhTransform()), 1, List.of(2L, 3L));
            case "CatIndependentLast" -> new CatTransform(List.of(new IndependentTransform(new ExpTransform(), 1), new SigmoidTransform()), -1, List.of(2L, 3L));
            case "StackExpSigmoid" -> new StackTransform(List.of(new ExpTransform(), new SigmoidTransform(), new TanhTransform()), 1);
            case "CdfNormal" -> new CumulativeDistributionTransform(new Normal(p.get("loc"), p.get("scale")));
            default -> throw new IllegalArgumentException(name);
        };
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Tensor> params(Map<String, Object> c) {
        Map<String, Tensor> p = new LinkedHashMap<>();
        ((Map<String, Object>) c.get("params")).forEach((k, v) -> p.put(k, Reference.tensor(v)));
        return p;
    }

    /** A shape as the generator wrote it: a list, or the message of PyTorch's error. */
    @SuppressWarnings("unchecked")
    private static void assertShape(Object expected, Function<long[], long[]> f, long[] shape, String label) {
        if (expected instanceof String message) {
            var e = assertThrows(IllegalArgumentException.class, () -> f.apply(shape), label);
            assertEquals(message, e.getMessage(), label);
        } else {
            assertArrayEquals(Reference.longs((List<Object>) expected), f.apply(shape), label);
        }
    }

    @SuppressWarnings("unchecked")
    @TestFactory
    Stream<DynamicTest> transformsMatchPyTorch() {
        return CASES.section("transforms").stream().map(c -> {
            String label = c.get("name") + " " + DistributionCases.dtypeOf(c, "x") + " " + ((Map<String, Object>) c.get("x")).get("shape");
            return DynamicTest.dynamicTest(label, () -> {
                Transform t = transform((String) c.get("name"), params(c));
                Tensor x = Reference.tensor(c.get("x"));
                Tensor y = t.forward(x);
                Reference.assertTensor(c.get("y"), y, label + " forward");
                Reference.assertTensor(c.get("x_back"), t.inverse(y), label + " inverse");
                if (c.containsKey("ladj")) Reference.assertTensor(c.get("ladj"), t.logAbsDetJacobian(x, y), label + " log_abs_det_jacobian");
                else assertThrows(UnsupportedOperationException.class, () -> t.logAbsDetJacobian(x, y), label + ": PyTorch has none");
                assertEquals(c.get("domain"), t.domain().toString(), label + " domain");
                assertEquals(c.get("codomain"), t.codomain().toString(), label + " codomain");
                assertEquals(((Number) c.get("domain_event_dim")).intValue(), t.domain().eventDim(), label + " domain event dim");
                assertEquals(((Number) c.get("codomain_event_dim")).intValue(), t.codomain().eventDim(), label + " codomain event dim");
                assertEquals(c.get("repr"), t.toString(), label + " repr");
                assertEquals(c.get("bijective"), t.bijective(), label + " bijective");
                assertShape(c.get("forward_shape"), t::forwardShape, x.shape(), label + " forward_shape");
                assertShape(c.get("inverse_shape"), t::inverseShape, y.shape(), label + " inverse_shape");
                Object sign = c.get("sign");
                if (sign == null) assertThrows(UnsupportedOperationException.class, t::sign, label + ": PyTorch has no sign");
                else if (sign instanceof Number n) assertTrue(t.sign().eq(n.doubleValue()).all().itemBool(), label + " sign");
                else Reference.assertTensor(sign, t.sign(), label + " sign");
                if (!c.containsKey("grads")) return;
                Map<String, Object> g = (Map<String, Object>) c.get("grads");
                Tensor xg = x.detach().clone().requiresGrad_();
                t.forward(xg).sum().backward();
                Reference.assertTensor(g.get("forward"), xg.grad(), label + " d forward / d x");
                if (g.containsKey("ladj")) {
                    Tensor xl = x.detach().clone().requiresGrad_();
                    t.logAbsDetJacobian(xl, t.forward(xl)).sum().backward();
                    Reference.assertTensor(g.get("ladj"), xl.grad(), label + " d log_abs_det_jacobian / d x");
                }
            });
        });
    }

    @SuppressWarnings("unchecked")
    @TestFactory
    Stream<DynamicTest> transformedDistributionsMatchPyTorch() {
        return CASES.section("transformed").stream().map(c -> {
            List<String> names = (List<String>) c.get("transforms");
            String label = "TransformedDistribution(Normal, " + names + ") " + DistributionCases.dtypeOf(c, "value");
            return DynamicTest.dynamicTest(label, () -> {
                Map<String, Tensor> p = params(c);
                List<Transform> ts = names.stream().map(n -> transform(n, p)).toList();
                TransformedDistribution d = new TransformedDistribution(CASES.build((Map<String, Object>) c.get("base")), ts, null);
                assertArrayEquals(Reference.longs((List<Object>) c.get("batch_shape")), d.batchShape(), label + " batch_shape");
                assertArrayEquals(Reference.longs((List<Object>) c.get("event_shape")), d.eventShape(), label + " event_shape");
                assertEquals(c.get("support"), d.support().toString(), label + " support");
                Reference.assertTensor(c.get("log_prob"), d.logProb(Reference.tensor(c.get("value"))), label + " log_prob");
                long[] drawn = d.sample(new long[] {2}, new Generator().manualSeed(1)).shape();
                long[] expected = java.util.stream.LongStream.concat(java.util.stream.LongStream.of(2),
                        java.util.stream.LongStream.concat(java.util.Arrays.stream(d.batchShape()), java.util.Arrays.stream(d.eventShape()))).toArray();
                assertArrayEquals(expected, drawn, label + " sample shape");
            });
        });
    }

    /** The constraints of the generator's names. */
    private static Constraint constraint(String name) {
        return switch (name) {
            case "real" -> Constraint.REAL;
            case "positive" -> Constraint.POSITIVE;
            case "nonnegative" -> Constraint.NONNEGATIVE;
            case "greater_than" -> Constraint.greaterThan(2.0);
            case "greater_than_eq" -> Constraint.greaterThanEq(-1.5);
            case "less_than" -> Constraint.lessThan(1.0);
            case "unit_interval" -> Constraint.UNIT_INTERVAL;
            case "interval" -> Constraint.interval(-1.0, 3.0);
            case "half_open_interval" -> Constraint.halfOpenInterval(0.0, 1.0);
            case "simplex" -> Constraint.SIMPLEX;
            case "real_vector" -> Constraint.REAL_VECTOR;
            case "independent_positive" -> Constraint.independent(Constraint.POSITIVE, 1);
            case "corr_cholesky" -> Constraint.CORR_CHOLESKY;
            case "lower_cholesky" -> Constraint.LOWER_CHOLESKY;
            case "boolean" -> Constraint.BOOLEAN;
            case "positive_definite" -> Constraint.POSITIVE_DEFINITE;
            case "cat" -> Constraint.cat(List.of(Constraint.REAL, Constraint.POSITIVE), 1, List.of(1L, 2L));
            case "stack" -> Constraint.stack(List.of(Constraint.POSITIVE, Constraint.UNIT_INTERVAL), 0);
            default -> throw new IllegalArgumentException(name);
        };
    }

    @SuppressWarnings("unchecked")
    @TestFactory
    Stream<DynamicTest> registriesMatchPyTorch() {
        return CASES.section("registry").stream().flatMap(c -> {
            String name = (String) c.get("constraint");
            Constraint k = constraint(name);
            List<DynamicTest> tests = new ArrayList<>();
            tests.add(DynamicTest.dynamicTest(name + " repr", () -> {
                assertEquals(c.get("repr"), k.toString());
                assertEquals(((Number) c.get("event_dim")).intValue(), k.eventDim());
            }));
            for (String registry : List.of("biject_to", "transform_to")) {
                Map<String, Object> r = (Map<String, Object>) c.get(registry);
                Function<Constraint, Transform> lookup = registry.equals("biject_to") ? Transforms::bijectTo : Transforms::transformTo;
                tests.add(DynamicTest.dynamicTest(registry + "(" + name + ")", () -> {
                    if (r.containsKey("error")) {
                        var e = assertThrows(UnsupportedOperationException.class, () -> lookup.apply(k));
                        assertEquals(r.get("error"), e.getMessage());
                        return;
                    }
                    Transform t = lookup.apply(k);
                    assertEquals(r.get("repr"), t.toString(), "repr");
                    Tensor x = Reference.tensor(r.get("x"));
                    Tensor y = t.forward(x);
                    Reference.assertTensor(r.get("y"), y, "forward");
                    Reference.assertTensor(r.get("check"), k.check(y), "constraint check of the result");
                    if (r.containsKey("ladj")) Reference.assertTensor(r.get("ladj"), t.logAbsDetJacobian(x, y), "log_abs_det_jacobian");
                }));
            }
            return tests.stream();
        });
    }

    @SuppressWarnings("unchecked")
    @TestFactory
    Stream<DynamicTest> transformErrorsMatchPyTorch() {
        return CASES.section("transform_errors").stream().map(c -> {
            String name = (String) c.get("name"), method = (String) c.get("method");
            return DynamicTest.dynamicTest(name + " " + method + ": " + c.get("error"), () -> {
                if (method.equals("construct")) {
                    var e = assertThrows(IllegalArgumentException.class, () -> new ReshapeTransform(new long[] {2, 3}, new long[] {5}));
                    assertEquals(c.get("error"), e.getMessage());
                    return;
                }
                Transform t = transform(name, Map.of());
                Tensor x = Reference.tensor(c.get("x"));
                var e = assertThrows(IllegalArgumentException.class, () -> {
                    switch (method) {
                        case "forward" -> t.forward(x);
                        case "forward_shape" -> t.forwardShape(x.shape());
                        default -> t.inverseShape(x.shape());
                    }
                });
                assertEquals(c.get("error"), e.getMessage());
            });
        });
    }

    /** Inputs without the dims a transform works on failed inside (found by fuzzing); PyTorch fails on reshape or indexing. */
    @Test
    void transformsNameAnInputWithoutTheirDims() {
        ReshapeTransform r = new ReshapeTransform(new long[] {3}, new long[] {3});
        assertEquals("ReshapeTransform expects an input of at least 1 dims, got shape []",
                assertThrows(IllegalArgumentException.class, () -> r.inverse(Torch.tensor(2.5))).getMessage());
        assertEquals("expected matrices [..., n, n], got shape [3]",
                assertThrows(IllegalArgumentException.class, () -> new CorrCholeskyTransform().inverse(Torch.randn(3))).getMessage());
    }

    /** The unregistered kinds answer with PyTorch's message; the unit interval given by numbers is a plain sigmoid. */
    @Test
    void registryEdges() {
        assertEquals(new SigmoidTransform(), Transforms.bijectTo(Constraint.UNIT_INTERVAL));
        assertEquals(new StickBreakingTransform(), Transforms.bijectTo(Constraint.SIMPLEX));
        assertEquals(new SoftmaxTransform(), Transforms.transformTo(Constraint.SIMPLEX));
        assertEquals(Transforms.identity(), Transforms.bijectTo(Constraint.REAL));
        var e = assertThrows(UnsupportedOperationException.class, () -> Transforms.bijectTo(Constraint.NONNEGATIVE_INTEGER));
        assertEquals("Cannot transform _IntegerGreaterThan constraints", e.getMessage());
        // a tensor-bounded interval: sigmoid scaled onto it
        Constraint box = Constraint.interval(Torch.tensor(new double[] {0.0, -2.0}), Torch.tensor(new double[] {1.0, 2.0}));
        Tensor y = Transforms.transformTo(box).forward(Torch.tensor(new double[] {0.3, -4.0}));
        assertTrue(box.check(y).all().itemBool(), "inside the box");
        assertEquals(Math.tanh(-2.0) * 2, y.toDoubleArray()[1], 1e-12);
    }

    // ---- gradcheck and gradgradcheck in float64 ---------------------------------------------------

    private static Tensor f64(double... v) {
        return Torch.tensor(v).requiresGrad_();
    }

    private static Tensor f64(long[] shape, double... v) {
        return Torch.tensor(v).reshape(shape).requiresGrad_();
    }

    private static void assertTwiceDifferentiable(String what, Function<Tensor[], Tensor> f, Tensor... inputs) {
        assertTrue(GradCheck.gradcheck(f, inputs), what + " gradcheck");
        assertTrue(GradCheck.gradgradcheck(f, inputs), what + " gradgradcheck");
    }

    /** Every transform's forward, inverse and log-Jacobian, in x and in the parameters it has. */
    @TestFactory
    Stream<DynamicTest> transformGradcheck() {
        Map<String, Tensor[]> inputs = new LinkedHashMap<>();
        inputs.put("Tanh", new Tensor[] {f64(0.3, -1.2, 2.0)});
        inputs.put("Softplus", new Tensor[] {f64(0.3, -1.2, 2.0)});
        inputs.put("Softmax", new Tensor[] {f64(0.3, -1.2, 2.0)});
        inputs.put("StickBreaking", new Tensor[] {f64(new long[] {2, 3}, 0.3, -1.2, 2.0, 0.1, 0.5, -0.4)});
        inputs.put("LowerCholesky", new Tensor[] {f64(new long[] {2, 2}, 0.3, -1.2, 2.0, 0.1)});
        inputs.put("CorrCholesky", new Tensor[] {f64(new long[] {2, 3}, 0.3, -1.2, 0.7, 0.1, 0.5, -0.4)});
        inputs.put("Reshape", new Tensor[] {f64(new long[] {2, 6}, 0.3, -1.2, 0.7, 0.1, 0.5, -0.4, 1, 2, 3, 4, 5, 6)});
        inputs.put("CatIndependentLast", new Tensor[] {f64(new long[] {1, 5}, 0.3, -1.2, 0.7, 0.1, 0.5)});
        inputs.put("CatExpTanh", new Tensor[] {f64(new long[] {1, 5}, 0.3, -1.2, 0.7, 0.1, 0.5)});
        inputs.put("StackExpSigmoid", new Tensor[] {f64(new long[] {2, 3}, 0.3, -1.2, 0.7, 0.1, 0.5, -0.4)});
        inputs.put("IndependentStickBreaking1", new Tensor[] {f64(new long[] {2, 2}, 0.3, -1.2, 0.7, 0.1)});
        inputs.put("ComposeStickBreakingExp", new Tensor[] {f64(new long[] {2, 2}, 0.3, -1.2, 0.7, 0.1)});
        List<DynamicTest> tests = new ArrayList<>();
        inputs.forEach((name, in) -> {
            Transform t = transform(name, Map.of());
            tests.add(DynamicTest.dynamicTest(name + " forward and inverse", () -> {
                assertTwiceDifferentiable(name + " forward", x -> t.forward(x[0]), in);
                Tensor y = t.forward(in[0]).detach().requiresGrad_();
                if (!name.equals("Softmax") && !name.equals("StickBreaking") && !name.startsWith("Compose") && !name.startsWith("Independent")) {
                    // (off the simplex, finite differences leave the inverse's domain)
                    assertTwiceDifferentiable(name + " inverse", x -> t.inverse(x[0]), y);
                }
            }));
            if (name.equals("Reshape")) {
                tests.add(DynamicTest.dynamicTest(name + " log_abs_det_jacobian is 0", () -> assertTrue(t.logAbsDetJacobian(in[0], t.forward(in[0])).eq(0.0).all().itemBool())));
            } else if (!name.equals("Softmax") && !name.equals("LowerCholesky")) {
                tests.add(DynamicTest.dynamicTest(name + " log_abs_det_jacobian",
                        () -> assertTwiceDifferentiable(name, x -> t.logAbsDetJacobian(x[0], t.forward(x[0])), in)));
            }
        });
        tests.add(DynamicTest.dynamicTest("CumulativeDistributionTransform in x, loc and scale", () -> {
            Function<Tensor[], Tensor> f = p -> {
                Transform t = new CumulativeDistributionTransform(new Normal(p[1], p[2]));
                return t.logAbsDetJacobian(p[0], t.forward(p[0])).add(t.forward(p[0]));
            };
            assertTwiceDifferentiable("cdf transform", f, f64(0.3, -1.2), f64(0.1, 0.5), f64(0.8, 1.7));
        }));
        tests.add(DynamicTest.dynamicTest("Compose and its inverse in x and the affine parameters", () -> {
            Function<Tensor[], Transform> chain = p -> new ComposeTransform(List.of(new ExpTransform(), new AffineTransform(p[1], p[2])));
            Tensor x = f64(0.3, -1.2), loc = f64(0.1, 0.5), scale = f64(0.8, -1.7);
            assertTwiceDifferentiable("compose forward", p -> chain.apply(p).forward(p[0]), x, loc, scale);
            assertTwiceDifferentiable("compose log_abs_det_jacobian", p -> chain.apply(p).logAbsDetJacobian(p[0], chain.apply(p).forward(p[0])), x, loc, scale);
            Tensor y = f64(0.3, -2.2);
            assertTwiceDifferentiable("inverse forward", p -> chain.apply(p).inv().forward(p[0]), y, loc, scale);
            assertTwiceDifferentiable("inverse log_abs_det_jacobian", p -> {
                Transform inv = chain.apply(p).inv();
                return inv.logAbsDetJacobian(p[0], inv.forward(p[0]));
            }, y, loc, scale);
        }));
        tests.add(DynamicTest.dynamicTest("StickBreaking and CorrCholesky inverses", () -> {
            // the inverses from free parameters mapped into their codomains
            Transform sb = new StickBreakingTransform(), cc = new CorrCholeskyTransform();
            assertTwiceDifferentiable("stick breaking inverse", p -> sb.inverse(sb.forward(p[0]).mul(1.0)), f64(0.3, -1.2, 0.5));
            assertTwiceDifferentiable("corr cholesky inverse", p -> cc.inverse(cc.forward(p[0])), f64(0.3, -1.2, 0.5));
        }));
        return tests.stream();
    }

    @Test
    void kumaraswamyGradcheck() {
        Tensor a = f64(0.7, 2.5), b = f64(1.3, 0.8), x = f64(0.3, 0.8), q = f64(0.2, 0.6);
        assertTwiceDifferentiable("log_prob", p -> new Kumaraswamy(p[0], p[1]).logProb(p[2]), a, b, x);
        assertTwiceDifferentiable("cdf", p -> new Kumaraswamy(p[0], p[1]).cdf(p[2]), a, b, x);
        assertTwiceDifferentiable("icdf", p -> new Kumaraswamy(p[0], p[1]).icdf(p[2]), a, b, q);
        assertTwiceDifferentiable("entropy", p -> new Kumaraswamy(p[0], p[1]).entropy(), a, b);
        assertTwiceDifferentiable("mean and variance", p -> new Kumaraswamy(p[0], p[1]).variance().add(new Kumaraswamy(p[0], p[1]).mean()), a, b);
        assertTwiceDifferentiable("rsample", p -> new Kumaraswamy(p[0], p[1]).rsample(new long[] {3}, new Generator().manualSeed(3)), a, b);
    }

    @Test
    void vonMisesGradcheckAndDraws() {
        Tensor loc = f64(0.3, -2.0, 1.0), k = f64(0.5, 3.0, 8.0), x = f64(0.1, 2.5, -3.0);
        assertTwiceDifferentiable("log_prob", p -> new VonMises(p[0], p[1]).logProb(p[2]), loc, k, x);
        assertTwiceDifferentiable("variance", p -> new VonMises(p[0], p[1]).variance(), loc, k);
        // draws: in [-pi, pi), centred on loc, with the circular variance 1 - |E exp(i x)|
        VonMises d = new VonMises(Torch.tensor(new double[] {2.5, -1.0}), Torch.tensor(new double[] {0.5, 10.0}));
        int n = 20000;
        Tensor s = d.sample(new long[] {n}, new Generator().manualSeed(11));
        assertTrue(s.ge(-Math.PI).logicalAnd(s.lt(Math.PI)).all().itemBool(), "draws in [-pi, pi)");
        double[] c = s.cos().mean(0).toDoubleArray(), sn = s.sin().mean(0).toDoubleArray(), v = d.variance().toDoubleArray();
        double[] mu = {2.5, -1.0};
        for (int i = 0; i < 2; i++) {
            assertEquals(mu[i], Math.atan2(sn[i], c[i]), 0.05, "mean direction " + i);
            assertEquals(v[i], 1 - Math.hypot(c[i], sn[i]), 0.02, "circular variance " + i);
        }
        assertThrows(UnsupportedOperationException.class, () -> d.rsample(2));
        assertEquals("VonMises(loc: 1.0, concentration: 2.0)", new VonMises(1.0, 2.0).toString());
        assertEquals("Kumaraswamy(concentration1: 2.0, concentration0: 3.0)", new Kumaraswamy(2.0, 3.0).toString());
        assertThrows(UnsupportedOperationException.class, d::entropy);
    }

    @Test
    void lkjCholeskyGradcheckAndDraws() {
        Tensor eta = f64(0.6, 2.5);
        CorrCholeskyTransform t = new CorrCholeskyTransform();
        Tensor free = f64(new long[] {2, 3}, 0.3, -1.2, 0.7, 0.1, 0.5, -0.4);
        // the value as a function of free reals keeps it on the support under finite differences
        assertTwiceDifferentiable("log_prob", p -> new LKJCholesky(3, p[0]).logProb(t.forward(p[1])), eta, free);
        LKJCholesky d = new LKJCholesky(4, Torch.tensor(new double[] {0.5, 3.0}));
        Tensor s = d.sample(new long[] {500}, new Generator().manualSeed(5));
        assertArrayEquals(new long[] {500, 2, 4, 4}, s.shape());
        assertTrue(Constraint.CORR_CHOLESKY.check(s).all().itemBool(), "draws are Cholesky factors of correlation matrices");
        // a larger eta concentrates the correlations near 0: E[r²] = 1 / (2 eta + dim - 1) for an off-diagonal entry
        Tensor r01 = s.select(-1, 0).select(-1, 1);
        double[] m = r01.pow(2.0).mean(0).toDoubleArray();
        assertEquals(1 / (2 * 0.5 + 3), m[0], 0.03);
        assertEquals(1 / (2 * 3.0 + 3), m[1], 0.03);
        LKJCholesky uniform = new LKJCholesky(3);
        assertEquals("LKJCholesky(concentration: 1.0)", uniform.toString());
        assertArrayEquals(new long[] {2, 5, 3, 3}, uniform.expand(5).sample(new long[] {2}, new Generator().manualSeed(1)).shape());
        assertTrue(new LKJCholesky(2, 0.5).logProb(Torch.tensor(new float[] {1, 0, 0.6f, 0.8f}).reshape(2, 2)).isfinite().itemBool());
        var e = assertThrows(IllegalArgumentException.class, () -> new LKJCholesky(1));
        assertEquals("Expected dim to be an integer greater than or equal to 2. Found dim=1.", e.getMessage());
    }

    @Test
    void lowRankMultivariateNormalGradcheck() {
        Tensor loc = f64(0.3, -1.2, 0.5), w = f64(new long[] {3, 2}, 0.3, -1.2, 0.7, 0.1, 0.5, -0.4), d = f64(0.8, 1.5, 0.6);
        Tensor x = f64(new long[] {2, 3}, 0.1, 0.2, -0.3, 1.0, -2.0, 0.5);
        assertTwiceDifferentiable("log_prob", p -> new LowRankMultivariateNormal(p[0], p[1], p[2]).logProb(p[3]), loc, w, d, x);
        assertTwiceDifferentiable("entropy", p -> new LowRankMultivariateNormal(p[0], p[1], p[2]).entropy(), loc, w, d);
        assertTwiceDifferentiable("rsample", p -> new LowRankMultivariateNormal(p[0], p[1], p[2]).rsample(new long[] {2}, new Generator().manualSeed(2)),
                loc, w, d);
        assertTwiceDifferentiable("matrices", p -> {
            LowRankMultivariateNormal m = new LowRankMultivariateNormal(p[0], p[1], p[2]);
            return m.covarianceMatrix().add(m.precisionMatrix()).add(m.scaleTril()).sum(-1).add(m.variance());
        }, loc, w, d);
        Tensor w2 = f64(new long[] {3, 1}, 0.4, 0.2, -0.9), d2 = f64(1.1, 0.7, 1.3), tril = f64(new long[] {3, 3}, 1.2, 0, 0, 0.3, 0.9, 0, -0.2, 0.4, 1.1);
        assertTwiceDifferentiable("KL(low rank || low rank)", p -> KL.klDivergence(new LowRankMultivariateNormal(p[0], p[1], p[2]),
                new LowRankMultivariateNormal(p[3], p[4], p[5])), loc, w, d, x.detach().select(0, 0).requiresGrad_(), w2, d2);
        assertTwiceDifferentiable("KL(mvn || low rank)", p -> KL.klDivergence(MultivariateNormal.withScaleTril(p[0], p[1].tril()),
                new LowRankMultivariateNormal(p[2], p[3], p[4])), loc, tril, loc.detach().neg().requiresGrad_(), w2, d2);
        assertTwiceDifferentiable("KL(low rank || mvn)", p -> KL.klDivergence(new LowRankMultivariateNormal(p[0], p[1], p[2]),
                MultivariateNormal.withScaleTril(p[3], p[4].tril())), loc, w, d, loc.detach().neg().requiresGrad_(), tril);
        // the low-rank form agrees with the dense one
        LowRankMultivariateNormal lr = new LowRankMultivariateNormal(loc.detach(), w.detach(), d.detach());
        MultivariateNormal full = MultivariateNormal.withCovariance(loc.detach(), lr.covarianceMatrix());
        assertTrue(lr.logProb(x.detach()).allclose(full.logProb(x.detach()), 1e-10, 1e-10), "log_prob as the dense normal's");
        assertTrue(lr.scaleTril().allclose(full.scaleTril(), 1e-10, 1e-10), "scale_tril as the dense normal's");
        assertEquals(0.0, KL.klDivergence(lr, full).item(), 1e-10);
    }

    @Test
    void wishartGradcheckAndDraws() {
        Tensor df = f64(4.5), tril = f64(new long[] {3, 3}, 1.2, 0, 0, 0.3, 0.9, 0, -0.2, 0.4, 1.1);
        Tensor a = f64(new long[] {3, 3}, 1.0, 0.2, -0.3, 0.4, 1.5, 0.1, -0.5, 0.3, 0.8);
        Tensor eye = Torch.eye(3).to(DType.FLOAT64);
        // the value as a A^T + I keeps it positive-definite and symmetric under finite differences
        assertTwiceDifferentiable("log_prob", p -> Wishart.withScaleTril(p[0].reshape(), p[1].tril()).logProb(p[2].matmul(p[2].mT()).add(eye)), df, tril, a);
        assertTwiceDifferentiable("log_prob (covariance)", p -> Wishart.withCovariance(p[0].reshape(), p[1].matmul(p[1].mT()).add(eye)).logProb(eye.mul(2.0)), df, a);
        assertTwiceDifferentiable("entropy", p -> Wishart.withScaleTril(p[0].reshape(), p[1].tril()).entropy(), df, tril);
        assertTwiceDifferentiable("moments", p -> {
            Wishart w = Wishart.withScaleTril(p[0].reshape(), p[1].tril());
            return w.mean().add(w.variance()).add(w.mode()).add(w.precisionMatrix());
        }, f64(5.5), tril);
        assertTwiceDifferentiable("KL", p -> KL.klDivergence(Wishart.withScaleTril(p[0].reshape(), p[1].tril()), Wishart.withScaleTril(p[2].reshape(), p[3].tril())),
                df, tril, f64(3.5), a);
        // rsample in the scale at a fixed seed (df's gradient is the gamma draws' implicit one, which finite differences cannot see)
        Tensor fixedDf = df.detach().reshape();
        assertTwiceDifferentiable("rsample", p -> Wishart.withScaleTril(fixedDf, p[0].tril()).rsample(new long[] {2}, new Generator().manualSeed(4)), tril);
        // draws: positive-definite, with mean df * Sigma
        Wishart w = Wishart.withScaleTril(Torch.tensor(new double[] {3.0, 8.0}), tril.detach().tril());
        int n = 4000;
        Tensor s = w.sample(new long[] {n}, new Generator().manualSeed(6));
        assertArrayEquals(new long[] {n, 2, 3, 3}, s.shape());
        assertTrue(Constraint.POSITIVE_DEFINITE.check(s).all().itemBool(), "draws are positive-definite");
        Tensor err = s.mean(0).sub(w.mean()).abs().div(w.variance().div(n).sqrt());
        assertTrue(err.lt(5.0).all().itemBool(), "sample mean within 5 standard errors of df * Sigma: " + err);
        var e = assertThrows(IllegalArgumentException.class, () -> new Wishart(df.detach(), eye, null, eye, null));
        assertEquals("Exactly one of covariance_matrix or precision_matrix or scale_tril may be specified.", e.getMessage());
    }

    /** Transformed distributions whose transforms change event shapes are differentiable too. */
    @Test
    void transformedDistributionGradcheck() {
        Tensor loc = f64(0.3, -1.2, 0.5), scale = f64(0.8, 1.5, 0.6);
        Tensor y = new StickBreakingTransform().forward(Torch.tensor(new double[] {0.2, -0.4, 0.9}));
        assertTwiceDifferentiable("log_prob on the simplex", p -> new TransformedDistribution(new Normal(p[0], p[1]),
                List.of(new StickBreakingTransform()), null).logProb(y), loc, scale);
        assertTwiceDifferentiable("rsample on the simplex", p -> new TransformedDistribution(new Normal(p[0], p[1]),
                List.of(new StickBreakingTransform()), null).rsample(new long[] {2}, new Generator().manualSeed(8)), loc, scale);
        var e = assertThrows(IllegalArgumentException.class,
                () -> new TransformedDistribution(new Normal(0.0, 1.0), List.of(new StickBreakingTransform()), null));
        assertEquals("base_distribution needs to have shape with size at least 1, but got torch.Size([]).", e.getMessage());
    }

    /** The README example: a low-rank normal fitted by maximum likelihood, its diagonal kept positive by transformTo. */
    @Test
    void fitLowRankNormalByMaximumLikelihood() {
        Tensor points = new LowRankMultivariateNormal(Torch.zeros(new long[] {4}, DType.FLOAT64),
                Torch.tensor(new double[] {1.0, 0.5, -0.5, 1.0}).reshape(4, 1), Torch.full(new long[] {4}, 0.3, DType.FLOAT64))
                .sample(new long[] {2000}, new Generator().manualSeed(0));
        Transform positive = Transforms.transformTo(Constraint.POSITIVE);
        Tensor loc = Torch.zeros(new long[] {4}, DType.FLOAT64).requiresGrad_();
        Tensor factor = Torch.full(new long[] {4, 1}, 0.1, DType.FLOAT64).requiresGrad_();
        Tensor rawDiag = Torch.zeros(new long[] {4}, DType.FLOAT64).requiresGrad_();
        Adam opt = new Adam(List.of(loc, factor, rawDiag), 0.05);
        for (int step = 0; step < 400; step++) {
            opt.zeroGrad();
            new LowRankMultivariateNormal(loc, factor, positive.forward(rawDiag)).logProb(points).mean().neg().backward();
            opt.step();
        }
        Tensor centred = points.sub(points.mean(0));
        Tensor sampleCov = centred.mT().matmul(centred).div(2000.0);
        Tensor fitted = new LowRankMultivariateNormal(loc, factor, positive.forward(rawDiag)).covarianceMatrix().detach();
        assertTrue(fitted.sub(sampleCov).abs().max().item() < 0.05, "fitted covariance " + fitted + " vs " + sampleCov);
        assertTrue(loc.detach().sub(points.mean(0)).abs().max().item() < 0.01, "loc is the sample mean");
    }
}
