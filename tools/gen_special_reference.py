#!/usr/bin/python3
"""Writes PyTorch 1.13's answers for torch4j's torch.special and extra elementwise ops.

    /usr/bin/python3 tools/gen_special_reference.py

Output: api/src/test/resources/reference/special.json, read by SpecialTest (conformance kit). Every
input is written out here, so the file is the same on every run.

A case is {"fn", "args", "out"} and, for differentiable ops, "grads": the gradients of out.sum() with
respect to the tensor arguments that require grad ("wrt": their positions). A tensor argument is the
tensor conformance kit's {"dtype", "shape", "data"}; a number is {"scalar": v} (a float) or {"int": v};
keyword options are in "kw". An error case has "error" (PyTorch's message) and "type" (the Python
exception class) instead of "out".
"""
import math
import os
import sys

import mpmath
import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from gen_tensor_reference import dumps  # noqa: E402
from gen_complex_reference import enc  # noqa: E402

torch.set_num_threads(1)
OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'api', 'src', 'test', 'resources', 'reference',
                   'special.json')
NAN, INF = math.nan, math.inf
S = torch.special

# arguments over the whole real line: poles, series/asymptotic switch points, huge, tiny, non-finite
WIDE = [-700.0, -50.0, -26.0, -20.5, -10.0, -6.2, -5.5, -3.0, -2.1, -2.09, -2.0, -1.0, -0.7, -0.5, -1e-3, -1e-8,
        0.0, 1e-300, 1e-8, 1e-5, 1e-3, 0.1, 0.5, 0.9, 1.0, 1.5, 2.0, 2.09, 2.5, 3.0, 4.9, 5.0, 5.1, 7.9, 8.0, 8.1,
        10.0, 15.0, 20.0, 27.0, 30.0, 50.0, 51.0, 100.0, 103.0, 500.0, 700.0, 1e4, 1e8, INF, -INF, NAN]
PROBS = [0.0, 1e-300, 1e-100, 1e-20, 1e-14, 1e-10, 1e-5, 0.01, 0.1, 0.135, 0.2, 0.5, 0.8, 0.864, 0.9, 0.99,
         1 - 1e-10, 1.0, -0.1, 1.1, NAN]
INTS = [-3, -1, 0, 1, 2, 3, 10]

UNARY = ['airy_ai', 'bessel_j0', 'bessel_j1', 'bessel_y0', 'bessel_y1', 'modified_bessel_i0', 'modified_bessel_i1',
         'modified_bessel_k0', 'modified_bessel_k1', 'scaled_modified_bessel_k0', 'scaled_modified_bessel_k1',
         'spherical_bessel_j0', 'i0', 'i0e', 'i1', 'i1e', 'erfcx', 'log_ndtr', 'ndtr', 'entr', 'sinc', 'expit',
         'exp2', 'expm1', 'log1p', 'gammaln', 'digamma', 'psi', 'erf', 'erfc', 'round', 'logit']
# where each differentiable op's gradient is checked against PyTorch's (finite, away from poles)
GRAD_POINTS = {
    'i0': [-20.0, -3.0, -0.5, 0.0, 0.5, 3.0, 9.0, 20.0],
    'i0e': [-20.0, -3.0, -0.5, 0.5, 3.0, 9.0, 20.0],
    'i1': [-20.0, -3.0, -0.5, 0.0, 0.5, 3.0, 9.0, 20.0],
    'i1e': [-20.0, -3.0, -0.5, 0.0, 0.5, 3.0, 9.0, 20.0],
    'erfcx': [-5.0, -1.0, -0.2, 0.0, 0.3, 1.0, 3.0, 30.0, 100.0],
    'log_ndtr': [-40.0, -5.0, -1.5, -1.0, -0.5, 0.0, 1.0, 4.0, 9.0],
    'ndtr': [-5.0, -1.0, 0.0, 0.7, 3.0],
    'ndtri': [1e-10, 0.01, 0.1, 0.3, 0.5, 0.8, 0.95, 0.999],
    'entr': [-1.0, 0.0, 1e-5, 0.1, 0.5, 1.0, 2.0, 10.0],
    'sinc': [-2.5, -1.0, -0.3, 0.0, 0.3, 1.0, 2.5, 7.25],
    'logit': [-0.5, 0.0, 0.01, 0.2, 0.5, 0.7, 0.99, 1.0, 1.5],
}


