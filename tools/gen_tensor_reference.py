#!/usr/bin/python3
"""Writes PyTorch's answers for torch4j's tensor conformance kit.

Run with Debian's interpreter, which has PyTorch (1.13):

    /usr/bin/python3 tools/gen_tensor_reference.py

It writes one JSON file per op family under api/src/test/resources/reference/ (elementwise,
promotion, reductions, linalg, views, indexing, joins, print, errors). Every input is fixed: written
out here or drawn from a seeded generator, so the output is the same on every run.

A case is {"name", "op", "args", "out"} (plus optional "layouts", "view", "strides", "skip" and notes);
tensors that several cases share are stored once, in the file's "shared" table. The op names
and their positional arguments are the contract with the Java side (conformance/Ops.java):
a tensor argument is {"dtype", "shape", "data"}; numbers keep their Python type (an int is a Java
long, a float a Java double); "out" is a list of tensors or {"value": ...} for non-tensor results.
An error case has "error" (PyTorch's message), "expect" (the part the Java message must contain)
and "type" (the Python exception class).

Where PyTorch 1.13 has no CPU kernel for float16 (most transcendental ops), the expected value is
computed in float32 and rounded to float16, which is what PyTorch does where it has the kernel (and
what later versions do everywhere); such cases carry "emulated": true.
"""
import json
import math
import os
import sys

import numpy as np
import torch
import torch.nn.functional as F

torch.set_num_threads(1)
OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'api', 'src', 'test', 'resources', 'reference')
VISION_OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'ecosystem', 'vision', 'src', 'test', 'resources',
                          'reference')
AUDIO_OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'ecosystem', 'audio', 'src', 'test', 'resources',
                         'reference')

DTYPES = ['float32', 'float64', 'float16', 'bfloat16', 'int64', 'int32', 'int16', 'int8', 'uint8', 'bool']
FLOATS = ['float32', 'float64', 'float16', 'bfloat16']
INTS = ['int64', 'int32', 'int16', 'int8', 'uint8']
NAN, INF = math.nan, math.inf

GEN = torch.Generator().manual_seed(20240601)


def T(name):
    return getattr(torch, name)


def rnd(*shape, scale=1.0, dtype='float32'):
    """Seeded normal values with two decimals (short in JSON)."""
    x = torch.randn(*shape, generator=GEN, dtype=torch.float64) * scale
    return (x * 100).round().div(100).to(T(dtype))


def rint(lo, hi, *shape, dtype='int64'):
    return torch.randint(lo, hi, shape, generator=GEN).to(T(dtype))


def uniform(lo, hi, *shape, dtype='float32'):
    x = torch.rand(*shape, generator=GEN, dtype=torch.float64) * (hi - lo) + lo
    return (x * 100).round().div(100).to(T(dtype))


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
    t = t.detach().contiguous()
    name = str(t.dtype)[6:]
    flat = t.reshape(-1)
    if flat.numel() > 64 and t.dtype not in (torch.float16, torch.bfloat16, torch.bool) and not t.dtype.is_complex \
            and t.dim() > 0:
        # large regular tensors as a formula: start + sum over dims of index * step (in float64, dim by dim)
        v = t.double()
        start = v.reshape(-1)[0].item()
        steps = [(v.select(d, 1) - v.select(d, 0)).reshape(-1)[0].item() if t.shape[d] > 1 else 0.0 for d in range(t.dim())]
        acc = torch.full(t.shape, start, dtype=torch.float64)
        for d, st in enumerate(steps):
            shape = [1] * t.dim()
            shape[d] = t.shape[d]
            acc = acc + torch.arange(t.shape[d], dtype=torch.float64).reshape(shape) * st
        if torch.equal(acc.to(t.dtype), t):
            return {'dtype': name, 'shape': list(t.shape), 'affine': [start, steps]}
    if t.dtype.is_complex:  # interleaved (re, im), as view_as_real lays it out
        data = [fnum(v, np.float32 if t.dtype == torch.complex64 else None) for v in torch.view_as_real(flat.resolve_conj()).reshape(-1).tolist()]
    elif t.dtype == torch.float64:
        data = [fnum(v, None) for v in flat.tolist()]
    elif t.dtype == torch.float16:
        data = [fnum(v, np.float16) for v in flat.tolist()]
    elif t.dtype.is_floating_point:
        data = [fnum(v, np.float32) for v in flat.float().tolist()]
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


# ---- arguments ----------------------------------------------------------------------------------------

class Tensors(list):
    """A list of tensors as one argument (cat, stack, einsum)."""


class Idx(list):
    """A subscript: items are ints, slices, None, Ellipsis or tensors."""


def enc_arg(a):
    if isinstance(a, torch.Tensor):
        return enc(a)
    if isinstance(a, Tensors):
        return {'tensors': [enc(t) for t in a]}
    if isinstance(a, Idx):
        items = []
        for i in a:
            if i is None:
                items.append('none')
            elif i is Ellipsis:
                items.append('...')
            elif isinstance(i, int):
                items.append({'at': i})
            elif isinstance(i, slice):
                items.append({'slice': [i.start, i.stop, 1 if i.step is None else i.step]})
            else:
                items.append({'t': enc(i)})
        return {'index': items}
    if isinstance(a, torch.dtype):
        return str(a)[6:]
    if isinstance(a, float):
        return fnum(a, None)
    if isinstance(a, list):
        return [enc_arg(i) for i in a]
    return a


def py_arg(a):
    """The argument as the torch call wants it (copies of tensors, so cases never share state)."""
    if isinstance(a, torch.Tensor):
        return canonical_nan(a.clone())
    if isinstance(a, Tensors):
        return [canonical_nan(t.clone()) for t in a]
    if isinstance(a, Idx):
        return tuple(i.clone() if isinstance(i, torch.Tensor) else i for i in a)
    return a


def canonical_nan(t):
    """NaN with a clear sign bit, as the Java side builds it from JSON (PyTorch's float64 -> bfloat16
    conversion can set the sign of a NaN, which signbit would see)."""
    if t.dtype.is_floating_point and bool(t.isnan().any()):
        t = torch.where(t.isnan(), torch.tensor(NAN, dtype=t.dtype), t)
    return t


def enc_out(r):
    if isinstance(r, torch.Tensor):
        return [enc(r)]
    if isinstance(r, torch.dtype):
        return [{'value': str(r)[6:]}]
    if isinstance(r, (bool, int, float, str)):
        return [{'value': enc_arg(r) if isinstance(r, float) else r}]
    if isinstance(r, (tuple, list)):
        return [enc(t) for t in r]
    raise TypeError(type(r))


# ---- the ops, with the positional arguments the Java side takes ------------------------------------

def _opt(v, default):
    return default if v is None else v


def _sum(x, dims, keepdim, dtype):
    if dims is None:
        return torch.sum(x, dtype=T(dtype) if dtype else None) if not keepdim else \
            torch.sum(x, dim=list(range(x.dim())), keepdim=True, dtype=T(dtype) if dtype else None)
    return torch.sum(x, dim=dims, keepdim=keepdim, dtype=T(dtype) if dtype else None)


def _clamp(x, lo, hi):
    return torch.clamp(x, lo, hi)


def _nan_to_num(x, nan, posinf, neginf):
    return torch.nan_to_num(x, nan=_opt(nan, 0.0), posinf=posinf, neginf=neginf)


def _where(c, x, y):
    return torch.where(c, x, y)


def _step(v, s):
    kind, args = s[0], s[1:]
    if kind == 'index':
        return v[tuple(args[0])]
    if kind == 'slice':  # Tensor.slice in Java: v[..., start:end:step] along one dim
        d, start, end, step = args
        return v[(slice(None),) * d + (slice(start, end, step),)]
    return getattr(v, kind)(*args)


def _views(base, steps):
    v = base
    for s in steps:
        v = _step(v, s)
    return v


def _inplace_view(base, steps, op, *args):
    v = base
    for s in steps:
        v = _step(v, s)
    PY[op](v, *args)
    return base


def _norm(x, p, dims, keepdim):
    return torch.linalg.vector_norm(x, ord=p, dim=dims, keepdim=keepdim)


PY = {
    # unary
    **{n: getattr(torch, n) for n in
       ['neg', 'abs', 'sign', 'exp', 'exp2', 'expm1', 'log', 'log2', 'log10', 'log1p', 'sqrt', 'rsqrt', 'reciprocal',
        'sin', 'cos', 'tan', 'asin', 'acos', 'atan', 'sinh', 'cosh', 'tanh', 'asinh', 'acosh', 'atanh', 'sigmoid',
        'relu', 'erf', 'erfc', 'erfinv', 'lgamma', 'digamma', 'floor', 'ceil', 'round', 'trunc', 'frac', 'square',
        'isnan', 'isinf', 'isposinf', 'isneginf', 'isfinite', 'signbit', 'logical_not', 'bitwise_not']},
    'silu': F.silu, 'mish': F.mish, 'logsigmoid': F.logsigmoid,
    'gelu': lambda x, approximate: F.gelu(x, approximate=approximate),
    'softplus': lambda x, beta, threshold: F.softplus(x, beta, threshold),
    'round_decimals': lambda x, d: torch.round(x, decimals=d),
    'polygamma': lambda x, n: torch.polygamma(n, x),
    'mvlgamma': lambda x, p: torch.mvlgamma(x, p),
    'clamp': _clamp,
    'nan_to_num': _nan_to_num,
    # binary
    'add': lambda a, b, alpha=1: torch.add(a, b, alpha=alpha),
    'sub': lambda a, b, alpha=1: torch.sub(a, b, alpha=alpha),
    'rsub': lambda a, b: torch.rsub(a, b),
    'mul': torch.mul,
    'div': lambda a, b, mode=None: torch.div(a, b, rounding_mode=mode),
    'floor_divide': torch.floor_divide,
    **{n: getattr(torch, n) for n in
       ['remainder', 'fmod', 'pow', 'maximum', 'minimum', 'fmax', 'fmin', 'atan2', 'hypot', 'copysign', 'xlogy',
        'eq', 'ne', 'lt', 'le', 'gt', 'ge', 'logical_and', 'logical_or', 'logical_xor', 'bitwise_and', 'bitwise_or',
        'bitwise_xor', 'bitwise_left_shift', 'bitwise_right_shift', 'lerp', 'isclose']},
    'where': _where,
    'addcmul': lambda s, a, b, v: torch.addcmul(s, a, b, value=v),
    'addcdiv': lambda s, a, b, v: torch.addcdiv(s, a, b, value=v),
    'equal': torch.equal,
    # in place (return self)
    'add_': lambda s, o, alpha=1: s.add_(o, alpha=alpha),
    'sub_': lambda s, o, alpha=1: s.sub_(o, alpha=alpha),
    'mul_': lambda s, o: s.mul_(o),
    'div_': lambda s, o: s.div_(o),
    'pow_': lambda s, o: s.pow_(o),
    **{n + '_': (lambda n: lambda s: getattr(s, n + '_')())(n) for n in
       ['neg', 'abs', 'exp', 'log', 'sqrt', 'relu', 'sigmoid', 'tanh', 'floor']},
    'fill_': lambda s, v: s.fill_(v),
    'zero_': lambda s: s.zero_(),
    'copy_': lambda s, src: s.copy_(src),
    'clamp_': lambda s, lo, hi: s.clamp_(lo, hi),
    'clamp_min_': lambda s, lo: s.clamp_min_(lo),
    'clamp_max_': lambda s, hi: s.clamp_max_(hi),
    'masked_fill_': lambda s, m, v: s.masked_fill_(m, v),
    'masked_fill': lambda s, m, v: s.masked_fill(m, v),
    'addcmul_': lambda s, a, b, v: s.addcmul_(a, b, value=v),
    'addcdiv_': lambda s, a, b, v: s.addcdiv_(a, b, value=v),
    'lerp_': lambda s, e, w: s.lerp_(e, w),
    'inplace_view': _inplace_view,
    'aliased': lambda base, steps, op, *rest: (PY[op](*[_views(base, s) for s in steps], *rest), base)[1],
    # promotion and conversion
    'result_type': torch.result_type,
    'promote_types': lambda a, b: torch.promote_types(T(a), T(b)),
    'can_cast': lambda a, b: torch.can_cast(T(a), T(b)),
    'to': lambda x, d: x.to(T(d)),
    'item': lambda x: x.item(),
    'arange': lambda start, end, step: torch.arange(start, end, step),
    'linspace': lambda start, end, steps: torch.linspace(start, end, steps),
    'linspace_float64': lambda start, end, steps: torch.linspace(start, end, steps, dtype=torch.float64),
    'eye': lambda n, m: torch.eye(n, m),
    'full': lambda shape, v: torch.full(shape, v),
    # reductions
    'sum': _sum,
    'mean': lambda x, dims, keepdim: torch.mean(x) if dims is None and not keepdim else torch.mean(x, dim=dims if dims is not None else list(range(x.dim())), keepdim=keepdim),
    'prod': lambda x, dim, keepdim: torch.prod(x) if dim is None else torch.prod(x, dim, keepdim=keepdim),
    'max': lambda x: torch.max(x),
    'min': lambda x: torch.min(x),
    'max_dim': lambda x, dim, keepdim: tuple(torch.max(x, dim, keepdim=keepdim)),
    'min_dim': lambda x, dim, keepdim: tuple(torch.min(x, dim, keepdim=keepdim)),
    'amax': lambda x, dims, keepdim: torch.amax(x, dims, keepdim),
    'amin': lambda x, dims, keepdim: torch.amin(x, dims, keepdim),
    'argmax': lambda x, dim, keepdim: torch.argmax(x, dim, keepdim),
    'argmin': lambda x, dim, keepdim: torch.argmin(x, dim, keepdim),
    'var': lambda x, dims, c, keepdim: torch.var(x, dims, correction=c, keepdim=keepdim),
    'std': lambda x, dims, c, keepdim: torch.std(x, dims, correction=c, keepdim=keepdim),
    'norm': _norm,
    'logsumexp': lambda x, dims, keepdim: torch.logsumexp(x, dims, keepdim),
    'cumsum': lambda x, d: torch.cumsum(x, d),
    'cumprod': lambda x, d: torch.cumprod(x, d),
    'logcumsumexp': lambda x, d: torch.logcumsumexp(x, d),
    'all': lambda x, dim, keepdim: torch.all(x) if dim is None else torch.all(x, dim, keepdim),
    'any': lambda x, dim, keepdim: torch.any(x) if dim is None else torch.any(x, dim, keepdim),
    'count_nonzero': lambda x: int(torch.count_nonzero(x)),
    'topk': lambda x, k, dim, largest, srt: tuple(torch.topk(x, k, dim, largest, srt)),
    'sort': lambda x, dim, desc, stable: tuple(torch.sort(x, dim=dim, descending=desc, stable=stable)),
    'argsort': lambda x, dim, desc: torch.argsort(x, dim, desc),
    'unique': lambda x, inv, cnt: (lambda r: r if isinstance(r, tuple) else (r,))(
        torch.unique(x, sorted=True, return_inverse=inv, return_counts=cnt)),
    # linear algebra
    'matmul': torch.matmul, 'mm': torch.mm, 'bmm': torch.bmm, 'mv': torch.mv, 'dot': torch.dot, 'outer': torch.outer,
    'addmm': lambda i, a, b, beta, alpha: torch.addmm(i, a, b, beta=beta, alpha=alpha),
    # with beta == 0, 1.13's small-size CPU kernel reads the uninitialised result (NaN at random places); its
    # documented meaning, which later versions implement, is alpha * (a @ b) with the input ignored
    'baddbmm': lambda i, a, b, beta, alpha: torch.baddbmm(i, a, b, beta=beta, alpha=alpha) if beta != 0
    else torch.baddbmm(torch.zeros_like(i), a, b, beta=1, alpha=alpha),
    'einsum': lambda eq, ts: torch.einsum(eq, *ts),
    # views
    'view': lambda x, s: x.view(s), 'reshape': lambda x, s: x.reshape(s), 'permute': lambda x, d: x.permute(d),
    'transpose': lambda x, a, b: x.transpose(a, b), 't': lambda x: x.t(), 'mT': lambda x: x.mT,
    'narrow': lambda x, d, s, l: x.narrow(d, s, l), 'select': lambda x, d, i: x.select(d, i),
    'index': lambda x, idx: x[idx], 'expand': lambda x, s: x.expand(s),
    'squeeze': lambda x, d: x.squeeze() if d is None else x.squeeze(d), 'unsqueeze': lambda x, d: x.unsqueeze(d),
    'flatten': lambda x, s, e: x.flatten(s, e), 'unflatten': lambda x, d, s: x.unflatten(d, s),
    'unfold': lambda x, d, size, step: x.unfold(d, size, step),
    'as_strided': lambda x, size, stride, off: x.as_strided(size, stride, off),
    'diagonal': lambda x, off, a, b: x.diagonal(off, a, b),
    'split': lambda x, s, d: tuple(x.split(s, d)), 'chunk': lambda x, n, d: tuple(x.chunk(n, d)),
    'unbind': lambda x, d: tuple(x.unbind(d)), 'movedim': lambda x, s, d: x.movedim(s, d),
    'contiguous': lambda x: x.contiguous(), 'clone': lambda x: x.clone(),
    # indexing
    'index_select': lambda x, d, i: torch.index_select(x, d, i),
    'gather': lambda x, d, i: torch.gather(x, d, i),
    'scatter': lambda x, d, i, s: torch.scatter(x, d, i, s),
    'scatter_add': lambda x, d, i, s: torch.scatter_add(x, d, i, s),
    'scatter_reduce': lambda x, d, i, s, r, inc=True: torch.scatter_reduce(x, d, i, s, r, include_self=inc),
    'scatter_reduce_backward': lambda x, d, i, s, r, inc, g: _scatter_reduce_backward(x, d, i, s, r, inc, g),
    'index_add': lambda x, d, i, s, alpha: torch.index_add(x, d, i, s, alpha=alpha),
    'index_add_': lambda x, d, i, s: x.index_add_(d, i, s),
    'scatter_': lambda x, d, i, s: x.scatter_(d, i, s),
    'scatter_add_': lambda x, d, i, s: x.scatter_add_(d, i, s),
    'scatter_reduce_': lambda x, d, i, s, r, inc: x.scatter_reduce_(d, i, s, r, include_self=inc),
    'masked_select': torch.masked_select,
    'index_put_': lambda x, idx, v, acc: _setitem(x, idx, v, acc),
    'index_put_x': lambda x, v: x.index_put_((torch.tensor([0]),), v),
    'take': torch.take, 'nonzero': torch.nonzero,
    'where_cond': lambda c: torch.where(c),
    # joins
    'cat': lambda ts, d: torch.cat(ts, d), 'stack': lambda ts, d: torch.stack(ts, d),
    'repeat': lambda x, r: x.repeat(r), 'tile': lambda x, r: torch.tile(x, r), 'flip': lambda x, d: torch.flip(x, d),
    'roll': lambda x, s, d: torch.roll(x, s, d), 'tril': torch.tril, 'triu': torch.triu,
    'pad': lambda x, p, mode, value: F.pad(x, p, mode, value) if mode == 'constant' or value else F.pad(x, p, mode),
    # printing
    'str': str,
}


# torch.nn.functional, with the positional arguments the Java kit's ops take (conformance/Ops.java)
PY.update({
    'conv1d': lambda x, w, b, s, p, d, g: F.conv1d(x, w, b, s, p, d, g),
    'conv2d': lambda x, w, b, s, p, d, g: F.conv2d(x, w, b, s, p, d, g),
    'conv_transpose2d': lambda x, w, b, s, p, op, g, d: F.conv_transpose2d(x, w, b, s, p, op, g, d),
    'max_pool1d': lambda x, k, s, p, d, c: F.max_pool1d(x, k, s, p, d, ceil_mode=c),
    'max_pool2d': lambda x, k, s, p, d, c: F.max_pool2d(x, k, s, p, d, ceil_mode=c),
    'avg_pool1d': lambda x, k, s, p, c, cip: F.avg_pool1d(x, k, s, p, c, cip),
    'avg_pool2d': lambda x, k, s, p, c, cip, div: F.avg_pool2d(x, k, s, p, c, cip, div),
    'adaptive_avg_pool2d': lambda x, size: F.adaptive_avg_pool2d(x, size),
    'adaptive_max_pool2d': lambda x, size: F.adaptive_max_pool2d(x, size),
    'softmax': lambda x, d: F.softmax(x, d), 'log_softmax': lambda x, d: F.log_softmax(x, d),
    'softmin': lambda x, d: F.softmin(x, d),
    'layer_norm': lambda x, shape, w, b, eps: F.layer_norm(x, shape, w, b, eps),
    'group_norm': lambda x, g, w, b, eps: F.group_norm(x, g, w, b, eps),
    'batch_norm': lambda x, rm, rv, w, b, training, momentum, eps: F.batch_norm(x, rm, rv, w, b, training, momentum, eps),
    'embedding': lambda i, w, pad: F.embedding(i, w, pad),
    'interpolate': lambda x, size, scale, mode, ac: F.interpolate(x, size, scale, mode, ac),
    'mse_loss': lambda x, y, r: F.mse_loss(x, y, reduction=r), 'l1_loss': lambda x, y, r: F.l1_loss(x, y, reduction=r),
    'smooth_l1_loss': lambda x, y, r, beta: F.smooth_l1_loss(x, y, reduction=r, beta=beta),
    'huber_loss': lambda x, y, r, delta: F.huber_loss(x, y, reduction=r, delta=delta),
    'cross_entropy': lambda x, y, w, ii, r, ls: F.cross_entropy(x, y, w, ignore_index=ii, reduction=r, label_smoothing=ls),
    'nll_loss': lambda x, y, w, ii, r: F.nll_loss(x, y, w, ignore_index=ii, reduction=r),
    'binary_cross_entropy': lambda x, y, w, r: F.binary_cross_entropy(x, y, w, reduction=r),
    'bce_with_logits': lambda x, y, w, pw, r: F.binary_cross_entropy_with_logits(x, y, w, reduction=r, pos_weight=pw),
    'kl_div': lambda x, y, r, lt: F.kl_div(x, y, reduction=r, log_target=lt),
    'normalize': lambda x, p, d, eps: F.normalize(x, p, d, eps),
    'cosine_similarity': lambda a, b, d, eps: F.cosine_similarity(a, b, d, eps),
    'pairwise_distance': lambda a, b, p, eps, k: F.pairwise_distance(a, b, p, eps, k),
    'pixel_shuffle': lambda x, r: F.pixel_shuffle(x, r), 'one_hot': lambda i, n: F.one_hot(i, n),
    'glu': lambda x, d: F.glu(x, d), 'leaky_relu': lambda x, s: F.leaky_relu(x, s), 'elu': lambda x, a: F.elu(x, a),
    'hardtanh': lambda x, lo, hi: F.hardtanh(x, lo, hi),
    'unfold_nn': lambda x, k, d, p, s: F.unfold(x, k, d, p, s),
    'conv3d': lambda x, w, b, s, p, d, g: F.conv3d(x, w, b, s, p, d, g),
    'max_pool3d': lambda x, k, s, p, d, c: F.max_pool3d(x, k, s, p, d, ceil_mode=c),
    'avg_pool3d': lambda x, k, s, p, c, cip, div: F.avg_pool3d(x, k, s, p, c, cip, div),
    'adaptive_avg_pool1d': lambda x, n: F.adaptive_avg_pool1d(x, n),
    'adaptive_max_pool1d': lambda x, n: F.adaptive_max_pool1d(x, n),
    'lp_pool1d': lambda x, p, k, s, c: F.lp_pool1d(x, p, k, s, c),
    'instance_norm': lambda x, rm, rv, w, b, use, momentum, eps: F.instance_norm(x, rm, rv, w, b, use, momentum, eps),
    'local_response_norm': lambda x, size, alpha, beta, k: F.local_response_norm(x, size, alpha, beta, k),
    'embedding_bag': lambda i, w, off, mode, psw, pad: F.embedding_bag(i, w, off, mode=mode, per_sample_weights=psw,
                                                                        padding_idx=pad),
    'grid_sample': lambda x, g, mode, pm, ac: F.grid_sample(x, g, mode, pm, ac),
    'pixel_unshuffle': lambda x, r: F.pixel_unshuffle(x, r),
    'multi_margin_loss': lambda x, y, p, m, w, r: F.multi_margin_loss(x, y, p, m, w, reduction=r),
    'multilabel_margin_loss': lambda x, y, r: F.multilabel_margin_loss(x, y, reduction=r),
    'triplet_margin_loss': lambda a, p, n, m, pn, eps, swap, r: F.triplet_margin_loss(a, p, n, m, pn, eps, swap, reduction=r),
    'margin_ranking_loss': lambda a, b, y, m, r: F.margin_ranking_loss(a, b, y, m, reduction=r),
    'hinge_embedding_loss': lambda x, y, m, r: F.hinge_embedding_loss(x, y, m, reduction=r),
    'soft_margin_loss': lambda x, y, r: F.soft_margin_loss(x, y, reduction=r),
    'multilabel_soft_margin_loss': lambda x, y, w, r: F.multilabel_soft_margin_loss(x, y, w, reduction=r),
    'poisson_nll_loss': lambda x, y, li, full, eps, r: F.poisson_nll_loss(x, y, li, full, eps=eps, reduction=r),
    'gaussian_nll_loss': lambda x, y, v, full, eps, r: F.gaussian_nll_loss(x, y, v, full, eps, r),
    'cosine_embedding_loss': lambda a, b, y, m, r: F.cosine_embedding_loss(a, b, y, m, reduction=r),
    'hardswish': F.hardswish, 'hardsigmoid': F.hardsigmoid, 'selu': F.selu, 'relu6': F.relu6, 'softsign': F.softsign,
    'tanhshrink': F.tanhshrink, 'celu': lambda x, a: F.celu(x, a), 'softshrink': lambda x, l: F.softshrink(x, l),
    'hardshrink': lambda x, l: F.hardshrink(x, l), 'threshold': lambda x, th, v: F.threshold(x, th, v),
    'prelu': lambda x, w: F.prelu(x, w),
    'fold_nn': lambda x, out, k, d, p, s: F.fold(x, out, k, d, p, s),
})


# ---- torch.linalg (the fuzz tool's --linalg calls) ----------------------------------------------------------

def _phased(v):
    """v with each column scaled by the unit number that makes its largest-magnitude entry real and positive:
    singular and eigen vectors are unique only up to that factor. The factor goes through sgn, so to autograd
    a loss of the result does not depend on the phase the factorisation chose either."""
    if v.numel() == 0:
        return v
    i = v.detach().abs().argmax(-2, keepdim=True)
    return v * torch.sgn(v.gather(-2, i)).conj()


def _svd_phased(a):
    u, s, vh = torch.linalg.svd(a, full_matrices=False)
    if u.numel() == 0 or vh.numel() == 0:
        return u, s, vh
    c = torch.sgn(u.gather(-2, u.detach().abs().argmax(-2, keepdim=True))).conj()
    return u * c, s, vh * c.conj().mT


def _eigh_phased(a, uplo):
    w, v = torch.linalg.eigh(a, uplo)
    return w, _phased(v)


def _by_real_then_imag(w):
    """Indices sorting each row of complex w by real part, then imaginary part (geev's order is its own)."""
    flat = w.detach().reshape(-1, w.shape[-1]) if w.numel() else w.detach().reshape(0, w.shape[-1])
    rows = [sorted(range(len(r)), key=lambda i, r=r: (r[i].real, r[i].imag)) for r in flat.tolist()]
    return torch.tensor(rows, dtype=torch.long).reshape(w.shape)


