#!/usr/bin/python3
"""Writes PyTorch's answers for torch4j's complex-tensor tests (conformance/ComplexTest.java).

Run with Debian's interpreter, which has PyTorch (1.13):

    /usr/bin/python3 tools/gen_complex_reference.py

It writes api/src/test/resources/reference/complex.json. Every input is written out here or drawn
from a seeded generator, so the output is the same on every run.

A complex tensor's JSON form is {"dtype": "complex64", "shape": [...], "data": [re0, im0, re1, im1, ...]}:
the row-major data of torch.view_as_real, the same interleaving torch4j stores. Real tensors use
gen_tensor_reference.py's form. Sections:
- "print": {"value": tensor, "str": PyTorch's str(), optional "requires_grad", "default_dtype"};
- "ops": {"name", "op", "args", "out"} where op names a case the Java side knows (ComplexTest.OPS);
- "errors": {"name", "op", "args", "error"} with PyTorch's message.
"""
import math
import os
import sys

import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from gen_tensor_reference import dumps, fnum  # noqa: E402  (the same compact JSON numbers)

import numpy as np  # noqa: E402

torch.set_num_threads(1)
OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'api', 'src', 'test', 'resources', 'reference')
GEN = torch.Generator().manual_seed(20261203)
NAN, INF = math.nan, math.inf


def enc(t):
    """A tensor's JSON form; complex data interleaved (re, im)."""
    t = t.detach().resolve_conj().contiguous()
    name = str(t.dtype)[6:]
    real = torch.view_as_real(t) if t.is_complex() else t
    flat = real.reshape(-1)
    if real.dtype == torch.float64:
        data = [fnum(v, None) for v in flat.tolist()]
    elif real.dtype == torch.float32:
        data = [fnum(v, np.float32) for v in flat.tolist()]
    elif real.dtype == torch.bool:
        data = [1 if v else 0 for v in flat.tolist()]
    else:
        data = flat.tolist()
    return {'dtype': name, 'shape': list(t.shape), 'data': data}


def crnd(*shape, dtype=torch.complex64, scale=1.0):
    """Seeded complex values with two decimals in each part."""
    x = torch.randn(*shape, 2, generator=GEN, dtype=torch.float64) * scale
    x = (x * 100).round() / 100
    return torch.view_as_complex(x).to(dtype)


def rnd(*shape, dtype=torch.float32, scale=1.0):
    x = torch.randn(*shape, generator=GEN, dtype=torch.float64) * scale
    return ((x * 100).round() / 100).to(dtype)


def c(values, dtype=torch.complex64):
    return torch.tensor(values, dtype=dtype)


# ---- printing -----------------------------------------------------------------------------------------

def gen_print():
    cases = []

    def add(t, **extra):
        cases.append(dict({'value': enc(t), 'str': str(t)}, **extra))

    add(c([1 + 2j, 3 - 4j]))
    add(c([1 + 2j, 3 - 4j], torch.complex128))
    add(c(1 + 2j))
    add(c(-0.0 - 0.0j))
    add(c(-1.5 + 0.25j, torch.complex128))
    add(c([0.5 + 0.0j, -0.0 + 1.0j, 2.25 - 0.0j]))
    add(c([1e10 + 2j, 3j]))
    add(c([1e-5 + 1j, 2 + 3j]))
    add(c([NAN + 1j, 1 + INF * 1j, -INF + 0j, 2 - NAN * 1j]))
    add(c([123456.789 + 1j, 0.001 - 2.5j]))
    add(crnd(3, 4))
    add(crnd(2, 3, 2, dtype=torch.complex128))
    add(crnd(5, 7, scale=100.0))
    add(crnd(2000))
    add(crnd(40, 40, dtype=torch.complex128))
    add(torch.zeros(0, dtype=torch.complex64))
    add(torch.zeros(2, 0, dtype=torch.complex128))
    add(torch.zeros(3, dtype=torch.complex128))
    add(torch.ones(2, 2, dtype=torch.complex64))
    add(crnd(3, dtype=torch.complex128).requires_grad_(), requires_grad=True)
    add(crnd(12, dtype=torch.complex128).requires_grad_(), requires_grad=True)
    torch.set_default_dtype(torch.float64)
    add(c([1 + 2j, 3 - 4j], torch.complex128), default_dtype='float64')
    add(c([1 + 2j, 3 - 4j], torch.complex64), default_dtype='float64')
    torch.set_default_dtype(torch.float32)
    return cases


# ---- ops ---------------------------------------------------------------------------------------------

