#!/usr/bin/python3
"""Writes PyTorch's answers for torch4j's nn conformance tests (org.torch4j.conformance.Nn*Test).

Run with Debian's interpreter, which has PyTorch (1.13):

    /usr/bin/python3 tools/gen_nn_reference.py

It writes, under api/src/test/resources/reference/nn/:
  layers.json     every layer (and a few functional forms): forward outputs and gradients;
  losses.json     every loss, in the same form;
  init.json       the weights layers get from their default initialisation after torch.manual_seed;
  modules.json    state_dict keys and repr of nested models, load_state_dict errors, running
                  statistics over several batches;
  training.json   + training_init.safetensors: 20 optimisation steps of an MLP (SGD with momentum)
                  and of LeNet-5 (Adam) from the same initial weights, the loss of every step.

A layer or loss case is {"name", "kind", "args", "train", "state", "inputs", "g", "results",
"keys", "repr", "gradcheck"}: "kind" and "args" say how to build the module (the contract with
NnCases.java), "state" is its state_dict (float32 values, loaded in the case's dtype), "inputs" the
forward's tensor arguments (floating ones are float32 values, converted to the case's dtype, and
differentiated), "g" one tensor per floating output; results[dtype] holds "outputs", "grads"
(d sum(out * g) / d input, one per input, null where it has none) and "param_grads" by name, and
"buffers" (the buffers after the forward, when the module has any). Inputs and weights are drawn
from seeded generators and rounded to three decimals, so every run writes the same files.
"""
import collections
import json
import math
import os
import struct
import warnings

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F
from torch.nn.utils.rnn import pack_padded_sequence, pad_packed_sequence

torch.set_num_threads(1)
warnings.filterwarnings('ignore', category=UserWarning)   # deprecation notes (dropout2d on 3-d input, ...)
OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'api', 'src', 'test', 'resources', 'reference',
                   'nn')

GEN = torch.Generator().manual_seed(20240607)


# ---- JSON with compact numbers ---------------------------------------------------------------------

class Raw(str):
    """A preformatted JSON number."""


def fnum(v, np_type):
    v = float(v)
    if math.isnan(v):
        return Raw('NaN')
    if math.isinf(v):
        return Raw('Infinity' if v > 0 else '-Infinity')
    if np_type is None:
        return Raw(repr(v))
    return Raw(str(np_type(v)))


def enc(t):
    """A tensor's JSON form: dtype, shape, row-major data (floats in their dtype's shortest form)."""
    if t is None:
        return None
    t = t.detach().contiguous()
    name = str(t.dtype)[6:]
    flat = t.reshape(-1)
    if t.dtype == torch.float64:
        data = [fnum(v, None) for v in flat.tolist()]
    elif t.dtype == torch.float32:
        data = [fnum(v, np.float32) for v in flat.tolist()]
    elif t.dtype == torch.bool:
        data = [1 if v else 0 for v in flat.tolist()]
    else:
        data = flat.tolist()
    return {'dtype': name, 'shape': list(t.shape), 'data': data}


def dumps(o):
    if isinstance(o, Raw):
        return str(o)
    if isinstance(o, bool):
        return 'true' if o else 'false'
    if o is None:
        return 'null'
    if isinstance(o, int):
        return str(o)
    if isinstance(o, float):
        return dumps(fnum(o, None))
    if isinstance(o, str):
        return json.dumps(o)
    if isinstance(o, dict):
        return '{' + ','.join(json.dumps(k) + ':' + dumps(v) for k, v in o.items()) + '}'
    if isinstance(o, (list, tuple)):
        return '[' + ','.join(dumps(v) for v in o) + ']'
    raise TypeError(type(o))


def write(name, obj):
    os.makedirs(OUT, exist_ok=True)
    path = os.path.join(OUT, name)
    with open(path, 'w') as f:
        f.write(dumps(obj))
        f.write('\n')
    print(f'{name}: {os.path.getsize(path)} bytes')


# ---- seeded values -----------------------------------------------------------------------------------

def rnd(*shape, scale=1.0):
    """Seeded normal values rounded to three decimals, as float32."""
    x = torch.randn(shape, generator=GEN, dtype=torch.float64) * scale
    return (x * 1000).round().div(1000).float()


def uni(lo, hi, *shape):
    x = torch.rand(shape, generator=GEN, dtype=torch.float64) * (hi - lo) + lo
    return (x * 1000).round().div(1000).float()


def distinct(*shape, scale=1.0):
    """Distinct values (no ties for max pooling): a seeded permutation of evenly spaced numbers."""
    n = math.prod(shape)
    perm = torch.randperm(n, generator=GEN).double()
    return ((perm - n / 2) * scale / n * 4 * 1000).round().div(1000).float().reshape(shape)


def rint(lo, hi, *shape):
    return torch.randint(lo, hi, shape, generator=GEN)


def perturb_state(m):
    """Replaces every floating parameter and buffer by seeded values of a similar scale (biases and
    norm weights are not left at 0 and 1), rounded to three decimals."""
    with torch.no_grad():
        for name, p in m.named_parameters():
            scale = max(p.abs().max().item(), 0.1) if p.numel() else 0.1
            if name.split('.')[-1].startswith('weight') and p.dim() == 1:
                p.copy_(1 + rnd(*p.shape, scale=0.2))          # norm weights around 1
            else:
                p.copy_(rnd(*p.shape, scale=scale / 1.7))
        for name, b in m.named_buffers():
            if name.endswith('running_mean'):
                b.copy_(rnd(*b.shape, scale=0.3))
            elif name.endswith('running_var'):
                b.copy_(uni(0.5, 1.5, *b.shape))


# ---- running a case ----------------------------------------------------------------------------------

def to_dtype(x, dtype):
    if isinstance(x, torch.Tensor) and x.dtype.is_floating_point:
        return x.to(dtype)
    return x


def flatten_outputs(o):
    if isinstance(o, torch.Tensor):
        return [o]
    out = []
    for v in o:
        out.extend(flatten_outputs(v))
    return out


def run_case(build, call, inputs, train, dtype, g, diff_inputs):
    m = build()
    return run_module(m, call, inputs, train, dtype, g, diff_inputs)


def run_module(m, call, inputs, train, dtype, g, diff_inputs):
    m.to(dtype)
    m.train(train)
    xs = []
    for i, x in enumerate(inputs):
        x = to_dtype(x, dtype)
        if isinstance(x, torch.Tensor):
            x = x.clone()
            if x.dtype.is_floating_point and diff_inputs[i]:
                x.requires_grad_(True)
        xs.append(x)
    outs = flatten_outputs(call(m, *xs))
    total = None
    for o, gi in zip([o for o in outs if o.dtype.is_floating_point], g):
        if o.requires_grad:
            term = (o * gi.to(dtype)).sum()
            total = term if total is None else total + term
    if total is not None:
        total.backward()
    grads = [x.grad if isinstance(x, torch.Tensor) and x.requires_grad else None for x in xs]
    pgrads = {n: p.grad for n, p in m.named_parameters() if p.grad is not None}
    res = {'outputs': [enc(o) for o in outs], 'grads': [enc(gr) for gr in grads],
           'param_grads': {n: enc(v) for n, v in pgrads.items()}}
    bufs = dict(m.named_buffers())
    if bufs:
        res['buffers'] = {n: enc(v) for n, v in bufs.items()}
    return res


CASES = []


def case(name, kind, args, build, call, inputs, train=True, gradcheck=True, diff=None, perturb=True, dtypes=None,
         seed=None, tol=None, gradgradcheck=False):
    """One module case: build() makes the module (seeded, then perturbed), call(m, *inputs) runs it. tol
    overrides the Java side's tolerance per dtype, {dtype: [rtol, atol]}, where PyTorch itself is less
    precise than the dtype (the reason is given where it is used). gradgradcheck asks the Java side for a
    float64 gradgradcheck as well (the cases of *_extra.json)."""
    torch.manual_seed(1000 + len(CASES))
    m = build()
    if perturb:
        perturb_state(m)
    state = {k: v.detach().clone() for k, v in m.state_dict().items()}
    diff_inputs = diff if diff is not None else [True] * len(inputs)
    # one g per floating output (the float64 run gives the shapes)
    probe = flatten_outputs(_call_seeded(seed, call, _loaded(build, state), inputs, train))
    g = [rnd(*o.shape) for o in probe if o.dtype.is_floating_point]
    results = {}
    for dname, dt in (('float32', torch.float32), ('float64', torch.float64)):
        if dtypes is not None and dname not in dtypes:
            continue
        mm = _loaded(build, state)
        if seed is not None:
            torch.manual_seed(seed)
        results[dname] = run_module(mm, call, inputs, train, dt, g, diff_inputs)
    c = {'name': name, 'kind': kind, 'args': args, 'train': train,
         'state': {k: enc(v) for k, v in state.items()},
         'inputs': [enc(x) if isinstance(x, torch.Tensor) else x for x in inputs],
         'diff': diff_inputs,
         'g': [enc(x) for x in g], 'results': results, 'keys': list(state.keys()), 'repr': repr(m),
         'gradcheck': gradcheck}
    if seed is not None:
        c['seed'] = seed
    if tol is not None:
        c['tol'] = tol
    if gradgradcheck:
        c['gradgradcheck'] = True
    CASES.append(c)


def _loaded(build, state):
    torch.manual_seed(0)
    m = build()
    m.load_state_dict(state)
    return m


def _call_seeded(seed, call, m, inputs, train):
    m.train(train)
    if seed is not None:
        torch.manual_seed(seed)
    with torch.no_grad():
        return call(m, *inputs)


def single(m, x):
    return m(x)


# ---- layers -------------------------------------------------------------------------------------------

