#!/usr/bin/python3
"""Writes api/src/test/resources/reference/distributions_extra.json, the torch.distributions reference values that
org.torch4j.conformance.ExtraDistributionsTest checks: Kumaraswamy, VonMises, LKJCholesky, LowRankMultivariateNormal
and Wishart (in the layout of gen_distributions_reference.py, whose helpers this script reuses: "cases", "kl",
"samples", "errors"; LKJCholesky's dim is written as a 0-dim tensor arg "dim", MultivariateNormal's matrix under its
PyTorch name), and the transforms, in sections of their own:
  "transforms":  {"name", "params": {name: tensor}, "x", "y" (forward), "x_back" (inverse of y), "ladj" (absent where
                  PyTorch has none), "domain", "codomain" (reprs), "domain_event_dim", "codomain_event_dim", "repr", "bijective",
                  "forward_shape", "inverse_shape" (of x's and y's shapes), float64 "grads": {"forward" | "ladj":
                  gradient of the sum of forward(x) or of log_abs_det_jacobian(x, forward(x)) in x}}.
  "transformed": {"base": spec, "transforms": [name], "value", "batch_shape", "event_shape", "support", "log_prob"}.
  "registry":    {"constraint": name, "biject_to" | "transform_to": {"repr", "x", "y", "ladj"} or {"error"}}.
  "transform_errors": {"name", "params", "method", "x", "error"}.
  "wishart_bartlett": one Bartlett draw of Wishart (PyTorch's private _bartlett_sampling) right after
                 torch.manual_seed(seed): {"dist", "seed", "shape", "out"}, float64 "grads": {arg: gradient of the
                 draw's sum}. (Wishart.rsample redraws after it; its redraw check has the sense inverted in 1.13.)

Run with Debian's PyTorch 1.13:  /usr/bin/python3 tools/gen_extra_distributions_reference.py
The output is deterministic (parameters come from a seeded generator of their own).
"""
import json
import os
import sys

import torch
import torch.distributions as D
from torch.distributions import constraints as C
from torch.distributions import transforms as T

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import gen_distributions_reference as base  # noqa: E402
from gen_distributions_reference import cast, enc, enc_spec, leaves, record_case, spec  # noqa: E402

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "api", "src", "test", "resources",
                   "reference", "distributions_extra.json")

GEN = torch.Generator().manual_seed(2468)
base.GEN = GEN


def build(s):
    """base.build, with LKJCholesky's dim made the int PyTorch requires."""
    if s["dist"] == "LKJCholesky":
        args = dict(s["targs"])
        return D.LKJCholesky(int(args.pop("dim").item()), **args)
    return base_build(s)


base_build = base.build
base.build = build


def rand(shape, lo=0.0, hi=1.0):
    return torch.rand(shape, generator=GEN, dtype=torch.float64) * (hi - lo) + lo


def randn(shape):
    return torch.randn(shape, generator=GEN, dtype=torch.float64)


def spd(batch, n):
    a = randn(batch + [n, n])
    return a @ a.mT + n * torch.eye(n, dtype=torch.float64)


def dim(n):
    return torch.tensor(float(n), dtype=torch.float64)