def _eig_sorted(a):
    """linalg.eig with the eigenvalues sorted (real part, then imaginary) and the vectors with them, phased."""
    w, v = torch.linalg.eig(a)
    if w.numel() == 0:
        return w, v
    idx = _by_real_then_imag(w)
    return w.gather(-1, idx), _phased(v.gather(-1, idx.unsqueeze(-2).expand(v.shape)))


def _eigvals_sorted(a):
    w = torch.linalg.eigvals(a)
    return w if w.numel() == 0 else w.gather(-1, _by_real_then_imag(w))


def _ldl_solve(a, b, hermitian):
    ld, piv = torch.linalg.ldl_factor(a, hermitian=hermitian)
    return torch.linalg.ldl_solve(ld, piv, b, hermitian=hermitian)


LA = torch.linalg
PY.update({
    'linalg_inv': LA.inv, 'linalg_inv_ex': lambda a: tuple(LA.inv_ex(a)), 'linalg_det': LA.det,
    'linalg_slogdet': lambda a: tuple(LA.slogdet(a)),
    'linalg_solve': lambda a, b, left: LA.solve(a, b, left=left),
    'linalg_solve_ex': lambda a, b, left: tuple(LA.solve_ex(a, b, left=left)),
    'linalg_lu_factor': lambda a: tuple(LA.lu_factor(a)),
    'linalg_lu_factor_ex': lambda a, pivot: tuple(LA.lu_factor_ex(a, pivot=pivot)),
    'linalg_lu': lambda a: tuple(LA.lu(a)),
    'linalg_lu_solve': lambda lu, piv, b, left, adjoint: LA.lu_solve(lu, piv, b, left=left, adjoint=adjoint),
    'linalg_solve_triangular': lambda a, b, upper, left, unit: LA.solve_triangular(a, b, upper=upper, left=left,
                                                                                  unitriangular=unit),
    'linalg_cholesky': lambda a, upper: LA.cholesky(a, upper=upper),
    'linalg_cholesky_ex': lambda a, upper: tuple(LA.cholesky_ex(a, upper=upper)),
    'linalg_matrix_power': LA.matrix_power, 'linalg_matrix_exp': LA.matrix_exp,
    'linalg_multi_dot': LA.multi_dot,
    'linalg_cross': lambda a, b, d: LA.cross(a, b, dim=d), 'linalg_vecdot': lambda x, y, d: LA.vecdot(x, y, dim=d),
    'linalg_matrix_norm': lambda a, o, d, k: LA.matrix_norm(a, o, d, k),
    'linalg_norm': lambda a, o, d, k: LA.norm(a, o, d, k),
    'linalg_cond': LA.cond,
    'linalg_pinv': lambda a, atol, rtol, h: LA.pinv(a, atol=atol, rtol=rtol, hermitian=h),
    'linalg_lstsq': lambda a, b, rcond: LA.lstsq(a, b, rcond)[0],
    'linalg_matrix_rank': lambda a, atol, rtol, h: LA.matrix_rank(a, atol=atol, rtol=rtol, hermitian=h),
    'linalg_svd_phased': _svd_phased, 'linalg_svdvals': LA.svdvals,
    'linalg_eigh_phased': _eigh_phased, 'linalg_eigvalsh': LA.eigvalsh,
    'linalg_eig_sorted': _eig_sorted, 'linalg_eigvals_sorted': _eigvals_sorted,
    'linalg_qr': lambda a, mode: tuple(LA.qr(a, mode)),
    'linalg_householder_product': LA.householder_product,
    'linalg_ldl_solve': _ldl_solve, 'linalg_ldl_factor': lambda a, h: tuple(LA.ldl_factor(a, hermitian=h)),
    'linalg_tensorinv': lambda a, ind: LA.tensorinv(a, ind),
    'linalg_tensorsolve': lambda a, b, dims: LA.tensorsolve(a, b, dims),
    'linalg_vander': lambda x, n: LA.vander(x, N=n),
    'linalg_diagonal': lambda a, off, d1, d2: LA.diagonal(a, offset=off, dim1=d1, dim2=d2),
})

# complex numbers (the fuzz tool's --complex calls)
PY.update({'sgn': torch.sgn, 'angle': torch.angle, 'conj': torch.conj, 'conj_physical': torch.conj_physical,
           'real': torch.real, 'imag': torch.imag, 'complex': torch.complex, 'polar': torch.polar,
           'view_as_real': torch.view_as_real})

# torch.fft (the fuzz tool's --fft calls): [x, n or s, dim or dims, norm]; the frequencies [n, d, dtype]
FFT = torch.fft
PY.update({f'fft_{f}': (lambda f: lambda x, n, d, norm: getattr(FFT, f)(x, n, d, norm))(f)
           for f in ['fft', 'ifft', 'rfft', 'irfft', 'hfft', 'ihfft']})
PY.update({f'fft_{f}': (lambda f: lambda x, s, dims, norm: getattr(FFT, f)(x, s, dims if dims is not None else (-2, -1), norm)
                        if f.endswith('2') else getattr(FFT, f)(x, s, dims, norm))(f)
           for f in ['fft2', 'ifft2', 'rfft2', 'irfft2', 'hfft2', 'ihfft2', 'fftn', 'ifftn', 'rfftn', 'irfftn', 'hfftn', 'ihfftn']})
PY.update({'fft_fftfreq': lambda n, d, dtype: FFT.fftfreq(n, d, dtype=T(dtype)),
           'fft_rfftfreq': lambda n, d, dtype: FFT.rfftfreq(n, d, dtype=T(dtype)),
           'fft_fftshift': lambda x, dims: FFT.fftshift(x, dims), 'fft_ifftshift': lambda x, dims: FFT.ifftshift(x, dims)})

# torch.special (the fuzz tool's --special calls)
SPECIAL_UNARY = ['airy_ai', 'bessel_j0', 'bessel_j1', 'bessel_y0', 'bessel_y1', 'digamma', 'entr', 'erf', 'erfc',
                 'erfcx', 'erfinv', 'exp2', 'expit', 'expm1', 'gammaln', 'i0', 'i0e', 'i1', 'i1e', 'log1p', 'log_ndtr',
                 'logit', 'modified_bessel_i0', 'modified_bessel_i1', 'modified_bessel_k0', 'modified_bessel_k1', 'ndtr',
                 'ndtri', 'psi', 'sinc', 'scaled_modified_bessel_k0', 'scaled_modified_bessel_k1', 'spherical_bessel_j0']
SPECIAL_BINARY = ['gammainc', 'gammaincc', 'xlog1py', 'xlogy', 'zeta', 'chebyshev_polynomial_t', 'chebyshev_polynomial_u',
                  'chebyshev_polynomial_v', 'chebyshev_polynomial_w', 'hermite_polynomial_h', 'hermite_polynomial_he',
                  'laguerre_polynomial_l', 'legendre_polynomial_p', 'shifted_chebyshev_polynomial_t',
                  'shifted_chebyshev_polynomial_u', 'shifted_chebyshev_polynomial_v', 'shifted_chebyshev_polynomial_w']
PY.update({f'special_{n}': getattr(torch.special, n) for n in SPECIAL_UNARY + SPECIAL_BINARY})
PY['special_multigammaln'] = torch.special.multigammaln

# torch.distributions: each one's constructor parameters in order (the Java kit's DistributionOps.PARAMS)
DIST_PARAMS = {
    'Normal': ['loc', 'scale'], 'Uniform': ['low', 'high'], 'Exponential': ['rate'], 'Laplace': ['loc', 'scale'],
    'Gamma': ['concentration', 'rate'], 'Beta': ['concentration1', 'concentration0'], 'LogNormal': ['loc', 'scale'],
    'Bernoulli': ['probs', 'logits'], 'Poisson': ['rate'], 'Binomial': ['total_count', 'probs', 'logits'],
    'Cauchy': ['loc', 'scale'], 'HalfNormal': ['scale'], 'HalfCauchy': ['scale'], 'Gumbel': ['loc', 'scale'],
    'Weibull': ['scale', 'concentration'], 'Pareto': ['scale', 'alpha'], 'Chi2': ['df'], 'StudentT': ['df', 'loc', 'scale'],
    'Geometric': ['probs', 'logits'], 'NegativeBinomial': ['total_count', 'probs', 'logits'],
    'ContinuousBernoulli': ['probs', 'logits'], 'Kumaraswamy': ['concentration1', 'concentration0'],
    'VonMises': ['loc', 'concentration'], 'Dirichlet': ['concentration'], 'Categorical': ['probs', 'logits'],
    'OneHotCategorical': ['probs', 'logits'], 'LogitRelaxedBernoulli': ['temperature', 'probs', 'logits'],
    'RelaxedBernoulli': ['temperature', 'probs', 'logits']}


def make_dist(name, params):
    """torch.distributions.<name> from its parameters in constructor order (None for an unused one)."""
    module = torch.distributions.relaxed_bernoulli if name == 'LogitRelaxedBernoulli' else torch.distributions
    return getattr(module, name)(**{k: v for k, v in zip(DIST_PARAMS[name], params) if v is not None})


def _dist(name, method, value, *params):
    """[name, method, value, parameters...]: torch.distributions.<name>(parameters).<method>(value), or the
    property or entropy."""
    d = make_dist(name, params)
    if method in ('log_prob', 'cdf', 'icdf'):
        return getattr(d, method)(value)
    if method == 'entropy':
        return d.entropy()
    return getattr(d, method)


PY['dist'] = _dist


def _rnn_module(mode, x, h0, c0, weights, layers, bias, batch_first, bidirectional, proj, lengths):
    """[mode, input, h0, c0, weights, num_layers, bias, batch_first, bidirectional, proj_size, lengths]: nn.RNN
    (RNN_TANH, RNN_RELU), nn.LSTM or nn.GRU in the input's dtype with the weights copied into its parameters in
    order (detached: only the input and state are differentiated), run on the input (packed with the lengths,
    unsorted, and padded back when they are given): output, h_n (and c_n)."""
    gates = {'LSTM': 4, 'GRU': 3}.get(mode, 1)
    kw = {'nonlinearity': 'tanh' if mode == 'RNN_TANH' else 'relu'} if mode.startswith('RNN') else {}
    if proj:
        kw['proj_size'] = proj
    cls = {'LSTM': torch.nn.LSTM, 'GRU': torch.nn.GRU}.get(mode, torch.nn.RNN)
    m = cls(x.shape[-1], weights[0].shape[0] // gates, layers, bias=bias, batch_first=batch_first,
            bidirectional=bidirectional, dtype=x.dtype, **kw)
    with torch.no_grad():
        for p, w in zip(m.parameters(), weights):
            p.copy_(w)
    hx = None if h0 is None else (h0, c0) if mode == 'LSTM' else h0
    if lengths is None:
        out, h = m(x, hx)
    else:
        packed = torch.nn.utils.rnn.pack_padded_sequence(x, lengths, batch_first=batch_first, enforce_sorted=False)
        out, h = m(packed, hx)
        out = torch.nn.utils.rnn.pad_packed_sequence(out, batch_first=batch_first)[0]
    return (out,) + (tuple(h) if mode == 'LSTM' else (h,))


PY['rnn_module'] = _rnn_module


def _attn_module(kind, x, y, z, names, weights, heads, ff, flags, m1, m2, m3, m4):
    """[kind, x, y, z, names, weights, heads, dim_feedforward, flags, mask1..mask4]: nn.MultiheadAttention (kind
    'mha': query x, key y, value z, attn_mask m1, key_padding_mask m2), nn.TransformerEncoderLayer ('encoder': src
    x, src_mask m1, src_key_padding_mask m2) or nn.TransformerDecoderLayer ('decoder': tgt x, memory y, tgt_mask m1,
    tgt_key_padding_mask m2, memory_mask m3, memory_key_padding_mask m4) in x's dtype, dropout 0, in training mode
    (1.13's fast paths run only in eval), with the named weights copied in (detached). flags: bias, bias_kv,
    zero_attn, batch_first, need_weights, average (mha); gelu, norm_first, batch_first (layers). The output, and for
    mha with need_weights the attention weights."""
    f = set(flags)
    e = x.shape[-1]
    if kind == 'mha':
        m = torch.nn.MultiheadAttention(e, heads, bias='bias' in f, add_bias_kv='bias_kv' in f,
                                        add_zero_attn='zero_attn' in f, kdim=y.shape[-1], vdim=z.shape[-1],
                                        batch_first='batch_first' in f, dtype=x.dtype)
    else:
        cls = torch.nn.TransformerEncoderLayer if kind == 'encoder' else torch.nn.TransformerDecoderLayer
        m = cls(e, heads, ff, dropout=0.0, activation='gelu' if 'gelu' in f else 'relu',
                batch_first='batch_first' in f, norm_first='norm_first' in f, dtype=x.dtype)
    params = dict(m.named_parameters())
    with torch.no_grad():
        for n, w in zip(names, weights):
            params[n].copy_(w)
    if kind == 'mha':
        out, w = m(x, y, z, key_padding_mask=m2, need_weights='need_weights' in f, attn_mask=m1,
                   average_attn_weights='average' in f)
        return (out, w) if 'need_weights' in f else (out,)
    if kind == 'encoder':
        return m(x, src_mask=m1, src_key_padding_mask=m2)
    return m(x, y, tgt_mask=m1, memory_mask=m3, tgt_key_padding_mask=m2, memory_key_padding_mask=m4)


PY['attn_module'] = _attn_module


def _tv(name):
    """torchvision.ops.<name>, imported when first called (only the vision cases need torchvision)."""
    def call(*args):
        import torchvision.ops
        return getattr(torchvision.ops, name)(*args)
    return call


# torchvision.ops through the kit's tv_* ops (VisionOps in the vision module's tests); a pair of sizes as a list
for _name in ['box_area', 'box_iou', 'generalized_box_iou', 'distance_box_iou', 'complete_box_iou', 'box_convert',
              'remove_small_boxes', 'masks_to_boxes', 'nms', 'batched_nms', 'sigmoid_focal_loss',
              'generalized_box_iou_loss', 'distance_box_iou_loss', 'complete_box_iou_loss']:
    PY['tv_' + _name] = _tv(_name)
PY['tv_clip_boxes_to_image'] = lambda boxes, size: _tv('clip_boxes_to_image')(boxes, tuple(size))
PY['tv_roi_align'] = lambda x, boxes, size, scale, ratio, aligned: _tv('roi_align')(x, boxes, tuple(size), scale, ratio, aligned)
PY['tv_roi_pool'] = lambda x, boxes, size, scale: _tv('roi_pool')(x, boxes, tuple(size), scale)
PY['tv_ps_roi_align'] = lambda x, boxes, size, scale, ratio: _tv('ps_roi_align')(x, boxes, tuple(size), scale, ratio)
PY['tv_ps_roi_pool'] = lambda x, boxes, size, scale: _tv('ps_roi_pool')(x, boxes, tuple(size), scale)
PY['tv_deform_conv2d'] = lambda x, offset, w, b, stride, padding, dilation, mask: _tv('deform_conv2d')(
    x, offset, w, b, tuple(stride), tuple(padding), tuple(dilation), mask)


def _tvf(name):
    """torchvision.transforms.functional.<name>, imported when first called."""
    def call(*args, **kw):
        import torchvision.transforms.functional
        return getattr(torchvision.transforms.functional, name)(*args, **kw)
    return call


def _mode(name):
    from torchvision.transforms import InterpolationMode
    return InterpolationMode(name)


# torchvision.transforms.functional through the kit's tvf_* ops (VisionOps); modes by torchvision's names
for _name in ['hflip', 'vflip', 'crop', 'adjust_brightness', 'adjust_contrast', 'adjust_saturation', 'adjust_hue',
              'adjust_sharpness', 'adjust_gamma', 'invert', 'posterize', 'solarize', 'autocontrast', 'equalize',
              'rgb_to_grayscale', 'normalize']:
    PY['tvf_' + _name] = _tvf(_name)
PY['tvf_resize'] = lambda img, size, mode, antialias: _tvf('resize')(img, size, _mode(mode), antialias=antialias)
PY['tvf_center_crop'] = lambda img, size: _tvf('center_crop')(img, size)
PY['tvf_resized_crop'] = lambda img, top, left, h, w, size, mode, antialias: _tvf('resized_crop')(
    img, top, left, h, w, size, _mode(mode), antialias=antialias)
PY['tvf_pad'] = lambda img, padding, fill, mode: _tvf('pad')(img, padding, fill, mode)
PY['tvf_rotate'] = lambda img, angle, mode, expand, center, fill: _tvf('rotate')(img, angle, _mode(mode), expand, center, fill)
PY['tvf_affine'] = lambda img, angle, translate, scale, shear, mode, fill, center: _tvf('affine')(
    img, angle, translate, scale, shear, _mode(mode), fill, center)
PY['tvf_perspective'] = lambda img, start, end, mode, fill: _tvf('perspective')(img, start, end, _mode(mode), fill)
PY['tvf_gaussian_blur'] = lambda img, ksize, sigma: _tvf('gaussian_blur')(img, ksize, sigma)
PY['tvf_convert_image_dtype'] = lambda img, dtype: _tvf('convert_image_dtype')(img, T(dtype))


def _ta(name):
    """torchaudio.functional.<name>, imported when first called."""
    def call(*args):
        import torchaudio.functional
        return getattr(torchaudio.functional, name)(*args)
    return call


# torchaudio.functional through the kit's ta_* ops (AudioOps in the audio module's tests), positional as torchaudio 0.13
# takes them; a spectrogram's `normalized` by name ('none', 'window', 'frame_length'), torchaudio's False for 'none'
for _name in ['inverse_spectrogram', 'griffinlim', 'phase_vocoder', 'melscale_fbanks', 'linear_fbanks', 'create_dct',
              'amplitude_to_DB', 'DB_to_amplitude', 'mu_law_encoding', 'mu_law_decoding', 'gain', 'resample',
              'compute_deltas', 'lfilter', 'filtfilt', 'biquad', 'lowpass_biquad', 'highpass_biquad', 'allpass_biquad',
              'bandpass_biquad', 'bandreject_biquad', 'band_biquad', 'equalizer_biquad', 'bass_biquad', 'treble_biquad',
              'deemph_biquad', 'riaa_biquad', 'overdrive', 'contrast', 'dcshift', 'flanger', 'phaser', 'spectral_centroid',
              'sliding_window_cmn', 'loudness', 'detect_pitch_frequency', 'psd', 'mvdr_weights_souden', 'mvdr_weights_rtf',
              'rtf_power', 'apply_beamforming', 'rnnt_loss', 'pitch_shift']:
    PY['ta_' + _name] = _ta(_name)
PY['ta_spectrogram'] = lambda x, pad, window, n_fft, hop, win, power, normalized, center, pad_mode, onesided: _ta('spectrogram')(
    x, pad, window, n_fft, hop, win, power, False if normalized == 'none' else normalized, center, pad_mode, onesided)
PY['ta_inverse_spectrogram'] = lambda spec, length, pad, window, n_fft, hop, win, normalized, center, pad_mode, onesided: \
    _ta('inverse_spectrogram')(spec, length, pad, window, n_fft, hop, win, False if normalized == 'none' else normalized, center,
                               pad_mode, onesided)

DIFFERENTIABLE = (torch.float32, torch.float64, torch.complex64, torch.complex128)


def leaves(args):
    """The arguments with each float32/float64 tensor (also inside a Tensors list) replaced by a fresh leaf that
    requires grad, and the leaves in order (the Java kit's "grad" op makes the same ones)."""
    found = []

    def leaf(a):
        if isinstance(a, torch.Tensor) and a.dtype in DIFFERENTIABLE:
            t = canonical_nan(a.clone()).requires_grad_()
            found.append(t)
            return t
        if isinstance(a, list) and a and all(isinstance(t, torch.Tensor) for t in a):  # Tensors, after py_arg
            return [leaf(t) for t in a]
        return py_arg(a)
    return [leaf(a) for a in args], found


def _grad(op, grad_out, *args):
    """op's first output and d sum(out * grad_out) / d (each leaf), zeros for a leaf the output does not use."""
    run, ls = leaves(args)
    r = PY[op](*run)
    out = r[0] if isinstance(r, tuple) else r
    if not ls or not out.requires_grad:
        raise AssertionError('nothing to differentiate')
    grads = torch.autograd.grad(out, ls, grad_out, allow_unused=True)
    return (out,) + tuple(torch.zeros_like(l) if d is None else d for l, d in zip(ls, grads))


PY['grad'] = _grad


def _grads(op, grad_outs, *args):
    """op's outputs and d sum_i(out_i * grad_outs[j]) / d (each leaf), summed over the floating and complex
    outputs in order (the j-th of them takes grad_outs[j]; an output that needs no gradient adds nothing)."""
    run, ls = leaves(args)
    r = PY[op](*run)
    outs = list(r) if isinstance(r, tuple) else [r]
    diff = [o for o in outs if o.dtype in DIFFERENTIABLE]
    pairs = [(o, gr) for o, gr in zip(diff, grad_outs) if o.requires_grad]
    if not ls or not pairs:
        raise AssertionError('nothing to differentiate')
    grads = torch.autograd.grad([o for o, _ in pairs], ls, [gr for _, gr in pairs], allow_unused=True)
    return tuple(o.detach() for o in outs) + tuple(torch.zeros_like(l) if d is None else d for l, d in zip(ls, grads))


PY['grads'] = _grads


def _scatter_reduce_backward(x, d, i, s, r, inc, g):
    """d sum(scatter_reduce(x, ...) * g) / d (x, s)."""
    x.requires_grad_()
    s.requires_grad_()
    return torch.autograd.grad(torch.scatter_reduce(x, d, i, s, r, include_self=inc), (x, s), g)


def _setitem(x, idx, v, acc):
    if not acc:
        x[tuple(idx)] = v
    elif all(isinstance(i, torch.Tensor) for i in idx):
        x.index_put_(tuple(idx), v, accumulate=True)
    else:
        # index_put_ takes only tensors: move the indexed dims first (full slices elsewhere), which is
        # also where x[idx] puts them when they are not adjacent
        tdims = [d for d, i in enumerate(idx) if isinstance(i, torch.Tensor)]
        assert all(idx[d] == slice(None) for d in range(len(idx)) if d not in tdims)
        assert any(b - a > 1 for a, b in zip(tdims, tdims[1:])), 'adjacent index tensors keep their place'
        xp = x.permute(tdims + [d for d in range(x.dim()) if d not in tdims])
        ts = tuple(idx[d] for d in tdims)
        xp.index_put_(ts, v.expand(xp[ts].shape), accumulate=True)
    return x


# ---- collecting cases -----------------------------------------------------------------------------

FILES = {}
SKIPPED = []


def emit(family, case):
    FILES.setdefault(family, []).append(case)


def names(args):
    return ','.join(str(a) for a in args)


# Cases where torch4j deliberately differs from PyTorch 1.13 (or cannot express the call): they are
# written with "skip": reason, and the Java kit reports them as skipped.
DEVIATIONS = {
    'clamp/uint8/int_bounds': 'PyTorch casts the bound -1 to uint8 (255) before clamping; torch4j clamps by value',
}

LOWP = (torch.float16, torch.bfloat16)
SINGLE_ROUNDING = []


def _tensors(r):
    return [r] if isinstance(r, torch.Tensor) else [t for t in r if isinstance(t, torch.Tensor)] \
        if isinstance(r, (tuple, list)) else []


# elementwise ops cast every operand to their common dtype before computing (in float32 for float16/bfloat16); lerp's
# number weight is not an operand (its kernel reads it in float32)
ELEMENTWISE_COMMON = {'add', 'sub', 'mul', 'div', 'remainder', 'fmod', 'pow', 'maximum', 'minimum', 'fmax', 'fmin',
                      'atan2', 'hypot', 'copysign', 'xlogy', 'floor_divide', 'eq', 'ne', 'lt', 'le', 'gt', 'ge',
                      'addcmul', 'addcdiv', 'add_', 'sub_', 'mul_', 'div_', 'addcmul_'}


def _cast_to_common(op, args, like):
    """An elementwise op's integer tensors and Python floats cast to its float16/bfloat16 common dtype, as PyTorch
    casts them before computing: int16 32767 beside a float16 tensor is 32768, 1e10 beside bfloat16 9999220736."""
    if op not in ELEMENTWISE_COMMON:
        return args
    if op in ('eq', 'ne', 'lt', 'le', 'gt', 'ge') or op.endswith('_'):  # not the result's dtype (bool, or self's)
        common = torch.result_type(*[py_arg(a) for a in args[:2]])
    elif isinstance(like, torch.Tensor):
        common = like.dtype
    else:
        common = next((a.dtype for a in args if isinstance(a, torch.Tensor) and a.dtype in LOWP), None)
    if common not in LOWP:
        return args
    return [a.to(common) if isinstance(a, torch.Tensor) and a.dtype != torch.bool else
            torch.tensor(a, dtype=common).item() if isinstance(a, float) else a for a in args]


def _in_float32(op, args, like):
    """The op on float32 copies of the float16/bfloat16 inputs (other operands first cast to the common dtype),
    each result rounded to like's dtype."""
    args = _cast_to_common(op, args, like)
    up = [a.float() if isinstance(a, torch.Tensor) and a.dtype in LOWP else
          Tensors([t.float() if t.dtype in LOWP else t for t in a]) if isinstance(a, Tensors) else a for a in args]
    r = PY[op](*[py_arg(a) for a in up])
    outs = _tensors(r)
    if like is None:
        low = [a.dtype for a in args if isinstance(a, torch.Tensor) and a.dtype in LOWP][0]
        conv = [t.to(low) if t.dtype == torch.float32 else t for t in outs]
    else:
        conv = [t.to(l.dtype) if t.dtype != l.dtype else t for t, l in zip(outs, _tensors(like))]
    return conv[0] if isinstance(r, torch.Tensor) else tuple(conv)


def _close(a, b):
    if a.dtype != b.dtype or a.shape != b.shape:
        return False
    if not a.dtype.is_floating_point:
        return torch.equal(a, b)
    rtol, atol = {torch.float16: (1e-3, 1e-5), torch.bfloat16: (1.6e-2, 1e-5)}.get(a.dtype, (1.3e-6, 1e-5))
    return torch.allclose(a.double(), b.double(), rtol=rtol, atol=atol, equal_nan=True)


def _is_coverage_gap(op, msg):
    """PyTorch 1.13 lacks a kernel for the dtype: not a semantic rule (torch4j may compute it)."""
    return 'not implemented for' in msg and not op.startswith('bitwise')


def add_case(family, name, op, args, layouts=None, check_view=False, emulate=True, expect=None, py_args=None, note=None):
    """
    Runs the op in PyTorch and records its result, or its error (in errors.json).

    Inputs in float16/bfloat16 follow one rule: the expected result is computed in float32 and rounded
    once to the result dtype, as torch4j does (and PyTorch does with its opmath types); where PyTorch
    1.13 has no kernel, or its kernel rounds intermediate results and so lands outside assert_close's
    tolerance of that, the float32 value is recorded and the case marked.
    """
    run_args = args if py_args is None else py_args
    lowp = any(isinstance(a, torch.Tensor) and a.dtype in LOWP for a in run_args) or \
        any(isinstance(a, Tensors) and any(t.dtype in LOWP for t in a) for a in run_args)
    marks = {}
    try:
        r = PY[op](*[py_arg(a) for a in run_args])
    except Exception as e:  # noqa: BLE001 - PyTorch's error is the expected result
        msg = str(e).split('\n')[0]
        r = None
        if emulate and lowp and 'not implemented for' in msg:
            try:
                r = _in_float32(op, run_args, None)
                marks['emulated'] = 'no float16/bfloat16 kernel in PyTorch 1.13: computed in float32, rounded once'
            except Exception:  # noqa: BLE001 - no float32 kernel either: the error stands
                r = None
        if r is None:
            if _is_coverage_gap(op, msg):
                SKIPPED.append(f'{name}: {msg}')
                return None
            add_error(name, op, args, e, expect, layouts)
            return None
    # (conversions, printing and nan_to_num's dtype-dependent defaults are exact in the dtype itself)
    if lowp and not marks and _tensors(r) and op not in ('to', 'str', 'nan_to_num'):
        single = _in_float32(op, run_args, r)
        if not all(_close(a, b) for a, b in zip(_tensors(r), _tensors(single))):
            marks['single_rounding'] = 'PyTorch 1.13 rounds intermediate results in this dtype: float32 value rounded once'
            SINGLE_ROUNDING.append(name)
            r = single
    c = {'name': name, 'op': op, 'args': [enc_arg(a) for a in args], 'out': enc_out(r)}
    c.update(marks)
    if note:
        c['note'] = note
    if name in DEVIATIONS:
        c['skip'] = DEVIATIONS[name]
    if layouts is not None:
        c['layouts'] = layouts
    if check_view and isinstance(r, torch.Tensor) and isinstance(args[0], torch.Tensor):
        x = py_arg(args[0])
        r2 = PY[op](x, *[py_arg(a) for a in args[1:]])
        c['view'] = r2.storage().data_ptr() == x.storage().data_ptr() and r2.numel() > 0
        c['strides'] = list(r2.stride())
    emit(family, c)
    return r


