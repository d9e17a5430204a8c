"""Reference values for static (post-training) eager-mode quantization: fuse_modules, prepare, calibration,
convert and the converted model's outputs, reprs and PyTorch's messages. Writes
api/src/test/resources/reference/quant_static.json; run with Debian's /usr/bin/python3.

Debian's PyTorch 1.13 has no fbgemm; its quantized engines are onednn (the default) and qnnpack. The reference
uses qnnpack (torch.backends.quantized.engine = 'qnnpack'), whose requantization torch4j follows."""
import torch
import torch.nn as nn
import torch.ao.quantization as tq
import torch.ao.nn.quantized as nnq

from reference_io import enc, state, rounded_normal, write

ENGINE = 'qnnpack'


class Net(nn.Module):
    """conv-bn-relu, max pool, grouped conv-relu, a 1x1 conv added back (FloatFunctional), flatten,
    linear-relu, linear."""

    def __init__(self):
        super().__init__()
        self.quant = tq.QuantStub()
        self.conv1 = nn.Conv2d(3, 4, 3, padding=1)
        self.bn1 = nn.BatchNorm2d(4)
        self.relu1 = nn.ReLU()
        self.pool = nn.MaxPool2d(2)
        self.conv2 = nn.Conv2d(4, 6, 3, stride=1, padding=2, dilation=2, groups=2)
        self.relu2 = nn.ReLU()
        self.conv3 = nn.Conv2d(6, 6, 1, stride=2)
        self.skip = nn.MaxPool2d(2)
        self.add = nnq.FloatFunctional()
        self.flatten = nn.Flatten()
        self.fc1 = nn.Linear(24, 16)
        self.relu3 = nn.ReLU()
        self.fc2 = nn.Linear(16, 5)
        self.dequant = tq.DeQuantStub()

    def forward(self, x):
        x = self.quant(x)
        x = self.pool(self.relu1(self.bn1(self.conv1(x))))
        x = self.relu2(self.conv2(x))
        x = self.add.add(self.conv3(x), self.skip(x))
        x = self.flatten(x)
        x = self.relu3(self.fc1(x))
        return self.dequant(self.fc2(x))


FUSE = [['conv1', 'bn1', 'relu1'], ['conv2', 'relu2'], ['fc1', 'relu3']]


def model(g):
    torch.manual_seed(0)
    m = Net()
    with torch.no_grad():
        m.bn1.weight.copy_(1 + 0.2 * torch.randn(4, generator=g))
        m.bn1.bias.copy_(0.1 * torch.randn(4, generator=g))
        m.bn1.running_mean.copy_(0.2 * torch.randn(4, generator=g))
        m.bn1.running_var.copy_(1 + torch.rand(4, generator=g))
    return m.eval()


def qt(q):
    return {'int_repr': enc(q.int_repr()), 'scale': q.q_scale(), 'zero_point': q.q_zero_point(), 'dtype': str(q.dtype)}


def message(f):
    try:
        f()
    except Exception as e:  # noqa: BLE001 - the message is the point
        return str(e).split('\n')[0]
    raise AssertionError('no error')


