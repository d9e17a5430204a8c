#!/usr/bin/python3
"""Writes the reference values of the optimizers and schedulers added after the first torch.optim set
(Adamax, NAdam, RAdam, ASGD, Rprop, CyclicLR, CosineAnnealingWarmRestarts, swa_utils.SWALR) for OptimExtraTest and
LrSchedulerExtraTest: api/src/test/resources/reference/optim_extra.json and optim_extra.pt. A few cases of the
first optimizers (SGD, Adam, AdamW, RMSprop, Adagrad, Adadelta; names ending in "_loaded") are here too, for
their state dicts as PyTorch saves them.

Run with Debian's PyTorch 1.13:  /usr/bin/python3 tools/gen_optim_extra_reference.py
The output is deterministic: rerunning it rewrites the same files.

The fixed problem is gen_optim_reference.py's (two parameters p1 [3], p2 [2, 2]; OptimFixtures.Problem reads
it from optim.json). optim_extra.json holds
  "optimizers": [{"name", "optimizer", "dtype", "options": constructor kwargs, "groups": null or
     [{"params": [indices], overrides...}], "sign", "steps": [[p1 flat, p2 flat] after each step],
     "half": the step after which the state dict was saved, "resumed": [[p1, p2] after each later step] of a
     new optimizer over parameters at the step-"half" values that loaded that state dict (load_state_dict
     casts the float32 0-dim states mu_product, eta, mu to the parameter's dtype, so in float64 this
     trajectory parts from "steps" in the last digits), "state_keys": of state_dict()["state"][0],
     "group_keys": of a param group (sorted, less foreach, differentiable, capturable and fused)}];
     a step is zero_grad(); loss.backward(); step() (single-tensor algorithms, foreach=False);
  "complex": [{"name", "optimizer", "options", "z0", "w0", "z", "w"}]: complex parameters z, w after five
     steps on |z*w|.sum() + |z - w|^2.sum(), tensors as {"dtype", "shape", "data"} with complex data
     interleaved (re, im);
  "schedulers": [{"name", "optimizer", "optimizer_options", "groups": the groups' lrs, "scheduler",
     "options", "steps", "lrs": get_last_lr() after construction and after each step, "momentums": each
     group's momentum (null without one), "epochs": the arguments of step(epoch) where the case steps so
     (then also "t_cur", "t_i", "last_epoch" after each), "resume": {"after"} rebuilds the scheduler with
     last_epoch, "state": the scheduler's state_dict() at the end less verbose, _get_lr_called_within_step
     and the functions (scale_fn, anneal_func)}]; CyclicLR's "scale_fn" option names an entry of SCALE_FNS;
  "errors": [{"kind": "optimizer" or a scheduler, "optimizer", "options", "error": PyTorch's message}].
optim_extra.pt (torch.save) maps each optimizer case's name to {"half": its state dict after step "half",
"final": after the last step}.
"""
import copy
import io
import json
import math
import os
import sys

import torch
import torch.optim as optim
from torch.optim import lr_scheduler as sched

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from gen_optim_reference import Problem, flat, jsonable  # noqa: E402 (the shared problem)

OUT_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "api", "src", "test", "resources",
                       "reference")

OPTIMIZERS = {"Adamax": optim.Adamax, "NAdam": optim.NAdam, "RAdam": optim.RAdam, "ASGD": optim.ASGD,
              "Rprop": optim.Rprop, "SGD": optim.SGD, "Adam": optim.Adam, "AdamW": optim.AdamW, "RMSprop": optim.RMSprop,
              "Adagrad": optim.Adagrad, "Adadelta": optim.Adadelta}

