"""Reference values for the Tensor methods added to match dir(torch.Tensor) (PyTorch 1.13): in-place forms
computed out of place, comparisons and logic in place, in-place views, method forms of functions, and
PyTorch's messages. Output: api/src/test/resources/reference/tensor_methods.json, for TensorMethodsTest.

Run with Debian's PyTorch: /usr/bin/python3 tools/gen_tensor_methods_reference.py
"""
import warnings

import torch

from reference_io import enc, write

warnings.filterwarnings("ignore")

g = torch.Generator().manual_seed(1913)


def rounded(*shape, low, high, dtype=torch.float32):
    return (torch.rand(shape, generator=g, dtype=torch.float64) * (high - low) + low).mul(100).round().div(100).to(dtype)


UNIT = rounded(2, 3, low=-0.9, high=0.9)
POS = rounded(2, 3, low=1.1, high=3.0)
GEN = rounded(2, 3, low=-3.0, high=3.0)
OTHER = rounded(2, 3, low=0.5, high=2.5)
ROW = rounded(3, low=-2.0, high=2.0)
LONGS = torch.tensor([[7, -7, 12], [5, 0, -3]])
LONGS2 = torch.tensor([[2, 3, -5], [1, 4, 2]])
MASKS = torch.tensor([[1.5, 0.0, -2.0], [0.0, 3.0, 0.0]])


def arg(a):
    return enc(a) if isinstance(a, torch.Tensor) else a


def case(name, self, *args, **kwargs):
    """Runs self.clone().<name>(*args, **kwargs) in PyTorch; keyword values go last in Java's arguments."""
    s = self.clone()
    out = getattr(s, name)(*args, **kwargs)
    args = args + tuple(kwargs.values())
    assert out is s
    return {'name': name, 'self': enc(self), 'args': [arg(a) for a in args], 'out': enc(s)}


def inplace_cases():
    c = []
    for n in ['acos', 'arccos', 'asin', 'arcsin', 'atanh', 'arctanh', 'erfinv']:
        c.append(case(n + '_', UNIT))
    for n in ['acosh', 'arccosh', 'digamma', 'lgamma', 'log10', 'log1p', 'log2', 'rsqrt', 'reciprocal']:
        c.append(case(n + '_', POS))
    for n in ['asinh', 'arcsinh', 'atan', 'arctan', 'ceil', 'cos', 'cosh', 'erf', 'erfc', 'exp2', 'expm1', 'fix', 'frac',
              'round', 'sgn', 'sign', 'sin', 'sinh', 'square', 'tan', 'trunc', 'nan_to_num']:
        c.append(case(n + '_', GEN))
    for n in ['arctan2', 'atan2', 'copysign', 'floor_divide', 'fmod', 'hypot', 'remainder', 'true_divide', 'xlogy']:
        c.append(case(n + '_', GEN, OTHER))
    c.append(case('fmod_', GEN, ROW))  # broadcast other
    c.append(case('remainder_', GEN, 1.5))
    c.append(case('fmod_', GEN, -1.25))
    c.append(case('true_divide_', GEN, 4.0))
    c.append(case('round_', GEN.mul(11), decimals=-1))
    c.append(case('nan_to_num_', torch.tensor([float('nan'), float('inf'), -float('inf'), 1.5]), 0.5, 7.0, -7.0))
    c.append(case('mvlgamma_', POS, 2))
    c.append(case('polygamma_', POS, 1))
    c.append(case('cumsum_', GEN, 1))
    c.append(case('cumprod_', GEN, 0))
    c.append(case('renorm_', GEN, 2.0, 0, 1.5))
    c.append(case('tril_', GEN, 0))
    c.append(case('triu_', GEN, 1))
    m = rounded(2, 4, low=-1, high=1)
    c.append(case('addmm_', GEN, m, rounded(4, 3, low=-1, high=1), beta=0.5, alpha=2.0))
    c.append(case('addmv_', ROW, rounded(3, 4, low=-1, high=1), rounded(4, low=-1, high=1), beta=1.0, alpha=-1.0))
    c.append(case('addr_', GEN, rounded(2, low=-1, high=1), ROW, beta=2.0, alpha=0.5))
    c.append(case('addbmm_', GEN, rounded(2, 2, 4, low=-1, high=1), rounded(2, 4, 3, low=-1, high=1), beta=1.0, alpha=1.0))
    c.append(case('baddbmm_', rounded(2, 2, 3, low=-1, high=1), rounded(2, 2, 4, low=-1, high=1),
                  rounded(2, 4, 3, low=-1, high=1), beta=0.5, alpha=1.0))
    # integral and bool self
    c.append(case('floor_divide_', LONGS, LONGS2))
    c.append(case('remainder_', LONGS, LONGS2))
    c.append(case('fmod_', LONGS, LONGS2))
    c.append(case('cumsum_', LONGS.to(torch.int32), 1))
    c.append(case('sign_', LONGS))
    c.append(case('square_', LONGS))
    c.append(case('bitwise_and_', LONGS, LONGS2))
    c.append(case('bitwise_or_', LONGS, LONGS2))
    c.append(case('bitwise_xor_', LONGS, LONGS2))
    c.append(case('bitwise_not_', LONGS))
    c.append(case('bitwise_left_shift_', LONGS, LONGS2.abs()))
    c.append(case('bitwise_right_shift_', LONGS, LONGS2.abs()))
    c.append(case('bitwise_xor_', LONGS > 0, LONGS2 > 1))
    c.append(case('put_', GEN, torch.tensor([0, -1, 4]), torch.tensor([9.5, -8.5, 7.5])))
    c.append(case('put_', GEN, torch.tensor([1, 1, 4]), torch.tensor([1.0, 2.0, 3.0]), True))
    return c


