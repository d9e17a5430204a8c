#!/usr/bin/python3
"""Writes PyTorch's answers for torch4j's sorting, searching, counting and statistics ops.

Run with Debian's interpreter, which has PyTorch (1.13):

    /usr/bin/python3 tools/gen_stats_reference.py

It writes api/src/test/resources/reference/stats.json, read by conformance/StatsTest.java. Every input is
written out here or drawn from a seeded generator, so the output is the same on every run.

A value case is {"name", "op", "args", "out"}: "op" and the positional "args" are the contract with
StatsTest (a tensor argument in Reference's form, numbers, strings, lists, null), "out" the list of result
tensors (named tuples flattened in order). A case with "grad" also holds the gradient of
sum(out[0] * w), w = 1, 2, 3, ... in out[0]'s shape, with respect to the first argument: it shows which
elements a selection routes the gradient to. An error case has "error" (PyTorch's message) and "type".
"""
import json
import math
import os
import sys

import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from gen_tensor_reference import enc, dumps  # noqa: E402  (the kit's tensor JSON form)

torch.set_num_threads(1)
OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'api', 'src', 'test', 'resources', 'reference', 'stats.json')
GEN = torch.Generator().manual_seed(20261203)
NAN = math.nan
DT = {'float32': torch.float32, 'float64': torch.float64, 'int64': torch.int64, 'int32': torch.int32}


def rnd(*shape, dtype='float32'):
    """Seeded normal values with two decimals (distinct almost surely)."""
    x = torch.randn(*shape, generator=GEN, dtype=torch.float64)
    return (x * 100).round().div(100).to(DT[dtype])


def ties(*shape, hi=4, dtype='float32'):
    """Small integers: many equal values, to pin down which index a selection picks."""
    return torch.randint(0, hi, shape, generator=GEN).to(DT[dtype])


def with_nan(x, every=5):
    flat = x.clone().reshape(-1)
    flat[::every] = NAN
    return flat.reshape(x.shape)


def dtype_of(name):
    return None if name is None else DT[name]


# The ops, by the names StatsTest gives them, with StatsTest's positional arguments.
OPS = {
    'median': lambda x: x.median(),
    'median_dim': lambda x, d, k: x.median(d, k),
    'nanmedian': lambda x: x.nanmedian(),
    'nanmedian_dim': lambda x, d, k: x.nanmedian(d, k),
    'mode': lambda x, d, k: x.mode(d, k),
    'kthvalue': lambda x, k, d, kd: x.kthvalue(k, d, kd),
    'quantile': lambda x, q, d, kd, i: torch.quantile(x, q, dim=d, keepdim=kd, interpolation=i),
    'nanquantile': lambda x, q, d, kd, i: torch.nanquantile(x, q, dim=d, keepdim=kd, interpolation=i),
    'msort': lambda x: torch.msort(x),
    'cummax': lambda x, d: torch.cummax(x, d),
    'cummin': lambda x, d: torch.cummin(x, d),
    'nansum': lambda x, dims, kd, dt: torch.nansum(x, dim=dims, keepdim=kd, dtype=dtype_of(dt)) if dims is not None
    else torch.nansum(x, dtype=dtype_of(dt)),
    'nanmean': lambda x, dims, kd, dt: torch.nanmean(x, dim=dims, keepdim=kd, dtype=dtype_of(dt)),
    'aminmax': lambda x, d, kd: torch.aminmax(x, dim=d, keepdim=kd),
    'var_mean': lambda x, dims, c, kd: torch.var_mean(x, dim=dims, correction=c, keepdim=kd),
    'std_mean': lambda x, dims, c, kd: torch.std_mean(x, dim=dims, correction=c, keepdim=kd),
    'histc': lambda x, b, lo, hi: torch.histc(x, b, lo, hi),
    'histogram': lambda x, b, r, w, dens: torch.histogram(x, b, weight=w, density=dens) if isinstance(b, torch.Tensor)
    else torch.histogram(x, b, range=r, weight=w, density=dens),
    'bincount': lambda x, w, m: torch.bincount(x, w, m),
    'bucketize': lambda x, b, i32, r: torch.bucketize(x, b, out_int32=i32, right=r),
    'searchsorted': lambda s, v, i32, r, side, sorter: torch.searchsorted(s, v, out_int32=i32, right=r, side=side, sorter=sorter),
    'unique_consecutive': lambda x, inv, cnt, d: torch.unique_consecutive(x, return_inverse=inv, return_counts=cnt, dim=d),
    'isin': lambda e, t, au, inv: torch.isin(e, t, assume_unique=au, invert=inv),
    'cov': lambda x, c, fw, aw: torch.cov(x, correction=c, fweights=fw, aweights=aw),
    'corrcoef': lambda x: torch.corrcoef(x),
}

