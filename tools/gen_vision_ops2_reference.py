#!/usr/bin/python3
"""Writes torchvision 0.14's answers for the second part of torch4j's torchvision.ops port.

Run with Debian's interpreter, which has PyTorch 1.13 and torchvision 0.14:

    /usr/bin/python3 tools/gen_vision_ops2_reference.py

It writes ecosystem/vision/src/test/resources/reference/vision/ops2.json, read by VisionOps2Test:
  deform     deform_conv2d on small inputs (offset groups, weight groups, the DCNv2 mask, strides,
             padding, dilation, offsets reaching outside the image): float32 outputs, float64 outputs and
             the float64 and float32 gradients of a weighted sum with respect to input, offset, mask, weight and bias;
             DeformConv2d's seeded weights and reprs;
  dropblock  the bernoulli_ draws after manual_seed, drop_block2d / drop_block3d results for a few seeds,
             probabilities and block sizes (float32 and float64), reprs;
  mlp        MLP and Conv2dNormActivation / Conv3dNormActivation: seeded state dicts, outputs, reprs;
  errors     torchvision's messages for bad shapes and arguments.
Every run writes the same file.
"""
import json
import os

import torch
import torchvision.ops as ops
from torchvision.ops import Conv2dNormActivation, Conv3dNormActivation, MLP, DeformConv2d

from gen_vision_ops_reference import OUT, message, tensor

torch.set_num_threads(1)


def rounded(g, *shape, scale=1.0):
    """Seeded normal float64 values rounded to two decimals (exact in JSON)."""
    return (torch.randn(shape, generator=g, dtype=torch.float64) * scale * 100).round() / 100


DEFORM_CASES = [
    # name, N, C, H, W, O, (kh, kw), stride, padding, dilation, offset groups, weight groups, mask, bias
    ('groups_mask', 2, 4, 5, 6, 6, (3, 3), (1, 1), (1, 1), (1, 1), 2, 2, True, True),
    ('strided_dilated', 1, 3, 6, 5, 2, (3, 2), (2, 1), (0, 1), (1, 2), 1, 1, False, False),
    ('offset_groups_3', 1, 3, 4, 4, 4, (2, 2), (1, 2), (1, 0), (2, 1), 3, 1, True, False),
]


