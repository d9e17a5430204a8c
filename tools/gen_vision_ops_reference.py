#!/usr/bin/python3
"""Writes torchvision 0.14's answers for torch4j's torchvision.ops port (org.torch4j.vision.ops).

Run with Debian's interpreter, which has PyTorch 1.13 and torchvision 0.14:

    /usr/bin/python3 tools/gen_vision_ops_reference.py

It writes ecosystem/vision/src/test/resources/reference/vision/ops.json, read by VisionOpsTest:
  boxes      box_area, the IoU family, box_convert, clip_boxes_to_image, remove_small_boxes,
             masks_to_boxes on small explicit boxes (float32, float64 and int64);
  losses     the three box IoU losses and sigmoid_focal_loss for each reduction, with the float64
             gradients of a weighted sum of each (so the no_grad parts are checked too);
  nms        nms and batched_nms on boxes drawn by torch.rand after torch.manual_seed (Java draws the
             same numbers; a checksum proves it), with scores from a few values so that ties are
             everywhere, up to 10000 boxes; and the descending sort order of tied scores;
  roi        roi_align (aligned, sampling ratios -1/0/2, spatial scales, boxes as [K, 5] and as
             lists), roi_pool, ps_roi_align and ps_roi_pool on small explicit inputs, with float64 input gradients;
  multiscale MultiScaleRoIAlign over a small pyramid: inferred scales, box levels, pooled output;
  modules    StochasticDepth draws after manual_seed, FrozenBatchNorm2d outputs, module reprs;
  errors     torchvision's messages for bad arguments.
Every run writes the same file.
"""
import json
import math
import os

import numpy as np
import torch
import torchvision.ops as ops
from torchvision.ops.misc import FrozenBatchNorm2d

torch.set_num_threads(1)
ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..')
OUT = os.path.join(ROOT, 'ecosystem', 'vision', 'src', 'test', 'resources', 'reference', 'vision')


def num(v, dtype):
    """A value as JSON: float32 as its shortest decimal, float64 in full, ints as ints."""
    v = float(v) if dtype.is_floating_point else int(v)
    if isinstance(v, float):
        if math.isnan(v):
            return None  # JSON has no NaN: null stands for it
        if math.isinf(v):
            raise ValueError('infinite value')
        return float(str(np.float32(v))) if dtype == torch.float32 else v
    return v


def tensor(t):
    t = t.detach()
    return {'shape': list(t.shape), 'dtype': str(t.dtype).replace('torch.', ''),
            'data': [num(v, t.dtype) for v in t.reshape(-1).tolist()]}


def boxes_from(seed, n, size=100.0):
    """n valid (x1, y1, x2, y2) boxes from torch.rand after manual_seed(seed), float32."""
    torch.manual_seed(seed)
    r = torch.rand(n, 4)
    x1, y1 = r[:, 0] * size, r[:, 1] * size
    return torch.stack([x1, y1, x1 + r[:, 2] * size / 4 + 1, y1 + r[:, 3] * size / 4 + 1], 1)


SMALL1 = torch.tensor([[0., 0, 10, 10], [5, 5, 15, 20], [2, 3, 4, 9], [20, 20, 30, 25], [1.5, 0.5, 7.25, 3]])
SMALL2 = torch.tensor([[0., 0, 10, 10], [6, 4, 12, 18], [30, 30, 31, 40], [0, 0, 1, 1]])


