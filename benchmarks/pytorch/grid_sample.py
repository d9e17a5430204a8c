"""GridSampleStep's workload in PyTorch 1.13: grid_sample forward + backward of a [8, 3, 224, 224] float32 input
at a [8, 224, 224, 2] grid (both requiring grad, grid values in [-1.1, 1.1]), bilinear and nearest, zeros padding,
align_corners False. Medians over 9 rounds of 10 calls after a warm-up, wall and process CPU ms per call.

Run with Debian's PyTorch:  OMP_WAIT_POLICY=PASSIVE /usr/bin/python3 benchmarks/pytorch/grid_sample.py --threads 1,2
"""
import argparse
import json
import statistics
import time

import torch
import torch.nn.functional as F


def median(step):
    for _ in range(3):
        step()
    wall, cpu = [], []
    for _ in range(9):
        c, t = time.process_time(), time.perf_counter()
        for _ in range(10):
            step()
        cpu.append((time.process_time() - c) / 10 * 1000)
        wall.append((time.perf_counter() - t) / 10 * 1000)
    return statistics.median(wall), statistics.median(cpu)


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--threads", default="1,2")
    args = p.parse_args()
    for t in args.threads.split(","):
        torch.set_num_threads(int(t))
        torch.manual_seed(0)
        x = torch.randn(8, 3, 224, 224).requires_grad_()
        g = (torch.rand(8, 224, 224, 2) * 2.2 - 1.1).requires_grad_()
        for mode in ("bilinear", "nearest"):
            def step():
                F.grid_sample(x, g, mode=mode, padding_mode="zeros", align_corners=False).sum().backward()
                x.grad = None
                g.grad = None
            wall, cpu = median(step)
            print(json.dumps({"name": "grid_sample.fwd_bwd", "mode": mode, "threads": int(t),
                              "wall_ms": round(wall, 2), "cpu_ms": round(cpu, 2)}))


if __name__ == "__main__":
    main()
