package org.torch4j.backend.cuda;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.torch4j.Device;
import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.distributions.Bernoulli;
import org.torch4j.distributions.Beta;
import org.torch4j.distributions.Binomial;
import org.torch4j.distributions.Categorical;
import org.torch4j.distributions.Cauchy;
import org.torch4j.distributions.Dirichlet;
import org.torch4j.distributions.Distribution;
import org.torch4j.distributions.Exponential;
import org.torch4j.distributions.Gamma;
import org.torch4j.distributions.Geometric;
import org.torch4j.distributions.Gumbel;
import org.torch4j.distributions.Kumaraswamy;
import org.torch4j.distributions.LKJCholesky;
import org.torch4j.distributions.Laplace;
import org.torch4j.distributions.LogNormal;
import org.torch4j.distributions.MultivariateNormal;
import org.torch4j.distributions.Normal;
import org.torch4j.distributions.Pareto;
import org.torch4j.distributions.Poisson;
import org.torch4j.distributions.StudentT;
import org.torch4j.distributions.Uniform;
import org.torch4j.distributions.VonMises;
import org.torch4j.distributions.Weibull;

/**
 * Distributions with their parameters on the GPU: samples (drawn on the host or the device), their log-densities
 * and the moments stay on the parameters' device, and agree with the same distribution on the CPU where no random
 * numbers are involved (the values of the kit's {@code dist} cases on cuda: CudaParityTest). Skipped, printing
 * why, without a GPU.
 */
class CudaDistributionsTest {

    private static final Device CUDA = Device.of("cuda");

    @BeforeAll
    static void requireCuda() {
        RequireCuda.orSkip("CUDA distributions tests");
    }

    private static Tensor on(Device d, double... v) {
        return Torch.tensor(v).to(d);
    }

    /** Each distribution, made from the given device's parameters. */
    private static Map<String, Supplier<Distribution>> distributions(Device d) {
        Map<String, Supplier<Distribution>> m = new LinkedHashMap<>();
        Tensor loc = on(d, 0.3, -1.2), scale = on(d, 1.5, 0.4), probs = on(d, 0.25, 0.8);
        m.put("Normal", () -> new Normal(loc, scale));
        m.put("LogNormal", () -> new LogNormal(loc, scale));
        m.put("Laplace", () -> new Laplace(loc, scale));
        m.put("Cauchy", () -> new Cauchy(loc, scale));
        m.put("Gumbel", () -> new Gumbel(loc, scale));
        m.put("StudentT", () -> new StudentT(scale.add(2.0), loc, scale));
        m.put("Uniform", () -> new Uniform(loc, loc.add(scale)));
        m.put("Exponential", () -> new Exponential(scale));
        m.put("Gamma", () -> new Gamma(scale, scale));
        m.put("Beta", () -> new Beta(scale, scale.add(1.0)));
        m.put("Kumaraswamy", () -> new Kumaraswamy(scale, scale.add(1.0)));
        m.put("Weibull", () -> new Weibull(scale, scale));
        m.put("Pareto", () -> new Pareto(scale, scale.add(2.0)));
        m.put("VonMises", () -> new VonMises(loc, scale));
        m.put("Poisson", () -> new Poisson(scale));
        m.put("Bernoulli", () -> new Bernoulli(probs, null, null));
        m.put("Geometric", () -> new Geometric(probs, null, null));
        m.put("Binomial", () -> new Binomial(on(d, 5, 5), probs, null, null));
        m.put("Categorical", () -> new Categorical(on(d, 0.2, 0.5, 0.3), null, null));
        m.put("Dirichlet", () -> new Dirichlet(scale));
        m.put("MultivariateNormal", () -> MultivariateNormal.withCovariance(loc, Torch.eye(2).to(loc.dtype()).mul(2.0).to(d)));
        m.put("LKJCholesky", () -> new LKJCholesky(3, on(d, 1.5).squeeze(0)));
        return m;
    }

    @Test
    void samplesAndTheirLogDensitiesStayOnTheDevice() {
        Map<String, Supplier<Distribution>> cpu = distributions(Device.CPU);
        distributions(CUDA).forEach((name, make) -> {
            Distribution d = make.get();
            Tensor x = d.sample(4, 3);
            assertEquals("cuda", x.device().type(), name + ": sample device");
            long[] expected = new long[2 + d.batchShape().length + d.eventShape().length];
            expected[0] = 4;
            expected[1] = 3;
            System.arraycopy(d.batchShape(), 0, expected, 2, d.batchShape().length);
            System.arraycopy(d.eventShape(), 0, expected, 2 + d.batchShape().length, d.eventShape().length);
            assertArrayEquals(expected, x.shape(), name + ": sample shape");
            if (d.hasRsample()) assertEquals("cuda", d.rsample(2).device().type(), name + ": rsample device");
            Tensor lp = d.logProb(x);
            assertEquals("cuda", lp.device().type(), name + ": log_prob device");
            // the same draws on the CPU distribution give the same densities
            Tensor cpuLp = cpu.get(name).get().logProb(x.cpu());
            assertTrue(lp.cpu().isclose(cpuLp, 1e-9, 1e-9, true).all().itemBool(), name + ": log_prob on cuda " + lp + " vs cpu " + cpuLp);
        });
    }

    @Test
    void momentsStayOnTheDevice() {
        Map<String, Supplier<Distribution>> cpu = distributions(Device.CPU);
        distributions(CUDA).forEach((name, make) -> {
            Distribution d = make.get();
            Map<String, Supplier<Tensor>> moments = new LinkedHashMap<>();
            moments.put("mean", d::mean);
            moments.put("variance", d::variance);
            Distribution c = cpu.get(name).get();
            Map<String, Supplier<Tensor>> cpuMoments = Map.of("mean", c::mean, "variance", c::variance);
            moments.forEach((what, m) -> {
                Tensor v;
                try {
                    v = m.get();
                } catch (UnsupportedOperationException e) {
                    return; // (LKJCholesky has no moments, as in PyTorch)
                }
                assertEquals("cuda", v.device().type(), name + ": " + what + " device");
                assertTrue(v.cpu().isclose(cpuMoments.get(what).get(), 1e-9, 1e-9, true).all().itemBool(), name + ": " + what);
            });
        });
    }
}
