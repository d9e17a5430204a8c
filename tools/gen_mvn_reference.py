#!/usr/bin/python3
"""Writes api/src/test/resources/reference/distributions_mvn.json, the torch.distributions.MultivariateNormal
reference values that org.torch4j.conformance.MultivariateNormalTest checks.

Run with Debian's PyTorch 1.13:  /usr/bin/python3 tools/gen_mvn_reference.py
The output is deterministic (parameters come from a seeded generator of their own).

A distribution is written as {"loc": tensor, "param": "covariance_matrix" | "precision_matrix" | "scale_tril",
"matrix": tensor}; a tensor as {"dtype", "shape", "data"}.
  "cases":   a distribution and a value with what PyTorch computes: batch_shape, event_shape, log_prob, entropy,
             mean, mode, variance, stddev, scale_tril, covariance_matrix, precision_matrix, the covariance after
             expand([5] + batch_shape) with its log_prob at mean + 0.5, and "grads": {"log_prob" | "entropy": {"loc" | "matrix" | "value": gradient
             of the sum}}.
  "kl":      {"p", "q", "kl", "grads": {"p.loc" | "p.matrix" | "q.loc" | "q.matrix": gradient of the sum}}.
  "samples": {"dist", "seed", "shape", "method": "sample" | "rsample", "out"}, drawn right after
             torch.manual_seed(seed); rsamples add "grads": {"loc" | "matrix": gradient of the draws' sum};
             "exact": true marks draws of MultivariateNormal(0, scale_tril=I), PyTorch's standard normals.
  "errors":  {"args": {name: tensor}, "validate": bool, "error", "type"} (construction; "type" is the Python
             exception class), {"dist", "value", "error"} (log_prob), {"kl": [p, q], "error"}.
"""
import json
import math
import os

import torch
from torch.distributions import MultivariateNormal, kl_divergence

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "api", "src", "test", "resources",
                   "reference", "distributions_mvn.json")

GEN = torch.Generator().manual_seed(4321)
PARAMS = ["covariance_matrix", "precision_matrix", "scale_tril"]


def enc(t):
    t = t.detach().contiguous()
    return {"dtype": str(t.dtype)[6:], "shape": list(t.shape), "data": t.reshape(-1).tolist()}


def randn(shape):
    return torch.randn(shape, generator=GEN, dtype=torch.float64)


def spd(batch, n):
    """Well-conditioned symmetric positive-definite matrices A A^T + n I."""
    a = randn(batch + [n, n])
    return a @ a.mT + n * torch.eye(n, dtype=torch.float64)


def matrix_for(param, cov):
    if param == "covariance_matrix":
        return cov
    if param == "scale_tril":
        return torch.linalg.cholesky(cov)
    p = torch.linalg.inv(cov)
    return (p + p.mT) / 2  # exactly symmetric


def make(loc, param, matrix, validate=None):
    return MultivariateNormal(loc, **{param: matrix}, validate_args=validate)


def dist_spec(loc, param, matrix):
    return {"loc": enc(loc), "param": param, "matrix": enc(matrix)}


# (loc shape, matrix batch shape, n, value shape) per parameterisation: unbatched, loc batched over a single
# matrix, matrices batched over a single loc, both broadcasting, and values with extra sample dims
SHAPES = [
    ([3], [], 3, [4, 3]),
    ([2, 3], [], 3, [2, 3]),
    ([3], [2], 3, [5, 1, 3]),
    ([2, 1, 2], [4], 2, [2, 4, 2]),
    ([4, 2], [4], 2, [3, 1, 2]),
]