def layer_cases():
    # linear
    case('linear', 'Linear', {'in': 4, 'out': 3, 'bias': True}, lambda: nn.Linear(4, 3), single, [rnd(5, 4)])
    case('linear_3d_nobias', 'Linear', {'in': 4, 'out': 3, 'bias': False}, lambda: nn.Linear(4, 3, bias=False), single,
         [rnd(2, 3, 4)])
    case('linear_1d', 'Linear', {'in': 4, 'out': 2, 'bias': True}, lambda: nn.Linear(4, 2), single, [rnd(4)])
    case('bilinear', 'Bilinear', {'in1': 3, 'in2': 2, 'out': 4, 'bias': True}, lambda: nn.Bilinear(3, 2, 4),
         lambda m, a, b: m(a, b), [rnd(5, 3), rnd(5, 2)])
    case('bilinear_nobias_3d', 'Bilinear', {'in1': 2, 'in2': 3, 'out': 2, 'bias': False},
         lambda: nn.Bilinear(2, 3, 2, bias=False), lambda m, a, b: m(a, b), [rnd(2, 2, 2), rnd(2, 2, 3)])
    case('identity', 'Identity', {}, lambda: nn.Identity(), single, [rnd(2, 3)])
    case('flatten', 'Flatten', {'start': 1, 'end': -1}, lambda: nn.Flatten(), single, [rnd(2, 3, 2, 2)])
    case('flatten_0_1', 'Flatten', {'start': 0, 'end': 1}, lambda: nn.Flatten(0, 1), single, [rnd(2, 3, 2)])
    case('unflatten', 'Unflatten', {'dim': 1, 'sizes': [2, 3]}, lambda: nn.Unflatten(1, (2, 3)), single, [rnd(2, 6)])

    # convolutions
    def conv(cls, name, i, o, k, x, stride=(1,), padding=(0,), dilation=(1,), groups=1, bias=True, mode='zeros'):
        pad = padding if isinstance(padding, str) else list(padding)
        args = {'in': i, 'out': o, 'kernel': list(k), 'stride': list(stride), 'padding': pad,
                'dilation': list(dilation), 'groups': groups, 'bias': bias, 'padding_mode': mode}
        one = lambda v: v[0] if len(v) == 1 else tuple(v)
        py_pad = padding if isinstance(padding, str) else one(padding)
        case(name, cls.__name__, args,
             lambda: cls(i, o, one(k), stride=one(stride), padding=py_pad, dilation=one(dilation), groups=groups,
                         bias=bias, padding_mode=mode), single, [x])

    conv(nn.Conv1d, 'conv1d', 2, 3, [3], rnd(2, 2, 7))
    conv(nn.Conv1d, 'conv1d_stride_pad_dil', 2, 4, [3], rnd(2, 2, 9), stride=[2], padding=[2], dilation=[2])
    conv(nn.Conv1d, 'conv1d_groups_nobias', 4, 2, [2], rnd(1, 4, 6), groups=2, bias=False)
    conv(nn.Conv1d, 'conv1d_same_even', 2, 2, [4], rnd(2, 2, 6), padding='same', dilation=[1])
    conv(nn.Conv1d, 'conv1d_reflect', 2, 2, [3], rnd(2, 2, 6), padding=[2], mode='reflect')
    conv(nn.Conv1d, 'conv1d_unbatched', 2, 3, [3], rnd(2, 5))
    conv(nn.Conv2d, 'conv2d', 2, 3, [3], rnd(2, 2, 5, 5))
    conv(nn.Conv2d, 'conv2d_rect_stride_pad', 3, 2, [2, 3], rnd(2, 3, 6, 7), stride=[2, 1], padding=[1, 2])
    conv(nn.Conv2d, 'conv2d_dilation', 2, 2, [3], rnd(1, 2, 7, 6), dilation=[2, 1], padding=[1])
    conv(nn.Conv2d, 'conv2d_groups', 4, 6, [3], rnd(2, 4, 5, 4), groups=2, padding=[1])
    conv(nn.Conv2d, 'conv2d_depthwise_nobias', 3, 3, [3], rnd(1, 3, 4, 4), groups=3, bias=False)
    conv(nn.Conv2d, 'conv2d_same', 2, 2, [3, 4], rnd(1, 2, 5, 6), padding='same', dilation=[1, 2])
    conv(nn.Conv2d, 'conv2d_valid', 2, 2, [3], rnd(1, 2, 5, 5), padding='valid')
    conv(nn.Conv2d, 'conv2d_reflect', 2, 3, [3], rnd(2, 2, 4, 5), padding=[1, 2], mode='reflect')
    conv(nn.Conv2d, 'conv2d_replicate', 2, 2, [3], rnd(1, 2, 4, 4), padding=[2], mode='replicate')
    conv(nn.Conv2d, 'conv2d_circular', 2, 2, [3], rnd(1, 2, 4, 5), padding=[1, 2], mode='circular')
    conv(nn.Conv2d, 'conv2d_unbatched', 2, 2, [2], rnd(2, 4, 4))
    conv(nn.Conv3d, 'conv3d', 2, 2, [2, 3, 2], rnd(2, 2, 3, 4, 4), stride=[1, 2, 1], padding=[1, 0, 1])
    conv(nn.Conv3d, 'conv3d_groups_dil', 2, 4, [2], rnd(1, 2, 4, 4, 5), groups=2, dilation=[1, 2, 2], bias=False)
    conv(nn.Conv3d, 'conv3d_replicate', 1, 2, [2, 2, 3], rnd(1, 1, 3, 3, 4), padding=[1, 0, 1], mode='replicate')
    conv(nn.Conv1d, 'conv1d_circular_stride', 2, 2, [3], rnd(2, 2, 7), stride=[2], padding=[1], mode='circular')
    conv(nn.Conv2d, 'conv2d_reflect_stride_dil', 1, 2, [3], rnd(1, 1, 6, 7), stride=[2], padding=[2, 1],
         dilation=[2], mode='reflect')

    def convt(cls, name, i, o, k, x, stride=(1,), padding=(0,), output_padding=(0,), groups=1, bias=True, dilation=(1,)):
        args = {'in': i, 'out': o, 'kernel': list(k), 'stride': list(stride), 'padding': list(padding),
                'output_padding': list(output_padding), 'groups': groups, 'bias': bias, 'dilation': list(dilation)}
        one = lambda v: v[0] if len(v) == 1 else tuple(v)
        case(name, cls.__name__, args,
             lambda: cls(i, o, one(k), stride=one(stride), padding=one(padding), output_padding=one(output_padding),
                         groups=groups, bias=bias, dilation=one(dilation)), single, [x])

    convt(nn.ConvTranspose1d, 'conv_transpose1d', 2, 3, [3], rnd(2, 2, 4), stride=[2])
    convt(nn.ConvTranspose1d, 'conv_transpose1d_all', 4, 2, [3], rnd(1, 4, 5), stride=[3], padding=[1],
          output_padding=[2], groups=2, dilation=[2])
    convt(nn.ConvTranspose2d, 'conv_transpose2d', 2, 3, [3], rnd(2, 2, 3, 3), stride=[2], padding=[1],
          output_padding=[1])
    convt(nn.ConvTranspose2d, 'conv_transpose2d_rect_groups', 4, 4, [2, 3], rnd(1, 4, 3, 2), stride=[1, 2],
          padding=[0, 1], groups=2, bias=False, dilation=[2, 1])
    convt(nn.ConvTranspose2d, 'conv_transpose2d_unbatched', 2, 2, [2], rnd(2, 3, 3), stride=[2])

    # functional unfold / fold
    case('F.unfold', 'F.unfold', {'kernel': [2, 3], 'dilation': [1, 2], 'padding': [1, 0], 'stride': [2, 1]},
         lambda: nn.Identity(), lambda m, x: F.unfold(x, (2, 3), dilation=(1, 2), padding=(1, 0), stride=(2, 1)),
         [rnd(2, 2, 5, 6)], perturb=False)
    case('F.fold', 'F.fold', {'output': [4, 5], 'kernel': [2, 2], 'dilation': [1], 'padding': [1], 'stride': [1, 2]},
         lambda: nn.Identity(), lambda m, x: F.fold(x, (4, 5), (2, 2), dilation=1, padding=1, stride=(1, 2)),
         [rnd(2, 12, 15)], perturb=False)

    # pooling
    case('maxpool1d', 'MaxPool1d', {'kernel': 3, 'stride': 2, 'padding': 1, 'dilation': 1, 'ceil': False},
         lambda: nn.MaxPool1d(3, 2, 1), single, [distinct(2, 2, 8)])
    case('maxpool1d_dil_ceil', 'MaxPool1d', {'kernel': 2, 'stride': 2, 'padding': 0, 'dilation': 2, 'ceil': True},
         lambda: nn.MaxPool1d(2, 2, 0, dilation=2, ceil_mode=True), single, [distinct(1, 2, 8)])
    case('maxpool2d', 'MaxPool2d', {'kernel': [2], 'stride': None, 'padding': [0], 'dilation': [1], 'ceil': False},
         lambda: nn.MaxPool2d(2), single, [distinct(2, 2, 4, 6)])
    case('maxpool2d_all', 'MaxPool2d', {'kernel': [3, 2], 'stride': [2, 1], 'padding': [1, 1], 'dilation': [1, 2],
                                        'ceil': True},
         lambda: nn.MaxPool2d((3, 2), (2, 1), (1, 1), (1, 2), ceil_mode=True), single, [distinct(1, 2, 6, 6)])
    case('maxpool2d_ceil_unbatched', 'MaxPool2d', {'kernel': [3], 'stride': [2], 'padding': [0], 'dilation': [1],
                                                   'ceil': True},
         lambda: nn.MaxPool2d(3, 2, ceil_mode=True), single, [distinct(2, 6, 5)])
    case('maxpool2d_indices', 'F.max_pool2d_with_indices', {'kernel': [2], 'stride': [1], 'padding': [1],
                                                            'dilation': [1], 'ceil': False},
         lambda: nn.Identity(), lambda m, x: F.max_pool2d(x, 2, 1, 1, return_indices=True), [distinct(1, 2, 3, 4)],
         perturb=False)
    case('avgpool1d', 'AvgPool1d', {'kernel': 3, 'stride': 2, 'padding': 1, 'ceil': False, 'count_include_pad': True},
         lambda: nn.AvgPool1d(3, 2, 1), single, [rnd(2, 2, 7)])
    case('avgpool1d_ceil_nopad', 'AvgPool1d', {'kernel': 3, 'stride': 2, 'padding': 1, 'ceil': True,
                                               'count_include_pad': False},
         lambda: nn.AvgPool1d(3, 2, 1, ceil_mode=True, count_include_pad=False), single, [rnd(1, 2, 8)])
    case('avgpool2d', 'AvgPool2d', {'kernel': [2], 'stride': None, 'padding': [0], 'ceil': False,
                                    'count_include_pad': True, 'divisor': None},
         lambda: nn.AvgPool2d(2), single, [rnd(2, 2, 4, 6)])
    case('avgpool2d_pad_ceil_exclude', 'AvgPool2d', {'kernel': [3, 2], 'stride': [2], 'padding': [1], 'ceil': True,
                                                     'count_include_pad': False, 'divisor': None},
         lambda: nn.AvgPool2d((3, 2), 2, 1, ceil_mode=True, count_include_pad=False), single, [rnd(1, 2, 6, 5)])
    case('avgpool2d_pad_include_ceil', 'AvgPool2d', {'kernel': [3], 'stride': [2], 'padding': [1], 'ceil': True,
                                                     'count_include_pad': True, 'divisor': None},
         lambda: nn.AvgPool2d(3, 2, 1, ceil_mode=True), single, [rnd(1, 1, 6, 6)])
    case('avgpool2d_divisor', 'AvgPool2d', {'kernel': [2], 'stride': [1], 'padding': [1], 'ceil': False,
                                            'count_include_pad': True, 'divisor': 3},
         lambda: nn.AvgPool2d(2, 1, 1, divisor_override=3), single, [rnd(1, 2, 3, 3)])
    case('adaptive_avgpool1d', 'AdaptiveAvgPool1d', {'out': 3}, lambda: nn.AdaptiveAvgPool1d(3), single,
         [rnd(2, 2, 7)])
    case('adaptive_avgpool2d', 'AdaptiveAvgPool2d', {'out': [3, 2]}, lambda: nn.AdaptiveAvgPool2d((3, 2)), single,
         [rnd(2, 2, 5, 7)])
    case('adaptive_avgpool2d_1', 'AdaptiveAvgPool2d', {'out': [1]}, lambda: nn.AdaptiveAvgPool2d(1), single,
         [rnd(2, 3, 4, 3)])
    case('adaptive_maxpool2d', 'AdaptiveMaxPool2d', {'out': [3, 2]}, lambda: nn.AdaptiveMaxPool2d((3, 2)), single,
         [distinct(2, 2, 5, 7)])
    case('adaptive_maxpool2d_upsize_unbatched', 'AdaptiveMaxPool2d', {'out': [4, 5]},
         lambda: nn.AdaptiveMaxPool2d((4, 5)), single, [distinct(2, 3, 2)])
    case('adaptive_avgpool1d_upsize', 'AdaptiveAvgPool1d', {'out': 5}, lambda: nn.AdaptiveAvgPool1d(5), single,
         [rnd(1, 2, 3)])
    case('adaptive_avgpool2d_unbatched', 'AdaptiveAvgPool2d', {'out': [2, 4]}, lambda: nn.AdaptiveAvgPool2d((2, 4)),
         single, [rnd(3, 5, 3)])
    case('maxpool1d_unbatched', 'MaxPool1d', {'kernel': 2, 'stride': 1, 'padding': 1, 'dilation': 1, 'ceil': False},
         lambda: nn.MaxPool1d(2, 1, 1), single, [distinct(3, 5)])
    case('avgpool1d_unbatched', 'AvgPool1d', {'kernel': 2, 'stride': 2, 'padding': 0, 'ceil': True,
                                              'count_include_pad': True},
         lambda: nn.AvgPool1d(2, ceil_mode=True), single, [rnd(2, 5)])
    case('adaptive_maxpool2d_indices', 'F.adaptive_max_pool2d_with_indices', {'out': [2, 3]}, lambda: nn.Identity(),
         lambda m, x: F.adaptive_max_pool2d(x, (2, 3), return_indices=True), [distinct(1, 2, 5, 4)], perturb=False)

    # normalisation
    def bn(cls, name, x, train, momentum=0.1, affine=True, track=True, eps=1e-5):
        case(name, cls.__name__, {'features': x.shape[1], 'eps': eps, 'momentum': momentum, 'affine': affine,
                                  'track': track},
             lambda: cls(x.shape[1], eps=eps, momentum=momentum, affine=affine, track_running_stats=track), single,
             [x], train=train)

    bn(nn.BatchNorm1d, 'batchnorm1d_train', rnd(5, 3), True)
    bn(nn.BatchNorm1d, 'batchnorm1d_3d_train', rnd(3, 2, 4), True, momentum=0.3)
    bn(nn.BatchNorm1d, 'batchnorm1d_eval', rnd(4, 3), False)
    bn(nn.BatchNorm1d, 'batchnorm1d_cumulative', rnd(4, 2), True, momentum=None)
    bn(nn.BatchNorm2d, 'batchnorm2d_train', rnd(2, 3, 3, 2), True)
    bn(nn.BatchNorm2d, 'batchnorm2d_eval', rnd(2, 3, 2, 2), False, eps=1e-3)
    bn(nn.BatchNorm2d, 'batchnorm2d_noaffine', rnd(2, 2, 2, 3), True, affine=False)
    bn(nn.BatchNorm2d, 'batchnorm2d_notrack_eval', rnd(3, 2, 2, 2), False, track=False)
    bn(nn.BatchNorm1d, 'batchnorm1d_notrack_train', rnd(3, 2, 3), True, track=False)
    bn(nn.BatchNorm1d, 'batchnorm1d_3d_eval', rnd(2, 3, 2), False, affine=False)
    case('layernorm', 'LayerNorm', {'shape': [4], 'eps': 1e-5, 'affine': True}, lambda: nn.LayerNorm(4), single,
         [rnd(3, 4)])
    case('layernorm_2d_noaffine', 'LayerNorm', {'shape': [2, 3], 'eps': 1e-3, 'affine': False},
         lambda: nn.LayerNorm((2, 3), eps=1e-3, elementwise_affine=False), single, [rnd(2, 2, 2, 3)])
    case('groupnorm', 'GroupNorm', {'groups': 2, 'channels': 4, 'eps': 1e-5, 'affine': True},
         lambda: nn.GroupNorm(2, 4), single, [rnd(2, 4, 3)])
    case('groupnorm_4d_noaffine', 'GroupNorm', {'groups': 3, 'channels': 3, 'eps': 1e-5, 'affine': False},
         lambda: nn.GroupNorm(3, 3, affine=False), single, [rnd(2, 3, 2, 2)])
    case('instancenorm2d', 'InstanceNorm2d', {'features': 3, 'eps': 1e-5, 'momentum': 0.1, 'affine': False,
                                              'track': False},
         lambda: nn.InstanceNorm2d(3), single, [rnd(2, 3, 3, 3)])
    case('instancenorm2d_affine_track', 'InstanceNorm2d', {'features': 2, 'eps': 1e-5, 'momentum': 0.2,
                                                           'affine': True, 'track': True},
         lambda: nn.InstanceNorm2d(2, momentum=0.2, affine=True, track_running_stats=True), single,
         [rnd(3, 2, 2, 3)])
    case('instancenorm2d_track_eval', 'InstanceNorm2d', {'features': 2, 'eps': 1e-5, 'momentum': 0.1,
                                                         'affine': True, 'track': True},
         lambda: nn.InstanceNorm2d(2, affine=True, track_running_stats=True), single, [rnd(2, 2, 3, 3)], train=False)

    # dropout: identity in eval; in training the mask comes from the default generator (bit-exact); the Java
    # gradcheck of seeded cases reseeds before every forward, so the masks stay fixed
    case('dropout_eval', 'Dropout', {'p': 0.5}, lambda: nn.Dropout(0.5), single, [rnd(3, 4)], train=False)
    case('dropout_train', 'Dropout', {'p': 0.3}, lambda: nn.Dropout(0.3), single, [rnd(4, 5)], seed=7)
    case('dropout2d_train', 'Dropout2d', {'p': 0.5}, lambda: nn.Dropout2d(0.5), single, [rnd(3, 4, 2, 2)], seed=11)
    case('dropout2d_3d_train', 'Dropout2d', {'p': 0.4}, lambda: nn.Dropout2d(0.4), single, [rnd(2, 5, 3)], seed=12)

    # embeddings
    case('embedding', 'Embedding', {'num': 6, 'dim': 3, 'padding_idx': None}, lambda: nn.Embedding(6, 3), single,
         [torch.tensor([[0, 2, 5], [2, 2, 1]])])
    # the padding row gets no gradient by design, so its finite differences disagree: no gradcheck
    case('embedding_padding', 'Embedding', {'num': 5, 'dim': 2, 'padding_idx': 1},
         lambda: nn.Embedding(5, 2, padding_idx=1), single, [torch.tensor([1, 3, 1, 4, 0])], gradcheck=False)
    case('embedding_padding_negative', 'Embedding', {'num': 5, 'dim': 2, 'padding_idx': -1},
         lambda: nn.Embedding(5, 2, padding_idx=-1), single, [torch.tensor([4, 3, 4, 0])], gradcheck=False)
    bag_call = lambda m, x, o, w: m(x, o, per_sample_weights=w)
    for mode in ('sum', 'mean', 'max'):
        case('embedding_bag_' + mode, 'EmbeddingBag', {'num': 7, 'dim': 3, 'mode': mode, 'padding_idx': None},
             lambda mode=mode: nn.EmbeddingBag(7, 3, mode=mode), lambda m, x, o: m(x, o),
             [torch.tensor([1, 2, 4, 5, 4, 3, 2, 6]), torch.tensor([0, 2, 2, 5])])
        case('embedding_bag_2d_' + mode, 'EmbeddingBag', {'num': 5, 'dim': 2, 'mode': mode, 'padding_idx': 0},
             lambda mode=mode: nn.EmbeddingBag(5, 2, mode=mode, padding_idx=0), single,
             [torch.tensor([[1, 0, 3], [4, 4, 2], [0, 0, 0]])])
    case('embedding_bag_weighted', 'EmbeddingBag', {'num': 6, 'dim': 2, 'mode': 'sum', 'padding_idx': None},
         lambda: nn.EmbeddingBag(6, 2, mode='sum'), bag_call,
         [torch.tensor([0, 5, 3, 3, 1]), torch.tensor([0, 3]), rnd(5)])

    # recurrent layers: outputs [output, h_n] (LSTM: [output, h_n, c_n])
    def rnn_call(m, x, *state):
        if isinstance(m, nn.LSTM):
            return m(x, tuple(state)) if state else m(x)
        return m(x, state[0]) if state else m(x)

    def rnn(cls, name, args, x, state=(), **kw):
        a = dict(input=args['input'], hidden=args['hidden'], layers=args.get('layers', 1), bias=args.get('bias', True),
                 batch_first=args.get('batch_first', False), dropout=args.get('dropout', 0.0),
                 bidirectional=args.get('bidirectional', False), nonlinearity=args.get('nonlinearity', 'tanh'))
        extra = {'nonlinearity': a['nonlinearity']} if cls is nn.RNN else {}
        case(name, cls.__name__, a,
             lambda: cls(a['input'], a['hidden'], a['layers'], bias=a['bias'], batch_first=a['batch_first'],
                         dropout=a['dropout'], bidirectional=a['bidirectional'], **extra), rnn_call, [x, *state], **kw)

    rnn(nn.RNN, 'rnn', {'input': 3, 'hidden': 4}, rnd(5, 2, 3))
    rnn(nn.RNN, 'rnn_relu_2layers_h0', {'input': 2, 'hidden': 3, 'layers': 2, 'nonlinearity': 'relu'},
        rnd(4, 2, 2), state=(rnd(2, 2, 3),))
    rnn(nn.RNN, 'rnn_bidirectional_batch_first', {'input': 3, 'hidden': 2, 'bidirectional': True, 'batch_first': True},
        rnd(2, 4, 3))
    rnn(nn.LSTM, 'lstm', {'input': 3, 'hidden': 4}, rnd(4, 2, 3))
    rnn(nn.LSTM, 'lstm_2layers_bidir_state', {'input': 2, 'hidden': 3, 'layers': 2, 'bidirectional': True},
        rnd(3, 2, 2), state=(rnd(4, 2, 3), rnd(4, 2, 3)))
    rnn(nn.LSTM, 'lstm_nobias_batch_first', {'input': 2, 'hidden': 2, 'bias': False, 'batch_first': True},
        rnd(3, 4, 2))
    rnn(nn.LSTM, 'lstm_unbatched', {'input': 3, 'hidden': 2}, rnd(4, 3), state=(rnd(1, 2), rnd(1, 2)))
    rnn(nn.GRU, 'gru', {'input': 3, 'hidden': 4}, rnd(4, 2, 3))
    rnn(nn.GRU, 'gru_2layers_bidir_h0', {'input': 2, 'hidden': 3, 'layers': 2, 'bidirectional': True},
        rnd(3, 2, 2), state=(rnd(4, 2, 3),))
    # dropout between layers in training: the masks come from the default generator, in PyTorch's order
    rnn(nn.LSTM, 'lstm_dropout_train', {'input': 2, 'hidden': 3, 'layers': 3, 'bidirectional': True, 'dropout': 0.4},
        rnd(4, 2, 2), seed=21)
    rnn(nn.GRU, 'gru_dropout_eval', {'input': 2, 'hidden': 3, 'layers': 2, 'dropout': 0.5}, rnd(3, 2, 2), train=False)

    # packed sequences (lengths unsorted): outputs [padded output, states...]
    def packed_call(lengths):
        def call(m, x):
            packed = pack_padded_sequence(x, torch.tensor(lengths), enforce_sorted=False)
            out, state = m(packed)
            padded, _ = pad_packed_sequence(out)
            return [padded, *(state if isinstance(state, tuple) else (state,))]
        return call

    # batch_first, sorted lengths (enforce_sorted), initial states
    def packed_bf_call(m, x, h0, c0):
        packed = pack_padded_sequence(x, torch.tensor([4, 3, 1]), batch_first=True, enforce_sorted=True)
        out, (h, c) = m(packed, (h0, c0))
        padded, _ = pad_packed_sequence(out, batch_first=True, total_length=5)
        return [padded, h, c]

    case('lstm_packed_batch_first_sorted_state', 'LSTM.packed_bf', dict(input=2, hidden=3, layers=1, bias=True,
         batch_first=True, dropout=0.0, bidirectional=True, nonlinearity='tanh', lengths=[4, 3, 1], total_length=5),
         lambda: nn.LSTM(2, 3, batch_first=True, bidirectional=True), packed_bf_call,
         [rnd(3, 5, 2), rnd(2, 3, 3), rnd(2, 3, 3)])

    def packed_h0_call(m, x, h0):
        packed = pack_padded_sequence(x, torch.tensor([1, 3, 2]), enforce_sorted=False)
        out, h = m(packed, h0)
        return [pad_packed_sequence(out)[0], h]

    case('gru_packed_unsorted_h0', 'GRU.packed_h0', dict(input=2, hidden=2, layers=2, bias=True, batch_first=False,
         dropout=0.0, bidirectional=False, nonlinearity='tanh', lengths=[1, 3, 2]),
         lambda: nn.GRU(2, 2, 2), packed_h0_call, [rnd(3, 3, 2), rnd(2, 3, 2)])

    for cls, name in ((nn.RNN, 'rnn_packed'), (nn.LSTM, 'lstm_packed_bidir'), (nn.GRU, 'gru_packed_2layers')):
        bidir = cls is nn.LSTM
        layers = 2 if cls is nn.GRU else 1
        a = dict(input=2, hidden=3, layers=layers, bias=True, batch_first=False, dropout=0.0, bidirectional=bidir,
                 nonlinearity='tanh', lengths=[2, 4, 1])
        case(name, cls.__name__ + '.packed', a,
             lambda cls=cls, bidir=bidir, layers=layers: cls(2, 3, layers, bidirectional=bidir),
             packed_call(a['lengths']), [rnd(4, 3, 2)])

    # multi-head attention (training mode, dropout 0: PyTorch's reference path); outputs [output, weights]
    def mha(name, args, inputs, kpm=None, mask=None, need_weights=True, average=True, **kw):
        a = dict(embed=args['embed'], heads=args['heads'], dropout=args.get('dropout', 0.0), bias=args.get('bias', True),
                 kdim=args.get('kdim'),
                 vdim=args.get('vdim'), batch_first=args.get('batch_first', False), need_weights=need_weights,
                 average=average, kpm=kpm is not None, mask=mask is not None)
        ins = list(inputs) + ([kpm] if kpm is not None else []) + ([mask] if mask is not None else [])

        def call(m, q, k, v, *masks):
            masks = list(masks)
            kp = masks.pop(0) if a['kpm'] else None
            am = masks.pop(0) if a['mask'] else None
            out, w = m(q, k, v, key_padding_mask=kp, need_weights=need_weights, attn_mask=am,
                       average_attn_weights=average)
            return [out] if w is None else [out, w]

        case(name, 'MultiheadAttention', a,
             lambda: nn.MultiheadAttention(a['embed'], a['heads'], dropout=a['dropout'], bias=a['bias'], kdim=a['kdim'],
                                           vdim=a['vdim'], batch_first=a['batch_first']),
             call, ins, diff=[True, True, True] + [False] * (len(ins) - 3), **kw)

    x = rnd(3, 2, 4)
    mha('mha_self', {'embed': 4, 'heads': 2}, [x, x, x])
    mha('mha_cross_masks', {'embed': 4, 'heads': 2}, [rnd(3, 2, 4), rnd(5, 2, 4), rnd(5, 2, 4)],
        kpm=torch.tensor([[False, False, True, False, True], [False, False, False, False, False]]),
        mask=torch.tensor([[False, True, False, False, False], [False, False, True, False, False],
                           [True, False, False, False, False]]))
    mha('mha_float_mask_heads', {'embed': 6, 'heads': 3}, [rnd(2, 2, 6), rnd(4, 2, 6), rnd(4, 2, 6)],
        mask=rnd(2, 4), average=False)
    mha('mha_kdim_vdim_batch_first', {'embed': 4, 'heads': 1, 'kdim': 3, 'vdim': 5, 'batch_first': True},
        [rnd(2, 3, 4), rnd(2, 4, 3), rnd(2, 4, 5)], kpm=torch.tensor([[False, True, False, False],
                                                                    [False, False, False, True]]))
    mha('mha_nobias_noweights', {'embed': 4, 'heads': 2, 'bias': False}, [rnd(3, 2, 4), rnd(3, 2, 4), rnd(3, 2, 4)],
        need_weights=False)
    mha('mha_unbatched', {'embed': 4, 'heads': 2}, [rnd(3, 4), rnd(2, 4), rnd(2, 4)])
    mha('mha_3d_float_mask', {'embed': 4, 'heads': 2}, [rnd(2, 2, 4), rnd(3, 2, 4), rnd(3, 2, 4)],
        kpm=torch.tensor([[False, True, False], [False, False, False]]), mask=rnd(4, 2, 3))
    mha('mha_float_kpm', {'embed': 4, 'heads': 2}, [rnd(2, 2, 4), rnd(3, 2, 4), rnd(3, 2, 4)], kpm=rnd(2, 3))
    # dropout on the attention weights in training (1.13 returns the weights after dropout)
    mha('mha_dropout_train', {'embed': 4, 'heads': 2, 'dropout': 0.3}, [rnd(3, 2, 4), rnd(4, 2, 4), rnd(4, 2, 4)],
        seed=5)
    mha('mha_dropout_eval', {'embed': 4, 'heads': 2, 'dropout': 0.3}, [rnd(3, 2, 4), rnd(4, 2, 4), rnd(4, 2, 4)],
        train=False)

    # transformer layers (dropout 0, training mode)
    def enc_layer_args(d, h, ff, act='relu', norm_first=False, batch_first=False):
        return {'d': d, 'nhead': h, 'ff': ff, 'dropout': 0.0, 'activation': act, 'eps': 1e-5,
                'batch_first': batch_first, 'norm_first': norm_first}

    def enc_layer(a):
        return nn.TransformerEncoderLayer(a['d'], a['nhead'], a['ff'], 0.0, a['activation'], a['eps'],
                                          a['batch_first'], a['norm_first'])

    def dec_layer(a):
        return nn.TransformerDecoderLayer(a['d'], a['nhead'], a['ff'], 0.0, a['activation'], a['eps'],
                                          a['batch_first'], a['norm_first'])

    causal = nn.Transformer.generate_square_subsequent_mask(3)
    a = enc_layer_args(4, 2, 6)
    case('transformer_encoder_layer', 'TransformerEncoderLayer', a, lambda: enc_layer(a),
         lambda m, x: m(x), [rnd(3, 2, 4)])
    a2 = enc_layer_args(4, 2, 5, act='gelu', norm_first=True, batch_first=True)
    case('transformer_encoder_layer_gelu_prenorm_masks', 'TransformerEncoderLayer', dict(a2, masks=True),
         lambda: enc_layer(a2), lambda m, x, mask, kpm: m(x, src_mask=mask, src_key_padding_mask=kpm),
         [rnd(2, 3, 4), causal, torch.tensor([[False, False, True], [False, False, False]])],
         diff=[True, False, False])
    case('transformer_decoder_layer', 'TransformerDecoderLayer', dict(a, call='tgt_mask'), lambda: dec_layer(a),
         lambda m, t, mem, mask: m(t, mem, tgt_mask=mask), [rnd(3, 2, 4), rnd(4, 2, 4), causal],
         diff=[True, True, False])
    case('transformer_decoder_layer_prenorm_gelu', 'TransformerDecoderLayer', dict(a2, call='memory_kpm'),
         lambda: dec_layer(a2),
         lambda m, t, mem, kpm: m(t, mem, memory_key_padding_mask=kpm),
         [rnd(2, 3, 4), rnd(2, 2, 4), torch.tensor([[False, True], [False, False]])], diff=[True, True, False])
    a3 = dict(a, layers=2, norm=True)
    case('transformer_encoder', 'TransformerEncoder', a3,
         lambda: nn.TransformerEncoder(enc_layer(a), 2, nn.LayerNorm(4)), lambda m, x: m(x), [rnd(3, 2, 4)])
    case('transformer_decoder', 'TransformerDecoder', dict(a, layers=2, norm=False),
         lambda: nn.TransformerDecoder(dec_layer(a), 2), lambda m, t, mem: m(t, mem), [rnd(2, 2, 4), rnd(3, 2, 4)])
    ad = dict(enc_layer_args(4, 2, 6), dropout=0.25)
    case('transformer_encoder_layer_dropout_train', 'TransformerEncoderLayer', ad,
         lambda: nn.TransformerEncoderLayer(4, 2, 6, 0.25), lambda m, x: m(x), [rnd(3, 2, 4)], seed=3)
    case('transformer_encoder_layer_dropout_eval', 'TransformerEncoderLayer', ad,
         lambda: nn.TransformerEncoderLayer(4, 2, 6, 0.25), lambda m, x: m(x), [rnd(3, 2, 4)], train=False)
    case('transformer_decoder_layer_dropout_train', 'TransformerDecoderLayer', dict(ad, call='tgt_mask'),
         lambda: nn.TransformerDecoderLayer(4, 2, 6, 0.25), lambda m, t, mem, mask: m(t, mem, tgt_mask=mask),
         [rnd(3, 2, 4), rnd(2, 2, 4), causal], diff=[True, True, False], seed=4)
    tb = {'d': 4, 'nhead': 2, 'enc': 1, 'dec': 2, 'ff': 5, 'dropout': 0.0, 'activation': 'gelu', 'eps': 1e-4,
          'batch_first': True, 'norm_first': True, 'masks': True}
    case('transformer_batch_first_prenorm_masks', 'Transformer', tb,
         lambda: nn.Transformer(4, 2, 1, 2, 5, 0.0, 'gelu', layer_norm_eps=1e-4, batch_first=True, norm_first=True),
         lambda m, s, t, tm, skpm, tkpm, mkpm: m(s, t, tgt_mask=tm, src_key_padding_mask=skpm,
                                                 tgt_key_padding_mask=tkpm, memory_key_padding_mask=mkpm),
         [rnd(2, 4, 4), rnd(2, 3, 4), causal, torch.tensor([[False, False, False, True], [False, False, False, False]]),
          torch.tensor([[False, False, True], [False, False, False]]),
          torch.tensor([[False, False, False, True], [False, False, False, False]])],
         diff=[True, True, False, False, False, False],
         # three pre-norm LayerNorms over 4 features (eps 1e-4) stacked amplify float32 rounding: the input
         # gradient differs from the float64 answer by ~2e-6 of its largest magnitude in a blocked GEMM's order
         tol={'float32': [1e-5, 3e-6]})
    ta = {'d': 4, 'nhead': 2, 'enc': 2, 'dec': 1, 'ff': 6, 'dropout': 0.0, 'activation': 'relu', 'eps': 1e-5,
          'batch_first': False, 'norm_first': False}
    case('transformer', 'Transformer', ta,
         lambda: nn.Transformer(4, 2, 2, 1, 6, 0.0, 'relu', batch_first=False),
         lambda m, s, t, mask: m(s, t, tgt_mask=mask), [rnd(4, 2, 4), rnd(3, 2, 4), causal],
         diff=[True, True, False])

    # activations
    x = rnd(3, 5, scale=2.0)
    # PyTorch's float64 hardsigmoid backward multiplies by the float32 constant 1.0f / 6.0f (relative error 3e-8)
    f64_quirk = {'float64': [1e-7, 1e-12]}
    for name, kind, args, build in [
            ('relu', 'ReLU', {}, nn.ReLU), ('leaky_relu', 'LeakyReLU', {'slope': 0.2}, lambda: nn.LeakyReLU(0.2)),
            ('elu', 'ELU', {'alpha': 0.5}, lambda: nn.ELU(0.5)), ('gelu', 'GELU', {'approximate': 'none'}, nn.GELU),
            ('gelu_tanh', 'GELU', {'approximate': 'tanh'}, lambda: nn.GELU('tanh')), ('silu', 'SiLU', {}, nn.SiLU),
            ('mish', 'Mish', {}, nn.Mish), ('sigmoid', 'Sigmoid', {}, nn.Sigmoid), ('tanh', 'Tanh', {}, nn.Tanh),
            ('hardswish', 'Hardswish', {}, nn.Hardswish), ('hardsigmoid', 'Hardsigmoid', {}, nn.Hardsigmoid),
            ('softmax', 'Softmax', {'dim': 1}, lambda: nn.Softmax(1)),
            ('softmax_dim0', 'Softmax', {'dim': 0}, lambda: nn.Softmax(0)),
            ('log_softmax', 'LogSoftmax', {'dim': -1}, lambda: nn.LogSoftmax(-1)),
            ('softplus', 'Softplus', {'beta': 1, 'threshold': 20}, nn.Softplus),
            ('softplus_beta_threshold', 'Softplus', {'beta': 2.0, 'threshold': 1.5}, lambda: nn.Softplus(2.0, 1.5))]:
        case(name, kind, args, build, single, [x], tol=f64_quirk if kind == 'Hardsigmoid' else None)
    for name, fn in [('F.relu6', lambda x: F.relu6(x * 2)), ('F.hardtanh', lambda x: F.hardtanh(x, -1.5, 0.5)),
                     ('F.celu', lambda x: F.celu(x, 0.7)), ('F.selu', F.selu), ('F.logsigmoid', F.logsigmoid),
                     ('F.elu', lambda x: F.elu(x, 1.3)), ('F.leaky_relu', lambda x: F.leaky_relu(x, 0.05))]:
        # celu's derivative in PyTorch uses 1.0 / alpha.toFloat(): float32 precision in float64
        case(name, name, {}, lambda: nn.Identity(), lambda m, x, fn=fn: fn(x), [x], perturb=False,
             tol=f64_quirk if name == 'F.celu' else None)

    # the same at the kinks (exactly -3, 0, 3, 6, the hardtanh bounds, softplus's threshold): which side's
    # derivative PyTorch takes there; no gradcheck (not differentiable there)
    xb = torch.tensor([[-3.0, 0.0, 3.0, 6.0, -1.5, 0.5], [20.0, 10.0, -0.0, 1.0, -6.0, 2.5]])
    for name, kind, args, build in [
            ('relu_kinks', 'ReLU', {}, nn.ReLU), ('leaky_relu_kinks', 'LeakyReLU', {'slope': 0.2}, lambda: nn.LeakyReLU(0.2)),
            ('elu_kinks', 'ELU', {'alpha': 0.5}, lambda: nn.ELU(0.5)), ('hardswish_kinks', 'Hardswish', {}, nn.Hardswish),
            ('hardsigmoid_kinks', 'Hardsigmoid', {}, nn.Hardsigmoid),
            ('softplus_threshold_kinks', 'Softplus', {'beta': 2.0, 'threshold': 20.0}, lambda: nn.Softplus(2.0, 20.0))]:
        # at exactly x = 3 PyTorch's hardswish derivative depends on the kernel path (its vectorised loop
        # gives 1, its scalar loop 1.5): left out
        x_in = torch.where(xb == 3.0, torch.tensor(2.0), xb) if kind == 'Hardswish' else xb
        case(name, kind, args, build, single, [x_in], gradcheck=False, tol=f64_quirk if kind == 'Hardsigmoid' else None)
    for name, fn in [('F.relu6_kinks', lambda x: F.relu6(x)), ('F.hardtanh_kinks', lambda x: F.hardtanh(x, -1.5, 0.5))]:
        case(name, name, {}, lambda: nn.Identity(), lambda m, x, fn=fn: fn(x), [xb], perturb=False, gradcheck=False)

    # resizing
    def up(name, args, build, x):
        case(name, 'Upsample', args, build, single, [x])

    up('upsample_nearest', {'size': None, 'scale': [2.0], 'mode': 'nearest', 'align_corners': None},
       lambda: nn.Upsample(scale_factor=2), rnd(1, 2, 2, 3))
    up('upsample_nearest_size', {'size': [5, 4], 'scale': None, 'mode': 'nearest', 'align_corners': None},
       lambda: nn.Upsample(size=(5, 4)), rnd(2, 1, 3, 3))
    up('upsample_nearest_1d_fraction', {'size': None, 'scale': [1.7], 'mode': 'nearest', 'align_corners': None},
       lambda: nn.Upsample(scale_factor=1.7), rnd(1, 2, 5))
    up('upsample_linear', {'size': None, 'scale': [2.5], 'mode': 'linear', 'align_corners': None},
       lambda: nn.Upsample(scale_factor=2.5, mode='linear'), rnd(1, 2, 4))
    up('upsample_bilinear', {'size': None, 'scale': [2.0], 'mode': 'bilinear', 'align_corners': False},
       lambda: nn.Upsample(scale_factor=2, mode='bilinear', align_corners=False), rnd(1, 2, 3, 3))
    up('upsample_bilinear_corners_size', {'size': [4, 5], 'scale': None, 'mode': 'bilinear', 'align_corners': True},
       lambda: nn.Upsample(size=(4, 5), mode='bilinear', align_corners=True), rnd(2, 1, 3, 2))
    up('upsample_bilinear_down', {'size': [2, 3], 'scale': None, 'mode': 'bilinear', 'align_corners': False},
       lambda: nn.Upsample(size=(2, 3), mode='bilinear'), rnd(1, 1, 5, 7))
    up('upsample_nearest_3d_size', {'size': [3, 2, 5], 'scale': None, 'mode': 'nearest', 'align_corners': None},
       lambda: nn.Upsample(size=(3, 2, 5)), rnd(1, 2, 2, 3, 3))
    up('upsample_linear_corners', {'size': None, 'scale': [1.5], 'mode': 'linear', 'align_corners': True},
       lambda: nn.Upsample(scale_factor=1.5, mode='linear', align_corners=True), rnd(2, 1, 4))
    up('upsample_bilinear_half', {'size': None, 'scale': [0.5], 'mode': 'bilinear', 'align_corners': False},
       lambda: nn.Upsample(scale_factor=0.5, mode='bilinear'), rnd(1, 2, 5, 6))
    up('upsample_nearest_down', {'size': None, 'scale': [0.6, 0.75], 'mode': 'nearest', 'align_corners': None},
       lambda: nn.Upsample(scale_factor=(0.6, 0.75)), rnd(1, 1, 5, 4))
    up('upsample_trilinear', {'size': None, 'scale': [1.5, 2.0, 1.0], 'mode': 'trilinear', 'align_corners': False},
       lambda: nn.Upsample(scale_factor=(1.5, 2.0, 1.0), mode='trilinear'), rnd(1, 1, 2, 2, 3))

    # scaled dot-product attention (PyTorch 1.13's private form)
    sdpa = torch._C._nn._scaled_dot_product_attention
    q, k, v = rnd(2, 3, 4), rnd(2, 5, 4), rnd(2, 5, 3)
    case('F.sdpa', 'F.sdpa', {'causal': False, 'mask': False}, lambda: nn.Identity(),
         lambda m, q, k, v: sdpa(q, k, v, None, 0.0, False, False)[0], [q, k, v], perturb=False)
    case('F.sdpa_bool_mask', 'F.sdpa', {'causal': False, 'mask': True}, lambda: nn.Identity(),
         lambda m, q, k, v, mask: sdpa(q, k, v, mask, 0.0, False, False)[0],
         [q, k, v, torch.tensor([[True, False, True, True, False], [True, True, True, False, False],
                                 [False, True, False, True, True]])], perturb=False, diff=[True, True, True, False])
    case('F.sdpa_float_mask', 'F.sdpa', {'causal': False, 'mask': True}, lambda: nn.Identity(),
         lambda m, q, k, v, mask: sdpa(q, k, v, mask, 0.0, False, False)[0], [q, k, v, rnd(3, 5)], perturb=False,
         diff=[True, True, True, False])
    q3 = rnd(1, 2, 4, 3)
    case('F.sdpa_causal', 'F.sdpa', {'causal': True, 'mask': False}, lambda: nn.Identity(),
         lambda m, q, k, v: sdpa(q, k, v, None, 0.0, False, True)[0], [q3, rnd(1, 2, 4, 3), rnd(1, 2, 4, 2)],
         perturb=False)

    # containers
    case('sequential', 'Sequential.mlp', {}, lambda: nn.Sequential(nn.Linear(3, 4), nn.ReLU(), nn.Linear(4, 2)),
         single, [rnd(5, 3)])


