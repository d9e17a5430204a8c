#!/usr/bin/python3
"""Writes PyTorch's answers for torch4j's third round of nn modules and utilities
(org.torch4j.conformance.Nn3Test and Nn3ModuleTest): fractional max pooling, the lazy modules,
torch.nn.utils.parametrize / parametrizations and torch.nn.utils.prune.

Run with Debian's interpreter, which has PyTorch (1.13):

    /usr/bin/python3 tools/gen_nn3_reference.py [file ...]

It writes, under api/src/test/resources/reference/nn/ (only the files named, or all):
  nn3_layers.json   cases in the form of tools/gen_nn_reference.py's layer cases (forward outputs,
                    input and parameter gradients in float32 and float64, repr, state_dict keys; every
                    case also asks the Java side for gradcheck and gradgradcheck);
  nn3_modules.json  reprs, seeded initial states, state-dict layouts, masks and PyTorch's errors (type and
                    message) for what Nn3ModuleTest builds in Java.

It reuses gen_nn_reference.py's case machinery, reseeding its generator first, so the values do not
depend on that script's cases.
"""
import os
import sys
import warnings

import torch
import torch.nn as nn
import torch.nn.functional as F

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import gen_nn_reference as ref  # noqa: E402

warnings.filterwarnings('ignore', category=UserWarning)


def fractional_cases():
    def samples(*shape):
        # away from the float32/float64 rounding edges of the interval formula is not needed: each dtype
        # computes in its own precision, as PyTorch's kernels do
        return torch.rand(shape, generator=ref.GEN)

    for d in (2, 3):
        fn = F.fractional_max_pool2d_with_indices if d == 2 else F.fractional_max_pool3d_with_indices
        x = ref.distinct(2, 2, 7, 6) if d == 2 else ref.distinct(1, 2, 7, 6, 5)
        for name, kernel, out, ratio in (('size', [2], [3], None), ('rect', [3, 2] + [2] * (d - 2), [4, 3] + [2] * (d - 2), None),
                                         ('ratio', [2], None, [0.5]), ('ratio_rect', [2], None, [0.6, 0.5] + [0.7] * (d - 2))):
            one = lambda v: None if v is None else (v[0] if len(v) == 1 else tuple(v))
            args = {'kernel_size': kernel, 'output_size': out, 'output_ratio': ratio}
            s = samples(x.size(0), x.size(1), d)
            ref.fn_case(f'fractional_max_pool{d}d_{name}', args,
                        lambda t, u, kernel_size, output_size, output_ratio: fn(t, one(kernel_size), output_size=one(output_size),
                                                                                output_ratio=one(output_ratio), _random_samples=u),
                        [x, s], kind=f'F.fractional_max_pool{d}d_with_indices', diff=[True, False])
        # unbatched input: one sample row per channel
        xu = ref.distinct(3, 6, 7) if d == 2 else ref.distinct(2, 5, 5, 6)
        ref.fn_case(f'fractional_max_pool{d}d_unbatched', {'kernel_size': [2], 'output_size': [3], 'output_ratio': None},
                    lambda t, u, kernel_size, output_size, output_ratio: fn(t, 2, output_size=3, _random_samples=u),
                    [xu, samples(1, xu.size(0), d)], kind=f'F.fractional_max_pool{d}d_with_indices', diff=[True, False])
        # the module, drawing its samples from the global generator (seeded per call) in the input's dtype
        cls = nn.FractionalMaxPool2d if d == 2 else nn.FractionalMaxPool3d
        xm = ref.distinct(2, 3, 8, 7) if d == 2 else ref.distinct(2, 2, 6, 6, 7)
        ref.case(f'fractional_max_pool{d}d_module', f'FractionalMaxPool{d}d', {'kernel_size': [2], 'output_ratio': [0.5]},
                 lambda: cls(2, output_ratio=0.5), ref.single, [xm], perturb=False, seed=77 + d, gradgradcheck=True)
        ref.case(f'fractional_max_pool{d}d_module_size', f'FractionalMaxPool{d}d', {'kernel_size': [3], 'output_size': [3]},
                 lambda: cls(3, output_size=3), ref.single, [xm], perturb=False, seed=80 + d, gradgradcheck=True)


