#!/usr/bin/python3
"""Writes PyTorch's answers for torch4j's torch.fft tests (conformance/FftTest.java).

Run with Debian's interpreter, which has PyTorch (1.13):

    /usr/bin/python3 tools/gen_fft_reference.py

It writes api/src/test/resources/reference/fft.json. Every input is drawn from a seeded generator and rounded
to two decimals, so the output is the same on every run. Tensors use gen_complex_reference.py's form (complex
data interleaved (re, im)). Sections:
- "ops": {"name", "fn", "args": [tensor], "kw": {n|s, dim, norm | n, d, dtype}, "out": tensor};
- "grads": the same plus "weight" (a real tensor shaped as view_as_real(out), or as out when out is real) and
  "grad": the gradient of sum(weight * out) with respect to args[0] (PyTorch's convention dL/dx + i dL/dy);
- "errors": {"name", "fn", "args", "kw", "error", "type"} with PyTorch's message.
"""
import os
import sys

import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from gen_tensor_reference import dumps  # noqa: E402
from gen_complex_reference import enc  # noqa: E402

torch.set_num_threads(1)
OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'api', 'src', 'test', 'resources', 'reference')
GEN = torch.Generator().manual_seed(20261203)

ONE_D = ('fft', 'ifft', 'rfft', 'irfft', 'hfft', 'ihfft')
N_D = ('fft2', 'ifft2', 'rfft2', 'irfft2', 'fftn', 'ifftn', 'rfftn', 'irfftn', 'hfft2', 'ihfft2', 'hfftn', 'ihfftn')
REAL_IN = ('rfft', 'ihfft', 'rfft2', 'rfftn', 'ihfft2', 'ihfftn')


def rnd(*shape, dtype=torch.float32):
    x = torch.randn(*shape, generator=GEN, dtype=torch.float64)
    return ((x * 100).round() / 100).to(dtype)


def crnd(*shape, dtype=torch.complex64):
    return torch.view_as_complex(rnd(*shape, 2, dtype=torch.float64)).to(dtype)


def call(fn, x, kw):
    f = getattr(torch.fft, fn)
    if fn in ('fftfreq', 'rfftfreq'):
        return f(kw['n'], kw['d'], dtype=getattr(torch, kw['dtype']))
    if fn in ('fftshift', 'ifftshift'):
        return f(x, dim=None if kw['dim'] is None else tuple(kw['dim']))
    if fn in ONE_D:
        return f(x, n=kw.get('n'), dim=kw.get('dim', -1), norm=kw.get('norm'))
    args = {'s': None if kw.get('s') is None else tuple(kw['s']), 'norm': kw.get('norm')}
    if kw.get('dim') is not None:
        args['dim'] = tuple(kw['dim'])
    return f(x, **args)


def inputs(fn):
    """Inputs of every dtype the function takes: real ones for the real transforms, complex ones too otherwise."""
    if fn in REAL_IN:
        return [('float32', torch.float32), ('float64', torch.float64)]
    return [('complex64', torch.complex64), ('complex128', torch.complex128), ('float32', torch.float32),
            ('float64', torch.float64)]


def make(shape, dt):
    return crnd(*shape, dtype=dt) if dt.is_complex else rnd(*shape, dtype=dt)


def gen_ops():
    cases = []

    def add(name, fn, x, kw):
        out = call(fn, x, kw)
        cases.append({'name': name, 'fn': fn, 'args': [enc(x)] if x is not None else [], 'kw': kw, 'out': enc(out)})

    for fn in ONE_D:
        for tag, dt in inputs(fn):
            add(f'{fn} {tag} [8]', fn, make((8,), dt), {})
            add(f'{fn} {tag} [3, 7] dim 0', fn, make((3, 7), dt), {'dim': 0})
            add(f'{fn} {tag} [2, 3, 5] dim 1 n 6 ortho', fn, make((2, 3, 5), dt), {'n': 6, 'dim': 1, 'norm': 'ortho'})
            add(f'{fn} {tag} [4, 9] n 5 forward', fn, make((4, 9), dt), {'n': 5, 'norm': 'forward'})
            add(f'{fn} {tag} [17] prime', fn, make((17,), dt), {})
            add(f'{fn} {tag} [30] backward n 32', fn, make((30,), dt), {'n': 32, 'norm': 'backward'})
        add(f'{fn} int64 [6]', fn, (rnd(6, dtype=torch.float64) * 10).round().to(torch.int64), {}) if fn not in (
            'irfft', 'hfft') else None
    add('fft float32 [3, 0] dim 0 (no lines)', 'fft', rnd(3, 0), {'dim': 0})
    add('rfft float64 [0, 5] (no lines)', 'rfft', rnd(0, 5, dtype=torch.float64), {})
    add('irfft complex64 [0, 4] n 6 (no lines)', 'irfft', crnd(0, 4), {'n': 6})
    for fn in N_D:
        for tag, dt in inputs(fn):
            add(f'{fn} {tag} [4, 6]', fn, make((4, 6), dt), {})
            add(f'{fn} {tag} [2, 5, 6] s [4, 8]', fn, make((2, 5, 6), dt), {'s': [4, 8]})
            add(f'{fn} {tag} [3, 4, 5] dim [0, 2] ortho', fn, make((3, 4, 5), dt), {'dim': [0, 2], 'norm': 'ortho'})
            add(f'{fn} {tag} [3, 4, 5] s [-1, 3] dim [2, 0] forward', fn, make((3, 4, 5), dt),
                {'s': [-1, 3], 'dim': [2, 0], 'norm': 'forward'})
            if fn.endswith('n'):
                add(f'{fn} {tag} [2, 3, 4] all dims', fn, make((2, 3, 4), dt), {})
    for fn in ('fftfreq', 'rfftfreq'):
        for n, d, dtype in ((5, 1.0, 'float32'), (8, 0.25, 'float64'), (1, 2.0, 'float32'), (0, 1.0, 'float32'),
                            (7, 0.1, 'float64')):
            add(f'{fn} n {n} d {d} {dtype}', fn, None, {'n': n, 'd': d, 'dtype': dtype})
    for fn in ('fftshift', 'ifftshift'):
        add(f'{fn} [5, 4] all', fn, rnd(5, 4), {'dim': None})
        add(f'{fn} [3, 5, 4] dim [0, -1]', fn, rnd(3, 5, 4, dtype=torch.float64), {'dim': [0, -1]})
        add(f'{fn} complex [7]', fn, crnd(7), {'dim': None})
    return [c for c in cases if c is not None]


