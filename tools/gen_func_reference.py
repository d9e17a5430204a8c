#!/usr/bin/python3
"""Writes PyTorch 1.13's answers for functorch (torch.func) and torch.nn.utils.stateless.functional_call
(FuncTest, StatelessTest).

Run with Debian's interpreter, which has PyTorch 1.13 and functorch:

    /usr/bin/python3 tools/gen_func_reference.py

Output: api/src/test/resources/reference/func.json, deterministic (fixed seeds, fixed inputs), float64.

"transforms": each case names a function defined alike here (FUNCS) and in FuncTest, its inputs and the
transform's outputs. "mlp" and "cnn": a model's state dict, a batch, and the per-sample gradients of the
cross-entropy loss from vmap(grad(...)) over functional_call. "ensemble": three models' state dicts, the outputs
of vmap over combine_state_for_ensemble's function (shared and per-model batches) and the gradients of a loss
of them with respect to the stacked parameters; "ensemble_bn" the same with batch-norm buffers (eval mode).
"stateless": functional_call cases. "errors": functorch's messages, for functions named f.
"more": the second round, drawn after everything above so that those values stay as they were: has_aux for vjp,
jvp, jacrev and jacfwd, Jacobians of functions with several outputs ([output][argnum]), what vmap's out_dims=None must
return (functorch 1.13 refuses out_dims=None, so the values are computed without vmap; the Java side follows
PyTorch 2), functional_call of a module whose forward uses a captured tensor that requires grad, and more
messages.
"""
import json
import os
import warnings

import torch
import torch.nn as nn
import torch.nn.functional as F
import torch.nn.utils.parametrize as P
from torch.nn.utils.stateless import functional_call
from functorch import grad, grad_and_value, vjp, jvp, jacrev, jacfwd, hessian, vmap, make_functional, \
    make_functional_with_buffers, combine_state_for_ensemble

from reference_io import OUT, enc, rounded_normal, state

warnings.filterwarnings("ignore")
torch.set_num_threads(1)
GEN = torch.Generator().manual_seed(20261204)
F64 = torch.float64


def rnd(*shape):
    return rounded_normal(GEN, *shape)


# ---- transforms -------------------------------------------------------------------------------------------

FUNCS = {
    'sin_x': lambda x: (x.sin() * x).sum(),
    'pair': lambda a, b: (a * b.exp()).sum() + (a ** 2 * b).sum(),
    'aux': lambda a: ((a ** 2).sum(), a * 2),
    'poly0': lambda x: x.sin() * x ** 2,
    'two_out': lambda a, b: (a.sin() * b.cumsum(0), (a * b).sum()),
    'exp_flip': lambda a, b: (a.exp() * b.flip(0), (a * b).sum()),
    'cum_prod': lambda x: x.sin().cumsum(0) * x.prod(),
    'mat_tanh': lambda a, m: m @ a.tanh(),
    'cubic_cos': lambda x: (x.pow(3) * x.cos()).sum() + x[0] * x[1],
    'sin_sum': lambda x: x.sin() * x.sum(),
    'mul_sum': lambda a, b: a * b + a.sum(),
    'softmax': lambda a: a.softmax(-1),
    'dot': lambda a, b: (a * b).sum(),
    'tanh_loss': lambda w, x: (x @ w).tanh().sum(),
    'sum_twice': lambda a: (a.sum(), a * 2),
}

TRANSFORMS = {}


def case(name, inputs, outputs):
    TRANSFORMS[name] = {'inputs': [enc(t) for t in inputs], 'out': [enc(t) for t in outputs]}


