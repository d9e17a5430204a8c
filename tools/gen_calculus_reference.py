#!/usr/bin/python3
"""Writes PyTorch 1.13's answers for torch4j's window functions and finite-difference ops.

    /usr/bin/python3 tools/gen_calculus_reference.py

Output: api/src/test/resources/reference/calculus.json, read by CalculusTest (conformance kit). Every input
is written out, so the file is the same on every run. A case is {"op", "args", "out"} and, for
differentiable cases, "grad": the gradient of (out * w).sum() with respect to the first tensor argument,
with w = 1, 2, 3, ... over out's elements. An error case has "error" (PyTorch's message) instead of "out".
"""
import os
import sys

import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from gen_tensor_reference import dumps, enc  # noqa: E402

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'api', 'src', 'test', 'resources', 'reference',
                   'calculus.json')
F64 = torch.float64


def arg(a):
    if isinstance(a, torch.Tensor):
        return enc(a)
    if a is None:
        return {'none': True}
    return a


def case(op, fn, *args, grad=False):
    c = {'op': op, 'args': [arg(a) for a in args]}
    try:
        if grad:
            leaf = args[0].detach().clone().requires_grad_()
            out = fn(leaf, *args[1:])
            w = torch.arange(1, out.numel() + 1, dtype=out.dtype).reshape(out.shape)
            (out * w).sum().backward()
            c['grad'] = enc(leaf.grad)
        else:
            out = fn(*args)
        c['out'] = enc(out)
    except Exception as e:  # noqa: BLE001
        c['error'] = str(e).split('\n')[0]
    return c


WINDOWS = {
    'hann_window': lambda n, p, dt: torch.hann_window(n, periodic=p, dtype=dt),
    'hamming_window': lambda n, p, dt: torch.hamming_window(n, periodic=p, dtype=dt),
    'blackman_window': lambda n, p, dt: torch.blackman_window(n, periodic=p, dtype=dt),
    'bartlett_window': lambda n, p, dt: torch.bartlett_window(n, periodic=p, dtype=dt),
    'kaiser_window': lambda n, p, dt: torch.kaiser_window(n, periodic=p, dtype=dt),
}


def window_cases():
    cases = []
    for name, fn in WINDOWS.items():
        for n in (0, 1, 2, 5, 8, 33):
            for periodic in (True, False):
                for dt in ('float32', 'float64'):
                    cases.append(case(name, lambda n, p, d, fn=fn: fn(n, p, getattr(torch, d)), n, periodic, dt))
        cases.append(case(name, lambda n, p, d, fn=fn: fn(n, p, getattr(torch, d)), -1, True, 'float32'))
    cases.append(case('hamming_window_ab', lambda n, p, a, b: torch.hamming_window(n, p, a, b, dtype=F64), 7, False, 0.5, 0.25))
    cases.append(case('kaiser_window_beta', lambda n, p, b: torch.kaiser_window(n, p, b, dtype=F64), 9, True, 4.5))
    cases.append(case('kaiser_window_beta', lambda n, p, b: torch.kaiser_window(n, p, b, dtype=F64), 6, False, 8.0))
    return cases