def cross_map_cases():
    """CrossMapLRN2d, values and gradients as PyTorch's. Its forward's running window never drops channel 0 and its
    backward uses another window, so its backward is not its forward's derivative: PyTorch's own gradcheck fails for
    every size and channel count (checked for sizes 2 to 5), and so would ours. The Java side runs gradgradcheck, which
    checks the backward's own derivative."""
    for name, args, shape in (('cross_map_lrn2d', (5,), (2, 3, 2, 3)),
                              ('cross_map_lrn2d_window', (3, 0.5, 0.75, 2), (1, 6, 2, 2)),
                              ('cross_map_lrn2d_even', (2, 0.3, 0.6, 1.5), (2, 4, 1, 3))):
        full = args + (1e-4, 0.75, 1)[len(args) - 1:]
        ref.case(name, 'CrossMapLRN2d', {'size': full[0], 'alpha': full[1], 'beta': full[2], 'k': full[3]},
                 lambda a=args: nn.CrossMapLRN2d(*a), ref.single, [ref.rnd(*shape)], perturb=False, gradcheck=False,
                 gradgradcheck=True)


def adaptive_softmax_cases():
    """AdaptiveLogSoftmaxWithLoss: output and loss for targets in the shortlist and every cluster, batched and not; the
    full log-probabilities and predictions."""
    def build(a):
        return lambda: nn.AdaptiveLogSoftmaxWithLoss(a['in_features'], a['n_classes'], a['cutoffs'], div_value=a['div_value'],
                                                     head_bias=a['head_bias'])
    a = {'in_features': 8, 'n_classes': 10, 'cutoffs': [3, 6], 'div_value': 2.0, 'head_bias': False}
    t = torch.tensor([0, 4, 9, 2, 6, 5, 8])
    ref.case('adaptive_log_softmax', 'AdaptiveLogSoftmaxWithLoss', a, build(a), lambda m, x, y: tuple(m(x, y)),
             [ref.rnd(7, 8), t], diff=[True, False], gradgradcheck=True)
    b = {'in_features': 6, 'n_classes': 7, 'cutoffs': [2], 'div_value': 4.0, 'head_bias': True}
    ref.case('adaptive_log_softmax_unbatched', 'AdaptiveLogSoftmaxWithLoss', b, build(b), lambda m, x, y: tuple(m(x, y)),
             [ref.rnd(6), torch.tensor(5)], diff=[True, False], gradgradcheck=True)
    ref.case('adaptive_log_softmax_log_prob', 'AdaptiveLogSoftmaxWithLoss.log_prob', a, build(a),
             lambda m, x: (m.log_prob(x), m.predict(x)), [ref.rnd(4, 8)], gradgradcheck=True)


def layer_cases():
    ref.GEN.manual_seed(20261210)
    fractional_cases()
    ref.GEN.manual_seed(20261212)
    cross_map_cases()
    ref.GEN.manual_seed(20261213)
    adaptive_softmax_cases()
    return {'cases': ref.CASES}