def transforms():
    f = FUNCS
    x = rnd(4)
    case('grad', [x], [grad(f['sin_x'])(x)])
    a, b = rnd(3), rnd(3)
    case('grad_argnums', [a, b], list(grad(f['pair'], argnums=(0, 1))(a, b)))
    case('grad_argnum_last', [a, b], [grad(f['pair'], argnums=-1)(a, b)])
    g, (value, aux) = grad_and_value(f['aux'], has_aux=True)(a)
    case('grad_and_value_aux', [a], [g, value, aux])
    g, value = grad_and_value(f['sin_x'])(x)
    case('grad_and_value', [x], [g, value])
    s = torch.tensor(0.7, dtype=F64)
    case('grad_grad', [s], [grad(grad(f['poly0']))(s)])
    v, w = rnd(3), torch.tensor(1.5, dtype=F64)
    outs, fn = vjp(f['two_out'], a, b)
    case('vjp', [a, b, v, w], list(outs) + list(fn((v, w))))
    ta, tb = rnd(3), rnd(3)
    outs, prods = jvp(f['exp_flip'], (a, b), (ta, tb))
    case('jvp', [a, b, ta, tb], list(outs) + list(prods))
    x3 = rnd(3)
    case('jacrev', [x3], [jacrev(f['cum_prod'])(x3)])
    case('jacfwd', [x3], [jacfwd(f['cum_prod'])(x3)])
    m = rnd(4, 3)
    case('jacrev_argnums', [a, m], list(jacrev(f['mat_tanh'], argnums=(0, 1))(a, m)))
    case('jacfwd_argnums', [a, m], list(jacfwd(f['mat_tanh'], argnums=(0, 1))(a, m)))
    case('hessian', [x3], [hessian(f['cubic_cos'])(x3)])
    case('jacrev_jacrev', [x3], [jacrev(jacrev(f['sin_sum']))(x3)])
    a32, b3 = rnd(3, 2), rnd(3)
    case('vmap_dims', [a32, b3], [vmap(f['mul_sum'], in_dims=(1, None), out_dims=1)(a32, b3)])
    a243 = rnd(2, 4, 3)
    case('vmap_neg', [a243], [vmap(f['softmax'], in_dims=-2, out_dims=-1)(a243)])
    a34, b54 = rnd(3, 4), rnd(5, 4)
    case('vmap_nested', [a34, b54], [vmap(vmap(f['dot'], in_dims=(0, None)), in_dims=(None, 0))(a34, b54)])
    w32, x43 = rnd(3, 2), rnd(4, 3)
    case('vmap_grad', [w32, x43], [vmap(grad(f['tanh_loss']), in_dims=(None, 0))(w32, x43)])
    case('vmap_multi_out', [a32], list(vmap(f['sum_twice'], out_dims=(0, 1))(a32)))


# ---- per-sample gradients and ensembles ---------------------------------------------------------------------

def per_sample(model, x, y):
    params = {k: v.detach() for k, v in model.named_parameters()}

    def loss(p, xi, yi):
        return F.cross_entropy(functional_call(model, p, (xi.unsqueeze(0),)), yi.unsqueeze(0))

    grads = vmap(grad(loss), in_dims=(None, 0, 0))(params, x, y)
    return {'state': state(model), 'x': enc(x), 'y': enc(y), 'names': list(params), 'grads': [enc(grads[k]) for k in params]}


def mlp():
    torch.manual_seed(0)
    model = nn.Sequential(nn.Linear(4, 8), nn.Tanh(), nn.Linear(8, 3)).double()
    return per_sample(model, rnd(5, 4), torch.tensor([0, 2, 1, 2, 0]))


def cnn():
    torch.manual_seed(1)
    model = nn.Sequential(nn.Conv2d(1, 2, 3), nn.Tanh(), nn.Conv2d(2, 2, 3), nn.Flatten(), nn.Linear(8, 3)).double()
    return per_sample(model, rnd(4, 1, 6, 6), torch.tensor([1, 0, 2, 1]))


