#!/usr/bin/python3
"""Writes api/src/test/resources/reference/distributions.json, the torch.distributions reference
values that org.torch4j.conformance.DistributionsTest checks.

Run with Debian's PyTorch 1.13:  /usr/bin/python3 tools/gen_distributions_reference.py
The output is deterministic (parameters come from a seeded generator of their own).

A distribution is written as {"dist": name, "args": {name: tensor}} (Independent:
{"dist": "Independent", "base": dist, "n": int}); a tensor as {"dtype", "shape", "data"}.
  "cases":   a distribution with a value and what PyTorch computes from them: log_prob, entropy,
             mean, mode, variance, stddev, cdf, icdf (at "q"), the mean after expand([5] + batch_shape);
             float64 cases add "grads":
             {"log_prob" | "entropy": {arg or "value": gradient of the sum}}.
  "kl":      {"p", "q", "kl", "grads": {"p.arg" | "q.arg": gradient of the sum}} for registered pairs.
  "samples": {"dist", "seed", "shape", "method": "sample" | "rsample", "out"}, drawn right after
             torch.manual_seed(seed); float64 rsamples add "grads": {arg: gradient of the draws' sum}.
  "errors":  {"dist", "error"} (construction), plus "method" and "value" for log_prob / cdf, and
             {"kl": [p, q], "error"} for pairs without a formula; messages are PyTorch's.
"""
import json
import os

import torch
import torch.distributions as D

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "api", "src", "test", "resources",
                   "reference", "distributions.json")

GEN = torch.Generator().manual_seed(1234)


def enc(t):
    t = t.detach().contiguous()
    name = str(t.dtype)[6:]
    data = t.reshape(-1).tolist()
    if t.dtype == torch.bool:
        data = [int(v) for v in data]
    return {"dtype": name, "shape": list(t.shape), "data": data}


def rand(shape, lo=0.0, hi=1.0):
    return torch.rand(shape, generator=GEN, dtype=torch.float64) * (hi - lo) + lo


def randn(shape):
    return torch.randn(shape, generator=GEN, dtype=torch.float64)


def build(spec):
    """The torch distribution of a spec whose args are tensors."""
    if spec["dist"] == "Independent":
        return D.Independent(build(spec["base"]), spec["n"])
    args = spec["targs"]
    cls = getattr(D, spec["dist"])
    if spec["dist"] == "Binomial":
        return cls(args["total_count"], **{k: v for k, v in args.items() if k != "total_count"})
    return cls(**args)


def spec(dist, **args):
    return {"dist": dist, "targs": args}


def enc_spec(s):
    if s["dist"] == "Independent":
        return {"dist": "Independent", "base": enc_spec(s["base"]), "n": s["n"]}
    return {"dist": s["dist"], "args": {k: enc(v) for k, v in s["targs"].items()}}


def cast(s, dtype, grad=False):
    if s["dist"] == "Independent":
        return {"dist": "Independent", "base": cast(s["base"], dtype, grad), "n": s["n"]}
    args = {}
    for k, v in s["targs"].items():
        v = v.to(dtype).detach()
        if grad and k != "total_count":
            v.requires_grad_()
        args[k] = v
    return {"dist": s["dist"], "targs": args}


def leaves(s, prefix=""):
    if s["dist"] == "Independent":
        return leaves(s["base"], prefix)
    return [(prefix + k, v) for k, v in s["targs"].items() if v.requires_grad]


def try_call(f):
    try:
        return f()
    except NotImplementedError:
        return None


# ---- distributions with values in their support ------------------------------------------------

def simplex(shape):
    w = rand(shape, 0.1, 1.0)
    return w / w.sum(-1, keepdim=True)


