#!/usr/bin/python3
"""Writes PyTorch's answers for torch4j's torch.stft / torch.istft tests (conformance/StftTest.java).

Run with Debian's interpreter, which has PyTorch (1.13):

    /usr/bin/python3 tools/gen_stft_reference.py

It writes api/src/test/resources/reference/stft.json. Inputs come from a seeded generator, rounded to two
decimals, so the output is the same on every run. Tensors use gen_complex_reference.py's form (complex data
interleaved (re, im)). Sections:
- "stft": {"name", "args": [input, window or null], "kw": {n_fft, hop_length, win_length, center, pad_mode,
  normalized, onesided}, "out"}: torch.stft(..., return_complex=True);
- "istft": the same with kw {n_fft, hop_length, win_length, center, normalized, onesided, length};
- "grads": {"name", "fn", "args", "kw", "weight", "grad"}: the gradient of sum(weight * out) (out through
  view_as_real when complex) with respect to args[0];
- "errors": {"name", "fn", "args", "kw", "error", "type"} with PyTorch's message (first line).
"""
import os
import sys
import warnings

import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from gen_tensor_reference import dumps  # noqa: E402
from gen_complex_reference import enc  # noqa: E402

torch.set_num_threads(1)
warnings.simplefilter('ignore')
OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'api', 'src', 'test', 'resources', 'reference')
GEN = torch.Generator().manual_seed(20261204)


def rnd(*shape, dtype=torch.float32):
    x = torch.randn(*shape, generator=GEN, dtype=torch.float64)
    return ((x * 100).round() / 100).to(dtype)


def crnd(*shape, dtype=torch.complex64):
    return torch.view_as_complex(rnd(*shape, 2, dtype=torch.float64)).to(dtype)


def call(fn, x, w, kw):
    if fn == 'stft':
        return torch.stft(x, kw['n_fft'], hop_length=kw.get('hop_length'), win_length=kw.get('win_length'), window=w,
                          center=kw.get('center', True), pad_mode=kw.get('pad_mode', 'reflect'),
                          normalized=kw.get('normalized', False), onesided=kw.get('onesided'), return_complex=True)
    return torch.istft(x, kw['n_fft'], hop_length=kw.get('hop_length'), win_length=kw.get('win_length'), window=w,
                       center=kw.get('center', True), normalized=kw.get('normalized', False),
                       onesided=kw.get('onesided'), length=kw.get('length'), return_complex=kw.get('return_complex', False))


def hann(n, dtype=torch.float32):
    return torch.hann_window(n, dtype=dtype)


def case(name, fn, x, w, kw, out):
    return {'name': name, 'fn': fn, 'args': [enc(x), None if w is None else enc(w)], 'kw': kw, 'out': enc(out)}


def gen_stft():
    cases = []

    def add(name, x, w, kw):
        cases.append(case(name, 'stft', x, w, kw, call('stft', x, w, kw)))

    for tag, dt in (('float32', torch.float32), ('float64', torch.float64)):
        add(f'{tag} [40] n_fft 16 defaults', rnd(40, dtype=dt), None, {'n_fft': 16})
        add(f'{tag} [2, 50] hann hop 5', rnd(2, 50, dtype=dt), hann(16, dt), {'n_fft': 16, 'hop_length': 5})
        add(f'{tag} [30] n_fft 15 win 9 not centred', rnd(30, dtype=dt), hann(9, dt),
            {'n_fft': 15, 'hop_length': 4, 'win_length': 9, 'center': False})
        add(f'{tag} [33] win 10 no window normalized', rnd(33, dtype=dt), None,
            {'n_fft': 12, 'win_length': 10, 'normalized': True})
        add(f'{tag} [2, 20] two-sided constant pad', rnd(2, 20, dtype=dt), hann(8, dt),
            {'n_fft': 8, 'hop_length': 3, 'pad_mode': 'constant', 'onesided': False})
    for mode in ('replicate', 'circular'):
        add(f'[25] pad {mode}', rnd(25), hann(10), {'n_fft': 10, 'hop_length': 3, 'pad_mode': mode})
    add('float32 input, float64 window', rnd(24), hann(8, torch.float64), {'n_fft': 8, 'hop_length': 2})
    add('n_fft equals length', rnd(16), None, {'n_fft': 16, 'center': False})
    add('complex64 [30]', crnd(30), hann(8), {'n_fft': 8, 'hop_length': 2})
    add('complex128 [2, 21] constant', crnd(2, 21, dtype=torch.complex128), None,
        {'n_fft': 6, 'hop_length': 4, 'pad_mode': 'constant', 'normalized': True})
    add('float64 [19] complex window', rnd(19, dtype=torch.float64), crnd(7, dtype=torch.complex128),
        {'n_fft': 7, 'hop_length': 3, 'center': False})
    return cases


