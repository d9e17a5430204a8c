#!/usr/bin/python3
"""Writes torchvision 0.14's answers for torch4j's vision tests (ecosystem/vision, org.torch4j.vision).

Run with Debian's interpreter, which has PyTorch 1.13 and torchvision 0.14:

    /usr/bin/python3 tools/gen_vision_reference.py [--weights DIR] [--only models|classic_models|modern_models|variant_models|more_models|transforms|datasets]

It writes, under ecosystem/vision/src/test/resources/reference/vision/:
  models.json      (and models_classic.json: AlexNet, SqueezeNet, DenseNet, GoogLeNet; models_modern.json:
                   ShuffleNetV2, MobileNetV3, EfficientNet-B0, ConvNeXt-Tiny; models_variants.json and models_more.json
                   in the compact form, see fingerprint) for each model: how it was built
                   (name, image size, seeds), the fingerprint of
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
import copy
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


from torchvision.models import alexnet, densenet121, squeezenet1_0, squeezenet1_1
from torchvision.models.densenet import DenseNet
from torchvision.models.googlenet import GoogLeNet


def googlenet_eval(num_classes=1000):
    # without the auxiliary classifiers (eval mode never runs them), with init_weights' truncated normals
    return GoogLeNet(num_classes=num_classes, aux_logits=False, init_weights=True)


def densenet_small(num_classes=1000):
    # DenseNet's growth options on a small net: growth 12, three blocks, 24 initial features, bottleneck 2x
    return DenseNet(growth_rate=12, block_config=(2, 3, 4), num_init_features=24, bn_size=2, drop_rate=0.1,
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

# The classic CNNs added later, in their own file (models_classic.json) so that regenerating them leaves
# models.json as it is (PyTorch's float32 outputs can move by an ulp between machines).
CLASSIC_MODELS = [
    ('alexnet', alexnet, 64),
    ('squeezenet1_0', squeezenet1_0, 64),
    ('squeezenet1_1', squeezenet1_1, 64),
    ('densenet121', densenet121, 64),
    ('densenet_small', densenet_small, 32),
    ('googlenet', googlenet_eval, 64),
]

# Input scales: GoogLeNet's std-0.01 weights shrink the signal by about 1e-12 before fc, so its output would be
# fc's bias alone. Below fc the network is positively homogeneous (bias-free convolutions, eval-mode batch norms
# with zero mean and bias, ReLU, max and average pools), so a 1e10 times larger input brings the rest to the
# bias's size.
INPUT_SCALE = {'googlenet': 1e10}


def googlenet_transform_input(model):
    """transform_input's per-channel affine map (from ImageNet normalisation to [-1, 1] scaling) on randn(1, 3, 2, 3), seed 3."""
    torch.manual_seed(3)
    x = torch.randn(1, 3, 2, 3)
    model.transform_input = True
    y = model._transform_input(x)
    model.transform_input = False
    return {'transformInput': {'seed': 3, 'shape': list(y.shape), 'output': [f32(v) for v in y.reshape(-1).tolist()]}}


# More reference values in a model's case.
CASE_EXTRAS = {'googlenet': googlenet_transform_input}


def fingerprint(t, compact=False):
    """Shape, dtype, sums and a few values of a tensor; with compact, no values, and a constant tensor (batch-norm
    weights, biases, statistics) as its one value."""
    flat = t.detach().reshape(-1)
    n = flat.numel()
    if compact and n > 0 and bool((flat == flat[0]).all()):
        v = flat[0]
        return {'shape': list(t.shape), 'dtype': str(t.dtype).replace('torch.', ''),
                'const': f32(v) if t.is_floating_point() else int(v)}
    d = flat.double()
    if compact:
        return {'shape': list(t.shape), 'dtype': str(t.dtype).replace('torch.', ''),
                'sum': float(d.sum()), 'sumsq': float((d * d).sum())}
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


def gen_models(weights_dir, models=MODELS, filename='models.json', compact=False):
    cases = []
    for name, build, size in models:
        torch.manual_seed(0)
        model = build()
        if name.startswith('vit'):
            # torchvision zero-initialises the head, which would make every output 0: draw it instead.
            torch.manual_seed(2)
            nn.init.normal_(model.heads.head.weight, std=0.02)
        model.eval()
        state = model.state_dict()
        torch.manual_seed(1)
        x = torch.randn(1, 3, size, size)
        scale = INPUT_SCALE.get(name)
        if scale:
            x = x * scale
        with torch.no_grad():
            y = model(x)
        if isinstance(y, dict):
            y = y['out']          # a segmentation model's {'out': ...}
        cases.append({'name': name, 'size': size, 'seed': 0, 'inputSeed': 1,
                      'state': [dict(key=k, **fingerprint(v, compact)) for k, v in state.items()],
                      'output': [f32(v) for v in y.reshape(-1).tolist()], 'outputShape': list(y.shape)})
        if scale:
            cases[-1]['inputScale'] = scale
        if name in NUM_CLASSES:
            cases[-1]['numClasses'] = NUM_CLASSES[name]
        if name in CASE_EXTRAS:
            cases[-1].update(CASE_EXTRAS[name](model))
        # the print form of each stochastic depth layer: its drop probability grows with the block's index
        depth = [{'module': n, 'repr': repr(m)} for n, m in model.named_modules() if isinstance(m, torchvision.ops.StochasticDepth)]
        if depth:
            cases[-1]['stochasticDepth'] = depth
        if weights_dir:
            os.makedirs(weights_dir, exist_ok=True)
            write_safetensors(state, os.path.join(weights_dir, name + '.safetensors'))
        print(name, sum(p.numel() for p in model.parameters()), 'parameters')
    write_json(filename, cases)


