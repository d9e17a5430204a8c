#!/usr/bin/python3
"""Writes the reference values of torch.optim used by the optimizer and scheduler conformance tests
(api/src/test/resources/reference/optim.json).

Run with Debian's PyTorch 1.13:  /usr/bin/python3 tools/gen_optim_reference.py
The output is deterministic: rerunning it rewrites the same file.

The file holds
  "problem": the fixed test problem, two parameters p1 (shape [3]) and p2 (shape [2, 2]) and the data
     of the loss  sum((A @ p1 - b)^2) + 0.1 sum(p1^4) + sum((p2 @ C - D)^2) + 0.1 sum(p2^4)
                  + 0.5 sum(p1) sum(p2),
     multiplied by "sign" (-1 for the maximize cases, which then follow the same trajectory);
  "optimizers": [{"name", "optimizer", "dtype", "options": constructor kwargs, "groups": null or
     [{"params": [indices], overrides...}], "sign", "steps": [[p1 flat, p2 flat] after each step],
     "state_keys": the keys of state_dict()["state"][0], "group_keys": of a param group (sorted, less
     foreach/differentiable/capturable/fused)}];
     a step is zero_grad(); loss.backward(); step() (single-tensor algorithms, foreach=False);
  "lbfgs": [{"name", "dtype", "options", "steps": [{"loss": returned, "closure_losses": [...],
     "params": [p1 flat, p2 flat]}]}], the closure doing zero_grad, loss, backward;
  "schedulers": [{"name", "optimizer", "optimizer_options", "groups": lrs of the groups (one group per
     entry, each over its own parameter), "scheduler", "options", "steps", "lrs": get_last_lr() after
     construction and after each step, "momentums" (OneCycleLR: momentum or beta1 per group)}],
     where "scheduler" may be "SequentialLR" with "children": [{"scheduler", "options"}] and
     "milestones", and "resume": {"after", "options"} rebuilds the scheduler with last_epoch=after;
  "plateau": [{"name", "options", "metrics", "lrs": after each step}];
  "errors": [{"kind": "optimizer" or a scheduler, "optimizer", "options", "error": PyTorch's message}];
  "clip": [{"name", "grads", "max_norm", "norm_type", "total_norm", "clipped"} or
     {"name", "grads", "clip_value", "clipped"} or {"name", "grads", ..., "error": message}].
"""
import json
import math
import os

import torch
import torch.optim as optim
from torch.optim import lr_scheduler as sched

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "api", "src", "test", "resources",
                   "reference", "optim.json")

DTYPES = {"float32": torch.float32, "float64": torch.float64}

PROBLEM = {
    "p1": [0.5, -1.0, 1.5],
    "p2": [[1.0, -0.5], [0.25, 2.0]],
    "A": [[1.0, 2.0, -1.0], [0.5, -1.5, 2.0]],
    "b": [1.0, -2.0],
    "C": [[2.0, -1.0], [1.0, 0.5]],
    "D": [[1.0, 0.0], [-1.0, 2.0]],
}


def flat(t):
    return t.detach().reshape(-1).tolist()


class Problem:
    def __init__(self, dtype):
        dt = DTYPES[dtype]
        self.p1 = torch.tensor(PROBLEM["p1"], dtype=dt, requires_grad=True)
        self.p2 = torch.tensor(PROBLEM["p2"], dtype=dt, requires_grad=True)
        self.A, self.b, self.C, self.D = (torch.tensor(PROBLEM[k], dtype=dt) for k in "AbCD")

    def params(self):
        return [self.p1, self.p2]

    def loss(self, sign=1.0):
        p1, p2 = self.p1, self.p2
        r1 = self.A @ p1 - self.b
        r2 = p2 @ self.C - self.D
        f = (r1 * r1).sum() + 0.1 * (p1 ** 4).sum() + (r2 * r2).sum() + 0.1 * (p2 ** 4).sum() \
            + 0.5 * p1.sum() * p2.sum()
        return f * sign


OPTIMIZERS = {"SGD": optim.SGD, "Adam": optim.Adam, "AdamW": optim.AdamW, "RMSprop": optim.RMSprop,
              "Adagrad": optim.Adagrad, "Adadelta": optim.Adadelta}

