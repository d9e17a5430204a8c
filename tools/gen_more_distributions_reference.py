#!/usr/bin/python3
"""Writes api/src/test/resources/reference/distributions_more.json, the torch.distributions reference
values that org.torch4j.conformance.MoreDistributionsTest checks: Cauchy, HalfNormal, HalfCauchy,
Gumbel, Weibull, Pareto, Chi2, StudentT, Geometric, NegativeBinomial, Multinomial (whose
total_count, a Python int in PyTorch, is written as a 0-dim tensor), LogitRelaxedBernoulli,
RelaxedBernoulli, ExpRelaxedCategorical, RelaxedOneHotCategorical, ContinuousBernoulli; and MixtureSameFamily, in a section of its own:
  "mixture": {"mix": Categorical spec, "comp": component spec, "value", "log_prob", "mean", "variance",
              "cdf" (where the component has one), float64 "grads": {"mix.arg" | "comp.arg": gradient of
              the log_prob's sum}}, plus "samples" entries {"mix", "comp", "seed", "shape", "out"}.

Run with Debian's PyTorch 1.13:  /usr/bin/python3 tools/gen_more_distributions_reference.py
The output is deterministic (parameters come from a seeded generator of their own). The JSON layout
is that of gen_distributions_reference.py (whose encoding helpers this script reuses):
"cases", "kl", "samples" and "errors".
"""
import json
import os
import sys

import torch
import torch.distributions as D
from torch.distributions.relaxed_bernoulli import LogitRelaxedBernoulli
from torch.distributions.relaxed_categorical import ExpRelaxedCategorical

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import gen_distributions_reference as base  # noqa: E402
from gen_distributions_reference import cast, enc, enc_spec, leaves, record_case, spec  # noqa: E402

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "api", "src", "test", "resources",
                   "reference", "distributions_more.json")

GEN = torch.Generator().manual_seed(4321)
base.GEN = GEN  # the shared helpers draw from this script's own generator


def build(s):
    """base.build, with Multinomial's total_count made the int PyTorch requires."""
    if s["dist"] == "Multinomial":
        args = dict(s["targs"])
        return D.Multinomial(int(args.pop("total_count").item()), **args)
    if s["dist"] == "LogitRelaxedBernoulli":  # not exported by torch.distributions
        return LogitRelaxedBernoulli(**s["targs"])
    if s["dist"] == "ExpRelaxedCategorical":
        return ExpRelaxedCategorical(**s["targs"])
    return base_build(s)


base_build = base.build
base.build = build  # record_case builds through this too


def rand(shape, lo=0.0, hi=1.0):
    return torch.rand(shape, generator=GEN, dtype=torch.float64) * (hi - lo) + lo


def randn(shape):
    return torch.randn(shape, generator=GEN, dtype=torch.float64)


