package org.torch4j.conformance;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
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
import org.torch4j.DType;
import org.torch4j.Generator;
import org.torch4j.GradCheck;
import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.distributions.KL;
import org.torch4j.distributions.MultivariateNormal;
import org.torch4j.linalg.LinAlgException;
import org.torch4j.optim.Adam;

/**
 * {@link MultivariateNormal} against PyTorch 1.13 ({@code tools/gen_mvn_reference.py},
 * {@code reference/distributions_mvn.json}): each parameterisation (covariance, precision, scale_tril) in
 * float32 and float64 with broadcasting batches, its log_prob, entropy, moments and matrices with gradients
 * in loc, the matrix and the value; KL between multivariate normals with gradients; seeded samples; error
 * messages; and gradcheck and gradgradcheck in float64.
 */
class MultivariateNormalTest {

    @SuppressWarnings("unchecked")
    private static final Map<String, Object> FILE = (Map<String, Object>) Reference.load("distributions_mvn.json");

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> section(String name) {
        return (List<Map<String, Object>>) FILE.get(name);
    }

    /** The distribution of {@code loc} with {@code matrix} as the named PyTorch parameter. */
    static MultivariateNormal make(Tensor loc, String param, Tensor matrix, Boolean validate) {
        return switch (param) {
            case "covariance_matrix" -> new MultivariateNormal(loc, matrix, null, null, validate);
            case "precision_matrix" -> new MultivariateNormal(loc, null, matrix, null, validate);
            case "scale_tril" -> new MultivariateNormal(loc, null, null, matrix, validate);
            default -> throw new IllegalArgumentException(param);
        };
    }

    /** A distribution from its JSON form; {@code leaves} gets its loc and matrix, requiring grad when {@code grad}. */
    private static MultivariateNormal build(Map<String, Object> spec, boolean grad, Tensor[] leaves) {
        Tensor loc = Reference.tensor(spec.get("loc")), matrix = Reference.tensor(spec.get("matrix"));
        if (grad) {
            loc.requiresGrad_();
            matrix.requiresGrad_();
        }
        if (leaves != null) {
            leaves[0] = loc;
            leaves[1] = matrix;
        }
        return make(loc, (String) spec.get("param"), matrix, null);
    }

    @SuppressWarnings("unchecked")
    private static String label(Map<String, Object> spec) {
        Map<String, Object> loc = (Map<String, Object>) spec.get("loc"), m = (Map<String, Object>) spec.get("matrix");
        return spec.get("param") + " " + loc.get("dtype") + " loc" + loc.get("shape") + " matrix" + m.get("shape");
    }

    /** PyTorch's assert_close tolerances of the dtype. */
    private static void assertClose(Object expected, Tensor actual, String context) {
        Reference.assertTensor(expected, actual, context);
    }

    // ---- values and gradients ----------------------------------------------------------------------

