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
import warnings

import torch
import torch.autograd.functional as AF
import torch.nn.functional as F

torch.set_num_threads(1)
warnings.filterwarnings("ignore", "torch.triangular_solve is deprecated")
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
    # not tensors
    'none': lambda x: None,
    'with_none': lambda x: (x.exp(), None),
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
    except (RuntimeError, TypeError) as e:
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
functional('jacobian', 'none', [x3], error=True)
functional('vjp', 'with_none', [x3], [rnd(3), rnd(3)], several=True, error=True)


# ---- torch.linalg additions and the torch namespace's linear algebra ---------------------------------------

LA = torch.linalg
F32 = torch.float32


def spd(*shape, dtype=F64):
    """Seeded symmetric positive-definite matrices."""
    n = shape[-1]
    x = rnd(*shape)
    return (x @ x.mT + n * torch.eye(n, dtype=F64)).to(dtype)


def sym(*shape, dtype=F64):
    """Seeded symmetric indefinite matrices, exactly symmetric."""
    x = rnd(*shape)
    return ((x + x.mT) / 2).to(dtype)


def chol(*shape, upper=False, dtype=F64):
    c = LA.cholesky(spd(*shape))
    return (c.mT if upper else c).to(dtype)


def qr_parts(*shape, dtype=F64):
    a, tau = torch.geqrf(rnd(*shape))
    return [a.to(dtype), tau.to(dtype)]


def outs(r):
    return [r] if isinstance(r, torch.Tensor) else list(r)


OPS = {
    'householder_product': lambda a, kw: LA.householder_product(a[0], a[1]),
    'orgqr': lambda a, kw: torch.orgqr(a[0], a[1]),
    'geqrf': lambda a, kw: torch.geqrf(a[0]),
    'ormqr': lambda a, kw: torch.ormqr(a[0], a[1], a[2], left=kw.get('left', True), transpose=kw.get('transpose', False)),
    'cholesky_solve': lambda a, kw: torch.cholesky_solve(a[0], a[1], upper=kw.get('upper', False)),
    'cholesky_inverse': lambda a, kw: torch.cholesky_inverse(a[0], upper=kw.get('upper', False)),
    'triangular_solve': lambda a, kw: torch.triangular_solve(a[0], a[1], upper=kw.get('upper', True),
                                                             transpose=kw.get('transpose', False),
                                                             unitriangular=kw.get('unitriangular', False)),
    'lu_unpack': lambda a, kw: torch.lu_unpack(a[0], a[1], unpack_data=kw.get('unpack_data', True),
                                               unpack_pivots=kw.get('unpack_pivots', True)),
    'logdet': lambda a, kw: torch.logdet(a[0]),
    'lu_factor_ex': lambda a, kw: LA.lu_factor_ex(a[0], check_errors=kw.get('check_errors', False)),
    'solve_ex': lambda a, kw: LA.solve_ex(a[0], a[1], left=kw.get('left', True), check_errors=kw.get('check_errors', False)),
    'tensorinv': lambda a, kw: LA.tensorinv(a[0], ind=kw.get('ind', 2)),
    'tensorsolve': lambda a, kw: LA.tensorsolve(a[0], a[1], dims=kw.get('dims')),
    'nuclear_norm': lambda a, kw: torch.nuclear_norm(a[0], dim=kw['dim'], keepdim=kw.get('keepdim', False)) if 'dim' in kw
    else torch.nuclear_norm(a[0], keepdim=kw.get('keepdim', False)),
    'frobenius_norm': lambda a, kw: torch.frobenius_norm(a[0], dim=kw['dim'], keepdim=kw.get('keepdim', False)) if 'dim' in kw
    else torch.frobenius_norm(a[0]),
    'ldl_factor': lambda a, kw: LA.ldl_factor(a[0]),
    'ldl_factor_ex': lambda a, kw: LA.ldl_factor_ex(a[0], check_errors=kw.get('check_errors', False)),
    'ldl_solve': lambda a, kw: LA.ldl_solve(a[0], a[1], a[2]),
}

LINALG = []


