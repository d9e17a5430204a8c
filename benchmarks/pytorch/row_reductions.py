"""RowReductions' workloads in PyTorch 1.13: float32 x.sum(-1), x.amax(-1) and F.softmax(x, -1) on short and long rows
under no_grad. Each figure is the median of 15 rounds of 20 calls after 50 warm-up calls, microseconds per call.

Run with Debian's PyTorch:  OMP_WAIT_POLICY=PASSIVE /usr/bin/python3 benchmarks/pytorch/row_reductions.py --threads 1
"""
import argparse

import torch
import torch.nn.functional as F

from workloads import emit, median_round_us

SHAPES = [(16384, 64), (65536, 16), (4096, 256), (1024, 1000), (262144, 4)]


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--threads", default="1")
    args = p.parse_args()
    for t in args.threads.split(","):
        torch.set_num_threads(int(t))
        torch.manual_seed(0)
        for s in SHAPES:
            x = torch.randn(*s)
            with torch.no_grad():
                for op, f in (("sum", lambda: x.sum(-1)), ("amax", lambda: x.amax(-1)), ("softmax", lambda: F.softmax(x, -1))):
                    emit("rows.%s.%dx%d" % (op, s[0], s[1]), int(t), round(median_round_us(f, 50, 15, 20), 1), "us")


if __name__ == "__main__":
    main()