# (name, optimizer, options, groups, sign, dtype)
OPT_CASES = [
    ("sgd_plain", "SGD", {"lr": 0.01}, None, 1, "float32"),
    ("sgd_momentum", "SGD", {"lr": 0.01, "momentum": 0.9}, None, 1, "float32"),
    ("sgd_dampening_wd", "SGD", {"lr": 0.02, "momentum": 0.8, "dampening": 0.3, "weight_decay": 0.1}, None, 1,
     "float32"),
    ("sgd_nesterov", "SGD", {"lr": 0.01, "momentum": 0.9, "nesterov": True, "weight_decay": 0.05}, None, 1,
     "float32"),
    ("sgd_maximize", "SGD", {"lr": 0.01, "momentum": 0.5, "maximize": True}, None, -1, "float32"),
    ("sgd_groups", "SGD", {"lr": 0.01, "momentum": 0.9},
     [{"params": [0]}, {"params": [1], "lr": 0.03, "momentum": 0.5, "weight_decay": 0.2}], 1, "float32"),
    ("sgd_float64", "SGD", {"lr": 0.01, "momentum": 0.9, "nesterov": True}, None, 1, "float64"),
    ("adam_default", "Adam", {}, None, 1, "float32"),
    ("adam_lr", "Adam", {"lr": 0.1}, None, 1, "float32"),
    ("adam_betas_eps_wd", "Adam", {"lr": 0.05, "betas": (0.8, 0.99), "eps": 1e-3, "weight_decay": 0.1}, None, 1,
     "float32"),
    ("adam_amsgrad", "Adam", {"lr": 0.1, "amsgrad": True}, None, 1, "float32"),
    ("adam_maximize", "Adam", {"lr": 0.1, "maximize": True, "amsgrad": True}, None, -1, "float32"),
    ("adam_groups", "Adam", {"lr": 0.1},
     [{"params": [0], "betas": (0.5, 0.9)}, {"params": [1], "lr": 0.02, "amsgrad": True}], 1, "float32"),
    ("adam_float64", "Adam", {"lr": 0.1, "amsgrad": True, "weight_decay": 0.01}, None, 1, "float64"),
    ("adamw_default", "AdamW", {}, None, 1, "float32"),
    ("adamw_lr_wd", "AdamW", {"lr": 0.1, "weight_decay": 0.5}, None, 1, "float32"),
    ("adamw_amsgrad", "AdamW", {"lr": 0.1, "amsgrad": True, "betas": (0.7, 0.95)}, None, 1, "float32"),
    ("adamw_maximize", "AdamW", {"lr": 0.1, "maximize": True}, None, -1, "float32"),
    ("adamw_float64", "AdamW", {"lr": 0.1, "weight_decay": 0.2, "amsgrad": True}, None, 1, "float64"),
    ("rmsprop_default", "RMSprop", {}, None, 1, "float32"),
    ("rmsprop_alpha_eps", "RMSprop", {"lr": 0.05, "alpha": 0.9, "eps": 1e-4}, None, 1, "float32"),
    ("rmsprop_centered", "RMSprop", {"lr": 0.01, "centered": True}, None, 1, "float32"),
    ("rmsprop_momentum", "RMSprop", {"lr": 0.01, "momentum": 0.9, "weight_decay": 0.1}, None, 1, "float32"),
    ("rmsprop_all", "RMSprop", {"lr": 0.01, "momentum": 0.5, "centered": True, "weight_decay": 0.05,
                                "alpha": 0.95}, None, 1, "float32"),
    ("rmsprop_maximize", "RMSprop", {"lr": 0.01, "momentum": 0.5, "maximize": True}, None, -1, "float32"),
    ("rmsprop_float64", "RMSprop", {"lr": 0.01, "momentum": 0.5, "centered": True}, None, 1, "float64"),
    ("adagrad_default", "Adagrad", {}, None, 1, "float32"),
    ("adagrad_lr_decay", "Adagrad", {"lr": 0.1, "lr_decay": 0.5}, None, 1, "float32"),
    ("adagrad_init_acc_wd", "Adagrad", {"lr": 0.1, "initial_accumulator_value": 0.5, "weight_decay": 0.1,
                                        "eps": 1e-3}, None, 1, "float32"),
    ("adagrad_maximize", "Adagrad", {"lr": 0.1, "maximize": True}, None, -1, "float32"),
    ("adagrad_float64", "Adagrad", {"lr": 0.1, "lr_decay": 0.1, "initial_accumulator_value": 0.1}, None, 1,
     "float64"),
    ("adadelta_default", "Adadelta", {}, None, 1, "float32"),
    ("adadelta_rho_eps", "Adadelta", {"lr": 0.5, "rho": 0.5, "eps": 1e-3}, None, 1, "float32"),
    ("adadelta_wd", "Adadelta", {"weight_decay": 0.1}, None, 1, "float32"),
    ("adadelta_maximize", "Adadelta", {"lr": 2.0, "maximize": True}, None, -1, "float32"),
    ("adadelta_float64", "Adadelta", {"lr": 2.0, "rho": 0.8}, None, 1, "float64"),
]

