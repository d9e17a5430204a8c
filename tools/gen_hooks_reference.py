#!/usr/bin/python3
"""Writes what PyTorch's module hooks observe, for torch4j's NnHooksTest (org.torch4j.conformance).

Run with Debian's interpreter, which has PyTorch (1.13):

    /usr/bin/python3 tools/gen_hooks_reference.py

It writes api/src/test/resources/reference/nn/hooks.json, one entry per scenario. Every module is
float64 with seeded weights ("state", its state_dict) and inputs rounded to three decimals, so every
run writes the same file. Gradients are those of sum(out * g) (or of the loss itself). Tensors are
{"dtype", "shape", "data"} as in the other reference files; null stands for Python's None.

  encoder        a 2-layer TransformerEncoder (+ final norm) with a forward pre-hook, a forward hook
                 and a full backward hook on every submodule: the names in firing order of each kind,
                 and what layers.0.self_attn's hooks see (args, output, grad_input, grad_output);
  decoder_layer  the same orders for a TransformerDecoderLayer, and multihead_attn's grad_input;
  linear, linear_input_no_grad, bilinear, mse, cross_entropy, mha, lstm, two_outputs
                 args, output, grad_input and grad_output as the hooks see them;
  replace        hooks that replace args, the output and grad_input in a Sequential: the output and
                 every gradient afterwards;
  removal        hooks removed while running, and a backward hook removed between forward and backward;
  no_grad        a module none of whose inputs or parameters requires grad;
  params_only    no input requires grad: grad_input is all None, and returning gradients fails.
"""
import json
import os

import torch
import torch.nn as nn

torch.set_num_threads(1)
OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'api', 'src', 'test', 'resources', 'reference',
                   'nn', 'hooks.json')
GEN = torch.Generator().manual_seed(20240611)


def enc(t):
    if t is None:
        return None
    if isinstance(t, (tuple, list)):
        return [enc(v) for v in t]
    t = t.detach().contiguous()
    return {'dtype': str(t.dtype)[6:], 'shape': list(t.shape), 'data': t.reshape(-1).tolist()}


def rnd(*shape, requires_grad=False):
    x = (torch.randn(shape, generator=GEN, dtype=torch.float64) * 1000).round() / 1000
    return x.requires_grad_(requires_grad)


def seeded(m):
    """The module in float64 with every parameter replaced by seeded values (biases not zero)."""
    m = m.double()
    with torch.no_grad():
        for p in m.parameters():
            p.copy_(rnd(*p.shape) * 0.5)
    return m


def state(m):
    return {k: enc(v) for k, v in m.state_dict().items()}


def recorder(m):
    """Hooks on m that keep what they see."""
    seen = {}
    m.register_forward_pre_hook(lambda mod, args: seen.__setitem__('args', enc([a if torch.is_tensor(a) else None for a in args])))

    def fwd(mod, args, out):
        seen['output'] = enc(out if torch.is_tensor(out) else [o if torch.is_tensor(o) else None for o in out])
    m.register_forward_hook(fwd)

    def bwd(mod, grad_input, grad_output):
        seen['grad_input'] = enc(grad_input)
        seen['grad_output'] = enc(grad_output)
    m.register_full_backward_hook(bwd)
    return seen


def firing_order(model):
    """A forward pre-hook, a forward hook and a full backward hook on every module, naming it."""
    order = {'pre': [], 'forward': [], 'backward': []}
    for name, m in model.named_modules():
        m.register_forward_pre_hook(lambda mod, args, n=name: order['pre'].append(n))
        m.register_forward_hook(lambda mod, args, out, n=name: order['forward'].append(n))
        m.register_full_backward_hook(lambda mod, gi, go, n=name: order['backward'].append(n))
    return order


def encoder():
    torch.manual_seed(0)
    layer = nn.TransformerEncoderLayer(4, 2, 6, 0.0)
    model = seeded(nn.TransformerEncoder(layer, 2, norm=nn.LayerNorm(4)))
    order = firing_order(model)
    seen = recorder(model.layers[0].self_attn)
    src, g = rnd(3, 2, 4, requires_grad=True), rnd(3, 2, 4)
    out = model(src)
    (out * g).sum().backward()
    return {'state': state(model), 'src': enc(src), 'g': enc(g), 'out': enc(out), 'src_grad': enc(src.grad),
            'order': order, 'self_attn': seen}


def decoder_layer():
    torch.manual_seed(0)
    model = seeded(nn.TransformerDecoderLayer(4, 2, 6, 0.0))
    order = firing_order(model)
    seen = recorder(model.multihead_attn)
    tgt, memory, g = rnd(2, 2, 4, requires_grad=True), rnd(3, 2, 4, requires_grad=True), rnd(2, 2, 4)
    out = model(tgt, memory)
    (out * g).sum().backward()
    return {'state': state(model), 'tgt': enc(tgt), 'memory': enc(memory), 'g': enc(g), 'out': enc(out),
            'order': order, 'multihead_attn': seen}


def observed(model, inputs, loss):
    """What a recorder on model sees when loss(model(*inputs)) is backpropagated."""
    seen = recorder(model)
    loss(model(*inputs)).backward()
    return {'state': state(model), 'inputs': enc(list(inputs)), **seen}


def linear(x_requires_grad):
    torch.manual_seed(0)
    g = rnd(4, 2)
    r = observed(seeded(nn.Linear(3, 2)), [rnd(4, 3, requires_grad=x_requires_grad)], lambda y: (y * g).sum())
    r['g'] = enc(g)
    return r


