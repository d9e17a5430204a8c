package org.torch4j.conformance;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Function;
import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.distributions.Distribution;

/**
 * The kit's {@code dist} op ({@code _dist} in {@code tools/gen_tensor_reference.py}), which
 * {@code tools/fuzz_against_pytorch.py --dist} draws: {@code [name, method, value, parameters...]} makes
 * {@code torch.distributions.<name>} from its parameters in constructor order (null for an unused one, a number
 * for a count) and calls {@code log_prob}, {@code cdf} or {@code icdf} on the value, or {@code entropy}, or
 * reads {@code mean}, {@code variance}, {@code stddev} or {@code mode}.
 */
final class DistributionOps {
    private DistributionOps() {}

    /** Each distribution's constructor parameters, in PyTorch's order (the generator's DIST_PARAMS). */
    static final Map<String, List<String>> PARAMS = Map.ofEntries(
            Map.entry("Normal", List.of("loc", "scale")), Map.entry("Uniform", List.of("low", "high")),
            Map.entry("Exponential", List.of("rate")), Map.entry("Laplace", List.of("loc", "scale")),
            Map.entry("Gamma", List.of("concentration", "rate")), Map.entry("Beta", List.of("concentration1", "concentration0")),
            Map.entry("LogNormal", List.of("loc", "scale")), Map.entry("Bernoulli", List.of("probs", "logits")),
            Map.entry("Poisson", List.of("rate")), Map.entry("Binomial", List.of("total_count", "probs", "logits")),
            Map.entry("Cauchy", List.of("loc", "scale")), Map.entry("HalfNormal", List.of("scale")),
            Map.entry("HalfCauchy", List.of("scale")), Map.entry("Gumbel", List.of("loc", "scale")),
            Map.entry("Weibull", List.of("scale", "concentration")), Map.entry("Pareto", List.of("scale", "alpha")),
            Map.entry("Chi2", List.of("df")), Map.entry("StudentT", List.of("df", "loc", "scale")),
            Map.entry("Geometric", List.of("probs", "logits")),
            Map.entry("NegativeBinomial", List.of("total_count", "probs", "logits")),
            Map.entry("ContinuousBernoulli", List.of("probs", "logits")),
            Map.entry("Kumaraswamy", List.of("concentration1", "concentration0")),
            Map.entry("VonMises", List.of("loc", "concentration")), Map.entry("Dirichlet", List.of("concentration")),
            Map.entry("Categorical", List.of("probs", "logits")), Map.entry("OneHotCategorical", List.of("probs", "logits")),
            Map.entry("LogitRelaxedBernoulli", List.of("temperature", "probs", "logits")),
            Map.entry("RelaxedBernoulli", List.of("temperature", "probs", "logits")));

    private static final Set<String> EXTRA = Set.of("Kumaraswamy", "VonMises");

    static void register(BiConsumer<String, Function<Ops.Args, Object>> op) {
        op.accept("dist", DistributionOps::call);
    }

    private static Object call(Ops.Args a) {
        String name = a.s(0), method = a.s(1);
        List<String> names = PARAMS.get(name);
        Tensor like = null;
        for (int i = 0; i < names.size(); i++) if (a.isTensor(3 + i)) like = like == null ? a.t(3 + i) : like;
        Map<String, Tensor> params = new LinkedHashMap<>();
        for (int i = 0; i < names.size(); i++) {
            Object v = a.get(3 + i);
            // a number takes the dtype (and device) of the tensor parameters, as PyTorch's broadcast_all
            if (v instanceof Number) v = Torch.full(new long[0], Reference.number(v), like.dtype()).to(like.device());
            params.put(names.get(i), (Tensor) v);
        }
        Distribution d = EXTRA.contains(name) ? ExtraDistributionsTest.make(name, params) : MoreDistributionsTest.make(name, params);
        return switch (method) {
            case "log_prob" -> d.logProb(a.t(2));
            case "cdf" -> d.cdf(a.t(2));
            case "icdf" -> d.icdf(a.t(2));
            case "entropy" -> d.entropy();
            case "mean" -> d.mean();
            case "variance" -> d.variance();
            case "stddev" -> d.stddev();
            case "mode" -> d.mode();
            default -> throw new IllegalArgumentException("no method " + method);
        };
    }
}