def continuous_cases():
    """(spec, value, icdf probabilities or None)"""
    b = [2, 3]
    return [
        (spec("Normal", loc=randn([3]), scale=rand([2, 1], 0.5, 2.0)), randn([4, 2, 3]), rand(b, 0.05, 0.95)),
        (spec("Normal", loc=randn([]), scale=rand([], 0.5, 2.0)), randn([5]), rand([5], 0.05, 0.95)),
        (spec("Uniform", low=randn([3]) - 2, high=rand([2, 1], 2.0, 3.0)), rand([4, 2, 3], -0.5, 1.5), rand(b, 0.05, 0.95)),
        (spec("Exponential", rate=rand([2, 3], 0.5, 3.0)), rand([4, 2, 3], 0.0, 3.0), rand(b, 0.05, 0.95)),
        (spec("Laplace", loc=randn([2, 1]), scale=rand([3], 0.5, 2.0)), randn([4, 2, 3]), rand(b, 0.05, 0.95)),
        (spec("Gamma", concentration=rand([3], 0.3, 4.0), rate=rand([2, 1], 0.5, 2.0)), rand([4, 2, 3], 0.1, 4.0), None),
        (spec("Beta", concentration1=rand([3], 0.5, 4.0), concentration0=rand([2, 1], 0.5, 4.0)), rand([4, 2, 3], 0.05, 0.95), None),
        (spec("Dirichlet", concentration=rand([2, 4], 0.5, 4.0)), simplex([3, 2, 4]), None),
        (spec("Dirichlet", concentration=torch.tensor([[0.5, 0.7, 0.3], [2.0, 0.5, 3.0]], dtype=torch.float64)), simplex([2, 3]), None),
        (spec("LogNormal", loc=randn([3]), scale=rand([2, 1], 0.5, 1.5)), rand([4, 2, 3], 0.1, 5.0), rand(b, 0.05, 0.95)),
    ]


def discrete_cases():
    return [
        (spec("Bernoulli", probs=rand([2, 3], 0.05, 0.95)), torch.bernoulli(rand([4, 2, 3]), generator=GEN)),
        (spec("Bernoulli", logits=randn([3]) * 2), torch.bernoulli(rand([2, 3]), generator=GEN)),
        (spec("Bernoulli", probs=torch.tensor([0.0, 1.0, 0.5], dtype=torch.float64)), torch.tensor([0.0, 1.0, 1.0], dtype=torch.float64)),
        (spec("Categorical", probs=rand([2, 4], 0.1, 1.0)), torch.randint(0, 4, (3, 2), generator=GEN).double()),
        (spec("Categorical", logits=randn([3, 5])), torch.randint(0, 5, (3,), generator=GEN).double()),
        (spec("OneHotCategorical", probs=rand([2, 4], 0.1, 1.0)),
         torch.nn.functional.one_hot(torch.randint(0, 4, (3, 2), generator=GEN), 4).double()),
        (spec("Poisson", rate=rand([2, 3], 0.5, 12.0)), torch.randint(0, 15, (4, 2, 3), generator=GEN).double()),
        (spec("Binomial", total_count=torch.tensor([[5.0], [10.0]], dtype=torch.float64), probs=rand([3], 0.1, 0.9)),
         torch.tensor([[0.0, 3.0, 5.0], [10.0, 4.0, 7.0]], dtype=torch.float64)),
        (spec("Binomial", total_count=torch.full([3], 8.0, dtype=torch.float64), logits=randn([3])),
         torch.tensor([0.0, 2.0, 8.0], dtype=torch.float64)),
    ]


def independent_case():
    base = spec("Normal", loc=randn([2, 3]), scale=rand([2, 3], 0.5, 2.0))
    return {"dist": "Independent", "base": base, "n": 1}, randn([4, 2, 3])


