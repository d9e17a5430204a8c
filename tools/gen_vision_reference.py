#!/usr/bin/python3
"""Writes torchvision 0.14's answers for torch4j's vision tests (ecosystem/vision, org.torch4j.vision).

Run with Debian's interpreter, which has PyTorch 1.13 and torchvision 0.14:

    /usr/bin/python3 tools/gen_vision_reference.py [--weights DIR] [--only models|transforms|datasets]

It writes, under ecosystem/vision/src/test/resources/reference/vision/:
  models.json      for each model: how it was built (name, image size, seeds), the fingerprint of
                   every state_dict entry after torch.manual_seed(0) and construction (key, shape,
                   dtype, float64 sum and sum of squares, the values at flat positions 0, n/3, 2n/3,
                   n-1), and the eval-mode output for torch.manual_seed(1); torch.randn(1, 3, S, S).
                   Java builds the same model with the same seed: equal fingerprints prove equal
                   weights, then the outputs are compared.
  transforms.json  + images/*.png: each transform applied to small committed images, with the
                   random parameters drawn after torch.manual_seed(seed) as torchvision draws them.
  cifar/           tiny CIFAR-10 and CIFAR-100 files in the real binary format, and what they hold.

With --weights DIR it also writes each model's state_dict as DIR/<name>.safetensors (not committed:
VGG-11 alone is 500 MB); VisionModelWeightsTest loads them when -Dtorch4j.vision.weights=DIR.
Every run writes the same files.
"""
import argparse
import json
import math
import os
import struct

import numpy as np
import torch
import torch.nn as nn
import torchvision
from torchvision.models import resnet18, resnet34, resnet50, mobilenet_v2, vgg11, vgg11_bn, vgg16, vgg16_bn
from torchvision.models.vision_transformer import VisionTransformer

torch.set_num_threads(2)
ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..')
OUT = os.path.join(ROOT, 'ecosystem', 'vision', 'src', 'test', 'resources', 'reference', 'vision')


def f32(v):
    """A float32 value as its shortest decimal form (Java parses it back to the same float)."""
    v = float(v)
    if math.isnan(v) or math.isinf(v):
        raise ValueError('non-finite value')
    return float(str(np.float32(v)))


def write_json(name, obj):
    os.makedirs(OUT, exist_ok=True)
    with open(os.path.join(OUT, name), 'w') as f:
        json.dump(obj, f, separators=(',', ':'))
        f.write('\n')
    print('wrote', name)


# ---- models ------------------------------------------------------------------------------------

def vit_small(num_classes=1000):
    return VisionTransformer(image_size=32, patch_size=4, num_layers=4, num_heads=4, hidden_dim=64, mlp_dim=128,
                             num_classes=num_classes)


# name, builder, input size. ResNet-18, MobileNetV2 and VGG-11 run at ImageNet's 224x224 (the
# acceptance check); the others at smaller sizes to keep the Java test short.
MODELS = [
    ('resnet18', resnet18, 224),
    ('resnet34', resnet34, 64),
    ('resnet50', resnet50, 64),
    ('mobilenet_v2', mobilenet_v2, 224),
    ('vgg11', vgg11, 224),
    ('vgg11_bn', vgg11_bn, 32),
    ('vgg16', vgg16, 32),
    ('vgg16_bn', vgg16_bn, 32),
    ('vit_small', vit_small, 32),
]


def fingerprint(t):
    flat = t.detach().reshape(-1)
    n = flat.numel()
    d = flat.double()
    pos = sorted(set([0, n // 3, (2 * n) // 3, n - 1]))
    return {'shape': list(t.shape), 'dtype': str(t.dtype).replace('torch.', ''),
            'sum': float(d.sum()), 'sumsq': float((d * d).sum()),
            'pos': pos, 'values': [f32(flat[p]) if t.is_floating_point() else int(flat[p]) for p in pos]}


def write_safetensors(state, path):
    header, chunks, offset = {}, [], 0
    for k, v in state.items():
        v = v.detach().contiguous()
        code = {torch.float32: 'F32', torch.int64: 'I64'}[v.dtype]
        data = v.numpy().tobytes()
        header[k] = {'dtype': code, 'shape': list(v.shape), 'data_offsets': [offset, offset + len(data)]}
        chunks.append(data)
        offset += len(data)
    h = json.dumps(header, separators=(',', ':')).encode()
    h += b' ' * ((8 - len(h) % 8) % 8)
    with open(path, 'wb') as f:
        f.write(struct.pack('<Q', len(h)))
        f.write(h)
        for c in chunks:
            f.write(c)


def gen_models(weights_dir):
    cases = []
    for name, build, size in MODELS:
        torch.manual_seed(0)
        model = build()
        if name == 'vit_small':
            # torchvision zero-initialises the head, which would make every output 0: draw it instead.
            torch.manual_seed(2)
            nn.init.normal_(model.heads.head.weight, std=0.02)
        model.eval()
        state = model.state_dict()
        torch.manual_seed(1)
        x = torch.randn(1, 3, size, size)
        with torch.no_grad():
            y = model(x)
        cases.append({'name': name, 'size': size, 'seed': 0, 'inputSeed': 1,
                      'state': [dict(key=k, **fingerprint(v)) for k, v in state.items()],
                      'output': [f32(v) for v in y.reshape(-1).tolist()], 'outputShape': list(y.shape)})
        if weights_dir:
            os.makedirs(weights_dir, exist_ok=True)
            write_safetensors(state, os.path.join(weights_dir, name + '.safetensors'))
        print(name, sum(p.numel() for p in model.parameters()), 'parameters')
    write_json('models.json', cases)


if __name__ == '__main__':
    ap = argparse.ArgumentParser()
    ap.add_argument('--weights', help='folder to write each model state_dict to, as <name>.safetensors')
    ap.add_argument('--only', choices=['models', 'transforms', 'datasets'])
    args = ap.parse_args()
    if args.only in (None, 'models'):
        gen_models(args.weights)