def gen_cases():
    out = []
    for param in PARAMS:
        for loc_shape, mat_batch, n, value_shape in SHAPES:
            loc = randn(loc_shape)
            matrix = matrix_for(param, spd(mat_batch, n))
            value = randn(value_shape)
            for dtype in [torch.float32, torch.float64]:
                l, m, v = (t.to(dtype).requires_grad_() for t in (loc, matrix, value))
                d = make(l, param, m)
                lp = d.log_prob(v)
                ent = d.entropy()
                g_lp = torch.autograd.grad(lp.sum(), [l, m, v], retain_graph=True)
                g_ent = torch.autograd.grad(ent.sum(), [m])
                e = d.expand(torch.Size([5]) + d.batch_shape)
                out.append({
                    "dist": dist_spec(l, param, m), "value": enc(v),
                    "batch_shape": list(d.batch_shape), "event_shape": list(d.event_shape),
                    "log_prob": enc(lp), "entropy": enc(ent), "mean": enc(d.mean), "mode": enc(d.mode),
                    "variance": enc(d.variance), "stddev": enc(d.stddev), "scale_tril": enc(d.scale_tril),
                    "covariance_matrix": enc(d.covariance_matrix), "precision_matrix": enc(d.precision_matrix),
                    "expand_covariance": enc(e.covariance_matrix), "expand_log_prob": enc(e.log_prob(e.mean.detach() + 0.5)),
                    "grads": {"log_prob": {"loc": enc(g_lp[0]), "matrix": enc(g_lp[1]), "value": enc(g_lp[2])},
                              "entropy": {"matrix": enc(g_ent[0])}},
                })
    return out


def gen_kl():
    out = []
    pairs = [
        ("covariance_matrix", [3], [], "scale_tril", [3], [], 3),
        ("scale_tril", [2, 3], [], "precision_matrix", [3], [2], 3),
        ("precision_matrix", [4, 2], [1], "covariance_matrix", [2], [3, 1], 2),
        ("covariance_matrix", [2], [], "covariance_matrix", [3, 2], [3], 2),
    ]
    for pp, pl, pb, qp, ql, qb, n in pairs:
        ps = (randn(pl), matrix_for(pp, spd(pb, n)))
        qs = (randn(ql), matrix_for(qp, spd(qb, n)))
        for dtype in [torch.float32, torch.float64]:
            pt = [t.to(dtype).requires_grad_() for t in ps]
            qt = [t.to(dtype).requires_grad_() for t in qs]
            kl = kl_divergence(make(pt[0], pp, pt[1]), make(qt[0], qp, qt[1]))
            g = torch.autograd.grad(kl.sum(), pt + qt)
            out.append({"p": dist_spec(pt[0], pp, pt[1]), "q": dist_spec(qt[0], qp, qt[1]), "kl": enc(kl),
                        "grads": {"p.loc": enc(g[0]), "p.matrix": enc(g[1]), "q.loc": enc(g[2]), "q.matrix": enc(g[3])}})
    return out


def gen_samples():
    out = []
    seed = 100
    for param in PARAMS:
        for loc_shape, mat_batch, n in [([3], [], 3), ([2, 3], [2], 3), ([4, 2], [1], 2)]:
            loc = randn(loc_shape)
            matrix = matrix_for(param, spd(mat_batch, n))
            for dtype in [torch.float32, torch.float64]:
                for method in ["sample", "rsample"]:
                    for shape in [[], [5]]:
                        seed += 1
                        l, m = loc.to(dtype), matrix.to(dtype)
                        torch.manual_seed(seed)
                        x = getattr(make(l, param, m), method)(torch.Size(shape))
                        case = {"dist": dist_spec(l, param, m), "seed": seed, "shape": shape, "method": method,
                                "out": enc(x)}
                        if method == "rsample":
                            l.requires_grad_()
                            m.requires_grad_()
                            torch.manual_seed(seed)
                            y = make(l, param, m).rsample(torch.Size(shape))
                            g = torch.autograd.grad(y.sum(), [l, m])
                            case["grads"] = {"loc": enc(g[0]), "matrix": enc(g[1])}
                        out.append(case)
    # loc + L eps with L = I and loc = 0 is eps itself: PyTorch's standard normals, compared exactly
    for dtype in [torch.float32, torch.float64]:
        seed += 1
        torch.manual_seed(seed)
        l, m = torch.zeros(3, dtype=dtype), torch.eye(3, dtype=dtype)
        x = make(l, "scale_tril", m).sample(torch.Size([4, 2]))
        out.append({"dist": dist_spec(l, "scale_tril", m), "seed": seed, "shape": [4, 2], "method": "sample",
                    "out": enc(x), "exact": True})
    return out


