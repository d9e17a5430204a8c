package org.torch4j.distributions;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiFunction;
import org.torch4j.Tensor;
import org.torch4j.Torch;

/**
 * Kullback-Leibler divergences {@code KL(p || q)} in closed form ({@code torch.distributions.kl}),
 * with PyTorch 1.13's registered pairs among this package's distributions and its formulas (so the
 * values and gradients are PyTorch's). Pairs with disjoint supports give infinity, as in PyTorch.
 * More pairs can be added with {@link #register}.
 */
public final class KL {
    private KL() {}

    private static final double INF = Double.POSITIVE_INFINITY;
    private static final double EULER_GAMMA = 0.57721566490153286060;

    private record Pair(Class<?> p, Class<?> q) {}

    private static final Map<Pair, BiFunction<Distribution, Distribution, Tensor>> REGISTRY = new ConcurrentHashMap<>();

    /** Registers (or replaces) the divergence of a pair of distribution classes. */
    @SuppressWarnings("unchecked")
    public static <P extends Distribution, Q extends Distribution> void register(Class<P> p, Class<Q> q, BiFunction<P, Q, Tensor> kl) {
        REGISTRY.put(new Pair(p, q), (a, b) -> kl.apply((P) a, (Q) b));
    }

    /**
     * {@code KL(p || q)}, of shape the broadcast batch shapes. Throws {@link UnsupportedOperationException}
     * (PyTorch's NotImplementedError, with its message) for a pair without a formula.
     */
    public static Tensor klDivergence(Distribution p, Distribution q) {
        BiFunction<Distribution, Distribution, Tensor> f = lookup(p.getClass(), q.getClass());
        if (f == null && p instanceof ExponentialFamily && q instanceof ExponentialFamily) {
            // PyTorch's Bregman-divergence fallback: only for two of the same family, all of which have formulas here
            throw new UnsupportedOperationException("The cross KL-divergence between different exponential families cannot "
                    + " ".repeat(28) + "be computed using Bregman divergences");
        }
        if (f == null) {
            throw new UnsupportedOperationException("No KL(p || q) is implemented for p type " + p.getClass().getSimpleName()
                    + " and q type " + q.getClass().getSimpleName());
        }
        return f.apply(p, q);
    }

    /**
     * The most specific registered pair for these classes, as PyTorch's {@code _dispatch_kl}: among the
     * pairs of superclasses that are registered, the first in the order of p's class chain, then q's
     * (so HalfNormal pairs use their own formula, other TransformedDistributions the generic one).
     */
    private static BiFunction<Distribution, Distribution, Tensor> lookup(Class<?> p, Class<?> q) {
        for (Class<?> sp = p; sp != null; sp = sp.getSuperclass()) {
            for (Class<?> sq = q; sq != null; sq = sq.getSuperclass()) {
                BiFunction<Distribution, Distribution, Tensor> f = REGISTRY.get(new Pair(sp, sq));
                if (f != null) return f;
            }
        }
        return null;
    }

    private static Tensor infLike(Tensor t) {
        return Torch.fullLike(t, INF);
    }

    /** {@code t} with {@code value} where {@code mask} (broadcast) holds: PyTorch's {@code t[mask] = value}. */
    private static Tensor put(Tensor t, Tensor mask, double value) {
        Tensor[] tm = Util.broadcastAll(t, mask);
        return Torch.where(tm[1], Torch.fullLike(tm[0], value), tm[0]);
    }

    private static Tensor xLogX(Tensor t) {
        return t.mul(t.log());
    }