def corr_cholesky(batch, n):
    return T.CorrCholeskyTransform()(randn(batch + [n * (n - 1) // 2]))


# ---- distributions -----------------------------------------------------------------------------

def cases():
    """(spec, value, icdf probabilities or None)"""
    w = randn([2, 4, 2])
    return [
        (spec("Kumaraswamy", concentration1=rand([3], 0.5, 3.0), concentration0=rand([2, 1], 0.5, 3.0)), rand([4, 2, 3], 0.05, 0.95),
         rand([2, 3], 0.05, 0.95)),
        (spec("Kumaraswamy", concentration1=rand([], 0.5, 3.0), concentration0=rand([], 0.5, 3.0)), rand([5], 0.05, 0.95), rand([5], 0.05, 0.95)),
        # concentrations on both sides of 3.75, where the Bessel approximations switch
        (spec("VonMises", loc=randn([3]), concentration=torch.tensor([[0.3, 2.0, 3.7], [3.8, 6.0, 40.0]], dtype=torch.float64)),
         randn([4, 2, 3]) * 3, None),
        (spec("LKJCholesky", dim=dim(3), concentration=rand([2], 0.5, 3.0)), corr_cholesky([4, 2], 3), None),
        (spec("LKJCholesky", dim=dim(2), concentration=rand([], 0.5, 3.0)), corr_cholesky([3], 2), None),
        (spec("LKJCholesky", dim=dim(4), concentration=torch.tensor(1.0, dtype=torch.float64)), corr_cholesky([2], 4), None),
        (spec("LowRankMultivariateNormal", loc=randn([3]), cov_factor=randn([3, 2]), cov_diag=rand([3], 0.5, 2.0)), randn([4, 3]), None),
        (spec("LowRankMultivariateNormal", loc=randn([2, 1, 4]), cov_factor=w, cov_diag=rand([4], 0.5, 2.0)), randn([3, 2, 2, 4]), None),
        (spec("LowRankMultivariateNormal", loc=randn([5]), cov_factor=randn([3, 5, 1]), cov_diag=rand([3, 5], 0.5, 2.0)), randn([5]), None),
        (spec("Wishart", df=rand([2], 3.0, 6.0), scale_tril=torch.linalg.cholesky(spd([2], 3))), spd([4, 2], 3), None),
        (spec("Wishart", df=torch.tensor(4.5, dtype=torch.float64), covariance_matrix=spd([], 2)), spd([3], 2), None),
        (spec("Wishart", df=rand([3, 1], 2.5, 5.0), precision_matrix=torch.linalg.inv(spd([2], 2))), spd([3, 2], 2), None),
    ]


def gen_cases():
    out = []
    for s, v, q in cases():
        for dtype in [torch.float32, torch.float64]:
            out.append(record_case(cast(s, dtype), v, q, dtype))
    return out


def lowrank(batch, n, m):
    return spec("LowRankMultivariateNormal", loc=randn(batch + [n]), cov_factor=randn(batch + [n, m]), cov_diag=rand(batch + [n], 0.5, 2.0))


def mvn(batch, n):
    return spec("MultivariateNormal", loc=randn(batch + [n]), scale_tril=torch.linalg.cholesky(spd(batch, n)))


def gen_kl():
    pairs = [
        (lowrank([], 3, 2), lowrank([], 3, 1)),
        (lowrank([2], 3, 2), lowrank([], 3, 2)),
        (mvn([], 3), lowrank([2], 3, 2)),
        (mvn([2], 4), lowrank([], 4, 1)),
        (lowrank([], 3, 2), mvn([2], 3)),
        (lowrank([2], 2, 1), mvn([], 2)),
        # PyTorch's Bregman divergence of the exponential family; unbatched only, as 1.13 sums its df term over the
        # last two batch dims (_sum_rightmost over the event dims, applied to a batch-shaped term)
        (spec("Wishart", df=torch.tensor(4.5, dtype=torch.float64), scale_tril=torch.linalg.cholesky(spd([], 3))),
         spec("Wishart", df=torch.tensor(3.5, dtype=torch.float64), covariance_matrix=spd([], 3))),
        (spec("Wishart", df=torch.tensor(2.5, dtype=torch.float64), precision_matrix=torch.linalg.inv(spd([], 2))),
         spec("Wishart", df=torch.tensor(6.0, dtype=torch.float64), scale_tril=torch.linalg.cholesky(spd([], 2)))),
    ]
    out = []
    for ps, qs in pairs:
        for dtype in [torch.float32, torch.float64]:
            p, q = cast(ps, dtype), cast(qs, dtype)
            case = {"p": enc_spec(p), "q": enc_spec(q), "kl": enc(D.kl_divergence(build(p), build(q)))}
            if dtype == torch.float64:
                p, q = cast(ps, dtype, True), cast(qs, dtype, True)
                k = D.kl_divergence(build(p), build(q))
                ls = leaves(p, "p.") + leaves(q, "q.")
                # (the Bregman divergence detaches p's natural parameters: PyTorch has gradients in q's only)
                gs = torch.autograd.grad(k.sum(), [t for _, t in ls], allow_unused=True)
                case["grads"] = {n: enc(g) for (n, _), g in zip(ls, gs) if g is not None}
            out.append(case)
    return out


def gen_samples():
    specs = [
        (spec("Kumaraswamy", concentration1=rand([3], 0.5, 3.0), concentration0=rand([3], 0.5, 3.0)), ["sample", "rsample"], [[], [6]]),
        (spec("VonMises", loc=randn([4]), concentration=torch.tensor([0.05, 1.0, 4.0, 50.0], dtype=torch.float64)), ["sample"], [[], [25]]),
        (spec("LKJCholesky", dim=dim(3), concentration=torch.tensor([0.5, 2.0], dtype=torch.float64)), ["sample"], [[], [4]]),
        (spec("LKJCholesky", dim=dim(5), concentration=torch.tensor(1.5, dtype=torch.float64)), ["sample"], [[3]]),
        (lowrank([2], 3, 2), ["sample", "rsample"], [[], [5]]),
        (spec("LowRankMultivariateNormal", loc=randn([4]), cov_factor=randn([2, 4, 1]), cov_diag=rand([4], 0.5, 2.0)), ["rsample"], [[3]]),
    ]
    out = []
    seed = 300
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
    eye = torch.eye(2)
    bad = [
        spec("Kumaraswamy", concentration1=t(1.0, -1.0), concentration0=t(1.0, 1.0)),
        spec("Kumaraswamy", concentration1=t(1.0), concentration0=t(0.0)),
        spec("VonMises", loc=t(0.0), concentration=t(-1.0)),
        spec("VonMises", loc=t(float("nan")), concentration=t(1.0)),
        spec("LKJCholesky", dim=torch.tensor(3.0), concentration=t(0.0)),
        spec("LKJCholesky", dim=torch.tensor(1.0), concentration=t(1.0)),
        spec("LowRankMultivariateNormal", loc=t(0.0, 0.0), cov_factor=torch.ones(2, 1), cov_diag=t(1.0, -5.0)),
        spec("LowRankMultivariateNormal", loc=torch.tensor(0.0), cov_factor=torch.ones(2, 1), cov_diag=t(1.0, 1.0)),
        spec("LowRankMultivariateNormal", loc=t(0.0, 0.0), cov_factor=t(1.0, 1.0), cov_diag=t(1.0, 1.0)),
        spec("LowRankMultivariateNormal", loc=t(0.0, 0.0), cov_factor=torch.ones(3, 1), cov_diag=t(1.0, 1.0)),
        spec("LowRankMultivariateNormal", loc=t(0.0, 0.0), cov_factor=torch.ones(2, 1), cov_diag=t(1.0, 1.0, 1.0)),
        spec("LowRankMultivariateNormal", loc=torch.zeros(3, 2), cov_factor=torch.ones(2, 2, 1), cov_diag=t(1.0, 1.0)),
        spec("Wishart", df=t(1.0), covariance_matrix=eye),
        spec("Wishart", df=torch.tensor([3.0, 0.5]), scale_tril=eye),
        spec("Wishart", df=torch.tensor(3.0), scale_tril=torch.tensor([[1.0, 0.5], [0.0, 1.0]])),
        spec("Wishart", df=torch.tensor(3.0), covariance_matrix=torch.tensor([[1.0, 2.0], [2.0, 1.0]])),
        spec("Wishart", df=torch.tensor(3.0), covariance_matrix=t(1.0, 1.0)),
    ]
    out = []
    for s in bad:
        try:
            build(s)
            raise AssertionError("no error for %s" % s)
        except ValueError as e:
            out.append({"dist": enc_spec(s), "error": str(e)})
    values = [
        (spec("Kumaraswamy", concentration1=t(1.0, 2.0), concentration0=t(1.0, 1.0)), t(0.5, 1.5), "log_prob"),
        (spec("VonMises", loc=t(0.0, 1.0), concentration=t(1.0, 1.0)), t(1.0, 2.0, 3.0), "log_prob"),
        (spec("LKJCholesky", dim=torch.tensor(2.0), concentration=t(1.0)), torch.tensor([[1.0, 0.0], [0.6, 0.6]]), "log_prob"),
        (spec("LKJCholesky", dim=torch.tensor(2.0), concentration=t(1.0)), torch.tensor([[1.0, 0.0, 0.0], [0.0, 1.0, 0.0]]), "log_prob"),
        (spec("LowRankMultivariateNormal", loc=t(0.0, 0.0), cov_factor=torch.ones(2, 1), cov_diag=t(1.0, 1.0)), t(1.0, 2.0, 3.0), "log_prob"),
        (spec("Wishart", df=torch.tensor(3.0), covariance_matrix=eye), torch.tensor([[1.0, 2.0], [2.0, 1.0]]), "log_prob"),
    ]
    for s, v, method in values:
        d = build(s)
        try:
            getattr(d, method)(v)
            raise AssertionError("no error for %s %s" % (s, method))
        except ValueError as e:
            out.append({"dist": enc_spec(s), "method": method, "value": enc(v), "error": str(e)})
    for ps, qs in [(spec("VonMises", loc=t(0.0), concentration=t(1.0)), spec("VonMises", loc=t(1.0), concentration=t(2.0))),
                   (spec("Kumaraswamy", concentration1=t(1.0), concentration0=t(2.0)), spec("Beta", concentration1=t(1.0), concentration0=t(2.0)))]:
        try:
            D.kl_divergence(build(ps), build(qs))
            raise AssertionError("no error")
        except NotImplementedError as e:
            out.append({"kl": [enc_spec(ps), enc_spec(qs)], "error": str(e)})
    return out


# ---- transforms --------------------------------------------------------------------------------

def transform(name, params):
    """The transform of a name and float tensor parameters (the Java test builds the same)."""
    p = params
    return {
        "Tanh": lambda: T.TanhTransform(),
        "Softplus": lambda: T.SoftplusTransform(),
        "Softmax": lambda: T.SoftmaxTransform(),
        "StickBreaking": lambda: T.StickBreakingTransform(),
        "LowerCholesky": lambda: T.LowerCholeskyTransform(),
        "CorrCholesky": lambda: T.CorrCholeskyTransform(),
        "Exp": lambda: T.ExpTransform(),
        "Sigmoid": lambda: T.SigmoidTransform(),
        "Affine": lambda: T.AffineTransform(p["loc"], p["scale"]),
        "ComposeExpAffine": lambda: T.ComposeTransform([T.ExpTransform(), T.AffineTransform(p["loc"], p["scale"])]),
        "ComposeAffineStickBreaking": lambda: T.ComposeTransform([T.AffineTransform(p["loc"], p["scale"]), T.StickBreakingTransform()]),
        "ComposeStickBreakingExp": lambda: T.ComposeTransform([T.StickBreakingTransform(), T.ExpTransform()]),
        "ComposeEmpty": lambda: T.ComposeTransform([]),
        "InverseCompose": lambda: T.ComposeTransform([T.ExpTransform(), T.AffineTransform(p["loc"], p["scale"])]).inv,
        "IndependentTanh2": lambda: T.IndependentTransform(T.TanhTransform(), 2),
        "IndependentStickBreaking1": lambda: T.IndependentTransform(T.StickBreakingTransform(), 1),
        "Reshape": lambda: T.ReshapeTransform(torch.Size([6]), torch.Size([2, 3])),
        "CatExpTanh": lambda: T.CatTransform([T.ExpTransform(), T.TanhTransform()], dim=1, lengths=[2, 3]),
        "CatIndependentLast": lambda: T.CatTransform([T.IndependentTransform(T.ExpTransform(), 1), T.SigmoidTransform()], dim=-1,
                                                     lengths=[2, 3]),
        "StackExpSigmoid": lambda: T.StackTransform([T.ExpTransform(), T.SigmoidTransform(), T.TanhTransform()], dim=1),
        "CdfNormal": lambda: T.CumulativeDistributionTransform(D.Normal(p["loc"], p["scale"])),
    }[name]()


def transform_specs():
    """(name, params, x)"""
    return [
        ("Tanh", {}, randn([2, 3]) * 2),
        ("Softplus", {}, randn([2, 3]) * 3),
        ("Softplus", {}, torch.tensor([-30.0, -1.0, 0.0, 19.0, 25.0], dtype=torch.float64)),
        ("Softmax", {}, randn([2, 4])),
        ("StickBreaking", {}, randn([2, 3])),
        ("StickBreaking", {}, randn([1])),
        ("LowerCholesky", {}, randn([2, 3, 3])),
        ("CorrCholesky", {}, randn([2, 3])),
        ("CorrCholesky", {}, randn([6])),
        ("Exp", {}, randn([3])),
        ("Sigmoid", {}, randn([3])),
        ("Affine", {"loc": randn([3]), "scale": randn([3])}, randn([2, 3])),
        ("ComposeExpAffine", {"loc": randn([3]), "scale": rand([3], 0.5, 2.0)}, randn([2, 3])),
        ("ComposeAffineStickBreaking", {"loc": randn([3]), "scale": rand([3], 0.5, 2.0)}, randn([2, 3])),
        ("ComposeStickBreakingExp", {}, randn([2, 3])),
        ("ComposeEmpty", {}, randn([2, 3])),
        ("InverseCompose", {"loc": randn([3]), "scale": rand([3], 0.5, 2.0)}, randn([2, 3]) + 4),
        ("IndependentTanh2", {}, randn([4, 2, 3])),
        ("IndependentStickBreaking1", {}, randn([4, 2, 3])),
        ("Reshape", {}, randn([4, 6])),
        ("CatExpTanh", {}, randn([2, 5])),
        ("CatIndependentLast", {}, randn([2, 5])),
        ("StackExpSigmoid", {}, randn([2, 3, 4])),
        ("CdfNormal", {"loc": randn([3]), "scale": rand([3], 0.5, 2.0)}, randn([2, 3])),
    ]


def shape_or_error(f, shape):
    try:
        return list(f(torch.Size(shape)))
    except ValueError as e:
        return str(e)


def gen_transforms():
    out = []
    for name, params, x in transform_specs():
        for dtype in [torch.float32, torch.float64]:
            ps = {k: v.to(dtype) for k, v in params.items()}
            t = transform(name, ps)
            xd = x.to(dtype)
            y = t(xd)
            case = {"name": name, "params": {k: enc(v) for k, v in ps.items()}, "x": enc(xd), "y": enc(y), "x_back": enc(t.inv(y)),
                    "domain": repr(t.domain), "codomain": repr(t.codomain), "domain_event_dim": t.domain.event_dim,
                    "codomain_event_dim": t.codomain.event_dim, "repr": repr(t), "bijective": bool(t.bijective),
                    "forward_shape": shape_or_error(t.forward_shape, xd.shape), "inverse_shape": shape_or_error(t.inverse_shape, y.shape)}
            try:
                case["ladj"] = enc(t.log_abs_det_jacobian(xd, y))
            except NotImplementedError:
                pass
            try:
                case["sign"] = float(t.sign) if not isinstance(t.sign, torch.Tensor) or t.sign.dim() == 0 else enc(t.sign)
            except NotImplementedError:
                pass
            if dtype == torch.float64:
                xg = xd.clone().requires_grad_()
                g = {"forward": enc(torch.autograd.grad(t(xg).sum(), xg)[0])}
                xg = xd.clone().requires_grad_()
                if "ladj" in case and t.log_abs_det_jacobian(xg, t(xg)).requires_grad:
                    g["ladj"] = enc(torch.autograd.grad(t.log_abs_det_jacobian(xg, t(xg)).sum(), xg)[0])
                case["grads"] = g
            out.append(case)
    return out


def gen_transformed():
    specs = [
        (spec("Normal", loc=randn([3]), scale=rand([3], 0.5, 2.0)), ["StickBreaking"], {}, T.StickBreakingTransform()(randn([2, 3]))),
        (spec("Normal", loc=randn([2, 3]), scale=rand([2, 3], 0.5, 2.0)), ["CorrCholesky"], {}, corr_cholesky([4, 2], 3)),
        (spec("Normal", loc=randn([4, 2]), scale=rand([2], 0.5, 2.0)), ["Affine", "StickBreaking", "Exp"], {"loc": randn([2]), "scale": rand([2], 0.5, 2.0)},
         T.StickBreakingTransform()(randn([3, 4, 2])).exp()),
        (spec("Normal", loc=randn([4, 6]), scale=rand([6], 0.5, 2.0)), ["Reshape"], {}, randn([4, 2, 3])),
        (spec("Normal", loc=randn([2]), scale=rand([2], 0.5, 2.0)), ["Tanh"], {}, torch.tanh(randn([3, 2]))),
        # parameters of the transforms with more dims than the base widen the batch (AffineTransform.forward_shape)
        (spec("Normal", loc=randn([]), scale=rand([], 0.5, 2.0)), ["Affine", "Exp"], {"loc": randn([3]), "scale": rand([2, 1], 0.5, 2.0)},
         rand([4, 2, 3], 0.1, 3.0)),
    ]
    out = []
    for s, names, params, value in specs:
        for dtype in [torch.float32, torch.float64]:
            c = cast(s, dtype)
            ps = {k: v.to(dtype) for k, v in params.items()}
            d = D.TransformedDistribution(build(c), [transform(n, ps) for n in names])
            v = value.to(dtype)
            out.append({"base": enc_spec(c), "transforms": names, "params": {k: enc(x) for k, x in ps.items()}, "value": enc(v),
                        "batch_shape": list(d.batch_shape), "event_shape": list(d.event_shape), "support": repr(d.support),
                        "log_prob": enc(d.log_prob(v))})
    return out


CONSTRAINTS = {
    "real": (C.real, [3]), "positive": (C.positive, [3]), "nonnegative": (C.nonnegative, [3]), "greater_than": (C.greater_than(2.0), [3]),
    "greater_than_eq": (C.greater_than_eq(-1.5), [3]), "less_than": (C.less_than(1.0), [3]), "unit_interval": (C.unit_interval, [3]),
    "interval": (C.interval(-1.0, 3.0), [3]), "half_open_interval": (C.half_open_interval(0.0, 1.0), [3]), "simplex": (C.simplex, [2, 3]),
    "real_vector": (C.real_vector, [2, 3]), "independent_positive": (C.independent(C.positive, 1), [2, 3]),
    "corr_cholesky": (C.corr_cholesky, [2, 3]), "lower_cholesky": (C.lower_cholesky, [2, 2, 2]), "boolean": (C.boolean, [3]),
    "positive_definite": (C.positive_definite, [2, 2]), "cat": (C.cat([C.real, C.positive], 1, [1, 2]), [2, 3]),
    "stack": (C.stack([C.positive, C.unit_interval], 0), [2, 3]),
}


def gen_registry():
    out = []
    for name, (c, shape) in CONSTRAINTS.items():
        x = randn(shape)
        case = {"constraint": name, "repr": repr(c), "event_dim": c.event_dim}
        for reg_name, reg in [("biject_to", D.biject_to), ("transform_to", D.transform_to)]:
            try:
                t = reg(c)
            except NotImplementedError as e:
                case[reg_name] = {"error": str(e)}
                continue
            y = t(x)
            r = {"repr": repr(t), "x": enc(x), "y": enc(y), "check": enc(c.check(y))}
            try:
                r["ladj"] = enc(t.log_abs_det_jacobian(x, y))
            except NotImplementedError:
                pass
            case[reg_name] = r
        out.append(case)
    return out


def gen_transform_errors():
    out = []
    for name, method, x in [("CorrCholesky", "forward", torch.zeros(2)), ("CorrCholesky", "forward_shape", torch.zeros(2)),
                            ("CorrCholesky", "inverse_shape", torch.zeros(2, 3)), ("CorrCholesky", "inverse_shape", torch.zeros(3)),
                            ("StickBreaking", "forward_shape", torch.zeros([])), ("Reshape", "forward_shape", torch.zeros(2, 5)),
                            ("Reshape", "forward_shape", torch.zeros([])), ("Reshape", "inverse_shape", torch.zeros(3, 2)),
                            ("IndependentTanh2", "forward", torch.zeros(3))]:
        t = transform(name, {})
        try:
            if method == "forward":
                t(x)
            else:
                getattr(t, method)(x.shape)
            raise AssertionError("no error for %s %s" % (name, method))
        except ValueError as e:
            out.append({"name": name, "method": method, "x": enc(x), "error": str(e)})
    try:
        T.ReshapeTransform(torch.Size([2, 3]), torch.Size([5]))
    except ValueError as e:
        out.append({"name": "Reshape65", "method": "construct", "error": str(e)})
    return out


def gen_wishart_bartlett():
    specs = [
        (spec("Wishart", df=torch.tensor([3.5, 6.0], dtype=torch.float64), scale_tril=torch.linalg.cholesky(spd([2], 3))), [[], [4]]),
        (spec("Wishart", df=torch.tensor(2.5, dtype=torch.float64), covariance_matrix=spd([], 2)), [[5]]),
    ]
    out = []
    seed = 700
    for s, shapes in specs:
        for dtype in [torch.float32, torch.float64]:
            for shape in shapes:
                seed += 1
                c = cast(s, dtype)
                torch.manual_seed(seed)
                x = build(c)._bartlett_sampling(torch.Size(shape))
                case = {"dist": enc_spec(c), "seed": seed, "shape": shape, "out": enc(x)}
                if dtype == torch.float64:
                    c = cast(s, dtype, grad=True)
                    torch.manual_seed(seed)
                    y = build(c)._bartlett_sampling(torch.Size(shape))
                    ls = leaves(c)
                    gs = torch.autograd.grad(y.sum(), [t for _, t in ls])
                    case["grads"] = {n: enc(g) for (n, _), g in zip(ls, gs)}
                out.append(case)
    return out


def main():
    torch.set_num_threads(1)
    torch.set_default_dtype(torch.float32)
    data = {"torch": torch.__version__, "cases": gen_cases(), "kl": gen_kl(), "samples": gen_samples(), "errors": gen_errors(),
            "transforms": gen_transforms(), "transformed": gen_transformed(), "registry": gen_registry(),
            "transform_errors": gen_transform_errors(), "wishart_bartlett": gen_wishart_bartlett()}
    keys = ["cases", "kl", "samples", "errors", "transforms", "transformed", "registry", "transform_errors", "wishart_bartlett"]
    with open(OUT, "w") as f:
        c = lambda v: json.dumps(v, separators=(",", ":"))
        f.write("{\"torch\":%s,\n" % c(data["torch"]))
        f.write(",\n".join("%s:[\n%s]" % (c(k), ",\n".join(c(x) for x in data[k])) for k in keys) + "}\n")
    print("%s: %s, %d bytes" % (OUT, ", ".join("%d %s" % (len(data[k]), k) for k in keys), os.path.getsize(OUT)))


if __name__ == "__main__":
    main()