def gen_ops():
    cases = []

    def add(name, op, args, out):
        outs = out if isinstance(out, (list, tuple)) else [out]
        cases.append({'name': name, 'op': op, 'args': [enc(a) for a in args], 'out': [enc(o) for o in outs]})

    for dt in (torch.complex64, torch.complex128):
        tag = str(dt)[6:]
        z = crnd(2, 3, dtype=dt)
        add('view_as_real ' + tag, 'view_as_real', [z], torch.view_as_real(z))
        r = rnd(3, 2, dtype=dt.to_real() if hasattr(dt, 'to_real') else (torch.float32 if dt == torch.complex64 else torch.float64))
        add('view_as_complex ' + tag, 'view_as_complex', [r], torch.view_as_complex(r))
        add('real ' + tag, 'real', [z], z.real)
        add('imag ' + tag, 'imag', [z], z.imag)
        add('conj ' + tag, 'conj', [z], z.conj())
        add('angle ' + tag, 'angle', [z], z.angle())
        zs = c([0j, -0.0 + 0j, -1 + 0j, -1 - 0.0j, 1j, -1j, NAN + 1j, INF + INF * 1j], dt)
        add('angle specials ' + tag, 'angle', [zs], zs.angle())
        re = rnd(2, 3, dtype=r.dtype)
        im = rnd(3, dtype=r.dtype)
        add('complex broadcast ' + tag, 'complex', [re, im], torch.complex(re, im))
        ab = rnd(4, dtype=r.dtype).abs()
        an = rnd(4, dtype=r.dtype, scale=3.0)
        add('polar ' + tag, 'polar', [ab, an], torch.polar(ab, an))
        add('clone transposed ' + tag, 'clone_t', [z], z.t().clone())
        add('contiguous transposed ' + tag, 'contiguous_t', [z], z.t().contiguous())
        add('reshape ' + tag, 'reshape', [z], z.reshape(3, 2))
        add('permute+flatten ' + tag, 'flatten_t', [z], z.t().flatten())
        add('select ' + tag, 'select', [z], z.select(1, 2))
        add('narrow ' + tag, 'narrow', [z], z.narrow(1, 1, 2))
        add('slice step ' + tag, 'slice', [z], z[:, ::2])
        add('unsqueeze expand ' + tag, 'expand', [z], z.unsqueeze(0).expand(2, 2, 3))
        add('squeeze ' + tag, 'squeeze', [z.reshape(1, 2, 1, 3)], z.reshape(1, 2, 1, 3).squeeze())
        add('full ' + tag, 'full', [torch.zeros(2, 2, dtype=dt)], torch.full((2, 2), 2.5, dtype=dt))
        add('ones ' + tag, 'ones', [torch.zeros(2, 2, dtype=dt)], torch.ones(2, 2, dtype=dt))
        for src in (torch.float32, torch.float64, torch.int64, torch.bool):
            x = (rnd(5, dtype=torch.float64) * 3).to(src)
            add(f'to {tag} from {str(src)[6:]}', 'to_' + tag, [x], x.to(dt))
        for dst in (torch.float32, torch.float64, torch.int64, torch.int32, torch.bool, torch.complex64, torch.complex128):
            x = c([1.5 + 2j, -2.75 - 1j, 0 + 3j, 0j, -0.5 + 0j], dt)
            add(f'to {str(dst)[6:]} from {tag}', 'to_' + str(dst)[6:], [x], x.to(dst))
        dst = torch.zeros(2, 3, dtype=dt)
        src = crnd(3, dtype=torch.complex128)
        add('copy_ complex into ' + tag, 'copy_', [dst, src], dst.clone().copy_(src))
        x = rnd(2, 1, dtype=torch.float64)
        add('copy_ real into ' + tag, 'copy_', [dst, x], dst.clone().copy_(x))
        w = crnd(2, dtype=dt)
        dr = torch.zeros(2, dtype=torch.float64)
        add('copy_ ' + tag + ' into real', 'copy_', [dr, w], dr.clone().copy_(w))
        add('index_select ' + tag, 'index_select', [z], z.index_select(1, torch.tensor([2, 0, 2])))
        add('gather ' + tag, 'gather', [z], z.gather(0, torch.tensor([[1, 0, 1], [0, 0, 1]])))
        add('advanced index ' + tag, 'index', [z], z[torch.tensor([1, 0]), torch.tensor([2, 2])])
        mask = torch.tensor([[True, False, True], [False, True, True]])
        add('masked_select ' + tag, 'masked_select', [z, mask], z.masked_select(mask))
        add('masked_fill ' + tag, 'masked_fill', [z, mask], z.masked_fill(mask, 0.5))
        add('cumsum ' + tag, 'cumsum', [z], z.cumsum(-1))
        add('masked_fill_ ' + tag, 'masked_fill_', [z, mask], z.clone().masked_fill_(mask, torch.tensor(1 - 1j)))
    return cases