def error_cases():
    z = torch.zeros
    x = z(1, 2, 5, 5)
    u = lambda *s, dtype=torch.float32: torch.full(s, 0.5, dtype=dtype)
    return {
        'fmp2d_samples_dtype': lambda: F.fractional_max_pool2d(x, 2, output_size=3, _random_samples=u(1, 2, 2, dtype=torch.float64)),
        'fmp2d_pool_too_large': lambda: F.fractional_max_pool2d(x, 2, output_size=5, _random_samples=u(1, 2, 2)),
        'fmp2d_width_too_large': lambda: F.fractional_max_pool2d(x, [1, 3], output_size=4, _random_samples=u(1, 2, 2)),
        'fmp2d_no_size': lambda: F.fractional_max_pool2d(x, 2),
        'fmp2d_long': lambda: F.fractional_max_pool2d(x.long(), 2, output_size=3),
        'fmp2d_rank': lambda: F.fractional_max_pool2d(z(5, 5), 2, output_size=3),
        'fmp2d_rank_5d': lambda: F.fractional_max_pool2d(z(1, 1, 1, 5, 5), 2, output_size=3, _random_samples=u(1, 1, 2)),
        'fmp2d_empty': lambda: F.fractional_max_pool2d(z(1, 0, 4, 4), 2, output_size=2, _random_samples=u(1, 0, 2)),
        'fmp2d_module_none': lambda: nn.FractionalMaxPool2d(2),
        'fmp2d_module_both': lambda: nn.FractionalMaxPool2d(2, output_size=2, output_ratio=0.5),
        'fmp2d_module_ratio': lambda: nn.FractionalMaxPool2d(2, output_ratio=1.5),
        'fmp2d_module_ratio_pair': lambda: nn.FractionalMaxPool2d(2, output_ratio=(0.5, 1.0)),
        'fmp3d_module_ratio': lambda: nn.FractionalMaxPool3d(2, output_ratio=0.0),
        'fmp3d_module_none': lambda: nn.FractionalMaxPool3d(2),
        'fmp3d_time_too_large': lambda: F.fractional_max_pool3d(z(1, 1, 4, 4, 4), 2, output_size=3, _random_samples=u(1, 1, 3)),
        'fmp3d_width_before_height': lambda: F.fractional_max_pool3d(z(1, 1, 6, 5, 5), 2, output_size=4, _random_samples=u(1, 1, 3)),
        'fmp3d_rank': lambda: F.fractional_max_pool3d(z(4, 4), 2, output_size=2),
        'fmp3d_no_size': lambda: F.fractional_max_pool3d(z(1, 1, 4, 4, 4), 2),
        'lazy_into_eager': lambda: nn.Linear(5, 3).load_state_dict(nn.LazyLinear(3).state_dict()),
        'lazy_bn_into_eager': lambda: nn.BatchNorm1d(2).load_state_dict(nn.LazyBatchNorm1d().state_dict()),
        'lazy_conv_groups': lambda: nn.LazyConv2d(4, 3, groups=2)(z(1, 3, 5, 5)),
        'lazy_conv_rank': lambda: nn.LazyConv2d(4, 3)(z(2, 2)),
        'lazy_conv_transpose_rank': lambda: nn.LazyConvTranspose1d(4, 3)(z(2, 2, 2, 2)),
        'lazy_linear_scalar': lambda: nn.LazyLinear(3)(z(())),
        'lazy_batch_norm_1d_input': lambda: nn.LazyBatchNorm1d()(z(3)),
    }


def kind_of(v):
    if isinstance(v, nn.parameter.UninitializedParameter):
        return 'UninitializedParameter'
    if isinstance(v, nn.parameter.UninitializedBuffer):
        return 'UninitializedBuffer'
    return 'tensor'


