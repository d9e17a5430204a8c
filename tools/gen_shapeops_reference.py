#!/usr/bin/python3
"""Writes PyTorch's answers for torch4j's construction, shape, joining and matrix-product conveniences
(conformance/ShapeOpsTest.java): diag and friends, the *_scatter ops, index_fill/copy/reduce,
masked_scatter, meshgrid, repeat_interleave, splits and stacks, broadcasting helpers, rot90,
block_diag, combinations, tril/triu_indices, logspace, vander, kron, tensordot, inner, vdot,
addmv/addr/addbmm, chain_matmul, cdist, dist and renorm.

Run with Debian's interpreter, which has PyTorch (1.13):

    /usr/bin/python3 tools/gen_shapeops_reference.py

It writes api/src/test/resources/reference/shapeops.json. Every input is written out here or drawn
from a seeded generator, so the output is the same on every run.

The cases use gen_tensor_reference.py's form: {"name", "op", "args", "out"} for values, and
{"name", "op", "args", "error", "expect", "type"} for PyTorch's error messages. The op names and their
positional arguments are the contract with ShapeOpsTest.OPS; None is JSON null, a dtype its name.
"""
import math
import os
import sys
import warnings

import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from gen_tensor_reference import Tensors, dumps, enc_arg as real_arg, enc_out as real_out  # noqa: E402  (the same JSON forms)
from gen_complex_reference import enc as complex_enc  # noqa: E402  (complex data interleaved, as view_as_real)

warnings.simplefilter('ignore')  # meshgrid's indexing warning, chain_matmul's deprecation
torch.set_num_threads(1)
OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'api', 'src', 'test', 'resources', 'reference')
GEN = torch.Generator().manual_seed(20261203)


def rnd(*shape, dtype=torch.float32, scale=1.0):
    """Seeded normal values with two decimals (short in JSON)."""
    x = torch.randn(*shape, generator=GEN, dtype=torch.float64) * scale
    return ((x * 100).round() / 100).to(dtype)


def rint(lo, hi, *shape):
    return torch.randint(lo, hi, shape, generator=GEN)


def dt(name):
    return None if name is None else getattr(torch, name)


def ip(f):
    """An in-place op: the result is the mutated first argument."""
    def run(x, *a):
        f(x, *a)
        return x
    return run


OPS = {
    'diag': lambda x, k: torch.diag(x, k),
    'diagflat': lambda x, k: torch.diagflat(x, k),
    'diag_embed': lambda x, o, d1, d2: torch.diag_embed(x, o, d1, d2),
    'trace': torch.trace,
    'diagonal_scatter': lambda x, s, o, d1, d2: torch.diagonal_scatter(x, s, o, d1, d2),
    'select_scatter': lambda x, s, d, i: torch.select_scatter(x, s, d, i),
    'slice_scatter': lambda x, s, d, st, en, step: torch.slice_scatter(x, s, d, st, en, step),
    'fill_diagonal_': ip(lambda x, v, wrap: x.fill_diagonal_(v, wrap)),
    'index_fill': lambda x, d, i, v: x.index_fill(d, i, v),
    'index_fill_': ip(lambda x, d, i, v: x.index_fill_(d, i, v)),
    'index_copy': lambda x, d, i, s: x.index_copy(d, i, s),
    'index_copy_': ip(lambda x, d, i, s: x.index_copy_(d, i, s)),
    'masked_scatter': lambda x, m, s: x.masked_scatter(m, s),
    'masked_scatter_': ip(lambda x, m, s: x.masked_scatter_(m, s)),
    'index_reduce': lambda x, d, i, s, r, inc: x.index_reduce(d, i, s, r, include_self=inc),
    'index_reduce_': ip(lambda x, d, i, s, r, inc: x.index_reduce_(d, i, s, r, include_self=inc)),
    'meshgrid': lambda ts, indexing: torch.meshgrid(ts, indexing=indexing),
    'repeat_interleave_counts': torch.repeat_interleave,
    'repeat_interleave': lambda x, r, d, size: torch.repeat_interleave(x, r, dim=d, output_size=size),
    'take_along_dim': lambda x, i, d: torch.take_along_dim(x, i, d),
    'tensor_split': lambda x, s, d: torch.tensor_split(x, s, d),
    'hsplit': torch.hsplit, 'vsplit': torch.vsplit, 'dsplit': torch.dsplit,
    'hstack': torch.hstack, 'vstack': torch.vstack, 'dstack': torch.dstack,
    'column_stack': torch.column_stack, 'row_stack': torch.row_stack,
    'atleast_1d': torch.atleast_1d, 'atleast_2d': torch.atleast_2d, 'atleast_3d': torch.atleast_3d,
    'broadcast_to': lambda x, shape: torch.broadcast_to(x, shape),
    'broadcast_tensors': lambda ts: torch.broadcast_tensors(*ts),
    'broadcast_shapes': lambda shapes: torch.tensor(list(torch.broadcast_shapes(*shapes)), dtype=torch.int64),
    'rot90': lambda x, k, dims: torch.rot90(x, k) if dims is None else torch.rot90(x, k, dims),
    'fliplr': torch.fliplr, 'flipud': torch.flipud, 'ravel': torch.ravel,
    'sum_to_size': lambda x, size: x.sum_to_size(size),
    'type_as': lambda x, y: x.type_as(y),
    'new_zeros': lambda x, size: x.new_zeros(size), 'new_ones': lambda x, size: x.new_ones(size),
    'new_full': lambda x, size, v: x.new_full(size, v), 'new_tensor': lambda x, data: x.new_tensor(data),
    'positive': torch.positive,
    'block_diag': lambda ts: torch.block_diag(*ts),
    'cartesian_prod': lambda ts: torch.cartesian_prod(*ts),
    'combinations': lambda x, r, wr: torch.combinations(x, r, wr),
    'tril_indices': lambda r, c, o, d: torch.tril_indices(r, c, o, dtype=dt(d)),
    'triu_indices': lambda r, c, o, d: torch.triu_indices(r, c, o, dtype=dt(d)),
    'logspace': lambda s, e, n, base, d: torch.logspace(s, e, n, base, dtype=dt(d)),
    'vander': lambda x, n, inc: torch.vander(x, n, inc),
    'linalg_vander': lambda x, n: torch.linalg.vander(x, N=n),
    'kron': torch.kron,
    'tensordot': lambda a, b, dims: torch.tensordot(a, b, dims),
    'inner': torch.inner,
    # Debian's PyTorch 1.13 returns 0 for complex vdot (its BLAS dot with conjugation): the definition instead
    'vdot': lambda a, b: (a.conj() * b).sum() if a.is_complex() else torch.vdot(a, b),
    'addmv': lambda i, m, v, beta, alpha: torch.addmv(i, m, v, beta=beta, alpha=alpha),
    'addr': lambda i, a, b, beta, alpha: torch.addr(i, a, b, beta=beta, alpha=alpha),
    'addbmm': lambda i, a, b, beta, alpha: torch.addbmm(i, a, b, beta=beta, alpha=alpha),
    'chain_matmul': lambda ts: torch.chain_matmul(*ts),
    'cdist': lambda a, b, p, mode: torch.cdist(a, b, p, compute_mode=mode or 'use_mm_for_euclid_dist_if_necessary'),
    'dist': lambda a, b, p: torch.dist(a, b, p),
    'renorm': lambda x, p, d, maxnorm: torch.renorm(x, p, d, maxnorm),
}

