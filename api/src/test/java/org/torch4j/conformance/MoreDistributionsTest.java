package org.torch4j.conformance;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.torch4j.Generator;
import org.torch4j.GradCheck;
import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.distributions.Categorical;
import org.torch4j.distributions.Cauchy;
import org.torch4j.distributions.Chi2;
import org.torch4j.distributions.ContinuousBernoulli;
import org.torch4j.distributions.Distribution;
import org.torch4j.distributions.ExpRelaxedCategorical;
import org.torch4j.distributions.ExpTransform;
import org.torch4j.distributions.Geometric;
import org.torch4j.distributions.Gumbel;
import org.torch4j.distributions.HalfCauchy;
import org.torch4j.distributions.HalfNormal;
import org.torch4j.distributions.KL;
import org.torch4j.distributions.LogitRelaxedBernoulli;
import org.torch4j.distributions.MixtureSameFamily;
import org.torch4j.distributions.Multinomial;
import org.torch4j.distributions.NegativeBinomial;
import org.torch4j.distributions.Normal;
import org.torch4j.distributions.Pareto;
import org.torch4j.distributions.RelaxedBernoulli;
import org.torch4j.distributions.RelaxedOneHotCategorical;
import org.torch4j.distributions.StudentT;
import org.torch4j.distributions.Transform;
import org.torch4j.distributions.Weibull;

/**
 * The distributions added after {@link DistributionsTest}'s (Cauchy, HalfNormal, HalfCauchy, Gumbel,
 * Weibull, Pareto, Chi2, StudentT, Geometric, NegativeBinomial, Multinomial, LogitRelaxedBernoulli,
 * RelaxedBernoulli, ExpRelaxedCategorical, RelaxedOneHotCategorical, ContinuousBernoulli,
 * MixtureSameFamily) against PyTorch 1.13 ({@code tools/gen_more_distributions_reference.py},
 * {@code reference/distributions_more.json}, laid out as {@code distributions.json}): log_prob, entropy,
 * mean, mode, variance, cdf, icdf and their gradients in float32 and float64, KL pairs (with the
 * existing distributions), seeded samples and their gradients, and error messages; plus gradcheck and
 * gradgradcheck in float64.
 */
class MoreDistributionsTest {

    private static final DistributionCases CASES = new DistributionCases("distributions_more.json", MoreDistributionsTest::make);