def add_error(name, op, args, e, expect=None, layouts=None, family='errors'):
    if name in DEVIATIONS:
        raise AssertionError('a deviation that is an error: ' + name)
    msg = str(e).split('\n')[0]
    c = {'name': name, 'op': op, 'args': [enc_arg(a) for a in args], 'error': msg,
         'expect': expect if expect is not None else msg, 'type': type(e).__name__}
    if layouts is not None:
        c['layouts'] = layouts
    emit(family, c)


def error_case(name, op, args, expect=None, layouts=None, etype=None):
    try:
        PY[op](*[py_arg(a) for a in args])
    except Exception as e:  # noqa: BLE001
        add_error(name, op, args, e, expect, layouts)
        if etype:  # the class of the later PyTorch error whose wording "expect" follows
            FILES['errors'][-1]['type'] = etype
        return
    raise AssertionError('expected an error from ' + name)  # the case list above is wrong


# ---- inputs ------------------------------------------------------------------------------------------

SPECIAL = torch.tensor([[-INF, -3.5, -1.0, -0.5, -0.0, 0.0], [0.25, 0.5, 1.0, 2.5, INF, NAN]], dtype=torch.float64)
INT_IN = torch.tensor([[-7, -2, -1, 0], [1, 2, 3, 9]])
UINT_IN = torch.tensor([[0, 1, 2, 3], [7, 100, 200, 255]])
BOOL_IN = torch.tensor([[True, False, True], [False, False, True]])


# special values followed by ordinary ones: wide enough that SIMD kernels run full vectors and a tail
SPECIAL_WIDE = torch.cat([SPECIAL, rnd(2, 31, scale=3.0, dtype='float64')], 1)


def sample(dtype):
    """The special-value input of a dtype."""
    if dtype in FLOATS:
        return SPECIAL_WIDE.to(T(dtype))
    if dtype == 'uint8':
        return UINT_IN.to(torch.uint8)
    if dtype == 'bool':
        return BOOL_IN
    return INT_IN.to(T(dtype))


UNARY = ['neg', 'abs', 'sign', 'exp', 'exp2', 'expm1', 'log', 'log2', 'log10', 'log1p', 'sqrt', 'rsqrt', 'reciprocal',
         'sin', 'cos', 'tan', 'asin', 'acos', 'atan', 'sinh', 'cosh', 'tanh', 'asinh', 'acosh', 'atanh', 'sigmoid', 'relu',
         'silu', 'mish', 'logsigmoid', 'erf', 'erfc', 'erfinv', 'lgamma', 'digamma', 'floor', 'ceil', 'round', 'trunc',
         'frac', 'square', 'isnan', 'isinf', 'isposinf', 'isneginf', 'isfinite', 'signbit', 'logical_not', 'bitwise_not']

# the interval random float inputs are drawn from, per op (default: normal * 2)
DOMAIN = {'log': (0.01, 5), 'log2': (0.01, 5), 'log10': (0.01, 5), 'sqrt': (0, 5), 'rsqrt': (0.05, 5), 'log1p': (-0.95, 5),
          'asin': (-0.99, 0.99), 'acos': (-0.99, 0.99), 'atanh': (-0.99, 0.99), 'erfinv': (-0.99, 0.99),
          'acosh': (1, 6), 'lgamma': (-4.9, 6), 'digamma': (-4.9, 6), 'reciprocal': (0.1, 4), 'tan': (-1.5, 1.5)}


def random_input(op, shape=(5, 13), dtype='float32'):
    if op in DOMAIN:
        return uniform(*DOMAIN[op], *shape, dtype=dtype)
    return rnd(*shape, scale=2.0, dtype=dtype)


def gen_elementwise():
    fam = 'elementwise'
    for op in UNARY:
        for d in DTYPES:
            add_case(fam, f'{op}/{d}/special', op, [sample(d)], emulate=True)
        for d in ['float32', 'float64', 'bfloat16', 'float16']:
            add_case(fam, f'{op}/{d}/random', op, [random_input(op, dtype=d)], emulate=True)
    # unary ops with parameters
    x = rnd(3, 5, scale=3.0)
    wide = torch.tensor([[-30.0, -5.0, -1.0, -0.1, 0.0], [0.1, 1.0, 5.0, 15.0, 30.0]])
    for d in FLOATS:
        for approx in ['none', 'tanh']:
            add_case(fam, f'gelu/{approx}/{d}', 'gelu', [wide.to(T(d)), approx], emulate=True)
            add_case(fam, f'gelu/{approx}/{d}/special', 'gelu', [sample(d), approx], emulate=True)
        for beta, th in [(1, 20), (2, 5), (0.5, 1)]:
            add_case(fam, f'softplus/b{beta}/t{th}/{d}', 'softplus', [wide.to(T(d)), beta, th], emulate=True)
    for d in ['float32', 'float64', 'bfloat16']:
        for dec in [1, 2, -1, -2]:
            add_case(fam, f'round_decimals/{dec}/{d}', 'round_decimals',
                     [torch.tensor([[1.25, 2.35, -0.15, 155.0], [1234.5, -2.5, 0.05, 49.99]], dtype=T(d)), dec])
    # polygamma(n, x): poles (0 and the negative integers, where polygamma(1, x) is huge but finite),
    # negative x, tiny and large x, infinities and NaN; integral inputs give float32
    poly = torch.tensor([[-30.5, -5.5, -4.0, -2.25, -1.0, -0.5, -0.0, 0.0, 1e-3, 0.5, 1.0, 2.5],
                         [9.0, 9.5, 10.0, 10.5, 30.0, 55.5, 1e3, 1e8, 1e20, INF, -INF, NAN]], dtype=torch.float64)
    for n in [0, 1, 2, 3, 4, 5, 10, 30]:
        for d in ['float32', 'float64']:
            add_case(fam, f'polygamma/{n}/{d}/special', 'polygamma', [sample(d), n])
            add_case(fam, f'polygamma/{n}/{d}/wide', 'polygamma', [poly.to(T(d)), n])
        add_case(fam, f'polygamma/{n}/int64', 'polygamma', [INT_IN, n])
    add_case(fam, 'polygamma/2/bool', 'polygamma', [BOOL_IN, 2])
    for n in [170, 171, 200, 100000]:  # n! overflows from 171 on: inf, and inf * 0 = NaN where zeta underflows
        add_case(fam, f'polygamma/{n}/float64/large_n', 'polygamma', [torch.tensor([0.5, 2.0, -1.5, 100.0], dtype=torch.float64), n])
    gam = torch.tensor([[0.75, 1.5, 2.0, 3.7], [4.25, 10.0, 25.5, 100.0]], dtype=torch.float64)
    for p in [1, 2, 3, 5]:
        for d in ['float32', 'float64']:
            add_case(fam, f'mvlgamma/{p}/{d}', 'mvlgamma', [gam.to(T(d)) + (p - 1) / 2, p])
        add_case(fam, f'mvlgamma/{p}/int64', 'mvlgamma', [torch.tensor([[3, 4], [5, 10]]), p])
    # clamp: scalar bounds (int and float), tensor bounds, one-sided, min > max, NaN
    for d in DTYPES:
        s = sample(d)
        add_case(fam, f'clamp/{d}/int_bounds', 'clamp', [s, -1, 2])
        add_case(fam, f'clamp/{d}/positive_int_bounds', 'clamp', [s, 1, 100])
        add_case(fam, f'clamp/{d}/float_bounds', 'clamp', [s, -0.5, 2.5])
        add_case(fam, f'clamp/{d}/min_only', 'clamp', [s, 0.5, None])
        add_case(fam, f'clamp/{d}/max_only', 'clamp', [s, None, 1])
    add_case(fam, 'clamp/float32/min_gt_max', 'clamp', [sample('float32'), 2.0, 1.0])
    lo = torch.tensor([[-1.0], [0.0]])
    hi = torch.tensor([0.5, 1.0, 2.0, 3.0, 0.0, 1.0])
    add_case(fam, 'clamp/float32/tensor_bounds', 'clamp', [sample('float32'), lo, hi])
    add_case(fam, 'clamp/float32/tensor_min_only', 'clamp', [sample('float32'), lo, None])
    add_case(fam, 'clamp/float32/tensor_max_only', 'clamp', [sample('float32'), None, hi])
    add_case(fam, 'clamp/int64/tensor_bounds', 'clamp', [INT_IN, torch.tensor([[-1], [2]]), torch.tensor([0, 1, 5, 9])])
    add_case(fam, 'clamp/float32/nan_bound', 'clamp', [sample('float32'), torch.tensor([NAN, 0, 0, 0, 0, 0]), None])
    # nan_to_num
    for d in DTYPES:
        add_case(fam, f'nan_to_num/{d}/default', 'nan_to_num', [sample(d), None, None, None])
    for d in FLOATS:
        add_case(fam, f'nan_to_num/{d}/given', 'nan_to_num', [sample(d), 7.0, 100.0, -100.0])
        add_case(fam, f'nan_to_num/{d}/posinf_only', 'nan_to_num', [sample(d), 1.5, 3.0, None])

    # binary arithmetic over each dtype, with broadcasting
    arith = ['add', 'sub', 'mul', 'div', 'remainder', 'fmod', 'pow', 'maximum', 'minimum', 'fmax', 'fmin',
             'atan2', 'hypot', 'copysign', 'xlogy', 'floor_divide']
    for d in DTYPES:
        if d in FLOATS:
            a = rnd(5, 13, scale=3.0, dtype=d)
            b = rnd(13, scale=2.0, dtype=d)
        elif d == 'bool':
            a = torch.tensor([[True, False, True, False], [False, True, True, False], [True, True, False, False]])
            b = torch.tensor([True, False, False, True])
        elif d == 'uint8':
            a = rint(0, 60, 3, 4, dtype=d)
            b = rint(1, 7, 4, dtype=d)
        else:
            a = rint(-20, 20, 3, 4, dtype=d)
            b = torch.tensor([-3, 2, 5, -7]).to(T(d))
        for op in arith:
            bb = b
            if op == 'pow' and d not in FLOATS:
                bb = b.abs() % 4 if d != 'bool' else b
                aa = a % 6 if d != 'bool' else a
            else:
                aa = a
            if op == 'pow' and d in FLOATS:
                aa = a.abs() + 0.5 if d != 'bool' else a
            add_case(fam, f'{op}/{d}/broadcast', op, [aa, bb], emulate=True)
        add_case(fam, f'add/{d}/alpha', 'add', [a, b, 2])
        add_case(fam, f'sub/{d}/alpha', 'sub', [a, b, 3])
        if d in FLOATS:
            add_case(fam, f'add/{d}/float_alpha', 'add', [a, b, 0.5])
            add_case(fam, f'sub/{d}/float_alpha', 'sub', [a, b, -1.5])
        for mode in ['trunc', 'floor']:
            add_case(fam, f'div/{d}/{mode}', 'div', [a, b, mode])
    # broadcasting shapes both ways, 0-dim operands, empty tensors
    a31, b14 = rnd(3, 1), rnd(1, 4)
    add_case(fam, 'add/float32/3x1+1x4', 'add', [a31, b14])
    add_case(fam, 'mul/float32/2x1x3*4x1', 'mul', [rnd(2, 1, 3), rnd(4, 1)])
    add_case(fam, 'sub/float32/0dim', 'sub', [rnd(3, 4), torch.tensor(1.5)])
    add_case(fam, 'sub/float32/0dim_first', 'sub', [torch.tensor(1.5), rnd(3, 4)])
    add_case(fam, 'add/float32/empty', 'add', [torch.zeros(0, 3), rnd(3)])
    add_case(fam, 'add/float32/empty_broadcast', 'add', [torch.zeros(2, 0, 3), torch.ones(2, 1, 1)])
    add_case(fam, 'mul/int64/empty', 'mul', [torch.zeros(0, dtype=torch.long), torch.tensor(3)])
    add_case(fam, 'exp/float32/empty', 'exp', [torch.zeros(2, 0)])
    add_case(fam, 'neg/int64/empty', 'neg', [torch.zeros(0, 4, dtype=torch.long)])
    # special values through binary ops
    sa = SPECIAL.float()
    sb = torch.tensor([[2.0, -0.0, INF, NAN, 0.0, -2.0], [-INF, 0.0, -1.5, 3.0, INF, 1.0]])
    for op in arith:
        add_case(fam, f'{op}/float32/special', op, [sa, sb])
        add_case(fam, f'{op}/float64/special', op, [sa.double(), sb.double()])
    for mode in ['trunc', 'floor']:
        add_case(fam, f'div/float32/special/{mode}', 'div', [sa, sb, mode])
    # integer division semantics
    ia = torch.tensor([[7, -7, 7, -7, 0, 9], [5, -5, 1, -1, 13, -13]])
    ib = torch.tensor([[2, 2, -2, -2, 3, 4], [3, 3, -3, -3, 5, -5]])
    for d in ['int64', 'int32', 'int16', 'int8']:
        for op in ['div', 'remainder', 'fmod', 'floor_divide']:
            add_case(fam, f'{op}/{d}/signs', op, [ia.to(T(d)), ib.to(T(d))])
        for mode in ['trunc', 'floor']:
            add_case(fam, f'div/{d}/signs/{mode}', 'div', [ia.to(T(d)), ib.to(T(d)), mode])
    add_case(fam, 'pow/int64/negative_exponent_tensor', 'pow', [torch.tensor([1, -1, 2, 0, 3]), torch.tensor([-1, -3, -2, 2, 0])])
    add_case(fam, 'pow/int64/large', 'pow', [torch.tensor([3, -2, 10]), torch.tensor([20, 31, 18])])
    # tensor-scalar arithmetic for every dtype (int and float scalars)
    for d in DTYPES:
        s = sample(d) if d != 'bool' else BOOL_IN
        for op, sc in [('add', 3), ('add', 2.5), ('sub', 2), ('sub', 0.5), ('mul', 3), ('mul', -1.5), ('div', 2),
                       ('div', 0.25), ('rsub', 1.5), ('remainder', 2.5), ('fmod', -1.5), ('pow', 2.0), ('pow', 0.5),
                       ('pow', -1.0)]:
            add_case(fam, f'{op}/{d}/scalar_{sc}', op, [s, sc], emulate=True)
        add_case(fam, f'div/{d}/scalar_floor', 'div', [s, 2.5, 'floor'], emulate=True)
        add_case(fam, f'div/{d}/scalar_trunc', 'div', [s, -2.5, 'trunc'], emulate=True)
    # comparisons, logical and bitwise ops
    for d in DTYPES:
        s = sample(d)
        other = torch.flip(s, [1])
        for op in ['eq', 'ne', 'lt', 'le', 'gt', 'ge']:
            add_case(fam, f'{op}/{d}/tensor', op, [s, other])
            add_case(fam, f'{op}/{d}/scalar', op, [s, 1.0])
            add_case(fam, f'{op}/{d}/broadcast', op, [s, other[:1]])
        for op in ['logical_and', 'logical_or', 'logical_xor']:
            add_case(fam, f'{op}/{d}', op, [s, other])
        if d not in FLOATS:
            for op in ['bitwise_and', 'bitwise_or', 'bitwise_xor']:
                add_case(fam, f'{op}/{d}', op, [s, other])
        if d in INTS:
            sh = torch.tensor([0, 1, 2, 3]).to(T(d))
            add_case(fam, f'bitwise_left_shift/{d}', 'bitwise_left_shift', [s, sh])
            add_case(fam, f'bitwise_right_shift/{d}', 'bitwise_right_shift', [s, sh])
    add_case(fam, 'eq/mixed/int64_float32', 'eq', [torch.tensor([1, 2, 3]), torch.tensor([1.0, 2.5, 3.0])])
    add_case(fam, 'lt/mixed/uint8_int8', 'lt', [torch.tensor([0, 200, 5], dtype=torch.uint8), torch.tensor([-1, 100, 5], dtype=torch.int8)])
    add_case(fam, 'logical_and/mixed/float_int', 'logical_and', [sample('float32'), torch.tensor([0, 1, 2, 0, 1, 1])])
    add_case(fam, 'bitwise_and/mixed/int8_int32', 'bitwise_and', [torch.tensor([-1, 6, 12], dtype=torch.int8), torch.tensor([255, 3, 10], dtype=torch.int32)])
    add_case(fam, 'equal/same', 'equal', [sample('float32')[:, :4], sample('float32')[:, :4]])
    add_case(fam, 'equal/shape', 'equal', [rnd(2, 3), rnd(3, 2)])
    add_case(fam, 'equal/int', 'equal', [INT_IN, INT_IN.clone()])
    add_case(fam, 'isclose/float32', 'isclose', [sample('float32'), sample('float32') * 1.000001, 1e-5, 1e-8, False])
    add_case(fam, 'isclose/float32/equal_nan', 'isclose', [sample('float32'), sample('float32') + 1e-3, 1e-5, 1e-2, True])
    # where, lerp, addcmul, addcdiv
    cond = torch.tensor([[True, False, True, False], [False, False, True, True], [True, True, False, True]])
    for d in DTYPES:
        x3 = rnd(3, 4, scale=2.0).to(T(d)) if d != 'bool' else cond.logical_not()
        add_case(fam, f'where/{d}', 'where', [cond, x3, torch.zeros(4, dtype=T(d))])
    add_case(fam, 'where/mixed/int64_float32', 'where', [cond, INT_IN[:, :4].repeat(2, 1)[:3], rnd(3, 1)])
    add_case(fam, 'where/broadcast_cond', 'where', [cond[:1], rnd(3, 4), rnd(3, 4)])
    add_case(fam, 'where/float32/scalar_other', 'where', [cond, rnd(3, 4), 2.5])
    add_case(fam, 'where/int64/scalar_other', 'where', [cond, rint(0, 9, 3, 4), -1.5])
    for d in FLOATS:
        s, e = rnd(3, 4, dtype=d), rnd(3, 4, dtype=d)
        add_case(fam, f'lerp/{d}/scalar', 'lerp', [s, e, 0.3])
        add_case(fam, f'lerp/{d}/tensor', 'lerp', [s, e, uniform(0, 1, 4, dtype=d)])
        add_case(fam, f'lerp/{d}/big_weight', 'lerp', [s, e, 0.75])
        add_case(fam, f'addcmul/{d}', 'addcmul', [s, e, rnd(4, dtype=d), 0.5])
        add_case(fam, f'addcdiv/{d}', 'addcdiv', [s, e, uniform(0.5, 2, 4, dtype=d), -2.0])
    add_case(fam, 'addcmul/int64', 'addcmul', [INT_IN, INT_IN, torch.tensor([1, 2, 3, 4]), 2])
    add_case(fam, 'addcmul/mixed', 'addcmul', [INT_IN, rnd(2, 4), torch.tensor([1, 2, 3, 4]), 0.5])
    add_case(fam, 'lerp/float32/special', 'lerp', [sa, sb, 0.5])
    # large operands (exact values, stored as ranges): the multithreaded split and strided blocks
    big = torch.arange(70000, dtype=torch.float32).mul(0.25).sub(5000).reshape(70, 1000)
    add_case(fam, 'add/large', 'add', [big, 2.5])
    add_case(fam, 'add/large/tensor', 'add', [big, torch.full((1000,), -1.25)])
    add_case(fam, 'mul/large', 'mul', [big, -0.5])
    add_case(fam, 'neg/large', 'neg', [big])
    add_case(fam, 'abs_/large', 'abs_', [big[:, :500].contiguous() - 20000])
    add_case(fam, 'to/large/float64', 'to', [big, 'float64'])
    add_case(fam, 'to/large/int32', 'to', [big * 4, 'int32'])
    add_case(fam, 'sub_/large/int64', 'sub_', [torch.arange(70000).reshape(700, 100), 7])
    add_case(fam, 'clone/large', 'clone', [big])
    # in-place ops, on contiguous and strided (layout) inputs
    for d in ['float32', 'float64', 'bfloat16', 'float16', 'int64', 'int32', 'uint8']:
        s = rnd(3, 4, scale=3.0).to(T(d)) if d in FLOATS else rint(0, 9, 3, 4, dtype=d)
        o = rnd(4, scale=2.0).to(T(d)) if d in FLOATS else rint(1, 5, 4, dtype=d)
        add_case(fam, f'add_/{d}', 'add_', [s, o])
        add_case(fam, f'add_/{d}/alpha', 'add_', [s, o, 2])
        add_case(fam, f'add_/{d}/scalar', 'add_', [s, 3])
        add_case(fam, f'sub_/{d}', 'sub_', [s, o])
        add_case(fam, f'mul_/{d}', 'mul_', [s, o])
        add_case(fam, f'mul_/{d}/scalar', 'mul_', [s, 2])
        add_case(fam, f'fill_/{d}', 'fill_', [s, 5])
        add_case(fam, f'fill_/{d}/float', 'fill_', [s, 2.75])
        add_case(fam, f'fill_/{d}/tensor', 'fill_', [s, torch.tensor(4.5)])
        add_case(fam, f'zero_/{d}', 'zero_', [s])
        add_case(fam, f'clamp_/{d}', 'clamp_', [s, 1, 4])
        add_case(fam, f'masked_fill_/{d}', 'masked_fill_', [s, cond, 7])
        add_case(fam, f'masked_fill_/{d}/broadcast', 'masked_fill_', [s, cond[1], -1])
        add_case(fam, f'masked_fill_/{d}/tensor', 'masked_fill_', [s, cond, torch.tensor(3)])
        add_case(fam, f'masked_fill/{d}', 'masked_fill', [s, cond, 7])
        add_case(fam, f'masked_fill/{d}/float', 'masked_fill', [s, cond, 1.5])
        add_case(fam, f'copy_/{d}/from_float64', 'copy_', [s, rnd(3, 4, scale=4.0, dtype='float64')])
        add_case(fam, f'copy_/{d}/broadcast', 'copy_', [s, torch.tensor([1, 2, 3, 4], dtype=torch.int16)])
        if d in FLOATS:
            add_case(fam, f'div_/{d}', 'div_', [s, o])
            add_case(fam, f'div_/{d}/scalar', 'div_', [s, 4])
            add_case(fam, f'add_/{d}/int_other', 'add_', [s, torch.tensor([1, 2, 3, 4])])
            add_case(fam, f'add_/{d}/float_scalar', 'add_', [s, 0.5])
            add_case(fam, f'mul_/{d}/float_scalar', 'mul_', [s, 1.5])
            add_case(fam, f'pow_/{d}', 'pow_', [s.abs(), 2.0])
            add_case(fam, f'clamp_/{d}/float', 'clamp_', [s, -0.5, 0.5])
            add_case(fam, f'clamp_min_/{d}', 'clamp_min_', [s, 0.0])
            add_case(fam, f'clamp_max_/{d}', 'clamp_max_', [s, 0.0])
            add_case(fam, f'addcmul_/{d}', 'addcmul_', [s, o, o, 2.0])
            add_case(fam, f'addcdiv_/{d}', 'addcdiv_', [s, o, o.abs() + 1, 0.5])
            add_case(fam, f'lerp_/{d}', 'lerp_', [s, o.expand(3, 4).contiguous(), 0.25])
            for u in ['neg', 'abs', 'exp', 'log', 'sqrt', 'relu', 'sigmoid', 'tanh', 'floor']:
                add_case(fam, f'{u}_/{d}', u + '_', [s.abs() if u in ('log', 'sqrt') else s], emulate=True)
        else:
            add_case(fam, f'neg_/{d}', 'neg_', [s])
            add_case(fam, f'abs_/{d}', 'abs_', [s])
            add_case(fam, f'relu_/{d}', 'relu_', [s])
            add_case(fam, f'floor_/{d}', 'floor_', [s])
    add_case(fam, 'copy_/bool/from_float', 'copy_', [BOOL_IN.clone(), torch.tensor([[0.0, 0.5, NAN], [-1.0, 0.0, 2.0]])])
    add_case(fam, 'copy_/int32/from_float_trunc', 'copy_', [torch.zeros(2, 3, dtype=torch.int32), torch.tensor([[1.9, -1.9, 2.5], [-0.5, 100.7, -3.2]])])
    add_case(fam, 'add_/bool', 'add_', [BOOL_IN.clone(), BOOL_IN.flip(1)])
    # writes through views
    base = rnd(4, 5)
    ibase = rint(0, 9, 4, 5)
    views = [
        ('row', [['select', 0, 1]]),
        ('col', [['select', 1, -2]]),
        ('slice_step', [['slice', 1, 0, 5, 2]]),
        ('transposed', [['t']]),
        ('narrow_t', [['narrow', 0, 1, 2], ['t']]),
        ('diagonal', [['diagonal']]),
        ('index', [['index', Idx([slice(1, None, 2), slice(None, None, 3)])]]),
        ('view', [['view', [2, 10]]]),
        ('unsqueeze', [['unsqueeze', 0]]),
        ('permute', [['permute', [1, 0]], ['select', 0, 0]]),
    ]
    for vname, steps in views:
        add_case(fam, f'inplace_view/{vname}/add_', 'inplace_view', [base, steps, 'add_', 10.0],
                 layouts=['contiguous'] if vname == 'view' else None)
        add_case(fam, f'inplace_view/{vname}/mul_', 'inplace_view', [base, steps, 'mul_', -2.0],
                 layouts=['contiguous'] if vname == 'view' else None)
        add_case(fam, f'inplace_view/{vname}/fill_', 'inplace_view', [ibase, steps, 'fill_', 7],
                 layouts=['contiguous'] if vname == 'view' else None)
        add_case(fam, f'inplace_view/{vname}/zero_', 'inplace_view', [base, steps, 'zero_'],
                 layouts=['contiguous'] if vname == 'view' else None)
        add_case(fam, f'inplace_view/{vname}/clamp_', 'inplace_view', [base, steps, 'clamp_', -0.5, 0.5],
                 layouts=['contiguous'] if vname == 'view' else None)
        add_case(fam, f'inplace_view/{vname}/exp_', 'inplace_view', [base, steps, 'exp_'],
                 layouts=['contiguous'] if vname == 'view' else None)
    add_case(fam, 'inplace_view/row/copy_', 'inplace_view', [base, [['select', 0, 2]], 'copy_', torch.tensor([1, 2, 3, 4, 5])])
    add_case(fam, 'inplace_view/col/copy_broadcast', 'inplace_view', [base, [['slice', 1, 1, 3, 1]], 'copy_', torch.tensor([[9.0], [8.0], [7.0], [6.0]])])
    add_case(fam, 'inplace_view/t/add_tensor', 'inplace_view', [base, [['t']], 'add_', rnd(4)])
    add_case(fam, 'inplace_view/diag/masked_fill_', 'inplace_view', [base, [['diagonal']], 'masked_fill_', torch.tensor([True, False, True, False]), 0.0])
    add_case(fam, 'inplace_view/int/clamp_', 'inplace_view', [ibase, [['slice', 0, 1, 4, 2]], 'clamp_', 2, 5])
    # another view of the written-to memory as input: allowed when it is the same view, or disjoint
    sq = torch.arange(16.0).reshape(4, 4)
    add_case(fam, 'aliased/add_/same', 'aliased', [sq, [[], []], 'add_'])
    add_case(fam, 'aliased/mul_/disjoint_rows', 'aliased', [sq, [[['slice', 0, 0, 2, 1]], [['select', 0, 3]]], 'mul_'])
    add_case(fam, 'aliased/copy_/same', 'aliased', [sq, [[], []], 'copy_'])
    # fill_ and masked_fill_ write one value, so PyTorch lets them write through an expanded view
    add_case(fam, 'inplace_view/expand/fill_', 'inplace_view', [rnd(3), [['expand', [2, 3]]], 'fill_', 2.5])
    add_case(fam, 'inplace_view/expand/masked_fill_', 'inplace_view',
             [rnd(3), [['expand', [2, 3]]], 'masked_fill_', torch.tensor([[True, False, False], [False, False, True]]), 2.5])