CASES = []


def enc_arg(a):
    return complex_enc(a) if isinstance(a, torch.Tensor) and a.is_complex() else real_arg(a)


def enc_out(r):
    return [complex_enc(r)] if isinstance(r, torch.Tensor) and r.is_complex() else real_out(r)


def py_arg(a):
    """The argument as PyTorch takes it; tensors copied so that in-place cases never share state."""
    if isinstance(a, torch.Tensor):
        return a.clone()
    if isinstance(a, Tensors):
        return [t.clone() for t in a]
    return a


def case(name, op, *args, layouts=None):
    r = OPS[op](*[py_arg(a) for a in args])
    c = {'name': name, 'op': op, 'args': [enc_arg(a) for a in args], 'out': enc_out(r)}
    if layouts:
        c['layouts'] = layouts
    CASES.append(c)


def error(name, op, *args, expect=None):
    try:
        OPS[op](*[py_arg(a) for a in args])
    except Exception as e:  # noqa: BLE001 - PyTorch's error is the expected result
        msg = str(e).split('\n')[0]
        CASES.append({'name': name, 'op': op, 'args': [enc_arg(a) for a in args], 'error': msg,
                      'expect': expect if expect is not None else msg, 'type': type(e).__name__})
        return
    raise AssertionError('expected an error from ' + name)


def gen_diagonals():
    v, m, b = rnd(3), rnd(3, 4), rnd(2, 3, 4)
    for k in (0, 1, -2):
        case(f'diag/vector/{k}', 'diag', v, k)
        case(f'diag/matrix/{k}', 'diag', m, k)
    case('diag/int64', 'diag', rint(-5, 5, 3), 1)
    case('diag/bool', 'diag', torch.tensor([True, False]), 0)
    case('diag/empty', 'diag', torch.zeros(0), 0)
    case('diagflat/matrix', 'diagflat', m[:2, :2], 1)
    case('diagflat/scalar', 'diagflat', torch.tensor(2.5), -1)
    case('diag_embed/default', 'diag_embed', b, 0, -2, -1)
    case('diag_embed/offset_dims', 'diag_embed', b, 1, 0, 2)
    case('diag_embed/negative_offset', 'diag_embed', v, -1, 1, 0)
    case('diag_embed/int64', 'diag_embed', rint(0, 9, 2, 2), 0, -2, -1)
    case('trace/float', 'trace', m)
    case('trace/int', 'trace', rint(-9, 9, 3, 3).int())
    case('trace/float64_wide', 'trace', rnd(2, 5, dtype=torch.float64))
    case('diagonal_scatter/main', 'diagonal_scatter', m, rnd(3), 0, 0, 1)
    case('diagonal_scatter/offset', 'diagonal_scatter', m, rnd(2), 2, 0, 1)
    case('diagonal_scatter/batched', 'diagonal_scatter', b, rnd(4, 1), -1, 0, 1)
    case('diagonal_scatter/cast', 'diagonal_scatter', m, rnd(3, dtype=torch.float64), 0, 0, 1)
    for wrap in (False, True):
        case(f'fill_diagonal_/tall/{wrap}', 'fill_diagonal_', rnd(7, 3), 2.5, wrap)
        case(f'fill_diagonal_/wide/{wrap}', 'fill_diagonal_', rnd(2, 5), -1.0, wrap)
    case('fill_diagonal_/cube', 'fill_diagonal_', rnd(3, 3, 3), 9.0, False)
    case('fill_diagonal_/int64', 'fill_diagonal_', rint(0, 5, 3, 3), 7, False)
    error('diag/3d', 'diag', b, 0)
    error('diag_embed/same_dims', 'diag_embed', v, 0, 0, 0)
    error('diag_embed/dim_range', 'diag_embed', v, 0, 0, 3)
    error('trace/vector', 'trace', v, )
    error('diagonal_scatter/shape', 'diagonal_scatter', m, rnd(4), 0, 0, 1)
    error('fill_diagonal_/unequal', 'fill_diagonal_', rnd(2, 3, 4), 1.0, False)
    error('fill_diagonal_/vector', 'fill_diagonal_', v, 1.0, False)