def case(name, op, args, kw=None, grad=False, only=None):
    """only: the indices of the outputs to compare (solve_ex's result of a singular system is LAPACK's garbage)."""
    kw = kw or {}
    out = outs(OPS[op]([t.clone() for t in args], kw))
    c = {'name': name, 'op': op, 'args': [enc(t) for t in args], 'kw': kw, 'out': [enc(o) for o in out]}
    if only is not None:
        c['only'] = only
    if any(t.dtype == F32 for t in args):
        # torch4j computes in float64 and rounds once; LAPACK's float32 differs from that by about cond * 2^-24
        ref = outs(OPS[op]([t.double() if t.dtype == F32 else t.clone() for t in args], kw))
        diff = max(((o.double() - r).abs().max().item() for o, r in zip(out, ref) if o.dtype == F32 and o.numel()), default=0.0)
        scale = max((r.abs().max().item() for o, r in zip(out, ref) if o.dtype == F32 and o.numel()), default=0.0)
        c['atol'] = 2 * diff + 1e-6 * scale
    if grad:
        ins = [t.clone().requires_grad_(t.dtype.is_floating_point) for t in args]
        res = outs(OPS[op](ins, kw))
        gs = [rnd(*o.shape) if o.requires_grad else None for o in res]
        loss = sum((o * g).sum() for o, g in zip(res, gs) if g is not None)
        diff_ins = [t for t in ins if t.requires_grad]
        grads = iter(torch.autograd.grad(loss, diff_ins, allow_unused=True))
        c['grads'] = [None if g is None else enc(g) for g in gs]
        c['expect'] = [(lambda g: None if g is None else enc(g))(next(grads)) if t.requires_grad else None for t in ins]
    LINALG.append(c)


def error(name, op, args, kw=None):
    kw = kw or {}
    try:
        OPS[op]([t.clone() for t in args], kw)
    except Exception as e:  # noqa: BLE001
        LINALG.append({'name': name, 'op': op, 'args': [enc(t) for t in args], 'kw': kw, 'error': str(e),
                       'type': type(e).__name__})
        return
    raise AssertionError(name + ' did not fail')


# householder_product / orgqr from geqrf's output, and from arbitrary reflectors
case('householder_product', 'householder_product', qr_parts(5, 3), grad=True)
case('householder_product fewer reflectors', 'householder_product', [rnd(4, 3), rnd(2)], grad=True)
case('householder_product batched', 'householder_product', qr_parts(2, 4, 4), grad=True)
case('householder_product float32', 'householder_product', qr_parts(5, 3, dtype=F32))
case('orgqr', 'orgqr', qr_parts(4, 2), grad=True)
case('geqrf tall', 'geqrf', [rnd(5, 3)])
case('geqrf wide', 'geqrf', [rnd(3, 5)])
case('geqrf batched', 'geqrf', [rnd(2, 3, 3)])
for left in (True, False):
    for transpose in (False, True):
        c = rnd(5, 3) if left else rnd(3, 5)
        case(f'ormqr left={left} transpose={transpose}', 'ormqr', qr_parts(5, 4)[:1] + [rnd(3)] + [c],
             {'left': left, 'transpose': transpose})