# The later architectures (ShuffleNetV2, MobileNetV3, EfficientNet, ConvNeXt) in their own file, so
# that adding them leaves models.json as it was. Small inputs keep the Java test short: each model
# downsamples 32x, so 32 or 64 pixels still reach its classifier through every stage.
from torchvision.models import (shufflenet_v2_x0_5, shufflenet_v2_x1_0, mobilenet_v3_small, mobilenet_v3_large,
                                efficientnet_b0, convnext_tiny)

MODERN_MODELS = [
    ('shufflenet_v2_x0_5', shufflenet_v2_x0_5, 64),
    ('shufflenet_v2_x1_0', shufflenet_v2_x1_0, 32),
    ('mobilenet_v3_small', mobilenet_v3_small, 64),
    ('mobilenet_v3_large', mobilenet_v3_large, 32),
    ('efficientnet_b0', efficientnet_b0, 64),
    ('convnext_tiny', convnext_tiny, 32),
]


# The larger members of those families (ResNet-101/152, ResNeXt, Wide ResNet, VGG-13/19, DenseNet-161/169/201,
# EfficientNet-B1 to B7, ConvNeXt-Small/Base, ViT-B/32) in models_variants.json, at 32 pixels where the model allows.
from torchvision.models import (resnet101, resnet152, resnext50_32x4d, resnext101_32x8d, resnext101_64x4d, wide_resnet50_2,
                                wide_resnet101_2, vgg13, vgg13_bn, vgg19, vgg19_bn, densenet161, densenet169, densenet201,
                                efficientnet_b1, efficientnet_b2, efficientnet_b3, efficientnet_b4, efficientnet_b5,
                                efficientnet_b6, efficientnet_b7, convnext_small, convnext_base, vit_b_32)

VARIANT_MODELS = [(name, build, 224 if name == 'vit_b_32' else 32) for name, build in [
    ('resnet101', resnet101), ('resnet152', resnet152), ('resnext50_32x4d', resnext50_32x4d),
    ('resnext101_32x8d', resnext101_32x8d), ('resnext101_64x4d', resnext101_64x4d), ('wide_resnet50_2', wide_resnet50_2),
    ('wide_resnet101_2', wide_resnet101_2), ('vgg13', vgg13), ('vgg13_bn', vgg13_bn), ('vgg19', vgg19), ('vgg19_bn', vgg19_bn),
    ('densenet161', densenet161), ('densenet169', densenet169), ('densenet201', densenet201),
    ('efficientnet_b1', efficientnet_b1), ('efficientnet_b2', efficientnet_b2), ('efficientnet_b3', efficientnet_b3),
    ('efficientnet_b4', efficientnet_b4), ('efficientnet_b5', efficientnet_b5), ('efficientnet_b6', efficientnet_b6),
    ('efficientnet_b7', efficientnet_b7), ('convnext_small', convnext_small), ('convnext_base', convnext_base),
    ('vit_b_32', vit_b_32)]]


# The families torch4j added next (RegNet X/Y up to 32GF, then MNASNet, EfficientNetV2, Inception v3 and the
# segmentation models) in models_more.json, compact form, at 32 pixels where the model allows.
from torchvision.models import (regnet_y_400mf, regnet_y_800mf, regnet_y_1_6gf, regnet_y_3_2gf, regnet_y_8gf, regnet_y_16gf,
                                regnet_y_32gf, regnet_x_400mf, regnet_x_800mf, regnet_x_1_6gf, regnet_x_3_2gf, regnet_x_8gf,
                                regnet_x_16gf, regnet_x_32gf,
                                mnasnet0_5, mnasnet0_75, mnasnet1_0, mnasnet1_3, efficientnet_v2_s, efficientnet_v2_m,
                                efficientnet_v2_l, inception_v3)


def inception_v3_seeded(num_classes=1000):
    # init_weights=True is the default's behaviour; passing it only silences the FutureWarning
    return inception_v3(num_classes=num_classes, init_weights=True)


def inception_aux_training(model):
    """The auxiliary classifier's logits in training mode (batch statistics, no dropout on its path) for
    randn(2, 3, 299, 299) after seed 4, in float64: 299 pixels is the smallest input its 5x5 pool and 5x5 conv
    allow, and its conv1's batch norm then normalises 2 values per channel, which float32 cannot carry to 1e-4
    (PyTorch's own float32 result is 1.8e-4 from this one)."""
    model64 = copy.deepcopy(model).double().train()
    torch.manual_seed(4)
    x = torch.randn(2, 3, 299, 299)
    with torch.no_grad():
        out = model64(x.double())
    return {'auxTraining': {'seed': 4, 'size': 299, 'batch': 2, 'dtype': 'float64', 'shape': list(out.aux_logits.shape),
                            'output': out.aux_logits.reshape(-1).tolist()}}


CASE_EXTRAS['inception_v3'] = inception_aux_training

from torchvision.models import segmentation


def no_backbone_weights(builder):
    """The segmentation builder with weights_backbone=None: by default torchvision would download ImageNet weights."""
    return lambda **kwargs: builder(weights_backbone=None, **kwargs)


fcn_resnet50 = no_backbone_weights(segmentation.fcn_resnet50)
deeplabv3_resnet50 = no_backbone_weights(segmentation.deeplabv3_resnet50)
deeplabv3_mobilenet_v3_large = no_backbone_weights(segmentation.deeplabv3_mobilenet_v3_large)
lraspp_mobilenet_v3_large = no_backbone_weights(segmentation.lraspp_mobilenet_v3_large)

# The segmentation models' default of 21 classes (Pascal VOC's): the Java test builds them with this many.
NUM_CLASSES = {name: 21 for name in ('fcn_resnet50', 'deeplabv3_resnet50', 'deeplabv3_mobilenet_v3_large', 'lraspp_mobilenet_v3_large')}