    @SuppressWarnings("unchecked")
    @TestFactory
    Stream<DynamicTest> valuesMatchPyTorch() {
        return section("cases").stream().map(c -> {
            Map<String, Object> spec = (Map<String, Object>) c.get("dist");
            String label = label(spec);
            return DynamicTest.dynamicTest(label, () -> {
                MultivariateNormal d = build(spec, false, null);
                Tensor value = Reference.tensor(c.get("value"));
                assertArrayEquals(Reference.longs((List<Object>) c.get("batch_shape")), d.batchShape(), "batch_shape");
                assertArrayEquals(Reference.longs((List<Object>) c.get("event_shape")), d.eventShape(), "event_shape");
                assertClose(c.get("log_prob"), d.logProb(value), label + " log_prob");
                assertClose(c.get("entropy"), d.entropy(), label + " entropy");
                assertClose(c.get("mean"), d.mean(), label + " mean");
                assertClose(c.get("mode"), d.mode(), label + " mode");
                assertClose(c.get("variance"), d.variance(), label + " variance");
                assertClose(c.get("stddev"), d.stddev(), label + " stddev");
                assertClose(c.get("scale_tril"), d.scaleTril(), label + " scale_tril");
                assertClose(c.get("covariance_matrix"), d.covarianceMatrix(), label + " covariance_matrix");
                assertClose(c.get("precision_matrix"), d.precisionMatrix(), label + " precision_matrix");
                long[] b = d.batchShape();
                long[] shape = new long[b.length + 1];
                shape[0] = 5;
                System.arraycopy(b, 0, shape, 1, b.length);
                MultivariateNormal e = d.expand(shape);
                assertClose(c.get("expand_covariance"), e.covarianceMatrix(), label + " expanded covariance");
                assertClose(c.get("expand_log_prob"), e.logProb(e.mean().add(0.5)), label + " expanded log_prob");

                Map<String, Object> grads = (Map<String, Object>) c.get("grads");
                Tensor[] leaves = new Tensor[2];
                Tensor v = Reference.tensor(c.get("value")).requiresGrad_();
                build(spec, true, leaves).logProb(v).sum().backward();
                Map<String, Object> g = (Map<String, Object>) grads.get("log_prob");
                assertClose(g.get("loc"), leaves[0].grad(), label + " d log_prob / d loc");
                assertClose(g.get("matrix"), leaves[1].grad(), label + " d log_prob / d matrix");
                assertClose(g.get("value"), v.grad(), label + " d log_prob / d value");
                build(spec, true, leaves).entropy().sum().backward();
                assertClose(((Map<String, Object>) grads.get("entropy")).get("matrix"), leaves[1].grad(), label + " d entropy / d matrix");
            });
        });
    }

    @SuppressWarnings("unchecked")
    @TestFactory
    Stream<DynamicTest> klMatchesPyTorch() {
        return section("kl").stream().map(c -> {
            Map<String, Object> ps = (Map<String, Object>) c.get("p"), qs = (Map<String, Object>) c.get("q");
            String label = "KL(" + label(ps) + " || " + label(qs) + ")";
            return DynamicTest.dynamicTest(label, () -> {
                Tensor[] p = new Tensor[2], q = new Tensor[2];
                Tensor kl = KL.klDivergence(build(ps, true, p), build(qs, true, q));
                assertClose(c.get("kl"), kl, label);
                kl.sum().backward();
                Map<String, Object> g = (Map<String, Object>) c.get("grads");
                assertClose(g.get("p.loc"), p[0].grad(), label + " d / d p.loc");
                assertClose(g.get("p.matrix"), p[1].grad(), label + " d / d p.matrix");
                assertClose(g.get("q.loc"), q[0].grad(), label + " d / d q.loc");
                assertClose(g.get("q.matrix"), q[1].grad(), label + " d / d q.matrix");
            });
        });
    }

    // ---- seeded samples ----------------------------------------------------------------------------

    @SuppressWarnings("unchecked")
    @TestFactory
    Stream<DynamicTest> seededSamplesMatchPyTorch() {
        return section("samples").stream().map(c -> {
            Map<String, Object> spec = (Map<String, Object>) c.get("dist");
            long[] shape = Reference.longs((List<Object>) c.get("shape"));
            long seed = ((Number) c.get("seed")).longValue();
            String method = (String) c.get("method");
            String label = label(spec) + " " + method + java.util.Arrays.toString(shape) + " seed " + seed;
            return DynamicTest.dynamicTest(label, () -> {
                MultivariateNormal d = build(spec, false, null);
                Tensor x = method.equals("rsample") ? d.rsample(shape, new Generator().manualSeed(seed))
                        : d.sample(shape, new Generator().manualSeed(seed));
                // the standard normals are PyTorch's bit for bit (the "exact" cases, with L = I and loc = 0, are
                // those draws); L eps and the factorisations may round differently in their last bits
                boolean f32 = x.dtype() == DType.FLOAT32;
                double tol = Boolean.TRUE.equals(c.get("exact")) ? 0 : f32 ? 1e-6 : 1e-14;
                Reference.assertTensor(c.get("out"), x, tol, tol, label);
                Torch.manualSeed(seed);
                Tensor y = method.equals("rsample") ? d.rsample(shape) : d.sample(shape);
                assertTrue(x.equal(y), label + " with the default generator");
                if (c.containsKey("grads")) {
                    Tensor[] leaves = new Tensor[2];
                    build(spec, true, leaves).rsample(shape, new Generator().manualSeed(seed)).sum().backward();
                    Map<String, Object> g = (Map<String, Object>) c.get("grads");
                    assertClose(g.get("loc"), leaves[0].grad(), label + " d / d loc");
                    assertClose(g.get("matrix"), leaves[1].grad(), label + " d / d matrix");
                }
            });
        });
    }