CASES, ERRORS = [], []


def enc_arg(a):
    if isinstance(a, torch.Tensor) and a.is_complex():
        # interleaved (re, im), as Reference reads complex data
        return {'dtype': str(a.dtype)[6:], 'shape': list(a.shape), 'data': torch.view_as_real(a).reshape(-1).tolist()}
    if isinstance(a, torch.Tensor):
        return enc(a)
    if isinstance(a, tuple):
        return list(a)
    return a


def outs(r):
    if isinstance(r, torch.Tensor):
        return [r]
    return [t for t in r if t is not None]


def case(name, op, *args, grad=False):
    r = outs(OPS[op](*args))
    c = {'name': name, 'op': op, 'args': [enc_arg(a) for a in args], 'out': [enc(t) for t in r]}
    if grad:
        x = args[0].detach().clone().requires_grad_()
        out = outs(OPS[op](x, *args[1:]))[0]
        w = torch.arange(1, out.numel() + 1, dtype=out.dtype).reshape(out.shape)
        c['grad'] = enc(torch.autograd.grad((out * w).sum(), x)[0])
    CASES.append(c)


def error(name, op, *args):
    try:
        OPS[op](*args)
    except (RuntimeError, IndexError, ValueError) as e:
        ERRORS.append({'name': name, 'op': op, 'args': [enc_arg(a) for a in args],
                       'error': str(e).split('\n')[0], 'type': type(e).__name__})
        return
    raise AssertionError(name + ': no error')