def main():
    torch.backends.quantized.engine = ENGINE
    g = torch.Generator().manual_seed(1234)
    m = model(g)
    out = {'engine': ENGINE, 'float_state': state(m), 'fuse': FUSE}
    fused = tq.fuse_modules(m, FUSE)
    out['fused_repr'] = repr(fused)
    out['fused_state'] = state(fused)
    fused.qconfig = tq.default_qconfig
    prepared = tq.prepare(fused)
    out['prepared_repr'] = repr(prepared)
    calib = [rounded_normal(g, 2, 3, 8, 8, dtype=torch.float32) for _ in range(3)]
    out['calibration'] = [enc(x) for x in calib]
    with torch.no_grad():
        for x in calib:
            prepared(x)
    out['prepared_state'] = state(prepared)
    out['observers'] = {k: {'scale': v.calculate_qparams()[0].item(), 'zero_point': v.calculate_qparams()[1].item()}
                        for k, v in prepared.named_modules() if k.endswith('activation_post_process')}
    q = tq.convert(prepared)
    out['converted_repr'] = repr(q)
    out['weights'] = {k: qt(getattr(q, k).weight()) for k in ['conv1', 'conv2', 'conv3', 'fc1', 'fc2']}
    x = rounded_normal(g, 2, 3, 8, 8, dtype=torch.float32) * 1.5
    out['input'] = enc(x)
    acts = {}
    for name in ['quant', 'conv1', 'pool', 'conv2', 'conv3', 'skip', 'add', 'flatten', 'fc1', 'fc2']:
        getattr(q, name).register_forward_hook(lambda mod, i, o, name=name: acts.__setitem__(name, qt(o)))
    with torch.no_grad():
        y = q(x)
    out['activations'] = acts
    out['output'] = enc(y)
    # The engines' default qconfigs (histogram observers): qnnpack's (per-tensor weights) on a Linear model, and
    # onednn's (per-channel weights) on a conv model, both run by the qnnpack engine
    out['engine_qconfigs'] = [engine_case(torch.Generator().manual_seed(99), 'qnnpack', linear_model),
                              engine_case(torch.Generator().manual_seed(98), 'onednn', conv_model)]
    lq = tq.convert(_calibrated(linear_model()))
    lx = torch.zeros(2, 6)
    # misuse
    lin2 = nn.Sequential(tq.QuantStub(), nn.Linear(6, 4), tq.DeQuantStub()).eval()
    out['messages'] = {
        'float_input': message(lambda: lq[1](lx)),
        'fuse_unsupported': message(lambda: tq.fuse_modules(model(torch.Generator().manual_seed(0)), [['conv1', 'fc1']])),
        'fuse_train': message(lambda: tq.fuse_modules(model(torch.Generator().manual_seed(0)).train(), [['conv1', 'bn1']])),
        'convert_unprepared': message(lambda: tq.convert(_with_qconfig(lin2))),
    }
    write('quant_static.json', out)


def linear_model():
    torch.manual_seed(1)
    return nn.Sequential(tq.QuantStub(), nn.Linear(6, 4), nn.ReLU(), tq.DeQuantStub()).eval()


def conv_model():
    torch.manual_seed(2)
    return nn.Sequential(tq.QuantStub(), nn.Conv2d(2, 3, 3, stride=2, padding=1, bias=False), nn.ReLU(), nn.Flatten(),
                         tq.DeQuantStub()).eval()


def _calibrated(m):
    m.qconfig = tq.default_qconfig
    p = tq.prepare(m)
    p(torch.ones(2, 6))
    return p


def engine_case(g, qconfig, make):
    m = make()
    m.qconfig = tq.get_default_qconfig(qconfig)
    p = tq.prepare(m)
    shape = (5, 6) if isinstance(m[1], nn.Linear) else (2, 2, 5, 5)
    calib = [rounded_normal(g, *shape, dtype=torch.float32) for _ in range(2)]
    for x in calib:
        p(x)
    prepared_state = state(p)
    q = tq.convert(p)
    x = rounded_normal(g, *shape, dtype=torch.float32)
    w = q[1].weight()
    weight = {'int_repr': enc(w.int_repr())}
    if w.qscheme() == torch.per_channel_symmetric or w.qscheme() == torch.per_channel_affine:
        weight['scales'] = w.q_per_channel_scales().tolist()
    else:
        weight['scale'] = w.q_scale()
    return {'qconfig': qconfig, 'state': state(m), 'prepared_state': prepared_state, 'calibration': [enc(c) for c in calib],
            'qparams': [q[0].scale.item(), q[0].zero_point.item(), q[1].scale, q[1].zero_point],
            'weight': weight, 'input': enc(x), 'output': enc(q(x)), 'repr': repr(q)}


def _with_qconfig(m):
    m.qconfig = tq.default_qconfig
    tq.propagate_qconfig_(m)
    return m


if __name__ == '__main__':
    main()
