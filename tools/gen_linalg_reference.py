#!/usr/bin/python3
"""Writes PyTorch's answers for torch4j's torch.linalg LU/Cholesky/triangular family (LinalgLuTest).

Run with Debian's interpreter, which has PyTorch (1.13):

    /usr/bin/python3 tools/gen_linalg_reference.py

Output: api/src/test/resources/reference/linalg/lu.json, deterministic (fixed seed, fixed inputs).

A case is {"name", "op", "args": [tensors], "kw": {scalars}, "out": [tensors]} plus, for float32 cases,
"atol": the tolerance that the case's conditioning calls for. torch4j computes in float64 whatever the
dtype and rounds once, so its float32 result is close to the float64 result of the same float32 inputs;
LAPACK's float32 result differs from that by about cond(A) * 2^-24. The generator measures that
difference (PyTorch float32 against PyTorch float64 of the same inputs) and records
atol = 2 * that difference + 1e-6 * max |out|, so the tolerance follows each case's conditioning instead
of one loose bound for all.

A gradient case also has "grads": the seeded weights g (one per output, null for an output without
gradient) and "expect": the gradients of sum(out * g) with respect to each input (float64 only).
An error case has "error" (PyTorch's message) and "type" (the Python exception class), and "java" where
torch4j throws another class than the usual mapping (RuntimeError -> IllegalArgumentException,
LinAlgError -> LinAlgException, IndexError -> IndexOutOfBoundsException): lu_factor of a singular matrix is
a RuntimeError in PyTorch 1.13 but a LinAlgException in torch4j, like every other singular matrix.
"""
import json
import math
import os

import numpy as np
import torch

torch.set_num_threads(1)
OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'api', 'src', 'test', 'resources', 'reference', 'linalg')
GEN = torch.Generator().manual_seed(20261203)
LA = torch.linalg


def rnd(*shape, dtype=torch.float64):
    """Seeded normal values with two decimals (short in JSON), exact in float32 after rounding."""
    x = torch.randn(tuple(shape), generator=GEN, dtype=torch.float64)
    return (x * 100).round().div(100).to(dtype)


def spd(*shape, dtype=torch.float64):
    """Seeded symmetric positive-definite matrices: X X^T + n I, rounded, symmetric exactly."""
    n = shape[-1]
    x = rnd(*shape)
    a = x @ x.mT + n * torch.eye(n, dtype=torch.float64)
    a = (a * 100).round() / 100
    return ((a + a.mT) / 2).to(dtype)


def tri(*shape, upper, dtype=torch.float64):
    """A well-conditioned triangular matrix with the other triangle filled with noise (which must be ignored)."""
    n = shape[-1]
    a = rnd(*shape) + 3 * torch.eye(n, dtype=torch.float64) * torch.sign(rnd(*shape[:-1]).unsqueeze(-1) + 0.001)
    return a.to(dtype)


def fnum(v, dtype):
    v = float(v)
    if math.isnan(v):
        return 'NaN'
    if math.isinf(v):
        return 'Infinity' if v > 0 else '-Infinity'
    return repr(v) if dtype == torch.float64 else str(np.float32(v))


def enc(t):
    t = t.detach().contiguous()
    flat = t.reshape(-1).tolist()
    if t.dtype.is_floating_point:
        data = [Raw(fnum(v, t.dtype)) for v in flat]
    elif t.dtype == torch.bool:
        data = [1 if v else 0 for v in flat]
    else:
        data = flat
    return {'dtype': str(t.dtype)[6:], 'shape': list(t.shape), 'data': data}


class Raw(str):
    pass


def dumps(o):
    if isinstance(o, Raw):
        return str(o)
    if isinstance(o, bool):
        return 'true' if o else 'false'
    if o is None:
        return 'null'
    if isinstance(o, int):
        return str(o)
    if isinstance(o, float):
        return fnum(o, torch.float64)
    if isinstance(o, str):
        return json.dumps(o)
    if isinstance(o, dict):
        return '{' + ','.join(json.dumps(k) + ':' + dumps(v) for k, v in o.items()) + '}'
    if isinstance(o, (list, tuple)):
        return '[' + ',\n'.join(dumps(v) for v in o) + ']' if o and isinstance(o[0], dict) and 'op' in o[0] else \
            '[' + ','.join(dumps(v) for v in o) + ']'
    raise TypeError(type(o))


# ---- the ops, as the Java side calls them (LinalgLuTest.call) -------------------------------------------

