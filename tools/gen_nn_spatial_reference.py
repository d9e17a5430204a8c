#!/usr/bin/python3
"""Writes PyTorch's answers for torch4j's spatial nn ops (org.torch4j.conformance.NnSpatialTest and
NnSpatialModuleTest): grid_sample, affine_grid, interpolate and the 3-d layers added with them.

Run with Debian's interpreter, which has PyTorch (1.13):

    /usr/bin/python3 tools/gen_nn_spatial_reference.py [file ...]

It writes, under api/src/test/resources/reference/nn/ (only the files named, or all):
  spatial_layers.json   cases in the form of tools/gen_nn_reference.py's layer cases (forward outputs,
                        input and parameter gradients in float32 and float64, repr, state_dict keys;
                        every case also asks the Java side for gradcheck and gradgradcheck);
  spatial_modules.json  reprs of the new modules' other constructor forms, and PyTorch's error (type
                        and message) for each bad input NnSpatialModuleTest makes in Java.

It reuses gen_nn_reference.py's case machinery, reseeding its generator first, so the values do not
depend on that script's cases.
"""
import math
import os
import sys
import warnings

import torch
import torch.nn as nn
import torch.nn.functional as F

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import gen_nn_reference as ref  # noqa: E402

warnings.filterwarnings('ignore', category=UserWarning)


def grid_points(n, out, sizes, align, outside=1.5):
    """[n, *out, d] grid values whose pixel positions (x along sizes[0], y along sizes[1], ...) sit
    between 0.1 and 0.4 or 0.6 and 0.9 past an integer: away from the kinks of floor, round and the
    border and reflection edges, so the grid's gradient is defined and gradcheck can see it. Some
    positions fall up to `outside` input sizes beyond the edges."""
    d = len(sizes)
    shape = (n, *out, d)
    cols = []
    for k, s in enumerate(sizes):
        lo, hi = -outside * s, (1 + outside) * s - 1
        whole = torch.randint(math.floor(lo), math.ceil(hi) + 1, (n, *out), generator=ref.GEN).double()
        frac = torch.rand((n, *out), generator=ref.GEN, dtype=torch.float64) * 0.3 + 0.1
        frac = torch.where(torch.rand((n, *out), generator=ref.GEN) < 0.5, frac, frac + 0.5)
        p = whole + frac
        # pixel position -> normalised coordinate, the inverse of grid_sample's unnormalisation
        g = p * 2 / (s - 1) - 1 if align and s > 1 else (2 * p + 1) / s - 1
        cols.append(g)
    return torch.stack(cols, -1).reshape(shape).float()


def grid_sample_cases():
    for d, modes in ((2, ('bilinear', 'nearest', 'bicubic')), (3, ('bilinear', 'nearest'))):
        for mode in modes:
            for padding in ('zeros', 'border', 'reflection'):
                for align in (False, True):
                    if d == 2:
                        x = ref.rnd(2, 2, 3, 4)
                        grid = grid_points(2, (2, 3), (4, 3), align)
                    else:
                        x = ref.rnd(1, 2, 2, 3, 3)
                        grid = grid_points(1, (2, 2, 2), (3, 3, 2), align)
                    args = {'mode': mode, 'padding_mode': padding, 'align_corners': align}
                    name = f'grid_sample{d}d_{mode}_{padding}' + ('_align' if align else '')
                    # bicubic's grid gradient sums 16 taps whose coefficient slopes add up to 0: where the
                    # taps read equal values (border, reflection) float32 leaves a few 1e-6 of the input's
                    # scale in any summation order (PyTorch's own float32 answer is off from 0 by 1.3e-6)
                    tol = {'float32': [1e-5, 5e-6]} if mode == 'bicubic' else None
                    ref.fn_case(name[len('grid_sample'):], args, F.grid_sample, [x, grid], kind='F.grid_sample', tol=tol)
                    ref.CASES[-1]['name'] = name
    # unit-size dims (align_corners scales them by 0), a wide grid reflected many times, the defaults
    ref.fn_case('grid_sample_unit_height', {'mode': 'bilinear', 'padding_mode': 'border', 'align_corners': True},
                F.grid_sample, [ref.rnd(1, 2, 1, 4), grid_points(1, (3, 2), (4, 1), True)], kind='F.grid_sample')
    ref.fn_case('grid_sample_far_reflection', {'mode': 'bicubic', 'padding_mode': 'reflection', 'align_corners': False},
                F.grid_sample, [ref.rnd(1, 1, 3, 3), grid_points(1, (2, 4), (3, 3), False, outside=4)],
                kind='F.grid_sample', tol={'float32': [1e-5, 5e-6]})
    ref.fn_case('grid_sample_defaults', {}, F.grid_sample, [ref.rnd(1, 3, 4, 4), grid_points(1, (3, 3), (4, 4), False)],
                kind='F.grid_sample')