def record_case(s, value, q, dtype):
    d = build(s)
    v = value.to(dtype)
    if s["dist"] in ("Categorical",):
        v = value.to(dtype)
    case = {"dist": enc_spec(s), "value": enc(v)}
    case["batch_shape"] = list(d.batch_shape)
    case["event_shape"] = list(d.event_shape)
    case["log_prob"] = enc(d.log_prob(v))
    for name in ["entropy", "mean", "mode", "variance", "stddev"]:
        r = try_call(lambda: getattr(d, name)() if name == "entropy" else getattr(d, name))
        if r is not None:
            case[name] = enc(r)
    r = try_call(lambda: d.cdf(v))
    if r is not None:
        case["cdf"] = enc(r)
    if q is not None:
        r = try_call(lambda: d.icdf(q.to(dtype)))
        if r is not None:
            case["q"] = enc(q.to(dtype))
            case["icdf"] = enc(r)
    e = d.expand([5] + list(d.batch_shape))
    case["expand_mean"] = enc(e.mean) if try_call(lambda: e.mean) is not None else None
    if dtype == torch.float64:
        case["grads"] = grads(s, value)
    return case


def grads(s, value):
    g = cast(s, torch.float64, grad=True)
    d = build(g)
    out = {}
    continuous = not d.support.is_discrete
    v = value.clone().requires_grad_(continuous)
    ls = leaves(g)
    wrt = [t for _, t in ls] + ([v] if continuous else [])
    names = [n for n, _ in ls] + (["value"] if continuous else [])
    gs = torch.autograd.grad(d.log_prob(v).sum(), wrt, allow_unused=True, retain_graph=True)
    out["log_prob"] = {n: enc(x) for n, x in zip(names, gs) if x is not None}
    ent = try_call(lambda: d.entropy())
    if ent is not None and ent.requires_grad:
        gs = torch.autograd.grad(ent.sum(), [t for _, t in ls], allow_unused=True)
        out["entropy"] = {n: enc(x) for (n, _), x in zip(ls, gs) if x is not None}
    return out


def gen_cases():
    cases = []
    all_cases = [(s, v, q) for s, v, q in continuous_cases()] + [(s, v, None) for s, v in discrete_cases()]
    s, v = independent_case()
    all_cases.append((s, v, None))
    for s, v, q in all_cases:
        for dtype in [torch.float32, torch.float64]:
            cases.append(record_case(cast(s, dtype), v, q, dtype))
    return cases


# ---- KL ------------------------------------------------------------------------------------------

def kl_dists():
    """Distributions of batch shape [3] (or broadcasting to it) to pair up."""
    return {
        "Normal": [spec("Normal", loc=randn([3]), scale=rand([3], 0.5, 2.0)), spec("Normal", loc=randn([1]), scale=rand([3], 0.5, 2.0))],
        "Uniform": [spec("Uniform", low=rand([3], -1.0, 0.2), high=rand([3], 0.8, 2.0)),
                    spec("Uniform", low=rand([3], 0.1, 0.3), high=rand([3], 0.6, 0.9))],
        "Bernoulli": [spec("Bernoulli", probs=rand([3], 0.1, 0.9)), spec("Bernoulli", logits=randn([3]))],
        "Categorical": [spec("Categorical", probs=rand([3, 4], 0.1, 1.0)), spec("Categorical", logits=randn([3, 4]))],
        "OneHotCategorical": [spec("OneHotCategorical", probs=rand([3, 4], 0.1, 1.0)), spec("OneHotCategorical", logits=randn([3, 4]))],
        "Exponential": [spec("Exponential", rate=rand([3], 0.5, 2.0)), spec("Exponential", rate=rand([3], 0.5, 2.0))],
        "Laplace": [spec("Laplace", loc=randn([3]), scale=rand([3], 0.5, 2.0)), spec("Laplace", loc=randn([3]), scale=rand([3], 0.5, 2.0))],
        "Gamma": [spec("Gamma", concentration=rand([3], 0.5, 3.0), rate=rand([3], 0.5, 2.0)),
                  spec("Gamma", concentration=rand([3], 0.5, 3.0), rate=rand([3], 0.5, 2.0))],
        "Beta": [spec("Beta", concentration1=rand([3], 0.5, 3.0), concentration0=rand([3], 0.5, 3.0)),
                 spec("Beta", concentration1=rand([3], 0.5, 3.0), concentration0=rand([3], 0.5, 3.0))],
        "Dirichlet": [spec("Dirichlet", concentration=rand([3, 4], 0.5, 3.0)), spec("Dirichlet", concentration=rand([3, 4], 0.5, 3.0))],
        "Poisson": [spec("Poisson", rate=rand([3], 0.5, 5.0)), spec("Poisson", rate=rand([3], 0.5, 5.0))],
        "Binomial": [spec("Binomial", total_count=torch.tensor([6.0, 6.0, 9.0], dtype=torch.float64), probs=rand([3], 0.1, 0.9)),
                     spec("Binomial", total_count=torch.tensor([6.0, 4.0, 9.0], dtype=torch.float64), probs=rand([3], 0.1, 0.9))],
        "LogNormal": [spec("LogNormal", loc=randn([3]), scale=rand([3], 0.5, 2.0)), spec("LogNormal", loc=randn([3]), scale=rand([3], 0.5, 2.0))],
    }