STEPS = 6


def run_optimizer(name, opt, options, groups, sign, dtype):
    pb = Problem(dtype)
    params = pb.params()
    kwargs = dict(options)
    if groups is None:
        o = OPTIMIZERS[opt](params, foreach=False, **kwargs)
    else:
        gs = []
        for g in groups:
            g = dict(g)
            g["params"] = [params[i] for i in g["params"]]
            gs.append(g)
        o = OPTIMIZERS[opt](gs, foreach=False, **kwargs)
    steps = []
    for _ in range(STEPS):
        o.zero_grad()
        pb.loss(sign).backward()
        o.step()
        steps.append([flat(p) for p in params])
    opts = {k: (list(v) if isinstance(v, tuple) else v) for k, v in options.items()}
    sd = o.state_dict()
    internal = {"foreach", "differentiable", "capturable", "fused", "params"}
    return {"name": name, "optimizer": opt, "dtype": dtype, "options": opts, "groups": jsonable(groups),
            "sign": sign, "steps": steps, "state_keys": list(sd["state"][0].keys()),
            "group_keys": sorted(k for k in sd["param_groups"][0].keys() if k not in internal)}


def jsonable(v):
    if isinstance(v, tuple):
        return list(v)
    if isinstance(v, list):
        return [jsonable(x) for x in v]
    if isinstance(v, dict):
        return {k: jsonable(x) for k, x in v.items()}
    return v


LBFGS_CASES = [
    ("lbfgs_default", {}, "float64", 3),
    ("lbfgs_small", {"lr": 0.5, "max_iter": 4, "history_size": 2}, "float64", 4),
    ("lbfgs_max_eval", {"lr": 1.0, "max_iter": 10, "max_eval": 6, "history_size": 3}, "float64", 3),
    ("lbfgs_wolfe", {"line_search_fn": "strong_wolfe", "max_iter": 8, "history_size": 4}, "float64", 3),
    ("lbfgs_wolfe_default", {"line_search_fn": "strong_wolfe"}, "float64", 2),
    ("lbfgs_tolerance", {"tolerance_grad": 1e-3, "tolerance_change": 1e-4, "max_iter": 50}, "float64", 2),
    ("lbfgs_float32", {"max_iter": 5, "history_size": 3}, "float32", 2),
    ("lbfgs_wolfe_float32", {"line_search_fn": "strong_wolfe", "max_iter": 5}, "float32", 2),
]


def run_lbfgs(name, options, dtype, nsteps):
    pb = Problem(dtype)
    params = pb.params()
    o = optim.LBFGS(params, **options)
    steps = []
    for _ in range(nsteps):
        losses = []

        def closure():
            o.zero_grad()
            loss = pb.loss()
            loss.backward()
            losses.append(loss.item())
            return loss

        ret = o.step(closure)
        steps.append({"loss": ret.item(), "closure_losses": losses, "params": [flat(p) for p in params]})
    return {"name": name, "dtype": dtype, "options": options, "steps": steps}