# ---- writes by index, products, pow with tensor exponents (drawn after every other section) ------------

def gen_more():
    """More "ops" cases; a section of its own so that its draws come after (and leave alone) every other section's."""
    cases = []

    def add(name, op, args, out):
        cases.append({'name': name, 'op': op, 'args': [enc(a) for a in args], 'out': [enc(out)]})

    for dt in (torch.complex64, torch.complex128):
        tag = str(dt)[6:]
        rdt = torch.float32 if dt == torch.complex64 else torch.float64
        # writes by index go through the real view, whose pair dim no index touches
        y = crnd(3, 4, dtype=dt)
        v = crnd(2, dtype=dt)
        rows, cols = torch.tensor([2, 0]), torch.tensor([1, 3])
        add('index_put_ ' + tag, 'index_put_', [y, v], y.clone().index_put_((rows, cols), v))
        add('index_put_ accumulate ' + tag, 'index_put_acc', [y, v],
            y.clone().index_put_((torch.tensor([1, 1]), torch.tensor([2, 2])), v, accumulate=True))
        y3 = crnd(2, 3, 4, dtype=dt)
        split = y3.clone()
        split[torch.tensor([1, 0]), :, torch.tensor([3, 2])] = v[:1]
        add('index_put_ non-adjacent ' + tag, 'index_put_split', [y3, v[:1]], split)
        r2 = rnd(2, dtype=rdt)
        add('index_put_ real values ' + tag, 'index_put_', [y, r2], y.clone().index_put_((rows, cols), r2.to(dt)))
        src = crnd(2, 4, dtype=dt)
        add('index_add ' + tag, 'index_add', [y, src], y.index_add(0, torch.tensor([2, 2]), src, alpha=-1.5))
        add('index_add_ ' + tag, 'index_add_', [y, src.t()[:3]], y.clone().index_add_(1, torch.tensor([0, 3]), src.t()[:3]))
        sidx = torch.tensor([[2, 0, 1, 2], [0, 0, 2, 1]])
        add('scatter ' + tag, 'scatter', [y, src], y.scatter(0, sidx[:1], src))
        add('scatter value ' + tag, 'scatter_value', [y], y.scatter(1, torch.tensor([[3], [0], [1]]), 2.5))
        add('scatter_add ' + tag, 'scatter_add', [y, src], y.scatter_add(0, sidx, src))
        add('scatter_add_ ' + tag, 'scatter_add_', [y, src], y.clone().scatter_add_(0, sidx, src))
        add('scatter_reduce sum ' + tag, 'scatter_sum', [y, src], y.scatter_reduce(0, sidx, src, 'sum', include_self=False))
        add('scatter_reduce mean ' + tag, 'scatter_mean', [y, src], y.scatter_reduce(0, sidx, src, 'mean'))
        add('take ' + tag, 'take', [y], y.take(torch.tensor([[11, 0], [-1, 5]])))
        # products
        p3 = crnd(2, 3, 5, dtype=dt)
        add('prod ' + tag, 'prod', [p3[0, :2]], p3[0, :2].prod())
        add('prod dim ' + tag, 'prod_dim', [p3], p3.prod(-1))
        add('prod dim keepdim ' + tag, 'prod_dim_keepdim', [p3], p3.prod(1, keepdim=True))
        zeros = c([[1 + 1j, 0j, 2 - 1j], [0.5j, 3 + 0j, -1 - 1j]], dt)
        add('prod with zero ' + tag, 'prod_dim', [zeros], zeros.prod(-1))
        add('cumprod ' + tag, 'cumprod', [p3], p3.cumprod(-1))
        add('cumprod dim 0 ' + tag, 'cumprod_0', [p3], p3.cumprod(0))
        add('cumprod with zero ' + tag, 'cumprod', [zeros], zeros.cumprod(-1))
        # pow with tensor exponents: cpow, exp(w log z), with C's values at base 0
        base = c([0j, 0j, 0j, 0j, 1 + 1j, -2 + 0j, -2 - 0.0j, 2 + 0j, 1j, 0j, 0.5 - 2j, -1.5 + 0.25j], dt)
        expo = c([2 + 0j, 0j, -1 + 0j, 0.5 + 1j, 0.5 + 1j, 0.5 + 0j, 0.5 + 0j, 3 + 0j, 2 + 0j, 1j, -1.25 + 0.5j, 2.5 - 1j], dt)
        add('pow tensor ' + tag, 'pow', [base, expo], torch.pow(base, expo))
        z, w, x = crnd(2, 3, dtype=dt), crnd(3, dtype=dt), rnd(2, 3, dtype=rdt)
        add('pow broadcast ' + tag, 'pow', [z, w], torch.pow(z, w))
        add('pow real base ' + tag, 'pow', [x, w], torch.pow(x, w))
        add('pow real exponent tensor ' + tag, 'pow', [z, x[0]], torch.pow(z, x[0]))
        two = torch.tensor(2.0, dtype=rdt)
        add('pow 0-dim real exponent ' + tag, 'pow', [z, two], torch.pow(z, two))
        add('pow scalar base ' + tag, 'pow_base', [z], torch.pow(2.0, z))
        # elementary functions: seeded values (off the inverse functions' branch cuts) and large real parts
        e = crnd(3, 4, dtype=dt, scale=1.5)
        for op in ('sin', 'cos', 'tan', 'sinh', 'cosh', 'tanh', 'asin', 'acos', 'atan', 'asinh', 'acosh', 'atanh',
                   'sigmoid', 'log2', 'log10', 'rsqrt'):
            add(f'{op} {tag}', op, [e], getattr(e, op)())
        add('silu ' + tag, 'silu', [e], torch.nn.functional.silu(e))
        far = c([30 + 1j, -30 - 2j, 50 + 0.5j, -60 + 3j, 400 - 1j, -1000 + 0.25j, 20 + 0j, 0.5j], dt)
        add('tanh large real parts ' + tag, 'tanh', [far], far.tanh())
        add('tan large imaginary parts ' + tag, 'tan', [far * 1j], (far * 1j).tan())
        small = c([1e-3 + 1e-3j, -2e-4 + 1j, 3 - 1e-5j, -3 + 0.5j, 0.25 - 4j], dt)
        for op in ('asinh', 'asin', 'atan', 'atanh', 'acosh', 'acos'):
            add(f'{op} small and mixed ' + tag, op, [small], getattr(small, op)())
    # linear systems and inverses of complex matrices
    for dt in (torch.complex64, torch.complex128):
        tag = str(dt)[6:]
        a = crnd(3, 3, dtype=dt) + 2 * torch.eye(3, dtype=dt)
        b = crnd(3, 2, dtype=dt)
        add('linalg.solve ' + tag, 'solve', [a, b], torch.linalg.solve(a, b))
        add('linalg.solve vector ' + tag, 'solve', [a, b[:, 0]], torch.linalg.solve(a, b[:, 0]))
        ab = crnd(2, 3, 3, dtype=dt) + 2 * torch.eye(3, dtype=dt)
        add('linalg.solve batch broadcast ' + tag, 'solve', [ab, b], torch.linalg.solve(ab, b))
        add('linalg.solve left=False ' + tag, 'solve_right', [a, b.t()], torch.linalg.solve(a, b.t(), left=False))
        add('linalg.inv ' + tag, 'inv', [ab], torch.linalg.inv(ab))
        add('linalg.det ' + tag, 'det', [ab], torch.linalg.det(ab))
        add('linalg.det 1x1 and singular ' + tag, 'det', [torch.stack([torch.ones(3, 3, dtype=dt), ab[0]])],
            torch.linalg.det(torch.stack([torch.ones(3, 3, dtype=dt), ab[0]])))
        sl = torch.stack([torch.ones(3, 3, dtype=dt), ab[0], 40 * ab[1]])
        add('linalg.slogdet sign ' + tag, 'slogdet_sign', [sl], torch.linalg.slogdet(sl).sign)
        add('linalg.slogdet logabsdet ' + tag, 'slogdet_logabsdet', [sl], torch.linalg.slogdet(sl).logabsdet)
        add('logdet ' + tag, 'logdet', [sl[1:]], torch.logdet(sl[1:]))
        m = crnd(2, 4, 4, dtype=dt)
        hpd = m @ m.mH + torch.eye(4, dtype=dt)
        add('linalg.cholesky ' + tag, 'cholesky', [hpd], torch.linalg.cholesky(hpd))
        add('linalg.cholesky upper ' + tag, 'cholesky_upper', [hpd], torch.linalg.cholesky(hpd, upper=True))
        lower_only = hpd.tril() + 7j * torch.ones(4, 4, dtype=dt).triu(1)  # the upper triangle is not read
        add('linalg.cholesky reads the lower triangle ' + tag, 'cholesky', [lower_only], torch.linalg.cholesky(lower_only))
        bad = torch.stack([hpd[0], hpd[1] - 50 * torch.eye(4, dtype=dt)])
        add('linalg.cholesky_ex info ' + tag, 'cholesky_ex_info', [bad], torch.linalg.cholesky_ex(bad).info)
        # eigh: eigenvectors are compared through their moduli (phases are a convention)
        herm = crnd(2, 5, 5, dtype=dt)
        herm = herm + herm.mH
        w, v = torch.linalg.eigh(herm)
        add('linalg.eigh eigenvalues ' + tag, 'eigh_values', [herm], w)
        add('linalg.eigh |eigenvectors| ' + tag, 'eigh_abs_vectors', [herm], v.abs())
        skewed = herm.tril() + (3 - 2j) * torch.ones(5, 5, dtype=dt).triu(1)  # upper triangle not read
        add('linalg.eigh reads the lower triangle ' + tag, 'eigh_values', [skewed], torch.linalg.eigh(skewed).eigenvalues)
        upper = herm.triu() + (3 - 2j) * torch.ones(5, 5, dtype=dt).tril(-1)
        add('linalg.eigh UPLO=U ' + tag, 'eigh_upper_abs_vectors', [upper], torch.linalg.eigh(upper, UPLO='U').eigenvectors.abs())
        add('linalg.eigvalsh ' + tag, 'eigvalsh', [herm], torch.linalg.eigvalsh(herm))
        # qr: LAPACK's conventions (real R diagonal), so Q and R compare directly
        tall, wide = crnd(2, 5, 3, dtype=dt), crnd(3, 4, dtype=dt)
        for mode in ('reduced', 'complete', 'r'):
            for name, a in (('tall', tall), ('wide', wide)):
                q, r = torch.linalg.qr(a, mode=mode)
                if mode != 'r':
                    add(f'linalg.qr {mode} {name} Q ' + tag, 'qr_q_' + mode, [a], q)
                add(f'linalg.qr {mode} {name} R ' + tag, 'qr_r_' + mode, [a], r)
        # svd: singular values, and the moduli of U and Vh (a pair's common phase is a convention)
        for name, a in (('tall', tall), ('wide', wide)):
            u, sv, vh = torch.linalg.svd(a, full_matrices=False)
            add(f'linalg.svd {name} S ' + tag, 'svd_s', [a], sv)
            add(f'linalg.svd {name} |U| ' + tag, 'svd_abs_u', [a], u.abs())
            add(f'linalg.svd {name} |Vh| ' + tag, 'svd_abs_vh', [a], vh.abs())
            add(f'linalg.svdvals {name} ' + tag, 'svdvals', [a], torch.linalg.svdvals(a))
        low_rank = crnd(4, 1, dtype=dt) @ crnd(1, 3, dtype=dt)
        add('linalg.svd rank 1 S ' + tag, 'svd_s', [low_rank], torch.linalg.svdvals(low_rank))
        add('linalg.pinv tall ' + tag, 'pinv', [tall], torch.linalg.pinv(tall))
        add('linalg.pinv rank 1 ' + tag, 'pinv', [low_rank], torch.linalg.pinv(low_rank))
        well = herm @ herm.mH + torch.eye(5, dtype=dt)  # conditioned so that float32 rounding stays small
        add('linalg.pinv hermitian ' + tag, 'pinv_hermitian', [well], torch.linalg.pinv(well, hermitian=True))
        add('linalg.matrix_rank ' + tag, 'matrix_rank', [torch.stack([low_rank, crnd(4, 3, dtype=dt)])],
            torch.linalg.matrix_rank(torch.stack([low_rank, crnd(4, 3, dtype=dt)])))
    return cases