def affine_grid_cases():
    for d in (2, 3):
        for align in (False, True):
            theta = ref.rnd(2, d, d + 1)
            size = [2, 3, 4, 5] if d == 2 else [2, 1, 3, 2, 4]
            ref.fn_case(f'affine_grid{d}d' + ('_align' if align else ''), {'size': size, 'align_corners': align},
                        F.affine_grid, [theta], kind='F.affine_grid')
    ref.fn_case('affine_grid_unit_align', {'size': [1, 1, 1, 3], 'align_corners': True}, F.affine_grid, [ref.rnd(1, 2, 3)],
                kind='F.affine_grid')
    # a spatial transformer: the grid of theta sampled bilinearly, differentiable in the image and theta
    theta = torch.tensor([[[0.9, -0.3, 0.12], [0.25, 1.1, -0.07]], [[1.2, 0.1, -0.2], [-0.15, 0.8, 0.31]]])
    ref.fn_case('affine_grid_sample', {'align_corners': False},
                lambda x, t, align_corners: F.grid_sample(x, F.affine_grid(t, [2, 2, 5, 4], align_corners),
                                                          align_corners=align_corners),
                [ref.rnd(2, 2, 4, 3), theta], kind='F.affine_grid_sample')


def interpolate_cases():
    def interp(name, x, size=None, scale=None, mode='nearest', align=None, recompute=None):
        args = {'size': size, 'scale_factor': scale, 'mode': mode, 'align_corners': align, 'recompute_scale_factor': recompute}
        # one value (Java's one-element array) is PyTorch's int or float for every dim
        one = lambda v: v[0] if v is not None and len(v) == 1 else v
        call = lambda t, **kw: F.interpolate(t, **dict(kw, size=one(size), scale_factor=one(scale)))
        ref.fn_case('interpolate_' + name, args, call, [x], kind='F.interpolate')
        ref.CASES[-1]['name'] = 'interpolate_' + name

    x1, x2, x3 = ref.rnd(2, 3, 5), ref.rnd(2, 2, 4, 5), ref.rnd(1, 2, 3, 4, 3)
    for mode in ('nearest', 'nearest-exact'):
        tag = mode.replace('-', '_')
        interp(f'{tag}1d_size', x1, size=[8], mode=mode)
        interp(f'{tag}1d_down', x1, size=[3], mode=mode)
        interp(f'{tag}1d_scale', x1, scale=[1.7], mode=mode)
        interp(f'{tag}2d_scale', x2, scale=[2.0, 0.6], mode=mode)
        interp(f'{tag}2d_recompute', x2, scale=[1.3, 2.5], mode=mode, recompute=True)
        interp(f'{tag}2d_size', x2, size=[7, 3], mode=mode)
        interp(f'{tag}3d_size', x3, size=[5, 3, 4], mode=mode)
        interp(f'{tag}3d_scale', x3, scale=[1.5], mode=mode)
    for mode, x, sizes, scales in (('linear', x1, [[8], [3]], [[1.7], [0.6]]),
                                   ('bilinear', x2, [[7, 3], [2, 9]], [[1.5, 2.0], [0.7, 1.2]]),
                                   ('bicubic', x2, [[7, 3], [6, 11]], [[1.5, 2.0], [0.7, 1.2]]),
                                   ('trilinear', x3, [[5, 3, 4], [2, 6, 1]], [[1.5, 0.8, 2.0]])):
        for align in (False, True):
            tag = mode + ('_align' if align else '')
            for k, size in enumerate(sizes):
                interp(f'{tag}_size{k}', x, size=size, mode=mode, align=align)
            for k, scale in enumerate(scales):
                interp(f'{tag}_scale{k}', x, scale=scale, mode=mode, align=align)
        interp(f'{mode}_recompute', x, scale=scales[0], mode=mode, recompute=True)
        interp(f'{mode}_default_align', x, size=sizes[0], mode=mode)
    interp('bilinear_unit_output_align', x2, size=[1, 3], mode='bilinear', align=True)
    interp('bicubic_one_value', x2, size=[6], mode='bicubic', align=False)
    for name, x, size, scale in (('area1d', x1, [3], None), ('area2d', x2, [3, 2], None), ('area2d_scale', x2, None, [0.5, 1.5]),
                                 ('area3d', x3, [2, 3, 2], None)):
        interp(name, x, size=size, scale=scale, mode='area')


