#!/usr/bin/python3
"""Writes PyTorch 1.13's answers for torch.optim.swa_utils: AveragedModel and update_bn (SwaTest).

Run with Debian's interpreter, which has PyTorch 1.13:

    /usr/bin/python3 tools/gen_swa_reference.py

Output: api/src/test/resources/reference/swa.json, deterministic (fixed seed), float64.

The model is Linear(4, 8), BatchNorm1d(8), ReLU, Linear(8, 3). "initial" is its state when the AveragedModel
is made; "rounds" the model's states (parameters and buffers) at each update_parameters call. For each variant
("equal": the default average; "ema": avg_fn 0.1 * averaged + 0.9 * current with use_buffers=True) the case
holds the averaged model's state dict after each update. "update_bn" then runs update_bn over a loader mixing
bare tensors and (input, target) tuples on the "equal" average (in eval mode, momentum 0.1 before), and holds
the state dict after, the mode and momentum after, and the averaged model's eval output on "x".
"""
import torch
import torch.nn as nn
from torch.optim.swa_utils import AveragedModel, update_bn

from reference_io import enc, rounded_normal, state, write

torch.set_num_threads(1)
GEN = torch.Generator().manual_seed(20261204)


def rnd(*shape):
    return rounded_normal(GEN, *shape)


def model():
    return nn.Sequential(nn.Linear(4, 8), nn.BatchNorm1d(8), nn.ReLU(), nn.Linear(8, 3)).double()


def random_state(m, step):
    s = {}
    for k, v in m.state_dict().items():
        if k.endswith('num_batches_tracked'):
            s[k] = torch.tensor(3 * step + 1)
        elif k.endswith('running_var'):
            s[k] = rnd(*v.shape).abs() + 0.5
        else:
            s[k] = rnd(*v.shape)
    return s


def run():
    net = model()
    net.load_state_dict(random_state(net, 0))
    initial = state(net)
    rounds = [random_state(net, k + 1) for k in range(4)]
    out = {'initial': initial, 'rounds': [{k: enc(v) for k, v in r.items()} for r in rounds]}

    variants = {'equal': dict(), 'ema': dict(avg_fn=lambda a, m, n: 0.1 * a + 0.9 * m, use_buffers=True)}
    averages = {}
    for name, kwargs in variants.items():
        net.load_state_dict({k: torch.tensor(v['data'], dtype=getattr(torch, v['dtype'])).reshape(v['shape'])
                             for k, v in initial.items()})
        swa = AveragedModel(net, **kwargs)
        after = []
        for r in rounds:
            net.load_state_dict(r)
            swa.update_parameters(net)
            after.append(state(swa))
        out[name] = after
        averages[name] = swa

    swa = averages['equal']
    swa.eval()
    loader = [rnd(5, 4), (rnd(6, 4), torch.tensor([0, 1, 2, 0, 1, 2])), rnd(3, 4), [rnd(4, 4), torch.tensor([1, 1, 0, 0])]]
    update_bn(loader, swa)
    x = rnd(2, 4)
    bn = swa.module[1]
    out['update_bn'] = {
        'loader': [enc(b) if torch.is_tensor(b) else [enc(t) for t in b] for b in loader],
        'state': state(swa),
        'training_after': swa.training,
        'momentum_after': bn.momentum,
        'x': enc(x),
        'output': enc(swa(x)),
    }
    return out


if __name__ == '__main__':
    write('swa.json', run())