    static Distribution make(String dist, Map<String, Tensor> a) {
        return switch (dist) {
            case "Cauchy" -> new Cauchy(a.get("loc"), a.get("scale"));
            case "HalfNormal" -> new HalfNormal(a.get("scale"));
            case "HalfCauchy" -> new HalfCauchy(a.get("scale"));
            case "Gumbel" -> new Gumbel(a.get("loc"), a.get("scale"));
            case "Weibull" -> new Weibull(a.get("scale"), a.get("concentration"));
            case "Pareto" -> new Pareto(a.get("scale"), a.get("alpha"));
            case "Chi2" -> new Chi2(a.get("df"));
            case "StudentT" -> new StudentT(a.get("df"), a.get("loc"), a.get("scale"));
            case "Geometric" -> new Geometric(a.get("probs"), a.get("logits"), null);
            case "NegativeBinomial" -> new NegativeBinomial(a.get("total_count"), a.get("probs"), a.get("logits"), null);
            case "LogitRelaxedBernoulli" -> new LogitRelaxedBernoulli(a.get("temperature"), a.get("probs"), a.get("logits"), null);
            case "RelaxedBernoulli" -> new RelaxedBernoulli(a.get("temperature"), a.get("probs"), a.get("logits"), null);
            case "ExpRelaxedCategorical" -> new ExpRelaxedCategorical(a.get("temperature"), a.get("probs"), a.get("logits"), null);
            case "RelaxedOneHotCategorical" -> new RelaxedOneHotCategorical(a.get("temperature"), a.get("probs"), a.get("logits"), null);
            case "ContinuousBernoulli" -> new ContinuousBernoulli(a.get("probs"), a.get("logits"), null);
            case "Multinomial" -> new Multinomial((long) a.get("total_count").item(), a.get("probs"), a.get("logits"), null);
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

    /** HalfNormal's draws are |normal| draws, exact; the others go through tan, log, exp or pow. */
    @TestFactory
    Stream<DynamicTest> seededSamplesMatchPyTorch() {
        return CASES.samples("HalfNormal"::equals);
    }

    // ---- MixtureSameFamily -----------------------------------------------------------------------

    @SuppressWarnings("unchecked")
    private static MixtureSameFamily mixture(Map<String, Object> c, boolean grad, Map<String, Tensor> leaves) {
        Categorical mix = (Categorical) CASES.build((Map<String, Object>) c.get("mix"), grad, leaves, "mix.");
        return new MixtureSameFamily(mix, CASES.build((Map<String, Object>) c.get("comp"), grad, leaves, "comp."));
    }

    @SuppressWarnings("unchecked")
    @TestFactory
    Stream<DynamicTest> mixtureMatchesPyTorch() {
        Stream<DynamicTest> values = CASES.section("mixture").stream().map(c -> {
            String label = "MixtureSameFamily of " + DistributionCases.name((Map<String, Object>) c.get("comp")) + " " + DistributionCases.dtypeOf(c, "log_prob");
            return DynamicTest.dynamicTest(label, () -> {
                MixtureSameFamily d = mixture(c, false, new LinkedHashMap<>());
                Tensor value = Reference.tensor(c.get("value"));
                assertArrayEquals(Reference.longs((List<Object>) c.get("batch_shape")), d.batchShape(), "batch_shape");
                Reference.assertTensor(c.get("log_prob"), d.logProb(value), label + " log_prob");
                Reference.assertTensor(c.get("mean"), d.mean(), label + " mean");
                Reference.assertTensor(c.get("variance"), d.variance(), label + " variance");
                if (c.containsKey("cdf")) Reference.assertTensor(c.get("cdf"), d.cdf(value), label + " cdf");
                if (c.containsKey("grads")) {
                    Map<String, Tensor> leaves = new LinkedHashMap<>();
                    mixture(c, true, leaves).logProb(value).sum().backward();
                    for (var e : ((Map<String, Object>) c.get("grads")).entrySet()) {
                        Reference.assertTensor(e.getValue(), leaves.get(e.getKey()).grad(), label + " d log_prob / d " + e.getKey());
                    }
                }
            });
        });
        Stream<DynamicTest> samples = CASES.section("mixture_samples").stream().map(c -> {
            long[] shape = Reference.longs((List<Object>) c.get("shape"));
            long seed = ((Number) c.get("seed")).longValue();
            String label = "MixtureSameFamily of " + DistributionCases.name((Map<String, Object>) c.get("comp")) + ".sample" + Arrays.toString(shape)
                    + " " + DistributionCases.dtypeOf(c, "out") + " seed " + seed;
            return DynamicTest.dynamicTest(label, () -> {
                Tensor x = mixture(c, false, new LinkedHashMap<>()).sample(shape, new Generator().manualSeed(seed));
                // Laplace components go through log1p, whose last bit may differ
                double tol = DistributionCases.dtypeOf(c, "out").equals("float32") ? 1e-6 : 1e-12;
                Reference.assertTensor(c.get("out"), x, tol, tol, label);
            });
        });
        return Stream.concat(values, samples);
    }

    /** log_prob is twice differentiable in the weights and the components' parameters; PyTorch's shape checks. */
    @Test
    void mixtureGradcheckAndErrors() {
        Tensor logits = f64(0.3, -0.4, 1.1), loc = f64(-1.0, 0.5, 2.0), scale = f64(0.7, 1.3, 0.9), x = f64(0.2, 1.7);
        Function<Tensor[], Tensor> lp = p -> new MixtureSameFamily(Categorical.withLogits(p[0]), new Normal(p[1], p[2])).logProb(p[3]);
        assertTwiceDifferentiable(lp, logits, loc, scale, x);
        Function<Tensor[], Tensor> cdf = p -> new MixtureSameFamily(Categorical.withLogits(p[0]), new Normal(p[1], p[2])).cdf(p[3]);
        assertTwiceDifferentiable(cdf, logits, loc, scale, x);
        var e = assertThrows(IllegalArgumentException.class,
                () -> new MixtureSameFamily(Categorical.withLogits(Torch.zeros(4)), new Normal(Torch.zeros(3), Torch.ones(3))));
        assertEquals("`mixture_distribution component` (4) does not equal `component_distribution.batch_shape[-1]` (3)", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> new MixtureSameFamily(Categorical.withLogits(Torch.zeros(2, 3)), new Normal(Torch.zeros(5, 3), Torch.ones(5, 3))));
        assertEquals("`mixture_distribution.batch_shape` (torch.Size([2])) is not compatible with `component_distribution.batch_shape`(torch.Size([5]))",
                e.getMessage());
        MixtureSameFamily m = new MixtureSameFamily(Categorical.withLogits(Torch.zeros(2, 3)), new Normal(Torch.zeros(2, 3), Torch.ones(2, 3)));
        assertArrayEquals(new long[] {4, 2}, m.expand(4, 2).sample(new long[0], new Generator().manualSeed(1)).shape());
    }

    @TestFactory
    Stream<DynamicTest> errorsMatchPyTorch() {
        return CASES.errors();
    }

    // ---- gradcheck and gradgradcheck in float64 ---------------------------------------------------

    private static Tensor f64(double... v) {
        return Torch.tensor(v).requiresGrad_();
    }

    private static void assertTwiceDifferentiable(Function<Tensor[], Tensor> f, Tensor... inputs) {
        assertTrue(GradCheck.gradcheck(f, inputs), "gradcheck");
        assertTrue(GradCheck.gradgradcheck(f, inputs), "gradgradcheck");
    }

    /** Float64 parameters of p and of q (for KL, where the pair is registered; else null) and a value in the support. */
    private record Case(String name, Function<Tensor[], Distribution> make, Tensor[] params, Tensor[] qParams, Tensor value) {}

    private static List<Case> cases() {
        List<Case> r = new ArrayList<>();
        r.add(new Case("Cauchy", p -> new Cauchy(p[0], p[1]), new Tensor[] {f64(0.3, -1.2), f64(0.7, 1.5)},
                new Tensor[] {f64(-0.4, 0.5), f64(1.1, 0.6)}, f64(0.1, 0.4)));
        r.add(new Case("HalfNormal", p -> new HalfNormal(p[0]), new Tensor[] {f64(0.7, 1.5)}, new Tensor[] {f64(1.1, 0.6)}, f64(0.1, 2.4)));
        r.add(new Case("HalfCauchy", p -> new HalfCauchy(p[0]), new Tensor[] {f64(0.7, 1.5)}, null, f64(0.1, 2.4)));
        r.add(new Case("Gumbel", p -> new Gumbel(p[0], p[1]), new Tensor[] {f64(0.3, -1.2), f64(0.7, 1.5)},
                new Tensor[] {f64(-0.4, 0.5), f64(1.1, 0.6)}, f64(0.1, 0.4)));
        r.add(new Case("Weibull", p -> new Weibull(p[0], p[1]), new Tensor[] {f64(0.7, 1.5), f64(0.8, 2.5)}, null, f64(0.5, 2.4)));
        // q's scale below p's, so that the KL is finite
        r.add(new Case("Pareto", p -> new Pareto(p[0], p[1]), new Tensor[] {f64(0.7, 1.5), f64(0.8, 2.5)},
                new Tensor[] {f64(0.5, 1.1), f64(1.3, 2.0)}, f64(1.4, 2.4)));
        return r;
    }

    @TestFactory
    Stream<DynamicTest> gradcheck() {
        return cases().stream().flatMap(c -> {
            int n = c.params().length;
            Tensor[] inputs = Arrays.copyOf(c.params(), n + 1);
            inputs[n] = c.value();
            Tensor[] qIn = inputs.clone();
            qIn[n] = f64(0.2, 0.7);
            Function<Tensor[], Tensor> logProb = in -> c.make().apply(Arrays.copyOf(in, n)).logProb(in[n]);
            Function<Tensor[], Tensor> cdf = in -> c.make().apply(Arrays.copyOf(in, n)).cdf(in[n]);
            Function<Tensor[], Tensor> icdf = in -> c.make().apply(Arrays.copyOf(in, n)).icdf(in[n]);
            Function<Tensor[], Tensor> entropy = in -> c.make().apply(in).entropy();
            Function<Tensor[], Tensor> rsample = in -> c.make().apply(in).rsample(new long[] {3}, new Generator().manualSeed(7));
            Map<String, Function<Tensor[], Tensor>> fs = new LinkedHashMap<>();
            fs.put("log_prob", logProb);
            fs.put("cdf", cdf);
            fs.put("entropy", entropy);
            fs.put("rsample", rsample);
            List<DynamicTest> tests = new ArrayList<>();
            fs.forEach((what, f) -> {
                Tensor[] in = what.equals("entropy") || what.equals("rsample") ? c.params() : inputs;
                tests.add(DynamicTest.dynamicTest(c.name() + " " + what + " gradcheck and gradgradcheck",
                        () -> assertTrue(GradCheck.gradcheck(f, in) && GradCheck.gradgradcheck(f, in))));
            });
            tests.add(DynamicTest.dynamicTest(c.name() + " icdf gradcheck and gradgradcheck",
                    () -> assertTrue(GradCheck.gradcheck(icdf, qIn) && GradCheck.gradgradcheck(icdf, qIn))));
            if (c.qParams() != null) {
                Tensor[] klIn = new Tensor[2 * n];
                System.arraycopy(c.params(), 0, klIn, 0, n);
                System.arraycopy(c.qParams(), 0, klIn, n, n);
                Function<Tensor[], Tensor> kl = in -> KL.klDivergence(c.make().apply(Arrays.copyOf(in, n)), c.make().apply(Arrays.copyOfRange(in, n, 2 * n)));
                tests.add(DynamicTest.dynamicTest(c.name() + " kl gradcheck and gradgradcheck",
                        () -> assertTrue(GradCheck.gradcheck(kl, klIn) && GradCheck.gradgradcheck(kl, klIn))));
            }
            return tests.stream();
        });
    }

    /**
     * Chi2 and StudentT: log_prob, entropy and KL in all parameters; StudentT's rsample in loc and scale
     * (its df gradient is Gamma's implicit one, which finite differences at a fixed seed cannot check).
     */
    @Test
    void gradcheckChi2AndStudentT() {
        Tensor df = f64(0.8, 3.5), df2 = f64(2.0, 1.2), loc = f64(0.3, -1.2), scale = f64(0.7, 1.5), x = f64(0.5, 2.4);
        assertTrue(GradCheck.gradcheck(p -> new Chi2(p[0]).logProb(p[1]), df, x) && GradCheck.gradgradcheck(p -> new Chi2(p[0]).logProb(p[1]), df, x));
        assertTrue(GradCheck.gradcheck(p -> new Chi2(p[0]).entropy(), df) && GradCheck.gradgradcheck(p -> new Chi2(p[0]).entropy(), df));
        assertTrue(GradCheck.gradgradcheck(p -> KL.klDivergence(new Chi2(p[0]), new Chi2(p[1])), df, df2));
        Function<Tensor[], Tensor> lp = p -> new StudentT(p[0], p[1], p[2]).logProb(p[3]);
        assertTrue(GradCheck.gradcheck(lp, df, loc, scale, x) && GradCheck.gradgradcheck(lp, df, loc, scale, x));
        Function<Tensor[], Tensor> h = p -> new StudentT(p[0], p[1], p[2]).entropy();
        assertTrue(GradCheck.gradcheck(h, df, loc, scale) && GradCheck.gradgradcheck(h, df, loc, scale));
        Tensor fixedDf = df.detach();
        Function<Tensor[], Tensor> rs = p -> new StudentT(fixedDf, p[0], p[1]).rsample(new long[] {3}, new Generator().manualSeed(5));
        assertTrue(GradCheck.gradcheck(rs, loc, scale) && GradCheck.gradgradcheck(rs, loc, scale));
    }

    /** Geometric and NegativeBinomial: log_prob (and Geometric's entropy and KL) in probs, logits and total_count. */
    @Test
    void gradcheckGeometricAndNegativeBinomial() {
        Tensor k = Torch.tensor(new double[] {0, 3, 7});
        Tensor probs = f64(0.2, 0.5, 0.9), logits = f64(-0.3, 1.2, 0.4), count = f64(0.5, 2.0, 6.5);
        assertTrue(GradCheck.gradgradcheck(p -> Geometric.withProbs(p[0]).logProb(k), probs));
        assertTrue(GradCheck.gradgradcheck(p -> Geometric.withLogits(p[0]).logProb(k), logits));
        assertTrue(GradCheck.gradgradcheck(p -> Geometric.withLogits(p[0]).entropy(), logits));
        assertTrue(GradCheck.gradgradcheck(p -> Geometric.withProbs(p[0]).entropy(), probs));
        assertTrue(GradCheck.gradgradcheck(p -> KL.klDivergence(Geometric.withProbs(p[0]), Geometric.withLogits(p[1])), probs, logits));
        assertTrue(GradCheck.gradgradcheck(p -> NegativeBinomial.withProbs(p[0], p[1]).logProb(k), count, probs));
        assertTrue(GradCheck.gradgradcheck(p -> NegativeBinomial.withLogits(p[0], p[1]).logProb(k), count, logits));
    }

    /** RelaxedBernoulli: log_prob in temperature, probs or logits and value; rsample in temperature and logits at a fixed seed. */
    @Test
    void gradcheckRelaxedBernoulli() {
        Tensor t = f64(0.4, 1.5), probs = f64(0.2, 0.7), logits = f64(-0.3, 1.2), x = f64(0.3, 0.8);
        Function<Tensor[], Tensor> lp = p -> RelaxedBernoulli.withProbs(p[0], p[1]).logProb(p[2]);
        assertTrue(GradCheck.gradcheck(lp, t, probs, x) && GradCheck.gradgradcheck(lp, t, probs, x));
        Function<Tensor[], Tensor> lpl = p -> RelaxedBernoulli.withLogits(p[0], p[1]).logProb(p[2]);
        assertTrue(GradCheck.gradcheck(lpl, t, logits, x) && GradCheck.gradgradcheck(lpl, t, logits, x));
        Function<Tensor[], Tensor> rs = p -> RelaxedBernoulli.withLogits(p[0], p[1]).rsample(new long[] {3}, new Generator().manualSeed(9));
        assertTrue(GradCheck.gradcheck(rs, t, logits) && GradCheck.gradgradcheck(rs, t, logits));
        // at a low temperature, draws crowd at 0 and 1 in the Bernoulli's proportions
        Tensor draws = RelaxedBernoulli.withProbs(Torch.tensor(new double[] {0.05}), Torch.tensor(new double[] {0.3}))
                .sample(new long[] {20000}, new Generator().manualSeed(10));
        assertEquals(0.3, draws.gt(0.5).to(org.torch4j.DType.FLOAT64).mean().item(), 0.02);
        assertTrue(draws.sub(0.5).abs().gt(0.45).to(org.torch4j.DType.FLOAT64).mean().item() > 0.9, "draws crowd at 0 and 1");
    }

    /**
     * ContinuousBernoulli: log_prob, cdf, icdf, entropy, KL and rsample, in probs and logits, away from
     * the unstable region (where PyTorch switches to Taylor expansions, with a kink at its edges).
     */
    @Test
    void gradcheckContinuousBernoulli() {
        Tensor probs = f64(0.2, 0.7), logits = f64(-0.3, 1.2), x = f64(0.3, 0.8), q = f64(0.1, 0.6);
        assertTwiceDifferentiable(p -> ContinuousBernoulli.withProbs(p[0]).logProb(p[1]), probs, x);
        assertTwiceDifferentiable(p -> ContinuousBernoulli.withLogits(p[0]).logProb(p[1]), logits, x);
        assertTwiceDifferentiable(p -> ContinuousBernoulli.withProbs(p[0]).cdf(p[1]), probs, x);
        assertTwiceDifferentiable(p -> ContinuousBernoulli.withLogits(p[0]).icdf(p[1]), logits, q);
        assertTwiceDifferentiable(p -> ContinuousBernoulli.withProbs(p[0]).entropy(), probs);
        assertTwiceDifferentiable(p -> KL.klDivergence(ContinuousBernoulli.withProbs(p[0]), ContinuousBernoulli.withLogits(p[1])), probs, logits);
        assertTwiceDifferentiable(p -> ContinuousBernoulli.withLogits(p[0]).rsample(new long[] {3}, new Generator().manualSeed(4)), logits);
        // PyTorch checks probs before clamping them only when validate_args is given explicitly
        Tensor bad = Torch.tensor(new double[] {0.5, 1.5});
        var e = assertThrows(IllegalArgumentException.class, () -> new ContinuousBernoulli(bad, null, true));
        assertEquals("The parameter probs has invalid values", e.getMessage());
        assertEquals(1 - Math.ulp(1.0), ContinuousBernoulli.withProbs(bad).probs().toDoubleArray()[1], 0.0);
    }

    /** RelaxedOneHotCategorical: log_prob in temperature, logits and value, rsample at a fixed seed; draws lie on the simplex. */
    @Test
    void gradcheckRelaxedOneHotCategorical() {
        Tensor t = f64(0.6), logits = Torch.tensor(new double[] {0.1, -0.5, 1.2, 0.3, 0.0, -1.0}).reshape(2, 3).requiresGrad_();
        Tensor x = Torch.tensor(new double[] {0.2, 0.3, 0.5, 0.6, 0.1, 0.3}).reshape(2, 3).requiresGrad_();
        // (the value off the simplex under finite differences: without validation)
        Function<Tensor[], Tensor> lp = p -> new RelaxedOneHotCategorical(p[0].reshape(), null, p[1], false).logProb(p[2]);
        assertTwiceDifferentiable(lp, t, logits, x);
        Function<Tensor[], Tensor> rs = p -> RelaxedOneHotCategorical.withLogits(p[0].reshape(), p[1]).rsample(new long[] {2}, new Generator().manualSeed(6));
        assertTwiceDifferentiable(rs, t, logits);
        Tensor draws = RelaxedOneHotCategorical.withLogits(Torch.tensor(new double[] {0.5}).reshape(), logits.detach()).sample(new long[] {10}, new Generator().manualSeed(7));
        assertTrue(draws.sum(-1).sub(1.0).abs().lt(1e-6).all().itemBool(), "draws sum to 1");
    }

    /** Multinomial: log_prob and entropy in probs and logits; shapes of samples and their totals. */
    @Test
    void multinomial() {
        Tensor counts = Torch.tensor(new double[] {1, 0, 3, 2, 2, 0}).reshape(2, 3);
        Tensor probs = Torch.tensor(new double[] {0.2, 0.3, 0.5, 0.6, 0.1, 0.3}).reshape(2, 3).requiresGrad_();
        Tensor logits = Torch.tensor(new double[] {0.1, -0.5, 1.2, 0.3, 0.0, -1.0}).reshape(2, 3).requiresGrad_();
        assertTrue(GradCheck.gradgradcheck(p -> Multinomial.withLogits(4, p[0]).logProb(counts), logits));
        assertTrue(GradCheck.gradgradcheck(p -> Multinomial.withLogits(4, p[0]).entropy(), logits));
        // (probs are normalised, so finite differences off the simplex still give a valid distribution)
        assertTrue(GradCheck.gradgradcheck(p -> Multinomial.withProbs(4, p[0]).logProb(counts), probs));
        Multinomial m = Multinomial.withProbs(7, probs.detach());
        assertArrayEquals(new long[] {3}, m.eventShape());
        Tensor x = m.sample(new long[] {5, 4}, new Generator().manualSeed(3));
        assertArrayEquals(new long[] {5, 4, 2, 3}, x.shape());
        assertTrue(x.sum(-1).eq(7.0).all().itemBool(), "each sample counts 7 draws");
        assertEquals("Multinomial()", m.toString());
    }

    /** Negative binomial and geometric draws (whose streams are compared with PyTorch's above) have the right moments. */
    @Test
    void discreteSamplerMoments() {
        long n = 20000;
        Distribution[] ds = {NegativeBinomial.withProbs(Torch.tensor(new double[] {0.5, 3.0, 20.0}), Torch.tensor(new double[] {0.3, 0.6, 0.1})),
            Geometric.withProbs(Torch.tensor(new double[] {0.05, 0.4, 0.95}))};
        for (Distribution d : ds) {
            Tensor x = d.sample(new long[] {n}, new Generator().manualSeed(21));
            double[] m = x.mean(0).toDoubleArray(), em = d.mean().toDoubleArray(), ev = d.variance().toDoubleArray();
            for (int i = 0; i < m.length; i++) assertEquals(em[i], m[i], 4 * Math.sqrt(ev[i] / n), d + " mean[" + i + "]");
        }
    }

    /** The cross-family pairs through digamma, lgamma and pow with a tensor exponent are twice differentiable. */
    @Test
    void crossFamilyKlIsTwiceDifferentiable() {
        Tensor a = f64(0.8, 2.5), b = f64(1.7, 1.5), loc = f64(0.3, -1.2);
        assertTrue(GradCheck.gradgradcheck(p -> KL.klDivergence(new org.torch4j.distributions.Gamma(p[0], p[1]), new Gumbel(p[2], p[3])), a, b, loc, b));
        assertTrue(GradCheck.gradgradcheck(p -> KL.klDivergence(new Normal(p[0], p[1]), new Gumbel(p[2], p[3])), loc, a, loc, b));
        assertTrue(GradCheck.gradgradcheck(p -> KL.klDivergence(new Pareto(p[0], p[1]), new Normal(p[2], p[3])), a, f64(2.5, 3.5), loc, b));
        assertTrue(GradCheck.gradgradcheck(p -> KL.klDivergence(new org.torch4j.distributions.Uniform(p[0], p[1]), new Pareto(p[2], p[3])),
                f64(0.9, 1.6), f64(2.0, 3.0), f64(0.5, 1.1), b));
    }

    // ---- transforms and shapes ------------------------------------------------------------------

    /** The log map is the inverse of exp, with the negated log-Jacobian; inverting twice gives the map back. */
    @Test
    void inverseTransform() {
        Transform log = new ExpTransform().inv();
        Tensor y = Torch.tensor(new double[] {0.5, 2.0});
        assertTrue(log.forward(y).allclose(y.log()));
        assertTrue(log.inverse(y).allclose(y.exp()));
        assertTrue(log.logAbsDetJacobian(y, y.log()).allclose(y.log().neg()));
        assertEquals(new ExpTransform(), log.inv());
        assertEquals(new ExpTransform().inv(), log);
        assertEquals("Real()", log.codomain().toString());
        assertEquals("GreaterThan(lower_bound=0.0)", log.domain().toString());
    }

    @Test
    void shapesAndSupports() {
        Weibull w = new Weibull(Torch.ones(3), Torch.ones(2, 1));
        assertArrayEquals(new long[] {2, 3}, w.batchShape());
        assertArrayEquals(new long[] {4, 2, 3}, w.sample(4).shape());
        assertTrue(w.sample(new long[] {50}, new Generator().manualSeed(1)).gt(0.0).all().itemBool());
        Pareto p = new Pareto(Torch.tensor(new double[] {1.0, 2.0}), Torch.tensor(new double[] {3.0, 0.5}));
        assertTrue(p.sample(new long[] {50}, new Generator().manualSeed(2)).ge(p.scale()).all().itemBool(), "draws at least the scale");
        assertTrue(new HalfCauchy(1.0).sample(new long[] {50}, new Generator().manualSeed(3)).ge(0.0).all().itemBool());
        assertEquals("HalfNormal()", new HalfNormal(1.0).toString());
        assertTrue(new Gumbel(0.0, 1.0).hasRsample() && new Cauchy(0.0, 1.0).hasRsample() && new Pareto(1.0, 2.0).hasRsample());
    }
}
