package org.torch4j.conformance;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.torch4j.Generator;
import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.distributions.Distribution;
import org.torch4j.distributions.Independent;
import org.torch4j.distributions.KL;

/**
 * The reference runners of the distributions' JSON files ({@code tools/gen_distributions_reference.py}
 * and {@code tools/gen_more_distributions_reference.py}, one layout): values and moments with their
 * gradients, KL pairs, seeded samples and error messages. Each test class gives its file and how a
 * distribution is made from its name and parameters.
 */
final class DistributionCases {
    private final Map<String, Object> file;
    private final BiFunction<String, Map<String, Tensor>, Distribution> maker;

    @SuppressWarnings("unchecked")
    DistributionCases(String resource, BiFunction<String, Map<String, Tensor>, Distribution> maker) {
        this.file = (Map<String, Object>) Reference.load(resource);
        this.maker = maker;
    }

    @SuppressWarnings("unchecked")
    List<Map<String, Object>> section(String name) {
        return (List<Map<String, Object>>) file.get(name);
    }

    /** A distribution from its spec; its parameters (requiring grad when {@code grad}, except counts) go into {@code leaves}. */
    @SuppressWarnings("unchecked")
    Distribution build(Map<String, Object> spec, boolean grad, Map<String, Tensor> leaves, String prefix) {
        String dist = (String) spec.get("dist");
        if (dist.equals("Independent")) {
            return new Independent(build((Map<String, Object>) spec.get("base"), grad, leaves, prefix), ((Number) spec.get("n")).intValue());
        }
        Map<String, Tensor> a = new LinkedHashMap<>();
        ((Map<String, Object>) spec.get("args")).forEach((k, v) -> {
            Tensor t = Reference.tensor(v);
            if (grad && !k.equals("total_count")) t.requiresGrad_();
            a.put(k, t);
            leaves.put(prefix + k, t);
        });
        return maker.apply(dist, a);
    }

    Distribution build(Map<String, Object> spec) {
        return build(spec, false, new LinkedHashMap<>(), "");
    }

    static String name(Map<String, Object> spec) {
        @SuppressWarnings("unchecked")
        Map<String, Object> base = (Map<String, Object>) spec.get("base");
        return base != null ? "Independent(" + name(base) + ")" : (String) spec.get("dist");
    }

    static String dtypeOf(Map<String, Object> c, String key) {
        @SuppressWarnings("unchecked")
        Map<String, Object> t = (Map<String, Object>) c.get(key);
        return (String) t.get("dtype");
    }

    /**
     * log_prob, entropy, moments, cdf and icdf against PyTorch, with their gradients. What PyTorch does not
     * have (no entropy, mode or cdf; no moments at all for the relaxed distributions) must throw
     * {@link UnsupportedOperationException} here too.
     */
    @SuppressWarnings("unchecked")
    Stream<DynamicTest> values() {
        return section("cases").stream().map(c -> {
            Map<String, Object> spec = (Map<String, Object>) c.get("dist");
            String label = name(spec) + " " + dtypeOf(c, "log_prob") + " " + Arrays.toString(Reference.longs((List<Object>) c.get("batch_shape")));
            return DynamicTest.dynamicTest(label, () -> {
                Distribution d = build(spec);
                Tensor value = Reference.tensor(c.get("value"));
                assertArrayEquals(Reference.longs((List<Object>) c.get("batch_shape")), d.batchShape(), "batch_shape");
                assertArrayEquals(Reference.longs((List<Object>) c.get("event_shape")), d.eventShape(), "event_shape");
                Reference.assertTensor(c.get("log_prob"), d.logProb(value), label + " log_prob");
                if (c.containsKey("entropy")) Reference.assertTensor(c.get("entropy"), d.entropy(), label + " entropy");
                else assertThrows(UnsupportedOperationException.class, d::entropy, "PyTorch has no entropy");
                if (c.containsKey("mean")) {
                    Reference.assertTensor(c.get("mean"), d.mean(), label + " mean");
                    if (c.containsKey("mode")) Reference.assertTensor(c.get("mode"), d.mode(), label + " mode");
                    else assertThrows(UnsupportedOperationException.class, d::mode, "PyTorch has no mode");
                    Reference.assertTensor(c.get("variance"), d.variance(), label + " variance");
                    Reference.assertTensor(c.get("stddev"), d.stddev(), label + " stddev");
                    if (c.containsKey("cdf")) Reference.assertTensor(c.get("cdf"), d.cdf(value), label + " cdf");
                    else assertThrows(UnsupportedOperationException.class, () -> d.cdf(value), "PyTorch has no cdf");
                    if (c.containsKey("icdf")) Reference.assertTensor(c.get("icdf"), d.icdf(Reference.tensor(c.get("q"))), label + " icdf");
                    long[] b = d.batchShape();
                    long[] shape = new long[b.length + 1];
                    shape[0] = 5;
                    System.arraycopy(b, 0, shape, 1, b.length);
                    Reference.assertTensor(c.get("expand_mean"), d.expand(shape).mean(), label + " expanded mean");
                } else {
                    // PyTorch's relaxed distributions have no moments (NotImplementedError), nor have these
                    assertThrows(UnsupportedOperationException.class, d::mean);
                    assertThrows(UnsupportedOperationException.class, d::variance);
                }
                if (c.containsKey("grads")) checkGrads(spec, value, (Map<String, Object>) c.get("grads"), label);
            });
        });
    }