def gen_boxes():
    out = []
    for dtype in (torch.float32, torch.float64, torch.int64):
        b1, b2 = SMALL1.to(dtype) if dtype != torch.int64 else (SMALL1 * 2).long(), SMALL2.to(dtype) if dtype != torch.int64 else (SMALL2 * 2).long()
        case = {'dtype': str(dtype).replace('torch.', ''), 'boxes1': tensor(b1), 'boxes2': tensor(b2),
                'box_area': tensor(ops.box_area(b1)), 'box_iou': tensor(ops.box_iou(b1, b2)),
                'generalized_box_iou': tensor(ops.generalized_box_iou(b1, b2))}
        if dtype != torch.int64:
            case['distance_box_iou'] = tensor(ops.distance_box_iou(b1, b2))
            case['complete_box_iou'] = tensor(ops.complete_box_iou(b1, b2))
            case['distance_box_iou_eps'] = tensor(ops.distance_box_iou(b1, b2, eps=0.5))
            case['complete_box_iou_eps'] = tensor(ops.complete_box_iou(b1, b2, eps=0.5))
            case['convert'] = [{'in': i, 'out': o, 'result': tensor(ops.box_convert(b1, i, o))}
                               for i in ('xyxy', 'xywh', 'cxcywh') for o in ('xyxy', 'xywh', 'cxcywh')]
            case['clip'] = tensor(ops.clip_boxes_to_image(b1 - 3, (12, 9)))
            case['clip3d'] = tensor(ops.clip_boxes_to_image((b1 - 3).reshape(1, 5, 4), (12, 9)))
            case['remove_small'] = tensor(ops.remove_small_boxes(b1, 5.75))
        out.append(case)
    # gradients of the pairwise ious (float64): weighted sums so that every entry matters
    b1 = SMALL1.double().requires_grad_()
    b2 = SMALL2.double().requires_grad_()
    wts = torch.arange(20, dtype=torch.float64).reshape(5, 4) / 10 - 1
    grads = {}
    for name in ('box_iou', 'generalized_box_iou', 'distance_box_iou', 'complete_box_iou'):
        g1, g2 = torch.autograd.grad((getattr(ops, name)(b1, b2) * wts).sum(), (b1, b2))
        grads[name] = {'boxes1': tensor(g1), 'boxes2': tensor(g2)}
    masks = torch.zeros(3, 6, 7, dtype=torch.bool)
    masks[0, 1:4, 2:6] = True
    masks[1, 5, 0] = True
    masks[2, 0, 6] = True
    masks[2, 4, 1] = True
    return {'cases': out, 'gradWeights': tensor(wts), 'grads': grads, 'masks': tensor(masks.to(torch.uint8)),
            'masks_to_boxes': tensor(ops.masks_to_boxes(masks))}


def gen_losses():
    pred = torch.tensor([[0., 0, 10, 10], [5, 5, 15, 20], [2, 3, 4, 9], [20, 20, 30, 25], [1.5, 0.5, 7.25, 3]])
    target = torch.tensor([[1., 1, 9, 12], [6, 4, 12, 18], [30, 30, 31, 40], [20, 20, 30, 25], [0, 0, 1, 1]])
    cases = []
    for name in ('generalized_box_iou_loss', 'distance_box_iou_loss', 'complete_box_iou_loss'):
        f = getattr(ops, name)
        for reduction in ('none', 'mean', 'sum'):
            cases.append({'name': name, 'reduction': reduction, 'eps': 1e-7,
                          'result': tensor(f(pred, target, reduction=reduction))})
        cases.append({'name': name, 'reduction': 'none', 'eps': 0.25, 'result': tensor(f(pred, target, reduction='none', eps=0.25))})
        p = pred.double().requires_grad_()
        t = target.double().requires_grad_()
        w = torch.arange(5, dtype=torch.float64) - 2
        gp, gt = torch.autograd.grad((f(p, t) * w).sum(), (p, t))
        cases.append({'name': name, 'grad': True, 'weights': tensor(w), 'pred': tensor(gp), 'target': tensor(gt)})
    torch.manual_seed(5)
    logits = torch.randn(4, 3) * 2
    labels = (torch.rand(4, 3) > 0.5).float()
    focal = []
    for alpha, gamma in ((0.25, 2.0), (-1.0, 0.0), (0.6, 1.5)):
        for reduction in ('none', 'mean', 'sum'):
            focal.append({'alpha': alpha, 'gamma': gamma, 'reduction': reduction,
                          'result': tensor(ops.sigmoid_focal_loss(logits, labels, alpha, gamma, reduction))})
    x = logits.double().requires_grad_()
    g, = torch.autograd.grad(ops.sigmoid_focal_loss(x, labels.double(), 0.25, 2.0, 'sum'), x)
    return {'pred': tensor(pred), 'target': tensor(target), 'cases': cases, 'logits': tensor(logits),
            'labels': tensor(labels), 'focal': focal, 'focalGrad': tensor(g)}


