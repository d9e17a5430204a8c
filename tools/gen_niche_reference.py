#!/usr/bin/python3
"""Writes PyTorch's answers for the last everyday torch names torch4j added (NicheOpsTest, NichePrintTest).

Run with Debian's interpreter, which has PyTorch (1.13):

    /usr/bin/python3 tools/gen_niche_reference.py

It writes api/src/test/resources/reference/niche.json. Every input is written out here or drawn from a
seeded generator, so the output is the same on every run. Sections:

- "finfo" / "iinfo": the fields and repr of torch.finfo / torch.iinfo per dtype; "info_errors" the messages.
- "print": str(tensor) under a grid of torch.set_printoptions settings ("options" holds only the keywords
  passed, or a list of calls made in turn; every case starts from the default options; "tensor" is an index
  into "print_tensors").
- "tolist": tensor.tolist() (complex numbers as [re, im]).
- "poisson" / "binomial": seeded draws (torch.Generator().manual_seed(seed)) and the inputs.
- "histogramdd": values and bin edges; "errors": PyTorch's messages for bad input, by op.
- "as_strided_scatter", "resize", "frombuffer", "conj_physical": values.
- "aliases": the NumPy-style aliases (absolute, arccos, clip, divide, multiply, greater, swapaxes, concat, ...) on
  fixed inputs; the SHA-256 of get_rng_state() after manual_seed(42).
"""
import math
import os
import sys

import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from gen_tensor_reference import enc as real_enc, dumps  # noqa: E402  (the kit's tensor JSON form)

torch.set_num_threads(1)
OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'api', 'src', 'test', 'resources', 'reference', 'niche.json')
GEN = torch.Generator().manual_seed(20261204)
DT = {str(d)[6:]: d for d in (torch.float16, torch.bfloat16, torch.float32, torch.float64, torch.complex64,
                              torch.complex128, torch.uint8, torch.int8, torch.int16, torch.int32, torch.int64, torch.bool)}


def enc(t):
    """The kit's tensor JSON form; complex data interleaved (re, im), as Reference reads it."""
    t = t.detach().resolve_conj()
    if not t.is_complex():
        return real_enc(t)
    spec = real_enc(torch.view_as_real(t).contiguous())
    data = spec.get('data')
    return {'dtype': str(t.dtype)[6:], 'shape': list(t.shape), 'data': data}


def rnd(*shape, dtype=torch.float32, scale=1.0):
    return (torch.randn(*shape, generator=GEN, dtype=torch.float64) * scale).to(dtype)


def message(f):
    try:
        f()
    except Exception as e:  # noqa: BLE001  (the message is the point)
        return type(e).__name__, str(e)
    raise AssertionError('no error')


def infos():
    fin, iin, errors = [], [], []
    for name in ('float16', 'bfloat16', 'float32', 'float64', 'complex64', 'complex128'):
        f = torch.finfo(DT[name])
        fin.append({'dtype': name, 'bits': f.bits, 'eps': f.eps, 'max': f.max, 'min': f.min, 'tiny': f.tiny,
                    'smallest_normal': f.smallest_normal, 'resolution': f.resolution, 'info_dtype': str(f.dtype)[6:]
                    if str(f.dtype).startswith('torch.') else f.dtype, 'repr': repr(f)})
    for name in ('uint8', 'int8', 'int16', 'int32', 'int64'):
        i = torch.iinfo(DT[name])
        iin.append({'dtype': name, 'bits': i.bits, 'max': i.max, 'min': i.min, 'info_dtype': i.dtype, 'repr': repr(i)})
    for name in ('bool', 'float32', 'complex64'):
        errors.append({'op': 'iinfo', 'dtype': name, 'error': message(lambda: torch.iinfo(DT[name]))[1]})
    for name in ('bool', 'int32', 'uint8'):
        errors.append({'op': 'finfo', 'dtype': name, 'error': message(lambda: torch.finfo(DT[name]))[1]})
    return fin, iin, errors