def gen_scatters():
    m = rnd(3, 4)
    case('select_scatter/0', 'select_scatter', m, rnd(4), 0, 1)
    case('select_scatter/-1', 'select_scatter', m, rnd(3), -1, -2)
    case('select_scatter/int', 'select_scatter', rint(0, 9, 2, 3), rint(10, 20, 3), 0, 0)
    case('slice_scatter/default', 'slice_scatter', m, rnd(3, 4), 0, None, None, 1)
    case('slice_scatter/step', 'slice_scatter', m, rnd(3, 2), 1, 0, None, 2)
    case('slice_scatter/bounds', 'slice_scatter', m, rnd(1, 4), 0, -1, 10, 1)
    error('select_scatter/shape', 'select_scatter', m, rnd(3), 0, 0)
    error('select_scatter/index', 'select_scatter', m, rnd(4), 0, 5)
    error('slice_scatter/shape', 'slice_scatter', m, rnd(3, 3), 1, 0, 3, 2)


def gen_index_writes():
    x, x3 = rnd(4, 3), rnd(2, 3, 4)
    idx = torch.tensor([2, 0])
    case('index_fill/0', 'index_fill', x, 0, idx, -1.5)
    case('index_fill/negative_index', 'index_fill', x, 1, torch.tensor([-1]), 2.0)
    case('index_fill/tensor_value', 'index_fill', x3, -1, torch.tensor([3, 1]), torch.tensor(7.0))
    case('index_fill/int', 'index_fill', rint(0, 9, 3, 3), 0, torch.tensor(1), 5)
    case('index_fill/bool', 'index_fill', torch.tensor([True, False, True]), 0, torch.tensor([1]), True)
    case('index_fill_/0', 'index_fill_', x, 0, idx, 3.0)
    case('index_copy/0', 'index_copy', x, 0, idx, rnd(2, 3))
    case('index_copy/1', 'index_copy', x3, 1, torch.tensor([2, 0, 1]), rnd(2, 3, 4))
    case('index_copy/int', 'index_copy', rint(0, 9, 4, 2), 0, torch.tensor([3]), rint(10, 20, 1, 2))
    case('index_copy_/-1', 'index_copy_', x3, -1, torch.tensor([0, 3]), rnd(2, 3, 2))
    mask = torch.tensor([[True, False, True], [False, False, False], [True, True, True], [False, True, False]])
    case('masked_scatter/2d', 'masked_scatter', x, mask, rnd(12))
    case('masked_scatter/broadcast_mask', 'masked_scatter', x, torch.tensor([False, True, True]), rnd(3, 3))
    case('masked_scatter/broadcast_self', 'masked_scatter', rnd(3), mask, rnd(8))
    case('masked_scatter/none', 'masked_scatter', x, torch.zeros(4, 3, dtype=torch.bool), rnd(2))
    case('masked_scatter/int', 'masked_scatter', rint(0, 9, 2, 2), torch.tensor([[True, False], [True, True]]), rint(10, 20, 4))
    case('masked_scatter_/2d', 'masked_scatter_', x, mask, rnd(3, 3))
    src, ridx = rnd(5, 3), torch.tensor([0, 2, 0, 3, 2])
    for r in ('prod', 'mean', 'amax', 'amin'):
        for inc in (True, False):
            case(f'index_reduce/{r}/{inc}', 'index_reduce', x, 0, ridx, src, r, inc)
    case('index_reduce/dim1', 'index_reduce', x3, 1, torch.tensor([1, 1]), rnd(2, 2, 4), 'amax', False)
    case('index_reduce/int_mean', 'index_reduce', rint(0, 9, 3, 2), 0, torch.tensor([0, 0, 2]), rint(0, 9, 3, 2), 'mean', True)
    case('index_reduce_/prod', 'index_reduce_', x, 0, ridx, src, 'prod', True)
    error('index_fill/dtype', 'index_fill', x, 0, torch.tensor([0.]), 1.0)
    error('index_fill/range', 'index_fill', x, 0, torch.tensor([5]), 1.0)
    error('index_fill/2d_index', 'index_fill', x, 0, torch.tensor([[0]]), 1.0)
    error('index_fill/value_dims', 'index_fill', x, 0, torch.tensor([0]), torch.tensor([1., 2]))
    error('index_fill/dim', 'index_fill', x, 3, torch.tensor([0]), 1.0)
    error('index_copy/slice', 'index_copy', x, 0, torch.tensor([0]), rnd(1, 2))
    error('index_copy/range', 'index_copy', x, 0, torch.tensor([5]), rnd(1, 3))
    error('index_copy/negative', 'index_copy', x, 0, torch.tensor([-1]), rnd(1, 3))
    error('index_copy/dtype', 'index_copy', x, 0, torch.tensor([0]), rnd(1, 3, dtype=torch.float64))
    error('index_copy/count', 'index_copy', x, 0, torch.tensor([0, 1]), rnd(1, 3))
    error('index_copy/index_dtype', 'index_copy', x, 0, torch.tensor([0.]), rnd(1, 3))
    error('index_copy/2d_index', 'index_copy', x, 0, torch.tensor([[0]]), rnd(1, 3))
    error('index_copy/rank', 'index_copy', x, 0, torch.tensor([0]), rnd(1, 3, 1))
    error('masked_scatter/short', 'masked_scatter', x, mask, rnd(2))
    error('masked_scatter/dtype', 'masked_scatter', x, mask, rnd(12, dtype=torch.float64))
    error('index_fill_/range', 'index_fill_', x, 0, torch.tensor([4]), 1.0)
    error('index_copy_/dtype', 'index_copy_', x, 0, torch.tensor([0]), rnd(1, 3, dtype=torch.float64))
    error('index_reduce_/range', 'index_reduce_', x, 0, torch.tensor([-1]), rnd(1, 3), 'amax', True)
    error('masked_scatter_/short', 'masked_scatter_', x, mask, rnd(3))
    error('masked_scatter_/shape', 'masked_scatter_', rnd(3), mask, rnd(12),
          expect='the number of sizes provided (1) must be greater or equal to the number of dimensions in the tensor (2)')
    error('index_reduce/sum', 'index_reduce', x, 0, torch.tensor([0]), rnd(1, 3), 'sum', True)
    error('index_reduce/range', 'index_reduce', x, 0, torch.tensor([5]), rnd(1, 3), 'prod', True)
    error('index_reduce/dtype', 'index_reduce', x, 0, torch.tensor([0]), rnd(1, 3, dtype=torch.float64), 'prod', True)
    error('index_reduce/count', 'index_reduce', x, 0, torch.tensor([0, 1]), rnd(1, 3), 'prod', True)
    error('index_reduce/slice', 'index_reduce', x, 0, torch.tensor([0]), rnd(1, 2), 'prod', True)
    error('index_reduce/index_dtype', 'index_reduce', x, 0, torch.tensor([0.]), rnd(1, 3), 'prod', True)