def bilinear():
    torch.manual_seed(0)
    g = rnd(5, 4)
    r = observed(seeded(nn.Bilinear(3, 2, 4)), [rnd(5, 3, requires_grad=True), rnd(5, 2)], lambda y: (y * g).sum())
    r['g'] = enc(g)
    return r


def mse():
    return observed(nn.MSELoss(), [rnd(3, 4, requires_grad=True), rnd(3, 4)], lambda y: y)


def cross_entropy():
    return observed(nn.CrossEntropyLoss(), [rnd(3, 4, requires_grad=True), torch.tensor([0, 3, 1])], lambda y: y)


def mha():
    torch.manual_seed(0)
    g, gw = rnd(2, 1, 4), rnd(1, 2, 3)
    r = observed(seeded(nn.MultiheadAttention(4, 2)),
                 [rnd(2, 1, 4, requires_grad=True), rnd(3, 1, 4, requires_grad=True), rnd(3, 1, 4)],
                 lambda o: (o[0] * g).sum() + (o[1] * gw).sum())
    r.update(g=enc(g), g_weights=enc(gw))
    return r


def lstm():
    torch.manual_seed(0)
    g, gh = rnd(5, 2, 4), rnd(1, 2, 4)
    r = observed(seeded(nn.LSTM(3, 4)), [rnd(5, 2, 3, requires_grad=True)], lambda o: (o[0] * g).sum() + (o[1][0] * gh).sum())
    r.update(g=enc(g), g_h=enc(gh))
    return r


class TwoOutputs(nn.Module):
    def forward(self, a):
        return a * 2, a * 3


def two_outputs():
    """Only the first output reaches the loss: the second's grad_output is None."""
    return observed(TwoOutputs(), [rnd(3, requires_grad=True)], lambda o: o[0].sum())


def replace():
    torch.manual_seed(0)
    model = seeded(nn.Sequential(nn.Linear(3, 4), nn.Tanh(), nn.Linear(4, 2)))
    first, last = model[0], model[2]
    first.register_forward_pre_hook(lambda m, args: (args[0] * 2,))
    seen = {}
    first.register_forward_hook(lambda m, args, out: seen.__setitem__('first_args', enc(list(args))))
    first.register_forward_hook(lambda m, args, out: out + 1)
    first.register_full_backward_hook(lambda m, gi, go: (gi[0] * 3,))
    last.register_full_backward_hook(lambda m, gi, go: (gi[0] * 0.5,))
    x, g = rnd(5, 3, requires_grad=True), rnd(5, 2)
    st = state(model)
    out = model(x)
    (out * g).sum().backward()
    return {'state': st, 'x': enc(x), 'g': enc(g), 'out': enc(out), 'x_grad': enc(x.grad),
            'param_grads': {n: enc(p.grad) for n, p in model.named_parameters()}, **seen}


def removal():
    fired = []
    m = nn.Identity()
    handles = {}

    def a(mod, args, out):
        fired.append('A')
        handles['B'].remove()
    handles['A'] = m.register_forward_hook(a)
    handles['B'] = m.register_forward_hook(lambda mod, args, out: fired.append('B'))
    m(torch.ones(1))
    m(torch.ones(1))

    self_removing = []
    m = nn.Identity()

    def once(mod, args):
        self_removing.append('once')
        handles['once'].remove()
    handles['once'] = m.register_forward_pre_hook(once)
    m(torch.ones(1))
    m(torch.ones(1))

    backward_calls = []
    lin = nn.Linear(3, 2)
    h = lin.register_full_backward_hook(lambda mod, gi, go: backward_calls.append('bwd'))
    x = torch.ones(1, 3, requires_grad=True)
    y = lin(x)
    h.remove()                                  # after the forward: this call keeps the hook
    y.sum().backward()
    lin(x).sum().backward()                     # a later call does not
    return {'other_removed': fired, 'self_removed': self_removing, 'removed_after_forward': backward_calls}


def no_grad():
    lin = nn.Linear(3, 2).requires_grad_(False)
    calls = []
    lin.register_full_backward_hook(lambda m, gi, go: calls.append(1))
    y = lin(torch.ones(2, 3))
    return {'output_requires_grad': y.requires_grad, 'calls': len(calls)}


def params_only():
    torch.manual_seed(0)
    lin = seeded(nn.Linear(3, 2))
    lin.register_full_backward_hook(lambda m, gi, go: (torch.ones(4, 3),))
    try:
        lin(rnd(4, 3)).sum().backward()
        error = None
    except RuntimeError as e:
        error = str(e)
    return {'error': error}


def main():
    scenarios = {
        'encoder': encoder(),
        'decoder_layer': decoder_layer(),
        'linear': linear(True),
        'linear_input_no_grad': linear(False),
        'bilinear': bilinear(),
        'mse': mse(),
        'cross_entropy': cross_entropy(),
        'mha': mha(),
        'lstm': lstm(),
        'two_outputs': two_outputs(),
        'replace': replace(),
        'removal': removal(),
        'no_grad': no_grad(),
        'params_only': params_only(),
    }
    with open(OUT, 'w') as f:
        json.dump({'torch': torch.__version__, 'scenarios': scenarios}, f, separators=(',', ':'))
        f.write('\n')
    print(f'{OUT}: {os.path.getsize(OUT)} bytes')


if __name__ == '__main__':
    main()