# (name, optimizer, optimizer options, group lrs, scheduler, options, steps, extra)
SCHED_CASES = [
    ("step", "SGD", {"lr": 0.1}, [0.1], "StepLR", {"step_size": 7, "gamma": 0.5}, 30, {}),
    ("step_groups", "SGD", {"lr": 0.1}, [0.1, 0.03], "StepLR", {"step_size": 3}, 30, {}),
    ("multistep", "SGD", {"lr": 0.1}, [0.1], "MultiStepLR", {"milestones": [5, 12, 12, 20], "gamma": 0.3}, 30, {}),
    ("multistep_unsorted", "SGD", {"lr": 0.2}, [0.2, 0.5], "MultiStepLR", {"milestones": [9, 2]}, 15, {}),
    ("exponential", "SGD", {"lr": 0.1}, [0.1, 1.0], "ExponentialLR", {"gamma": 0.9}, 30, {}),
    ("cosine", "SGD", {"lr": 0.1}, [0.1], "CosineAnnealingLR", {"T_max": 10, "eta_min": 0.001}, 35, {}),
    ("cosine_groups", "SGD", {"lr": 0.1}, [0.1, 0.05], "CosineAnnealingLR", {"T_max": 7}, 30, {}),
    ("cosine_resume", "SGD", {"lr": 0.1}, [0.1], "CosineAnnealingLR", {"T_max": 6, "eta_min": 0.01}, 20,
     {"resume": 4}),
    ("step_resume", "SGD", {"lr": 0.1}, [0.1], "StepLR", {"step_size": 3, "gamma": 0.5}, 12, {"resume": 5}),
    ("linear", "SGD", {"lr": 0.1}, [0.1], "LinearLR", {"start_factor": 0.25, "total_iters": 8}, 30, {}),
    ("linear_decay", "SGD", {"lr": 0.1}, [0.1, 0.2], "LinearLR",
     {"start_factor": 1.0, "end_factor": 0.1, "total_iters": 10}, 30, {}),
    ("linear_default", "SGD", {"lr": 0.1}, [0.1], "LinearLR", {}, 10, {}),
    ("constant", "SGD", {"lr": 0.1}, [0.1], "ConstantLR", {"factor": 0.5, "total_iters": 4}, 10, {}),
    ("lambda", "SGD", {"lr": 0.1}, [0.1, 0.2], "LambdaLR", {"lambda": "0.95**epoch"}, 15, {}),
    ("onecycle_cos", "SGD", {"lr": 0.1, "momentum": 0.9}, [0.1], "OneCycleLR", {"max_lr": 0.5, "total_steps": 30},
     30, {}),
    ("onecycle_linear", "SGD", {"lr": 0.1, "momentum": 0.9}, [0.1, 0.1], "OneCycleLR",
     {"max_lr": [0.5, 1.0], "total_steps": 25, "anneal_strategy": "linear", "pct_start": 0.4}, 25, {}),
    ("onecycle_three_phase", "SGD", {"lr": 0.1, "momentum": 0.9}, [0.1], "OneCycleLR",
     {"max_lr": 0.3, "epochs": 4, "steps_per_epoch": 8, "three_phase": True, "div_factor": 10.0,
      "final_div_factor": 100.0}, 32, {}),
    ("onecycle_adam", "Adam", {"lr": 0.1}, [0.1], "OneCycleLR",
     {"max_lr": 0.01, "total_steps": 20, "base_momentum": 0.8, "max_momentum": 0.9}, 20, {}),
    ("onecycle_no_momentum", "Adagrad", {"lr": 0.1}, [0.1], "OneCycleLR",
     {"max_lr": 0.2, "total_steps": 12, "cycle_momentum": False, "three_phase": True, "anneal_strategy": "linear"},
     12, {}),
    ("polynomial", "SGD", {"lr": 0.1}, [0.1], "PolynomialLR", {"total_iters": 8, "power": 2.0}, 12, {}),
    ("multiplicative", "SGD", {"lr": 0.1}, [0.1, 0.3], "MultiplicativeLR", {"lambda": "0.9"}, 10, {}),
    ("chained", "SGD", {"lr": 0.1}, [0.1], "ChainedScheduler",
     {"children": [{"scheduler": "ExponentialLR", "options": {"gamma": 0.9}},
                   {"scheduler": "StepLR", "options": {"step_size": 3, "gamma": 0.5}}]}, 15, {}),
    ("sequential", "SGD", {"lr": 0.1}, [0.1], "SequentialLR",
     {"children": [{"scheduler": "LinearLR", "options": {"start_factor": 0.1, "total_iters": 4}},
                   {"scheduler": "ExponentialLR", "options": {"gamma": 0.9}}], "milestones": [5]}, 30, {}),
    ("sequential_three", "SGD", {"lr": 0.1}, [0.1, 0.4], "SequentialLR",
     {"children": [{"scheduler": "ConstantLR", "options": {"factor": 0.5, "total_iters": 3}},
                   {"scheduler": "StepLR", "options": {"step_size": 2, "gamma": 0.5}},
                   {"scheduler": "CosineAnnealingLR", "options": {"T_max": 5, "eta_min": 0.001}}],
      "milestones": [4, 10]}, 30, {}),
]