def gen_grids():
    a, b, c = rnd(2), rnd(3), torch.tensor(4.0)
    for ix in ('ij', 'xy'):
        case(f'meshgrid/{ix}', 'meshgrid', Tensors([a, b]), ix)
        case(f'meshgrid/three/{ix}', 'meshgrid', Tensors([a, b, rnd(4)]), ix)
        case(f'meshgrid/scalar/{ix}', 'meshgrid', Tensors([c, b]), ix)
    case('meshgrid/one', 'meshgrid', Tensors([b]), 'xy')
    case('cartesian_prod/two', 'cartesian_prod', Tensors([a, b]))
    case('cartesian_prod/three_int', 'cartesian_prod', Tensors([rint(0, 9, 2), rint(0, 9, 2), rint(0, 9, 3)]))
    case('cartesian_prod/one', 'cartesian_prod', Tensors([b]))
    v = rnd(4)
    for r in (0, 1, 2, 3, 5):
        for wr in (False, True):
            case(f'combinations/{r}/{wr}', 'combinations', v, r, wr)
    case('combinations/empty', 'combinations', torch.zeros(0), 2, True)
    case('combinations/int', 'combinations', rint(0, 9, 3), 2, False)
    error('meshgrid/dtype', 'meshgrid', Tensors([a, b.double()]), 'ij')
    error('meshgrid/2d', 'meshgrid', Tensors([rnd(2, 2)]), 'ij',
          expect='torch.meshgrid: Expected 0D or 1D tensor in the tensor list but got:')
    error('meshgrid/empty', 'meshgrid', Tensors([]), 'ij')
    error('meshgrid/indexing', 'meshgrid', Tensors([a]), 'ab')
    error('cartesian_prod/2d', 'cartesian_prod', Tensors([rnd(2, 2)]))
    error('cartesian_prod/dtype', 'cartesian_prod', Tensors([a, b.double()]))
    error('combinations/2d', 'combinations', rnd(2, 2), 2, False)
    error('combinations/negative', 'combinations', v, -1, False)


def gen_repeats():
    x = rnd(3, 2)
    case('repeat_interleave_counts/basic', 'repeat_interleave_counts', torch.tensor([2, 0, 3]))
    case('repeat_interleave_counts/int32', 'repeat_interleave_counts', torch.tensor([1, 2], dtype=torch.int32))
    case('repeat_interleave_counts/empty', 'repeat_interleave_counts', torch.zeros(0, dtype=torch.int64))
    case('repeat_interleave/int_flat', 'repeat_interleave', x, 2, None, None)
    case('repeat_interleave/int_dim', 'repeat_interleave', x, 3, 1, None)
    case('repeat_interleave/tensor_dim', 'repeat_interleave', x, torch.tensor([1, 0, 2]), 0, 3)
    case('repeat_interleave/tensor_one', 'repeat_interleave', x, torch.tensor([2]), -1, None)
    case('repeat_interleave/tensor_flat', 'repeat_interleave', x, torch.tensor(2), None, None)
    case('repeat_interleave/scalar_input', 'repeat_interleave', torch.tensor(5), 3, None, None)
    case('repeat_interleave/bool', 'repeat_interleave', torch.tensor([True, False]), torch.tensor([1, 2]), 0, None)
    case('take_along_dim/dim', 'take_along_dim', rnd(3, 4), rint(0, 4, 3, 2), 1)
    case('take_along_dim/broadcast', 'take_along_dim', rnd(3, 4), rint(0, 3, 2, 1), 0)
    case('take_along_dim/broadcast_input', 'take_along_dim', rnd(1, 4), rint(0, 4, 3, 2), 1)
    case('take_along_dim/flat', 'take_along_dim', rnd(3, 4), rint(0, 12, 5), None)
    case('take_along_dim/argsort', 'take_along_dim', x, x.argsort(0), 0)
    error('repeat_interleave_counts/negative', 'repeat_interleave_counts', torch.tensor([-1]))
    error('repeat_interleave_counts/2d', 'repeat_interleave_counts', torch.tensor([[1]]))
    error('repeat_interleave_counts/0d', 'repeat_interleave_counts', torch.tensor(3))
    error('repeat_interleave_counts/float', 'repeat_interleave_counts', torch.tensor([1.]))
    error('repeat_interleave/output_size_tensor', 'repeat_interleave', x, torch.tensor([1, 2, 1]), 0, 3)
    error('repeat_interleave/size', 'repeat_interleave', x, torch.tensor([1, 2]), 0, None)
    error('repeat_interleave/negative', 'repeat_interleave', x, -1, None, None)
    error('repeat_interleave/2d', 'repeat_interleave', x, torch.tensor([[1, 2]]), 0, None)
    error('repeat_interleave/output_size', 'repeat_interleave', x, 2, 0, 5)
    error('repeat_interleave/dim', 'repeat_interleave', x, torch.tensor([1, 2]), 5, None)
    error('take_along_dim/rank', 'take_along_dim', x, torch.tensor([0]), 1)
    error('take_along_dim/dtype', 'take_along_dim', x, torch.tensor([[0]], dtype=torch.int32), 1)
    error('take_along_dim/range', 'take_along_dim', x, torch.tensor([[5]]), 1)
    error('take_along_dim/negative', 'take_along_dim', x, torch.tensor([[-1]]), 1)
    error('take_along_dim/dim', 'take_along_dim', x, torch.tensor([[0, 1]]), 3)
    error('take_along_dim/broadcast', 'take_along_dim', x, torch.tensor([[0], [1]]), 1)


