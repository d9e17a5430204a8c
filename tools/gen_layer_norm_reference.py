"""Reference for F.layer_norm at the sizes where the backend's fused kernels take over (PyTorch 1.13).

Writes api/src/test/resources/reference/nn/layer_norm.json: for each case the input x (shape, normalized
shape, with or without weight and bias, float32 and float64), the output, the gradients of sum(y * g) with
respect to x, weight and bias, and in float64 the second-order term: the gradient with respect to x of
sum(dx * v), where dx is the first gradient taken with create_graph. Row lengths of 1, 37 (vectors and a
tail), 64 and 256 (whole vectors), two normalized dims, and a transposed input. Run with /usr/bin/python3.
"""
import torch
import torch.nn.functional as F

from reference_io import enc, norm_outputs, rounded_normal, write

CASES = [
    # name, input shape, normalized shape, affine, transpose the input's first two dims
    ('rows37_affine', (5, 37), (37,), True, False),
    ('rows256_affine', (2, 256), (256,), True, False),
    ('two_dims_plain', (3, 8, 8), (8, 8), False, False),
    ('transposed_affine', (3, 2, 64), (64,), True, True),
    ('one_column', (5, 1), (1,), True, False),
]


def main():
    g = torch.Generator().manual_seed(0)
    cases = {}
    for name, shape, normalized, affine, transposed in CASES:
        x = rounded_normal(g, *shape) * 3 + 1
        if transposed:
            x = x.transpose(0, 1).contiguous().transpose(0, 1)  # same values, non-contiguous layout
        w = rounded_normal(g, *normalized) if affine else None
        b = rounded_normal(g, *normalized) if affine else None
        up = rounded_normal(g, *x.shape)
        v = rounded_normal(g, *x.shape)
        case = {'normalized_shape': list(normalized), 'transposed': transposed, 'x': enc(x), 'g': enc(up), 'v': enc(v)}
        if affine:
            case.update(weight=enc(w), bias=enc(b))
        case.update(norm_outputs(lambda xs, ws, bs: F.layer_norm(xs, normalized, ws, bs, 1e-5), x, w, b, up, v))
        cases[name] = case
    write('nn/layer_norm.json', {'eps': 1e-5, 'cases': cases})


if __name__ == '__main__':
    main()