# MobileNetV3's features shrink a unit input to about 1e-9 at output stride 16 (hard-swish halves small values): the
# DeepLabV3 head would see nothing and its output be its biases. A 1e9 times larger input brings them to about 100.
INPUT_SCALE['deeplabv3_mobilenet_v3_large'] = 1e9
INPUT_SCALE['lraspp_mobilenet_v3_large'] = 1e9


# The segmentation cases' input size: their outputs are per pixel (21 x S x S), so 16 pixels keep the file small;
# the dilated ResNet still has 2 x 2 features, MobileNetV3's output-stride-16 branch 1 x 1.
SEGMENTATION_SIZE = 16


def segmentation_aux(name, build):
    """The outputs of the model built with aux_loss=True (seed 0; eval mode; the case's seed-1 input and scale)."""
    def extra(model):
        torch.manual_seed(0)
        with_aux = build(aux_loss=True).eval()
        torch.manual_seed(1)
        x = torch.randn(1, 3, SEGMENTATION_SIZE, SEGMENTATION_SIZE) * INPUT_SCALE.get(name, 1)
        with torch.no_grad():
            out = with_aux(x)
        return {'auxLoss': {'keys': list(with_aux.state_dict().keys()), 'shape': list(out['aux'].shape),
                            'out': [f32(v) for v in out['out'].reshape(-1).tolist()],
                            'aux': [f32(v) for v in out['aux'].reshape(-1).tolist()]}}
    return extra


def lraspp_high_path(model):
    """LRASPP's head with the low features zeroed, for the case's input: its output-stride-8 branch outweighs the
    high one about 1e5 times in the model's output, so the high branch (cbr, scale, high_classifier) is checked here."""
    torch.manual_seed(1)
    x = torch.randn(1, 3, SEGMENTATION_SIZE, SEGMENTATION_SIZE) * INPUT_SCALE['lraspp_mobilenet_v3_large']
    with torch.no_grad():
        features = model.backbone(x)
        y = model.classifier({'low': torch.zeros_like(features['low']), 'high': features['high']})
    return {'highPath': {'shape': list(y.shape), 'output': [f32(v) for v in y.reshape(-1).tolist()]}}


CASE_EXTRAS['fcn_resnet50'] = segmentation_aux('fcn_resnet50', fcn_resnet50)
CASE_EXTRAS['deeplabv3_mobilenet_v3_large'] = segmentation_aux('deeplabv3_mobilenet_v3_large', deeplabv3_mobilenet_v3_large)
CASE_EXTRAS['lraspp_mobilenet_v3_large'] = lraspp_high_path

MORE_MODELS = [(name, build, 32) for name, build in [
    ('regnet_y_400mf', regnet_y_400mf), ('regnet_y_800mf', regnet_y_800mf), ('regnet_y_1_6gf', regnet_y_1_6gf),
    ('regnet_y_3_2gf', regnet_y_3_2gf), ('regnet_y_8gf', regnet_y_8gf), ('regnet_y_16gf', regnet_y_16gf),
    ('regnet_x_400mf', regnet_x_400mf), ('regnet_x_800mf', regnet_x_800mf), ('regnet_x_1_6gf', regnet_x_1_6gf),
    ('regnet_x_3_2gf', regnet_x_3_2gf), ('regnet_x_8gf', regnet_x_8gf), ('regnet_x_16gf', regnet_x_16gf),
    ('regnet_y_32gf', regnet_y_32gf), ('regnet_x_32gf', regnet_x_32gf),
    ('mnasnet0_5', mnasnet0_5), ('mnasnet0_75', mnasnet0_75), ('mnasnet1_0', mnasnet1_0), ('mnasnet1_3', mnasnet1_3),
    ('efficientnet_v2_s', efficientnet_v2_s), ('efficientnet_v2_m', efficientnet_v2_m), ('efficientnet_v2_l', efficientnet_v2_l)]] + [
    ('inception_v3', inception_v3_seeded, 75)] + [(name, build, SEGMENTATION_SIZE) for name, build in [
    ('fcn_resnet50', fcn_resnet50), ('deeplabv3_resnet50', deeplabv3_resnet50),
    ('deeplabv3_mobilenet_v3_large', deeplabv3_mobilenet_v3_large), ('lraspp_mobilenet_v3_large', lraspp_mobilenet_v3_large)]]


# ---- transforms ----------------------------------------------------------------------------------

import torchvision.transforms as T
from torchvision.io import read_image, write_png
from torchvision.transforms import InterpolationMode

IMAGES = os.path.join(OUT, 'images')


def make_images():
    """Three small PNGs: an RGB pattern, a grayscale one, and a crop of Debian's logo (a real drawing)."""
    os.makedirs(IMAGES, exist_ok=True)
    y = torch.arange(24.0).view(24, 1)
    x = torch.arange(32.0).view(1, 32)
    r = (x * 8 + y * 2) % 256
    g = (y * 10 + 40 * torch.sin(x / 3)).clamp(0, 255)
    b = ((x - 16) ** 2 + (y - 12) ** 2).sqrt() * 12 % 256
    rgb = torch.stack([r, g, b]).round().to(torch.uint8)
    write_png(rgb, os.path.join(IMAGES, 'rgb.png'))
    gy = torch.arange(20.0).view(20, 1)
    gx = torch.arange(18.0).view(1, 18)
    gray = ((gx * 13 + gy * 7 + 60 * torch.cos((gx + gy) / 4)) % 256).round().to(torch.uint8).unsqueeze(0)
    write_png(gray, os.path.join(IMAGES, 'gray.png'))
    logo = read_image('/usr/share/pixmaps/debian-logo.png')[:3]          # RGBA -> RGB
    logo = T.functional.resize(logo, [36, 36], antialias=True)
    write_png(logo.contiguous(), os.path.join(IMAGES, 'logo.png'))


def to_float(img):
    """torch4j's ToTensor on a uint8 CHW tensor: what ToTensor does to an HWC array, and ConvertImageDtype."""
    return T.ConvertImageDtype(torch.float32)(img)