def outs(r):
    if isinstance(r, torch.Tensor):
        return [r]
    return list(r)


OPS = {
    'solve': lambda a, kw: LA.solve(a[0], a[1], left=kw.get('left', True)),
    'inv': lambda a, kw: LA.inv(a[0]),
    'inv_ex': lambda a, kw: LA.inv_ex(a[0]),
    'inverse': lambda a, kw: torch.inverse(a[0]),
    'det': lambda a, kw: LA.det(a[0]),
    'tensor_det': lambda a, kw: a[0].det(),
    'slogdet': lambda a, kw: LA.slogdet(a[0]),
    'lu_factor': lambda a, kw: LA.lu_factor(a[0]),
    'lu': lambda a, kw: LA.lu(a[0]),
    'lu_solve': lambda a, kw: LA.lu_solve(a[0], a[1], a[2], left=kw.get('left', True), adjoint=kw.get('adjoint', False)),
    'solve_triangular': lambda a, kw: LA.solve_triangular(a[0], a[1], upper=kw['upper'], left=kw.get('left', True),
                                                          unitriangular=kw.get('unitriangular', False)),
    'cholesky': lambda a, kw: LA.cholesky(a[0], upper=kw.get('upper', False)),
    'cholesky_ex': lambda a, kw: LA.cholesky_ex(a[0], upper=kw.get('upper', False)),
    'matrix_power': lambda a, kw: LA.matrix_power(a[0], kw['n']),
    'matrix_exp': lambda a, kw: LA.matrix_exp(a[0]),
    'multi_dot': lambda a, kw: LA.multi_dot(a),
    'cross': lambda a, kw: LA.cross(a[0], a[1], dim=kw.get('dim', -1)),
    'vecdot': lambda a, kw: LA.vecdot(a[0], a[1], dim=kw.get('dim', -1)),
    'vector_norm': lambda a, kw: LA.vector_norm(a[0], kw.get('ord', 2), kw.get('dims'), kw.get('keepdim', False)),
    'diagonal': lambda a, kw: LA.diagonal(a[0], offset=kw.get('offset', 0), dim1=kw.get('dim1', -2), dim2=kw.get('dim2', -1)),
}

CASES = []


def case(name, op, args, kw=None, grad=False):
    kw = kw or {}
    out = outs(OPS[op]([t.clone() for t in args], kw))
    c = {'name': name, 'op': op, 'args': [enc(t) for t in args], 'kw': kw, 'out': [enc(o) for o in out]}
    if any(t.dtype == torch.float32 for t in args):
        # the same float32 inputs in float64: what torch4j approximates
        ref = outs(OPS[op]([t.double() if t.dtype == torch.float32 else t.clone() for t in args], kw))
        diff, scale = 0.0, 0.0
        for o, r in zip(out, ref):
            if o.dtype.is_floating_point and o.numel() > 0:
                fin = torch.isfinite(r)
                diff = max(diff, (o.double() - r)[fin].abs().max().item() if fin.any() else 0.0)
                scale = max(scale, r[fin].abs().max().item() if fin.any() else 0.0)
        c['atol'] = 2 * diff + 1e-6 * scale
    if grad:
        ins = [t.clone().requires_grad_(t.dtype.is_floating_point) for t in args]
        res = outs(OPS[op](ins, kw))
        gs = [rnd(*o.shape) if o.dtype.is_floating_point and o.requires_grad else None for o in res]
        loss = sum((o * g).sum() for o, g in zip(res, gs) if g is not None)
        diff_ins = [t for t in ins if t.requires_grad]
        grads = torch.autograd.grad(loss, diff_ins, allow_unused=True)
        it = iter(grads)
        c['grads'] = [None if g is None else enc(g) for g in gs]
        c['expect'] = [(lambda g: None if g is None else enc(g))(next(it)) if t.requires_grad else None for t in ins]
    CASES.append(c)


def error(name, op, args, kw=None, java=None):
    """java: the Java exception where torch4j's class differs from the usual mapping of PyTorch's."""
    kw = kw or {}
    try:
        OPS[op]([t.clone() for t in args], kw)
    except Exception as e:  # noqa: BLE001
        c = {'name': name, 'op': op, 'args': [enc(t) for t in args], 'kw': kw,
             'error': str(e).split('\n')[0], 'type': type(e).__name__}
        if java:
            c['java'] = java
        CASES.append(c)
        return
    raise AssertionError(name + ' did not fail')


F32, F64 = torch.float32, torch.float64

