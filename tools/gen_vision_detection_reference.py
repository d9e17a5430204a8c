#!/usr/bin/python3
"""Writes torchvision 0.14's answers for torch4j's detection models (org.torch4j.vision.models.detection).

Run with Debian's interpreter, which has PyTorch 1.13 and torchvision 0.14:

    /usr/bin/python3 tools/gen_vision_detection_reference.py

It writes ecosystem/vision/src/test/resources/reference/vision/detection.json: the input images (drawn with
torch.rand after torch.manual_seed(IMAGE_SEED), so only their shapes are stored), the training targets, and for
each builder (built with weights=None, weights_backbone=None after torch.manual_seed(0), with the small min_size /
max_size below so it runs fast):
  keys      the state-dict keys in order, with each entry's shape and float64 sum (equal sums: equal weights);
  eval      per image, the eval-mode detections with box_score_thresh=0: boxes, labels, scores, and where the model
            has them mask statistics (each mask's sum and its values at every 8th row and column) or keypoints and
            their scores;
  train     the training losses for the targets after torch.manual_seed(TRAIN_SEED) (the transform's size choice
            and the samplers' randperm draw from it), in a fresh model built as above;
and the transform alone on images the batch pads: the batch (sampled) and image sizes in evaluation, the resized
targets in training (after torch.manual_seed(TRAIN_SEED), which draws the size), and boxes mapped back by postprocess.
Every run writes the same file.
"""
import json
import math
import os

import numpy as np
import torch
import torchvision
from torchvision.models import detection

torch.set_num_threads(2)
ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..')
OUT = os.path.join(ROOT, 'ecosystem', 'vision', 'src', 'test', 'resources', 'reference', 'vision')

IMAGE_SEED, TRAIN_SEED = 1, 2
# resized (min_size 64, max_size 96) to 64x96 both, the batch's size: no padding, whose equal features give
# objectness scores equal but for rounding, which NMS may then visit in another order
SHAPES = [(3, 48, 72), (3, 32, 48)]
# box_batch_size_per_image: every proposal is sampled in training, so the losses do not depend on the order of
# proposals whose scores are equal to float32 rounding (which a different summation order may swap)
# rpn_post_nms_top_n_*: 100 proposals per image keep the second stage (and the test) fast
OPTIONS = {'min_size': 64, 'max_size': 96, 'box_score_thresh': 0.0, 'box_batch_size_per_image': 1024,
           'rpn_post_nms_top_n_train': 100, 'rpn_post_nms_top_n_test': 100}
# (builder, num_classes, extra keyword arguments)
MODELS = [
    ('fasterrcnn_resnet50_fpn', 5, {}),
    ('fasterrcnn_mobilenet_v3_large_fpn', 5, {}),
    ('fasterrcnn_mobilenet_v3_large_320_fpn', 5, {}),
    ('fasterrcnn_resnet50_fpn_v2', 5, {}),
    ('maskrcnn_resnet50_fpn', 5, {'box_detections_per_img': 10}),
    ('maskrcnn_resnet50_fpn_v2', 5, {'box_detections_per_img': 10}),
    ('keypointrcnn_resnet50_fpn', 2, {'box_detections_per_img': 10}),
]
# the transform's own case: images the batch pads (64x85 and 89x64 in a 96x96 batch)
PAD_SHAPES = [(3, 48, 64), (3, 56, 40)]
PAD_BOXES = [[[4.0, 6.0, 30.0, 40.0], [20.5, 10.0, 60.0, 44.0]], [[8.0, 12.0, 36.0, 50.0]]]
BOXES = [[[4.0, 6.0, 30.0, 40.0], [20.5, 10.0, 60.0, 44.0]], [[4.0, 6.0, 26.0, 30.0]]]
LABELS = [[1, 3], [2]]


def f32(v):
    v = float(v)
    if math.isnan(v) or math.isinf(v):
        raise ValueError('non-finite value')
    return float(str(np.float32(v)))


def flat(t):
    return [f32(v) for v in t.detach().reshape(-1).tolist()]


def images():
    torch.manual_seed(IMAGE_SEED)
    return [torch.rand(s) for s in SHAPES]


def target_labels(name):
    # Keypoint R-CNN has two classes: every box is a person
    return [[1] * len(l) for l in LABELS] if name.startswith('keypoint') else LABELS


def targets(name):
    out = []
    for i, (boxes, labels) in enumerate(zip(BOXES, target_labels(name))):
        t = {'boxes': torch.tensor(boxes), 'labels': torch.tensor(labels, dtype=torch.int64)}
        h, w = SHAPES[i][1:]
        if name.startswith('mask'):
            # each mask: the pixels whose centres lie in the box
            ys = torch.arange(h).float()[:, None] + 0.5
            xs = torch.arange(w).float()[None, :] + 0.5
            t['masks'] = torch.stack([((xs >= b[0]) & (xs <= b[2]) & (ys >= b[1]) & (ys <= b[3])).to(torch.uint8) for b in boxes])
        if name.startswith('keypoint'):
            # 17 keypoints per box on a diagonal of the box, every third one invisible
            kps = []
            for b in boxes:
                s = torch.linspace(0.1, 0.9, 17)
                x = b[0] + s * (b[2] - b[0])
                y = b[1] + s * (b[3] - b[1])
                v = torch.tensor([0.0 if k % 3 == 2 else 1.0 for k in range(17)])
                kps.append(torch.stack([x, y, v], 1))
            t['keypoints'] = torch.stack(kps)
        out.append(t)
    return out