def lazy_cases():
    """Each lazy module built after seeding, then run once: its print form and state-dict layout before, and
    its output, state and print form after (the initialisation draws in the first forward)."""
    builds = {
        'linear': (lambda: nn.LazyLinear(4), (2, 3)),
        'linear_no_bias_3d': (lambda: nn.LazyLinear(3, bias=False), (2, 5, 3)),
        'conv1d': (lambda: nn.LazyConv1d(4, 3, stride=2), (2, 3, 7)),
        'conv2d_groups': (lambda: nn.LazyConv2d(4, 3, padding=1, groups=2), (1, 2, 5, 5)),
        'conv2d_unbatched': (lambda: nn.LazyConv2d(2, (2, 3), padding_mode='reflect', padding=1), (3, 4, 5)),
        'conv3d': (lambda: nn.LazyConv3d(2, 2, bias=False, dilation=(1, 2, 1)), (1, 2, 3, 4, 3)),
        'conv_transpose1d': (lambda: nn.LazyConvTranspose1d(3, 2, stride=2), (2, 2, 4)),
        'conv_transpose2d': (lambda: nn.LazyConvTranspose2d(4, 3, stride=2, output_padding=1, groups=2), (1, 2, 3, 3)),
        'conv_transpose3d': (lambda: nn.LazyConvTranspose3d(2, 2), (1, 3, 2, 2, 2)),
        'batch_norm1d': (lambda: nn.LazyBatchNorm1d(), (4, 3)),
        'batch_norm2d_cumulative': (lambda: nn.LazyBatchNorm2d(momentum=None), (2, 3, 2, 2)),
        'batch_norm3d_no_affine': (lambda: nn.LazyBatchNorm3d(affine=False), (2, 2, 2, 2, 2)),
        'instance_norm1d': (lambda: nn.LazyInstanceNorm1d(), (2, 3, 4)),
        'instance_norm2d_plain': (lambda: nn.LazyInstanceNorm2d(affine=False, track_running_stats=False), (2, 3, 3, 3)),
        'instance_norm3d_no_stats': (lambda: nn.LazyInstanceNorm3d(eps=1e-3, track_running_stats=False), (2, 2, 2, 3, 2)),
    }
    out = {}
    for k, (build, shape) in builds.items():
        x = ref.rnd(*shape)
        seed = 300 + len(out)
        torch.manual_seed(seed)
        m = build()
        before = {'repr': repr(m), 'keys': list(m.state_dict().keys()),
                  'kinds': [kind_of(v) for v in m.state_dict().values()]}
        y = m(x)
        out[k] = {'seed': seed, 'input': ref.enc(x), 'before': before, 'output': ref.enc(y.detach()),
                  'state': {n: ref.enc(v) for n, v in m.state_dict().items()}, 'repr': repr(m)}
    return out


def lazy_extra():
    """Loading into and from lazy modules, an optimizer built before the first forward, a lazy module cast first."""
    r = {}
    torch.manual_seed(11)
    eager = nn.Linear(5, 3)
    lazy = nn.LazyLinear(3)
    lazy.load_state_dict(eager.state_dict())
    x = ref.rnd(2, 5)
    r['loaded'] = {'eager_state': {n: ref.enc(v) for n, v in eager.state_dict().items()}, 'repr_after_load': repr(lazy),
                   'input': ref.enc(x), 'output': ref.enc(lazy(x).detach()), 'repr_after_forward': repr(lazy)}
    bn = nn.LazyBatchNorm2d()
    # num_batches_tracked given: PyTorch adds it to a plain dict without version metadata, which Java maps never carry
    res = bn.load_state_dict({'weight': torch.tensor([1.5, 0.5]), 'num_batches_tracked': torch.tensor(3)}, strict=False)
    r['partial'] = {'missing': res.missing_keys, 'unexpected': res.unexpected_keys, 'repr': repr(bn),
                    'kinds': [kind_of(v) for v in bn.state_dict().values()], 'weight': ref.enc(bn.weight.detach())}
    torch.manual_seed(12)
    m = nn.LazyLinear(2)
    opt = torch.optim.SGD(m.parameters(), lr=0.1, momentum=0.9)
    x = ref.rnd(3, 4)
    for _ in range(2):
        opt.zero_grad()
        m(x).pow(2).sum().backward()
        opt.step()
    r['optimizer_first'] = {'seed': 12, 'input': ref.enc(x), 'state': {n: ref.enc(v) for n, v in m.state_dict().items()}}
    torch.manual_seed(13)
    m = nn.LazyConv1d(2, 2).to(torch.float64)
    x = ref.rnd(1, 3, 4).double()
    r['cast_first'] = {'seed': 13, 'input': ref.enc(x), 'output': ref.enc(m(x).detach()),
                       'state': {n: ref.enc(v) for n, v in m.state_dict().items()}}
    return r


class Symmetric(nn.Module):
    def forward(self, X):
        return X.triu() + X.triu(1).transpose(-1, -2)

    def right_inverse(self, A):
        return A.triu()


class Scale(nn.Module):
    def __init__(self, s):
        super().__init__()
        self.s = s

    def forward(self, X):
        return X * self.s

    def right_inverse(self, A):
        return A / self.s


class Exp(nn.Module):
    """No right inverse."""
    def forward(self, X):
        return X.exp()


class Counting(nn.Module):
    def __init__(self):
        super().__init__()
        self.calls = 0

    def forward(self, X):
        self.calls += 1
        return X * 1.0