# (name, optimizer, options, groups, sign, dtype)
OPT_CASES = [
    ("adamax_default", "Adamax", {}, None, 1, "float32"),
    ("adamax_lr", "Adamax", {"lr": 0.1}, None, 1, "float32"),
    ("adamax_betas_eps_wd", "Adamax", {"lr": 0.05, "betas": (0.8, 0.9), "eps": 0.1, "weight_decay": 0.1}, None, 1,
     "float32"),
    ("adamax_maximize", "Adamax", {"lr": 0.1, "maximize": True, "weight_decay": 0.05}, None, -1, "float32"),
    ("adamax_groups", "Adamax", {"lr": 0.1},
     [{"params": [0], "betas": (0.5, 0.9)}, {"params": [1], "lr": 0.02, "weight_decay": 0.2}], 1, "float32"),
    ("adamax_float64", "Adamax", {"lr": 0.1, "weight_decay": 0.01, "betas": (0.7, 0.95)}, None, 1, "float64"),
    ("nadam_default", "NAdam", {}, None, 1, "float32"),
    ("nadam_lr", "NAdam", {"lr": 0.1}, None, 1, "float32"),
    ("nadam_momentum_decay_wd", "NAdam", {"lr": 0.05, "momentum_decay": 0.05, "weight_decay": 0.1}, None, 1,
     "float32"),
    ("nadam_betas_eps", "NAdam", {"lr": 0.1, "betas": (0.8, 0.99), "eps": 1e-3}, None, 1, "float32"),
    ("nadam_groups", "NAdam", {"lr": 0.1},
     [{"params": [0], "momentum_decay": 0.1}, {"params": [1], "lr": 0.03, "betas": (0.5, 0.9)}], 1, "float32"),
    ("nadam_float64", "NAdam", {"lr": 0.1, "weight_decay": 0.01, "momentum_decay": 0.02}, None, 1, "float64"),
    ("radam_default", "RAdam", {}, None, 1, "float32"),
    ("radam_lr", "RAdam", {"lr": 0.1}, None, 1, "float32"),
    ("radam_betas_eps_wd", "RAdam", {"lr": 0.05, "betas": (0.8, 0.9), "eps": 1e-3, "weight_decay": 0.1}, None, 1,
     "float32"),
    ("radam_groups", "RAdam", {"lr": 0.1},
     [{"params": [0], "betas": (0.9, 0.8)}, {"params": [1], "lr": 0.02, "weight_decay": 0.2}], 1, "float32"),
    ("radam_float64", "RAdam", {"lr": 0.1, "betas": (0.9, 0.9), "weight_decay": 0.01}, None, 1, "float64"),
    ("asgd_default", "ASGD", {}, None, 1, "float32"),
    ("asgd_averaging", "ASGD", {"lr": 0.02, "t0": 2.0}, None, 1, "float32"),
    ("asgd_lambd_alpha_wd", "ASGD", {"lr": 0.03, "lambd": 0.1, "alpha": 0.5, "t0": 3.0, "weight_decay": 0.1}, None, 1,
     "float32"),
    ("asgd_maximize", "ASGD", {"lr": 0.02, "maximize": True, "t0": 1.0}, None, -1, "float32"),
    ("asgd_groups", "ASGD", {"lr": 0.02, "t0": 2.0},
     [{"params": [0], "lambd": 0.05}, {"params": [1], "lr": 0.01, "t0": 0.0, "alpha": 1.0}], 1, "float32"),
    ("asgd_float64", "ASGD", {"lr": 0.03, "lambd": 0.01, "t0": 2.0, "weight_decay": 0.05}, None, 1, "float64"),
    ("rprop_default", "Rprop", {}, None, 1, "float32"),
    ("rprop_lr", "Rprop", {"lr": 0.2}, None, 1, "float32"),
    ("rprop_etas_step_sizes", "Rprop", {"lr": 0.1, "etas": (0.3, 1.5), "step_sizes": (0.01, 0.15)}, None, 1,
     "float32"),
    ("rprop_maximize", "Rprop", {"lr": 0.1, "maximize": True}, None, -1, "float32"),
    ("rprop_groups", "Rprop", {"lr": 0.1},
     [{"params": [0], "etas": (0.25, 2.0)}, {"params": [1], "lr": 0.3, "step_sizes": (1e-3, 0.2)}], 1, "float32"),
    ("rprop_float64", "Rprop", {"lr": 0.2, "etas": (0.4, 1.3)}, None, 1, "float64"),
    # the first optimizers again, for their state dicts: PyTorch's own, loaded by torch4j
    ("sgd_nesterov_loaded", "SGD", {"lr": 0.01, "momentum": 0.9, "nesterov": True, "weight_decay": 0.1}, None, 1,
     "float64"),
    ("sgd_plain_loaded", "SGD", {"lr": 0.01, "maximize": True}, None, -1, "float32"),
    ("adam_amsgrad_loaded", "Adam", {"lr": 0.1, "amsgrad": True, "weight_decay": 0.01}, None, 1, "float64"),
    ("adamw_groups_loaded", "AdamW", {"lr": 0.1},
     [{"params": [0], "betas": (0.5, 0.9)}, {"params": [1], "lr": 0.02, "amsgrad": True}], 1, "float32"),
    ("rmsprop_centered_loaded", "RMSprop", {"lr": 0.01, "momentum": 0.5, "centered": True, "weight_decay": 0.1},
     None, 1, "float64"),
    ("adagrad_loaded", "Adagrad", {"lr": 0.1, "lr_decay": 0.1, "initial_accumulator_value": 0.1}, None, 1,
     "float64"),
    ("adadelta_loaded", "Adadelta", {"lr": 2.0, "rho": 0.8, "weight_decay": 0.05}, None, 1, "float64"),
]