def gen_splits_stacks():
    x7, m, t3 = rnd(7), rnd(4, 6), rnd(2, 3, 4)
    case('tensor_split/sections', 'tensor_split', x7, 3, 0)
    case('tensor_split/many_sections', 'tensor_split', rnd(2, 3), 5, 1)
    case('tensor_split/indices', 'tensor_split', x7, [1, 5, 3, 9], 0)
    case('tensor_split/negative_indices', 'tensor_split', m, [-2], -1)
    case('tensor_split/tensor_sections', 'tensor_split', m, torch.tensor(2), 0)
    case('tensor_split/tensor_indices', 'tensor_split', m, torch.tensor([1, 4]), 1)
    case('hsplit/sections', 'hsplit', m, 3)
    case('hsplit/vector', 'hsplit', rnd(6), 2)
    case('hsplit/indices', 'hsplit', m, [1, 4])
    case('vsplit/sections', 'vsplit', m, 2)
    case('vsplit/indices', 'vsplit', t3, [1])
    case('dsplit/sections', 'dsplit', t3, 2)
    case('dsplit/indices', 'dsplit', t3, [3, 1])
    s, v, mm = torch.tensor(1.5), rnd(3), rnd(2, 3)
    case('hstack/vectors', 'hstack', Tensors([v, rnd(2)]))
    case('hstack/scalars', 'hstack', Tensors([s, s]))
    case('hstack/matrices', 'hstack', Tensors([mm, rnd(2, 1)]))
    case('hstack/promote', 'hstack', Tensors([v, rint(0, 9, 2)]))
    case('vstack/vectors', 'vstack', Tensors([v, v]))
    case('vstack/mixed', 'vstack', Tensors([mm, v]))
    case('row_stack/mixed', 'row_stack', Tensors([v, mm]))
    case('dstack/vectors', 'dstack', Tensors([v, v]))
    case('dstack/matrices', 'dstack', Tensors([mm, mm]))
    case('column_stack/vectors', 'column_stack', Tensors([v, v, rnd(3, 2)]))
    case('column_stack/scalar', 'column_stack', Tensors([s, rnd(1, 2)]))
    for k in (1, 2, 3):
        for name, t in (('0d', s), ('1d', v), ('2d', mm), ('3d', t3)):
            case(f'atleast_{k}d/{name}', f'atleast_{k}d', t)
    case('block_diag/mixed', 'block_diag', Tensors([s, rnd(2), rnd(2, 3), rint(0, 9, 1, 1)]))
    case('block_diag/one', 'block_diag', Tensors([mm]))
    case('block_diag/bool', 'block_diag', Tensors([torch.tensor([[True]]), torch.tensor([False, True])]))
    error('tensor_split/0d', 'tensor_split', s, 2, 0)
    error('tensor_split/zero', 'tensor_split', m, 0, 0)
    error('tensor_split/float_tensor', 'tensor_split', m, torch.tensor([1.]), 0)
    error('tensor_split/2d_tensor', 'tensor_split', m, torch.tensor([[1]]), 0)
    error('tensor_split/dim', 'tensor_split', m, 2, 4)
    error('hsplit/0d', 'hsplit', s, 2)
    error('hsplit/divisible', 'hsplit', m, 4)
    error('vsplit/1d', 'vsplit', v, 3)
    error('vsplit/divisible', 'vsplit', m, 3)
    error('dsplit/2d', 'dsplit', m, 2)
    error('dsplit/divisible', 'dsplit', t3, 3)
    for op in ('hstack', 'vstack', 'dstack', 'column_stack', 'row_stack'):
        error(f'{op}/empty', op, Tensors([]))
    error('column_stack/sizes', 'column_stack', Tensors([rnd(2), rnd(3)]))
    error('block_diag/3d', 'block_diag', Tensors([t3]))