class Row(nn.Module):
    def forward(self, X):
        return X[0]


class Double(nn.Module):
    def forward(self, X):
        return X.double()


class RowInverse(nn.Module):
    def forward(self, X):
        return X

    def right_inverse(self, X):
        return X[0]


class DoubleInverse(nn.Module):
    def forward(self, X):
        return X

    def right_inverse(self, X):
        return X.double()


def state_of(m):
    return {n: ref.enc(v.detach()) for n, v in m.state_dict().items()}


def parametrize_cases():
    """A Linear with two chained parametrizations: layout, values and gradients; assignment through the right
    inverses; removal leaving the parametrized value or the original; caching."""
    import torch.nn.utils.parametrize as P
    r = {}
    torch.manual_seed(21)
    m = nn.Linear(3, 3)
    r['initial'] = state_of(m)
    P.register_parametrization(m, 'weight', Symmetric())
    r['after_first'] = {'repr': repr(m), 'state': state_of(m), 'weight': ref.enc(m.weight.detach())}
    P.register_parametrization(m, 'weight', Scale(2.0))
    x = ref.rnd(2, 3)
    y = m(x)
    y.pow(2).sum().backward()
    r['chained'] = {'repr': repr(m), 'state': state_of(m), 'weight': ref.enc(m.weight.detach()), 'input': ref.enc(x),
                    'output': ref.enc(y.detach()), 'params': [n for n, _ in m.named_parameters()],
                    'grads': {n: ref.enc(p.grad) for n, p in m.named_parameters()},
                    'parametrized': [P.is_parametrized(m), P.is_parametrized(m, 'weight'), P.is_parametrized(m, 'bias')]}
    value = ref.rnd(3, 3)
    m.weight = value
    r['assigned'] = {'value': ref.enc(value), 'state': state_of(m), 'weight': ref.enc(m.weight.detach())}
    P.remove_parametrizations(m, 'weight')
    r['removed'] = {'repr': repr(m), 'state': state_of(m)}
    torch.manual_seed(22)
    m = nn.Linear(2, 3)
    P.register_parametrization(m, 'weight', Exp())
    P.register_parametrization(m, 'bias', Scale(-1.5))
    r['two_tensors'] = {'repr': repr(m), 'state': state_of(m), 'keys': list(m.state_dict().keys())}
    P.remove_parametrizations(m, 'weight', leave_parametrized=False)
    r['two_tensors_removed_original'] = {'repr': repr(m), 'state': state_of(m)}
    c = Counting()
    m = nn.Linear(2, 2)
    P.register_parametrization(m, 'weight', c)
    c.calls = 0
    with P.cached():
        m(torch.ones(1, 2))
        m(torch.ones(1, 2))
    cached_calls = c.calls
    m(torch.ones(1, 2))
    m(torch.ones(1, 2))
    r['cached_calls'] = [cached_calls, c.calls - cached_calls]
    return r


def parametrize_errors():
    import torch.nn.utils.parametrize as P

    def chained():
        m = nn.Linear(3, 3)
        P.register_parametrization(m, 'weight', Symmetric())
        P.register_parametrization(m, 'weight', Scale(2.0))
        return m

    def one(p=None):
        m = nn.Linear(3, 3)
        P.register_parametrization(m, 'weight', p or Symmetric())
        return m

    return {
        'param_unknown_name': lambda: P.register_parametrization(chained(), 'foo', Scale(2.0)),
        'param_remove_unparametrized': lambda: P.remove_parametrizations(chained(), 'bias'),
        'param_remove_plain': lambda: P.remove_parametrizations(nn.Linear(2, 2), 'weight'),
        'param_shape': lambda: P.register_parametrization(nn.Linear(3, 4), 'weight', Row()),
        'param_dtype': lambda: P.register_parametrization(nn.Linear(3, 4), 'weight', Double()),
        'param_inverse_dtype': lambda: P.register_parametrization(nn.Linear(3, 4), 'weight', DoubleInverse()),
        'param_append_shape': lambda: P.register_parametrization(one(), 'weight', Row()),
        'param_append_dtype': lambda: P.register_parametrization(one(), 'weight', Double()),
        'param_append_inverse_shape': lambda: P.register_parametrization(one(), 'weight', RowInverse()),
        'param_append_inverse_dtype': lambda: P.register_parametrization(one(), 'weight', DoubleInverse()),
        'param_assign_no_inverse': lambda: setattr(one(Exp()), 'weight', torch.zeros(3, 3)),
        'param_symmetric_not_square': lambda: P.register_parametrization(nn.Linear(3, 4), 'weight', Symmetric()),
    }