def t64(values):
    return torch.tensor(values, dtype=torch.float64)


def arg(a):
    if isinstance(a, torch.Tensor):
        return enc(a)
    if isinstance(a, bool) or isinstance(a, int):
        return {'int': a}
    return {'scalar': a}


def plain(kw):
    """Keyword options for JSON: a dtype by its name."""
    return {k: str(v)[6:] if isinstance(v, torch.dtype) else v for k, v in kw.items()}


def call(fn, args, kw):
    if fn.startswith('Tensor.'):
        return getattr(args[0], fn[7:])(*args[1:], **kw)
    if fn.startswith('torch.'):
        return getattr(torch, fn[6:])(*args, **kw)
    return getattr(S, fn)(*args, **kw)


def case(fn, *args, wrt=(), **kw):
    """One case: PyTorch's output and, for the positions in wrt, the gradients of out.sum()."""
    args = [a.clone().requires_grad_() if i in wrt else a for i, a in enumerate(args)]
    c = {'fn': fn, 'args': [arg(a) for a in args], 'kw': plain(kw)}  # before an in-place op writes
    out = call(fn, args, kw)
    outs = list(out) if isinstance(out, tuple) else [out]
    c['out'] = [enc(o) for o in outs]
    if wrt:
        grads = torch.autograd.grad(outs[0].sum(), [args[i] for i in wrt])
        c['wrt'] = list(wrt)
        c['grads'] = [enc(g) for g in grads]
    return c


def error(fn, *args, **kw):
    try:
        call(fn, list(args), kw)
    except Exception as e:  # noqa: BLE001 - the message is the point
        return {'fn': fn, 'args': [arg(a) for a in args], 'kw': plain(kw), 'error': str(e).split('\n')[0], 'type': type(e).__name__}
    raise AssertionError('no error: ' + fn)


def unary_cases():
    cases = []
    for fn in UNARY:
        cases.append(case(fn, torch.tensor(WIDE, dtype=torch.float64)))
        # in float32 PyTorch reduces x - pi/4 in float32: past ~1e4 its oscillating Bessel values have no correct digit
        wide32 = [v for v in WIDE if not (fn.startswith('bessel_') and abs(v) > 1e4)]
        cases.append(case(fn, torch.tensor(wide32, dtype=torch.float32)))
        if fn != 'round':  # 1.13 has no integral round kernel
            cases.append(case(fn, torch.tensor(INTS)))
    for dtype in (torch.float64, torch.float32):
        cases.append(case('ndtri', torch.tensor(PROBS, dtype=dtype)))
        cases.append(case('logit', torch.tensor(PROBS, dtype=dtype), eps=0.05))
        cases.append(case('logit', torch.tensor(PROBS, dtype=dtype), eps=-1.0))
    # shapes: 0-dim and empty
    cases.append(case('i0e', torch.tensor(2.5, dtype=torch.float64)))
    cases.append(case('bessel_j0', torch.zeros(0, 3, dtype=torch.float32)))
    cases.append(case('ndtri', torch.tensor([[0.1, 0.2], [0.3, 0.9]], dtype=torch.float64).t()))
    for fn, points in GRAD_POINTS.items():
        cases.append(case(fn, t64(points), wrt=(0,)))
    cases.append(case('logit', t64([0.01, 0.04, 0.05, 0.5, 0.95, 0.97]), wrt=(0,), eps=0.05))
    return cases


def exact_gamma(c, a, x, upper):
    """
    PyTorch 1.13's float64 igamma is off by up to ~1e-9 where it uses its asymptotic series (a > 20 near x = a)
    and by ~1e-13 in a few other places. Where its value and mpmath's (40 digits) differ by more than 1e-14
    relative, the case expects mpmath's; "corrected" lists those elements.
    """
    mpmath.mp.dps = 40
    av, xv = torch.broadcast_tensors(a, x)
    got = c['out'][0]['data']
    fixed = []
    for k, (ai, xi) in enumerate(zip(av.reshape(-1).tolist(), xv.reshape(-1).tolist())):
        if not (0 < ai < INF and 0 < xi < INF):
            continue
        lo, hi = (xi, mpmath.inf) if upper else (0, xi)
        e = float(mpmath.gammainc(ai, lo, hi, regularized=True))
        if abs(float(got[k]) - e) > 1e-14 * abs(e):
            got[k] = e
            fixed.append(k)
    c['corrected'] = fixed
    return c