def continuous_cases():
    """(spec, value, icdf probabilities or None)"""
    b = [2, 3]
    return [
        (spec("Cauchy", loc=randn([3]), scale=rand([2, 1], 0.5, 2.0)), randn([4, 2, 3]) * 3, rand(b, 0.05, 0.95)),
        (spec("HalfNormal", scale=rand([2, 3], 0.5, 2.0)), rand([4, 2, 3], 0.0, 3.0), rand(b, 0.05, 0.95)),
        (spec("HalfCauchy", scale=rand([3], 0.5, 2.0)), rand([4, 2, 3], 0.0, 5.0), rand(b, 0.05, 0.95)),
        # values where the cdf stays below 1 - eps in float32 (PyTorch validates them against the base uniform)
        (spec("Gumbel", loc=randn([3]), scale=rand([2, 1], 0.5, 2.0)), rand([4, 2, 3], -2.0, 3.0), rand(b, 0.05, 0.95)),
        (spec("Weibull", scale=rand([3], 0.5, 2.0), concentration=rand([2, 1], 0.6, 3.0)), rand([4, 2, 3], 0.1, 3.0), rand(b, 0.05, 0.95)),
        (spec("Pareto", scale=rand([3], 0.5, 1.0), alpha=rand([2, 1], 0.5, 4.0)), rand([4, 2, 3], 1.0, 4.0), rand(b, 0.05, 0.95)),
        (spec("Pareto", scale=torch.tensor([0.5, 1.0, 2.0], dtype=torch.float64), alpha=torch.tensor([0.8, 1.5, 3.0], dtype=torch.float64)),
         torch.tensor([0.6, 2.0, 2.0], dtype=torch.float64), rand([3], 0.05, 0.95)),
        (spec("Chi2", df=rand([2, 3], 0.5, 6.0)), rand([4, 2, 3], 0.1, 6.0), None),
        # df on both sides of 1 and 2, where the mean and variance become NaN and infinite
        (spec("StudentT", df=torch.tensor([0.7, 1.5, 2.0, 4.5], dtype=torch.float64), loc=randn([2, 1]), scale=rand([4], 0.5, 2.0)),
         randn([3, 2, 4]) * 2, None),
        (spec("LogitRelaxedBernoulli", temperature=torch.tensor(0.7, dtype=torch.float64), probs=rand([2, 3], 0.05, 0.95)),
         randn([4, 2, 3]) * 2, None),
        (spec("RelaxedBernoulli", temperature=torch.tensor([0.3, 1.5, 4.0], dtype=torch.float64), probs=rand([2, 3], 0.05, 0.95)),
         rand([4, 2, 3], 0.01, 0.99), None),
        (spec("RelaxedBernoulli", temperature=torch.tensor(0.5, dtype=torch.float64), logits=randn([3])), rand([2, 3], 0.01, 0.99), None),
        (spec("ExpRelaxedCategorical", temperature=torch.tensor(0.7, dtype=torch.float64), probs=rand([2, 4], 0.1, 1.0)),
         torch.log_softmax(randn([3, 2, 4]) * 2, -1), None),
        (spec("RelaxedOneHotCategorical", temperature=torch.tensor(1.3, dtype=torch.float64), logits=randn([2, 3])),
         torch.softmax(randn([4, 2, 3]) * 2, -1), None),
        (spec("ContinuousBernoulli", probs=rand([2, 3], 0.05, 0.95)), rand([4, 2, 3], 0.0, 1.0), rand([2, 3], 0.05, 0.95)),
        # inside the unstable region around 1/2 (Taylor expansions) and at the clamped ends
        (spec("ContinuousBernoulli", probs=torch.tensor([0.4995, 0.5, 0.5007, 0.0, 1.0], dtype=torch.float64)),
         torch.tensor([0.3, 0.0, 1.0, 0.2, 0.9], dtype=torch.float64), rand([5], 0.05, 0.95)),
        (spec("ContinuousBernoulli", logits=randn([3]) * 2), rand([2, 3], 0.0, 1.0), rand([3], 0.05, 0.95)),
    ]


def discrete_cases():
    return [
        (spec("Geometric", probs=rand([2, 3], 0.05, 0.95)), torch.randint(0, 8, (4, 2, 3), generator=GEN).double()),
        (spec("Geometric", logits=randn([3]) * 2), torch.randint(0, 8, (2, 3), generator=GEN).double()),
        # probs 1 at value 0: PyTorch's 0 * log(0) = 0
        (spec("Geometric", probs=torch.tensor([1.0, 0.5, 1.0], dtype=torch.float64)), torch.tensor([0.0, 3.0, 0.0], dtype=torch.float64)),
        (spec("NegativeBinomial", total_count=torch.tensor([[0.0], [2.5]], dtype=torch.float64), probs=rand([3], 0.1, 0.9)),
         torch.tensor([[0.0, 3.0, 5.0], [10.0, 0.0, 7.0]], dtype=torch.float64)),
        (spec("NegativeBinomial", total_count=torch.full([3], 8.0, dtype=torch.float64), logits=randn([3])),
         torch.tensor([0.0, 2.0, 11.0], dtype=torch.float64)),
        (spec("Multinomial", total_count=torch.tensor(5.0, dtype=torch.float64), probs=rand([2, 4], 0.1, 1.0)),
         torch.tensor([[[5.0, 0.0, 0.0, 0.0], [1.0, 2.0, 0.0, 2.0]], [[0.0, 1.0, 1.0, 1.0], [2.0, 2.0, 1.0, 0.0]]], dtype=torch.float64)),
        (spec("Multinomial", total_count=torch.tensor(3.0, dtype=torch.float64), logits=randn([3])),
         torch.tensor([1.0, 0.0, 2.0], dtype=torch.float64)),
        # a zero probability: 0 * log(0) = 0 in log_prob
        (spec("Multinomial", total_count=torch.tensor(4.0, dtype=torch.float64), probs=torch.tensor([0.0, 0.25, 0.75], dtype=torch.float64)),
         torch.tensor([0.0, 1.0, 3.0], dtype=torch.float64)),
    ]


