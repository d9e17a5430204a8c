"""Reference for memory formats and layout preservation (PyTorch 1.13).

Writes api/src/test/resources/reference/memory_format.json. Each input is a view of arange(n) made with
as_strided (contiguous, channels-last 4-d and 5-d, transposed, permuted, sliced, expanded, ambiguous size-1
dims, empty, 0-d). For each: is_contiguous in every format; the strides of clone, the *_like factories,
to(float64), contiguous(format), clone(format) and to(memory_format=format) (or PyTorch's error); and, seeded, the values that the
random fills give on the input's layout (rand_like, randn_like, randint_like, and uniform_, normal_,
bernoulli_, exponential_, random_ on a clone), in float32 and float64, which PyTorch draws in the order
it walks memory. Run with /usr/bin/python3.
"""
import torch

from reference_io import enc, write

INPUTS = [
    # name, shape, strides, storage offset
    ('contiguous_4d', (2, 3, 4, 5), (60, 20, 5, 1), 0),
    ('channels_last_4d', (2, 3, 4, 5), (60, 1, 15, 3), 0),
    ('channels_last_3d', (2, 3, 2, 2, 3), (36, 1, 18, 9, 3), 0),
    ('transposed_2d', (4, 3), (1, 4), 0),
    ('permuted_3d', (3, 4, 5), (1, 15, 3), 0),
    ('sliced_2d', (4, 3), (6, 2), 1),
    ('sliced_channels_last', (2, 3, 4, 3), (72, 1, 18, 6), 0),
    ('expanded_2d', (3, 4), (1, 0), 0),
    ('n111_channels_last', (2, 3, 1, 1), (3, 1, 3, 3), 0),
    ('n1h1', (2, 1, 4, 1), (4, 1, 1, 1), 0),
    ('one_c1w_transposed', (1, 4, 1, 3), (12, 1, 3, 4), 0),
    ('empty_4d', (2, 0, 4, 5), (20, 20, 5, 1), 0),
    ('strided_1d', (5,), (2,), 0),
    ('scalar', (), (), 3),
]

FORMATS = {'contiguous': torch.contiguous_format, 'channels_last': torch.channels_last,
           'channels_last_3d': torch.channels_last_3d, 'preserve': torch.preserve_format}


def attempt(f):
    """The strides f gives, or PyTorch's error message."""
    try:
        return {'strides': list(f().stride())}
    except RuntimeError as e:
        return {'error': str(e).split('\n')[0]}


def base(shape, strides, offset, dtype):
    span = offset + sum((s - 1) * st for s, st in zip(shape, strides) if s > 0) + 1
    return torch.arange(max(span, 1), dtype=dtype).as_strided(shape, strides, offset)


def draws(x):
    """Seeded values of the random fills on x's layout, each from seed 0."""
    out = {}

    def record(name, f):
        torch.manual_seed(0)
        out[name] = enc(f())
    record('rand_like', lambda: torch.rand_like(x))
    record('randn_like', lambda: torch.randn_like(x))
    record('randint_like', lambda: torch.randint_like(x, 0, 10))
    record('uniform_', lambda: x.clone().uniform_(-2, 3))
    record('normal_', lambda: x.clone().normal_(1, 2))
    record('bernoulli_', lambda: x.clone().bernoulli_(0.3))
    record('exponential_', lambda: x.clone().exponential_(1.5))
    record('random_', lambda: x.clone().random_(0, 100))
    return out


def main():
    cases = {}
    for name, shape, strides, offset in INPUTS:
        x = base(shape, strides, offset, torch.float32)
        case = {'shape': list(shape), 'strides': list(strides), 'offset': offset}
        case['is_contiguous'] = {k: x.is_contiguous(memory_format=f) for k, f in FORMATS.items()}
        like = {
            'clone': lambda: x.clone(),
            'empty_like': lambda: torch.empty_like(x),
            'zeros_like': lambda: torch.zeros_like(x),
            'ones_like': lambda: torch.ones_like(x),
            'full_like': lambda: torch.full_like(x, 2.5),
            'rand_like': lambda: torch.rand_like(x),
            'to_float64': lambda: x.to(torch.float64),
        }
        case['like'] = {k: attempt(f) for k, f in like.items()}
        for k, f in FORMATS.items():
            case['like']['contiguous_' + k] = attempt(lambda: x.contiguous(memory_format=f))
            case['like']['clone_' + k] = attempt(lambda: x.clone(memory_format=f))
            case['like']['zeros_like_' + k] = attempt(lambda: torch.zeros_like(x, memory_format=f))
            case['like']['to_' + k] = attempt(lambda: x.to(memory_format=f))
        case['draws'] = {str(d)[6:]: draws(x.to(d)) for d in (torch.float32, torch.float64)}
        cases[name] = case
    factories = {'rank4_' + k: attempt(lambda: torch.empty((2, 3, 4, 5), memory_format=f)) for k, f in FORMATS.items()}
    factories.update({'rank3_' + k: attempt(lambda: torch.empty((2, 3, 4), memory_format=f)) for k, f in FORMATS.items()})
    write('memory_format.json', {'cases': cases, 'empty': factories, 'grad_layouts': grad_layouts(), 'layers': layers()})