def binary_cases():
    cases = []
    xs = t64([1.0, 1.5, 2.0, 3.0, 4.5, 10.0, 30.0, 0.5, INF, NAN]).reshape(-1, 1)
    qs = t64([-2.5, -2.0, -1.0, 0.0, 0.5, 1.0, 2.0, 3.3, 10.0, 100.0, 1e4, INF])
    cases.append(case('zeta', xs, qs))
    cases.append(case('zeta', xs.float(), qs.float()))
    cases.append(case('zeta', torch.tensor([2, 3]), torch.tensor([1, 2])))
    cases.append(case('zeta', 2.0, torch.tensor([1.0, 2.0, 0.5])))
    cases.append(case('zeta', torch.tensor([2.0, 3.5]), 2.0))
    cases.append(case('zeta', t64([2.0, 3.0, 4.5]), t64([0.7, 1.0, 5.0]), wrt=(1,)))
    a = t64([0.0, 1e-3, 0.1, 0.5, 1.0, 2.5, 10.0, 25.0, 50.0, 100.0, 150.0, 300.0, 1000.0, -1.0, INF, NAN]).reshape(-1, 1)
    x = t64([0.0, 1e-5, 0.1, 0.5, 1.0, 1.1, 2.0, 5.0, 9.5, 10.0, 20.0, 24.0, 26.0, 50.0, 100.0, 140.0, 160.0,
             300.0, 1000.0, 1100.0, INF, -1.0])
    for fn in ('gammainc', 'gammaincc'):
        cases.append(exact_gamma(case(fn, a, x), a, x, fn == 'gammaincc'))
        cases.append(case(fn, a.float(), x.float()))
        ga, gx = t64([0.5, 2.0, 7.5, 40.0]), t64([0.3, 2.5, 6.0, 45.0])
        cases.append(exact_gamma(case(fn, ga, gx, wrt=(1,)), ga, gx, fn == 'gammaincc'))
    cases.append(case('torch.igamma', torch.tensor([1.0, 2.0]), t64([0.5, 3.0])))
    cases.append(case('torch.igammac', torch.tensor([1.0, 2.0]), t64([0.5, 3.0])))
    xl = t64([0.0, 1.0, -2.0, NAN, 0.5]).reshape(-1, 1)
    yl = t64([-2.0, -1.0, -0.5, 0.0, 1.0, 10.0, NAN, INF])
    for fn in ('xlogy', 'xlog1py'):
        cases.append(case(fn, xl, yl))
        cases.append(case(fn, xl.float(), yl.float()))
        cases.append(case(fn, torch.tensor([0, 1, 2]), torch.tensor([1, 2, 3])))
        cases.append(case(fn, 2.0, t64([0.5, 3.0])))
        cases.append(case(fn, t64([0.5, 3.0]), 2.0))
    cases.append(case('xlog1py', t64([[0.0, 1.5, -2.0], [0.0, 3.0, 0.7]]), t64([-1.0, 0.5, 2.0]), wrt=(0, 1)))
    cases.append(case('xlogy', t64([[0.0, 1.5, -2.0], [0.0, 3.0, 0.7]]), t64([0.0, 0.5, 2.0]), wrt=(0, 1)))
    return cases


