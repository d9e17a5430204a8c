"""Reference values for org.torch4j.quantization (torch.ao.quantization of PyTorch 1.13): quantized tensors
(rounding with .5 ties, clamping, printing), fake quantization (values and straight-through gradients),
observers and FakeQuantize modules (qparams, state dicts, reprs), dynamic quantization of Linear, and
PyTorch's messages. Writes api/src/test/resources/reference/quant.json; run with Debian's /usr/bin/python3."""
import warnings

import torch
import torch.nn as nn
from torch.ao import quantization as tq

from reference_io import enc, rounded_normal, write

warnings.filterwarnings('ignore')
QD = {'quint8': torch.quint8, 'qint8': torch.qint8, 'qint32': torch.qint32}
QS = {'per_tensor_affine': torch.per_tensor_affine, 'per_tensor_symmetric': torch.per_tensor_symmetric,
      'per_channel_affine': torch.per_channel_affine, 'per_channel_symmetric': torch.per_channel_symmetric,
      'per_channel_affine_float_qparams': torch.per_channel_affine_float_qparams}


def ties(scale, n):
    """float32 values at and around the .5 ties of x * (1 / scale) for k = -n..n."""
    s = torch.tensor(scale, dtype=torch.float32)
    k = torch.arange(-n, n + 1, dtype=torch.float32)
    mid = (k + 0.5) * s
    return torch.cat([mid, torch.nextafter(mid, mid + 1), torch.nextafter(mid, mid - 1), k * s])


def message(f):
    try:
        f()
    except Exception as e:  # noqa: BLE001
        return str(e)
    raise AssertionError('no error')


def quantize_cases(g):
    cases = []
    for scale, zp, dt in [(0.1, 10, 'quint8'), (0.25, 3, 'qint8'), (0.037, -5, 'qint8'), (1.0, 1, 'quint8'),
                          (0.5, 7, 'qint32'), (0.013, 0, 'quint8'), (2.0, -1000, 'qint32')]:
        x = torch.cat([ties(scale, 70), rounded_normal(g, 40, dtype=torch.float32) * 20, torch.tensor([1e6, -1e6, 0.0])])
        q = torch.quantize_per_tensor(x, scale, zp, QD[dt])
        cases.append({'x': enc(x), 'scale': scale, 'zero_point': zp, 'dtype': dt,
                      'int_repr': enc(q.int_repr()), 'dequantize': enc(q.dequantize())})
    return cases


def channel_cases(g):
    cases = []
    for shape, axis, scales, zps, dt in [((3, 5), 0, [0.1, 0.25, 0.037], [0, 3, -2], 'qint8'),
                                         ((2, 3, 4), 1, [0.05, 0.2, 1.0], [10, 128, 0], 'quint8'),
                                         ((4, 2), 1, [0.5, 0.013], [1, -7], 'qint32')]:
        x = rounded_normal(g, *shape, dtype=torch.float32) * 3
        s, z = torch.tensor(scales, dtype=torch.float64), torch.tensor(zps)
        q = torch.quantize_per_channel(x, s, z, axis, QD[dt])
        cases.append({'x': enc(x), 'scales': scales, 'zero_points': zps, 'axis': axis, 'dtype': dt,
                      'int_repr': enc(q.int_repr()), 'dequantize': enc(q.dequantize()), 'repr': repr(q)})
    return cases


def reprs():
    x = torch.tensor([0.5, -1.25, 3.0, 100.0, 0.0125])
    out = {'per_tensor_1d': repr(torch.quantize_per_tensor(x, 0.1, 10, torch.quint8)),
           'per_tensor_qint32': repr(torch.quantize_per_tensor(x, 1e-05, 0, torch.qint32)),
           'per_tensor_2d': repr(torch.quantize_per_tensor(torch.arange(12.).reshape(3, 4) / 7, 0.05, -3, torch.qint8)),
           'long': repr(torch.quantize_per_tensor(torch.arange(30.) / 3, 0.25, 0, torch.quint8))}
    return out