def predicate_cases():
    c = []
    for n in ['eq_', 'ne_', 'lt_', 'le_', 'gt_', 'ge_', 'greater_', 'greater_equal_', 'less_', 'less_equal_', 'not_equal_']:
        c.append(case(n, MASKS, ROW.round()))
        c.append(case(n, LONGS, 5.0))
    for n in ['logical_and_', 'logical_or_', 'logical_xor_']:
        c.append(case(n, MASKS, LONGS2 - 2))
    c.append(case('logical_not_', MASKS))
    c.append(case('logical_not_', LONGS))
    c.append(case('eq_', LONGS > 0, torch.tensor([True, False, True])))
    return c


def view_cases():
    x = torch.arange(6.0).reshape(2, 1, 3)
    c = []
    for name, self, args in [('squeeze_', x, []), ('squeeze_', x, [1]), ('squeeze_', x, [0]), ('unsqueeze_', x, [-1]),
                             ('transpose_', x, [0, 2]), ('swapaxes_', x, [2, 1]), ('swapdims_', x, [0, -1]),
                             ('t_', x[0], []), ('as_strided_', x, [[2, 2], [1, 2], 1])]:
        s = self.clone()
        r = getattr(s, name)(*args)
        assert r is s
        c.append({'name': name, 'self': enc(self), 'args': args, 'shape': list(s.shape), 'strides': list(s.stride()),
                  'offset': s.storage_offset(), 'out': enc(s)})
    return c


def method_cases():
    sq = torch.tensor([[4.0, 1.0, 0.5], [1.0, 3.0, 0.25], [0.5, 0.25, 2.0]])
    a = rounded(3, 3, low=-1, high=1)
    v3 = rounded(2, 3, low=-1, high=1)
    lu, piv = a.lu()
    q, r = a.qr()
    u, s, v = a.svd()
    sign, logabs = a.slogdet()
    b = rounded(3, 2, low=-1, high=1)
    return {
        'a': enc(a), 'sq': enc(sq), 'v3': enc(v3), 'gen': enc(GEN), 'b': enc(b), 'other': enc(OTHER),
        'addmm': enc(GEN.addmm(rounded(2, 4, low=-1, high=1).mul(0).add(1), torch.ones(4, 3), beta=0.5, alpha=2.0)),
        'softmax': enc(GEN.softmax(1)), 'softmax_f64': enc(GEN.softmax(0, dtype=torch.float64)),
        'log_softmax': enc(GEN.log_softmax(0)),
        'cross': enc(v3.cross(GEN)), 'cross_dim': enc(a.cross(sq, dim=0)),
        'cholesky': enc(sq.cholesky()), 'cholesky_upper': enc(sq.cholesky(upper=True)),
        'qr_r_abs': enc(r.abs()), 'svd_s': enc(s), 'slogdet': [sign.item(), logabs.item()],
        'lu': enc(lu), 'lu_pivots': enc(piv), 'lu_solve': enc(b.lu_solve(lu, piv)),
        'matrix_exp': enc(a.matrix_exp()), 'matrix_power': enc(a.matrix_power(3)),
        'hardshrink': enc(GEN.hardshrink()), 'hardshrink_1': enc(GEN.hardshrink(1.0)),
        'prelu': enc(GEN.prelu(torch.tensor([0.25]))),
        'narrow_copy': enc(GEN.narrow_copy(1, 1, 2)),
        'put': enc(GEN.put(torch.tensor([5, 0]), torch.tensor([1.0, 2.0]))),
        'resize': enc(GEN.t().resize(3, 2)),
    }


def message(f):
    try:
        f()
    except Exception as e:
        return str(e)
    raise AssertionError('no error')


def error_cases():
    leaf = torch.ones(2, requires_grad=True)
    return {
        'sin_long': message(lambda: LONGS.clone().sin_()),
        'true_divide_long': message(lambda: LONGS.clone().true_divide_(LONGS2)),
        'fmod_long_float': message(lambda: LONGS.clone().fmod_(1.5)),
        'leaf': message(lambda: leaf.cos_()),
        'leaf_view': message(lambda: leaf.unsqueeze_(0)),
        'broadcast': message(lambda: ROW.clone().atan2_(GEN)),
        'squeeze_dim': message(lambda: torch.ones(2, 3).squeeze_(5)),
        'transpose_dim': message(lambda: torch.ones(2, 3).transpose_(0, 2)),
        'put_range': message(lambda: torch.ones(2, 3).put_(torch.tensor([6]), torch.tensor([1.0]))),
        'put_numel': message(lambda: torch.ones(2, 3).put_(torch.tensor([1]), torch.tensor([1.0, 2.0]))),
        'cross_no3': message(lambda: torch.ones(2, 2).cross(torch.ones(2, 2))),
        'resize': message(lambda: torch.ones(2, 3).resize(4)),
    }


def grad_case():
    """d/dx of sum(w * f(x * 1)) through in-place ops on a non-leaf."""
    x = rounded(2, 3, low=0.2, high=0.8, dtype=torch.float64).requires_grad_()
    w = rounded(2, 3, low=-1, high=1, dtype=torch.float64)
    y = x * 1
    y.asin_().mul_(2).cosh_()
    y.t_()
    z = y.clone()
    z.xlogy_(y.detach() + 1)
    z.eq_(z)
    (w * (y.t() + z.t())).sum().backward()
    return {'x': enc(x), 'w': enc(w), 'grad': enc(x.grad)}


if __name__ == '__main__':
    write('tensor_methods.json', {
        'inplace': inplace_cases(), 'predicates': predicate_cases(), 'views': view_cases(), 'methods': method_cases(),
        'errors': error_cases(), 'grad': grad_case(),
    })
