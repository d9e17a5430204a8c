#!/usr/bin/python3
"""PyTorch 1.13's ONNX export of statically quantized models, for onnx-io's ExportQuantizedTest.

Three models are fused, prepared, calibrated on seeded inputs and converted with the QNNPACK engine (the
engine whose requantization torch4j follows): the CNN of tools/gen_quant_static_reference.py (conv-bn-relu,
max pool, grouped dilated conv-relu, a strided 1x1 conv added to a max-pooled skip, flatten, linear, ReLU,
linear; per-tensor weights; fc1 and relu3 are not fused here), a Linear-only model (linear, ReLU, linear) and
a conv model with per-channel weights (the onednn qconfig). A fourth case is the Linear-only model with linear
and ReLU fused, which PyTorch 1.13 refuses to export (its message is recorded), and a dynamically quantized
Linear gives PyTorch's refusal. For each model the file holds the prepared state dict (so that torch4j
converts to the same quantized model bit for bit), a seeded input, PyTorch's quantized output, the node types
of torch.onnx.export's graph at opset 13 in order, and the int32 biases it folded. Run with Debian's PyTorch:

    /usr/bin/python3 tools/gen_onnx_quant_reference.py

Writes onnx-io/src/test/resources/reference/export/quantized.json.
"""
import io
import json
import os

import onnx
import onnx.numpy_helper
import torch
import torch.nn as nn
import torch.ao.quantization as tq
import torch.ao.nn.quantized as nnq

from reference_io import enc, state, rounded_normal

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'onnx-io', 'src', 'test', 'resources', 'reference',
                   'export', 'quantized.json')


class Cnn(nn.Module):
    """The CNN of gen_quant_static_reference.py."""

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


def cnn(g):
    torch.manual_seed(0)
    m = Cnn()
    with torch.no_grad():
        m.bn1.weight.copy_(1 + 0.2 * torch.randn(4, generator=g))
        m.bn1.bias.copy_(0.1 * torch.randn(4, generator=g))
        m.bn1.running_mean.copy_(0.2 * torch.randn(4, generator=g))
        m.bn1.running_var.copy_(1 + torch.rand(4, generator=g))
    return m.eval()


def linear(g):
    torch.manual_seed(1)
    return nn.Sequential(tq.QuantStub(), nn.Linear(8, 16), nn.ReLU(), nn.Linear(16, 4), tq.DeQuantStub()).eval()


def per_channel_conv(g):
    torch.manual_seed(2)
    return nn.Sequential(tq.QuantStub(), nn.Conv2d(3, 6, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
                         nn.Conv2d(6, 4, 3, stride=2, bias=False), nn.Flatten(), tq.DeQuantStub()).eval()


CASES = [
    # name, builder, fuse groups, qconfig, input shape, seed
    ('cnn', cnn, [['conv1', 'bn1', 'relu1'], ['conv2', 'relu2']], 'default', (2, 3, 8, 8), 1234),
    ('linear', linear, [], 'default', (3, 8), 99),
    ('linear_relu', linear, [['1', '2']], 'default', (3, 8), 99),
    ('per_channel_conv', per_channel_conv, [['1', '2']], 'onednn', (2, 3, 8, 8), 98),
]


def export(q, x):
    """The node types of PyTorch's export, or its message when it refuses (quantized::linear_relu has no
    symbolic in PyTorch 1.13)."""
    f = io.BytesIO()
    try:
        torch.onnx.export(q, x, f, opset_version=13, input_names=['input'], output_names=['output'])
    except torch.onnx.errors.UnsupportedOperatorError as e:
        return {'export_error': str(e).split('\n')[0]}
    graph = onnx.load_from_string(f.getvalue()).graph
    consts = {n.output[0]: onnx.numpy_helper.to_array(n.attribute[0].t) for n in graph.node if n.op_type == 'Constant'}
    consts.update({i.name: onnx.numpy_helper.to_array(i) for i in graph.initializer})
    # the biases quantized to int32 (requantize_bias_helper: Cast(Div(bias, x_scale * w_scale)), folded), in order
    biases = [consts[n.input[0]].reshape(-1).tolist() for n in graph.node
              if n.op_type == 'DequantizeLinear' and n.input[0] in consts and consts[n.input[0]].dtype.name == 'int32']
    return {'nodes': [n.op_type for n in graph.node], 'int32_biases': biases}


def case(name, make, fuse, qconfig, shape, seed):
    g = torch.Generator().manual_seed(seed)
    m = tq.fuse_modules(make(g), fuse) if fuse else make(g)
    m.qconfig = tq.default_qconfig if qconfig == 'default' else tq.get_default_qconfig(qconfig)
    p = tq.prepare(m)
    with torch.no_grad():
        for _ in range(3):
            p(rounded_normal(g, *shape, dtype=torch.float32))
    prepared_state = state(p)
    q = tq.convert(p)
    x = rounded_normal(g, *shape, dtype=torch.float32) * 1.5
    with torch.no_grad():
        y = q(x)
    return dict({'qconfig': qconfig, 'fuse': fuse, 'prepared_state': prepared_state, 'input': enc(x), 'output': enc(y)},
                **export(q, x))


def main():
    torch.backends.quantized.engine = 'qnnpack'
    out = {'opset': 13, 'cases': {c[0]: case(*c) for c in CASES}}
    torch.manual_seed(3)
    dynamic = tq.quantize_dynamic(nn.Sequential(nn.Linear(8, 4)).eval())
    out['dynamic_linear'] = export(dynamic, torch.zeros(2, 8))
    with open(OUT, 'w') as f:
        json.dump(out, f, separators=(',', ':'), sort_keys=True)
        f.write('\n')


if __name__ == '__main__':
    main()