for dt in (F32, F64):
    d = str(dt)[6:]
    # solve: one matrix, a batch, broadcasting both ways, vector right-hand sides, X A = B
    case(f'solve {d}', 'solve', [rnd(4, 4, dtype=dt), rnd(4, 2, dtype=dt)])
    case(f'solve batched {d}', 'solve', [rnd(2, 3, 3, dtype=dt), rnd(2, 3, 2, dtype=dt)])
    case(f'solve broadcast A {d}', 'solve', [rnd(3, 3, dtype=dt), rnd(2, 3, 1, dtype=dt)])
    case(f'solve broadcast both {d}', 'solve', [rnd(2, 1, 3, 3, dtype=dt), rnd(1, 2, 3, 2, dtype=dt)])
    case(f'solve vector {d}', 'solve', [rnd(3, 3, dtype=dt), rnd(3, dtype=dt)])
    case(f'solve batched vectors {d}', 'solve', [rnd(2, 3, 3, dtype=dt), rnd(2, 3, dtype=dt)])
    case(f'solve one vector for a batch {d}', 'solve', [rnd(2, 3, 3, dtype=dt), rnd(3, dtype=dt)])
    case(f'solve left=False {d}', 'solve', [rnd(3, 3, dtype=dt), rnd(2, 3, dtype=dt)], {'left': False})
    case(f'solve left=False batched {d}', 'solve', [rnd(2, 3, 3, dtype=dt), rnd(2, 4, 3, dtype=dt)], {'left': False})
    # inverse, determinants
    case(f'inv {d}', 'inv', [rnd(4, 4, dtype=dt)])
    case(f'inv batched {d}', 'inv', [rnd(2, 2, 3, 3, dtype=dt)])
    case(f'inverse {d}', 'inverse', [rnd(3, 3, dtype=dt)])
    case(f'inv 1x1 {d}', 'inv', [rnd(1, 1, dtype=dt)])
    case(f'det {d}', 'det', [rnd(4, 4, dtype=dt)])
    case(f'det batched {d}', 'det', [rnd(3, 3, 3, dtype=dt)])
    case(f'Tensor.det {d}', 'tensor_det', [rnd(2, 2, dtype=dt)])
    case(f'det singular {d}', 'det', [torch.tensor([[1., 2, 3], [2, 4, 6], [1, 1, 1]], dtype=dt)])
    case(f'det zero {d}', 'det', [torch.zeros(2, 2, dtype=dt)])
    case(f'det empty {d}', 'det', [torch.zeros(2, 0, 0, dtype=dt)])
    case(f'slogdet {d}', 'slogdet', [rnd(4, 4, dtype=dt)])
    case(f'slogdet batched {d}', 'slogdet', [rnd(3, 3, 3, dtype=dt)])
    case(f'slogdet singular {d}', 'slogdet', [torch.zeros(3, 3, dtype=dt)])
    case(f'slogdet large {d}', 'slogdet', [rnd(12, 12, dtype=dt) * 1000])
    # LU
    case(f'lu_factor {d}', 'lu_factor', [rnd(4, 4, dtype=dt)])
    case(f'lu_factor batched {d}', 'lu_factor', [rnd(2, 3, 3, dtype=dt)])
    case(f'lu_factor wide {d}', 'lu_factor', [rnd(3, 5, dtype=dt)])
    case(f'lu_factor tall {d}', 'lu_factor', [rnd(5, 3, dtype=dt)])
    case(f'lu {d}', 'lu', [rnd(4, 4, dtype=dt)])
    case(f'lu batched {d}', 'lu', [rnd(2, 3, 3, dtype=dt)])
    case(f'lu wide {d}', 'lu', [rnd(3, 5, dtype=dt)])
    case(f'lu tall {d}', 'lu', [rnd(5, 3, dtype=dt)])
    case(f'lu singular {d}', 'lu', [torch.tensor([[1., 2, 3], [2, 4, 6], [1, 1, 1]], dtype=dt)])
    for left in (True, False):
        for adjoint in (False, True):
            a = rnd(3, 3, dtype=dt)
            lu_, piv = LA.lu_factor(a)
            b = rnd(3, 2, dtype=dt) if left else rnd(2, 3, dtype=dt)
            case(f'lu_solve left={left} adjoint={adjoint} {d}', 'lu_solve', [lu_, piv, b], {'left': left, 'adjoint': adjoint})
    a = rnd(2, 1, 3, 3, dtype=dt)
    lu_, piv = LA.lu_factor(a)
    case(f'lu_solve broadcast {d}', 'lu_solve', [lu_, piv, rnd(3, 3, 2, dtype=dt)])
    # triangular
    for upper in (True, False):
        case(f'solve_triangular upper={upper} {d}', 'solve_triangular', [tri(4, 4, upper=upper, dtype=dt), rnd(4, 2, dtype=dt)], {'upper': upper})
        case(f'solve_triangular upper={upper} left=False {d}', 'solve_triangular',
             [tri(3, 3, upper=upper, dtype=dt), rnd(2, 3, dtype=dt)], {'upper': upper, 'left': False})
        case(f'solve_triangular upper={upper} unitriangular {d}', 'solve_triangular',
             [rnd(3, 3, dtype=dt), rnd(3, 2, dtype=dt)], {'upper': upper, 'unitriangular': True})
    case(f'solve_triangular broadcast {d}', 'solve_triangular', [tri(2, 1, 3, 3, upper=True, dtype=dt), rnd(3, 3, 2, dtype=dt)], {'upper': True})
    # Cholesky
    case(f'cholesky {d}', 'cholesky', [spd(4, 4, dtype=dt)])
    case(f'cholesky upper {d}', 'cholesky', [spd(4, 4, dtype=dt)], {'upper': True})
    case(f'cholesky batched {d}', 'cholesky', [spd(2, 3, 3, dtype=dt)])
    case(f'cholesky_ex not positive-definite {d}', 'cholesky_ex', [torch.tensor([[4., 2, 0], [2, 1, 0], [0, 0, 1]], dtype=dt)])
    case(f'inv_ex {d}', 'inv_ex', [rnd(2, 3, 3, dtype=dt)])
    # matrix functions and products
    for n in (0, 1, 2, 3, 5, -1, -3):
        case(f'matrix_power {n} {d}', 'matrix_power', [rnd(3, 3, dtype=dt)], {'n': n})
    case(f'matrix_power batched {d}', 'matrix_power', [rnd(2, 3, 3, dtype=dt)], {'n': 4})
    case(f'matrix_exp small {d}', 'matrix_exp', [rnd(3, 3, dtype=dt) * 0.1])
    case(f'matrix_exp {d}', 'matrix_exp', [rnd(4, 4, dtype=dt)])
    case(f'matrix_exp large norm {d}', 'matrix_exp', [rnd(3, 3, dtype=dt) * 4])
    case(f'matrix_exp batched {d}', 'matrix_exp', [torch.stack([rnd(3, 3) * 0.01, rnd(3, 3) * 3]).to(dt)])
    case(f'multi_dot 2 {d}', 'multi_dot', [rnd(2, 3, dtype=dt), rnd(3, 4, dtype=dt)])
    case(f'multi_dot 4 {d}', 'multi_dot', [rnd(5, 2, dtype=dt), rnd(2, 6, dtype=dt), rnd(6, 3, dtype=dt), rnd(3, 4, dtype=dt)])
    case(f'multi_dot vectors {d}', 'multi_dot', [rnd(3, dtype=dt), rnd(3, 4, dtype=dt), rnd(4, dtype=dt)])
    case(f'cross {d}', 'cross', [rnd(2, 3, dtype=dt), rnd(2, 3, dtype=dt)])
    case(f'cross dim 0 broadcast {d}', 'cross', [rnd(3, 1, dtype=dt), rnd(3, 4, dtype=dt)], {'dim': 0})
    case(f'vecdot {d}', 'vecdot', [rnd(2, 4, dtype=dt), rnd(4, dtype=dt)])
    case(f'vecdot dim 0 {d}', 'vecdot', [rnd(3, 2, dtype=dt), rnd(3, 2, dtype=dt)], {'dim': 0})
    for ord_ in (2.0, 1.0, math.inf, -math.inf, 0.0, 3.0):
        case(f'vector_norm ord={ord_} {d}', 'vector_norm', [rnd(2, 3, dtype=dt)], {'ord': ord_, 'dims': [1], 'keepdim': ord_ == 1.0})
    case(f'vector_norm all {d}', 'vector_norm', [rnd(2, 3, dtype=dt)], {'ord': 2.0})
    case(f'diagonal {d}', 'diagonal', [rnd(2, 3, 4, dtype=dt)])
    case(f'diagonal offset {d}', 'diagonal', [rnd(2, 3, 4, dtype=dt)], {'offset': 1, 'dim1': 0, 'dim2': 2})

