"""Twin of TensorBoardBenchmark: microseconds per add_scalar of a loss tensor, add_histogram of a 256 x 256 weight
(default bins) and add_image of a 3 x 64 x 64 image, median of 15 timed batches after 3 warm-up batches.
Needs the tensorboard wheels as tools/gen_tensorboard_reference.py's docstring installs them:

    PYTHONPATH=/tmp/tb /usr/bin/python3 benchmarks/pytorch/summary_writer.py
"""
import os
import statistics
import sys
import tempfile
import time

import torch
from torch.utils.tensorboard import SummaryWriter

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "tools"))
import gen_tensorboard_reference  # noqa: E402,F401  (its numpy shim lets PyTorch 1.13's add_histogram run on numpy 1.24)


def per_call(fn, n):
    t = time.perf_counter_ns()
    for i in range(n):
        fn(i)
    return (time.perf_counter_ns() - t) / n / 1e3


def main():
    torch.set_num_threads(1)
    torch.manual_seed(0)
    loss, weight, image = torch.tensor(0.25), torch.randn(256, 256), torch.rand(3, 64, 64)
    with tempfile.TemporaryDirectory() as d:
        w = SummaryWriter(d)
        work = {"scalar": (lambda i: w.add_scalar("loss/train", loss, i), 2000),
                "histogram": (lambda i: w.add_histogram("weight", weight, i), 20),
                "image": (lambda i: w.add_image("input", image, i), 200)}
        for name, (fn, n) in work.items():
            for _ in range(3):
                per_call(fn, n)
            print("%-10s %10.2f us" % (name, statistics.median(per_call(fn, n) for _ in range(15))))
        w.close()


if __name__ == "__main__":
    main()
