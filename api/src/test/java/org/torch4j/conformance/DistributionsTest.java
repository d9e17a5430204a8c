package org.torch4j.conformance;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
import org.torch4j.distributions.Bernoulli;
import org.torch4j.distributions.Beta;
import org.torch4j.distributions.Binomial;
import org.torch4j.distributions.Categorical;
import org.torch4j.distributions.Dirichlet;
import org.torch4j.distributions.Distribution;
import org.torch4j.distributions.Exponential;
import org.torch4j.distributions.Gamma;
import org.torch4j.distributions.Independent;
import org.torch4j.distributions.KL;
import org.torch4j.distributions.Laplace;
import org.torch4j.distributions.LogNormal;
import org.torch4j.distributions.Normal;
import org.torch4j.distributions.OneHotCategorical;
import org.torch4j.distributions.Poisson;
import org.torch4j.distributions.Uniform;
import org.torch4j.optim.Adam;

/**
 * {@code org.torch4j.distributions} against PyTorch 1.13 ({@code tools/gen_distributions_reference.py},
 * {@code reference/distributions.json}): log_prob, entropy, mean, mode, variance, cdf, icdf and KL with
 * broadcasting parameters in float32 and float64 with their gradients, seeded samples, and error
 * messages; plus gradcheck and gradgradcheck in float64 and seeded moment checks of the samplers.
 */
class DistributionsTest {

    private static final DistributionCases CASES = new DistributionCases("distributions.json", DistributionsTest::make);

    /**
     * Distributions whose samples go through log, log1p, exp or pow, whose last bit differs between
     * Java's and PyTorch's (glibc, or SLEEF in its vectorised float kernels), and rejection samplers
     * whose decisions use them: compared with a tolerance of a few ulps.
     */
    private static final Set<String> LIBM = Set.of("Exponential", "Laplace", "LogNormal", "Gamma", "Beta", "Dirichlet", "Poisson", "Binomial");