def build(name, num_classes, extra):
    torch.manual_seed(0)
    kwargs = dict(OPTIONS, **extra)
    return getattr(detection, name)(weights=None, weights_backbone=None, num_classes=num_classes, **kwargs)


def detections(model, name):
    model.eval()
    with torch.no_grad():
        out = model(images())
    res = []
    for d in out:
        r = {'boxes': flat(d['boxes']), 'labels': d['labels'].tolist(), 'scores': flat(d['scores'])}
        if 'masks' in d:
            m = d['masks']
            r['maskShape'] = list(m.shape)
            r['maskSums'] = [f32(v) for v in m.double().sum(dim=(1, 2, 3)).tolist()]
            r['maskSamples'] = flat(m[:, :, ::8, ::8])
        if 'keypoints' in d:
            r['keypoints'] = flat(d['keypoints'])
            r['keypointsScores'] = flat(d['keypoints_scores'])
        res.append(r)
    return res


def transform_case():
    """GeneralizedRCNNTransform on images of other shapes, which the batch pads: eval and training (with targets)."""
    t = detection.transform.GeneralizedRCNNTransform(64, 96, [0.485, 0.456, 0.406], [0.229, 0.224, 0.225])
    torch.manual_seed(IMAGE_SEED)
    imgs = [torch.rand(s) for s in PAD_SHAPES]
    out = {'shapes': [list(s) for s in PAD_SHAPES]}
    t.eval()
    il, _ = t(imgs, None)
    out['eval'] = {'batchShape': list(il.tensors.shape), 'imageSizes': [list(s) for s in il.image_sizes],
                   'batchSamples': flat(il.tensors[:, :, ::7, ::7])}
    t.train()
    tgts = [{'boxes': torch.tensor(b), 'labels': torch.tensor(l), 'masks': m, 'keypoints': k}
            for b, l, m, k in zip(PAD_BOXES, [[1, 2], [3]], pad_masks(), pad_keypoints())]
    torch.manual_seed(TRAIN_SEED)
    il, tt = t(imgs, tgts)
    out['train'] = {'imageSizes': [list(s) for s in il.image_sizes], 'boxes': [flat(x['boxes']) for x in tt],
                    'keypoints': [flat(x['keypoints']) for x in tt], 'maskSums': [x['masks'].sum(dim=(1, 2)).tolist() for x in tt],
                    'maskShapes': [list(x['masks'].shape) for x in tt]}
    # several min sizes (as Keypoint R-CNN's default): training draws one per image
    multi = detection.transform.GeneralizedRCNNTransform((40, 48, 56, 64), 96, [0.485, 0.456, 0.406], [0.229, 0.224, 0.225])
    torch.manual_seed(TRAIN_SEED + 1)
    out['multiSizes'] = [list(s) for s in multi(imgs + imgs, None)[0].image_sizes]
    det = [{'boxes': torch.tensor([[1.5, 2.25, 40.0, 50.5]]), 'labels': torch.tensor([1]), 'scores': torch.tensor([0.5])}]
    t.eval()
    out['postprocess'] = flat(t.postprocess(det, [(85, 64)], [(64, 48)])[0]['boxes'])
    return out


def pad_masks():
    return [torch.stack([(torch.arange(h * w).reshape(h, w) % (3 + j) == 0).to(torch.uint8) for j in range(len(b))])
            for (_, h, w), b in zip(PAD_SHAPES, PAD_BOXES)]


def pad_keypoints():
    return [torch.tensor(b)[:, None, :].repeat(1, 2, 1)[:, :, :3].clone() for b in PAD_BOXES]


def main():
    ref = {'imageSeed': IMAGE_SEED, 'trainSeed': TRAIN_SEED, 'shapes': [list(s) for s in SHAPES], 'options': OPTIONS,
           'boxes': BOXES, 'transformBoxes': PAD_BOXES, 'transform': transform_case(), 'models': {}}
    for i, (name, num_classes, extra) in enumerate(MODELS):
        model = build(name, num_classes, extra)
        case = {'numClasses': num_classes, 'extra': extra, 'labels': target_labels(name),
                'targetKeypoints': [flat(t['keypoints']) for t in targets(name)] if name.startswith('keypoint') else None,
                'keys': [[k, list(v.shape), float(v.double().sum())] for k, v in model.state_dict().items()]}
        case['eval'] = detections(model, name)
        model = build(name, num_classes, extra)
        model.train()
        torch.manual_seed(TRAIN_SEED)
        losses = model(images(), targets(name))
        case['train'] = {k: float(v) for k, v in losses.items()}
        ref['models'][name] = case
        print(name, {k: round(v, 5) for k, v in case['train'].items()}, [len(d['scores']) for d in case['eval']])
    os.makedirs(OUT, exist_ok=True)
    with open(os.path.join(OUT, 'detection.json'), 'w') as f:
        json.dump(ref, f, separators=(',', ':'))
        f.write('\n')
    print('wrote detection.json')


if __name__ == '__main__':
    main()
