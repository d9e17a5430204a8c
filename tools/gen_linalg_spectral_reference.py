"""Reference values for torch4j's spectral linear algebra (qr, eigh, svd and what builds on them).

Run with Debian's PyTorch 1.13:  /usr/bin/python3 tools/gen_linalg_spectral_reference.py
Writes api/src/test/resources/reference/linalg/spectral.json, read by LinalgSpectralTest.

Each case names an op, its arguments and PyTorch's outputs. Eigen- and singular vectors are recorded as
LAPACK returns them; the test normalises their signs on both sides. Gradients are of losses that do not
depend on those signs (sums weighted by fixed tensors of eigenvalues, singular values, |vectors|, Q and R
under LAPACK's sign convention, and of pinv, lstsq, norms), all in float64.
"""
import json
import math
import os

import torch

torch.manual_seed(0)
torch.set_num_threads(1)  # multithreaded float32 reductions are not reproducible
OUT = os.path.join(os.path.dirname(__file__), '..', 'api', 'src', 'test', 'resources', 'reference', 'linalg', 'spectral.json')


def num(v):
    v = float(v)
    if math.isnan(v):
        return 'NaN'
    if math.isinf(v):
        return 'Infinity' if v > 0 else '-Infinity'
    return repr(v)


def enc(t, digits=None):
    """A tensor's JSON form; digits rounds floats to that many significant digits (for results LAPACK does
    not reproduce bit for bit from run to run)."""
    t = t.detach().contiguous()
    name = str(t.dtype)[6:]
    flat = t.reshape(-1)
    if t.dtype.is_floating_point:
        data = [Raw(num(v if digits is None or not math.isfinite(v) else float(f'{v:.{digits}g}')))
                for v in (flat.tolist() if t.dtype == torch.float64 else flat.float().tolist())]
    else:
        data = flat.tolist()
    return {'dtype': name, 'shape': list(t.shape), 'data': data}


class Raw(str):
    pass


def dumps(o):
    if isinstance(o, Raw):
        return str(o)
    if isinstance(o, bool):
        return 'true' if o else 'false'
    if o is None:
        return 'null'
    if isinstance(o, (int, float)):
        return num(o) if isinstance(o, float) else str(o)
    if isinstance(o, str):
        return json.dumps(o)
    if isinstance(o, dict):
        return '{' + ','.join(json.dumps(k) + ':' + dumps(v) for k, v in o.items()) + '}'
    if isinstance(o, (list, tuple)):
        return '[' + ',\n'.join(dumps(v) for v in o) + ']' if o and isinstance(o[0], dict) else '[' + ','.join(dumps(v) for v in o) + ']'
    raise TypeError(type(o))


def rnd(*shape):
    return torch.randn(*shape, dtype=torch.float64)


def rank_deficient(m, n, r, batch=()):
    return rnd(*batch, m, r) @ rnd(*batch, r, n)


def sym(a):
    return a + a.mT


cases = []


def case(op, inputs, args, outputs, dtype):
    cases.append({'op': op, 'dtype': dtype, 'inputs': [enc(t.to(getattr(torch, dtype))) for t in inputs],
                  'args': args, 'outputs': outputs})


def run(op, fn, inputs, args, dtypes=('float32', 'float64')):
    for dt in dtypes:
        ins = [t.to(getattr(torch, dt)) for t in inputs]
        if op == 'lstsq':
            # gelsy's last bits vary between runs (with OpenBLAS's buffer alignment): record float64 results to
            # 12 digits, and for float32 inputs the float64 solution of the same (float32-valued) problem
            rcond = torch.finfo(ins[0].dtype).eps * max(ins[0].shape[-2:])  # the float32 default, in double
            r = [x.to(ins[0].dtype) if x.is_floating_point() else x for x in torch.linalg.lstsq(*[t.double() for t in ins], rcond=rcond)]
            case(op, ins, args, [enc(x, 12 if x.dtype == torch.float64 else None) for x in r], dt)
            continue
        r = fn(*ins)
        if isinstance(r, torch.Tensor):
            r = [r]
        case(op, ins, args, [enc(x) for x in r], dt)