def ensemble(build, batch):
    models = []
    for i in range(3):
        torch.manual_seed(10 + i)
        models.append(build())
    fmodel, params, buffers = combine_state_for_ensemble(models)
    x, xs = batch(4), torch.stack([batch(4) for _ in range(3)])
    shared = vmap(fmodel, in_dims=(0, 0, None))(params, buffers, x)
    params = tuple(p.requires_grad_() for p in params)
    each = vmap(fmodel, in_dims=(0, 0, 0))(params, buffers, xs)
    grads = torch.autograd.grad(each.pow(2).sum(), params)
    return {'states': [state(m) for m in models], 'x': enc(x), 'xs': enc(xs), 'shared': enc(shared), 'each': enc(each),
            'grads': [enc(g) for g in grads], 'params': [enc(p) for p in params], 'buffers': [enc(b) for b in buffers]}


def bn_model():
    m = nn.Sequential(nn.Linear(3, 4), nn.BatchNorm1d(4), nn.Tanh()).double().eval()
    with torch.no_grad():
        m[1].running_mean.copy_(rnd(4))
        m[1].running_var.copy_(rnd(4).abs() + 0.5)
        m[1].weight.copy_(rnd(4))
    return m


# ---- functional_call ------------------------------------------------------------------------------------------

class Symmetric(nn.Module):
    def forward(self, X):
        return X.triu() + X.triu(1).transpose(0, 1)


def stateless():
    out = {}
    torch.manual_seed(2)
    lin = nn.Linear(3, 2).double()
    w, b, x = rnd(2, 3).requires_grad_(), rnd(2).requires_grad_(), rnd(4, 3).requires_grad_()
    y = functional_call(lin, {'weight': w, 'bias': b}, (x,))
    gw, gb, gx = torch.autograd.grad(y.pow(2).sum(), (w, b, x))
    out['linear'] = {'state': state(lin), 'weight': enc(w), 'bias': enc(b), 'x': enc(x), 'out': enc(y),
                     'grads': [enc(gw), enc(gb), enc(gx)]}

    torch.manual_seed(3)
    seq = nn.Sequential(nn.Linear(3, 4), nn.Tanh(), nn.Linear(4, 2)).double()
    w2, x = rnd(2, 4).requires_grad_(), rnd(5, 3)
    y = functional_call(seq, {'2.weight': w2}, (x,))
    grads = torch.autograd.grad(y.sin().sum(), (w2, seq[0].weight, seq[2].bias))
    out['subset'] = {'state': state(seq), 'weight': enc(w2), 'x': enc(x), 'out': enc(y), 'grads': [enc(g) for g in grads]}

    torch.manual_seed(4)
    convs = nn.Sequential(nn.Conv2d(1, 2, 3), nn.Tanh(), nn.Conv2d(2, 3, 2)).double()
    given = {k: rnd(*v.shape).requires_grad_() for k, v in convs.named_parameters()}
    x = rnd(2, 1, 5, 5)
    y = functional_call(convs, given, (x,))
    grads = torch.autograd.grad(y.pow(2).sum(), tuple(given.values()))
    out['convs'] = {'state': state(convs), 'names': list(given), 'given': [enc(v) for v in given.values()], 'x': enc(x),
                    'out': enc(y), 'grads': [enc(g) for g in grads]}

    torch.manual_seed(5)
    bn = nn.BatchNorm1d(3).double()
    mean, var, x = rnd(3), rnd(3).abs() + 0.5, rnd(6, 3)
    m0, v0 = mean.clone(), var.clone()
    y = functional_call(bn, {'running_mean': mean, 'running_var': var}, (x,))
    out['batchnorm'] = {'mean': enc(m0), 'var': enc(v0), 'x': enc(x), 'out': enc(y), 'mean_after': enc(mean),
                        'var_after': enc(var), 'module_mean': enc(bn.running_mean), 'module_var': enc(bn.running_var)}

    torch.manual_seed(7)
    small = nn.Sequential(nn.Linear(2, 3), nn.Tanh(), nn.Linear(3, 1)).double()
    w0, x = rnd(3, 2), rnd(4, 2)
    h = hessian(lambda w: functional_call(small, {'0.weight': w}, (x,)).pow(2).sum())(w0)
    out['hessian'] = {'state': state(small), 'weight': enc(w0), 'x': enc(x), 'hessian': enc(h)}

    torch.manual_seed(6)
    plin = nn.Linear(3, 3).double()
    P.register_parametrization(plin, 'weight', Symmetric())
    original, direct, x = rnd(3, 3), rnd(3, 3), rnd(2, 3)
    out['parametrized'] = {'state': state(plin), 'original': enc(original), 'direct': enc(direct), 'x': enc(x),
                           'via_original': enc(functional_call(plin, {'parametrizations.weight.original': original}, (x,))),
                           'via_weight': enc(functional_call(plin, {'weight': direct}, (x,))),
                           'plain': enc(plin(x))}
    return out