STEPS = 8
HALF = 4
# group options about PyTorch's implementation choices, which torch4j has no use for
INTERNAL = ("foreach", "differentiable", "capturable", "fused")


def make_optimizer(opt, options, groups, params):
    if groups is None:
        return OPTIMIZERS[opt](params, foreach=False, **options)
    gs = []
    for g in groups:
        g = dict(g)
        g["params"] = [params[i] for i in g["params"]]
        gs.append(g)
    return OPTIMIZERS[opt](gs, foreach=False, **options)


def run_optimizer(name, opt, options, groups, sign, dtype, saved):
    pb = Problem(dtype)
    params = pb.params()
    o = make_optimizer(opt, options, groups, params)
    steps = []
    half_state = None
    for i in range(STEPS):
        o.zero_grad()
        pb.loss(sign).backward()
        o.step()
        steps.append([flat(p) for p in params])
        if i + 1 == HALF:
            half_state = copy.deepcopy(o.state_dict())  # state_dict() shares the live state tensors
    sd = o.state_dict()
    keys = (list(sd["state"][0].keys()), sorted(k for k in sd["param_groups"][0].keys() if k not in INTERNAL + ("params",)))
    saved[name] = {"half": half_state, "final": copy.deepcopy(sd)}

    # a new optimizer over parameters at the step-HALF values, loading the saved state
    pb2 = Problem(dtype)
    with torch.no_grad():
        for p, values in zip(pb2.params(), steps[HALF - 1]):
            p.copy_(torch.tensor(values, dtype=p.dtype).reshape(p.shape))
    o2 = make_optimizer(opt, options, groups, pb2.params())
    o2.load_state_dict(copy.deepcopy(half_state))
    resumed = []
    for _ in range(HALF, STEPS):
        o2.zero_grad()
        pb2.loss(sign).backward()
        o2.step()
        resumed.append([flat(p) for p in pb2.params()])
    return {"name": name, "optimizer": opt, "dtype": dtype, "options": jsonable(options), "groups": jsonable(groups),
            "sign": sign, "steps": steps, "half": HALF, "resumed": resumed, "state_keys": keys[0],
            "group_keys": keys[1]}


def enc(t):
    """A tensor's JSON form; complex data interleaved (re, im), as torch.view_as_real lays it out."""
    t = t.detach()
    real = torch.view_as_real(t) if t.is_complex() else t
    return {"dtype": str(t.dtype)[6:], "shape": list(t.shape), "data": real.reshape(-1).tolist()}


Z0 = [[0.5, -1.25], [1.5, 0.75], [-0.25, 2.0]]
W0 = [[1.0, 0.5], [-0.75, 1.25], [0.25, -1.5]]

COMPLEX_CASES = [
    ("adamax_complex64", "Adamax", {"lr": 0.1, "weight_decay": 0.1}, "complex64"),
    ("adamax_complex128", "Adamax", {"lr": 0.1, "maximize": False}, "complex128"),
    ("asgd_complex64", "ASGD", {"lr": 0.05, "t0": 2.0, "lambd": 0.01}, "complex64"),
    ("asgd_complex128", "ASGD", {"lr": 0.05, "t0": 1.0, "weight_decay": 0.1}, "complex128"),
    ("rprop_complex64", "Rprop", {"lr": 0.1}, "complex64"),
    ("rprop_complex128", "Rprop", {"lr": 0.1, "etas": (0.3, 1.5), "step_sizes": (0.01, 0.3)}, "complex128"),
]


def complex_param(values, dtype):
    return torch.view_as_complex(torch.tensor(values, dtype=torch.float64)).to(getattr(torch, dtype))


def run_complex(name, opt, options, dtype):
    z, w = complex_param(Z0, dtype).requires_grad_(), complex_param(W0, dtype).requires_grad_()
    o = OPTIMIZERS[opt]([z, w], foreach=False, **options)
    for _ in range(5):
        o.zero_grad()
        ((z * w).abs().sum() + (z - w).abs().pow(2).sum()).backward()
        o.step()
    return {"name": name, "optimizer": opt, "options": jsonable(options), "z0": enc(complex_param(Z0, dtype)),
            "w0": enc(complex_param(W0, dtype)), "z": enc(z), "w": enc(w)}