# ---- qr ----------------------------------------------------------------------------------------------
for shape in [(4, 3), (3, 4), (3, 3), (2, 5, 3), (2, 3, 5), (0, 3, 2), (3, 0)]:
    a = rnd(*shape)
    for mode in ['reduced', 'complete', 'r']:
        run('qr', lambda x, mode=mode: list(torch.linalg.qr(x, mode=mode)), [a], {'mode': mode})
for mode in ['reduced', 'complete']:
    run('qr', lambda x, mode=mode: list(torch.linalg.qr(x, mode=mode)), [torch.zeros(3, 3)], {'mode': mode}, ('float64',))
    run('qr', lambda x, mode=mode: list(torch.linalg.qr(x, mode=mode)), [rank_deficient(5, 3, 2)], {'mode': mode, 'degenerate': True}, ('float64',))

# ---- eigh, eigvalsh ----------------------------------------------------------------------------------
for shape in [(4, 4), (2, 3, 3), (1, 1), (0, 0), (0, 3, 3), (6, 6)]:
    a = rnd(*shape)  # not symmetric: only the uplo triangle counts
    for uplo in ['L', 'U']:
        run('eigh', lambda x, uplo=uplo: list(torch.linalg.eigh(x, UPLO=uplo)), [a], {'uplo': uplo})
        run('eigvalsh', lambda x, uplo=uplo: torch.linalg.eigvalsh(x, UPLO=uplo), [a], {'uplo': uplo})
q, _ = torch.linalg.qr(rnd(4, 4))
repeated = q @ torch.diag(torch.tensor([1., 1., 3., -2.], dtype=torch.float64)) @ q.T
for a in [repeated, torch.zeros(3, 3), sym(rank_deficient(4, 4, 2))]:
    run('eigh', lambda x: list(torch.linalg.eigh(x)), [a], {'uplo': 'L', 'degenerate': True})

# ---- svd, svdvals ------------------------------------------------------------------------------------
for shape in [(5, 3), (3, 5), (4, 4), (2, 3, 4), (2, 4, 2), (0, 3, 4), (3, 0), (1, 1)]:
    a = rnd(*shape)
    for full in [False, True]:
        run('svd', lambda x, full=full: list(torch.linalg.svd(x, full_matrices=full)), [a], {'full_matrices': full})
    run('svdvals', lambda x: torch.linalg.svdvals(x), [a], {})
# from 24 columns (or rows) on, torch4j's Jacobi starts from the Gram matrix's eigenvectors: a tall and a wide case
for a in [rnd(32, 26), rnd(25, 30)]:
    run('svd', lambda x: list(torch.linalg.svd(x, full_matrices=False)), [a], {'full_matrices': False}, ('float64',))
    run('svdvals', lambda x: torch.linalg.svdvals(x), [a], {}, ('float32',))
for a in [rank_deficient(5, 4, 2), torch.zeros(3, 2), rank_deficient(3, 6, 1), torch.diag(torch.tensor([2., 2., 1.], dtype=torch.float64))]:
    for full in [False, True]:
        run('svd', lambda x, full=full: list(torch.linalg.svd(x, full_matrices=full)), [a], {'full_matrices': full, 'degenerate': True})
    run('svdvals', lambda x: torch.linalg.svdvals(x), [a], {})

# ---- pinv, matrix_rank, lstsq ------------------------------------------------------------------------
for a in [rnd(4, 3), rnd(3, 5), rnd(2, 3, 3), rank_deficient(4, 4, 2), torch.zeros(2, 3), rnd(0, 3)]:
    run('pinv', lambda x: torch.linalg.pinv(x), [a], {})
    run('matrix_rank', lambda x: torch.linalg.matrix_rank(x), [a], {})
s = sym(rank_deficient(4, 4, 2))
run('pinv', lambda x: torch.linalg.pinv(x, hermitian=True), [s], {'hermitian': True})
run('matrix_rank', lambda x: torch.linalg.matrix_rank(x, hermitian=True), [s], {'hermitian': True})
graded = torch.diag(torch.tensor([10., 1., 0.1, 0.001], dtype=torch.float64)) @ torch.linalg.qr(rnd(4, 4))[0]
for atol, rtol in [(0.5, None), (None, 0.05), (0.05, 0.2), (0.0, None)]:
    args = {'atol': atol, 'rtol': rtol}
    run('pinv', lambda x: torch.linalg.pinv(x, atol=atol, rtol=rtol), [graded], args)
    run('matrix_rank', lambda x: torch.linalg.matrix_rank(x, atol=atol, rtol=rtol), [graded], args)
    run('matrix_rank', lambda x: torch.linalg.matrix_rank(x, atol=atol, rtol=rtol, hermitian=True), [sym(graded)], dict(args, hermitian=True))
