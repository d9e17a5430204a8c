"""Reference for F.group_norm where the backend's group-norm kernels take over (PyTorch 1.13).

Writes api/src/test/resources/reference/nn/group_norm.json: for each case the input x (shape, groups, with or
without weight and bias, float32 and float64), the output, the gradients of sum(y * g) with respect to x, weight
and bias, and in float64 the second-order term: the gradient with respect to x of sum(dx * v), where dx is the first
gradient taken with create_graph. Groups of one channel and of all channels, spatial planes of 1 (a [N, C] input),
37 (vectors and a tail) and 64 values, a 5-d input, and a transposed (non-contiguous) input. Run with /usr/bin/python3.
"""
import torch
import torch.nn.functional as F

from reference_io import enc, norm_outputs, rounded_normal, write

CASES = [
    # name, input shape, groups, affine, transpose the input's last two dims
    ('planes37_g2_affine', (3, 4, 37), 2, True, False),
    ('planes8x8_g4_affine', (2, 8, 8, 8), 4, True, False),
    ('channels_only_g3_plain', (5, 6), 3, False, False),
    ('one_group_affine', (2, 5, 3, 4), 1, True, False),
    ('group_per_channel_affine', (2, 6, 5, 7), 6, True, False),
    ('five_dims_g2_affine', (2, 4, 3, 4, 5), 2, True, False),
    ('transposed_g2_affine', (2, 4, 6, 5), 2, True, True),
]


def main():
    g = torch.Generator().manual_seed(0)
    cases = {}
    for name, shape, groups, affine, transposed in CASES:
        x = rounded_normal(g, *shape) * 3 + 1
        if transposed:
            x = x.transpose(-1, -2).contiguous().transpose(-1, -2)  # same values, non-contiguous layout
        w = rounded_normal(g, shape[1]) if affine else None
        b = rounded_normal(g, shape[1]) if affine else None
        up = rounded_normal(g, *x.shape)
        v = rounded_normal(g, *x.shape)
        case = {'groups': groups, 'transposed': transposed, 'x': enc(x), 'g': enc(up), 'v': enc(v)}
        if affine:
            case.update(weight=enc(w), bias=enc(b))
        case.update(norm_outputs(lambda xs, ws, bs: F.group_norm(xs, groups, ws, bs, 1e-5), x, w, b, up, v))
        cases[name] = case
    write('nn/group_norm.json', {'eps': 1e-5, 'cases': cases})


if __name__ == '__main__':
    main()