def gen_nms():
    cases = []
    for seed, n, levels, thr in ((1, 60, 4, 0.5), (2, 500, 7, 0.3), (3, 3000, 5, 0.6), (4, 10000, 10, 0.5)):
        b = boxes_from(seed, n)
        torch.manual_seed(seed + 100)
        scores = (torch.rand(n) * levels).floor() / levels
        for dtype in ((torch.float32, torch.float64) if n <= 500 else (torch.float32,)):
            keep = ops.nms(b.to(dtype), scores.to(dtype), thr)
            cases.append({'seed': seed, 'n': n, 'levels': levels, 'threshold': thr, 'dtype': str(dtype).replace('torch.', ''),
                          'boxesSum': float(b.double().sum()), 'scoresSum': float(scores.double().sum()),
                          'keep': keep.tolist()})
    # disjoint boxes: nothing is suppressed, so the result is the order the boxes are visited in. nms
    # visits tied scores in index order (a stable sort); batched_nms with more than 1000 boxes merges
    # the classes with Python's scores.sort(descending=True), which is not stable
    n = 5000
    torch.manual_seed(7)
    scores = torch.randint(0, 6, (n,)).float()
    idxs = torch.randint(0, 3, (n,))
    x = torch.arange(n).float() * 2
    disjoint = torch.stack([x, torch.zeros(n), x + 1, torch.ones(n)], 1)
    sort = {'n': n, 'seed': 7, 'nms': ops.nms(disjoint, scores, 0.5).tolist(),
            'batched': ops.batched_nms(disjoint, scores, idxs, 0.5).tolist()}
    assert sort['batched'] == scores.sort(descending=True)[1].tolist()
    batched = []
    for seed, n, classes, thr in ((11, 200, 3, 0.4), (12, 1000, 4, 0.5), (13, 1001, 4, 0.5), (14, 4000, 6, 0.45)):
        b = boxes_from(seed, n)
        torch.manual_seed(seed + 100)
        scores = (torch.rand(n) * 8).floor() / 8
        idxs = torch.randint(0, classes, (n,))
        batched.append({'seed': seed, 'n': n, 'classes': classes, 'threshold': thr, 'boxesSum': float(b.double().sum()),
                        'keep': ops.batched_nms(b, scores, idxs, thr).tolist()})
    return {'cases': cases, 'sort': sort, 'batched': batched}


def gen_roi():
    torch.manual_seed(21)
    x = torch.randn(2, 3, 10, 12)
    rois = torch.tensor([[1, 0.0, 0.0, 11.0, 9.0], [0, 2.3, 1.7, 7.9, 6.2], [1, -2.0, -1.5, 4.0, 3.0],
                         [0, 8.5, 6.25, 13.0, 12.0], [0, 3.0, 3.0, 3.2, 3.1], [1, 5.0, 4.0, 4.0, 5.0],
                         [0, 10.6, 8.4, 11.9, 9.9], [1, 1.1, 2.2, 6.6, 3.3]])
    align = []
    # float32 over the grid of options; float64 (long decimals) on a few
    grid = [(torch.float32, out, scale, sampling, aligned) for out in ((3, 3), (2, 4)) for scale in (1.0, 0.3)
            for sampling in (-1, 0, 2) for aligned in (False, True)]
    grid += [(torch.float64, (2, 4), 0.5, sampling, aligned) for sampling in (-1, 2) for aligned in (False, True)]
    for dtype, out, scale, sampling, aligned in grid:
        y = ops.roi_align(x.to(dtype), rois.to(dtype), out, scale, sampling, aligned)
        align.append({'dtype': str(dtype).replace('torch.', ''), 'output': list(out), 'scale': scale,
                      'sampling': sampling, 'aligned': aligned, 'result': tensor(y)})
    pool = []
    grid = [(torch.float32, out, scale) for out in ((3, 3), (2, 4), (1, 1)) for scale in (1.0, 0.5, 0.3)]
    grid.append((torch.float64, (2, 4), 0.3))
    for dtype, out, scale in grid:
        y = ops.roi_pool(x.to(dtype), rois.to(dtype), out, scale)
        pool.append({'dtype': str(dtype).replace('torch.', ''), 'output': list(out), 'scale': scale, 'result': tensor(y)})
    # per-image lists
    lists = [rois[rois[:, 0] == 0, 1:], rois[rois[:, 0] == 1, 1:]]
    list_align = ops.roi_align(x, lists, (3, 2), 0.5, 2, True)
    list_pool = ops.roi_pool(x, lists, (2, 2), 1.0)
    # float64 input gradients of weighted sums
    xd = x.double().requires_grad_()
    wa = torch.linspace(-1, 1, 8 * 3 * 3 * 3, dtype=torch.float64).reshape(8, 3, 3, 3)
    ga, = torch.autograd.grad((ops.roi_align(xd, rois.double(), 3, 0.5, -1, True) * wa).sum(), xd)
    gp, = torch.autograd.grad((ops.roi_pool(xd, rois.double(), 3, 0.5) * wa).sum(), xd)
    # position-sensitive: 8 channels in groups of 2x2 bins (2 out) and of 2x4 bins (1 out); the box with
    # x2 < x1 has an empty adaptive grid, which torchvision turns into NaN (0 / 0)
    torch.manual_seed(22)
    xp = torch.randn(2, 8, 10, 12)
    ps = []
    for dtype, out, scale, sampling in ((torch.float32, (2, 2), 1.0, -1), (torch.float32, (2, 2), 0.5, 2),
                                        (torch.float32, (2, 4), 0.3, -1), (torch.float64, (2, 2), 0.7, 0)):
        y = ops.ps_roi_align(xp.to(dtype), rois.to(dtype), out, scale, sampling)
        ps.append({'dtype': str(dtype).replace('torch.', ''), 'output': list(out), 'scale': scale, 'sampling': sampling,
                   'result': tensor(y)})
    ps_pool = []
    for dtype, out, scale in ((torch.float32, (2, 2), 1.0), (torch.float32, (2, 2), 0.5), (torch.float32, (2, 4), 0.3),
                              (torch.float64, (2, 2), 0.7)):
        y = ops.ps_roi_pool(xp.to(dtype), rois.to(dtype), out, scale)
        ps_pool.append({'dtype': str(dtype).replace('torch.', ''), 'output': list(out), 'scale': scale, 'result': tensor(y)})
    xpd = xp.double().requires_grad_()
    wp = torch.linspace(-1, 1, 8 * 2 * 2 * 2, dtype=torch.float64).reshape(8, 2, 2, 2)
    keep = torch.tensor([0, 1, 2, 3, 4, 6, 7])  # without the NaN box
    gps, = torch.autograd.grad((ops.ps_roi_align(xpd, rois.double()[keep], 2, 0.5, 2) * wp[keep]).sum(), xpd)
    return {'input': tensor(x), 'rois': tensor(rois), 'align': align, 'pool': pool,
            'psInput': tensor(xp), 'psAlign': ps, 'psPool': ps_pool, 'psPoolRepr': repr(ops.PSRoIPool(2, 0.5)), 'psGradWeights': tensor(wp[keep]), 'psGrad': tensor(gps),
            'listAlign': tensor(list_align), 'listPool': tensor(list_pool),
            'gradWeights': tensor(wa), 'alignGrad': tensor(ga), 'poolGrad': tensor(gp)}