    static {
        // ---- the same family
        register(Bernoulli.class, Bernoulli.class, (p, q) -> {
            Tensor t1 = p.probs().mul(q.logits().neg().softplus().sub(p.logits().neg().softplus()));
            t1 = put(put(t1, q.probs().eq(0.0), INF), p.probs().eq(0.0), 0);
            Tensor t2 = p.probs().rsub(1.0).mul(q.logits().softplus().sub(p.logits().softplus()));
            t2 = put(put(t2, q.probs().eq(1.0), INF), p.probs().eq(1.0), 0);
            return t1.add(t2);
        });
        register(Beta.class, Beta.class, (p, q) -> {
            Tensor sumP = p.concentration1().add(p.concentration0());
            Tensor sumQ = q.concentration1().add(q.concentration0());
            Tensor t1 = q.concentration1().lgamma().add(q.concentration0().lgamma()).add(sumP.lgamma());
            Tensor t2 = p.concentration1().lgamma().add(p.concentration0().lgamma()).add(sumQ.lgamma());
            Tensor t3 = p.concentration1().sub(q.concentration1()).mul(p.concentration1().digamma());
            Tensor t4 = p.concentration0().sub(q.concentration0()).mul(p.concentration0().digamma());
            Tensor t5 = sumQ.sub(sumP).mul(sumP.digamma());
            return t1.sub(t2).add(t3).add(t4).add(t5);
        });
        register(Binomial.class, Binomial.class, (p, q) -> {
            if (p.totalCount().lt(q.totalCount()).any().itemBool()) {
                throw new UnsupportedOperationException("KL between Binomials where q.total_count > p.total_count is not implemented");
            }
            Tensor kl = p.totalCount().mul(p.probs().mul(p.logits().sub(q.logits())).add(p.probs().neg().log1p()).sub(q.probs().neg().log1p()));
            return put(kl, p.totalCount().gt(q.totalCount()), INF);
        });
        register(Categorical.class, Categorical.class, KL::categorical);
        register(OneHotCategorical.class, OneHotCategorical.class, (p, q) -> categorical(p.categorical(), q.categorical()));
        register(Dirichlet.class, Dirichlet.class, (p, q) -> {
            Tensor sumP = p.concentration().sum(-1);
            Tensor sumQ = q.concentration().sum(-1);
            Tensor t1 = sumP.lgamma().sub(sumQ.lgamma());
            Tensor t2 = p.concentration().lgamma().sub(q.concentration().lgamma()).sum(-1);
            Tensor t3 = p.concentration().sub(q.concentration());
            Tensor t4 = p.concentration().digamma().sub(sumP.digamma().unsqueeze(-1));
            return t1.sub(t2).add(t3.mul(t4).sum(-1));
        });
        register(Exponential.class, Exponential.class, (p, q) -> {
            Tensor ratio = q.rate().div(p.rate());
            return ratio.log().neg().add(ratio).sub(1.0);
        });
        register(Gamma.class, Gamma.class, (p, q) -> {
            Tensor t1 = q.concentration().mul(p.rate().div(q.rate()).log());
            Tensor t2 = q.concentration().lgamma().sub(p.concentration().lgamma());
            Tensor t3 = p.concentration().sub(q.concentration()).mul(p.concentration().digamma());
            Tensor t4 = q.rate().sub(p.rate()).mul(p.concentration().div(p.rate()));
            return t1.add(t2).add(t3).add(t4);
        });
        register(Laplace.class, Laplace.class, (p, q) -> {
            Tensor scaleRatio = p.scale().div(q.scale());
            Tensor locAbsDiff = p.loc().sub(q.loc()).abs();
            Tensor t1 = scaleRatio.log().neg();
            Tensor t2 = locAbsDiff.div(q.scale());
            Tensor t3 = scaleRatio.mul(locAbsDiff.neg().div(p.scale()).exp());
            return t1.add(t2).add(t3).sub(1.0);
        });
        register(MultivariateNormal.class, MultivariateNormal.class, MultivariateNormal::kl);
        register(LowRankMultivariateNormal.class, LowRankMultivariateNormal.class, LowRankMultivariateNormal::kl);
        register(Wishart.class, Wishart.class, Wishart::kl);
        register(MultivariateNormal.class, LowRankMultivariateNormal.class, (MultivariateNormal p, LowRankMultivariateNormal q) -> LowRankMultivariateNormal.kl(p, q));
        register(LowRankMultivariateNormal.class, MultivariateNormal.class, (LowRankMultivariateNormal p, MultivariateNormal q) -> LowRankMultivariateNormal.kl(p, q));
        register(Normal.class, Normal.class, (p, q) -> {
            Tensor varRatio = p.scale().div(q.scale()).pow(2.0);
            Tensor t1 = p.loc().sub(q.loc()).div(q.scale()).pow(2.0);
            return varRatio.add(t1).sub(1.0).sub(varRatio.log()).mul(0.5);
        });
        register(Poisson.class, Poisson.class, (p, q) ->
                p.rate().mul(p.rate().log().sub(q.rate().log())).sub(p.rate().sub(q.rate())));
        register(TransformedDistribution.class, TransformedDistribution.class, (p, q) -> {
            if (!p.transforms().equals(q.transforms()) || !java.util.Arrays.equals(p.eventShape(), q.eventShape())) {
                throw new UnsupportedOperationException();
            }
            return klDivergence(p.baseDist(), q.baseDist());
        });
        register(Uniform.class, Uniform.class, (p, q) -> {
            Tensor result = q.high().sub(q.low()).div(p.high().sub(p.low())).log();
            return put(result, q.low().gt(p.low()).logicalOr(q.high().lt(p.high())), INF);
        });
        register(Independent.class, Independent.class, (p, q) -> {
            if (p.reinterpretedBatchNdims() != q.reinterpretedBatchNdims()) throw new UnsupportedOperationException();
            return Util.sumRightmost(klDivergence(p.baseDist(), q.baseDist()), p.reinterpretedBatchNdims());
        });

        // ---- different families
        register(Bernoulli.class, Poisson.class, (p, q) -> p.entropy().neg().sub(p.probs().mul(q.rate().log()).sub(q.rate())));
        register(Beta.class, Exponential.class, (p, q) -> p.entropy().neg().sub(q.rate().log())
                .add(q.rate().mul(p.concentration1().div(p.concentration1().add(p.concentration0())))));
        register(Beta.class, Gamma.class, (p, q) -> {
            Tensor t1 = p.entropy().neg();
            Tensor t2 = q.concentration().lgamma().sub(q.concentration().mul(q.rate().log()));
            Tensor t3 = q.concentration().sub(1.0).mul(p.concentration1().digamma().sub(p.concentration1().add(p.concentration0()).digamma()));
            Tensor t4 = q.rate().mul(p.concentration1()).div(p.concentration1().add(p.concentration0()));
            return t1.add(t2).sub(t3).add(t4);
        });
        register(Beta.class, Normal.class, (p, q) -> {
            Tensor total = p.concentration1().add(p.concentration0());
            Tensor eBeta = p.concentration1().div(total);
            Tensor varNormal = q.scale().pow(2.0);
            Tensor t1 = p.entropy().neg();
            Tensor t2 = varNormal.mul(2.0).mul(Math.PI).log().mul(0.5);
            Tensor t3 = eBeta.mul(eBeta.rsub(1.0)).div(total.add(1.0)).add(eBeta.pow(2.0)).mul(0.5);
            Tensor t4 = q.loc().mul(eBeta);
            Tensor t5 = q.loc().pow(2.0).mul(0.5);
            return t1.add(t2).add(t3.sub(t4).add(t5).div(varNormal));
        });
        register(Beta.class, Uniform.class, (p, q) -> {
            Tensor result = p.entropy().neg().add(q.high().sub(q.low()).log());
            return put(result, q.low().gt(0.0).logicalOr(q.high().lt(1.0)), INF);
        });
        register(Exponential.class, Beta.class, (p, q) -> infLike(p.rate()));
        register(Exponential.class, Uniform.class, (p, q) -> infLike(p.rate()));
        register(Exponential.class, Gamma.class, (p, q) -> {
            Tensor ratio = q.rate().div(p.rate());
            Tensor t1 = q.concentration().neg().mul(ratio.log());
            return t1.add(ratio).add(q.concentration().lgamma()).add(q.concentration().mul(EULER_GAMMA)).sub(1 + EULER_GAMMA);
        });
        register(Exponential.class, Normal.class, (p, q) -> {
            Tensor varNormal = q.scale().pow(2.0);
            Tensor rateSqr = p.rate().pow(2.0);
            Tensor t1 = rateSqr.mul(varNormal).mul(2.0).mul(Math.PI).log().mul(0.5);
            Tensor t2 = rateSqr.reciprocal();
            Tensor t3 = q.loc().div(p.rate());
            Tensor t4 = q.loc().pow(2.0).mul(0.5);
            return t1.sub(1.0).add(t2.sub(t3).add(t4).div(varNormal));
        });
        register(Gamma.class, Beta.class, (p, q) -> infLike(p.concentration()));
        register(Gamma.class, Uniform.class, (p, q) -> infLike(p.concentration()));
        register(Gamma.class, Exponential.class, (p, q) ->
                p.entropy().neg().sub(q.rate().log()).add(q.rate().mul(p.concentration()).div(p.rate())));
        register(Gamma.class, Normal.class, (p, q) -> {
            Tensor varNormal = q.scale().pow(2.0);
            Tensor betaSqr = p.rate().pow(2.0);
            Tensor t1 = betaSqr.mul(varNormal).mul(2.0).mul(Math.PI).log().mul(0.5).sub(p.concentration()).sub(p.concentration().lgamma());
            Tensor t2 = p.concentration().pow(2.0).add(p.concentration()).mul(0.5).div(betaSqr);
            Tensor t3 = q.loc().mul(p.concentration()).div(p.rate());
            Tensor t4 = q.loc().pow(2.0).mul(0.5);
            return t1.add(p.concentration().sub(1.0).mul(p.concentration().digamma())).add(t2.sub(t3).add(t4).div(varNormal));
        });
        for (Class<? extends Distribution> c : List.of(Beta.class, Exponential.class, Gamma.class, Uniform.class)) {
            register(Laplace.class, c, (p, q) -> infLike(p.loc()));
            register(Normal.class, c, (p, q) -> infLike(p.loc()));
        }
        register(Laplace.class, Normal.class, (p, q) -> {
            Tensor varNormal = q.scale().pow(2.0);
            Tensor ratio = p.scale().pow(2.0).div(varNormal);
            Tensor t1 = ratio.mul(2.0).div(Math.PI).log().mul(0.5);
            Tensor t2 = p.loc().pow(2.0).mul(0.5);
            Tensor t3 = p.loc().mul(q.loc());
            Tensor t4 = q.loc().pow(2.0).mul(0.5);
            return t1.neg().add(ratio).add(t2.sub(t3).add(t4).div(varNormal)).sub(1.0);
        });
        register(Normal.class, Laplace.class, (p, q) -> {
            Tensor locDiff = p.loc().sub(q.loc());
            Tensor scaleRatio = p.scale().div(q.scale());
            Tensor locDiffScaleRatio = locDiff.div(p.scale());
            Tensor t1 = scaleRatio.log();
            Tensor t2 = p.scale().mul(Math.sqrt(2 / Math.PI)).mul(locDiffScaleRatio.pow(2.0).mul(-0.5).exp());
            Tensor t3 = locDiff.mul(locDiffScaleRatio.mul(Math.sqrt(0.5)).erf());
            return t1.neg().add(t2.add(t3).div(q.scale())).sub(0.5 * (1 + Math.log(0.5 * Math.PI)));
        });
        register(Poisson.class, Bernoulli.class, (p, q) -> infLike(p.rate()));
        register(Poisson.class, Binomial.class, (p, q) -> infLike(p.rate()));
        register(Uniform.class, Beta.class, (p, q) -> {
            Tensor common = p.high().sub(p.low());
            Tensor t1 = common.log();
            Tensor t2 = q.concentration1().sub(1.0).mul(xLogX(p.high()).sub(xLogX(p.low())).sub(common)).div(common);
            Tensor t3 = q.concentration0().sub(1.0).mul(xLogX(p.high().rsub(1.0)).sub(xLogX(p.low().rsub(1.0))).add(common)).div(common);
            Tensor t4 = q.concentration1().lgamma().add(q.concentration0().lgamma()).sub(q.concentration1().add(q.concentration0()).lgamma());
            Tensor result = t3.add(t4).sub(t1).sub(t2);
            return put(result, p.high().gt(1.0).logicalOr(p.low().lt(0.0)), INF);
        });
        register(Uniform.class, Exponential.class, (p, q) -> {
            Tensor result = q.rate().mul(p.high().add(p.low())).div(2.0).sub(p.high().sub(p.low()).mul(q.rate()).log());
            return put(result, p.low().lt(0.0), INF);
        });
        register(Uniform.class, Gamma.class, (p, q) -> {
            Tensor common = p.high().sub(p.low());
            Tensor t1 = common.log();
            Tensor t2 = q.concentration().lgamma().sub(q.concentration().mul(q.rate().log()));
            Tensor t3 = q.concentration().rsub(1.0).mul(xLogX(p.high()).sub(xLogX(p.low())).sub(common)).div(common);
            Tensor t4 = q.rate().mul(p.high().add(p.low())).div(2.0);
            Tensor result = t1.neg().add(t2).add(t3).add(t4);
            return put(result, p.low().lt(0.0), INF);
        });
        register(Uniform.class, Normal.class, (p, q) -> {
            Tensor common = p.high().sub(p.low());
            Tensor t1 = q.scale().mul(Math.sqrt(Math.PI * 2)).div(common).log();
            Tensor t2 = common.pow(2.0).div(12.0);
            Tensor t3 = p.high().add(p.low()).sub(q.loc().mul(2.0)).div(2.0).pow(2.0);
            return t1.add(t2.add(t3).mul(0.5).div(q.scale().pow(2.0)));
        });
        registerMore();
    }

