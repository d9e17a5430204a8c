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
    return cases


def main():
    text = ('{"source":"PyTorch ' + torch.__version__ + ', tools/gen_complex_reference.py",\n'
            + '"print":[\n' + ',\n'.join(dumps(c) for c in gen_print()) + '\n],\n'
            + '"ops":[\n' + ',\n'.join(dumps(c) for c in gen_ops()) + '\n],\n'
            + '"errors":[\n' + ',\n'.join(dumps(c) for c in gen_errors()) + '\n]}\n')
    path = os.path.join(OUT, 'complex.json')
    with open(path, 'w') as f:
        f.write(text)
    print(f'{path}: {len(text) / 1024:.0f} KiB', file=sys.stderr)


if __name__ == '__main__':
    main()