def gen_kl():
    ds = kl_dists()
    out, errors = [], []
    names = list(ds)
    for pn in names:
        for qn in names:
            for i, (ps, qs) in enumerate([(ds[pn][0], ds[qn][1]), (ds[pn][1], ds[qn][0])]):
                try:
                    kl = D.kl_divergence(build(ps), build(qs))
                except NotImplementedError as e:
                    if i == 0:
                        errors.append({"kl": [enc_spec(ps), enc_spec(qs)], "error": str(e)})
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
    # probabilities of exactly 0 and 1: infinite and zero terms
    edge = [(spec("Bernoulli", probs=torch.tensor([0.0, 1.0, 0.3, 0.0], dtype=torch.float64)),
             spec("Bernoulli", probs=torch.tensor([0.4, 0.0, 1.0, 0.0], dtype=torch.float64))),
            (spec("Categorical", probs=torch.tensor([[0.0, 0.5, 0.5], [0.2, 0.8, 0.0]], dtype=torch.float64)),
             spec("Categorical", probs=torch.tensor([[0.3, 0.0, 0.7], [0.5, 0.5, 0.0]], dtype=torch.float64)))]
    for ps, qs in edge:
        for dtype in [torch.float32, torch.float64]:
            p, q = cast(ps, dtype), cast(qs, dtype)
            out.append({"p": enc_spec(p), "q": enc_spec(q), "kl": enc(D.kl_divergence(build(p), build(q)))})
    ps, qs = ds["Binomial"][1], ds["Binomial"][0]
    try:
        D.kl_divergence(build(ps), build(qs))
        raise AssertionError("no error")
    except NotImplementedError as e:
        errors.append({"kl": [enc_spec(ps), enc_spec(qs)], "error": str(e)})
    # Independent over Normal, reinterpreting the batch dim
    a, b = ds["Normal"]
    for dtype in [torch.float32, torch.float64]:
        p = {"dist": "Independent", "base": cast(a, dtype), "n": 1}
        q = {"dist": "Independent", "base": cast(b, dtype), "n": 1}
        out.append({"p": enc_spec(p), "q": enc_spec(q), "kl": enc(D.kl_divergence(build(p), build(q)))})
    return out, errors


# ---- samples -------------------------------------------------------------------------------------