    // ---- error messages ----------------------------------------------------------------------------

    @SuppressWarnings("unchecked")
    @TestFactory
    Stream<DynamicTest> errorsMatchPyTorch() {
        return section("errors").stream().map(c -> {
            String expected = (String) c.get("error");
            String name = expected.lines().findFirst().orElse("");
            if (c.containsKey("kl")) {
                List<Object> pq = (List<Object>) c.get("kl");
                return DynamicTest.dynamicTest("KL error: " + name, () -> {
                    MultivariateNormal p = build((Map<String, Object>) pq.get(0), false, null);
                    MultivariateNormal q = build((Map<String, Object>) pq.get(1), false, null);
                    assertEquals(expected, assertThrows(IllegalArgumentException.class, () -> KL.klDivergence(p, q)).getMessage());
                });
            }
            if (c.containsKey("value")) {
                return DynamicTest.dynamicTest("log_prob error: " + name, () -> {
                    MultivariateNormal d = build((Map<String, Object>) c.get("dist"), false, null);
                    Tensor v = Reference.tensor(c.get("value"));
                    assertEquals(expected, assertThrows(IllegalArgumentException.class, () -> d.logProb(v)).getMessage());
                });
            }
            return DynamicTest.dynamicTest("construction error: " + name, () -> {
                Map<String, Object> args = (Map<String, Object>) c.get("args");
                Function<String, Tensor> arg = k -> args.containsKey(k) ? Reference.tensor(args.get(k)) : null;
                Boolean validate = (Boolean) c.get("validate");
                Class<? extends RuntimeException> type = c.get("type").equals("_LinAlgError") ? LinAlgException.class
                        : IllegalArgumentException.class;
                var e = assertThrows(type, () -> new MultivariateNormal(arg.apply("loc"), arg.apply("covariance_matrix"),
                        arg.apply("precision_matrix"), arg.apply("scale_tril"), validate));
                assertEquals(expected, e.getMessage());
            });
        });
    }

    @Test
    void expandKeepsTheGivenMatrixAndSharesTheFactor() {
        Tensor cov = Torch.tensor(new double[] {2.0, 0.5, 0.5, 1.0}).reshape(2, 2);
        MultivariateNormal d = MultivariateNormal.withCovariance(Torch.zeros(new long[] {2}, DType.FLOAT64), cov);
        MultivariateNormal e = d.expand(3);
        assertNotSame(d, e);
        assertArrayEquals(new long[] {3}, e.batchShape());
        assertArrayEquals(new long[] {3, 2, 2}, e.covarianceMatrix().shape());
        assertTrue(e.covarianceMatrix().select(0, 2).equal(cov));
        assertArrayEquals(new long[] {3}, e.entropy().shape());
        assertEquals(d.entropy().item(), e.entropy().select(0, 1).item(), 0.0);
    }

    // ---- gradcheck and gradgradcheck in float64 ----------------------------------------------------

    private static final long N = 3;

    /** Well-conditioned matrix parameters from an unconstrained {@code a}: {@code a a^T + I/2}, or a factor with exp'd diagonal. */
    private static Tensor matrixOf(String param, Tensor a) {
        if (param.equals("scale_tril")) return a.tril(-1).add(Torch.eye(N).to(DType.FLOAT64).mul(a.diagonal(0, -2, -1).exp().unsqueeze(-2)));
        return a.matmul(a.mT()).add(Torch.eye(N).to(DType.FLOAT64).mul(0.5));
    }

    private static Tensor f64(long[] shape, long seed) {
        return Torch.randn(shape, new Generator().manualSeed(seed)).to(DType.FLOAT64).mul(0.5).requiresGrad_();
    }