for a, b in [(rnd(5, 3), rnd(5, 2)), (rnd(3, 5), rnd(3, 2)), (rnd(4, 4), rnd(4, 1)), (rnd(2, 5, 3), rnd(2, 5)),
             (rnd(2, 5, 3), rnd(1, 5, 2)), (rank_deficient(5, 3, 2), rnd(5, 2))]:
    run('lstsq', lambda x, y: list(torch.linalg.lstsq(x, y)), [a, b], {})

# ---- matrix_norm, norm, cond -------------------------------------------------------------------------
ords = ['fro', 'nuc', math.inf, -math.inf, 1, -1, 2, -2]
a = rnd(3, 4)
b = rnd(2, 3, 4)
for o in ords:
    run('matrix_norm', lambda x, o=o: torch.linalg.matrix_norm(x, ord=o), [a], {'ord': o})
    run('matrix_norm', lambda x, o=o: torch.linalg.matrix_norm(x, ord=o, dim=(0, 2), keepdim=True), [b], {'ord': o, 'dim': [0, 2], 'keepdim': True})
    run('matrix_norm', lambda x, o=o: torch.linalg.matrix_norm(x, ord=o, dim=(-1, -2)), [b], {'ord': o, 'dim': [-1, -2]})
    run('cond', lambda x, o=o: torch.linalg.cond(x, o), [rnd(2, 3, 3)], {'p': o})
for o in ['fro', 'nuc', 1, -1]:
    run('matrix_norm', lambda x, o=o: torch.linalg.matrix_norm(x, ord=o), [rnd(0, 3)], {'ord': o})
run('cond', lambda x: torch.linalg.cond(x), [rnd(2, 0, 0)], {})
run('cond', lambda x: torch.linalg.cond(x, 'fro'), [rnd(0, 3, 3)], {'p': 'fro'})
run('eigvalsh', lambda x: torch.linalg.eigvalsh(x), [torch.full((2, 2), math.nan)], {'uplo': 'L'})
run('cond', lambda x: torch.linalg.cond(x), [rnd(3, 5)], {})
run('cond', lambda x: torch.linalg.cond(x), [rnd(3, 3)], {})
run('cond', lambda x: torch.linalg.cond(x, 1), [torch.zeros(3, 3)], {'p': 1}, ('float64',))
run('cond', lambda x: torch.linalg.cond(x, -2), [rnd(5, 3)], {'p': -2})
for x, args in [(rnd(5), {}), (rnd(5), {'ord': 3.0}), (rnd(5), {'ord': math.inf}), (rnd(3, 4), {}), (rnd(3, 4), {'ord': 'fro'}),
                (rnd(3, 4), {'ord': 'nuc'}), (rnd(3, 4), {'ord': 2}), (rnd(3, 4), {'ord': -1}), (rnd(2, 3, 4), {}),
                (rnd(2, 3, 4), {'ord': 2, 'dim': [1]}), (rnd(2, 3, 4), {'ord': 0.5, 'dim': [2], 'keepdim': True}),
                (rnd(2, 3, 4), {'ord': 'nuc', 'dim': [0, 2]}), (rnd(2, 3, 4), {'ord': math.inf, 'dim': [2, 1], 'keepdim': True}),
                (rnd(2, 3, 4), {'dim': [0, 1]})]:
    kw = dict(args)
    if 'dim' in kw:
        kw['dim'] = tuple(kw['dim'])
    run('norm', lambda t, kw=kw: torch.linalg.norm(t, **kw), [x], args)

# ---- errors ------------------------------------------------------------------------------------------
errors = []


def err(op, x, args, fn, others=()):
    try:
        fn()
    except Exception as e:
        errors.append({'op': op, 'input': enc(x), 'others': [enc(o) for o in others], 'args': args,
                       'type': type(e).__name__, 'message': str(e).split('\n')[0]})
        return
    raise AssertionError(f'no error: {op} {args}')