def gen_promotion():
    fam = 'promotion'
    for a in DTYPES:
        for b in DTYPES:
            add_case(fam, f'promote_types/{a}/{b}', 'promote_types', [a, b])
            add_case(fam, f'can_cast/{a}/{b}', 'can_cast', [a, b])
    vals = {d: (torch.tensor([1, 2, 0]) if d != 'bool' else torch.tensor([True, False, True])).to(T(d)) for d in DTYPES}
    zero = {d: (torch.tensor(3) if d != 'bool' else torch.tensor(True)).to(T(d)) for d in DTYPES}
    for a in DTYPES:
        for b in DTYPES:
            add_case(fam, f'result_type/{a}/{b}', 'result_type', [vals[a], vals[b]])
            add_case(fam, f'result_type/{a}/0dim_{b}', 'result_type', [vals[a], zero[b]])
            add_case(fam, f'result_type/0dim_{a}/0dim_{b}', 'result_type', [zero[a], zero[b]])
            add_case(fam, f'add/{a}/{b}', 'add', [vals[a], vals[b]])
            add_case(fam, f'add/{a}/0dim_{b}', 'add', [vals[a], zero[b]])
            add_case(fam, f'mul/0dim_{a}/{b}', 'mul', [zero[a], vals[b]])
        add_case(fam, f'add/{a}/int_scalar', 'add', [vals[a], 2])
        add_case(fam, f'add/{a}/float_scalar', 'add', [vals[a], 2.5])
        add_case(fam, f'mul/{a}/int_scalar', 'mul', [vals[a], 3])
        add_case(fam, f'mul/{a}/float_scalar', 'mul', [vals[a], 0.5])
        add_case(fam, f'div/{a}/int_scalar', 'div', [vals[a], 2])
        add_case(fam, f'div/{a}/same', 'div', [vals[a], vals[a]])
        add_case(fam, f'add/0dim_{a}/int_scalar', 'add', [zero[a], 2])
        add_case(fam, f'add/0dim_{a}/float_scalar', 'add', [zero[a], 2.5])
    # conversions between every pair, with special values, truncation and overflow
    src = {
        'float': torch.tensor([[0.0, -0.0, 1.9, -1.9, 2.5, -2.5], [127.5, 255.9, -128.7, 65504.0, 70000.0, 1e-8]], dtype=torch.float64),
        'special': torch.tensor([NAN, INF, -INF, 3e38, -3e38, 1e20], dtype=torch.float64),
        'int': torch.tensor([[0, 1, -1, 127, 128, -129], [255, 256, 32767, 40000, -70000, 16777217]]),
        'big': torch.tensor([2**31 - 1, -2**31, 2**40 + 1, -2**53 - 1, 2**62, 9007199254740993]),
        'bool': torch.tensor([True, False]),
    }
    for sname, base in src.items():
        for a in DTYPES:
            x = base.to(T(a))
            for b in DTYPES:
                if sname == 'special' and a in FLOATS and b in INTS + ['int64']:
                    continue  # undefined behaviour in C++ (NaN/inf/overflow to int): no reference
                if sname in ('float', 'int', 'big') and a in FLOATS and b in INTS:
                    # out-of-range float->int is undefined in C++; keep in-range values only
                    info = torch.iinfo(T(b))
                    xd = x.double()
                    keep = (xd > float(info.min) - 1) & (xd < float(info.max) + 1)
                    x2 = x[keep] if x.dim() == 1 else x.reshape(-1)[keep.reshape(-1)]
                    add_case(fam, f'to/{sname}/{a}/{b}', 'to', [x2, b])
                    continue
                add_case(fam, f'to/{sname}/{a}/{b}', 'to', [x, b])
    # NaN, infinities and out-of-range values to integers: undefined in C++, but PyTorch on x86 gives
    # these (the CPU's "integer indefinite", truncated to the narrow types), and torch4j matches them
    ub = torch.tensor([NAN, INF, -INF, 3e9, -3e9, 300.7, -1.5], dtype=torch.float64)
    for a in ['float32', 'float64']:
        for b in INTS:
            add_case(fam, f'to/undefined/{a}/{b}', 'to', [ub.to(T(a)), b])
    # factories: the dtype follows the arguments (int64 for integers, the default float dtype otherwise)
    for args in [(0, 10, 3), (5, -5, -2), (0, 0, 1), (0.0, 1.0, 0.1), (-1.0, 2.0, 0.25), (1.0, 0.0, -0.3), (0.5, 1000.0, 3.7)]:
        add_case(fam, f'arange/{args}'.replace(' ', ''), 'arange', list(args))
    for args in [(0.0, 1.0, 7), (-1.0, 1.0, 5), (3.0, 3.0, 1), (0.0, 1.0, 0), (-10.0, 7.5, 101), (1e-3, 1e3, 9)]:
        add_case(fam, f'linspace/{args}'.replace(' ', ''), 'linspace', list(args))
    # long enough for PyTorch's vectorised fill (pairs of 8-float / 4-double vectors, fma bases) to show:
    # a plain start + i * step is an ulp off in about a sixth of these values
    for args in [(0.0, 32 * math.pi, 65), (-10.0, 7.5, 1000), (3.3, -7.1, 33), (0.0, 1.0, 17), (1e-3, 1e3, 123)]:
        add_case(fam, f'linspace/{args}'.replace(' ', ''), 'linspace', list(args))
        add_case(fam, f'linspace_float64/{args}'.replace(' ', ''), 'linspace_float64', list(args))
    for n, m in [(3, 3), (2, 4), (4, 2), (0, 3)]:
        add_case(fam, f'eye/{n},{m}', 'eye', [n, m])
    add_case(fam, 'full/float', 'full', [[2, 3], 1.5])
    add_case(fam, 'full/int', 'full', [[3], 7])
    add_case(fam, 'full/empty', 'full', [[0, 2], 1.5])
    add_case(fam, 'item/float32', 'item', [torch.tensor([2.5])])
    add_case(fam, 'item/int64', 'item', [torch.tensor([[9007199254740993]])])
    add_case(fam, 'item/bool', 'item', [torch.tensor(True)])


def gen_reductions():
    fam = 'reductions'
    x = torch.randperm(60, generator=GEN).float().div(10).sub(3).reshape(3, 4, 5)  # distinct: no ties
    for d in DTYPES:
        if d in FLOATS:
            t = rnd(3, 4, dtype=d) if d != 'float16' else rnd(3, 4).half()
        elif d == 'bool':
            t = torch.tensor([[True, False, True, True], [False, False, False, False], [True, True, True, True]])
        elif d == 'uint8':
            t = rint(0, 9, 3, 4, dtype=d)
        else:
            t = rint(-9, 9, 3, 4, dtype=d)
        for dims, keep in [(None, False), ([1], False), ([0], True), ([-1], False), ([0, 1], False), ([-2, -1], True), ([], False)]:
            tag = f'{dims}/{keep}'.replace(' ', '')
            add_case(fam, f'sum/{d}/{tag}', 'sum', [t, dims, keep, None])
            add_case(fam, f'amax/{d}/{tag}', 'amax', [t, dims if dims is not None else [], keep])
            add_case(fam, f'amin/{d}/{tag}', 'amin', [t, dims if dims is not None else [], keep])
            if d in FLOATS or dims is None:  # integer inputs: one case each (the error, or the promotion)
                add_case(fam, f'mean/{d}/{tag}', 'mean', [t, dims, keep])
                add_case(fam, f'var/{d}/{tag}', 'var', [t, dims, 1, keep])
                add_case(fam, f'std/{d}/{tag}', 'std', [t, dims, 0, keep])
            if dims != []:  # PyTorch 1.13's logsumexp fails on an empty dim list
                add_case(fam, f'logsumexp/{d}/{tag}', 'logsumexp', [t, dims if dims is not None else [0, 1], keep])
        for dim, keep in [(None, False), (0, False), (1, True), (-1, False)]:
            add_case(fam, f'prod/{d}/{dim}/{keep}', 'prod', [t, dim, keep], emulate=True)
            add_case(fam, f'all/{d}/{dim}/{keep}', 'all', [t, dim, keep])
            add_case(fam, f'any/{d}/{dim}/{keep}', 'any', [t, dim, keep])
            add_case(fam, f'argmax/{d}/{dim}/{keep}', 'argmax', [t, dim, keep])
            add_case(fam, f'argmin/{d}/{dim}/{keep}', 'argmin', [t, dim, keep])
            if dim is not None:
                add_case(fam, f'max_dim/{d}/{dim}/{keep}', 'max_dim', [t, dim, keep])
                add_case(fam, f'min_dim/{d}/{dim}/{keep}', 'min_dim', [t, dim, keep])
                add_case(fam, f'cumsum/{d}/{dim}', 'cumsum', [t, dim])
                add_case(fam, f'cumprod/{d}/{dim}', 'cumprod', [t, dim])
                add_case(fam, f'logcumsumexp/{d}/{dim}', 'logcumsumexp', [t, dim], emulate=True)
        add_case(fam, f'max/{d}', 'max', [t])
        add_case(fam, f'min/{d}', 'min', [t])
        add_case(fam, f'count_nonzero/{d}', 'count_nonzero', [t])
        add_case(fam, f'sum/{d}/to_float64', 'sum', [t, [1], False, 'float64'])
        add_case(fam, f'sort/{d}/stable', 'sort', [t, -1, False, True])
        add_case(fam, f'sort/{d}/stable_desc', 'sort', [t, 0, True, True])
        if d in FLOATS:  # no ties: argsort is not stable
            add_case(fam, f'argsort/{d}', 'argsort', [t, 1, False])
        add_case(fam, f'unique/{d}', 'unique', [t, True, True])
        add_case(fam, f'unique/{d}/plain', 'unique', [t, False, False])
        if d in FLOATS:
            for p in [1, 2, INF, -INF, 0, 3, 0.5]:
                add_case(fam, f'norm/{d}/p{p}/all', 'norm', [t, p, None, False], emulate=True)
                add_case(fam, f'norm/{d}/p{p}/dim1', 'norm', [t, p, [1], False], emulate=True)
                add_case(fam, f'norm/{d}/p{p}/dim0_keep', 'norm', [t, p, [0], True], emulate=True)
            add_case(fam, f'var/{d}/corr2', 'var', [t, [1], 2, False], emulate=True)
            add_case(fam, f'std/{d}/default', 'std', [t, None, 1, False])
            add_case(fam, f'var/{d}/default', 'var', [t, None, 1, False])
            add_case(fam, f'var/{d}/corr4', 'var', [t, [1], 4, False], emulate=True)
    # 3-d: several dims, negative dims
    for dims in [[0, 2], [-1, 0], [1]]:
        for keep in [False, True]:
            tag = f'{dims}/{keep}'.replace(' ', '')
            for op in ['sum', 'mean', 'amax', 'amin', 'logsumexp']:
                args = [x, dims, keep, None] if op == 'sum' else [x, dims, keep]
                add_case(fam, f'{op}/3d/{tag}', op, args)
            add_case(fam, f'var/3d/{tag}', 'var', [x, dims, 1, keep])
            add_case(fam, f'std/3d/{tag}', 'std', [x, dims, 1, keep])
            add_case(fam, f'norm/3d/{tag}', 'norm', [x, 2, dims, keep])
    for dim in [0, 1, -1]:
        add_case(fam, f'cumsum/3d/{dim}', 'cumsum', [x, dim])
        add_case(fam, f'cumprod/3d/{dim}', 'cumprod', [x, dim])
        add_case(fam, f'logcumsumexp/3d/{dim}', 'logcumsumexp', [x, dim])
        add_case(fam, f'max_dim/3d/{dim}', 'max_dim', [x, dim, False])
        add_case(fam, f'argmin/3d/{dim}', 'argmin', [x, dim, True])
        add_case(fam, f'sort/3d/{dim}', 'sort', [x, dim, False, True])
        add_case(fam, f'sort/3d/{dim}/desc', 'sort', [x, dim, True, False])
        add_case(fam, f'argsort/3d/{dim}', 'argsort', [x, dim, True])
        add_case(fam, f'topk/3d/{dim}/k2', 'topk', [x, 2, dim, True, True])
        add_case(fam, f'topk/3d/{dim}/k3_smallest', 'topk', [x, 3, dim, False, True])
    # special values: NaN propagates through max/sum; sort puts NaN last; ties pick the first index
    sp = SPECIAL.float()
    for op in ['max', 'min']:
        add_case(fam, f'{op}/special', op, [sp])
    for op in ['max_dim', 'min_dim', 'argmax', 'argmin']:
        add_case(fam, f'{op}/special', op, [sp, 1, False])
    add_case(fam, 'amax/special', 'amax', [sp, [1], False])
    add_case(fam, 'amin/special', 'amin', [sp, [1], False])
    add_case(fam, 'sum/special', 'sum', [sp, [1], False, None])
    add_case(fam, 'logsumexp/special', 'logsumexp', [sp, [1], False])
    add_case(fam, 'logsumexp/all_neg_inf', 'logsumexp', [torch.full((2, 3), -INF), [1], False])
    add_case(fam, 'logsumexp/int64', 'logsumexp', [INT_IN, [1], False])
    add_case(fam, 'cumsum/special', 'cumsum', [sp, 1])
    add_case(fam, 'logcumsumexp/special', 'logcumsumexp', [sp, 1])
    add_case(fam, 'sort/special', 'sort', [sp, 1, False, True])
    add_case(fam, 'sort/special/desc', 'sort', [sp, 1, True, True])
    add_case(fam, 'topk/special', 'topk', [torch.tensor([[1.0, NAN, 3.0, -INF, 2.0, INF]]), 3, 1, True, True])
    ties = torch.tensor([[2.0, 5.0, 5.0, 1.0, 1.0, 5.0], [0.0, 0.0, -1.0, -1.0, 0.0, 3.0]])
    for op in ['max_dim', 'min_dim', 'argmax', 'argmin']:
        add_case(fam, f'{op}/ties', op, [ties, 1, False])
    add_case(fam, 'argmax/ties/flat', 'argmax', [ties, None, False])
    add_case(fam, 'sort/ties/stable', 'sort', [ties, 1, False, True])
    add_case(fam, 'sort/ties/stable_desc', 'sort', [ties, 1, True, True])
    add_case(fam, 'unique/ties', 'unique', [ties, True, True])
    add_case(fam, 'unique/int64/3d', 'unique', [rint(0, 5, 2, 3, 4), True, True])
    add_case(fam, 'topk/unsorted_checked_sorted', 'topk', [torch.tensor([[4.0, 1.0, 9.0, 7.0, 3.0]]), 5, 1, True, True])
    add_case(fam, 'topk/int64', 'topk', [torch.tensor([[4, 1, 9, 7, 3], [0, -5, 8, 2, 6]]), 2, 1, True, True])
    add_case(fam, 'topk/int64/smallest', 'topk', [torch.tensor([[4, 1, 9, 7, 3], [0, -5, 8, 2, 6]]), 2, 1, False, True])
    # empty tensors and zero-size dims
    e = torch.zeros(0, 3)
    add_case(fam, 'sum/empty/all', 'sum', [e, None, False, None])
    add_case(fam, 'sum/empty/dim0', 'sum', [e, [0], False, None])
    add_case(fam, 'sum/empty/dim1', 'sum', [e, [1], True, None])
    add_case(fam, 'prod/empty/dim0', 'prod', [e, 0, False])
    add_case(fam, 'mean/empty/dim0', 'mean', [e, [0], False])
    add_case(fam, 'amax/empty/dim1', 'amax', [e, [1], False])
    add_case(fam, 'all/empty', 'all', [e, None, False])
    add_case(fam, 'any/empty', 'any', [e, None, False])
    add_case(fam, 'all/empty/dim0', 'all', [e, 0, False])
    add_case(fam, 'cumsum/empty', 'cumsum', [e, 0])
    add_case(fam, 'sort/empty', 'sort', [e, 0, False, True])
    add_case(fam, 'max_dim/empty/dim1', 'max_dim', [e, 1, False])
    add_case(fam, 'unique/empty', 'unique', [torch.zeros(0), True, True])
    add_case(fam, 'logsumexp/empty', 'logsumexp', [e, [0], False])
    add_case(fam, 'var/empty', 'var', [e, [0], 1, False])
    add_case(fam, 'norm/empty', 'norm', [e, 2, [0], False])
    # 0-dim inputs
    z = torch.tensor(2.5)
    add_case(fam, 'sum/0dim', 'sum', [z, None, False, None])
    add_case(fam, 'sum/0dim/dim0', 'sum', [z, [0], True, None])
    add_case(fam, 'max_dim/0dim', 'max_dim', [z, 0, False])
    add_case(fam, 'cumsum/0dim', 'cumsum', [z, 0])
    add_case(fam, 'argmax/0dim', 'argmax', [z, None, False])
    add_case(fam, 'sort/0dim', 'sort', [z, 0, False, False])
    add_case(fam, 'var/single', 'var', [torch.tensor([1.5]), None, 1, False])
    add_case(fam, 'std/single/corr0', 'std', [torch.tensor([1.5]), None, 0, False])
    # larger inputs: the parallel and vectorised paths (summation order)
    big = rnd(16, 500)
    add_case(fam, 'sum/large/all', 'sum', [big, None, False, None])
    add_case(fam, 'sum/large/dim0', 'sum', [big, [0], False, None])
    add_case(fam, 'mean/large/dim1', 'mean', [big, [1], False])
    add_case(fam, 'var/large/dim1', 'var', [big, [1], 1, False])
    add_case(fam, 'amax/large/all', 'amax', [big, [], False])
    add_case(fam, 'argmax/large/flat', 'argmax', [big, None, False])
    add_case(fam, 'norm/large/dim0', 'norm', [big, 2, [0], False])
    add_case(fam, 'logsumexp/large/dim1', 'logsumexp', [big, [1], False])
    ones = torch.full((100003,), 0.1)
    add_case(fam, 'sum/float32/long_accumulation', 'sum', [ones, None, False, None], layouts=['contiguous'])
    add_case(fam, 'sum/bfloat16/long_accumulation', 'sum', [ones.bfloat16()[:5000], None, False, None], layouts=['contiguous'])
    add_case(fam, 'cumsum/float32/long', 'cumsum', [torch.full((1, 1000), 0.1), 1], layouts=['contiguous'])
    # long lines: the sorting and selection algorithms beyond their small-size paths (ties, NaN, infinities)
    line = torch.cat([rint(-40, 40, 290).float() / 4, torch.tensor([NAN, INF, -INF, NAN, -0.0, 0.0, NAN, 1.0, 1.0, 2.5])])
    line = line[torch.randperm(300, generator=GEN)].reshape(2, 150)
    add_case(fam, 'sort/long/stable', 'sort', [line, 1, False, True])
    add_case(fam, 'sort/long/stable_desc', 'sort', [line, 1, True, True])
    add_case(fam, 'sort/long/dim0', 'sort', [line.t().contiguous(), 0, False, True])
    add_case(fam, 'unique/long', 'unique', [line.nan_to_num(7.0), True, True])
    add_case(fam, 'max_dim/long', 'max_dim', [line, 1, False])
    add_case(fam, 'argmin/long', 'argmin', [line.nan_to_num(0.0), 1, False])
    distinct = torch.randperm(400, generator=GEN).float().sub(200).reshape(2, 200)
    add_case(fam, 'topk/long/k7', 'topk', [distinct, 7, 1, True, True])
    add_case(fam, 'topk/long/k50_smallest', 'topk', [distinct, 50, 1, False, True])
    add_case(fam, 'argsort/long/desc', 'argsort', [distinct, 1, True])
    add_case(fam, 'sort/int64/long', 'sort', [rint(-1000, 1000, 3, 200), 1, False, True])


def gen_linalg():
    fam = 'linalg'
    shapes = {
        '1d@1d': ((4,), (4,)), '2d@1d': ((3, 4), (4,)), '1d@2d': ((4,), (4, 5)), '2d@2d': ((3, 4), (4, 5)),
        '3d@2d': ((2, 3, 4), (4, 5)), '2d@3d': ((3, 4), (2, 4, 5)), '4d@3d': ((2, 1, 3, 4), (5, 4, 2)),
        '1d@3d': ((4,), (2, 4, 5)), '3d@1d': ((2, 3, 4), (4,)), '3d@3d_bcast': ((1, 3, 4), (2, 4, 5)),
        '4d@4d': ((2, 3, 2, 4), (2, 3, 4, 3)), '2d@2d_empty_k': ((3, 0), (0, 2)), '2d@2d_empty_m': ((0, 4), (4, 2)),
    }
    for d in ['float32', 'float64', 'int64', 'bfloat16', 'int32']:
        for name, (sa, sb) in shapes.items():
            if d in FLOATS:
                a, b = rnd(*sa, dtype=d), rnd(*sb, dtype=d)
            else:
                a, b = rint(-5, 5, *sa, dtype=d), rint(-5, 5, *sb, dtype=d)
            add_case(fam, f'matmul/{d}/{name}', 'matmul', [a, b])
        if d in FLOATS:
            m1, m2, inp = rnd(3, 4, dtype=d), rnd(4, 5, dtype=d), rnd(5, dtype=d)
            b1, b2, binp = rnd(2, 3, 4, dtype=d), rnd(2, 4, 5, dtype=d), rnd(3, 5, dtype=d)
        else:
            m1, m2, inp = rint(-5, 5, 3, 4, dtype=d), rint(-5, 5, 4, 5, dtype=d), rint(-5, 5, 5, dtype=d)
            b1, b2, binp = rint(-5, 5, 2, 3, 4, dtype=d), rint(-5, 5, 2, 4, 5, dtype=d), rint(-5, 5, 3, 5, dtype=d)
        add_case(fam, f'mm/{d}', 'mm', [m1, m2])
        add_case(fam, f'bmm/{d}', 'bmm', [b1, b2])
        add_case(fam, f'mv/{d}', 'mv', [m1, m2[:, 0].contiguous()])
        add_case(fam, f'dot/{d}', 'dot', [m1[0].contiguous(), m2[:, 1].contiguous()])
        add_case(fam, f'outer/{d}', 'outer', [m1[0].contiguous(), inp])
        for beta, alpha in [(1, 1), (0.5, 2), (0, 1), (2, 0)] if d in FLOATS else [(1, 1), (2, 3), (0, 1)]:
            add_case(fam, f'addmm/{d}/b{beta}a{alpha}', 'addmm', [inp, m1, m2, beta, alpha])
            add_case(fam, f'baddbmm/{d}/b{beta}a{alpha}', 'baddbmm', [binp, b1, b2, beta, alpha])
        add_case(fam, f'addmm/{d}/full_input', 'addmm', [m1 @ m2, m1, m2, 1, -1])
    add_case(fam, 'addmm/float32/beta0_nan_input', 'addmm', [torch.full((5,), NAN), rnd(3, 4), rnd(4, 5), 0, 1])
    add_case(fam, 'mm/float32/special', 'mm', [torch.tensor([[1.0, INF], [NAN, 0.0]]), torch.tensor([[0.0, 1.0], [1.0, 2.0]])])
    add_case(fam, 'mm/float32/large', 'mm', [rnd(33, 70), rnd(70, 45)])
    add_case(fam, 'matmul/float32/large_batched', 'matmul', [rnd(3, 17, 40), rnd(40, 19)])
    # einsum
    a, b, c = rnd(3, 4), rnd(4, 5), rnd(5, 2)
    sq = rnd(4, 4)
    b3, b3b = rnd(2, 3, 4), rnd(2, 4, 5)
    eqs = [
        ('ij,jk->ik', [a, b]), ('ij,jk', [a, b]), ('ij->ji', [a]), ('ij->', [a]), ('ij->j', [a]), ('ii->i', [sq]),
        ('ii', [sq]), ('ii->', [sq]), ('bij,bjk->bik', [b3, b3b]), ('...ij,...jk->...ik', [b3, b3b]),
        ('i,j->ij', [a[0], b[0]]), ('i,i->', [a[0], a[1]]), ('ij,jk,kl->il', [a, b, c]), ('ij,ij->ij', [a, a]),
        ('bij->b', [b3]), ('b...->...b', [b3]), ('...j,j', [b3, rnd(4)]), ('ij,kj->ik', [a, rnd(5, 4)]),
        ('i,i', [a[0], a[1]]), ('bji,bjk->ik', [b3.transpose(1, 2), rnd(2, 3, 6)]), ('iij->j', [rnd(3, 3, 2)]),
        ('ij,jk,kl', [a, b, c]), ('ab,cd->abcd', [rnd(2, 3), rnd(2, 2)]), ('i...,i...->...', [rnd(3, 2), rnd(3, 1)]),
    ]
    for eq, ops in eqs:
        add_case(fam, f'einsum/{eq}', 'einsum', [eq, Tensors(ops)])
    add_case(fam, 'einsum/int64/ij,jk', 'einsum', ['ij,jk', Tensors([rint(-3, 3, 2, 3), rint(-3, 3, 3, 2)])])


