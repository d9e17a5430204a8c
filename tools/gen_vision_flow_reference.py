#!/usr/bin/python3
"""Writes torchvision 0.14's optical flow answers for OpticalFlowTest (ecosystem/vision, org.torch4j.vision.models.opticalflow).

Run with Debian's interpreter, which has PyTorch 1.13 and torchvision 0.14:

    /usr/bin/python3 tools/gen_vision_flow_reference.py

It writes ecosystem/vision/src/test/resources/reference/vision/flow.json with
  models     raft_small and raft_large built after torch.manual_seed(0) (weights=None): each state-dict
             entry's fingerprint (key, shape, dtype, float64 sum and sum of squares, the values at flat positions
             0, n/3, 2n/3, n-1, or the one value of a constant tensor), the parameter count, and the eval-mode
             flow predictions for image1, image2 = randn(N, 3, 128, 128) after torch.manual_seed(1) (128 is
             torchvision's min_size: at 64 the pyramid's last level is 1x1 and grid_sample's absolute-to-normalised
             coordinates divide 0 by 0, so every flow is NaN; below 64 the third 2x2 pooling fails).
             Each prediction is recorded as its float64 sum and sum of squares and every 31st value of its flat form
             (31 is prime to 8, so the samples cover every position inside the upsampling's 8x8 cells).
  training   raft_large in training mode (batch norm in the context encoder, instance norm in the feature encoder):
             the loss sum_k 0.8^(n-1-k) * (flow_k * w).sum() with w = randn after torch.manual_seed(4), its value,
             some parameters' gradients (every 31st value, or about 400 of a large one) and a batch norm's running
             mean after the forward.
  errors     RAFT's messages for bad inputs; constructionErrors, its parts' messages for bad arguments.
  flowToImage  torchvision.utils.flow_to_image of seeded flows, [2, H, W] and [N, 2, H, W], and its messages.
"""
import json
import math
import os

import numpy as np
import torch
from torchvision.models.optical_flow import raft_large, raft_small
from torchvision.models.optical_flow.raft import CorrBlock, FeatureEncoder, MotionEncoder, RecurrentBlock
from torchvision.utils import flow_to_image

torch.set_num_threads(2)
OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'ecosystem', 'vision', 'src', 'test', 'resources',
                   'reference', 'vision')

SIZE = 128
STRIDE = 31


def f32(v):
    """A float32 value as its shortest decimal form (Java parses it back to the same float)."""
    v = float(v)
    if math.isnan(v) or math.isinf(v):
        raise ValueError('non-finite value')
    return float(str(np.float32(v)))


