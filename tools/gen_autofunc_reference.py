#!/usr/bin/python3
"""Writes PyTorch's answers for torch.autograd.functional and the torch.linalg additions of the autofunc round
(AutogradFunctionalTest, LinalgExtraTest).

Run with Debian's interpreter, which has PyTorch (1.13):

    /usr/bin/python3 tools/gen_autofunc_reference.py

Output: api/src/test/resources/reference/autofunc.json, deterministic (fixed seed, fixed inputs), float64 unless a
case says otherwise.

"functional": each case names a function ("fn", defined alike here in FUNCS and in AutogradFunctionalTest), the
inputs, "several" (whether inputs and outputs are passed as tuples, the Java list forms), the options, and either
the result ("out": the flattened jacobian/hessian [i][j] row-major, or "outputs" and "products") or PyTorch's
message ("error").

"linalg": each case names an op (OPS here, LinalgExtraTest.call in Java), its tensor args, scalar kw, and
"out" (the outputs) or "error"; "grad" marks the ops the Java side also gradchecks.
"""
import json
import os

import torch
import torch.autograd.functional as AF
import torch.nn.functional as F

torch.set_num_threads(1)
OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'api', 'src', 'test', 'resources', 'reference')
GEN = torch.Generator().manual_seed(20261204)
F64 = torch.float64


def rnd(*shape, dtype=F64):
    """Seeded normal values rounded to two decimals (short in JSON, exact in float32 after rounding)."""
    x = torch.randn(tuple(shape), generator=GEN, dtype=F64)
    return (x * 100).round().div(100).to(dtype)


def enc(t):
    t = t.detach().contiguous()
    return {'dtype': str(t.dtype)[6:], 'shape': list(t.shape), 'data': t.reshape(-1).tolist()}


# ---- torch.autograd.functional -----------------------------------------------------------------------------

CONSTS = {'W': rnd(4, 3), 'Q': rnd(3, 3)}

FUNCS = {
    # one tensor in, one out
    'sin_sq': lambda x: x.sin() * x * x,
    'matmul': lambda x: CONSTS['W'] @ x.tanh(),
    'softmax': lambda x: torch.softmax(x, -1),
    'linear': lambda x: 2 * x,
    'const': lambda x: CONSTS['W'].sum(0),
    # scalar functions of one tensor
    'cubic': lambda x: x.pow(3).sum() + x.reshape(-1)[0] * x.reshape(-1)[1],
    'quad': lambda x: x @ CONSTS['Q'] @ x,
    'linear_sum': lambda x: (3 * x).sum(),
    # several in, several out
    'mlp': lambda x, w1, b1, w2: (torch.tanh(x @ w1 + b1) @ w2,),
    'multi': lambda x, y: (x * y, x.exp().sum(), y.sin() @ CONSTS['Q']),
    'unused': lambda x, y: (x.exp(),),
    # scalar functions of several tensors
    'mlp_loss': lambda x, w1, b1, w2: (torch.tanh(x @ w1 + b1) @ w2).pow(2).sum(),
    'pair': lambda x, y: (x * y.sin()).sum() + x.pow(2).sum(),
    'pair_unused': lambda x, y: x.pow(3).sum(),
}

FUNCTIONAL = []


def call(kind, fn, inputs, v, several, create_graph, strict):
    f = FUNCS[fn]
    ins = tuple(inputs) if several else inputs[0]
    vs = None if v is None else (tuple(v) if several else v[0])
    if kind in ('jacobian', 'hessian'):
        return getattr(AF, kind)(f, ins, create_graph=create_graph, strict=strict)
    return getattr(AF, kind)(f, ins, vs, create_graph=create_graph, strict=strict)


def functional(kind, fn, inputs, v=None, several=False, create_graph=False, strict=False, error=False):
    c = {'name': f'{kind} {fn}' + (' create_graph' if create_graph else '') + (' strict' if strict else ''),
         'kind': kind, 'fn': fn, 'several': several, 'create_graph': create_graph, 'strict': strict,
         'inputs': [enc(t) for t in inputs], 'v': None if v is None else [enc(t) for t in v]}
    try:
        r = call(kind, fn, [t.clone() for t in inputs], v, several, create_graph, strict)
    except RuntimeError as e:
        assert error, c['name'] + ': ' + str(e)
        c['name'] += ' error'
        c['error'] = str(e)
        FUNCTIONAL.append(c)
        return
    assert not error, c['name'] + ' did not fail'
    if kind in ('jacobian', 'hessian'):
        rows = r if several else ((r,),)
        rows = [row if isinstance(row, tuple) else (row,) for row in rows]
        c['rows'] = len(rows)
        c['out'] = [enc(t) for row in rows for t in row]
    else:
        outs, prods = r
        c['outputs'] = [enc(t) for t in (outs if isinstance(outs, tuple) else (outs,))]
        c['products'] = [enc(t) for t in (prods if isinstance(prods, tuple) else (prods,))]
    FUNCTIONAL.append(c)