def spectral_cases():
    """parametrizations.spectral_norm: its buffers drawn after seeding, two training forwards (a power iteration each),
    gradients, an eval forward; a transposed convolution (dim 1) and a 1-d parameter."""
    from torch.nn.utils import parametrizations
    r = {}
    torch.manual_seed(41)
    m = nn.Linear(5, 4)
    r['initial'] = state_of(m)
    torch.manual_seed(42)
    parametrizations.spectral_norm(m)
    r['registered'] = {'repr': repr(m), 'state': state_of(m)}
    x = ref.rnd(3, 5)
    outs = [m(x), m(x)]
    (outs[0].pow(2).sum() + outs[1].sum()).backward()
    m.eval()
    r['forward'] = {'input': ref.enc(x), 'outputs': [ref.enc(o.detach()) for o in outs], 'state': state_of(m),
                    'grads': {n: ref.enc(p.grad) for n, p in m.named_parameters()}, 'eval_output': ref.enc(m(x).detach())}
    torch.manual_seed(43)
    c = nn.ConvTranspose2d(3, 2, 2)
    r['conv_initial'] = state_of(c)
    torch.manual_seed(44)
    parametrizations.spectral_norm(c, n_power_iterations=2)
    parametrizations.spectral_norm(c, 'bias', dim=0)
    xc = ref.rnd(1, 3, 2, 2)
    r['conv'] = {'repr': repr(c), 'state_before': state_of(c), 'input': ref.enc(xc), 'output': ref.enc(c(xc).detach()),
                 'state': state_of(c)}
    return r


def orthogonal_cases():
    """parametrizations.orthogonal in float64 on square, tall and wide weights with each map: the state after
    registering (base, the original at minus the identity), the orthogonal weight, an output and the original's
    gradient; the matrix exponential without the trivialization."""
    from torch.nn.utils import parametrizations
    r = {}
    for k, (i, o, m, triv) in enumerate(((4, 4, None, True), (3, 5, None, True), (5, 3, 'cayley', True),
                                         (4, 4, 'householder', True), (3, 3, 'matrix_exp', False), (3, 5, 'matrix_exp', True))):
        torch.manual_seed(61 + k)
        lin = nn.Linear(i, o).double()
        initial = state_of(lin)
        torch.manual_seed(71 + k)
        parametrizations.orthogonal(lin, orthogonal_map=m, use_trivialization=triv)
        registered = state_of(lin)
        x = ref.rnd(2, i).double()
        y = lin(x)
        y.pow(2).sum().backward()
        r[f'{i}x{o}_{m}_{triv}'] = {'in': i, 'out': o, 'map': m, 'trivialization': triv, 'initial': initial,
                                    'repr': repr(lin), 'state': registered, 'weight': ref.enc(lin.weight.detach()),
                                    'input': ref.enc(x), 'output': ref.enc(y.detach()),
                                    'grad': ref.enc(lin.parametrizations.weight.original.grad)}
    return r