# ---- errors ---------------------------------------------------------------------------------------------------

def message(fn):
    try:
        fn()
    except Exception as e:
        return str(e)
    raise AssertionError('no error')


def errors():
    x, m = torch.ones(3, dtype=F64), torch.ones(2, 3, dtype=F64)

    def f(a):
        return a * 2

    def f2(a, b):
        return a + b

    def f_none(a):
        return None

    def f_tuple(a):
        return (a,)

    def f_rand(a):
        return a + torch.rand(())

    def f_sum(a):
        return a.sum()

    def f_pair(a, b):
        return (a * b).sum()

    for fn in (f2, f_none, f_tuple, f_rand, f_sum, f_pair):
        fn.__name__ = 'f'  # the name the Java messages use

    return {
        'grad_non_scalar': message(lambda: grad(f)(x)),
        'grad_argnum': message(lambda: grad(f_sum, argnums=1)(x)),
        'grad_argnum_negative': message(lambda: grad(f_sum, argnums=-2)(x)),
        'argnums_empty': message(lambda: jacrev(f, argnums=())(x)),
        'argnums_unique': message(lambda: grad(f_pair, argnums=(0, 0))(x, x)),
        'grad_integer': message(lambda: grad(f_sum)(torch.arange(3))),
        'vmap_in_dims_length': message(lambda: vmap(f2, in_dims=(0,))(x, x)),
        'vmap_sizes': message(lambda: vmap(f2)(x, torch.ones(4, dtype=F64))),
        'vmap_in_dim_range': message(lambda: vmap(f, in_dims=1)(x)),
        'vmap_in_dim_range_tuple': message(lambda: vmap(f2, in_dims=(0, -3))(x, m)),
        'vmap_nothing_mapped': message(lambda: vmap(f, in_dims=(None,))(x)),
        'vmap_no_inputs': message(lambda: vmap(f)()),
        'vmap_in_dims_none': message(lambda: vmap(f, in_dims=None)(x)),
        'vmap_out_dims_length': message(lambda: vmap(f_tuple, out_dims=(0, 0))(x)),
        'vmap_out_dim_range': message(lambda: vmap(f, out_dims=1)(x)),
        'vmap_none_output': message(lambda: vmap(f_none)(x)),
        'vmap_random': message(lambda: vmap(f_rand)(x)),
        'vmap_randomness': message(lambda: vmap(f, randomness='sometimes')(x)),
        'jvp_structure': message(lambda: jvp(f, (x,), ())),
        'jvp_size': message(lambda: jvp(f, (x,), (torch.ones(4, dtype=F64),))),
        'jvp_integer': message(lambda: jvp(f, (torch.arange(3),), (torch.ones(3),))),
        'vjp_structure': message(lambda: vjp(lambda a: (a, a * 2), x)[1]((x,))),
        'vjp_shape': message(lambda: vjp(f, x)[1](torch.ones(4, dtype=F64))),
        'ensemble_empty': message(lambda: combine_state_for_ensemble([])),
        'ensemble_mode': message(lambda: combine_state_for_ensemble([nn.Linear(2, 2), nn.Linear(2, 2).eval()])),
        'ensemble_class': message(lambda: combine_state_for_ensemble([nn.Linear(2, 2), nn.Conv1d(2, 2, 1)])),
        'make_functional_buffers': message(lambda: make_functional(nn.BatchNorm1d(2))),
        'stateless_submodule': message(lambda: functional_call(nn.Sequential(nn.Linear(2, 2)), {'1.weight': torch.ones(2, 2)},
                                                               (torch.ones(1, 2),))),
    }