# ---- losses -------------------------------------------------------------------------------------------

def loss_cases():
    R = ('none', 'mean', 'sum')
    fx, ft = rnd(3, 4), rnd(3, 4)
    for r in R:
        case('mse_' + r, 'MSELoss', {'reduction': r}, lambda r=r: nn.MSELoss(reduction=r), lambda m, a, b: m(a, b),
             [fx, ft])
        case('l1_' + r, 'L1Loss', {'reduction': r}, lambda r=r: nn.L1Loss(reduction=r), lambda m, a, b: m(a, b),
             [fx, ft])
    for beta in (1.0, 0.5, 0.0):
        case(f'smooth_l1_beta{beta}', 'SmoothL1Loss', {'reduction': 'mean', 'beta': beta},
             lambda beta=beta: nn.SmoothL1Loss(beta=beta), lambda m, a, b: m(a, b), [fx, ft])
    for delta in (1.0, 0.3):
        case(f'huber_delta{delta}', 'HuberLoss', {'reduction': 'sum', 'delta': delta},
             lambda delta=delta: nn.HuberLoss(reduction='sum', delta=delta), lambda m, a, b: m(a, b), [fx, ft])
    case('huber_none', 'HuberLoss', {'reduction': 'none', 'delta': 0.7},
         lambda: nn.HuberLoss(reduction='none', delta=0.7), lambda m, a, b: m(a, b), [fx, ft])

    # at the kinks: equal elements (L1), |d| exactly beta / delta, a hinge at exactly 0; no gradcheck there
    ka, kb = torch.tensor([[0.5, -1.0, 2.0, 0.25]]), torch.tensor([[0.5, -0.5, 1.0, 0.25]])
    case('l1_kinks', 'L1Loss', {'reduction': 'sum'}, lambda: nn.L1Loss(reduction='sum'), lambda m, a, b: m(a, b), [ka, kb],
         gradcheck=False)
    case('smooth_l1_kinks', 'SmoothL1Loss', {'reduction': 'none', 'beta': 0.5},
         lambda: nn.SmoothL1Loss(reduction='none', beta=0.5), lambda m, a, b: m(a, b), [ka, kb], gradcheck=False)
    case('huber_kinks', 'HuberLoss', {'reduction': 'none', 'delta': 1.0},
         lambda: nn.HuberLoss(reduction='none', delta=1.0), lambda m, a, b: m(a, b), [ka, kb], gradcheck=False)
    case('margin_ranking_kinks', 'MarginRankingLoss', {'margin': 0.0, 'reduction': 'none'},
         lambda: nn.MarginRankingLoss(0.0, reduction='none'), lambda m, a, b, c: m(a, b, c),
         [ka[0], kb[0], torch.tensor([1., -1., -1., 1.])], diff=[True, True, False], gradcheck=False, perturb=False)

    logits = rnd(4, 5)
    target = torch.tensor([1, 0, 4, 2])
    cw = uni(0.2, 2.0, 5)

    def ce(name, args, x, t, diff=None):
        w = args.get('weight')
        a = dict(args)
        if w is not None:
            a['weight'] = enc(w)
        case(name, 'CrossEntropyLoss', a,
             lambda: nn.CrossEntropyLoss(weight=w, ignore_index=args.get('ignore_index', -100),
                                         reduction=args.get('reduction', 'mean'),
                                         label_smoothing=args.get('label_smoothing', 0.0)),
             lambda m, x, t: m(x, t), [x, t], diff=diff, perturb=False)

    ce('ce', {}, logits, target)
    ce('ce_sum_weight', {'reduction': 'sum', 'weight': cw}, logits, target)
    ce('ce_weight_ignore_mean', {'weight': cw, 'ignore_index': 2}, logits, target)
    ce('ce_none_ignore', {'reduction': 'none', 'ignore_index': 0}, logits, target)
    ce('ce_smoothing', {'label_smoothing': 0.2}, logits, target)
    ce('ce_smoothing_ignore', {'label_smoothing': 0.1, 'ignore_index': 4}, logits, target)
    ce('ce_smoothing_weight_ignore', {'label_smoothing': 0.3, 'weight': cw, 'ignore_index': 0}, logits, target)
    ce('ce_smoothing_none_weight', {'label_smoothing': 0.25, 'weight': cw, 'reduction': 'none'}, logits, target)
    ce('ce_smoothing_sum', {'label_smoothing': 0.15, 'reduction': 'sum'}, logits, target)
    probs = torch.softmax(rnd(4, 5), 1)
    probs = (probs * 1000).round() / 1000
    ce('ce_probs', {}, logits, probs)
    ce('ce_probs_weight_smoothing', {'weight': cw, 'label_smoothing': 0.1}, logits, probs)
    ce('ce_probs_none', {'reduction': 'none'}, logits, probs)
    ce('ce_kdim', {'weight': cw[:3]}, rnd(2, 3, 2, 2), torch.tensor([[[0, 2], [1, 1]], [[2, 0], [0, 1]]]))
    ce('ce_unbatched', {}, rnd(5), torch.tensor(3))
    pk = torch.softmax(rnd(2, 3, 2), 1)
    ce('ce_probs_kdim_sum_smoothing', {'reduction': 'sum', 'label_smoothing': 0.2}, rnd(2, 3, 2), (pk * 1000).round() / 1000)
    ce('ce_unbatched_probs_weight', {'weight': cw}, rnd(5), torch.tensor([0.1, 0.2, 0.3, 0.4, 0.0]))

    logp = torch.log_softmax(rnd(4, 5), 1)
    logp = (logp * 1000).round() / 1000

    def nll(name, args, x, t):
        w = args.get('weight')
        a = dict(args)
        if w is not None:
            a['weight'] = enc(w)
        case(name, 'NLLLoss', a,
             lambda: nn.NLLLoss(weight=w, ignore_index=args.get('ignore_index', -100),
                                reduction=args.get('reduction', 'mean')),
             lambda m, x, t: m(x, t), [x, t], perturb=False)

    nll('nll', {}, logp, target)
    nll('nll_weight_ignore', {'weight': cw, 'ignore_index': 1}, logp, target)
    nll('nll_none', {'reduction': 'none'}, logp, target)
    nll('nll_kdim_sum', {'reduction': 'sum'}, rnd(2, 3, 4), torch.tensor([[0, 2, 1, 1], [2, 2, 0, 1]]))
    nll('nll_unbatched', {}, rnd(4), torch.tensor(2))
    nll('nll_kdim_weight_ignore_mean', {'weight': cw[:3], 'ignore_index': 1}, rnd(2, 3, 2, 2),
        torch.tensor([[[0, 1], [2, 2]], [[1, 0], [1, 2]]]))

    p = uni(0.05, 0.95, 3, 4)
    y = torch.tensor([[0., 1, 1, 0], [1, 0, 0, 1], [0.25, 0.5, 1, 0]])
    bw = uni(0.5, 1.5, 4)
    for r in R:
        case('bce_' + r, 'BCELoss', {'reduction': r, 'weight': None}, lambda r=r: nn.BCELoss(reduction=r),
             lambda m, a, b: m(a, b), [p, y], diff=[True, False], perturb=False)
    case('bce_weight', 'BCELoss', {'reduction': 'mean', 'weight': enc(bw)}, lambda: nn.BCELoss(weight=bw),
         lambda m, a, b: m(a, b), [p, y], diff=[True, False], perturb=False)
    # the target's gradient, and inputs at exactly 0 and 1 (a saturated sigmoid): the logs clamp at -100 and
    # PyTorch's input gradient divides by max(x (1 - x), 1e-12); no gradcheck (the derivative jumps there)
    case('bce_target_grad', 'BCELoss', {'reduction': 'sum', 'weight': None}, lambda: nn.BCELoss(reduction='sum'),
         lambda m, a, b: m(a, b), [p, y], perturb=False)
    case('bce_saturated', 'BCELoss', {'reduction': 'none', 'weight': None}, lambda: nn.BCELoss(reduction='none'),
         lambda m, a, b: m(a, b), [torch.tensor([0., 1., 0., 1., 0.5, 1e-30]), torch.tensor([1., 0., 0., 1., 1., 1.])],
         perturb=False, diff=[True, False], gradcheck=False)
    z = rnd(3, 4, scale=3.0)
    for r in R:
        case('bce_logits_' + r, 'BCEWithLogitsLoss', {'reduction': r, 'weight': None, 'pos_weight': None},
             lambda r=r: nn.BCEWithLogitsLoss(reduction=r), lambda m, a, b: m(a, b), [z, y], perturb=False)
    pw = uni(0.5, 3.0, 4)
    case('bce_logits_pos_weight', 'BCEWithLogitsLoss', {'reduction': 'mean', 'weight': enc(bw), 'pos_weight': enc(pw)},
         lambda: nn.BCEWithLogitsLoss(weight=bw, pos_weight=pw), lambda m, a, b: m(a, b), [z, y], perturb=False)
    case('bce_logits_pos_weight_kdim', 'BCEWithLogitsLoss', {'reduction': 'none', 'weight': None,
                                                             'pos_weight': enc(pw[:3].reshape(3, 1))},
         lambda: nn.BCEWithLogitsLoss(reduction='none', pos_weight=pw[:3].reshape(3, 1)), lambda m, a, b: m(a, b),
         [rnd(2, 3, 2, scale=2.0), uni(0, 1, 2, 3, 2)], perturb=False)
    case('bce_logits_large', 'BCEWithLogitsLoss', {'reduction': 'sum', 'weight': None, 'pos_weight': None},
         lambda: nn.BCEWithLogitsLoss(reduction='sum'), lambda m, a, b: m(a, b),
         [torch.tensor([-30., -12.5, 0.5, 17., 40.]), torch.tensor([1., 0., 0.5, 0., 1.])], perturb=False)

    lp = torch.log_softmax(rnd(3, 4), 1)
    lp = (lp * 1000).round() / 1000
    tp = torch.softmax(rnd(3, 4), 1)
    tp = (tp * 1000).round() / 1000
    tp[0, 1] = 0.0
    for r in ('none', 'mean', 'sum', 'batchmean'):
        case('kl_div_' + r, 'KLDivLoss', {'reduction': r, 'log_target': False},
             lambda r=r: nn.KLDivLoss(reduction=r), lambda m, a, b: m(a, b), [lp, tp], perturb=False,
             diff=[True, False])
    case('kl_div_log_target', 'KLDivLoss', {'reduction': 'batchmean', 'log_target': True},
         lambda: nn.KLDivLoss(reduction='batchmean', log_target=True), lambda m, a, b: m(a, b),
         [lp, torch.log_softmax(rnd(3, 4), 1)], perturb=False)

    x1, x2 = rnd(4, 3), rnd(4, 3)
    yy = torch.tensor([1., -1., -1., 1.])
    for margin, r in ((0.0, 'mean'), (-0.2, 'none'), (0.1, 'sum')):
        case(f'cosine_embedding_{r}', 'CosineEmbeddingLoss', {'margin': margin, 'reduction': r},
             lambda margin=margin, r=r: nn.CosineEmbeddingLoss(margin, reduction=r), lambda m, a, b, c: m(a, b, c),
             [x1, x2, yy], diff=[True, True, False], perturb=False)
    s1, s2 = rnd(5), rnd(5)
    yr = torch.tensor([1., -1., 1., -1., 1.])
    for margin, r in ((0.0, 'mean'), (0.5, 'none'), (0.3, 'sum')):
        case(f'margin_ranking_{r}', 'MarginRankingLoss', {'margin': margin, 'reduction': r},
             lambda margin=margin, r=r: nn.MarginRankingLoss(margin, reduction=r), lambda m, a, b, c: m(a, b, c),
             [s1, s2, yr], diff=[True, True, False], perturb=False)

    # CTC: the gradient goes through log_softmax of the logits (PyTorch's CTC backward assumes log-softmax inputs)
    def ctc(name, args, logits, targets):
        a = dict(args)
        case(name, 'CTCLoss', a,
             lambda: nn.CTCLoss(blank=a['blank'], reduction=a['reduction'], zero_infinity=a['zero_infinity']),
             lambda m, x, t: m(x.log_softmax(-1), t, a['input_lengths'], a['target_lengths']), [logits, targets],
             perturb=False)

    T_, N_, C_ = 6, 3, 4
    lg = rnd(T_, N_, C_)
    padded = torch.tensor([[1, 2, 2], [3, 1, 0], [2, 0, 0]])
    for r in R:
        ctc('ctc_padded_' + r, {'blank': 0, 'reduction': r, 'zero_infinity': False, 'input_lengths': [6, 5, 4],
                                'target_lengths': [3, 2, 1]}, lg, padded)
    ctc('ctc_concat_blank3', {'blank': 3, 'reduction': 'mean', 'zero_infinity': False, 'input_lengths': [6, 6, 3],
                              'target_lengths': [2, 3, 0]}, lg, torch.tensor([1, 1, 0, 2, 0]))
    ctc('ctc_zero_infinity', {'blank': 0, 'reduction': 'none', 'zero_infinity': True, 'input_lengths': [2, 6, 4],
                              'target_lengths': [3, 2, 1]}, lg, padded)
    ctc('ctc_blank_last_mean', {'blank': 3, 'reduction': 'mean', 'zero_infinity': False, 'input_lengths': [6, 4, 5],
                                 'target_lengths': [3, 1, 2]}, lg, torch.tensor([[0, 0, 1], [2, 0, 0], [1, 2, 0]]))
    ua = {'blank': 0, 'reduction': 'sum', 'zero_infinity': False, 'input_lengths': [5], 'target_lengths': [2]}
    case('ctc_unbatched', 'CTCLoss', ua, lambda: nn.CTCLoss(reduction='sum'), lambda m, x, t: m(x.log_softmax(-1), t, torch.tensor(5),
                                                                              torch.tensor(2)),
         [rnd(5, 4), torch.tensor([2, 2])], perturb=False)
    ctc('ctc_infinite', {'blank': 0, 'reduction': 'sum', 'zero_infinity': False, 'input_lengths': [6, 2, 4],
                         'target_lengths': [2, 2, 1]}, lg, torch.tensor([[1, 1, 0], [2, 3, 0], [2, 0, 0]]))


