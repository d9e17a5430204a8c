"""Reference values for eager-mode quantization-aware training: fuse_modules_qat, prepare_qat with
get_default_qat_qconfig('qnnpack') (FusedMovingAvgObsFakeQuantize for activations and weights), four SGD steps
with freeze_bn_stats and disable_observer applied midway, convert, and the converted model's outputs; reprs,
state-dict keys, seeded QAT modules and PyTorch's messages. Writes api/src/test/resources/reference/quant_qat.json;
run with Debian's /usr/bin/python3.

The quantized engine is qnnpack, as in gen_quant_static_reference.py."""
import warnings

import torch
import torch.nn as nn
import torch.nn.functional as F
import torch.ao.quantization as tq
import torch.ao.nn.qat as nnqat
import torch.nn.intrinsic.qat as nniqat

from reference_io import enc, state, rounded_normal, write

ENGINE = 'qnnpack'
FUSE = [['conv1', 'bn1', 'relu1'], ['conv2', 'relu2'], ['fc1', 'relu3']]
STEPS = 4
FREEZE_BN_AT = 2      # model.apply(freeze_bn_stats) before this step
DISABLE_OBS_AT = 3    # model.apply(disable_observer) before this step


class Net(nn.Module):
    """QuantStub, conv-bn-relu, max pool, conv-relu, flatten, linear-relu, linear, DeQuantStub."""

    def __init__(self):
        super().__init__()
        self.quant = tq.QuantStub()
        self.conv1 = nn.Conv2d(3, 4, 3, padding=1)
        self.bn1 = nn.BatchNorm2d(4)
        self.relu1 = nn.ReLU()
        self.pool = nn.MaxPool2d(2)
        self.conv2 = nn.Conv2d(4, 6, 3)
        self.relu2 = nn.ReLU()
        self.flatten = nn.Flatten()
        self.fc1 = nn.Linear(24, 16)
        self.relu3 = nn.ReLU()
        self.fc2 = nn.Linear(16, 5)
        self.dequant = tq.DeQuantStub()

    def forward(self, x):
        x = self.quant(x)
        x = self.pool(self.relu1(self.bn1(self.conv1(x))))
        x = self.relu2(self.conv2(x))
        x = self.relu3(self.fc1(self.flatten(x)))
        return self.dequant(self.fc2(x))


def model(g):
    torch.manual_seed(0)
    m = Net()
    with torch.no_grad():
        m.bn1.weight.copy_(1 + 0.2 * torch.randn(4, generator=g))
        m.bn1.bias.copy_(0.1 * torch.randn(4, generator=g))
        m.bn1.running_mean.copy_(0.2 * torch.randn(4, generator=g))
        m.bn1.running_var.copy_(1 + torch.rand(4, generator=g))
    return m.train()


def qt(q):
    return {'int_repr': enc(q.int_repr()), 'scale': q.q_scale(), 'zero_point': q.q_zero_point()}


def message(f):
    try:
        f()
    except Exception as e:  # noqa: BLE001 - the message is the point
        return str(e).split('\n')[0]
    raise AssertionError('no error')


def train(prepared, batches):
    opt = torch.optim.SGD(prepared.parameters(), lr=0.05, momentum=0.9)
    losses, grads = [], None
    for step, (x, y) in enumerate(batches):
        if step == FREEZE_BN_AT:
            prepared.apply(nniqat.freeze_bn_stats)
        if step == DISABLE_OBS_AT:
            prepared.apply(tq.disable_observer)
        opt.zero_grad()
        loss = F.cross_entropy(prepared(x), y)
        loss.backward()
        if grads is None:
            grads = {k: enc(p.grad) for k, p in prepared.named_parameters()}
        opt.step()
        losses.append(loss.item())
    return losses, grads


def seeded_modules(qc):
    torch.manual_seed(3)
    cbr = nniqat.ConvBnReLU2d(2, 3, 3, stride=2, padding=1, bias=True, qconfig=qc)
    torch.manual_seed(4)
    lin = nnqat.Linear(3, 2, qconfig=qc)
    return {'conv_bn_relu': {'state': state(cbr), 'repr': repr(cbr)}, 'linear': {'state': state(lin), 'repr': repr(lin)}}


