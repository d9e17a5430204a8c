"""OpSweep's workloads in PyTorch 1.13: common single ops at moderate sizes, float32, forward under no_grad and forward
plus backward for the training ones. Each figure is the median of 15 rounds of 10 calls after 100 warm-up calls,
microseconds per call; gradients accumulate across calls, as on torch4j's side.

Run with Debian's PyTorch:  OMP_WAIT_POLICY=PASSIVE /usr/bin/python3 benchmarks/pytorch/op_sweep.py --threads 1
"""
import argparse
import json
import time

import torch
import torch.nn.functional as F


def median_us(f):
    for _ in range(100):
        f()
    rounds = []
    for _ in range(15):
        t0 = time.perf_counter()
        for _ in range(10):
            f()
        rounds.append((time.perf_counter() - t0) / 10 * 1e6)
    rounds.sort()
    return rounds[len(rounds) // 2]


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--threads", default="1")
    args = p.parse_args()
    for t in args.threads.split(","):
        torch.set_num_threads(int(t))
        torch.manual_seed(0)
        x = torch.randn(2048, 1024); y = torch.randn(2048, 1024); w = torch.randn(1024); b = torch.randn(1024)
        logits = torch.randn(512, 1000); target = torch.randint(0, 1000, (512,))
        table = torch.randn(30000, 256); idx = torch.randint(0, 30000, (4096,))
        img = torch.randn(8, 64, 56, 56); v = torch.randn(1 << 20)

        def emit(name, f):
            print(json.dumps({"name": "ops." + name, "threads": int(t), "value": round(median_us(f), 1), "unit": "us"}), flush=True)

        with torch.no_grad():
            emit("layer_norm", lambda: F.layer_norm(x, (1024,), w, b, 1e-5))
            emit("gelu", lambda: F.gelu(x))
            emit("tanh", lambda: x.tanh())
            emit("cross_entropy", lambda: F.cross_entropy(logits, target))
            emit("embedding", lambda: F.embedding(idx, table))
            emit("index_select", lambda: table.index_select(0, idx))
            emit("cumsum", lambda: x.cumsum(1))
            emit("sort", lambda: logits.sort(1))
            emit("topk", lambda: logits.topk(5, 1))
            emit("argmax", lambda: x.argmax(1))
            emit("var", lambda: x.var(1))
            emit("where", lambda: torch.where(x > 0, x, y))
            emit("cat", lambda: torch.cat([x, y], 1))
            emit("t_contiguous", lambda: x.t().contiguous())
            emit("max_pool", lambda: F.max_pool2d(img, 3, 2, 1))
            emit("global_avg_pool", lambda: F.adaptive_avg_pool2d(img, 1))
            emit("softmax_dim0", lambda: F.softmax(x, 0))
            emit("sum", lambda: v.sum())
            emit("mul_scalar", lambda: x.mul(2.5))
        xg = x.clone().requires_grad_(); wg = w.clone().requires_grad_(); bg = b.clone().requires_grad_()
        lg = logits.clone().requires_grad_(); tg = table.clone().requires_grad_()
        emit("layer_norm.train", lambda: F.layer_norm(xg, (1024,), wg, bg, 1e-5).backward(y))
        emit("gelu.train", lambda: F.gelu(xg).backward(y))
        emit("softmax.train", lambda: F.softmax(xg, -1).backward(y))
        emit("mse_loss.train", lambda: F.mse_loss(xg, y).backward())
        emit("cross_entropy.train", lambda: F.cross_entropy(lg, target).backward())
        emit("embedding.train", lambda: F.embedding(idx, tg).sum().backward())


if __name__ == "__main__":
    main()