def upsample_cases():
    x = ref.rnd(2, 2, 3, 4)
    for name, kind, args, build in (
            ('upsampling_nearest2d', 'UpsamplingNearest2d', {'scale_factor': [2.0]}, lambda: nn.UpsamplingNearest2d(scale_factor=2)),
            ('upsampling_nearest2d_size', 'UpsamplingNearest2d', {'size': [5, 7]},
             lambda: nn.UpsamplingNearest2d(size=(5, 7))),
            ('upsampling_bilinear2d', 'UpsamplingBilinear2d', {'scale_factor': [1.5]},
             lambda: nn.UpsamplingBilinear2d(scale_factor=1.5)),
            ('upsampling_bilinear2d_size', 'UpsamplingBilinear2d', {'size': [4]}, lambda: nn.UpsamplingBilinear2d(size=4)),
            ('upsample_bicubic_recompute', 'Upsample', {'scale_factor': [1.6, 1.3], 'mode': 'bicubic', 'align_corners': False,
                                                         'recompute_scale_factor': True},
             lambda: nn.Upsample(scale_factor=(1.6, 1.3), mode='bicubic', align_corners=False, recompute_scale_factor=True)),
            ('upsample_nearest_exact', 'Upsample', {'size': [5, 3], 'mode': 'nearest-exact'},
             lambda: nn.Upsample(size=(5, 3), mode='nearest-exact'))):
        ref.case(name, kind, args, build, ref.single, [x], perturb=False, gradgradcheck=True)