def calculus_cases():
    g = torch.Generator().manual_seed(11)
    y = torch.randn(3, 5, generator=g, dtype=F64)
    x1 = torch.tensor([0.0, 0.5, 1.5, 1.75, 3.0], dtype=F64)
    xs = torch.rand(3, 5, generator=g, dtype=F64).cumsum(1)
    cases = []
    diff = lambda t, n, d, pre, app: torch.diff(t, n=n, dim=d, prepend=pre, append=app)  # noqa: E731
    cases += [case('diff', diff, y, 1, -1, None, None, grad=True), case('diff', diff, y, 2, 0, None, None, grad=True),
              case('diff', diff, y, 3, 1, y[:, :2], y[:, 1:3], grad=True), case('diff', diff, y, 9, 1, None, None),
              case('diff', diff, y, 0, 1, None, None), case('diff', diff, torch.tensor([1, 4, 9, 16, 30]), 2, 0, None, None),
              case('diff', diff, torch.tensor([True, False, False, True]), 1, 0, None, None),
              case('diff', diff, torch.tensor(1.0), 1, 0, None, None),
              case('diff', diff, y, 1, 0, torch.zeros(5, dtype=F64), None)]
    trap_dx = lambda t, dx, d: torch.trapezoid(t, dx=dx, dim=d)  # noqa: E731
    trap_x = lambda t, x, d: torch.trapezoid(t, x, dim=d)  # noqa: E731
    ctrap_dx = lambda t, dx, d: torch.cumulative_trapezoid(t, dx=dx, dim=d)  # noqa: E731
    ctrap_x = lambda t, x, d: torch.cumulative_trapezoid(t, x, dim=d)  # noqa: E731
    for fn_dx, fn_x, name in ((trap_dx, trap_x, 'trapezoid'), (ctrap_dx, ctrap_x, 'cumulative_trapezoid')):
        cases += [case(name + '_dx', fn_dx, y, 1.0, -1, grad=True), case(name + '_dx', fn_dx, y, 0.25, 0, grad=True),
                  case(name + '_x', fn_x, y, x1, 1, grad=True), case(name + '_x', fn_x, y, xs, 1, grad=True),
                  case(name + '_dx', fn_dx, torch.tensor([1, 2, 3]), 1.0, 0),
                  case(name + '_dx', fn_dx, torch.zeros(2, 0, dtype=F64), 1.0, 1),
                  case(name + '_dx', fn_dx, torch.tensor(1.0), 1.0, -1),
                  case(name + '_x', fn_x, y, x1[:3], 1)]
    # gradient: its tuple of results stacked (they all have the input's shape)
    # one spacing goes as a number: 1.13 asserts internally on a one-element list with dim=None
    grad_s = lambda t, sp, dims, eo: torch.stack(torch.gradient(t, spacing=sp[0] if len(sp) == 1 else sp, dim=dims,  # noqa: E731
                                                                edge_order=eo))
    grad_c = lambda t, c0, c1, eo: torch.stack(torch.gradient(t, spacing=[c0, c1], edge_order=eo))  # noqa: E731
    y4 = torch.randn(4, 5, generator=g, dtype=F64)
    c0, c1 = torch.tensor([0.0, 0.3, 1.0, 1.2], dtype=F64), x1
    cases += [case('gradient_spacing', grad_s, y4, [1.0], None, 1, grad=True),
              case('gradient_spacing', grad_s, y4, [0.5, 2.0], None, 2, grad=True),
              case('gradient_spacing', grad_s, y4, [0.25], [1], 2, grad=True),
              case('gradient_spacing', grad_s, y4, [3.0], [-2], 1, grad=True),
              # integers with the default (integer) spacing: 1.13 asserts internally for a float spacing
              case('gradient_default', lambda t: torch.stack(torch.gradient(t)), torch.tensor([[1, 4, 9, 16, 30], [2, 2, 5, 1, 0]])),
              case('gradient_coordinates', grad_c, y4, c0, c1, 1, grad=True),
              case('gradient_coordinates', grad_c, y4, c0, c1, 2, grad=True),
              case('gradient_spacing', grad_s, y4, [1.0], None, 3),
              case('gradient_spacing', grad_s, torch.ones(2, 5, dtype=F64), [1.0], None, 2),
              case('gradient_spacing', grad_s, y4, [1.0, 2.0, 3.0], None, 1),
              case('gradient_spacing', grad_s, y4, [1.0, 2.0], [1], 1),
              case('gradient_default', lambda t: torch.stack(torch.gradient(t)), y4.to(torch.uint8))]
    return cases


def main():
    cases = window_cases() + calculus_cases()
    with open(OUT, 'w') as fh:
        fh.write('{"cases":[\n' + ',\n'.join(dumps(c) for c in cases) + '\n]}\n')
    print(len(cases), 'cases,', os.path.getsize(OUT), 'bytes ->', os.path.normpath(OUT))


if __name__ == '__main__':
    main()