def gen_multiscale():
    # a 4-level pyramid for images of at most 64x60 ('pool' is not pooled from); canonical scale 16 and
    # level 3 spread these boxes over the three levels used
    torch.manual_seed(31)
    feats = {'0': torch.randn(2, 3, 16, 15), '1': torch.randn(2, 3, 8, 8), '2': torch.randn(2, 3, 4, 4), 'pool': torch.randn(2, 3, 2, 2)}
    boxes = [torch.tensor([[1.0, 2.0, 9.0, 8.5], [0.0, 0.0, 40.0, 50.0], [10.0, 12.0, 27.0, 30.0]]),
             torch.tensor([[5.5, 4.0, 20.0, 11.0], [3.0, 3.0, 60.0, 58.0], [30.0, 2.0, 34.0, 6.0], [8.0, 9.0, 24.5, 26.0]])]
    shapes = [(64, 60), (50, 56)]
    m = ops.MultiScaleRoIAlign(['0', '1', '2'], (2, 3), 2, canonical_scale=16, canonical_level=3)
    y = m(feats, boxes, shapes)
    single = ops.MultiScaleRoIAlign(['1'], 2, -1)
    y1 = single(feats, boxes, shapes)
    levels = m.map_levels(boxes)
    return {'features': {k: tensor(v) for k, v in feats.items()}, 'boxes': [tensor(b) for b in boxes], 'shapes': shapes,
            'scales': m.scales, 'levels': levels.tolist(), 'result': tensor(y), 'single': tensor(y1), 'singleScales': single.scales,
            'repr': repr(m)}