SCALE_FNS = {
    "inverse": lambda x: 1 / (1 + 0.1 * x),
    "third": lambda x: 1 / 3 ** x,
}

# (name, optimizer, optimizer options, group lrs, scheduler, options, steps, extra)
SCHED_CASES = [
    ("cyclic_triangular", "SGD", {"lr": 0.1, "momentum": 0.9}, [0.1], "CyclicLR",
     {"base_lr": 0.01, "max_lr": 0.1, "step_size_up": 4}, 30, {}),
    ("cyclic_triangular_down", "SGD", {"lr": 0.1, "momentum": 0.9}, [0.1, 0.2], "CyclicLR",
     {"base_lr": [0.01, 0.02], "max_lr": [0.1, 0.5], "step_size_up": 3, "step_size_down": 5}, 30, {}),
    ("cyclic_triangular2", "SGD", {"lr": 0.1, "momentum": 0.9}, [0.1], "CyclicLR",
     {"base_lr": 0.001, "max_lr": 0.1, "step_size_up": 3, "mode": "triangular2", "base_momentum": 0.85,
      "max_momentum": 0.95}, 30, {}),
    ("cyclic_exp_range", "SGD", {"lr": 0.1, "momentum": 0.9}, [0.1], "CyclicLR",
     {"base_lr": 0.01, "max_lr": 0.2, "step_size_up": 2, "step_size_down": 3, "mode": "exp_range", "gamma": 0.9},
     30, {}),
    ("cyclic_no_momentum", "Adam", {"lr": 0.1}, [0.1], "CyclicLR",
     {"base_lr": 0.01, "max_lr": 0.05, "step_size_up": 2.5, "cycle_momentum": False}, 20, {}),
    ("cyclic_rmsprop_momentum", "RMSprop", {"lr": 0.1, "momentum": 0.5}, [0.1, 0.1], "CyclicLR",
     {"base_lr": 0.01, "max_lr": 0.05, "step_size_up": 3, "base_momentum": [0.7, 0.6], "max_momentum": [0.9, 0.8]},
     20, {}),
    ("cyclic_scale_fn_cycle", "SGD", {"lr": 0.1, "momentum": 0.9}, [0.1], "CyclicLR",
     {"base_lr": 0.01, "max_lr": 0.1, "step_size_up": 2, "scale_fn": "third", "mode": "ignored"}, 20, {}),
    ("cyclic_scale_fn_iterations", "SGD", {"lr": 0.1, "momentum": 0.9}, [0.1], "CyclicLR",
     {"base_lr": 0.01, "max_lr": 0.1, "step_size_up": 2, "scale_fn": "inverse", "scale_mode": "iterations"}, 20, {}),
    ("cyclic_resume", "SGD", {"lr": 0.1, "momentum": 0.9}, [0.1], "CyclicLR",
     {"base_lr": 0.01, "max_lr": 0.1, "step_size_up": 3}, 15, {"resume": 5}),
    ("warm_restarts", "SGD", {"lr": 0.1}, [0.1], "CosineAnnealingWarmRestarts", {"T_0": 5}, 30, {}),
    ("warm_restarts_mult", "SGD", {"lr": 0.1}, [0.1, 0.05], "CosineAnnealingWarmRestarts",
     {"T_0": 3, "T_mult": 2, "eta_min": 0.001}, 40, {}),
    ("warm_restarts_resume", "SGD", {"lr": 0.1}, [0.1], "CosineAnnealingWarmRestarts",
     {"T_0": 4, "T_mult": 2, "eta_min": 0.01}, 20, {"resume": 6}),
    ("warm_restarts_epochs", "SGD", {"lr": 0.1}, [0.1], "CosineAnnealingWarmRestarts",
     {"T_0": 4, "eta_min": 0.005}, None,
     {"epochs": [0.25, 0.5, 1.0, 2.75, 3.9, 4.0, 4.1, 7.5, 8.0, 9.25, 3.0, 0.0, 12.6, 100.3, 5]}),
    ("warm_restarts_epochs_mult", "SGD", {"lr": 0.1}, [0.1], "CosineAnnealingWarmRestarts",
     {"T_0": 2, "T_mult": 3, "eta_min": 0.001}, None,
     {"epochs": [0.5, 1.5, 2.0, 2.5, 7.9, 8.0, 8.1, 25.0, 26.5, 80.0, 81.25, 1.0, 3, 10, 27]}),
    ("swa_cos", "SGD", {"lr": 0.1}, [0.1], "SWALR", {"swa_lr": 0.02, "anneal_epochs": 5}, 12, {}),
    ("swa_linear_groups", "SGD", {"lr": 0.1}, [0.1, 0.3], "SWALR",
     {"swa_lr": [0.05, 0.01], "anneal_epochs": 4, "anneal_strategy": "linear"}, 10, {}),
    ("swa_default", "Adam", {"lr": 0.1}, [0.1], "SWALR", {"swa_lr": 0.5}, 14, {}),
    ("swa_no_anneal", "SGD", {"lr": 0.1}, [0.1], "SWALR", {"swa_lr": 0.03, "anneal_epochs": 0}, 5, {}),
    ("swa_resume", "SGD", {"lr": 0.1}, [0.1], "SWALR", {"swa_lr": 0.01, "anneal_epochs": 6}, 12, {"resume": 3}),
]