def fingerprint(t):
    flat = t.detach().reshape(-1)
    n = flat.numel()
    out = {'shape': list(t.shape), 'dtype': str(t.dtype).replace('torch.', '')}
    if n > 0 and bool((flat == flat[0]).all()):
        out['const'] = f32(flat[0]) if t.is_floating_point() else int(flat[0])
        return out
    d = flat.double()
    pos = sorted(set([0, n // 3, (2 * n) // 3, n - 1]))
    out.update({'sum': float(d.sum()), 'sumsq': float((d * d).sum()), 'pos': pos,
                'values': [f32(flat[p]) if t.is_floating_point() else int(flat[p]) for p in pos]})
    return out


def sampled(t, stride=STRIDE):
    """A tensor's shape, float64 sum and sum of squares, and every stride-th value of its flat form."""
    flat = t.detach().reshape(-1)
    d = flat.double()
    return {'shape': list(t.shape), 'sum': float(d.sum()), 'sumsq': float((d * d).sum()), 'stride': stride,
            'values': [f32(v) for v in flat[::stride].tolist()]}


def gen_model(name, build, batch, updates):
    torch.manual_seed(0)
    model = build().eval()
    torch.manual_seed(1)
    image1 = torch.randn(batch, 3, SIZE, SIZE)
    image2 = torch.randn(batch, 3, SIZE, SIZE)
    with torch.no_grad():
        flows = model(image1, image2, num_flow_updates=updates)
    return {'name': name, 'seed': 0, 'inputSeed': 1, 'batch': batch, 'size': SIZE, 'numFlowUpdates': updates,
            'numParams': sum(p.numel() for p in model.parameters()),
            'state': [dict(key=k, **fingerprint(v)) for k, v in model.state_dict().items()],
            'flows': [sampled(f) for f in flows]}


GRADS = ['feature_encoder.convnormrelu.0.weight', 'feature_encoder.conv.bias',
         'context_encoder.convnormrelu.1.weight', 'context_encoder.layer2.0.downsample.1.bias',
         'update_block.motion_encoder.convcorr1.0.bias', 'update_block.recurrent_block.convgru2.convq.weight',
         'update_block.flow_head.conv2.bias', 'mask_predictor.conv.bias']


def gen_training():
    torch.manual_seed(0)
    model = raft_large().train()
    torch.manual_seed(1)
    image1 = torch.randn(1, 3, SIZE, SIZE)
    image2 = torch.randn(1, 3, SIZE, SIZE)
    updates = 2
    flows = model(image1, image2, num_flow_updates=updates)
    torch.manual_seed(4)
    w = torch.randn(1, 2, SIZE, SIZE)
    loss = sum((0.8 ** (updates - 1 - k)) * (f * w).sum() for k, f in enumerate(flows))
    loss.backward()
    params = dict(model.named_parameters())
    return {'model': 'raft_large', 'seed': 0, 'inputSeed': 1, 'weightSeed': 4, 'size': SIZE, 'numFlowUpdates': updates,
            'gamma': 0.8, 'loss': float(loss), 'flows': [sampled(f) for f in flows],
            'grads': [dict(key=k, **sampled(params[k].grad, max(STRIDE, params[k].numel() // 400 | 1))) for k in GRADS],
            'runningMean': {'key': 'context_encoder.convnormrelu.1.running_mean',
                            'values': [f32(v) for v in model.state_dict()['context_encoder.convnormrelu.1.running_mean'].tolist()]}}


def message(fn):
    try:
        fn()
    except Exception as e:  # noqa: BLE001 - the message is what is recorded
        return {'type': type(e).__name__, 'message': str(e)}
    raise AssertionError('no error')


def gen_errors():
    torch.manual_seed(0)
    model = raft_small().eval()
    a = torch.zeros(1, 3, 64, 64)
    with torch.no_grad():
        return [
            dict(image1=[1, 3, 64, 64], image2=[1, 3, 64, 72], **message(lambda: model(a, torch.zeros(1, 3, 64, 72)))),
            dict(image1=[1, 3, 60, 64], image2=[1, 3, 60, 64],
                 **message(lambda: model(torch.zeros(1, 3, 60, 64), torch.zeros(1, 3, 60, 64)))),
            dict(image1=[1, 3, 56, 56], image2=[1, 3, 56, 56],
                 **message(lambda: model(torch.zeros(1, 3, 56, 56), torch.zeros(1, 3, 56, 56)))),
        ]


def gen_construction_errors():
    """The parts' messages for bad arguments (the Java test builds the same calls by the 'call' name)."""
    return [
        dict(call='FeatureEncoder(layers=(64, 64, 96, 128))', **message(lambda: FeatureEncoder(layers=(64, 64, 96, 128)))),
        dict(call='MotionEncoder(flow_layers=(128,))', **message(lambda: MotionEncoder(in_channels_corr=324, flow_layers=(128,)))),
        dict(call='MotionEncoder(corr_layers=(256, 192, 128))',
             **message(lambda: MotionEncoder(in_channels_corr=324, corr_layers=(256, 192, 128)))),
        dict(call='RecurrentBlock(kernel_size=((1, 5), (5, 1)), padding=((0, 2),))',
             **message(lambda: RecurrentBlock(input_size=8, hidden_size=4, padding=((0, 2),)))),
        dict(call='RecurrentBlock(kernel_size=(3, 3, 3), padding=(1, 1, 1))',
             **message(lambda: RecurrentBlock(input_size=8, hidden_size=4, kernel_size=(3, 3, 3), padding=(1, 1, 1)))),
        dict(call='CorrBlock().build_pyramid(zeros(1, 8, 4, 4), zeros(1, 8, 4, 5))',
             **message(lambda: CorrBlock().build_pyramid(torch.zeros(1, 8, 4, 4), torch.zeros(1, 8, 4, 5)))),
    ]


def gen_flow_to_image():
    cases = []
    for seed, shape, scale in [(5, [2, 5, 7], 3.0), (6, [2, 2, 4, 6], 10.0)]:
        torch.manual_seed(seed)
        flow = torch.randn(shape) * scale
        img = flow_to_image(flow)
        cases.append({'seed': seed, 'shape': shape, 'scale': scale, 'flow': [f32(v) for v in flow.reshape(-1).tolist()],
                      'image': img.reshape(-1).tolist(), 'imageShape': list(img.shape), 'dtype': str(img.dtype)[6:]})
    errors = [dict(shape=[2, 3, 3], dtype='float64', **message(lambda: flow_to_image(torch.zeros(2, 3, 3, dtype=torch.float64)))),
              dict(shape=[3, 4, 4], dtype='float32', **message(lambda: flow_to_image(torch.zeros(3, 4, 4)))),
              dict(shape=[1, 1, 2, 4, 4], dtype='float32', **message(lambda: flow_to_image(torch.zeros(1, 1, 2, 4, 4))))]
    return {'cases': cases, 'errors': errors}


def main():
    out = {'models': [gen_model('raft_small', raft_small, 2, 3), gen_model('raft_large', raft_large, 1, 3)],
           'training': gen_training(), 'errors': gen_errors(), 'constructionErrors': gen_construction_errors(), 'flowToImage': gen_flow_to_image()}
    os.makedirs(OUT, exist_ok=True)
    with open(os.path.join(OUT, 'flow.json'), 'w') as f:
        json.dump(out, f, separators=(',', ':'))
        f.write('\n')
    print('wrote flow.json')


if __name__ == '__main__':
    main()