def gen_views():
    fam = 'views'
    x = rnd(2, 3, 4)
    ix = torch.arange(24).reshape(2, 3, 4)
    y = rnd(3, 4)

    def v(name, op, args, contiguous_only=False):
        add_case(fam, name, op, args, check_view=True, layouts=['contiguous'] if contiguous_only else None)

    for s in [[6, 4], [-1], [4, -1, 3], [2, 12], [24]]:
        v(f'view/{s}', 'view', [x, s], contiguous_only=True)
        v(f'reshape/{s}', 'reshape', [x, s])
    v('reshape/0dim', 'reshape', [torch.tensor([5.0]), []])
    v('view/empty', 'view', [torch.zeros(0, 4), [2, 0, 2]], contiguous_only=True)
    v('reshape/empty', 'reshape', [torch.zeros(0, 4), [-1, 2]])
    for dims in [[2, 0, 1], [0, 2, 1], [-1, -2, -3]]:
        v(f'permute/{dims}', 'permute', [x, dims])
    v('permute/int64', 'permute', [ix, [1, 2, 0]])
    v('transpose/0,2', 'transpose', [x, 0, 2])
    v('transpose/-1,-2', 'transpose', [x, -1, -2])
    v('t/2d', 't', [y])
    v('t/1d', 't', [y[0]])
    v('mT', 'mT', [x])
    v('narrow/1,1,2', 'narrow', [x, 1, 1, 2])
    v('narrow/-1,-3,2', 'narrow', [x, -1, -3, 2])
    v('narrow/empty', 'narrow', [x, 2, 4, 0])
    v('select/0,1', 'select', [x, 0, 1])
    v('select/-1,-1', 'select', [x, -1, -1])
    v('select/2,0/int64', 'select', [ix, 2, 0])
    subs = {
        'step2': Idx([slice(None, None, 2)]), 'last_step3': Idx([Ellipsis, slice(None, None, 3)]),
        'neg_start': Idx([slice(-1, None)]), 'mixed': Idx([1, slice(0, 3, 2), slice(1, -1)]),
        'newaxis': Idx([None, slice(None), None, 0]), 'ellipsis_int': Idx([Ellipsis, 2]),
        'clamped': Idx([slice(-10, 10), slice(2, 100)]), 'empty_slice': Idx([slice(2, 1)]),
        'int_int': Idx([0, -1]), 'all_ints': Idx([1, 2, 3]), 'ellipsis_newaxis': Idx([Ellipsis, None]),
        'step_on_dim1': Idx([slice(None), slice(None, None, 2), slice(3, 0, 1)]),
    }
    for name, idx in subs.items():
        v(f'index/{name}', 'index', [x, idx])
        v(f'index/{name}/int64', 'index', [ix, idx])
    v('expand/3x4', 'expand', [y[:, :1], [3, 4]])
    v('expand/new_dims', 'expand', [y[0], [2, 3, 4]])
    v('expand/minus1', 'expand', [y[:1], [5, -1]])
    v('expand/0dim', 'expand', [torch.tensor(2.0), [2, 2]])
    v('expand/zero', 'expand', [y[:1], [0, 4]])
    sq = rnd(1, 3, 1, 2)
    v('squeeze/all', 'squeeze', [sq, None])
    v('squeeze/0', 'squeeze', [sq, 0])
    v('squeeze/1_noop', 'squeeze', [sq, 1])
    v('squeeze/-2', 'squeeze', [sq, -2])
    v('squeeze/0dim', 'squeeze', [torch.tensor(1.0), None])
    for d in [0, 1, 3, -1, -4]:
        v(f'unsqueeze/{d}', 'unsqueeze', [x, d])
    v('unsqueeze/0dim', 'unsqueeze', [torch.tensor(1.0), 0])
    v('flatten/all', 'flatten', [x, 0, -1])
    v('flatten/1,2', 'flatten', [x, 1, 2])
    v('flatten/0,1', 'flatten', [x, 0, 1])
    v('flatten/0dim', 'flatten', [torch.tensor(3.0), 0, -1])
    v('unflatten/2', 'unflatten', [x, 2, [2, 2]])
    v('unflatten/-1', 'unflatten', [x, -1, [2, -1]])
    v('unflatten/0', 'unflatten', [x.reshape(6, 4), 0, [3, 2]])
    v('unfold/2,2,1', 'unfold', [x, 2, 2, 1])
    v('unfold/2,2,2', 'unfold', [x, 2, 2, 2])
    v('unfold/1,2,1', 'unfold', [x, 1, 2, 1])
    v('unfold/-1,3,1', 'unfold', [x, -1, 3, 1])
    v('unfold/1d', 'unfold', [torch.arange(7.0), 0, 3, 2])
    v('as_strided/windows', 'as_strided', [torch.arange(10.0), [4, 3], [2, 1], 0], contiguous_only=True)
    v('as_strided/offset', 'as_strided', [torch.arange(12.0).reshape(3, 4), [2, 2], [4, 1], 5], contiguous_only=True)
    v('as_strided/zero_stride', 'as_strided', [torch.arange(6.0), [3, 2], [0, 1], 1], contiguous_only=True)
    v('as_strided/transpose', 'as_strided', [torch.arange(6.0).reshape(2, 3), [3, 2], [1, 3], 0], contiguous_only=True)
    for off, a, b in [(0, 0, 1), (1, 0, 1), (-1, 0, 1), (0, 1, 2), (2, -1, -2), (-1, 2, 0), (5, 0, 1)]:
        v(f'diagonal/{off},{a},{b}', 'diagonal', [x, off, a, b])
    for s, d in [(2, 1), (1, 0), (3, -1), ([1, 3], -1), ([2, 0, 1], 1), (5, 2)]:
        add_case(fam, f'split/{s}/{d}'.replace(' ', ''), 'split', [x, s, d])
    for n, d in [(2, 2), (3, 1), (4, 1), (5, -1), (1, 0)]:
        add_case(fam, f'chunk/{n}/{d}', 'chunk', [x, n, d])
    for d in [0, 1, -1]:
        add_case(fam, f'unbind/{d}', 'unbind', [x, d])
    for s, d in [(0, 2), (2, 0), (-1, 1), (1, -1)]:
        v(f'movedim/{s},{d}', 'movedim', [x, s, d])
    add_case(fam, 'contiguous', 'contiguous', [x])
    add_case(fam, 'clone', 'clone', [x])


def gen_indexing():
    fam = 'indexing'
    x = rnd(4, 5)
    ix = torch.arange(20).reshape(4, 5)
    x3 = rnd(3, 4, 5)
    for d in ['float32', 'int64', 'bool', 'float16', 'uint8']:
        t = x.to(T(d)) if d in FLOATS else (ix % 3 == 0 if d == 'bool' else ix.to(T(d)))
        add_case(fam, f'index_select/{d}/0', 'index_select', [t, 0, torch.tensor([3, 0, 3])])
        add_case(fam, f'index_select/{d}/1', 'index_select', [t, 1, torch.tensor([4, 1])])
        add_case(fam, f'gather/{d}/1', 'gather', [t, 1, torch.tensor([[0, 4], [1, 1], [2, 0], [4, 3]])])
        add_case(fam, f'gather/{d}/0', 'gather', [t, 0, torch.tensor([[3, 2, 1, 0, 0]])])
        add_case(fam, f'masked_select/{d}', 'masked_select', [t, ix % 2 == 1])
        add_case(fam, f'masked_select/{d}/broadcast', 'masked_select', [t, torch.tensor([True, False, True, False, False])])
        add_case(fam, f'take/{d}', 'take', [t, torch.tensor([[0, 19], [-1, 7]])])
        add_case(fam, f'nonzero/{d}', 'nonzero', [t])
        add_case(fam, f'masked_fill/{d}', 'masked_fill', [t, ix % 3 == 1, 1])
    add_case(fam, 'index_select/int32_index', 'index_select', [x, 0, torch.tensor([1, 2], dtype=torch.int32)])
    add_case(fam, 'index_select/3d/2', 'index_select', [x3, 2, torch.tensor([0, 0, 4])])
    add_case(fam, 'index_select/empty_index', 'index_select', [x, 1, torch.tensor([], dtype=torch.long)])
    add_case(fam, 'gather/3d/-1', 'gather', [x3, -1, rint(0, 5, 3, 4, 2)])
    add_case(fam, 'gather/3d/1/smaller', 'gather', [x3, 1, rint(0, 4, 2, 3, 5)])
    add_case(fam, 'nonzero/3d', 'nonzero', [x3 > 0])
    add_case(fam, 'nonzero/0dim', 'nonzero', [torch.tensor(2.0)])
    add_case(fam, 'nonzero/special', 'nonzero', [SPECIAL.float()])
    add_case(fam, 'where_cond', 'where_cond', [ix % 4 == 1])
    # larger operands: the parallel paths of the indexing kernels
    # (indices that are affine in their position keep the results affine, so the JSON stays small)
    wide = torch.arange(40000.0).reshape(400, 100)
    rev = torch.arange(99, -1, -1)
    add_case(fam, 'index_select/large', 'index_select', [wide, 1, rev])
    add_case(fam, 'gather/large', 'gather', [wide, 1, rev.expand(400, 100).contiguous()])
    add_case(fam, 'index/large/two_tensors', 'index', [wide, Idx([torch.arange(350).reshape(350, 1) + 20,
                                                                  -1 - torch.arange(100).reshape(1, 100)])])
    add_case(fam, 'take/large', 'take', [wide, torch.arange(39999, 0, -1)])
    add_case(fam, 'index_put_/large/accumulate', 'index_put_', [torch.zeros(50), Idx([rint(0, 50, 2000)]), torch.ones(2000), True])
    add_case(fam, 'masked_select/medium', 'masked_select', [wide[:30], wide[:30].remainder(7) == 3])
    add_case(fam, 'nonzero/medium', 'nonzero', [wide[:30].remainder(13) == 0])
    add_case(fam, 'scatter_add/medium', 'scatter_add', [torch.zeros(30, 10), 1, rint(0, 10, 30, 100), wide[:30]])
    for d in ['float32', 'int64', 'float64']:
        base = torch.zeros(3, 5, dtype=T(d))
        src = (torch.arange(1, 11).reshape(2, 5) * 1.5).to(T(d))
        idx = torch.tensor([[0, 1, 2, 0, 1], [2, 0, 0, 1, 2]])
        add_case(fam, f'scatter/{d}', 'scatter', [base, 0, idx, src])
        add_case(fam, f'scatter/{d}/value', 'scatter', [base, 1, torch.tensor([[0], [4], [2]]), 2.5])
        add_case(fam, f'scatter_add/{d}', 'scatter_add', [base + 1, 0, idx, src])
        add_case(fam, f'scatter_add/{d}/dup', 'scatter_add', [base, 1, torch.tensor([[0, 0, 0, 1, 1], [4, 4, 4, 4, 4]]), src])
        dup = torch.tensor([[0, 0, 3, 3, 3], [1, 1, 1, 2, 2]])
        for red in ['sum', 'prod', 'mean', 'amax', 'amin']:
            add_case(fam, f'scatter_reduce/{d}/{red}', 'scatter_reduce', [base + 2, 0, idx, src, red])
            add_case(fam, f'scatter_reduce/{d}/{red}/dup', 'scatter_reduce', [base - 1, 1, dup, src, red])
            add_case(fam, f'scatter_reduce/{d}/{red}/exclude_self', 'scatter_reduce', [base + 2, 0, idx, src, red, False])
            add_case(fam, f'scatter_reduce/{d}/{red}/dup/exclude_self', 'scatter_reduce', [base - 1, 1, dup, src, red, False])
            add_case(fam, f'scatter_reduce_/{d}/{red}/exclude_self', 'scatter_reduce_', [base - 1, 1, dup, src, red, False])
            add_case(fam, f'scatter_reduce/{d}/{red}/empty_index', 'scatter_reduce',
                     [base + 2, 1, torch.zeros(3, 0, dtype=torch.long), src, red, False])
        add_case(fam, f'scatter_/{d}', 'scatter_', [base, 0, idx, src])
        add_case(fam, f'scatter_add_/{d}', 'scatter_add_', [base, 0, idx, src])
        add_case(fam, f'index_add/{d}', 'index_add', [base, 0, torch.tensor([0, 2]), src, 1])
        add_case(fam, f'index_add/{d}/dup_alpha', 'index_add', [base, 0, torch.tensor([1, 1]), src, 2])
        add_case(fam, f'index_add/{d}/dim1', 'index_add', [base, 1, torch.tensor([4, 0, 4]), src.t()[:3].t().repeat(2, 1)[:3], -1])
        add_case(fam, f'index_add_/{d}', 'index_add_', [base, 1, torch.tensor([0, 1, 0, 1, 4]), torch.ones(3, 5, dtype=T(d))])
    add_case(fam, 'scatter_reduce/float32/amax_special', 'scatter_reduce',
             [torch.zeros(2), 0, torch.tensor([0, 0, 1, 1]), torch.tensor([NAN, 1.0, -INF, -2.0]), 'amax'])
    for red in ['amax', 'amin', 'mean']:
        add_case(fam, f'scatter_reduce/float32/{red}_special/exclude_self', 'scatter_reduce',
                 [torch.zeros(3), 0, torch.tensor([0, 0, 1, 1]), torch.tensor([NAN, 1.0, -INF, -2.0]), red, False])
    # PyTorch checks an empty index for nothing: neither its shape, nor its number of dims, nor its dtype
    add_case(fam, 'gather/empty_index', 'gather', [x, 1, torch.zeros(9, 0, dtype=torch.long)])
    add_case(fam, 'scatter_add/empty_index', 'scatter_add', [x, 0, torch.zeros(0, dtype=torch.int32), x])
    # mean of integers rounds down (floor, not towards zero)
    add_case(fam, 'scatter_reduce/int64/mean/floor', 'scatter_reduce',
             [torch.tensor([-7, 5, 0, 3]), 0, torch.tensor([0, 0, 1, 1, 2, 2]), torch.tensor([1, 1, -4, -2, -1, 0]), 'mean'])
    add_case(fam, 'scatter_reduce/int64/mean/floor/exclude_self', 'scatter_reduce',
             [torch.tensor([-7, 5, 0, 3]), 0, torch.tensor([0, 0, 1, 1, 2, 2]), torch.tensor([1, 1, -4, -2, -1, 0]), 'mean', False])
    # derivatives: d sum(out * g) / d (self, src), where the formulas branch: ties of amax/amin (the gradient is
    # shared evenly by every value equal to the result, self's included even without include_self), zeros of prod
    # (in self, alone in src, two meeting), and mean's counts
    g3 = torch.tensor([1.0, -2.0, 0.5])
    # (self, index, src) along dim 0
    ties = [torch.tensor([5.0, 1.0, 2.0]), torch.tensor([0, 0, 1, 1, 1, 2]), torch.tensor([5.0, 3.0, 4.0, 4.0, 4.0, 2.0])]
    zeros = [torch.tensor([0.0, 2.0, 3.0]), torch.tensor([0, 0, 1, 1, 2, 2]), torch.tensor([1.5, 4.0, 0.0, 5.0, 0.0, 0.0])]
    for d in ['float32', 'float64']:
        for inc in [True, False]:
            excl = '' if inc else '/exclude_self'
            for red, sign in [('amax', 1), ('amin', -1)]:
                add_case(fam, f'scatter_reduce_backward/{d}/{red}/ties{excl}', 'scatter_reduce_backward',
                         [(sign * ties[0]).to(T(d)), 0, ties[1], (sign * ties[2]).to(T(d)), red, inc, g3.to(T(d))])
            add_case(fam, f'scatter_reduce_backward/{d}/prod/zeros{excl}', 'scatter_reduce_backward',
                     [zeros[0].to(T(d)), 0, zeros[1], zeros[2].to(T(d)), 'prod', inc, g3.to(T(d))])
            for red in ['sum', 'mean']:
                add_case(fam, f'scatter_reduce_backward/{d}/{red}{excl}', 'scatter_reduce_backward',
                         [(torch.arange(12.0).reshape(3, 4) / 4 - 1).to(T(d)), 1, torch.tensor([[0, 0, 3], [1, 1, 1], [2, 0, 2]]),
                          (torch.arange(9.0).reshape(3, 3) / 2 - 2).to(T(d)), red, inc,
                          (torch.arange(12.0).reshape(3, 4) % 5 - 1.5).to(T(d))])
    add_case(fam, 'scatter/3d', 'scatter', [torch.zeros(2, 3, 4), 2, rint(0, 4, 2, 3, 2), rnd(2, 3, 2)])
    # advanced indexing
    subs = {
        'int_tensor': Idx([torch.tensor([2, 0, 2])]),
        'negative': Idx([torch.tensor([-1, -4, 1])]),
        'two_tensors': Idx([torch.tensor([0, 2, 3]), torch.tensor([4, 0, -1])]),
        'broadcast_tensors': Idx([torch.tensor([[0], [3]]), torch.tensor([1, 2, 4])]),
        'slice_then_tensor': Idx([slice(1, None), torch.tensor([0, 0, 4])]),
        'tensor_then_slice': Idx([torch.tensor([3, 1]), slice(None, None, 2)]),
        '2d_index': Idx([torch.tensor([[0, 1], [2, 3]])]),
        'bool_mask': Idx([ix % 3 == 0]),
        'bool_row_mask': Idx([torch.tensor([True, False, True, True])]),
        'bool_col_mask': Idx([slice(None), torch.tensor([False, True, True, False, True])]),
        'int_and_tensor': Idx([1, torch.tensor([0, 3])]),
        'newaxis_tensor': Idx([None, torch.tensor([1, 2])]),
        'ellipsis_tensor': Idx([Ellipsis, torch.tensor([0, -1])]),
        'empty_index': Idx([torch.tensor([], dtype=torch.long)]),
        'bool_0dim': Idx([torch.tensor(True)]),
        'bool_0dim_false': Idx([torch.tensor(False)]),
    }
    for name, idx in subs.items():
        add_case(fam, f'index/{name}', 'index', [x, idx])
    add_case(fam, 'index/int32_index', 'index', [x, Idx([torch.tensor([1, 3], dtype=torch.int32)])],
             py_args=[x, Idx([torch.tensor([1, 3])])], note='PyTorch 1.13 rejects int32 indices; 2.x and torch4j accept them')
    subs3 = {
        'non_adjacent': Idx([torch.tensor([0, 2]), slice(None), torch.tensor([1, 4])]),
        'non_adjacent_bcast': Idx([torch.tensor([[0], [2]]), slice(1, 3), torch.tensor([1, 4, 0])]),
        'adjacent_last': Idx([slice(None), torch.tensor([0, 3]), torch.tensor([1, 4])]),
        'int_slice_tensor': Idx([0, slice(None), torch.tensor([1, 4, 2])]),
        'tensor_int_tensor': Idx([torch.tensor([1, 2]), 0, torch.tensor([3, 3])]),
        'three_tensors': Idx([torch.tensor([0, 2]), torch.tensor([1, 3]), torch.tensor([-1, 0])]),
        'mask_2d': Idx([x3[:, :, 0] > 0]),
        'mask_then_tensor': Idx([torch.tensor([True, False, True]), slice(None), torch.tensor([0, 4])]),
        'ellipsis_mask': Idx([Ellipsis, torch.tensor([True, False, False, True, True])]),
    }
    for name, idx in subs3.items():
        add_case(fam, f'index/3d/{name}', 'index', [x3, idx])
    # index_put_ (x[idx] = v), accumulate
    puts = [
        ('tensor', Idx([torch.tensor([0, 2])]), torch.tensor([1.0, 2.0, 3.0, 4.0, 5.0]), False),
        ('tensor_scalar', Idx([torch.tensor([3, -1])]), torch.tensor(9.0), False),
        ('two_tensors', Idx([torch.tensor([0, 1, 3]), torch.tensor([4, 4, 0])]), torch.tensor([7.0, 8.0, 9.0]), False),
        ('mask', Idx([ix % 2 == 0]), torch.tensor(-1.0), False),
        ('mask_values', Idx([ix < 4]), torch.tensor([1.0, 2.0, 3.0, 4.0]), False),
        ('slice', Idx([slice(1, 3), slice(None, None, 2)]), torch.tensor([[1.0, 2.0, 3.0]]), False),
        ('accumulate_dup', Idx([torch.tensor([1, 1, 2, 1])]), torch.tensor([[1.0] * 5, [2.0] * 5, [3.0] * 5, [4.0] * 5]), True),
        ('accumulate_2', Idx([torch.tensor([0, 0, 3]), torch.tensor([1, 1, 2])]), torch.tensor([0.5, 0.25, 1.0]), True),
        ('accumulate_bcast', Idx([torch.tensor([2, 2])]), torch.tensor(1.0), True),
        ('col_tensor', Idx([slice(None), torch.tensor([0, 4])]), torch.tensor([[-1.0, -2.0]]), False),
    ]
    for name, idx, val, acc in puts:
        add_case(fam, f'index_put_/{name}', 'index_put_', [x, idx, val, acc])
    add_case(fam, 'index_put_/int64/mask', 'index_put_', [ix, Idx([ix > 10]), torch.tensor(0), False])
    vals = torch.tensor([1.7, 2.2, 3.9, -4.5, 5.0])
    add_case(fam, 'index_put_/int64/convert', 'index_put_', [ix, Idx([torch.tensor([1])]), vals, False],
             py_args=[ix, Idx([torch.tensor([1])]), vals.long(), False],
             note='PyTorch 1.13 requires equal dtypes; torch4j converts the values, as assignment through a view does')
    add_case(fam, 'index_put_/3d/non_adjacent', 'index_put_', [x3, Idx([torch.tensor([0, 2]), slice(None), torch.tensor([1, 4])]), torch.tensor([[1.0], [2.0]]), False])
    add_case(fam, 'index_put_/3d/non_adjacent_acc', 'index_put_', [x3, Idx([torch.tensor([0, 0]), slice(None), torch.tensor([1, 1])]), torch.tensor(1.0), True])


def gen_joins():
    fam = 'joins'
    a, b = rnd(2, 3), rnd(2, 3)
    c = rnd(2, 1)
    for d in ['float32', 'int64', 'bool', 'bfloat16']:
        aa, bb = (a > 0, b > 0) if d == 'bool' else (a.to(T(d)), b.to(T(d)))
        add_case(fam, f'cat/{d}/0', 'cat', [Tensors([aa, bb]), 0])
        add_case(fam, f'cat/{d}/1', 'cat', [Tensors([aa, bb, aa[:, :1]]), 1])
        add_case(fam, f'stack/{d}/0', 'stack', [Tensors([aa, bb]), 0])
        add_case(fam, f'stack/{d}/-1', 'stack', [Tensors([aa, bb, aa]), -1])
        add_case(fam, f'flip/{d}', 'flip', [aa, [0, 1]])
    add_case(fam, 'cat/mixed_dtypes', 'cat', [Tensors([a, torch.tensor([[1, 2, 3]])]), 0])
    add_case(fam, 'cat/mixed_int_bool', 'cat', [Tensors([torch.tensor([1, 2], dtype=torch.int8), torch.tensor([True])]), 0])
    add_case(fam, 'cat/mixed_float64', 'cat', [Tensors([a, b.double()]), 1])
    add_case(fam, 'cat/-1', 'cat', [Tensors([a, c]), -1])
    add_case(fam, 'cat/skip_empty_1d', 'cat', [Tensors([torch.zeros(0), a]), 0])
    add_case(fam, 'cat/empty_rows', 'cat', [Tensors([torch.zeros(0, 3), a]), 0])
    add_case(fam, 'cat/3d/1', 'cat', [Tensors([rnd(2, 2, 3), rnd(2, 1, 3)]), 1])
    add_case(fam, 'cat/single', 'cat', [Tensors([a]), 1])
    add_case(fam, 'stack/1', 'stack', [Tensors([a, b]), 1])
    add_case(fam, 'stack/0dim', 'stack', [Tensors([torch.tensor(1.0), torch.tensor(2.0)]), 0])
    add_case(fam, 'stack/mixed', 'stack', [Tensors([torch.tensor([1, 2]), torch.tensor([0.5, 1.5])]), 0])
    for r in [[2, 1], [1, 3], [2, 2, 1], [0, 2], [2, 1, 1, 2]]:
        add_case(fam, f'repeat/{r}'.replace(' ', ''), 'repeat', [a, r])
    for r in [[2], [2, 1], [3, 1, 2], [1]]:
        add_case(fam, f'tile/{r}'.replace(' ', ''), 'tile', [a, r])
    x3 = rnd(2, 3, 4)
    for dims in [[0], [1], [-1], [0, 2], []]:
        add_case(fam, f'flip/3d/{dims}'.replace(' ', ''), 'flip', [x3, dims])
    for s, d in [([1], [0]), ([-1], [1]), ([5], [1]), ([2], []), ([1, -2], [0, 2]), ([0], [1]), ([-7], [])]:
        add_case(fam, f'roll/{s}/{d}'.replace(' ', ''), 'roll', [x3, s, d])
    sq = rnd(4, 5)
    for k in [0, 1, -1, 3, -5, 10]:
        add_case(fam, f'tril/{k}', 'tril', [sq, k])
        add_case(fam, f'triu/{k}', 'triu', [sq, k])
    add_case(fam, 'tril/3d', 'tril', [x3, 0])
    add_case(fam, 'triu/int64', 'triu', [rint(0, 9, 3, 3), 1])
    add_case(fam, 'tril/bool', 'tril', [sq > 0, -1])
    p3 = rnd(1, 2, 5)
    p4 = rnd(1, 2, 3, 4)
    for mode in ['constant', 'reflect', 'replicate', 'circular']:
        add_case(fam, f'pad/{mode}/1d', 'pad', [p3, [2, 1], mode, 0.0])
        add_case(fam, f'pad/{mode}/2d', 'pad', [p4, [1, 2, 2, 0], mode, 0.0])
    add_case(fam, 'pad/constant/value', 'pad', [p3, [1, 1], 'constant', -2.5])
    add_case(fam, 'pad/constant/negative', 'pad', [p4, [-1, 2, 0, -1], 'constant', 1.0])
    add_case(fam, 'pad/constant/3dims', 'pad', [p4, [1, 0, 0, 1, 1, 1], 'constant', 0.0])
    add_case(fam, 'pad/constant/int64', 'pad', [rint(0, 9, 2, 3), [1, 1], 'constant', 7])
    add_case(fam, 'pad/circular/3d', 'pad', [rnd(1, 1, 2, 3, 3), [1, 1, 1, 1, 1, 1], 'circular', 0.0])
    add_case(fam, 'pad/replicate/3d', 'pad', [rnd(1, 1, 2, 3, 3), [2, 0, 0, 1, 1, 0], 'replicate', 0.0])
    add_case(fam, 'pad/reflect/max', 'pad', [p3, [4, 4], 'reflect', 0.0])
    # edges wider than the input, and negative pads (crops): circular wraps what is left after cropping
    add_case(fam, 'pad/circular/whole', 'pad', [p3, [5, 5], 'circular', 0.0])
    add_case(fam, 'pad/circular/negative', 'pad', [p3, [-1, 2], 'circular', 0.0])
    add_case(fam, 'pad/circular/negative2d', 'pad', [p4, [2, -1, -1, 1], 'circular', 0.0])
    add_case(fam, 'pad/replicate/wide', 'pad', [p3, [7, 6], 'replicate', 0.0])
    add_case(fam, 'pad/replicate/negative', 'pad', [p3, [-2, 3], 'replicate', 0.0])
    add_case(fam, 'pad/reflect/negative', 'pad', [p3, [-1, 3], 'reflect', 0.0])