def make_scheduler(kind, o, options, last_epoch=-1):
    opts = dict(options)
    if "scale_fn" in opts:
        opts["scale_fn"] = SCALE_FNS[opts["scale_fn"]]
    cls = optim.swa_utils.SWALR if kind == "SWALR" else getattr(sched, kind)
    return cls(o, last_epoch=last_epoch, **opts)


def momentums(o):
    return [g.get("momentum") for g in o.param_groups]


def scheduler_state(s):
    skip = {"verbose", "_get_lr_called_within_step", "_scale_fn_ref", "_scale_fn_custom", "anneal_func"}
    return {k: v for k, v in s.state_dict().items() if k not in skip}


def run_scheduler(name, opt, opt_options, lrs, kind, options, steps, extra):
    params = [torch.zeros(2, requires_grad=True) for _ in lrs]
    o = OPTIMIZERS[opt]([{"params": [p], "lr": lr} for p, lr in zip(params, lrs)], **opt_options)
    s = make_scheduler(kind, o, options)
    rec_lrs, moms = [list(s.get_last_lr())], [momentums(o)]
    case = {"name": name, "optimizer": opt, "optimizer_options": opt_options, "groups": lrs, "scheduler": kind,
            "options": options}
    epochs = extra.get("epochs")
    if epochs is not None:
        case["epochs"] = epochs
        t_cur, t_i, last = [s.T_cur], [s.T_i], [s.last_epoch]
        for e in epochs:
            for p in params:
                p.grad = torch.ones(2)
            o.step()
            s.step(e)
            rec_lrs.append(list(s.get_last_lr()))
            moms.append(momentums(o))
            t_cur.append(s.T_cur)
            t_i.append(s.T_i)
            last.append(s.last_epoch)
        case.update({"t_cur": t_cur, "t_i": t_i, "last_epoch": last})
    else:
        case["steps"] = steps
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
            moms.append(momentums(o))
        if resume is not None:
            case["resume"] = resume
    case.update({"lrs": rec_lrs, "momentums": moms, "state": scheduler_state(s)})
    return case


def error_of(fn):
    try:
        fn()
    except (ValueError, KeyError) as e:
        return str(e) if not isinstance(e, KeyError) else e.args[0]
    raise AssertionError("expected an error")


# (optimizer, options) whose construction PyTorch rejects
OPT_ERRORS = [
    ("Adamax", {"lr": -0.1}), ("Adamax", {"eps": -1e-08}), ("Adamax", {"betas": (1.0, 0.999)}),
    ("Adamax", {"betas": (0.9, -0.5)}), ("Adamax", {"weight_decay": -0.25}), ("Adamax", {"lr": math.nan}),
    ("NAdam", {"lr": -0.002}), ("NAdam", {"eps": -1.0}), ("NAdam", {"betas": (-0.1, 0.999)}),
    ("NAdam", {"betas": (0.9, 1.0)}), ("NAdam", {"weight_decay": -0.5}), ("NAdam", {"momentum_decay": -0.004}),
    ("RAdam", {"lr": -0.001}), ("RAdam", {"eps": -1e-08}), ("RAdam", {"betas": (1.5, 0.999)}),
    ("RAdam", {"betas": (0.9, 1.0)}), ("RAdam", {"weight_decay": -0.01}),
    ("ASGD", {"lr": -0.01}), ("ASGD", {"weight_decay": -0.1}),
    ("Rprop", {"lr": -0.01}), ("Rprop", {"etas": (0.0, 1.2)}), ("Rprop", {"etas": (1.0, 1.2)}),
    ("Rprop", {"etas": (0.5, 1.0)}), ("Rprop", {"etas": (0.5, 0.75)}),
]