def make_scheduler(kind, o, options, last_epoch=-1):
    opts = dict(options)
    if kind == "SequentialLR":
        children = [make_scheduler(c["scheduler"], o, c["options"]) for c in opts["children"]]
        return sched.SequentialLR(o, children, milestones=opts["milestones"])
    if kind == "ChainedScheduler":
        return sched.ChainedScheduler([make_scheduler(c["scheduler"], o, c["options"]) for c in opts["children"]])
    if kind == "MultiplicativeLR":
        return sched.MultiplicativeLR(o, lambda epoch: 0.9, last_epoch=last_epoch)
    if kind == "LambdaLR":
        return sched.LambdaLR(o, lambda epoch: 0.95 ** epoch, last_epoch=last_epoch)
    cls = getattr(sched, kind)
    return cls(o, last_epoch=last_epoch, **opts)


def group_momentum(g):
    return g["betas"][0] if "betas" in g else g.get("momentum")


def run_scheduler(name, opt, opt_options, lrs, kind, options, steps, extra):
    params = [torch.zeros(2, requires_grad=True) for _ in lrs]
    groups = [{"params": [p], "lr": lr} for p, lr in zip(params, lrs)]
    o = OPTIMIZERS[opt](groups, **opt_options)
    s = make_scheduler(kind, o, options)
    rec_lrs = [list(s.get_last_lr())]
    moms = [[group_momentum(g) for g in o.param_groups]]
    resume = extra.get("resume")
    for i in range(steps):
        for p in params:
            p.grad = torch.ones(2)
        o.step()
        if resume is not None and i + 1 == resume:
            s = make_scheduler(kind, o, options, last_epoch=s.last_epoch)
        else:
            s.step()
        rec_lrs.append(list(s.get_last_lr()))
        moms.append([group_momentum(g) for g in o.param_groups])
    case = {"name": name, "optimizer": opt, "optimizer_options": opt_options, "groups": lrs, "scheduler": kind,
            "options": options, "steps": steps, "lrs": rec_lrs}
    if resume is not None:
        case["resume"] = resume
    if kind == "OneCycleLR":
        case["momentums"] = moms
        try:
            s.step()
            raise AssertionError("expected an error")
        except ValueError as e:
            case["error"] = str(e)
    return case


PLATEAU_METRICS = [1.0, 0.9, 0.95, 0.94, 0.93, 0.93, 0.8, 0.81, 0.82, 0.83, 0.84, 0.799, 0.7999, 0.79, 0.785,
                   0.786, 0.787, 0.788, 0.789, 0.79, 0.5, 0.6, 0.6, 0.6, 0.6, 0.6, 0.6, 0.6, 0.6, 0.6]

PLATEAU_CASES = [
    ("plateau_default", {}, [0.1]),
    ("plateau_patience", {"patience": 2, "factor": 0.5}, [0.1, 0.02]),
    ("plateau_abs_cooldown", {"patience": 1, "factor": 0.5, "threshold": 0.01, "threshold_mode": "abs",
                              "cooldown": 2}, [0.1]),
    ("plateau_max", {"mode": "max", "patience": 1, "factor": 0.3}, [0.1]),
    ("plateau_max_abs", {"mode": "max", "patience": 0, "threshold": 0.05, "threshold_mode": "abs"}, [0.1]),
    ("plateau_min_lr", {"patience": 0, "factor": 0.5, "min_lr": 0.02}, [0.1]),
    ("plateau_min_lrs", {"patience": 0, "factor": 0.5, "min_lr": [0.01, 0.04]}, [0.1, 0.1]),
    ("plateau_eps", {"patience": 0, "factor": 0.9, "eps": 0.005}, [0.1]),
]