def volume_cases():
    """The 3-d layers: ConvTranspose3d, AdaptiveMaxPool3d (with indices), MaxUnpool3d, ReflectionPad3d."""
    def convt(name, i, o, k, x, stride=(1,), padding=(0,), output_padding=(0,), groups=1, bias=True, dilation=(1,)):
        args = {'in': i, 'out': o, 'kernel': list(k), 'stride': list(stride), 'padding': list(padding),
                'output_padding': list(output_padding), 'groups': groups, 'bias': bias, 'dilation': list(dilation)}
        one = lambda v: v[0] if len(v) == 1 else tuple(v)
        ref.case(name, 'ConvTranspose3d', args,
                 lambda: nn.ConvTranspose3d(i, o, one(k), stride=one(stride), padding=one(padding),
                                            output_padding=one(output_padding), groups=groups, bias=bias,
                                            dilation=one(dilation)), ref.single, [x], gradgradcheck=True)

    convt('conv_transpose3d', 2, 3, [2], ref.rnd(2, 2, 2, 3, 2), stride=[2])
    convt('conv_transpose3d_all', 4, 2, [1, 2, 3], ref.rnd(1, 4, 2, 3, 2), stride=[2, 1, 2], padding=[1, 0, 1],
          output_padding=[1, 0, 1], groups=2, bias=False, dilation=[1, 2, 1])
    convt('conv_transpose3d_unbatched', 2, 2, [2], ref.rnd(2, 2, 2, 2), stride=[1, 2, 1], padding=[0, 1, 0])
    w, b = ref.rnd(2, 3, 2, 1, 2), ref.rnd(3)
    ref.fn_case('conv_transpose3d', {'stride': [1, 2, 2], 'padding': [1, 0, 0], 'output_padding': [0, 1, 0], 'groups': 1,
                                     'dilation': [2, 1, 1]},
                F.conv_transpose3d, [ref.rnd(1, 2, 3, 2, 2), w, b], kind='F.conv_transpose3d')

    for name, out, x in (('adaptive_max_pool3d', [2], ref.distinct(2, 2, 3, 4, 5)),
                         ('adaptive_max_pool3d_none', [2, -1, 3], ref.distinct(1, 2, 4, 3, 5)),
                         ('adaptive_max_pool3d_unbatched', [3, 2, 1], ref.distinct(2, 5, 4, 3))):
        py_out = out[0] if len(out) == 1 else tuple(None if v < 0 else v for v in out)
        ref.case(name, 'AdaptiveMaxPool3d', {'out': out}, lambda: nn.AdaptiveMaxPool3d(py_out), ref.single, [x],
                 gradgradcheck=True)
    ref.fn_case('adaptive_max_pool3d_with_indices', {'out': [2, 3, 2]},
                lambda t, out: F.adaptive_max_pool3d_with_indices(t, out), [ref.distinct(2, 1, 5, 4, 3)],
                kind='F.adaptive_max_pool3d_with_indices')

    def unpool(name, kernel, stride, padding, x, output_size=None):
        one = lambda v: v[0] if v is not None and len(v) == 1 else (tuple(v) if v is not None else None)
        pooled, idx = F.max_pool3d(x, one(kernel), one(stride), one(padding), return_indices=True)
        args = {'kernel': kernel, 'stride': stride, 'padding': padding, 'output_size': output_size}
        if output_size is None:
            ref.case(name, 'MaxUnpool3d', args, lambda: nn.MaxUnpool3d(one(kernel), one(stride), one(padding)),
                     lambda m, v, i: m(v, i), [pooled, idx], gradgradcheck=True)
        else:
            ref.fn_case(name, args, lambda v, i, **kw: F.max_unpool3d(v, i, one(kernel), one(stride), one(padding), output_size),
                        [pooled, idx], kind='F.max_unpool3d')

    unpool('max_unpool3d', [2], None, [0], ref.distinct(2, 2, 4, 4, 4))
    # windows that do not overlap: overlapping ones can share a maximum, which unpooling writes twice (no gradient)
    unpool('max_unpool3d_stride_pad', [2, 3, 2], [2, 3, 2], [0, 1, 1], ref.distinct(1, 2, 4, 4, 4))
    unpool('max_unpool3d_output_size', [2], [2], [0], ref.distinct(1, 1, 4, 5, 4), output_size=[5, 5, 4])

    for name, pad, x in (('reflection_pad3d', [1], ref.rnd(2, 2, 3, 3, 4)),
                         ('reflection_pad3d_sizes', [1, 2, 0, 1, 2, 1], ref.rnd(1, 2, 3, 3, 4)),
                         ('reflection_pad3d_unbatched', [2, 0, 1, 1, 0, 2], ref.rnd(2, 3, 2, 3))):
        ref.case(name, 'ReflectionPad3d', {'padding': pad},
                 lambda: nn.ReflectionPad3d(pad[0] if len(pad) == 1 else tuple(pad)), ref.single, [x], gradgradcheck=True)


def layer_cases():
    ref.GEN.manual_seed(20261204)
    grid_sample_cases()
    affine_grid_cases()
    ref.GEN.manual_seed(20261205)
    interpolate_cases()
    upsample_cases()
    ref.GEN.manual_seed(20261206)
    volume_cases()
    return {'cases': ref.CASES}


