#!/usr/bin/python3
"""Differential fuzzing of torch4j's tensor ops against PyTorch: random calls, PyTorch's answers.

Run with Debian's interpreter, which has PyTorch (1.13):

    /usr/bin/python3 tools/fuzz_against_pytorch.py --seed 1 --cases 3000 --out /tmp/fuzz

It draws calls of the conformance kit's ops (tools/gen_tensor_reference.py names them; the Java side
is api/src/test/java/org/torch4j/conformance/Ops.java) with random dtypes, shapes that broadcast or
do not, 0-dim and empty tensors, special values, scalar operands and random arguments (dims, keepdim,
modes, subscripts), runs each in PyTorch and writes PyTorch's result or error as a case of the kit's
format to <out>/reference/tensor_fuzz.json. The Java side replays the file on every layout the kit
builds (contiguous, transposed, sliced) and reports each disagreement:

    java -cp <backend-cpu test classpath>:<out> org.torch4j.conformance.FuzzReplay

(docs/development.md gives the whole command). A disagreement is a bug in torch4j, a documented
deviation, or an imprecision of PyTorch 1.13's; what it found became cases of the committed generator.
"""
import argparse
import functools
import math
import os
import random
import re
import sys

import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import gen_tensor_reference as g  # noqa: E402 - the kit's encoders and op table

R = random.Random()
FLOATS, INTS = g.FLOATS, g.INTS
DTYPES = g.DTYPES
SPECIALS = [math.inf, -math.inf, math.nan, 0.0, -0.0, 1.0, -1.0, 0.5, -2.5, 1e30, -1e30, 1e-30, 65504.0, 3.0]
LIMITS = {'int64': (-2 ** 63, 2 ** 63 - 1), 'int32': (-2 ** 31, 2 ** 31 - 1), 'int16': (-2 ** 15, 2 ** 15 - 1),
          'int8': (-128, 127), 'uint8': (0, 255)}


# ---- random inputs --------------------------------------------------------------------------------

def pick(xs, weights=None):
    return R.choices(xs, weights)[0]


def shape(max_rank=4, empty=0.04):
    rank = pick([0, 1, 2, 3, 4][:max_rank + 1], [1, 3, 4, 3, 1][:max_rank + 1])
    return [0 if R.random() < empty else pick([1, 2, 3, 4, 5, 7]) for _ in range(rank)]


def broadcast_partner(s):
    """A shape that broadcasts with s (occasionally one that does not)."""
    out = [1 if R.random() < 0.3 else d for d in s]
    out = out[R.randint(0, len(out)):] if R.random() < 0.3 else out
    if R.random() < 0.15:
        out = [1] * R.randint(1, 2) + out
    if R.random() < 0.05 and out:
        i = R.randrange(len(out))
        out[i] = out[i] + 2
    return out


def tensor(s, dtype, special=0.15, lo=None, hi=None):
    n = math.prod(s)
    if dtype in FLOATS:
        if lo is not None:
            vals = [round(R.uniform(lo, hi), 2) for _ in range(n)]
        else:
            scale = pick([0.5, 2.0, 10.0, 1000.0], [2, 4, 2, 1])
            vals = [round(R.gauss(0, scale), 2) for _ in range(n)]
            vals = [pick(SPECIALS) if R.random() < special else v for v in vals]
        return torch.tensor(vals, dtype=torch.float64).reshape(s).to(g.T(dtype))
    if dtype == 'bool':
        return torch.tensor([R.random() < 0.5 for _ in range(n)], dtype=torch.bool).reshape(s)
    lo_d, hi_d = LIMITS[dtype]
    a, b = (max(lo_d, -10), min(hi_d, 10)) if lo is None else (max(lo_d, int(lo)), min(hi_d, int(hi)))
    vals = [pick([lo_d, hi_d]) if R.random() < special / 4 else R.randint(a, b) for _ in range(n)]
    return torch.tensor(vals, dtype=torch.int64).reshape(s).to(g.T(dtype))


GRAD = False  # --grad: mostly float64 inputs (float32 gradients differ from PyTorch's by rounding only)


def any_dtype(floats=0.5):
    if GRAD:  # (no float16/bfloat16: the generator would emulate them in float32, where they become leaves)
        return pick(['float64', 'float64', 'float32']) if R.random() < 0.85 else pick(['int64', 'int32', 'bool'])
    return pick(FLOATS) if R.random() < floats else pick(DTYPES)


def scalar(dtype):
    if dtype == 'bool' or R.random() < 0.4:
        return R.randint(-3, 5)
    return pick([0.5, -1.5, 2.0, 3.25, -0.0, math.inf, 1e10])


def dims(rank, allow_none=True):
    if allow_none and R.random() < 0.2:
        return None
    if rank == 0:
        return pick([[], [0], [-1]])
    k = R.randint(1, rank)
    ds = R.sample(range(rank), k)
    return [d - rank if R.random() < 0.3 else d for d in ds]


def dim(rank):
    if rank == 0:
        return pick([0, -1])
    d = R.randrange(rank)
    return d - rank if R.random() < 0.3 else d


def distinct(s, dtype):
    """Values without ties (sort and top-k order ties by an unspecified rule)."""
    n = math.prod(s)
    if dtype == 'bool':
        return tensor(s, dtype)
    if n > {'int8': 256, 'uint8': 256, 'float16': 2048, 'bfloat16': 256}.get(dtype, n):
        dtype = 'int64'  # more elements than the dtype has distinct small values
    perm = torch.randperm(n, generator=g.GEN).to(torch.float64)
    if dtype in FLOATS:
        perm = perm * 0.5 - n / 4
    elif dtype == 'uint8':
        perm = perm % 256
    else:
        perm = perm - n // 2
    return perm.reshape(s).to(g.T(dtype))


def index_tensor(n, s, negative=True):
    lo = -n if negative and n > 0 else 0
    if n == 0:
        return torch.zeros(s, dtype=torch.long)
    return torch.tensor([R.randint(lo, n - 1) for _ in range(math.prod(s))], dtype=torch.long).reshape(s)


# ---- the calls ------------------------------------------------------------------------------------

ARITH = ['add', 'sub', 'mul', 'div', 'remainder', 'fmod', 'pow', 'maximum', 'minimum', 'fmax', 'fmin', 'atan2',
         'hypot', 'copysign', 'xlogy', 'floor_divide']
COMPARE = ['eq', 'ne', 'lt', 'le', 'gt', 'ge']
LOGICAL = ['logical_and', 'logical_or', 'logical_xor']
BITWISE = ['bitwise_and', 'bitwise_or', 'bitwise_xor', 'bitwise_left_shift', 'bitwise_right_shift']
SCALAR_SECOND = {'add', 'sub', 'mul', 'div', 'remainder', 'fmod', 'pow'} | set(COMPARE)


def unary():
    op = pick(g.UNARY)
    d = any_dtype()
    if op in g.DOMAIN and d in FLOATS and R.random() < 0.6:
        return op, [tensor(shape(), d, lo=g.DOMAIN[op][0], hi=g.DOMAIN[op][1])]
    return op, [tensor(shape(), d)]


def unary_with_args():
    d = any_dtype(0.8)
    x = tensor(shape(), d)
    op = pick(['gelu', 'softplus', 'round_decimals', 'polygamma', 'mvlgamma', 'clamp', 'nan_to_num'])
    if op == 'gelu':
        return op, [x, pick(['none', 'tanh'])]
    if op == 'softplus':
        return op, [x, pick([1, 2, 0.5, -1.0]), pick([20, 5, 1.5])]
    if op == 'round_decimals':
        return op, [x, R.randint(-2, 3)]
    if op == 'polygamma':
        return op, [x, R.randint(0, 3)]
    if op == 'mvlgamma':
        p = R.randint(1, 3)
        return op, [tensor(list(x.shape), d, lo=(p - 1) / 2 + 0.1, hi=8) if d in FLOATS else x, p]
    if op == 'clamp':
        def bound():
            r = R.random()
            if r < 0.2:
                return None
            if r < 0.4:
                return tensor(broadcast_partner(list(x.shape)), any_dtype(0.7))
            return scalar(d)
        lo, hi = bound(), bound()
        if lo is None and hi is None:
            lo = 0
        if isinstance(lo, torch.Tensor) != isinstance(hi, torch.Tensor) and lo is not None and hi is not None:
            hi = None  # torch4j's clamp takes both bounds as tensors or both as numbers
        return op, [x, lo, hi]
    return op, [x] + [pick([None, 1.5, -7.0, 100.0]) for _ in range(3)]


def binary():
    op = pick(ARITH + COMPARE + LOGICAL + BITWISE, [3] * len(ARITH) + [2] * len(COMPARE) + [1] * 3 + [1] * 5)
    s = shape()
    da = any_dtype(0.5)
    db = da if R.random() < 0.5 else any_dtype(0.5)
    a = tensor(s, da)
    if op in SCALAR_SECOND and R.random() < 0.3:
        b = scalar(da)
    else:
        b = tensor(broadcast_partner(s), db)
    if op == 'pow' and da not in FLOATS and isinstance(b, int):
        b = abs(b)
    if op in ('bitwise_left_shift', 'bitwise_right_shift') and isinstance(b, torch.Tensor) and db not in FLOATS:
        b = b.abs() % 8 if db != 'bool' else b
    if op in ('add', 'sub') and isinstance(b, torch.Tensor) and R.random() < 0.3:
        return op, [a, b, pick([2, -1, 0.5])]
    if op == 'div' and R.random() < 0.4:
        return op, [a, b, pick(['trunc', 'floor'])]
    return op, [a, b]


def ternary():
    op = pick(['lerp', 'where', 'addcmul', 'addcdiv', 'isclose', 'equal'])
    s = shape()
    d = (pick(['float32', 'float64']) if GRAD else pick(FLOATS)) if op in ('lerp', 'addcdiv') else any_dtype()
    x = tensor(s, d)
    if op == 'lerp':
        w = tensor(broadcast_partner(s), d) if R.random() < 0.5 else pick([0.25, 0.5, 1.5])
        return op, [x, tensor(broadcast_partner(s), d), w]
    if op == 'where':
        c = tensor(broadcast_partner(s), 'bool')
        y = tensor(broadcast_partner(s), any_dtype()) if R.random() < 0.7 else scalar(d) * 1.0
        return op, [c, x, y]
    if op in ('addcmul', 'addcdiv'):
        return op, [x, tensor(broadcast_partner(s), d), tensor(broadcast_partner(s), d), pick([1, 0.5, -2])]
    if op == 'isclose':
        y = x + tensor(s, d) * 1e-4 if d in FLOATS and R.random() < 0.5 else tensor(s, d)
        return op, [x, y, pick([1e-5, 1e-2]), pick([1e-8, 1e-3]), R.random() < 0.5]
    return op, [x, x.clone() if R.random() < 0.5 else tensor(broadcast_partner(s), any_dtype())]


def in_place():
    op = pick(['add_', 'sub_', 'mul_', 'div_', 'pow_', 'clamp_', 'masked_fill_', 'addcmul_', 'lerp_', 'fill_', 'copy_'])
    s = shape()
    d = any_dtype(0.6)
    x = tensor(s, d)
    if op in ('add_', 'sub_', 'mul_', 'div_'):
        o = tensor(broadcast_partner(s), any_dtype(0.6)) if R.random() < 0.7 else scalar(d)
        return op, [x, o]
    if op == 'pow_':
        return op, [x, pick([2.0, 0.5, -1.0, 3.0])]
    if op == 'clamp_':
        return op, [x, pick([None, -1.0, 0.0]), pick([None, 2.0, 0.5])]
    if op == 'masked_fill_':
        return op, [x, tensor(broadcast_partner(s), 'bool'), pick([1.5, -2.0, 0.0])]
    if op == 'addcmul_':
        return op, [x, tensor(broadcast_partner(s), d), tensor(broadcast_partner(s), d), pick([1, 0.5])]
    if op == 'lerp_':
        return op, [x, tensor(broadcast_partner(s), d), pick([0.25, 0.75])]
    if op == 'fill_':
        return op, [x, scalar(d)]
    return op, [x, tensor(broadcast_partner(s), any_dtype())]


def reduction():
    op = pick(['sum', 'mean', 'prod', 'max', 'min', 'max_dim', 'min_dim', 'amax', 'amin', 'argmax', 'argmin', 'var',
               'std', 'norm', 'logsumexp', 'cumsum', 'cumprod', 'logcumsumexp', 'all', 'any', 'count_nonzero', 'topk',
               'sort', 'argsort', 'unique'])
    s = shape(empty=0.08)
    d = any_dtype(0.6)
    x = tensor(s, d, special=0.08)
    r = len(s)
    if op == 'sum':
        return op, [x, dims(r), R.random() < 0.3, pick([None, None, 'float64', 'int64'])]
    if op in ('mean', 'amax', 'amin', 'logsumexp'):
        ds = dims(r, allow_none=op == 'mean')
        return op, [x, ds if ds is not None or op != 'mean' else None, R.random() < 0.3]
    if op in ('prod', 'argmax', 'argmin', 'all', 'any'):
        if R.random() < 0.3:
            return op, [x, None, False]
        return op, [x, dim(r), R.random() < 0.3]
    if op in ('max', 'min', 'count_nonzero'):
        return op, [x]
    if op in ('max_dim', 'min_dim'):
        return op, [x, dim(r), R.random() < 0.3]
    if op in ('var', 'std'):
        return op, [x, dims(r), pick([0, 1, 2]), R.random() < 0.3]
    if op == 'norm':
        return op, [x, pick([2.0, 1.0, 3.0, math.inf, -math.inf, 0.0, 0.5]), dims(r), R.random() < 0.3]
    if op in ('cumsum', 'cumprod', 'logcumsumexp'):
        return op, [x, dim(r)]
    if op == 'topk':
        x = distinct(s, d)
        dd = dim(r)
        n = s[dd] if r else 1
        return op, [x, R.randint(0, n), dd, R.random() < 0.7, True]
    if op == 'sort':
        return op, [distinct(s, d), dim(r), R.random() < 0.5, True]
    if op == 'argsort':
        return op, [distinct(s, d), dim(r), R.random() < 0.5]
    # (unique orders NaN differently in every PyTorch version: left out)
    return op, [torch.nan_to_num(x, nan=7.0) if d in FLOATS else x, R.random() < 0.5, R.random() < 0.5]


def linalg():
    op = pick(['matmul', 'matmul', 'mm', 'bmm', 'mv', 'dot', 'outer', 'addmm', 'baddbmm'])
    d = pick(['float64', 'float32']) if GRAD else pick(['float32', 'float64', 'float32', 'int64', 'float16', 'bfloat16'])
    m, k, n, b = (pick([0, 1, 2, 3, 5, 8, 17]) for _ in range(4))
    if op == 'matmul':
        ra, rb = R.randint(1, 4), R.randint(1, 4)
        batch = [pick([1, 2, 3]) for _ in range(max(ra, rb) - 2)]
        sa = (batch[len(batch) - (ra - 2):] if ra > 2 else []) + ([m, k] if ra > 1 else [k])
        sb = ([1 if R.random() < 0.3 else x for x in batch][len(batch) - (rb - 2):] if rb > 2 else []) + ([k, n] if rb > 1 else [k])
        return op, [tensor(sa, d, special=0.02), tensor(sb, d, special=0.02)]
    if op == 'mm':
        return op, [tensor([m, k], d, special=0.02), tensor([k, n], d, special=0.02)]
    if op == 'bmm':
        return op, [tensor([b, m, k], d, special=0.02), tensor([b, k, n], d, special=0.02)]
    if op == 'mv':
        return op, [tensor([m, k], d, special=0.02), tensor([k], d, special=0.02)]
    if op == 'dot':
        return op, [tensor([k], d), tensor([k], d)]
    if op == 'outer':
        return op, [tensor([m], d), tensor([n], d)]
    beta, alpha = pick([0, 1, 0.5]), pick([1, 2, -0.5])
    if d not in FLOATS:
        beta, alpha = int(beta), int(alpha)
    if op == 'addmm':
        return op, [tensor(broadcast_partner([m, n]), d), tensor([m, k], d), tensor([k, n], d), beta, alpha]
    return op, [tensor(broadcast_partner([b, m, n]), d), tensor([b, m, k], d), tensor([b, k, n], d), beta, alpha]