def polynomial_cases():
    cases = []
    plain = t64([-2.0, -1.0, -0.7, -0.3, 0.0, 0.2, 0.5, 0.99, 1.0, 1.5, 3.0]).reshape(-1, 1)
    shifted = t64([-0.5, 0.0, 0.15, 0.35, 0.5, 0.6, 0.75, 0.995, 1.0, 1.25, 2.0]).reshape(-1, 1)
    n = t64([-1.0, 0.0, 1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0, 9.0, 12.0, 20.0, 2.7])
    for fn in ('chebyshev_polynomial_t', 'chebyshev_polynomial_u', 'chebyshev_polynomial_v', 'chebyshev_polynomial_w',
               'hermite_polynomial_h', 'hermite_polynomial_he', 'laguerre_polynomial_l', 'legendre_polynomial_p'):
        cases.append(case(fn, plain, n))
        cases.append(case(fn, plain.float(), n.float()))
    for fn in ('shifted_chebyshev_polynomial_t', 'shifted_chebyshev_polynomial_u', 'shifted_chebyshev_polynomial_v',
               'shifted_chebyshev_polynomial_w'):
        cases.append(case(fn, shifted, n))
        cases.append(case(fn, shifted.float(), n.float()))
    cases.append(case('chebyshev_polynomial_t', t64([0.3, 0.9]), 5.0))
    cases.append(case('chebyshev_polynomial_t', 0.3, t64([1.0, 4.0, 9.0])))
    cases.append(case('hermite_polynomial_h', torch.tensor([1, 2]), torch.tensor([3, 4])))
    cases.append(case('legendre_polynomial_p', torch.tensor([0.5, 0.25]), torch.tensor([2, 3])))
    return cases


def alias_cases():
    x = t64([[0.5, -1.0, 2.0], [3.0, 0.25, -0.75]])
    return [
        case('polygamma', 2, x),
        case('multigammaln', t64([2.5, 3.0, 10.0]), 3),
        case('logsumexp', x, 1),
        case('logsumexp', x, [0, 1], keepdim=True),
        case('logsumexp', x, -1),
        case('softmax', x, 0),
        case('softmax', x.float(), 1, dtype=torch.float64),
        case('log_softmax', x, 1),
        case('log_softmax', x.float(), 0, dtype=torch.float64),
        case('round', t64([0.5, 1.5, 2.345, -2.5]), decimals=2),
        case('erfinv', t64([-0.9, 0.0, 0.3, 0.999])),
    ]


