"""PyTorch peer of org.torch4j.benchmarks.ConvLayerTimes: per-call times of the demo CNN's float32 3x3 pad-1
convolutions (batch 64: 1->16 on 28x28, 16->32 on 14x14), the forward (no autograd), the weight and bias gradients
and the input gradient (the extra time of a backward that also needs it). Medians of 200 calls after 50 warm-ups.

    OMP_WAIT_POLICY=PASSIVE /usr/bin/python3 benchmarks/pytorch/conv_layers.py 1,2
"""
import json
import sys
import time

import torch
import torch.nn.functional as F

from openblas import set_threads


def median(f, warmup=50, reps=200):
    for _ in range(warmup):
        f()
    ts = []
    for _ in range(reps):
        t0 = time.perf_counter()
        f()
        ts.append((time.perf_counter() - t0) * 1e6)
    ts.sort()
    return ts[reps // 2]


def main():
    for t in [int(v) for v in (sys.argv[1] if len(sys.argv) > 1 else "1,2").split(",")]:
        set_threads(t)
        for s in [(64, 1, 28, 28, 16), (64, 16, 14, 14, 32)]:
            torch.manual_seed(0)
            x = torch.randn(*s[:4])
            w = torch.randn(s[4], s[1], 3, 3, requires_grad=True)
            b = torch.randn(s[4], requires_grad=True)
            xg = x.clone().requires_grad_(True)
            gy = torch.randn(s[0], s[4], s[2], s[3])

            def fwd():
                with torch.no_grad():
                    F.conv2d(x, w, b, 1, 1)

            def weight():
                w.grad = None
                b.grad = None
                F.conv2d(x, w, b, 1, 1).backward(gy)

            def both():
                xg.grad = None
                w.grad = None
                b.grad = None
                F.conv2d(xg, w, b, 1, 1).backward(gy)

            tf, tw, ta = median(fwd), median(weight), median(both)
            print(json.dumps({"name": "conv_layer", "threads": t, "shape": str(list(s)), "forward_us": round(tf),
                              "weight_bias_grad_us": round(tw - tf), "input_grad_us": round(ta - tw)}))


if __name__ == "__main__":
    main()