def build(spec):
    """The torchvision transform a case names (the contract with TransformsTest.build in Java)."""
    t, a = spec['t'], spec
    interp = {'nearest': InterpolationMode.NEAREST, 'bilinear': InterpolationMode.BILINEAR}
    if t == 'Compose':
        return T.Compose([build(s) for s in a['transforms']])
    if t == 'ToTensor':
        return to_float
    if t == 'Normalize':
        return T.Normalize(a['mean'], a['std'])
    if t == 'Resize':
        return T.Resize(a['size'], interpolation=interp[a.get('interpolation', 'bilinear')], max_size=a.get('maxSize'),
                        antialias=a.get('antialias', False))
    if t == 'CenterCrop':
        return T.CenterCrop(a['size'])
    if t == 'RandomCrop':
        return T.RandomCrop(a['size'], padding=a.get('padding'), pad_if_needed=a.get('padIfNeeded', False),
                            fill=a.get('fill', 0), padding_mode=a.get('paddingMode', 'constant'))
    if t == 'RandomResizedCrop':
        return T.RandomResizedCrop(a['size'], scale=tuple(a.get('scale', (0.08, 1.0))),
                                   ratio=tuple(a.get('ratio', (3.0 / 4.0, 4.0 / 3.0))),
                                   interpolation=interp[a.get('interpolation', 'bilinear')], antialias=a.get('antialias', False))
    if t == 'RandomHorizontalFlip':
        return T.RandomHorizontalFlip(a.get('p', 0.5))
    if t == 'RandomRotation':
        return T.RandomRotation(a['degrees'], interpolation=interp[a.get('interpolation', 'nearest')],
                                expand=a.get('expand', False), center=a.get('center'), fill=a.get('fill', 0))
    if t == 'ColorJitter':
        return T.ColorJitter(a.get('brightness', 0), a.get('contrast', 0), a.get('saturation', 0), a.get('hue', 0))
    if t == 'GaussianBlur':
        return T.GaussianBlur(a['kernelSize'], sigma=tuple(a.get('sigma', (0.1, 2.0))))
    if t == 'RandomVerticalFlip':
        return T.RandomVerticalFlip(a.get('p', 0.5))
    if t == 'Grayscale':
        return T.Grayscale(a.get('channels', 1))
    if t == 'RandomGrayscale':
        return T.RandomGrayscale(a.get('p', 0.1))
    if t == 'Pad':
        return T.Pad(a['padding'], fill=a.get('fill', 0), padding_mode=a.get('paddingMode', 'constant'))
    if t == 'RandomErasing':
        value = a.get('value', 0)
        return T.RandomErasing(a.get('p', 0.5), scale=tuple(a.get('scale', (0.02, 0.33))), ratio=tuple(a.get('ratio', (0.3, 3.3))),
                               value='random' if value is None else value)
    if t == 'RandomAffine':
        return T.RandomAffine(a['degrees'], translate=a.get('translate'), scale=a.get('scale'), shear=a.get('shear'),
                              interpolation=interp[a.get('interpolation', 'nearest')], fill=a.get('fill', 0), center=a.get('center'))
    if t in ('RandomInvert', 'RandomAutocontrast', 'RandomEqualize'):
        return getattr(T, t)(a.get('p', 0.5))
    if t == 'RandomPosterize':
        return T.RandomPosterize(a['bits'], a.get('p', 0.5))
    if t == 'RandomSolarize':
        return T.RandomSolarize(a['threshold'], a.get('p', 0.5))
    if t == 'RandomAdjustSharpness':
        return T.RandomAdjustSharpness(a['factor'], a.get('p', 0.5))
    if t == 'RandomApply':
        return T.RandomApply([build(s) for s in a['transforms']], a.get('p', 0.5))
    if t == 'ConvertImageDtype':
        return T.ConvertImageDtype(getattr(torch, a['dtype']))
    if t == 'AutoAugment':
        return T.AutoAugment(T.AutoAugmentPolicy[a.get('policy', 'IMAGENET')], interpolation=interp[a.get('interpolation', 'nearest')],
                             fill=a.get('fill'))
    if t == 'RandAugment':
        return T.RandAugment(a.get('numOps', 2), a.get('magnitude', 9), a.get('bins', 31),
                             interpolation=interp[a.get('interpolation', 'nearest')], fill=a.get('fill'))
    if t == 'TrivialAugmentWide':
        return T.TrivialAugmentWide(a.get('bins', 31), interpolation=interp[a.get('interpolation', 'nearest')], fill=a.get('fill'))
    if t == 'AugMix':
        return T.AugMix(a.get('severity', 3), a.get('width', 3), a.get('depth', -1), a.get('alpha', 1.0), a.get('allOps', True),
                        interpolation=interp[a.get('interpolation', 'bilinear')], fill=a.get('fill'))
    if t == 'LinearTransformation':
        d = a['dim']  # drawn after the case's seed, as the Java side draws them
        m = torch.randn(d, d) * 0.05
        return T.LinearTransformation(m, torch.rand(d))
    if t == 'RandomPerspective':
        return T.RandomPerspective(a.get('distortion', 0.5), a.get('p', 0.5), interpolation=interp[a.get('interpolation', 'bilinear')],
                                   fill=a.get('fill', 0))
    if t == 'ElasticTransform':
        return T.ElasticTransform(alpha=[float(x) for x in a.get('alpha', [50.0, 50.0])], sigma=[float(x) for x in a.get('sigma', [5.0, 5.0])],
                                  interpolation=interp[a.get('interpolation', 'bilinear')], fill=a.get('fill', 0))
    # the functional forms, deterministic
    if t == 'perspective':
        return lambda img: T.functional.perspective(img, a['start'], a['end'], interpolation=interp[a.get('interpolation', 'bilinear')],
                                                    fill=a.get('fill'))
    if t == 'adjust_gamma':
        return lambda img: T.functional.adjust_gamma(img, a['gamma'], a.get('gain', 1))
    if t == 'adjust_sharpness':
        return lambda img: T.functional.adjust_sharpness(img, a['factor'])
    if t in ('autocontrast', 'equalize', 'invert', 'vflip'):
        return getattr(T.functional, t)
    if t == 'posterize':
        return lambda img: T.functional.posterize(img, a['bits'])
    if t == 'solarize':
        return lambda img: T.functional.solarize(img, a['threshold'])
    if t == 'affine':
        return lambda img: T.functional.affine(img, a['angle'], a['translate'], a['scale'], a['shear'],
                                               interpolation=interp[a.get('interpolation', 'nearest')], fill=a.get('fill'),
                                               center=a.get('center'))
    if t == 'rotate':
        return lambda img: T.functional.rotate(img, a['angle'], interpolation=interp[a.get('interpolation', 'nearest')],
                                               fill=a.get('fill'))
    if t == 'erase':
        return lambda img: T.functional.erase(img, a['i'], a['j'], a['h'], a['w'], torch.tensor(a['v'])[:, None, None])
    if t == 'five_crop':
        return lambda img: torch.stack(T.functional.five_crop(img, a['size']))
    if t == 'ten_crop':
        return lambda img: torch.stack(T.functional.ten_crop(img, a['size'], vertical_flip=a.get('vertical', False)))
    raise ValueError(t)