# ---- stage 2: promotion, arithmetic, reductions, products, joins, gradients ---------------------------

DT = ['bool', 'uint8', 'int8', 'int16', 'int32', 'int64', 'float16', 'bfloat16', 'float32', 'float64', 'complex64', 'complex128']


def gen_promotion():
    """torch.result_type of a + b for every pair with a complex side; rank 1 ("dim"), 0 ("zero") or a Python number."""
    cases = []
    for x in DT:
        for y in DT + ['int', 'float']:
            for xr in ('dim', 'zero'):
                for yr in (('dim', 'zero') if y in DT else ('scalar',)):
                    if 'complex' not in x and 'complex' not in y:
                        continue
                    a = torch.zeros(2 if xr == 'dim' else (), dtype=getattr(torch, x))
                    b = {'int': 2, 'float': 2.5}[y] if y in ('int', 'float') else torch.zeros(2 if yr == 'dim' else (), dtype=getattr(torch, y))
                    r = str(torch.result_type(a, b))[6:]
                    if r == 'complex32':
                        continue  # torch4j has no complex32
                    cases.append({'a': x, 'arank': xr, 'b': y, 'brank': yr, 'out': r})
    return cases


def gen_math():
    cases = []

    def add(name, op, args, out, scalar=None):
        outs = out if isinstance(out, (list, tuple)) else [out]
        case = {'name': name, 'op': op, 'args': [enc(a) for a in args], 'out': [enc(o) for o in outs]}
        if scalar is not None:
            case['scalar'] = scalar
        cases.append(case)

    for dt in (torch.complex64, torch.complex128):
        tag = str(dt)[6:]
        rdt = torch.float32 if dt == torch.complex64 else torch.float64
        z, w = crnd(2, 3, dtype=dt), crnd(3, dtype=dt)
        x = rnd(2, 3, dtype=rdt)
        add('add ' + tag, 'add', [z, w], z + w)
        add('add alpha ' + tag, 'add_alpha', [z, w], torch.add(z, w, alpha=2.5), 2.5)
        add('sub alpha ' + tag, 'sub_alpha', [z, w], torch.sub(z, w, alpha=-1.5), -1.5)
        add('add real ' + tag, 'add', [z, x], z + x)
        add('add scalar ' + tag, 'add_scalar', [z], z + 1.25, 1.25)
        add('mul ' + tag, 'mul', [z, w], z * w)
        add('mul real ' + tag, 'mul', [x, z], x * z)
        add('mul scalar ' + tag, 'mul_scalar', [z], z * -2.0, -2.0)
        add('div ' + tag, 'div', [z, w], z / w)
        add('div real ' + tag, 'div', [z, x], z / x)
        add('real div complex ' + tag, 'div', [x, z], x / z)
        add('div scalar ' + tag, 'div_scalar', [z], z / 4.0, 4.0)
        big = c([1e30 + 1e30j, 3e-30 - 1e-30j, 1 + 1j, 2 - 3j], dt)
        den = c([1e30 - 2e30j, 1e-30 + 2e-30j, 0j, 1e-3 + 0j], dt)
        add('div extremes ' + tag, 'div', [big, den], big / den)
        add('neg ' + tag, 'neg', [z], -z)
        add('reciprocal ' + tag, 'reciprocal', [z], z.reciprocal())
        add('square ' + tag, 'square', [z], z.square())
        for p in (2.0, 3.0, 0.5, -0.5, -1.0, -2.0, 1.7, -0.3, 0.0, 1.0):
            add(f'pow {p} {tag}', 'pow_scalar', [z], z.pow(p), p)
        add('exp ' + tag, 'exp', [z], z.exp())
        add('log ' + tag, 'log', [z], z.log())
        add('sqrt ' + tag, 'sqrt', [z], z.sqrt())
        add('abs ' + tag, 'abs', [z], z.abs())
        add('angle ' + tag, 'angle', [z], z.angle())
        add('sgn ' + tag, 'sgn', [z], z.sgn())
        sp = c([0j, -0.0 + 0j, -4 + 0j, -4 - 0.0j, 1j, -1j, 3 + 4j, 1e-20 + 0j], dt)
        for op in ('sqrt', 'log', 'abs', 'sgn', 'angle'):
            add(op + ' specials ' + tag, op, [sp], getattr(sp, op)())
        add('conj ' + tag, 'conj', [z], z.conj())
        a = c([1 + 2j, 1 + 2j, NAN + 1j, 1 + 2.000001j], dt)
        b = c([1 + 2j, 1 - 2j, NAN + 1j, 1 + 2j], dt)
        add('eq ' + tag, 'eq', [a, b], a == b)
        sp2 = c([1 + 2j, INF + 0j, NAN + 1j, 0j, -0.0 - 0.0j, 1j * INF], dt)
        for op in ('isnan', 'isinf', 'isfinite', 'logical_not'):
            add(op + ' ' + tag, op, [sp2], getattr(sp2, op)())
        cond = torch.tensor([True, False, True])
        add('where ' + tag, 'where', [cond, z, x[0]], torch.where(cond, z, x[0]))
        add('where real first ' + tag, 'where', [cond, x, w], torch.where(cond, x, w))
        add('ne ' + tag, 'ne', [a, b], a != b)
        add('isclose ' + tag, 'isclose', [a, b], torch.isclose(a, b))
        add('isclose equal_nan ' + tag, 'isclose_nan', [a, b], torch.isclose(a, b, equal_nan=True))
        y = crnd(2, 3, 4, dtype=dt)
        add('sum ' + tag, 'sum', [y], y.sum())
        add('sum dims ' + tag, 'sum_dims', [y], y.sum((0, -1)))
        add('sum keepdim ' + tag, 'sum_keepdim', [y], y.sum(1, keepdim=True))
        add('sum empty dims ' + tag, 'sum_empty_dims', [y], y.sum(dim=[]))
        add('mean ' + tag, 'mean', [y], y.mean())
        add('mean dim ' + tag, 'mean_dim', [y], y.mean(-1))
        add('mean keepdim ' + tag, 'mean_keepdim', [y], y.mean((0, 2), keepdim=True))
        add('var ' + tag, 'var', [y], y.var())
        add('std dims ' + tag, 'std_dims', [y], y.std((0, 2), unbiased=False, keepdim=True))
        add('norm ' + tag, 'norm', [y], y.norm())
        add('norm 1 dim ' + tag, 'norm_1', [y], y.norm(1, dim=1))
        add('roll ' + tag, 'roll', [y], y.roll(1, 2))
        add('flip ' + tag, 'flip', [y], y.flip(0, -1))
        add('repeat ' + tag, 'repeat', [z], z.repeat(2, 1, 2))
        m1, m2 = crnd(3, 4, dtype=dt), crnd(4, 2, dtype=dt)
        add('mm ' + tag, 'mm', [m1, m2], m1.mm(m2))
        b1, b2 = crnd(2, 3, 4, dtype=dt), crnd(2, 4, 5, dtype=dt)
        add('bmm ' + tag, 'bmm', [b1, b2], b1.bmm(b2))
        v = crnd(4, dtype=dt)
        add('matmul vector ' + tag, 'matmul', [m1, v], m1.matmul(v))
        add('matmul batched ' + tag, 'matmul', [b1, m2], b1.matmul(m2))
        q = crnd(1, 3, dtype=dt)
        add('cat ' + tag, 'cat', [z, q], torch.cat([z, q]))
        add('cat with real ' + tag, 'cat', [z, x], torch.cat([z, x]))
        add('stack ' + tag, 'stack', [z, z.conj()], torch.stack([z, z.conj()], -1))
    return cases


