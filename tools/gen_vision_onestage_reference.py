#!/usr/bin/python3
"""Writes torchvision 0.14's answers for torch4j's one-stage detection models (RetinaNet, FCOS, SSD, SSDlite).

Run with Debian's interpreter, which has PyTorch 1.13 and torchvision 0.14:

    /usr/bin/python3 tools/gen_vision_onestage_reference.py

It writes ecosystem/vision/src/test/resources/reference/vision/detection_onestage.json with the inputs of
gen_vision_detection_reference.py (images drawn with torch.rand after torch.manual_seed(IMAGE_SEED), the same boxes
and labels) and, for each builder (weights=None, weights_backbone=None, built after torch.manual_seed(0) with the
small sizes and lowered score threshold below, so random weights give detections and it runs fast):
  keys      the state-dict keys in order, with each entry's shape and float64 sum (equal sums: equal weights);
  eval      per image, the best eval-mode detections (boxes, labels, scores; see TIED);
  train     the training losses for the targets after torch.manual_seed(TRAIN_SEED), in a fresh model built as above;
  emptyTrain  (EMPTY models) then the losses for the images without objects, after the same seed.
Every run writes the same file.
"""
import json
import os
import sys

import torch
from torchvision.models import detection

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from gen_vision_detection_reference import BOXES, IMAGE_SEED, LABELS, OUT, SHAPES, TRAIN_SEED, f32, flat, images  # noqa: E402

torch.set_num_threads(2)
# (builder, num_classes, keyword arguments)
MODELS = [
    ('retinanet_resnet50_fpn', 5, {'min_size': 64, 'max_size': 96, 'score_thresh': 0.0, 'detections_per_img': 8}),
    ('retinanet_resnet50_fpn_v2', 5, {'min_size': 64, 'max_size': 96, 'score_thresh': 0.0, 'detections_per_img': 8}),
    ('fcos_resnet50_fpn', 5, {'min_size': 64, 'max_size': 96, 'score_thresh': 0.0, 'detections_per_img': 8}),
    # SSD resizes every image to 300x300 whatever min_size says
    ('ssd300_vgg16', 5, {'detections_per_img': 8}),
    ('ssdlite320_mobilenet_v3_large', 5, {'detections_per_img': 8}),
]
# SSDlite's random backbone (every convolution normal with std 0.03, batch norms at their initial statistics in
# evaluation) shrinks the features to ~0, so every softmax score is 1/num_classes: which of the tied boxes NMS keeps
# depends on the sort order of ties, so its test compares the number of detections and their scores only
TIED = {'ssdlite320_mobilenet_v3_large'}
# models whose losses are also written for the images without objects (trained as background only; two images, as
# SSDlite's batch norms need more than one value per channel on its 1x1 maps)
EMPTY = {'retinanet_resnet50_fpn', 'fcos_resnet50_fpn', 'ssdlite320_mobilenet_v3_large'}


def targets():
    return [{'boxes': torch.tensor(b), 'labels': torch.tensor(l, dtype=torch.int64)} for b, l in zip(BOXES, LABELS)]


def build(name, num_classes, kwargs):
    torch.manual_seed(0)
    return getattr(detection, name)(weights=None, weights_backbone=None, num_classes=num_classes, **kwargs)


def detections(model):
    model.eval()
    with torch.no_grad():
        out = model(images())
    return [{'boxes': flat(d['boxes']), 'labels': d['labels'].tolist(), 'scores': flat(d['scores'])} for d in out]


def main():
    only = sys.argv[1:]
    ref = {'imageSeed': IMAGE_SEED, 'trainSeed': TRAIN_SEED, 'shapes': [list(s) for s in SHAPES], 'boxes': BOXES, 'labels': LABELS,
           'models': {}}
    for name, num_classes, kwargs in MODELS:
        if only and name not in only:
            continue
        model = build(name, num_classes, kwargs)
        case = {'numClasses': num_classes, 'options': kwargs, 'tiedScores': name in TIED,
                'keys': [[k, list(v.shape), float(v.double().sum())] for k, v in model.state_dict().items()]}
        case['eval'] = detections(model)
        model = build(name, num_classes, kwargs)
        model.train()
        torch.manual_seed(TRAIN_SEED)
        losses = model(images(), targets())
        case['train'] = {k: float(v) for k, v in losses.items()}
        if name in EMPTY:
            torch.manual_seed(TRAIN_SEED)
            empty = [{'boxes': torch.zeros(0, 4), 'labels': torch.zeros(0, dtype=torch.int64)}] * len(SHAPES)
            case['emptyTrain'] = {k: float(v) for k, v in model(images(), empty).items()}
        ref['models'][name] = case
        print(name, {k: round(v, 5) for k, v in case['train'].items()}, [d['scores'][:3] for d in case['eval']])
    os.makedirs(OUT, exist_ok=True)
    with open(os.path.join(OUT, 'detection_onestage.json'), 'w') as f:
        json.dump(ref, f, separators=(',', ':'))
        f.write('\n')
    print('wrote detection_onestage.json')


if __name__ == '__main__':
    main()