def fusion_cases():
    """fuse_conv_bn_eval (a convolution without bias, a transposed one) and fuse_linear_bn_eval: the pair's states,
    the fused module's print form and state, and its output."""
    from torch.nn.utils import fusion
    r = {}
    for k, (layer, bn, shape, transpose) in enumerate((
            (lambda: nn.Conv2d(2, 3, 2, bias=False), lambda: nn.BatchNorm2d(3), (1, 2, 3, 3), False),
            (lambda: nn.ConvTranspose2d(3, 2, 2, stride=2), lambda: nn.BatchNorm2d(2), (1, 3, 2, 2), True),
            (lambda: nn.Linear(4, 3), lambda: nn.BatchNorm1d(3), (2, 4), None))):
        torch.manual_seed(51 + k)
        a, b = layer(), bn()
        ref.perturb_state(b)
        a.eval()
        b.eval()
        fused = fusion.fuse_linear_bn_eval(a, b) if transpose is None else fusion.fuse_conv_bn_eval(a, b, transpose)
        x = ref.rnd(*shape)
        r[['conv', 'conv_transpose', 'linear'][k]] = {'layer': state_of(a), 'bn': state_of(b), 'repr': repr(fused),
                                                       'state': state_of(fused), 'input': ref.enc(x),
                                                       'output': ref.enc(fused(x).detach())}
    return r


def prune_cases():
    """Pruning a Linear three times (masks multiplying through a PruningContainer), the random methods seeded just
    before they draw, global pruning over two modules, removal."""
    import torch.nn.utils.prune as prune
    r = {}
    torch.manual_seed(31)
    m = nn.Linear(5, 4)
    r['initial'] = state_of(m)
    prune.l1_unstructured(m, 'weight', amount=0.3)
    r['l1'] = {'keys': list(m.state_dict().keys()), 'mask': ref.enc(m.weight_mask), 'params': [n for n, _ in m.named_parameters()],
               'buffers': [n for n, _ in m.named_buffers()], 'pruned': prune.is_pruned(m)}
    x = ref.rnd(2, 5)
    y = m(x)
    y.pow(2).sum().backward()
    r['l1']['input'] = ref.enc(x)
    r['l1']['output'] = ref.enc(y.detach())
    r['l1']['grads'] = {n: ref.enc(p.grad) for n, p in m.named_parameters()}
    prune.l1_unstructured(m, 'weight', amount=3)
    r['l1_again'] = ref.enc(m.weight_mask)
    prune.ln_structured(m, 'weight', amount=1, n=2, dim=0)
    r['ln_after'] = ref.enc(m.weight_mask)
    torch.manual_seed(34)
    prune.random_structured(m, 'weight', amount=0.5, dim=1)
    r['random_structured_after'] = ref.enc(m.weight_mask)
    r['weight'] = ref.enc(m.weight.detach())
    prune.remove(m, 'weight')
    r['removed'] = {'state': state_of(m), 'pruned': prune.is_pruned(m)}

    torch.manual_seed(32)
    m = nn.Linear(5, 4)
    r['random_initial'] = state_of(m)
    torch.manual_seed(35)
    prune.random_unstructured(m, 'weight', amount=0.45)
    r['random_unstructured'] = ref.enc(m.weight_mask)
    torch.manual_seed(36)
    prune.random_unstructured(m, 'weight', amount=4)
    r['random_unstructured_again'] = ref.enc(m.weight_mask)

    torch.manual_seed(33)
    c = nn.Conv2d(3, 4, 2)
    r['conv_initial'] = state_of(c)
    scores = ref.rnd(4, 3, 2, 2)
    prune.ln_structured(c, 'weight', amount=0.5, n=float('inf'), dim=0, importance_scores=scores)
    r['conv_ln_inf'] = {'scores': ref.enc(scores), 'mask': ref.enc(c.weight_mask)}
    prune.identity(c, 'bias')
    mask = (ref.rnd(4, 3, 2, 2) > 0).float()
    prune.custom_from_mask(c, 'weight', mask)
    r['conv_custom'] = {'mask_given': ref.enc(mask), 'mask': ref.enc(c.weight_mask), 'keys': list(c.state_dict().keys()),
                        'bias_mask': ref.enc(c.bias_mask)}

    torch.manual_seed(37)
    a, b = nn.Linear(4, 3), nn.Linear(3, 2)
    r['global_initial'] = [state_of(a), state_of(b)]
    prune.l1_unstructured(a, 'weight', amount=2)
    prune.global_unstructured([(a, 'weight'), (b, 'weight'), (b, 'bias')], pruning_method=prune.L1Unstructured, amount=0.4)
    r['global'] = {'masks': [ref.enc(a.weight_mask), ref.enc(b.weight_mask), ref.enc(b.bias_mask)],
                   'keys': [list(a.state_dict().keys()), list(b.state_dict().keys())]}
    return r


