"""Scaled dot-product attention in PyTorch, the workload of org.torch4j.benchmarks.AttentionStep.

    OMP_WAIT_POLICY=PASSIVE /usr/bin/python3 benchmarks/pytorch/attention.py --threads 1,2

float32 heads of 64 features, [4, 8, 512, 64] and [1, 8, 2048, 64] (also causal): inference (forward under
no_grad) and a training pass (forward and the backward of sum(out * g) into q, k and v). PyTorch 1.13 has
no fused CPU attention: torch._C._nn._scaled_dot_product_attention is its math path (matmul, softmax, matmul).
Prints one JSON object per workload and thread count: the median of 15 timed calls after 5 warm-ups.
"""
import argparse
import json
import time

import torch

from openblas import set_threads

sdpa = torch._C._nn._scaled_dot_product_attention


def timed(step):
    ms = []
    for i in range(20):
        t0 = time.perf_counter()
        step()
        if i >= 5:
            ms.append((time.perf_counter() - t0) * 1e3)
    ms.sort()
    return ms[7]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--threads", default="1,2")
    args = parser.parse_args()
    for t in (int(v) for v in args.threads.split(",")):
        set_threads(t)
        for shape, causal in (((4, 8, 512, 64), False), ((1, 8, 2048, 64), False), ((1, 8, 2048, 64), True)):
            torch.manual_seed(0)
            q, k, v, g = (torch.randn(shape) for _ in range(4))
            name = str(list(shape)).replace(" ", "") + (" causal" if causal else "")

            def forward():
                with torch.no_grad():
                    sdpa(q, k, v, None, 0.0, False, causal)

            def train():
                qg, kg, vg = (x.detach().requires_grad_() for x in (q, k, v))
                (sdpa(qg, kg, vg, None, 0.0, False, causal)[0] * g).sum().backward()

            for label, step in (("attention.forward", forward), ("attention.train", train)):
                print(json.dumps({"name": label, "shape": name, "threads": t, "value": round(timed(step), 2), "unit": "ms",
                                  "torch": torch.__version__}), flush=True)


if __name__ == "__main__":
    main()
