"""Reference for batch, layer, group and instance norm on bfloat16 and float16 inputs, with parameters of the input's dtype
("same") or float32 ("mixed", what autocast leaves a BatchNorm after a bfloat16 convolution). PyTorch 1.13.

Writes api/src/test/resources/reference/nn/reduced_norms.json: per case the input x (offset by 48 from zero, so
that statistics rounded to 16 bits would be visibly wrong), the weight and bias, the upstream gradient g, and per
dtype and parameter kind the output, the running statistics (batch norm), and the gradients of sum(y * g) with
respect to x, weight and bias, each in the dtype PyTorch gives it.

PyTorch computes 16-bit norms in float ("opmath"): its CUDA kernels always, its CPU kernels for bfloat16 batch and instance
norm with float32 parameters and batch norm in evaluation. There PyTorch 1.13's own answer is recorded ("source": "pytorch"; the
generator checks it is within one rounding of the float32 computation). Elsewhere the case records PyTorch's float32
computation on the upcast inputs, rounded once to the input's dtype ("source": "float32_rounded"), because 1.13's CPU
has no such kernel or a less precise one:
- float16: "not implemented for 'Half'" on the CPU, for every norm;
- layer and group norm with float32 parameters: "expected scalar type BFloat16 but found Float" (PyTorch's CUDA
  kernels and later releases accept them);
- bfloat16 batch norm in training and the other norms with bfloat16 parameters: 1.13's CPU kernels keep the
  statistics in bfloat16, and at this offset their outputs and gradients differ from the float32 computation by up
  to 5.5; the float32 computation is what PyTorch's CUDA kernels return.
Run with /usr/bin/python3.
"""
import torch
import torch.nn.functional as F

from reference_io import enc, rounded_normal, write

OFFSET = 48.0
EPS = 1e-5
MOMENTUM = 0.1


def inputs(g, shape, channels):
    return {'x': rounded_normal(g, *shape) + OFFSET, 'weight': rounded_normal(g, channels) + 1,
            'bias': rounded_normal(g, channels), 'g': rounded_normal(g, *shape)}


def run(op, data, dtype, pdtype, emulate):
    """(y, running stats, dx, dweight, dbias) of op(x, w, b) -> (y, stats): in dtype with parameters in pdtype, or
    (emulate) in float32 from the same 16-bit values, results rounded to the dtypes PyTorch gives them."""
    cdtype = torch.float32 if emulate else dtype
    x = data['x'].to(dtype).to(cdtype).requires_grad_(True)
    w = data['weight'].to(pdtype).to(torch.float32 if emulate else pdtype).requires_grad_(True)
    b = data['bias'].to(pdtype).to(torch.float32 if emulate else pdtype).requires_grad_(True)
    y, stats = op(x, w, b, pdtype)
    up = data['g'].to(dtype).to(y.dtype)
    dx, dw, db = torch.autograd.grad((y * up).sum(), [x, w, b])
    return y.to(dtype), [s.to(pdtype) for s in stats], dx.to(dtype), dw.to(pdtype), db.to(pdtype)


def batch_norm(training):
    def op(x, w, b, pdtype):
        c = x.shape[1]
        # training: from values whose update rounds in 16 bits (PyTorch's kernels round it once); evaluation:
        # statistics near the input's, exact in 16 bits
        rm = torch.full((c,), 0.3 if training else OFFSET - 0.5, dtype=pdtype).to(w.dtype)
        rv = torch.full((c,), 1.7 if training else 1.5, dtype=pdtype).to(w.dtype)
        y = F.batch_norm(x, rm, rv, w, b, training, MOMENTUM, EPS)
        return y, [rm, rv]
    return op


def layer_norm(x, w, b, pdtype):
    return F.layer_norm(x, w.shape, w, b, EPS), []


def group_norm(x, w, b, pdtype):
    return F.group_norm(x, 2, w, b, EPS), []


def instance_norm(x, w, b, pdtype):
    return F.instance_norm(x, None, None, w, b, True, MOMENTUM, EPS), []


CASES = [
    # name, op, x shape, parameter length, the parameter kinds whose bfloat16 case 1.13's CPU computes in float
    ('batch_norm_train', batch_norm(True), (3, 4, 5, 6), 4, ('mixed',)),
    ('batch_norm_eval', batch_norm(False), (3, 4, 7), 4, ('same', 'mixed')),
    ('layer_norm', layer_norm, (6, 40), 40, ()),
    ('group_norm', group_norm, (3, 4, 10), 4, ()),
    ('instance_norm', instance_norm, (2, 3, 4, 5), 3, ('mixed',)),
]


def within_one_rounding(native, emulated):
    for a, b in zip(native, emulated):
        a, b = a.double(), b.double()
        ulp = b.abs().clamp(min=2 ** -10) * 2 ** -7
        assert ((a - b).abs() <= ulp + 1e-6).all(), 'PyTorch 1.13 is more than one rounding from float32'


def main():
    gen = torch.Generator().manual_seed(0)
    cases = {}
    for name, op, shape, channels, native_kinds in CASES:
        data = inputs(gen, shape, channels)
        case = {k: enc(v) for k, v in data.items()}
        for dtype in (torch.bfloat16, torch.float16):
            for kind, pdtype in (('same', dtype), ('mixed', torch.float32)):
                native = dtype == torch.bfloat16 and kind in native_kinds
                y, stats, dx, dw, db = run(op, data, dtype, pdtype, emulate=not native)
                if native:
                    emulated = run(op, data, dtype, pdtype, emulate=True)
                    within_one_rounding([y, dx, dw, db], [emulated[0], emulated[2], emulated[3], emulated[4]])
                out = {'source': 'pytorch' if native else 'float32_rounded', 'y': enc(y), 'dx': enc(dx),
                       'dweight': enc(dw), 'dbias': enc(db)}
                if stats:
                    out.update(running_mean=enc(stats[0]), running_var=enc(stats[1]))
                case[str(dtype)[6:] + '_' + kind] = out
        cases[name] = case
    write('nn/reduced_norms.json', {'eps': EPS, 'momentum': MOMENTUM, 'groups': 2, 'cases': cases})


if __name__ == '__main__':
    main()