v = torch.randn(3)
L = torch.ones(3, 3, dtype=torch.long)
H = torch.ones(3, 3, dtype=torch.half)
W = torch.randn(3, 4)
for x in [v, L, H]:
    err('qr', x, {'mode': 'reduced'}, lambda: torch.linalg.qr(x))
    err('svd', x, {'full_matrices': True}, lambda: torch.linalg.svd(x))
    err('svdvals', x, {}, lambda: torch.linalg.svdvals(x))
    err('eigh', x, {'uplo': 'L'}, lambda: torch.linalg.eigh(x))
    err('eigvalsh', x, {'uplo': 'L'}, lambda: torch.linalg.eigvalsh(x))
    err('pinv', x, {}, lambda: torch.linalg.pinv(x))
    err('matrix_rank', x, {}, lambda: torch.linalg.matrix_rank(x))
    err('cond', x, {}, lambda: torch.linalg.cond(x))
    if x is not H:
        err('matrix_norm', x, {'ord': 'fro'}, lambda: torch.linalg.matrix_norm(x))
err('matrix_norm', H, {'ord': 'nuc'}, lambda: torch.linalg.matrix_norm(H, 'nuc'))
err('qr', W, {'mode': 'bad'}, lambda: torch.linalg.qr(W, mode='bad'))
err('qr', H, {'mode': 'bad'}, lambda: torch.linalg.qr(H, mode='bad'))
err('eigh', W, {'uplo': 'L'}, lambda: torch.linalg.eigh(W))
err('eigvalsh', W, {'uplo': 'L'}, lambda: torch.linalg.eigvalsh(W))
err('eigh', torch.randn(3, 3), {'uplo': 'X'}, lambda: torch.linalg.eigh(torch.randn(3, 3), UPLO='X'))
err('svd', torch.full((2, 2), math.nan), {'full_matrices': True}, lambda: torch.linalg.svd(torch.full((2, 2), math.nan)))
err('pinv', W, {'hermitian': True}, lambda: torch.linalg.pinv(W, hermitian=True))
err('matrix_norm', W, {'ord': 3}, lambda: torch.linalg.matrix_norm(W, ord=3))
err('matrix_norm', W, {'ord': 'abc'}, lambda: torch.linalg.matrix_norm(W, ord='abc'))
err('matrix_norm', W, {'ord': 'fro', 'dim': [0, 0]}, lambda: torch.linalg.matrix_norm(W, dim=(0, 0)))
err('matrix_norm', W, {'ord': 'fro', 'dim': [0, 5]}, lambda: torch.linalg.matrix_norm(W, dim=(0, 5)))
err('matrix_norm', torch.randn(0, 3), {'ord': 2}, lambda: torch.linalg.matrix_norm(torch.randn(0, 3), 2))
err('norm', torch.randn(2, 3, 4), {'ord': 2}, lambda: torch.linalg.norm(torch.randn(2, 3, 4), 2))
err('norm', torch.randn(2, 3, 4), {'ord': 'fro'}, lambda: torch.linalg.norm(torch.randn(2, 3, 4), 'fro'))
err('norm', torch.randn(2, 3, 4), {'dim': [0, 1, 2]}, lambda: torch.linalg.norm(torch.randn(2, 3, 4), dim=(0, 1, 2)))
err('norm', torch.randn(3), {'ord': 'fro'}, lambda: torch.linalg.norm(torch.randn(3), 'fro'))
err('cond', W, {'p': 1}, lambda: torch.linalg.cond(W, 1))
err('cond', torch.randn(3, 3), {'p': 3}, lambda: torch.linalg.cond(torch.randn(3, 3), 3))
err('cond', torch.randn(3, 3), {'p': 'abc'}, lambda: torch.linalg.cond(torch.randn(3, 3), 'abc'))
err('lstsq', v, {}, lambda: torch.linalg.lstsq(v, v), [v])
err('lstsq', torch.randn(4, 3), {}, lambda: torch.linalg.lstsq(torch.randn(4, 3), torch.randn(5, 2)), [torch.randn(5, 2)])
err('lstsq', torch.randn(4, 3), {}, lambda: torch.linalg.lstsq(torch.randn(4, 3), torch.randn(4, 2, dtype=torch.float64)), [torch.randn(4, 2, dtype=torch.float64)])
err('lstsq', torch.randn(3, 3), {}, lambda: torch.linalg.lstsq(torch.randn(3, 3), torch.randn(3, 3, 3)), [torch.randn(3, 3, 3)])
err('lstsq', L, {}, lambda: torch.linalg.lstsq(L, L), [L])