# (scheduler, optimizer, options) that PyTorch rejects; the optimizer has two groups
SCHED_ERRORS = [
    ("CyclicLR", "SGD", {"base_lr": [0.1, 0.2, 0.3], "max_lr": 1.0}),
    ("CyclicLR", "SGD", {"base_lr": 0.1, "max_lr": [1.0]}),
    ("CyclicLR", "SGD", {"base_lr": 0.1, "max_lr": 1.0, "mode": "triangle"}),
    ("CyclicLR", "Adam", {"base_lr": 0.1, "max_lr": 1.0}),
    ("CyclicLR", "SGD", {"base_lr": 0.1, "max_lr": 1.0, "base_momentum": [0.8, 0.7, 0.6]}),
    ("CyclicLR", "SGD", {"base_lr": 0.1, "max_lr": 1.0, "max_momentum": [0.9, 0.8, 0.7]}),
    ("CyclicLR_resume", "SGD", {"base_lr": 0.1, "max_lr": 1.0, "last_epoch": 3}),
    ("CosineAnnealingWarmRestarts", "SGD", {"T_0": 0}),
    ("CosineAnnealingWarmRestarts", "SGD", {"T_0": -3}),
    ("CosineAnnealingWarmRestarts", "SGD", {"T_0": 5, "T_mult": 0}),
    ("CosineAnnealingWarmRestarts_epoch", "SGD", {"T_0": 5, "epoch": -1}),
    ("CosineAnnealingWarmRestarts_epoch", "SGD", {"T_0": 5, "epoch": -0.5}),
    ("SWALR", "SGD", {"swa_lr": [0.1, 0.2, 0.3]}),
    ("SWALR", "SGD", {"swa_lr": 0.1, "anneal_strategy": "exp"}),
    ("SWALR", "SGD", {"swa_lr": 0.1, "anneal_epochs": -1}),
]


def error_cases():
    out = []
    for opt, options in OPT_ERRORS:
        p = torch.zeros(2, requires_grad=True)
        msg = error_of(lambda: OPTIMIZERS[opt]([p], **options))
        out.append({"kind": "optimizer", "optimizer": opt, "options": jsonable(options), "error": msg})
    for kind, opt, options in SCHED_ERRORS:
        ps = [torch.zeros(2, requires_grad=True) for _ in range(2)]
        o = OPTIMIZERS[opt]([{"params": [ps[0]]}, {"params": [ps[1]]}], lr=0.1)
        kw = dict(options)
        if kind == "CyclicLR_resume":
            msg = error_of(lambda: sched.CyclicLR(o, **kw))
        elif kind == "CosineAnnealingWarmRestarts_epoch":
            epoch = kw.pop("epoch")
            s = sched.CosineAnnealingWarmRestarts(o, **kw)
            msg = error_of(lambda: s.step(epoch))
        elif kind == "SWALR":
            msg = error_of(lambda: optim.swa_utils.SWALR(o, **kw))
        else:
            msg = error_of(lambda: getattr(sched, kind)(o, **kw))
        out.append({"kind": kind, "optimizer": opt, "options": jsonable(options), "error": msg})
    return out


def main():
    torch.set_default_dtype(torch.float32)
    saved = {}
    out = {"torch": torch.__version__,
           "optimizers": [run_optimizer(*c, saved) for c in OPT_CASES],
           "complex": [run_complex(*c) for c in COMPLEX_CASES],
           "schedulers": [run_scheduler(*c) for c in SCHED_CASES],
           "errors": error_cases()}
    os.makedirs(OUT_DIR, exist_ok=True)
    with open(os.path.join(OUT_DIR, "optim_extra.json"), "w") as f:
        json.dump(out, f, separators=(",", ":"))
        f.write("\n")
    buf = io.BytesIO()
    torch.save(saved, buf)
    with open(os.path.join(OUT_DIR, "optim_extra.pt"), "wb") as f:
        f.write(buf.getvalue())


if __name__ == "__main__":
    import warnings
    warnings.simplefilter("ignore")
    main()