def gen_cases():
    cases = []
    for s, v, q in continuous_cases() + [(s, v, None) for s, v in discrete_cases()]:
        for dtype in [torch.float32, torch.float64]:
            cases.append(record_case(cast(s, dtype), v, q, dtype))
    return cases


def kl_dists():
    """Distributions of batch shape [3] to pair up: the new ones and the existing ones with pairs among them."""
    return {
        "Cauchy": [spec("Cauchy", loc=randn([3]), scale=rand([3], 0.5, 2.0)), spec("Cauchy", loc=randn([3]), scale=rand([3], 0.5, 2.0))],
        "HalfNormal": [spec("HalfNormal", scale=rand([3], 0.5, 2.0)), spec("HalfNormal", scale=rand([3], 0.5, 2.0))],
        "Gumbel": [spec("Gumbel", loc=randn([3]), scale=rand([3], 0.5, 2.0)), spec("Gumbel", loc=randn([3]), scale=rand([3], 0.5, 2.0))],
        # alpha on both sides of 1 and 2, where Pareto's mean and variance (and so some KLs) become infinite
        "Pareto": [spec("Pareto", scale=torch.tensor([0.5, 1.0, 0.2], dtype=torch.float64), alpha=torch.tensor([0.8, 1.5, 3.0], dtype=torch.float64)),
                   spec("Pareto", scale=torch.tensor([0.7, 0.4, 0.1], dtype=torch.float64), alpha=torch.tensor([2.5, 3.5, 1.2], dtype=torch.float64))],
        "Chi2": [spec("Chi2", df=rand([3], 0.5, 5.0)), spec("Chi2", df=rand([3], 0.5, 5.0))],
        "Geometric": [spec("Geometric", probs=rand([3], 0.1, 0.9)), spec("Geometric", logits=randn([3]))],
        "ContinuousBernoulli": [spec("ContinuousBernoulli", probs=torch.tensor([0.2, 0.4998, 0.9], dtype=torch.float64)),
                                spec("ContinuousBernoulli", logits=randn([3]))],
        "Normal": [spec("Normal", loc=randn([3]), scale=rand([3], 0.5, 2.0)), spec("Normal", loc=randn([3]), scale=rand([3], 0.5, 2.0))],
        "Uniform": [spec("Uniform", low=rand([3], 0.05, 0.5), high=rand([3], 1.0, 2.0)),
                    spec("Uniform", low=rand([3], 0.3, 0.6), high=rand([3], 0.7, 0.9))],
        "Exponential": [spec("Exponential", rate=rand([3], 0.5, 2.0)), spec("Exponential", rate=rand([3], 0.5, 2.0))],
        "Laplace": [spec("Laplace", loc=randn([3]), scale=rand([3], 0.5, 2.0)), spec("Laplace", loc=randn([3]), scale=rand([3], 0.5, 2.0))],
        "Gamma": [spec("Gamma", concentration=rand([3], 0.5, 3.0), rate=rand([3], 0.5, 2.0)),
                  spec("Gamma", concentration=rand([3], 0.5, 3.0), rate=rand([3], 0.5, 2.0))],
        "Beta": [spec("Beta", concentration1=rand([3], 0.5, 3.0), concentration0=rand([3], 0.5, 3.0)),
                 spec("Beta", concentration1=rand([3], 0.5, 3.0), concentration0=rand([3], 0.5, 3.0))],
    }


NEW = {"ExpRelaxedCategorical", "RelaxedOneHotCategorical", "ContinuousBernoulli", "RelaxedBernoulli", "LogitRelaxedBernoulli", "Cauchy", "HalfNormal", "HalfCauchy", "Gumbel", "Weibull", "Pareto", "Chi2", "StudentT", "Geometric", "NegativeBinomial",
       "Multinomial"}


