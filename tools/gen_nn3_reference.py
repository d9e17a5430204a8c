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


def layer_cases():
    ref.GEN.manual_seed(20261210)
    fractional_cases()
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
    }


def module_cases():
    modules = {'fmp2d': nn.FractionalMaxPool2d(2, output_size=3),
               'fmp3d': nn.FractionalMaxPool3d((2, 1, 2), output_ratio=0.5)}
    return {'modules': {k: {'repr': repr(m), 'keys': list(m.state_dict().keys())} for k, m in modules.items()},
            'errors': {k: ref.error_of(fn) for k, fn in error_cases().items()}}


def main(only):
    want = lambda name: not only or name in only
    cases = layer_cases()
    if want('nn3_layers.json'):
        ref.write('nn3_layers.json', cases)
    if want('nn3_modules.json'):
        ref.write('nn3_modules.json', module_cases())


if __name__ == '__main__':
    main(sys.argv[1:])