def gen_grads():
    """Gradients of real losses with respect to complex leaves (PyTorch's convention: dL/dx + i dL/dy)."""
    cases = []
    dt = torch.complex128

    def add(name, op, args):
        leaves = [a.detach().clone().requires_grad_() for a in args]
        loss = LOSSES[op](*leaves)
        loss.backward()
        cases.append({'name': name, 'op': op, 'args': [enc(a) for a in args],
                      'out': [enc(loss)] + [enc(l.grad) for l in leaves]})

    z, w = crnd(2, 3, dtype=dt), crnd(2, 3, dtype=dt)
    for op in LOSSES:
        add(op, op, [z, w])
    return cases


LOSSES = {
    'mul_abs': lambda z, w: (z * w).abs().sum(),
    'div_abs': lambda z, w: (z / w).abs().sum(),
    'add_real_imag': lambda z, w: (z + 2 * w).real.sum() + (z - w).imag.pow(2).sum(),
    'exp_log_angle': lambda z, w: z.exp().angle().sum() + w.log().abs().sum(),
    'sqrt_sgn': lambda z, w: z.sqrt().real.sum() + (w.sgn() * z).imag.sum(),
    'pow_reciprocal': lambda z, w: z.pow(1.7).abs().sum() + w.reciprocal().real.sum(),
    'matmul_mean': lambda z, w: torch.view_as_real(z.matmul(w.t())).pow(2).mean(),
    'conj_sum_cat': lambda z, w: torch.cat([z.conj(), w]).sum(0).abs().sum(),
    'mean_polar': lambda z, w: torch.polar(z.abs(), w.angle()).mean().abs(),
    'index_gather': lambda z, w: (z.index_select(1, torch.tensor([2, 0, 2])) * w[:, :3]).abs().sum()
                                 + (z.gather(0, torch.tensor([[1, 0, 1]])) * w[:1]).real.sum(),
}