def gen_deform():
    cases = []
    g = torch.Generator().manual_seed(11)
    for (name, n, c, h, w, o, k, stride, padding, dilation, og, wg, use_mask, use_bias) in DEFORM_CASES:
        oh = (h + 2 * padding[0] - dilation[0] * (k[0] - 1) - 1) // stride[0] + 1
        ow = (w + 2 * padding[1] - dilation[1] * (k[1] - 1) - 1) // stride[1] + 1
        x = rounded(g, n, c, h, w)
        offset = rounded(g, n, 2 * og * k[0] * k[1], oh, ow, scale=1.5)
        weight = rounded(g, o, c // wg, k[0], k[1], scale=0.5)
        mask = torch.rand(n, og * k[0] * k[1], oh, ow, generator=g, dtype=torch.float64).mul(100).round().div(100) if use_mask else None
        bias = rounded(g, o) if use_bias else None
        args = dict(stride=stride, padding=padding, dilation=dilation)
        leaves32 = [t.float().requires_grad_() if t is not None else None for t in (x, offset, weight, bias, mask)]
        out32 = ops.deform_conv2d(leaves32[0], leaves32[1], leaves32[2], leaves32[3], mask=leaves32[4], **args)
        leaves = [t.clone().requires_grad_() if t is not None else None for t in (x, offset, weight, bias, mask)]
        xl, offl, wl, bl, ml = leaves
        out = ops.deform_conv2d(xl, offl, wl, bl, mask=ml, **args)
        gw = rounded(g, *out.shape)
        (out * gw).sum().backward()
        (out32 * gw.float()).sum().backward()
        case = {'name': name, 'stride': list(stride), 'padding': list(padding), 'dilation': list(dilation),
                'input': tensor(x), 'offset': tensor(offset), 'weight': tensor(weight), 'output32': tensor(out32),
                'output64': tensor(out), 'gradWeights': tensor(gw), 'gradInput': tensor(xl.grad),
                'gradOffset': tensor(offl.grad), 'gradWeight': tensor(wl.grad)}
        case['grads32'] = [tensor(t.grad) for t in leaves32 if t is not None]
        if use_mask:
            case['mask'] = tensor(mask)
            case['gradMask'] = tensor(ml.grad)
        if use_bias:
            case['bias'] = tensor(bias)
            case['gradBias'] = tensor(bl.grad)
        cases.append(case)
    torch.manual_seed(5)
    m = DeformConv2d(4, 6, 3, padding=1, groups=2)
    m2 = DeformConv2d(3, 2, (3, 2), stride=2, dilation=(1, 2), bias=False)
    reprs = {'DeformConv2d(4, 6, 3, padding=1, groups=2)': repr(m),
             'DeformConv2d(3, 2, (3, 2), stride=2, dilation=(1, 2), bias=False)': repr(m2),
             'DeformConv2d(2, 2, 1)': repr(DeformConv2d(2, 2, 1))}
    torch.manual_seed(6)
    xm = torch.randn(1, 4, 5, 5)
    om = torch.randn(1, 18, 5, 5)
    mm = torch.rand(1, 9, 5, 5)
    return {'cases': cases, 'module': {'seed': 5, 'state': {k: tensor(v) for k, v in m.state_dict().items()},
                                       'state2': {k: tensor(v) for k, v in m2.state_dict().items()},
                                       'input': tensor(xm), 'offset': tensor(om), 'mask': tensor(mm),
                                       'output': tensor(m(xm, om, mm))}, 'reprs': reprs}


def gen_dropblock():
    torch.manual_seed(3)
    draws = {'bernoulli32': tensor(torch.empty(2, 3, 4, 4).bernoulli_(0.3)),
             'bernoulli64': tensor(torch.empty(2, 3, 4).double().bernoulli_(0.3))}
    x2 = torch.arange(1, 1 + 2 * 3 * 5 * 7, dtype=torch.float32).reshape(2, 3, 5, 7) / 10
    x3 = torch.arange(1, 1 + 2 * 2 * 3 * 5 * 6, dtype=torch.float32).reshape(2, 2, 3, 5, 6) / 10
    cases = []
    for seed, rank, p, block, dtype in ((1, 2, 0.3, 3, torch.float32), (2, 2, 0.5, 1, torch.float64), (3, 2, 0.2, 9, torch.float32),
                                        (4, 2, 1.0, 1, torch.float32), (5, 3, 0.4, 3, torch.float32), (6, 3, 0.3, 7, torch.float64)):
        x = (x2 if rank == 2 else x3).to(dtype)
        torch.manual_seed(seed)
        f = ops.drop_block2d if rank == 2 else ops.drop_block3d
        cases.append({'seed': seed, 'rank': rank, 'p': p, 'blockSize': block, 'dtype': str(dtype)[6:],
                      'result': tensor(f(x, p, block))})
    torch.manual_seed(7)
    xi = x2.clone()
    ops.DropBlock2d(0.4, 3, inplace=True)(xi)
    reprs = {'DropBlock2d(0.1, 3)': repr(ops.DropBlock2d(0.1, 3)), 'DropBlock3d(0.5, 2, True)': repr(ops.DropBlock3d(0.5, 2, True)),
             'DropBlock2d(1e-05, 4, eps=0.001)': repr(ops.DropBlock2d(1e-05, 4, eps=0.001))}
    return {'draws': draws, 'cases': cases, 'inplace': {'seed': 7, 'p': 0.4, 'blockSize': 3, 'result': tensor(xi)}, 'reprs': reprs}


def state(m):
    return {k: tensor(v) for k, v in m.state_dict().items()}


def gen_mlp():
    torch.manual_seed(1)
    a = MLP(4, [8, 3], norm_layer=torch.nn.LayerNorm, inplace=False, dropout=0.0)
    b = MLP(4, [5, 6, 2], norm_layer=torch.nn.BatchNorm1d, activation_layer=torch.nn.GELU, inplace=None, bias=False, dropout=0.2)
    c = Conv3dNormActivation(2, 4, kernel_size=3, stride=(1, 2, 2), inplace=False)
    d = Conv3dNormActivation(2, 3, kernel_size=(1, 3, 3), norm_layer=None, activation_layer=torch.nn.SiLU, inplace=None)
    e = Conv2dNormActivation(3, 4, kernel_size=3, stride=2, groups=1, dilation=2, inplace=False)
    torch.manual_seed(2)
    xa = torch.randn(5, 4)
    x3 = torch.randn(1, 2, 3, 5, 5)
    x2 = torch.randn(1, 3, 7, 7)
    for m in (a, b, c, d, e):
        m.eval()
    return {'mlpA': {'state': state(a), 'input': tensor(xa), 'output': tensor(a(xa)), 'repr': repr(a)},
            'mlpB': {'state': state(b), 'output': tensor(b(xa)), 'repr': repr(b)},
            'conv3d': {'state': state(c), 'input': tensor(x3), 'output': tensor(c(x3)), 'repr': repr(c)},
            'conv3dPlain': {'state': state(d), 'output': tensor(d(x3)), 'repr': repr(d)},
            'conv2d': {'state': state(e), 'input': tensor(x2), 'output': tensor(e(x2)), 'repr': repr(e)}}


def gen_errors():
    x = torch.randn(1, 4, 5, 5)
    w = torch.randn(6, 2, 3, 3)
    off = torch.randn(1, 36, 3, 3)
    dc = ops.deform_conv2d
    return {
        'offset_channels': message(lambda: dc(x, torch.randn(1, 5, 3, 3), w)),
        'offset_dims': message(lambda: dc(x, torch.randn(1, 36, 4, 3), w)),
        'offset_batch': message(lambda: dc(x, torch.randn(2, 36, 3, 3), w)),
        'mask_channels': message(lambda: dc(x, off, w, mask=torch.randn(1, 5, 3, 3))),
        'mask_dims': message(lambda: dc(x, off, w, mask=torch.randn(1, 18, 3, 4))),
        'mask_batch': message(lambda: dc(x, off, w, mask=torch.randn(2, 18, 3, 3))),
        'weight_groups': message(lambda: dc(x, off, torch.randn(6, 3, 3, 3))),
        'weight_out_groups': message(lambda: dc(x, off, torch.randn(5, 2, 3, 3))),
        'weight_dim': message(lambda: dc(x, off, w[0])),
        'offset_groups_channels': message(lambda: dc(x, torch.randn(1, 54, 3, 3), w)),
        'padding': message(lambda: dc(x, off, w, padding=-1)),
        'too_small': message(lambda: dc(torch.randn(1, 4, 2, 2), off, w)),
        'weight_dtype': message(lambda: dc(x, off, w.double())),
        'offset_dtype': message(lambda: dc(x, off.double(), w)),
        'mask_dtype': message(lambda: dc(x, off, w, mask=torch.rand(1, 18, 3, 3).double())),
        'long_input': message(lambda: dc(x.long(), off.long(), w.long())),
        'module_in_groups': message(lambda: DeformConv2d(3, 4, 3, groups=2)),
        'module_out_groups': message(lambda: DeformConv2d(4, 3, 3, groups=2)),
        'dropblock_p': message(lambda: ops.drop_block2d(x, 1.5, 3)),
        'dropblock2d_dim': message(lambda: ops.drop_block2d(x[0], 0.5, 3)),
        'dropblock_even_block': message(lambda: ops.drop_block2d(x, 0.5, 2)),
        'dropblock3d_dim': message(lambda: ops.drop_block3d(x, 0.5, 3)),
    }


def main():
    ref = {'deform': gen_deform(), 'dropblock': gen_dropblock(), 'mlp': gen_mlp(), 'errors': gen_errors()}
    path = os.path.join(OUT, 'ops2.json')
    with open(path, 'w') as f:
        json.dump(ref, f, separators=(',', ':'))
        f.write('\n')
    print('wrote ops2.json', os.path.getsize(path), 'bytes')


if __name__ == '__main__':
    main()
