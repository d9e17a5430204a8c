"""One transformer encoder layer's training step in PyTorch, the workload of org.torch4j.benchmarks.TransformerStep.

    OMP_WAIT_POLICY=PASSIVE /usr/bin/python3 benchmarks/pytorch/transformer_step.py --threads 1,2

d_model 256, 8 heads, feed-forward 1024, GELU, batch-first input [32, 64, 256], no dropout; a step is the
forward pass, mean(y ** 2) as the loss, backward and an Adam step. Prints one JSON object per thread count
with the median of 30 steps after 10 warm-up steps. OpenBLAS gets the thread count too (see gemm.py).
"""
import argparse
import json
import time

import torch

from openblas import set_threads


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--threads", default="1,2")
    args = parser.parse_args()
    for t in (int(v) for v in args.threads.split(",")):
        set_threads(t)
        torch.manual_seed(0)
        layer = torch.nn.TransformerEncoderLayer(256, 8, 1024, 0.0, "gelu", 1e-5, batch_first=True)
        adam = torch.optim.Adam(layer.parameters(), 1e-3)
        x = torch.randn(32, 64, 256)
        ms = []
        for i in range(40):
            t0 = time.perf_counter()
            loss = layer(x).pow(2).mean()
            adam.zero_grad()
            loss.backward()
            adam.step()
            if i >= 10:
                ms.append((time.perf_counter() - t0) * 1e3)
        ms.sort()
        print(json.dumps({"name": "transformer.step", "threads": t, "value": round((ms[14] + ms[15]) / 2, 1), "unit": "ms",
                          "torch": torch.__version__}), flush=True)


if __name__ == "__main__":
    main()