def gen_print():
    fam = 'print'

    def p(name, t):
        add_case(fam, name, 'str', [t])

    p('float/simple', torch.tensor([[0.1, 2.0], [-3.25, 4.5]]))
    p('float/int_mode', torch.tensor([1.0, -2.0, 300.0]))
    p('float/int_mode_sci', torch.tensor([1.0, 2e8]))
    p('float/sci_small', torch.tensor([1e-5, 1.0, 2.0]))
    p('float/sci_ratio', torch.tensor([0.5, 1234.5678]))
    p('float/large_values', torch.tensor([123456.789, 0.5]))
    p('float/negative_zero', torch.tensor([-0.0, 1.5, 0.0]))
    p('float/negative_zero_int', torch.tensor([-0.0, 1.0]))
    p('float/nan_inf', torch.tensor([NAN, INF, -INF, 1.5]))
    p('float/nan_inf_int', torch.tensor([NAN, INF, 2.0]))
    p('float/only_nan', torch.tensor([NAN, NAN]))
    p('float/zeros', torch.zeros(2, 2))
    p('float/0dim', torch.tensor(3.14159))
    p('float/0dim_int', torch.tensor(-7.0))
    p('float/rounding', torch.tensor([0.00005, 0.12345, 2.00005, 1.99995]))
    p('float/half_even', torch.tensor([0.125, 0.375, 2.5]))
    p('float/wide_line', rnd(3, 12))
    p('float/3d', rnd(2, 3, 4))
    p('float/4d', rnd(2, 2, 1, 3))
    p('float/summarised_1d', torch.arange(2000.0) * 0.125 - 3)
    p('float/summarised_2d', (torch.arange(1200.0) * 0.01 - 2.5).reshape(40, 30))
    p('float/summarised_3d', torch.arange(1200.0).reshape(12, 10, 10))
    p('float/exactly_1000', torch.arange(1000.0))
    p('float/1001', torch.arange(1001.0))
    p('float64', torch.tensor([1.5, -2.25], dtype=torch.float64))
    p('float64/int_mode', torch.tensor([1.0, 2.0], dtype=torch.float64))
    p('float16', torch.tensor([0.1, 1000.0], dtype=torch.float16))
    p('bfloat16', torch.tensor([[0.1, 3.0], [-2.5, 100.0]], dtype=torch.bfloat16))
    p('int64', torch.tensor([[1, -20], [300, 4]]))
    p('int64/big', torch.tensor([9007199254740993, -1]))
    p('int32', torch.tensor([1, 2], dtype=torch.int32))
    p('int16', torch.tensor([[1], [-2]], dtype=torch.int16))
    p('int8', torch.tensor([-128, 127], dtype=torch.int8))
    p('uint8', torch.tensor([0, 255], dtype=torch.uint8))
    p('bool', torch.tensor([[True, False], [False, True]]))
    p('bool/0dim', torch.tensor(False))
    p('int64/0dim', torch.tensor(42))
    p('int64/summarised', torch.arange(5000).reshape(50, 100))
    p('bool/summarised', torch.arange(1500) % 3 == 0)
    p('empty/1d', torch.zeros(0))
    p('empty/2d', torch.zeros(2, 0))
    p('empty/int64', torch.zeros(0, dtype=torch.long))
    p('empty/int8_3d', torch.zeros(1, 0, 3, dtype=torch.int8))
    p('empty/float64', torch.zeros(0, dtype=torch.float64))
    p('empty/bool_2d', torch.zeros(0, 2, dtype=torch.bool))
    p('long_int_values', torch.tensor([[1.0, 123456789.0]]))
    p('mixed_widths', torch.tensor([[-1.5, 100.25], [7.0, -0.001]]))
    p('many_columns_int', torch.arange(30).reshape(1, 30))
    p('float32/tiny_and_big', torch.tensor([1e-10, 1e10]))


def gen_errors():
    e = error_case
    a3 = rnd(2, 3)
    b4 = rnd(2, 4)
    e('broadcast/add', 'add', [a3, b4], expect='The size of tensor a (3) must match the size of tensor b (4) at non-singleton dimension 1')
    e('broadcast/mul', 'mul', [rnd(3), rnd(4)])
    e('broadcast/where', 'where', [torch.tensor([True, False]), rnd(3), rnd(3)])
    e('broadcast/lerp', 'lerp', [rnd(2), rnd(3), 0.5])
    e('dim_out_of_range/sum', 'sum', [a3, [2], False, None], expect='Dimension out of range (expected to be in range of [-2, 1], but got 2)')
    e('dim_out_of_range/sum_neg', 'sum', [a3, [-3], False, None])
    e('dim_out_of_range/select', 'select', [a3, 5, 0])
    e('dim_out_of_range/transpose', 'transpose', [a3, 0, 2])
    e('dim_out_of_range/unsqueeze', 'unsqueeze', [a3, 3])
    e('dim_out_of_range/cumsum', 'cumsum', [a3, -3])
    e('dim_out_of_range/softmax_like_max', 'max_dim', [a3, 2, False])
    e('dim_out_of_range/cat', 'cat', [Tensors([a3, a3]), 2])
    e('dim_out_of_range/stack', 'stack', [Tensors([a3, a3]), 4])
    e('dim_out_of_range/0dim', 'sum', [torch.tensor(1.0), [1], False, None])
    e('dim_repeated/sum', 'sum', [a3, [1, -1], False, None])
    e('index_out_of_range/select', 'select', [a3, 1, 3])
    e('index_out_of_range/select_neg', 'select', [a3, 0, -3])
    e('index_out_of_range/index_tensor', 'index', [a3, Idx([torch.tensor([0, 2])])])
    # PyTorch counts the dim among the index tensors (0); torch4j names the tensor's dim (1)
    e('index_out_of_range/index_neg', 'index', [a3, Idx([slice(None), torch.tensor([-4])])],
      expect='index -4 is out of bounds for dimension')
    e('index_out_of_range/int', 'index', [a3, Idx([2])])
    # 1.13: "INDICES element is out of DATA bounds"; later versions (and torch4j): this
    e('index_out_of_range/index_select', 'index_select', [a3, 1, torch.tensor([0, 3])], expect='index out of range in self')
    e('index_out_of_range/gather', 'gather', [a3, 1, torch.tensor([[0, 5]])])
    e('index_out_of_range/too_many', 'index', [a3, Idx([0, 0, 0])])
    e('index_out_of_range/take', 'take', [a3, torch.tensor([6])])
    e('index_out_of_range/narrow', 'narrow', [a3, 1, 2, 2])
    e('index_put_/out_of_range', 'index_put_', [a3, Idx([torch.tensor([0, 5])]), torch.tensor(1.0), False])
    e('index/mask_shape', 'index', [a3, Idx([torch.tensor([True, False, True])])])
    # 1.13 lists "long, byte or bool"; 2.x (and torch4j) accept int too
    e('index/float_index', 'index', [a3, Idx([torch.tensor([0.0])])], expect='tensors used as indices must be long')
    e('index/broadcast_indices', 'index', [a3, Idx([torch.tensor([0, 1]), torch.tensor([0, 1, 2])])])
    # 1.13: "expected scalar type Float but found Double"; 2.x (and torch4j) name both operands
    e('dtype/mm', 'mm', [rnd(2, 3), rnd(3, 2, dtype='float64')], expect='expected mat1 and mat2 to have the same dtype')
    e('dtype/dot', 'dot', [rnd(3), rnd(3, dtype='float64')])
    e('dtype/matmul_int_float', 'matmul', [rint(0, 3, 2, 3), rnd(3, 2)], expect='expected mat1 and mat2 to have the same dtype')
    e('dtype/where_cond', 'where', [torch.tensor([1, 0]), rnd(2), rnd(2)])
    e('dtype/gather_index', 'gather', [a3, 1, torch.tensor([[0]], dtype=torch.int32)])
    e('dtype/scatter_src', 'scatter', [a3, 1, torch.tensor([[0]]), torch.tensor([[1]], dtype=torch.float64)])
    e('dtype/bitwise_float', 'bitwise_and', [a3, a3])
    e('dtype/bitwise_not_float', 'bitwise_not', [a3])
    e('dtype/neg_bool', 'neg', [BOOL_IN])
    e('dtype/sub_bool', 'sub', [BOOL_IN, BOOL_IN])
    e('dtype/mean_int', 'mean', [INT_IN, None, False])
    e('dtype/var_int', 'var', [INT_IN, None, 1, False])
    e('dtype/norm_int', 'norm', [INT_IN, 2, None, False])
    e('dtype/lerp_mixed', 'lerp', [rnd(2), rnd(2, dtype='float64'), 0.5])
    e('dtype/addcdiv_int', 'addcdiv', [INT_IN, INT_IN, INT_IN, 1], expect='Integer division with addcdiv is no longer supported')
    e('dtype/alpha_float_int', 'add', [INT_IN, INT_IN, 0.5])
    e('dtype/pow_int_negative_scalar', 'pow', [INT_IN, -1])
    e('dtype/int_div_zero', 'div', [INT_IN, torch.zeros(4, dtype=torch.long), 'trunc'])
    e('dtype/int_remainder_zero', 'remainder', [INT_IN, torch.zeros(4, dtype=torch.long)])
    e('dtype/index_select_float_index', 'index_select', [a3, 0, torch.tensor([0.0])])
    e('inplace/result_type', 'add_', [INT_IN.clone(), rnd(2, 4)], expect="result type Float can't be cast to the desired output type Long")
    e('inplace/result_type_scalar', 'mul_', [INT_IN.clone(), 1.5])
    e('inplace/div_int', 'div_', [INT_IN.clone(), 2])
    e('inplace/bool_from_int', 'add_', [BOOL_IN.clone(), torch.tensor([1, 1, 1])])
    e('inplace/broadcast_shape', 'add_', [rnd(3), rnd(2, 3)])
    e('inplace/broadcast_mul_', 'mul_', [rnd(2, 1), rnd(2, 3)])
    e('inplace/copy_shape', 'copy_', [rnd(2, 3), rnd(3, 2)])
    # 1.13 names the output type "long int" here and "Long" elsewhere
    e('inplace/clamp_int_float', 'clamp_', [INT_IN.clone(), 0.5, 1.5], expect="result type Float can't be cast to the desired output type")
    e('inplace/sqrt_int', 'sqrt_', [INT_IN.clone()])
    e('inplace/fill_tensor_dims', 'fill_', [rnd(2, 3), torch.tensor([1.0])])
    e('inplace/masked_fill_shape', 'masked_fill_', [rnd(2, 3), torch.tensor([True, False]), 1.0])
    # an in-place op whose input is another view of the written-to memory (one tensor, several views)
    partial = 'unsupported operation: some elements of the input tensor and the written-to tensor refer to a single memory location'
    sq = torch.arange(16.0).reshape(4, 4)
    for name, steps, op, rest in [('add_/transposed', [[], [['t']]], 'add_', []),
                                  ('add_/row', [[], [['select', 0, 0]]], 'add_', []),
                                  ('sub_/alpha', [[], [['t']]], 'sub_', [2]),
                                  ('mul_/shifted_rows', [[['slice', 0, 1, 4, 1]], [['slice', 0, 0, 3, 1]]], 'mul_', []),
                                  ('div_/transposed', [[], [['t']]], 'div_', []),
                                  ('copy_/transposed', [[], [['t']]], 'copy_', []),
                                  ('copy_/shifted_rows', [[['slice', 0, 1, 4, 1]], [['slice', 0, 0, 3, 1]]], 'copy_', []),
                                  ('addcmul_/transposed', [[], [['t']], []], 'addcmul_', [1.0]),
                                  ('lerp_/transposed', [[], [['t']]], 'lerp_', [0.5]),
                                  ('index_put_/row', [[], [['select', 0, 1]]], 'index_put_x', [])]:
        e(f'aliased/{name}', 'aliased', [sq, steps, op] + rest, expect=partial)
    overlap = 'unsupported operation: more than one element of the written-to tensor refers to a single memory location'
    e('inplace/expanded_write', 'inplace_view', [rnd(3), [['expand', [2, 3]]], 'add_', 1.0], expect=overlap)
    for op, extra in [('mul_', [torch.ones(2, 3)]), ('exp_', []), ('clamp_', [0.0, 1.0]), ('copy_', [torch.ones(2, 3)]),
                      ('addcmul_', [torch.ones(3), torch.ones(3), 1.0]), ('lerp_', [torch.ones(2, 3), 0.5]), ('div_', [2.0])]:
        e(f'inplace/expanded_write/{op}', 'inplace_view', [rnd(3), [['expand', [2, 3]]], op] + extra, expect=overlap)
    e('view/non_contiguous', 'view', [rnd(3, 4).t(), [12]], expect="view size is not compatible with input tensor's size and stride",
      layouts=['transposed'])
    e('view/bad_size', 'view', [rnd(3, 4), [5, -1]], expect="shape '[5, -1]' is invalid for input of size 12")
    e('view/two_minus1', 'view', [rnd(3, 4), [-1, -1]])
    e('reshape/bad_size', 'reshape', [rnd(3, 4), [5]])
    e('expand/bad', 'expand', [rnd(2, 3), [4, 3]])
    e('expand/fewer_dims', 'expand', [rnd(2, 3), [3]])
    e('permute/wrong_len', 'permute', [rnd(2, 3), [0]])
    e('permute/dup', 'permute', [rnd(2, 3), [0, 0]])
    e('squeeze/dim_range', 'squeeze', [rnd(2, 3), 2])
    e('unflatten/bad', 'unflatten', [rnd(2, 6), 1, [4, 2]])
    e('unfold/too_big', 'unfold', [rnd(2, 3), 1, 4, 1])
    e('split_sizes/bad', 'split', [rnd(2, 6), [2, 3], 1])
    e('chunk/zero', 'chunk', [rnd(4), 0, 0])
    e('diagonal/same_dims', 'diagonal', [rnd(2, 3), 0, 1, 1])
    e('t/3d', 't', [rnd(2, 3, 4)])
    e('mm/shape', 'mm', [rnd(2, 3), rnd(4, 2)], expect='mat1 and mat2 shapes cannot be multiplied (2x3 and 4x2)')
    e('mm/not_matrix', 'mm', [rnd(3), rnd(3, 2)])
    e('mm/not_matrix2', 'mm', [rnd(2, 3), rnd(3)])
    e('bmm/shape', 'bmm', [rnd(2, 3, 4), rnd(2, 5, 2)])
    e('bmm/batch', 'bmm', [rnd(2, 3, 4), rnd(3, 4, 2)])
    e('bmm/not_3d', 'bmm', [rnd(3, 4), rnd(4, 2)])
    e('matmul/shape_2d', 'matmul', [rnd(2, 3), rnd(4, 2)])
    e('matmul/shape_1d', 'matmul', [rnd(3), rnd(4)])
    # 1.13: "size mismatch, got 2, 2x3,4"; 2.x (and torch4j): "size mismatch, got input (2), mat (2x3), vec (4)"
    e('matmul/shape_mv', 'matmul', [rnd(2, 3), rnd(4)], expect='size mismatch, got ')
    e('matmul/shape_batched', 'matmul', [rnd(2, 2, 3), rnd(2, 4, 2)])
    e('matmul/batch_broadcast', 'matmul', [rnd(2, 2, 3), rnd(3, 3, 2)])
    e('matmul/0dim', 'matmul', [torch.tensor(1.0), rnd(2)])
    e('mv/shape', 'mv', [rnd(2, 3), rnd(4)], expect='size mismatch, got ')
    e('dot/shape', 'dot', [rnd(3), rnd(4)])
    e('dot/2d', 'dot', [rnd(2, 2), rnd(2, 2)])
    e('addmm/input_shape', 'addmm', [rnd(3), rnd(2, 3), rnd(3, 2), 1, 1])
    e('einsum/operands', 'einsum', ['ij,jk->ik', Tensors([rnd(2, 3)])])
    e('einsum/dims', 'einsum', ['ijk->i', Tensors([rnd(2, 3)])])
    e('einsum/size', 'einsum', ['ij,jk->ik', Tensors([rnd(2, 3), rnd(4, 2)])])
    e('einsum/output_letter', 'einsum', ['ij->k', Tensors([rnd(2, 3)])])
    e('cat/sizes', 'cat', [Tensors([rnd(2, 3), rnd(2, 4)]), 0], expect='Sizes of tensors must match except in dimension 0. Expected size 3 but got size 4 for tensor number 1 in the list.')
    e('cat/dims', 'cat', [Tensors([rnd(2, 3), rnd(2, 3, 1)]), 0])
    e('cat/0dim', 'cat', [Tensors([torch.tensor(1.0), torch.tensor(2.0)]), 0])
    e('cat/empty_list', 'cat', [Tensors([]), 0])
    e('stack/sizes', 'stack', [Tensors([rnd(2, 3), rnd(3, 2)]), 0])
    e('repeat/fewer', 'repeat', [rnd(2, 3), [2]])
    e('roll/mismatch', 'roll', [rnd(2, 3), [1, 2], [0]])
    # 1.13 reports a dim out of range; 2.x (and torch4j) say what tril needs
    e('tril/1d', 'tril', [rnd(3), 0], expect='tril: input tensor must have at least 2 dimensions', etype='RuntimeError')
    e('pad/odd', 'pad', [rnd(1, 2, 3), [1], 'constant', 0.0])
    e('pad/reflect_too_big', 'pad', [rnd(1, 2, 3), [3, 0], 'reflect', 0.0])
    e('pad/reflect_too_big_2d', 'pad', [rnd(1, 1, 2, 2), [0, 0, 3, 3], 'reflect', 0.0])
    e('pad/reflect_too_big_3d', 'pad', [rnd(1, 1, 1, 2, 2), [3, 3, 0, 0, 0, 0], 'reflect', 0.0])
    e('pad/circular_too_big', 'pad', [rnd(1, 2, 3), [4, 0], 'circular', 0.0])
    # the non-constant modes take 1-3 padded dims of unbatched or batched input, circular batched only
    e('pad/reflect_1d_input', 'pad', [rnd(3), [1, 1], 'reflect', 0.0])
    e('pad/reflect_two_dims_of_2d', 'pad', [rnd(2, 3), [1, 1, 1, 1], 'reflect', 0.0])
    e('pad/replicate_one_dim_of_4d', 'pad', [rnd(1, 2, 3, 3), [1, 1], 'replicate', 0.0])
    e('pad/circular_one_dim_of_5d', 'pad', [rnd(1, 1, 2, 3, 3), [1, 1], 'circular', 0.0])
    e('pad/reflect_6d', 'pad', [rnd(1, 1, 1, 2, 3, 3), [1, 1], 'reflect', 0.0])
    e('pad/circular_unbatched', 'pad', [rnd(2, 3), [1, 1], 'circular', 0.0])
    e('pad/circular_unbatched_2d', 'pad', [rnd(2, 3, 3), [1, 1, 1, 1], 'circular', 0.0])
    e('pad/reflect_value', 'pad', [rnd(1, 2, 3), [1, 1], 'reflect', 1.0])
    e('pad/mode', 'pad', [rnd(1, 2, 3), [1, 1], 'wrap', 0.0])
    e('pad/reflect_empty', 'pad', [torch.zeros(2, 0, 3), [1, 1], 'reflect', 0.0])
    e('pad/reflect_empty_unbatched', 'pad', [torch.zeros(3, 0), [1, 1], 'reflect', 0.0])
    e('pad/reflect_empty_2d', 'pad', [torch.zeros(1, 2, 0, 3), [1, 1, 1, 1], 'reflect', 0.0])
    e('pad/reflect_empty_3d', 'pad', [torch.zeros(1, 1, 2, 3, 0), [1, 1, 1, 1, 1, 1], 'reflect', 0.0])
    e('pad/replicate_empty', 'pad', [torch.zeros(2, 0, 3), [1, 1], 'replicate', 0.0])
    e('pad/replicate_empty_unbatched', 'pad', [torch.zeros(0, 2, 3), [1, 1, 1, 1], 'replicate', 0.0])
    e('pad/replicate_empty_3d', 'pad', [torch.zeros(1, 1, 0, 3, 3), [1, 1, 1, 1, 1, 1], 'replicate', 0.0])
    e('topk/k', 'topk', [rnd(2, 3), 4, 1, True, True])
    e('max/empty', 'max', [torch.zeros(0)])
    e('max_dim/empty', 'max_dim', [torch.zeros(2, 0), 1, False])
    e('argmax/empty', 'argmax', [torch.zeros(0), None, False])
    e('amax/empty', 'amax', [torch.zeros(2, 0), [1], False])
    e('scatter/index_dims', 'scatter', [a3, 1, torch.tensor([0]), a3])
    e('scatter_reduce/bad', 'scatter_reduce', [a3, 1, torch.tensor([[0]]), a3, 'max'])
    e('scatter_reduce_/bad', 'scatter_reduce_', [a3, 1, torch.tensor([[0]]), a3, 'add', False])
    e('index_add/shape', 'index_add', [a3, 0, torch.tensor([0]), rnd(3), 1])
    # torch4j takes bool masks only (uint8 masks are deprecated in PyTorch)
    e('masked_select/mask_dtype', 'masked_select', [a3, torch.ones(2, 3, dtype=torch.long)], expect='masked_select: expected BoolTensor')
    # Python's binding words it "only one element tensors can be converted to Python scalars"; this is C++'s item()
    e('item/many', 'item', [rnd(2)], expect='a Tensor with 2 elements cannot be converted to Scalar')
    e('to/shape', 'view', [rnd(0, 3), [-1, 0]])
    e('gelu/approximate', 'gelu', [a3, 'fast'])
    e('div/rounding_mode', 'div', [a3, a3, 'round'])
    e('clamp/none', 'clamp', [a3, None, None])
    e('where/0dim_mismatch', 'where', [torch.tensor([[True, False]]), rnd(2, 2), rnd(3, 1)])
    e('polygamma/negative_n', 'polygamma', [torch.tensor([1.5, 2.0]), -1])
    e('mvlgamma/p0', 'mvlgamma', [torch.tensor([1.5, 2.0]), 0])
    e('mvlgamma/bool', 'mvlgamma', [torch.tensor([True, False]), 2])


