"""torchvision 0.14's module trees for every builder of torch4j's model catalogs (Models, DetectionModels,
OpticalFlowModels): repr(model) and named_modules() (name and class name), and for a few models how often a
forward pass calls each module, for VisionReprTest. Writes
ecosystem/vision/src/test/resources/reference/vision/reprs.json.gz (gzip of compact JSON; no weights).
Run with Debian's Python: /usr/bin/python3 tools/gen_vision_reprs.py"""
import gzip
import json
import os
import re

import torch
import torchvision
from torchvision import models

HERE = os.path.dirname(os.path.abspath(__file__))
MODELS_DIR = os.path.join(HERE, '..', 'ecosystem', 'vision', 'src', 'main', 'java', 'org', 'torch4j', 'vision', 'models')
# the catalogs: classification, segmentation and video (Models), detection, optical flow
CATALOGS = {'models': 'Models.java', 'detection': 'detection/DetectionModels.java',
            'opticalflow': 'opticalflow/OpticalFlowModels.java'}
OUT = os.path.join(HERE, '..', 'ecosystem', 'vision', 'src', 'test', 'resources', 'reference', 'vision',
                   'reprs.json.gz')

# torch4j's catalog builds these as torchvision's builder of the same name would, except:
SPECIAL = {
    # torch4j's small ViT for 32x32 images: torchvision's VisionTransformer class with the same sizes
    'vit_small': lambda: models.VisionTransformer(image_size=32, patch_size=4, num_layers=4, num_heads=4,
                                                  hidden_dim=64, mlp_dim=128, num_classes=1000),
    # torch4j's googlenet is built without the auxiliary classifiers (torchvision's aux_logits=False)
    'googlenet': lambda: models.googlenet(aux_logits=False, init_weights=True),
}
# the segmentation and detection builders default to ImageNet backbone weights; torch4j's start from fresh ones
NO_BACKBONE_WEIGHTS = {'weights_backbone': None}
# the models whose hook calls are recorded (at 32x32 images)
HOOKED = ['resnet18', 'resnet50', 'mobilenet_v3_small']
# not a torchvision model (torch4j's own LeNet-5)
NOT_TORCHVISION = {'lenet5'}


def builder(name):
    for ns in (models, models.segmentation, models.video, models.detection, models.optical_flow):
        if hasattr(ns, name):
            return getattr(ns, name)
    raise KeyError(name)


def main():
    names = []
    for catalog in CATALOGS.values():
        with open(os.path.join(MODELS_DIR, catalog)) as f:
            names += re.findall(r'MODELS\.put\("([a-z0-9_]+)"', f.read())
    out = {'torch': torch.__version__, 'torchvision': torchvision.__version__, 'models': {}}
    for name in names:
        if name in NOT_TORCHVISION:
            continue
        torch.manual_seed(0)
        if name in SPECIAL:
            model = SPECIAL[name]()
        elif hasattr(models.segmentation, name) or hasattr(models.detection, name):
            model = builder(name)(**NO_BACKBONE_WEIGHTS)
        else:
            model = builder(name)()
        out['models'][name] = {
            'repr': repr(model),
            'modules': [[n, type(m).__name__] for n, m in model.named_modules()],
        }
        del model
    # how often each module runs in one eval-mode forward pass (forward hooks on every module), for models whose
    # blocks call a registered activation more than once
    out['hook_calls'] = {}
    for name in HOOKED:
        torch.manual_seed(0)
        model = builder(name)().eval()
        calls = {}
        for n, m in model.named_modules():
            calls[n] = 0
            m.register_forward_hook(lambda module, args, output, n=n: calls.__setitem__(n, calls[n] + 1))
        with torch.no_grad():
            model(torch.randn(1, 3, 32, 32))
        out['hook_calls'][name] = calls
    data = json.dumps(out, separators=(',', ':'), sort_keys=True).encode()
    with open(OUT, 'wb') as f:
        # mtime=0: the same bytes every run
        with gzip.GzipFile(filename='', mode='wb', fileobj=f, mtime=0, compresslevel=9) as g:
            g.write(data)
    print(len(out['models']), 'models,', len(data), 'bytes of JSON,', os.path.getsize(OUT), 'gzipped')


if __name__ == '__main__':
    main()