x23, x32, x3, y3 = rnd(2, 3), rnd(3, 2), rnd(3), rnd(3)
mlp_in = [rnd(5, 3), rnd(3, 4), rnd(4), rnd(4, 2)]
for fn, x in (('sin_sq', x23), ('matmul', x32), ('softmax', x23)):
    functional('jacobian', fn, [x])
    functional('vjp', fn, [x], [rnd(*FUNCS[fn](x).shape)])
    functional('jvp', fn, [x], [rnd(*x.shape)])
functional('jacobian', 'sin_sq', [x23], create_graph=True)
functional('jacobian', 'sin_sq', [x23.float()])
functional('jacobian', 'sin_sq', [torch.tensor(0.7, dtype=F64)])
functional('vjp', 'sin_sq', [torch.tensor(0.7, dtype=F64)])
functional('jvp', 'sin_sq', [torch.tensor(0.7, dtype=F64)])
functional('jacobian', 'linear', [x23])
functional('jacobian', 'const', [x23])
functional('vjp', 'const', [x23], [rnd(3)])
for fn, x in (('cubic', x23), ('quad', x3)):
    functional('hessian', fn, [x])
    functional('vhp', fn, [x], [rnd(*x.shape)])
    functional('hvp', fn, [x], [rnd(*x.shape)])
functional('hessian', 'cubic', [x23], create_graph=True)
functional('hessian', 'linear_sum', [x3])
functional('jacobian', 'mlp', mlp_in, several=True)
functional('vjp', 'mlp', mlp_in, [rnd(5, 2)], several=True)
functional('jvp', 'mlp', mlp_in, [rnd(*t.shape) for t in mlp_in], several=True)
functional('hessian', 'mlp_loss', [rnd(2, 3), rnd(3, 2), rnd(2), rnd(2, 1)], several=True)
functional('vhp', 'mlp_loss', mlp_in, [rnd(*t.shape) for t in mlp_in], several=True)
functional('hvp', 'mlp_loss', mlp_in, [rnd(*t.shape) for t in mlp_in], several=True)
functional('jacobian', 'multi', [x3, y3], several=True)
functional('vjp', 'multi', [x3, y3], [rnd(3), rnd(), rnd(3)], several=True)
functional('jvp', 'multi', [x3, y3], [rnd(3), rnd(3)], several=True)
functional('hessian', 'pair', [x3, y3], several=True)
functional('vhp', 'pair', [x3, y3], [rnd(3), rnd(3)], several=True)
functional('hvp', 'pair', [x3, y3], [rnd(3), rnd(3)], several=True)
# an input the function ignores: zeros, or PyTorch's strict-mode errors
functional('jacobian', 'unused', [x3, y3], several=True)
functional('vjp', 'unused', [x3, y3], [rnd(3)], several=True)
functional('jvp', 'unused', [x3, y3], [rnd(3), rnd(3)], several=True)
functional('hessian', 'pair_unused', [x3, y3], several=True)
functional('vhp', 'pair_unused', [x3, y3], [rnd(3), rnd(3)], several=True)
functional('hvp', 'pair_unused', [x3, y3], [rnd(3), rnd(3)], several=True)
functional('jacobian', 'unused', [x3, y3], several=True, strict=True, error=True)
functional('vjp', 'unused', [x3, y3], [rnd(3)], several=True, strict=True, error=True)
functional('jvp', 'unused', [x3, y3], [rnd(3), rnd(3)], several=True, strict=True, error=True)
functional('hessian', 'pair_unused', [x3, y3], several=True, strict=True, error=True)
functional('vhp', 'pair_unused', [x3, y3], [rnd(3), rnd(3)], several=True, strict=True, error=True)
functional('hvp', 'pair_unused', [x3, y3], [rnd(3), rnd(3)], several=True, strict=True, error=True)
functional('jacobian', 'const', [x23], strict=True, error=True)
functional('jacobian', 'linear', [x23], strict=True, create_graph=True, error=True)
functional('hessian', 'linear_sum', [x3], strict=True, error=True)
functional('vhp', 'linear_sum', [x3], [rnd(3)], strict=True, error=True)
# bad v
functional('vjp', 'sin_sq', [x23], [rnd(3)], error=True)
functional('vjp', 'sin_sq', [x23], error=True)
functional('jvp', 'multi', [x3, y3], [rnd(3), rnd(2)], several=True, error=True)
functional('vjp', 'multi', [x3, y3], [rnd(3), rnd()], several=True, error=True)
functional('hvp', 'cubic', [x23], error=True)
functional('hessian', 'sin_sq', [x23], error=True)
functional('vhp', 'matmul', [x32], [rnd(3, 2)], error=True)


# ---- write ---------------------------------------------------------------------------------------------------

with open(os.path.join(OUT, 'autofunc.json'), 'w') as f:
    json.dump({'consts': {k: enc(v) for k, v in CONSTS.items()}, 'functional': FUNCTIONAL}, f, separators=(',', ':'))
    f.write('\n')
