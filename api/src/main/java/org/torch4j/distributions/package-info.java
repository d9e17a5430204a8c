/**
 * Probability distributions with PyTorch 1.13's {@code torch.distributions} semantics: sampling
 * (reparameterised with {@link org.torch4j.distributions.Distribution#rsample} where PyTorch has it),
 * log densities, entropies, moments, cumulative distribution functions and
 * {@link org.torch4j.distributions.KL#klDivergence KL divergences}, all differentiable with
 * respect to the parameters through torch4j's autograd.
 *
 * <p>A distribution has a batch shape (independent, not necessarily identical distributions, from
 * broadcasting its parameters) and an event shape (the shape of one draw: empty for scalar
 * distributions, {@code [k]} for {@link org.torch4j.distributions.Dirichlet} or
 * {@link org.torch4j.distributions.OneHotCategorical}). {@code sample(n)} returns
 * {@code [n] + batchShape + eventShape}. {@link org.torch4j.distributions.Independent} reinterprets
 * batch dims as event dims.
 *
 * <pre>{@code
 * Tensor loc = Torch.zeros(3).requiresGrad_();
 * Normal d = new Normal(loc, Torch.ones(3));
 * Tensor x = d.rsample(10);                  // [10, 3], differentiable in loc
 * Tensor lp = d.logProb(x).sum();
 * Tensor kl = KL.klDivergence(d, new Normal(Torch.ones(3), Torch.ones(3)));
 * }</pre>
 *
 * <p>Arguments are validated as PyTorch does by default ({@code validate_args=True}): invalid
 * parameters fail at construction and values outside the support fail in {@code logProb} and
 * {@code cdf}, with PyTorch's messages ({@code ValueError} is {@link IllegalArgumentException}).
 * Each constructor takes a {@code validateArgs} flag ({@code validate_args=False}), and
 * {@link org.torch4j.distributions.Distribution#setDefaultValidateArgs} changes the default.
 *
 * <p>The distributions: continuous Normal, Uniform, Exponential, Laplace, Cauchy, Gamma, Chi2,
 * StudentT, Beta, Dirichlet, LogNormal, HalfNormal, HalfCauchy, Gumbel, Weibull, Pareto, Kumaraswamy,
 * VonMises, MultivariateNormal and LowRankMultivariateNormal; over matrices Wishart and LKJCholesky;
 * discrete Bernoulli, Categorical, OneHotCategorical, Poisson, Binomial,
 * Geometric, NegativeBinomial and Multinomial; the relaxations RelaxedBernoulli (and its
 * LogitRelaxedBernoulli), RelaxedOneHotCategorical (and its ExpRelaxedCategorical) and
 * ContinuousBernoulli; MixtureSameFamily, Independent and
 * TransformedDistribution to build others. LogNormal, HalfNormal,
 * HalfCauchy, Gumbel, Weibull, Pareto and Kumaraswamy are TransformedDistributions as in PyTorch, and Chi2 a Gamma;
 * {@link org.torch4j.distributions.KL} finds a pair's formula through the superclasses as PyTorch does.
 *
 * <p>The transforms are PyTorch's: elementwise exp, affine, power, sigmoid, tanh, softplus and abs; softmax and
 * stick breaking onto the simplex; lower-Cholesky and correlation-Cholesky factors; and the combinators
 * compose, independent, reshape, cat, stack and a distribution's cdf, each with its inverse, log-Jacobian,
 * domain, codomain and event dims. {@link org.torch4j.distributions.Transforms} holds PyTorch's {@code biject_to}
 * and {@code transform_to} registries, from a {@link org.torch4j.distributions.Constraint} to a transform onto it.
 *
 * <p>Sampling draws from the given {@link org.torch4j.Generator} (or the default one) in PyTorch's
 * order, so the same seed gives PyTorch's numbers: exactly for Normal, HalfNormal, Uniform, Bernoulli,
 * Categorical, OneHotCategorical and Multinomial; for Exponential, Laplace, LogNormal, Cauchy,
 * HalfCauchy, Gumbel, Weibull, Pareto, Kumaraswamy, LowRankMultivariateNormal, Geometric, the relaxed
 * distributions, ContinuousBernoulli and mixtures of these up to the last bit of {@code log}, {@code log1p},
 * {@code exp}, {@code pow} and {@code tan}; and for Gamma, Chi2, StudentT, Beta, Dirichlet, Poisson,
 * Binomial and NegativeBinomial, whose rejection samplers are PyTorch's, up to the last bit of
 * {@code log} and {@code pow}, which could (rarely) flip an accept/reject decision; so are VonMises's and
 * LKJCholesky's. Wishart's draws are not PyTorch's (see its class comment).
 *
 * <p>{@code rsample} exists where PyTorch has it: Gamma's with PyTorch's implicit
 * reparameterisation gradient, Beta's and Dirichlet's with an unbiased pathwise gradient through
 * their gamma draws rather than PyTorch's {@code _dirichlet_grad} approximation (same samples, other
 * gradient values). {@link org.torch4j.distributions.MultivariateNormal} draws PyTorch's standard
 * normals exactly; its samples {@code loc + L eps} agree with PyTorch's up to the rounding of the
 * matrix-vector product.
 */
@Export
@Version("0.2.0")
package org.torch4j.distributions;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