    @TestFactory
    Stream<DynamicTest> gradcheckAndGradgradcheck() {
        List<DynamicTest> tests = new ArrayList<>();
        for (String param : List.of("covariance_matrix", "precision_matrix", "scale_tril")) {
            // loc batched [2, 3] over a single matrix, so the backward also sums over a broadcast batch
            Tensor loc = f64(new long[] {2, N}, 1), a = f64(new long[] {N, N}, 2), value = f64(new long[] {4, 1, N}, 3);
            Tensor qLoc = f64(new long[] {N}, 4), qa = f64(new long[] {2, N, N}, 5);
            Function<Tensor[], Tensor> logProb = in -> make(in[0], param, matrixOf(param, in[1]), null).logProb(in[2]);
            Function<Tensor[], Tensor> entropy = in -> make(in[0], param, matrixOf(param, in[1]), null).entropy();
            Function<Tensor[], Tensor> rsample = in -> make(in[0], param, matrixOf(param, in[1]), null)
                    .rsample(new long[] {2}, new Generator().manualSeed(7));
            Function<Tensor[], Tensor> kl = in -> KL.klDivergence(make(in[0], param, matrixOf(param, in[1]), null),
                    make(in[2], "covariance_matrix", matrixOf("covariance_matrix", in[3]), null));
            Tensor[] lpIn = {loc, a, value}, pIn = {loc, a}, klIn = {loc, a, qLoc, qa};
            tests.add(check(param + " log_prob", logProb, lpIn));
            tests.add(check(param + " entropy", entropy, pIn));
            tests.add(check(param + " rsample", rsample, pIn));
            tests.add(check(param + " KL to a batch of covariances", kl, klIn));
        }
        return tests.stream();
    }

    private static DynamicTest check(String name, Function<Tensor[], Tensor> f, Tensor[] in) {
        return DynamicTest.dynamicTest(name + " gradcheck and gradgradcheck",
                () -> assertTrue(GradCheck.gradcheck(f, in) && GradCheck.gradgradcheck(f, in)));
    }

    // ---- the README example ------------------------------------------------------------------------

    /**
     * Fits a 2-d Gaussian's mean and scale_tril by maximum likelihood with Adam: the fitted covariance is the
     * (biased) sample covariance of the data.
     */
    @Test
    void fitTwoDimensionalGaussianByMaximumLikelihood() {
        Tensor trueScale = Torch.tensor(new double[] {1.0, 0.0, 0.8, 0.5}).reshape(2, 2);
        MultivariateNormal truth = MultivariateNormal.withScaleTril(Torch.tensor(new double[] {1.0, -2.0}), trueScale);
        Tensor data = truth.sample(new long[] {2000}, new Generator().manualSeed(0));

        Tensor loc = Torch.zeros(new long[] {2}, DType.FLOAT64).requiresGrad_();
        Tensor offDiag = Torch.zeros(new long[] {2, 2}, DType.FLOAT64).requiresGrad_();   // strictly lower part used
        Tensor logDiag = Torch.zeros(new long[] {2}, DType.FLOAT64).requiresGrad_();      // log of the diagonal
        Adam opt = new Adam(List.of(loc, offDiag, logDiag), 0.05);
        for (int step = 0; step < 600; step++) {
            opt.zeroGrad();
            Tensor scaleTril = offDiag.tril(-1).add(Torch.eye(2).to(DType.FLOAT64).mul(logDiag.exp().unsqueeze(-2)));
            Tensor nll = MultivariateNormal.withScaleTril(loc, scaleTril).logProb(data).mean().neg();
            nll.backward();
            opt.step();
        }
        Tensor scaleTril = offDiag.tril(-1).add(Torch.eye(2).to(DType.FLOAT64).mul(logDiag.exp().unsqueeze(-2)));
        Tensor fitted = scaleTril.matmul(scaleTril.mT()).detach();
        Tensor mean = data.mean(new int[] {0}, false);
        Tensor centered = data.sub(mean);
        Tensor sampleCov = centered.mT().matmul(centered).div(2000.0);
        assertTrue(loc.detach().allclose(mean, 0, 1e-3), "mean " + loc + " vs " + mean);
        assertTrue(fitted.allclose(sampleCov, 0, 2e-3), "covariance " + fitted + " vs " + sampleCov);
        assertTrue(sampleCov.allclose(truth.covarianceMatrix(), 0, 0.1), "sample covariance near the truth");
    }
}