# gradients of sum(out * g), float64
case('grad solve', 'solve', [rnd(3, 3), rnd(3, 2)], grad=True)
case('grad solve broadcast', 'solve', [rnd(3, 3), rnd(2, 3, 2)], grad=True)
case('grad solve batched vectors', 'solve', [rnd(2, 3, 3), rnd(2, 3)], grad=True)
case('grad solve left=False', 'solve', [rnd(3, 3), rnd(2, 3)], {'left': False}, grad=True)
case('grad inv', 'inv', [rnd(3, 3)], grad=True)
case('grad det', 'det', [rnd(2, 3, 3)], grad=True)
case('grad det singular', 'det', [torch.tensor([[1., 2, 3], [2, 4, 6], [1, 1, 1]], dtype=F64)], grad=True)
case('grad det rank n-2', 'det', [torch.tensor([[1., 0, 0], [0, 0, 0], [0, 0, 0]], dtype=F64)], grad=True)
case('grad slogdet', 'slogdet', [rnd(3, 3)], grad=True)
case('grad lu_factor', 'lu_factor', [rnd(3, 3)], grad=True)
case('grad lu', 'lu', [rnd(2, 3, 3)], grad=True)
case('grad lu_factor wide', 'lu_factor', [rnd(3, 5)], grad=True)
case('grad lu tall', 'lu', [rnd(5, 3)], grad=True)
a = rnd(3, 3)
lu_, piv = LA.lu_factor(a)
case('grad lu_solve', 'lu_solve', [lu_, piv, rnd(3, 2)], grad=True)
case('grad lu_solve adjoint left=False', 'lu_solve', [lu_, piv, rnd(2, 3)], {'left': False, 'adjoint': True}, grad=True)
case('grad solve_triangular', 'solve_triangular', [tri(3, 3, upper=True), rnd(3, 2)], {'upper': True}, grad=True)
case('grad solve_triangular lower unit left=False', 'solve_triangular', [rnd(3, 3), rnd(2, 3)],
     {'upper': False, 'left': False, 'unitriangular': True}, grad=True)