def layers():
    """The strides of layer outputs for a channels-last input (or weight), in float32 and float64."""
    import torch.nn.functional as F
    out = {}
    for dt in (torch.float32, torch.float64):
        torch.manual_seed(0)
        x = torch.randn(2, 4, 8, 8, dtype=dt).contiguous(memory_format=torch.channels_last)
        xc = x.contiguous()
        w = torch.randn(6, 4, 3, 3, dtype=dt)
        ops = {
            'conv2d_cl_input': lambda: F.conv2d(x, w, torch.randn(6, dtype=dt), padding=1),
            'conv2d_cl_weight': lambda: F.conv2d(xc, w.contiguous(memory_format=torch.channels_last), padding=1),
            'conv2d_contiguous': lambda: F.conv2d(xc, w, padding=1),
            'conv2d_groups': lambda: F.conv2d(x, torch.randn(4, 2, 3, 3, dtype=dt), groups=2),
            'conv2d_stride2_1x1': lambda: F.conv2d(x, torch.randn(6, 4, 1, 1, dtype=dt), stride=2),
            'conv_transpose2d': lambda: F.conv_transpose2d(x, torch.randn(4, 3, 2, 2, dtype=dt), stride=2),
            'max_pool2d': lambda: F.max_pool2d(x, 2),
            'max_pool2d_indices': lambda: F.max_pool2d(x, 2, return_indices=True)[1],
            'avg_pool2d': lambda: F.avg_pool2d(x, 2),
            'adaptive_avg_pool2d_1': lambda: F.adaptive_avg_pool2d(x, 1),
            'adaptive_avg_pool2d_3': lambda: F.adaptive_avg_pool2d(x, 3),
            'adaptive_max_pool2d_3': lambda: F.adaptive_max_pool2d(x, 3),
            'interpolate_nearest': lambda: F.interpolate(x, scale_factor=2.0),
            'interpolate_bilinear': lambda: F.interpolate(x, scale_factor=2.0, mode='bilinear'),
            'batch_norm_train': lambda: F.batch_norm(x, None, None, training=True),
            'relu': lambda: F.relu(x),
        }
        out[str(dt)[6:]] = {k: list(f().stride()) for k, f in ops.items()}
    return out


def grad_layouts():
    """The strides of leaves' .grad (the gradient layout contract): each leaf's, or contiguous for one not dense."""
    out = {}
    torch.manual_seed(0)
    w = torch.randn(5, 4).t().detach().requires_grad_()
    (torch.randn(3, 4) @ w).sum().backward()
    out['transposed_leaf_matmul'] = list(w.grad.stride())
    t = torch.randn(4, 3).t().detach().requires_grad_()
    (t * 2).sum().backward()
    out['transposed_leaf_elementwise'] = list(t.grad.stride())
    c = torch.randn(4, 3).requires_grad_()
    (c.t() * 2).sum().backward()
    out['contiguous_leaf_through_t'] = list(c.grad.stride())
    conv = torch.nn.Conv2d(3, 4, 3).to(memory_format=torch.channels_last)
    conv(torch.randn(2, 3, 8, 8)).sum().backward()
    out['channels_last_conv_weight'] = list(conv.weight.grad.stride())
    sl = torch.randn(4, 6)[:, ::2].detach().requires_grad_()
    (sl * 2).sum().backward()
    out['sliced_leaf'] = list(sl.grad.stride())
    e = torch.randn(4, 1).expand(4, 3).detach().requires_grad_()
    (e * 2).sum().backward()
    out['expanded_leaf'] = list(e.grad.stride())
    return out


if __name__ == '__main__':
    main()
