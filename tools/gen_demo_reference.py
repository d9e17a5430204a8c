"""PyTorch reference values for the torch4j demo, train and predict commands (bundles/commands tests).

    /usr/bin/python3 tools/gen_demo_reference.py

Writes into bundles/commands/src/test/resources/reference/demo/:
- img0.png .. img2.png: the first three test images of the embedded Fashion-MNIST subset (28x28 grey);
  img3_rgb.png: the fourth, doubled to 56x56 by repetition and tinted into RGB (exercises grey conversion and
  resizing in predict);
- fashion-cnn.safetensors: the demo CNN (benchmarks/pytorch/demo_cnn.py's DemoCnn) after one seeded epoch of the
  demo's training (Adam, one-cycle, peak lr 4e-3, batch 64) on the subset, weights stored as float16 to keep the
  file small, with the metadata torch4j's checkpoints carry;
- demo.json: the seeded model's logits (torch.manual_seed(0), no training) on img0..img2, and the top-5 classes
  and softmax probabilities of the trained checkpoint on every PNG, preprocessed as `torch4j predict` does
  (pixels / 255, RGB to grey by ITU-R 601 luma, bilinear resize without antialias, align_corners=False).

Deterministic: fixed seeds, single-threaded; the PNGs and the checkpoint are byte-identical on every run.
"""
import gzip
import json
import os
import struct
import sys

import numpy as np
import torch
import torch.nn.functional as F
from PIL import Image

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "benchmarks", "pytorch"))
from demo_cnn import DemoCnn, read_idx  # noqa: E402

SUBSET = os.path.join(ROOT, "ecosystem", "vision", "src", "main", "resources", "org", "torch4j", "vision", "data",
                      "fashion-mnist-subset")
OUT = os.path.join(ROOT, "bundles", "commands", "src", "test", "resources", "reference", "demo")
CLASSES = ["T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot"]
CODES = {torch.float16: "F16", torch.float32: "F32"}


def save_safetensors(tensors, metadata, path):
    """The safetensors format: 8-byte little-endian header length, JSON header (space-padded to 8), raw data."""
    header, blobs, offset = {"__metadata__": metadata}, [], 0
    for name in sorted(tensors):
        b = tensors[name].contiguous().numpy().tobytes()
        header[name] = {"dtype": CODES[tensors[name].dtype], "shape": list(tensors[name].shape),
                        "data_offsets": [offset, offset + len(b)]}
        offset += len(b)
        blobs.append(b)
    h = json.dumps(header, separators=(",", ":")).encode("utf-8")
    h += b" " * ((8 - len(h) % 8) % 8)
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(h)) + h + b"".join(blobs))


def prepare(png, size=(28, 28)):
    """What torch4j predict does to an image before the model: [1, 1, H, W] float32 in [0, 1]."""
    a = np.asarray(Image.open(png))
    x = torch.from_numpy(a.astype(np.float32) / 255.0)
    if x.dim() == 3:   # H, W, C: RGB to grey with the luma weights
        x = x[..., 0] * 0.299 + x[..., 1] * 0.587 + x[..., 2] * 0.114
    x = x[None, None]
    if tuple(x.shape[2:]) != size:
        x = F.interpolate(x, size=size, mode="bilinear", align_corners=False)
    return x


def main():
    torch.set_num_threads(1)
    os.makedirs(OUT, exist_ok=True)
    test_x = read_idx(os.path.join(SUBSET, "t10k-images-idx3-ubyte.gz"))
    train_x = torch.from_numpy(read_idx(os.path.join(SUBSET, "train-images-idx3-ubyte.gz")).copy())
    train_y = torch.from_numpy(read_idx(os.path.join(SUBSET, "train-labels-idx1-ubyte.gz")).astype(np.int64))

    pngs = []
    for i in range(3):
        name = f"img{i}.png"
        Image.fromarray(test_x[i], mode="L").save(os.path.join(OUT, name))
        pngs.append(name)
    big = np.repeat(np.repeat(test_x[3], 2, axis=0), 2, axis=1).astype(np.float32)
    rgb = np.stack([big, big * 0.75, 255 - big * 0.5], axis=-1).round().clip(0, 255).astype(np.uint8)
    Image.fromarray(rgb, mode="RGB").save(os.path.join(OUT, "img3_rgb.png"))
    pngs.append("img3_rgb.png")

    # the seeded, untrained model: torch4j's seeded initialisation is bit-exact with PyTorch's
    torch.manual_seed(0)
    seeded = DemoCnn().eval()
    with torch.no_grad():
        seeded_logits = seeded(torch.cat([prepare(os.path.join(OUT, n)) for n in pngs[:3]]))

    # one epoch of the demo's training on the subset
    torch.manual_seed(0)
    model = DemoCnn()
    opt = torch.optim.Adam(model.parameters(), lr=4e-3)
    steps = (len(train_y) + 63) // 64
    sched = torch.optim.lr_scheduler.OneCycleLR(opt, 4e-3, total_steps=steps)
    gen = torch.Generator().manual_seed(0)
    order = torch.randperm(len(train_y), generator=gen)
    for s in range(0, len(train_y), 64):
        idx = order[s:s + 64]
        loss = F.cross_entropy(model(train_x[idx].unsqueeze(1).float() / 255), train_y[idx])
        opt.zero_grad()
        loss.backward()
        opt.step()
        sched.step()
    state = {k: v.detach().half() for k, v in model.state_dict().items()}
    save_safetensors(state, {"format": "pt", "torch4j.model": "fashion-cnn", "torch4j.classes": "\n".join(CLASSES),
                             "torch4j.input_shape": "1,28,28", "epoch": "1"},
                     os.path.join(OUT, "fashion-cnn.safetensors"))
    model.load_state_dict({k: v.float() for k, v in state.items()})
    model.eval()
    predict = {}
    with torch.no_grad():
        for n in pngs:
            p = F.softmax(model(prepare(os.path.join(OUT, n))), 1)[0]
            top = torch.topk(p, 5)
            predict[n] = {"top5": top.indices.tolist(), "probs": top.values.tolist()}
    with open(os.path.join(OUT, "demo.json"), "w") as f:
        json.dump({"torch": torch.__version__, "images": pngs[:3], "seeded_logits": seeded_logits.tolist(),
                   "predict": predict}, f, indent=1)
        f.write("\n")
    print({n: (CLASSES[v["top5"][0]], round(v["probs"][0], 4)) for n, v in predict.items()})


if __name__ == "__main__":
    main()