def run_plateau(name, options, lrs):
    params = [torch.zeros(2, requires_grad=True) for _ in lrs]
    o = optim.SGD([{"params": [p], "lr": lr} for p, lr in zip(params, lrs)], lr=0.1)
    s = sched.ReduceLROnPlateau(o, **options)
    rec = []
    for m in PLATEAU_METRICS:
        s.step(m)
        rec.append([g["lr"] for g in o.param_groups])
    return {"name": name, "options": options, "groups": lrs, "metrics": PLATEAU_METRICS, "lrs": rec}


CLIP_GRADS = [[0.5, -2.0, 1.5], [[1.0, -0.25], [3.0, 0.75]]]


def clip_case(name, grads, dtype="float32", **kw):
    ps = [torch.zeros(torch.tensor(g).shape, dtype=DTYPES[dtype], requires_grad=True) for g in grads]
    for p, g in zip(ps, grads):
        p.grad = torch.tensor(g, dtype=DTYPES[dtype])
    case = {"name": name, "dtype": dtype, "grads": grads}
    case.update(kw)
    try:
        if "clip_value" in kw:
            torch.nn.utils.clip_grad_value_(ps, kw["clip_value"])
        else:
            total = torch.nn.utils.clip_grad_norm_(ps, kw["max_norm"], kw["norm_type"],
                                                   error_if_nonfinite=kw.get("error_if_nonfinite", False))
            case["total_norm"] = total.item()
        case["clipped"] = [flat(p.grad) for p in ps]
    except RuntimeError as e:
        case["error"] = str(e)
    return case


def clip_cases():
    inf = math.inf
    return [
        clip_case("norm2", CLIP_GRADS, max_norm=1.0, norm_type=2.0),
        clip_case("norm2_no_clip", CLIP_GRADS, max_norm=100.0, norm_type=2.0),
        clip_case("norm1", CLIP_GRADS, max_norm=2.5, norm_type=1.0),
        clip_case("norm3", CLIP_GRADS, max_norm=0.5, norm_type=3.0),
        clip_case("norm_inf", CLIP_GRADS, max_norm=1.0, norm_type=inf),
        clip_case("norm2_float64", CLIP_GRADS, "float64", max_norm=0.3, norm_type=2.0),
        clip_case("norm_nonfinite", [[1.0, inf], [[2.0, 0.0], [0.0, 1.0]]], max_norm=1.0, norm_type=2.0),
        clip_case("norm_nonfinite_error", [[1.0, inf], [[2.0, 0.0], [0.0, 1.0]]], max_norm=1.0, norm_type=2.0,
                  error_if_nonfinite=True),
        clip_case("value", CLIP_GRADS, clip_value=0.8),
        clip_case("value_float64", CLIP_GRADS, "float64", clip_value=1.0),
    ]


def error_of(fn):
    try:
        fn()
    except (ValueError, KeyError, RuntimeError) as e:
        return str(e) if not isinstance(e, KeyError) else e.args[0]
    raise AssertionError("expected an error")


# (optimizer, options) whose construction PyTorch rejects
OPT_ERRORS = [
    ("SGD", {"lr": -0.1}), ("SGD", {"lr": 0.1, "momentum": -0.5}), ("SGD", {"lr": 0.1, "weight_decay": -1e-05}),
    ("SGD", {"lr": 0.1, "nesterov": True}), ("SGD", {"lr": 0.1, "momentum": 0.9, "dampening": 0.1, "nesterov": True}),
    ("Adam", {"lr": -0.001}), ("Adam", {"eps": -1e-08}), ("Adam", {"betas": (1.0, 0.999)}),
    ("Adam", {"betas": (0.9, -0.5)}), ("Adam", {"weight_decay": -0.25}), ("AdamW", {"lr": -1.0}),
    ("AdamW", {"betas": (0.9, 1.5)}), ("AdamW", {"weight_decay": -0.01}),
    ("RMSprop", {"lr": -0.01}), ("RMSprop", {"eps": -0.0001}), ("RMSprop", {"momentum": -0.9}),
    ("RMSprop", {"weight_decay": -0.5}), ("RMSprop", {"alpha": -0.99}),
    ("Adagrad", {"lr": -0.01}), ("Adagrad", {"lr_decay": -0.5}), ("Adagrad", {"weight_decay": -0.5}),
    ("Adagrad", {"initial_accumulator_value": -0.1}), ("Adagrad", {"eps": -1e-10}),
    ("Adadelta", {"lr": -1.0}), ("Adadelta", {"rho": 1.5}), ("Adadelta", {"eps": -1e-06}),
    ("Adadelta", {"weight_decay": -0.1}),
]