# ---- gradients of sign-independent losses, float64 -------------------------------------------------------
grads = []


def grad(op, inputs, args, loss):
    ins = [t.clone().requires_grad_() for t in inputs]
    out = loss(*ins)
    gs = torch.autograd.grad(out, ins)
    digits = 12 if op == 'lstsq' else None
    grads.append({'op': op, 'inputs': [enc(t) for t in inputs], 'args': args, 'loss': enc(out, digits), 'grads': [enc(g, digits) for g in gs]})


def weights(*shape):
    return torch.linspace(-1, 1.5, math.prod(shape), dtype=torch.float64).reshape(shape)


for shape, mode in [((4, 3), 'reduced'), ((3, 4), 'reduced'), ((3, 4), 'complete'), ((3, 3), 'complete'), ((2, 4, 2), 'reduced')]:
    a = rnd(*shape)
    qq, rr = torch.linalg.qr(a, mode=mode)
    wq, wr = weights(*qq.shape), weights(*rr.shape).flip(-1)
    grad('qr', [a], {'mode': mode}, lambda x: (torch.linalg.qr(x, mode=mode)[0] * wq).sum() + (torch.linalg.qr(x, mode=mode)[1] * wr).sum())
for shape in [(4, 4), (2, 3, 3)]:
    a = sym(rnd(*shape))
    ww, wv = weights(*shape[:-1]), weights(*shape).flip(-1)
    grad('eigh', [a], {}, lambda x: (torch.linalg.eigh(x)[0] * ww).sum() + (torch.linalg.eigh(x)[1].abs() * wv).sum())
    grad('eigvalsh', [a], {}, lambda x: (torch.linalg.eigvalsh(x) * ww).sum())
for shape, full in [((5, 3), False), ((3, 5), False), ((4, 4), True), ((2, 3, 4), False), ((4, 3), True)]:
    a = rnd(*shape)
    u, s_, vh = torch.linalg.svd(a, full_matrices=full)
    wu, ws, wvh = weights(*u.shape), weights(*s_.shape).flip(-1), weights(*vh.shape).flip(-2)
    grad('svd', [a], {'full_matrices': full},
         lambda x: sum((t.abs() if i != 1 else t) .mul(w).sum() for i, (t, w) in enumerate(zip(torch.linalg.svd(x, full_matrices=full), (wu, ws, wvh)))))
    grad('svdvals', [a], {}, lambda x: (torch.linalg.svdvals(x) * ws).sum())
for a in [rnd(4, 3), rnd(3, 5)]:
    w = weights(a.shape[1], a.shape[0])
    grad('pinv', [a], {}, lambda x: (torch.linalg.pinv(x) * w).sum())
a = sym(rnd(3, 3))
grad('pinv', [a], {'hermitian': True}, lambda x: (torch.linalg.pinv(x, hermitian=True) * weights(3, 3)).sum())
a, b = rnd(5, 3), rnd(5, 2)
grad('lstsq', [a, b], {}, lambda x, y: (torch.linalg.lstsq(x, y).solution * weights(3, 2)).sum())
for o in ['fro', 'nuc', 2, -2, 1, math.inf]:
    grad('matrix_norm', [rnd(3, 4)], {'ord': o}, lambda x: torch.linalg.matrix_norm(x, ord=o))
# PyTorch 1.13 cannot differentiate cond for the norms that go through inv (an in-place masked_fill_ on inv's output)
for o in [None, -2]:
    grad('cond', [rnd(3, 3)], {'p': o}, lambda x: torch.linalg.cond(x, o))

with open(OUT, 'w') as f:
    f.write(dumps({'cases': cases, 'errors': errors, 'grads': grads}) + '\n')
print(len(cases), 'cases,', len(errors), 'errors,', len(grads), 'gradients ->', os.path.normpath(OUT))