def gen_samples():
    out = []
    specs = [
        (spec("Normal", loc=randn([3]), scale=rand([2, 1], 0.5, 2.0)), ["sample", "rsample"], [[], [5], [17, 2]]),
        (spec("Uniform", low=randn([3]) - 2, high=rand([3], 2.0, 3.0)), ["sample", "rsample"], [[], [6]]),
        (spec("Exponential", rate=rand([2, 3], 0.5, 3.0)), ["sample", "rsample"], [[], [7]]),
        (spec("Laplace", loc=randn([3]), scale=rand([3], 0.5, 2.0)), ["sample", "rsample"], [[], [9]]),
        (spec("LogNormal", loc=randn([3]), scale=rand([3], 0.5, 1.5)), ["sample", "rsample"], [[4]]),
        (spec("Bernoulli", probs=rand([2, 3], 0.05, 0.95)), ["sample"], [[], [10]]),
        (spec("Categorical", probs=rand([2, 4], 0.1, 1.0)), ["sample"], [[], [10], [3, 2]]),
        (spec("OneHotCategorical", logits=randn([3, 4])), ["sample"], [[5]]),
        (spec("Gamma", concentration=torch.tensor([0.3, 1.0, 2.5, 9.0, 40.0], dtype=torch.float64), rate=rand([5], 0.5, 2.0)),
         ["sample", "rsample"], [[], [50]]),
        (spec("Beta", concentration1=torch.tensor([0.4, 2.0, 5.0], dtype=torch.float64), concentration0=torch.tensor([0.7, 3.0, 1.5], dtype=torch.float64)), ["sample", "rsample"], [[20]]),
        (spec("Dirichlet", concentration=torch.tensor([[0.5, 1.0, 3.0], [2.0, 2.0, 0.2]], dtype=torch.float64)), ["sample", "rsample"], [[10]]),
        (spec("Poisson", rate=torch.tensor([0.0, 0.5, 4.0, 9.9, 10.0, 35.0, 400.0], dtype=torch.float64)), ["sample"], [[], [30]]),
        (spec("Binomial", total_count=torch.tensor([0.0, 5.0, 20.0, 100.0, 1000.0], dtype=torch.float64),
              probs=torch.tensor([0.3, 0.5, 0.2, 0.7, 0.45], dtype=torch.float64)), ["sample"], [[], [30]]),
    ]
    seed = 0
    for s, methods, shapes in specs:
        for dtype in [torch.float32, torch.float64]:
            for method in methods:
                for shape in shapes:
                    seed += 1
                    c = cast(s, dtype)
                    d = build(c)
                    torch.manual_seed(seed)
                    x = getattr(d, method)(torch.Size(shape))
                    case = {"dist": enc_spec(c), "seed": seed, "shape": shape, "method": method, "out": enc(x)}
                    if method == "rsample" and dtype == torch.float64 and s["dist"] not in ("Beta", "Dirichlet"):
                        # gradients of the draws' sum (the same draws: the same seed); torch4j's Beta and
                        # Dirichlet gradients come from another (unbiased) estimator than _dirichlet_grad
                        c = cast(s, dtype, grad=True)
                        torch.manual_seed(seed)
                        y = build(c).rsample(torch.Size(shape))
                        ls = leaves(c)
                        gs = torch.autograd.grad(y.sum(), [t for _, t in ls])
                        case["grads"] = {n: enc(g) for (n, _), g in zip(ls, gs)}
                    out.append(case)
    return out


# ---- errors --------------------------------------------------------------------------------------