def print_tensors():
    """The tensors printed under each option setting."""
    wide = torch.arange(40, dtype=torch.float32) * 1.25 - 7
    return [
        torch.tensor([1.123456789, -2.5, 3.0, 1e-3]),
        torch.tensor([1., 2., 30., 4000.]),
        torch.tensor([0.0, 1e-5, 123.456]),
        torch.tensor([1e10, 1.0, -5.0]),
        torch.tensor(3.14159265, dtype=torch.float64),
        torch.tensor([0., 0., float('nan')]),
        torch.tensor([1.5, float('inf'), -float('inf'), float('nan')]),
        torch.arange(12, dtype=torch.int64).reshape(3, 4) * 1234 - 5000,
        torch.tensor([[True, False], [False, True]]),
        torch.tensor([1 + 2j, -0.5 - 3.25j, 1e-3j], dtype=torch.complex64),
        torch.arange(1100, dtype=torch.float32) * 0.25 + 1 / 8,
        torch.arange(26 * 40, dtype=torch.int64).reshape(26, 40),
        torch.arange(2 * 6 * 7 * 13, dtype=torch.float64).reshape(2, 6, 7, 13) * 0.5 - 100,
        wide,
        wide.reshape(2, 20).to(torch.float64) / 3,
        torch.arange(25, dtype=torch.int32) * 1000003,
        rnd(3, 5, scale=3),
        torch.tensor([0.5, 2.0], dtype=torch.float16),
        torch.tensor([[1e-8, 1.0]], dtype=torch.float64),
        torch.complex(torch.arange(1002.0) / 4 - 100, torch.arange(1002.0) / -8).reshape(2, 501),
        torch.arange(1200).reshape(40, 30) % 3 == 0,
    ]


PRINT_OPTIONS = [
    {},
    {'precision': 2},
    {'precision': 8},
    {'precision': 0},
    {'threshold': 10},
    {'threshold': 10, 'edgeitems': 1},
    {'threshold': 5, 'edgeitems': 2},
    {'linewidth': 40},
    {'linewidth': 120},
    {'linewidth': 10},
    {'sci_mode': True},
    {'sci_mode': False},
    {'sci_mode': True, 'precision': 2},
    {'profile': 'short'},
    {'profile': 'full'},
    {'profile': 'full', 'precision': 1, 'linewidth': 100},
    {'profile': 'short', 'sci_mode': False, 'threshold': 20},
]


def prints():
    cases = []
    tensors = print_tensors()
    for opts in PRINT_OPTIONS:
        torch.set_printoptions(profile='default')
        torch.set_printoptions(**opts)
        for i, t in enumerate(tensors):
            if opts.get('profile') == 'full' and t.numel() > 1000 and (t.is_complex() or t.dtype == torch.bool):
                continue  # printed whole, these would only make the file large
            cases.append({'options': opts, 'tensor': i, 'str': str(t)})
        torch.set_printoptions(profile='default')
    # options carry over between calls: precision stays, sci_mode resets to None when not passed
    torch.set_printoptions(precision=3, sci_mode=True)
    torch.set_printoptions(linewidth=50)
    t = torch.tensor([1.23456, 22.5, 1e-5])
    tensors.append(t)
    cases.append({'options': [{'precision': 3, 'sci_mode': True}, {'linewidth': 50}], 'tensor': len(tensors) - 1, 'str': str(t)})
    torch.set_printoptions(profile='default')
    return [enc(t) for t in tensors], cases


def complex_list(v):
    if isinstance(v, list):
        return [complex_list(x) for x in v]
    if isinstance(v, complex):
        return [v.real, v.imag]
    return v


def tolists():
    ts = [torch.tensor([[1.5, -2.0], [3.25, 0.0]]), torch.tensor(7), torch.tensor(2.5, dtype=torch.float64),
          torch.tensor([[True], [False]]), torch.tensor([0.1, 1 / 3], dtype=torch.float16),
          torch.tensor([1.1, 300.7], dtype=torch.bfloat16), torch.tensor([[1 + 2j, -3j]]),
          torch.tensor([250, 3], dtype=torch.uint8), torch.zeros(2, 0), torch.tensor([1, -2], dtype=torch.int8)]
    return [{'tensor': enc(t), 'list': complex_list(t.tolist())} for t in ts]


def poissons():
    cases = []
    for seed, rate in ((1, torch.tensor([0.0, 0.5, 3.0, 9.5, 10.0, 42.0, 1000.0, 2.5e5])),
                       (7, (torch.rand(3, 4, generator=GEN, dtype=torch.float64) * 30)),
                       (9, torch.tensor([[4.0, 15.0], [0.25, 80.0]], dtype=torch.float32)),
                       (11, torch.tensor([5.0, 20.0], dtype=torch.bfloat16)),
                       (12, (torch.rand(120, generator=GEN) * 60).round() / 4)):
        g = torch.Generator().manual_seed(seed)
        out = torch.poisson(rate, g)
        cases.append({'seed': seed, 'rate': enc(rate), 'out': enc(out)})
    return cases