def fake_cases(g):
    cases = []
    for dtype, scale, zp, qmin, qmax in [(torch.float32, 0.1, 10, 0, 255), (torch.float32, 0.25, 0, -128, 127),
                                         (torch.float32, 0.037, 3, 0, 15), (torch.float64, 0.05, -2, -64, 63)]:
        x = torch.cat([ties(scale, 20), rounded_normal(g, 30, dtype=torch.float32) * 5]).to(dtype).requires_grad_()
        w = rounded_normal(g, x.numel(), dtype=dtype)
        y = torch.fake_quantize_per_tensor_affine(x, scale, zp, qmin, qmax)
        (y * w).sum().backward()
        x2 = x.detach().clone().requires_grad_()
        y2 = torch.fake_quantize_per_tensor_affine(x2, torch.tensor([scale]), torch.tensor([zp], dtype=torch.int32), qmin, qmax)
        (y2 * w).sum().backward()
        assert torch.equal(y, y2) and torch.equal(x.grad, x2.grad)
        cases.append({'x': enc(x), 'w': enc(w), 'scale': scale, 'zero_point': zp, 'quant_min': qmin, 'quant_max': qmax,
                      'out': enc(y), 'grad': enc(x.grad)})
    return cases


def fake_channel_cases(g):
    cases = []
    for shape, axis, scales, zps, qmin, qmax in [((3, 6), 0, [0.1, 0.25, 0.037], [0, 3, -2], -128, 127),
                                                 ((2, 3, 5), 1, [0.05, 0.2, 1.0], [10, 100, 0], 0, 255),
                                                 ((5, 2), 1, [0.5, 0.013], [1, 5], 0, 15)]:
        x = (rounded_normal(g, *shape, dtype=torch.float32) * 4).requires_grad_()
        w = rounded_normal(g, *shape, dtype=torch.float32)
        y = torch.fake_quantize_per_channel_affine(x, torch.tensor(scales), torch.tensor(zps, dtype=torch.int32), axis, qmin, qmax)
        (y * w).sum().backward()
        cases.append({'x': enc(x), 'w': enc(w), 'scales': scales, 'zero_points': zps, 'axis': axis,
                      'quant_min': qmin, 'quant_max': qmax, 'out': enc(y), 'grad': enc(x.grad)})
    # float zero points (float qparams, as default_embedding_fake_quant's)
    x = (rounded_normal(g, 3, 7, dtype=torch.float32) * 4).requires_grad_()
    w = rounded_normal(g, 3, 7, dtype=torch.float32)
    scales, zps = [0.03, 0.05, 0.011], [100.5, 60.25, 255.0]
    y = torch.fake_quantize_per_channel_affine(x, torch.tensor(scales), torch.tensor(zps), 0, 0, 255)
    (y * w).sum().backward()
    cases.append({'x': enc(x), 'w': enc(w), 'scales': scales, 'zero_points': zps, 'float_zero_points': True, 'axis': 0,
                  'quant_min': 0, 'quant_max': 255, 'out': enc(y), 'grad': enc(x.grad)})
    return cases


OBSERVERS = [
    ('MinMaxObserver', {}),
    ('MinMaxObserver', {'dtype': 'qint8', 'qscheme': 'per_tensor_symmetric'}),
    ('MinMaxObserver', {'reduce_range': True}),
    ('MinMaxObserver', {'quant_min': 0, 'quant_max': 15}),
    ('MinMaxObserver', {'dtype': 'quint8', 'qscheme': 'per_tensor_symmetric', 'quant_min': 0, 'quant_max': 100}),
    ('MinMaxObserver', {'dtype': 'qint32', 'eps': 0.001}),
    ('MovingAverageMinMaxObserver', {}),
    ('MovingAverageMinMaxObserver', {'averaging_constant': 0.5, 'dtype': 'qint8', 'qscheme': 'per_tensor_symmetric'}),
    ('PerChannelMinMaxObserver', {}),
    ('PerChannelMinMaxObserver', {'ch_axis': 1, 'dtype': 'qint8', 'qscheme': 'per_channel_symmetric'}),
    ('PerChannelMinMaxObserver', {'qscheme': 'per_channel_affine_float_qparams'}),
    ('MovingAveragePerChannelMinMaxObserver', {'averaging_constant': 0.3, 'ch_axis': 1}),
    ('HistogramObserver', {}),
    ('HistogramObserver', {'dtype': 'qint8', 'qscheme': 'per_tensor_symmetric', 'bins': 256, 'upsample_rate': 16}),
    ('HistogramObserver', {'reduce_range': True, 'bins': 512}),
]


def kwargs(spec):
    out = dict(spec)
    if 'dtype' in out:
        out['dtype'] = QD[out['dtype']]
    if 'qscheme' in out:
        out['qscheme'] = QS[out['qscheme']]
    return out