def gen_modules():
    draws = []
    x = torch.arange(1, 1 + 6 * 2 * 3, dtype=torch.float32).reshape(6, 2, 3)
    for seed, p, mode in ((3, 0.5, 'row'), (4, 0.2, 'row'), (5, 0.5, 'batch'), (6, 0.9, 'batch'), (7, 1.0, 'row')):
        torch.manual_seed(seed)
        draws.append({'seed': seed, 'p': p, 'mode': mode, 'result': tensor(ops.stochastic_depth(x, p, mode, True))})
    m = ops.StochasticDepth(0.3, 'row').eval()
    bn = FrozenBatchNorm2d(3, eps=1e-3)
    with torch.no_grad():
        bn.weight.copy_(torch.tensor([1.5, -0.5, 2.0]))
        bn.bias.copy_(torch.tensor([0.1, 0.2, -0.3]))
        bn.running_mean.copy_(torch.tensor([0.5, -1.0, 0.25]))
        bn.running_var.copy_(torch.tensor([2.0, 0.5, 1.0]))
    torch.manual_seed(9)
    xb = torch.randn(2, 3, 2, 2)
    reprs = {'RoIAlign((7, 7), 0.5, 2)': repr(ops.RoIAlign((7, 7), 0.5, 2)),
             'RoIAlign(7, 0.0625, -1, True)': repr(ops.RoIAlign(7, 0.0625, -1, True)),
             'RoIPool(7, 1e-05)': repr(ops.RoIPool(7, 1e-5)), 'PSRoIAlign(2, 0.5, -1)': repr(ops.PSRoIAlign(2, 0.5, -1)), 'RoIPool((2, 3), 0.25)': repr(ops.RoIPool((2, 3), 0.25)),
             'StochasticDepth(0.2, row)': repr(ops.StochasticDepth(0.2, 'row')), 'FrozenBatchNorm2d(64)': repr(FrozenBatchNorm2d(64)),
             'FrozenBatchNorm2d(3, 0.001)': repr(bn)}
    return {'stochasticInput': tensor(x), 'stochastic': draws, 'evalUnchanged': bool(torch.equal(m(x), x)),
            'frozen': {'input': tensor(xb), 'output': tensor(bn(xb)), 'keys': list(bn.state_dict().keys())}, 'reprs': reprs}


def message(f):
    try:
        f()
    except Exception as e:  # noqa: BLE001 - the message is what is recorded
        return {'type': type(e).__name__, 'message': str(e)}
    raise AssertionError('no error')


def gen_errors():
    x = torch.randn(1, 2, 8, 8)
    return {
        'roi_boxes_shape': message(lambda: ops.roi_align(x, torch.zeros(3, 4), 2)),
        'roi_list_shape': message(lambda: ops.roi_align(x, [torch.zeros(3, 5)], 2)),
        'roi_align_dtype': message(lambda: ops.roi_align(x, torch.zeros(3, 5).double(), 2)),
        'roi_pool_dtype': message(lambda: ops.roi_pool(x, torch.zeros(3, 5).double(), 2)),
        'roi_align_long': message(lambda: ops.roi_align(x.long(), torch.zeros(3, 5).long(), 2)),
        'ps_roi_align_channels': message(lambda: ops.ps_roi_align(x, torch.zeros(3, 5), 3)),
        'roi_input_3d': message(lambda: ops.roi_align(torch.randn(2, 8, 8), torch.zeros(3, 5), 2)),
        'nms_long': message(lambda: ops.nms(torch.zeros(3, 4).long(), torch.zeros(3).long(), .5)),
        'nms_types': message(lambda: ops.nms(torch.zeros(3, 4), torch.zeros(3).double(), .5)),
        'nms_width': message(lambda: ops.nms(torch.zeros(3, 5), torch.zeros(3), .5)),
        'nms_dim': message(lambda: ops.nms(torch.zeros(3, 4, 1), torch.zeros(3), .5)),
        'nms_scores_dim': message(lambda: ops.nms(torch.zeros(3, 4), torch.zeros(3, 1), .5)),
        'nms_count': message(lambda: ops.nms(torch.zeros(3, 4), torch.zeros(2), .5)),
        'box_convert': message(lambda: ops.box_convert(torch.zeros(3, 4), 'xyxy', 'xy')),
        'stochastic_p': message(lambda: ops.stochastic_depth(x, 1.5, 'row')),
        'stochastic_mode': message(lambda: ops.stochastic_depth(x, 0.5, 'col')),
        'masks_empty_mask': message(lambda: ops.masks_to_boxes(torch.zeros(2, 3, 3))),
    }


def main():
    ref = {'boxes': gen_boxes(), 'losses': gen_losses(), 'nms': gen_nms(), 'roi': gen_roi(), 'multiscale': gen_multiscale(),
           'modules': gen_modules(), 'errors': gen_errors()}
    os.makedirs(OUT, exist_ok=True)
    with open(os.path.join(OUT, 'ops.json'), 'w') as f:
        json.dump(ref, f, separators=(',', ':'))
        f.write('\n')
    print('wrote ops.json', os.path.getsize(os.path.join(OUT, 'ops.json')), 'bytes')


if __name__ == '__main__':
    main()