def binomials():
    cases = []
    for seed, count, prob in (
            (3, torch.tensor([0., 1., 10., 25., 100., 1000., 50., 7.]), torch.tensor([0.3, 0.0, 1.0, 0.2, 0.5, 0.01, 0.9, 0.75])),
            (5, torch.tensor([[20.], [200.]], dtype=torch.float64), torch.tensor([0.05, 0.4, 0.95], dtype=torch.float64)),
            (8, torch.full((6,), 40.0), torch.tensor([0.1, 0.3, 0.6, 0.8, 1.5, -0.5])),
            (13, torch.randint(0, 300, (150,), generator=GEN).float(), torch.rand(150, generator=GEN)),
            (14, torch.randint(0, 300, (150,), generator=GEN).double(), torch.rand(150, generator=GEN, dtype=torch.float64)),
    ):
        g = torch.Generator().manual_seed(seed)
        out = torch.binomial(count, prob, g) if count.shape == prob.shape else \
            torch.binomial(*torch.broadcast_tensors(count, prob), generator=g)
        cases.append({'seed': seed, 'count': enc(count), 'prob': enc(prob), 'out': enc(out)})
    return cases


def histogramdds():
    cases = []
    x = rnd(12, 2, dtype=torch.float64)
    x3 = rnd(10, 3)
    w = torch.rand(12, generator=GEN, dtype=torch.float64)
    for name, inp, bins, rng, weight, density in (
            ('counts', x, [3, 4], None, None, False),
            ('one int', x3, 2, None, None, False),
            ('range', x, [2, 5], [-1.0, 1.0, -0.5, 2.0], None, False),
            ('weight density', x, [3, 3], None, w, True),
            ('edges', x, [torch.tensor([-2.0, -0.5, 0.0, 1.5], dtype=torch.float64), torch.tensor([-1.0, 1.0], dtype=torch.float64)], None, w, False),
            ('edges density', x3, [torch.tensor([-1.0, 0.0, 2.0]), torch.tensor([-3.0, 3.0]), torch.tensor([-1.0, -0.5, 0.5, 1.0])], None, None, True),
            ('batched input', x3.reshape(5, 2, 3), [2, 2, 2], None, None, False),
            ('empty', torch.zeros(0, 2), [2, 3], None, None, False),
            ('constant', torch.ones(4, 2), [2, 2], None, None, False),
    ):
        kw = {}
        if rng is not None:
            kw['range'] = rng
        if weight is not None:
            kw['weight'] = weight
        r = torch.histogramdd(inp, bins, density=density, **kw)
        cases.append({'name': name, 'input': enc(inp), 'bins': [enc(b) for b in bins] if isinstance(bins, list) and
                      isinstance(bins[0], torch.Tensor) else bins, 'range': rng, 'weight': None if weight is None else enc(weight),
                      'density': density, 'hist': enc(r.hist), 'edges': [enc(e) for e in r.bin_edges]})
    return cases


def scatters():
    cases = []
    for name, inp, src, size, stride, off in (
            ('flat', torch.zeros(6), torch.tensor([[1., 2.], [3., 4.]]), [2, 2], [1, 2], 1),
            ('transposed input', torch.arange(6.).reshape(2, 3).t(), torch.tensor([[-1., -2.], [-3., -4.]]), [2, 2], [1, 2], 1),
            ('matrix', torch.arange(12, dtype=torch.float64).reshape(3, 4), torch.full((3,), -1.0, dtype=torch.float64), [3], [5], 0),
            ('int', torch.arange(8).reshape(2, 4), torch.tensor([[9, 8, 7]]), [1, 3], [4, 2], 1),
            ('double src', torch.zeros(2, 3), torch.tensor([5.5, 6.5], dtype=torch.float64), [2], [3], 2),
            ('complex', torch.zeros(2, 2, dtype=torch.complex64), torch.tensor([1 + 2j, -3j]), [2], [3], 0),
    ):
        out = torch.as_strided_scatter(inp, src, size, stride, off)
        cases.append({'name': name, 'input': enc(inp), 'src': enc(src), 'size': size, 'stride': stride, 'offset': off,
                      'out': enc(out), 'out_stride': list(out.stride())})
    return cases