def gen_istft():
    cases = []

    def add(name, x, w, kw):
        cases.append(case(name, 'istft', x, w, kw, call('istft', x, w, kw)))

    for tag, dt, ct in (('complex64', torch.float32, torch.complex64), ('complex128', torch.float64, torch.complex128)):
        sig = rnd(2, 60, dtype=dt)
        z = torch.stft(sig, 16, hop_length=4, window=hann(16, dt), return_complex=True)
        add(f'{tag} round trip [2, 60]', z, hann(16, dt), {'n_fft': 16, 'hop_length': 4})
        add(f'{tag} [9, 12] random, defaults', crnd(9, 12, dtype=ct), hann(16, dt), {'n_fft': 16})
        add(f'{tag} [2, 8, 7] odd n_fft 15 length 40', crnd(2, 8, 7, dtype=ct), None,
            {'n_fft': 15, 'hop_length': 5, 'length': 40, 'normalized': True})
        add(f'{tag} [12, 6] two-sided, not centred', crnd(12, 6, dtype=ct), None,
            {'n_fft': 12, 'hop_length': 3, 'center': False, 'onesided': False})
        add(f'{tag} [7, 10] length longer', crnd(7, 10, dtype=ct), None,
            {'n_fft': 12, 'hop_length': 2, 'length': 26})
        add(f'{tag} [6, 9] n_fft 10 hop 3 (not a divisor)', crnd(6, 9, dtype=ct), hann(10, dt), {'n_fft': 10, 'hop_length': 3})
        add(f'{tag} [7, 10] hann win 8', crnd(7, 10, dtype=ct), hann(8, dt),
            {'n_fft': 12, 'hop_length': 2, 'win_length': 8})
    return cases


def gen_grads():
    cases = []
    specs = [('stft', rnd(20, dtype=torch.float64), hann(8, torch.float64), {'n_fft': 8, 'hop_length': 3}),
             ('stft', rnd(2, 15, dtype=torch.float64), None, {'n_fft': 6, 'hop_length': 2, 'pad_mode': 'constant',
                                                               'normalized': True, 'onesided': False}),
             ('stft', crnd(14, dtype=torch.complex128), hann(5, torch.float64),
              {'n_fft': 5, 'hop_length': 2, 'center': False}),
             ('istft', crnd(5, 7, dtype=torch.complex128), hann(8, torch.float64), {'n_fft': 8, 'hop_length': 2}),
             ('istft', crnd(2, 7, 5, dtype=torch.complex128), None,
              {'n_fft': 7, 'hop_length': 3, 'center': False, 'length': 18})]
    for fn, x, w, kw in specs:
        x = x.requires_grad_()
        out = call(fn, x, w, kw)
        r = torch.view_as_real(out) if out.is_complex() else out
        weight = rnd(*r.shape, dtype=torch.float64)
        (g,) = torch.autograd.grad((r * weight).sum(), x)
        cases.append({'name': f'{fn} {str(x.dtype)[6:]} {list(x.shape)} {kw}', 'fn': fn,
                      'args': [enc(x.detach()), None if w is None else enc(w)], 'kw': kw, 'weight': enc(weight),
                      'grad': enc(g)})
    return cases


def gen_errors():
    cases = []

    def add(name, fn, x, w, kw):
        try:
            call(fn, x, w, kw)
        except Exception as e:  # noqa: BLE001 (the message is the answer)
            cases.append({'name': name, 'fn': fn, 'args': [enc(x), None if w is None else enc(w)], 'kw': kw,
                          'error': str(e).split('\n')[0], 'type': type(e).__name__})
            return
        raise AssertionError(name + ' did not fail')

    x = rnd(2, 30)
    add('stft 3-d input', 'stft', rnd(2, 2, 30), None, {'n_fft': 8})
    add('stft int64 input', 'stft', torch.arange(30), None, {'n_fft': 8, 'center': False})
    add('stft n_fft too large', 'stft', x, None, {'n_fft': 40, 'center': False, 'win_length': 20})
    add('stft n_fft 0', 'stft', x, None, {'n_fft': 0, 'center': False, 'win_length': 1})
    add('stft hop 0', 'stft', x, None, {'n_fft': 8, 'hop_length': 0})
    add('stft win too long', 'stft', x, None, {'n_fft': 8, 'win_length': 9})
    add('stft window size', 'stft', x, hann(7), {'n_fft': 8})
    add('stft window 2-d', 'stft', x, torch.ones(2, 4), {'n_fft': 8, 'win_length': 2})
    add('stft reflect too short', 'stft', rnd(4), None, {'n_fft': 8})
    add('stft onesided complex', 'stft', crnd(20), None, {'n_fft': 8, 'onesided': True})
    z = crnd(2, 9, 10)
    w = hann(16)
    add('istft zero window', 'istft', z, torch.zeros(16), {'n_fft': 16, 'hop_length': 4})
    add('istft zero window, length', 'istft', z, w, {'n_fft': 16, 'hop_length': 4, 'center': False, 'length': 200})
    add('istft n_fft mismatch', 'istft', z, w, {'n_fft': 14, 'hop_length': 4, 'win_length': 16})
    add('istft hop > win', 'istft', z, w, {'n_fft': 16, 'hop_length': 20})
    add('istft win > n_fft', 'istft', z, hann(20), {'n_fft': 16, 'hop_length': 4, 'win_length': 20})
    add('istft window size', 'istft', z, hann(12), {'n_fft': 16, 'hop_length': 4})
    add('istft two-sided mismatch', 'istft', z, w, {'n_fft': 16, 'hop_length': 4, 'onesided': False})
    add('istft 4-d', 'istft', crnd(2, 2, 9, 10), w, {'n_fft': 16, 'hop_length': 4})
    add('istft empty', 'istft', crnd(9, 0), w, {'n_fft': 16, 'hop_length': 4})
    add('istft 1-d', 'istft', crnd(9), w, {'n_fft': 16, 'hop_length': 4})
    add('istft length 0', 'istft', z, w, {'n_fft': 16, 'hop_length': 4, 'length': 0})
    add('istft real input', 'istft', rnd(9, 10), w, {'n_fft': 16, 'hop_length': 4})
    add('istft complex window', 'istft', z, crnd(16), {'n_fft': 16, 'hop_length': 4})
    return cases