def gen_errors():
    t = lambda *v: torch.tensor(v, dtype=torch.float32)
    bad = [
        spec("Normal", loc=t(0.0, 1.0), scale=t(1.0, -1.0)),
        spec("Normal", loc=t(float("nan")), scale=t(1.0)),
        spec("Normal", loc=torch.tensor(0.0), scale=torch.tensor(0.0)),
        spec("Uniform", low=t(0.0, 2.0), high=t(1.0, 1.0)),
        spec("Bernoulli", probs=t(0.5, 1.5)),
        spec("Categorical", probs=torch.tensor([[0.5, -0.1, 0.6]])),
        spec("Exponential", rate=t(-1.0)),
        spec("Laplace", loc=t(0.0), scale=t(0.0)),
        spec("Gamma", concentration=t(1.0, -2.0), rate=t(1.0, 1.0)),
        spec("Beta", concentration1=t(1.0), concentration0=t(-1.0)),
        spec("Dirichlet", concentration=t(1.0, 0.0, 2.0)),
        spec("Poisson", rate=t(-0.5, 1.0)),
        spec("Binomial", total_count=t(2.5), probs=t(0.5)),
        spec("LogNormal", loc=t(0.0), scale=t(-1.0)),
    ]
    out = []
    for s in bad:
        try:
            build(s)
            raise AssertionError("no error for %s" % s)
        except ValueError as e:
            out.append({"dist": enc_spec(s), "error": str(e)})
    for s in [spec("Normal", loc=torch.zeros(3), scale=torch.ones(2)), spec("Gamma", concentration=torch.ones(2, 3), rate=torch.ones(4, 1, 2))]:
        try:
            build(s)
            raise AssertionError("no error for %s" % s)
        except RuntimeError as e:  # from torch.broadcast_tensors
            out.append({"dist": enc_spec(s), "error": str(e)})
    for s, msg in [({"dist": "Bernoulli", "targs": {}}, None), ({"dist": "Dirichlet", "targs": {"concentration": torch.tensor(1.0)}}, None),
                   ({"dist": "Categorical", "targs": {"probs": torch.tensor(1.0)}}, None)]:
        try:
            build(s)
        except ValueError as e:
            out.append({"dist": enc_spec(s), "error": str(e)})
    values = [
        (spec("Exponential", rate=t(1.0, 2.0)), t(1.0, -1.0), "log_prob"),
        (spec("Normal", loc=t(0.0, 1.0), scale=t(1.0, 1.0)), t(1.0, 2.0, 3.0), "log_prob"),
        (spec("Uniform", low=t(0.0, 0.0), high=t(1.0, 1.0)), t(0.5, 1.5), "log_prob"),
        (spec("Uniform", low=t(0.0, 0.0), high=t(1.0, 1.0)), t(0.5, -1.5), "cdf"),
        (spec("Bernoulli", probs=t(0.5, 0.5)), t(0.0, 0.5), "log_prob"),
        (spec("Categorical", probs=torch.tensor([0.2, 0.3, 0.5])), t(3.0), "log_prob"),
        (spec("Gamma", concentration=t(1.0), rate=t(1.0)), t(-1.0), "log_prob"),
        (spec("Beta", concentration1=t(1.0), concentration0=t(2.0)), t(1.5), "log_prob"),
        (spec("Dirichlet", concentration=t(1.0, 2.0)), t(0.3, 0.3), "log_prob"),
        (spec("Dirichlet", concentration=t(1.0, 2.0)), t(0.3, 0.3, 0.4), "log_prob"),
        (spec("Poisson", rate=t(1.0)), t(1.5), "log_prob"),
        (spec("Binomial", total_count=t(3.0), probs=t(0.5)), t(4.0), "log_prob"),
        (spec("OneHotCategorical", probs=t(0.5, 0.5)), t(1.0, 1.0), "log_prob"),
        (spec("LogNormal", loc=t(0.0), scale=t(1.0)), t(-1.0), "log_prob"),
    ]
    for s, v, method in values:
        d = build(s)
        try:
            getattr(d, method)(v)
            raise AssertionError("no error for %s" % s)
        except ValueError as e:
            out.append({"dist": enc_spec(s), "method": method, "value": enc(v), "error": str(e)})
    return out


def main():
    torch.set_num_threads(1)
    torch.set_default_dtype(torch.float32)
    cases = gen_cases()
    kl, kl_errors = gen_kl()
    data = {"torch": torch.__version__, "cases": cases, "kl": kl, "samples": gen_samples(),
            "errors": gen_errors() + kl_errors}
    with open(OUT, "w") as f:
        c = lambda v: json.dumps(v, separators=(",", ":"))
        f.write("{\"torch\":%s,\n" % c(data["torch"]))
        parts = []
        for key in ["cases", "kl", "samples", "errors"]:
            parts.append("%s:[\n%s]" % (c(key), ",\n".join(c(x) for x in data[key])))
        f.write(",\n".join(parts) + "}\n")
    print("%s: %d cases, %d kl, %d samples, %d errors, %d bytes" % (OUT, len(cases), len(kl), len(data["samples"]),
                                                                    len(data["errors"]), os.path.getsize(OUT)))


if __name__ == "__main__":
    main()