# ---- optimizers ----------------------------------------------------------------------------------

OPTIMIZERS = {
    'SGD': lambda ps: torch.optim.SGD(ps, lr=0.1, momentum=0.9),
    'Adam': lambda ps: torch.optim.Adam(ps, lr=0.05),
    'AdamW': lambda ps: torch.optim.AdamW(ps, lr=0.05, weight_decay=0.1),
    'RMSprop': lambda ps: torch.optim.RMSprop(ps, lr=0.01, momentum=0.5, centered=True),
    'Adagrad': lambda ps: torch.optim.Adagrad(ps, lr=0.1, initial_accumulator_value=0.1),
    'Adadelta': lambda ps: torch.optim.Adadelta(ps, lr=1.0),
}


def gen_optim():
    """Complex parameters trained by each optimizer for five steps on LOSSES['mul_abs'] (single-tensor steps)."""
    cases = []
    z0, w0 = crnd(2, 3, dtype=torch.complex128), crnd(2, 3, dtype=torch.complex128)
    for name, make in OPTIMIZERS.items():
        z, w = z0.clone().requires_grad_(), w0.clone().requires_grad_()
        opt = make([z, w])
        for g in opt.param_groups:
            if 'foreach' in g:
                g['foreach'] = False
        for _ in range(5):
            opt.zero_grad()
            (LOSSES['mul_abs'](z, w) + (z - w).abs().pow(2).sum()).backward()
            opt.step()
        cases.append({'name': name, 'args': [enc(z0), enc(w0)], 'out': [enc(z.detach()), enc(w.detach())]})
    return cases


