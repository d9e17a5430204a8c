"""What the reference generators share: where the JSON goes, PyTorch tensors in the JSON form that
api/src/test/java/org/torch4j/conformance/Reference.java reads, and short seeded inputs."""
import json
import os

import torch

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'api', 'src', 'test', 'resources', 'reference')


def enc(t):
    """A tensor as {dtype, shape, data} (dtype without "torch.", data flattened in row-major order)."""
    t = t.detach().contiguous()
    return {'dtype': str(t.dtype)[6:], 'shape': list(t.shape), 'data': t.reshape(-1).tolist()}


def state(model):
    """A module's state dict in the JSON form."""
    return {k: enc(v) for k, v in model.state_dict().items()}


def rounded_normal(generator, *shape, dtype=torch.float64):
    """Seeded normal values rounded to two decimals (short in JSON, exact in float64)."""
    return (torch.randn(tuple(shape), generator=generator, dtype=dtype) * 100).round().div(100)


def write(name, data):
    """Writes reference/<name> deterministically (sorted keys, no spaces)."""
    with open(os.path.join(OUT, name), 'w') as f:
        json.dump(data, f, separators=(',', ':'), sort_keys=True)
        f.write('\n')


def norm_gradients(y, up, v, x, weight, bias):
    """The gradients the normalization references record, in their JSON form: of sum(y * up) with respect to x
    ('dx') and, where weight is given, weight and bias ('dweight', 'dbias'); for float64 also 'ddx', the gradient
    with respect to x of sum(dx * v), through a graph of the first backward."""
    inputs = [x] + ([weight, bias] if weight is not None else [])
    grads = torch.autograd.grad((y * up.to(y.dtype)).sum(), inputs, create_graph=True)
    out = {'dx': enc(grads[0])}
    if weight is not None:
        out.update(dweight=enc(grads[1]), dbias=enc(grads[2]))
    if y.dtype == torch.float64:
        out['ddx'] = enc(torch.autograd.grad((grads[0] * v).sum(), x)[0])
    return out


def norm_outputs(norm, x, weight, bias, up, v):
    """A normalization's reference per dtype, keyed 'float32' and 'float64': norm(x, weight, bias) run on copies of
    x, weight and bias (None: no affine parameters) in that dtype that require grad, its output 'y' and the
    norm_gradients of it. norm returns the output, or the output and further entries for the dtype's record."""
    outs = {}
    for dtype in (torch.float32, torch.float64):
        xs = x.to(dtype).requires_grad_(True)
        ws = weight.to(dtype).requires_grad_(True) if weight is not None else None
        bs = bias.to(dtype).requires_grad_(True) if bias is not None else None
        result = norm(xs, ws, bs)
        y, extra = result if isinstance(result, tuple) else (result, {})
        out = {'y': enc(y), **extra}
        out.update(norm_gradients(y, up, v, xs, ws, bs))
        outs[str(dtype)[6:]] = out
    return outs