IMAGENET = {'mean': [0.485, 0.456, 0.406], 'std': [0.229, 0.224, 0.225]}

TRANSFORM_CASES = [
    # (image, input kind: uint8 or float, seeds, spec)
    ('rgb', 'uint8', [0], {'t': 'ToTensor'}),
    ('logo', 'float', [0], dict(t='Normalize', **IMAGENET)),
    ('rgb', 'uint8', [0], {'t': 'Resize', 'size': 16, 'interpolation': 'nearest'}),
    ('logo', 'uint8', [0], {'t': 'Resize', 'size': [20, 13], 'interpolation': 'nearest'}),
    ('gray', 'uint8', [0], {'t': 'Resize', 'size': [31, 29], 'interpolation': 'nearest'}),
    ('rgb', 'uint8', [0], {'t': 'Resize', 'size': 16, 'interpolation': 'bilinear', 'antialias': False}),
    ('logo', 'uint8', [0], {'t': 'Resize', 'size': 13, 'interpolation': 'bilinear', 'antialias': True}),
    ('logo', 'uint8', [0], {'t': 'Resize', 'size': [11, 23], 'interpolation': 'bilinear', 'antialias': True}),
    ('gray', 'uint8', [0], {'t': 'Resize', 'size': [45, 33], 'interpolation': 'bilinear', 'antialias': True}),
    ('logo', 'float', [0], {'t': 'Resize', 'size': 17, 'interpolation': 'bilinear', 'antialias': True}),
    ('rgb', 'uint8', [0], {'t': 'Resize', 'size': 20, 'maxSize': 25, 'interpolation': 'bilinear', 'antialias': True}),
    ('rgb', 'uint8', [0], {'t': 'CenterCrop', 'size': 15}),
    ('gray', 'uint8', [0], {'t': 'CenterCrop', 'size': [25, 11]}),
    ('rgb', 'uint8', [0, 1, 2], {'t': 'RandomCrop', 'size': 16, 'padding': 4}),
    ('rgb', 'uint8', [3], {'t': 'RandomCrop', 'size': [20, 30], 'padding': [2, 3], 'paddingMode': 'reflect'}),
    ('logo', 'uint8', [4], {'t': 'RandomCrop', 'size': 30, 'padding': [1, 2, 3, 4], 'paddingMode': 'edge'}),
    ('logo', 'uint8', [5], {'t': 'RandomCrop', 'size': 38, 'padding': 3, 'paddingMode': 'symmetric'}),
    ('gray', 'uint8', [6], {'t': 'RandomCrop', 'size': 22, 'padding': 2, 'fill': 128}),
    ('rgb', 'uint8', [7], {'t': 'RandomCrop', 'size': 30, 'padIfNeeded': True}),
    ('logo', 'uint8', [0, 1, 2, 3], {'t': 'RandomResizedCrop', 'size': 16}),
    ('logo', 'uint8', [4, 5], {'t': 'RandomResizedCrop', 'size': [12, 20], 'antialias': True}),
    ('rgb', 'uint8', [6], {'t': 'RandomResizedCrop', 'size': 20, 'scale': [0.5, 1.0], 'ratio': [1.0, 1.0],
                           'interpolation': 'nearest'}),
    ('rgb', 'uint8', [8], {'t': 'RandomResizedCrop', 'size': 10, 'scale': [3.0, 4.0], 'ratio': [3.0, 4.0]}),
    ('logo', 'float', [9], {'t': 'RandomResizedCrop', 'size': 24, 'antialias': True}),
    ('rgb', 'uint8', [0, 1, 2, 3], {'t': 'RandomHorizontalFlip'}),
    ('logo', 'uint8', [0, 1], {'t': 'RandomRotation', 'degrees': 30}),
    ('logo', 'uint8', [2], {'t': 'RandomRotation', 'degrees': [10, 80], 'interpolation': 'bilinear', 'fill': [255, 0, 128]}),
    ('rgb', 'uint8', [3], {'t': 'RandomRotation', 'degrees': 40, 'expand': True}),
    ('rgb', 'uint8', [4], {'t': 'RandomRotation', 'degrees': 25, 'center': [5, 7], 'interpolation': 'bilinear'}),
    ('logo', 'float', [5], {'t': 'RandomRotation', 'degrees': 60, 'interpolation': 'bilinear', 'expand': True}),
    ('logo', 'uint8', [0, 1, 2], {'t': 'ColorJitter', 'brightness': 0.4, 'contrast': 0.4, 'saturation': 0.4, 'hue': 0.1}),
    ('rgb', 'uint8', [3], {'t': 'ColorJitter', 'hue': 0.5}),
    ('gray', 'uint8', [4], {'t': 'ColorJitter', 'brightness': 0.5, 'contrast': 0.5}),
    ('logo', 'float', [5, 6], {'t': 'ColorJitter', 'brightness': 0.3, 'contrast': 0.3, 'saturation': 0.3, 'hue': 0.2}),
    ('logo', 'uint8', [0, 1], {'t': 'GaussianBlur', 'kernelSize': 5}),
    ('rgb', 'uint8', [2], {'t': 'GaussianBlur', 'kernelSize': [3, 7], 'sigma': [0.5, 1.5]}),
    ('logo', 'float', [3], {'t': 'GaussianBlur', 'kernelSize': 9, 'sigma': [1.0, 3.0]}),
    # augmentations (torchvision 0.14's tensor path)
    ('rgb', 'uint8', [0, 1, 2, 3], {'t': 'RandomVerticalFlip'}),
    ('logo', 'uint8', [0], {'t': 'Grayscale'}),
    ('logo', 'float', [0], {'t': 'Grayscale', 'channels': 3}),
    ('rgb', 'uint8', [1, 2, 3, 4], {'t': 'RandomGrayscale', 'p': 0.5}),
    ('rgb', 'uint8', [0], {'t': 'Pad', 'padding': [1, 2, 3, 4], 'paddingMode': 'reflect'}),
    ('gray', 'uint8', [0], {'t': 'Pad', 'padding': 3, 'fill': 77}),
    ('logo', 'uint8', [0, 1, 2, 3, 4], {'t': 'RandomErasing', 'p': 0.8}),
    ('rgb', 'uint8', [5, 6], {'t': 'RandomErasing', 'p': 1.0, 'value': [10, 200, 90], 'scale': [0.1, 0.4]}),
    ('logo', 'float', [7, 8], {'t': 'RandomErasing', 'p': 1.0, 'value': None}),
    ('logo', 'uint8', [0, 1], {'t': 'RandomAffine', 'degrees': 20}),
    ('logo', 'uint8', [2, 3], {'t': 'RandomAffine', 'degrees': [-10, 30], 'translate': [0.2, 0.1], 'scale': [0.7, 1.3],
                               'shear': [-8, 12, -4, 6], 'interpolation': 'bilinear', 'fill': [255, 0, 64]}),
    ('rgb', 'uint8', [4], {'t': 'RandomAffine', 'degrees': 0, 'shear': [10, 20], 'center': [3, 5]}),
    ('logo', 'float', [5], {'t': 'RandomAffine', 'degrees': 45, 'scale': [0.5, 0.9], 'interpolation': 'bilinear'}),
    ('logo', 'uint8', [0, 1, 2], {'t': 'RandomInvert'}),
    ('rgb', 'uint8', [0, 1, 2], {'t': 'RandomPosterize', 'bits': 3}),
    ('logo', 'uint8', [0, 1, 2], {'t': 'RandomSolarize', 'threshold': 128}),
    ('logo', 'float', [3], {'t': 'RandomSolarize', 'threshold': 0.4, 'p': 1.0}),
    ('logo', 'uint8', [0, 1, 2], {'t': 'RandomAdjustSharpness', 'factor': 2.0}),
    ('logo', 'float', [3], {'t': 'RandomAdjustSharpness', 'factor': 0.3, 'p': 1.0}),
    ('rgb', 'uint8', [0, 1, 2], {'t': 'RandomAutocontrast'}),
    ('logo', 'uint8', [0, 1, 2], {'t': 'RandomEqualize'}),
    ('logo', 'uint8', [0, 1, 2, 3], {'t': 'RandomApply', 'p': 0.5, 'transforms': [{'t': 'invert'}, {'t': 'vflip'}]}),
    ('rgb', 'uint8', [0], {'t': 'ConvertImageDtype', 'dtype': 'float64'}),
    ('logo', 'float', [0], {'t': 'ConvertImageDtype', 'dtype': 'uint8'}),
    ('logo', 'uint8', list(range(12)), {'t': 'AutoAugment'}),
    ('rgb', 'uint8', list(range(12, 20)), {'t': 'AutoAugment', 'policy': 'CIFAR10', 'fill': [128, 128, 128]}),
    ('logo', 'uint8', list(range(20, 28)), {'t': 'AutoAugment', 'policy': 'SVHN', 'interpolation': 'bilinear'}),
    ('logo', 'uint8', list(range(10)), {'t': 'RandAugment'}),
    ('rgb', 'uint8', list(range(10, 16)), {'t': 'RandAugment', 'numOps': 3, 'magnitude': 20, 'interpolation': 'bilinear', 'fill': 40}),
    ('logo', 'uint8', list(range(12)), {'t': 'TrivialAugmentWide'}),
    ('gray', 'uint8', list(range(12, 18)), {'t': 'TrivialAugmentWide', 'bins': 11, 'fill': [200]}),
    ('logo', 'uint8', list(range(8)), {'t': 'AugMix'}),
    ('rgb', 'uint8', list(range(8, 12)), {'t': 'AugMix', 'severity': 6, 'width': 2, 'depth': 2, 'alpha': 0.5, 'allOps': False,
                                          'interpolation': 'nearest', 'fill': [30, 60, 90]}),
    ('gray', 'float', [0], {'t': 'LinearTransformation', 'dim': 360}),
    ('logo', 'uint8', [0, 1, 2, 3], {'t': 'RandomPerspective'}),
    # nearest sampling through a float32 least-squares solve: LAPACK's and torch4j's solutions differ in the last bits, so a
    # pixel exactly between two source pixels may take the other one (a few per image); 'flips' bounds their share
    ('rgb', 'uint8', [4, 5], {'t': 'RandomPerspective', 'distortion': 0.3, 'p': 1.0, 'interpolation': 'nearest', 'fill': [10, 20, 30],
                              'flips': 0.01}),
    ('logo', 'float', [6], {'t': 'RandomPerspective', 'distortion': 0.6, 'p': 1.0}),
    ('logo', 'uint8', [0, 1], {'t': 'ElasticTransform'}),
    ('rgb', 'uint8', [2], {'t': 'ElasticTransform', 'alpha': [20.0, 40.0], 'sigma': [3.0, 2.0], 'interpolation': 'nearest', 'fill': 90}),
    ('logo', 'float', [3], {'t': 'ElasticTransform', 'alpha': [30.0, 30.0], 'sigma': [4.0, 4.0]}),
    ('logo', 'uint8', [0], {'t': 'perspective', 'start': [[0, 0], [35, 0], [35, 35], [0, 35]], 'end': [[3, 2], [30, 5], [33, 31], [1, 34]]}),
    ('rgb', 'uint8', [0], {'t': 'perspective', 'start': [[0, 0], [31, 0], [31, 23], [0, 23]], 'end': [[5, 0], [31, 4], [26, 23], [0, 19]],
                           'interpolation': 'nearest', 'fill': [255, 255, 0]}),
    ('logo', 'uint8', [0], {'t': 'adjust_gamma', 'gamma': 0.6, 'gain': 1.2}),
    ('logo', 'float', [0], {'t': 'adjust_gamma', 'gamma': 2.2}),
    ('rgb', 'uint8', [0], {'t': 'adjust_sharpness', 'factor': 3.0}),
    ('gray', 'uint8', [0], {'t': 'autocontrast'}),
    ('logo', 'float', [0], {'t': 'autocontrast'}),
    ('rgb', 'uint8', [0], {'t': 'equalize'}),
    ('gray', 'uint8', [0], {'t': 'equalize'}),
    ('rgb', 'uint8', [0], {'t': 'invert'}),
    ('logo', 'uint8', [0], {'t': 'posterize', 'bits': 1}),
    ('rgb', 'uint8', [0], {'t': 'solarize', 'threshold': 100}),
    ('logo', 'uint8', [0], {'t': 'affine', 'angle': 30.0, 'translate': [3, -2], 'scale': 1.1, 'shear': [5.0, -7.0]}),
    ('rgb', 'uint8', [0], {'t': 'affine', 'angle': -12.5, 'translate': [0, 0], 'scale': 0.8, 'shear': [0.0, 0.0],
                           'interpolation': 'bilinear', 'fill': [9, 99, 199], 'center': [4, 20]}),
    ('logo', 'float', [0], {'t': 'affine', 'angle': 15.0, 'translate': [1, 1], 'scale': 1.0, 'shear': [3.0, 3.0], 'interpolation': 'bilinear'}),
    ('logo', 'uint8', [0], {'t': 'rotate', 'angle': 33.0, 'interpolation': 'bilinear'}),
    ('rgb', 'uint8', [0], {'t': 'erase', 'i': 2, 'j': 5, 'h': 7, 'w': 9, 'v': [1, 2, 3]}),
    ('logo', 'uint8', [0], {'t': 'five_crop', 'size': [20, 16]}),
    ('rgb', 'uint8', [0], {'t': 'ten_crop', 'size': [10, 12], 'vertical': True}),
    ('logo', 'uint8', [11, 12], {'t': 'Compose', 'transforms': [
        {'t': 'RandomResizedCrop', 'size': 24, 'antialias': True}, {'t': 'RandomHorizontalFlip'},
        {'t': 'ColorJitter', 'brightness': 0.2, 'contrast': 0.2, 'saturation': 0.2, 'hue': 0.05},
        {'t': 'ToTensor'}, dict(t='Normalize', **IMAGENET)]}),
    ('rgb', 'uint8', [13], {'t': 'Compose', 'transforms': [
        {'t': 'RandomCrop', 'size': 24, 'padding': 4}, {'t': 'RandomHorizontalFlip'}, {'t': 'RandomRotation', 'degrees': 15},
        {'t': 'GaussianBlur', 'kernelSize': 3}, {'t': 'ToTensor'}]}),
]