def gen_grads():
    cases = []
    specs = [('fft', (6,), {}), ('fft', (3, 5), {'dim': 0, 'norm': 'ortho'}), ('ifft', (7,), {'n': 9}),
             ('rfft', (8,), {}), ('rfft', (2, 7), {'n': 5, 'norm': 'forward'}), ('irfft', (5,), {}),
             ('irfft', (2, 4), {'n': 7}), ('hfft', (4,), {}), ('ihfft', (7,), {'norm': 'ortho'}),
             ('fft2', (3, 4), {}), ('rfftn', (3, 4), {}), ('irfftn', (3, 4), {'s': [3, 5]}), ('ifftn', (2, 3, 2), {}),
             ('hfft2', (3, 4), {}), ('ihfftn', (3, 4), {'norm': 'ortho'})]
    for fn, shape, kw in specs:
        for dt in ((torch.float64,) if fn in REAL_IN else (torch.complex128, torch.float64)):
            x = make(shape, dt).requires_grad_()
            out = call(fn, x, kw)
            out = out.resolve_conj() if out.is_complex() else out  # ihfft returns a lazy conjugate
            w = rnd(*(torch.view_as_real(out).shape if out.is_complex() else out.shape), dtype=torch.float64)
            loss = ((torch.view_as_real(out) if out.is_complex() else out) * w).sum()
            (g,) = torch.autograd.grad(loss, x)
            cases.append({'name': f'{fn} {str(dt)[6:]} {list(shape)} {kw}', 'fn': fn, 'args': [enc(x)], 'kw': kw,
                          'weight': enc(w), 'grad': enc(g)})
    return cases


def gen_errors():
    cases = []

    def add(name, fn, x, kw):
        try:
            call(fn, x, kw)
        except Exception as e:  # noqa: BLE001 (the message is the answer)
            cases.append({'name': name, 'fn': fn, 'args': [enc(x)] if x is not None else [], 'kw': kw,
                          'error': str(e).split('\n')[0], 'type': type(e).__name__})
            return
        raise AssertionError(name + ' did not fail')

    x, z = rnd(4, 6), crnd(4, 6)
    add('n 0', 'fft', x, {'n': 0})
    add('n -1', 'ifft', z, {'n': -1})
    add('bad norm', 'fft', x, {'norm': 'bad'})
    add('dim out of range', 'fft', x, {'dim': 2})
    add('rfft of complex', 'rfft', z, {})
    add('ihfft of complex', 'ihfft', z, {})
    add('irfft of one point', 'irfft', crnd(4, 1), {})
    add('hfft n 0', 'hfft', z, {'n': 0})
    add('fftn s and dim lengths', 'fftn', x, {'s': [2, 3], 'dim': [0]})
    add('fftn dims not unique', 'fftn', x, {'dim': [0, -2]})
    add('fftn s too long', 'fftn', x, {'s': [2, 3, 4, 5]})
    add('rfftn no dims', 'rfftn', x, {'dim': []})
    add('irfftn no dims', 'irfftn', z, {'dim': []})
    add('irfftn s 0', 'irfftn', z, {'s': [4, 0]})
    add('fft of empty', 'fft', torch.zeros(0), {})
    add('fft of 0-dim', 'fft', torch.tensor(1.0), {})
    add('rfft2 of 1-d', 'rfft2', rnd(3), {})
    add('fft half', 'fft', rnd(4).half(), {})
    add('fftshift dim out of range', 'fftshift', x, {'dim': [3]})
    add('fftfreq int64', 'fftfreq', None, {'n': 5, 'd': 1.0, 'dtype': 'int64'})
    add('rfftfreq complex64', 'rfftfreq', None, {'n': 5, 'd': 1.0, 'dtype': 'complex64'})
    return cases


def main():
    text = ('{"source":"PyTorch ' + torch.__version__ + ', tools/gen_fft_reference.py",\n'
            + '"ops":[\n' + ',\n'.join(dumps(c) for c in gen_ops()) + '\n],\n'
            + '"grads":[\n' + ',\n'.join(dumps(c) for c in gen_grads()) + '\n],\n'
            + '"errors":[\n' + ',\n'.join(dumps(c) for c in gen_errors()) + '\n]}\n')
    path = os.path.join(OUT, 'fft.json')
    with open(path, 'w') as f:
        f.write(text)
    print(f'{path}: {len(text) / 1024:.0f} KiB', file=sys.stderr)


if __name__ == '__main__':
    main()