def gen_errors():
    t = lambda v: torch.tensor(v, dtype=torch.float32)
    eye2 = torch.eye(2)
    constructions = [
        ({"loc": t(0.0), "covariance_matrix": eye2}, None),
        ({"loc": torch.zeros(2)}, None),
        ({"loc": torch.zeros(2), "covariance_matrix": eye2, "scale_tril": eye2}, None),
        ({"loc": torch.zeros(2), "covariance_matrix": eye2, "precision_matrix": eye2, "scale_tril": eye2}, None),
        ({"loc": torch.zeros(2), "covariance_matrix": torch.ones(2)}, None),
        ({"loc": torch.zeros(2), "precision_matrix": torch.ones(2)}, None),
        ({"loc": torch.zeros(2), "scale_tril": torch.ones(2)}, None),
        ({"loc": torch.zeros(3, 2), "covariance_matrix": torch.eye(2).expand(2, 2, 2)}, None),
        ({"loc": torch.zeros(3, 2), "scale_tril": torch.eye(2).expand(4, 2, 2)}, None),
        ({"loc": t([0.0, 1.0]), "covariance_matrix": t([[1.0, 2.0], [3.0, 4.0]])}, None),
        ({"loc": t([0.0, 1.0]), "covariance_matrix": t([[1.0, 2.0], [2.0, 1.0]])}, None),
        ({"loc": t([0.0, 1.0]), "covariance_matrix": t([[1.0, 2.0], [2.0, 1.0]])}, False),
        ({"loc": t([0.0, 1.0]), "covariance_matrix": torch.ones(2, 3)}, None),
        ({"loc": t([0.0, 1.0]), "precision_matrix": t([[-1.0, 0.0], [0.0, 1.0]])}, None),
        ({"loc": t([0.0, 1.0]), "precision_matrix": t([[-1.0, 0.0], [0.0, 1.0]])}, False),
        ({"loc": t([0.0, 1.0]), "scale_tril": t([[1.0, 0.5], [0.0, 1.0]])}, None),
        ({"loc": t([0.0, 1.0]), "scale_tril": t([[[1.0, 0.0], [0.5, 1.0]], [[1.0, 0.0], [0.5, 0.0]]])}, None),
        ({"loc": t([0.0, float("nan")]), "scale_tril": eye2}, None),
    ]
    out = []
    for args, validate in constructions:
        loc = args["loc"]
        try:
            MultivariateNormal(loc, **{k: v for k, v in args.items() if k != "loc"}, validate_args=validate)
            raise AssertionError("no error for %s" % args)
        except (ValueError, RuntimeError) as e:
            out.append({"args": {k: enc(v) for k, v in args.items()}, "validate": validate,
                        "type": type(e).__name__, "error": str(e)})
    d = make(torch.zeros(2), "scale_tril", eye2)
    for v in [torch.zeros(3), torch.zeros(3, 1), t([1.0, float("nan")])]:
        try:
            d.log_prob(v)
            raise AssertionError("no error for %s" % v)
        except ValueError as e:
            out.append({"dist": dist_spec(torch.zeros(2), "scale_tril", eye2), "value": enc(v), "error": str(e)})
    p = make(torch.zeros(2), "covariance_matrix", eye2)
    q = make(torch.zeros(3), "covariance_matrix", torch.eye(3))
    try:
        kl_divergence(p, q)
        raise AssertionError("no KL error")
    except ValueError as e:
        out.append({"kl": [dist_spec(torch.zeros(2), "covariance_matrix", eye2),
                           dist_spec(torch.zeros(3), "covariance_matrix", torch.eye(3))], "error": str(e)})
    return out


def main():
    torch.set_num_threads(1)
    torch.set_default_dtype(torch.float32)
    data = {"torch": torch.__version__, "cases": gen_cases(), "kl": gen_kl(), "samples": gen_samples(),
            "errors": gen_errors()}
    with open(OUT, "w") as f:
        c = lambda v: json.dumps(v, separators=(",", ":"))
        f.write("{\"torch\":%s,\n" % c(data["torch"]))
        parts = ["%s:[\n%s]" % (c(k), ",\n".join(c(x) for x in data[k])) for k in ["cases", "kl", "samples", "errors"]]
        f.write(",\n".join(parts) + "}\n")
    print("%s: %d cases, %d kl, %d samples, %d errors, %d bytes" % (
        OUT, len(data["cases"]), len(data["kl"]), len(data["samples"]), len(data["errors"]), os.path.getsize(OUT)))


if __name__ == "__main__":
    main()