def observer_cases(g):
    cases = []
    for name, spec in OBSERVERS:
        obs = getattr(tq, name)(**kwargs(spec))
        per_channel = 'PerChannel' in name
        batches = []
        steps = []
        for i in range(3):
            shape = (3, 4, 5) if per_channel else (60,)
            x = rounded_normal(g, *shape, dtype=torch.float32) * (1 + i) + (0.5 * i if i != 1 else -0.7)
            if name == 'HistogramObserver' and i == 0:
                x = x.abs() + 0.3  # a first batch with min > 0, then wider ones: histogram combination
            obs(x)
            s, z = obs.calculate_qparams()
            batches.append(enc(x))
            steps.append({'min_val': enc(obs.min_val), 'max_val': enc(obs.max_val), 'scale': enc(s), 'zero_point': enc(z)})
            if name == 'HistogramObserver':
                steps[-1]['histogram_sum'] = float(obs.histogram.sum())
        cases.append({'class': name, 'kwargs': spec, 'batches': batches, 'steps': steps,
                      'quant_min': obs.quant_min, 'quant_max': obs.quant_max,
                      'state_keys': list(obs.state_dict().keys()), 'repr': repr(obs) if name != 'HistogramObserver' else None})
    return cases


def fake_quantize_cases(g):
    cases = []
    for name in ['default_fake_quant', 'default_weight_fake_quant', 'default_per_channel_weight_fake_quant',
                 'default_histogram_fake_quant', 'default_dynamic_fake_quant', 'default_embedding_fake_quant']:
        fq = getattr(tq, name)()
        steps = []
        for i in range(4):
            x = (rounded_normal(g, 4, 6, dtype=torch.float32) * (1 + i)).requires_grad_()
            if i == 2:
                fq.disable_observer()
            if i == 3:
                fq.enable_observer()
                fq.disable_fake_quant()
            y = fq(x)
            w = rounded_normal(g, 4, 6, dtype=torch.float32)
            (y * w).sum().backward()
            steps.append({'x': enc(x), 'w': enc(w), 'out': enc(y), 'grad': enc(x.grad),
                          'state': {k: enc(v) for k, v in fq.state_dict().items()}})
        cases.append({'name': name, 'steps': steps, 'repr': repr(fq), 'quant_min': fq.quant_min, 'quant_max': fq.quant_max})
    return cases


def dynamic_cases(g):
    torch.manual_seed(0)
    cases = []
    for in_f, out_f, bias, shape in [(8, 5, True, (4, 8)), (6, 3, False, (2, 3, 6)), (16, 4, True, (1, 16))]:
        lin = nn.Linear(in_f, out_f, bias=bias)
        with torch.no_grad():
            lin.weight.copy_(rounded_normal(g, out_f, in_f, dtype=torch.float32) * 0.3)
        model = nn.Sequential(lin)
        qmodel = torch.ao.quantization.quantize_dynamic(model)
        x = rounded_normal(g, *shape, dtype=torch.float32) * 2
        cases.append({'weight': enc(lin.weight), 'bias': enc(lin.bias) if bias else None, 'x': enc(x),
                      'float_out': enc(model(x)), 'out': enc(qmodel(x)), 'repr': repr(qmodel),
                      'weight_int_repr': enc(qmodel[0].weight().int_repr()), 'weight_scale': qmodel[0].weight().q_scale(),
                      'weight_zero_point': qmodel[0].weight().q_zero_point()})
    m = nn.Sequential(nn.Linear(4, 3), nn.ReLU(), nn.Sequential(nn.Linear(3, 2)))
    lstms = []
    for layers, batch_first, bidirectional, bias in [(1, False, False, True), (2, True, True, True)]:
        lstm = nn.LSTM(4, 3, num_layers=layers, batch_first=batch_first, bidirectional=bidirectional, bias=bias)
        with torch.no_grad():
            for p in lstm.parameters():
                p.copy_(rounded_normal(g, *p.shape, dtype=torch.float32) * 0.4)
        q = torch.ao.quantization.quantize_dynamic(nn.Sequential(lstm))
        x = rounded_normal(g, *((2, 5, 4) if batch_first else (5, 2, 4)), dtype=torch.float32)
        h0 = rounded_normal(g, layers * (2 if bidirectional else 1), 2, 3, dtype=torch.float32) * 0.5
        c0 = rounded_normal(g, layers * (2 if bidirectional else 1), 2, 3, dtype=torch.float32) * 0.5
        out, (h, c) = q[0](x, (h0, c0))
        fout, _ = lstm(x, (h0, c0))
        lstms.append({'layers': layers, 'batch_first': batch_first, 'bidirectional': bidirectional, 'bias': bias,
                      'state': {k: enc(v) for k, v in lstm.state_dict().items()}, 'x': enc(x), 'h0': enc(h0), 'c0': enc(c0),
                      'out': enc(out), 'h': enc(h), 'c': enc(c), 'float_out': enc(fout), 'repr': repr(q)})
    return {'cases': cases, 'nested_repr': repr(torch.ao.quantization.quantize_dynamic(m)), 'lstm': lstms}