def gen_fuzz_found():
    """Cases that tools/fuzz_against_pytorch.py found torch4j getting wrong (each fixed), kept here for good."""
    t = torch.tensor
    # isclose: a finite value is never close to an infinity; integers compare in float (int16 0 - (-32768) wraps)
    add_case('elementwise', 'isclose/float32/infinities', 'isclose',
             [t([9.09, INF, -INF, INF, NAN, 1.0]), t([-INF, INF, INF, 1e38, NAN, 1.0 + 1e-6]), 1e-5, 1e-8, False])
    add_case('elementwise', 'isclose/int16/wrapping_difference', 'isclose',
             [t([0, 5, 3, -32768], dtype=torch.int16), t([-32768, 6, 3, 32767], dtype=torch.int16), 1e-2, 1.0, False])
    add_case('elementwise', 'isclose/bool/tolerance', 'isclose', [t([True, False]), t([False, False]), 0.1, 1.5, False])
    error_case('isclose/negative_rtol', 'isclose', [t([1.0]), t([1.0]), -1.0, 0.0, False])
    # x ** 0.5 in place is sqrt_: NaN at -inf, where C's pow gives inf
    for d in ['float32', 'float16']:
        add_case('elementwise', f'pow_/{d}/half', 'pow_', [t([-INF, -1.0, -0.0, 0.0, 4.0, INF]).to(T(d)), 0.5])
        add_case('elementwise', f'pow_/{d}/minus_half', 'pow_', [t([-INF, -1.0, -0.0, 0.0, 4.0, INF]).to(T(d)), -0.5])
    # hypot: an infinite side gives inf even beside NaN
    for d in ['float32', 'bfloat16', 'float64']:
        add_case('elementwise', f'hypot/{d}/infinite_beside_nan', 'hypot', [t([[NAN, 1.0]]).to(T(d)), t([[-INF], [INF]]).to(T(d))])
    # mixed float16 and int16 operands: the int16 is rounded to float16 first (32767 -> 32768)
    add_case('elementwise', 'fmod/int16_float16', 'fmod', [t([32767, 5, -7], dtype=torch.int16), t([3.0, 3.0, 2.5]).half()])
    add_case('elementwise', 'mvlgamma/2/float16/single_rounding', 'mvlgamma', [t([3.36, 5.71, 2.15]).half(), 2])
    # results that underflow bfloat16 are 0 (the emulated GPU's double-to-bfloat16 rounding gave NaN there)
    add_case('elementwise', 'sigmoid/bfloat16/underflow', 'sigmoid', [t([-358.0, -200.0, -90.0, 0.0, 1.0]).bfloat16()])
    add_case('elementwise', 'mul/bfloat16/underflow', 'mul', [t([9.98e-31, -1e-30, 1e-20, 2.0]).bfloat16(), t([1e-30, 1e-30, -1e-20, 3.0]).bfloat16()])
    # storing a number the dtype cannot hold is an error; -1 is 255 in uint8
    error_case('fill_/uint8/negative_float', 'fill_', [t([0, 1], dtype=torch.uint8), -2.0])
    error_case('fill_/int32/too_large', 'fill_', [t([0, 1], dtype=torch.int32), 1e10])
    error_case('fill_/int8/fraction_above_max', 'fill_', [t([0, 1], dtype=torch.int8), 127.9])
    error_case('fill_/int16/nan', 'fill_', [t([0, 1], dtype=torch.int16), NAN])
    error_case('fill_/float16/too_large', 'fill_', [t([0.0, 1.0]).half(), 1e10])
    error_case('fill_/uint8/below_minus_max', 'fill_', [t([0, 1], dtype=torch.uint8), -256])
    add_case('elementwise', 'fill_/uint8/minus_one', 'fill_', [t([0, 1], dtype=torch.uint8), -1])
    add_case('elementwise', 'fill_/float16/infinity', 'fill_', [t([0.0, 1.0]).half(), INF])
    # (masked_fill's Java form takes a double: a whole number there is an integer, -1 is 255; a fraction is a float)
    error_case('masked_fill_/uint8/negative_fraction', 'masked_fill_', [t([0, 1, 2], dtype=torch.uint8), t([True, False, True]), -2.5])
    error_case('masked_fill_/uint8/too_large', 'masked_fill_', [t([0, 1, 2], dtype=torch.uint8), t([True, False, True]), 300])
    add_case('elementwise', 'masked_fill_/int32/fraction', 'masked_fill_', [t([0, 1, 2], dtype=torch.int32), t([True, False, True]), 1.5])
    # subtraction with a bool operand, and what in-place ops name first
    error_case('sub_/uint8_minus_bool', 'sub_', [t([2, 7], dtype=torch.uint8), t([True, False])])
    error_case('sub_/bool_before_shape', 'sub_', [t([2, 7], dtype=torch.uint8), t([[True, False, True]])])
    error_case('div_/int/shape_before_dtype', 'div_', [t([1, 2, 3, 4, 5], dtype=torch.int8), t([[1.0, 2.0, 3.0, 4.0, 5.0]])])
    error_case('clamp_/no_bounds', 'clamp_', [t([1.0, 2.0]), None, None])
    error_case('rshift/bool', 'bitwise_right_shift', [t([True, False]), t([True, True])])
    error_case('lshift/bool', 'bitwise_left_shift', [t([True, False]), t([True, True])])
    error_case('bitwise_xor/float/shape_first', 'bitwise_xor', [t([1.0, 2.0]), t([1.0, 2.0, 3.0])])
    # reductions
    add_case('reductions', 'logcumsumexp/float32/infinities', 'logcumsumexp', [t([1.0, INF, INF, 2.0, -INF, NAN, 3.0]), 0])
    add_case('reductions', 'logcumsumexp/float64/infinities', 'logcumsumexp',
             [t([[-INF, -INF, 1.0], [INF, INF, -INF]], dtype=torch.float64), 1])
    add_case('reductions', 'mean/float16/sum_beyond_max', 'mean', [t([65500.0, 65500.0, 10.0]).half(), None, False])
    add_case('reductions', 'mean/bfloat16/dim', 'mean', [t([[3e38, 3e38], [1.0, 2.0]]).bfloat16(), [1], False])
    error_case('amax/empty_dim/named_as_given', 'amax', [torch.zeros(2, 0, 3), [-2], False])
    error_case('argmax/empty_dim', 'argmax', [torch.zeros(2, 0, 3), 1, False])
    error_case('argmin/empty_dim', 'argmin', [torch.zeros(2, 0, 3), -2, False])
    error_case('norm/inf/empty_dim', 'norm', [torch.zeros(2, 0, 3), -INF, [-2, 0], False],
               expect='linalg.vector_norm cannot compute the -inf norm on the dimension -2 because this dimension is empty')
    # indexing
    add_case('indexing', 'index_add/int64/alpha_wraps', 'index_add',
             [t([-8, 0, 5]), 0, t([0, 0, 2]), t([-2 ** 63, -3, 7]), 2])
    add_case('indexing', 'index_put_/value_leading_ones', 'index_put_',
             [t([-0.97, 3.0, 1e-30, -0.0, -1.39]), Idx([slice(None)]), t([[[0.34, 0.42, -0.05, -1e30, 0.17]]]), False])
    add_case('indexing', 'index_put_/tensor_index_value_leading_ones', 'index_put_',
             [rnd(3, 2), Idx([t([2, 0])]), t([[[[1.5, 2.5]]]]), False])
    error_case('index_put_/accumulate_keeps_leading_ones', 'index_put_', [t([1.0, 2.0, 3.0]), Idx([t(-3)]), t([-4.875]), True])
    # a 0-dim integer tensor indexes as a number (select), not as an advanced index
    x133 = rnd(1, 3, 3)
    add_case('indexing', 'index/0dim_tensor_is_a_number', 'index', [x133, Idx([t(-1), slice(-1, 0, 3), t([0, 1]), None])])
    add_case('indexing', 'index/0dim_tensor_beside_tensor', 'index', [rnd(2, 3, 4), Idx([t(1), slice(None), t([0, 3])])])
    error_case('index/0dim_tensor_not_broadcast', 'index', [rnd(3, 4, 5), Idx([t(0), t([0, 1]), t([0, 1, 2, 3])])])
    error_case('masked_select/broadcast_names_mask_first', 'masked_select', [rnd(4), t([True, False, True])])
    # linear algebra, views, joins
    add_case('linalg', 'matmul/float32/batched_empty_k', 'matmul', [torch.zeros(1, 3, 5, 0), torch.zeros(0, 1)])
    error_case('addmm/beta0/input_of_more_dims', 'addmm', [rnd(1, 1, 3), rnd(1, 2), rnd(2, 3), 0, 1])
    add_case('views', 'movedim/0dim', 'movedim', [t(2, dtype=torch.uint8), -1, -1], check_view=True)
    add_case('views', 'chunk/empty_dim', 'chunk', [torch.zeros(0, 0, 7, dtype=torch.bool), 5, -2])
    add_case('joins', 'cat/legacy_empty_takes_part_in_dtype', 'cat',
             [Tensors([rnd(3, dtype='bfloat16'), rnd(2, dtype='bfloat16'), torch.zeros(0).half()]), 0])
    error_case('roll/no_shifts', 'roll', [rnd(3), [], []])
    # gradients (the "grad" op: the first output, then d sum(out * g) / d each float argument), float64
    d64 = torch.float64
    x = t([1.7, 2.0, NAN, 1.0, 0.5], dtype=d64)
    for op in ['maximum', 'minimum', 'fmax', 'fmin']:  # ties, and a NaN on one side
        add_case('elementwise', f'grad/{op}/ties_and_nan', 'grad', [op, t([1.0, 2, 3, 4, 5], dtype=d64), x, t(1.7, dtype=d64)])
    add_case('elementwise', 'grad/xlogy/x_zero', 'grad',
             ['xlogy', t([0.0, 1, 1, 1, 0], dtype=d64), t([1.0, 0, 0, 0, 1], dtype=d64), t([0.0, 2.07, -1, 0, INF], dtype=d64)])
    lo, hi = t([[0.0], [1.0]], dtype=d64), t([0.5, 2.0, -1.0], dtype=d64)
    cx = t([[0.5, NAN, 3.0], [1.5, 1.0, 0.5]], dtype=d64)
    add_case('elementwise', 'grad/clamp/tensor_bounds', 'grad', ['clamp', rnd(2, 3, dtype='float64'), cx, lo, hi])
    add_case('elementwise', 'grad/clamp/tensor_min_only', 'grad', ['clamp', rnd(2, 3, dtype='float64'), cx, lo, None])
    add_case('reductions', 'grad/cumprod/zeros', 'grad',
             ['cumprod', rnd(2, 5, dtype='float64'), t([[2.0, 0, 3, 0, 5], [0.0, 1.5, 2, -1, 0.5]], dtype=d64), 1])
    add_case('reductions', 'grad/logcumsumexp/large', 'grad',
             ['logcumsumexp', t([1.0, -2, 0.5]), t([100.0, 200, 1000]), 0])
    add_case('reductions', 'grad/logcumsumexp/infinities', 'grad',
             ['logcumsumexp', t([1.0, -2, 0.5, 3], dtype=d64), t([-INF, 1.0, INF, 2.0], dtype=d64), 0])
    add_case('reductions', 'grad/std/constant', 'grad', ['std', t([1.0, 2.0], dtype=d64), t([[3.0, 3, 3], [1, 2, 4]], dtype=d64), [1], 1, False])
    add_case('reductions', 'grad/var/infinite_element', 'grad', ['var', t(-8.0, dtype=d64), t([-85.48, 940.93, -INF, 5], dtype=d64), [0], 0, False])
    add_case('reductions', 'grad/var/correction_beyond_n', 'grad', ['var', t([[1.0], [2.0]], dtype=d64), t([[0.16], [-0.63]], dtype=d64), [-1], 2, True])
    add_case('reductions', 'grad/norm/inf_with_nan', 'grad', ['norm', t([1.0, 2.0], dtype=d64), t([[-4.2, NAN, 7.79], [1.0, -3.0, 2.0]], dtype=d64), INF, [1], False])
    add_case('joins', 'grad/cat/with_skipped_empty', 'grad',
             ['cat', t([1.5, 2.5]), Tensors([t([7.0, 8.0]), torch.zeros(0)]), 0])
    add_case('joins', 'grad/pad/nothing_of_the_input_left', 'grad', ['pad', t([-0.28], dtype=d64), t([-0.93], dtype=d64), [-1, 1], 'constant', 1.5])
    # torch.nn.functional (the "nn" family of the kit's ops)
    fam = 'nn'
    xt = rnd(2, 2, 7, 2, dtype='float64')
    add_case(fam, 'conv_transpose2d/output_padding_below_dilation', 'conv_transpose2d',
             [xt, rnd(2, 2, 1, 2, dtype='float64'), rnd(4, dtype='float64'), [3, 1], [1, 0], [0, 1], 2, [1, 2]])
    add_case(fam, 'conv_transpose2d/output_padding_beyond_padding', 'conv_transpose2d',
             [rnd(1, 2, 3, 3), rnd(2, 1, 3, 3), None, [2, 2], [0, 1], [1, 1], 1, [1, 1]])
    add_case(fam, 'grad/conv_transpose2d/output_padding', 'grad',
             ['conv_transpose2d', rnd(2, 4, 17, 5, dtype='float64'), xt, rnd(2, 2, 1, 2, dtype='float64'), None, [3, 1], [1, 0], [0, 1], 2, [1, 2]])
    error_case('conv_transpose2d/empty_output', 'conv_transpose2d', [rnd(1, 1, 6, 4), rnd(1, 1, 1, 1), None, [2, 1], [1, 2], [0, 0], 1, [1, 1]],
               expect='Calculated output size per channel: (9 x 0). Output size is too small', layouts=None)
    error_case('conv1d/kernel_beyond_padded_input', 'conv1d', [rnd(3, 1, 4), rnd(2, 1, 3), None, 1, 0, 2, 1])
    error_case('conv2d/kernel_beyond_padded_input', 'conv2d', [rnd(1, 2, 7, 2), rnd(3, 2, 2, 3), None, [1, 1], [1, 0], [2, 1], 1])
    add_case(fam, 'max_pool1d/window_never_fits', 'max_pool1d', [rnd(2, 3, 2, dtype='float64'), 3, 1, 1, 2, False])
    error_case('max_pool1d/negative_length', 'max_pool1d', [rnd(1, 3), 3, 1, 0, 2, False])
    error_case('avg_pool1d/output_too_small', 'avg_pool1d', [rnd(2, 1, 2), 3, 1, 0, False, True])
    # (1.13 prints the input's height twice as its spatial size: "(4, 4)" for 4 x 5)
    error_case('unfold/no_block_fits', 'unfold_nn', [rnd(2, 1, 4, 5), [3, 2], [2, 1], [0, 0], [1, 1]],
               expect='kernel_size=(3, 2), dilation=(2, 1), padding=(0, 0), calculated shape of the array of sliding blocks '
                      'as (0, 4), but its components must be at least one.')
    error_case('one_hot/empty_without_classes', 'one_hot', [torch.zeros(0, dtype=torch.long), -1])
    error_case('fold/blocks_mismatch', 'fold_nn', [rnd(1, 4, 1), [2, 4], [2, 2], [2, 1], [0, 0], [2, 2]])
    ax = t([[[[1.0, 2.0, INF, 4.0, 5.0, 6.0], [0.5, NAN, 1.0, 2.0, 3.0, 4.0], [1.0, 1.0, 1.0, 1.0, 1.0, -1e30]]]], dtype=d64)
    add_case(fam, 'adaptive_avg_pool2d/windows_keep_their_infinities', 'adaptive_avg_pool2d', [ax, [2, 4]])
    add_case(fam, 'adaptive_avg_pool2d/global', 'adaptive_avg_pool2d', [ax, [1, 1]])
    row = t([[1.0, 2.0, INF, 4.0], [1.0, 2.0, 3.0, 4.0], [-INF, -INF, -INF, -INF]])
    for op in ['softmax', 'log_softmax']:
        add_case(fam, f'{op}/infinite_lines', op, [row, 1])
        add_case(fam, f'{op}/infinite_lines_dim0', op, [row.t().contiguous(), 0])
    add_case(fam, 'nll_loss/ignored_target_beside_nan', 'nll_loss',
             [t([[NAN, -1.0, -2.0], [-0.5, -1.5, -0.1]]), t([0, 2]), None, 0, 'none'])
    for op, extra in [('smooth_l1_loss', 1.0), ('huber_loss', 1.0)]:
        add_case(fam, f'grad/{op}/infinite_target', 'grad',
                 [op, t(1.0, dtype=d64), t([NAN, 2.0, 0.3, -6.04], dtype=d64), t([-0.59, -INF, 0.0, INF], dtype=d64), 'sum', extra])
    add_case(fam, 'grad/elu/nan_input', 'grad', ['elu', t([1.0, 2.0, 3.0]), t([NAN, -1.0, 2.0]), 2.0])
    edges = t([NAN, -1.0, -0.5, -0.2, 0.0, 0.5, 2.0, INF, -INF])
    add_case(fam, 'hardshrink/nan_and_edges', 'hardshrink', [edges, 0.5])
    add_case(fam, 'softshrink/nan_and_edges', 'softshrink', [edges, 0.5])  # (PyTorch's branches give 0 at NaN)
    # the margin kernels count a term only where it is > 0 (a NaN score adds nothing); clamp's derivative selects
    add_case(fam, 'multi_margin_loss/nan_score', 'multi_margin_loss',
             [t([[7.7, 2.67, 13.93, NAN], [9.82, -4.39, -11.05, -7.81]], dtype=d64), t([0, 2]), 1, 1.0, None, 'none'])
    add_case(fam, 'multilabel_margin_loss/infinite_and_nan_scores', 'multilabel_margin_loss',
             [t([[0.27, 1.68, INF], [-2.57, NAN, 0.5]], dtype=d64), t([[2, -1, 1], [1, 1, 1]]), 'none'])
    add_case(fam, 'grad/cosine_embedding_loss/below_margin', 'grad',
             ['cosine_embedding_loss', t([70.34, -1427.45, -2045.55]), t([[-0.3], [-0.5], [-0.37]]), t([[-0.95], [1.68], [-1.93]]),
              t([1.0, -1.0, -1.0]), 0.5, 'none'])
    add_case(fam, 'threshold/nan_and_edges', 'threshold', [edges, 0.0, -3.0])
    error_case('instance_norm/one_spatial_element', 'instance_norm', [rnd(1, 1, 1, 1), None, None, None, None, True, 0.1, 1e-5])
    add_case(fam, 'grad/cosine_similarity/huge_element', 'grad',
             ['cosine_similarity', t([1.0, -2.0]), t([[35.98, -484.01, 220.41], [1.0, 2.0, 3.0]]), t([[1.25, 1e30, 0.42], [0.5, 0.5, 0.5]]), 1, 1e-8])
    # addcmul is PyTorch's compiled s + (v a) c, which the compiler fuses: fma(v a, c, s). Where s cancels the
    # product, only the fused form keeps its rounding error (torch4j rounded the product first; its SIMD path
    # fused a c instead of v a). 37 elements: SIMD lanes and a scalar tail. addcdiv is s + (v a) / c, unfused.
    g = torch.Generator().manual_seed(5)
    for dtype, scale in ((torch.float32, 1e4), (torch.float64, 1e8)):
        a, c = (torch.randn(37, generator=g, dtype=torch.float64) * scale for _ in range(2))
        s = -(0.3 * a * c)
        a, c, s = a.to(dtype), c.to(dtype), s.to(dtype)
        add_case('elementwise', f'addcmul/{str(dtype)[6:]}/cancelling', 'addcmul', [s, a, c, 0.3])
        add_case('elementwise', f'addcdiv/{str(dtype)[6:]}/cancelling', 'addcdiv', [-(0.3 * a) / c * (1 + 2 ** -20), a, c, 0.3])
    # prelu's slope multiplies only the non-positive part: an infinite positive input made the slope's gradient NaN,
    # and a NaN slope the input's gradient where x > 0 (fuzz --nn2 --grad, seed 90318)
    add_case('elementwise', 'grad/prelu/infinite_positive_input', 'grad',
             ['prelu', t([[[0.34, 0.36], [-0.03, -0.52]]]), t([[[INF, -1520.49], [516.8, -765.74]]]), t([1.0, 2.36])])
    add_case('elementwise', 'grad/prelu/nan_slope', 'grad',
             ['prelu', t([0.02, -0.77, 0.2, -6.36], dtype=torch.float64), t([INF, -1122.04, 537.57, 126.84], dtype=torch.float64),
              t([NAN], dtype=torch.float64)])


def share_tensors(cases):
    """Replaces tensors that occur more than once (inputs shared by many cases) by {"shared": key}."""
    count = {}

    def walk(o, f):
        if isinstance(o, dict):
            if 'data' in o and 'dtype' in o:
                return f(o)
            return {k: walk(v, f) for k, v in o.items()}
        if isinstance(o, list) and not isinstance(o, Raw):
            return [walk(v, f) for v in o]
        return o

    def counting(spec):
        if len(spec['data']) >= 8:
            k = dumps(spec)
            count[k] = count.get(k, 0) + 1
        return spec

    for c in cases:
        walk(c, counting)
    keys, table = {}, {}

    def sharing(spec):
        k = dumps(spec)
        if count.get(k, 0) < 2:
            return spec
        if k not in keys:
            keys[k] = 't%d' % len(keys)
            table[keys[k]] = spec
        return {'shared': keys[k]}

    for i, c in enumerate(cases):
        cases[i] = walk(c, sharing)
    return table


def gen_linalg_found():
    """torch.linalg cases that tools/fuzz_against_pytorch.py --linalg found torch4j getting wrong (each fixed)."""
    t = torch.tensor
    # which check speaks first for a 16-bit or integer matrix, square or not (each op's own order in PyTorch)
    rhs = {'linalg_solve': [t([[1.0], [1.0]]), True], 'linalg_solve_ex': [t([[1.0], [1.0]]), True],
           'linalg_matrix_power': [-2], 'linalg_cholesky': [False], 'linalg_cholesky_ex': [False],
           'linalg_eigvalsh': ['L'], 'linalg_qr': ['reduced'], 'linalg_matrix_rank': [None, None, False],
           'linalg_pinv': [None, None, False]}
    for op in ['linalg_inv', 'linalg_inv_ex', 'linalg_det', 'linalg_slogdet', 'linalg_lu_factor', 'linalg_lu',
               'linalg_cholesky', 'linalg_cholesky_ex', 'linalg_eigvalsh', 'linalg_matrix_exp', 'linalg_matrix_power',
               'linalg_solve', 'linalg_solve_ex', 'linalg_svdvals', 'linalg_qr', 'linalg_matrix_rank']:
        for d in [torch.float16, torch.bfloat16, torch.int64]:
            for shape in [(2, 1), (2, 2)]:
                extra = [a.to(d) if isinstance(a, torch.Tensor) else a for a in rhs.get(op, [])]
                name = f'{op}/{str(d)[6:]}/{shape[0]}x{shape[1]}_checks'
                try:
                    PY[op](torch.ones(shape, dtype=d), *extra)
                except Exception as e:  # noqa: BLE001
                    add_error(name, op, [torch.ones(shape, dtype=d)] + extra, e)
    # negative orders, like the infinite ones, have no value over an empty dim
    error_case('linalg_norm/negative_order_empty_dim', 'linalg_norm', [torch.zeros(0, 3, 2, dtype=torch.float64), -2, [0], False],
               expect='linalg.vector_norm cannot compute the -2 norm on the dimension 0 because this dimension is empty')
    error_case('linalg_norm/fractional_negative_order_empty', 'linalg_norm', [torch.zeros(0, 3), -0.5, None, False])
    # vander refuses 16-bit floats and bool
    for d in [torch.float16, torch.bfloat16, torch.bool]:
        error_case(f'linalg_vander/{str(d)[6:]}', 'linalg_vander', [t([1.0, 2.0]).to(d), None])
    # multi_dot names dtypes as C++ does
    for d in [torch.float16, torch.complex64, torch.int16]:
        error_case(f'linalg_multi_dot/{str(d)[6:]}_mixed', 'linalg_multi_dot', [Tensors([t([[1.0]]), t([[1.0]]).to(d)])])
    # cond: the inverse (and so inv's dtype error) comes first; "nuc" is sum(s) * sum(1/s); empty gives real zeros
    for p in [1, 'fro', 'nuc', 2]:
        error_case(f'linalg_cond/{p}/int64', 'linalg_cond', [t([[1, 2], [3, 4]]), p])
    add_case('linalg', 'linalg_cond/nuc/singular', 'linalg_cond', [t([[0.0, 0.0], [0.0, 0.0]], dtype=torch.float64), 'nuc'])
    add_case('linalg', 'linalg_cond/nuc/float32', 'linalg_cond', [t([[1.0, 2.0], [3.0, 4.0]]), 'nuc'])
    error_case('linalg_cond/fro/not_square_empty', 'linalg_cond', [torch.zeros(0, 3), 'fro'])
    # a root gradient of another dtype is cast to its output's (float64 weights on a float32 inverse); complex ones must match
    a32 = t([[2.0, 1.0], [0.5, 3.0]])
    add_case('linalg', 'grads/linalg_inv/float64_weights_on_float32', 'grads',
             ['linalg_inv', Tensors([t([[1.0, -2.0], [0.5, 0.25]], dtype=torch.float64)]), a32])
    error_case('grads/neg/complex_output_real_weights', 'grads',
               ['neg', Tensors([t([1.0, 2.0], dtype=torch.float64)]), t([1 + 2j, 3 - 1j], dtype=torch.complex128)])
    # vecdot: conj(x) . y, and float16/bfloat16 in float32 with one rounding
    add_case('linalg', 'linalg_vecdot/complex128', 'linalg_vecdot',
             [t([[1 + 2j, -0.5j, 3.0]], dtype=torch.complex128), t([[2 - 1j, 1 + 1j, -1j]], dtype=torch.complex128), -1])
    add_case('linalg', 'linalg_vecdot/bfloat16/single_rounding', 'linalg_vecdot',
             [t([[0.5703125, 0.10986328, -0.26953125]]).bfloat16(), t([[-0.6484375, 0.91015625, -0.8984375]]).bfloat16(), 1])
    # ldl_factor and ldl_solve have no derivative: differentiating through them fails (it gave zeros)
    spd = t([[4.0, 1.0], [1.0, 3.0]], dtype=torch.float64)
    error_case('grads/linalg_ldl_solve/no_derivative', 'grads',
               ['linalg_ldl_solve', Tensors([t([[1.0], [2.0]], dtype=torch.float64)]), spd, t([[1.0], [0.5]], dtype=torch.float64), False])
    # the SVD of a numerically rank-1 float32 batch (--linalg --real --seed 5): a column left by cancellation along
    # another was rotated again in every sweep, shrinking by eps each time until its squares underflowed, and the
    # sweeps never converged; a column far below the others (squares near underflow) is still orthogonalized
    r1 = t([[0.6534, -1.6236, -0.1782, 0.7128, -0.9108], [-0.264, 0.656, 0.072, -0.288, 0.368],
            [0.066, -0.164, -0.018, 0.072, -0.092], [0.6336, -1.5744, -0.1728, 0.6912, -0.8832],
            [0.0396, -0.0984, -0.0108, 0.0432, -0.0552]])
    add_case('linalg', 'linalg_matrix_rank/float32/numerically_rank_1', 'linalg_matrix_rank',
             [torch.stack([r1, r1.flip(0), r1 * 3]), None, None, False])
    add_case('linalg', 'linalg_svdvals/float64/numerically_rank_1', 'linalg_svdvals', [r1.double()])
    add_case('linalg', 'linalg_svdvals/float64/column_near_underflow', 'linalg_svdvals',
             [t([[1.0, 1e-160], [1.0, 2e-160]], dtype=torch.float64)])
    # lstsq checks shapes before its dtype support; matrix_rank with an rtol reaches the SVD's dtype check
    error_case('linalg_lstsq/int64/rows_mismatch', 'linalg_lstsq', [torch.ones(3, 2, dtype=torch.int64), torch.ones(4, 1, dtype=torch.int64), None])
    error_case('linalg_matrix_rank/int64/rtol', 'linalg_matrix_rank', [torch.ones(2, 3, dtype=torch.int64), None, 0.1, False])
    # complex matrices: LU (LAPACK's |re| + |im| pivots) and what is built on it, triangular solves, inverses and
    # solves that report singular matrices, the matrix exponential, norms, cond, reflectors, least squares
    c = torch.complex(rnd(2, 3, 3, dtype='float64'), rnd(2, 3, 3, dtype='float64')) + 3 * torch.eye(3)
    wide = torch.complex(rnd(2, 4, dtype='float64'), rnd(2, 4, dtype='float64'))
    tall = torch.complex(rnd(4, 2, dtype='float64'), rnd(4, 2, dtype='float64'))
    cb = torch.complex(rnd(2, 3, 2, dtype='float64'), rnd(2, 3, 2, dtype='float64'))
    singular = c.clone()
    singular[1] = 0
    for name, op, args in [
            ('linalg_lu_factor/complex128', 'linalg_lu_factor', [c]),
            ('linalg_lu_factor/complex64_wide', 'linalg_lu_factor', [wide.to(torch.complex64)]),
            ('linalg_lu/complex128_tall', 'linalg_lu', [tall]),
            ('linalg_lu_factor_ex/complex128_singular', 'linalg_lu_factor_ex', [singular, True]),
            ('linalg_solve_ex/complex128_singular', 'linalg_solve_ex', [singular, cb, True]),
            ('linalg_inv_ex/complex128_singular', 'linalg_inv_ex', [singular]),
            ('linalg_solve_triangular/complex128_upper_unit', 'linalg_solve_triangular', [c.triu(), cb, True, True, True]),
            ('linalg_solve_triangular/complex128_lower_right', 'linalg_solve_triangular', [c.tril(), cb.mT, False, False, False]),
            ('linalg_matrix_exp/complex128', 'linalg_matrix_exp', [c]),
            ('linalg_matrix_exp/float16_zero', 'linalg_matrix_exp', [torch.zeros(2, 2, 2).half()]),
            ('linalg_matrix_norm/complex128_nuc', 'linalg_matrix_norm', [c, 'nuc', [-2, -1], False]),
            ('linalg_matrix_norm/complex128_inf', 'linalg_matrix_norm', [c, INF, [-2, -1], True]),
            ('linalg_cond/complex128_fro', 'linalg_cond', [c, 'fro']),
            ('linalg_householder_product/complex128', 'linalg_householder_product', [tall, torch.complex(rnd(2, dtype='float64'), rnd(2, dtype='float64'))]),
            ('linalg_lstsq/complex128_tall', 'linalg_lstsq', [tall, torch.complex(rnd(4, 1, dtype='float64'), rnd(4, 1, dtype='float64')), None]),
            ('linalg_eigvalsh/complex64_empty', 'linalg_eigvalsh', [torch.zeros(0, 0, dtype=torch.complex64), 'L'])]:
        add_case('linalg', name, op, args)
    lu, piv = torch.linalg.lu_factor(c)
    add_case('linalg', 'linalg_lu_solve/complex128_adjoint_right', 'linalg_lu_solve', [lu, piv, cb.mT, False, True])
    add_case('linalg', 'linalg_lu_solve/complex128', 'linalg_lu_solve', [lu, piv, cb, True, False])
    # the gradients of the complex factorisations (cholesky's upper form keeps PyTorch's imaginary diagonal)
    spd = c @ c.mH + 3 * torch.eye(3)
    g3 = torch.complex(rnd(2, 3, 3, dtype='float64'), rnd(2, 3, 3, dtype='float64'))
    for name, args in [('linalg_lu_factor', [c]), ('linalg_cholesky', [spd, True]), ('linalg_cholesky', [spd, False]),
                       ('linalg_matrix_exp', [c]), ('linalg_inv_ex', [c])]:
        add_case('linalg', f'grads/{name}/complex128' + ('_upper' if args[-1] is True else ''), 'grads', [name, Tensors([g3]), *args])
    error_case('linalg_matrix_exp/float16/small_norm', 'linalg_matrix_exp', [t([[0.5, 0.25], [0.0, -0.5]]).half()])
    add_case('linalg', 'grads/linalg_lu_factor/complex128_wide', 'grads',
             ['linalg_lu_factor', Tensors([torch.complex(rnd(2, 4, dtype='float64'), rnd(2, 4, dtype='float64'))]), wide])
    add_case('linalg', 'grads/linalg_lu_solve/complex128', 'grads', ['linalg_lu_solve', Tensors([cb]), lu, piv, cb, True, False])
    # complex LDL: zsytrf (symmetric) and zhetrf (Hermitian) with LAPACK's pivots, and their solves
    herm = torch.complex(rnd(2, 4, 4, dtype='float64'), rnd(2, 4, 4, dtype='float64'))
    herm = herm + herm.mH
    sym = torch.complex(rnd(4, 4, dtype='float64'), rnd(4, 4, dtype='float64'))
    sym = sym + sym.mT
    hb = torch.complex(rnd(2, 4, 2, dtype='float64'), rnd(2, 4, 2, dtype='float64'))
    add_case('linalg', 'linalg_ldl_factor/complex128_hermitian', 'linalg_ldl_factor', [herm, True])
    add_case('linalg', 'linalg_ldl_factor/complex128_symmetric', 'linalg_ldl_factor', [sym, False])
    add_case('linalg', 'linalg_ldl_factor/complex64_hermitian', 'linalg_ldl_factor', [herm.to(torch.complex64), True])
    add_case('linalg', 'linalg_ldl_solve/complex128_hermitian', 'linalg_ldl_solve', [herm, hb, True])
    add_case('linalg', 'linalg_ldl_solve/complex128_symmetric', 'linalg_ldl_solve', [sym, hb, False])
    # a 1 x 1 matrix's exponential is the elementwise exp (PyTorch's special case: exp(inf) = inf); bfloat16 cross in
    # float32 with one rounding; solve's vector B with left=False; pinv's epsilon lookup with a given atol
    add_case('linalg', 'linalg_matrix_exp/1x1_special', 'linalg_matrix_exp', [t([[[INF]], [[-INF]], [[NAN]], [[0.5]]])])
    add_case('linalg', 'linalg_cross/bfloat16/single_rounding', 'linalg_cross',
             [t([[0.71, -1.13, 2.03]]).bfloat16(), t([[1.98, -0.32, 0.57]]).bfloat16(), -1])
    error_case('linalg_solve/vector_right', 'linalg_solve', [torch.ones(2, 1, 1), torch.ones(2, 1), False])
    error_case('linalg_pinv/int64/atol', 'linalg_pinv', [torch.ones(2, 2, dtype=torch.int64), 0.5, None, False])
    # eig of real and complex matrices, sorted and phased as the fuzz compares them (values and gradients agree)
    gen = rnd(2, 4, 4, dtype='float64')
    add_case('linalg', 'linalg_eig_sorted/float64', 'linalg_eig_sorted', [gen])
    add_case('linalg', 'linalg_eig_sorted/complex128', 'linalg_eig_sorted', [c])
    add_case('linalg', 'grads/linalg_eig_sorted/float64', 'grads', ['linalg_eig_sorted', Tensors([
        torch.complex(rnd(2, 4, dtype='float64'), rnd(2, 4, dtype='float64')),
        torch.complex(rnd(2, 4, 4, dtype='float64'), rnd(2, 4, 4, dtype='float64'))]), gen])
    # matrix_exp of a matrix with an infinity is NaN throughout (it used to loop 2^31 times squaring)
    add_case('linalg', 'linalg_matrix_exp/infinity', 'linalg_matrix_exp', [t([[[INF, 1.0], [0.0, 1.0]], [[0.5, 1.0], [0.0, 1.0]]])])


