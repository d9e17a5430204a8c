"""Reference for F.batch_norm in training mode at sizes where the backend's fused kernels take over (PyTorch 1.13).

Writes api/src/test/resources/reference/nn/batch_norm.json: per case the input x [N, C, *] (planes longer than one
float block of 256 with a tail, short planes, one value per plane), with or without weight and bias, in float32 and
float64: the output, the running mean and variance after one update (momentum 0.1 from zeros and ones), the gradients
of sum(y * g) with respect to x, weight and bias, and in float64 the second-order term, the gradient with respect to
x of sum(dx * v) where dx was taken with create_graph. Run with /usr/bin/python3.
"""
import torch
import torch.nn.functional as F

from reference_io import enc, norm_outputs, rounded_normal, write

CASES = [
    # name, input shape, affine
    ('planes272_affine', (2, 2, 16, 17), True),
    ('planes40_plain', (2, 5, 40), False),
    ('one_value_per_plane_affine', (6, 4), True),
]


def main():
    g = torch.Generator().manual_seed(0)
    cases = {}
    for name, shape, affine in CASES:
        c = shape[1]
        x = rounded_normal(g, *shape) * 2 + 0.5
        w = rounded_normal(g, c) if affine else None
        b = rounded_normal(g, c) if affine else None
        up = rounded_normal(g, *shape)
        v = rounded_normal(g, *shape)
        case = {'x': enc(x), 'g': enc(up), 'v': enc(v)}
        if affine:
            case.update(weight=enc(w), bias=enc(b))
        def norm(xs, ws, bs):
            rm, rv = torch.zeros(c, dtype=xs.dtype), torch.ones(c, dtype=xs.dtype)
            y = F.batch_norm(xs, rm, rv, ws, bs, True, 0.1, 1e-5)
            return y, {'running_mean': enc(rm), 'running_var': enc(rv)}

        case.update(norm_outputs(norm, x, w, b, up, v))
        cases[name] = case
    write('nn/batch_norm.json', {'eps': 1e-5, 'momentum': 0.1, 'cases': cases})


if __name__ == '__main__':
    main()