def gen_transforms():
    make_images()
    cases = []
    for image, kind, seeds, spec in TRANSFORM_CASES:
        img = read_image(os.path.join(IMAGES, image + '.png'))
        if kind == 'float':
            img = to_float(img)
        for seed in seeds:
            torch.manual_seed(seed)
            out = build(spec)(img.clone())
            values = out.reshape(-1).tolist()
            cases.append({'image': image, 'input': kind, 'seed': seed, 'spec': spec, 'shape': list(out.shape),
                          'dtype': str(out.dtype).replace('torch.', ''),
                          'output': values if out.dtype == torch.uint8 else [f32(v) for v in values]})
    write_json('transforms.json', cases)

    # JPEG files written and decoded by torchvision (libjpeg), to compare torch4j's javax.imageio decoding
    jpegs = {}
    for name, quality in (('logo', 90), ('gray', 75)):
        img = read_image(os.path.join(IMAGES, name + '.png'))
        torchvision.io.write_jpeg(img, os.path.join(IMAGES, name + '.jpg'), quality=quality)
        dec = read_image(os.path.join(IMAGES, name + '.jpg'))
        jpegs[name] = {'shape': list(dec.shape), 'pixels': dec.reshape(-1).tolist()}
    write_json('jpeg.json', jpegs)

    # torchvision.utils: make_grid and save_image on a seeded batch
    from torchvision.utils import make_grid, save_image
    torch.manual_seed(3)
    batch = torch.rand(5, 3, 6, 7)
    gray = torch.randn(3, 1, 5, 4)
    grids = [
        ({'nrow': 8, 'padding': 2}, batch, make_grid(batch)),
        ({'nrow': 2, 'padding': 1, 'padValue': 0.5}, batch, make_grid(batch, nrow=2, padding=1, pad_value=0.5)),
        ({'nrow': 3, 'padding': 0, 'normalize': True}, gray, make_grid(gray, nrow=3, padding=0, normalize=True)),
        ({'nrow': 2, 'padding': 3, 'normalize': True, 'scaleEach': True}, gray, make_grid(gray, nrow=2, padding=3, normalize=True, scale_each=True)),
        ({'nrow': 4, 'padding': 2, 'normalize': True, 'valueRange': [-1.0, 1.0]}, gray,
         make_grid(gray, nrow=4, padding=2, normalize=True, value_range=(-1.0, 1.0))),
    ]
    save_image(batch, os.path.join(IMAGES, 'grid_saved.png'), nrow=3)
    write_json('grids.json', {'seed': 3, 'cases': [
        {'args': a, 'input': 'batch' if x is batch else 'gray', 'shape': list(g.shape), 'output': [f32(v) for v in g.reshape(-1).tolist()]}
        for a, x, g in grids]})