def prune_errors():
    import torch.nn.utils.prune as prune
    return {
        'prune_amount_fraction': lambda: prune.l1_unstructured(nn.Linear(3, 2), 'weight', amount=1.5),
        'prune_amount_negative': lambda: prune.random_unstructured(nn.Linear(3, 2), 'weight', amount=-1),
        'prune_amount_count': lambda: prune.l1_unstructured(nn.Linear(3, 2), 'weight', amount=7),
        'prune_structured_1d': lambda: prune.ln_structured(nn.Linear(3, 2), 'bias', amount=1, n=2, dim=0),
        'prune_structured_dim': lambda: prune.random_structured(nn.Linear(3, 2), 'weight', amount=1, dim=2),
        'prune_remove_unpruned': lambda: prune.remove(nn.Linear(3, 2), 'weight'),
        'sn_iterations': lambda: torch.nn.utils.parametrizations.spectral_norm(nn.Linear(3, 2), n_power_iterations=0),
        'sn_dim': lambda: torch.nn.utils.parametrizations.spectral_norm(nn.Linear(3, 2), dim=2),
        'sn_name': lambda: torch.nn.utils.parametrizations.spectral_norm(nn.Linear(3, 2), 'foo'),
        'fusion_training': lambda: torch.nn.utils.fusion.fuse_linear_bn_eval(nn.Linear(3, 2), nn.BatchNorm1d(2)),
        'asm_cutoffs': lambda: nn.AdaptiveLogSoftmaxWithLoss(8, 10, [6, 3]),
        'asm_cutoffs_range': lambda: nn.AdaptiveLogSoftmaxWithLoss(8, 10, [3, 10]),
        'asm_target_range': lambda: nn.AdaptiveLogSoftmaxWithLoss(4, 10, [3])(torch.zeros(2, 4), torch.tensor([1, 12])),
        'asm_multi_target': lambda: nn.AdaptiveLogSoftmaxWithLoss(4, 10, [3])(torch.zeros(2, 4), torch.zeros(2, 2, dtype=torch.long)),
        'asm_batch': lambda: nn.AdaptiveLogSoftmaxWithLoss(4, 10, [3])(torch.zeros(2, 4), torch.tensor([1, 2, 3])),
        'orthogonal_vector': lambda: torch.nn.utils.parametrizations.orthogonal(nn.Linear(3, 2), 'bias'),
        'orthogonal_map': lambda: torch.nn.utils.parametrizations.orthogonal(nn.Linear(3, 2), orthogonal_map='qr'),
        'prune_global_structured': lambda: prune.global_unstructured([(nn.Linear(3, 2), 'weight')],
                                                                     pruning_method=prune.RandomStructured, amount=1, dim=0),
    }


def module_cases():
    ref.GEN.manual_seed(20261211)
    modules = {'fmp2d': nn.FractionalMaxPool2d(2, output_size=3),
               'fmp3d': nn.FractionalMaxPool3d((2, 1, 2), output_ratio=0.5)}
    return {'modules': {k: {'repr': repr(m), 'keys': list(m.state_dict().keys())} for k, m in modules.items()},
            'errors': {k: ref.error_of(fn) for k, fn in dict(error_cases(), **parametrize_errors(), **prune_errors()).items()},
            'parametrize': parametrize_cases(),
            'prune': prune_cases(),
            'spectral_norm': spectral_cases(),
            'fusion': fusion_cases(),
            'orthogonal': orthogonal_cases(),
            'lazy': lazy_cases(), 'lazy_extra': lazy_extra()}


def main(only):
    want = lambda name: not only or name in only
    cases = layer_cases()
    if want('nn3_layers.json'):
        ref.write('nn3_layers.json', cases)
    if want('nn3_modules.json'):
        ref.write('nn3_modules.json', module_cases())


if __name__ == '__main__':
    main(sys.argv[1:])