    static Distribution make(String dist, Map<String, Tensor> a) {
        return switch (dist) {
            case "Normal" -> new Normal(a.get("loc"), a.get("scale"));
            case "Uniform" -> new Uniform(a.get("low"), a.get("high"));
            case "Exponential" -> new Exponential(a.get("rate"));
            case "Laplace" -> new Laplace(a.get("loc"), a.get("scale"));
            case "Gamma" -> new Gamma(a.get("concentration"), a.get("rate"));
            case "Beta" -> new Beta(a.get("concentration1"), a.get("concentration0"));
            case "Dirichlet" -> new Dirichlet(a.get("concentration"));
            case "LogNormal" -> new LogNormal(a.get("loc"), a.get("scale"));
            case "Bernoulli" -> new Bernoulli(a.get("probs"), a.get("logits"), null);
            case "Categorical" -> new Categorical(a.get("probs"), a.get("logits"), null);
            case "OneHotCategorical" -> new OneHotCategorical(a.get("probs"), a.get("logits"), null);
            case "Poisson" -> new Poisson(a.get("rate"));
            case "Binomial" -> new Binomial(a.get("total_count"), a.get("probs"), a.get("logits"), null);
            default -> throw new IllegalArgumentException(dist);
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

    @TestFactory
    Stream<DynamicTest> seededSamplesMatchPyTorch() {
        return CASES.samples(name -> !LIBM.contains(name));
    }

    @TestFactory
    Stream<DynamicTest> errorsMatchPyTorch() {
        return CASES.errors();
    }

    @Test
    void validationCanBeTurnedOff() {
        Tensor neg = Torch.tensor(new double[] {-1.0});
        assertThrows(IllegalArgumentException.class, () -> new Normal(Torch.zeros(1), Torch.tensor(new float[] {-1f})));
        Normal n = new Normal(Torch.zeros(new long[] {1}, DType.FLOAT64), neg, false);
        assertFalse(n.validateArgs());
        assertTrue(n.logProb(Torch.zeros(new long[] {1}, DType.FLOAT64)).isnan().all().itemBool(), "log of a negative scale is NaN");
        Exponential e = new Exponential(Torch.ones(new long[] {1}, DType.FLOAT64), false);
        assertEquals(2.0, e.logProb(Torch.tensor(new double[] {-2.0})).item(), 1e-12, "log(rate) - rate * x outside the support");
        Distribution.setDefaultValidateArgs(false);
        try {
            assertFalse(new Gamma(Torch.tensor(new double[] {-1.0}), Torch.ones(new long[] {1}, DType.FLOAT64)).validateArgs());
        } finally {
            Distribution.setDefaultValidateArgs(true);
        }
        assertThrows(IllegalArgumentException.class, () -> new Gamma(Torch.tensor(new double[] {-1.0}), Torch.ones(new long[] {1}, DType.FLOAT64)));
    }

    // ---- gradcheck and gradgradcheck in float64 ---------------------------------------------------

    private static Tensor f64(double... v) {
        return Torch.tensor(v).requiresGrad_();
    }

    /**
     * A continuous distribution of float64 parameters (index 0, 1) and a value in its support;
     * {@code rsampleGrad}: whether its rsample is a differentiable function of the parameters at a fixed seed.
     */
    private record Continuous(String name, Function<Tensor[], Distribution> make, Tensor[] params, Tensor value, boolean rsampleGrad) {}

    private static List<Continuous> continuous() {
        List<Continuous> r = new ArrayList<>();
        r.add(new Continuous("Normal", p -> new Normal(p[0], p[1]), new Tensor[] {f64(0.3, -1.2), f64(0.7, 1.5)}, f64(0.1, 0.4), true));
        r.add(new Continuous("Uniform", p -> new Uniform(p[0], p[1]), new Tensor[] {f64(-1.0, 0.2), f64(1.5, 2.5)}, f64(0.1, 0.4), true));
        r.add(new Continuous("Exponential", p -> new Exponential(p[0]), new Tensor[] {f64(0.7, 2.0)}, f64(0.3, 1.4), true));
        r.add(new Continuous("Laplace", p -> new Laplace(p[0], p[1]), new Tensor[] {f64(0.3, -1.2), f64(0.7, 1.5)}, f64(0.1, 0.4), true));
        r.add(new Continuous("LogNormal", p -> new LogNormal(p[0], p[1]), new Tensor[] {f64(0.3, -1.2), f64(0.7, 1.5)}, f64(0.5, 2.4), true));
        // (Dirichlet without validation: finite differences step off the simplex)
        // Gamma's rsample has an implicit (inverse-CDF) gradient, not the derivative of its sampler at a fixed
        // seed, so finite differences cannot check it: see gammaRsampleGradientIsUnbiased and the reference.
        r.add(new Continuous("Gamma", p -> new Gamma(p[0], p[1]), new Tensor[] {f64(0.8, 2.5), f64(0.7, 1.5)}, f64(0.5, 2.4), false));
        r.add(new Continuous("Beta", p -> new Beta(p[0], p[1]), new Tensor[] {f64(0.8, 2.5), f64(1.7, 1.5)}, f64(0.3, 0.6), false));
        r.add(new Continuous("Dirichlet", p -> new Dirichlet(p[0].reshape(1, 3), false), new Tensor[] {f64(0.8, 2.5, 1.3)},
                Torch.tensor(new double[] {0.2, 0.3, 0.5}).reshape(1, 3).requiresGrad_(), false));
        return r;
    }

    @TestFactory
    Stream<DynamicTest> gradcheckContinuous() {
        return continuous().stream().flatMap(c -> {
            int n = c.params().length;
            Tensor[] inputs = java.util.Arrays.copyOf(c.params(), n + 1);
            inputs[n] = c.value();
            Function<Tensor[], Tensor> logProb = in -> c.make().apply(java.util.Arrays.copyOf(in, n)).logProb(in[n]);
            Function<Tensor[], Tensor> entropy = in -> c.make().apply(in).entropy();
            Function<Tensor[], Tensor> kl = in -> KL.klDivergence(c.make().apply(java.util.Arrays.copyOf(in, n)),
                    c.make().apply(java.util.Arrays.copyOfRange(in, n, 2 * n)));
            Tensor[] klInputs = new Tensor[2 * n];
            for (int i = 0; i < n; i++) {
                klInputs[i] = c.params()[i];
                // q's parameters: p's nudged, inside the same support (Uniform's q must cover p)
                double shift = c.name().equals("Uniform") ? (i == 0 ? -0.3 : 0.3) : 0.2;
                klInputs[n + i] = c.params()[i].detach().add(shift).requiresGrad_();
            }
            List<DynamicTest> tests = new ArrayList<>();
            tests.add(DynamicTest.dynamicTest(c.name() + " log_prob gradcheck", () -> assertTrue(GradCheck.gradcheck(logProb, inputs))));
            tests.add(DynamicTest.dynamicTest(c.name() + " log_prob gradgradcheck", () -> assertTrue(GradCheck.gradgradcheck(logProb, inputs))));
            tests.add(DynamicTest.dynamicTest(c.name() + " entropy gradcheck", () -> assertTrue(GradCheck.gradcheck(entropy, c.params()))));
            tests.add(DynamicTest.dynamicTest(c.name() + " kl gradcheck", () -> assertTrue(GradCheck.gradcheck(kl, klInputs))));
            // (Gamma's, Beta's and Dirichlet's go through digamma: their second derivatives need polygamma(2, x))
            tests.add(DynamicTest.dynamicTest(c.name() + " entropy gradgradcheck", () -> assertTrue(GradCheck.gradgradcheck(entropy, c.params()))));
            tests.add(DynamicTest.dynamicTest(c.name() + " kl gradgradcheck", () -> assertTrue(GradCheck.gradgradcheck(kl, klInputs))));
            if (c.rsampleGrad()) {
                Function<Tensor[], Tensor> rsample = in -> c.make().apply(in).rsample(new long[] {3}, new Generator().manualSeed(7));
                tests.add(DynamicTest.dynamicTest(c.name() + " rsample gradcheck", () -> assertTrue(GradCheck.gradcheck(rsample, c.params()))));
                tests.add(DynamicTest.dynamicTest(c.name() + " rsample gradgradcheck", () -> assertTrue(GradCheck.gradgradcheck(rsample, c.params()))));
            }
            if (c.name().equals("Normal") || c.name().equals("Laplace") || c.name().equals("Exponential") || c.name().equals("Uniform")) {
                Function<Tensor[], Tensor> cdf = in -> c.make().apply(java.util.Arrays.copyOf(in, n)).cdf(in[n]);
                Tensor[] qIn = inputs.clone();
                qIn[n] = f64(0.2, 0.7);
                Function<Tensor[], Tensor> icdf = in -> c.make().apply(java.util.Arrays.copyOf(in, n)).icdf(in[n]);
                tests.add(DynamicTest.dynamicTest(c.name() + " cdf gradcheck and gradgradcheck",
                        () -> assertTrue(GradCheck.gradcheck(cdf, inputs) && GradCheck.gradgradcheck(cdf, inputs))));
                tests.add(DynamicTest.dynamicTest(c.name() + " icdf gradcheck and gradgradcheck",
                        () -> assertTrue(GradCheck.gradcheck(icdf, qIn) && GradCheck.gradgradcheck(icdf, qIn))));
            }
            return tests.stream();
        });
    }

    @Test
    void klAcrossFamiliesThroughDigammaIsTwiceDifferentiable() {
        Tensor a = f64(0.8, 2.5), b = f64(1.7, 1.5), rate = f64(0.7, 1.5), loc = f64(0.3, -1.2);
        assertTrue(GradCheck.gradgradcheck(p -> KL.klDivergence(new Beta(p[0], p[1]), new Exponential(p[2])), a, b, rate));
        assertTrue(GradCheck.gradgradcheck(p -> KL.klDivergence(new Beta(p[0], p[1]), new Gamma(p[2], p[3])), a, b, b, rate));
        assertTrue(GradCheck.gradgradcheck(p -> KL.klDivergence(new Gamma(p[0], p[1]), new Exponential(p[2])), a, rate, b));
        assertTrue(GradCheck.gradgradcheck(p -> KL.klDivergence(new Gamma(p[0], p[1]), new Normal(p[2], p[3])), a, rate, loc, b));
    }

    @Test
    void gradcheckDiscreteParameters() {
        Tensor value = Torch.tensor(new double[] {1, 0, 1});
        Tensor probs = f64(0.2, 0.5, 0.9), logits = f64(-0.3, 1.2, 0.4);
        assertTrue(GradCheck.gradcheck(p -> Bernoulli.withProbs(p[0]).logProb(value), probs));
        assertTrue(GradCheck.gradgradcheck(p -> Bernoulli.withLogits(p[0]).logProb(value), logits));
        assertTrue(GradCheck.gradcheck(p -> Bernoulli.withLogits(p[0]).entropy(), logits));
        assertTrue(GradCheck.gradgradcheck(p -> KL.klDivergence(Bernoulli.withLogits(p[0]), Bernoulli.withLogits(p[1])), logits, probs));
        Tensor catLogits = Torch.tensor(new double[] {0.1, -0.5, 1.2, 0.3, 0.0, -1.0}).reshape(2, 3).requiresGrad_();
        Tensor catValue = Torch.tensor(new double[] {2, 0});
        assertTrue(GradCheck.gradgradcheck(p -> Categorical.withLogits(p[0]).logProb(catValue), catLogits));
        assertTrue(GradCheck.gradgradcheck(p -> Categorical.withLogits(p[0]).entropy(), catLogits));
        Tensor catProbs = Torch.tensor(new double[] {0.2, 0.3, 0.5, 0.6, 0.1, 0.3}).reshape(2, 3).requiresGrad_();
        assertTrue(GradCheck.gradgradcheck(p -> KL.klDivergence(Categorical.withProbs(p[0]), Categorical.withLogits(p[1])), catProbs, catLogits));
        Tensor rate = f64(0.5, 3.0, 12.0);
        Tensor counts = Torch.tensor(new double[] {0, 2, 15});
        assertTrue(GradCheck.gradgradcheck(p -> new Poisson(p[0]).logProb(counts), rate));
        // away from probs = 0.5, where log_prob's |logits| has a kink that autograd's second derivative sees (as PyTorch's)
        assertTrue(GradCheck.gradgradcheck(p -> Binomial.withProbs(Torch.tensor(new double[] {5, 5, 20}), p[0]).logProb(counts.clamp(0.0, 5.0)),
                f64(0.2, 0.4, 0.9)));
    }

    // ---- samplers whose streams are not PyTorch's or are checked only approximately: moments ----------

    private static void assertMoments(Distribution d, long n, long seed, double tol, String label) {
        Tensor x = d.sample(new long[] {n}, new Generator().manualSeed(seed)).to(DType.FLOAT64);
        Tensor mean = x.mean(0), var = x.var(new int[] {0}, 1, false);
        Tensor expMean = d.mean().to(DType.FLOAT64), expVar = d.variance().to(DType.FLOAT64);
        double[] m = mean.toDoubleArray(), v = var.toDoubleArray(), em = expMean.toDoubleArray(), ev = expVar.toDoubleArray();
        for (int i = 0; i < m.length; i++) {
            // tol standard errors of the sample mean and (roughly) of the sample variance
            double seMean = Math.sqrt(ev[i] / n);
            assertEquals(em[i], m[i], tol * seMean + 1e-12, label + " mean[" + i + "]");
            assertEquals(ev[i], v[i], tol * ev[i] * Math.sqrt(8.0 / n) + 1e-12, label + " variance[" + i + "]");
        }
    }

    @Test
    void samplerMoments() {
        Tensor c = Torch.tensor(new double[] {0.2, 0.9, 1.0, 3.5, 40.0});
        assertMoments(new Gamma(c, Torch.tensor(new double[] {1.0, 2.0, 0.5, 1.5, 3.0})), 20000, 1, 4, "Gamma");
        assertMoments(new Beta(Torch.tensor(new double[] {0.3, 2.0, 8.0}), Torch.tensor(new double[] {0.6, 2.0, 1.5})), 20000, 2, 4, "Beta");
        assertMoments(new Dirichlet(Torch.tensor(new double[] {0.5, 1.0, 4.0})), 20000, 3, 4, "Dirichlet");
        assertMoments(new Poisson(Torch.tensor(new double[] {0.0, 0.3, 4.0, 10.0, 150.0})), 20000, 4, 4, "Poisson");
        assertMoments(Binomial.withProbs(Torch.tensor(new double[] {1, 10, 40, 200, 1000}), Torch.tensor(new double[] {0.5, 0.2, 0.6, 0.1, 0.93})),
                20000, 5, 4, "Binomial");
        assertMoments(Binomial.withProbs(Torch.tensor(new float[] {10, 300}), Torch.tensor(new float[] {0.3f, 0.7f})), 20000, 6, 4, "Binomial float32");
        // the supports hold
        Tensor g = new Gamma(Torch.tensor(new double[] {1e-3}), Torch.ones(new long[] {1}, DType.FLOAT64)).sample(new long[] {200}, new Generator().manualSeed(8));
        assertTrue(g.gt(0.0).all().itemBool(), "gamma draws are positive");
        Tensor b = Binomial.withProbs(Torch.tensor(new double[] {7}), Torch.tensor(new double[] {0.999})).sample(new long[] {100}, new Generator().manualSeed(9));
        assertTrue(b.le(7.0).all().itemBool() && b.ge(0.0).all().itemBool(), "binomial draws within [0, n]");
    }

    /**
     * Gamma's implicit reparameterisation: averaged over many draws, the pathwise derivatives are
     * those of the moments, d E[x] / d alpha = 1 / rate and d E[x^2] / d alpha = (2 alpha + 1) / rate^2.
     */
    @Test
    void gammaRsampleGradientIsUnbiased() {
        double[] alphas = {0.4, 2.0, 5.0, 15.0};
        double rate = 1.5;
        int n = 20000;
        Tensor alpha = Torch.tensor(alphas).requiresGrad_();
        Tensor x = new Gamma(alpha, Torch.full(new long[] {4}, rate, DType.FLOAT64)).rsample(new long[] {n}, new Generator().manualSeed(11));
        Tensor g1 = org.torch4j.Autograd.grad(List.of(x.mean(0).sum()), List.of(alpha), null, true, false, false).get(0);
        Tensor g2 = org.torch4j.Autograd.grad(List.of(x.pow(2.0).mean(0).sum()), List.of(alpha), null, false, false, false).get(0);
        for (int i = 0; i < alphas.length; i++) {
            double a = alphas[i];
            assertEquals(1 / rate, g1.toDoubleArray()[i], 0.03 / rate, "d E[x] / d alpha at " + a);
            assertEquals((2 * a + 1) / (rate * rate), g2.toDoubleArray()[i], 0.03 * (2 * a + 1) / (rate * rate), "d E[x^2] / d alpha at " + a);
        }
    }

    /**
     * Dirichlet's (and so Beta's) pathwise gradients through the gamma draws, averaged over many draws:
     * for {@code L = sum_i w_i E[x_i]}, {@code dL/dalpha_j = w_j / a0 - sum_i w_i alpha_i / a0^2}.
     */
    @Test
    void dirichletRsampleGradientIsUnbiased() {
        double[] alphas = {0.5, 2.0, 4.0};
        double[] w = {1.0, -2.0, 0.5};
        double a0 = 6.5;
        Tensor alpha = Torch.tensor(alphas).requiresGrad_();
        Tensor x = new Dirichlet(alpha).rsample(new long[] {20000}, new Generator().manualSeed(12));
        x.mean(0).mul(Torch.tensor(w)).sum().backward();
        double weighted = 0;
        for (int i = 0; i < 3; i++) weighted += w[i] * alphas[i];
        for (int j = 0; j < 3; j++) {
            double expected = w[j] / a0 - weighted / (a0 * a0);
            assertEquals(expected, alpha.grad().toDoubleArray()[j], 0.01, "dL / d alpha_" + j);
        }
        Tensor c1 = Torch.tensor(new double[] {2.0}).requiresGrad_(), c0 = Torch.tensor(new double[] {3.0}).requiresGrad_();
        new Beta(c1, c0).rsample(new long[] {20000}, new Generator().manualSeed(13)).mean().backward();
        // E[x] = c1 / (c1 + c0): derivatives c0 / (c1 + c0)^2 and -c1 / (c1 + c0)^2
        assertEquals(3.0 / 25, c1.grad().item(), 0.005);
        assertEquals(-2.0 / 25, c0.grad().item(), 0.005);
    }

    // ---- shapes, expand, Independent --------------------------------------------------------------

    @Test
    void shapesAndExpand() {
        Normal n = new Normal(Torch.zeros(3), Torch.ones(2, 1));
        assertArrayEquals(new long[] {2, 3}, n.batchShape());
        assertArrayEquals(new long[] {4, 5, 2, 3}, n.sample(4, 5).shape());
        assertArrayEquals(new long[] {2, 3}, n.sample().shape());
        Normal e = n.expand(6, 2, 3);
        assertArrayEquals(new long[] {6, 2, 3}, e.batchShape());
        assertArrayEquals(new long[] {6, 2, 3}, e.entropy().shape());
        Independent ind = new Independent(n, 1);
        assertArrayEquals(new long[] {2}, ind.batchShape());
        assertArrayEquals(new long[] {3}, ind.eventShape());
        assertArrayEquals(new long[] {4, 2}, ind.logProb(n.sample(4)).shape());
        assertEquals("Independent(Normal(loc: torch.Size([2, 3]), scale: torch.Size([2, 3])), 1)", ind.toString());
        var ex = assertThrows(IllegalArgumentException.class, () -> new Independent(n, 3));
        assertEquals("Expected reinterpreted_batch_ndims <= len(base_distribution.batch_shape), actual 3 vs 2", ex.getMessage());
        Categorical cat = Categorical.withLogits(Torch.zeros(2, 5));
        assertArrayEquals(new long[] {7, 2}, cat.sample(7).shape());
        assertEquals(DType.INT64, cat.sample(7).dtype());
        assertArrayEquals(new long[] {5, 2}, cat.enumerateSupport(true).shape());
        // int64 draws go back into log_prob, as in PyTorch
        Tensor draws = cat.sample(new long[] {4}, new Generator().manualSeed(3));
        assertArrayEquals(new long[] {4, 2}, cat.logProb(draws).shape());
        assertEquals(-Math.log(5), cat.logProb(draws).toDoubleArray()[0], 1e-6);
        assertThrows(IllegalArgumentException.class, () -> cat.logProb(Torch.tensor(new long[] {5})));
        assertArrayEquals(new long[] {3, 2, 5}, OneHotCategorical.withLogits(Torch.zeros(2, 5)).sample(3).shape());
        Bernoulli coin = Bernoulli.withProbs(Torch.tensor(new float[] {0.5f}));
        assertFalse(coin.hasRsample());
        assertTrue(new Normal(0.0, 1.0).hasRsample() && new Beta(1.0, 1.0).hasRsample());
        var rs = assertThrows(UnsupportedOperationException.class, () -> coin.rsample());
        assertEquals("Bernoulli does not implement rsample", rs.getMessage());
    }

    /** An affine map of a normal is the normal with moved loc and scale; a decreasing map turns cdf around. */
    @Test
    void affineTransformOfNormal() {
        Tensor x = Torch.tensor(new double[] {-1.0, 0.3, 2.5});
        Normal base = new Normal(Torch.tensor(new double[] {0.5}), Torch.tensor(new double[] {2.0}));
        for (double scale : new double[] {3.0, -3.0}) {
            var t = new org.torch4j.distributions.TransformedDistribution(base,
                    List.of(new org.torch4j.distributions.AffineTransform(Torch.tensor(new double[] {1.0}), Torch.tensor(new double[] {scale}))), null);
            Normal direct = new Normal(Torch.tensor(new double[] {1.0 + scale * 0.5}), Torch.tensor(new double[] {Math.abs(scale) * 2.0}));
            assertTrue(t.logProb(x).allclose(direct.logProb(x)), "log_prob, scale " + scale);
            assertTrue(t.cdf(x).allclose(direct.cdf(x)), "cdf, scale " + scale);
            Tensor q = Torch.tensor(new double[] {0.1, 0.5, 0.8});
            assertTrue(t.icdf(q).allclose(direct.icdf(q)), "icdf, scale " + scale);
        }
    }

    // ---- an example: fitting a normal by maximum likelihood -----------------------------------------

    /** The README example: maximum likelihood fit of a Normal's loc and log-scale with Adam. */
    @Test
    void fitNormalByMaximumLikelihood() {
        Tensor data = new Normal(3.0, 0.5).sample(new long[] {1000}, new Generator().manualSeed(0));
        Tensor loc = Torch.zeros(1).requiresGrad_();
        Tensor logScale = Torch.zeros(1).requiresGrad_();
        Adam opt = new Adam(List.of(loc, logScale), 0.05);
        for (int step = 0; step < 500; step++) {
            opt.zeroGrad();
            Tensor nll = new Normal(loc, logScale.exp()).logProb(data).mean().neg();
            nll.backward();
            opt.step();
        }
        // the maximum likelihood estimates are the sample mean and the (biased) sample standard deviation
        double mean = data.mean().item();
        double std = data.sub(mean).pow(2.0).mean().sqrt().item();
        assertEquals(mean, loc.item(), 1e-3);
        assertEquals(std, logScale.exp().item(), 1e-3);
        assertEquals(3.0, mean, 0.05);
    }

    /** REINFORCE on a 4-armed bandit: the policy's score-function gradient moves it to the best arm. */
    @Test
    void reinforceLearnsTheBestArm() {
        Tensor payoff = Torch.tensor(new float[] {0.2f, 0.5f, 0.9f, 0.4f});
        Tensor logits = Torch.zeros(4).requiresGrad_();
        Adam opt = new Adam(List.of(logits), 0.1);
        Generator g = new Generator().manualSeed(1);
        for (int step = 0; step < 200; step++) {
            Categorical policy = Categorical.withLogits(logits);
            Tensor arms = policy.sample(new long[] {32}, g);
            Tensor reward = Torch.bernoulli(payoff.gather(0, arms), g);
            Tensor loss = policy.logProb(arms).mul(reward.sub(reward.mean())).mean().neg();
            opt.zeroGrad();
            loss.backward();
            opt.step();
        }
        Tensor probs = Categorical.withLogits(logits.detach()).probs();
        assertEquals(2, probs.argmax().itemLong());
        assertTrue(probs.toDoubleArray()[2] > 0.9, "the best arm's probability " + probs.toDoubleArray()[2]);
    }
}