# ---- datasets ----------------------------------------------------------------------------------

CIFAR10_NAMES = ['airplane', 'automobile', 'bird', 'cat', 'deer', 'dog', 'frog', 'horse', 'ship', 'truck']


def cifar_records(gen, n, label_ranges):
    """n records of random labels (one byte per range) and images, as bytes, plus the expected items."""
    data, items = bytearray(), []
    for _ in range(n):
        labels = [int(torch.randint(0, r, (1,), generator=gen)) for r in label_ranges]
        img = torch.randint(0, 256, (3, 32, 32), dtype=torch.uint8, generator=gen)
        data += bytes(labels) + img.numpy().tobytes()
        # what torchvision's CIFAR10 (pickled version) gives: data.reshape(3, 32, 32), ToTensor
        t = to_float(img)
        items.append({'labels': labels, 'sum': int(img.sum()), 'pixels': [int(img[c, y, x]) for c, y, x in ((0, 0, 0), (1, 5, 7), (2, 31, 30))],
                      'mean': f32(t.mean())})
    return bytes(data), items


def gen_datasets():
    gen = torch.Generator().manual_seed(10)
    root = os.path.join(OUT, 'cifar')
    c10 = os.path.join(root, 'cifar-10-batches-bin')
    c100 = os.path.join(root, 'cifar-100-binary')
    os.makedirs(c10, exist_ok=True)
    os.makedirs(c100, exist_ok=True)
    ref = {'cifar10': {'train': [], 'test': []}, 'cifar100': {}}
    for i in range(1, 6):
        data, items = cifar_records(gen, 2, [10])
        open(os.path.join(c10, 'data_batch_%d.bin' % i), 'wb').write(data)
        ref['cifar10']['train'] += items
    data, items = cifar_records(gen, 3, [10])
    open(os.path.join(c10, 'test_batch.bin'), 'wb').write(data)
    ref['cifar10']['test'] = items
    with open(os.path.join(c10, 'batches.meta.txt'), 'w') as f:
        f.write('\n'.join(CIFAR10_NAMES) + '\n\n')
    for split, n in (('train', 4), ('test', 2)):
        data, items = cifar_records(gen, n, [20, 100])
        open(os.path.join(c100, split + '.bin'), 'wb').write(data)
        ref['cifar100'][split] = items

    # ImageFolder: torchvision's class and sample order on a small tree with the awkward cases
    folder = os.path.join(OUT, 'imagefolder')
    files = ['dog/b.png', 'dog/a.PNG', 'dog/sub/z.png', 'dog/sub-x/y.png', 'dog/notes.txt', 'Zebra/1.jpg', 'cat/x.jpeg', 'cat/gray.png',
             'cat2/only.png']
    for i, rel in enumerate(files):
        path = os.path.join(folder, rel)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        if rel.endswith('.txt'):
            open(path, 'w').write('not an image\n')
        elif rel.endswith('gray.png'):
            write_png(torch.full((1, 4, 5), 17 * i, dtype=torch.uint8), path)
        elif rel.lower().endswith('.png'):
            write_png(torch.full((3, 4, 5), 17 * i, dtype=torch.uint8), path)
        else:
            torchvision.io.write_jpeg(torch.full((3, 8, 8), 17 * i, dtype=torch.uint8), path, quality=95)
    ds = torchvision.datasets.ImageFolder(folder)
    ref['imagefolder'] = {'classes': ds.classes,
                          'samples': [[os.path.relpath(p, folder), t] for p, t in ds.samples],
                          'shapes': [list(T.PILToTensor()(ds[i][0]).shape) for i in range(len(ds))]}
    write_json('datasets.json', ref)


if __name__ == '__main__':
    ap = argparse.ArgumentParser()
    ap.add_argument('--weights', help='folder to write each model state_dict to, as <name>.safetensors')
    ap.add_argument('--only', choices=['models', 'classic_models', 'modern_models', 'variant_models', 'more_models', 'transforms', 'datasets'])
    args = ap.parse_args()
    if args.only in (None, 'models'):
        gen_models(args.weights)
    if args.only in (None, 'classic_models'):
        gen_models(args.weights, CLASSIC_MODELS, 'models_classic.json')
    if args.only in (None, 'modern_models'):
        gen_models(args.weights, MODERN_MODELS, 'models_modern.json')
    if args.only in (None, 'variant_models'):
        gen_models(args.weights, VARIANT_MODELS, 'models_variants.json', compact=True)
    if args.only in (None, 'more_models'):
        gen_models(args.weights, MORE_MODELS, 'models_more.json', compact=True)
    if args.only in (None, 'transforms'):
        gen_transforms()
    if args.only in (None, 'datasets'):
        gen_datasets()