def resizes():
    cases = []
    for name, shape, new in (('shrink', [2, 3], [2, 2]), ('flat', [2, 3], [5]), ('same', [3, 2], [3, 2]),
                             ('to empty', [4], [0]), ('zero-dim', [3], [])):
        t = torch.arange(math.prod(shape), dtype=torch.float32).reshape(shape)
        t.resize_(new)
        cases.append({'name': name, 'shape': shape, 'new': new, 'out': enc(t), 'stride': list(t.stride())})
    # a transposed tensor: its storage prefix in memory order
    t = torch.arange(6.).reshape(2, 3).t()
    t.resize_(2, 2)
    cases.append({'name': 'transposed', 'shape': [2, 3], 'transpose': True, 'new': [2, 2], 'out': enc(t), 'stride': list(t.stride())})
    # a view with an offset keeps it
    v = torch.arange(6.)[2:]
    v.resize_(2)
    cases.append({'name': 'offset view', 'shape': [6], 'slice_from': 2, 'new': [2], 'out': enc(v), 'stride': list(v.stride()),
                  'storage_offset': v.storage_offset()})
    return cases


def frombuffers():
    data = bytes(range(1, 17)) + b'\xff\xfe\x00\x80'
    cases = []
    for dtype, count, offset in (('int32', -1, 0), ('int16', 3, 2), ('float32', 2, 4), ('uint8', -1, 17), ('int64', 2, 0),
                                 ('float64', 1, 8), ('bool', 4, 0), ('float16', 2, 16), ('bfloat16', 2, 16),
                                 ('complex64', 1, 8), ('int8', -1, 16)):
        t = torch.frombuffer(bytearray(data), dtype=DT[dtype], count=count, offset=offset)
        cases.append({'dtype': dtype, 'count': count, 'offset': offset, 'out': enc(t)})
    return {'bytes': list(data), 'cases': cases}


def conj_physicals():
    return [{'input': enc(t), 'out': enc(torch.conj_physical(t))}
            for t in (torch.tensor([1 + 2j, -3 - 0.5j]), torch.tensor([[1.5, -2.0]]), torch.tensor([3, -4]))]


ALIASES = {
    # name: (inputs, the PyTorch call)
    'absolute': (['x'], lambda x: x.absolute()),
    'absolute_': (['x'], lambda x: x.clone().absolute_()),
    'arccos': (['u'], lambda u: u.arccos()),
    'arcsin': (['u'], lambda u: u.arcsin()),
    'arctan': (['x'], lambda x: x.arctan()),
    'arccosh': (['big'], lambda b: b.arccosh()),
    'arcsinh': (['x'], lambda x: x.arcsinh()),
    'arctanh': (['u'], lambda u: u.arctanh()),
    'arctan2': (['x', 'y'], lambda x, y: x.arctan2(y)),
    'clip': (['x'], lambda x: x.clip(-1.0, 2.0)),
    'clip_min_only': (['x'], lambda x: x.clip(min=0.5)),
    'clip_tensor': (['x', 'y'], lambda x, y: x.clip(y.clamp(max=0.0), y.clamp(min=0.0))),
    'clip_': (['x'], lambda x: x.clone().clip_(-1.0, 2.0)),
    'divide': (['x', 'y'], lambda x, y: x.divide(y)),
    'divide_scalar': (['x'], lambda x: x.divide(4.0)),
    'divide_floor': (['x', 'y'], lambda x, y: x.divide(y, rounding_mode='floor')),
    'divide_trunc_scalar': (['x'], lambda x: x.divide(0.75, rounding_mode='trunc')),
    'divide_ints': (['i'], lambda i: i.divide(2)),
    'true_divide': (['x', 'y'], lambda x, y: x.true_divide(y)),
    'multiply': (['x', 'y'], lambda x, y: x.multiply(y)),
    'multiply_ints': (['i'], lambda i: i.multiply(3)),
    'multiply_scalar': (['x'], lambda x: x.multiply(2.5)),
    'subtract': (['x', 'y'], lambda x, y: x.subtract(y)),
    'subtract_alpha': (['x', 'y'], lambda x, y: x.subtract(y, alpha=2.0)),
    'subtract_ints': (['i'], lambda i: i.subtract(7)),
    'greater': (['x', 'y'], lambda x, y: x.greater(y)),
    'greater_equal': (['x'], lambda x: x.greater_equal(0.75)),
    'less': (['x', 'y'], lambda x, y: x.less(y)),
    'less_equal': (['x'], lambda x: x.less_equal(0.75)),
    'not_equal': (['x', 'y'], lambda x, y: x.not_equal(y)),
    'negative': (['x'], lambda x: x.negative()),
    'swapaxes': (['x'], lambda x: x.swapaxes(0, 1)),
    'swapdims': (['x'], lambda x: x.swapdims(-1, 0)),
    'moveaxis': (['c'], lambda c: c.moveaxis(0, 2)),
    'fix': (['x'], lambda x: x.fix()),
    'ger': (['v', 'w'], lambda v, w: v.ger(w)),
    'concat': (['x', 'y'], lambda x, y: torch.concat([x, y], 1)),
    'trapz': (['x'], lambda x: torch.trapz(x, dx=0.5, dim=1)),
    'trapz_x': (['x', 'v'], lambda x, v: torch.trapz(x, v[:3], dim=1)),
    'pinverse': (['x'], lambda x: x.pinverse()),
    'pinverse_rcond': (['x'], lambda x: x.t().pinverse(rcond=0.3)),
    'index_put': (['x', 'w'], lambda x, w: x.index_put((torch.tensor([1, 0]), torch.tensor([2, 2])), w)),
    'index_put_accumulate': (['x', 'w'], lambda x, w: x.index_put((torch.tensor([1, 1]), torch.tensor([0, 0])), w, accumulate=True)),
}