def messages():
    x = torch.randn(2, 3)
    s2, z2 = torch.tensor([0.1, 0.2]), torch.tensor([0, 0], dtype=torch.int32)
    m = {
        'quantize_double': message(lambda: torch.quantize_per_tensor(x.double(), 0.1, 0, torch.quint8)),
        'zero_point_above': message(lambda: torch.quantize_per_tensor(x, 0.1, 300, torch.quint8)),
        'zero_point_below': message(lambda: torch.quantize_per_tensor(x, 0.1, -129, torch.qint8)),
        'channel_scales_length': message(lambda: torch.quantize_per_channel(x, s2, z2.long(), 1, torch.quint8)),
        'channel_axis': message(lambda: torch.quantize_per_channel(x, s2, z2.long(), 2, torch.quint8)),
        'channel_zero_points_length': message(lambda: torch.quantize_per_channel(x, s2, torch.tensor([0, 0, 0]), 0, torch.quint8)),
        'channel_zero_point_above': message(lambda: torch.quantize_per_channel(x, s2, torch.tensor([0, 300]), 0, torch.quint8)),
        'per_channel_scales_of_per_tensor': message(lambda: torch.quantize_per_tensor(x, 0.1, 0, torch.quint8).q_per_channel_scales()),
        'q_scale_of_per_channel': message(lambda: torch.quantize_per_channel(x, s2, z2.long(), 0, torch.quint8).q_scale()),
        'fake_min_max': message(lambda: torch.fake_quantize_per_tensor_affine(x, 0.1, 0, 10, 5)),
        'fake_zero_point': message(lambda: torch.fake_quantize_per_tensor_affine(x, 0.1, 20, 0, 5)),
        'fake_long': message(lambda: torch.fake_quantize_per_tensor_affine(x.long(), 0.1, 0, 0, 5)),
        'fake_channel_min_max': message(lambda: torch.fake_quantize_per_channel_affine(x, s2, z2, 0, 10, 5)),
        'fake_channel_zero_point': message(lambda: torch.fake_quantize_per_channel_affine(x, s2, torch.tensor([0, 300], dtype=torch.int32), 0, 0, 255)),
        'fake_channel_axis': message(lambda: torch.fake_quantize_per_channel_affine(x, s2, z2, 3, 0, 255)),
        'fake_channel_length': message(lambda: torch.fake_quantize_per_channel_affine(x, s2, z2, 1, 0, 255)),
        'fake_channel_zero_point_dtype': message(lambda: torch.fake_quantize_per_channel_affine(x, s2, z2.long(), 0, 0, 255)),
        'minmax_qscheme': message(lambda: tq.MinMaxObserver(qscheme=torch.per_channel_affine)),
        'symmetric_reduce_range': message(lambda: tq.MinMaxObserver(qscheme=torch.per_tensor_symmetric, reduce_range=True)),
        'range_include_zero': message(lambda: tq.MinMaxObserver(quant_min=1, quant_max=5)),
        'range_strict': message(lambda: tq.MinMaxObserver(quant_min=0, quant_max=0)),
        'range_bits': message(lambda: tq.MinMaxObserver(dtype=torch.qint8, quant_min=-200, quant_max=100)),
        'per_channel_qscheme': message(lambda: tq.PerChannelMinMaxObserver(qscheme=torch.per_tensor_affine)),
        'histogram_qscheme': message(lambda: tq.HistogramObserver(qscheme=torch.per_channel_affine)),
        'fake_quantize_min_max': message(lambda: tq.FakeQuantize(quant_min=10, quant_max=5)),
        'fake_quantize_bound': message(lambda: tq.FakeQuantize(quant_min=-1, quant_max=5)),
    }
    return {k: ' '.join(v.split()) for k, v in m.items()}


def main():
    g = torch.Generator().manual_seed(2024)
    write('quant.json', {
        'quantize': quantize_cases(g), 'per_channel': channel_cases(g), 'reprs': reprs(),
        'fake': fake_cases(g), 'fake_channel': fake_channel_cases(g),
        'observers': observer_cases(g), 'fake_quantize': fake_quantize_cases(g),
        'dynamic': dynamic_cases(g), 'messages': messages(),
    })


if __name__ == '__main__':
    main()