case('grad cholesky', 'cholesky', [spd(3, 3)], grad=True)
case('grad cholesky upper', 'cholesky', [spd(2, 3, 3)], {'upper': True}, grad=True)
case('grad matrix_power -2', 'matrix_power', [rnd(3, 3)], {'n': -2}, grad=True)
case('grad matrix_exp', 'matrix_exp', [rnd(3, 3)], grad=True)
case('grad matrix_exp large norm', 'matrix_exp', [rnd(3, 3) * 4], grad=True)
case('grad multi_dot', 'multi_dot', [rnd(3), rnd(3, 4), rnd(4, 2)], grad=True)
case('grad cross', 'cross', [rnd(2, 3), rnd(2, 3)], grad=True)

# errors
S = torch.tensor([[1., 2, 3], [2, 4, 6], [1, 1, 1]], dtype=F64)
error('inv singular', 'inv', [S])
error('inv singular batch', 'inv', [torch.stack([torch.eye(3, dtype=F64), S])])
error('inverse singular', 'inverse', [S])
error('solve singular', 'solve', [S, torch.ones(3, dtype=F64)])
error('solve singular batch', 'solve', [torch.stack([torch.eye(3, dtype=F64), S]), torch.ones(3, dtype=F64)])
error('cholesky not positive-definite', 'cholesky', [S])
error('cholesky batch', 'cholesky', [torch.stack([torch.eye(3, dtype=F64), -torch.eye(3, dtype=F64)])])
error('lu_factor singular', 'lu_factor', [S], java='LinAlgException')
error('lu_factor singular batch', 'lu_factor', [torch.stack([torch.eye(3), torch.zeros(3, 3)])], java='LinAlgException')
error('cholesky not square', 'cholesky', [torch.ones(2, 3)])
error('inv 1-d', 'inv', [torch.ones(3)])
error('inv int64', 'inv', [torch.ones(3, 3, dtype=torch.int64)])
error('inv float16', 'inv', [torch.ones(3, 3, dtype=torch.float16)])
error('det float16', 'det', [torch.eye(3, dtype=torch.float16)])
error('det not square', 'det', [torch.ones(2, 3)])
error('slogdet not square', 'slogdet', [torch.ones(2, 3)])
error('det int64', 'det', [torch.ones(3, 3, dtype=torch.int64)])
error('cholesky float16', 'cholesky', [torch.eye(3, dtype=torch.float16)])
error('solve vector wrong size', 'solve', [torch.eye(3), torch.ones(4)])
error('solve B wrong rows', 'solve', [torch.eye(3), torch.ones(2, 4)])
error('solve left=False wrong columns', 'solve', [torch.eye(3), torch.ones(3, 2)], {'left': False})
error('solve left=False vector', 'solve', [torch.eye(3).expand(2, 3, 3), torch.ones(2, 3)], {'left': False})
error('solve dtypes', 'solve', [torch.eye(3), torch.ones(3, 3, dtype=F64)])
error('solve batch mismatch', 'solve', [torch.ones(2, 3, 3), torch.ones(4, 3, 3)])
error('solve 0-d B', 'solve', [torch.eye(3), torch.tensor(1.)])
error('solve not square', 'solve', [torch.ones(2, 3), torch.ones(2)])
error('lu_factor 1-d', 'lu_factor', [torch.ones(3)])
error('lu_factor int64', 'lu_factor', [torch.ones(3, 3, dtype=torch.int64)])
error('lu 1-d', 'lu', [torch.ones(3)])
error('lu_solve 1-d B', 'lu_solve', [torch.eye(3), torch.ones(3, dtype=torch.int32), torch.ones(3)])
error('lu_solve shapes', 'lu_solve', [torch.eye(3), torch.ones(3, dtype=torch.int32), torch.ones(2, 3)])
error('lu_solve shapes left=False', 'lu_solve', [torch.eye(3), torch.ones(3, dtype=torch.int32), torch.ones(3, 2)], {'left': False})
error('lu_solve int64 pivots', 'lu_solve', [torch.eye(3), torch.ones(3, dtype=torch.int64), torch.ones(3, 2)])
error('lu_solve not square', 'lu_solve', [torch.ones(3, 2), torch.ones(2, dtype=torch.int32), torch.ones(3, 2)])
error('lu_solve pivots size', 'lu_solve', [torch.eye(3), torch.ones(2, dtype=torch.int32), torch.ones(3, 2)])
error('solve_triangular not square', 'solve_triangular', [torch.ones(2, 3), torch.ones(2, 3)], {'upper': True})
error('solve_triangular shapes', 'solve_triangular', [torch.eye(3), torch.ones(2, 3)], {'upper': True})
error('solve_triangular 1-d B', 'solve_triangular', [torch.eye(3), torch.ones(3)], {'upper': True})
error('solve_triangular float16', 'solve_triangular', [torch.eye(3, dtype=torch.float16), torch.ones(3, 3, dtype=torch.float16)], {'upper': True})
error('matrix_power not square', 'matrix_power', [torch.ones(2, 3)], {'n': 2})
error('matrix_power 1-d', 'matrix_power', [torch.ones(3)], {'n': 2})
error('matrix_power singular inverse', 'matrix_power', [S], {'n': -1})
error('matrix_exp not square', 'matrix_exp', [torch.ones(2, 3)])
error('matrix_exp int64', 'matrix_exp', [torch.ones(3, 3, dtype=torch.int64)])
error('cross lengths', 'cross', [torch.ones(2, 3), torch.ones(2, 4)])
error('cross ranks', 'cross', [torch.ones(3), torch.ones(2, 3)])
error('cross dim', 'cross', [torch.ones(3, 2), torch.ones(3, 2)], {'dim': 2})
error('multi_dot one', 'multi_dot', [torch.ones(3)])
error('multi_dot shapes', 'multi_dot', [torch.ones(2, 3), torch.ones(4, 3)])
error('multi_dot first 3-d', 'multi_dot', [torch.ones(2, 3, 3), torch.ones(3, 3)])
error('multi_dot middle 3-d', 'multi_dot', [torch.ones(2, 3), torch.ones(2, 3, 3), torch.ones(3, 3)])
error('multi_dot dtypes', 'multi_dot', [torch.ones(3), torch.ones(3, dtype=F64)])
error('vecdot int64', 'vecdot', [torch.ones(3, dtype=torch.int64), torch.ones(3, dtype=torch.int64)])
error('vecdot dtypes', 'vecdot', [torch.ones(3), torch.ones(3, dtype=F64)])

os.makedirs(OUT, exist_ok=True)
with open(os.path.join(OUT, 'lu.json'), 'w') as f:
    f.write('{"cases": ' + dumps(CASES) + '}\n')
print(len(CASES), 'cases')
