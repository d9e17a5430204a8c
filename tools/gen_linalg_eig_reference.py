#!/usr/bin/python3
"""PyTorch 1.13's torch.linalg.eig / eigvals for torch4j's LinalgEigTest.

Run with Debian's interpreter:  /usr/bin/python3 tools/gen_linalg_eig_reference.py
Writes api/src/test/resources/reference/linalg/eig.json:
- "cases": {"name", "a", "values", "vectors"}: LAPACK's eigenvalues and eigenvectors. Their order (the Schur
  form's) and the eigenvectors' phases are conventions the test normalises on both sides.
- "grads": {"name", "a", "w", "grad"}: the gradient of LOSS (below) with respect to A, float64. LOSS is a sum
  over eigenpairs of functions of the eigenvalue and of |V| weighted by row, so it depends neither on the
  order of the pairs nor on the phases.
- "errors": {"name", "a", "op", "error"} with PyTorch's message.
"""
import os
import sys

import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from gen_complex_reference import enc  # noqa: E402 (complex tensors interleaved, compact numbers)
from gen_tensor_reference import dumps  # noqa: E402

torch.set_num_threads(1)
GEN = torch.Generator().manual_seed(20261203)
OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'api', 'src', 'test', 'resources', 'reference', 'linalg', 'eig.json')


def rnd(*shape, dtype=torch.float64):
    x = torch.randn(*shape, generator=GEN, dtype=torch.float64)
    return ((x * 100).round() / 100).to(dtype)


def loss(a, w):
    """sum_j (Re L_j^2 + Im L_j / 2) + sum_ij w_i |V_ij| (1 + Re L_j / 4): pair order and phases do not matter."""
    l, v = torch.linalg.eig(a)
    return (l.real ** 2 + l.imag / 2).sum() + (w.unsqueeze(-1) * v.abs() * (1 + l.real / 4).unsqueeze(-2)).sum()


def main():
    cases = []

    def case(name, a):
        l, v = torch.linalg.eig(a)
        cases.append({'name': name, 'a': enc(a), 'values': enc(l), 'vectors': enc(v)})

    case('random 4x4 float64', rnd(4, 4))
    case('random 6x6 float32', rnd(6, 6, dtype=torch.float32))
    case('batch [2, 3, 5, 5] float64', rnd(2, 3, 5, 5))
    case('random 30x30 float64', rnd(30, 30))
    s = rnd(5, 5)
    case('symmetric 5x5', s + s.t())
    case('rotation', torch.tensor([[0., -1.], [1., 0.]], dtype=torch.float64))
    case('upper triangular', torch.triu(rnd(4, 4)))
    case('identity 3x3', torch.eye(3, dtype=torch.float64))
    case('1x1', torch.tensor([[-2.5]], dtype=torch.float64))
    # the companion matrix of (x - 1)(x - 2)(x^2 + 1)(x + 3) = x^5 - x^4 - 6x^3 + 10x^2 - 7x + 6... built from its roots
    roots = torch.tensor([1, 2, 1j, -1j, -3], dtype=torch.complex128)
    coeffs = torch.tensor([1.0 + 0j], dtype=torch.complex128)
    for r in roots:
        coeffs = torch.cat([coeffs, torch.zeros(1, dtype=torch.complex128)]) - torch.cat([torch.zeros(1, dtype=torch.complex128), coeffs * r])
    comp = torch.zeros(5, 5, dtype=torch.float64)
    comp[0, :] = -coeffs[1:].real
    comp[1:, :-1] = torch.eye(4, dtype=torch.float64)
    case('companion matrix', comp)
    case('scaled 1e6 and 1e-6', rnd(4, 4) * torch.tensor([1e6, 1, 1e-6, 1], dtype=torch.float64))
    case('empty 0x0', torch.zeros(0, 0))
    case('float32 batch of 2x2', rnd(3, 2, 2, dtype=torch.float32))
    # complex input (zgeev)
    def crnd(*shape, dtype=torch.complex128):
        return torch.complex(rnd(*shape), rnd(*shape)).to(dtype)
    case('complex128 5x5', crnd(5, 5))
    case('complex64 batch [2, 4, 4]', crnd(2, 4, 4, dtype=torch.complex64))
    h = crnd(4, 4)
    case('hermitian complex128 4x4', h + h.conj().t())
    case('complex128 20x20', crnd(20, 20))

    grads = []
    for name, a in (('random 4x4', rnd(4, 4)), ('batch [2, 3, 3]', rnd(2, 3, 3)), ('symmetric 4x4', None),
                    ('complex128 4x4', torch.complex(rnd(4, 4), rnd(4, 4)))):
        if a is None:
            b = rnd(4, 4)
            a = b + b.t()
        w = rnd(*a.shape[:-1])
        x = a.clone().requires_grad_()
        (g,) = torch.autograd.grad(loss(x, w), x)
        grads.append({'name': name, 'a': enc(a), 'w': enc(w), 'grad': enc(g)})

    errors = []

    def error(name, op, a):
        try:
            getattr(torch.linalg, op)(a)
        except Exception as e:  # noqa: BLE001 (the message is the answer)
            errors.append({'name': name, 'op': op, 'a': enc(a), 'error': str(e).split('\n')[0]})
            return
        raise AssertionError(name)

    error('non-square', 'eig', torch.zeros(2, 3))
    error('non-square eigvals', 'eigvals', torch.zeros(2, 3))
    error('1-d', 'eig', torch.zeros(3))
    error('int64', 'eig', torch.zeros(3, 3, dtype=torch.int64))
    error('float16', 'eig', torch.zeros(3, 3, dtype=torch.float16))
    x = torch.tensor([[0.5, -2.0, 0.1], [1.5, 0.2, 0.0], [0.3, 0.0, 1.0]], dtype=torch.float64).requires_grad_()
    try:
        torch.linalg.eig(x)[1].real.sum().backward()
        raise AssertionError('phase-dependent loss')
    except RuntimeError as e:
        errors.append({'name': 'phase-dependent loss', 'op': 'backward', 'a': enc(x.detach()), 'error': str(e).split('\n')[0]})

    text = ('{"source":"PyTorch ' + torch.__version__ + ', tools/gen_linalg_eig_reference.py",\n'
            + '"cases":[\n' + ',\n'.join(dumps(c) for c in cases) + '\n],\n'
            + '"grads":[\n' + ',\n'.join(dumps(c) for c in grads) + '\n],\n'
            + '"errors":[\n' + ',\n'.join(dumps(c) for c in errors) + '\n]}\n')
    with open(OUT, 'w') as f:
        f.write(text)
    print(f'{OUT}: {len(text) / 1024:.0f} KiB', file=sys.stderr)


if __name__ == '__main__':
    main()