    /** The pairs of Cauchy, HalfNormal, Gumbel, Pareto and Geometric registered in PyTorch 1.13 (Chi2's are Gamma's). */
    private static void registerMore() {
        registerContinuousBernoulli();
        register(Geometric.class, Geometric.class, (p, q) ->
                p.entropy().neg().sub(q.probs().neg().log1p().div(p.probs())).sub(q.logits()));
        register(Cauchy.class, Cauchy.class, (p, q) -> p.scale().add(q.scale()).pow(2.0).add(p.loc().sub(q.loc()).pow(2.0)).log()
                .sub(p.scale().mul(q.scale()).mul(4.0).log()));
        register(HalfNormal.class, HalfNormal.class, (p, q) -> klDivergence(p.baseDist(), q.baseDist()));
        register(Gumbel.class, Gumbel.class, (p, q) -> {
            Tensor ct1 = p.scale().div(q.scale()), ct2 = q.loc().div(q.scale()), ct3 = p.loc().div(q.scale());
            Tensor t1 = ct1.log().neg().sub(ct2).add(ct3);
            Tensor t3 = ct2.add(ct1.add(1.0).lgamma()).sub(ct3).exp();
            return t1.add(ct1.mul(EULER_GAMMA)).add(t3).sub(1 + EULER_GAMMA);
        });
        register(Pareto.class, Pareto.class, (p, q) -> {
            Tensor alphaRatio = q.alpha().div(p.alpha());
            Tensor result = q.alpha().mul(p.scale().div(q.scale()).log()).sub(alphaRatio.log()).add(alphaRatio).sub(1.0);
            return put(result, p.scale().lt(q.scale()), INF);
        });
        for (Class<? extends Distribution> c : List.of(Beta.class, Exponential.class, Gamma.class, Uniform.class, Pareto.class)) {
            register(Gumbel.class, c, (p, q) -> infLike(p.loc()));
        }
        for (Class<? extends Distribution> c : List.of(Beta.class, Uniform.class)) {
            register(Pareto.class, c, (p, q) -> infLike(p.scale()));
        }
        register(Beta.class, Pareto.class, (p, q) -> infLike(p.concentration1()));
        register(Exponential.class, Pareto.class, (p, q) -> infLike(p.rate()));
        register(Gamma.class, Pareto.class, (p, q) -> infLike(p.concentration()));
        register(Laplace.class, Pareto.class, (p, q) -> infLike(p.loc()));
        register(Normal.class, Pareto.class, (p, q) -> infLike(p.loc()));
        register(Exponential.class, Gumbel.class, (p, q) -> {
            Tensor scaleRate = p.rate().mul(q.scale());
            Tensor locScale = q.loc().div(q.scale());
            Tensor t2 = locScale.exp().mul(scaleRate).div(scaleRate.add(1.0));
            return scaleRate.log().sub(1.0).sub(locScale).add(t2).add(scaleRate.reciprocal());
        });
        register(Gamma.class, Gumbel.class, (p, q) -> {
            Tensor c = p.concentration();
            Tensor betaScale = p.rate().mul(q.scale());
            Tensor locScale = q.loc().div(q.scale());
            Tensor t1 = c.sub(1.0).mul(c.digamma()).sub(c.lgamma()).sub(c);
            Tensor t2 = betaScale.log().add(c.div(betaScale));
            Tensor t3 = locScale.exp().mul(betaScale.reciprocal().add(1.0).pow(c.neg())).sub(locScale);
            return t1.add(t2).add(t3);
        });
        register(Gumbel.class, Normal.class, (p, q) -> {
            Tensor ratio = p.scale().div(q.scale());
            Tensor t1 = ratio.div(Math.sqrt(2 * Math.PI)).log();
            Tensor t2 = ratio.mul(Math.PI * 0.5).pow(2.0).div(3.0);
            Tensor t3 = p.loc().add(p.scale().mul(EULER_GAMMA)).sub(q.loc()).div(q.scale()).pow(2.0).mul(0.5);
            return t1.neg().add(t2).add(t3).sub(EULER_GAMMA + 1);
        });
        register(Normal.class, Gumbel.class, (p, q) -> {
            Tensor meanScale = p.loc().div(q.scale());
            Tensor varScaleSq = p.scale().div(q.scale()).pow(2.0);
            Tensor locScale = q.loc().div(q.scale());
            Tensor t3 = meanScale.neg().add(varScaleSq.mul(0.5)).add(locScale).exp();
            return varScaleSq.log().mul(0.5).neg().add(meanScale.sub(locScale)).add(t3).sub(0.5 * (1 + Math.log(2 * Math.PI)));
        });
        register(Pareto.class, Exponential.class, (p, q) -> {
            Tensor scaleRate = p.scale().mul(q.rate());
            Tensor t3 = p.alpha().mul(scaleRate).div(p.alpha().sub(1.0));
            Tensor result = p.alpha().div(scaleRate).log().sub(p.alpha().reciprocal()).add(t3).sub(1.0);
            return put(result, p.alpha().le(1.0), INF);
        });
        register(Pareto.class, Gamma.class, (p, q) -> {
            Tensor common = p.scale().log().add(p.alpha().reciprocal());
            Tensor t1 = p.alpha().log().sub(common);
            Tensor t2 = q.concentration().lgamma().sub(q.concentration().mul(q.rate().log()));
            Tensor t3 = q.concentration().rsub(1.0).mul(common);
            Tensor t4 = q.rate().mul(p.alpha()).mul(p.scale()).div(p.alpha().sub(1.0));
            return put(t1.add(t2).add(t3).add(t4).sub(1.0), p.alpha().le(1.0), INF);
        });
        register(Pareto.class, Normal.class, (p, q) -> {
            Tensor var = q.scale().pow(2.0).mul(2.0);
            Tensor common = p.scale().div(p.alpha().sub(1.0));
            Tensor t1 = q.scale().mul(Math.sqrt(2 * Math.PI)).mul(p.alpha()).div(p.scale()).log();
            Tensor t3 = p.alpha().mul(common.pow(2.0)).div(p.alpha().sub(2.0));
            Tensor t4 = p.alpha().mul(common).sub(q.loc()).pow(2.0);
            Tensor result = t1.sub(p.alpha().reciprocal()).add(t3.add(t4).div(var)).sub(1.0);
            return put(result, p.alpha().le(2.0), INF);
        });
        register(Uniform.class, Gumbel.class, (p, q) -> {
            Tensor common = q.scale().div(p.high().sub(p.low()));
            Tensor high = p.high().sub(q.loc()).div(q.scale()), low = p.low().sub(q.loc()).div(q.scale());
            Tensor t1 = common.log().add(high.add(low).mul(0.5));
            return t1.sub(common.mul(high.neg().exp().sub(low.neg().exp())));
        });
        register(Uniform.class, Pareto.class, (p, q) -> {
            Tensor width = p.high().sub(p.low());
            Tensor t1 = q.alpha().mul(q.scale().pow(q.alpha())).mul(width).log();
            Tensor t2 = xLogX(p.high()).sub(xLogX(p.low())).sub(width).div(width);
            return put(t2.mul(q.alpha().add(1.0)).sub(t1), p.low().lt(q.scale()), INF);
        });
    }