def gen_broadcasts_rotations():
    m = rnd(2, 3)
    case('broadcast_to/expand', 'broadcast_to', rnd(3), [2, 3])
    case('broadcast_to/keep', 'broadcast_to', rnd(2, 1), [4, -1, 3])
    case('broadcast_tensors/three', 'broadcast_tensors', Tensors([rnd(3), rnd(2, 1), torch.tensor(1.0)]))
    case('broadcast_shapes/three', 'broadcast_shapes', [[2, 1], [3], [4, 1, 1]])
    case('broadcast_shapes/zero', 'broadcast_shapes', [[0, 1], [1, 3]])
    case('sum_to_size/lead', 'sum_to_size', rnd(2, 3, 4), [3, 4])
    case('sum_to_size/ones', 'sum_to_size', rnd(2, 3, 4), [2, 1, 1])
    case('sum_to_size/same', 'sum_to_size', m, [2, 3])
    case('sum_to_size/int', 'sum_to_size', rint(0, 9, 2, 3), [1, 3])
    t3 = rnd(2, 3, 4)
    for k in (-1, 0, 1, 2, 3, 6):
        case(f'rot90/{k}', 'rot90', m, k, [0, 1])
    case('rot90/dims', 'rot90', t3, 1, [2, 0])
    case('rot90/default_dims', 'rot90', t3, 2, None)
    case('rot90/negative_dims', 'rot90', t3, 3, [-1, -2])
    case('fliplr', 'fliplr', t3)
    case('flipud', 'flipud', rnd(4))
    case('ravel/transposed', 'ravel', t3)
    error('broadcast_to/rank', 'broadcast_to', m, [3])
    error('broadcast_to/size', 'broadcast_to', m, [4, 3])
    error('broadcast_shapes/mismatch', 'broadcast_shapes', [[2, 3], [4]])
    error('broadcast_shapes/negative', 'broadcast_shapes', [[2, -1]])
    error('broadcast_tensors/mismatch', 'broadcast_tensors', Tensors([m, rnd(4)]))
    error('sum_to_size/size', 'sum_to_size', m, [4, 3])
    error('sum_to_size/rank', 'sum_to_size', m, [1, 1, 3])
    error('rot90/one_dim', 'rot90', m, 1, [0])
    error('rot90/vector', 'rot90', rnd(3), 1, [0, 1])
    error('rot90/same', 'rot90', m, 1, [0, 0])
    error('rot90/wrapped_same', 'rot90', m, 1, [0, -2])
    error('rot90/range', 'rot90', m, 1, [-3, 1])
    error('fliplr/1d', 'fliplr', rnd(3))
    error('flipud/0d', 'flipud', torch.tensor(1.))


def gen_factories():
    m = rnd(2, 3)
    case('type_as/int', 'type_as', m, rint(0, 2, 1))
    case('type_as/float64', 'type_as', rint(-3, 3, 4), rnd(1, dtype=torch.float64))
    case('new_zeros/int', 'new_zeros', rint(0, 9, 2), [2, 3])
    case('new_ones/float64', 'new_ones', rnd(1, dtype=torch.float64), [3])
    case('new_full/float', 'new_full', m, [2, 2], 2.5)
    case('new_tensor/float', 'new_tensor', m, [[1, 2], [3, 4]])
    case('positive/float', 'positive', m)
    case('positive/int', 'positive', rint(-5, 5, 3))
    error('positive/bool', 'positive', torch.tensor([True]))
    for op in ('tril_indices', 'triu_indices'):
        for r, c, o in ((3, 3, 0), (3, 4, 1), (4, 3, -1), (3, 4, 10), (3, 4, -10), (0, 0, 0), (1, 5, 2)):
            case(f'{op}/{r}x{c}/{o}', op, r, c, o, 'int64')
        case(f'{op}/int32', op, 3, 2, 0, 'int32')
        error(f'{op}/row', op, -1, 3, 0, 'int64')
        error(f'{op}/col', op, 3, -1, 0, 'int64')
        error(f'{op}/float', op, 3, 3, 0, 'float32')
    case('logspace/10', 'logspace', 0.0, 2.0, 5, 10.0, 'float32')
    case('logspace/2', 'logspace', -1.0, 3.0, 9, 2.0, 'float32')
    case('logspace/float64', 'logspace', -2.5, 2.5, 11, 10.0, 'float64')
    case('logspace/many', 'logspace', -3.7, 5.3, 61, 10.0, 'float32')
    case('logspace/many_base3', 'logspace', 4.1, -2.3, 47, 3.0, 'float64')
    case('logspace/one', 'logspace', 1.5, 3.0, 1, 10.0, 'float32')
    case('logspace/empty', 'logspace', 0.0, 1.0, 0, 10.0, 'float32')
    case('logspace/e', 'logspace', 0.0, 1.0, 4, math.e, 'float64')
    case('logspace/int64', 'logspace', 0.0, 3.0, 4, 10.0, 'int64')
    case('logspace/int64_truncated', 'logspace', 0.7, 3.9, 7, 2.0, 'int64')
    error('logspace/negative', 'logspace', 0.0, 2.0, -1, 10.0, 'float32')
    v = rnd(4)
    case('vander/default', 'vander', v, None, False)
    case('vander/n_increasing', 'vander', v, 3, True)
    case('vander/n0', 'vander', v, 0, False)
    case('vander/n1', 'vander', v, 1, False)
    case('vander/int32', 'vander', rint(-3, 4, 3).int(), 5, False)
    case('vander/bool', 'vander', torch.tensor([True, False]), None, True)
    case('vander/float64', 'vander', rnd(3, dtype=torch.float64), 4, False)
    case('linalg_vander/default', 'linalg_vander', v, None)
    case('linalg_vander/batched', 'linalg_vander', rnd(2, 3), 4)
    case('linalg_vander/int', 'linalg_vander', rint(-3, 4, 3).int(), None)
    error('vander/2d', 'vander', m, None, False)
    error('vander/negative', 'vander', v, -1, False)
    error('linalg_vander/0d', 'linalg_vander', torch.tensor(1.), None)
    error('linalg_vander/n1', 'linalg_vander', v, 1)