# ---- seeded initialisation ----------------------------------------------------------------------------

def init_entry(name, kind, args, build, seed):
    """The state a module gets from its default initialisation after torch.manual_seed(seed)."""
    torch.manual_seed(seed)
    m = build()
    after = torch.rand(3)  # where the generator stands afterwards: the module drew exactly PyTorch's numbers
    return {'name': name, 'kind': kind, 'args': args, 'seed': seed,
            'state': {k: enc_summary(v) for k, v in m.state_dict().items()}, 'after': enc(after)}


def init_cases():
    out = []

    def add(name, kind, args, build, seed=0):
        out.append(init_entry(name, kind, args, build, seed))

    add('linear', 'Linear', {'in': 4, 'out': 3, 'bias': True}, lambda: nn.Linear(4, 3))
    add('linear_nobias', 'Linear', {'in': 5, 'out': 2, 'bias': False}, lambda: nn.Linear(5, 2, bias=False), seed=3)
    add('bilinear', 'Bilinear', {'in1': 3, 'in2': 2, 'out': 4, 'bias': True}, lambda: nn.Bilinear(3, 2, 4), seed=1)
    add('conv1d', 'Conv1d', {'in': 2, 'out': 3, 'kernel': [3], 'stride': [1], 'padding': [0], 'dilation': [1],
                             'groups': 1, 'bias': True, 'padding_mode': 'zeros'}, lambda: nn.Conv1d(2, 3, 3), seed=2)
    add('conv2d', 'Conv2d', {'in': 3, 'out': 4, 'kernel': [3], 'stride': [1], 'padding': [1], 'dilation': [1],
                             'groups': 1, 'bias': True, 'padding_mode': 'zeros'}, lambda: nn.Conv2d(3, 4, 3, padding=1))
    add('conv2d_groups', 'Conv2d', {'in': 4, 'out': 6, 'kernel': [2, 3], 'stride': [1], 'padding': [0],
                                    'dilation': [1], 'groups': 2, 'bias': True, 'padding_mode': 'zeros'},
        lambda: nn.Conv2d(4, 6, (2, 3), groups=2), seed=5)
    add('conv3d', 'Conv3d', {'in': 2, 'out': 2, 'kernel': [2], 'stride': [1], 'padding': [0], 'dilation': [1],
                             'groups': 1, 'bias': True, 'padding_mode': 'zeros'}, lambda: nn.Conv3d(2, 2, 2), seed=6)
    add('conv_transpose2d', 'ConvTranspose2d', {'in': 3, 'out': 2, 'kernel': [3], 'stride': [2], 'padding': [0],
                                                'output_padding': [0], 'groups': 1, 'bias': True, 'dilation': [1]},
        lambda: nn.ConvTranspose2d(3, 2, 3, 2), seed=7)
    add('conv_transpose1d', 'ConvTranspose1d', {'in': 2, 'out': 4, 'kernel': [2], 'stride': [1], 'padding': [0],
                                                'output_padding': [0], 'groups': 2, 'bias': True, 'dilation': [1]},
        lambda: nn.ConvTranspose1d(2, 4, 2, groups=2), seed=8)
    rnn_args = lambda i, h, l, bidir, nl='tanh': dict(input=i, hidden=h, layers=l, bias=True, batch_first=False,
                                                      dropout=0.0, bidirectional=bidir, nonlinearity=nl)
    add('rnn', 'RNN', rnn_args(3, 4, 1, False), lambda: nn.RNN(3, 4), seed=9)
    add('lstm', 'LSTM', rnn_args(3, 4, 2, True), lambda: nn.LSTM(3, 4, 2, bidirectional=True), seed=10)
    add('gru', 'GRU', rnn_args(2, 3, 2, False), lambda: nn.GRU(2, 3, 2), seed=11)
    mha_args = lambda e, h, kdim=None, vdim=None: dict(embed=e, heads=h, bias=True, kdim=kdim, vdim=vdim,
                                                       batch_first=False)
    add('mha', 'MultiheadAttention', mha_args(8, 2), lambda: nn.MultiheadAttention(8, 2), seed=12)
    add('mha_kdim_vdim', 'MultiheadAttention', mha_args(4, 2, 3, 5), lambda: nn.MultiheadAttention(4, 2, kdim=3, vdim=5),
        seed=13)
    add('embedding', 'Embedding', {'num': 10, 'dim': 3, 'padding_idx': None}, lambda: nn.Embedding(10, 3), seed=14)
    add('embedding_padding', 'Embedding', {'num': 6, 'dim': 2, 'padding_idx': 2},
        lambda: nn.Embedding(6, 2, padding_idx=2), seed=15)
    add('embedding_bag', 'EmbeddingBag', {'num': 5, 'dim': 3, 'mode': 'mean', 'padding_idx': None},
        lambda: nn.EmbeddingBag(5, 3), seed=16)
    el = {'d': 8, 'nhead': 2, 'ff': 16, 'dropout': 0.1, 'activation': 'relu', 'eps': 1e-5, 'batch_first': False,
          'norm_first': False}
    add('transformer_encoder_layer', 'TransformerEncoderLayer', el, lambda: nn.TransformerEncoderLayer(8, 2, 16),
        seed=17)
    add('transformer_encoder', 'TransformerEncoder', dict(el, layers=2, norm=False),
        lambda: nn.TransformerEncoder(nn.TransformerEncoderLayer(8, 2, 16), 2), seed=18)
    add('transformer_decoder_layer', 'TransformerDecoderLayer', el, lambda: nn.TransformerDecoderLayer(8, 2, 16),
        seed=19)
    add('transformer', 'Transformer', {'d': 8, 'nhead': 2, 'enc': 2, 'dec': 2, 'ff': 16, 'dropout': 0.1,
                                       'activation': 'relu', 'eps': 1e-5, 'batch_first': False, 'norm_first': False},
        lambda: nn.Transformer(8, 2, 2, 2, 16), seed=20)
    add('batchnorm2d', 'BatchNorm2d', {'features': 3, 'eps': 1e-5, 'momentum': 0.1, 'affine': True, 'track': True},
        lambda: nn.BatchNorm2d(3), seed=21)
    add('lenet', 'Sequential.lenet', {}, lenet, seed=22)
    return out