case('ormqr batched', 'ormqr', qr_parts(2, 4, 3) + [rnd(2, 4, 2)])
# cholesky_solve / cholesky_inverse, with PyTorch's gradient for the whole factor
case('cholesky_solve', 'cholesky_solve', [rnd(3, 2), chol(3, 3)], grad=True)
case('cholesky_solve upper', 'cholesky_solve', [rnd(3, 2), chol(3, 3, upper=True)], {'upper': True}, grad=True)
case('cholesky_solve broadcast', 'cholesky_solve', [rnd(2, 3, 1), chol(3, 3)], grad=True)
case('cholesky_solve float32', 'cholesky_solve', [rnd(4, 2, dtype=F32), chol(4, 4, dtype=F32)])
case('cholesky_inverse', 'cholesky_inverse', [chol(4, 4)], grad=True)
case('cholesky_inverse upper batched', 'cholesky_inverse', [chol(2, 3, 3, upper=True)], {'upper': True}, grad=True)
# triangular_solve (the deprecated form)
t3 = rnd(3, 3) + 3 * torch.eye(3, dtype=F64)
case('triangular_solve', 'triangular_solve', [rnd(3, 2), t3], grad=True)
case('triangular_solve lower', 'triangular_solve', [rnd(3, 2), t3], {'upper': False}, grad=True)
case('triangular_solve transpose', 'triangular_solve', [rnd(3, 2), t3], {'transpose': True}, grad=True)
case('triangular_solve unitriangular', 'triangular_solve', [rnd(3, 2), t3], {'unitriangular': True, 'upper': False}, grad=True)
case('triangular_solve broadcast', 'triangular_solve', [rnd(2, 3, 1), t3], grad=True)
# lu_unpack
case('lu_unpack square', 'lu_unpack', list(LA.lu_factor(rnd(4, 4))), grad=True)
case('lu_unpack tall', 'lu_unpack', list(LA.lu_factor(rnd(5, 3))), grad=True)
case('lu_unpack wide batched', 'lu_unpack', list(LA.lu_factor(rnd(2, 3, 4))), grad=True)
case('lu_unpack pivots only', 'lu_unpack', list(LA.lu_factor(rnd(3, 3))), {'unpack_data': False})
case('lu_unpack data only', 'lu_unpack', list(LA.lu_factor(rnd(3, 3))), {'unpack_pivots': False})
# logdet
case('logdet', 'logdet', [spd(3, 3)], grad=True)
case('logdet negative determinant', 'logdet', [torch.tensor([[1., 2.], [3., 4.]], dtype=F64)])
case('logdet singular', 'logdet', [torch.tensor([[1., 2.], [2., 4.]], dtype=F64)])
case('logdet batched', 'logdet', [spd(2, 3, 3)], grad=True)
# the _ex forms
case('lu_factor_ex', 'lu_factor_ex', [rnd(4, 4)])
case('lu_factor_ex singular batch', 'lu_factor_ex', [torch.stack([rnd(3, 3), torch.zeros(3, 3, dtype=F64)])])
case('solve_ex', 'solve_ex', [rnd(3, 3), rnd(3, 2)], grad=True)
case('solve_ex vector left=False', 'solve_ex', [rnd(3, 3), rnd(2, 3)], {'left': False})
case('solve_ex singular', 'solve_ex', [torch.zeros(3, 3, dtype=F64), rnd(3)], only=[1])
# tensorinv / tensorsolve
case('tensorinv', 'tensorinv', [rnd(4, 6, 8, 3)], grad=True)
case('tensorinv ind=1', 'tensorinv', [rnd(6, 2, 3)], {'ind': 1}, grad=True)
case('tensorsolve', 'tensorsolve', [rnd(2, 3, 6), rnd(2, 3)], grad=True)
case('tensorsolve dims', 'tensorsolve', [rnd(2, 3, 6), rnd(6)], {'dims': [0, 1]}, grad=True)
# nuclear / frobenius norms
case('nuclear_norm', 'nuclear_norm', [rnd(3, 4)], grad=True)
case('nuclear_norm keepdim', 'nuclear_norm', [rnd(3, 4)], {'keepdim': True})
case('nuclear_norm dim', 'nuclear_norm', [rnd(2, 3, 4)], {'dim': [0, 2]}, grad=True)
case('frobenius_norm', 'frobenius_norm', [rnd(2, 3, 4)], grad=True)
case('frobenius_norm dim keepdim', 'frobenius_norm', [rnd(2, 3, 4)], {'dim': [1, 2], 'keepdim': True}, grad=True)
# ldl: symmetric indefinite matrices (1x1 and 2x2 pivots, interchanges), batches, a singular one
for i, a in enumerate([sym(4, 4), sym(5, 5), sym(6, 6), torch.tensor([[0., 1.], [1., 0.]], dtype=F64),
                       torch.tensor([[1., 2., 3.], [2., 0., 1.], [3., 1., 0.]], dtype=F64), spd(4, 4)]):
    case(f'ldl_factor {i}', 'ldl_factor', [a])
    ld, piv = LA.ldl_factor(a)
    case(f'ldl_solve {i}', 'ldl_solve', [ld, piv, rnd(a.shape[-1], 2)])