def gen_kl():
    ds = kl_dists()
    out = []
    for pn in ds:
        for qn in ds:
            if pn not in NEW and qn not in NEW:
                continue
            for ps, qs in [(ds[pn][0], ds[qn][1]), (ds[pn][1], ds[qn][0])]:
                try:
                    D.kl_divergence(build(ps), build(qs))
                except NotImplementedError:
                    continue
                for dtype in [torch.float32, torch.float64]:
                    p, q = cast(ps, dtype), cast(qs, dtype)
                    case = {"p": enc_spec(p), "q": enc_spec(q), "kl": enc(D.kl_divergence(build(p), build(q)))}
                    if dtype == torch.float64:
                        p, q = cast(ps, dtype, True), cast(qs, dtype, True)
                        k = D.kl_divergence(build(p), build(q))
                        ls = leaves(p, "p.") + leaves(q, "q.")
                        if k.requires_grad:
                            gs = torch.autograd.grad(k[torch.isfinite(k)].sum(), [t for _, t in ls], allow_unused=True)
                            case["grads"] = {n: enc(g) for (n, _), g in zip(ls, gs) if g is not None}
                    out.append(case)
    return out


def gen_samples():
    out = []
    specs = [
        (spec("Cauchy", loc=randn([3]), scale=rand([2, 1], 0.5, 2.0)), ["sample", "rsample"], [[], [5]]),
        (spec("HalfNormal", scale=rand([3], 0.5, 2.0)), ["sample", "rsample"], [[], [6]]),
        (spec("HalfCauchy", scale=rand([3], 0.5, 2.0)), ["sample", "rsample"], [[7]]),
        (spec("Gumbel", loc=randn([3]), scale=rand([3], 0.5, 2.0)), ["sample", "rsample"], [[], [8]]),
        (spec("Weibull", scale=rand([3], 0.5, 2.0), concentration=rand([3], 0.6, 3.0)), ["sample", "rsample"], [[6]]),
        (spec("Pareto", scale=rand([3], 0.5, 2.0), alpha=rand([3], 0.6, 3.0)), ["sample", "rsample"], [[6]]),
        (spec("Chi2", df=torch.tensor([0.5, 2.0, 7.0], dtype=torch.float64)), ["sample", "rsample"], [[], [10]]),
        (spec("StudentT", df=torch.tensor([0.8, 3.0, 30.0], dtype=torch.float64), loc=randn([3]), scale=rand([3], 0.5, 2.0)),
         ["sample", "rsample"], [[], [10]]),
        (spec("Geometric", probs=torch.tensor([0.05, 0.3, 0.9, 1.0], dtype=torch.float64)), ["sample"], [[], [20]]),
        (spec("NegativeBinomial", total_count=torch.tensor([0.0, 1.0, 4.5, 40.0], dtype=torch.float64),
              probs=torch.tensor([0.3, 0.5, 0.8, 0.6], dtype=torch.float64)), ["sample"], [[], [20]]),
        (spec("Multinomial", total_count=torch.tensor(10.0, dtype=torch.float64), probs=rand([2, 4], 0.1, 1.0)), ["sample"], [[], [5]]),
        (spec("RelaxedBernoulli", temperature=torch.tensor([0.3, 1.0, 2.0], dtype=torch.float64), probs=rand([3], 0.05, 0.95)),
         ["sample", "rsample"], [[], [6]]),
        (spec("LogitRelaxedBernoulli", temperature=torch.tensor(0.7, dtype=torch.float64), logits=randn([3])), ["rsample"], [[6]]),
        (spec("ContinuousBernoulli", probs=torch.tensor([0.1, 0.5, 0.8], dtype=torch.float64)), ["sample", "rsample"], [[], [6]]),
        (spec("RelaxedOneHotCategorical", temperature=torch.tensor(0.5, dtype=torch.float64), probs=rand([2, 4], 0.1, 1.0)),
         ["sample", "rsample"], [[], [5]]),
    ]
    seed = 100
    for s, methods, shapes in specs:
        for dtype in [torch.float32, torch.float64]:
            for method in methods:
                for shape in shapes:
                    seed += 1
                    c = cast(s, dtype)
                    torch.manual_seed(seed)
                    x = getattr(build(c), method)(torch.Size(shape))
                    case = {"dist": enc_spec(c), "seed": seed, "shape": shape, "method": method, "out": enc(x)}
                    if method == "rsample" and dtype == torch.float64:
                        c = cast(s, dtype, grad=True)
                        torch.manual_seed(seed)
                        y = build(c).rsample(torch.Size(shape))
                        ls = leaves(c)
                        gs = torch.autograd.grad(y.sum(), [t for _, t in ls])
                        case["grads"] = {n: enc(g) for (n, _), g in zip(ls, gs)}
                    out.append(case)
    return out