def main():
    warnings.filterwarnings('ignore')
    torch.backends.quantized.engine = ENGINE
    g = torch.Generator().manual_seed(4321)
    m = model(g)
    out = {'engine': ENGINE, 'float_state': state(m), 'fuse': FUSE, 'steps': STEPS, 'freeze_bn_at': FREEZE_BN_AT,
           'disable_observer_at': DISABLE_OBS_AT}
    fused = tq.fuse_modules_qat(m, FUSE)
    out['fused_repr'] = repr(fused)
    fused.qconfig = tq.get_default_qat_qconfig(ENGINE)
    prepared = tq.prepare_qat(fused)
    out['prepared_repr'] = repr(prepared)
    out['prepared_keys'] = list(prepared.state_dict().keys())
    batches = [(rounded_normal(g, 4, 3, 8, 8, dtype=torch.float32), torch.randint(0, 5, (4,), generator=g)) for _ in range(STEPS)]
    out['batches'] = [{'x': enc(x), 'y': enc(y)} for x, y in batches]
    out['losses'], out['grads'] = train(prepared, batches)
    out['trained_state'] = state(prepared)
    prepared.eval()
    out['observers'] = {k: [float(v.calculate_qparams()[0]), int(v.calculate_qparams()[1])]
                        for k, v in prepared.named_modules() if k.endswith('activation_post_process') and 'weight' not in k
                        and isinstance(v, tq.FakeQuantize)}
    q = tq.convert(prepared)
    out['converted_repr'] = repr(q)
    out['weights'] = {k: qt(getattr(q, k).weight()) for k in ['conv1', 'conv2', 'fc1', 'fc2']}
    out['biases'] = {k: enc(getattr(q, k).bias()) for k in ['conv1', 'conv2', 'fc1', 'fc2']}
    x = rounded_normal(g, 3, 3, 8, 8, dtype=torch.float32)
    out['input'] = enc(x)
    with torch.no_grad():
        out['output'] = enc(q(x))
        out['qat_eval_output'] = enc(prepared(x))
    out['seeded'] = seeded_modules(tq.get_default_qat_qconfig(ENGINE))
    out['qconfigs'] = qconfigs(torch.Generator().manual_seed(77))
    qc = tq.get_default_qat_qconfig(ENGINE)
    conv = nn.Conv2d(3, 4, 3)
    conv.qconfig = qc
    out['messages'] = {
        'prepare_eval': message(lambda: tq.prepare_qat(model(torch.Generator().manual_seed(0)).eval())),
        'fuse_modes': message(lambda: tq.fuse_modules_qat(_mixed(), [['conv1', 'bn1']])),
        'no_qconfig': message(lambda: nnqat.Linear(3, 2)),
        'linear_from_conv': message(lambda: nnqat.Linear.from_float(conv)),
    }
    write('quant_qat.json', out)


def qconfigs(g):
    """Each engine's default QAT qconfig (versions 1 and 0): reprs of fresh modules; the per-channel fused weight
    fake quantizer ('fbgemm') and the reduced-range activation one ('x86') on two seeded batches each."""
    out = {}
    for backend in ['qnnpack', 'fbgemm', 'x86', 'onednn']:
        for version in [0, 1]:
            qc = tq.get_default_qat_qconfig(backend, version)
            out[backend + '_v' + str(version)] = {'activation': repr(qc.activation()), 'weight': repr(qc.weight())}
    runs = {}
    for name, make, shape in [('per_channel_weight', tq.get_default_qat_qconfig('fbgemm').weight, (4, 3, 2, 2)),
                              ('reduced_activation', tq.get_default_qat_qconfig('x86').activation, (2, 5))]:
        fq = make()
        xs = [rounded_normal(g, *shape, dtype=torch.float32), rounded_normal(g, *shape, dtype=torch.float32) * 2]
        ys = [fq(x) for x in xs]
        runs[name] = {'inputs': [enc(x) for x in xs], 'outputs': [enc(y) for y in ys], 'state': state(fq), 'repr': repr(fq)}
    out['runs'] = runs
    return out


def _mixed():
    m = model(torch.Generator().manual_seed(0))
    m.bn1.eval()
    return m


if __name__ == '__main__':
    main()