# (scheduler, optimizer, options) that PyTorch rejects
SCHED_ERRORS = [
    ("LinearLR", "SGD", {"start_factor": 1.5}), ("LinearLR", "SGD", {"end_factor": -0.5}),
    ("ConstantLR", "SGD", {"factor": 2.0}),
    ("StepLR_resume", "SGD", {"step_size": 3, "last_epoch": 4}),
    ("OneCycleLR", "SGD", {"max_lr": 0.1}), ("OneCycleLR", "SGD", {"max_lr": 0.1, "total_steps": 0}),
    ("OneCycleLR", "SGD", {"max_lr": 0.1, "epochs": -2, "steps_per_epoch": 3}),
    ("OneCycleLR", "SGD", {"max_lr": 0.1, "epochs": 2, "steps_per_epoch": 0}),
    ("OneCycleLR", "SGD", {"max_lr": 0.1, "total_steps": 10, "pct_start": 1.5}),
    ("OneCycleLR", "SGD", {"max_lr": 0.1, "total_steps": 10, "anneal_strategy": "exp"}),
    ("OneCycleLR", "SGD", {"max_lr": [0.1, 0.2, 0.3], "total_steps": 10}),
    ("OneCycleLR", "Adagrad", {"max_lr": 0.1, "total_steps": 10}),
    ("OneCycleLR", "SGD", {"max_lr": 0.1, "total_steps": 10, "max_momentum": [0.9, 0.8, 0.7]}),
    ("ReduceLROnPlateau", "SGD", {"factor": 1.0}), ("ReduceLROnPlateau", "SGD", {"mode": "maximum"}),
    ("ReduceLROnPlateau", "SGD", {"threshold_mode": "relative"}),
    ("ReduceLROnPlateau", "SGD", {"min_lr": [0.1, 0.2, 0.3]}),
    ("SequentialLR", "SGD", {"milestones": [3, 5]}),
]


def error_cases():
    out = []
    for opt, options in OPT_ERRORS:
        p = torch.zeros(2, requires_grad=True)
        kw = dict(options)
        if opt == "SGD":
            kw.setdefault("lr", 0.1)
        msg = error_of(lambda: OPTIMIZERS[opt]([p], **kw))
        out.append({"kind": "optimizer", "optimizer": opt, "options": jsonable(options), "error": msg})
    for kind, opt, options in SCHED_ERRORS:
        ps = [torch.zeros(2, requires_grad=True) for _ in range(2)]
        o = OPTIMIZERS[opt]([{"params": [ps[0]]}, {"params": [ps[1]]}], lr=0.1)
        if kind == "StepLR_resume":
            msg = error_of(lambda: sched.StepLR(o, **options))
        elif kind == "SequentialLR":
            a, b = sched.ExponentialLR(o, 0.9), sched.StepLR(o, 2)
            msg = error_of(lambda: sched.SequentialLR(o, [a, b], **options))
        else:
            msg = error_of(lambda: getattr(sched, kind)(o, **options))
        out.append({"kind": kind, "optimizer": opt, "options": jsonable(options), "error": msg})
    return out


def main():
    torch.set_default_dtype(torch.float32)
    out = {"torch": torch.__version__, "problem": PROBLEM,
           "optimizers": [run_optimizer(*c) for c in OPT_CASES],
           "lbfgs": [run_lbfgs(*c) for c in LBFGS_CASES],
           "schedulers": [run_scheduler(*c) for c in SCHED_CASES],
           "plateau": [run_plateau(*c) for c in PLATEAU_CASES],
           "clip": clip_cases(),
           "errors": error_cases()}
    os.makedirs(os.path.dirname(OUT), exist_ok=True)
    with open(OUT, "w") as f:
        json.dump(out, f, separators=(",", ":"))
        f.write("\n")


if __name__ == "__main__":
    import warnings
    warnings.simplefilter("ignore")
    main()