# ---- errors ------------------------------------------------------------------------------------------

def gen_errors():
    cases = []

    def add(name, op, args, fn):
        try:
            fn()
        except Exception as e:  # noqa: BLE001 (the message is the answer)
            cases.append({'name': name, 'op': op, 'args': [enc(a) for a in args], 'error': str(e).split('\n')[0],
                          'type': type(e).__name__})
            return
        raise AssertionError(name + ' did not fail')

    x = torch.zeros(2, 3)
    add('view_as_real of real', 'view_as_real', [x], lambda: torch.view_as_real(x))
    add('view_as_complex last dim 3', 'view_as_complex', [x], lambda: torch.view_as_complex(x))
    i = torch.zeros(3, 2, dtype=torch.int64)
    add('view_as_complex int64', 'view_as_complex', [i], lambda: torch.view_as_complex(i))
    s = torch.zeros(())
    add('view_as_complex 0-dim', 'view_as_complex', [s], lambda: torch.view_as_complex(s))
    add('view_as_complex stride', 'view_as_complex_t', [torch.zeros(2, 2)], lambda: torch.view_as_complex(torch.zeros(2, 2).t()))
    add('view_as_complex odd stride', 'view_as_complex_cols', [torch.zeros(5, 3)],
        lambda: torch.view_as_complex(torch.zeros(5, 3)[:, 1:]))
    add('view_as_complex odd offset', 'view_as_complex_offset', [torch.zeros(9)],
        lambda: torch.view_as_complex(torch.zeros(9)[1:].view(4, 2)))
    add('imag of real', 'imag', [x], lambda: x.imag)
    d = torch.zeros(2, dtype=torch.float64)
    add('complex float and double', 'complex', [x[0, :2], d], lambda: torch.complex(x[0, :2], d))
    li = torch.zeros(2, dtype=torch.int64)
    add('complex long', 'complex', [li, li], lambda: torch.complex(li, li))
    add('polar float and double', 'polar', [x[0, :2], d], lambda: torch.polar(x[0, :2], d))
    z = crnd(2, 2)
    add('mm complex and real', 'mm', [z, x[:, :2]], lambda: z.mm(x[:, :2]))
    return cases


def main():
    text = ('{"source":"PyTorch ' + torch.__version__ + ', tools/gen_complex_reference.py",\n'
            + '"print":[\n' + ',\n'.join(dumps(c) for c in gen_print()) + '\n],\n'
            + '"ops":[\n' + ',\n'.join(dumps(c) for c in gen_ops()) + '\n],\n'
            + '"promotion":[\n' + ',\n'.join(dumps(c) for c in gen_promotion()) + '\n],\n'
            + '"math":[\n' + ',\n'.join(dumps(c) for c in gen_math()) + '\n],\n'
            + '"grads":[\n' + ',\n'.join(dumps(c) for c in gen_grads()) + '\n],\n'
            + '"optim":[\n' + ',\n'.join(dumps(c) for c in gen_optim()) + '\n],\n'
            + '"errors":[\n' + ',\n'.join(dumps(c) for c in gen_errors()) + '\n],\n'
            + '"more":[\n' + ',\n'.join(dumps(c) for c in gen_more()) + '\n]}\n')
    path = os.path.join(OUT, 'complex.json')
    with open(path, 'w') as f:
        f.write(text)
    print(f'{path}: {len(text) / 1024:.0f} KiB', file=sys.stderr)


if __name__ == '__main__':
    main()