# ---- the second round: has_aux, several outputs, out_dims=None, captured tensors ---------------------------------

MORE_FUNCS = {
    'vjp_aux': lambda a, b: ((a.sin() * b, (a * b).sum()), a.cos()),
    'jac_aux': lambda a, b: (a.sin() * b.cumsum(0), (a * b).sum()),
    'jac_multi': lambda a, m: (m @ a.tanh(), (a * a).sum() * m.sum()),
    'jac_multi_aux': lambda a: ((a.exp() * a[0], a.sum()), a * 3),
}


class Captures(nn.Module):
    """A module whose forward reads a tensor it does not register (captured from outside)."""

    def __init__(self, c):
        super().__init__()
        self.lin = nn.Linear(3, 2).double()
        self.c = c

    def forward(self, x):
        return torch.tanh(self.lin(x)) * self.c


def more():
    f, out = MORE_FUNCS, {}

    def put(name, inputs, outputs):
        out[name] = {'inputs': [enc(t) for t in inputs], 'out': [enc(t) for t in outputs]}

    a, b, v, w = rnd(3), rnd(3), rnd(3), torch.tensor(0.8, dtype=F64)
    outs, fn, aux = vjp(f['vjp_aux'], a, b, has_aux=True)
    put('vjp_aux', [a, b, v, w], list(outs) + list(fn((v, w))) + [aux])
    jac, aux = jacrev(f['jac_aux'], argnums=(0, 1), has_aux=True)(a, b)
    put('jacrev_aux', [a, b], list(jac) + [aux])
    jac, aux = jacfwd(f['jac_aux'], argnums=(0, 1), has_aux=True)(a, b)
    put('jacfwd_aux', [a, b], list(jac) + [aux])
    m = rnd(4, 3)
    put('jacrev_multi', [a, m], [j for per_out in jacrev(f['jac_multi'], argnums=(0, 1))(a, m) for j in per_out])
    put('jacfwd_multi', [a, m], [j for per_out in jacfwd(f['jac_multi'], argnums=(0, 1))(a, m) for j in per_out])
    (j0, j1), aux = jacrev(f['jac_multi_aux'], has_aux=True)(a)
    put('jacrev_multi_aux', [a], [j0, j1, aux])
    (j0, j1), aux = jacfwd(f['jac_multi_aux'], has_aux=True)(a)
    put('jacfwd_multi_aux', [a], [j0, j1, aux])
    # vmap(lambda a, b: (a * b, b.exp()), in_dims=(0, None), out_dims=(0, None)) as PyTorch 2 returns it
    a32, b2 = rnd(3, 2), rnd(2)
    put('vmap_out_dims_none', [a32, b2], [torch.stack([r * b2 for r in a32]), b2.exp()])

    torch.manual_seed(8)
    c = rnd(2).requires_grad_()
    cap = Captures(c)
    w, x = rnd(2, 3).requires_grad_(), rnd(4, 3).requires_grad_()
    y = functional_call(cap, {'lin.weight': w}, (x,))
    gw, gc, gx, gb = torch.autograd.grad(y.pow(2).sum(), (w, c, x, cap.lin.bias), create_graph=True)
    gg = torch.autograd.grad(gw.pow(2).sum() + gc.sum(), (w, c))
    out['captured'] = {'state': state(cap.lin), 'c': enc(c), 'weight': enc(w), 'x': enc(x), 'out': enc(y),
                       'grads': [enc(g) for g in (gw, gc, gx, gb)], 'gradgrads': [enc(g) for g in gg]}

    a, b, ta, tb = rnd(3), rnd(3), rnd(3), rnd(3)
    outs, prods, aux = jvp(f['vjp_aux'], (a, b), (ta, tb), has_aux=True)
    put('jvp_aux', [a, b, ta, tb], list(outs) + list(prods) + [aux])

    x, y = torch.ones(3, dtype=F64), torch.ones(2, dtype=F64)

    def f_id(a):
        return a * 2

    def f_none(a):
        return None

    def f_empty(a):
        return ()

    def f_none_second(a):
        return a, None

    def f_long(a):
        return (a * 2).long()

    def f_tuple(a):
        return a.sum(), a.sum()

    def f_rand(a):
        return a * torch.rand(3, dtype=F64)

    def f_rand_sum(a):
        return (a * torch.rand(3, dtype=F64)).sum()

    def f_captured_normal(a):
        return y.normal_() + a[0]

    def f_unmapped_normal(a, b):
        return b.normal_() + a[0]

    for fn in (f_id, f_none, f_empty, f_none_second, f_long, f_tuple, f_rand, f_rand_sum, f_captured_normal, f_unmapped_normal):
        fn.__name__ = 'f'
    m2 = torch.ones(3, 2, dtype=F64)
    out['errors'] = {
        'vjp_aux_not_pair': message(lambda: vjp(f_id, x, has_aux=True)),
        'jacrev_aux_not_pair': message(lambda: jacrev(f_id, has_aux=True)(x)),
        'jacfwd_aux_not_pair': message(lambda: jacfwd(f_id, has_aux=True)(x)),
        'jvp_aux_not_pair': message(lambda: jvp(f_id, (x,), (x,), has_aux=True)),
        'vjp_none': message(lambda: vjp(f_none, x)),
        'vjp_empty': message(lambda: vjp(f_empty, x)),
        'vjp_none_second': message(lambda: vjp(f_none_second, x)),
        'jacrev_none': message(lambda: jacrev(f_none)(x)),
        'jacfwd_empty': message(lambda: jacfwd(f_empty)(x)),
        'jvp_none_second': message(lambda: jvp(f_none_second, (x,), (x,))),
        'jacrev_integer_output': message(lambda: jacrev(f_long)(x)),
        'vjp_integer_output': message(lambda: vjp(f_long, x)),
        'grad_tuple': message(lambda: grad(f_tuple)(x)),
        'vmap_different_inplace_captured': message(lambda: vmap(f_captured_normal, randomness='different')(m2)),
        'vmap_different_inplace_unmapped': message(lambda: vmap(f_unmapped_normal, in_dims=(0, None),
                                                                 randomness='different')(m2, y)),
        'vmap_error_inplace': message(lambda: vmap(f_captured_normal, randomness='error')(m2)),
        'jacfwd_random': message(lambda: jacfwd(f_rand)(x)),
        'hessian_random': message(lambda: hessian(f_rand_sum)(x)),
        'jacfwd_randomness': message(lambda: jacfwd(f_rand, randomness='sometimes')(x)),
    }
    return out


def main():
    transforms()
    data = {'transforms': TRANSFORMS, 'mlp': mlp(), 'cnn': cnn(),
            'ensemble': ensemble(lambda: nn.Sequential(nn.Linear(3, 5), nn.ReLU(), nn.Linear(5, 2)).double(), lambda n: rnd(n, 3)),
            'ensemble_bn': ensemble(bn_model, lambda n: rnd(n, 3)),
            'stateless': stateless(), 'errors': errors(), 'more': more()}
    path = os.path.join(OUT, 'func.json')
    with open(path, 'w') as fh:
        json.dump(data, fh, indent=None, separators=(',', ':'))
        fh.write('\n')
    print(path, os.path.getsize(path), 'bytes')


if __name__ == '__main__':
    main()