    /** ContinuousBernoulli's pairs in PyTorch 1.13. */
    private static void registerContinuousBernoulli() {
        register(ContinuousBernoulli.class, ContinuousBernoulli.class, (p, q) -> p.mean().mul(p.logits().sub(q.logits()))
                .add(p.logNorm().add(p.probs().neg().log1p())).add(q.logNorm().neg().sub(q.probs().neg().log1p())));
        register(Beta.class, ContinuousBernoulli.class, (p, q) -> p.entropy().neg().sub(p.mean().mul(q.logits()))
                .sub(q.probs().neg().log1p()).sub(q.logNorm()));
        register(ContinuousBernoulli.class, Exponential.class, (p, q) -> p.entropy().neg().sub(q.rate().log()).add(q.rate().mul(p.mean())));
        register(ContinuousBernoulli.class, Normal.class, (p, q) -> {
            Tensor t2 = q.loc().div(q.scale()).square().add(Math.log(2 * Math.PI)).mul(0.5).add(q.scale().log());
            Tensor t3 = p.variance().add(p.mean().square()).sub(q.loc().mul(2.0).mul(p.mean())).div(q.scale().square().mul(2.0));
            return p.entropy().neg().add(t2).add(t3);
        });
        register(ContinuousBernoulli.class, Uniform.class, (p, q) -> {
            Tensor result = p.entropy().neg().add(q.high().sub(q.low()).log());
            return Torch.where(q.low().ge(0.0).logicalOr(q.high().le(1.0)), Torch.onesLike(result).mul(INF), result);
        });
        register(Uniform.class, ContinuousBernoulli.class, (p, q) -> {
            Tensor result = p.entropy().neg().sub(p.mean().mul(q.logits())).sub(q.probs().neg().log1p()).sub(q.logNorm());
            return Torch.where(p.high().ge(1.0).logicalOr(p.low().le(0.0)), Torch.onesLike(result).mul(INF), result);
        });
        register(ContinuousBernoulli.class, Pareto.class, (p, q) -> infLike(p.probs()));
        register(Exponential.class, ContinuousBernoulli.class, (p, q) -> infLike(p.rate()));
        register(Gamma.class, ContinuousBernoulli.class, (p, q) -> infLike(p.concentration()));
        register(Gumbel.class, ContinuousBernoulli.class, (p, q) -> infLike(p.loc()));
        register(Laplace.class, ContinuousBernoulli.class, (p, q) -> infLike(p.loc()));
        register(Normal.class, ContinuousBernoulli.class, (p, q) -> infLike(p.loc()));
        register(Pareto.class, ContinuousBernoulli.class, (p, q) -> infLike(p.scale()));
    }

    private static Tensor categorical(Categorical p, Categorical q) {
        Tensor t = p.probs().mul(p.logits().sub(q.logits()));
        t = put(t, q.probs().eq(0.0), INF);
        t = put(t, p.probs().eq(0.0), 0);
        return t.sum(-1);
    }
}