def module_cases():
    z = torch.zeros
    modules = {'conv_transpose3d_default': nn.ConvTranspose3d(2, 3, 2),
               'adaptive_max_pool3d_none': nn.AdaptiveMaxPool3d((2, None, 3)),
               'max_unpool3d_rect': nn.MaxUnpool3d((2, 1, 3), stride=1, padding=(0, 0, 1)),
               'max_unpool3d_int': nn.MaxUnpool3d(2),
               'reflection_pad3d_int': nn.ReflectionPad3d(2),
               'upsampling_nearest2d_tuple': nn.UpsamplingNearest2d(scale_factor=(2, 3)),
               'upsampling_bilinear2d_size': nn.UpsamplingBilinear2d(size=(3, 4)),
               'upsample_recompute': nn.Upsample(scale_factor=2.5, mode='bilinear', recompute_scale_factor=True)}
    errors = {
        'grid_sample_mode': lambda: F.grid_sample(z(1, 1, 3, 3), z(1, 2, 2, 2), mode='foo', align_corners=False),
        'grid_sample_padding': lambda: F.grid_sample(z(1, 1, 3, 3), z(1, 2, 2, 2), padding_mode='foo', align_corners=False),
        'grid_sample_dtype': lambda: F.grid_sample(z(1, 1, 3, 3), z(1, 2, 2, 2, dtype=torch.float64), align_corners=False),
        'grid_sample_batch': lambda: F.grid_sample(z(1, 1, 3, 3), z(2, 2, 2, 2), align_corners=False),
        'grid_sample_last_dim': lambda: F.grid_sample(z(1, 1, 3, 3), z(1, 2, 2, 3), align_corners=False),
        'grid_sample_grid_rank': lambda: F.grid_sample(z(1, 1, 3, 3), z(1, 2, 2), align_corners=False),
        'grid_sample_3d_input': lambda: F.grid_sample(z(1, 1, 3), z(1, 2, 1), align_corners=False),
        'grid_sample_6d_input': lambda: F.grid_sample(z(1, 1, 3, 3, 3, 3), z(1, 2, 2, 2, 2, 4), align_corners=False),
        'grid_sample_5d_last_dim': lambda: F.grid_sample(z(1, 1, 3, 3, 3), z(1, 2, 2, 2), align_corners=False),
        'grid_sample_bicubic_5d': lambda: F.grid_sample(z(1, 1, 3, 3, 3), z(1, 2, 2, 2, 3), mode='bicubic',
                                                        align_corners=False),
        'grid_sample_empty': lambda: F.grid_sample(z(1, 1, 0, 3), z(1, 2, 2, 2), align_corners=False),
        'grid_sample_long': lambda: F.grid_sample(z(1, 1, 3, 3).long(), z(1, 2, 2, 2).long(), align_corners=False),
        'affine_grid_3d_theta': lambda: F.affine_grid(z(1, 2, 3), [1, 1, 3, 3, 3], align_corners=False),
        'affine_grid_2d_theta': lambda: F.affine_grid(z(1, 3, 4), [1, 1, 3, 3], align_corners=False),
        'affine_grid_theta_rank': lambda: F.affine_grid(z(2, 3), [1, 1, 3, 3], align_corners=False),
        'affine_grid_size': lambda: F.affine_grid(z(1, 2, 3), [1, 1, 3], align_corners=False),
        'affine_grid_long': lambda: F.affine_grid(z(1, 2, 3).long(), [1, 1, 3, 3], align_corners=False),
        'affine_grid_batch': lambda: F.affine_grid(z(1, 2, 3), [2, 1, 3, 3], align_corners=False),
        'affine_grid_batch_3d': lambda: F.affine_grid(z(3, 3, 4), [2, 1, 3, 3, 2], align_corners=False),
        'affine_grid_empty': lambda: F.affine_grid(z(1, 2, 3), [1, 1, 0, 3], align_corners=False),
        'adaptive_max_pool3d_rank': lambda: F.adaptive_max_pool3d(z(2, 3, 4), 2),
        'adaptive_max_pool3d_rank_6d': lambda: F.adaptive_max_pool3d(z(2, 3, 4, 4, 4, 4), 2),
        'adaptive_max_pool3d_empty': lambda: F.adaptive_max_pool3d(z(1, 2, 0, 3, 3), 2),
        'adaptive_max_pool3d_long': lambda: F.adaptive_max_pool3d(z(1, 2, 3, 3, 3).long(), 2),
        'max_unpool3d_index': lambda: F.max_unpool3d(z(1, 1, 2, 2, 2), torch.full((1, 1, 2, 2, 2), 70), 2),
        'max_unpool3d_dtype': lambda: F.max_unpool3d(z(1, 1, 2, 2, 2), z(1, 1, 2, 2, 2), 2),
        'max_unpool3d_shape': lambda: F.max_unpool3d(z(1, 1, 2, 2, 2), z(1, 1, 2, 2, 3, dtype=torch.long), 2),
        'max_unpool3d_output_size_length': lambda: F.max_unpool3d(z(1, 1, 2, 2, 2), z(1, 1, 2, 2, 2, dtype=torch.long), 2,
                                                                  output_size=[3, 3]),
        'max_unpool3d_output_size_range': lambda: F.max_unpool3d(z(1, 1, 2, 2, 2), z(1, 1, 2, 2, 2, dtype=torch.long), 2,
                                                                 output_size=[9, 9, 9]),
        'max_unpool3d_rank': lambda: F.max_unpool3d(z(1, 2, 2), z(1, 2, 2, dtype=torch.long), 2),
        'reflection_pad3d_rank': lambda: nn.ReflectionPad3d(1)(z(2, 2)),
        'reflection_pad3d_too_wide': lambda: nn.ReflectionPad3d(2)(z(1, 1, 2, 2, 2)),
        'conv_transpose3d_channels': lambda: F.conv_transpose3d(z(1, 2, 3, 3, 3), z(3, 2, 2, 2, 2)),
        'interpolate_both': lambda: F.interpolate(z(1, 1, 4), size=3, scale_factor=2.0),
        'interpolate_neither': lambda: F.interpolate(z(1, 1, 4)),
        'interpolate_size_dims': lambda: F.interpolate(z(1, 1, 4), size=[3, 3]),
        'interpolate_scale_dims': lambda: F.interpolate(z(1, 1, 4), scale_factor=[2.0, 2.5]),
        'interpolate_recompute_size': lambda: F.interpolate(z(1, 1, 4), size=3, recompute_scale_factor=True),
        'interpolate_nearest_align': lambda: F.interpolate(z(1, 1, 4), size=3, mode='nearest', align_corners=True),
        'interpolate_area_align': lambda: F.interpolate(z(1, 1, 4), size=3, mode='area', align_corners=False),
        'interpolate_bilinear_3d': lambda: F.interpolate(z(1, 1, 4), size=3, mode='bilinear'),
        'interpolate_bicubic_3d': lambda: F.interpolate(z(1, 1, 4), size=3, mode='bicubic'),
        'interpolate_trilinear_4d': lambda: F.interpolate(z(1, 1, 4, 4), size=3, mode='trilinear'),
        'interpolate_linear_5d': lambda: F.interpolate(z(1, 1, 4, 4, 4), size=3, mode='linear'),
        'interpolate_mode': lambda: F.interpolate(z(1, 1, 4, 4), size=3, mode='foo'),
        'interpolate_rank': lambda: F.interpolate(z(1, 4), size=3, mode='nearest'),
        'interpolate_size_zero': lambda: F.interpolate(z(1, 1, 4), size=0, mode='linear'),
        'interpolate_scale_small': lambda: F.interpolate(z(1, 1, 4), scale_factor=0.1, mode='nearest'),
        'interpolate_size_zero_2d': lambda: F.interpolate(z(1, 1, 4, 4), size=0, mode='bicubic'),
        'interpolate_size_zero_3d': lambda: F.interpolate(z(1, 1, 4, 4, 4), size=0, mode='trilinear'),
        'interpolate_empty_channels': lambda: F.interpolate(z(1, 0, 4), size=2, mode='linear'),
        'interpolate_empty_input': lambda: F.interpolate(z(1, 1, 0, 4), size=2, mode='bicubic'),
        'interpolate_long_linear': lambda: F.interpolate(z(1, 1, 4).long(), size=2, mode='linear'),
        'interpolate_long_nearest': lambda: F.interpolate(z(1, 1, 4).long(), size=2, mode='nearest'),
        'interpolate_long_bicubic': lambda: F.interpolate(z(1, 1, 4, 4).long(), size=2, mode='bicubic'),
        'interpolate_long_bilinear': lambda: F.interpolate(z(1, 1, 4, 4).long(), size=2, mode='bilinear'),
        'interpolate_long_nearest3d': lambda: F.interpolate(z(1, 1, 4, 4, 4).long(), size=2, mode='nearest'),
    }
    return {'modules': {k: {'repr': repr(m), 'keys': list(m.state_dict().keys())} for k, m in modules.items()},
            'errors': {k: ref.error_of(fn) for k, fn in errors.items()}}


def main(only):
    want = lambda name: not only or name in only
    cases = layer_cases()
    if want('spatial_layers.json'):
        ref.write('spatial_layers.json', cases)
    if want('spatial_modules.json'):
        ref.write('spatial_modules.json', module_cases())


if __name__ == '__main__':
    main(sys.argv[1:])