def init_fn_cases():
    """torch.nn.init on a fresh tensor after manual_seed: {"name", "fn", "args", "shape", "dtype", "seed",
    "exact", "out", "after"}; "exact" is false where PyTorch computes with library routines (erfinv, QR)
    that agree only to rounding."""
    init = nn.init
    out = []

    def add(name, fn, args, shape, call, dtype='float32', seed=0, exact=True):
        torch.manual_seed(seed)
        t = torch.empty(shape, dtype=getattr(torch, dtype))
        call(t)
        after = torch.rand(3)
        out.append({'name': name, 'fn': fn, 'args': args, 'shape': list(shape), 'dtype': dtype, 'seed': seed,
                    'exact': exact, 'out': enc(t), 'after': enc(after)})

    add('uniform', 'uniform_', {'a': -0.5, 'b': 1.5}, (3, 4), lambda t: init.uniform_(t, -0.5, 1.5))
    add('uniform_f64', 'uniform_', {'a': -0.5, 'b': 1.5}, (3, 4), lambda t: init.uniform_(t, -0.5, 1.5), 'float64')
    add('normal_small', 'normal_', {'mean': 0.2, 'std': 2.0}, (3,), lambda t: init.normal_(t, 0.2, 2.0), seed=1)
    add('normal_large', 'normal_', {'mean': 0.2, 'std': 2.0}, (5, 4), lambda t: init.normal_(t, 0.2, 2.0), seed=2)
    add('normal_f64', 'normal_', {'mean': -1.0, 'std': 0.5}, (4, 5), lambda t: init.normal_(t, -1.0, 0.5), 'float64',
        seed=3)
    add('constant', 'constant_', {'value': 0.3}, (2, 3), lambda t: init.constant_(t, 0.3))
    add('zeros', 'zeros_', {}, (2, 3), init.zeros_)
    add('ones', 'ones_', {}, (2, 3), init.ones_)
    add('eye', 'eye_', {}, (3, 4), init.eye_)
    add('xavier_uniform', 'xavier_uniform_', {'gain': 2.0}, (4, 3, 2), lambda t: init.xavier_uniform_(t, 2.0), seed=4)
    add('xavier_normal', 'xavier_normal_', {'gain': 0.5}, (6, 5), lambda t: init.xavier_normal_(t, 0.5), seed=5)
    add('kaiming_uniform_fan_out', 'kaiming_uniform_', {'a': 0.1, 'mode': 'fan_out', 'nonlinearity': 'leaky_relu'},
        (4, 3, 3), lambda t: init.kaiming_uniform_(t, 0.1, 'fan_out', 'leaky_relu'), seed=6)
    add('kaiming_uniform_relu', 'kaiming_uniform_', {'a': 0.0, 'mode': 'fan_in', 'nonlinearity': 'relu'},
        (3, 7), lambda t: init.kaiming_uniform_(t, nonlinearity='relu'), seed=7)
    add('kaiming_normal', 'kaiming_normal_', {'a': 0.0, 'mode': 'fan_in', 'nonlinearity': 'relu'}, (5, 2, 2),
        lambda t: init.kaiming_normal_(t, 0, 'fan_in', 'relu'), seed=8)
    add('kaiming_normal_tanh_fan_out', 'kaiming_normal_', {'a': 0.0, 'mode': 'fan_out', 'nonlinearity': 'tanh'},
        (3, 6), lambda t: init.kaiming_normal_(t, 0, 'fan_out', 'tanh'), seed=9)
    add('trunc_normal', 'trunc_normal_', {'mean': 0.1, 'std': 0.5, 'a': -0.4, 'b': 0.6}, (20,),
        lambda t: init.trunc_normal_(t, 0.1, 0.5, -0.4, 0.6), seed=10, exact=False)
    add('orthogonal_wide', 'orthogonal_', {'gain': 1.5}, (3, 5), lambda t: init.orthogonal_(t, 1.5), seed=11,
        exact=False)
    add('orthogonal_tall_4d', 'orthogonal_', {'gain': 1.0}, (6, 2, 2), lambda t: init.orthogonal_(t), seed=12,
        exact=False)
    add('orthogonal_f64', 'orthogonal_', {'gain': 1.0}, (6, 4), lambda t: init.orthogonal_(t), 'float64', seed=13,
        exact=False)
    gains = [[n, p, init.calculate_gain(n, p)] for n, p in
             [('linear', None), ('conv2d', None), ('sigmoid', None), ('tanh', None), ('relu', None),
              ('leaky_relu', None), ('leaky_relu', 0.2), ('selu', None)]]
    return out, gains


def enc_summary(t):
    """A tensor in full when small; else its shape, first 64 values, and the float64 sum and sum of squares
    of all its values (enough to see any value that differs)."""
    if t.numel() <= 256:
        return enc(t)
    flat = t.detach().reshape(-1)
    e = enc(flat[:64])
    e['shape'] = list(t.shape)
    e['head'] = e.pop('data')
    e['sum'] = flat.double().sum().item()
    e['sumsq'] = (flat.double() ** 2).sum().item()
    return e


def lenet():
    return nn.Sequential(nn.Conv2d(1, 6, 5, padding=2), nn.ReLU(), nn.MaxPool2d(2), nn.Conv2d(6, 16, 5), nn.ReLU(),
                         nn.MaxPool2d(2), nn.Flatten(), nn.Linear(400, 120), nn.ReLU(), nn.Linear(120, 84), nn.ReLU(),
                         nn.Linear(84, 10))


def mlp():
    return nn.Sequential(nn.Linear(12, 32), nn.ReLU(), nn.Linear(32, 16), nn.Tanh(), nn.Linear(16, 4))


# ---- module behaviour ---------------------------------------------------------------------------------

class BasicBlock(nn.Module):
    def __init__(self, cin, cout, stride):
        super().__init__()
        self.conv1 = nn.Conv2d(cin, cout, 3, stride, 1, bias=False)
        self.bn1 = nn.BatchNorm2d(cout)
        self.relu = nn.ReLU()
        self.conv2 = nn.Conv2d(cout, cout, 3, 1, 1, bias=False)
        self.bn2 = nn.BatchNorm2d(cout)
        self.downsample = None
        if stride != 1 or cin != cout:
            self.downsample = nn.Sequential(nn.Conv2d(cin, cout, 1, stride, bias=False), nn.BatchNorm2d(cout))

    def forward(self, x):
        out = self.relu(self.bn1(self.conv1(x)))
        out = self.bn2(self.conv2(out))
        return self.relu(out + (x if self.downsample is None else self.downsample(x)))