    @SuppressWarnings("unchecked")
    private void checkGrads(Map<String, Object> spec, Tensor value, Map<String, Object> grads, String label) {
        Map<String, Tensor> leaves = new LinkedHashMap<>();
        Distribution d = build(spec, true, leaves, "");
        Map<String, Object> lp = (Map<String, Object>) grads.get("log_prob");
        Tensor v = value.detach().clone();
        if (lp.containsKey("value")) v.requiresGrad_();
        d.logProb(v).sum().backward();
        for (var e : lp.entrySet()) {
            Tensor t = e.getKey().equals("value") ? v : leaves.get(e.getKey());
            assertNotNull(t.grad(), label + " d log_prob / d " + e.getKey());
            Reference.assertTensor(e.getValue(), t.grad(), label + " d log_prob / d " + e.getKey());
        }
        if (!grads.containsKey("entropy")) return;
        leaves.clear();
        build(spec, true, leaves, "").entropy().sum().backward();
        for (var e : ((Map<String, Object>) grads.get("entropy")).entrySet()) {
            Reference.assertTensor(e.getValue(), leaves.get(e.getKey()).grad(), label + " d entropy / d " + e.getKey());
        }
    }

    /** KL divergences and their gradients (infinite ones left out of the sum) against PyTorch. */
    @SuppressWarnings("unchecked")
    Stream<DynamicTest> kl() {
        return section("kl").stream().map(c -> {
            Map<String, Object> ps = (Map<String, Object>) c.get("p"), qs = (Map<String, Object>) c.get("q");
            String label = "KL(" + name(ps) + " || " + name(qs) + ") " + dtypeOf(c, "kl");
            return DynamicTest.dynamicTest(label, () -> {
                Reference.assertTensor(c.get("kl"), KL.klDivergence(build(ps), build(qs)), label);
                if (!c.containsKey("grads")) return;
                Map<String, Tensor> leaves = new LinkedHashMap<>();
                Tensor kl = KL.klDivergence(build(ps, true, leaves, "p."), build(qs, true, leaves, "q."));
                kl.where(kl.isfinite(), 0.0).sum().backward();
                for (var e : ((Map<String, Object>) c.get("grads")).entrySet()) {
                    Tensor g = leaves.get(e.getKey()).grad();
                    assertNotNull(g, label + " d / d " + e.getKey());
                    Reference.assertTensor(e.getValue(), g, label + " d / d " + e.getKey());
                }
            });
        });
    }

    /**
     * Seeded samples equal PyTorch's, from a Generator and from the default one after
     * {@code Torch.manualSeed}, and so do rsample's gradients. Distributions for which {@code exact} is
     * false draw through log, exp, tan or pow (or rejection samplers deciding with them), whose last
     * bit can differ between Java and PyTorch's libm: those are compared within a few ulps, relative
     * and near 0.
     */
    @SuppressWarnings("unchecked")
    Stream<DynamicTest> samples(Predicate<String> exact) {
        return section("samples").stream().map(c -> {
            Map<String, Object> spec = (Map<String, Object>) c.get("dist");
            long[] shape = Reference.longs((List<Object>) c.get("shape"));
            long seed = ((Number) c.get("seed")).longValue();
            String method = (String) c.get("method");
            String label = name(spec) + "." + method + Arrays.toString(shape) + " " + dtypeOf(c, "out") + " seed " + seed;
            return DynamicTest.dynamicTest(label, () -> {
                Distribution d = build(spec);
                Tensor x = method.equals("rsample") ? d.rsample(shape, new Generator().manualSeed(seed)) : d.sample(shape, new Generator().manualSeed(seed));
                double tol = exact.test(name(spec)) ? 0 : dtypeOf(c, "out").equals("float32") ? 1e-6 : 1e-12;
                Reference.assertTensor(c.get("out"), x, tol, tol, label);
                Torch.manualSeed(seed);
                Tensor y = method.equals("rsample") ? d.rsample(shape) : d.sample(shape);
                assertTrue(x.equal(y), label + " with the default generator");
                if (!c.containsKey("grads")) return;
                Map<String, Tensor> leaves = new LinkedHashMap<>();
                build(spec, true, leaves, "").rsample(shape, new Generator().manualSeed(seed)).sum().backward();
                for (var e : ((Map<String, Object>) c.get("grads")).entrySet()) {
                    Reference.assertTensor(e.getValue(), leaves.get(e.getKey()).grad(), label + " d / d " + e.getKey());
                }
            });
        });
    }

    /** PyTorch's messages for invalid parameters, values outside the support and unregistered KL pairs. */
    @SuppressWarnings("unchecked")
    Stream<DynamicTest> errors() {
        return section("errors").stream().map(c -> {
            String expected = (String) c.get("error");
            if (c.containsKey("kl")) {
                List<Object> pq = (List<Object>) c.get("kl");
                Map<String, Object> ps = (Map<String, Object>) pq.get(0), qs = (Map<String, Object>) pq.get(1);
                return DynamicTest.dynamicTest("KL(" + name(ps) + " || " + name(qs) + ") error", () -> {
                    Distribution p = build(ps), q = build(qs);
                    var e = assertThrows(UnsupportedOperationException.class, () -> KL.klDivergence(p, q));
                    assertEquals(expected, e.getMessage());
                });
            }
            Map<String, Object> spec = (Map<String, Object>) c.get("dist");
            String method = (String) c.get("method");
            String label = name(spec) + (method == null ? " construction" : " " + method) + " error: " + expected.lines().findFirst().orElse("");
            return DynamicTest.dynamicTest(label, () -> {
                if (method == null) {
                    var e = assertThrows(IllegalArgumentException.class, () -> build(spec));
                    assertEquals(expected, e.getMessage());
                    return;
                }
                Distribution d = build(spec);
                Tensor v = Reference.tensor(c.get("value"));
                var e = assertThrows(IllegalArgumentException.class, () -> {
                    if (method.equals("cdf")) d.cdf(v);
                    else d.logProb(v);
                });
                assertEquals(expected, e.getMessage());
            });
        });
    }
}