def aliases():
    inputs = {
        'x': torch.tensor([[-1.5, 0.25, 2.0], [0.75, -0.5, 3.5]]),
        'y': torch.tensor([[0.5, -2.0, 2.0], [1.5, 0.25, -3.0]]),
        'u': torch.tensor([[-0.9, 0.1, 0.5], [0.75, -0.25, 0.0]]),
        'big': torch.tensor([1.0, 1.5, 10.0], dtype=torch.float64),
        'i': torch.tensor([[-7, 3, 10], [4, 0, -1]]),
        'c': torch.arange(24.0).reshape(2, 3, 4),
        'v': torch.tensor([1.0, -2.0, 0.5, 3.0]),
        'w': torch.tensor([2.0, 0.5]),
    }
    cases = []
    for name, (names, f) in ALIASES.items():
        cases.append({'name': name, 'inputs': names, 'out': enc(f(*[inputs[n] for n in names]))})
    randint_like = []
    for seed, like, low, high in ((3, torch.zeros(2, 3, dtype=torch.float64), 0, 10), (3, torch.zeros(2, 3, dtype=torch.int32), 5, 10),
                                  (4, torch.zeros(4, dtype=torch.int64), -3, 1000)):
        torch.manual_seed(seed)
        randint_like.append({'seed': seed, 'like': enc(like), 'low': low, 'high': high, 'out': enc(torch.randint_like(like, low, high))})
    torch.manual_seed(42)
    import hashlib
    state = bytes(torch.get_rng_state().tolist())
    return {'inputs': {k: enc(v) for k, v in inputs.items()}, 'cases': cases,
            'rng_state_seed': 42, 'rng_state_sha256': hashlib.sha256(state).hexdigest(),
            'rand_after_restore': enc(torch.rand(3)), 'randint_like': randint_like,
            'empty_strided': [{'size': list(sz), 'stride': list(st), 'out_stride': list(torch.empty_strided(sz, st).stride()),
                               'storage': torch.empty_strided(sz, st).storage().size()}
                              for sz, st in (((2, 3), (1, 2)), ((2, 0), (5, 1)), ((3,), (4,)))]}