def elementwise_cases():
    cases = []
    a = t64([-INF, -50.0, -1.0, 0.0, 0.5, 3.0, 800.0, INF, NAN]).reshape(-1, 1)
    b = t64([-INF, -1.0, 0.0, 0.5, 3.0, 800.0, INF])
    for fn in ('torch.logaddexp', 'torch.logaddexp2'):
        cases.append(case(fn, a, b))
        cases.append(case(fn, a.float(), b.float()))
        cases.append(case(fn, torch.tensor([1, 2]), torch.tensor([0.5, 0.25])))
        cases.append(case(fn, t64([[-1.0, 0.5], [2.0, 2.0]]), t64([0.25, 2.0]), wrt=(0, 1)))
    h = t64([-2.0, -0.0, 0.0, 1.5, NAN, INF])
    cases.append(case('torch.heaviside', h, t64([0.5])))
    cases.append(case('torch.heaviside', torch.tensor([-2, 0, 3]), torch.tensor([7, 8, 9])))
    cases.append(case('torch.heaviside', torch.tensor([True, False]), torch.tensor([False, True])))
    tiny = [0.0, -0.0, 1.0, -3.0, 0.1, 1e-310, 5e-324, 1e300, -7.25e-5, INF, -INF, NAN]
    cases.append(case('torch.frexp', t64(tiny)))
    cases.append(case('torch.frexp', torch.tensor([0.0, 1.0, -3.0, 0.1, 1e-40, 1e-45, 3e38, INF, NAN])))
    cases.append(case('torch.frexp', t64([0.3, -5.0, 1024.0]), wrt=(0,)))
    cases.append(case('torch.ldexp', t64([1.0, -0.75, 3.0]), torch.tensor([3, -2, 1000])))
    cases.append(case('torch.ldexp', torch.tensor([1, 2]), torch.tensor([2, 3])))
    cases.append(case('torch.ldexp', torch.tensor([1.5]), t64([2.0, -1.0])))
    cases.append(case('torch.ldexp', t64([1.5, -2.0]), t64([2.0, -1.0]), wrt=(0, 1)))
    cases.append(case('torch.nextafter', t64([0.0, 1.0, 1.0, -1.0, INF, NAN, 2.0]), t64([1.0, 2.0, 0.0, -INF, 0.0, 1.0, 2.0])))
    cases.append(case('torch.nextafter', torch.tensor([0.0, 1.0, 1.0, -1.0, 3.0e38]), torch.tensor([1.0, 2.0, 0.0, -5.0, INF])))
    cases.append(case('torch.nextafter', torch.tensor([1.0]), t64([2.0])))
    g1 = torch.tensor([-12, 0, 6, 17, 0, 2 ** 40, -9])
    g2 = torch.tensor([18, 0, -4, 5, 7, 2 ** 20 * 3, -6])
    for fn in ('torch.gcd', 'torch.lcm'):
        cases.append(case(fn, g1, g2))
        cases.append(case(fn, g1[:5].int(), g2[:5].short()))
        cases.append(case(fn, torch.tensor([12, 30], dtype=torch.uint8), torch.tensor([[8], [45]], dtype=torch.uint8)))
    for fn in ('torch.deg2rad', 'torch.rad2deg'):
        cases.append(case(fn, t64([-180.0, 0.0, 45.0, 1e300, NAN])))
        cases.append(case(fn, torch.tensor([90.0, -1.0])))
        cases.append(case(fn, torch.tensor([180, 3])))
        cases.append(case(fn, torch.tensor([True, False])))
        cases.append(case(fn, t64([1.0, -2.5]), wrt=(0,)))
    cases.append(case('torch.float_power', torch.tensor([2, 3]), torch.tensor([3, -1])))
    cases.append(case('torch.float_power', torch.tensor([1.5, 2.0]), 2.0))
    cases.append(case('torch.float_power', 2.0, torch.tensor([0.5, 3.0])))
    cases.append(case('torch.float_power', torch.tensor([1.5, 2.0]), torch.tensor([[0.5], [-1.0]])))
    cases.append(case('torch.float_power', t64([1.5, 2.0]), t64([0.5, 3.0]), wrt=(0, 1)))
    cases.append(case('torch.float_power', torch.tensor([1 + 1j, 2 + 0j]), 2.0))
    cases.append(case('torch.float_power', torch.tensor([1.5, 2.0]), torch.tensor([1j, 0.5 + 0j])))
    cases.append(case('torch.logaddexp', torch.tensor(1.5), torch.zeros(0, 2)))
    cases.append(case('torch.gcd', torch.tensor(12), torch.tensor([[18], [-8]])))
    cases.append(case('torch.isreal', torch.tensor([1 + 0j, 1j, 0j, 2 - 1j])))
    cases.append(case('torch.isreal', torch.tensor([1.0, NAN])))
    cases.append(case('torch.isreal', torch.tensor([3, 4])))
    cases.append(case('torch.i0', torch.tensor([0.0, 1.0, -4.5, 30.0])))
    cases.append(case('torch.sinc', t64([0.0, 0.5, -2.0])))
    cases.append(case('torch.sinc', torch.tensor([0j, 0.5 + 0.5j, 1.5 - 2j, -0.25j])))
    cases.append(case('torch.logit', torch.tensor([0.0, 0.3, 0.9])))
    cases.append(case('torch.logit', torch.tensor([0.0, 0.3, 0.9]), 0.1))
    # in place
    cases.append(case('Tensor.deg2rad_', t64([90.0, -45.0])))
    cases.append(case('Tensor.i0_', torch.tensor([1.0, 2.0])))
    cases.append(case('Tensor.logit_', t64([0.25, 0.5])))
    cases.append(case('Tensor.sinc_', t64([0.25, 0.0])))
    cases.append(case('Tensor.float_power_', t64([2.0, 3.0]), 2.0))
    cases.append(case('Tensor.ldexp_', torch.tensor([1.0, 3.0]), torch.tensor([2, -1])))
    cases.append(case('Tensor.heaviside_', t64([-1.0, 0.0, 2.0]), t64([0.5])))
    cases.append(case('Tensor.gcd_', torch.tensor([12, 9]), torch.tensor([8, 6])))
    cases.append(case('Tensor.lcm_', torch.tensor([12, 9]), torch.tensor([8, 6])))
    cases.append(case('Tensor.nextafter_', torch.tensor([1.0, 2.0]), torch.tensor([2.0, 0.0])))
    cases.append(case('Tensor.igamma_', t64([1.0, 2.0]), t64([0.5, 3.0])))
    cases.append(case('Tensor.igammac_', t64([1.0, 2.0]), t64([0.5, 3.0])))
    return cases