def gen_istft_complex():
    """istft(..., return_complex=True): complex signals back from two-sided spectra (drawn after every other section)."""
    cases, errors = [], []
    for tag, dt, ct in (('complex64', torch.float32, torch.complex64), ('complex128', torch.float64, torch.complex128)):
        sig = crnd(2, 50, dtype=ct)
        z = torch.stft(sig, 16, hop_length=4, window=hann(16, dt), return_complex=True)
        kw = {'n_fft': 16, 'hop_length': 4, 'length': 50, 'return_complex': True}
        cases.append(case(f'{tag} round trip [2, 50]', 'istft', z, hann(16, dt), kw, call('istft', z, hann(16, dt), kw)))
        x = crnd(12, 7, dtype=ct)
        kw = {'n_fft': 12, 'hop_length': 3, 'center': False, 'normalized': True, 'return_complex': True}
        cases.append(case(f'{tag} [12, 7] not centred, normalized', 'istft', x, None, kw, call('istft', x, None, kw)))
        w = crnd(10, dtype=ct) + 2
        kw = {'n_fft': 10, 'hop_length': 2, 'win_length': 10, 'length': 30, 'return_complex': True}
        x = crnd(2, 10, 9, dtype=ct)
        cases.append(case(f'{tag} [2, 10, 9] complex window, length longer', 'istft', x, w, kw, call('istft', x, w, kw)))
        kw = {'n_fft': 8, 'hop_length': 3, 'win_length': 6, 'onesided': False, 'return_complex': True}
        x = crnd(8, 6, dtype=ct)
        cases.append(case(f'{tag} [8, 6] win 6 hop 3', 'istft', x, hann(6, dt), kw, call('istft', x, hann(6, dt), kw)))
    half = crnd(9, 10)
    for name, kw in (('inferred onesided', {'n_fft': 16, 'hop_length': 4, 'return_complex': True}),
                     ('onesided', {'n_fft': 16, 'hop_length': 4, 'onesided': True, 'return_complex': True})):
        try:
            call('istft', half, hann(16), kw)
        except Exception as e:  # noqa: BLE001 (the message is the answer)
            errors.append({'name': 'return_complex ' + name, 'fn': 'istft', 'args': [enc(half), enc(hann(16))], 'kw': kw,
                           'error': str(e).split('\n')[0], 'type': type(e).__name__})
    x = crnd(6, 5, dtype=torch.complex128).requires_grad_()
    kw = {'n_fft': 6, 'hop_length': 2, 'length': 9, 'return_complex': True}
    w = crnd(6, dtype=torch.complex128) + 2
    out = torch.view_as_real(call('istft', x, w, kw))
    weight = rnd(*out.shape, dtype=torch.float64)
    (g,) = torch.autograd.grad((out * weight).sum(), x)
    grads = [{'name': f'istft return_complex {kw}', 'fn': 'istft', 'args': [enc(x.detach()), enc(w)], 'kw': kw,
              'weight': enc(weight), 'grad': enc(g)}]
    return cases, errors, grads


def main():
    text = ('{"source":"PyTorch ' + torch.__version__ + ', tools/gen_stft_reference.py",\n'
            + '"stft":[\n' + ',\n'.join(dumps(c) for c in gen_stft()) + '\n],\n'
            + '"istft":[\n' + ',\n'.join(dumps(c) for c in gen_istft()) + '\n],\n'
            + '"grads":[\n' + ',\n'.join(dumps(c) for c in gen_grads()) + '\n],\n'
            + '"errors":[\n' + ',\n'.join(dumps(c) for c in gen_errors()) + '\n],\n')
    cases, errors, grads = gen_istft_complex()
    text += ('"istft_complex":[\n' + ',\n'.join(dumps(c) for c in cases) + '\n],\n'
             + '"istft_complex_errors":[\n' + ',\n'.join(dumps(c) for c in errors) + '\n],\n'
             + '"istft_complex_grads":[\n' + ',\n'.join(dumps(c) for c in grads) + '\n]}\n')
    path = os.path.join(OUT, 'stft.json')
    with open(path, 'w') as f:
        f.write(text)
    print(f'{path}: {len(text) / 1024:.0f} KiB', file=sys.stderr)


if __name__ == '__main__':
    main()