def gen_products():
    a, b = rnd(2, 3), rnd(3, 2)
    case('kron/matrices', 'kron', a, b)
    case('kron/ranks', 'kron', rnd(2, 2, 2), rnd(3))
    case('kron/promote', 'kron', a, rnd(2, dtype=torch.float64))
    case('kron/int_bool', 'kron', rint(-4, 4, 2, 3), torch.tensor([True, False]))
    case('kron/scalar', 'kron', torch.tensor(2.0), a)
    x, y = rnd(2, 3, 4), rnd(3, 4, 5)
    case('tensordot/2', 'tensordot', x, y, 2)
    case('tensordot/0', 'tensordot', a, b, 0)
    case('tensordot/lists', 'tensordot', x, rnd(4, 2, 3), [[1, 2], [2, 0]])
    case('tensordot/negative', 'tensordot', x, rnd(4, 3), [[-1], [0]])
    case('tensordot/int', 'tensordot', rint(-3, 3, 2, 3), rint(-3, 3, 3, 2), 1)
    case('inner/matrices', 'inner', a, rnd(4, 3))
    case('inner/vector', 'inner', rnd(3), x[:, :, :3])
    case('inner/scalar', 'inner', a, torch.tensor(2.0, dtype=torch.float64))
    case('vdot/float', 'vdot', rnd(4), rnd(4))
    case('vdot/int', 'vdot', rint(-3, 3, 5), rint(-3, 3, 5))
    case('vdot/complex', 'vdot', torch.complex(rnd(3), rnd(3)), torch.complex(rnd(3), rnd(3)))
    m, vec = rnd(3, 4), rnd(4)
    case('addmv/default', 'addmv', rnd(3), m, vec, 1.0, 1.0)
    case('addmv/scaled', 'addmv', rnd(3), m, vec, 0.5, -2.0)
    case('addmv/broadcast', 'addmv', rnd(1), m, vec, 1.0, 1.0)
    case('addmv/beta0_nan', 'addmv', torch.tensor([math.nan, 1.0, math.inf]), m, vec, 0.0, 1.0)
    case('addmv/float64', 'addmv', rnd(3, dtype=torch.float64), m.double(), vec.double(), 2.0, 3.0)
    case('addr/default', 'addr', rnd(3, 4), rnd(3), rnd(4), 1.0, 1.0)
    case('addr/scaled_broadcast', 'addr', rnd(4), rnd(3), rnd(4), -1.0, 0.5)
    case('addr/beta0_nan', 'addr', torch.full((2, 2), math.nan), rnd(2), rnd(2), 0.0, 2.0)
    case('addr/int', 'addr', rint(-3, 3, 2, 3), rint(-3, 3, 2), rint(-3, 3, 3), 2, 3)
    case('addr/promote', 'addr', rnd(2, 3), rint(-3, 3, 2), rnd(3), 1.0, 1.0)
    case('addr/bool', 'addr', torch.tensor([[True, False], [False, False]]), torch.tensor([True, False]),
         torch.tensor([False, True]), 1, 1)
    b1, b2 = rnd(3, 2, 4), rnd(3, 4, 5)
    case('addbmm/default', 'addbmm', rnd(2, 5), b1, b2, 1.0, 1.0)
    case('addbmm/scaled_broadcast', 'addbmm', rnd(5), b1, b2, 0.5, 2.0)
    case('addbmm/empty_batch', 'addbmm', rnd(2, 5), rnd(0, 2, 4), rnd(0, 4, 5), 1.0, 1.0)
    case('chain_matmul/three', 'chain_matmul', Tensors([rnd(2, 3), rnd(3, 4), rnd(4, 2)]))
    case('chain_matmul/one', 'chain_matmul', Tensors([a]))
    p1, p2 = rnd(5, 3), rnd(4, 3)
    for p in (0.0, 1.0, 2.0, 3.0, 0.5, math.inf):
        case(f'cdist/p{p}', 'cdist', p1, p2, p, None)
    case('cdist/batched', 'cdist', rnd(2, 3, 4), rnd(1, 5, 4), 2.0, None)
    case('cdist/mm_mode', 'cdist', rnd(30, 3, dtype=torch.float64), rnd(4, 3, dtype=torch.float64), 2.0,
         'use_mm_for_euclid_dist')
    case('cdist/default_large', 'cdist', rnd(27, 3), rnd(2, 3), 2.0, None)
    case('cdist/donot_use_mm', 'cdist', rnd(27, 3), rnd(2, 3), 2.0, 'donot_use_mm_for_euclid_dist')
    case('cdist/empty', 'cdist', rnd(0, 3), p2, 2.0, None)
    for p in (2.0, 1.0, 0.0, math.inf, 3.0, -1.0):
        case(f'dist/p{p}', 'dist', a, rnd(3), p)
    case('dist/promote', 'dist', a, rnd(3, dtype=torch.float64), 2.0)
    for p, d, mx in ((2.0, 0, 1.0), (1.0, 1, 2.0), (3.0, -1, 0.5), (2.0, 0, 100.0), (math.inf, 1, 0.5)):
        case(f'renorm/{p}/{d}/{mx}', 'renorm', rnd(3, 4, scale=2.0), p, d, mx)
    case('renorm/float64_3d', 'renorm', rnd(2, 3, 2, dtype=torch.float64), 2.0, 1, 1.0)
    error('tensordot/negative_dims', 'tensordot', a, a, -1)
    error('tensordot/lengths', 'tensordot', a, a, [[0], [0, 1]])
    error('tensordot/sizes', 'tensordot', a, a, [[1], [0]])
    error('tensordot/dtype', 'tensordot', a, a.double(), [[1], [1]])
    error('tensordot/dim', 'tensordot', a, a, [[5], [1]])
    error('inner/sizes', 'inner', a, rnd(4))
    error('vdot/2d', 'vdot', a, a)
    error('vdot/sizes', 'vdot', rnd(2), rnd(3))
    error('vdot/dtype', 'vdot', rnd(2), rnd(2, dtype=torch.float64))
    error('addmv/size', 'addmv', rnd(2), a, rnd(2), 1.0, 1.0)
    error('addmv/input', 'addmv', rnd(4), a, rnd(3), 1.0, 1.0)
    error('addmv/rank', 'addmv', rnd(2), a, a, 1.0, 1.0)
    error('addmv/dtype', 'addmv', rnd(2), a, rnd(3, dtype=torch.float64), 1.0, 1.0)
    error('addr/vec1', 'addr', rnd(2, 3), a, a, 1.0, 1.0)
    error('addr/vec2', 'addr', rnd(2, 3), rnd(2), a, 1.0, 1.0)
    error('addr/input', 'addr', rnd(3, 3), rnd(2), rnd(3), 1.0, 1.0)
    error('addr/int_alpha', 'addr', rint(0, 3, 2, 3), rint(0, 3, 2), rint(0, 3, 3), 1, 0.5)
    error('addbmm/2d', 'addbmm', rnd(2, 3), a, a, 1.0, 1.0)
    error('addbmm/batches', 'addbmm', rnd(2, 3), rnd(2, 2, 3), rnd(3, 3, 3), 1.0, 1.0)
    error('addbmm/sizes', 'addbmm', rnd(2, 3), rnd(2, 2, 3), rnd(2, 4, 3), 1.0, 1.0)
    error('addbmm/input', 'addbmm', rnd(5, 3), rnd(2, 2, 3), rnd(2, 3, 3), 1.0, 1.0)
    error('addbmm/dtype', 'addbmm', rnd(2, 3), rnd(2, 2, 3), rnd(2, 3, 3, dtype=torch.float64), 1.0, 1.0)
    error('chain_matmul/empty', 'chain_matmul', Tensors([]))
    error('chain_matmul/vector', 'chain_matmul', Tensors([rnd(3)]))
    error('chain_matmul/sizes', 'chain_matmul', Tensors([a, a]))
    error('cdist/1d', 'cdist', rnd(3), a, 2.0, None)
    error('cdist/columns', 'cdist', a, rnd(2, 4), 2.0, None)
    error('cdist/negative_p', 'cdist', a, a, -1.0, None)
    error('cdist/int', 'cdist', rint(0, 3, 2, 3), rint(0, 3, 2, 3), 2.0, None)
    error('cdist/mode', 'cdist', a, a, 2.0, 'x')
    error('cdist/dtype', 'cdist', a, a.double(), 2.0, None)
    error('cdist/batch', 'cdist', rnd(2, 2, 3), rnd(3, 2, 3), 2.0, None)
    error('dist/shape', 'dist', a, rnd(4), 2.0)
    error('dist/int', 'dist', rint(0, 3, 3), rint(0, 3, 3), 2.0)
    error('renorm/p0', 'renorm', a, 0.0, 0, 1.0)
    error('renorm/maxnorm', 'renorm', a, 2.0, 0, -1.0)
    error('renorm/1d', 'renorm', rnd(3), 2.0, 0, 1.0)
    error('renorm/int', 'renorm', rint(0, 3, 2, 3), 2.0, 0, 1.0)
    error('renorm/dim', 'renorm', a, 2.0, 2, 1.0)