def view():
    s = shape(empty=0.05)
    r = len(s)
    x = tensor(s, any_dtype(0.5))
    op = pick(['reshape', 'permute', 'transpose', 'narrow', 'select', 'expand', 'squeeze', 'unsqueeze', 'flatten',
               'unflatten', 'unfold', 'diagonal', 'split', 'chunk', 'unbind', 'movedim', 'index', 'index', 'index'])
    if op == 'reshape':
        n = math.prod(s)
        new = R.sample([f for f in range(1, n + 1) if n % f == 0], 1) if n else [0]
        new = new + ([n // new[0]] if n else [R.randint(1, 3)])
        if R.random() < 0.4:
            new[R.randrange(len(new))] = -1
        return op, [x, new]
    if op == 'permute':
        p = list(range(r))
        R.shuffle(p)
        return op, [x, p]
    if op in ('transpose', 'movedim'):
        return op, [x, dim(r), dim(r)]
    if op == 'narrow':
        dd = dim(r)
        n = s[dd] if r else 0
        start = R.randint(-n, n) if n else 0
        return op, [x, dd, start, R.randint(0, max(0, n - (start % n if n else 0)))]
    if op == 'select':
        dd = dim(r)
        n = s[dd] if r else 1
        return op, [x, dd, R.randint(-n, n - 1) if n else 0]
    if op == 'expand':
        new = [pick([d, -1]) if d != 1 else pick([1, 3, -1]) for d in s]
        return op, [x, [2] * R.randint(0, 1) + new]
    if op == 'squeeze':
        return op, [x, dim(r) if R.random() < 0.6 else None]
    if op == 'unsqueeze':
        return op, [x, R.randint(-r - 1, r)]
    if op == 'flatten':
        a = dim(r)
        return op, [x, a, pick([dim(r), -1])]
    if op == 'unflatten':
        dd = dim(r)
        n = s[dd] if r else 1
        f = pick([f for f in range(1, n + 1) if n % f == 0]) if n else 1
        return op, [x, dd, [f, -1] if R.random() < 0.5 else [f, n // f if f else 0]]
    if op == 'unfold':
        dd = dim(r)
        n = s[dd] if r else 1
        return op, [x, dd, R.randint(0, n), R.randint(1, 3)]
    if op == 'diagonal':
        if r < 2:
            return op, [x, 0, 0, 1]
        a, b = R.sample(range(r), 2)
        return op, [x, R.randint(-2, 2), a, b]
    if op == 'split':
        dd = dim(r)
        n = s[dd] if r else 1
        if R.random() < 0.5 and n:
            cut = sorted(R.randint(0, n) for _ in range(2))
            return op, [x, [cut[0], cut[1] - cut[0], n - cut[1]], dd]
        return op, [x, R.randint(1, 4), dd]
    if op == 'chunk':
        return op, [x, R.randint(1, 5), dim(r)]
    if op == 'unbind':
        return op, [x, dim(r)]
    return 'index', [x, subscript(s)]


def subscript(s):
    items, used = [], 0
    for _ in range(R.randint(1, max(1, len(s) + 1))):
        kind = pick(['at', 'slice', 'none', 'ellipsis', 'tensor', 'mask'], [3, 4, 1, 1, 2, 1])
        if used >= len(s) and kind in ('at', 'slice', 'tensor', 'mask'):
            kind = 'none'
        if kind == 'ellipsis' and Ellipsis in items:
            kind = 'none'
        if kind == 'at':
            n = s[used]
            items.append(R.randint(-n, n - 1) if n else 0)
            used += 1
        elif kind == 'slice':
            n = s[used]
            a = pick([None, R.randint(-n - 1, n + 1)])
            b = pick([None, R.randint(-n - 1, n + 1)])
            items.append(slice(a, b, pick([None, 1, 2, 3])))
            used += 1
        elif kind == 'tensor':
            items.append(index_tensor(s[used], pick([[2], [3], [2, 2], []])))
            used += 1
        elif kind == 'mask':
            items.append(tensor([s[used]], 'bool'))
            used += 1
        else:
            items.append(None if kind == 'none' else Ellipsis)
    return g.Idx(items)


def indexing():
    s = shape(empty=0.04)
    s = s if s else [3]
    r = len(s)
    d = any_dtype(0.6)
    x = tensor(s, d)
    op = pick(['index_select', 'gather', 'scatter', 'scatter_add', 'scatter_reduce', 'index_add', 'masked_select',
               'index_put_', 'take', 'nonzero', 'where_cond'])
    dd = dim(r)
    n = s[dd]
    if op == 'index_select':
        return op, [x, dd, index_tensor(n, [R.randint(0, 4)], negative=False)]
    if op in ('gather', 'scatter', 'scatter_add', 'scatter_reduce'):
        ishape = [R.randint(0, v) for v in s]
        idx = index_tensor(n, ishape, negative=False)
        if op == 'gather':
            return op, [x, dd, idx]
        src = tensor([v + R.randint(0, 1) for v in ishape], d)
        if op == 'scatter' and R.random() < 0.3:
            return op, [x, dd, idx, pick([1.5, -2.0])]
        if op == 'scatter_reduce':
            return op, [x, dd, idx, src, pick(['sum', 'prod', 'amax', 'amin']), R.random() < 0.6]
        return op, [x, dd, idx, src]
    if op == 'index_add':
        idx = index_tensor(n, [R.randint(0, 4)], negative=False)
        ss = list(s)
        ss[dd] = idx.numel()
        return op, [x, dd, idx, tensor(ss, d), pick([1, 2, 0.5] if d in FLOATS else [1, 2])]
    if op == 'masked_select':
        return op, [x, tensor(broadcast_partner(s), 'bool')]
    if op == 'index_put_':
        sub = subscript(s)
        sub = g.Idx([i if isinstance(i, torch.Tensor) else (index_tensor(s[0], [2]) if isinstance(i, int) else i)
                     for i in sub])
        try:
            target = list(torch.zeros(s)[tuple(sub)].shape)
        except Exception:  # noqa: BLE001 - an invalid subscript: PyTorch's error is the case
            target = [1]
        vals = tensor(broadcast_partner(target), d)
        # accumulate takes index tensors only (the generator's helper moves them first otherwise)
        return op, [x, sub, vals, all(isinstance(i, torch.Tensor) for i in sub) and R.random() < 0.5]
    if op == 'take':
        return op, [x, index_tensor(x.numel(), [R.randint(0, 5)])]
    return op, [x if op == 'nonzero' else x.to(torch.bool)]


def join():
    op = pick(['cat', 'stack', 'repeat', 'tile', 'flip', 'roll', 'tril', 'triu', 'pad'])
    s = shape(empty=0.05)
    r = len(s)
    d = any_dtype(0.5)
    x = tensor(s, d)
    if op in ('cat', 'stack'):
        dd = dim(r) if op == 'cat' else R.randint(-r - 1, r)
        ts = [x]
        for _ in range(R.randint(0, 3)):
            t = list(s)
            if op == 'cat' and r and R.random() < 0.8:
                t[dd] = R.randint(0, 3)
            ts.append(tensor(t, pick([d, d, any_dtype()])))
        if op == 'cat' and R.random() < 0.1:
            ts.append(tensor([0], d))  # the legacy empty 1-d operand PyTorch skips
        return op, [g.Tensors(ts), dd]
    if op in ('repeat', 'tile'):
        reps = [R.randint(0, 3) for _ in range(R.randint(r if op == 'repeat' else 0, r + 2))]
        return op, [x, reps]
    if op == 'flip':
        return op, [x, dims(r, allow_none=False)]
    if op == 'roll':
        ds = dims(r, allow_none=False)
        return op, [x, [R.randint(-7, 7) for _ in ds], ds]
    if op in ('tril', 'triu'):
        return op, [x, R.randint(-3, 3)]
    mode = pick(['constant', 'constant', 'reflect', 'replicate', 'circular'])
    k = R.randint(1, 3) if mode != 'constant' else R.randint(1, min(3, max(1, r)))
    if mode != 'constant':
        x = tensor([R.randint(1, 2) for _ in range(k + 1)] + [R.randint(2, 5) for _ in range(k)], pick(['float32', 'float64']))
    pad = [R.randint(-1 if mode == 'constant' else 0, 3) for _ in range(2 * k)]
    return 'pad', [x, pad, mode, pick([0.0, 1.5]) if mode == 'constant' else 0.0]


def nn_tensor(d, *shape, lo=None, hi=None, special=0.05):
    """A tensor of dtype d for the nn draws, with fewer special values than the tensor ops'."""
    return tensor(list(shape), d, special=special, lo=lo, hi=hi)


def nn_functional():
    """A call of torch.nn.functional (the kit's nn ops): convolutions, pooling, normalization, interpolation, losses."""
    d = pick(['float32', 'float64']) if GRAD or R.random() < 0.9 else pick(['float16', 'bfloat16'])
    op = pick(['conv1d', 'conv2d', 'conv_transpose2d', 'max_pool1d', 'max_pool2d', 'avg_pool1d', 'avg_pool2d',
               'adaptive_avg_pool2d', 'adaptive_max_pool2d', 'softmax', 'log_softmax', 'softmin', 'layer_norm',
               'group_norm', 'batch_norm', 'embedding', 'interpolate', 'mse_loss', 'l1_loss', 'smooth_l1_loss',
               'huber_loss', 'cross_entropy', 'cross_entropy', 'nll_loss', 'binary_cross_entropy', 'bce_with_logits',
               'kl_div', 'normalize', 'cosine_similarity', 'pairwise_distance', 'pixel_shuffle', 'one_hot', 'glu',
               'leaky_relu', 'elu', 'hardtanh', 'unfold_nn', 'fold_nn'])
    n, c = R.randint(1, 3), R.randint(1, 4)
    red = pick(['mean', 'sum', 'none'])

    t = functools.partial(nn_tensor, d)

    def size():
        return R.randint(1, 7)
    if op in ('conv1d', 'conv2d', 'conv_transpose2d'):
        g = pick([1, 1, 2, 3])
        cin, cout = g * R.randint(1, 2), g * R.randint(1, 2)
        dims = 1 if op == 'conv1d' else 2
        k = [R.randint(1, 3) for _ in range(dims)]
        spatial = [R.randint(1, 7) for _ in range(dims)]
        s_, p_, dl = [R.randint(1, 3) for _ in range(dims)], [R.randint(0, 2) for _ in range(dims)], [R.randint(1, 2) for _ in range(dims)]
        bias = t(cout) if R.random() < 0.7 else None
        if op == 'conv_transpose2d':
            w = t(cin, cout // g, *k)
            opad = [R.randint(0, max(a, b) - 1) for a, b in zip(s_, dl)]
            return op, [t(n, cin, *spatial), w, bias, s_, p_, opad, g, dl]
        w = t(cout, cin // g, *k)
        if op == 'conv1d':
            return op, [t(n, cin, *spatial), w, bias, s_[0], p_[0], dl[0], g]
        return op, [t(n, cin, *spatial), w, bias, s_, p_, dl, g]
    if op in ('max_pool1d', 'max_pool2d', 'avg_pool1d', 'avg_pool2d'):
        dims = 1 if op.endswith('1d') else 2
        k = [R.randint(1, 3) for _ in range(dims)]
        st = [R.randint(1, 3) for _ in range(dims)]
        pd = [R.randint(0, kk // 2) for kk in k]
        x = t(n, c, *[R.randint(1, 7) for _ in range(dims)])
        ceil = R.random() < 0.4
        if op == 'max_pool1d':
            return op, [x, k[0], st[0], pd[0], R.randint(1, 2), ceil]
        if op == 'max_pool2d':
            return op, [x, k, st, pd, [R.randint(1, 2) for _ in range(2)], ceil]
        if op == 'avg_pool1d':
            return op, [x, k[0], st[0], pd[0], ceil, R.random() < 0.5]
        return op, [x, k, st, pd, ceil, R.random() < 0.5, pick([None, None, 1, 3])]
    if op.startswith('adaptive'):
        return op, [t(n, c, size(), size()), [R.randint(1, 5), R.randint(1, 5)]]
    if op in ('softmax', 'log_softmax', 'softmin', 'glu'):
        s = shape()
        if op == 'glu':
            s = s or [2]
            dd = dim(len(s))
            s[dd] = 2 * R.randint(1, 3)
            return op, [t(*s), dd]
        return op, [t(*s), dim(len(s))]
    if op == 'layer_norm':
        s = [n] + [size() for _ in range(R.randint(1, 3))]
        ns = s[-R.randint(1, len(s) - 1):]
        aff = R.random() < 0.6
        return op, [t(*s), ns, t(*ns) if aff else None, t(*ns) if aff else None, pick([1e-5, 1e-3])]
    if op == 'group_norm':
        g = pick([1, 2, 3])
        ch = g * R.randint(1, 2)
        aff = R.random() < 0.6
        return op, [t(n, ch, size(), size()), g, t(ch) if aff else None, t(ch) if aff else None, 1e-5]
    if op == 'batch_norm':
        training = R.random() < 0.5
        aff = R.random() < 0.6
        return op, [t(max(n, 2), c, size()), t(c), t(c, lo=0.1, hi=3), t(c) if aff else None, t(c) if aff else None,
                    training, 0.1, 1e-5]
    if op == 'embedding':
        v = R.randint(1, 6)
        return op, [index_tensor(v, [R.randint(0, 3), R.randint(1, 4)], negative=False), t(v, R.randint(1, 4)),
                    pick([None, None, 0, v - 1])]
    if op == 'interpolate':
        mode = pick(['nearest', 'linear', 'bilinear', 'bicubic', 'area', 'nearest-exact'])
        dims = 1 if mode == 'linear' else 2 if mode in ('bilinear', 'bicubic') else R.randint(1, 2)
        x = t(n, c, *[size() for _ in range(dims)])
        ac = (R.random() < 0.5) if mode in ('linear', 'bilinear', 'bicubic') else None
        if R.random() < 0.5:
            return op, [x, [R.randint(1, 9) for _ in range(dims)], None, mode, ac]
        return op, [x, None, [pick([0.5, 1.5, 2.0, 3.0, 0.75]) for _ in range(dims)], mode, ac]
    if op in ('mse_loss', 'l1_loss', 'smooth_l1_loss', 'huber_loss'):
        s = shape()
        args = [t(*s), t(*broadcast_partner(s) if R.random() < 0.1 else s), red]
        return op, args + ([pick([1.0, 0.5, 0.0])] if op == 'smooth_l1_loss' else [pick([1.0, 0.5])] if op == 'huber_loss' else [])
    if op in ('cross_entropy', 'nll_loss'):
        k = R.randint(1, 5)
        extra = [size() for _ in range(R.randint(0, 2))]
        x = t(n, k, *extra, special=0.02)
        if op == 'nll_loss':
            x = torch.log_softmax(x.double(), 1).to(x.dtype)
        ii = pick([-100, -100, 0, k - 1])
        w = t(k, lo=0.1, hi=2) if R.random() < 0.4 else None
        if op == 'cross_entropy' and R.random() < 0.3:  # probabilities as target
            y = torch.softmax(t(n, k, *extra).double(), 1).to(x.dtype)
            return op, [x, y, w, -100, red, pick([0.0, 0.1])]
        y = index_tensor(k, [n] + extra, negative=False)
        if ii >= 0 and R.random() < 0.5:
            y.view(-1)[0] = ii
        if op == 'nll_loss':
            return op, [x, y, w, ii, red]
        return op, [x, y, w, ii, red, pick([0.0, 0.0, 0.2])]
    if op == 'binary_cross_entropy':
        s = shape()
        return op, [t(*s, lo=0.0, hi=1.0), t(*s, lo=0.0, hi=1.0), t(*s, lo=0.1, hi=2) if R.random() < 0.3 else None, red]
    if op == 'bce_with_logits':
        s = shape() or [3]
        pw = t(s[-1], lo=0.1, hi=3) if R.random() < 0.4 else None
        return op, [t(*s), t(*s, lo=0.0, hi=1.0), t(*s, lo=0.1, hi=2) if R.random() < 0.3 else None, pw, red]
    if op == 'kl_div':
        s = shape() or [3]
        lt = R.random() < 0.5
        return op, [t(*s, lo=-3, hi=0), t(*s, lo=-3, hi=0) if lt else t(*s, lo=0, hi=1), red, lt]
    if op in ('normalize', 'cosine_similarity', 'pairwise_distance'):
        s = shape() or [3]
        if op == 'normalize':
            return op, [t(*s), pick([2.0, 1.0, 3.0]), dim(len(s)), 1e-12]
        if op == 'cosine_similarity':
            return op, [t(*s), t(*broadcast_partner(s)), dim(len(s)), 1e-8]
        return op, [t(*s), t(*broadcast_partner(s)), pick([2.0, 1.0]), 1e-6, R.random() < 0.5]
    if op == 'pixel_shuffle':
        r = R.randint(1, 3)
        return op, [t(n, c * r * r, size(), size()), r]
    if op == 'one_hot':
        k = R.randint(1, 5)
        return op, [index_tensor(k, shape(max_rank=2), negative=False), pick([k, k + 2, -1])]
    if op == 'leaky_relu':
        return op, [t(*shape()), pick([0.01, 0.2, -0.5])]
    if op == 'elu':
        return op, [t(*shape()), pick([1.0, 0.5, 2.0])]
    if op == 'hardtanh':
        return op, [t(*shape()), pick([-1.0, -2.0, 0.0]), pick([1.0, 0.5, 3.0])]
    k = [R.randint(1, 3), R.randint(1, 3)]
    dl, pd, st = [R.randint(1, 2), 1], [R.randint(0, 1), 0], [R.randint(1, 2), R.randint(1, 2)]
    if op == 'unfold_nn':
        return op, [t(n, c, size() + 2, size() + 2), k, dl, pd, st]
    out = [R.randint(k[0], 7), R.randint(k[1], 7)]
    blocks = math.prod((o + 2 * p_ - dd * (kk - 1) - 1) // ss + 1 for o, p_, dd, kk, ss in zip(out, pd, dl, k, st))
    return op, [t(n, c * k[0] * k[1], max(blocks, 1)), out, k, dl, pd, st]


def nn_functional_more():
    """More of torch.nn.functional: 3-d convolution and pooling, 1-d adaptive and power pooling, instance and local
    response norm, embedding bags, grid sampling, the margin, ranking and likelihood losses, the small activations."""
    d = pick(['float32', 'float64'])
    op = pick(['conv3d', 'max_pool3d', 'avg_pool3d', 'adaptive_avg_pool1d', 'adaptive_max_pool1d', 'lp_pool1d',
               'instance_norm', 'local_response_norm', 'embedding_bag', 'grid_sample', 'pixel_unshuffle',
               'multi_margin_loss', 'multilabel_margin_loss', 'triplet_margin_loss', 'margin_ranking_loss',
               'hinge_embedding_loss', 'soft_margin_loss', 'multilabel_soft_margin_loss', 'poisson_nll_loss',
               'gaussian_nll_loss', 'cosine_embedding_loss', 'hardswish', 'hardsigmoid', 'selu', 'relu6', 'softsign',
               'tanhshrink', 'celu', 'softshrink', 'hardshrink', 'threshold', 'prelu'])
    n, c = R.randint(1, 2), R.randint(1, 3)
    red = pick(['mean', 'sum', 'none'])

    t = functools.partial(nn_tensor, d)

    def size():
        return R.randint(1, 5)
    if op == 'conv3d':
        grp = pick([1, 1, 2])
        cin, cout = grp * R.randint(1, 2), grp * R.randint(1, 2)
        k = [R.randint(1, 2) for _ in range(3)]
        return op, [t(n, cin, size(), size(), size()), t(cout, cin // grp, *k), t(cout) if R.random() < 0.5 else None,
                    [R.randint(1, 2) for _ in range(3)], [R.randint(0, 1) for _ in range(3)], [R.randint(1, 2) for _ in range(3)], grp]
    if op in ('max_pool3d', 'avg_pool3d'):
        k = [R.randint(1, 2) for _ in range(3)]
        x = t(n, c, size() + 1, size() + 1, size() + 1)
        st, pd = [R.randint(1, 2) for _ in range(3)], [R.randint(0, kk // 2) for kk in k]
        if op == 'max_pool3d':
            return op, [x, k, st, pd, [1, 1, R.randint(1, 2)], R.random() < 0.4]
        return op, [x, k, st, pd, R.random() < 0.4, R.random() < 0.5, pick([None, None, 2])]
    if op in ('adaptive_avg_pool1d', 'adaptive_max_pool1d'):
        return op, [t(n, c, R.randint(1, 9)), R.randint(1, 6)]
    if op == 'lp_pool1d':
        return op, [t(n, c, R.randint(2, 9), lo=0.1, hi=3) if R.random() < 0.7 else t(n, c, R.randint(2, 9)),
                    pick([1.0, 2.0, 3.0]), R.randint(1, 3), pick([None, 1, 2]), R.random() < 0.3]
    if op == 'instance_norm':
        stats = R.random() < 0.5
        return op, [t(n, c, size(), size()), t(c) if stats else None, t(c, lo=0.1, hi=2) if stats else None,
                    t(c) if R.random() < 0.5 else None, t(c) if R.random() < 0.5 else None, not stats or R.random() < 0.5,
                    0.1, 1e-5]
    if op == 'local_response_norm':
        return op, [t(n, c + 1, size(), size()), R.randint(1, 4), pick([1e-4, 0.1, 1.0]), pick([0.75, 0.5]), pick([1.0, 2.0])]
    if op == 'embedding_bag':
        v, dim_ = R.randint(1, 6), R.randint(1, 4)
        mode = pick(['sum', 'mean', 'max'])
        pad = pick([None, None, 0])
        if R.random() < 0.5:
            idx = index_tensor(v, [R.randint(1, 3), R.randint(1, 4)], negative=False)
            psw = t(*idx.shape) if mode == 'sum' and R.random() < 0.4 else None
            return op, [idx, t(v, dim_), None, mode, psw, pad]
        m = R.randint(0, 8)
        idx = index_tensor(v, [m], negative=False)
        cuts = sorted(R.randint(0, m) for _ in range(R.randint(1, 4)))
        offsets = torch.tensor([0] + cuts[1:], dtype=torch.long)
        psw = t(m) if mode == 'sum' and R.random() < 0.4 else None
        return op, [idx, t(v, dim_), offsets, mode, psw, pad]
    if op == 'grid_sample':
        x = t(n, c, size(), size())
        grid = t(n, size(), size(), 2, lo=-1.3, hi=1.3)
        return op, [x, grid, pick(['bilinear', 'nearest', 'bicubic']), pick(['zeros', 'border', 'reflection']), R.random() < 0.5]
    if op == 'pixel_unshuffle':
        r = R.randint(1, 3)
        return op, [t(n, c, r * size(), r * size()), r]
    if op == 'multi_margin_loss':
        k = R.randint(1, 5)
        return op, [t(n + 1, k), index_tensor(k, [n + 1], negative=False), pick([1, 2]), pick([1.0, 0.5]),
                    t(k, lo=0.1, hi=2) if R.random() < 0.3 else None, red]
    if op == 'multilabel_margin_loss':
        k = R.randint(1, 5)
        y = torch.tensor([[R.randint(-1, k - 1) for _ in range(k)] for _ in range(n + 1)], dtype=torch.long)
        return op, [t(n + 1, k), y, red]
    if op == 'triplet_margin_loss':
        s = [n + 1, R.randint(1, 5)]
        return op, [t(*s), t(*s), t(*s), pick([1.0, 0.5]), pick([2.0, 1.0]), 1e-6, R.random() < 0.3, red]
    if op in ('margin_ranking_loss', 'cosine_embedding_loss'):
        if op == 'cosine_embedding_loss':
            s = [n + 1, R.randint(1, 4)]
            y = torch.tensor([pick([1, -1]) for _ in range(s[0])], dtype=torch.float32).to(g.T(d))
            return op, [t(*s), t(*s), y, pick([0.0, 0.5]), red]
        s = [R.randint(1, 6)]
        return op, [t(*s), t(*s), torch.tensor([pick([1.0, -1.0]) for _ in range(s[0])]).to(g.T(d)), pick([0.0, 0.5]), red]
    if op in ('hinge_embedding_loss', 'soft_margin_loss'):
        s = shape() or [3]
        y = torch.tensor([pick([1.0, -1.0]) for _ in range(math.prod(s))]).reshape(s).to(g.T(d))
        return op, ([t(*s), y, pick([1.0, 0.5]), red] if op == 'hinge_embedding_loss' else [t(*s), y, red])
    if op == 'multilabel_soft_margin_loss':
        k = R.randint(1, 5)
        return op, [t(n + 1, k), t(n + 1, k, lo=0, hi=1), t(k, lo=0.1, hi=2) if R.random() < 0.3 else None, red]
    if op == 'poisson_nll_loss':
        s = shape() or [3]
        li = R.random() < 0.5
        return op, [t(*s) if li else t(*s, lo=0, hi=3), t(*s, lo=0, hi=5), li, R.random() < 0.5, 1e-8, red]
    if op == 'gaussian_nll_loss':
        s = [n + 1, R.randint(1, 4)]
        vs = pick([s, [s[0], 1], s])
        return op, [t(*s), t(*s), t(*vs, lo=0.01, hi=2), R.random() < 0.5, 1e-6, red]
    x = t(*(shape() or [3]), special=0.1)
    if op == 'celu':
        return op, [x, pick([1.0, 0.5, 2.0])]
    if op in ('softshrink', 'hardshrink'):
        return op, [x, pick([0.5, 1.0, 0.0])]
    if op == 'threshold':
        return op, [x, pick([0.0, 0.5, -1.0]), pick([0.0, 2.0, -3.0])]
    if op == 'prelu':
        x = t(n, c, size())
        return op, [x, t(pick([1, c]))]
    return op, [x]


# ---- gradients: d sum(op(...) * g) / d (every float32/float64 tensor argument) ---------------------------------

NOT_DIFFERENTIABLE = set(COMPARE + LOGICAL + BITWISE) | {
    'floor_divide', 'isclose', 'equal', 'count_nonzero', 'argmax', 'argmin', 'argsort', 'all', 'any', 'unique',
    'nonzero', 'where_cond', 'isnan', 'isinf', 'isposinf', 'isneginf', 'isfinite', 'signbit', 'logical_not',
    'bitwise_not', 'sign', 'floor', 'ceil', 'round', 'trunc', 'round_decimals'}


# ---- torch.linalg (--linalg) ------------------------------------------------------------------------

LA_DTYPES = ['float64', 'float32', 'complex128', 'complex64']
INF = math.inf


def la_dtype():
    if R.random() < 0.04:
        return pick(['int64', 'int32', 'float16', 'bfloat16'])  # PyTorch's dtype errors
    if GRAD:
        return pick([LA_DTYPES[0], LA_DTYPES[2], LA_DTYPES[1]], [5, 3, 1])
    return pick(LA_DTYPES, [4, 3, 2, 2])


def la_batch():
    return pick([[], [], [], [2], [3], [2, 2], [0], [1, 3]])


def la_randn(s, d):
    """Normal values with two decimals, complex where d is."""
    def real():
        return (torch.randn(s, generator=g.GEN, dtype=torch.float64) * 100).round() / 100
    x = torch.complex(real(), real()) if d.startswith('complex') else real()
    return x


def la_cast(x, d):
    if d.startswith('complex'):
        return x.to(g.T(d))
    if x.is_complex():
        x = x.real
    if d in ('float32', 'float64', 'float16', 'bfloat16'):
        return x.to(g.T(d))
    return (x * 3).round().to(g.T(d))  # integer matrices: small whole numbers


def matrix(b, m, n, d, kind=None):
    """A [*b, m, n] matrix of dtype d: random, well-conditioned, rank-deficient, Hermitian (positive-definite),
    triangular, with a NaN or infinity, or zero."""
    # (no NaN or infinity in complex gradients: where C's inf * 0 gives NaN decides there)
    kind = kind or pick(['random', 'well', 'well', 'singular', 'special', 'zeros'],
                        [4, 4, 2, 1, 0 if GRAD and d.startswith('complex') else 1, 0.3])
    cd = 'complex128' if d.startswith('complex') else 'float64'
    x = la_randn(b + [m, n], cd)
    if kind == 'well' and m == n:
        x = x + 3 * torch.eye(n, dtype=x.dtype)
    elif kind == 'singular' and min(m, n) > 1:
        r = R.randint(0, min(m, n) - 1)
        x = la_randn(b + [m, r], cd) @ la_randn(b + [r, n], cd)
    elif kind in ('hermitian', 'spd') and m == n:
        x = (x + x.mH) / 2 if kind == 'hermitian' else x @ x.mH + n * torch.eye(n, dtype=x.dtype)
    elif kind == 'special' and x.numel():
        x.view(-1)[R.randrange(x.numel())] = pick([math.nan, math.inf, -math.inf])
    elif kind == 'zeros':
        x = torch.zeros_like(x)
    return la_cast(x, d)


# LAPACK's (OpenBLAS's) answer for a matrix with a NaN or infinity, and whether the last pivot of an exactly singular
# float matrix comes out 0 or 1e-17, depend on its order of operations: the factorisations draw neither
FACTORED = ['random', 'well', 'well', 'zeros']


def square(d, kind=None, sizes=(0, 1, 2, 3, 3, 4, 5, 7)):
    n = pick(list(sizes))
    m = n if R.random() > 0.04 else n + 1  # not square: PyTorch's error
    return matrix(la_batch(), m, n, d, kind)


def rhs(a, d, left=True, vector_ok=True):
    """A right-hand side for a: [*b', n, k] (or [*b', k, n] for left=False), its batch broadcast with a's."""
    n = a.shape[-1] if a.dim() else 1
    # (PyTorch 1.13's solve backward fails for a 1 x 1 A with a vector B)
    if vector_ok and left and a.dim() == 2 and R.random() < 0.2 and not (GRAD and n == 1):
        return matrix([], n, 1, d, 'random').squeeze(-1)
    b = list(a.shape[:-2])
    b = b[R.randint(0, len(b)):] if R.random() < 0.3 else [1 if R.random() < 0.3 else x for x in b]
    k = pick([1, 2, 3, 0])
    if R.random() < 0.03:
        n += 1  # sizes that do not match: PyTorch's error
    return matrix(b, n, k, d, 'random') if left else matrix(b, k, n, d, 'random')


def other(d):
    """Mostly d; now and then a different dtype (PyTorch's mixed-dtype errors)."""
    return d if R.random() > 0.03 else pick(LA_DTYPES)


MATRIX_ORDS = ['fro', 'nuc', INF, -INF, 1, -1, 2, -2]
SVD_ORDS = ['nuc', 2, -2]


def linalg_call():
    """A torch.linalg call; not one with an empty 16-bit or integer tensor (PyTorch returns an empty result there
    without reaching the dtype check its kernel makes)."""
    while True:
        op, args = linalg_draw()
        if not any(isinstance(a, torch.Tensor) and a.numel() == 0 and a.dtype not in DIFF for a in args) and \
                not (op == 'linalg_lu_factor_ex' and not args[1] and args[0].numel() == 0):
            return op, args


def linalg_draw():
    d = la_dtype()
    op = pick(['inv', 'inv_ex', 'det', 'slogdet', 'solve', 'solve_ex', 'lu_factor', 'lu_factor_ex', 'lu', 'lu_solve',
               'solve_triangular', 'cholesky', 'cholesky_ex', 'matrix_power', 'matrix_exp', 'multi_dot', 'cross',
               'vecdot', 'matrix_norm', 'norm', 'cond', 'pinv', 'lstsq', 'matrix_rank', 'svd_phased', 'svdvals',
               'eigh_phased', 'eigvalsh', 'eig_sorted', 'eigvals_sorted', 'qr', 'householder_product', 'ldl_solve', 'ldl_factor', 'tensorinv', 'tensorsolve',
               'vander', 'diagonal'])
    name = 'linalg_' + op
    if op == 'matrix_exp':  # (PyTorch 1.13 returns uninitialised memory for a NaN entry: infinities only)
        a = square(d, None if d in ('float32', 'float64') and not GRAD else pick(FACTORED))  # (complex: C's inf * 0 decides)
        if a.dtype in DIFF:
            a = torch.where(a.isfinite(), a, torch.tensor(math.inf, dtype=a.dtype))
        return name, [a]
    if op in ('inv', 'det', 'slogdet', 'lu_factor', 'lu'):
        return name, [square(d, pick(FACTORED))]
    if op == 'inv_ex':  # (a singular matrix's "inverse" is inf or NaN by LAPACK's order of operations)
        return name, [square(d, pick(FACTORED[:-1]))]
    if op == 'lu_factor_ex':
        return name, [square(d, pick(FACTORED)), R.random() < 0.9]
    if op in ('solve', 'solve_ex'):
        a, left = square(d, pick(FACTORED if op == 'solve' else FACTORED[:-1])), R.random() < 0.7
        return name, [a, rhs(a, other(d), left), left]
    if op == 'lu_solve':
        a, left = square(d, 'well'), R.random() < 0.7
        if a.dtype not in DIFF or a.shape[-1] != a.shape[-2]:
            return linalg_draw()
        lu, piv = torch.linalg.lu_factor(a)
        return name, [lu, piv, rhs(a, d, left, False), left, R.random() < 0.4]
    if op == 'solve_triangular':
        upper, left = R.random() < 0.5, R.random() < 0.7
        a = square(d, 'well')
        a = a.triu() if upper else a.tril()
        return name, [a, rhs(a, d, left, False), upper, left, R.random() < 0.2]  # (1.13 casts a mixed B to A's dtype)
    if op in ('cholesky', 'cholesky_ex'):
        return name, [square(d, pick(['spd', 'spd', 'spd', 'hermitian'])), R.random() < 0.3]
    if op == 'matrix_power':
        return name, [square(d, pick(FACTORED)), R.randint(-3, 5)]
    if op == 'multi_dot':
        k = R.randint(2, 4)
        sizes = [pick([1, 2, 3, 4, 0]) for _ in range(k + 1)]
        ms = [matrix([], sizes[i], sizes[i + 1], other(d), 'random') for i in range(k)]
        if R.random() < 0.3:  # a vector first or last
            ms[0] = matrix([], 1, sizes[1], ms[0].dtype.__str__()[6:], 'random')[0]
        if R.random() < 0.3:
            ms[-1] = matrix([], sizes[-2], 1, ms[-1].dtype.__str__()[6:], 'random')[:, 0]
        return name, [g.Tensors(ms)]
    if op in ('cross', 'vecdot'):
        s = shape(3, empty=0.03) or [3]
        if len(s) == 1 and d.startswith('complex'):
            s = [1] + s  # (PyTorch 1.13's vecdot and vdot of two 1-d complex vectors give 0: its zdotc call)
        k = R.randrange(len(s))
        if op == 'cross' and R.random() > 0.05:
            s[k] = 3
        s2 = [1 if R.random() < 0.2 and i != k else x for i, x in enumerate(s)]
        x, y = (matrix([], 1, math.prod(t), dt).reshape(t) for t, dt in ((s, d), (s2, other(d))))
        return name, [x, y, k - len(s) if R.random() < 0.5 else k]
    if op == 'matrix_norm':  # (no NaN or infinity for the orders an SVD computes: LAPACK's answer varies)
        o = pick(MATRIX_ORDS)
        a = matrix(la_batch(), pick([0, 1, 2, 3, 4]), pick([1, 2, 3, 5]), d, 'random' if o in SVD_ORDS else None)
        dims = pick([[-2, -1], [-1, -2], [0, 1] if a.dim() >= 2 else [-2, -1], [-1, 0]])
        return name, [a, o, dims, R.random() < 0.3]
    if op == 'norm':
        o = pick([None, None, 'fro', 'nuc', 2, -2, 1, INF, -INF, 0, 3.5])
        a = matrix(la_batch(), pick([1, 2, 3, 4]), pick([1, 2, 3, 5]), d, 'random' if o in SVD_ORDS else None)
        dd = pick([None, [-2, -1], [-1], [0], [-1, 0]])
        if dd is None and o is not None:
            a = a.reshape(-1) if isinstance(o, (int, float)) and R.random() < 0.5 or a.numel() == 0 else a[(0,) * (a.dim() - 2)]
        return name, [a, o, dd, R.random() < 0.3]
    if op == 'cond':
        # (PyTorch 1.13 cannot differentiate the orders it computes through inv_ex: it masks the inverse in place)
        p = pick([None, 'nuc', 2, -2] if GRAD else [None, None, 'fro', 'nuc', INF, -INF, 1, -1, 2, -2])
        a = square(d, pick(['well', 'random']))
        return name, [a] if p is None else [a, p]
    if op in ('pinv', 'matrix_rank'):
        herm = R.random() < 0.25
        kind = pick(['random', 'singular', 'singular'])
        a = square(d, 'hermitian') if herm else matrix(la_batch(), pick([0, 1, 2, 3, 4, 5]), pick([1, 2, 3, 4, 5]), d, kind)
        atol = pick([None, None, None, 0.5, 1e-3])
        rtol = pick([None, None, 0.1, 1e-2])
        return name, [a, atol, rtol, herm]
    if op == 'lstsq':
        m, n = pick([(4, 2), (3, 3), (5, 3), (2, 4), (1, 1), (3, 1), (4, 4)])
        a = matrix(la_batch(), m, n, d, 'random')
        b = matrix(list(a.shape[:-2]), m if R.random() > 0.03 else m + 1, pick([1, 2, 3]), other(d), 'random')
        return name, [a, b, None]
    if op in ('svd_phased', 'svdvals'):
        kind = 'random' if op == 'svd_phased' or GRAD else pick(['random', 'singular', 'zeros'])
        return name, [matrix(la_batch(), pick([0, 1, 2, 3, 4, 6]), pick([1, 2, 3, 4, 6]), d, kind)]
    if op in ('eig_sorted', 'eigvals_sorted'):  # (no repeated eigenvalues: their vectors are not unique)
        return name, [square(d, pick(['random', 'well']))]
    if op in ('eigh_phased', 'eigvalsh'):
        a = square(d, 'hermitian' if op == 'eigh_phased' else pick(['hermitian', 'spd', 'zeros']))
        return name, [a, pick(['L', 'U'])]
    if op == 'qr':
        return name, [matrix(la_batch(), pick([0, 1, 2, 3, 5]), pick([1, 2, 3, 5]), d, pick(['random', 'well'] if GRAD else ['random', 'well', 'zeros'])),
                      pick(['reduced', 'complete', 'r'])]
    if op == 'householder_product':
        m, n = pick([(3, 2), (4, 4), (5, 3), (2, 1), (3, 3)])
        a = matrix(la_batch(), m, n, d, 'random')
        return name, [a, matrix(list(a.shape[:-2]), 1, R.randint(0, n), d, 'random')[..., 0, :]]
    if op in ('ldl_solve', 'ldl_factor'):
        a = square(d, pick(['hermitian', 'spd', 'well']))
        if not a.is_complex() or R.random() < 0.5:
            a = (a + a.mT) / 2 if a.dtype in DIFF and a.shape[-1] == a.shape[-2] else a  # symmetric (also for complex with hermitian=False)
            herm = not a.is_complex() and R.random() < 0.5
        else:
            herm = True
        if op == 'ldl_factor':
            return name, [a, herm]
        return name, [a, rhs(a, d, True, False), herm]
    if op == 'tensorinv':
        s, ind = pick([([2, 3, 6], 2), ([6, 2, 3], 1), ([4, 2, 2], 1), ([2, 2, 2, 2], 2), ([3, 3], 1)])
        a = matrix([], math.prod(s[:ind]), math.prod(s[ind:]), d, 'well').reshape(s)
        return name, [a, ind if R.random() > 0.05 else ind + 1]
    if op == 'tensorsolve':
        bs, rest = pick([([2, 3], [6]), ([6], [2, 3]), ([4], [4]), ([2, 2], [2, 2])])
        a = matrix([], math.prod(bs), math.prod(rest), d, 'well').reshape(bs + rest)
        return name, [a, matrix([], 1, math.prod(bs), d, 'random').reshape(bs), None]
    if op == 'vander':  # (complex: inf * (1 + 0j) has a NaN imaginary part, so where PyTorch multiplies decides)
        kind = 'random' if d.startswith('complex') else None
        return name, [matrix([], 1, pick([0, 1, 2, 3, 5]), d, kind)[0] if R.random() < 0.6 else matrix([2], 1, 3, d, kind)[:, 0, :],
                      pick([None, None, 0, 1, 2, 4])]
    a = matrix(la_batch(), pick([1, 2, 3]), pick([1, 2, 4]), d)
    r = a.dim()
    return name, [a, R.randint(-2, 2), pick([-2, 0, 1, -1][:max(r, 1)]) % r - r, pick([-1, -2]) % r - r]


DIFF = (torch.float32, torch.float64, torch.complex64, torch.complex128)


def linalg_tolerance(op, args, r):
    """[rtol, atol] for a linalg value case: its float32 results may differ from PyTorch's by as much as PyTorch's own
    float32 results differ from its float64 ones; float64 results by what a relative 1e-12 change of the inputs
    moves them, scaled down to the rounding error. None: the dtype's defaults. A distribution's value is left as
    it is (a count must stay whole). The float32 results of distributions and recurrent layers may also differ by
    what a relative 1e-7 change of the inputs moves them: the rounding of terms that cancel, or amplified through
    time steps, which PyTorch's own float32 result may happen to escape."""
    lo = [a for a in args if isinstance(a, torch.Tensor) and a.dtype in (torch.float32, torch.complex64)]
    up = {torch.float32: torch.float64, torch.complex64: torch.complex128}
    fixed = {2} if op == 'dist' else {4} if op in ('grad', 'grads') and args[0] == 'dist' else set()

    def widen(a):
        if isinstance(a, torch.Tensor) and a.dtype in up:
            return a.to(up[a.dtype])
        if isinstance(a, g.Tensors):
            return g.Tensors(widen(t) for t in a)
        return a

    def perturb(a, rel):
        if isinstance(a, torch.Tensor) and a.dtype in DIFF:
            return a * (1 + rel * torch.randn(a.shape, generator=g.GEN, dtype=torch.float64).to(a.dtype))
        if isinstance(a, g.Tensors):
            return g.Tensors(perturb(t, rel) for t in a)
        return a

    def distance(alt_args):
        try:
            alt = g.PY[op](*[g.py_arg(a) for a in alt_args])
        except Exception:  # noqa: BLE001
            return None
        worst = 0.0
        for x, y in zip(g._tensors(r), g._tensors(alt)):
            if x.dtype not in DIFF or x.shape != y.shape:
                continue
            xd, yd = (torch.view_as_real(t.detach().to(torch.complex128).resolve_conj()) for t in (x, y))
            both = xd.isfinite() & yd.isfinite()
            if both.any():
                worst = max(worst, float((xd - yd).abs()[both].max()))
        return worst
    if lo:
        worst = distance([widen(a) for a in args])
        if worst is None:
            return None
        if fixed or {'rnn_module', 'attn_module'} & {op, args[0]}:
            noise = distance([a if i in fixed else perturb(a, 1e-7) for i, a in enumerate(args)])
            worst = max(worst, noise or 0.0)
        return [1.3e-6, max(1e-5, 4 * worst)] if 4 * worst > 1e-5 else None
    worst = distance([a if i in fixed else perturb(a, 1e-12) for i, a in enumerate(args)])
    if worst is None:
        return None
    return [1e-7, max(1e-7, 0.1 * worst)] if 0.1 * worst > 1e-7 else None


# PyTorch 1.13's wording where torch4j follows the later one
REWORDED = [(r'dim must be a 2-tuple. Got (-?\d+(?: -?\d+)*)$', lambda m: 'dim must be a 2-tuple. Got [' + m.group(1).replace(' ', ', ') + ']'),
            (r'dim must be a 2-tuple. Got $', 'dim must be a 2-tuple. Got []'),
            (r'on the dimension (-?\d+)because', r'on the dimension \1 because'),
            # ihfftn of a complex input: 1.13's internal assertion; torch4j says what is wrong
            (r'^Expected self.is_floating_point\(\) to be true, but got false.*$', 'expects a real input tensor, but got Complex')]


def grads_case(op, args):
    """(op, args) as a 'grads' case: a weight for each floating or complex output, of its shape and dtype (float64
    for real ones); None where PyTorch refuses the call or nothing is differentiable."""
    try:
        run, leaves = g.leaves(args)
        r = g.PY[op](*run)
    except Exception:  # noqa: BLE001 - errors are the value cases' business
        return None
    outs = [o for o in (r if isinstance(r, tuple) else [r]) if o.dtype in DIFF]
    if not leaves or not any(o.requires_grad for o in outs):
        return None
    gs = [la_cast(la_randn(list(o.shape), 'complex128' if o.is_complex() else 'float64'),
                  'complex128' if o.is_complex() else 'float64').to(o.dtype if o.is_complex() else torch.float64)
          for o in outs]
    return [op, g.Tensors(gs)] + list(args)


# ---- torch.special (--special) -----------------------------------------------------------------------

def special_input(s, d):
    """Values over many scales (the functions' regimes change with the argument's size), some special ones."""
    n = math.prod(s)
    scale = pick([0.3, 1.0, 3.0, 10.0, 40.0, 300.0])
    vals = [pick(SPECIALS) if R.random() < 0.05 else round(R.gauss(0, scale), 3) for _ in range(n)]
    return torch.tensor(vals, dtype=torch.float64).reshape(s).to(g.T(d))


def special_call():
    d = pick(['float64', 'float32', 'float64', 'int64', 'float16', 'bfloat16'], [4, 3, 2, 0.3, 0.3, 0.3]) if not GRAD \
        else pick(['float64', 'float32'], [4, 1])
    s = shape(3, empty=0.02)
    if R.random() < 0.65:
        return 'special_' + pick(g.SPECIAL_UNARY), [special_input(s, d)]
    if R.random() < 0.1:
        return 'special_multigammaln', [special_input(s, d).abs() + pick([0.0, 1.0, 2.0]), pick([1, 2, 3])]
    op = pick(g.SPECIAL_BINARY)
    x = special_input(s, d)
    if 'polynomial' in op:  # n: small whole numbers (as a tensor, or a number)
        # (no |x| near overflow: PyTorch's recurrences give inf - inf = NaN there, torch4j the infinite limit)
        x = torch.where(x.abs() > 1e6, torch.zeros_like(x), x) if x.is_floating_point() else x.clamp(-1000, 1000)
        n = torch.tensor([float(R.randint(-1, 12)) for _ in range(math.prod(s))], dtype=torch.float64).reshape(s).to(x.dtype)
        return 'special_' + op, [x, n if R.random() < 0.7 else float(R.randint(0, 8))]
    y = special_input(broadcast_partner(s), pick([d, d, 'float64', 'float32']))
    if op in ('gammainc', 'gammaincc', 'zeta'):
        x = x.abs()
        y = y.abs() if R.random() < 0.8 else y
    return 'special_' + op, [x, y]


# ---- torch.distributions (--dist) -------------------------------------------------------------------

def sig(x, digits=3):
    """x rounded to a few significant digits (short JSON, exact in both languages)."""
    return float(f'{x:.{digits}g}')


def dist_param(kind, s, d):
    """A parameter tensor of shape s: real, positive (over many decades, now and then extreme), a probability
    (now and then 0 or 1, or a hair from them) or a logit."""
    n = math.prod(s)
    if kind == 'real':
        scale = pick([1.0, 10.0, 1000.0], [4, 2, 1])
        vals = [sig(R.gauss(0, scale)) for _ in range(n)]
    elif kind == 'pos':
        vals = [pick([1e-30, 1e-12, 1e-6, 1e6, 1e15, 1e30]) if R.random() < 0.06 else sig(10 ** R.uniform(-3, 3))
                for _ in range(n)]
    elif kind == 'conc':
        vals = [sig(10 ** R.uniform(-2, 2.5)) for _ in range(n)]
    elif kind == 'prob':
        vals = [pick([0.0, 1.0, 1e-8, 1 - 1e-7, 0.5]) if R.random() < 0.08 else sig(R.random()) for _ in range(n)]
    else:  # logit
        scale = pick([1.0, 5.0, 50.0], [4, 2, 1])
        vals = [sig(R.gauss(0, scale)) for _ in range(n)]
    if R.random() < 0.03 and n:  # outside the constraint: PyTorch's validation error
        vals[R.randrange(n)] = {'real': math.nan, 'pos': -1.0, 'conc': 0.0, 'prob': 1.5, 'logit': math.inf}[kind]
    return torch.tensor(vals, dtype=torch.float64).reshape(s).to(g.T(d))


# name: parameter kinds in constructor order ('p|l': probs or logits, one of them; 'count': a number), and
# what an out-of-support value is
DISTS = {'Normal': (['real', 'pos'], math.nan), 'Uniform': (['real', 'pos'], None), 'Exponential': (['pos'], -1.0),
         'Laplace': (['real', 'pos'], math.inf), 'Gamma': (['conc', 'pos'], -1.0), 'Beta': (['conc', 'conc'], 1.5),
         'LogNormal': (['real', 'pos'], -1.0), 'Bernoulli': (['p|l'], 0.5), 'Poisson': (['pos'], 1.5),
         'Binomial': (['count', 'p|l'], -1.0), 'Cauchy': (['real', 'pos'], math.nan), 'HalfNormal': (['pos'], -1.0),
         'HalfCauchy': (['pos'], -1.0), 'Gumbel': (['real', 'pos'], math.nan), 'Weibull': (['pos', 'conc'], -1.0),
         'Pareto': (['pos', 'conc'], 0.0), 'Chi2': (['pos'], -1.0), 'StudentT': (['conc', 'real', 'pos'], math.nan),
         'Geometric': (['p|l'], 0.5), 'NegativeBinomial': (['count', 'p|l'], 1.5),
         'ContinuousBernoulli': (['p|l'], 1.5), 'Kumaraswamy': (['conc', 'conc'], 1.5),
         'VonMises': (['real', 'conc'], math.nan), 'Dirichlet': (['conc'], 2.0), 'Categorical': (['p|l'], 0.5),
         'OneHotCategorical': (['p|l'], 2.0), 'LogitRelaxedBernoulli': (['pos', 'p|l'], math.nan),
         'RelaxedBernoulli': (['pos', 'p|l'], 1.5)}
VECTOR = {'Dirichlet', 'Categorical', 'OneHotCategorical'}  # parameters with a last dim of K


def dist_params(name, bs, d):
    kinds, _ = DISTS[name]
    k = [pick([2, 3, 5])] if name in VECTOR else []
    out = []
    for kind in kinds:
        s = (broadcast_partner(bs) if R.random() < 0.5 else list(bs)) + k
        if kind == 'count':
            out.append(float(pick([0, 1, 2, 5, 10, 100])) if name == 'Binomial' else sig(10 ** R.uniform(-1, 2)))
        elif kind == 'p|l':
            if R.random() < 0.5:
                p = dist_param('prob', s, d)
                if name in ('Categorical', 'OneHotCategorical') and p.numel():
                    p = (p.double() + 1e-3).div((p.double() + 1e-3).sum(-1, keepdim=True)).to(p.dtype)
                out += [p, None]
            else:
                out += [None, dist_param('logit', s, d)]
        else:
            out.append(dist_param(kind, s, d))
    if name == 'Uniform' and shapes_broadcast(out[0], out[1]):
        out[1] = out[0] + out[1]  # (low, low + width)
    return out


def shapes_broadcast(a, b):
    try:
        torch.broadcast_shapes(a.shape, b.shape)
        return True
    except RuntimeError:
        return False


def dist_value(name, dist, d):
    """Samples of the distribution (rounded), now and then a boundary or an out-of-support value."""
    v = dist.sample(pick([(), (), (2,), (3, 1)])).double()
    v = v.apply_(sig) if v.numel() else v
    if R.random() < 0.2 and v.numel():
        flat = v.reshape(-1)
        bad = DISTS[name][1]
        for i in range(flat.numel()):
            if R.random() < 0.3:
                flat[i] = bad if bad is not None and R.random() < 0.15 else pick([0.0, 1.0, -1.0, 1e-30, 1e30, 0.5])
    return v.to(g.T(d))


def dist_call():
    d = pick(['float32', 'float64'], [2, 3])
    name = pick(list(DISTS))
    # (no empty batch for Beta and the vector ones: PyTorch 1.13 fails there reshaping 0 elements with a -1)
    bs = shape(2, empty=0.0 if name in VECTOR or name == 'Beta' else 0.03)
    params = dist_params(name, bs, d)
    try:
        dist = g.make_dist(name, params)
    except Exception:  # noqa: BLE001 - invalid parameters: PyTorch's error is the case
        return 'dist', [name, 'log_prob', tensor(bs, d, special=0.05)] + params
    for attempt in range(4):  # (mostly methods the distribution has: a missing one is one error case among many)
        method = pick(['log_prob', 'cdf', 'icdf', 'entropy', 'mean', 'variance', 'stddev', 'mode'], [5, 2, 2, 1.5, 1, 1, 0.5, 0.5])
        value = None
        if method == 'icdf':
            value = torch.tensor([pick([0.0, 1.0, 0.5, 1e-9]) if R.random() < 0.1 else sig(R.random())
                                  for _ in range(math.prod(dist.batch_shape))], dtype=torch.float64)
            value = value.reshape(dist.batch_shape).to(g.T(d))
        elif method in ('log_prob', 'cdf'):
            try:
                value = dist_value(name, dist, d)
            except RuntimeError:  # (RelaxedBernoulli keeps its temperature's shape: it may not broadcast)
                value = tensor(bs, d, special=0.05)
        try:
            g.PY['dist'](name, method, value, *params)
        except NotImplementedError:
            if attempt < 3:
                continue
        except Exception:  # noqa: BLE001
            pass
        return 'dist', [name, method, value] + params


# ---- recurrent layers (--rnn) -----------------------------------------------------------------------

def rnn_call():
    """nn.RNN/LSTM/GRU of random configuration (layers, bias, batch_first, bidirectional, LSTM projections),
    batched or not, from a given or zero state, on padded or packed (unsorted lengths) sequences; now and then a
    state of the wrong shape or a packed batch with a length beyond the sequence."""
    d = pick(['float32', 'float64'])
    mode = pick(['RNN_TANH', 'RNN_RELU', 'LSTM', 'GRU'])
    layers, bias, batch_first, bidir = pick([1, 1, 2, 3]), R.random() < 0.8, R.random() < 0.4, R.random() < 0.4
    gates = {'LSTM': 4, 'GRU': 3}.get(mode, 1)
    inp, hidden = R.randint(1, 5), R.randint(1, 6)
    proj = R.randint(1, hidden - 1) if mode == 'LSTM' and hidden > 1 and R.random() < 0.3 else 0
    out_size = proj or hidden
    dirs = 2 if bidir else 1
    scale = pick([0.3, 1.0, 3.0])
    w = functools.partial(nn_tensor, d, lo=-1, hi=1, special=0.0)
    weights = []
    for layer in range(layers):
        for _ in range(dirs):
            layer_in = inp if layer == 0 else out_size * dirs
            weights += [w(gates * hidden, layer_in), w(gates * hidden, out_size)]
            if bias:
                weights += [w(gates * hidden), w(gates * hidden)]
            if proj:
                weights.append(w(proj, hidden))
    weights = [v * scale for v in weights]
    t_len, n = R.randint(1, 5), R.randint(1, 4)
    batched = R.random() < 0.85
    lengths = None
    if batched and R.random() < 0.35:
        lengths = [R.randint(1, t_len) for _ in range(n)]
        if R.random() < 0.05:
            lengths[0] = t_len + 1  # longer than the sequence: PyTorch's error
    x = nn_tensor(d, *((n, t_len) if batch_first else (t_len, n)) if batched else (t_len,), inp, lo=-2, hi=2, special=0.02)
    h0 = c0 = None
    if R.random() < 0.6:
        hs = [layers * dirs] + ([n] if batched else [])
        bad = R.random() < 0.05
        h0 = w(*(hs[:-1] + [hs[-1] + 1] if bad else hs), out_size)
        if mode == 'LSTM':
            c0 = w(*hs, hidden)
    return 'rnn_module', [mode, x, h0, c0, g.Tensors(weights), layers, bias, batch_first, bidir, proj, lengths]


# ---- attention and transformer layers (--attn) ------------------------------------------------------

def attn_mask(rows, cols, d, batch_heads=None):
    """A random attention mask [rows, cols] (or [batch_heads, rows, cols]): bool (true = masked), uint8 (PyTorch's
    deprecated byte masks), or float (added to the scores: 0, -1, 2 or -inf); None 40% of the time; now and then a
    row too many (PyTorch's shape error)."""
    if R.random() < 0.4:
        return None
    shape = ([batch_heads] if batch_heads is not None else []) + [rows + (R.random() < 0.03), cols]
    kind = pick(['bool', 'float', 'uint8'], [6, 4, 0.3])
    n = math.prod(shape)
    if kind == 'float':
        vals = [pick([0.0, 0.0, -1.0, 2.0, -math.inf]) for _ in range(n)]
        return torch.tensor(vals, dtype=torch.float64).reshape(shape).to(g.T(d))
    vals = [R.random() < 0.3 for _ in range(n)]
    return torch.tensor(vals, dtype=torch.bool).reshape(shape).to(torch.uint8 if kind == 'uint8' else torch.bool)


def padding_mask(n, cols, batched, d, alone):
    """A random key padding mask [n, cols] ([cols] unbatched): bool (true = padding), or float (added) when there is
    no attention mask beside it (1.13 then ors a float padding mask's nonzeros into a bool attention mask, and drops
    it beside a float one, where PyTorch's documentation and PyTorch 2 add it, as torch4j); or None."""
    if R.random() < 0.5:
        return None
    shape = [n, cols] if batched else [cols]
    if alone and R.random() < 0.3:
        return torch.tensor([pick([0.0, -1.0, -math.inf]) for _ in range(math.prod(shape))],
                            dtype=torch.float64).reshape(shape).to(g.T(d))
    return torch.tensor([R.random() < 0.3 for _ in range(math.prod(shape))], dtype=torch.bool).reshape(shape)


def attn_call():
    """nn.MultiheadAttention (separate key and value sizes, biases, bias_kv, zero_attn, per-head or averaged weights),
    nn.TransformerEncoderLayer and nn.TransformerDecoderLayer (relu or gelu, norm first or last) of random
    configuration, batched or not, batch first or not, with bool, byte and float attention and padding masks (rows
    masked entirely give PyTorch's NaN)."""
    d = pick(['float32', 'float64'])
    kind = pick(['mha', 'mha', 'encoder', 'decoder'])
    heads, head_dim = pick([1, 1, 2, 3]), R.randint(1, 3)
    e = heads * head_dim
    batched, n, l_len, s_len = R.random() < 0.85, R.randint(1, 3), R.randint(1, 4), R.randint(1, 4)
    flags = [f for f, p in (('batch_first', 0.4), ('bias', 0.8), ('bias_kv', 0.2), ('zero_attn', 0.2),
                            ('need_weights', 0.7), ('average', 0.7), ('gelu', 0.4), ('norm_first', 0.4)) if R.random() < p]
    bf = 'batch_first' in flags

    def seq(length, width):
        s = ([n, length] if bf else [length, n]) if batched else [length]
        return nn_tensor(d, *s, width, lo=-2, hi=2, special=0.02)
    ff = R.randint(1, 6)
    kdim = e if kind != 'mha' or R.random() < 0.6 else R.randint(1, 4)
    vdim = e if kind != 'mha' or R.random() < 0.6 else R.randint(1, 4)
    x = seq(l_len, e)
    y = seq(s_len, kdim) if kind != 'encoder' else None
    z = seq(s_len, vdim) if kind == 'mha' else None
    bh = None if R.random() < 0.7 else (n * heads if batched else heads)
    m3 = m4 = None
    if kind == 'encoder':
        m1 = attn_mask(l_len, l_len, d, bh)
        m2 = padding_mask(n, l_len, batched, d, m1 is None)
    elif kind == 'decoder':
        m1, m3 = attn_mask(l_len, l_len, d, bh), attn_mask(l_len, s_len, d, bh)
        m2, m4 = padding_mask(n, l_len, batched, d, m1 is None), padding_mask(n, s_len, batched, d, m3 is None)
    else:
        m1 = attn_mask(l_len, s_len, d, bh)
        m2 = padding_mask(n, s_len, batched, d, m1 is None)
    # the module's parameter names and shapes, made in PyTorch to draw the weights
    shapes = _attn_shapes(kind, e, heads, ff, kdim, vdim, flags)
    scale = pick([0.3, 1.0, 2.0])
    names = list(shapes)
    weights = [nn_tensor(d, *shapes[k], lo=-1, hi=1, special=0.0) * scale for k in names]
    return 'attn_module', [kind, x, y, z, names, g.Tensors(weights), heads, ff, flags, m1, m2, m3, m4]


def _attn_shapes(kind, e, heads, ff, kdim, vdim, flags):
    f = set(flags)
    if kind == 'mha':
        m = torch.nn.MultiheadAttention(e, heads, bias='bias' in f, add_bias_kv='bias_kv' in f,
                                        add_zero_attn='zero_attn' in f, kdim=kdim, vdim=vdim)
    else:
        cls = torch.nn.TransformerEncoderLayer if kind == 'encoder' else torch.nn.TransformerDecoderLayer
        m = cls(e, heads, ff, dropout=0.0)
    return {k: list(p.shape) for k, p in m.named_parameters()}


# ---- torchvision.ops (--vision) ---------------------------------------------------------------------

def boxes(k, d, w=8.0, h=8.0, bad=0.05):
    """k random (x1, y1, x2, y2) boxes of dtype d around a w x h image, now and then degenerate (zero width or
    height) or reversed (x2 < x1: undefined in torchvision, and only drawn with bad > 0)."""
    out = []
    for _ in range(k):
        x1, y1 = round(R.uniform(-2, w), 2), round(R.uniform(-2, h), 2)
        bw, bh = round(R.uniform(0.1, w / 2), 2), round(R.uniform(0.1, h / 2), 2)
        if R.random() < 0.05:
            bw = 0.0 if R.random() < 0.5 else bw
            bh = 0.0 if bw else bh
        if R.random() < bad:
            bw = -bw
        out.append([x1, y1, x1 + bw, y1 + bh])
    return torch.tensor(out, dtype=torch.float64).reshape(k, 4).to(g.T(d))


def vision_call():
    """torchvision.ops (the kit's tv_* ops, VisionOps): RoI align and pooling (also position-sensitive), deformable
    convolution, the box IoUs and their losses, box conversion, clipping and filtering, NMS, masks to boxes, focal
    loss; boxes sometimes degenerate, batch indices sometimes outside the batch."""
    d = pick(['float32', 'float64'])
    # (ps_roi_pool's gradient is left out: torchvision 0.14's backward disagrees with its own forward's numerical
    # derivative where a bin is clipped at the image border; torch4j's follows the forward)
    op = pick(['roi_align', 'roi_align', 'roi_pool', 'ps_roi_align'] + ([] if GRAD else ['ps_roi_pool']) + ['deform_conv2d', 'deform_conv2d',
               'box_iou', 'generalized_box_iou', 'distance_box_iou', 'complete_box_iou', 'box_area', 'box_convert',
               'clip_boxes_to_image', 'remove_small_boxes', 'nms', 'batched_nms', 'masks_to_boxes',
               'sigmoid_focal_loss', 'generalized_box_iou_loss', 'distance_box_iou_loss', 'complete_box_iou_loss'])
    if op in ('roi_align', 'roi_pool', 'ps_roi_align', 'ps_roi_pool'):
        n, h, w = R.randint(1, 2), R.randint(1, 7), R.randint(1, 7)
        oh, ow = R.randint(1, 3), R.randint(1, 3)
        if op.startswith('ps'):
            oh = ow  # (torchvision's position-sensitive ops take one output size)
        c = oh * ow * R.randint(1, 2) if op.startswith('ps') else R.randint(1, 3)
        x = nn_tensor(d, n, c, h, w, lo=-2, hi=2, special=0.02)
        scale = pick([1.0, 1.0, 0.5, 0.25, 2.0])
        k = R.randint(1, 4)
        idx = torch.tensor([[float(R.randint(0, n - 1))] for _ in range(k)], dtype=torch.float64).to(g.T(d))
        rois = torch.cat([idx, boxes(k, d, w / scale, h / scale, bad=0.0)], 1)
        if R.random() < 0.04:
            rois = rois[:, 1:] if R.random() < 0.5 else rois.t()  # torchvision's shape check
        size = [oh, ow]
        if op == 'roi_align':
            return 'tv_roi_align', [x, rois, size, scale, pick([-1, 0, 1, 2, 3]), R.random() < 0.5]
        if op == 'ps_roi_align':
            return 'tv_ps_roi_align', [x, rois, size, scale, pick([-1, 0, 1, 2])]
        return 'tv_' + op, [x, rois, size, scale]
    if op == 'deform_conv2d':
        n, groups, og = R.randint(1, 2), pick([1, 1, 2]), pick([1, 1, 2])
        cin, cout = groups * og * R.randint(1, 2), groups * R.randint(1, 2)
        kh, kw = R.randint(1, 3), R.randint(1, 3)
        stride, pad, dil = [R.randint(1, 2), R.randint(1, 2)], [R.randint(0, 1), R.randint(0, 1)], [R.randint(1, 2), R.randint(1, 2)]
        h, w = R.randint(max(1, dil[0] * (kh - 1) + 1 - 2 * pad[0]), 6), R.randint(max(1, dil[1] * (kw - 1) + 1 - 2 * pad[1]), 6)
        outh = (h + 2 * pad[0] - (dil[0] * (kh - 1) + 1)) // stride[0] + 1
        outw = (w + 2 * pad[1] - (dil[1] * (kw - 1) + 1)) // stride[1] + 1
        x = nn_tensor(d, n, cin, h, w, lo=-2, hi=2, special=0.0)
        weight = nn_tensor(d, cout, cin // groups, kh, kw, lo=-1, hi=1, special=0.0)
        offset = nn_tensor(d, n, 2 * og * kh * kw, outh, outw, lo=-2, hi=2, special=0.0)
        bias = nn_tensor(d, cout, lo=-1, hi=1, special=0.0) if R.random() < 0.6 else None
        mask = nn_tensor(d, n, og * kh * kw, outh, outw, lo=0, hi=1, special=0.0) if R.random() < 0.5 else None
        if R.random() < 0.05:
            offset = nn_tensor(d, n, 2 * og * kh * kw + 1, outh, outw, lo=-2, hi=2, special=0.0)  # torchvision's check
        return 'tv_deform_conv2d', [x, offset, weight, bias, stride, pad, dil, mask]
    k1, k2 = R.randint(0, 4), R.randint(1, 4)
    if op in ('box_iou', 'generalized_box_iou', 'distance_box_iou', 'complete_box_iou'):
        return 'tv_' + op, [boxes(k1, d, bad=0.0), boxes(k2, d, bad=0.0)] + ([pick([1e-7, 1e-3])] if op[0] in 'dc' else [])
    if op.endswith('_loss') and op != 'sigmoid_focal_loss':
        return 'tv_' + op, [boxes(k2, d, bad=0.0), boxes(k2, d, bad=0.0), pick(['none', 'mean', 'sum']), pick([1e-7, 1e-3])]
    if op == 'sigmoid_focal_loss':
        s = [R.randint(1, 3), R.randint(1, 4)]
        targets = torch.tensor([[float(R.random() < 0.4) for _ in range(s[1])] for _ in range(s[0])], dtype=torch.float64)
        return 'tv_sigmoid_focal_loss', [nn_tensor(d, *s, special=0.05), targets.to(g.T(d)), pick([0.25, -1.0, 0.5]),
                                         pick([2.0, 0.0, 1.5]), pick(['none', 'mean', 'sum'])]
    if op == 'box_area':
        return 'tv_box_area', [boxes(k1, d)]
    if op == 'box_convert':
        fmts = ['xyxy', 'xywh', 'cxcywh']
        return 'tv_box_convert', [boxes(k2, d), pick(fmts), pick(fmts)]
    if op == 'clip_boxes_to_image':
        return 'tv_clip_boxes_to_image', [boxes(k2, d), [R.randint(1, 8), R.randint(1, 8)]]
    if op == 'remove_small_boxes':
        return 'tv_remove_small_boxes', [boxes(k2, d), pick([0.0, 0.5, 1.0, 3.0])]
    if op == 'masks_to_boxes':
        m = torch.tensor([[[R.random() < 0.3 for _ in range(5)] for _ in range(4)] for _ in range(k2)])
        for i in range(k2):
            m[i, R.randint(0, 3), R.randint(0, 4)] = True  # (torchvision's min/max fail on an empty mask)
        return 'tv_masks_to_boxes', [m.to(pick([torch.bool, torch.float32, torch.uint8]))]
    # nms: distinct scores (ties order as the sort happens to leave them)
    k = R.randint(0, 6)
    scores = torch.tensor(R.sample(range(1000), k), dtype=torch.float64).div(1000).to(g.T(d))
    thr = pick([0.0, 0.3, 0.5, 0.7, 1.0])
    if R.random() < 0.04:
        scores = torch.cat([scores, scores[:1] + 1])  # one score too many: torchvision's check
    if op == 'nms':
        return 'tv_nms', [boxes(k, d, bad=0.0), scores, thr]
    return 'tv_batched_nms', [boxes(k, d, bad=0.0), scores, torch.tensor([R.randint(0, 2) for _ in range(k)], dtype=torch.int64), thr]


def image(d, c=3):
    """A random image of dtype d: [C, H, W] or [N, C, H, W], in [0, 1] for floats and [0, 255] for uint8."""
    shape = ([R.randint(1, 2)] if R.random() < 0.3 else []) + [c, R.randint(1, 9), R.randint(1, 9)]
    if d == 'uint8':
        return torch.randint(0, 256, shape, generator=g.GEN, dtype=torch.uint8)
    return torch.rand(shape, generator=g.GEN, dtype=torch.float64).mul(100).round().div(100).to(g.T(d))


def transforms_call():
    """torchvision.transforms.functional (the kit's tvf_* ops, VisionOps) on float and uint8 images: resizing
    (nearest, bilinear, antialiased), crops, padding modes, rotation, affine and perspective warps with fills, colour
    adjustments, blur, posterize/solarize/autocontrast/equalize, grayscale, dtype conversion."""
    d = pick(['float32', 'float32', 'float64', 'uint8'] if not GRAD else ['float64', 'float32'])
    op = pick(['resize', 'resize', 'crop', 'center_crop', 'resized_crop', 'pad', 'rotate', 'rotate', 'affine', 'affine',
               'perspective', 'hflip', 'vflip', 'adjust_brightness', 'adjust_contrast', 'adjust_saturation',
               'adjust_hue', 'adjust_sharpness', 'adjust_gamma', 'invert', 'solarize', 'autocontrast',
               'rgb_to_grayscale', 'gaussian_blur', 'normalize'] + ([] if GRAD else ['posterize', 'equalize', 'convert_image_dtype']))
    if op in ('posterize', 'equalize'):
        d = 'uint8'
    if op == 'perspective' and d == 'float64':
        # (torchvision solves for the 8 coefficients in float32 whatever the image, with LAPACK's gels; torch4j's float32
        # solve differs in the last bits, which move a float64 result by 1e-7)
        d = 'float32'
    if d == 'uint8' and op in ('normalize',):
        d = 'float32'
    img = image(d)
    h, w = img.shape[-2], img.shape[-1]
    # (float64 warps bilinear only: at the exact ties of nearest sampling the grid's last bits, summed in another
    # order by torchvision's bmm, choose the pixel)
    mode = pick(['nearest', 'bilinear']) if d != 'float64' or op not in ('rotate', 'affine') else 'bilinear'
    fill = pick([None, None, [0.5], [0.2, 0.4, 0.6]]) if d != 'uint8' else pick([None, [128.0], [10.0, 20.0, 30.0]])
    if op == 'resize':
        return 'tvf_resize', [img, [R.randint(1, 12), R.randint(1, 12)], mode, R.random() < 0.5]
    if op == 'crop':
        # (a window ending before the image's first row or column is left out: torchvision slices it with Python's
        # negative indices, img[..., 0:-1], and returns rows of the image instead of zeros)
        top, left = R.randint(-2, h), R.randint(-2, w)
        return 'tvf_crop', [img, top, left, R.randint(max(1, 1 - top), h + 2), R.randint(max(1, 1 - left), w + 2)]
    if op == 'center_crop':
        return 'tvf_center_crop', [img, [R.randint(1, h + 3), R.randint(1, w + 3)]]
    if op == 'resized_crop':
        return 'tvf_resized_crop', [img, R.randint(0, h - 1), R.randint(0, w - 1), R.randint(1, h), R.randint(1, w),
                                    [R.randint(1, 10), R.randint(1, 10)], mode, R.random() < 0.5]
    if op == 'pad':
        pm = pick(['constant', 'edge', 'reflect', 'symmetric'])
        cap = 0 if pm == 'reflect' else 3
        padding = [R.randint(0, min(cap, w - 1) if pm == 'reflect' else cap), R.randint(0, min(cap, h - 1) if pm == 'reflect' else cap),
                   R.randint(0, min(cap, w - 1) if pm == 'reflect' else cap), R.randint(0, min(cap, h - 1) if pm == 'reflect' else cap)]
        return 'tvf_pad', [img, padding, pick([0.0, 0.5, 1.0]) if d != 'uint8' else pick([0.0, 7.0]), pm]
    if op == 'rotate':
        center = None if R.random() < 0.6 else [R.randint(0, w), R.randint(0, h)]
        return 'tvf_rotate', [img, pick([0.0, 30.0, -45.0, 90.0, 180.0, 17.5, 270.0]), mode, R.random() < 0.4, center, fill]
    if op == 'affine':
        center = None if R.random() < 0.6 else [R.randint(0, w), R.randint(0, h)]
        return 'tvf_affine', [img, pick([0.0, 30.0, -12.5, 90.0]), [R.randint(-2, 2), R.randint(-2, 2)],
                              pick([1.0, 0.5, 1.5, 0.8]), [pick([0.0, 10.0, -20.0]), pick([0.0, 5.0])], mode, fill, center]
    if op == 'perspective':
        # a well-posed map only: on a small image jittered corners can be collinear, where the 8 coefficients are
        # whatever each least-squares solver makes of a singular system
        while h < 4 or w < 4:
            img = image(d)
            h, w = img.shape[-2], img.shape[-1]
        start = [[0, 0], [w - 1, 0], [w - 1, h - 1], [0, h - 1]]
        end = [[x + R.randint(-1, 1), y + R.randint(-1, 1)] for x, y in start]
        # (bilinear only: integer corners put many nearest samples exactly between two pixels, where the solvers'
        # last bits choose)
        return 'tvf_perspective', [img, start, end, 'bilinear', fill]
    if op in ('adjust_brightness', 'adjust_contrast', 'adjust_saturation', 'adjust_sharpness'):
        return 'tvf_' + op, [img, pick([0.0, 0.5, 1.0, 1.7, 3.0])]
    if op == 'adjust_hue':
        return 'tvf_adjust_hue', [img, pick([-0.5, -0.2, 0.0, 0.1, 0.37, 0.5])]
    if op == 'adjust_gamma':
        return 'tvf_adjust_gamma', [img, pick([0.5, 1.0, 2.2]), pick([1.0, 0.8])]
    if op == 'solarize':
        return 'tvf_solarize', [img, pick([0.5, 0.0, 1.0]) if d != 'uint8' else pick([128.0, 0.0, 255.0])]
    if op == 'posterize':
        return 'tvf_posterize', [img, R.randint(1, 8)]
    if op == 'rgb_to_grayscale':
        return 'tvf_rgb_to_grayscale', [img, pick([1, 3])]
    if op == 'gaussian_blur':
        k = [pick([1, 3, 5]), pick([1, 3])]
        return 'tvf_gaussian_blur', [img, k, [pick([0.5, 1.0, 2.0]), pick([0.7, 1.5])]]
    if op == 'normalize':
        return 'tvf_normalize', [img, [0.485, 0.456, 0.406], [0.229, 0.224, 0.225]]
    if op == 'convert_image_dtype':
        return 'tvf_convert_image_dtype', [img, pick(['float32', 'float64', 'uint8', 'int32'])]
    return 'tvf_' + op, [img]


# ---- torchaudio.functional (--audio) ---------------------------------------------------------------------

def wave(d, *shape, lo=-1.0, hi=1.0):
    """A waveform (or spectrogram) of dtype d, uniform in [lo, hi] with three decimals."""
    n = math.prod(shape)
    return torch.tensor([round(R.uniform(lo, hi), 3) for _ in range(n)], dtype=torch.float64).reshape(list(shape)).to(g.T(d))


def audio_window(n, d):
    """A window of length n: periodic or symmetric Hann, Hamming, rectangular, or random positive values."""
    kind = pick(['hann', 'hann', 'hamming', 'ones', 'random'])
    if kind == 'hann':
        return torch.hann_window(n, periodic=R.random() < 0.7, dtype=torch.float64).to(g.T(d))
    if kind == 'hamming':
        return torch.hamming_window(n, dtype=torch.float64).to(g.T(d))
    if kind == 'ones':
        return torch.ones(n, dtype=g.T(d))
    return wave(d, n, lo=0.1, hi=1.0)


def complex_spec(d, *shape):
    c = 'complex128' if d == 'float64' else 'complex64'
    return la_cast(la_randn(list(shape), c), c)


def hermitian_psd(d, batch, f, c):
    """Power spectral density matrices (batch..., f, c, c): sums of outer products of random complex frames."""
    x = complex_spec(d, *batch, f, c, c + R.randint(1, 3))
    return torch.einsum('...ct,...et->...ce', x, x.conj())


def stable_filter(d, order, channels=None):
    """IIR coefficients (a, b) of the given order: a0 one of 1, 2, 0.5 and small feedback, so the filter is stable."""
    shape = [order + 1] if channels is None else [channels, order + 1]
    b = wave(d, *shape)
    a = wave(d, *shape, lo=-0.5 / order, hi=0.5 / order)
    a[..., 0] = pick([1.0, 1.0, 2.0, 0.5])
    return a, b


def audio_call():
    """torchaudio.functional (the kit's ta_* ops, AudioOps): spectrograms and their inverses, Griffin-Lim, the phase
    vocoder, filter banks, dB and mu-law conversions, resampling, deltas, IIR filters and the biquads, sox effects,
    spectral centroid, sliding-window CMN, loudness, pitch, beamforming (PSD, MVDR, RTF), RNN-T loss, pitch shift."""
    d = pick(['float32', 'float64'] if not GRAD else ['float64', 'float64', 'float32'])
    op = pick(['spectrogram', 'spectrogram', 'inverse_spectrogram', 'griffinlim', 'phase_vocoder', 'melscale_fbanks',
               'linear_fbanks', 'create_dct', 'amplitude_to_DB', 'DB_to_amplitude', 'mu_law_encoding', 'mu_law_decoding',
               'gain', 'resample', 'resample', 'compute_deltas', 'lfilter', 'lfilter', 'filtfilt', 'biquad', 'biquads',
               'biquads', 'biquads', 'overdrive', 'contrast', 'dcshift', 'flanger', 'phaser', 'spectral_centroid',
               'sliding_window_cmn', 'loudness', 'detect_pitch_frequency', 'psd', 'mvdr_weights_souden', 'mvdr_weights_rtf',
               'rtf_power', 'apply_beamforming', 'rnnt_loss', 'pitch_shift'])
    batch = pick([[], [], [1], [2], [2, 3]])
    t = R.randint(1, 40)
    if op in ('spectrogram', 'spectral_centroid', 'inverse_spectrogram', 'griffinlim'):
        n_fft = R.randint(1, 16)
        win = R.randint(1, n_fft)
        hop = R.randint(1, win + 2) if op == 'spectrogram' else R.randint(1, win)
        window = audio_window(win, d)
        if op == 'spectral_centroid':
            return 'ta_spectral_centroid', [wave(d, *batch, max(t, n_fft // 2 + 1)), pick([8000, 100]), pick([0, 0, 2]),
                                            window, n_fft, hop, win]
        normalized = pick(['none', 'none', 'window', 'frame_length'])
        center, onesided = R.random() < 0.7, R.random() < 0.8
        if op == 'spectrogram':
            if R.random() < 0.95:
                t = max(t, n_fft if not center else n_fft // 2 + 1)
            return 'ta_spectrogram', [wave(d, *batch, t), pick([0, 0, 0, 2]), window, n_fft, hop, win,
                                      pick([None, 1.0, 2.0, 0.5]), normalized, center, pick(['reflect', 'constant']), onesided]
        frames = R.randint(1, 8)
        freqs = n_fft // 2 + 1
        if op == 'griffinlim':
            spec = wave(d, *batch, freqs, frames, lo=0.0, hi=2.0)
            length = None if R.random() < 0.6 else R.randint(1, hop * (frames - 1) + 3)
            # (gradients: few iterations and little momentum; through many, 1 / (|angles| + 1e-16) near a zero bin
            # amplifies them chaotically, to 1e29 and beyond)
            return 'ta_griffinlim', [spec, window, n_fft, hop, win, pick([1.0, 2.0]), R.randint(1, 3 if GRAD else 6),
                                     pick([0.0, 0.5] if GRAD else [0.0, 0.5, 0.99]), length, False]
        spec = complex_spec(d, *batch, freqs if onesided else n_fft, frames)
        length = None if R.random() < 0.6 else R.randint(1, hop * (frames - 1) + 3)
        return 'ta_inverse_spectrogram', [spec, length, pick([0, 0, 1]), window, n_fft, hop, win, normalized, center,
                                          pick(['reflect', 'constant']), onesided]
    if op == 'phase_vocoder':
        freqs, hop = R.randint(1, 9), R.randint(1, 8)
        spec = complex_spec(d, *batch, freqs, R.randint(1, 8))
        advance = torch.linspace(0, math.pi * hop, freqs, dtype=torch.float64)[..., None].to(g.T(d))
        return 'ta_phase_vocoder', [spec, pick([0.5, 0.8, 1.3, 2.0, 0.37]), advance]
    if op == 'melscale_fbanks':
        sr = pick([8000, 16000, 100])
        f_min = pick([0.0, 0.0, 20.0, 300.0])
        return 'ta_melscale_fbanks', [R.randint(1, 20), f_min, pick([sr / 2, sr / 3, f_min + 100.0]), R.randint(1, 10), sr,
                                      pick([None, 'slaney']), pick(['htk', 'slaney'])]
    if op == 'linear_fbanks':
        sr = pick([8000, 16000, 100])
        return 'ta_linear_fbanks', [R.randint(1, 20), pick([0.0, 20.0]), pick([sr / 2, sr / 3]), R.randint(1, 10), sr]
    if op == 'create_dct':
        return 'ta_create_dct', [R.randint(1, 12), R.randint(1, 12), pick([None, 'ortho'])]
    if op == 'amplitude_to_DB':
        x = wave(d, *pick([[], [2], [2, 3]]), R.randint(1, 5), R.randint(1, 6), lo=0.0, hi=3.0)
        x[x < 0.2] = 0.0
        multiplier, amin = pick([10.0, 20.0]), pick([1e-10, 1e-5, 0.1])
        return 'ta_amplitude_to_DB', [x, multiplier, amin, pick([0.0, math.log10(max(amin, 0.5))]), pick([None, 80.0, 20.0, 5.0])]
    if op == 'DB_to_amplitude':
        return 'ta_DB_to_amplitude', [wave(d, *batch, t, lo=-80.0, hi=20.0), pick([1.0, 0.5]), pick([0.5, 1.0])]
    if op == 'mu_law_encoding':
        return 'ta_mu_law_encoding', [wave(d, *batch, t, lo=-1.2, hi=1.2), pick([256, 16, 2])]
    if op == 'mu_law_decoding':
        q = pick([256, 16, 2])
        x = torch.tensor([R.randint(0, q - 1) for _ in range(math.prod(batch) * t)]).reshape(batch + [t])
        return 'ta_mu_law_decoding', [x if R.random() < 0.6 else x.to(g.T(d)), q]
    if op == 'gain':
        return 'ta_gain', [wave(d, *batch, t), pick([1.0, -6.0, 0.0, 20.0])]
    if op == 'resample':
        base = pick([1, 2, 3, 100])
        orig, new = pick([1, 2, 3, 4, 5, 8, 16]) * base, pick([1, 2, 3, 4, 5, 8, 16]) * base
        method = pick(['sinc_interpolation', 'kaiser_window'])
        return 'ta_resample', [wave(d, *batch, t), orig, new, R.randint(1, 8), pick([0.99, 0.5, 0.8]), method,
                               pick([None, 5.0]) if method == 'kaiser_window' else None]
    if op == 'compute_deltas':
        return 'ta_compute_deltas', [wave(d, *batch, R.randint(1, 5), t), pick([3, 4, 5, 7]), pick(['replicate', 'constant'])]
    if op in ('lfilter', 'filtfilt'):
        order = R.randint(1, 4)
        if op == 'lfilter' and R.random() < 0.3:
            c = R.randint(1, 3)
            a, b = stable_filter(d, order, c)
            return 'ta_lfilter', [wave(d, *batch, c, t), a, b, R.random() < 0.5, True]
        a, b = stable_filter(d, order)
        x = wave(d, *batch, t)
        return ('ta_lfilter', [x, a, b, R.random() < 0.5, False]) if op == 'lfilter' else ('ta_filtfilt', [x, a, b, R.random() < 0.5])
    x = wave(d, *batch, t)
    if op == 'biquad':
        return 'ta_biquad', [x] + [round(R.uniform(-1, 1), 2) for _ in range(3)] + [pick([1.0, 2.0])] + \
            [round(R.uniform(-0.4, 0.4), 2) for _ in range(2)]
    if op == 'biquads':
        sr = pick([8000, 16000, 44100])
        f, q = round(R.uniform(50, sr * 0.45), 1), pick([0.707, 0.3, 2.0])
        kind = pick(['lowpass', 'highpass', 'allpass', 'bandpass', 'bandreject', 'band', 'equalizer', 'bass', 'treble',
                     'deemph', 'riaa'])
        if kind in ('lowpass', 'highpass', 'allpass', 'bandreject'):
            return f'ta_{kind}_biquad', [x, sr, f, q]
        if kind in ('bandpass', 'band'):
            return f'ta_{kind}_biquad', [x, sr, f, q, R.random() < 0.5]
        if kind == 'equalizer':
            return 'ta_equalizer_biquad', [x, sr, f, pick([-6.0, 3.0, 12.0]), q]
        if kind in ('bass', 'treble'):
            return f'ta_{kind}_biquad', [x, sr, pick([-6.0, 3.0, 12.0]), f, q]
        return f'ta_{kind}_biquad', [x, pick([44100, 48000]) if kind == 'deemph' else pick([44100, 48000, 88200, 96000])]
    if op == 'overdrive':
        return 'ta_overdrive', [x, pick([0.0, 20.0, 50.0, 100.0]), pick([0.0, 20.0, 80.0])]
    if op == 'contrast':
        return 'ta_contrast', [x, pick([0.0, 75.0, 100.0, 30.0])]
    if op == 'dcshift':
        return 'ta_dcshift', [x, pick([0.5, -0.3, 1.5, -2.0]), pick([None, None, 0.05, 0.2])]
    if op == 'flanger':
        return 'ta_flanger', [wave(d, *batch, R.randint(1, 3), R.randint(1, 60)), pick([8000, 1000, 44100]),
                              pick([0.0, 2.0, 10.0]), pick([2.0, 0.5, 5.0]), pick([0.0, 50.0, -80.0]), pick([71.0, 0.0, 100.0]),
                              pick([0.5, 3.0, 10.0]), pick([25.0, 0.0, 75.0]), pick(['sinusoidal', 'triangular']),
                              pick(['linear', 'quadratic'])]
    if op == 'phaser':
        return 'ta_phaser', [wave(d, *batch, R.randint(1, 80)), pick([8000, 1000, 44100]), pick([0.4, 1.0]), pick([0.74, 0.5]),
                             pick([3.0, 1.0, 5.0]), pick([0.4, 0.1, 0.9]), pick([0.5, 2.0, 0.1]), R.random() < 0.5]
    if op == 'sliding_window_cmn':
        # (a 2-d input of one frame is left out: torchaudio 0.13 squeezes its result's first dimension, the frames)
        cmn = R.randint(1, 12)
        # (gradients without norm_vars: torchaudio's in-place updates fail autograd's version check; torch4j's differentiate)
        return 'ta_sliding_window_cmn', [wave(d, *batch, R.randint(1 if batch else 2, 20), R.randint(1, 4)), cmn, R.randint(1, cmn + 2),
                                         R.random() < 0.5, not GRAD and R.random() < 0.5]
    if op == 'loudness':
        # (a rate above 3000 Hz: below it the K-weighting's 1500 Hz shelf lies beyond Nyquist, where the filter's poles
        # sit on the unit circle and float32 results are whatever the coefficients' rounding makes of them)
        sr = 4000
        return 'ta_loudness', [wave(d, *batch[:1], R.randint(1, 3), R.randint(int(0.4 * sr), int(1.1 * sr)), lo=-0.5, hi=0.5), sr]
    if op == 'detect_pitch_frequency':
        sr = pick([4000, 2000])
        n = R.randint(sr // 10, sr // 4)
        tone = torch.sin(torch.arange(n, dtype=torch.float64) * 2 * math.pi * R.uniform(100, 400) / sr)
        x = (tone + 0.1 * wave('float64', *batch, n)).to(g.T(d))
        return 'ta_detect_pitch_frequency', [x, sr, pick([0.01, 0.02]), pick([30, 5]), pick([85, 50]), pick([3400, 1000])]
    f, c = R.randint(1, 4), R.randint(1, 3)
    if op == 'psd':
        spec = complex_spec(d, *batch, c, f, R.randint(1, 5))
        mask = None if R.random() < 0.4 else wave(d, *batch, f, spec.shape[-1], lo=0.0, hi=1.0)
        return 'ta_psd', [spec, mask, R.random() < 0.7, pick([1e-10, 1e-15])]
    if op == 'apply_beamforming':
        return 'ta_apply_beamforming', [complex_spec(d, *batch, f, c), complex_spec(d, *batch, c, f, R.randint(1, 5))]
    psd_n = hermitian_psd(d, batch, f, c)
    ref = R.randint(0, c - 1)
    if op == 'mvdr_weights_souden':
        return 'ta_mvdr_weights_souden', [hermitian_psd(d, batch, f, c), psd_n, ref, R.random() < 0.7, pick([1e-7, 1e-3]),
                                          pick([1e-8, 1e-5])]
    if op == 'mvdr_weights_rtf':
        return 'ta_mvdr_weights_rtf', [complex_spec(d, *batch, f, c), psd_n, pick([None, ref]), R.random() < 0.7,
                                       pick([1e-7, 1e-3]), pick([1e-8, 1e-5])]
    if op == 'rtf_power':
        return 'ta_rtf_power', [hermitian_psd(d, batch, f, c), psd_n, ref, R.randint(1, 3), R.random() < 0.7, pick([1e-7, 1e-3])]
    if op == 'rnnt_loss':
        b, frames, u, v = R.randint(1, 3), R.randint(1, 5), R.randint(1, 4), R.randint(2, 6)
        blank = pick([-1, 0])
        lo_tok = 1 if blank == 0 else 0
        hi_tok = v - 1 if blank == 0 else v - 2
        targets = torch.tensor([[R.randint(lo_tok, hi_tok) for _ in range(u)] for _ in range(b)], dtype=torch.int32)
        logit_lengths = torch.tensor([frames] + [R.randint(1, frames) for _ in range(b - 1)], dtype=torch.int32)
        target_lengths = torch.tensor([u] + [R.randint(1, u) for _ in range(b - 1)], dtype=torch.int32)
        logits = wave('float32', b, frames, u + 1, v, lo=-3.0, hi=3.0)
        return 'ta_rnnt_loss', [logits, targets, logit_lengths, target_lengths, blank, pick([-1.0, -1.0, 0.5]),
                                pick(['mean', 'sum', 'none'])]
    # pitch_shift
    # (small rates: the resampling from int(rate / 2^(-steps/12)) keeps the gcd of the two rates small, so
    # torchaudio's kernels are large, minutes per call at 8000 Hz)
    # (float64 only, with a float64 window. In float32 the phase of a near-zero bin is whatever the FFT's last bits make
    # it, and the vocoder carries that phase through every later frame: 1e-4 apart from either float64 answer. And
    # torchaudio's default is a float32 Hann window, whose points PyTorch's vectorized cosine leaves an ulp from the
    # correctly rounded ones torch4j computes, here and there.)
    d = 'float64'
    n_fft = pick([16, 32])
    window = torch.hann_window(n_fft, dtype=torch.float64)
    return 'ta_pitch_shift', [wave(d, *batch, R.randint(n_fft, 120)), pick([100, 64, 200]), pick([-3, -1, 2, 4]),
                              pick([12, 24]), n_fft, None, None, window]


# ---- torch.fft (--fft) ------------------------------------------------------------------------------

FFT_1D = ['fft', 'ifft', 'rfft', 'irfft', 'hfft', 'ihfft']
FFT_ND = ['fft2', 'ifft2', 'rfft2', 'irfft2', 'hfft2', 'ihfft2', 'fftn', 'ifftn', 'rfftn', 'irfftn', 'hfftn', 'ihfftn']


def fft_input(s):
    """(No NaN or infinity: where they spread through a transform depends on its butterflies.)"""
    d = pick(['float64', 'float32', 'complex128', 'complex64', 'float64', 'int64', 'float16', 'bool'],
             [4, 3, 3, 2, 0, 0.3, 0.3, 0.2] if not GRAD else [4, 1, 3, 1, 0, 0, 0, 0])
    if d.startswith('complex'):
        return ctensor(s, d, special=0.0)
    return tensor(s, d, special=0.0)


def fft_call():
    fam = pick(['1d', '1d', 'nd', 'nd', 'freq', 'shift'], [3, 3, 3, 3, 0 if GRAD else 1, 1])
    if fam == 'freq':
        return pick(['fft_fftfreq', 'fft_rfftfreq']), [pick([0, 1, 2, 5, 8, 9]), pick([1.0, 0.5, 2.0, 0.1]),
                                                      pick(['float32', 'float64'])]
    # (no empty dims: PyTorch 1.13's padding of the transformed dims fails on a tensor with one, in other words)
    s = [pick([1, 2, 3, 4, 5, 7, 8, 12]) for _ in range(R.randint(1, 3))]
    x = fft_input(s)
    r = len(s)
    if fam == 'shift':
        return pick(['fft_fftshift', 'fft_ifftshift']), [x, None if R.random() < 0.3 else [dim(r)] if R.random() < 0.5 else dims(r, False)]
    norm = pick([None, None, 'backward', 'forward', 'ortho', 'bad'], [3, 1, 1, 2, 2, 0.1])
    if fam == '1d':
        n = pick([None, None, None, 1, 2, 3, 4, 6, 9, 0, -1], [4, 3, 3, 1, 1, 1, 1, 1, 1, 0.2, 0.1])
        return 'fft_' + pick(FFT_1D), [x, n, dim(r) if R.random() < 0.97 else r + 1, norm]
    f = pick(FFT_ND)
    if f.endswith('2') and r < 2:
        x = fft_input(s + [pick([2, 3, 4])])
        r += 1
    dd = None if R.random() < 0.4 else R.sample(range(r), 2 if f.endswith('2') else R.randint(1, r))
    k = 2 if f.endswith('2') else (len(dd) if dd is not None else r)
    ss = None if R.random() < 0.5 else [pick([1, 2, 3, 4, 5, 8]) for _ in range(k)]
    if ss is not None and dd is None and not f.endswith('2') and R.random() < 0.5:
        ss = ss[:R.randint(1, len(ss))]  # s alone: the last len(s) dims
    return 'fft_' + f, [x, ss, dd, norm]


# ---- complex numbers (--complex) ----------------------------------------------------------------------

COMPLEX_SPECIALS = [complex(math.inf, 0), complex(-math.inf, 1), complex(0, math.inf), complex(math.nan, 0),
                    complex(0, math.nan), complex(math.inf, math.inf), 0j, complex(-0.0, 0.0), complex(0.0, -0.0),
                    1 + 0j, -1 + 0j, 1j, -1j, complex(-2.5, 3.0), complex(-3.5, -0.0), complex(0.5, -0.0)]


def ctensor(s, d, special=0.1):
    """A complex tensor of shape s: normal parts with two decimals, some special values (infinities, NaN, signed
    zeros, the axes)."""
    n = math.prod(s)
    scale = pick([0.5, 2.0, 10.0])
    vals = [pick(COMPLEX_SPECIALS) if R.random() < special else complex(round(R.gauss(0, scale), 2), round(R.gauss(0, scale), 2))
            for _ in range(n)]
    return torch.tensor(vals, dtype=torch.complex128).reshape(s).to(g.T(d))


def c_dtype():
    return pick(['complex64', 'complex128', 'complex128']) if not GRAD else pick(['complex128', 'complex128', 'complex64'])


def operand(s, d):
    """Beside a complex tensor: a complex one, a real or integer tensor, or a Python number."""
    kind = pick(['complex', 'complex', 'real', 'int', 'number'])
    if kind == 'complex':
        return ctensor(s, pick([d, d, 'complex64', 'complex128']))
    if kind == 'real':
        return tensor(s, pick(['float32', 'float64']), special=0.05)
    if kind == 'int':
        return tensor(s, pick(['int64', 'int32', 'bool']), special=0.0)
    return pick([2, -1, 0.5, -2.5, 3.0, 0])


C_UNARY = ['neg', 'abs', 'sgn', 'angle', 'conj', 'conj_physical', 'real', 'imag', 'exp', 'log', 'log2', 'log10', 'sqrt',
           'rsqrt', 'reciprocal', 'sin', 'cos', 'tan', 'asin', 'acos', 'atan', 'sinh', 'cosh', 'tanh', 'asinh', 'acosh',
           'atanh', 'sigmoid', 'expm1', 'log1p', 'square', 'isnan', 'isinf', 'isfinite', 'view_as_real', 'silu']


def complex_call():
    d = c_dtype()
    fam = pick(['unary', 'unary', 'binary', 'binary', 'reduce', 'matmul', 'join', 'make'])
    s = shape(3, empty=0.03)
    if fam == 'unary':
        return pick(C_UNARY), [ctensor(s, d)]
    if fam == 'binary':
        op = pick(['add', 'sub', 'mul', 'div', 'pow', 'eq', 'ne', 'isclose', 'where_cond'])
        x, y = ctensor(s, d), operand(broadcast_partner(s), d)
        if R.random() < 0.3 and isinstance(y, torch.Tensor):
            x, y = y, x  # the complex one second
        if op == 'isclose':
            return op, [x, y if isinstance(y, torch.Tensor) else ctensor(s, d), 1e-5, 1e-8, R.random() < 0.5]
        if op == 'where_cond':
            return 'where', [tensor(s, 'bool'), x, y if isinstance(y, torch.Tensor) else ctensor(s, d)]
        if op in ('eq', 'ne', 'pow') and isinstance(y, (int, float)) and not isinstance(y, bool):
            y = float(y)
        return op, [x, y]
    if fam == 'reduce':
        op = pick(['sum', 'mean', 'prod', 'var', 'std', 'norm', 'cumsum', 'cumprod'])
        x, r = ctensor(s, d, special=0.03), len(s)
        if op == 'sum':
            return op, [x, dims(r), R.random() < 0.3, None]
        if op == 'mean':
            return op, [x, dims(r), R.random() < 0.3]
        if op == 'prod':
            return op, [x, None, False] if R.random() < 0.3 else [x, dim(r), R.random() < 0.3]
        if op in ('var', 'std'):
            return op, [x, dims(r), pick([0, 1]), R.random() < 0.3]
        if op == 'norm':
            return op, [x, pick([2.0, 1.0, math.inf, 3.0]), dims(r), R.random() < 0.3]
        return op, [x, dim(r)]
    if fam == 'matmul':
        m, k, n = (pick([1, 2, 3, 5]) for _ in range(3))
        e = pick([d, d, 'float32', 'float64'])
        return pick(['matmul', 'mm']), [ctensor([m, k], d, special=0.0), ctensor([k, n], e, special=0.0) if e.startswith('c') else tensor([k, n], e, special=0.0)]
    if fam == 'join':
        t2 = ctensor(s, d) if R.random() < 0.5 else tensor(s, pick(['float32', 'float64', 'int64']))
        return pick(['cat', 'stack']), [g.Tensors([ctensor(s, d), t2]), dim(len(s)) if s else 0]
    re_d = pick(['float32', 'float64'])
    a, b = tensor(s, re_d, special=0.05), tensor(broadcast_partner(s) if R.random() < 0.3 else s, pick([re_d, re_d, 'float64', 'float32']), special=0.05)
    op = pick(['complex', 'polar'])
    if op == 'polar':  # (an absolute value: PyTorch's gradient takes it as one, flipping the sign for a negative)
        a = a.abs()
    return op, [a, b]


def _as_list(v):
    return v if isinstance(v, list) else [v]


def gradient_case(op, args):
    """(op, args) as a 'grad' case, its output weights drawn to the output's shape; None where nothing is
    differentiable or PyTorch refuses the call."""
    if op in NOT_DIFFERENTIABLE or op.endswith('_') or op in ('index', 'index_put_', 'scatter_reduce', 'one_hot'):
        return None
    if op in ('max_pool1d', 'max_pool2d') and any(p > 0 for p in _as_list(args[3])) and any(d > 1 for d in _as_list(args[4])):
        return None  # PyTorch 1.13's backward corrupts the heap when a dilated window lies wholly in the padding
    try:
        run, leaves = g.leaves(args)
        r = g.PY[op](*run)
    except Exception:  # noqa: BLE001 - errors are the value cases' business
        return None
    out = (r[0] if r else None) if isinstance(r, tuple) else r
    if not leaves or not isinstance(out, torch.Tensor) or not out.requires_grad:
        return None
    return [op, tensor(list(out.shape), str(out.dtype)[6:], special=0.0)] + list(args)


FAMILIES = [(unary, 3), (unary_with_args, 2), (binary, 6), (ternary, 2), (in_place, 2), (reduction, 5), (linalg, 3),
            (view, 3), (indexing, 3), (join, 2), (nn_functional, 0)]


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('--seed', type=int, default=1)
    ap.add_argument('--cases', type=int, default=3000)
    ap.add_argument('--out', default='/tmp/torch4j-fuzz')
    ap.add_argument('--nn', action='store_true', help='torch.nn.functional calls only')
    ap.add_argument('--nn2', action='store_true', help='more torch.nn.functional calls: 3-d, bags, grids, margin losses')
    ap.add_argument('--linalg', action='store_true', help='torch.linalg calls only (float and complex matrices)')
    ap.add_argument('--real', action='store_true', help='with --linalg: real matrices only')
    ap.add_argument('--complex', action='store_true', help='complex tensors: elementwise, reductions, products, joins')
    ap.add_argument('--fft', action='store_true', help='torch.fft calls: transforms, frequencies, shifts')
    ap.add_argument('--special', action='store_true', help='torch.special calls over many scales of the argument')
    ap.add_argument('--rnn', action='store_true', help='nn.RNN, nn.LSTM and nn.GRU of random configuration')
    ap.add_argument('--vision', action='store_true', help='torchvision.ops calls (replayed on the vision module\'s test class path)')
    ap.add_argument('--transforms', action='store_true', help='torchvision.transforms.functional calls (replayed as --vision)')
    ap.add_argument('--audio', action='store_true', help='torchaudio.functional calls (replayed on the audio module\'s test class path)')
    ap.add_argument('--attn', action='store_true',
                    help='nn.MultiheadAttention, nn.TransformerEncoderLayer and DecoderLayer of random configuration, with masks')
    ap.add_argument('--dist', action='store_true',
                    help='torch.distributions: log_prob, cdf, icdf, entropy and moments over many scales of the parameters')
    ap.add_argument('--finite', action='store_true', help='with --complex: no infinities or NaN among the special values')
    ap.add_argument('--grad', action='store_true',
                    help='gradients instead of values: d sum(op(...) * g) / d (the float32/float64 tensor arguments)')
    opts = ap.parse_args()
    global GRAD
    GRAD = opts.grad
    if opts.finite:
        COMPLEX_SPECIALS[:] = [z for z in COMPLEX_SPECIALS if math.isfinite(z.real) and math.isfinite(z.imag)]
    if opts.real:
        LA_DTYPES[:] = ['float64', 'float32', 'float64', 'float32']
    if GRAD:  # (a singular matrix has no derivative to agree on)
        FACTORED[:] = ['random', 'well', 'well']
    R.seed(opts.seed)
    g.GEN = torch.Generator().manual_seed(opts.seed)
    torch.manual_seed(opts.seed)
    fams, weights = zip(*([(nn_functional, 1)] if opts.nn else [(nn_functional_more, 1)] if opts.nn2 else
                          [(linalg_call, 1)] if opts.linalg else [(complex_call, 1)] if opts.complex else
                          [(fft_call, 1)] if opts.fft else [(special_call, 1)] if opts.special else
                          [(dist_call, 1)] if opts.dist else [(rnn_call, 1)] if opts.rnn else
                          [(attn_call, 1)] if opts.attn else [(vision_call, 1)] if opts.vision else
                          [(transforms_call, 1)] if opts.transforms else [(audio_call, 1)] if opts.audio else FAMILIES))
    for i in range(opts.cases):
        f = pick(list(fams), list(weights))
        op, args = f()
        if opts.grad:
            many = opts.linalg or opts.complex or opts.fft or opts.rnn or opts.attn or opts.vision or opts.transforms or opts.audio
            args = grads_case(op, args) if many else gradient_case(op, args)
            if args is None:
                continue
            op = 'grads' if many else 'grad'
            name = f'{i}/{op}:{args[0]}'
        else:
            name = f'{i}/{op}'
        r = g.add_case('fuzz', name, op, args, emulate=not opts.linalg)
        errors = g.FILES.get('errors', [])
        if (opts.linalg or opts.fft) and errors and errors[-1]['name'] == name:
            for pattern, later in REWORDED:
                errors[-1]['expect'] = re.sub(pattern, later, errors[-1]['expect'])
        if (opts.linalg or opts.fft or opts.special or opts.dist or opts.rnn or opts.attn or opts.audio) and r is not None:
            tol = linalg_tolerance(op, args, r)
            if tol:
                g.FILES['fuzz'][-1]['tol'] = tol
        errors = g.FILES.get('errors', [])
        if r is not None and 'ta_rnnt_loss' in (op, args[0] if op == 'grads' else None):
            g.FILES['fuzz'][-1]['layouts'] = ['contiguous']  # (torchaudio's kernel refuses other layouts, as torch4j)
        if errors and errors[-1]['name'] == name and errors[-1]['type'] == 'AssertionError':
            errors.pop()  # a subscript the generator's index_put_ helper does not take
    cases = g.FILES.get('fuzz', []) + g.FILES.get('errors', [])
    cases.sort(key=lambda c: int(c['name'].split('/')[0]))
    os.makedirs(os.path.join(opts.out, 'reference'), exist_ok=True)
    path = os.path.join(opts.out, 'reference', 'tensor_fuzz.json')
    with open(path, 'w') as f:
        f.write('{"source":"PyTorch ' + torch.__version__ + ', tools/fuzz_against_pytorch.py --seed ' + str(opts.seed) +
                '",\n"cases":[\n' + ',\n'.join(g.dumps(c) for c in cases) + '\n]}\n')
    errors = len(g.FILES.get('errors', []))
    print(f'{path}: {len(cases)} cases ({errors} PyTorch errors), {len(g.SKIPPED)} left out '
          f'(no PyTorch 1.13 kernel for the dtype)', file=sys.stderr)


if __name__ == '__main__':
    main()