def gen_complex_found():
    """Complex-number cases that tools/fuzz_against_pytorch.py --complex found torch4j getting wrong (each fixed)."""
    t = torch.tensor
    c = complex
    # the inverse functions on and beside their cuts: the sign of a zero imaginary part picks the side (Kahan's forms)
    cuts = [c(-3.4, -0.0), c(-3.4, 0.0), c(3.4, -0.0), c(3.4, 0.0), c(0.0, 2.0), c(-0.0, 2.0), c(0.0, -2.0),
            c(-0.0, -2.0), c(0.5, 0.0), c(-0.5, -0.0), c(-1.0, 0.0), c(1.0, -0.0), c(0.3, 0.7), c(-2.5, 3.0), c(0.0, 0.0)]
    for op in ['acos', 'asin', 'acosh', 'asinh', 'atanh', 'sqrt']:
        for d in [torch.complex128, torch.complex64]:
            add_case('elementwise', f'{op}/{str(d)[6:]}/branch_cuts', op, [t(cuts, dtype=d)])
    # (atan off its cuts: on them PyTorch's i/2 log((i + z)/(i - z)) and C's catan take different sides)
    add_case('elementwise', 'atan/complex128/off_the_cuts', 'atan', [t([z for z in cuts if z.real != 0], dtype=torch.complex128)])
    # sqrt of an infinite imaginary part is inf + i y; the hyperbolic and circular functions keep C's zeros and infinities
    add_case('elementwise', 'sqrt/complex128/infinite_imaginary', 'sqrt', [t([c(-4.0, INF), c(NAN, -INF), c(2.0, -INF)])])
    specials = [c(INF, 0.0), c(-INF, -0.0), c(0.0, INF), c(-0.0, NAN), c(INF, INF), c(NAN, 0.0), c(INF, 1.0),
                c(1.0, INF), c(-INF, NAN), c(0.0, 0.0), c(1.5, -0.5)]
    for op in ['sinh', 'cosh', 'sin', 'cos', 'tanh', 'tan']:
        add_case('elementwise', f'{op}/complex128/special_values', op, [t(specials, dtype=torch.complex128)])
    # the inverse hyperbolic functions' special values (C's, which PyTorch's asinh, acosh and atanh follow)
    inverse_specials = [c(INF, INF), c(-INF, 2.0), c(2.0, -INF), c(INF, NAN), c(NAN, INF), c(NAN, 0.0), c(-INF, -INF),
                        c(0.0, INF), c(INF, -0.0), c(1.5, 0.5)]
    for op in ['asinh', 'acosh', 'atanh']:
        add_case('elementwise', f'{op}/complex128/special_values', op, [t(inverse_specials, dtype=torch.complex128)])
    # gradients: tanh's is PyTorch's g conj(1 - tanh^2) (the formula's own overflowed in complex64); angle's is 0 at 0;
    # view_as_real's of an empty tensor
    z64 = t([c(24.31, 14.32), c(1.17, -0.09), c(-30.0, 2.0), c(0.5, 0.25)], dtype=torch.complex64)
    add_case('elementwise', 'grads/tanh/complex64_far', 'grads', ['tanh', Tensors([t([c(1.0, -2.0)] * 4, dtype=torch.complex64)]), z64])
    add_case('elementwise', 'grads/angle/complex128_zero', 'grads',
             ['angle', Tensors([t([1.5, -0.5, 2.0], dtype=torch.float64)]), t([c(-0.0, 0.0), c(0.0, 0.0), c(1.0, 2.0)])])
    add_case('elementwise', 'grads/view_as_real/complex128_empty', 'grads',
             ['view_as_real', Tensors([torch.zeros(3, 0, 2, dtype=torch.float64)]), torch.zeros(3, 0, dtype=torch.complex128)])
    # hardsigmoid keeps a NaN (the GPU kernel's fmax dropped it: found replaying the fuzz on the emulated device)
    add_case('nn', 'hardsigmoid/float32/nan', 'hardsigmoid', [t([NAN, -4.0, -0.5, 0.0, 4.0])])
    # cumsum of a 0-dim complex tensor (it came back int64)
    add_case('reductions', 'cumsum/complex128/0dim', 'cumsum', [t(c(1.5, -2.0), dtype=torch.complex128), 0])
    # isclose names mismatched dtypes as C++ does; complex pow reports the base as tensor a
    error_case('isclose/dtype_mismatch', 'isclose', [t([1.0]), t([1.0], dtype=torch.float64), 1e-5, 1e-8, False])
    error_case('isclose/complex_real_mismatch', 'isclose', [t([c(1, 1)]), t([1.0], dtype=torch.float64), 1e-5, 1e-8, False])
    error_case('pow/complex128/shape_mismatch', 'pow', [t([c(1, 1)] * 5), torch.ones(7, dtype=torch.int64)])


def gen_special_found():
    """torch.special cases that tools/fuzz_against_pytorch.py --special found torch4j getting wrong (each fixed)."""
    t = torch.tensor
    # a 0-dim operand gives way in the promotion (float32 beside a 0-dim float64 is float32)
    for op in ['special_gammainc', 'special_gammaincc', 'special_zeta', 'special_xlog1py']:
        add_case('elementwise', f'{op}/float32_beside_0dim_float64', op,
                 [t(2.5, dtype=torch.float64), t([0.763, 1.5, 4.0])])
    # sinc's derivative near 0 is PyTorch's (pi x cos(pi x) - sin(pi x)) / (pi x^2): the quotient rule was 3e12 off
    add_case('elementwise', 'grad/special_sinc/tiny', 'grad',
             ['special_sinc', t([0.03, 1.0, -2.0, 0.5, 1.0], dtype=torch.float64),
              t([1e-30, 0.0, -1e-8, 2.5, 0.5], dtype=torch.float64)])
    # float16/bfloat16 sinc is computed in float32 and rounded once: rounding pi x to bfloat16 first put sinc(5.75) 7% off
    for dtype in (torch.bfloat16, torch.float16):
        add_case('elementwise', f'special_sinc/{str(dtype)[6:]}_rounded_once', 'special_sinc',
                 [t([5.75, 4.28125, -5.0625, -3.6875, 0.0, 0.41210938, 2.078125, -5.71875], dtype=dtype)])


def gen_dist_found():
    """torch.distributions cases (and what they rest on) that tools/fuzz_against_pytorch.py --dist found torch4j
    getting wrong (each fixed)."""
    t = torch.tensor
    f64 = torch.float64
    # binary_cross_entropy_with_logits kept exp(-|x|) beside |x| > 20 (softplus's linear regime dropped it), and has
    # PyTorch's derivatives: Geometric's entropy at a very negative logit is that term divided by a tiny probability
    logits = t([-28.7, -40.1, -47.1, 3.0, 0.0], dtype=f64)
    add_case('elementwise', 'dist/Geometric/entropy/very_negative_logits', 'dist', ['Geometric', 'entropy', None, None, logits])
    add_case('elementwise', 'grad/dist/Geometric/entropy/very_negative_logits', 'grad',
             ['dist', t([0.5, -2.49, -2.49, 1.0, 0.25], dtype=f64), 'Geometric', 'entropy', None, None, logits])
    x, target = t([-28.7, -40.0, 25.0, 0.0, 3.0], dtype=f64), t([3.4e-13, 0.0, 1.0, 0.5, 0.2], dtype=f64)
    add_case('elementwise', 'bce_with_logits/saturated', 'bce_with_logits', [x, target, None, None, 'none'])
    add_case('elementwise', 'grad/bce_with_logits/saturated', 'grad',
             ['bce_with_logits', t([1.0, -2.0, 0.5, 1.5, 3.0], dtype=f64), x, target, None, None, 'none'])
    add_case('elementwise', 'bce_with_logits/saturated_pos_weight', 'bce_with_logits', [x, target, None, t([2.0], dtype=f64), 'none'])
    # clamp's (and relu's) derivative selects: an infinite or NaN gradient outside the bounds gives 0, not NaN
    # (Pareto's mean for alpha <= 1 clamps alpha to 1 and divides by 0)
    add_case('elementwise', 'grad/dist/Pareto/mean/alpha_below_1', 'grad',
             ['dist', t([0.09, -1.0, 2.0], dtype=f64), 'Pareto', 'mean', None, t([5.83, 1.0, 2.0], dtype=f64),
              t([0.0321, 0.5, 3.0], dtype=f64)])
    add_case('elementwise', 'grad/dist/Dirichlet/mode/all_below_1', 'grad',
             ['dist', t([[2.71, -0.74], [0.05, 0.2]]), 'Dirichlet', 'mode', None, t([[0.0213, 0.0889], [36.8, 0.177]])])
    # division's derivative for the divisor is -g (a / b) / b: b * b underflowed for a float32 scale of 1e-12
    add_case('elementwise', 'grad/dist/Normal/log_prob/tiny_scale', 'grad',
             ['dist', t([1.0, -0.5]), 'Normal', 'log_prob', t([0.58, 0.6]), t([0.58, 0.58]), t([1e-12, 0.01])])
    # StudentT's variance discards what df <= 2 computes, as PyTorch's masked assignment (its gradient there is 0)
    add_case('elementwise', 'grad/dist/StudentT/variance/df_below_1_huge_scale', 'grad',
             ['dist', t([0.25, 1.15, 2.65, 4.5]), 'StudentT', 'variance', None, t([0.0138, 22.0, 0.566, 1.5]),
              t([-0.135, 0.42, -0.154, 0.857]), t([0.0404, 0.00329, 0.799, 1e30])])
    # what the transformed distributions and the moments make beside the parameters (constants, supports, fills)
    # stays on their device: these ran on the CPU with parameters on the GPU (the kit's CUDA run replays them)
    loc, scale, v = t([0.3, -1.2], dtype=f64), t([1.5, 0.4], dtype=f64), t([0.25, 0.8], dtype=f64)
    for name, method, value, params in [('Gumbel', 'cdf', v, [loc, scale]), ('Gumbel', 'icdf', v, [loc, scale]),
                                        ('Kumaraswamy', 'log_prob', v, [scale, scale + 1]), ('Kumaraswamy', 'icdf', v, [scale, scale]),
                                        ('Pareto', 'cdf', scale + 1, [scale, scale]), ('Pareto', 'icdf', v, [scale, scale]),
                                        ('Weibull', 'cdf', v, [scale, scale]), ('Cauchy', 'variance', None, [loc, scale]),
                                        ('HalfCauchy', 'mean', None, [scale]), ('Categorical', 'mean', None, [t([[0.2, 0.8]], dtype=f64), None])]:
        add_case('elementwise', f'dist/{name}/{method}/device', 'dist', [name, method, value] + params)
    # lgamma within a few ulps of PyTorch's: Stirling's series in glibc's form from 8 on, the Taylor series at 2 below
    # (the Lanczos sum was up to 1e-15 relative off, and Chi2's log_prob at df = 1e30 cancels to that rounding)
    add_case('elementwise', 'lgamma/float64/few_ulps', 'lgamma',
             [t([0.6, 0.9, 0.999, 1.1, 1.7, 2.3, 2.5, 3.7, 7.9, 8.5, 12.3, 100.7, 100000.3, 5e14, 5e29, 1e300], dtype=f64)])
    FILES['elementwise'][-1]['tol'] = [4e-16, 0.0]


def gen_attn_found():
    """nn.MultiheadAttention and transformer-layer cases that tools/fuzz_against_pytorch.py --attn found torch4j
    getting wrong (each fixed)."""
    gen = torch.Generator().manual_seed(7)

    def r(*shape, dtype=torch.float64, scale=1.0):
        return (torch.rand(*shape, generator=gen, dtype=torch.float64) * 2 - 1).mul(scale).to(dtype)

    def mha_weights(e, dtype, scale=1.0):
        names = ['in_proj_weight', 'in_proj_bias', 'out_proj.weight', 'out_proj.bias']
        return names, Tensors([r(3 * e, e, dtype=dtype, scale=scale), r(3 * e, dtype=dtype, scale=scale),
                               r(e, e, dtype=dtype, scale=scale), r(e, dtype=dtype, scale=scale)])
    f64 = torch.float64
    # a byte attention mask is a bool mask (PyTorch converts it, with a deprecation warning); it was added as 0/1
    x, y = r(3, 2, 4), r(2, 2, 4)
    names, w = mha_weights(4, f64)
    byte_mask = torch.tensor([[1, 0], [0, 0], [0, 1]], dtype=torch.uint8)
    add_case('nn', 'attn_module/mha/byte_mask', 'attn_module',
             ['mha', x, y, y.clone(), names, w, 2, 1, ['bias', 'need_weights'], byte_mask, None, None, None])
    # attn_mask's shape is checked with PyTorch's words (it failed later, in a broadcast)
    error_case('attn_module/mha/mask_shape_2d', 'attn_module',
               ['mha', x, y, y.clone(), names, w, 2, 1, ['bias'], torch.zeros(2, 2, dtype=torch.bool), None, None, None])
    error_case('attn_module/mha/mask_shape_3d', 'attn_module',
               ['mha', x, y, y.clone(), names, w, 2, 1, ['bias'], torch.zeros(4, 3, 3), None, None, None])
    # a bool padding mask fills a float attention mask (masked_fill): no gradient reaches it at the padded keys, where
    # adding -inf gave NaN beside the first batch's keys, all padded (its rows are NaN, as PyTorch's)
    float_mask = torch.tensor([[[-1.0, -INF], [0.0, 2.0]], [[0.0, -1.0], [-1.0, 0.0]]], dtype=f64)
    kpm = torch.tensor([[True, True], [True, False]])
    xs, ys, zs = r(2, 2, 3), r(2, 2, 3), r(2, 2, 3)
    names, w = mha_weights(3, f64)
    add_case('nn', 'attn_module/mha/padding_fills_float_mask/grad', 'grads',
             ['attn_module', Tensors([r(2, 2, 3), r(2, 1, 2, 2)]), 'mha', xs, ys, zs, names, w, 1, 1,
              ['bias', 'need_weights'], float_mask, kpm, None, None])
    # float32 attention without weights (the backend's fused kernel) beside peaked rows, against PyTorch: the fuzz found
    # its backward further from float64 than PyTorch's (weights from the rounded log-sum-exp, D = rowsum(grad out));
    # FusedAttentionTest bounds that distance, which this case's tolerance (PyTorch's own float32 error) is too wide for
    f32 = torch.float32
    src = r(4, 2, 6, dtype=f32, scale=2.0)
    names, w = mha_weights(6, f32, scale=2.0)
    case = ['attn_module', Tensors([r(4, 2, 6)]), 'mha', src, src.clone(), src.clone(), names, w, 2, 1, ['bias'],
            None, None, None, None]
    add_case('nn', 'attn_module/mha/fused_peaked/float32/grad', 'grads', case)
    # its tolerance, as the fuzz's: 4 times PyTorch's own float32 distance from float64

    def widened(a):
        return a.double() if isinstance(a, torch.Tensor) and a.dtype == f32 else \
            Tensors(widened(t) for t in a) if isinstance(a, Tensors) else a
    lo, hi = PY['grads'](*case), PY['grads'](*[widened(a) for a in case])
    worst = max(float((a.double() - b).abs().max()) for a, b in zip(lo, hi))
    FILES['nn'][-1]['tol'] = [1.3e-6, max(1e-5, 4 * worst)]


def gen_vision_found():
    """torchvision cases that tools/fuzz_against_pytorch.py --vision/--transforms found torch4j getting wrong (each
    fixed); written to the vision module's test resources (VisionFoundTest), where its kit ops live."""
    t = torch.tensor
    gen = torch.Generator().manual_seed(11)
    img = torch.rand(3, 5, 6, generator=gen, dtype=torch.float64).float()
    # the geometric transforms are differentiable, as torchvision's (they were host kernels, without a gradient)
    for mode, antialias in [('bilinear', False), ('bilinear', True), ('nearest', False)]:
        add_case('vision', f'grad/tvf_resize/{mode}{"/antialias" if antialias else ""}', 'grads',
                 ['tvf_resize', Tensors([torch.rand(3, 4, 9, generator=gen, dtype=torch.float64)]), img, [4, 9], mode, antialias])
    add_case('vision', 'grad/tvf_rotate/bilinear_fill', 'grads',
             ['tvf_rotate', Tensors([torch.rand(3, 5, 6, generator=gen, dtype=torch.float64)]), img, 30.0, 'bilinear', False, None, [0.5]])
    add_case('vision', 'grad/tvf_affine/bilinear', 'grads',
             ['tvf_affine', Tensors([torch.rand(3, 5, 6, generator=gen, dtype=torch.float64)]), img, 12.5, [1, -1], 0.8, [10.0, 0.0],
              'bilinear', None, None])
    add_case('vision', 'grad/tvf_perspective/bilinear_fill', 'grads',
             ['tvf_perspective', Tensors([torch.rand(3, 5, 6, generator=gen, dtype=torch.float64)]), img,
              [[0, 0], [5, 0], [5, 4], [0, 4]], [[1, 0], [5, 1], [4, 4], [0, 3]], 'bilinear', [0.2, 0.4, 0.6]])
    # float64 images are resampled in double, as torchvision's (torch4j resampled them in float32: 1e-6 apart here)
    big = torch.rand(3, 5, 6, generator=gen, dtype=torch.float64).mul(100)
    for size, antialias in [([4, 9], False), ([3, 4], True), ([7, 4], False)]:
        add_case('vision', f'tvf_resize/float64/{size[0]}x{size[1]}{"/antialias" if antialias else ""}', 'tvf_resize',
                 [big, size, 'bilinear', antialias])
    add_case('vision', 'tvf_rotate/float64/bilinear_fill', 'tvf_rotate', [big, 30.0, 'bilinear', True, None, [0.5]])
    add_case('vision', 'tvf_affine/float64/bilinear', 'tvf_affine', [big, 12.5, [1, -1], 0.8, [10.0, 0.0], 'bilinear', None, None])
    # a hue tie (two channels at the maximum): max(dim)'s gradient goes to one channel, amax split it
    tie = t([[[0.8, 0.3]], [[0.8, 0.5]], [[0.2, 0.5]]], dtype=torch.float64)  # (float64: no resampling)
    add_case('vision', 'grad/tvf_adjust_hue/channel_tie', 'grads',
             ['tvf_adjust_hue', Tensors([t([[[1.0, -0.5]], [[0.25, 2.0]], [[-1.5, 0.75]]], dtype=torch.float64)]), tie, 0.1])
    # sharpness of a transposed (strided) image with a gradient: autograd's in-place write into a strided copy failed
    add_case('vision', 'grad/tvf_adjust_sharpness/strided', 'grads',
             ['tvf_adjust_sharpness', Tensors([torch.rand(3, 5, 6, generator=gen, dtype=torch.float64)]), img.double(), 1.7])
    # convert_image_dtype's refusal names the dtypes as torch.float32
    try:
        PY['tvf_convert_image_dtype'](img, 'int32')
    except Exception as e:  # noqa: BLE001
        add_error('tvf_convert_image_dtype/float32_to_int32', 'tvf_convert_image_dtype', [img, 'int32'], e,
                  family='vision')


def gen_audio_found():
    """torchaudio cases that tools/fuzz_against_pytorch.py --audio found torch4j getting wrong (each fixed); written to
    the audio module's test resources (AudioFoundTest), where its kit ops live."""
    gen = torch.Generator().manual_seed(12)

    def wave(*shape, scale=0.3):
        return (torch.rand(*shape, generator=gen, dtype=torch.float64) * 2 - 1) * scale

    def weights(*shape):
        return Tensors([torch.rand(*shape, generator=gen, dtype=torch.float64)])
    # pitch_shift's default window is torchaudio's float32 Hann window, also for float64 audio; PyTorch's float32
    # windows round each op's scalar to float32 first (torch4j's Hann points were an ulp off in 5 of 16)
    add_case('audio', 'ta_pitch_shift/float64/default_window', 'ta_pitch_shift', [wave(3, 48, scale=1.0), 200, 4, 12, 16, None, None, None])
    # (a guard) istft's overlap-add sums each sample from the latest frame to the earliest, as 1.13's col2im: in
    # float32 a sum of 1e8, 1, -1e8, 1 is 0 that way, 1 the other
    frames = torch.zeros(5, 8)
    frames[0, 6], frames[1, 4], frames[2, 2], frames[3, 0] = 1e8, 1.0, -1e8, 1.0
    spec = torch.fft.rfft(frames, dim=-1).T.contiguous()
    add_case('audio', 'ta_inverse_spectrogram/float32/overlap_order', 'ta_inverse_spectrogram',
             [spec, None, 0, torch.ones(8), 8, 2, 8, 'none', False, 'reflect', True])
    # the flanger, the phaser and the sliding-window CMN are differentiable, as torchaudio's (they had no gradient)
    stereo = wave(2, 30)
    for interp in ['linear', 'quadratic']:
        add_case('audio', f'grad/ta_flanger/{interp}', 'grads', ['ta_flanger', weights(2, 30), stereo, 1000, 2.0, 5.0, 50.0, 71.0,
                                                                 3.0, 25.0, 'sinusoidal', interp])
    add_case('audio', 'grad/ta_phaser', 'grads', ['ta_phaser', weights(2, 30), stereo, 1000, 0.4, 0.74, 5.0, 0.6, 20.0, False])
    add_case('audio', 'grad/ta_sliding_window_cmn', 'grads', ['ta_sliding_window_cmn', weights(9, 3), wave(9, 3), 4, 2, True, False])
    # |z|'s derivative is g sgn(z), NaN at 0 for an infinite g (|z|^0.5 there): zero-padded frames' gradients are NaN
    add_case('audio', 'grad/ta_spectrogram/power_half_zero_frames', 'grads',
             ['ta_spectrogram', weights(1, 6), wave(7), 2, torch.ones(1, dtype=torch.float64), 1, 2, 1, 0.5, 'none', True,
              'constant', True])
    # mel filter banks in float32 as torchaudio's tensors compute them: beside a filter's edge, where the exact value is
    # 0, its rounding is the value (1.0e-5 here, torch4j's float64 arithmetic gave 1e-14)
    add_case('audio', 'ta_melscale_fbanks/htk/edge_rounding', 'ta_melscale_fbanks', [13, 0.0, 100 / 3, 8, 100, None, 'htk'])
    add_case('audio', 'ta_melscale_fbanks/slaney/slaney_norm', 'ta_melscale_fbanks', [40, 20.0, 8000.0, 12, 16000, 'slaney', 'slaney'])
    # istft of n_fft 1, centred, without a length: 1.13 cuts [0, -0) and fails on the empty envelope's min()
    z = torch.complex(wave(1, 7), wave(1, 7))
    try:
        PY['ta_inverse_spectrogram'](z, None, 0, torch.ones(1, dtype=torch.float64), 1, 1, 1, 'none', True, 'reflect', False)
    except Exception as e:  # noqa: BLE001
        add_error('ta_inverse_spectrogram/n_fft_1_centred', 'ta_inverse_spectrogram',
                  [z, None, 0, torch.ones(1, dtype=torch.float64), 1, 1, 1, 'none', True, 'reflect', False], e, family='audio')
    # Griffin-Lim with a length too short for the frames fails as torchaudio's specgram * angles does
    args = [wave(4, 6).abs(), torch.hamming_window(3, dtype=torch.float64), 7, 3, 3, 2.0, 1, 0.5, 5, False]
    try:
        PY['ta_griffinlim'](*args)
    except Exception as e:  # noqa: BLE001
        add_error('ta_griffinlim/length_too_short', 'ta_griffinlim', args, e, family='audio')


def gen_fft_found():
    """torch.fft cases that tools/fuzz_against_pytorch.py --fft found torch4j getting wrong (each fixed): the order
    of the checks (dtype, then dims and sizes, then norm; rfftn's wording)."""
    half = torch.ones(3, 4).half()
    cplx = torch.ones(3, 4, dtype=torch.complex64)
    error_case('fft_fft/float16/dim_out_of_range', 'fft_fft', [half, None, 4, None])
    # a 0-dim tensor has no dims to shift: roll's error (torch4j returned the tensor itself; ApiFuzzTest's aliasing scan)
    error_case('fft_fftshift/0dim', 'fft_fftshift', [torch.tensor(2.5), None])
    error_case('fft_ifftshift/0dim', 'fft_ifftshift', [torch.tensor(2.5), None])
    error_case('fft_fft2/float16/bad_norm', 'fft_fft2', [half, None, None, 'bad'])
    error_case('fft_rfft/complex64/bad_norm', 'fft_rfft', [cplx, None, -1, 'bad'])
    error_case('fft_ihfft/complex64/bad_norm', 'fft_ihfft', [cplx, None, -1, 'bad'])
    error_case('fft_rfftn/complex64', 'fft_rfftn', [cplx, None, None, None])
    error_case('fft_irfftn/float16/no_points', 'fft_irfftn', [half, [1], None, None])
    error_case('fft_ifft/float16/bad_norm', 'fft_ifft', [half, 0, -1, 'bad'])


def main():
    os.makedirs(OUT, exist_ok=True)
    os.makedirs(VISION_OUT, exist_ok=True)
    os.makedirs(AUDIO_OUT, exist_ok=True)
    gen_elementwise()
    gen_promotion()
    gen_reductions()
    gen_linalg()
    gen_views()
    gen_indexing()
    gen_joins()
    gen_print()
    gen_errors()
    gen_fuzz_found()
    gen_linalg_found()
    gen_complex_found()
    gen_fft_found()
    gen_special_found()
    gen_dist_found()
    gen_attn_found()
    gen_vision_found()
    gen_audio_found()
    total = 0
    for fam, cases in sorted(FILES.items()):
        table = share_tensors(cases)
        text = '{"source":"PyTorch ' + torch.__version__ + ', tools/gen_tensor_reference.py",\n"shared":' + \
               dumps(table) + ',\n"cases":[\n' + ',\n'.join(dumps(c) for c in cases) + '\n]}\n'
        # (the vision and audio cases run in their modules, beside the kit ops that call torchvision's and torchaudio's)
        path = os.path.join({'vision': VISION_OUT, 'audio': AUDIO_OUT}.get(fam, OUT), 'tensor_' + fam + '.json')
        with open(path, 'w') as f:
            f.write(text)
        total += len(text)
        print(f'{fam}: {len(cases)} cases, {len(text) / 1024:.0f} KiB', file=sys.stderr)
    print(f'total {total / 1024:.0f} KiB', file=sys.stderr)
    print(f'{len(SKIPPED)} PyTorch errors not recorded (no kernel for the dtype in 1.13); '
          f'{len(SINGLE_ROUNDING)} float16/bfloat16 cases recorded with single rounding:', file=sys.stderr)
    for n in SINGLE_ROUNDING:
        print('  ' + n, file=sys.stderr)


if __name__ == '__main__':
    main()