def errors():
    e = []

    def add(op, args, f):
        kind, msg = message(f)
        e.append({'op': op, 'args': args, 'type': kind, 'error': msg})

    def raw(t):
        return enc(t)

    r = torch.tensor([-1.0, 2.0])
    add('poisson', [raw(r)], lambda: torch.poisson(r))
    ri = torch.tensor([1, 2])
    add('poisson', [raw(ri)], lambda: torch.poisson(ri))
    rn = torch.tensor([float('nan')])
    add('poisson', [raw(rn)], lambda: torch.poisson(rn))
    c, p = torch.tensor([1, 2]), torch.tensor([0.2, 0.3])
    add('binomial', [raw(c), raw(p)], lambda: torch.binomial(c, p))
    c2, p2 = torch.tensor([1., 2.]), torch.tensor([0.2, 0.3], dtype=torch.float64)
    add('binomial', [raw(c2), raw(p2)], lambda: torch.binomial(c2, p2))
    c3, p3 = torch.tensor([1., 2.]), torch.tensor([0.2, 0.3, 0.4])
    add('binomial', [raw(c3), raw(p3)], lambda: torch.binomial(c3, p3))
    add('binomial', [raw(ri), raw(ri)], lambda: torch.binomial(ri, ri))

    x = torch.zeros(5, 2)
    x1 = torch.zeros(5)
    add('histogramdd', [raw(x1), [2], None, None], lambda: torch.histogramdd(x1, [2]))
    add('histogramdd', [raw(x), [2, 3], [0.0, 1.0], None], lambda: torch.histogramdd(x, [2, 3], range=[0.0, 1.0]))
    w = torch.ones(4)
    add('histogramdd', [raw(x), [2, 3], None, raw(w)], lambda: torch.histogramdd(x, [2, 3], weight=w))
    add('histogramdd', [raw(x), [raw(torch.tensor([0., 1.]))], None, None], lambda: torch.histogramdd(x, [torch.tensor([0., 1.])]))
    xl = torch.zeros(5, 2, dtype=torch.int64)
    add('histogramdd', [raw(xl), [2, 3], None, None], lambda: torch.histogramdd(xl, [2, 3]))
    add('histogramdd', [raw(x), [2, 0], None, None], lambda: torch.histogramdd(x, [2, 0]))
    add('histogramdd', [raw(x), [2, 3], [1.0, 0.0, 0.0, 1.0], None], lambda: torch.histogramdd(x, [2, 3], range=[1.0, 0.0, 0.0, 1.0]))
    add('histogramdd', [raw(x), [2, 3], [0.0, 1.0, 0.0, math.inf], None],
        lambda: torch.histogramdd(x, [2, 3], range=[0.0, 1.0, 0.0, math.inf]))
    e64 = torch.tensor([0., 1.], dtype=torch.float64)
    add('histogramdd', [raw(x), [raw(e64), raw(e64)], None, None], lambda: torch.histogramdd(x, [e64, e64]))

    t6 = torch.zeros(6)
    s23 = torch.ones(2, 3)
    add('as_strided_scatter', [raw(t6), raw(s23), [2, 2], [1, 2], 1], lambda: torch.as_strided_scatter(t6, s23, (2, 2), (1, 2), 1))
    s22 = torch.ones(2, 2)
    add('as_strided_scatter', [raw(t6), raw(s22), [2, 2], [1, 2], 5], lambda: torch.as_strided_scatter(t6, s22, (2, 2), (1, 2), 5))

    buf = bytes(range(8))
    for dtype, count, offset, n in (('int32', -1, 0, 7), ('int32', 3, 0, 8), ('int32', -1, 9, 8), ('int32', -1, -1, 8),
                                    ('int32', -1, 0, 0), ('int32', 0, 0, 8), ('int32', -1, 2, 8), ('int32', -1, 8, 8)):
        add('frombuffer', [dtype, count, offset, n], lambda: torch.frombuffer(bytearray(buf[:n]), dtype=DT[dtype], count=count, offset=offset))

    g = torch.arange(6., requires_grad=True)
    add('resize_', [[6], [2]], lambda: g.resize_(2))
    add('resize_', [[6], [-1]], lambda: torch.arange(6.).resize_(-1))
    add('is_nonzero', [raw(ri)], lambda: ri.is_nonzero())
    add('is_nonzero', [raw(torch.zeros(0))], lambda: torch.zeros(0).is_nonzero())
    add('empty_strided', [[2, -1], [1, 2]], lambda: torch.empty_strided((2, -1), (1, 2)))
    add('empty_strided', [[2, 3], [1]], lambda: torch.empty_strided((2, 3), (1,)))
    add('set_rng_state', [raw(torch.zeros(5))], lambda: torch.set_rng_state(torch.zeros(5)))
    return e


def main():
    fin, iin, info_errors = infos()
    print_tensors_enc, print_cases = prints()
    out = {
        'finfo': fin, 'iinfo': iin, 'info_errors': info_errors,
        'default_finfo': repr(torch.finfo()),
        'print_tensors': print_tensors_enc,
        'print': print_cases,
        'tolist': tolists(),
        'poisson': poissons(),
        'binomial': binomials(),
        'histogramdd': histogramdds(),
        'as_strided_scatter': scatters(),
        'resize': resizes(),
        'frombuffer': frombuffers(),
        'conj_physical': conj_physicals(),
        'aliases': aliases(),
        'errors': errors(),
    }
    with open(OUT, 'w') as f:
        f.write(dumps(out) + '\n')


if __name__ == '__main__':
    main()
