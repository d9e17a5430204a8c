"""The `torch4j demo` CNN in PyTorch: the same model, batch size and optimiser, timed one epoch at a time.

    OMP_WAIT_POLICY=PASSIVE /usr/bin/python3 benchmarks/pytorch/demo_cnn.py --threads 1,2

Prints one JSON object per thread count: {"name": "demo_cnn.epoch", "threads": ..., "value": <seconds of one
training epoch>, "unit": "s", "accuracy": <test accuracy after it>, ...}. Data: Debian's dataset-fashion-mnist
(/usr/share/datasets/fashion-mnist) unless --data DIR is given. The epoch time covers what the torch4j harness
(org.torch4j.benchmarks.DemoCnnEpoch) covers: shuffling, batching (uint8 -> float in [0, 1]), forward, loss,
backward, the Adam step and the one-cycle schedule (as `torch4j demo` trains); evaluation is timed apart.

As in gemm.py, torch.set_num_threads does not reach OpenBLAS's own pool in Debian's build, so the thread count
is also given to OpenBLAS through openblas_set_num_threads (Debian's torch runs its convolutions on oneDNN,
which follows torch.set_num_threads).
"""
import argparse
import gzip
import json
import os
import platform
import time

import numpy as np
import torch

from openblas import set_threads
import torch.nn as nn
import torch.nn.functional as F


MEAN, STD = 0.2860, 0.3530   # Fashion-MNIST's pixel statistics, applied inside the model as torch4j's DemoCnn does


class DemoCnn(nn.Module):
    """Mirror of org.torch4j.commands.DemoCnn: the same layers, state-dict names and input normalisation."""

    def __init__(self, classes=10):
        super().__init__()
        self.conv1 = nn.Conv2d(1, 16, 3, padding=1)
        self.conv2 = nn.Conv2d(16, 32, 3, padding=1)
        self.fc1 = nn.Linear(32 * 7 * 7, 128)
        self.fc2 = nn.Linear(128, classes)

    def forward(self, x):
        x = (x - MEAN) / STD
        x = F.max_pool2d(F.relu(self.conv1(x)), 2)
        x = F.max_pool2d(F.relu(self.conv2(x)), 2)
        x = F.relu(self.fc1(x.flatten(1)))
        return self.fc2(x)


def read_idx(path):
    opener = gzip.open if path.endswith(".gz") else open
    with opener(path, "rb") as f:
        data = f.read()
    rank = data[3]
    shape = [int.from_bytes(data[4 + 4 * i:8 + 4 * i], "big") for i in range(rank)]
    return np.frombuffer(data, dtype=np.uint8, offset=4 + 4 * rank).reshape(shape)


def load(root, prefix):
    def find(name):
        for n in (name, name + ".gz"):
            if os.path.exists(os.path.join(root, n)):
                return os.path.join(root, n)
        raise FileNotFoundError(f"no {name}[.gz] in {root}")
    images = torch.from_numpy(read_idx(find(prefix + "-images-idx3-ubyte")).copy())
    labels = torch.from_numpy(read_idx(find(prefix + "-labels-idx1-ubyte")).astype(np.int64))
    return images, labels


def train_epoch(model, opt, sched, images, labels, batch_size, gen):
    model.train()
    order = torch.randperm(len(labels), generator=gen)
    total, batches = 0.0, 0
    for start in range(0, len(labels), batch_size):
        idx = order[start:start + batch_size]
        x = images[idx].unsqueeze(1).float().div_(255)
        y = labels[idx]
        loss = F.cross_entropy(model(x), y)
        opt.zero_grad()
        loss.backward()
        opt.step()
        sched.step()
        total += loss.item()
        batches += 1
    return total / batches


@torch.no_grad()
def accuracy(model, images, labels, batch_size=1000):
    model.eval()
    correct = 0
    for start in range(0, len(labels), batch_size):
        x = images[start:start + batch_size].unsqueeze(1).float().div_(255)
        correct += (model(x).argmax(1) == labels[start:start + batch_size]).sum().item()
    return correct / len(labels)


def cpu_model():
    with open("/proc/cpuinfo") as f:
        for line in f:
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    return platform.processor()


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--threads", default="1,2")
    p.add_argument("--data", default="/usr/share/datasets/fashion-mnist")
    p.add_argument("--epochs", type=int, default=1, help="epochs per thread count (each one is timed)")
    p.add_argument("--batch-size", type=int, default=64)
    p.add_argument("--lr", type=float, default=4e-3, help="peak learning rate of the one-cycle schedule")
    args = p.parse_args()
    train_x, train_y = load(args.data, "train")
    test_x, test_y = load(args.data, "t10k")
    for t in (int(s) for s in args.threads.split(",")):
        set_threads(t)
        torch.manual_seed(0)
        gen = torch.Generator().manual_seed(0)
        model = DemoCnn()
        opt = torch.optim.Adam(model.parameters(), lr=args.lr)
        steps = args.epochs * ((len(train_y) + args.batch_size - 1) // args.batch_size)
        sched = torch.optim.lr_scheduler.OneCycleLR(opt, args.lr, total_steps=steps)
        for epoch in range(1, args.epochs + 1):
            t0 = time.perf_counter()
            loss = train_epoch(model, opt, sched, train_x, train_y, args.batch_size, gen)
            sec = time.perf_counter() - t0
            t1 = time.perf_counter()
            acc = accuracy(model, test_x, test_y)
            eval_sec = time.perf_counter() - t1
            print(json.dumps({"name": "demo_cnn.epoch", "threads": t, "epoch": epoch, "value": round(sec, 2), "unit": "s",
                              "train_images": len(train_y), "batch_size": args.batch_size, "loss": round(loss, 4),
                              "accuracy": round(acc, 4), "eval_s": round(eval_sec, 2), "torch": torch.__version__,
                              "cpu": cpu_model()}), flush=True)


if __name__ == "__main__":
    main()