def gen_errors():
    t = lambda *v: torch.tensor(v, dtype=torch.float32)
    bad = [
        spec("Cauchy", loc=t(0.0, 1.0), scale=t(1.0, -1.0)),
        spec("Cauchy", loc=t(float("nan")), scale=t(1.0)),
        spec("HalfNormal", scale=t(1.0, 0.0)),
        spec("HalfCauchy", scale=t(-2.0)),
        spec("Gumbel", loc=t(0.0), scale=t(-1.0)),
        spec("Weibull", scale=t(1.0, -1.0), concentration=t(1.0, 1.0)),
        spec("Weibull", scale=t(1.0), concentration=t(0.0)),
        spec("Pareto", scale=t(-1.0), alpha=t(1.0)),
        spec("Pareto", scale=t(1.0), alpha=t(-1.0)),
        spec("Chi2", df=t(2.0, -1.0)),
        spec("StudentT", df=t(-1.0), loc=t(0.0), scale=t(1.0)),
        spec("StudentT", df=t(3.0), loc=t(0.0), scale=t(0.0)),
        spec("Geometric", probs=t(0.5, 0.0)),
        spec("Geometric", probs=t(1.5)),
        spec("Geometric", logits=t(float("nan"))),
        spec("NegativeBinomial", total_count=t(-1.0), probs=t(0.5)),
        spec("NegativeBinomial", total_count=t(3.0), probs=t(1.0)),
        spec("Multinomial", total_count=torch.tensor(5.0), probs=t(0.2, -0.8)),
        spec("RelaxedBernoulli", temperature=t(0.5), probs=t(0.5, 1.5)),
        spec("LogitRelaxedBernoulli", temperature=t(0.5), logits=t(float("nan"))),
        spec("RelaxedOneHotCategorical", temperature=t(0.5), probs=t(0.5, -0.5, 1.0)),
    ]
    out = []
    for s in bad:
        try:
            build(s)
            raise AssertionError("no error for %s" % s)
        except ValueError as e:
            out.append({"dist": enc_spec(s), "error": str(e)})
    values = [
        (spec("Cauchy", loc=t(0.0, 1.0), scale=t(1.0, 1.0)), t(1.0, 2.0, 3.0), "log_prob"),
        (spec("HalfNormal", scale=t(1.0, 2.0)), t(1.0, -1.0), "log_prob"),
        (spec("HalfNormal", scale=t(1.0, 2.0)), t(-0.5, 1.0), "cdf"),
        (spec("HalfCauchy", scale=t(1.0)), t(-1.0), "log_prob"),
        (spec("Weibull", scale=t(1.0), concentration=t(2.0)), t(-1.0), "log_prob"),
        (spec("Weibull", scale=t(1.0), concentration=t(2.0)), t(0.0), "log_prob"),
        (spec("Pareto", scale=t(1.0, 2.0), alpha=t(1.0, 3.0)), t(0.5, 3.0), "log_prob"),
        (spec("Gumbel", loc=t(0.0), scale=t(1.0)), t(float("nan")), "log_prob"),
        (spec("Chi2", df=t(2.0)), t(-1.0), "log_prob"),
        (spec("StudentT", df=t(2.0, 3.0), loc=t(0.0, 0.0), scale=t(1.0, 1.0)), t(1.0, 2.0, 3.0), "log_prob"),
        (spec("Geometric", probs=t(0.5)), t(-1.0), "log_prob"),
        (spec("Geometric", probs=t(0.5)), t(1.5), "log_prob"),
        (spec("NegativeBinomial", total_count=t(3.0), probs=t(0.5)), t(0.5), "log_prob"),
        (spec("Multinomial", total_count=torch.tensor(5.0), probs=t(0.2, 0.8)), t(1.0, 5.0), "log_prob"),
        (spec("Multinomial", total_count=torch.tensor(5.0), probs=t(0.2, 0.8)), t(1.0, 2.0, 2.0), "log_prob"),
        (spec("RelaxedBernoulli", temperature=t(0.5), probs=t(0.5, 0.5)), t(0.5, 1.5), "log_prob"),
        (spec("ContinuousBernoulli", probs=t(0.3)), t(1.5), "log_prob"),
        (spec("RelaxedOneHotCategorical", temperature=t(0.5), probs=t(0.5, 0.5)), t(0.5, 0.6), "log_prob"),
        (spec("RelaxedOneHotCategorical", temperature=t(0.5), probs=t(0.5, 0.5)), t(0.5, 0.2, 0.3), "log_prob"),
        (spec("ContinuousBernoulli", probs=t(0.3)), t(-0.5), "cdf"),
    ]
    for s, v, method in values:
        d = build(s)
        try:
            getattr(d, method)(v)
            raise AssertionError("no error for %s %s" % (s, method))
        except ValueError as e:
            out.append({"dist": enc_spec(s), "method": method, "value": enc(v), "error": str(e)})
    return out