def sweep_cases():
    """Dense log-spaced float64 sweeps: every branch switch of the approximations is crossed somewhere."""
    mag = torch.logspace(-4, 2.7, 37, dtype=torch.float64)
    x = torch.cat([-mag.flip(0), mag])
    cases = [case(fn, x) for fn in ('airy_ai', 'bessel_j0', 'bessel_j1', 'bessel_y0', 'bessel_y1', 'modified_bessel_i0',
                                    'modified_bessel_i1', 'modified_bessel_k0', 'modified_bessel_k1',
                                    'scaled_modified_bessel_k0', 'scaled_modified_bessel_k1', 'spherical_bessel_j0', 'i0e',
                                    'i1e', 'erfcx', 'log_ndtr')]
    p = torch.logspace(-300, -0.31, 40, dtype=torch.float64)
    cases.append(case('ndtri', torch.cat([p, 1 - p[-20:]])))
    a = torch.logspace(-2, 3, 11, dtype=torch.float64).reshape(-1, 1)
    ratio = t64([0.01, 0.3, 0.8, 0.95, 1.0, 1.05, 1.3, 3.0, 20.0])
    for fn in ('gammainc', 'gammaincc'):
        cases.append(exact_gamma(case(fn, a, a * ratio), a, a * ratio, fn == 'gammaincc'))
    q = torch.logspace(-2, 3, 12, dtype=torch.float64)
    cases.append(case('zeta', t64([1.1, 1.5, 2.0, 5.0, 20.0]).reshape(-1, 1), q))
    return cases


def error_cases():
    i = torch.tensor([1, 2])
    f = torch.tensor([1.0, 2.0])
    c = torch.tensor([1 + 1j, 2 + 0j])
    return [
        error('torch.logaddexp', i, i),
        error('torch.logaddexp2', torch.tensor([True]), torch.tensor([False])),
        error('torch.heaviside', f, f.double()),
        error('torch.heaviside', c, c),
        error('torch.frexp', i),
        error('torch.nextafter', i, i),
        error('torch.gcd', f, f),
        error('torch.lcm', torch.tensor([True]), torch.tensor([True])),
        error('torch.deg2rad', c),
        error('torch.rad2deg', c),
        error('Tensor.deg2rad_', torch.tensor([1, 2])),
        error('Tensor.i0_', torch.tensor([1, 2])),
        error('Tensor.logit_', torch.tensor([1, 2])),
        error('Tensor.float_power_', torch.tensor([1.0, 2.0]), 2.0),
        error('Tensor.ldexp_', torch.tensor([1, 2]), torch.tensor([1, 2])),
        error('Tensor.gcd_', torch.tensor([1, 2]), torch.tensor([[1], [2]])),
        error('torch.igamma', i, i),
        error('gammainc', c, c),
        error('i0e', c),
        error('ndtri', c),
        error('zeta', c, c),
        error('bessel_j0', c),
        error('erfcx', c),
        error('xlog1py', c, c),
        error('chebyshev_polynomial_t', c, c),
        error('torch.i0', c),
        error('zeta', t64([1.0, 2.0]), t64([1.0, 2.0, 3.0])),
        error('softmax', t64([[1.0, 2.0]]), 2),
        error('logsumexp', t64([[1.0, 2.0]]), -3),
        error('polygamma', -1, t64([1.0])),
    ]


def main():
    cases = (unary_cases() + binary_cases() + polynomial_cases() + alias_cases() + elementwise_cases() + sweep_cases()
             + error_cases())
    with open(OUT, 'w') as fh:
        fh.write('{"cases":[\n' + ',\n'.join(dumps(c) for c in cases) + '\n]}\n')
    print(len(cases), 'cases,', os.path.getsize(OUT), 'bytes ->', os.path.normpath(OUT))


if __name__ == '__main__':
    main()