def order_statistics():
    for dt in ['float32', 'float64', 'int64']:
        x = rnd(3, 7, dtype='float64').mul(10).round().to(DT[dt]) if dt == 'int64' else rnd(3, 7, dtype=dt)
        case(f'median all {dt}', 'median', x, grad=dt != 'int64')
        for d, k in [(1, False), (0, True), (-1, False)]:
            case(f'median dim {d} keepdim {k} {dt}', 'median_dim', x, d, k, grad=dt != 'int64')
            case(f'mode dim {d} keepdim {k} {dt}', 'mode', ties(3, 7, dtype=dt), d, k, grad=dt != 'int64')
            case(f'kthvalue 2 dim {d} keepdim {k} {dt}', 'kthvalue', x, 2, d, k, grad=dt != 'int64')
    for n in [1, 2, 5, 6, 9, 16, 17, 33]:
        t = ties(4, n, hi=3)
        case(f'median ties n={n}', 'median_dim', t, -1, False, grad=True)
        case(f'nanmedian ties n={n}', 'nanmedian_dim', t, -1, False)
        case(f'median all ties n={n}', 'median', t, grad=True)
        case(f'mode ties n={n}', 'mode', t, -1, False, grad=True)
        for k in sorted({1, (n + 1) // 2, n}):
            case(f'kthvalue ties n={n} k={k}', 'kthvalue', t, k, -1, False, grad=True)
    for n in [7, 17, 40]:
        case(f'nanmedian all-NaN row n={n}', 'nanmedian_dim', torch.full((2, n), NAN), 1, False)
    for n, hi in [(100, 6), (300, 4), (64, 40)]:
        t = ties(2, n, hi=hi)
        case(f'mode long ties n={n}', 'mode', t, 1, False)
        case(f'median long ties n={n}', 'median_dim', t, 1, False)
        case(f'kthvalue long ties n={n}', 'kthvalue', t, n // 3, 1, False)
        case(f'nanmedian long ties with NaN n={n}', 'nanmedian_dim', with_nan(t, 3), 1, False)
    case('mode long with NaN', 'mode', with_nan(ties(2, 50, hi=3), 4), 1, False)
    case('mode bool', 'mode', torch.tensor([[True, False, True], [False, False, True]]), 1, False)
    case('cummax bool', 'cummax', torch.tensor([[False, True, False], [False, False, True]]), 1)
    case('median 3-d dim 1', 'median_dim', rnd(2, 5, 3), 1, False, grad=True)
    case('mode 3-d dim 0', 'mode', ties(4, 2, 3), 0, True, grad=True)
    t = ties(3, 40, hi=5, dtype='float64')
    case('median ties long rows', 'median_dim', t, 1, False)
    case('kthvalue ties long rows', 'kthvalue', t, 13, 1, True)
    case('mode ties long rows', 'mode', t, 1, False)
    nan = with_nan(rnd(4, 6), 7)
    nan[2] = NAN
    for op in ['median_dim', 'nanmedian_dim']:
        case(f'{op} with NaN', op, nan, 1, False, grad=True)
        case(f'{op} with NaN dim 0', op, nan, 0, True)
    case('median all with NaN', 'median', nan)
    case('nanmedian all with NaN', 'nanmedian', nan, grad=True)
    case('nanmedian all NaN', 'nanmedian', torch.full((3,), NAN))
    case('kthvalue with NaN', 'kthvalue', nan, 6, 1, False)
    case('mode with NaN', 'mode', torch.tensor([[1., NAN, NAN, 2.], [NAN, 3., 3., NAN]]), 1, False)
    case('median 0-dim', 'median_dim', torch.tensor(2.5), 0, False)
    case('kthvalue 0-dim', 'kthvalue', torch.tensor(2.5), 1, -1, True)
    case('mode 0-dim', 'mode', torch.tensor(4), 0, False)
    case('median empty', 'median', torch.zeros(0))
    case('median dim of empty batch', 'median_dim', torch.zeros(0, 3), 1, False)
    case('median int32', 'median_dim', ties(2, 5, dtype='int32'), 1, True)
    case('msort', 'msort', rnd(4, 3))
    case('msort int', 'msort', ties(5, 2, hi=9, dtype='int64'))
    error('median dim out of range', 'median_dim', rnd(2, 3), 5, False)
    error('median empty dim', 'median_dim', torch.zeros(2, 0), 1, False)
    error('kthvalue k too large', 'kthvalue', rnd(2, 3), 4, 1, False)
    error('kthvalue k zero', 'kthvalue', rnd(2, 3), 0, 1, False)
    error('mode empty dim', 'mode', torch.zeros(2, 0), 1, False)
    error('nanmedian empty dim', 'nanmedian_dim', torch.zeros(0, 2), 0, False)


def quantiles():
    x = rnd(4, 9, dtype='float64')
    for interp in ['linear', 'lower', 'higher', 'midpoint', 'nearest']:
        case(f'quantile all {interp}', 'quantile', x, 0.37, None, False, interp, grad=True)
        case(f'quantile dim 1 tensor q {interp}', 'quantile', x, torch.tensor([0., 0.25, 0.5, 0.875, 1.], dtype=torch.float64), 1, False, interp,
             grad=True)
        case(f'nanquantile dim 0 keepdim {interp}', 'nanquantile', with_nan(x, 4), torch.tensor([0.1, 0.5, 0.9], dtype=torch.float64), 0, True,
             interp, grad=True)
    # nearest rounds half to even: ranks 0.5, 1.5, 2.5 on five elements
    case('quantile nearest half ranks', 'quantile', torch.arange(5.), torch.tensor([0.125, 0.375, 0.625]), 0, False, 'nearest')
    f = rnd(3, 5)
    case('quantile float32 dim -1', 'quantile', f, 0.3, -1, False, 'linear', grad=True)
    case('quantile float32 keepdim all', 'quantile', f, torch.tensor([0.2, 0.7]), None, True, 'linear')
    case('quantile 0-dim q tensor', 'quantile', f, torch.tensor(0.6), 1, True, 'linear')
    case('quantile with NaN', 'quantile', with_nan(f, 7), 0.5, 1, False, 'linear')
    case('nanquantile with NaN', 'nanquantile', with_nan(f, 7), 0.5, 1, False, 'linear')
    case('nanquantile all NaN row', 'nanquantile', torch.tensor([[NAN, NAN], [1., 2.]]), 0.5, 1, False, 'linear')
    case('quantile 0-dim input', 'quantile', torch.tensor(1.5), 0.5, None, False, 'linear')
    case('quantile 3-d', 'quantile', rnd(2, 3, 4), torch.tensor([0.3, 0.6]), 1, False, 'linear')
    error('quantile int input', 'quantile', torch.tensor([1, 2, 3]), 0.5, None, False, 'linear')
    error('quantile q out of range', 'quantile', f, 1.5, None, False, 'linear')
    error('quantile q tensor out of range', 'quantile', f, torch.tensor([0.5, 1.5]), None, False, 'linear')
    error('quantile q 2-d', 'quantile', f, torch.tensor([[0.5]]), None, False, 'linear')
    error('quantile q dtype', 'quantile', f, torch.tensor([0.5], dtype=torch.float64), None, False, 'linear')
    error('quantile empty', 'quantile', torch.zeros(0), 0.5, None, False, 'linear')
    error('quantile interpolation', 'quantile', f, 0.5, None, False, 'cubic')
    error('nanquantile q out of range', 'nanquantile', f, -0.5, None, False, 'linear')
    error('quantile dim out of range', 'quantile', f, 0.5, 3, False, 'linear')


def cumulative():
    for dt in ['float32', 'float64', 'int64']:
        t = ties(3, 6, hi=4, dtype=dt)
        for d in [0, 1, -1]:
            case(f'cummax ties dim {d} {dt}', 'cummax', t, d, grad=dt != 'int64')
            case(f'cummin ties dim {d} {dt}', 'cummin', t, d, grad=dt != 'int64')
    nan = torch.tensor([[1., NAN, 3., 0.5, NAN], [2., 1., NAN, 5., 1.]])
    case('cummax NaN sticks', 'cummax', nan, 1, grad=True)
    case('cummin NaN sticks', 'cummin', nan, 1)
    case('cummax 0-dim', 'cummax', torch.tensor(3.), 0)
    case('cummax empty', 'cummin', torch.zeros(2, 0), 1)
    case('cummax 3-d', 'cummax', rnd(2, 3, 4), 1, grad=True)
    error('cummax dim out of range', 'cummax', rnd(2, 3), 2)


def nan_reductions():
    x = with_nan(rnd(3, 4, 5), 6)
    case('nansum all', 'nansum', x, None, False, None, grad=True)
    case('nansum dims', 'nansum', x, [0, 2], True, None, grad=True)
    case('nansum dim -1 float64', 'nansum', x, [-1], False, 'float64')
    case('nansum int', 'nansum', ties(3, 4, dtype='int32'), [1], False, None)
    case('nanmean all', 'nanmean', x, None, False, None, grad=True)
    case('nanmean dims', 'nanmean', x, [1], True, None, grad=True)
    case('nanmean all-NaN row', 'nanmean', torch.tensor([[NAN, NAN], [1., 2.]]), [1], False, None)
    case('nanmean dtype', 'nanmean', x, [2], False, 'float64')
    error('nanmean int', 'nanmean', torch.tensor([1, 2]), None, False, None)
    y = rnd(3, 5)
    case('aminmax all', 'aminmax', y, None, False)
    case('aminmax all keepdim', 'aminmax', y, None, True)
    case('aminmax dim', 'aminmax', y, 1, False)
    case('aminmax dim keepdim int', 'aminmax', ties(3, 5, dtype='int64'), 0, True)
    case('aminmax NaN', 'aminmax', with_nan(y, 4), -1, False)
    case('aminmax bool', 'aminmax', torch.tensor([[True, False], [True, True]]), 1, False)
    case('aminmax 0-dim', 'aminmax', torch.tensor(2.5), 0, False)
    error('aminmax empty', 'aminmax', torch.zeros(0), None, False)
    error('aminmax empty dim', 'aminmax', torch.zeros(2, 0), 1, False)
    for op in ['var_mean', 'std_mean']:
        case(f'{op} all', op, y, None, 1, False, grad=True)
        case(f'{op} dim correction 0', op, y, [1], 0, True, grad=True)
        case(f'{op} dims correction 2', op, rnd(2, 3, 4, dtype='float64'), [0, 2], 2, False)
        error(f'{op} int', op, torch.tensor([1, 2]), None, 1, False)


def histograms():
    x = rnd(50)
    case('histc default range', 'histc', x, 10, 0., 0.)
    case('histc range', 'histc', x, 7, -1., 1.5)
    case('histc float64 with NaN', 'histc', with_nan(rnd(6, 5, dtype='float64'), 4), 5, -2., 2.)
    case('histc constant', 'histc', torch.full((3,), 2.), 4, 0., 0.)
    error('histc int', 'histc', torch.tensor([1, 2]), 4, 0., 0.)
    error('histc bins 0', 'histc', x, 0, 0., 0.)
    error('histc min > max', 'histc', x, 4, 3., 2.)
    case('histogram bins', 'histogram', x, 6, None, None, False)
    case('histogram range density', 'histogram', x, 4, (-1., 1.), None, True)
    case('histogram weights float64', 'histogram', rnd(20, dtype='float64'), 5, None, rnd(20, dtype='float64').abs(), False)
    case('histogram edges', 'histogram', x, torch.tensor([-2., -0.5, 0., 0.1, 2.5]), None, None, False)
    case('histogram edges weight density', 'histogram', rnd(4, 6), torch.tensor([-1., 0., 0.5, 1.]), None, rnd(4, 6).abs(), True)
    case('histogram constant', 'histogram', torch.full((3,), 2.), 4, None, None, False)
    case('histogram value on edges', 'histogram', torch.tensor([0., 1., 2., 3., 3., 4.]), 4, None, None, False)
    error('histogram int', 'histogram', torch.tensor([1, 2]), 4, None, None, False)
    error('histogram range', 'histogram', x, 4, (3., 1.), None, False)
    error('histogram edges dtype', 'histogram', x, torch.tensor([0., 1.], dtype=torch.float64), None, None, False)
    error('histogram edges 2-d', 'histogram', x, torch.tensor([[0., 1.]]), None, None, False)
    error('histogram weight shape', 'histogram', x, 4, None, torch.ones(3), False)
    error('histogram bins 0', 'histogram', x, 0, None, None, False)
    b = torch.randint(0, 7, (30,), generator=GEN)
    case('bincount', 'bincount', b, None, 0)
    case('bincount minlength', 'bincount', b, None, 12)
    case('bincount weights float32', 'bincount', b, rnd(30), 0)
    case('bincount weights float64', 'bincount', b, rnd(30, dtype='float64'), 3)
    case('bincount weights int', 'bincount', b, torch.arange(30), 0)
    case('bincount int32', 'bincount', b.int(), None, 0)
    case('bincount empty', 'bincount', torch.zeros(0, dtype=torch.long), None, 4)
    error('bincount negative', 'bincount', torch.tensor([1, -1]), None, 0)
    error('bincount 2-d', 'bincount', torch.tensor([[1, 1]]), None, 0)
    error('bincount float', 'bincount', torch.tensor([1., 1.]), None, 0)
    error('bincount weights length', 'bincount', torch.tensor([1, 1]), torch.tensor([1., 2., 3.]), 0)
    error('bincount minlength', 'bincount', torch.tensor([1, 1]), None, -1)


def searching():
    s = torch.tensor([-1., 0., 0., 0.5, 2., 2., 3.])
    v = torch.tensor([[-2., 0., 0.25, 2.], [3., 4., NAN, -1.]])
    for right in [False, True]:
        case(f'searchsorted 1-d right={right}', 'searchsorted', s, v, False, right, None, None)
        case(f'bucketize right={right}', 'bucketize', v, s, False, right)
    case('searchsorted side right int32', 'searchsorted', s, v, True, False, 'right', None)
    case('searchsorted scalar', 'searchsorted', s, 0.5, False, False, None, None)
    case('searchsorted batched', 'searchsorted', torch.sort(rnd(3, 6), dim=1)[0], rnd(3, 4), False, False, 'left', None)
    case('searchsorted int boundaries float values', 'searchsorted', torch.tensor([1, 3, 5, 7]), torch.tensor([0.5, 3., 6.9]), False, True, None,
         None)
    case('searchsorted int', 'searchsorted', torch.tensor([1, 3, 3, 5]), torch.tensor([[3, 0], [9, 4]]), False, False, None, None)
    u = torch.tensor([[3., 1., 2., 5.], [0., 9., 4., 4.]])
    case('searchsorted sorter', 'searchsorted', u, torch.tensor([[2.5, 0.], [4., 10.]]), False, True, None, torch.argsort(u, dim=1))
    case('searchsorted NaN in sequence', 'searchsorted', torch.tensor([0., 1., NAN]), torch.tensor([0.5, 2., NAN]), False, False, None, None)
    case('bucketize 0-dim', 'bucketize', torch.tensor(0.5), s, True, False)
    error('searchsorted shapes', 'searchsorted', torch.tensor([[1, 2], [3, 4]]), torch.tensor([1, 2, 3]), False, False, None, None)
    error('searchsorted side', 'searchsorted', s, v, False, False, 'middle', None)
    error('searchsorted side and right', 'searchsorted', s, v, False, True, 'left', None)
    error('searchsorted sorter size', 'searchsorted', s, v, False, False, None, torch.tensor([0]))
    error('searchsorted sorter dtype', 'searchsorted', s, v, False, False, None, torch.arange(7, dtype=torch.int32))
    error('searchsorted 0-dim boundaries', 'searchsorted', torch.tensor(1.), v, False, False, None, None)
    error('bucketize 2-d boundaries', 'bucketize', v, torch.tensor([[1., 2.]]), False, False)
    e = ties(3, 4, hi=8, dtype='int64')
    case('isin', 'isin', e, torch.tensor([1, 3, 5]), False, False)
    case('isin invert', 'isin', e, torch.tensor([1, 3, 5]), False, True)
    case('isin mixed dtypes', 'isin', torch.tensor([1, 2, 3]), torch.tensor([1.5, 2.]), False, False)
    case('isin NaN', 'isin', torch.tensor([NAN, 1., 2.]), torch.tensor([NAN, 2.]), True, False)
    case('isin scalar test', 'isin', e, 3, False, False)
    case('isin scalar element', 'isin', 2, torch.tensor([1, 2]), False, False)
    case('isin empty test', 'isin', e, torch.zeros(0, dtype=torch.long), False, False)
    r = torch.tensor([[1, 1, 2], [1, 1, 2], [3, 3, 3], [1, 1, 2], [1, 1, 2]])
    case('unique_consecutive flat', 'unique_consecutive', r, True, True, None)
    case('unique_consecutive values only', 'unique_consecutive', torch.tensor([1., 1., NAN, NAN, 2., 2., 1.]), False, False, None)
    case('unique_consecutive dim 0', 'unique_consecutive', r, True, True, 0)
    case('unique_consecutive dim 1', 'unique_consecutive', r, True, True, 1)
    case('unique_consecutive dim -1 float', 'unique_consecutive', torch.tensor([[1., 1., 2.], [1., 1., 2.]]), False, True, -1)
    case('unique_consecutive empty', 'unique_consecutive', torch.zeros(0), True, True, None)
    error('unique_consecutive dim', 'unique_consecutive', r, False, False, 3)
    error('unique_consecutive 0-dim with dim', 'unique_consecutive', torch.tensor(5.), False, False, 0)
    case('histogram empty', 'histogram', torch.zeros(0), 3, None, None, False)
    case('histc empty', 'histc', torch.zeros(0), 3, 0., 0.)
    case('cov no observations', 'cov', torch.zeros(2, 0), 1, None, None)
    case('nanmean empty', 'nanmean', torch.zeros(0), None, False, None)
    case('kthvalue no rows', 'kthvalue', torch.zeros(3, 0), 1, 0, False)


def covariance():
    x = rnd(3, 6, dtype='float64')
    case('cov', 'cov', x, 1, None, None, grad=True)
    case('cov correction 0', 'cov', x, 0, None, None, grad=True)
    fw = torch.tensor([1, 2, 0, 3, 1, 1])
    aw = torch.tensor([0.5, 1., 2., 0.25, 1., 3.], dtype=torch.float64)
    case('cov fweights', 'cov', x, 1, fw, None, grad=True)
    case('cov aweights', 'cov', x, 1, None, aw, grad=True)
    case('cov both weights correction 2', 'cov', x, 2, fw, aw, grad=True)
    case('cov 1-d', 'cov', rnd(5), 1, None, None)
    case('cov int', 'cov', ties(2, 5, hi=9, dtype='int64'), 1, None, None)
    case('cov float32', 'cov', rnd(4, 7), 1, None, None)
    case('cov single observation', 'cov', rnd(2, 1), 1, None, None)
    case('corrcoef', 'corrcoef', x, grad=True)
    case('corrcoef float32', 'corrcoef', rnd(4, 7))
    case('corrcoef 1-d', 'corrcoef', rnd(5))
    case('corrcoef constant row', 'corrcoef', torch.tensor([[1., 1., 1.], [1., 2., 4.]]))
    error('cov 3-d', 'cov', torch.zeros(2, 2, 2), 1, None, None)
    error('cov fweights float', 'cov', x, 1, torch.ones(6), None)
    error('cov fweights numel', 'cov', x, 1, torch.tensor([1, 2]), None)
    error('cov fweights 2-d', 'cov', x, 1, torch.ones(1, 6, dtype=torch.long), None)
    error('cov fweights negative', 'cov', x, 1, torch.tensor([1, -2, 3, 1, 1, 1]), None)
    error('cov aweights int', 'cov', x, 1, None, torch.ones(6, dtype=torch.long))
    error('cov aweights negative', 'cov', x, 1, None, torch.tensor([1., -2., 3., 1., 1., 1.], dtype=torch.float64))


def complex_inputs():
    z = torch.ones(3, dtype=torch.complex64)
    error('median complex', 'median', z)
    error('median dim complex', 'median_dim', z, 0, False)
    error('kthvalue complex', 'kthvalue', z, 1, 0, False)
    error('mode complex', 'mode', z, 0, False)
    error('cummax complex', 'cummax', z, 0)
    error('cummin complex', 'cummin', z, 0)
    error('searchsorted complex', 'searchsorted', z, z, False, False, None, None)
    error('isin complex', 'isin', z, z, False, False)
    error('unique_consecutive complex', 'unique_consecutive', z, False, False, None)
    error('aminmax complex', 'aminmax', z, None, False)
    error('quantile complex', 'quantile', z, 0.5, None, False, 'linear')


def typed_passes():
    """Cases for the one-pass host kernels (cummax/cummin of int32 and of NaN along either dim, histc on bin edges,
    outside the range, NaN and infinities), drawn last so that the cases above keep their data."""
    for dt in ['int32', 'float64']:
        t = ties(4, 70, hi=5, dtype=dt)
        if dt == 'float64':
            t = with_nan(t, 9)
        for d in [0, 1]:
            case(f'cummax lanes dim {d} {dt}', 'cummax', t, d)
            case(f'cummin lanes dim {d} {dt}', 'cummin', t, d)
    case('cummax int64 3-d dim 0', 'cummax', ties(3, 2, 5, hi=3, dtype='int64'), 0)
    edges = torch.arange(-4, 13, dtype=torch.float32) / 8
    case('histc float32 on edges and outside', 'histc', edges, 8, 0., 1.)
    case('histc float64 on edges and outside', 'histc', edges.double(), 5, -0.25, 1.)
    case('histc NaN and infinities', 'histc', torch.tensor([NAN, math.inf, -math.inf, 0., 1., .5, .25, NAN]), 4, 0., 1.)
    case('histc float32 uneven range', 'histc', rnd(40), 9, -0.7, 1.3)


def main():
    import warnings
    warnings.simplefilter('ignore')
    order_statistics()
    quantiles()
    cumulative()
    nan_reductions()
    histograms()
    searching()
    covariance()
    complex_inputs()
    typed_passes()
    with open(OUT, 'w') as f:
        f.write(dumps({'cases': CASES, 'errors': ERRORS}))
        f.write('\n')
    print(f'{len(CASES)} cases, {len(ERRORS)} errors -> {os.path.relpath(OUT)} ({os.path.getsize(OUT)} bytes)')


if __name__ == '__main__':
    main()