def gen_mixture():
    specs = [
        (spec("Categorical", logits=randn([2, 3])), spec("Normal", loc=randn([2, 3]) * 2, scale=rand([2, 3], 0.5, 1.5)), randn([4, 2])),
        (spec("Categorical", probs=rand([3], 0.1, 1.0)), spec("Gamma", concentration=rand([2, 3], 0.5, 4.0), rate=rand([2, 3], 0.5, 2.0)),
         rand([5, 2], 0.1, 4.0)),
        (spec("Categorical", logits=randn([4])), spec("Laplace", loc=randn([4]), scale=rand([4], 0.5, 1.5)), randn([6])),
    ]
    cases, samples = [], []
    seed = 900
    for mix, comp, value in specs:
        for dtype in [torch.float32, torch.float64]:
            m, c = cast(mix, dtype), cast(comp, dtype)
            d = D.MixtureSameFamily(build(m), build(c))
            v = value.to(dtype)
            case = {"mix": enc_spec(m), "comp": enc_spec(c), "value": enc(v), "batch_shape": list(d.batch_shape),
                    "log_prob": enc(d.log_prob(v)), "mean": enc(d.mean), "variance": enc(d.variance)}
            try:
                case["cdf"] = enc(d.cdf(v))
            except NotImplementedError:
                pass
            if dtype == torch.float64:
                m, c = cast(mix, dtype, True), cast(comp, dtype, True)
                ls = leaves(m, "mix.") + leaves(c, "comp.")
                lp = D.MixtureSameFamily(build(m), build(c)).log_prob(v).sum()
                gs = torch.autograd.grad(lp, [t for _, t in ls])
                case["grads"] = {n: enc(g) for (n, _), g in zip(ls, gs)}
            cases.append(case)
            # PyTorch 1.13 cannot sample a mixture whose categorical broadcasts over the batch (gather fails)
            for shape in ([[], [7]] if build(mix).batch_shape == d.batch_shape else []):
                seed += 1
                m, c = cast(mix, dtype), cast(comp, dtype)
                torch.manual_seed(seed)
                x = D.MixtureSameFamily(build(m), build(c)).sample(torch.Size(shape))
                samples.append({"mix": enc_spec(m), "comp": enc_spec(c), "seed": seed, "shape": shape, "out": enc(x)})
    return cases, samples


def main():
    torch.set_num_threads(1)
    torch.set_default_dtype(torch.float32)
    data = {"torch": torch.__version__, "cases": gen_cases(), "kl": gen_kl(), "samples": gen_samples(), "errors": gen_errors()}
    data["mixture"], data["mixture_samples"] = gen_mixture()
    with open(OUT, "w") as f:
        c = lambda v: json.dumps(v, separators=(",", ":"))
        f.write("{\"torch\":%s,\n" % c(data["torch"]))
        parts = []
        for key in ["cases", "kl", "samples", "errors", "mixture", "mixture_samples"]:
            parts.append("%s:[\n%s]" % (c(key), ",\n".join(c(x) for x in data[key])))
        f.write(",\n".join(parts) + "}\n")
    print("%s: %d cases, %d kl, %d samples, %d errors, %d bytes" % (OUT, len(data["cases"]), len(data["kl"]), len(data["samples"]),
                                                                    len(data["errors"]), os.path.getsize(OUT)))


if __name__ == "__main__":
    main()
