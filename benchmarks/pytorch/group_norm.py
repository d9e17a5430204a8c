"""GroupNormStep's workload in PyTorch 1.13: group_norm forward + backward of a [16, 64, 56, 56] float32 input in 32
groups with a weight and bias (all requiring grad). Medians over 9 rounds of 10 calls after a warm-up, wall and
process CPU ms per call.

Run with Debian's PyTorch:  OMP_WAIT_POLICY=PASSIVE /usr/bin/python3 benchmarks/pytorch/group_norm.py --threads 1,2
"""
import argparse
import json

import torch
import torch.nn.functional as F

from grid_sample import median


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--threads", default="1,2")
    args = p.parse_args()
    for t in args.threads.split(","):
        torch.set_num_threads(int(t))
        torch.manual_seed(0)
        x = torch.randn(16, 64, 56, 56).requires_grad_()
        w = torch.randn(64).requires_grad_()
        b = torch.randn(64).requires_grad_()
        gy = torch.randn(16, 64, 56, 56)

        def step():
            F.group_norm(x, 32, w, b, 1e-5).backward(gy)
            x.grad = w.grad = b.grad = None
        wall, cpu = median(step)
        print(json.dumps({"name": "group_norm.fwd_bwd", "threads": int(t), "wall_ms": round(wall, 2), "cpu_ms": round(cpu, 2)}))


if __name__ == "__main__":
    main()