def gen_empty_and_low_precision():
    """Empty tensors and float16/bfloat16 inputs: shapes and dtypes kept through each composite."""
    z = torch.zeros(0, dtype=torch.int64)
    case('empty/kron', 'kron', torch.zeros(0, 2), rnd(2, 3))
    case('empty/tensordot_k0', 'tensordot', torch.zeros(2, 0), torch.zeros(0, 3), 1)
    case('empty/tensor_split', 'tensor_split', torch.zeros(0, 2), 3, 0)
    case('empty/index_copy', 'index_copy', rnd(3, 2), 0, z, torch.zeros(0, 2))
    case('empty/index_fill', 'index_fill', rnd(2, 2), 0, z, 1.0)
    case('empty/masked_scatter', 'masked_scatter', torch.zeros(0, 2), torch.zeros(0, 2, dtype=torch.bool), torch.zeros(0))
    case('empty/take_along_dim', 'take_along_dim', rnd(2, 3), torch.zeros(2, 0, dtype=torch.int64), 1)
    case('empty/trace', 'trace', torch.zeros(0, 3))
    case('empty/diag_embed', 'diag_embed', torch.zeros(2, 0), 0, -2, -1)
    case('empty/block_diag', 'block_diag', Tensors([torch.zeros(0, 2), rnd(1, 1)]))
    case('empty/cdist_no_columns', 'cdist', torch.zeros(2, 0), torch.zeros(3, 0), 2.0, None)
    case('empty/renorm', 'renorm', torch.zeros(2, 0), 2.0, 0, 1.0)
    case('empty/repeat_interleave', 'repeat_interleave', torch.zeros(0, 2), 3, 0, None)
    case('one/vander', 'vander', torch.tensor([2.0]), 3, False)
    case('one/combinations', 'combinations', torch.tensor([5.0]), 2, True)
    case('bfloat16/diag', 'diag', rnd(3, dtype=torch.bfloat16), 1)
    case('float16/kron', 'kron', rnd(2, dtype=torch.float16), rnd(2, 2, dtype=torch.float16))
    case('bfloat16/index_copy', 'index_copy', rnd(3, 2, dtype=torch.bfloat16), 0, torch.tensor([1]), rnd(1, 2, dtype=torch.bfloat16))
    case('float16/hstack', 'hstack', Tensors([rnd(2, dtype=torch.float16), rnd(3, dtype=torch.float16)]))


def main():
    os.makedirs(OUT, exist_ok=True)
    gen_diagonals()
    gen_scatters()
    gen_index_writes()
    gen_grids()
    gen_repeats()
    gen_splits_stacks()
    gen_broadcasts_rotations()
    gen_factories()
    gen_products()
    gen_empty_and_low_precision()
    text = '{"source":"PyTorch ' + torch.__version__ + ', tools/gen_shapeops_reference.py",\n"cases":[\n' + \
           ',\n'.join(dumps(c) for c in CASES) + '\n]}\n'
    with open(os.path.join(OUT, 'shapeops.json'), 'w') as f:
        f.write(text)
    errors = sum(1 for c in CASES if 'error' in c)
    print(f'shapeops: {len(CASES) - errors} value cases, {errors} error cases, {len(text) / 1024:.0f} KiB', file=sys.stderr)


if __name__ == '__main__':
    main()