class TinyResNet(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv2d(1, 4, 3, padding=1, bias=False)
        self.bn1 = nn.BatchNorm2d(4)
        self.layer1 = nn.Sequential(BasicBlock(4, 4, 1), BasicBlock(4, 4, 1))
        self.layer2 = nn.Sequential(BasicBlock(4, 8, 2))
        self.pool = nn.AdaptiveAvgPool2d(1)
        self.heads = nn.ModuleDict({'cls': nn.Linear(8, 3), 'aux': nn.ModuleList([nn.Linear(8, 2), nn.Identity()])})

    def forward(self, x):
        x = F.relu(self.bn1(self.conv1(x)))
        x = self.pool(self.layer2(self.layer1(x))).flatten(1)
        return self.heads['cls'](x)


def load_error(m, state, strict=True):
    try:
        r = m.load_state_dict(state, strict=strict)
        return {'missing': list(r.missing_keys), 'unexpected': list(r.unexpected_keys)}
    except RuntimeError as e:
        return {'error': str(e)}


def module_cases():
    out = {}
    # nested models: keys and repr
    torch.manual_seed(0)
    res = TinyResNet()
    x = rnd(2, 1, 6, 6)
    out['resnet'] = {'keys': list(res.state_dict().keys()), 'params': [n for n, _ in res.named_parameters()],
                     'modules': [n for n, _ in res.named_modules()], 'repr': repr(res)}
    out['resnet']['input'] = enc(x)
    perturb_state(res)
    out['resnet']['state'] = {k: enc(v) for k, v in res.state_dict().items()}
    y = res(x)
    out['resnet']['train_output'] = enc(y)
    out['resnet']['buffers_after'] = {k: enc(v) for k, v in res.named_buffers()}
    res.eval()
    out['resnet']['eval_output'] = enc(res(x))

    # reprs of assorted modules
    reprs = {}
    for key, m in [
            ('mlp', nn.Sequential(nn.Linear(3, 4), nn.ReLU(), nn.Dropout(0.25), nn.Linear(4, 2, bias=False))),
            ('conv2d_full', nn.Conv2d(2, 4, (3, 5), stride=(2, 1), padding=(1, 2), dilation=(1, 2), groups=2,
                                      bias=False, padding_mode='reflect')),
            ('conv2d_same', nn.Conv2d(2, 2, 3, padding='same')),
            ('conv1d', nn.Conv1d(2, 3, 3)),
            ('conv_transpose2d', nn.ConvTranspose2d(3, 2, 3, stride=2, output_padding=1)),
            ('maxpool2d', nn.MaxPool2d(2)), ('maxpool2d_rect', nn.MaxPool2d((2, 3), stride=(1, 2), ceil_mode=True)),
            ('maxpool1d', nn.MaxPool1d(3, 2, 1)), ('avgpool1d', nn.AvgPool1d(3, 2)), ('avgpool2d', nn.AvgPool2d(2)),
            ('adaptive_avgpool2d', nn.AdaptiveAvgPool2d((3, 2))), ('adaptive_maxpool2d', nn.AdaptiveMaxPool2d(2)),
            ('adaptive_avgpool1d', nn.AdaptiveAvgPool1d(4)),
            ('batchnorm1d', nn.BatchNorm1d(3, momentum=None)), ('batchnorm2d', nn.BatchNorm2d(4, eps=1e-3)),
            ('layernorm', nn.LayerNorm(4)), ('layernorm_2d', nn.LayerNorm((2, 3), elementwise_affine=False)),
            ('groupnorm', nn.GroupNorm(2, 4)), ('instancenorm2d', nn.InstanceNorm2d(3)),
            ('dropout', nn.Dropout()), ('dropout2d', nn.Dropout2d(0.1)),
            ('embedding', nn.Embedding(10, 3)), ('embedding_padding', nn.Embedding(10, 3, padding_idx=0)),
            ('embedding_bag', nn.EmbeddingBag(10, 3, mode='sum')),
            ('rnn', nn.RNN(3, 4, 2, nonlinearity='relu', batch_first=True)),
            ('lstm', nn.LSTM(3, 4, bias=False, bidirectional=True)), ('gru', nn.GRU(3, 4)),
            ('mha', nn.MultiheadAttention(4, 2)),
            ('encoder_layer', nn.TransformerEncoderLayer(4, 2, 8)),
            ('relu', nn.ReLU()), ('leaky_relu', nn.LeakyReLU()), ('elu', nn.ELU()), ('gelu', nn.GELU()),
            ('gelu_tanh', nn.GELU('tanh')), ('silu', nn.SiLU()), ('mish', nn.Mish()), ('sigmoid', nn.Sigmoid()),
            ('tanh', nn.Tanh()), ('hardswish', nn.Hardswish()), ('hardsigmoid', nn.Hardsigmoid()),
            ('softmax', nn.Softmax(dim=1)), ('log_softmax', nn.LogSoftmax(dim=-1)), ('softplus', nn.Softplus()),
            ('softplus_custom', nn.Softplus(2.0, 10.5)),
            ('upsample', nn.Upsample(scale_factor=2)), ('upsample_bilinear', nn.Upsample(scale_factor=1.5,
                                                                                       mode='bilinear')),
            ('flatten', nn.Flatten()), ('unflatten', nn.Unflatten(1, (2, 3))), ('identity', nn.Identity()),
            ('bilinear', nn.Bilinear(2, 3, 4)), ('linear', nn.Linear(3, 2)),
            ('mse', nn.MSELoss()), ('cross_entropy', nn.CrossEntropyLoss()), ('ctc', nn.CTCLoss()),
            ('module_list', nn.ModuleList([nn.Linear(2, 2), nn.ReLU()])),
            ('module_dict', nn.ModuleDict({'a': nn.Linear(2, 2), 'b': nn.Tanh()})),
            ('sequential_empty', nn.Sequential())]:
        reprs[key] = repr(m)
    out['reprs'] = reprs

    # load_state_dict errors
    torch.manual_seed(0)
    lin = nn.Linear(3, 2)
    sd = lin.state_dict()
    errs = {}
    errs['missing'] = load_error(nn.Linear(3, 2), {'weight': sd['weight']})
    errs['unexpected'] = load_error(nn.Linear(3, 2), dict(sd, extra=torch.zeros(1), **{'more.x': torch.zeros(2)}))
    errs['size'] = load_error(nn.Linear(3, 2), {'weight': torch.zeros(2, 4), 'bias': sd['bias']})
    errs['all'] = load_error(nn.Linear(3, 2), {'weight': torch.zeros(3, 3), 'foo': torch.zeros(1)})
    errs['non_strict'] = load_error(nn.Linear(3, 2), {'weight': sd['weight'], 'foo': torch.zeros(1)}, strict=False)
    errs['non_strict_size'] = load_error(nn.Linear(3, 2), {'weight': torch.zeros(1, 3)}, strict=False)
    seq = nn.Sequential(nn.Linear(2, 3), nn.BatchNorm1d(3))
    seqsd = seq.state_dict()
    del seqsd['1.running_var']
    seqsd['2.weight'] = torch.zeros(1)
    errs['sequential'] = load_error(nn.Sequential(nn.Linear(2, 3), nn.BatchNorm1d(3)), seqsd)
    out['load_errors'] = errs

    # a module shared under two names: state_dict lists it under each, named_parameters once
    shared = nn.Linear(2, 2)
    m = nn.Sequential(shared, nn.ReLU(), shared)
    out['shared'] = {'keys': list(m.state_dict().keys()), 'params': [n for n, _ in m.named_parameters()],
                     'modules': [n for n, _ in m.named_modules()],
                     'load': load_error(nn.Sequential(shared, nn.ReLU(), shared),
                                        {'0.weight': torch.zeros(2, 2), '0.bias': torch.zeros(2)})}

    # sequence utilities (torch.nn.utils.rnn), the causal mask, one_hot
    from torch.nn.utils.rnn import pad_sequence, pack_sequence
    seqs = [rnd(3, 2), rnd(1, 2), rnd(4, 2)]
    packed = pack_sequence(seqs, enforce_sorted=False)
    unpacked, lengths = pad_packed_sequence(packed, batch_first=True, padding_value=-1.0, total_length=5)
    out['sequences'] = {'seqs': [enc(x) for x in seqs], 'pad': enc(pad_sequence(seqs)),
                        'pad_batch_first': enc(pad_sequence(seqs, batch_first=True, padding_value=0.5)),
                        'data': enc(packed.data), 'batch_sizes': packed.batch_sizes.tolist(),
                        'sorted_indices': packed.sorted_indices.tolist(),
                        'unsorted_indices': packed.unsorted_indices.tolist(),
                        'unpacked': enc(unpacked), 'lengths': lengths.tolist()}
    out['square_subsequent_mask'] = enc(nn.Transformer.generate_square_subsequent_mask(4))
    idx = torch.tensor([[0, 3], [2, 1]])
    out['one_hot'] = {'input': enc(idx), 'classes5': enc(F.one_hot(idx, 5)), 'inferred': enc(F.one_hot(idx))}

    # batch norm running statistics over several batches, then eval
    stats = []
    for momentum in (0.1, None, 0.5):
        torch.manual_seed(0)
        m = nn.BatchNorm1d(3, momentum=momentum)
        batches = [rnd(4, 3), rnd(5, 3), rnd(3, 3)]
        after = []
        for b in batches:
            m(b)
            after.append({k: enc(v) for k, v in m.named_buffers()})
        m.eval()
        probe = rnd(2, 3)
        stats.append({'momentum': momentum, 'batches': [enc(b) for b in batches], 'after': after,
                      'probe': enc(probe), 'eval_output': enc(m(probe))})
    out['batchnorm_stats'] = stats
    return out


# ---- modules and functions added later: layers_extra.json, losses_extra.json, init_extra.json ------------
# Every case here also runs gradgradcheck on the Java side. The generator is reseeded first, so these
# files do not change when cases are added to the sections above.

def fn_case(name, args, fn, inputs, kind=None, **kw):
    """A functional form without a module: kind "F.<name>" (or kind), fn(*inputs) called with args as keywords."""
    case('F.' + name, kind or 'F.' + name, args, lambda: nn.Identity(), lambda m, *xs: fn(*xs, **args), inputs,
         perturb=False, gradgradcheck=kw.pop('gradgradcheck', True), **kw)


def prelu(n, slopes):
    m = nn.PReLU(n)
    with torch.no_grad():
        m.weight.copy_(torch.tensor(slopes))
    return m


def extra_layer_cases():
    GEN.manual_seed(20261203)
    x = rnd(3, 5, scale=2.0)
    # celu's derivative in PyTorch uses 1.0 / alpha.toFloat(): float32 precision in float64
    f64_quirk = {'float64': [1e-7, 1e-12]}
    for name, kind, args, build in [
            ('softsign', 'Softsign', {}, nn.Softsign), ('tanhshrink', 'Tanhshrink', {}, nn.Tanhshrink),
            ('hardshrink', 'Hardshrink', {'lambd': 0.5}, nn.Hardshrink),
            ('hardshrink_1', 'Hardshrink', {'lambd': 1.0}, lambda: nn.Hardshrink(1.0)),
            ('softshrink', 'Softshrink', {'lambd': 0.5}, nn.Softshrink),
            ('softshrink_0.75', 'Softshrink', {'lambd': 0.75}, lambda: nn.Softshrink(0.75)),
            ('threshold', 'Threshold', {'threshold': 0.1, 'value': 20.0}, lambda: nn.Threshold(0.1, 20.0)),
            ('log_sigmoid', 'LogSigmoid', {}, nn.LogSigmoid), ('relu6', 'ReLU6', {}, nn.ReLU6),
            ('hardtanh', 'Hardtanh', {'min': -1.0, 'max': 1.0}, nn.Hardtanh),
            ('hardtanh_bounds', 'Hardtanh', {'min': -1.5, 'max': 0.5}, lambda: nn.Hardtanh(-1.5, 0.5)),
            ('selu', 'SELU', {}, nn.SELU), ('celu', 'CELU', {'alpha': 1.0}, nn.CELU),
            ('celu_alpha', 'CELU', {'alpha': 0.7}, lambda: nn.CELU(0.7)),
            ('softmin', 'Softmin', {'dim': 1}, lambda: nn.Softmin(1)),
            ('softmin_dim0', 'Softmin', {'dim': 0}, lambda: nn.Softmin(0))]:
        case(name, kind, args, build, single, [x], tol=f64_quirk if kind == 'CELU' else None, gradgradcheck=True)
    case('softmin_implicit_dim', 'Softmin', {'dim': None}, lambda: nn.Softmin(), single, [rnd(2, 3, 4)],
         gradgradcheck=True)
    case('glu', 'GLU', {'dim': -1}, nn.GLU, single, [rnd(3, 6)], gradgradcheck=True)
    case('glu_dim1', 'GLU', {'dim': 1}, lambda: nn.GLU(1), single, [rnd(2, 4, 3)], gradgradcheck=True)
    # at the kinks: exactly +-lambd and the threshold, which side's derivative PyTorch takes; no gradcheck
    xk = torch.tensor([[-1.0, -0.5, 0.0, 0.5, 1.0, 0.1], [0.75, -0.75, 2.0, -2.0, 0.25, -0.25]])
    for name, kind, args, build in [
            ('hardshrink_kinks', 'Hardshrink', {'lambd': 0.5}, nn.Hardshrink),
            ('softshrink_kinks', 'Softshrink', {'lambd': 0.5}, nn.Softshrink),
            ('softshrink_kinks_0.75', 'Softshrink', {'lambd': 0.75}, lambda: nn.Softshrink(0.75)),
            ('threshold_kinks', 'Threshold', {'threshold': 0.25, 'value': -3.0}, lambda: nn.Threshold(0.25, -3.0)),
            ('relu6_kinks', 'ReLU6', {}, nn.ReLU6),
            ('hardtanh_kinks', 'Hardtanh', {'min': -0.5, 'max': 0.75}, lambda: nn.Hardtanh(-0.5, 0.75))]:
        case(name, kind, args, build, single, [xk], gradcheck=False)

    # PReLU: one slope, one per channel, at 0 (the slope's side), 1-d input
    case('prelu', 'PReLU', {'num': 1, 'init': 0.25}, nn.PReLU, single, [x], perturb=False, gradgradcheck=True)
    case('prelu_channels', 'PReLU', {'num': 3, 'init': 0.25}, lambda: prelu(3, [0.1, -0.3, 0.6]), single,
         [rnd(2, 3, 4)], perturb=False, gradgradcheck=True)
    case('prelu_channels_4d', 'PReLU', {'num': 2, 'init': 0.25}, lambda: prelu(2, [0.2, 1.5]), single,
         [rnd(2, 2, 2, 3)], perturb=False, gradgradcheck=True)
    case('prelu_1d', 'PReLU', {'num': 1, 'init': 0.25}, lambda: prelu(1, [-0.4]), single, [rnd(5)], perturb=False,
         gradgradcheck=True)
    case('prelu_kinks', 'PReLU', {'num': 1, 'init': 0.25}, nn.PReLU, single, [xk], perturb=False, gradcheck=False)

    case('softmax2d', 'Softmax2d', {}, nn.Softmax2d, single, [rnd(2, 3, 2, 2)], gradgradcheck=True)
    case('softmax2d_unbatched', 'Softmax2d', {}, nn.Softmax2d, single, [rnd(3, 2, 3)], gradgradcheck=True)
    lrn = lambda name, args, x: case(name, 'LocalResponseNorm', args,
                                     lambda: nn.LocalResponseNorm(args['size'], args['alpha'], args['beta'], args['k']),
                                     single, [x], gradgradcheck=True)
    lrn('local_response_norm_3d', {'size': 3, 'alpha': 1e-4, 'beta': 0.75, 'k': 1.0}, rnd(2, 5, 4))
    lrn('local_response_norm_4d', {'size': 2, 'alpha': 0.5, 'beta': 0.6, 'k': 2.0}, rnd(1, 4, 3, 3))
    lrn('local_response_norm_5d', {'size': 4, 'alpha': 0.3, 'beta': 1.2, 'k': 1.5}, rnd(1, 5, 2, 2, 2))

    # two-input modules
    two = lambda m, a, b: m(a, b)
    case('cosine_similarity', 'CosineSimilarity', {'dim': 1, 'eps': 1e-8}, nn.CosineSimilarity, two,
         [rnd(4, 5), rnd(4, 5)], gradgradcheck=True)
    case('cosine_similarity_broadcast', 'CosineSimilarity', {'dim': -1, 'eps': 1e-8},
         lambda: nn.CosineSimilarity(-1), two, [rnd(2, 3, 4), rnd(3, 4)], gradgradcheck=True)
    case('pairwise_distance', 'PairwiseDistance', {'p': 2.0, 'eps': 1e-6, 'keepdim': False}, nn.PairwiseDistance,
         two, [rnd(5, 3), rnd(5, 3)], gradgradcheck=True)
    case('pairwise_distance_p1_keepdim', 'PairwiseDistance', {'p': 1.0, 'eps': 1e-6, 'keepdim': True},
         lambda: nn.PairwiseDistance(1.0, keepdim=True), two, [rnd(4, 3), rnd(4, 3)], gradgradcheck=True)
    case('pairwise_distance_p3_1d', 'PairwiseDistance', {'p': 3.0, 'eps': 1e-3, 'keepdim': False},
         lambda: nn.PairwiseDistance(3.0, 1e-3), two, [rnd(4), rnd(4)], gradgradcheck=True)

    # rearrangements
    case('pixel_shuffle', 'PixelShuffle', {'factor': 2}, lambda: nn.PixelShuffle(2), single, [rnd(2, 8, 2, 3)],
         gradgradcheck=True)
    case('pixel_shuffle_5d', 'PixelShuffle', {'factor': 3}, lambda: nn.PixelShuffle(3), single,
         [rnd(2, 1, 9, 2, 1)], gradgradcheck=True)
    case('pixel_unshuffle', 'PixelUnshuffle', {'factor': 2}, lambda: nn.PixelUnshuffle(2), single,
         [rnd(2, 2, 4, 6)], gradgradcheck=True)
    case('pixel_unshuffle_unbatched', 'PixelUnshuffle', {'factor': 3}, lambda: nn.PixelUnshuffle(3), single,
         [rnd(1, 3, 6)], gradgradcheck=True)
    # PyTorch 1.13 has no derivative for channel_shuffle: the values are its own, the gradients flow through the
    # same permutation written with views (whose contribution to the values is exactly 0)
    def shuffle_call(m, x):
        n, c = x.shape[:2]
        views = x.reshape(n, m.groups, c // m.groups, *x.shape[2:]).transpose(1, 2).reshape(x.shape)
        return m(x.detach()) + (views - views.detach())

    case('channel_shuffle', 'ChannelShuffle', {'groups': 2}, lambda: nn.ChannelShuffle(2), shuffle_call,
         [rnd(2, 6, 3)], gradgradcheck=True)
    case('channel_shuffle_4d', 'ChannelShuffle', {'groups': 3}, lambda: nn.ChannelShuffle(3), shuffle_call,
         [rnd(1, 6, 2, 2)], gradgradcheck=True)

    # functional forms
    fn_case('normalize', {'p': 2.0, 'dim': 1, 'eps': 1e-12}, F.normalize, [rnd(3, 4)])
    fn_case('normalize_p1_dim0', {'p': 1.0, 'dim': 0, 'eps': 1e-12}, F.normalize, [rnd(3, 4)], kind='F.normalize')
    fn_case('normalize_p3_last', {'p': 3.0, 'dim': -1, 'eps': 1e-12}, F.normalize, [rnd(2, 3, 4)],
            kind='F.normalize')
    fn_case('instance_norm', {'momentum': 0.1, 'eps': 1e-5}, F.instance_norm, [rnd(2, 3, 5)])
    fn_case('cosine_similarity', {'dim': 0, 'eps': 1e-8}, F.cosine_similarity, [rnd(4, 3), rnd(4, 3)])
    fn_case('pairwise_distance', {'p': 2.0, 'eps': 1e-6, 'keepdim': False}, F.pairwise_distance,
            [rnd(3, 4), rnd(3, 4)])
    fn_case('pixel_shuffle', {'upscale_factor': 2}, F.pixel_shuffle, [rnd(1, 4, 2, 2)])
    fn_case('pixel_unshuffle', {'downscale_factor': 2}, F.pixel_unshuffle, [rnd(1, 1, 4, 2)])
    fn_case('glu', {'dim': 0}, F.glu, [rnd(4, 3)])
    fn_case('softmin', {'dim': -1}, F.softmin, [rnd(3, 4)])
    fn_case('softsign', {}, F.softsign, [rnd(3, 4)])
    fn_case('tanhshrink', {}, F.tanhshrink, [rnd(3, 4)])
    fn_case('hardshrink', {'lambd': 0.3}, F.hardshrink, [rnd(3, 4)])
    fn_case('softshrink', {'lambd': 0.3}, F.softshrink, [rnd(3, 4)])
    fn_case('threshold', {'threshold': -0.2, 'value': 0.5}, F.threshold, [rnd(3, 4)])
    fn_case('prelu', {}, F.prelu, [rnd(2, 3, 2), rnd(3)])
    fn_case('local_response_norm', {'size': 3, 'alpha': 0.2, 'beta': 0.5, 'k': 1.0}, F.local_response_norm,
            [rnd(2, 4, 3)])

    # cells: outputs [h'] (LSTMCell: [h', c'])
    def cell_call(m, x, *state):
        if isinstance(m, nn.LSTMCell):
            return m(x, tuple(state)) if state else m(x)
        return m(x, state[0]) if state else m(x)

    def cell(cls, name, args, inputs):
        a = dict(input=args['input'], hidden=args['hidden'], bias=args.get('bias', True),
                 nonlinearity=args.get('nonlinearity', 'tanh'))
        extra = {'nonlinearity': a['nonlinearity']} if cls is nn.RNNCell else {}
        case(name, cls.__name__, a, lambda: cls(a['input'], a['hidden'], bias=a['bias'], **extra), cell_call, inputs,
             gradgradcheck=True)

    cell(nn.RNNCell, 'rnn_cell', {'input': 3, 'hidden': 4}, [rnd(2, 3), rnd(2, 4)])
    cell(nn.RNNCell, 'rnn_cell_relu_nobias_zero_state', {'input': 3, 'hidden': 2, 'bias': False,
                                                          'nonlinearity': 'relu'}, [rnd(4, 3)])
    cell(nn.RNNCell, 'rnn_cell_unbatched', {'input': 2, 'hidden': 3}, [rnd(2), rnd(3)])
    cell(nn.LSTMCell, 'lstm_cell', {'input': 3, 'hidden': 4}, [rnd(2, 3), rnd(2, 4), rnd(2, 4)])
    cell(nn.LSTMCell, 'lstm_cell_nobias_zero_state', {'input': 2, 'hidden': 3, 'bias': False}, [rnd(3, 2)])
    cell(nn.LSTMCell, 'lstm_cell_unbatched', {'input': 3, 'hidden': 2}, [rnd(3), rnd(2), rnd(2)])
    cell(nn.GRUCell, 'gru_cell', {'input': 3, 'hidden': 4}, [rnd(2, 3), rnd(2, 4)])
    cell(nn.GRUCell, 'gru_cell_nobias_zero_state', {'input': 2, 'hidden': 3, 'bias': False}, [rnd(3, 2)])
    cell(nn.GRUCell, 'gru_cell_unbatched', {'input': 2, 'hidden': 2}, [rnd(2), rnd(2)])

    # padding modules (sizes as PyTorch keeps them: left, right, top, bottom, front, back)
    def pad(name, cls, padding, x, value=None):
        args = {'padding': padding if isinstance(padding, list) else [padding]}
        if value is not None:
            args['value'] = value
        py_pad = tuple(padding) if isinstance(padding, list) else padding
        case(name, cls.__name__, args, lambda: cls(py_pad) if value is None else cls(py_pad, value), single, [x],
             gradgradcheck=True)

    pad('zero_pad2d', nn.ZeroPad2d, 1, rnd(1, 2, 3, 3))
    pad('zero_pad2d_sides_unbatched', nn.ZeroPad2d, [1, 0, 2, 3], rnd(2, 3, 2))
    pad('constant_pad1d', nn.ConstantPad1d, [1, 2], rnd(2, 2, 3), 3.5)
    pad('constant_pad2d', nn.ConstantPad2d, 1, rnd(1, 2, 2, 3), -1.0)
    pad('constant_pad3d', nn.ConstantPad3d, [1, 2, 0, 1, 1, 0], rnd(1, 1, 2, 2, 2), 0.5)
    pad('reflection_pad1d', nn.ReflectionPad1d, 2, rnd(1, 2, 4))
    pad('reflection_pad2d', nn.ReflectionPad2d, [1, 2, 2, 0], rnd(1, 1, 3, 4))
    pad('reflection_pad2d_unbatched', nn.ReflectionPad2d, 1, rnd(2, 3, 3))
    pad('replication_pad1d', nn.ReplicationPad1d, [1, 2], rnd(2, 2, 3))
    pad('replication_pad2d', nn.ReplicationPad2d, 1, rnd(1, 2, 2, 3))
    pad('replication_pad3d', nn.ReplicationPad3d, [1, 0, 2, 1, 0, 1], rnd(1, 1, 2, 2, 2))

    # Unfold / Fold modules (options printed as given: an int or a tuple)
    one = lambda v: v[0] if len(v) == 1 else tuple(v)
    ua = {'kernel': [2, 3], 'dilation': [1, 2], 'padding': [1], 'stride': [2, 1]}
    case('unfold', 'Unfold', ua, lambda: nn.Unfold(one(ua['kernel']), one(ua['dilation']), one(ua['padding']),
                                                   one(ua['stride'])), single, [rnd(2, 2, 5, 6)], gradgradcheck=True)
    fa = {'output': [4, 5], 'kernel': [2, 2], 'dilation': [1], 'padding': [1], 'stride': [1, 2]}
    case('fold', 'Fold', fa, lambda: nn.Fold(one(fa['output']), one(fa['kernel']), one(fa['dilation']),
                                             one(fa['padding']), one(fa['stride'])), single, [rnd(2, 12, 15)],
         gradgradcheck=True)
    fa2 = {'output': [3], 'kernel': [2], 'dilation': [1], 'padding': [0], 'stride': [1]}
    case('fold_unbatched', 'Fold', fa2, lambda: nn.Fold(3, 2), single, [rnd(8, 4)], gradgradcheck=True)

    # 3-d pooling
    def pool3(name, kind, args, build, x):
        case(name, kind, args, build, single, [x], gradgradcheck=True)

    pool3('maxpool3d', 'MaxPool3d', {'kernel': [2], 'stride': None, 'padding': [0], 'dilation': [1], 'ceil': False},
          lambda: nn.MaxPool3d(2), distinct(1, 2, 4, 4, 4))
    pool3('maxpool3d_all', 'MaxPool3d', {'kernel': [2, 1, 2], 'stride': [1], 'padding': [1, 0, 1], 'dilation': [1],
                                         'ceil': True},
          lambda: nn.MaxPool3d((2, 1, 2), 1, (1, 0, 1), 1, ceil_mode=True), distinct(1, 1, 3, 3, 4))
    pool3('maxpool3d_unbatched_dil', 'MaxPool3d', {'kernel': [2], 'stride': [1, 2, 1], 'padding': [0],
                                                   'dilation': [2, 1, 1], 'ceil': False},
          lambda: nn.MaxPool3d(2, (1, 2, 1), 0, (2, 1, 1)), distinct(2, 3, 4, 3))
    pool3('avgpool3d', 'AvgPool3d', {'kernel': [2], 'stride': None, 'padding': [0], 'ceil': False,
                                     'count_include_pad': True, 'divisor': None},
          lambda: nn.AvgPool3d(2), rnd(1, 2, 4, 4, 4))
    pool3('avgpool3d_pad_ceil_exclude', 'AvgPool3d', {'kernel': [2], 'stride': [2, 1, 2], 'padding': [1],
                                                      'ceil': True, 'count_include_pad': False, 'divisor': None},
          lambda: nn.AvgPool3d(2, (2, 1, 2), 1, ceil_mode=True, count_include_pad=False), rnd(1, 1, 3, 3, 3))
    pool3('avgpool3d_divisor_unbatched', 'AvgPool3d', {'kernel': [1, 2, 2], 'stride': [1], 'padding': [0],
                                                       'ceil': False, 'count_include_pad': True, 'divisor': 3},
          lambda: nn.AvgPool3d((1, 2, 2), 1, divisor_override=3), rnd(2, 2, 3, 3))
    pool3('adaptive_avgpool3d', 'AdaptiveAvgPool3d', {'out': [2, -1, 3]}, lambda: nn.AdaptiveAvgPool3d((2, None, 3)),
          rnd(1, 2, 4, 3, 5))
    pool3('adaptive_avgpool3d_1', 'AdaptiveAvgPool3d', {'out': [1]}, lambda: nn.AdaptiveAvgPool3d(1),
          rnd(2, 2, 2, 3, 2))
    pool3('adaptive_maxpool1d', 'AdaptiveMaxPool1d', {'out': 3}, lambda: nn.AdaptiveMaxPool1d(3), distinct(2, 2, 7))
    pool3('adaptive_maxpool1d_upsize_unbatched', 'AdaptiveMaxPool1d', {'out': 5}, lambda: nn.AdaptiveMaxPool1d(5),
          distinct(2, 3))
    case('adaptive_maxpool1d_indices', 'F.adaptive_max_pool1d_with_indices', {'out': 3}, lambda: nn.Identity(),
         lambda m, x: F.adaptive_max_pool1d(x, 3, return_indices=True), [distinct(1, 2, 8)], perturb=False,
         gradgradcheck=True)

    case('maxpool1d_indices', 'F.max_pool1d_with_indices', {'kernel': 3, 'stride': 2, 'padding': 1, 'dilation': 1,
                                                            'ceil': True},
         lambda: nn.Identity(), lambda m, x: F.max_pool1d(x, 3, 2, 1, 1, ceil_mode=True, return_indices=True),
         [distinct(2, 2, 8)], perturb=False, gradgradcheck=True)
    case('maxpool3d_indices', 'F.max_pool3d_with_indices', {'kernel': [2], 'stride': [1, 2, 2], 'padding': [0, 1, 0],
                                                            'dilation': [1], 'ceil': False},
         lambda: nn.Identity(), lambda m, x: F.max_pool3d(x, 2, (1, 2, 2), (0, 1, 0), return_indices=True),
         [distinct(1, 2, 3, 4, 4)], perturb=False, gradgradcheck=True)

    # power-average pooling: even powers of any input, others of positive inputs (PyTorch gives NaN below 0)
    pool3('lppool1d', 'LPPool1d', {'norm': 2, 'kernel': 3, 'stride': None, 'ceil': False},
          lambda: nn.LPPool1d(2, 3), rnd(2, 2, 7))
    pool3('lppool1d_p1.5_stride_ceil', 'LPPool1d', {'norm': 1.5, 'kernel': 2, 'stride': 3, 'ceil': True},
          lambda: nn.LPPool1d(1.5, 2, 3, ceil_mode=True), uni(0.1, 2.0, 1, 2, 8))
    pool3('lppool2d', 'LPPool2d', {'norm': 2, 'kernel': [2], 'stride': None, 'ceil': False},
          lambda: nn.LPPool2d(2, 2), rnd(1, 2, 4, 4))
    pool3('lppool2d_p3_rect', 'LPPool2d', {'norm': 3, 'kernel': [2, 3], 'stride': [1], 'ceil': False},
          lambda: nn.LPPool2d(3, (2, 3), 1), uni(0.1, 2.0, 1, 1, 3, 4))

    # unpooling: the indices of max pooling with non-overlapping windows (unique, so the scatter is exact)
    unpool = lambda m, x, i: m(x, i)
    _, ix1 = F.max_pool1d(distinct(1, 2, 6), 2, return_indices=True)
    case('max_unpool1d', 'MaxUnpool1d', {'kernel': 2, 'stride': 2, 'padding': 0}, lambda: nn.MaxUnpool1d(2), unpool,
         [rnd(1, 2, 3), ix1], diff=[True, False], gradgradcheck=True)
    _, ix1p = F.max_pool1d(distinct(2, 7), 3, 3, 1, return_indices=True)
    case('max_unpool1d_pad_unbatched', 'MaxUnpool1d', {'kernel': 3, 'stride': 3, 'padding': 1},
         lambda: nn.MaxUnpool1d(3, 3, 1), unpool, [rnd(2, 3), ix1p], diff=[True, False], gradgradcheck=True)
    _, ix2 = F.max_pool2d(distinct(2, 2, 4, 6), 2, return_indices=True)
    case('max_unpool2d', 'MaxUnpool2d', {'kernel': [2], 'stride': None, 'padding': [0]}, lambda: nn.MaxUnpool2d(2),
         unpool, [rnd(2, 2, 2, 3), ix2], diff=[True, False], gradgradcheck=True)
    _, ix2r = F.max_pool2d(distinct(1, 1, 4, 4), (2, 3), (2, 3), (0, 1), return_indices=True)
    case('max_unpool2d_rect_pad', 'MaxUnpool2d', {'kernel': [2, 3], 'stride': [2, 3], 'padding': [0, 1]},
         lambda: nn.MaxUnpool2d((2, 3), (2, 3), (0, 1)), unpool, [rnd(1, 1, 2, 2), ix2r], diff=[True, False],
         gradgradcheck=True)

    # 3-d batch norm, 1-d and 3-d instance norm
    def norm(name, cls, args, x, train=True):
        kw = dict(eps=args['eps'], momentum=args['momentum'], affine=args['affine'],
                  track_running_stats=args['track'])
        case(name, cls.__name__, args, lambda: cls(args['features'], **kw), single, [x], train=train,
             gradgradcheck=True)

    bn = lambda f, momentum=0.1, affine=True, track=True: {'features': f, 'eps': 1e-5, 'momentum': momentum,
                                                           'affine': affine, 'track': track}
    norm('batchnorm3d_train', nn.BatchNorm3d, bn(3), rnd(2, 3, 2, 2, 2))
    norm('batchnorm3d_eval', nn.BatchNorm3d, bn(2, momentum=0.3), rnd(2, 2, 2, 1, 2), train=False)
    norm('batchnorm3d_cumulative_noaffine', nn.BatchNorm3d, bn(2, momentum=None, affine=False), rnd(2, 2, 1, 2, 2))
    norm('instancenorm1d', nn.InstanceNorm1d, bn(3, affine=False, track=False), rnd(2, 3, 5))
    norm('instancenorm1d_affine_track', nn.InstanceNorm1d, bn(2, momentum=0.2), rnd(3, 2, 4))
    norm('instancenorm1d_unbatched_track_eval', nn.InstanceNorm1d, bn(3), rnd(3, 4), train=False)
    norm('instancenorm3d', nn.InstanceNorm3d, bn(2, affine=False, track=False), rnd(2, 2, 2, 3, 2))
    norm('instancenorm3d_affine_track_unbatched', nn.InstanceNorm3d, bn(2, momentum=0.4), rnd(2, 2, 2, 3))


def extra_loss_cases():
    GEN.manual_seed(20261204)
    R = ('none', 'mean', 'sum')
    two = lambda m, a, b: m(a, b)
    three = lambda m, a, b, c: m(a, b, c)

    # Poisson: log-rate and rate inputs, Stirling's term (targets 0, 1 and above: the mask at <= 1)
    counts = torch.tensor([[0., 1., 3., 2.], [5., 0., 1., 7.], [2., 4., 0., 1.]])
    rates = uni(0.2, 3.0, 3, 4)
    for r in R:
        case('poisson_nll_' + r, 'PoissonNLLLoss', {'log_input': True, 'full': False, 'eps': 1e-8, 'reduction': r},
             lambda r=r: nn.PoissonNLLLoss(reduction=r), two, [rnd(3, 4), uni(0, 3, 3, 4)], perturb=False,
             gradgradcheck=True)
    case('poisson_nll_rate_full', 'PoissonNLLLoss', {'log_input': False, 'full': True, 'eps': 1e-8, 'reduction': 'sum'},
         lambda: nn.PoissonNLLLoss(log_input=False, full=True, reduction='sum'), two, [rates, counts],
         diff=[True, False], perturb=False, gradgradcheck=True)
    case('poisson_nll_log_full_eps', 'PoissonNLLLoss', {'log_input': True, 'full': True, 'eps': 0.1, 'reduction': 'none'},
         lambda: nn.PoissonNLLLoss(full=True, eps=0.1, reduction='none'), two, [rnd(3, 4), counts + 0.5],
         perturb=False, gradgradcheck=True)

    # Gaussian: variance per element, per sample (one dim short, or size 1 in the last), below eps (clamped)
    mu, tgt = rnd(4, 3), rnd(4, 3)
    for r in R:
        case('gaussian_nll_' + r, 'GaussianNLLLoss', {'full': False, 'eps': 1e-6, 'reduction': r},
             lambda r=r: nn.GaussianNLLLoss(reduction=r), three, [mu, tgt, uni(0.3, 2.0, 4, 3)], perturb=False,
             gradgradcheck=True)
    case('gaussian_nll_full_var_per_sample', 'GaussianNLLLoss', {'full': True, 'eps': 1e-6, 'reduction': 'mean'},
         lambda: nn.GaussianNLLLoss(full=True), three, [mu, tgt, uni(0.3, 2.0, 4)], perturb=False, gradgradcheck=True)
    case('gaussian_nll_var_last_1', 'GaussianNLLLoss', {'full': False, 'eps': 1e-6, 'reduction': 'sum'},
         lambda: nn.GaussianNLLLoss(reduction='sum'), three, [rnd(2, 2, 3), rnd(2, 2, 3), uni(0.3, 2.0, 2, 2, 1)],
         perturb=False, gradgradcheck=True)
    # variances under eps are clamped in value while the gradient flows through unchanged (PyTorch's no_grad clamp)
    case('gaussian_nll_clamped_var', 'GaussianNLLLoss', {'full': False, 'eps': 0.05, 'reduction': 'none'},
         lambda: nn.GaussianNLLLoss(eps=0.05, reduction='none'), three,
         [mu[:2], tgt[:2], torch.tensor([[0.01, 0.5, 0.0], [1.5, 0.02, 0.3]])], perturb=False, gradcheck=False)

    # triplets
    an, po, ne = rnd(5, 4), rnd(5, 4), rnd(5, 4)
    for r in R:
        case('triplet_margin_' + r, 'TripletMarginLoss', {'margin': 1.0, 'p': 2.0, 'eps': 1e-6, 'swap': False,
                                                          'reduction': r},
             lambda r=r: nn.TripletMarginLoss(reduction=r), three, [an, po, ne], perturb=False, gradgradcheck=True)
    case('triplet_margin_p1_swap', 'TripletMarginLoss', {'margin': 2.0, 'p': 1.0, 'eps': 1e-6, 'swap': True,
                                                         'reduction': 'mean'},
         lambda: nn.TripletMarginLoss(2.0, 1.0, swap=True), three, [an, po, ne], perturb=False, gradgradcheck=True)
    case('triplet_margin_unbatched_p3', 'TripletMarginLoss', {'margin': 3.0, 'p': 3.0, 'eps': 1e-3, 'swap': False,
                                                              'reduction': 'none'},
         lambda: nn.TripletMarginLoss(3.0, 3.0, 1e-3, reduction='none'), three, [rnd(4), rnd(4), rnd(4)],
         perturb=False, gradgradcheck=True)

    # multi-class hinge
    scores = rnd(4, 5)
    labels = torch.tensor([1, 0, 4, 2])
    cw = uni(0.2, 2.0, 5)

    def mm(name, args, x, t):
        w = args.get('weight')
        a = dict(args)
        if w is not None:
            a['weight'] = enc(w)
        case(name, 'MultiMarginLoss', a,
             lambda: nn.MultiMarginLoss(p=args['p'], margin=args['margin'], weight=w, reduction=args['reduction']),
             two, [x, t], perturb=False, gradgradcheck=True)

    for r in R:
        mm('multi_margin_' + r, {'p': 1, 'margin': 1.0, 'reduction': r}, scores, labels)
    mm('multi_margin_p2_weight', {'p': 2, 'margin': 0.7, 'reduction': 'mean', 'weight': cw}, scores, labels)
    mm('multi_margin_p2_weight_none', {'p': 2, 'margin': 1.5, 'reduction': 'none', 'weight': cw}, scores, labels)
    mm('multi_margin_unbatched', {'p': 1, 'margin': 1.0, 'reduction': 'none'}, rnd(5), torch.tensor(3))

    # two-class, hinge embedding, multi-label
    ypm = torch.tensor([[1., -1., -1., 1.], [-1., 1., 1., 1.], [1., 1., -1., -1.]])
    for r in R:
        case('soft_margin_' + r, 'SoftMarginLoss', {'reduction': r}, lambda r=r: nn.SoftMarginLoss(reduction=r), two,
             [rnd(3, 4, scale=2.0), ypm], diff=[True, False], perturb=False, gradgradcheck=True)
        case('hinge_embedding_' + r, 'HingeEmbeddingLoss', {'margin': 1.0, 'reduction': r},
             lambda r=r: nn.HingeEmbeddingLoss(reduction=r), two, [uni(0.0, 2.0, 3, 4), ypm], diff=[True, False],
             perturb=False, gradgradcheck=True)
    case('hinge_embedding_margin', 'HingeEmbeddingLoss', {'margin': 0.5, 'reduction': 'none'},
         lambda: nn.HingeEmbeddingLoss(0.5, reduction='none'), two, [uni(0.0, 1.0, 3, 4), ypm], diff=[True, False],
         perturb=False, gradgradcheck=True)

    y01 = torch.tensor([[1., 0., 0., 1., 0.], [0., 1., 1., 1., 0.], [0., 0., 0., 0., 1.], [1., 1., 0., 0., 0.]])
    for r in R:
        case('multilabel_soft_margin_' + r, 'MultiLabelSoftMarginLoss', {'reduction': r, 'weight': None},
             lambda r=r: nn.MultiLabelSoftMarginLoss(reduction=r), two, [scores, y01], perturb=False,
             gradgradcheck=True)
    case('multilabel_soft_margin_weight', 'MultiLabelSoftMarginLoss', {'reduction': 'mean', 'weight': enc(cw)},
         lambda: nn.MultiLabelSoftMarginLoss(weight=cw), two, [scores, y01], diff=[True, False], perturb=False,
         gradgradcheck=True)

    lists = torch.tensor([[3, 0, -1, 1, 2], [1, 2, 4, -1, -1], [4, 4, -1, 2, 0], [-1, 0, 1, 2, 3]])
    for r in R:
        case('multilabel_margin_' + r, 'MultiLabelMarginLoss', {'reduction': r},
             lambda r=r: nn.MultiLabelMarginLoss(reduction=r), two, [scores, lists], perturb=False, gradgradcheck=True)
    case('multilabel_margin_unbatched', 'MultiLabelMarginLoss', {'reduction': 'none'},
         lambda: nn.MultiLabelMarginLoss(reduction='none'), two, [rnd(4), torch.tensor([2, 0, -1, 3])], perturb=False,
         gradgradcheck=True)


def error_of(fn):
    """PyTorch's exception for a bad input: {"type": its class name, "message"}."""
    try:
        fn()
    except Exception as e:
        return {'type': type(e).__name__, 'message': str(e)}
    raise AssertionError('no error')


def extra_module_cases():
    """modules_extra.json: reprs and state_dict keys of modules that have no layer case (the parameter
    containers, other constructor forms), and PyTorch's error for each obvious bad input of the modules
    and functions added later (NnExtraModuleTest names each and makes it in Java)."""
    z = torch.zeros
    pl = nn.ParameterList([nn.Parameter(z(2)), nn.Parameter(z(3, 4, dtype=torch.float64)), nn.Parameter(torch.tensor(1.))])
    pd = nn.ParameterDict({'b': nn.Parameter(z(2)), 'a': nn.Parameter(z(3, 4))})
    pd_ordered = nn.ParameterDict(collections.OrderedDict([('y', nn.Parameter(z(1))), ('x', nn.Parameter(z(2, 1)))]))

    class Holder(nn.Module):
        def __init__(self):
            super().__init__()
            self.ps = pl
            self.lin = nn.Linear(2, 2)

    modules = {
        'parameter_list': pl, 'parameter_dict': pd, 'parameter_dict_ordered': pd_ordered,
        'parameter_list_empty': nn.ParameterList(), 'holder': Holder(),
        'softmin_none': nn.Softmin(), 'hardtanh_default': nn.Hardtanh(), 'prelu_3': nn.PReLU(3, 0.1), 'celu': nn.CELU(),
        'threshold': nn.Threshold(0.1, 20.0), 'hardshrink': nn.Hardshrink(), 'lrn': nn.LocalResponseNorm(2),
        'rnn_cell_relu_nobias': nn.RNNCell(3, 4, bias=False, nonlinearity='relu'),
        'lstm_cell_nobias': nn.LSTMCell(3, 4, bias=False), 'gru_cell': nn.GRUCell(3, 4),
        'lppool2d_float': nn.LPPool2d(1.5, (2, 3), stride=1, ceil_mode=True), 'lppool1d': nn.LPPool1d(2, 3),
        'max_unpool2d_rect': nn.MaxUnpool2d((2, 3), stride=1, padding=(0, 1)), 'max_unpool1d': nn.MaxUnpool1d(2, 1, 1),
        'zero_pad2d_last_dim': nn.ZeroPad2d((1, 2)), 'constant_pad3d_int': nn.ConstantPad3d(1, 2.5),
        'avgpool3d_all': nn.AvgPool3d(2, stride=1, padding=1, ceil_mode=True, count_include_pad=False,
                                      divisor_override=3),
        'adaptive_avgpool3d_none': nn.AdaptiveAvgPool3d((2, None, 3)), 'unfold_int': nn.Unfold(2),
        'multi_margin_weight': nn.MultiMarginLoss(2, 0.5, weight=torch.ones(3)),
        'multilabel_soft_margin_weight': nn.MultiLabelSoftMarginLoss(weight=torch.ones(3)),
        'batchnorm3d': nn.BatchNorm3d(3), 'instancenorm3d_affine': nn.InstanceNorm3d(2, affine=True)}
    reprs = {k: {'repr': repr(m), 'keys': list(m.state_dict().keys())} for k, m in modules.items()}

    t = torch.tensor
    errors = {
        'softshrink_negative': lambda: F.softshrink(z(2), -1.0),
        'glu_scalar': lambda: F.glu(t(1.)), 'glu_odd': lambda: F.glu(z(2, 3), 1), 'glu_dim': lambda: F.glu(z(4, 2), 2),
        'prelu_mismatch': lambda: F.prelu(z(2, 3), z(2)), 'prelu_scalar': lambda: F.prelu(t(1.), z(3)),
        'prelu_1d_channels': lambda: F.prelu(z(3), z(3)),
        'softmax2d_rank': lambda: nn.Softmax2d()(z(2, 3)),
        'pixel_shuffle_channels': lambda: F.pixel_shuffle(z(1, 3, 2, 2), 2),
        'pixel_shuffle_rank': lambda: F.pixel_shuffle(z(3, 2), 2),
        'pixel_shuffle_factor': lambda: F.pixel_shuffle(z(1, 8, 2, 2), 0),
        'pixel_unshuffle_height': lambda: F.pixel_unshuffle(z(1, 3, 3, 2), 2),
        'pixel_unshuffle_width': lambda: F.pixel_unshuffle(z(1, 3, 4, 3), 2),
        'channel_shuffle_rank': lambda: F.channel_shuffle(z(2, 4), 2),
        'channel_shuffle_groups': lambda: F.channel_shuffle(z(2, 4, 3), 0),
        'channel_shuffle_divisible': lambda: F.channel_shuffle(z(2, 3, 2), 2),
        'local_response_norm_rank': lambda: F.local_response_norm(z(2, 3), 2),
        'cosine_similarity_shapes': lambda: F.cosine_similarity(z(2, 3), z(2, 4)),
        'cosine_similarity_dim': lambda: F.cosine_similarity(z(2, 3), z(2, 3), dim=2),
        'pairwise_distance_shapes': lambda: F.pairwise_distance(z(2, 3), z(2, 4)),
        'normalize_dim': lambda: F.normalize(z(2, 3), dim=2),
        'rnn_cell_rank': lambda: nn.RNNCell(3, 4)(z(2, 2, 3)),
        'lstm_cell_input_size': lambda: nn.LSTMCell(3, 4)(z(2, 5)),
        'gru_cell_hidden_size': lambda: nn.GRUCell(3, 4)(z(2, 3), z(2, 5)),
        'gru_cell_batch': lambda: nn.GRUCell(3, 4)(z(2, 3), z(3, 4)),
        'lstm_cell_unbatched_state': lambda: nn.LSTMCell(3, 4)(z(3), (z(1, 4), z(1, 4))),
        'rnn_cell_nonlinearity': lambda: nn.RNNCell(3, 4, nonlinearity='foo')(z(2, 3)),
        'multi_margin_p': lambda: nn.MultiMarginLoss(p=3),
        'multi_margin_target_range': lambda: F.multi_margin_loss(z(2, 3), t([0, 3])),
        'multi_margin_target_size': lambda: F.multi_margin_loss(z(2, 3), t([0, 1, 2])),
        'multi_margin_rank': lambda: F.multi_margin_loss(z(2, 3, 2), t([0, 1])),
        'multi_margin_weight_rank': lambda: F.multi_margin_loss(z(2, 3), t([0, 1]), weight=torch.ones(2, 2)),
        'multilabel_margin_range': lambda: F.multilabel_margin_loss(z(2, 3), t([[0, 3, -1], [0, 1, 2]])),
        'multilabel_margin_size': lambda: F.multilabel_margin_loss(z(2, 3), t([[0, 1], [0, 1]])),
        'gaussian_nll_var_size': lambda: F.gaussian_nll_loss(z(2, 3), z(2, 3), torch.ones(3, 3)),
        'gaussian_nll_var_negative': lambda: F.gaussian_nll_loss(z(2, 3), z(2, 3), -torch.ones(2, 3)),
        'triplet_margin_dims': lambda: F.triplet_margin_loss(z(2, 3), z(2, 3), z(3)),
        'soft_margin_shapes': lambda: F.soft_margin_loss(z(2, 3), z(2, 4)),
        'max_unpool_shape': lambda: F.max_unpool2d(z(1, 1, 2, 2), z(1, 1, 2, 3, dtype=torch.long), 2),
        'max_unpool_index': lambda: F.max_unpool2d(z(1, 1, 2, 2), torch.full((1, 1, 2, 2), 20), 2),
        'max_unpool1d_index': lambda: F.max_unpool1d(z(1, 1, 2), torch.full((1, 1, 2), 7), 2),
        'max_unpool_dtype': lambda: F.max_unpool2d(z(1, 1, 2, 2), z(1, 1, 2, 2), 2),
        'adaptive_max_pool1d_rank': lambda: F.adaptive_max_pool1d(z(2, 3, 4, 5), 2),
        'batchnorm3d_rank': lambda: nn.BatchNorm3d(3)(z(2, 3, 4, 4)),
        'instancenorm1d_rank': lambda: nn.InstanceNorm1d(3)(z(2, 3, 4, 4)),
        'instancenorm3d_rank': lambda: nn.InstanceNorm3d(3)(z(2, 3, 4)),
        'instancenorm_weight_size': lambda: nn.InstanceNorm1d(3, affine=True)(z(2, 4, 5)),
        'zero_pad2d_odd': lambda: nn.ZeroPad2d((1, 2, 3))(z(1, 2, 2)),
        'replication_pad3d_rank': lambda: nn.ReplicationPad3d(1)(z(2, 2)),
    }
    return {'modules': reprs, 'errors': {k: error_of(fn) for k, fn in errors.items()}}


def extra_init_cases():
    cell_args = lambda i, h, bias=True, nl='tanh': dict(input=i, hidden=h, bias=bias, nonlinearity=nl)
    return [init_entry('rnn_cell', 'RNNCell', cell_args(3, 4), lambda: nn.RNNCell(3, 4), 31),
            init_entry('rnn_cell_nobias', 'RNNCell', cell_args(2, 5, False, 'relu'),
                       lambda: nn.RNNCell(2, 5, bias=False, nonlinearity='relu'), 32),
            init_entry('lstm_cell', 'LSTMCell', cell_args(3, 4), lambda: nn.LSTMCell(3, 4), 33),
            init_entry('gru_cell', 'GRUCell', cell_args(4, 3), lambda: nn.GRUCell(4, 3), 34),
            init_entry('prelu', 'PReLU', {'num': 3, 'init': 0.1}, lambda: nn.PReLU(3, 0.1), 35)]


# ---- training parity ----------------------------------------------------------------------------------

def safetensors_bytes(tensors):
    """The safetensors format: header length (u64 LE), JSON header, then the raw little-endian data."""
    header, blobs, offset = {}, [], 0
    for k, v in tensors.items():
        b = v.detach().contiguous().numpy().tobytes()
        header[k] = {'dtype': 'F32', 'shape': list(v.shape), 'data_offsets': [offset, offset + len(b)]}
        blobs.append(b)
        offset += len(b)
    h = json.dumps(header, separators=(',', ':')).encode()
    h += b' ' * ((8 - len(h) % 8) % 8)
    return struct.pack('<Q', len(h)) + h + b''.join(blobs)


def training():
    torch.manual_seed(0)
    net1, net2 = mlp(), lenet()
    init = {**{'mlp.' + k: v for k, v in net1.state_dict().items()},
            **{'lenet.' + k: v for k, v in net2.state_dict().items()}}
    with open(os.path.join(OUT, 'training_init.safetensors'), 'wb') as f:
        f.write(safetensors_bytes(init))
    g = torch.Generator().manual_seed(1)
    x1 = ((torch.randn(16, 12, generator=g) * 1000).round() / 1000)
    y1 = torch.randint(0, 4, (16,), generator=g)
    x2 = ((torch.rand(8, 1, 28, 28, generator=g) * 1000).round() / 1000)
    y2 = torch.randint(0, 10, (8,), generator=g)

    def run(net, opt, x, y):
        losses = []
        for _ in range(20):
            opt.zero_grad()
            loss = F.cross_entropy(net(x), y)
            loss.backward()
            opt.step()
            losses.append(loss.item())
        return losses

    l1 = run(net1, torch.optim.SGD(net1.parameters(), lr=0.1, momentum=0.9), x1, y1)
    l2 = run(net2, torch.optim.Adam(net2.parameters(), lr=1e-3), x2, y2)
    return {'mlp': {'optimizer': 'SGD', 'lr': 0.1, 'momentum': 0.9, 'x': enc(x1), 'y': enc(y1), 'losses': l1},
            'lenet': {'optimizer': 'Adam', 'lr': 1e-3, 'x': enc(x2), 'y': enc(y2), 'losses': l2}}


def main(only):
    """Writes every file, or only those named on the command line (PyTorch's float32 results can move by
    an ulp between machines (BLAS kernels), so regenerating a file that did not change is avoided)."""
    want = lambda name: not only or name in only
    layer_cases()
    if want('layers.json'):
        write('layers.json', {'cases': CASES})
    CASES.clear()
    loss_cases()
    if want('losses.json'):
        write('losses.json', {'cases': CASES})
    CASES.clear()
    fns, gains = init_fn_cases()
    inits = init_cases()
    if want('init.json'):
        write('init.json', {'cases': inits, 'functions': fns, 'gains': gains})
    mods = module_cases()
    if want('modules.json'):
        write('modules.json', mods)
    if want('training.json'):
        write('training.json', training())
    # the modules added later, with their own seeds: adding cases above does not change them
    extra_layer_cases()
    if want('layers_extra.json'):
        write('layers_extra.json', {'cases': CASES})
    CASES.clear()
    extra_loss_cases()
    if want('losses_extra.json'):
        write('losses_extra.json', {'cases': CASES})
    CASES.clear()
    if want('init_extra.json'):
        write('init_extra.json', {'cases': extra_init_cases()})
    if want('modules_extra.json'):
        write('modules_extra.json', extra_module_cases())


if __name__ == '__main__':
    import sys
    main(sys.argv[1:])