case('ldl_factor batched', 'ldl_factor', [sym(3, 4, 4)])
case('ldl_factor float32', 'ldl_factor', [sym(5, 5, dtype=F32)])
ldb, pivb = LA.ldl_factor(sym(2, 3, 3))
case('ldl_solve batched broadcast', 'ldl_solve', [ldb, pivb, rnd(3, 1)])
case('ldl_factor_ex', 'ldl_factor_ex', [sym(4, 4)])
case('ldl_factor_ex singular', 'ldl_factor_ex', [torch.zeros(3, 3, dtype=F64)])
# empty matrices and batches
E0 = torch.zeros(0, 0, dtype=F64)
case('householder_product no reflectors', 'householder_product', [rnd(3, 2), torch.zeros(0, dtype=F64)])
case('ormqr no reflectors', 'ormqr', [rnd(3, 2), torch.zeros(0, dtype=F64), rnd(3, 2)])
case('geqrf no rows', 'geqrf', [torch.zeros(0, 3, dtype=F64)])
case('cholesky_inverse 0x0', 'cholesky_inverse', [E0])
case('cholesky_solve no columns', 'cholesky_solve', [torch.zeros(3, 0, dtype=F64), chol(3, 3)])
case('triangular_solve no columns', 'triangular_solve', [torch.zeros(3, 0, dtype=F64), t3])
case('logdet 0x0', 'logdet', [E0])
case('logdet empty batch', 'logdet', [torch.zeros(0, 3, 3, dtype=F64)])
case('ldl_factor 0x0', 'ldl_factor', [E0])
case('lu_factor_ex 0x0', 'lu_factor_ex', [E0])
case('solve_ex empty batch', 'solve_ex', [torch.zeros(0, 3, 3, dtype=F64), torch.zeros(0, 3, dtype=F64)])
# PyTorch's errors
A42, tau2 = rnd(4, 2), rnd(2)
error('householder_product 1-d', 'householder_product', [rnd(3), rnd(1)])
error('householder_product wide', 'householder_product', [rnd(2, 3), rnd(2)])
error('householder_product too many reflectors', 'householder_product', [rnd(3, 2), rnd(3)])
error('householder_product tau dims', 'householder_product', [rnd(3, 2), rnd(1, 2)])
error('householder_product tau batch', 'householder_product', [rnd(2, 3, 2), rnd(3, 2)])
error('householder_product dtype', 'householder_product', [rnd(3, 2), rnd(2, dtype=F32)])
error('householder_product long', 'householder_product', [rnd(3, 2).long(), rnd(2).long()])
error('geqrf 1-d', 'geqrf', [rnd(3)])
error('geqrf long', 'geqrf', [rnd(3, 3).long()])
error('ormqr other 1-d', 'ormqr', [A42, tau2, rnd(4)])
error('ormqr other rows', 'ormqr', [A42, tau2, rnd(3, 3)])
error('ormqr other too small', 'ormqr', [A42, tau2, rnd(1, 3)])
error('ormqr right other columns', 'ormqr', [A42, tau2, rnd(3, 1)], {'left': False})
error('ormqr tau too long', 'ormqr', [A42, rnd(3), rnd(4, 3)])
error('ormqr other batch', 'ormqr', [rnd(2, 4, 2), rnd(2, 2), rnd(3, 4, 3)])
error('ormqr other ndim', 'ormqr', [rnd(2, 4, 2), rnd(2, 2), rnd(4, 3)])
error('ormqr dtype', 'ormqr', [A42, tau2, rnd(4, 3, dtype=F32)])
error('ormqr long', 'ormqr', [A42.long(), tau2.long(), rnd(4, 3).long()])
error('cholesky_solve b 1-d', 'cholesky_solve', [rnd(3), chol(3, 3)])
error('cholesky_solve L 1-d', 'cholesky_solve', [rnd(3, 2), rnd(3)])
error('cholesky_solve not square', 'cholesky_solve', [rnd(3, 2), rnd(2, 3)])
error('cholesky_solve dtype', 'cholesky_solve', [rnd(3, 2, dtype=F32), chol(3, 3)])
error('cholesky_solve sizes', 'cholesky_solve', [rnd(3, 2), chol(4, 4)])
error('cholesky_solve long', 'cholesky_solve', [rnd(3, 2).long(), rnd(3, 3).long()])
error('cholesky_inverse 1-d', 'cholesky_inverse', [rnd(3)])
error('cholesky_inverse not square', 'cholesky_inverse', [rnd(2, 3)])
error('cholesky_inverse long', 'cholesky_inverse', [rnd(3, 3).long()])
error('triangular_solve b 1-d', 'triangular_solve', [rnd(3), t3])
error('triangular_solve A 1-d', 'triangular_solve', [rnd(3, 2), rnd(3)])
error('triangular_solve not square', 'triangular_solve', [rnd(3, 2), rnd(2, 3)])
error('triangular_solve sizes', 'triangular_solve', [rnd(3, 2), rnd(4, 4)])
error('triangular_solve dtype', 'triangular_solve', [rnd(3, 2, dtype=F32), t3])
error('triangular_solve long', 'triangular_solve', [rnd(3, 2).long(), t3.long()])
lu3, piv3 = LA.lu_factor(rnd(3, 3))
error('lu_unpack pivots int64', 'lu_unpack', [lu3, piv3.long()])
error('lu_unpack 1-d', 'lu_unpack', [rnd(3), piv3])
error('logdet 1-d', 'logdet', [rnd(3)])
error('logdet not square', 'logdet', [rnd(2, 3)])
error('logdet long', 'logdet', [rnd(3, 3).long()])
error('lu_factor_ex 1-d', 'lu_factor_ex', [rnd(3)])
error('lu_factor_ex long', 'lu_factor_ex', [rnd(3, 3).long()])
error('lu_factor_ex check_errors', 'lu_factor_ex', [torch.zeros(2, 3, 3, dtype=F64)], {'check_errors': True})
error('solve_ex check_errors', 'solve_ex', [torch.zeros(2, 3, 3, dtype=F64), rnd(3)], {'check_errors': True})
error('solve_ex 1-d', 'solve_ex', [rnd(3), rnd(3)])
error('tensorinv ind=0', 'tensorinv', [rnd(2, 3, 6)], {'ind': 0})
error('tensorinv shapes', 'tensorinv', [rnd(2, 3, 4)], {'ind': 1})
error('tensorsolve shapes', 'tensorsolve', [rnd(2, 3, 4), rnd(2, 3)])
error('tensorsolve dims out of range', 'tensorsolve', [rnd(6, 2, 3), rnd(6)], {'dims': [5]})
error('frobenius_norm 3 dims', 'frobenius_norm', [rnd(3, 3, 3)], {'dim': [0, 1, 2]})
error('nuclear_norm 1-d', 'nuclear_norm', [rnd(3)])
error('nuclear_norm dim size', 'nuclear_norm', [rnd(3, 3, 3)], {'dim': [0]})
error('ldl_factor 1-d', 'ldl_factor_ex', [rnd(3)])
error('ldl_factor not square', 'ldl_factor_ex', [rnd(2, 3)])
error('ldl_factor long', 'ldl_factor_ex', [rnd(3, 3).long()])
ld4, piv4 = LA.ldl_factor(sym(4, 4))
error('ldl_solve sizes', 'ldl_solve', [ld4, piv4, rnd(3, 2)])
error('ldl_solve pivots shape', 'ldl_solve', [ld4, piv4[:3], rnd(4, 2)])
error('ldl_solve dtype', 'ldl_solve', [ld4, piv4, rnd(4, 2, dtype=F32)])
error('ldl_solve not square', 'ldl_solve', [ld4[:3], piv4, rnd(4, 2)])
error('ldl_solve B 1-d', 'ldl_solve', [ld4, piv4, rnd(4)])


# ---- write ---------------------------------------------------------------------------------------------------

with open(os.path.join(OUT, 'autofunc.json'), 'w') as f:
    json.dump({'consts': {k: enc(v) for k, v in CONSTS.items()}, 'functional': FUNCTIONAL, 'linalg': LINALG}, f, separators=(',', ':'))
    f.write('\n')
